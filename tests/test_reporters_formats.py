"""The machine formats beyond SARIF: GitHub workflow commands, JUnit XML, GitLab Code
Quality, JSON Lines; and --output-file for every format."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest

import report_fixtures as rf
from helpers import run
from procutext.reporters import FORMATS, REPORTERS
from procutext.reporters.github import command, escape_data, escape_property
from procutext.reporters.gitlab import gitlab_issues
from procutext.runner import check_paths


@pytest.fixture
def sample(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return rf.sample_report(tmp_path)


def render(fmt, report) -> str:
    buf = io.StringIO()
    REPORTERS[fmt](report, buf)
    return buf.getvalue()


# -- github -------------------------------------------------------------------------------------
def test_github_escaping():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    assert command("error", "x: y, z", file="dir/a,b:c.txt", line=3, col=None) == \
        "::error file=dir/a%2Cb%3Ac.txt,line=3::x: y, z"


def test_github_annotations(sample, tmp_path):
    lines = render("github", sample).splitlines()
    n = len(sample.findings)
    assert len(lines) == n + len(sample.all_errors) + len(sample.skipped)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    han = [line for line in lines if "检察院" in line][0]
    assert han.startswith("::error file=news/a.txt,line=3,col=37,endLine=3,endColumn=40,title=PT501 leftover-han::")
    info = [line for line in lines if "PT132" in line][0]
    assert info.startswith("::notice ")
    page = [line for line in lines if "Spring Seedling" in line][0]
    assert "file=https%3A//www.example.gov.cn/jcdt/2024/0301.html?id=7&lang=en," in page
    assert any(line.startswith("::error file=news/bad.txt,") and "binary" in line for line in lines)


def test_github_message_with_newline_stays_on_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "odd,name:1.txt"
    (tmp_path / name).write_text("A line.\n1、 Item one\n", encoding="utf-8")
    report = check_paths([name])
    report.files[0].findings[0].message = "first line\nsecond line 50%"
    out = render("github", report).splitlines()
    assert len(out) == len(report.findings)
    assert out[0].startswith("::warning file=odd%2Cname%3A1.txt,line=2,")
    assert out[0].endswith("::[*] first line%0Asecond line 50%25")


# -- junit ----------------------------------------------------------------------------------------
def test_junit_structure(sample):
    root = ET.fromstring(render("junit", sample))
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"news/a.txt", "news/b.md", "news/clean.txt", "news/bad.txt", "news/gone.txt",
                           "news/notes.docx", rf.PAGE_URL}
    a = suites["news/a.txt"]
    failed = {c.get("name").split()[0] for c in a.findall("testcase") if c.find("failure") is not None}
    level_codes = {f.code for f in sample.files[0].findings if f.severity >= sample.files[0].settings.fail_level}
    assert failed == level_codes
    assert int(a.get("failures")) == len(failed) and int(a.get("tests")) == len(a.findall("testcase"))
    pt501 = [c for c in a.findall("testcase") if c.get("name") == "PT501 leftover-han"][0]
    assert pt501.find("failure").get("message") == "2 findings of PT501"
    assert "3:37: PT501" in pt501.find("failure").text
    info = [c for c in a.findall("testcase") if c.get("name").startswith("PT132")][0]
    assert info.find("failure") is None and "below the fail level" in info.find("system-out").text
    clean = suites["news/clean.txt"]
    assert clean.get("failures") == "0" and len(clean.findall("testcase")) > 20  # the rules it passed
    bad = suites["news/bad.txt"].find("testcase")
    assert bad.get("name") == "read" and "binary file" in bad.find("error").get("message")
    assert suites["news/gone.txt"].find("testcase/error") is not None
    assert suites["news/notes.docx"].find("testcase/skipped") is not None
    assert root.get("errors") == "2" and root.get("skipped") == "1"
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())


def test_junit_survives_control_characters(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("1、 Item\n", encoding="utf-8")
    report = check_paths(["a.txt"])
    report.files[0].findings[0].message = "bell \x07 and <tag> & \"quotes\" \ud800"
    root = ET.fromstring(render("junit", report))
    text = root.find(".//failure").text
    assert "bell  and <tag> & \"quotes\"" in text


def test_junit_nothing_checked_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    root = ET.fromstring(render("junit", check_paths(["empty"])))
    assert int(root.get("errors")) >= 1


# -- gitlab ---------------------------------------------------------------------------------------
def test_gitlab_code_quality(sample):
    issues = json.loads(render("gitlab", sample))
    findings = [i for i in issues if not i["check_name"].startswith("procutext/")]
    assert len(findings) == len(sample.findings)
    for i in issues:
        assert set(i) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert i["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(i["location"]["lines"]["begin"], int) and i["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    sev = {i["check_name"].split()[0]: i["severity"] for i in findings}
    assert sev["PT501"] == "major" and sev["PT102"] == "minor" and sev["PT132"] == "info"
    assert {i["location"]["path"] for i in findings} == {"news/a.txt", "news/b.md", rf.PAGE_URL}
    errors = [i for i in issues if i["check_name"] == "procutext/input-error"]
    assert {i["location"]["path"] for i in errors} == {"news/bad.txt", "news/gone.txt"}


def test_gitlab_fingerprints_are_stable_and_count_duplicates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "a.txt"
    text = "The “ Seed ” project.\nThe “ Seed ” project.\n"
    p.write_text(text, encoding="utf-8")
    first = gitlab_issues(check_paths(["a.txt"]))
    assert len({i["fingerprint"] for i in first}) == len(first)  # identical lines, distinct issues
    p.write_text("Heading added above.\n\n" + text, encoding="utf-8")
    second = gitlab_issues(check_paths(["a.txt"]))
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]
    assert [i["location"]["lines"]["begin"] for i in second] != [i["location"]["lines"]["begin"] for i in first]
    p.write_text(text.replace("Seed", "Sprout"), encoding="utf-8")
    third = gitlab_issues(check_paths(["a.txt"]))
    assert not {i["fingerprint"] for i in third} & {i["fingerprint"] for i in first}


# -- json lines -------------------------------------------------------------------------------------
def test_json_lines(sample):
    lines = render("json-lines", sample).splitlines()
    objs = [json.loads(line) for line in lines]
    assert all("\n" not in line for line in lines)
    assert [o["type"] for o in objs].count("summary") == 1 and objs[-1]["type"] == "summary"
    findings = [o for o in objs if o["type"] == "finding"]
    assert len(findings) == len(sample.findings) and not any(o["baselined"] for o in findings)
    assert {o["path"] for o in findings} == {"news/a.txt", "news/b.md", rf.PAGE_URL}
    assert len([o for o in objs if o["type"] == "error"]) == 2
    assert [o["path"] for o in objs if o["type"] == "skipped"] == ["news/notes.docx"]
    summary = objs[-1]
    assert summary["clean"] is False and summary["exit_code"] == 2 and summary["findings"] == len(findings)
    assert summary["version"] == 2


# -- every format honours --output-file -----------------------------------------------------------
PARSE = {
    "json": json.loads, "json-v1": json.loads, "sarif": json.loads, "gitlab": json.loads,
    "json-lines": lambda s: [json.loads(line) for line in s.splitlines()],
    "junit": ET.fromstring,
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_for_every_format(tmp_path, monkeypatch, capsys, fmt):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(rf.ARTICLE, encoding="utf-8")
    target = tmp_path / "out" / f"report.{fmt}"
    target.parent.mkdir()
    code, out, err = run(capsys, "check", "--output-format", fmt, "--output-file", str(target), "a.txt")
    assert code == 1 and out == ""
    text = target.read_text(encoding="utf-8")
    assert "检察院" in text  # written as UTF-8, not escaped away
    if fmt in PARSE:
        assert PARSE[fmt](text)
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    else:
        assert "a.txt:" in text or "file=a.txt" in text


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit", "gitlab", "json-lines", "html"])
def test_fix_writes_the_remaining_findings(tmp_path, monkeypatch, capsys, fmt):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(rf.ARTICLE, encoding="utf-8")
    target = tmp_path / f"left.{fmt}"
    code, out, _ = run(capsys, "fix", "--output-format", fmt, "-o", str(target), "a.txt")
    assert code == 0 and out == ""
    text = target.read_text(encoding="utf-8")
    assert "检察院 (检 U+68C0" in text  # PT501 has no fix: it remains
    assert "'1、'; use '1.'" not in text  # PT110 was fixed: it is not reported
    assert "1、" not in (tmp_path / "a.txt").read_text(encoding="utf-8")


def test_format_findings_in_every_format():
    import procutext

    text = "1、 The 检察院 acted.\n"
    findings = procutext.check(text)
    for fmt in FORMATS:
        out = procutext.format_findings(findings, fmt, sources={"-": text})
        assert "PT110" in out and "PT501" in out, fmt
