from __future__ import annotations

from pathlib import Path

import os

import pytest

# the CLI's cache of unchanged inputs is on by default; the tests check every input afresh
# (tests/test_scale.py turns it on where it is tested)
os.environ.setdefault("PROCUTEXT_NO_CACHE", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_corpus() -> Path:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present")
    return corpus
