"""Fixing bilingual files in place: only target text changes, escaped for the format, inline
codes and everything else byte for byte as it was, the file reads again (with procutext's
reader and an independent parser), a second fix changes nothing, and XLIFF states stay as
they were unless --mark-edited asks."""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import shutil
from pathlib import Path

import defusedxml.ElementTree as DET
import polib
import pytest
from helpers import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procutext.bilingual.formats import read_bilingual
from procutext.bilingual.formats.xliff import mark_edited
from procutext.config import Settings
from procutext.engine import fix_text
from procutext.model import FIXED
from procutext.readers import kind_for_path
from procutext.registry import select_rules
from procutext.runner import check_paths, fix_paths

DATA = Path(__file__).parent / "data" / "bilingual"
FIXTURES = ["units12.xlf", "segmented12.xlf", "units20.xlf", "project.sdlxliff", "memory.tmx", "messages.po",
            "pairs.csv", "pairs.tsv", "pairs.jsonl"]
PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def editable_regions(doc) -> list[tuple[int, int]]:
    """The file spans of the target text (contiguous literal and atom segments merged)."""
    spans = sorted((fs, fe) for _, _, fs, fe, k in doc.offsets.segments() if k & 3 != FIXED)
    out: list[list[int]] = []
    for fs, fe in spans:
        if out and fs == out[-1][1]:
            out[-1][1] = fe
        else:
            out.append([fs, fe])
    return [(a, b) for a, b in out]


def changes_outside_targets(doc, before: str, after: str) -> list[tuple[int, int]]:
    """The changed spans of ``before`` that are not inside a target's text."""
    regions = editable_regions(doc)
    bad = []
    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for tag, i1, i2, _, _ in ops:
        if tag != "equal" and not any(a <= i1 and i2 <= b for a, b in regions):
            bad.append((i1, i2))
    return bad


def structure(kind: str, text: str):
    """What a fix must never change, read by an independent parser: the XML elements and their
    attributes (inline codes included); the PO entries' ids, contexts and flags; the CSV/TSV
    rows' other fields; the JSONL objects without their target."""
    if kind in ("xliff", "tmx"):
        root = DET.fromstring(text.encode())
        return [(el.tag, sorted(el.attrib.items()), el.text if local(el.tag) in ("source", "note", "prop", "bpt",
                                                                                  "ept", "ph", "it") else None)
                for el in root.iter()]
    if kind == "po":
        return [(e.msgctxt, e.msgid, e.msgid_plural, sorted(e.flags), e.obsolete) for e in polib.pofile(text)]
    if kind in ("csv", "tsv"):
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter="," if kind == "csv" else "\t") if r]
        ti = rows[0].index("en")
        return [r[:ti] + r[ti + 1:] for r in rows]
    if kind == "jsonl":
        out = []
        for line in text.split("\n"):
            if line.strip():
                obj = json.loads(line)
                obj.pop("en", None)
                if isinstance(obj.get("translation"), dict):
                    obj["translation"].pop("en", None)
                out.append(obj)
        return out
    raise AssertionError(kind)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def rules():
    return select_rules(None, (), ())


@pytest.mark.parametrize("name", FIXTURES)
def test_round_trip_fix(name):
    text = (DATA / name).read_bytes().decode("utf-8")
    kind = kind_for_path(name)
    ctx = Settings().context()
    doc = read_bilingual(text, kind, name)
    result = fix_text(text, rules(), ctx, kind=kind, path=name)
    assert result.changed, "the fixture has fixable defects"
    fixed = result.text
    again = read_bilingual(fixed, kind, name)  # it reads again, with procutext's reader ...
    assert structure(kind, fixed) == structure(kind, text)  # ... and an independent one: nothing else changed
    assert again.bilingual.source_text == doc.bilingual.source_text
    assert len(again.bilingual.segments) == len(doc.bilingual.segments)
    assert [(s.id, s.state) for s in again.bilingual.segments] == [(s.id, s.state) for s in doc.bilingual.segments]
    assert changes_outside_targets(doc, text, fixed) == []
    assert fix_text(fixed, rules(), ctx, kind=kind, path=name).text == fixed  # idempotent
    for f in result.applied:
        assert f.edit is not None


def test_fixes_are_escaped_for_each_format():
    cases = [
        ("xliff", '<xliff version="1.2"><file><body><trans-unit id="1"><source>一</source><target>a b</target>'
                  "</trans-unit></body></file></xliff>", '<"A" & B>', "&lt;\"A\" &amp; B&gt;"),
        ("po", 'msgid "一"\nmsgstr "a b"\n', 'say "x"\\\n\ty', 'say \\"x\\"\\\\\\n\\ty'),
        ("csv", 'zh,en\n一,"a b"\n', 'say "x", then\nmore', 'say ""x"", then\nmore'),
        ("jsonl", '{"zh": "一", "en": "a b"}\n', 'say "x"\\\n', 'say \\"x\\"\\\\\\n'),
    ]
    for kind, text, replacement, written in cases:
        doc = read_bilingual(text, kind, "x")
        fs, fe, r = doc.offsets.edit(0, 3, replacement)
        assert r == written
        new = text[:fs] + r + text[fe:]
        assert read_bilingual(new, kind, "x").source == replacement


def test_edits_that_would_break_the_file_are_withheld():
    x = ('<xliff version="1.2"><file><body><trans-unit id="1"><source>一</source>'
         '<target>left <bx id="1"/> right <x id="2"/> end <![CDATA[raw]]></target></trans-unit></body></file></xliff>')
    doc = read_bilingual(x, "xliff", "x.xlf")
    assert doc.source.startswith("left  right \ufffc end raw")
    assert doc.offsets.edit(4, 6, " ") == "it would cross markup"  # the two spaces around <bx/>
    i = doc.source.index("\ufffc")
    assert doc.offsets.edit(i - 1, i + 1, "") == "it would cross markup (a line break or space that the tags make)"
    assert doc.offsets.edit(0, 4, "L\ufffc") == "it would copy an inline code"
    j = doc.source.index("raw")
    assert doc.offsets.edit(j, j + 3, "]]>") == "it would write ']' or '>' into a CDATA section, which could end it"
    fs, fe, r = doc.offsets.edit(j, j + 3, "R & <b")  # inside CDATA: written as it is
    assert r == "R & <b" and x[fs:fe] == "raw"
    assert doc.offsets.edit(0, 4, "\x01") == "it would write a character that XML 1.0 does not allow"
    t = read_bilingual("zh,en\n一,plain text\n", "csv", "t.csv")
    assert t.offsets.edit(0, 5, 'a "b"') == "the CSV field is not quoted, and the fix would need quotes"
    assert t.offsets.edit(0, 5, "a, b") == "the CSV field is not quoted, and the fix would need quotes"
    assert t.offsets.edit(0, 5, "fine")[2] == "fine"
    p = read_bilingual('msgid "一"\nmsgstr "one "\n"two"\n', "po", "p.po")
    assert p.source == "one two" and p.offsets.edit(2, 5, "") == "it would cross markup"
    assert p.offsets.edit(3, 4, "")[:2] == (21, 22)  # the space, inside the first string


def test_a_withheld_fix_is_reported_with_its_reason(tmp_path):
    f = tmp_path / "a.xlf"
    f.write_text('<xliff version="1.2"><file><body><trans-unit id="1"><source>一</source>'
                 '<target>The court <bx id="1"/> ruled  here.</target></trans-unit></body></file></xliff>',
                 encoding="utf-8")
    report = fix_paths([str(f)], select=["PT131"])
    (fixed,) = report.fixed
    (left,) = report.findings
    assert fixed.matched == "  " and "ruled here" in f.read_text(encoding="utf-8")
    assert "(not fixed in XLIFF: it would cross markup)" in left.message and left.fix_withheld
    assert '<bx id="1"/>' in f.read_text(encoding="utf-8")


# -- --mark-edited -------------------------------------------------------------------------------
def test_states_are_left_alone_unless_asked(tmp_path):
    f = tmp_path / "u.xlf"
    shutil.copy(DATA / "units12.xlf", f)
    before = f.read_text(encoding="utf-8")
    fix_paths([str(f)])
    after = f.read_text(encoding="utf-8")
    assert after != before
    assert re.findall(r"<target[^>]*>", after) == re.findall(r"<target[^>]*>", before)


def test_mark_edited_sets_the_state_of_changed_units_only(tmp_path):
    f = tmp_path / "u.xlf"
    shutil.copy(DATA / "units12.xlf", f)
    original = f.read_text(encoding="utf-8")
    report = fix_paths([str(f)], mark_edited="needs-review-l10n")
    assert not report.all_errors
    text = f.read_text(encoding="utf-8")
    doc0, doc1 = read_bilingual(original, "xliff", "u"), read_bilingual(text, "xliff", "u")
    for a, b in zip(doc0.bilingual.segments, doc1.bilingual.segments, strict=True):
        changed = doc0.source[a.target_start:a.target_end] != doc1.source[b.target_start:b.target_end]
        assert b.state == ("needs-review-l10n" if changed else a.state), (a.id, changed)
    assert {s.id for s in doc1.bilingual.segments if s.state == "needs-review-l10n"} == {"t1", "t2", "t3", "t4", "t8"}
    # only targets and state attributes differ; a second run changes nothing
    assert structure("xliff", re.sub(r' state="[^"]*"', "", text)) != [] and \
        [re.sub(r' state="[^"]*"', "", t) for t in re.findall(r"<target[^>]*>", text)] == \
        [re.sub(r' state="[^"]*"', "", t) for t in re.findall(r"<target[^>]*>", original)]
    fix_paths([str(f)], mark_edited="needs-review-l10n")
    assert f.read_text(encoding="utf-8") == text


def test_mark_edited_in_xliff_2_marks_the_segment():
    text = (DATA / "units20.xlf").read_text(encoding="utf-8")
    fixed = fix_text(text, rules(), Settings().context(), kind="xliff").text
    marked, n = mark_edited(text, fixed, "reviewed")
    segs = read_bilingual(marked, "xliff", "u").bilingual.segments
    assert n == 3  # s1, s3 and u4's segment; s2 has nothing to fix (and is "reviewed" already)
    assert [s.state for s in segs] == ["reviewed", "reviewed", "reviewed", "initial", "reviewed"]
    assert '<segment id="s1" state="reviewed">' in marked and '<segment state="reviewed">' in marked
    assert '<segment id="s3" state="reviewed">' in marked  # the attribute added where there was none
    with pytest.raises(Exception, match="'needs-translation' is not an XLIFF 2 state"):
        mark_edited(text, fixed, "needs-translation")


def test_mark_edited_from_the_command_line(tmp_path, capsys):
    f = tmp_path / "u.xlf"
    shutil.copy(DATA / "units20.xlf", f)
    code, _, err = run(capsys, "fix", "--mark-edited", "needs-translation", str(f))
    assert code == 2 and "'needs-translation' is not an XLIFF 2 state" in err
    assert f.read_text(encoding="utf-8") == (DATA / "units20.xlf").read_text(encoding="utf-8")
    code, _, err = run(capsys, "fix", "--mark-edited", "approved-ish", str(f))
    assert code == 2 and "is not an XLIFF 1.2 state" in err
    code, _, err = run(capsys, "fix", "--mark-edited", "final", str(f))
    assert code == 0 and f.read_text(encoding="utf-8").count('state="final"') == 3
    po = tmp_path / "m.po"
    shutil.copy(DATA / "messages.po", po)
    code, _, err = run(capsys, "fix", "--mark-edited", "final", str(po))
    assert code == 0 and "--mark-edited sets XLIFF states only" in err


SDL = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2" sdl:version="1.0">
  <file original="n.docx" datatype="x-sdlfilterframework2" source-language="zh-CN" target-language="en-US">
    <body>
      <trans-unit id="u1">
        <source>今年以来“蒲公英”行动。检察官出庭。</source>
        <seg-source><mrk mtype="seg" mid="1">今年以来“蒲公英”行动。</mrk><mrk mtype="seg" mid="2">检察官出庭。</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">Since this year, the “ Dandelion ” campaign has run.</mrk><mrk mtype="seg" mid="2">Prosecutors appeared in court.</mrk></target>
        <sdl:seg-defs><sdl:seg id="1" conf="Translated" origin="mt"/><sdl:seg id="2" conf="Translated" origin="mt"/></sdl:seg-defs>
      </trans-unit>
      <trans-unit id="u2">
        <source>检察官出庭。</source>
        <seg-source><mrk mtype="seg" mid="3">检察官出庭。</mrk></seg-source>
        <target><mrk mtype="seg" mid="3">Prosecutors appeared in court.</mrk></target>
        <sdl:seg-defs><sdl:seg id="3" conf="ApprovedTranslation"/></sdl:seg-defs>
      </trans-unit>
      <trans-unit id="u3">
        <source>“蒲公英”</source>
        <seg-source><mrk mtype="seg" mid="4">“蒲公英”</mrk></seg-source>
        <target><mrk mtype="seg" mid="4">the “ Dandelion ” work</mrk></target>
        <sdl:seg-defs><sdl:seg id="4"/></sdl:seg-defs>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def _confs(text: str) -> dict[str, str | None]:
    return {m.group(1): (re.search(r'conf="([^"]*)"', m.group(0)) or [None, None])[1]
            for m in re.finditer(r'<sdl:seg id="(\d+)"[^>]*>', text)}


@pytest.mark.parametrize("state,conf,state_set", [("needs-review-translation", "Draft", True),
                                                  ("Draft", "Draft", False), ("signed-off", "ApprovedTranslation", True),
                                                  ("x-autofixed", None, True)])
def test_mark_edited_sets_trados_levels_of_the_edited_segments(state, conf, state_set):
    fixed = fix_text(SDL, rules(), Settings().context(), kind="xliff").text
    assert "“Dandelion”" in fixed and fixed.count("“ Dandelion ”") == 0
    marked, n = mark_edited(SDL, fixed, state, "n.sdlxliff")
    assert n == 2  # u1 and u3; u2 has nothing to fix
    expect = {"1": conf or "Translated", "2": "Translated", "3": "ApprovedTranslation", "4": conf}
    assert _confs(marked) == expect  # mid 2 shares u1's target but did not change
    assert marked.count(f'state="{state}"') == (2 if state_set else 0)
    # nothing else changed: without the state and conf attributes the file is the fixed one
    strip = re.compile(r' (?:state|conf)="[^"]*"')
    assert strip.sub("", marked) == strip.sub("", fixed)
    assert mark_edited(SDL, marked, state, "n.sdlxliff")[0] == marked  # marking twice is marking once


def test_trados_levels_are_refused_outside_trados_files():
    text = (DATA / "units12.xlf").read_text(encoding="utf-8")
    fixed = fix_text(text, rules(), Settings().context(), kind="xliff").text
    with pytest.raises(Exception, match="'Draft' is not an XLIFF 1.2 state"):
        mark_edited(text, fixed, "Draft")


def test_mark_edited_with_a_trados_level_from_the_command_line(tmp_path, capsys):
    f = tmp_path / "n.sdlxliff"
    f.write_text(SDL, encoding="utf-8")
    code, _, err = run(capsys, "fix", "--mark-edited", "Draft", str(f))
    assert code == 0, err
    assert _confs(f.read_text(encoding="utf-8")) == {"1": "Draft", "2": "Translated", "3": "ApprovedTranslation",
                                                     "4": "Draft"}


# -- the command line ------------------------------------------------------------------------------
def test_check_and_fix_from_the_command_line(tmp_path, capsys):
    for name in FIXTURES:
        shutil.copy(DATA / name, tmp_path / name)
    code, out, err = run(capsys, "check", "--select", "PT130,PT131", str(tmp_path))
    assert code == 1
    walked = {Path(line.split(":")[0]).name for line in out.splitlines()}
    assert walked == {"units12.xlf", "segmented12.xlf", "units20.xlf", "project.sdlxliff", "memory.tmx",
                      "messages.po"}  # tables and JSONL only when named
    code, out, _ = run(capsys, "check", "--select", "PT131", str(tmp_path / "pairs.csv"), str(tmp_path / "pairs.jsonl"))
    assert code == 1 and "pairs.csv:5:9: PT131" in out and "pairs.jsonl:5:47: PT131" in out
    code, _, _ = run(capsys, "fix", str(tmp_path))
    assert code == 0
    code, out, _ = run(capsys, "check", "--select", "PT130,PT131", str(tmp_path))
    assert code == 0, out


def test_bad_files_exit_2_with_where_and_why(tmp_path, capsys):
    (tmp_path / "bad.xlf").write_text('<xliff version="1.2">\n<file><body></bdy></file></xliff>', encoding="utf-8")
    (tmp_path / "dtd.tmx").write_text('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4"/>', encoding="utf-8")
    (tmp_path / "good.po").write_text('msgid "一"\nmsgstr "one  two"\n', encoding="utf-8")
    code, out, err = run(capsys, "check", "--select", "PT131", str(tmp_path))
    assert code == 2
    assert "bad.xlf: not well-formed XLIFF: line 2, column 15: mismatched tag" in err
    assert "dtd.tmx: TMX refused: line 1, column 1: a DOCTYPE declaration is not read" in err
    assert "good.po:2:12: PT131" in out  # the good file is still checked
    assert "Traceback" not in err
    code, _, err = run(capsys, "fix", str(tmp_path / "bad.xlf"))
    assert code == 2 and "mismatched tag" in err


def test_a_file_in_another_language_is_skipped(tmp_path, capsys):
    (tmp_path / "fr.po").write_text('msgid ""\nmsgstr "Language: fr\\n"\n\nmsgid "一"\nmsgstr "un  deux"\n',
                                    encoding="utf-8")
    (tmp_path / "en.po").write_text('msgid "一"\nmsgstr "one  two"\n', encoding="utf-8")
    report = check_paths([str(tmp_path)], select=["PT131"])
    assert [Path(p).name for p, _ in report.skipped] == ["fr.po"]
    assert "its Language is fr" in report.skipped[0][1]
    assert [Path(fr.path).name for fr in report.files] == ["en.po"] and report.exit_code() == 1
    code, _, err = run(capsys, "check", str(tmp_path / "fr.po"))
    assert code == 2 and "skipped" in err


def test_fields_type_and_config_from_the_command_line(tmp_path, capsys):
    t = tmp_path / "pairs.txt"
    t.write_text("原文\tmt\n一\tone  two\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--type", "tsv", "--select", "PT131", str(t))
    assert code == 2 and "names no target column" in err
    code, out, _ = run(capsys, "check", "--type", "tsv", "--target-field", "mt", "--select", "PT131", str(t))
    assert code == 1 and "pairs.txt:2:6: PT131" in out
    code, out, _ = run(capsys, "check", "--type", "tsv", "--text-field", "mt", "--select", "PT131", str(t))
    assert code == 1
    (tmp_path / "procutext.toml").write_text('target-field = "mt"\nsource-field = "原文"\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "--type", "tsv", "--select", "PT131", str(t))
    assert code == 1 and "PT131" in out
    (tmp_path / "procutext.toml").write_text("target-field = 3\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--type", "tsv", str(t))
    assert code == 2 and "`target-field` must be a string, not a number" in err


def test_a_declared_legacy_encoding_is_written_back_in_it(tmp_path):
    f = tmp_path / "g.xlf"
    xml = ('<?xml version="1.0" encoding="GB2312"?>\n<xliff version="1.2"><file><body><trans-unit id="1">'
           "<source>检察院</source><target>The  procuratorate</target></trans-unit></body></file></xliff>")
    f.write_bytes(xml.encode("gb18030"))
    report = fix_paths([str(f)], select=["PT131"])
    assert not report.all_errors and len(report.fixed) == 1
    assert f.read_bytes() == xml.replace("The  p", "The p").encode("gb18030")


# -- properties: random files, random edits ---------------------------------------------------------
TEXT = st.text(alphabet="ab ,.;'\"&<>\\中文\n", max_size=10)
CDATA = st.text(alphabet="ab &中\"", max_size=6)
REPLACEMENT = st.text(alphabet="xy &<>\"'\\,.;]\n\t中", max_size=4)


def xml_escape(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PIECE = st.one_of(
    TEXT.map(xml_escape), TEXT.map(xml_escape), TEXT.map(lambda t: f'<g id="9">{xml_escape(t)}</g>'),
    st.sampled_from(['<x id="1"/>', '<bx id="2"/>', '<ex id="2"/>', '<ph id="3">&lt;b&gt;</ph>',
                     '<bpt id="4">&lt;i&gt;</bpt>', '<ept id="4">&lt;/i&gt;</ept>', "<!-- c -->", "&#x4E2D;",
                     "&quot;", "&apos;", "&#10;"]),
    CDATA.map(lambda t: f"<![CDATA[{t}]]>"),
)
CONTENT = st.lists(PIECE, max_size=5).map("".join)


@st.composite
def xliff_files(draw):
    units = []
    for i in range(draw(st.integers(1, 4))):
        target = draw(st.one_of(st.none(), st.just("<target/>"), CONTENT.map(lambda c: f"<target>{c}</target>")))
        units.append(f'<trans-unit id="{i}"><source>{draw(CONTENT)}</source>\n{target or ""}</trans-unit>\n')
    return ('<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="zh" target-language="en"><body>\n'
            + "".join(units) + "</body></file></xliff>\n")


@st.composite
def tmx_files(draw):
    units = [f'<tu tuid="{i}"><tuv xml:lang="zh"><seg>{draw(CONTENT)}</seg></tuv>\n'
             f'<tuv xml:lang="en"><seg>{draw(CONTENT)}</seg></tuv></tu>\n' for i in range(draw(st.integers(1, 3)))]
    return '<tmx version="1.4"><header srclang="zh"/><body>' + "".join(units) + "</body></tmx>"


PO_TEXT = st.text(alphabet='ab ,."\\\t\n中', max_size=8)


def po_string(t: str) -> str:
    return '"' + t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


@st.composite
def po_files(draw):
    out = []
    for i in range(draw(st.integers(1, 4))):
        parts = draw(st.lists(PO_TEXT, min_size=1, max_size=3))
        msgstr = "\n".join(po_string(p) for p in parts)
        msgid = po_string(draw(PO_TEXT.filter(bool)))  # (polib reads any msgid "" as a header)
        out.append(f'msgctxt "c{i}"\nmsgid {msgid}\nmsgstr {msgstr}\n')
    return "\n".join(out)


CELL = st.text(alphabet='ab ,"\n中', max_size=8)


@st.composite
def csv_files(draw):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=draw(st.sampled_from(["\n", "\r\n"])),
                   quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    w.writerow(["id", "zh", "en"])
    for i in range(draw(st.integers(1, 4))):
        w.writerow([str(i), draw(CELL) or "一", draw(CELL)])
    return buf.getvalue()


@st.composite
def jsonl_files(draw):
    lines = []
    for i in range(draw(st.integers(1, 4))):
        obj = {"id": i, "zh": draw(TEXT), "en": draw(st.text(max_size=8))}
        lines.append(json.dumps(obj, ensure_ascii=draw(st.booleans())))
    return "\n".join(lines) + "\n"


FORMATS = {"xliff": xliff_files(), "tmx": tmx_files(), "po": po_files(), "csv": csv_files(), "jsonl": jsonl_files()}


def independent_targets(kind: str, text: str) -> list[str]:
    if kind == "xliff":
        root = DET.fromstring(text.encode())
        return [et_target(t) if (t := tu.find("target")) is not None else "" for tu in root.iter("trans-unit")]
    if kind == "tmx":
        root = DET.fromstring(text.encode())
        return [et_target(tuv.find("seg")) for tuv in root.iter("tuv")
                if tuv.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"]
    if kind == "po":
        return [e.msgstr for e in polib.pofile(text)]
    if kind == "csv":
        return [r[2] for r in csv.reader(io.StringIO(text, newline=""))][1:]
    return [json.loads(line)["en"] for line in text.split("\n") if line.strip()]


def et_target(el) -> str:
    out = [el.text or ""]
    for ch in el:
        if ch.tag in ("x", "ph"):
            out.append("\ufffc")
        elif ch.tag not in ("bpt", "ept", "it", "sub"):
            out.append(et_target(ch))
        out.append(ch.tail or "")
    return "".join(out)


def targets(doc) -> list[str]:
    return [doc.source[s.target_start:s.target_end] for s in doc.bilingual.segments]


@pytest.mark.parametrize("kind", list(FORMATS))
@PROPS
@given(data=st.data())
def test_any_edit_is_written_exactly_or_withheld(kind, data):
    text = data.draw(FORMATS[kind])
    doc = read_bilingual(text, kind, "p")
    assert targets(doc) == independent_targets(kind, text)
    n = len(doc.source)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, min(n, start + 5)))
    replacement = data.draw(REPLACEMENT)
    mapped = doc.offsets.edit(start, end, replacement)
    if isinstance(mapped, str):  # withheld: with a reason
        assert mapped
        return
    fs, fe, written = mapped
    new = text[:fs] + written + text[fe:]
    again = read_bilingual(new, kind, "p")  # still a valid file ...
    edited = [s for s in doc.bilingual.segments if s.target_start <= start and end <= s.target_end]
    assert edited, "an edit that is not withheld lies in one target"
    expected = targets(doc)
    k = doc.bilingual.segments.index(edited[0])
    src, ts, te = doc.source, edited[0].target_start, edited[0].target_end
    expected[k] = src[ts:start] + replacement + src[end:te]
    assert targets(again) == expected == independent_targets(kind, new)  # ... with exactly this edit
    assert again.bilingual.source_text == doc.bilingual.source_text  # the sources are untouched
    assert structure_of(kind, new) == structure_of(kind, text)  # so are the codes and the rest
    assert any(a <= fs and fe <= b for a, b in editable_regions(doc)) or fs == fe


def structure_of(kind: str, text: str):
    if kind in ("xliff", "tmx"):
        root = DET.fromstring(text.encode())
        return [(el.tag, sorted(el.attrib.items()), el.text if el.tag in ("source", "ph", "bpt", "ept") else None)
                for el in root.iter()]
    if kind == "po":
        return [(e.msgctxt, e.msgid) for e in polib.pofile(text)]
    if kind == "csv":
        return [r[:2] for r in csv.reader(io.StringIO(text, newline=""))]
    return [{k: v for k, v in json.loads(line).items() if k != "en"} for line in text.split("\n") if line.strip()]


def test_stdin_is_read_by_its_name():
    import subprocess
    import sys

    xml = ('<?xml version="1.0" encoding="GB2312"?>\n<xliff version="1.2"><file><body><trans-unit id="1">'
           "<source>检察院</source><target>The  procuratorate</target></trans-unit></body></file></xliff>\n")
    proc = subprocess.run([sys.executable, "-m", "procutext", "fix", "-", "--stdin-filename", "in.xlf",
                           "--select", "PT131"], input=xml.encode("gb18030"), capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == xml.replace("The  p", "The p").encode("gb18030")  # in the encoding it declares


def test_the_library_api_reads_and_fixes_bilingual_text():
    import procutext

    text = 'msgid "一"\nmsgstr "one  two"\n'
    (finding,) = procutext.check(text, kind="po", select=["PT131"])
    assert (finding.line, finding.column) == (2, 12)
    assert procutext.fix(text, kind="po", select=["PT131"]).text == 'msgid "一"\nmsgstr "one two"\n'
    with pytest.raises(procutext.InputError, match="line 2, column 8: unterminated string"):
        procutext.check('msgid "一"\nmsgstr "one\n', kind="po")
