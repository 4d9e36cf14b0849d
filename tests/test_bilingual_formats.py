"""Reading the bilingual formats (XLIFF 1.2/2.0, TMX, PO, CSV/TSV, JSONL): every target and
source character maps back into the file exactly, the texts agree with independent parsers
(ElementTree, polib, csv, json), units keep their ids, states and positions, and bad files
are refused with their line and column."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import defusedxml.ElementTree as DET
import polib
import pytest

from procutext.bilingual.formats import (FormatError, NotBilingual, NotChecked, NotEnglish, decode_declared,
                                         read_bilingual)
from procutext.bilingual.formats.common import PLACEHOLDER, Lines
from procutext.files import InputError, discover
from procutext.model import ATOM, FIXED, LITERAL, Document
from procutext.readers import kind_for_path, load_document

DATA = Path(__file__).parent / "data" / "bilingual"
FIXTURES = ["units12.xlf", "segmented12.xlf", "units20.xlf", "project.sdlxliff", "memory.tmx", "messages.po",
            "pairs.csv", "pairs.tsv", "pairs.jsonl"]


def read(name: str) -> tuple[str, Document]:
    text = (DATA / name).read_bytes().decode("utf-8")  # CRLF kept as it is in the file
    return text, load_document(text, None, name)


# -- decoding an atom the way each format defines it (independent of the readers) ---------------
def decode_atom(kind: str, raw: str) -> str:
    if kind in ("xliff", "tmx"):
        return DET.fromstring(f"<a>{raw}</a>").text or ""
    if kind == "po":
        return polib.unescape(raw) if not re.fullmatch(r"\\[0-7]{1,3}|\\x[0-9a-fA-F]+", raw) else \
            bytes(raw, "ascii").decode("unicode_escape")
    if kind in ("csv", "tsv"):
        assert raw == '""'
        return '"'
    if kind == "jsonl":
        return json.loads(f'"{raw}"')
    raise AssertionError(kind)


def check_map(kind: str, file_text: str, text: str, offsets, placeholders_ok: bool = True) -> None:
    """Every segment of an offset map is right: literal text is the file's, an atom decodes
    to its text, a fixed piece is a block break or a placeholder standing for an inline code."""
    segs = offsets.segments()
    assert "".join(text[t0:t1] for t0, t1, *_ in segs) == text
    for t0, t1, fs, fe, k in segs:
        piece, raw = text[t0:t1], file_text[fs:fe]
        if k & 3 == LITERAL:
            assert piece == raw, (piece, raw)
            for i in range(t0, t1):  # each character, through the map's own lookup
                assert file_text[offsets.to_file(i)] == text[i]
                assert offsets.to_text(offsets.to_file(i)) == i
        elif k & 3 == ATOM:
            assert decode_atom(kind, raw) == piece, (raw, piece)
        else:
            assert k & 3 == FIXED
            if piece == PLACEHOLDER:
                assert placeholders_ok and re.match(r"<(x|ph|cp)\b", raw), raw
            elif fs == fe:
                assert piece in ("\n\n", "\n") or not piece.strip(), repr(piece)
            else:
                raise AssertionError((piece, raw))


@pytest.mark.parametrize("name", FIXTURES)
def test_every_character_maps_back_into_the_file(name):
    file_text, doc = read(name)
    kind = kind_for_path(name)
    check_map(kind, file_text, doc.source, doc.offsets)
    b = doc.bilingual
    assert b is not None and b.source_file_text == file_text and b.source_path == name
    check_map(kind, file_text, b.source_text, b.source_map)
    assert len(doc.text) == len(doc.source)
    assert Document.MASK in doc.text or PLACEHOLDER not in doc.source  # placeholders are masked for rules
    for seg in b.segments:
        assert 0 <= seg.target_start <= seg.target_end <= len(doc.source)
        assert 0 <= seg.source_start <= seg.source_end <= len(b.source_text)


# -- the texts, against independent parsers ------------------------------------------------------
CODES, PLACEHOLDER_TAGS = {"bpt", "ept", "it", "ut", "sub"}, {"x", "ph", "cp"}


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def et_text(el) -> str:
    """An element's text as ElementTree parses it, inline codes left out, placeholders as U+FFFC."""
    out = [el.text or ""]
    for ch in el:
        name = local(ch.tag)
        if name in PLACEHOLDER_TAGS:
            out.append(PLACEHOLDER)
        elif name not in CODES:
            out.append(et_text(ch))
        out.append(ch.tail or "")
    return "".join(out)


def pairs(doc: Document) -> list[tuple[str, str]]:
    b = doc.bilingual
    return [(b.source_of(s), doc.source[s.target_start:s.target_end]) for s in b.segments]


def test_xliff12_texts_agree_with_elementtree():
    file_text, doc = read("units12.xlf")
    root = DET.fromstring(file_text.encode())
    expected = []
    for tu in root.iter("{urn:oasis:names:tc:xliff:document:1.2}trans-unit"):
        if tu.get("id") == "t5":  # in a translate="no" group
            continue
        src = tu.find("{urn:oasis:names:tc:xliff:document:1.2}source")
        tgt = tu.find("{urn:oasis:names:tc:xliff:document:1.2}target")
        expected.append((et_text(src), et_text(tgt) if tgt is not None else ""))
    assert pairs(doc) == expected
    assert "alternative" not in doc.source and "notes" not in doc.source and "not text" not in doc.source
    assert "不翻译" not in doc.bilingual.source_text  # translate="no" is left out


def test_xliff12_segmentation_one_segment_per_mrk():
    file_text, doc = read("segmented12.xlf")
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    root = DET.fromstring(file_text.encode())
    expected = []
    for tu in root.iter(ns + "trans-unit"):
        seg_source, target = tu.find(ns + "seg-source"), tu.find(ns + "target")
        src_marks = [m for m in seg_source.iter(ns + "mrk") if m.get("mtype") == "seg"]
        tgt_marks = {m.get("mid"): m for m in target.iter(ns + "mrk") if m.get("mtype") == "seg"}
        if not tgt_marks and et_text(target):
            expected.append((et_text(seg_source), et_text(target)))
            continue
        for m in src_marks:
            t = tgt_marks.get(m.get("mid"))
            expected.append((et_text(m), et_text(t) if t is not None else ""))
    assert pairs(doc) == expected
    segs = doc.bilingual.segments
    assert [(s.id, s.notes.get("mid")) for s in segs] == [("p1", "1"), ("p1", "2"), ("p2", "1"), ("p2", "2"),
                                                            ("p3", "1"), ("p3", "2"), ("p4", None)]
    # the target block of a unit holds the text between its segments too
    assert "It accepted 120 cases in the year . It prosecuted 95  people." in doc.source


def test_xliff20_texts_agree_with_elementtree():
    file_text, doc = read("units20.xlf")
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    root = DET.fromstring(file_text.encode())
    expected = []
    for unit in root.iter(ns + "unit"):
        if unit.get("translate") == "no":
            continue
        for seg in unit.findall(ns + "segment"):
            tgt = seg.find(ns + "target")
            expected.append((et_text(seg.find(ns + "source")), et_text(tgt) if tgt is not None else ""))
    assert pairs(doc) == expected
    assert "match" not in doc.source and "notes" not in doc.source
    # an ignorable without a target contributes its source (the merge rule of XLIFF 2), so the
    # two segments of u1 read as one paragraph
    assert "The meeting was held in Beijing . In all" in doc.source


def test_tmx_texts_agree_with_elementtree():
    file_text, doc = read("memory.tmx")
    root = DET.fromstring(file_text.encode())
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    got = pairs(doc)
    for tu, (src, tgt) in zip(root.iter("tu"), got, strict=True):
        segs = {(tuv.get(lang) or tuv.get("lang")): et_text(tuv.find("seg")) for tuv in tu.iter("tuv")}
        english = [v for k, v in segs.items() if k.lower().startswith("en")]
        assert tgt == (english[0] if english else "")
        want = tu.get("srclang") or "zh-CN"
        assert src == segs[want]
    assert [s.id for s in doc.bilingual.segments] == ["m1", "m2", "m3", "m4"]


def test_po_texts_agree_with_polib():
    file_text, doc = read("messages.po")
    po = polib.pofile(file_text)

    def gettext(s: str) -> str:  # polib leaves octal and hex escapes as they are; gettext reads them
        return re.sub(r"\\([0-7]{1,3})|\\x([0-9a-fA-F]+)",
                      lambda m: chr(int(m.group(1), 8)) if m.group(1) else chr(int(m.group(2), 16)), s)

    expected = []
    for e in po:
        if e.obsolete:
            continue
        if e.msgid_plural:
            for i in sorted(e.msgstr_plural):
                expected.append((e.msgid if i == 0 else e.msgid_plural, e.msgstr_plural[i]))
        else:
            expected.append((gettext(e.msgid), gettext(e.msgstr)))
    assert pairs(doc) == expected
    segs = doc.bilingual.segments
    assert [s.state for s in segs] == ["fuzzy" if "fuzzy" in e.flags else None
                                       for e in po if not e.obsolete for _ in (e.msgstr_plural or [0])]
    assert segs[2].id == "heading" and segs[1].notes["flags"] == ["c-format"]
    assert [s.notes.get("plural") for s in segs[3:5]] == [0, 1]
    assert doc.bilingual.target_lang == "en_US"
    assert "Obsolete" not in doc.source


@pytest.mark.parametrize("name,delimiter", [("pairs.csv", ","), ("pairs.tsv", "\t")])
def test_tables_agree_with_the_csv_module(name, delimiter):
    file_text, doc = read(name)
    rows = [r for r in csv.reader(io.StringIO(file_text, newline=""), delimiter=delimiter) if r]
    header = rows[0]
    si, ti = header.index("zh"), header.index("en")
    expected = [(r[si] if si < len(r) else "", r[ti] if ti < len(r) else "") for r in rows[1:]]
    assert pairs(doc) == expected


def test_jsonl_texts_agree_with_json():
    file_text, doc = read("pairs.jsonl")
    expected = []
    for line in file_text.split("\n"):
        if not line.strip():
            continue
        obj = json.loads(line)
        if "translation" in obj:
            obj = obj["translation"]
        expected.append((obj.get("zh", ""), obj.get("en", "")))
    assert pairs(doc) == expected
    # a surrogate pair written as two escapes is one character, mapped to all twelve
    doc_src = doc.source
    i = doc_src.index("\U0001f600")
    assert file_text[doc.file_offset(i):doc.file_offset(i + 1, end=True)] == "\\ud83d\\ude00"


# -- units: ids, states, positions ----------------------------------------------------------------
def test_states_and_notes_are_recorded():
    _, d12 = read("units12.xlf")
    s = {seg.id: seg for seg in d12.bilingual.segments}
    assert s["t1"].state == "translated" and s["t1"].notes == {"approved": True}
    assert s["t2"].state == "needs-review-translation"
    assert s["t3"].state is None
    _, d20 = read("units20.xlf")
    assert [(x.notes.get("segment"), x.state) for x in d20.bilingual.segments] == [
        ("s1", "translated"), ("s2", "reviewed"), ("s3", None), ("s4", "initial"), (None, "translated")]
    assert d20.bilingual.segments[1].notes["subState"] == "x:checked"
    _, sdl = read("project.sdlxliff")
    (seg,) = sdl.bilingual.segments  # the translate="no" structure unit is left out
    assert seg.state == "Translated" and seg.notes == {"mid": "1"}
    _, table = read("pairs.csv")
    assert [x.state for x in table.bilingual.segments] == ["translated", None, "draft", None, None]
    assert [x.id for x in table.bilingual.segments] == ["1", "2", "3", "4", "5"]


UNIT_START = {"xliff": r"<(trans-unit|unit)\b", "tmx": r"<tu\b", "po": r"(msgctxt|msgid) ", "jsonl": r"\{"}


@pytest.mark.parametrize("name", FIXTURES)
def test_segments_point_at_their_unit(name):
    file_text, doc = read(name)
    lines = Lines(file_text)
    kind = kind_for_path(name)
    for seg in doc.bilingual.segments:
        at = lines.starts[seg.line - 1] + seg.column - 1
        if kind in ("csv", "tsv"):  # a row: its line starts with its first field
            row = next(csv.reader(io.StringIO(file_text[at:]), delimiter="," if kind == "csv" else "\t"))
            target = doc.source[seg.target_start:seg.target_end]
            assert seg.column == 1 and doc.bilingual.source_of(seg) in row and (target in row or not target)
        else:
            assert re.compile(UNIT_START[kind]).match(file_text, at), (seg, file_text[at:at + 20])


@pytest.mark.parametrize("name", FIXTURES)
def test_findings_point_into_the_file(name):
    """A finding's line and column are the file's, at the character the finding starts on."""
    import procutext

    file_text, doc = read(name)
    findings = procutext.check(file_text, path=name, kind=kind_for_path(name), select=["PT130", "PT131", "PT101"])
    assert findings
    lines = Lines(file_text)
    segs = doc.offsets.segments()
    starts = [t0 for t0, *_ in segs]
    import bisect

    source_spans = [(fs, fe) for _, _, fs, fe, k in doc.bilingual.source_map.segments() if k & 3 != FIXED]
    for f in findings:
        assert (f.line, f.column) == lines.at(f.file_start)
        t0, _, fs, _, k = segs[bisect.bisect_right(starts, f.start) - 1]
        if k & 3 == LITERAL:
            assert f.file_start == fs + f.start - t0 and file_text[f.file_start] == doc.source[f.start]
        else:  # an entity or escape: the finding starts where it starts
            assert f.file_start == fs
        # in a target, never in a source or in markup between units
        assert "\n\n" not in doc.source[f.start:f.end]
        assert not any(a < f.file_end and f.file_start < b for a, b in source_spans)


def test_empty_and_missing_targets_are_segments_placed_in_the_file():
    file_text, doc = read("units12.xlf")
    seg = {s.id: s for s in doc.bilingual.segments}
    empty, missing = seg["t6"], seg["t7"]
    assert empty.target_start == empty.target_end and missing.target_start == missing.target_end
    at = doc.file_offset(empty.target_start)
    assert file_text.startswith("<target/>", at)
    at = doc.file_offset(missing.target_start)
    assert file_text[:at].endswith("<source>没有译文</source>")  # where the target would go
    file_text, doc = read("messages.po")
    (untranslated,) = [s for s in doc.bilingual.segments if doc.bilingual.source_of(s) == "未翻译"]
    at = doc.file_offset(untranslated.target_start)
    assert file_text[at - 8:at + 1] == 'msgstr ""'


def test_inline_codes_are_never_text():
    _, doc = read("units12.xlf")
    for code_text in ("&lt;", "<b>", "<i>", "not text", "id="):
        assert code_text not in doc.source
    t3 = next(s for s in doc.bilingual.segments if s.id == "t3")
    assert doc.text[t3.target_start:t3.target_end] == f"Click {Document.MASK} to see the details ."
    _, tmx = read("memory.tmx")
    assert "&lt;" not in tmx.source and "<b>" not in tmx.source and "Procuratorate & office" in tmx.source


# -- readers chosen by suffix; the walk ----------------------------------------------------------
def test_kinds_by_suffix():
    assert [kind_for_path(n) for n in ("a.xlf", "a.XLIFF", "a.sdlxliff", "a.mqxliff", "a.tmx", "a.po", "a.pot",
                                       "a.csv", "a.tsv", "a.tab", "a.jsonl", "a.ndjson", "a.json")] == \
        ["xliff", "xliff", "xliff", "xliff", "tmx", "po", "po", "csv", "tsv", "tsv", "jsonl", "jsonl", "text"]


def test_a_walk_takes_xliff_tmx_and_po_but_not_tables(tmp_path):
    for name in ("a.xlf", "b.xliff", "c.tmx", "d.po", "e.csv", "f.tsv", "g.jsonl", "h.pot", "i.sdlxliff"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    from procutext.config import Settings

    s = Settings()
    found = discover([str(tmp_path)], s.include, s.exclude)
    assert sorted(Path(p).name for p in found.files) == ["a.xlf", "b.xliff", "c.tmx", "d.po", "i.sdlxliff"]


# -- bad files --------------------------------------------------------------------------------
BAD = [
    ("xliff", '<xliff version="1.2">\n<file><body><trans-unit id="1"><source>a</source>\n<target>b</targ>'
              "</trans-unit></body></file></xliff>", "not well-formed XLIFF: line 3, column 12: mismatched tag"),
    ("xliff", '<xliff version="1.2"><file><body>\n  <trans-unit id="1"><source>a &nbsp; b</source>'
              "</trans-unit></body></file></xliff>", "line 2, column 32: undefined entity"),
    ("xliff", "<doc><p>x</p></doc>", "not valid XLIFF: line 1, column 1: the root element is <doc>, not <xliff>"),
    ("tmx", "<tmx version='1.4'><body><tu><tuv xml:lang='en'><seg>a</seg></tuv></tu>", "not well-formed TMX: line 1"),
    ("po", 'msgid "a"\nmsgstr "b\n', "not a valid PO file: line 2, column 8: unterminated string"),
    ("po", 'msgid "a"\nmsgstr "b" x\n', "line 2, column 11: text after the closing quote"),
    ("po", 'msgid "a"\nmsgstr "b\\q"\n', "line 2, column 10: unknown escape \\q"),
    ("po", 'msgid "a"\n\nmsgid "b"\nmsgstr ""\n', "line 1, column 1: msgid without msgstr"),
    ("po", 'msgstr "b"\n', "line 1, column 1: msgstr without msgid"),
    ("po", 'msgid "a"\nmsgtxt "b"\n', "line 2, column 1: unknown keyword 'msgtxt'"),
    ("po", 'msgid "a"\nmsgstr[0] "b"\n', "line 2, column 1: msgstr[N] belongs to an entry with msgid_plural"),
    ("csv", 'zh,en\n一,"two\n', "not valid CSV: line 2, column 3: a quoted field is not closed"),
    ("csv", 'zh,en\n一,"two" three\n', "line 2, column 8: text after the closing quote"),
    ("jsonl", '{"zh": "一", "en": "one"}\n{"zh": "二" "en": "two"}\n', "not valid JSON Lines: line 2, column 12: "
                                                                         "Expecting ',' delimiter"),
    ("jsonl", '["zh", "en"]\n', "line 1, column 1: each line must be a JSON object, not list"),
    ("jsonl", '{"zh": "一", "en": 5}\n', "the field 'en' is int, not a string"),
]


@pytest.mark.parametrize("kind,text,message", BAD)
def test_bad_files_are_refused_with_line_and_column(kind, text, message):
    with pytest.raises(FormatError) as e:
        read_bilingual(text, kind, "bad")
    assert message in str(e.value)
    assert str(e.value).startswith("bad: ")


NOT_TRANSLATIONS = [  # read, but not translation files: skipped with the reason, never passed as clean
    ("csv", "name,value\na,b\n", "its header ('name', 'value') names no source column"),
    ("tsv", "term\trendering\n检察院\tprocuratorate\n", "its header ('term', 'rendering') names no source column"),
    ("csv", "zh,count\n一,1\n", "its header ('zh', 'count') names no target column"),
    ("csv", "", "it is empty"),
    ("csv", "zh,en\n", "it has a header row and no rows"),
    ("jsonl", '{"a": "一", "b": "one"}\n', "no line has a source key"),
    ("jsonl", "\n\n", "it has no line"),
    ("xliff", '<xliff version="1.2"><file source-language="zh" target-language="en"><body/></file></xliff>',
     "it has no translation unit to check"),
    ("xliff", '<xliff version="1.2"><file source-language="zh" target-language="en"><body><trans-unit id="1" '
              'translate="no"><source>一</source></trans-unit></body></file></xliff>', 'all translate="no"'),
    ("tmx", '<tmx version="1.4"><header srclang="zh"/><body/></tmx>', "it has no <tu> translation unit"),
    ("po", 'msgid ""\nmsgstr "Language: en\\n"\n', "it has no entry besides the header"),
]


@pytest.mark.parametrize("kind,text,message", NOT_TRANSLATIONS)
def test_files_that_hold_no_translation_are_not_checked(kind, text, message):
    with pytest.raises(NotChecked) as e:
        read_bilingual(text, kind, "x")
    assert message in str(e.value) and str(e.value).startswith("x: not checked: ")
    assert not isinstance(e.value, FormatError)


DOCTYPES = [
    '<?xml version="1.0"?>\n<!DOCTYPE xliff>\n<xliff version="1.2"/>',
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
    '<xliff version="1.2"><file><body><trans-unit id="1"><source>&b;</source></trans-unit></body></file></xliff>',
    '<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "file:///etc/passwd">\n<xliff version="1.2"/>',
    '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>\n<xliff>&e;</xliff>',
]


@pytest.mark.parametrize("text", DOCTYPES)
def test_a_doctype_is_refused(text):
    for kind in ("xliff", "tmx"):
        with pytest.raises(FormatError) as e:
            read_bilingual(text, kind, "d.xlf")
        assert "line 2, column 1: a DOCTYPE declaration is not read" in str(e.value)


@pytest.mark.parametrize("kind,text,why", [
    ("xliff", '<xliff version="1.2"><file source-language="zh" target-language="fr-FR"><body><trans-unit id="1">'
              "<source>一</source><target>un</target></trans-unit></body></file></xliff>", "target language is fr-FR"),
    ("xliff", '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="ja">'
              '<file id="f"><unit id="u"><segment><source>一</source></segment></unit></file></xliff>',
     "target language is ja"),
    ("po", 'msgid ""\nmsgstr "Language: zh_CN\\n"\n\nmsgid "one"\nmsgstr "一"\n', "its Language is zh_CN"),
    ("xliff", '<xliff version="1.2"><file source-language="en-US"><body><trans-unit id="1">'
              "<source>one</source><target>一</target></trans-unit></body></file></xliff>",
     "its source language is en-US and it declares no target language"),
    ("xliff", '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">'
              '<file id="f"><unit id="u"><segment><source>one</source></segment></unit></file></xliff>',
     "its source language is en and it declares no target language"),
    ("tmx", '<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>一</seg></tuv>'
            '<tuv xml:lang="ja"><seg>一つ</seg></tuv></tu></body></tmx>', "no unit has an English variant"),
])
def test_files_with_another_target_language_are_not_checked(kind, text, why):
    with pytest.raises(NotEnglish) as e:
        read_bilingual(text, kind, "x")
    assert why in str(e.value)
    assert isinstance(e.value, InputError)


def test_units_of_a_non_english_file_element_are_left_out():
    text = ('<xliff version="1.2"><file source-language="zh" target-language="de"><body><trans-unit id="d">'
            "<source>一</source><target>eins</target></trans-unit></body></file>"
            '<file source-language="zh" target-language="en"><body><trans-unit id="e"><source>二</source>'
            "<target>two</target></trans-unit></body></file></xliff>")
    doc = read_bilingual(text, "xliff", "x.xlf")
    assert [s.id for s in doc.bilingual.segments] == ["e"] and doc.source == "two"


# -- options: fields and columns -------------------------------------------------------------------
def test_table_and_jsonl_fields_can_be_named():
    csv_text = "key,原文,mt,post-edit\n1,一,one ,one\n"
    doc = read_bilingual(csv_text, "csv", "t.csv", {"source_field": "原文", "target_field": "Post-Edit"})
    assert pairs(doc) == [("一", "one")]
    doc = read_bilingual(csv_text, "csv", "t.csv", {"target_field": "mt"})  # source: 原文, by default
    assert pairs(doc) == [("一", "one ")]
    with pytest.raises(NotBilingual, match="no target column 'final'"):
        read_bilingual(csv_text, "csv", "t.csv", {"target_field": "final"})
    jl = '{"src_text": "一", "out": {"text": "one"}}\n'
    doc = read_bilingual(jl, "jsonl", "t.jsonl", {"source_field": "src_text", "target_field": "out.text"})
    assert pairs(doc) == [("一", "one")]


def test_a_jsonl_line_without_its_target_is_an_empty_target():
    doc = read_bilingual('{"zh": "一", "en": "one"}\n{"zh": "二"}\n{"zh": "三", "en": null}\n', "jsonl", "t")
    assert pairs(doc) == [("一", "one"), ("二", ""), ("三", "")]


# -- encodings --------------------------------------------------------------------------------------
def test_declared_encodings_are_honoured():
    xml = '<?xml version="1.0" encoding="GB2312"?>\n<xliff version="1.2"><file><body><trans-unit id="1">' \
          "<source>检察院</source><target>procuratorate</target></trans-unit></body></file></xliff>"
    tf = decode_declared(xml.encode("gb18030"), "g.xlf", "xliff")
    assert tf.encoding == "gb18030" and "检察院" in tf.text and tf.declaration == "GB2312 by the XML declaration"
    po = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=GBK\\n"\n\nmsgid "检察院"\nmsgstr "procuratorate"\n'
    tf = decode_declared(po.encode("gb18030"), "g.po", "po")
    assert tf.encoding == "gb18030" and "检察院" in tf.text
    # a BOM, or --encoding, wins over the declaration
    assert decode_declared(b"\xef\xbb\xbf" + xml.encode("utf-8"), "g.xlf", "xliff").encoding == "utf-8"
    assert decode_declared(xml.encode("utf-8"), "g.xlf", "xliff", "utf-8").encoding == "utf-8"
    # a template's placeholder charset is no declaration
    tf = decode_declared(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=CHARSET\\n"\n', "t.pot", "po")
    assert tf.encoding == "utf-8" and tf.declared_by == "default"
    with pytest.raises(InputError, match="the XML declaration declares an unknown encoding 'x-nope'"):
        decode_declared(b'<?xml version="1.0" encoding="x-nope"?><xliff/>', "n.xlf", "xliff")
