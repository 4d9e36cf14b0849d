"""Every output format, as a snapshot: the sample run (report_fixtures) rendered and
compared with tests/snapshots/sample.<format>, after removing the working directory and the
version. After a deliberate change, rewrite them with PROCUTEXT_UPDATE_SNAPSHOTS=1 and
review the diff."""

from __future__ import annotations

import io
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


@pytest.mark.parametrize("fmt", FORMATS)
def test_snapshot(sample, fmt):
    report, root = sample
    buf = io.StringIO()
    REPORTERS[fmt](report, buf)
    got = rf.normalise(buf.getvalue(), root)
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
