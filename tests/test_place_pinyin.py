"""PT307 pinyin-for-official-name and its generated table (glossaries/places/pinyin_variants.tsv)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import procutext
from procutext.data import read_tsv
from procutext.places import default_gazetteer

ROOT = Path(__file__).resolve().parent.parent


def _codes(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.matched) for f in procutext.check(text, select=["PT307"])]


@pytest.mark.skipif(importlib.util.find_spec("pypinyin") is None, reason="pypinyin (build-only) not installed")
def test_the_table_is_what_the_script_writes():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_pinyin_variants.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_every_row_names_a_division_whose_english_is_not_the_pinyin():
    gaz = default_gazetteer()
    rows = read_tsv("places/pinyin_variants.tsv")
    assert len(rows) > 100
    for row in rows:
        d = gaz.get(row["code"])
        assert d is not None and d.zh == row["zh"] and d.en_short == row["en_short"], row
        assert row["kind"] in ("reading", "conventional", "half") and row["source"], row
        joined = "".join(row["pinyin"].split())
        assert joined != "".join(c for c in d.en_short.lower() if c.isalpha()), row


@pytest.mark.parametrize("text,matched,fix", [
    ("The Wulateqian Banner procuratorate held a hearing.", "Wulateqian", "Urad Front"),
    ("prosecutors of Wulate Qian Banner", "Wulate Qian", "Urad Front"),
    ("the Uradqian Banner procuratorate", "Uradqian", "Urad Front"),
    ("Horqin Zuoyi Zhong Banner", "Horqin Zuoyi Zhong", "Horqin Left Wing Middle"),
    ("Huhehaote prosecutors met on Monday.", "Huhehaote", "Hohhot"),
    ("the Neimenggu Autonomous Region procuratorate", "Neimenggu", "Inner Mongolia"),
    ("Hongdong County People's Procuratorate", "Hongdong", "Hongtong"),
    ("the Ali Prefecture procuratorate", "Ali", "Ngari"),
])
def test_plain_pinyin_is_reported_with_the_official_english(text, matched, fix):
    findings = procutext.check(text, select=["PT307"])
    assert [(f.code, f.matched) for f in findings] == [("PT307", matched)]
    assert procutext.fix(text, select=["PT307"], unsafe=True).text == text.replace(matched, fix)


@pytest.mark.parametrize("text", [
    "Urad Front Banner and Hohhot City",              # the official names
    "Huhehaote (Hohhot) is the regional capital.",     # a gloss beside its English
    "Ali said the case was closed.",                   # two syllables without a generic: a name
    "Hongdong told reporters the hearing went well.",  # a wrong reading without a generic
    "Xing'an County in Guangxi",                       # a real division with that pinyin
    "prosecutors in Zhangzhi town",                    # a township's name
    "the wulateqian banner",                           # not capitalised: not written as a name
])
def test_real_names_and_glosses_stay_silent(text):
    assert _codes(text) == []
