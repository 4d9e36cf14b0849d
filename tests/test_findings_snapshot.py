"""Speed changes keep the results identical (issue 13): the findings of check, fix and fix
with unsafe fixes on the synthetic text and on every text of the shared corpus match the
digests recorded by scripts/snapshot_findings.py (see its docstring for when to rewrite them)."""

from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import ROOT, SHARED

spec = importlib.util.spec_from_file_location("snapshot_findings", ROOT / "scripts" / "snapshot_findings.py")
snap = importlib.util.module_from_spec(spec)
assert spec.loader is not None
spec.loader.exec_module(snap)

RECORDED = json.loads(snap.SNAPSHOT.read_text(encoding="utf-8"))["inputs"]
CORPUS = SHARED / "corpus"
INPUTS = snap.inputs(CORPUS)
HINT = ("the findings changed; if that is a rule change you mean, rewrite the digests with "
        "`python scripts/snapshot_findings.py` and say so in the commit")


def test_the_synthetic_inputs_are_recorded():
    assert "synth" in RECORDED and "synth.md" in RECORDED


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_findings_and_fixes_are_those_recorded(name):
    if name not in INPUTS:
        pytest.skip(f"{name} needs ../shared/corpus")
    text, kind = INPUTS[name]
    assert snap.measure(text, kind) == RECORDED[name], HINT


def test_the_digest_sees_a_change_of_one_finding():
    import procutext

    found = procutext.check("since this year“ Dandelion ”was launched")
    before = snap.digest([snap.finding_record(f) for f in found])
    found[0].end += 1
    assert snap.digest([snap.finding_record(f) for f in found]) != before
