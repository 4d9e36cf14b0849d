"""The linter contract users of ruff and Vale expect: no silent pass, output options,
consistent words and flags, and the Python API for files (issue 8, points 9-17)."""

from __future__ import annotations

import json
import re
import warnings

import pytest

import procutext
from procutext.cli import main

from helpers import run
from procutext.reporters import excerpt

BAD = "The prosecutors introduced the“ Spring Seedling ”project .\n1、 Explain the law\n"
GOOD = "The prosecutors introduced the “Spring Seedling” project.\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")



@pytest.fixture
def bad_file(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text(BAD, encoding="utf-8")
    return p


# -- 9, 10: no silent pass --------------------------------------------------------------------
def test_directory_without_readable_files_is_exit_2(tmp_path, capsys):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    code, out, err = run(capsys, "check", str(tmp_path))
    assert code == 2
    assert f"{tmp_path}: no files found under this directory" in err
    assert "All checks passed" not in err and "Nothing was checked" in err


def test_no_path_checks_the_current_directory(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check")
    assert code == 2 and "no files found" in err  # an empty directory is not a clean run
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 1 and "a.txt:1:30: PT102" in out


def test_json_alone_tells_a_failed_run_from_a_clean_one(tmp_path, capsys):
    code, out, _ = run(capsys, "check", "--output-format", "json", str(tmp_path / "missing.txt"))
    doc = json.loads(out)
    assert code == 2
    assert doc["summary"]["clean"] is False and doc["summary"]["files_checked"] == 0
    assert doc["summary"]["exit_code"] == 2
    assert doc["errors"][0]["path"] == str(tmp_path / "missing.txt")
    assert "no such file" in doc["errors"][0]["message"]


def test_summary_counts_and_plurals(tmp_path, bad_file, capsys):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    _, _, err = run(capsys, "check", str(good))
    assert "All checks passed (1 file checked)." in err
    _, _, err = run(capsys, "check", str(good), str(bad_file))
    assert "in 2 files" in err
    one = tmp_path / "one.txt"
    one.write_text("Print this page\n", encoding="utf-8")
    _, _, err = run(capsys, "check", str(one))
    assert "Found 1 finding in 1 file (1 more with --unsafe-fixes)." in err
    _, _, err = run(capsys, "fix", str(bad_file))
    assert re.search(r"Fixed \d+ findings in 1 file\.", err)


def test_config_reports_every_bad_key(tmp_path, capsys):
    cfg = tmp_path / "procutext.toml"
    cfg.write_text('ignore = "PT1"\nselect = 5\ncolour = 1\nquote-style = "fancy"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, _, err = run(capsys, "check", str(tmp_path / "a.txt"))
    assert code == 2
    assert "4 problems" in err
    for needle in ("`ignore` must be a list of strings, not a string", "`select` must be a list of strings",
                   "unknown option `colour`", "`quote-style` must be one of"):
        assert needle in err
    assert "Nothing was checked" in err


def test_config_unknown_selector_is_reported_with_the_file(tmp_path, capsys):
    (tmp_path / "procutext.toml").write_text('ignore = ["PT999", "nosuch"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, _, err = run(capsys, "check", str(tmp_path / "a.txt"))
    assert code == 2 and "PT999" in err and "nosuch" in err and "procutext.toml" in err


# -- 11: full output windows long lines -------------------------------------------------------------
def test_full_output_windows_a_long_line(tmp_path, capsys):
    words = " ".join(f"word{i}" for i in range(3000))
    p = tmp_path / "long.txt"
    p.write_text(words + " the“ Seedling ”project " + words + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--output-format", "full", "--select", "PT101", str(p))
    assert code == 1
    lines = out.splitlines()
    src, caret = lines[1], lines[2]
    assert len(src) <= 110 and src.startswith("1 | …") and src.endswith("…")
    assert "“ Seedling ”" in src
    assert len(out) < 600  # proportional to the findings, not to the 50 KB line
    col = caret.index("^")
    assert src[col:col + len("“ Seedling ”")] == "“ Seedling ”"


def test_excerpt_aligns_carets_under_wide_characters():
    line = "检察院" * 80 + " the“ X ”" + "检察院" * 80
    start = line.index("“")
    text, col, width = excerpt(line, start, start + 5, width=60)
    # terminal columns: every Han character takes two
    shown = "".join("  " if "\u4e00" <= c <= "\u9fff" else c for c in text)
    assert len(shown) <= 62
    assert shown[col:col + width] == "“ X ”"


def test_full_output_short_line_unchanged(bad_file, capsys):
    _, out, _ = run(capsys, "check", "--output-format", "full", str(bad_file))
    assert "1 | " + BAD.splitlines()[0] in out


# -- 12: colour, statistics, show-fixes, quiet, output-file, verbose, show-settings ---------------------
def test_color_flags_and_no_color(bad_file, capsys, monkeypatch):
    _, out, _ = run(capsys, "check", str(bad_file))
    assert not ANSI.search(out)  # not a terminal: no colour
    _, out, _ = run(capsys, "check", "--color", "always", str(bad_file))
    assert ANSI.search(out) and ANSI.sub("", out).startswith(f"{bad_file}:1:30: PT102 [*]")
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, "check", "--color", "auto", str(bad_file))
    assert not ANSI.search(out)
    _, out, _ = run(capsys, "check", "--color", "always", str(bad_file))
    assert ANSI.search(out)  # an explicit flag beats NO_COLOR
    monkeypatch.delenv("NO_COLOR")
    _, out, _ = run(capsys, "check", "--color", "never", str(bad_file))
    assert not ANSI.search(out)


def test_statistics(bad_file, capsys):
    code, out, _ = run(capsys, "check", "--statistics", str(bad_file))
    assert code == 1
    rows = [line.split("\t") for line in out.splitlines()]
    by_code = {r[1]: (int(r[0]), r[2]) for r in rows}
    assert by_code["PT101"][0] == 1 and by_code["PT110"] == (1, "[*] chinese-list-marker")
    code, out, _ = run(capsys, "check", "--statistics", "--output-format", "json", str(bad_file))
    stats = json.loads(out)
    assert {s["code"] for s in stats} >= {"PT101", "PT102", "PT110", "PT130"}
    assert all(s["count"] >= s["fixable"] for s in stats)


def test_show_fixes(bad_file, capsys):
    _, _, err = run(capsys, "check", "--show-fixes", str(bad_file))
    assert "Fixable" in err and "× PT110 (chinese-list-marker)" in err
    _, _, err = run(capsys, "check", "--fix", "--show-fixes", str(bad_file))
    assert f"- {bad_file}:" in err and "1 × PT110 (chinese-list-marker)" in err
    assert bad_file.read_text(encoding="utf-8").endswith("1. Explain the law\n")


def test_quiet_prints_findings_only(bad_file, capsys):
    code, out, err = run(capsys, "check", "--quiet", str(bad_file))
    assert code == 1 and "PT110" in out and err == ""


def test_output_file(bad_file, tmp_path, capsys):
    report = tmp_path / "report.json"
    code, out, err = run(capsys, "check", "--output-format", "json", "--output-file", str(report), str(bad_file))
    assert code == 1 and out == "" and "Found" in err
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["findings"] >= 4


def test_verbose_names_files_encodings_config_and_times(tmp_path, bad_file, capsys):
    (tmp_path / "procutext.toml").write_text("ignore = ['PT130']\n", encoding="utf-8")
    _, _, err = run(capsys, "check", "--verbose", str(bad_file))
    assert f"{bad_file}: utf-8" in err and str(tmp_path / "procutext.toml") in err and " ms" in err


def test_show_settings(tmp_path, bad_file, capsys):
    (tmp_path / "procutext.toml").write_text("ignore = ['PT130']\nquote-style = 'curly'\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--show-settings", str(bad_file))
    assert code == 0
    assert 'quote-style = "curly"' in out and 'ignore = ["PT130"]' in out and "PT130" not in out.split("rules")[-1]
    code, out, _ = run(capsys, "check", "--show-settings", "--output-format", "json", "--ignore", "PT1", str(bad_file))
    data = json.loads(out)
    assert data["settings"]["ignore"] == ["PT130", "PT1"] and not any(c.startswith("PT1") for c in data["rules"])


# -- 13: per-file-ignores, unknown codes in suppression comments --------------------------------------
def test_per_file_ignores_for_plain_text(tmp_path, capsys):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "procutext.toml").write_text(
        '[per-file-ignores]\n"drafts/*.txt" = ["PT110"]\n"notes.txt" = ["typography"]\n', encoding="utf-8")
    a = tmp_path / "drafts" / "a.txt"
    b = tmp_path / "notes.txt"
    c = tmp_path / "other.txt"
    for p in (a, b, c):
        p.write_text(BAD, encoding="utf-8")
    _, out, _ = run(capsys, "check", str(tmp_path))
    codes = {}
    for line in out.splitlines():
        codes.setdefault(line.split(":")[0], set()).add(line.split()[1])
    assert "PT110" not in codes[str(a)] and "PT101" in codes[str(a)]
    assert codes[str(b)] == {"PT130"}  # only the spacing rule is left
    assert "PT110" in codes[str(c)]


def test_per_file_ignores_in_the_api(tmp_path):
    cfg = tmp_path / "procutext.toml"
    cfg.write_text('[per-file-ignores]\n"*.txt" = ["PT110"]\n', encoding="utf-8")
    settings = procutext.runner.load_settings(cfg)
    assert "PT110" not in {f.code for f in procutext.check(BAD, path=str(tmp_path / "a.txt"), settings=settings)}
    assert "PT110" in {f.code for f in procutext.check(BAD, path=str(tmp_path / "a.md"), settings=settings)}


def test_unknown_code_in_suppression_comment_is_warned(tmp_path, capsys):
    p = tmp_path / "a.md"
    p.write_text("<!-- procutext-disable-next-line PT999 -->\n1、 Item\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(p))
    assert "warning:" in err and "unknown rule 'PT999'" in err and f"{p}:1" in err
    assert "PT110" in out  # it suppressed nothing
    with pytest.warns(UserWarning, match="PT999"):
        procutext.check(p.read_text(encoding="utf-8"), kind="markdown")


# -- 14: words and flags ------------------------------------------------------------------------------
def test_rule_selectors_and_families(capsys):
    code, out, _ = run(capsys, "rule", "PT1")
    codes = [line.split()[0] for line in out.splitlines() if line.strip()]
    assert code == 0 and codes and all(c.startswith("PT1") for c in codes)
    code, out, _ = run(capsys, "rule", "places")
    assert code == 0 and {line.split()[0] for line in out.splitlines()} >= {"PT301", "PT302", "PT303"}
    code, out, _ = run(capsys, "rule", "places", "--output-format", "json")
    assert {r["family"] for r in json.loads(out)} == {"places"}
    code, out, _ = run(capsys, "rule")
    assert "[*] the finding has a safe fix" in out and "[!]" in out and "Families (usable as selectors)" in out
    assert "places" in out.split("Families")[1]
    code, _, err = run(capsys, "rule", "nosuchthing")
    assert code == 2 and "unknown rule" in err


def test_help_explains_markers(capsys):
    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    assert "[*]" in out and "[!]" in out


def test_concise_marks_unsafe_fixes(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("Print this page\nThe end.\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(p))
    assert ":1:1: PT203 [!] page control" in out


def test_fix_json_output(bad_file, capsys):
    code, out, _ = run(capsys, "fix", "--output-format", "json", str(bad_file))
    doc = json.loads(out)
    assert code == 0 and doc["summary"]["fixed"] >= 4 and doc["files"][0]["written"] is True


# -- 16, 17: the Python API ---------------------------------------------------------------------------
def test_check_paths_and_fix_paths(tmp_path):
    (tmp_path / "procutext.toml").write_text("ignore = ['PT130']\n", encoding="utf-8")
    a = tmp_path / "a.txt"
    a.write_bytes(b"\xef\xbb\xbf" + BAD.replace("\n", "\r\n").encode("utf-8"))
    report = procutext.check_paths([tmp_path])
    assert report.exit_code() == 1 and report.checked == 1
    assert "PT130" not in {f.code for f in report.findings}  # the config was found
    fixed = procutext.fix_paths([a])
    assert fixed.files[0].written
    data = a.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"1. Explain" in data
    assert procutext.check_paths([tmp_path / "nope"]).exit_code() == 2


def test_check_path_and_fix_path_raise_on_bad_input(tmp_path):
    with pytest.raises(procutext.InputError, match="no such file"):
        procutext.check_path(tmp_path / "nope.txt")
    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    assert {f.code for f in procutext.check_path(p)} >= {"PT101", "PT110"}
    assert procutext.check_path(p, select=["PT110"])[0].code == "PT110"
    assert procutext.fix_path(p).written and "1." in p.read_text(encoding="utf-8")


def test_settings_object_is_used(tmp_path):
    settings = procutext.Settings(ignore=("PT110",), quote_style="curly")
    codes = {f.code for f in procutext.check('1、 The "Seedling" project', settings=settings)}
    assert "PT110" not in codes and "PT105" in codes
    p = tmp_path / "x.txt"
    p.write_text("1、 Law\n", encoding="utf-8")
    assert procutext.check_paths([p], settings=settings).findings == []


def test_finding_fields_for_scripts():
    f = procutext.check("the“ Spring Seedling ”project")[0]
    assert f.matched == "e“" and f.doc == "docs/rules.md#pt102"
    assert str(f) == "1:3: PT102 [*] no space between 'the' and the opening quotation mark “"
    d = f.to_dict()
    assert d["matched"] == "e“" and d["doc"] == f.doc and "data" in d


def test_format_findings_in_every_format():
    text = "the“ Spring Seedling ”project"
    findings = procutext.check(text)
    concise = procutext.format_findings(findings)
    assert concise.splitlines()[0] == str(findings[0])
    full = procutext.format_findings(findings, "full", sources={"-": text})
    assert "1 | the“ Spring Seedling ”project" in full
    doc = json.loads(procutext.format_findings(findings, "json"))
    assert doc["version"] == 2 and len(doc["findings"]) == len(findings)
    with pytest.raises(ValueError, match="unknown output format"):
        procutext.format_findings(findings, "xml")


@pytest.mark.parametrize("bad", [b"1\xe3\x80\x81 x", None, 5, ["text"]])
def test_wrong_text_type_is_a_clear_type_error(bad):
    with pytest.raises(TypeError, match="text must be str"):
        procutext.check(bad)
    with pytest.raises(TypeError, match="text must be str"):
        procutext.fix(bad)


def test_selector_arguments_are_type_checked():
    with pytest.raises(TypeError, match="not a string"):
        procutext.check("x", select="PT1")
    with pytest.raises(TypeError, match="not a string"):
        procutext.check("x", ignore="PT1")
    with pytest.raises(TypeError):
        procutext.check("x", select=5)
    with pytest.raises(TypeError):
        procutext.check("x", select=[5])
    with pytest.raises(procutext.SelectorError):
        procutext.check("x", select=["PT999"])
    with pytest.raises(TypeError, match="glossary must be"):
        procutext.check("x", glossary="ours.tsv")


def test_every_public_name_has_a_docstring():
    for name in procutext.__all__:
        obj = getattr(procutext, name)
        if callable(obj) and not name.startswith("_"):
            assert (obj.__doc__ or "").strip(), name


def test_check_paths_does_not_warn_on_clean_text(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(GOOD, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert procutext.check_path(p) == []


def test_a_fix_that_cannot_be_written_is_not_counted_as_fixed(bad_file, capsys, monkeypatch):
    import procutext.runner as runner

    def refuse(tf, text):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(runner, "write_atomic", refuse)
    code, out, err = run(capsys, "fix", str(bad_file))
    assert code == 2
    assert f"{bad_file}: cannot write the fixed text: Permission denied; the file is unchanged" in err
    assert "Fixed 0 findings in 0 files." in err
    assert bad_file.read_text(encoding="utf-8") == BAD
    code, out, err = run(capsys, "check", "--fix", str(bad_file))
    assert code == 2 and "Fixed" not in err and "PT110" in out  # the findings of the unchanged file
    report = procutext.fix_paths([bad_file])
    assert report.files[0].fixed == [] and not report.files[0].written and report.exit_code() == 2


def test_a_selection_of_no_rules_is_not_a_clean_run(bad_file, capsys):
    code, out, err = run(capsys, "check", "--select", "PT1", "--ignore", "PT1", str(bad_file))
    assert code == 2 and "no rule is enabled" in err and "All checks passed" not in err


def test_detected_encoding_is_said_in_full_json_and_verbose(tmp_path, capsys):
    p = tmp_path / "gbk.txt"
    p.write_bytes("The People's Procuratorate of Wanzhi District，Wuhu City，held a meeting on 检察工作。\n".encode("gbk"))
    _, out, err = run(capsys, "check", "--encoding", "auto", "--output-format", "full", "--verbose", str(p))
    assert f"{p}: read as gb18030 (detected, confidence" in out
    assert f"{p}: gb18030 (detected, confidence" in err
    _, out, _ = run(capsys, "check", "--encoding", "auto", "--output-format", "json", str(p))
    f = json.loads(out)["files"][0]
    assert f["encoding"] == "gb18030" and f["encoding_source"] == "detected" and f["encoding_confidence"] > 0.5
    _, out, _ = run(capsys, "check", "--output-format", "json", str(p),
                    "--encoding", "gbk")
    f = json.loads(out)["files"][0]
    assert f["encoding"] == "gb18030" and f["encoding_source"] == "option"


def test_skipped_inputs_are_listed(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04")
    code, out, err = run(capsys, "check", "--output-format", "json", str(tmp_path))
    doc = json.loads(out)
    assert code == 0 and doc["skipped"] == [{"path": str(tmp_path / "b.docx"), "reason": doc["skipped"][0]["reason"]}]
    assert f"skipped: {tmp_path / 'b.docx'}" in err and "1 input skipped" in err
