"""The bilingual checks (PT7xx) on the units of every bilingual format, and what a CAT-tool
user meets around them: findings with their target and source spans and the unit's place
in the file, inline codes, fixes in place byte for byte, which side is English, skipped and
malformed files, stdin and the library API."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from helpers import run

import procutext
from procutext.bilingual.formats import FormatError, NotChecked, read_bilingual
from procutext.bilingual.formats.common import Lines
from procutext.readers import kind_for_path
from procutext.runner import fix_paths

DATA = Path(__file__).parent / "data" / "bilingual"

#: one defect of each kind the bilingual checks find, unit by unit (id, source, target, code)
DEFECTS = [
    ("1", "案件报上级院审批。", "The case was submitted to the superior court for approval.", "PT702"),
    ("2", "共办理案件125件。", "A total of 152 cases were handled.", "PT703"),  # 125 → 152
    ("3", "检察院召开会议。", "检察院召开会议。", "PT706"),  # the source copied
    ("4", "检察长出席会议。", "", "PT707"),  # empty
    ("5", "本院召开党组会议。", "The procuratorate held a Party group meeting.", None),
    ("6", "本院召开党组会议。", "Our court convened a leading group meeting.", "PT709"),  # the same source, two ways
]
#: the same units translated right: nothing to find
CORRECT = [
    ("1", "案件报上级院审批。", "The case was submitted to the higher-level procuratorate for approval."),
    ("2", "共办理案件125件。", "A total of 125 cases were handled."),
    ("3", "检察院召开会议。", "The procuratorate held a meeting."),
    ("4", "检察长出席会议。", "The chief procurator attended the meeting."),
    ("5", "本院召开党组会议。", "The procuratorate held a Party group meeting."),
    ("6", "本院召开党组会议。", "The procuratorate held a Party group meeting."),
]


def xliff12(units) -> str:
    body = "".join(f'  <trans-unit id="{i}">\n    <source>{s}</source>\n    <target state="translated">{t}</target>\n'
                   "  </trans-unit>\n" for i, s, t, *_ in units)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file source-language="zh-CN" target-language="en-US" '
            f'datatype="plaintext" original="a.txt"><body>\n{body}</body></file>\n</xliff>\n')


def xliff20(units) -> str:
    body = "".join(f'  <unit id="{i}">\n    <segment state="translated">\n      <source>{s}</source>\n'
                   f"      <target>{t}</target>\n    </segment>\n  </unit>\n" for i, s, t, *_ in units)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
            f'version="2.0" srcLang="zh-CN" trgLang="en-US">\n<file id="f1">\n{body}</file>\n</xliff>\n')


def sdlxliff(units) -> str:
    body = "".join(f'<trans-unit id="{i}">\n<source>{s}</source>\n<seg-source><mrk mtype="seg" mid="{i}">{s}</mrk>'
                   f'</seg-source>\n<target><mrk mtype="seg" mid="{i}">{t}</mrk></target>\n<sdl:seg-defs>'
                   f'<sdl:seg id="{i}" conf="Translated"/></sdl:seg-defs>\n</trans-unit>\n' for i, s, t, *_ in units)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2" sdl:version="1.0">\n'
            '<file original="a.docx" source-language="zh-CN" target-language="en-US" '
            f'datatype="x-sdlfilterframework2"><body>\n{body}</body></file>\n</xliff>\n')


def tmx(units) -> str:
    body = "".join(f'<tu tuid="{i}">\n  <tuv xml:lang="zh-CN"><seg>{s}</seg></tuv>\n'
                   f'  <tuv xml:lang="en-US"><seg>{t}</seg></tuv>\n</tu>\n' for i, s, t, *_ in units)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header srclang="zh-CN" '
            'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="tests" creationtool="tests" '
            f'creationtoolversion="1"/>\n<body>\n{body}</body>\n</tmx>\n')


def po(units) -> str:
    entries = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en_US\\n"\n']
    entries += [f'msgctxt "{i}"\nmsgid "{s}"\nmsgstr "{t}"\n' for i, s, t, *_ in units]
    return "\n".join(entries)


def table(delimiter: str):
    def build(units) -> str:
        return f"id{delimiter}zh{delimiter}en\n" + "".join(f"{i}{delimiter}{s}{delimiter}{t}\n"
                                                          for i, s, t, *_ in units)
    return build


def jsonl(units) -> str:
    return "".join(json.dumps({"id": i, "zh": s, "en": t}, ensure_ascii=False) + "\n" for i, s, t, *_ in units)


FORMATS = {"a.xlf": xliff12, "b.xliff": xliff20, "c.sdlxliff": sdlxliff, "d.tmx": tmx, "e.po": po,
           "f.csv": table(","), "g.tsv": table("\t"), "h.jsonl": jsonl}
#: where a unit starts in each format, at its line and column
UNIT_START = {"xliff": r"<(trans-unit|unit)\b", "tmx": r"<tu\b", "po": r"msgctxt ", "csv": r"\d,", "tsv": r"\d\t",
              "jsonl": r"\{"}


@pytest.mark.parametrize("name", list(FORMATS))
def test_the_bilingual_checks_run_on_the_units_of_every_format(name):
    text = FORMATS[name](DEFECTS)
    kind = kind_for_path(name)
    findings = [f for f in procutext.check(text, path=name) if f.code.startswith("PT7")]
    lines = Lines(text)
    got = {}
    for f in findings:
        unit = f.data["segment"]
        got.setdefault(unit, set()).add(f.code)
        _, source, target, _ = next(u for u in DEFECTS if u[0] == unit)
        # the target span: into the file, at the unit's target
        assert (f.line, f.column) == lines.at(f.file_start)
        assert text[f.file_start:f.file_end] == f.matched and f.matched in target
        # the source span: the unit's source in the same file, with its own line and column
        assert f.source is not None and f.source.path == name and f.source.text and f.source.text in source
        assert f.source.text == text[Lines(text).starts[f.source.line - 1] + f.source.column - 1:][:len(f.source.text)]
        # the unit's place in the file
        at = lines.starts[f.data["unit_line"] - 1] + f.data["unit_column"] - 1
        assert re.compile(UNIT_START[kind]).match(text, at), (f.code, text[at:at + 20])
        assert at <= f.file_start and at <= lines.starts[f.source.line - 1] + f.source.column - 1
    expected = {u[0]: {u[3]} for u in DEFECTS if u[3]}
    assert {k: v & {"PT702", "PT703", "PT706", "PT707", "PT709"} for k, v in got.items()} == expected
    wrong = next(f for f in findings if f.code == "PT702")
    assert (wrong.matched, wrong.source.text, wrong.edit.replacement) == \
        ("superior court", "上级院", "higher-level procuratorate")


@pytest.mark.parametrize("name", list(FORMATS))
def test_a_correct_translation_raises_nothing_in_any_format(name):
    assert procutext.check(FORMATS[name](CORRECT), path=name) == []


@pytest.mark.parametrize("name", ["a.xlf", "b.xliff", "c.sdlxliff", "d.tmx", "e.po", "f.csv", "h.jsonl"])
def test_a_wrong_term_is_fixed_in_the_file_and_nothing_else_changes(tmp_path, name):
    f = tmp_path / name
    text = FORMATS[name](DEFECTS)
    f.write_text(text, encoding="utf-8", newline="")
    report = fix_paths([str(f)], select=["PT702"])
    assert not report.all_errors and [x.code for x in report.fixed] == ["PT702"]
    after = f.read_text(encoding="utf-8")
    assert after == text.replace("the superior court", "the higher-level procuratorate")
    assert procutext.check(after, path=name, select=["PT702"]) == []


# -- fixing in place, byte for byte -----------------------------------------------------------------------
def byte_offsets(text: str, encoding: str, bom: bytes) -> list[int]:
    """The byte offset of every character offset of ``text`` (and of its end) in the file."""
    out, n = [len(bom)], len(bom)
    for ch in text:
        n += len(ch.encode(encoding))
        out.append(n)
    return out


VARIANTS = ["as-is", "bom", "crlf", "gb18030"]


def variant(name: str, how: str) -> tuple[bytes, str, bytes]:
    """A fixture's bytes as written in a variant: (bytes, encoding, BOM)."""
    text = (DATA / name).read_bytes().decode("utf-8")
    kind = kind_for_path(name)
    if how == "crlf":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    if how == "gb18030":
        if kind in ("xliff", "tmx"):
            text = re.sub(r'encoding="UTF-8"', 'encoding="GB18030"', text, count=1, flags=re.I)
        elif kind == "po":
            text = text.replace("charset=UTF-8", "charset=GB18030")
        return text.encode("gb18030"), "gb18030", b""
    bom = b"\xef\xbb\xbf" if how == "bom" else b""
    return bom + text.encode("utf-8"), "utf-8", bom


@pytest.mark.parametrize("how", VARIANTS)
@pytest.mark.parametrize("name", ["units12.xlf", "segmented12.xlf", "units20.xlf", "project.sdlxliff", "memory.tmx",
                                  "messages.po", "pairs.csv", "pairs.tsv", "pairs.jsonl"])
def test_a_fix_changes_the_bytes_of_the_reported_spans_only(tmp_path, name, how):
    kind = kind_for_path(name)
    if how == "gb18030" and kind not in ("xliff", "tmx", "po"):
        pytest.skip("tables and JSON Lines declare no encoding")
    data, encoding, bom = variant(name, how)
    f = tmp_path / name
    f.write_bytes(data)
    report = fix_paths([str(f)], encoding="gb18030" if how == "gb18030" and kind not in ("xliff", "tmx", "po")
                       else None)
    assert not report.all_errors, report.all_errors
    (fr,) = report.files
    assert fr.fixed, "the fixture has defects to fix"
    new = f.read_bytes()
    assert new.startswith(bom) and (not bom or not new[len(bom):].startswith(bom))
    original = data[len(bom):].decode(encoding)
    fixed = new[len(bom):].decode(encoding)
    spans = [(x.file_start, x.file_end) for x in fr.fixed]
    ob, nb = byte_offsets(original, encoding, bom), byte_offsets(fixed, encoding, bom)
    ops = difflib.SequenceMatcher(None, original, fixed, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":  # everything between the edits: the same bytes
            assert data[ob[i1]:ob[i2]] == new[nb[j1]:nb[j2]]
        else:  # every change lies in the span of a fix that was reported
            assert any(s <= i1 and i2 <= e for s, e in spans), (tag, original[i1 - 10:i2 + 10], fixed[j1:j2])
    if how == "crlf":
        assert new.count(b"\r\n") == data.count(b"\r\n") and new.replace(b"\r\n", b"").count(b"\n") == 0
    # a second run finds nothing more to fix
    assert not fix_paths([str(f)]).fixed


def test_po_fixes_edit_msgstr_only_keeping_flags_plurals_and_split_strings(tmp_path):
    f = tmp_path / "m.po"
    shutil.copy(DATA / "messages.po", f)
    before = polib.pofile(str(f))
    report = fix_paths([str(f)])
    after = polib.pofile(str(f))
    assert [(e.msgctxt, e.msgid, e.msgid_plural, e.flags, e.previous_msgid, e.comment, e.occurrences)
            for e in after] == [(e.msgctxt, e.msgid, e.msgid_plural, e.flags, e.previous_msgid, e.comment,
                                 e.occurrences) for e in before]
    assert after.metadata == before.metadata and len(after.obsolete_entries()) == len(before.obsolete_entries())
    by_id = {e.msgid: e for e in after}
    assert by_id["%d件案件"].msgstr_plural == {0: "%d case handled", 1: "%d cases handled"}  # both forms fixed
    assert "fuzzy" in by_id["检察长说：“依法办案”"].flags
    assert by_id["起诉"].msgstr == "Prosecution and trial\non two lines\\."
    text = f.read_text(encoding="utf-8")
    assert 'msgstr ""\n"Prosecution "\n"and trial\\n"\n"on two lines\\\\."\n' in text  # the lines kept
    assert '#~ msgstr "Obsolete  entry ."' in text  # obsolete entries are not read, nor fixed
    lines = text.splitlines()
    for x in report.fixed:  # every fix in a msgstr string, never in a msgid, a comment or the header
        line = lines[x.line - 1]
        assert line.startswith(("msgstr", '"')) and not line.startswith("msgid")
        k = x.line - 1
        while lines[k].startswith('"'):
            k -= 1
        assert lines[k].startswith("msgstr")


def test_tmx_fixes_edit_the_english_variant_only(tmp_path):
    f = tmp_path / "m.tmx"
    shutil.copy(DATA / "memory.tmx", f)
    text = f.read_text(encoding="utf-8")
    report = fix_paths([str(f)])
    assert report.fixed
    for x in report.fixed:
        tuv = text.rfind("<tuv", 0, x.file_start)
        lang = re.match(r'<tuv[^>]*\b(?:xml:)?lang="([^"]+)"', text[tuv:]).group(1)
        assert lang.lower().startswith("en") and text.find("</tuv>", tuv) >= x.file_end, (lang, x.code)


# -- inline codes -----------------------------------------------------------------------------------------
CODED_12 = ('<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="zh" target-language="en"><body>\n'
            '<trans-unit id="1"><source>检察长<g id="1">张某</g>出席<x id="2"/>会议<ph id="3">{0}</ph>。</source>\n'
            '<target>Chief procurator <g id="1">Zhang</g> attended <x id="2"/> the meeting<ph id="3">{0}</ph> .</target>'
            '</trans-unit>\n'
            '<trans-unit id="2"><source><bpt id="1">&lt;b&gt;</bpt>第一条<ept id="1">&lt;/b&gt;</ept><it id="2" '
            'pos="open">&lt;i&gt;</it>正文</source>\n'
            '<target><bpt id="1">&lt;b&gt;</bpt>Article  1<ept id="1">&lt;/b&gt;</ept> <it id="2" pos="open">&lt;i&gt;'
            '</it> text <bx id="3"/>in <ex id="3"/> force .</target></trans-unit>\n'
            "</body></file></xliff>\n")
CODED_20 = ('<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" '
            'trgLang="en"><file id="f"><unit id="u1"><originalData><data id="d1">&lt;br/&gt;</data></originalData>\n'
            '<segment><source>会议在<pc id="1">北京</pc>举行<ph id="2" dataRef="d1"/>。</source>\n'
            '<target>The meeting was held in <pc id="1">Beijing</pc> <ph id="2" dataRef="d1"/> today .</target>'
            '</segment>\n'
            '<segment><source>共<sc id="3"/>十人<ec startRef="3"/>。</source>\n'
            '<target>In all <sc id="3"/> ten people<ec startRef="3"/>  came .</target></segment></unit>\n'
            "</file></xliff>\n")
CODE_TAGS = re.compile(r"<(/?)(g|x|ph|bpt|ept|it|bx|ex|pc|sc|ec|mrk)\b[^>]*>(?:[^<]*</(?:ph|bpt|ept|it)>)?")


@pytest.mark.parametrize("text", [CODED_12, CODED_20], ids=["xliff12", "xliff20"])
def test_inline_codes_are_never_text_and_survive_every_fix(text):
    doc = read_bilingual(text, "xliff", "c.xlf")
    for code in ("&lt;", "<b>", "{0}", "id=", "br/"):
        assert code not in doc.source and code not in doc.bilingual.source_text
    assert ("Zhang" if "<g " in text else "Beijing") in doc.source  # a <g>/<pc> holds text
    result = procutext.fix(text, kind="xliff", unsafe=True)
    assert result.applied
    assert CODE_TAGS.findall(result.text) == CODE_TAGS.findall(text)
    assert [m.group() for m in CODE_TAGS.finditer(result.text)] == [m.group() for m in CODE_TAGS.finditer(text)]
    read_bilingual(result.text, "xliff", "c.xlf")  # it reads again
    # a fix that would cross a code is withheld, with the reason
    withheld = [f for f in result.remaining if f.fix_withheld]
    assert withheld and all("(not fixed in XLIFF: it would cross markup" in f.message for f in withheld)
    for f in withheld:
        assert CODE_TAGS.search(text, f.file_start, f.file_end) or "<" in text[f.file_start:f.file_end]
    assert procutext.fix(result.text, kind="xliff", unsafe=True).text == result.text


# -- which side is English; skipped files ---------------------------------------------------------------------
def write_languages(tmp_path: Path) -> None:
    (tmp_path / "zh-en.xlf").write_text(xliff12(DEFECTS[:2]), encoding="utf-8")
    (tmp_path / "en-zh.xlf").write_text(xliff12([("1", "The meeting.", "会议。")]).replace(
        'source-language="zh-CN" target-language="en-US"', 'source-language="en-US" target-language="zh-CN"'),
        encoding="utf-8")
    (tmp_path / "zh-ja.tmx").write_text(tmx(DEFECTS[:1]).replace('xml:lang="en-US"', 'xml:lang="ja-JP"'),
                                        encoding="utf-8")


def test_only_english_targets_are_checked_and_the_others_are_reported_skipped(tmp_path, capsys):
    write_languages(tmp_path)
    code, out, err = run(capsys, "check", str(tmp_path))
    assert code == 1 and "zh-en.xlf:" in out and "PT703" in out
    assert "en-zh.xlf" not in out and "zh-ja.tmx" not in out
    assert f"skipped: {tmp_path / 'en-zh.xlf'}: not checked: its target language is zh-CN" in err
    assert f"skipped: {tmp_path / 'zh-ja.tmx'}: not checked: no unit has an English variant" in err
    assert "2 inputs skipped, not checked (see above)." in err
    code, out, err = run(capsys, "check", "--output-format", "json", str(tmp_path))
    doc = json.loads(out)
    assert doc["summary"]["skipped"] == 2 and doc["summary"]["files_checked"] == 1
    assert sorted(Path(s["path"]).name for s in doc["skipped"]) == ["en-zh.xlf", "zh-ja.tmx"]


def test_a_run_that_checked_nothing_never_looks_like_a_pass(tmp_path, capsys):
    write_languages(tmp_path)
    (tmp_path / "zh-en.xlf").unlink()
    code, out, err = run(capsys, "check", str(tmp_path))
    assert code == 2 and out == "" and "All checks passed" not in err
    assert "Nothing was checked. 2 inputs skipped, not checked (see above)." in err
    code, _, err = run(capsys, "fix", str(tmp_path / "en-zh.xlf"))
    assert code == 2 and "Nothing was checked" in err and "its target language is zh-CN" in err
    with pytest.raises(procutext.InputError, match="not checked: its target language is zh-CN"):
        procutext.check_path(tmp_path / "en-zh.xlf")


def test_tables_and_jsonl_are_checked_when_named_or_included_and_others_are_skipped(tmp_path, capsys):
    (tmp_path / "pairs.csv").write_text(table(",")(DEFECTS[:2]), encoding="utf-8")
    (tmp_path / "glossary.csv").write_text("term,rendering\n检察院,procuratorate\n", encoding="utf-8")
    (tmp_path / "data.jsonl").write_text('{"name": "a", "count": 1}\n', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Fine text.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path))  # a walk: not tables nor JSON Lines
    assert code == 0 and out == "" and "1 file checked" in err
    code, out, err = run(capsys, "check", str(tmp_path / "pairs.csv"), str(tmp_path / "glossary.csv"),
                         str(tmp_path / "data.jsonl"))
    assert code == 1 and "pairs.csv:3:25: PT703" in out
    assert "glossary.csv: not checked: not a bilingual CSV file: its header ('term', 'rendering') names no " \
           "source column" in err and "name it with --source-field" in err
    assert "data.jsonl: not checked: not bilingual JSON Lines" in err and "Traceback" not in err
    (tmp_path / "procutext.toml").write_text('include = ["*.txt", "*.csv", "*.jsonl"]\n',
                                             encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path))
    assert code == 1 and "pairs.csv:3:25: PT703" in out and "2 inputs skipped, not checked" in err


# -- malformed files ---------------------------------------------------------------------------------------------
def test_malformed_files_are_errors_with_file_line_and_column_and_the_rest_is_checked(tmp_path, capsys):
    (tmp_path / "unclosed.xlf").write_text(xliff12(DEFECTS[:1]).replace("</target>", "", 1), encoding="utf-8")
    (tmp_path / "entity.xlf").write_text(xliff12(DEFECTS[:1]).replace("the superior", "the &nbsp; superior"),
                                         encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text(jsonl(DEFECTS[:1]) + "{not json}\n", encoding="utf-8")
    (tmp_path / "bad.tmx").write_text(tmx(DEFECTS[:1]).replace("<seg>案件", "<seg>案件&unknown;"), encoding="utf-8")
    (tmp_path / "good.xlf").write_text(xliff12(DEFECTS[1:2]), encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("unclosed.xlf", "entity.xlf", "bad.jsonl", "bad.tmx", "good.xlf")]
    code, out, err = run(capsys, "check", *paths)
    assert code == 2 and "Traceback" not in err
    assert f"error: {tmp_path / 'unclosed.xlf'}: not well-formed XLIFF: line 7, column 5: mismatched tag" in err
    assert f"error: {tmp_path / 'entity.xlf'}: not well-formed XLIFF: line 6, column 62: undefined entity" in err
    assert f"error: {tmp_path / 'bad.jsonl'}: not valid JSON Lines: line 2, column 2: Expecting property name " \
           "enclosed in double quotes" in err
    assert f"error: {tmp_path / 'bad.tmx'}: not well-formed TMX: line 6, column 32: undefined entity" in err
    assert "good.xlf:6:43: PT703" in out  # the good file is still checked
    assert "4 errors (see above): not everything was checked." in err
    with pytest.raises(FormatError) as e:
        read_bilingual((tmp_path / "bad.jsonl").read_text(encoding="utf-8"), "jsonl", "bad.jsonl")
    assert (e.value.line, e.value.column) == (2, 2)


# -- stdin and the library ---------------------------------------------------------------------------------------
def procutext_cli(*args: str, data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "procutext", *args], input=data, capture_output=True, check=False)


@pytest.mark.parametrize("how", [["--stdin-filename", "x.xlf"], ["--kind", "xliff"], ["--type", "xliff"]])
def test_stdin_is_checked_as_xliff_by_its_name_or_kind(how):
    text = xliff12(DEFECTS)
    proc = procutext_cli("check", *how, "--select", "bilingual", "-", data=text.encode())
    assert proc.returncode == 1, proc.stderr
    name = "x.xlf" if "x.xlf" in how else "-"
    assert f"{name}:6:62: PT702" in proc.stdout.decode() and f"{name}:10:43: PT703" in proc.stdout.decode()
    proc = procutext_cli("fix", *how, "--select", "PT702", "-", data=text.encode())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == text.replace("the superior court", "the higher-level procuratorate")


def test_stdin_po_and_a_skipped_stdin():
    proc = procutext_cli("check", "--kind", "po", "--select", "PT703", "-", data=po(DEFECTS).encode())
    assert proc.returncode == 1 and "-:12:20: PT703" in proc.stdout.decode()
    other = xliff12(DEFECTS).replace('target-language="en-US"', 'target-language="ja"')
    proc = procutext_cli("check", "--stdin-filename", "j.xlf", "-", data=other.encode())
    assert proc.returncode == 2 and "skipped: j.xlf: not checked: its target language is ja" in proc.stderr.decode()


def test_the_library_checks_and_fixes_bilingual_text():
    text = xliff12(DEFECTS)
    findings = procutext.check(text, kind="xliff")
    number = next(f for f in findings if f.code == "PT703")
    assert (number.line, number.column, number.matched) == (10, 43, "152")
    assert (number.source.line, number.source.column, number.source.text) == (9, 18, "125件")
    assert (number.data["unit_line"], number.data["unit_column"]) == (8, 3)
    result = procutext.fix(text, kind="xliff", select=["PT702"], mark_edited="needs-review-translation")
    assert result.text.count('state="needs-review-translation"') == 1 and "higher-level procuratorate" in result.text
    assert procutext.fix(text, kind="xliff", select=["PT702"]).text.count('state="translated"') == len(DEFECTS)
    tsv = "key\t原文\tmt\n1\t共办理案件125件。\tA total of 152 cases were handled.\n"
    (f,) = procutext.check(tsv, kind="tsv", source_field="原文", target_field="mt", select=["PT703"])
    assert f.source.text == "125件"
    settings = procutext.Settings(source_field="原文", target_field="mt")
    assert [x.code for x in procutext.check(tsv, kind="tsv", settings=settings, select=["PT703"])] == ["PT703"]
    with pytest.raises(NotChecked, match="names no target column"):
        procutext.check(tsv, kind="tsv")
    with pytest.raises(procutext.InputError, match="line 2, column 8: unterminated string"):
        procutext.check('msgid "一"\nmsgstr "one\n', kind="po")
