"""--baseline / --write-baseline: accepted findings are matched by path, rule, text and
context (not line), counted, and do not fail the build; new ones do."""

from __future__ import annotations

import json
import os

import pytest

import report_fixtures as rf
from helpers import run
from procutext.baseline import BASELINE_VERSION, Baseline, BaselineError, apply_baseline
from procutext.runner import check_paths

NEW = "A new paragraph with a glued“quote ”here.\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.txt").write_text(rf.ARTICLE, encoding="utf-8")
    (tmp_path / "site" / "b.md").write_text(rf.NOTES, encoding="utf-8")
    return tmp_path


def test_write_baseline_then_check_passes(site, capsys):
    code, out, err = run(capsys, "check", "--write-baseline", "baseline.json", "site")
    assert code == 0, err  # the findings are the baseline now
    assert "Wrote" in err and "baselined finding" in err
    data = json.loads((site / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == BASELINE_VERSION and data["tool"]["name"] == "procutext"
    total = len(check_paths(["site"]).findings)
    assert sum(row["count"] for row in data["findings"]) == total
    row = [r for r in data["findings"] if r["code"] == "PT501" and r["matched"] == "检察院"][0]
    assert row["path"] == "site/a.txt" and row["before"].endswith("work of the ") and row["after"].startswith(" and")
    code, out, err = run(capsys, "check", "--baseline", "baseline.json", "site")
    assert code == 0 and out == ""  # concise leaves baselined findings out ...
    assert f"{total} baselined findings (baseline.json) not counted" in err  # ... and says so


def test_edit_above_keeps_findings_baselined_and_a_new_one_fails(site, capsys):
    run(capsys, "check", "--write-baseline", "baseline.json", "site")
    a = site / "site" / "a.txt"
    a.write_text("An introduction written later.\n\nIt has two paragraphs.\n" + a.read_text(encoding="utf-8"),
                 encoding="utf-8")
    code, out, err = run(capsys, "check", "--baseline", "baseline.json", "site")
    assert code == 0 and out == "", out  # every line moved by 3, nothing is new
    a.write_text(a.read_text(encoding="utf-8") + NEW, encoding="utf-8")
    new_line = len(a.read_text(encoding="utf-8").splitlines())
    code, out, err = run(capsys, "check", "--baseline", "baseline.json", "site")
    assert code == 1
    lines = out.splitlines()
    assert lines and all(f":{new_line}:" in line for line in lines), out  # only the new paragraph's findings
    code, out, _ = run(capsys, "check", "--baseline", "baseline.json", "--output-format", "json", "site")
    doc = json.loads(out)
    assert doc["summary"]["baselined"] == len(doc["baselined"]) > 0
    assert all(f["line"] == new_line for f in doc["findings"]) and doc["baseline"] == "baseline.json"


def test_an_edit_of_the_finding_itself_makes_it_new(site, capsys):
    run(capsys, "check", "--write-baseline", "baseline.json", "site")
    a = site / "site" / "a.txt"
    # the context is the 20 characters either side on the same line: this edit is within
    # the 检察院 finding's, and outside those of the list marker and the space before "."
    a.write_text(a.read_text(encoding="utf-8").replace("of the 检察院", "of this 检察院"), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--baseline", "baseline.json", "site")
    assert code == 1 and out.count("\n") == 1 and ":3:38: PT501" in out, out


def test_duplicates_are_counted(site, capsys):
    p = site / "site" / "dup.txt"
    line = "The “ Seed ” project.\n"
    p.write_text(line, encoding="utf-8")
    run(capsys, "check", "--write-baseline", "baseline.json", "site/dup.txt")
    p.write_text(line + "\n" + line, encoding="utf-8")  # the same finding twice now
    code, out, _ = run(capsys, "check", "--baseline", "baseline.json", "site/dup.txt")
    assert code == 1 and out.splitlines() and all(":3:" in x for x in out.splitlines())


def test_baseline_paths_are_relative_to_the_baseline_file(site, capsys, monkeypatch):
    run(capsys, "check", "--write-baseline", "baseline.json", "site/a.txt")
    monkeypatch.chdir(site / "site")
    code, out, err = run(capsys, "check", "--baseline", "../baseline.json", "a.txt")
    assert code == 0 and out == "", err
    code, out, err = run(capsys, "check", "--baseline", str(site / "baseline.json"), str(site / "site" / "a.txt"))
    assert code == 0 and out == "", err


def test_baselined_findings_are_marked_in_machine_formats(site, capsys):
    run(capsys, "check", "--write-baseline", "baseline.json", "site")
    (site / "site" / "a.txt").write_text(rf.ARTICLE + NEW, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--baseline", "baseline.json", "--output-format", "json-lines", "site")
    objs = [json.loads(x) for x in out.splitlines()]
    found = [o for o in objs if o["type"] == "finding"]
    assert code == 1 and any(o["baselined"] for o in found) and any(not o["baselined"] for o in found)
    assert objs[-1]["baselined"] == sum(o["baselined"] for o in found)
    code, out, _ = run(capsys, "check", "--baseline", "baseline.json", "--output-format", "github", "site")
    assert "(baselined)::" in out and out.count("title=") == len(found)
    code, out, _ = run(capsys, "check", "--baseline", "baseline.json", "--output-format", "gitlab", "site")
    assert len(json.loads(out)) == sum(not o["baselined"] for o in found)


def test_bad_baseline_files_are_clear_errors(site, capsys):
    code, _, err = run(capsys, "check", "--baseline", "nope.json", "site")
    assert code == 2 and "nope.json: baseline file not found" in err and "--write-baseline" in err
    (site / "broken.json").write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "check", "--baseline", "broken.json", "site")
    assert code == 2 and "broken.json: line 1 column 2: not JSON" in err
    (site / "future.json").write_text(json.dumps({"version": 99, "findings": []}), encoding="utf-8")
    code, _, err = run(capsys, "check", "--baseline", "future.json", "site")
    assert code == 2 and "version 99 is not supported" in err
    (site / "wrong.json").write_text(json.dumps({"version": 1, "findings": [{"path": "a", "code": 5}]}),
                                     encoding="utf-8")
    code, _, err = run(capsys, "check", "--baseline", "wrong.json", "site")
    assert code == 2 and "wrong.json: findings[0]: \"code\" must be a string" in err
    with pytest.raises(BaselineError):
        Baseline.load(site / "wrong.json")


def test_write_baseline_to_an_unwritable_place(site, capsys):
    code, _, err = run(capsys, "check", "--write-baseline", os.path.join("no", "such", "dir", "b.json"), "site")
    assert code == 2 and "cannot write the baseline" in err


def test_apply_twice_gives_the_same_split(site):
    report = check_paths(["site"])
    base = Baseline.from_report(report, site)
    report2 = check_paths(["site"])
    report2.files[0].findings = report2.files[0].findings[:2]  # as if the rest were fixed
    assert apply_baseline(report2, base) == len(report2.baselined)
    first = [(f.code, f.line) for f in report2.baselined]
    apply_baseline(report2, base)
    assert [(f.code, f.line) for f in report2.baselined] == first and report2.findings == []
    assert report2.exit_code() == 0 and report2.clean
