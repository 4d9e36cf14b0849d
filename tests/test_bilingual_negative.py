"""Correct translations checked against their Chinese source must raise nothing (the bilingual
negative corpus, tests/negative/bilingual/: NAME.zh.txt with NAME.en.txt, and one-text pairs
NAME.pair.txt: the Chinese, a line "=>", the English).

Grow it whenever a bilingual check raises a false alarm on a correct translation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import procutext
from procutext.bilingual.pair import PairSource, read_pair
from procutext.context import Context
from procutext.engine import run_rules
from procutext.registry import select_rules

BILINGUAL = Path(__file__).parent / "negative" / "bilingual"
FILE_PAIRS = sorted(BILINGUAL.glob("*.zh.txt"))
ONE_TEXT = sorted(BILINGUAL.glob("*.pair.txt"))
#: as tests/test_negative.py: PT402 (opt-in) names variants in professional use on purpose
BY_DESIGN = ["PT402"]


def test_the_corpus_has_pairs_of_both_kinds():
    assert len(FILE_PAIRS) >= 4 and ONE_TEXT
    for zh in FILE_PAIRS:
        assert zh.with_name(zh.name.replace(".zh.", ".en.")).is_file(), zh.name


@pytest.mark.parametrize("zh_path", FILE_PAIRS, ids=lambda p: p.name.split(".")[0])
def test_file_pair_raises_nothing(zh_path):
    en_path = zh_path.with_name(zh_path.name.replace(".zh.", ".en."))
    rules = select_rules(extend_select=["ALL"], ignore=BY_DESIGN)
    doc = read_pair(en_path.read_text(encoding="utf-8"),
                    PairSource.read(zh_path.read_text(encoding="utf-8"), str(zh_path)), path=str(en_path))
    findings = run_rules(doc, rules, Context())
    assert [(f.line, f.column, f.code, f.message) for f in findings] == []
    assert doc.bilingual.segments, "the pair was aligned"


def _units(path: Path) -> list[str]:
    """The pairs of a one-text file: blocks separated by a line '---'."""
    return [u.strip("\n") for u in path.read_text(encoding="utf-8").split("\n---\n") if u.strip()]


@pytest.mark.parametrize("path", ONE_TEXT, ids=lambda p: p.name)
def test_one_text_pairs_raise_nothing(path):
    units = _units(path)
    assert len(units) >= 5
    for unit in units:
        findings = procutext.check(unit, kind="pair", extend_select=["ALL"], ignore=BY_DESIGN)
        assert [(f.code, f.message) for f in findings] == [], unit
