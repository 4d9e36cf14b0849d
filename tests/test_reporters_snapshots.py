"""Every output format, as a snapshot: the sample run (report_fixtures) rendered and
compared with tests/snapshots/sample.<format>, after removing the working directory and the
version. After a deliberate change, rewrite them with PROCUTEXT_UPDATE_SNAPSHOTS=1 and
review the diff.

What the rest of the project changes on its own is left out of the snapshots, so that a new
rule or a reworded docstring does not break them: the SARIF rule texts and the rules no
result uses (test_reporters_sarif checks the texts against the registry), the JUnit test
cases that passed, the rule documentation in the HTML page."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

import report_fixtures as rf
from procutext.reporters import FORMATS, REPORTERS

SNAPSHOTS = Path(__file__).parent / "snapshots"
SUFFIX = {"concise": "txt", "full": "txt", "json": "json", "json-v1": "json", "json-lines": "jsonl",
          "sarif": "sarif", "github": "txt", "junit": "xml", "gitlab": "json", "html": "html"}


@pytest.fixture
def sample(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return rf.sample_report(tmp_path), tmp_path


def _sarif(text: str) -> str:
    log = json.loads(text)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert rules[res.pop("ruleIndex")]["id"] == res["ruleId"]
    used = {res["ruleId"] for res in run["results"]}
    run["tool"]["driver"]["rules"] = [
        {**r, **{k: "(from the docstring)" for k in ("shortDescription", "fullDescription", "help") if k in r}}
        for r in rules if r["id"] in used]
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _junit(text: str) -> str:
    text = re.sub(r'\n *<testcase name="[^"]*" classname="[^"]*"/>', "", text)
    return re.sub(r' tests="\d+"', ' tests="N"', text)


def _html(text: str) -> str:
    text = re.sub(r'(<template id="doc-[^"]+">).*?(</template>)', r"\1(rule documentation)\2", text, flags=re.S)
    return re.sub(r'(<section id="rules">).*?(</section>\n)(?=<template|$)', r"\1(rule documentation)\2",
                  text, flags=re.S)


STABLE = {"sarif": _sarif, "junit": _junit, "html": _html}


@pytest.mark.parametrize("fmt", FORMATS)
def test_snapshot(sample, fmt):
    report, root = sample
    buf = io.StringIO()
    REPORTERS[fmt](report, buf)
    got = rf.normalise(buf.getvalue(), root)
    got = STABLE.get(fmt, lambda t: t)(got)
    assert "/ROOT" not in got or fmt in ("sarif",), "a format leaked the absolute working directory"
    snap = SNAPSHOTS / f"sample.{fmt}.{SUFFIX[fmt]}"
    if rf.update_snapshots() or not snap.exists():
        if not rf.update_snapshots():
            pytest.fail(f"{snap.name} is missing: run with PROCUTEXT_UPDATE_SNAPSHOTS=1 and review it")
        snap.write_text(got, encoding="utf-8", newline="\n")
    assert got == snap.read_text(encoding="utf-8"), f"{fmt} output changed: compare with {snap}"


def test_every_format_has_a_snapshot():
    assert set(FORMATS) == set(SUFFIX)
    for fmt in FORMATS:
        assert (SNAPSHOTS / f"sample.{fmt}.{SUFFIX[fmt]}").is_file()
