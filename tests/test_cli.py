"""The command line: output formats, exit codes, fixing in place, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


from helpers import run

BAD = "The prosecutors introduced the“ Spring Seedling ”project .\n1、 Explain the law\n"
GOOD = "The prosecutors introduced the “Spring Seedling” project.\n"



@pytest.fixture
def bad_file(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text(BAD, encoding="utf-8")
    return p


def test_check_clean_file_exits_0(tmp_path, capsys):
    p = tmp_path / "ok.txt"
    p.write_text(GOOD, encoding="utf-8")
    code, out, err = run(capsys, "check", str(p))
    assert code == 0 and out == "" and "All checks passed" in err


def test_check_concise(bad_file, capsys):
    code, out, err = run(capsys, "check", str(bad_file))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{bad_file}:1:30: PT102 [*] no space between 'the' and the opening quotation mark “"
    assert any(":1:31: PT101 [*]" in line for line in lines)
    assert any(":2:1: PT110 [*] Chinese list marker" in line for line in lines)
    assert "Found" in err and "fixable with --fix" in err
    assert "Found" not in out  # summaries go to stderr only


def test_check_full_shows_source_and_caret(bad_file, capsys):
    code, out, _ = run(capsys, "check", "--output-format", "full", str(bad_file))
    assert code == 1
    block = out.split("\n\n")[0].splitlines()
    assert block[0].startswith(f"{bad_file}:1:30: PT102 glued-quote [warning] [*]")
    assert block[1] == "1 | " + BAD.splitlines()[0]
    assert block[2] == " " * (4 + 29) + "^^"
    assert block[3] == "  = safe fix: replace with ' '"


def test_check_json_contract(bad_file, capsys):
    code, out, _ = run(capsys, "check", "--output-format", "json", str(bad_file))
    assert code == 1
    doc = json.loads(out)
    assert doc["version"] == 2 and doc["summary"]["clean"] is False and doc["errors"] == []
    assert doc["summary"]["files_checked"] == 1 and doc["files"][0]["encoding"] == "utf-8"
    data = doc["findings"]
    assert data
    first = data[0]
    assert set(first) >= {"path", "line", "column", "end_line", "end_column", "code", "name",
                          "severity", "message", "fix", "matched", "data", "doc"}
    assert first["matched"] == "e“"
    assert first["path"] == str(bad_file) and first["code"] == "PT102"
    assert first["fix"]["applicability"] == "safe"
    edit = first["fix"]["edits"][0]
    assert edit["replacement"] == " " and edit["line"] == 1 and edit["column"] == 31
    assert edit["end_column"] == 31  # an insertion before the quotation mark
    no_fix = [d for d in data if d["code"] == "PT130"]
    assert no_fix and no_fix[0]["fix"]["edits"][0]["replacement"] == "."


def test_json_empty_list_when_clean(tmp_path, capsys):
    p = tmp_path / "ok.md"
    p.write_text(GOOD, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--output-format", "json", str(p))
    doc = json.loads(out)
    assert code == 0 and doc["findings"] == [] and doc["summary"]["clean"] is True


def test_exit_zero_and_fail_level(bad_file, capsys):
    assert run(capsys, "check", "--exit-zero", str(bad_file))[0] == 0
    assert run(capsys, "check", "--fail-level", "error", str(bad_file))[0] == 0
    han = bad_file.with_name("han.txt")
    han.write_text("the Bay 沚 procuratorate\n", encoding="utf-8")
    assert run(capsys, "check", "--fail-level", "error", str(han))[0] == 1


def test_select_ignore_by_code_prefix_and_name(bad_file, capsys):
    _, out, _ = run(capsys, "check", "--select", "PT11", str(bad_file))
    assert {line.split()[1] for line in out.splitlines()} == {"PT110"}
    _, out, _ = run(capsys, "check", "--select", "glued-quote,PT110", str(bad_file))
    assert {line.split()[1] for line in out.splitlines()} == {"PT102", "PT110"}
    _, out, _ = run(capsys, "check", "--ignore", "PT1", str(bad_file))
    assert out == ""
    code, _, err = run(capsys, "check", "--select", "PT999", str(bad_file))
    assert code == 2 and "unknown rule selector" in err


def test_check_fix_in_place_reports_rest(tmp_path, capsys):
    p = tmp_path / "d.txt"
    p.write_text("Print this page\n" + BAD, encoding="utf-8")
    code, out, err = run(capsys, "check", "--fix", str(p))
    assert code == 1  # the furniture line remains (its fix is unsafe)
    assert p.read_text(encoding="utf-8") == (
        "Print this page\nThe prosecutors introduced the “Spring Seedling” project.\n1. Explain the law\n")
    assert "PT203" in out and "Fixed" in err
    code, out, _ = run(capsys, "check", "--fix", "--unsafe-fixes", str(p))
    assert code == 0 and out == ""
    assert p.read_text(encoding="utf-8").startswith("The prosecutors")


def test_fix_diff_and_check_do_not_write(bad_file, capsys):
    code, out, err = run(capsys, "fix", "--diff", str(bad_file))
    assert code == 1
    assert out.startswith(f"--- a/{bad_file}\n+++ b/{bad_file}\n")
    assert "+1. Explain the law" in out
    assert bad_file.read_text(encoding="utf-8") == BAD
    code, out, _ = run(capsys, "fix", "--check", str(bad_file))
    assert code == 1 and "would fix" in out
    assert bad_file.read_text(encoding="utf-8") == BAD
    code, _, _ = run(capsys, "fix", str(bad_file))
    assert code == 0
    assert run(capsys, "fix", "--check", str(bad_file))[0] == 0


def test_fix_stdin_to_stdout():
    proc = subprocess.run([sys.executable, "-m", "procutext", "fix", "-"], input=BAD.encode(),
                          capture_output=True, check=False)
    assert proc.returncode == 0
    assert proc.stdout.decode() == "The prosecutors introduced the “Spring Seedling” project.\n1. Explain the law\n"


def test_check_stdin_with_filename():
    proc = subprocess.run([sys.executable, "-m", "procutext", "check", "-", "--stdin-filename", "x.md"],
                          input="Use `a ,b` here.\n".encode(), capture_output=True, check=False)
    assert proc.returncode == 0, proc.stdout


def test_rule_command(capsys):
    code, out, _ = run(capsys, "rule", "PT101")
    assert code == 0 and out.startswith("# padded-quote (PT101)") and "## Fix safety" in out
    code, out, _ = run(capsys, "rule", "breadcrumb")
    assert code == 0 and "PT201" in out
    code, out, _ = run(capsys, "rule")
    assert code == 0 and len(out.splitlines()) >= 15 and out.splitlines()[0].startswith("PT101  padded-quote")
    code, _, err = run(capsys, "rule", "PT999")
    assert code == 2 and "unknown rule" in err
    code, out, _ = run(capsys, "rule", "--output-format", "json")
    assert code == 0 and json.loads(out)[0]["code"] == "PT101"


def test_usage_errors(capsys):
    assert run(capsys)[0] == 2
    assert run(capsys, "check", "--output-format", "xml", "x")[0] == 2


# -- bad input ------------------------------------------------------------------------------
def test_missing_file_is_reported_and_others_checked(tmp_path, bad_file, capsys):
    code, out, err = run(capsys, "check", str(tmp_path / "nope.txt"), str(bad_file))
    assert code == 2
    assert f"{tmp_path / 'nope.txt'}: no such file or directory" in err
    assert "PT102" in out  # the other file was still checked


def test_binary_file(tmp_path, capsys):
    p = tmp_path / "img.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, _, err = run(capsys, "check", str(p))
    assert code == 2 and f"{p}: binary file" in err


def test_undecodable_bytes_name_encoding_and_byte(tmp_path, capsys):
    p = tmp_path / "gbk.txt"
    data = "检察院 procuratorate\n".encode("gbk")
    p.write_bytes(data)
    code, _, err = run(capsys, "check", str(p))
    assert code == 2
    assert f"{p}: cannot decode as utf-8: byte 0" in err and "line 1" in err
    # with the right encoding it is read, and --fix writes GBK back
    p.write_bytes("Wuhu，Anhui\n".encode("gbk"))
    code, _, _ = run(capsys, "check", "--fix", "--encoding", "gbk", str(p))
    assert p.read_bytes() == "Wuhu, Anhui\n".encode("gbk")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path, capsys):
    p = tmp_path / "secret.txt"
    p.write_text("x", encoding="utf-8")
    p.chmod(0)
    code, _, err = run(capsys, "check", str(p))
    assert code == 2 and "permission denied" in err


def test_bad_config_is_an_error(tmp_path, capsys):
    (tmp_path / "procutext.toml").write_text("quote-style = 'fancy'\n", encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text(GOOD, encoding="utf-8")
    code, _, err = run(capsys, "check", str(p))
    assert code == 2 and "procutext.toml" in err and "quote-style" in err
    (tmp_path / "procutext.toml").write_text("colour = 1\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(p))
    assert code == 2 and "unknown option `colour`" in err
    (tmp_path / "procutext.toml").write_text("select = [\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(p))
    assert code == 2 and "invalid TOML" in err


# -- preserving the file ------------------------------------------------------------------------
@pytest.mark.parametrize("bom,encoding", [(b"", "utf-8"), (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le")])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_keeps_encoding_bom_and_line_endings(tmp_path, capsys, bom, encoding, newline):
    text = BAD.replace("\n", newline)
    p = tmp_path / "d.txt"
    p.write_bytes(bom + text.encode(encoding))
    code, _, _ = run(capsys, "fix", str(p))
    assert code == 0
    data = p.read_bytes()
    assert data.startswith(bom)
    fixed = data[len(bom):].decode(encoding)
    assert fixed == "The prosecutors introduced the “Spring Seedling” project.\n1. Explain the law\n".replace("\n", newline)


def test_fix_keeps_file_mode_and_leaves_no_temp_files(tmp_path, capsys):
    p = tmp_path / "d.txt"
    p.write_text(BAD, encoding="utf-8")
    p.chmod(0o640)
    run(capsys, "fix", str(p))
    assert (p.stat().st_mode & 0o777) == 0o640
    assert sorted(x.name for x in tmp_path.iterdir()) == ["d.txt"]


# -- configuration and discovery --------------------------------------------------------------------
def test_config_walks_up_and_flags_override(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.procutext]\nignore = ['PT110']\nquote-style = 'curly'\n", encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    p = sub / "d.txt"
    p.write_text('The "Seedling" project\n1、 Law\n', encoding="utf-8")
    _, out, _ = run(capsys, "check", str(p))
    codes = {line.split()[1] for line in out.splitlines()}
    assert codes == {"PT105"}
    _, out, _ = run(capsys, "check", "--quote-style", "keep", str(p))
    assert out == ""


def test_directory_walk_respects_include_and_exclude(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "c.html").write_text(BAD, encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "d.txt").write_text(BAD, encoding="utf-8")
    _, out, _ = run(capsys, "check", str(tmp_path))
    paths = {line.split(":")[0] for line in out.splitlines()}
    # pages are walked by default too (issue 9); node_modules is excluded
    assert paths == {str(tmp_path / "a.txt"), str(tmp_path / "b.md"), str(tmp_path / "c.html")}
    (tmp_path / "procutext.toml").write_text("include = ['*.md']\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(tmp_path))
    assert {line.split(":")[0] for line in out.splitlines()} == {str(tmp_path / "b.md")}


def test_console_script_and_module_agree(bad_file):
    a = subprocess.run([sys.executable, "-m", "procutext", "check", str(bad_file)], capture_output=True)
    exe = Path(sys.executable).with_name("procutext")
    if not exe.exists():
        pytest.skip("console script not installed")
    b = subprocess.run([str(exe), "check", str(bad_file)], capture_output=True)
    assert a.returncode == b.returncode == 1 and a.stdout == b.stdout


def test_english_input_does_not_import_chinese_nlp(bad_file):
    code = (
        "import sys, procutext.cli as c\n"
        f"c.main(['check', '--exit-zero', {str(bad_file)!r}])\n"
        "print(sorted(m for m in ('jieba', 'opencc', 'pypinyin') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_shipped_data_is_found():
    from procutext.data import data_dir

    assert (data_dir() / "furniture.tsv").is_file()


def test_fail_level_applies_per_file(tmp_path, capsys):
    lenient = tmp_path / "lenient"
    strict = tmp_path / "strict"
    lenient.mkdir()
    strict.mkdir()
    (lenient / "procutext.toml").write_text("fail-level = 'error'\n", encoding="utf-8")
    (lenient / "a.txt").write_text(BAD, encoding="utf-8")  # warnings only
    (strict / "b.txt").write_text(GOOD, encoding="utf-8")
    assert run(capsys, "check", str(strict), str(lenient))[0] == 0
    (strict / "b.txt").write_text(BAD, encoding="utf-8")
    assert run(capsys, "check", str(lenient), str(strict))[0] == 1
