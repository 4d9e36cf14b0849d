"""Checks on the shipped gazetteer data (glossaries/places/).

Standard library only: the TSV files are read from the repository, relative to this file.
The data itself is built by scripts/build_gazetteer.py; these tests pin what it must contain.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PLACES = REPO / "glossaries" / "places"
DIVISIONS = PLACES / "divisions.tsv"
OVERRIDES = PLACES / "romanization_overrides.tsv"
OFFICIAL = REPO / "tests" / "data" / "place_names_official.tsv"

DIVISION_COLUMNS = ["code", "zh", "short", "type", "level", "en", "en_short", "parent", "former", "source"]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=None)
def divisions() -> tuple[dict[str, str], ...]:
    return tuple(read_tsv(DIVISIONS))


@lru_cache(maxsize=None)
def by_code() -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in divisions()}


def norm(text: str) -> str:
    """Compare English names without case, diacritics (Xigazê = Xigaze) or curly apostrophes."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split()).casefold()


def official_rows() -> list[dict[str, str]]:
    return read_tsv(OFFICIAL)


# --------------------------------------------------------------------------------------------
# divisions.tsv

def test_header() -> None:
    with open(DIVISIONS, encoding="utf-8") as f:
        assert f.readline().rstrip("\n").split("\t") == DIVISION_COLUMNS


def test_row_count() -> None:
    assert len(divisions()) >= 3000


def test_levels() -> None:
    counts = Counter(r["level"] for r in divisions())
    assert set(counts) == {"province", "prefecture", "county"}
    assert counts["province"] >= 33
    assert counts["prefecture"] >= 330
    assert counts["county"] >= 2800


def test_codes_unique_and_six_digits() -> None:
    codes = [r["code"] for r in divisions()]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 6 and c.isdigit() for c in codes)


def test_every_parent_exists() -> None:
    index = by_code()
    for r in divisions():
        if r["level"] == "province":
            assert r["parent"] == "", r
        else:
            assert r["parent"] in index, r
            parent_level = index[r["parent"]]["level"]
            assert parent_level in {"province", "prefecture"}, r


def test_no_placeholders() -> None:
    for r in divisions():
        assert r["zh"] not in {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}, r
        assert "直辖县级" not in r["zh"], r


def test_fields_filled() -> None:
    for r in divisions():
        for col in ("zh", "short", "type", "en", "en_short", "source"):
            assert r[col], (col, r)
        assert r["en"].startswith(r["en_short"]), r
        assert r["short"] in r["zh"], r


def test_en_short_form() -> None:
    """First letter capitalised; in generated pinyin an apostrophe only before a, o or e.

    Overridden names are exempt from the apostrophe rule: Tibetan transcriptions use it
    differently (Zhag'yab, Gongbo'gyamda).
    """
    overrides = {o["zh"] for o in read_tsv(OVERRIDES)}
    for r in divisions():
        s = r["en_short"]
        assert s[0].isupper(), r
        if r["zh"] in overrides or r["short"] in overrides:
            continue
        assert s.replace("'", "").isalpha(), r
        for i, ch in enumerate(s):
            if ch == "'":
                assert 0 < i < len(s) - 1 and s[i + 1] in "aeo", r


def test_wanzhi() -> None:
    r = by_code()["340210"]
    assert r["zh"] == "湾沚区"
    assert r["en"] == "Wanzhi District"
    assert r["en_short"] == "Wanzhi"
    assert r["parent"] == "340200"
    assert by_code()["340200"]["en"] == "Wuhu City"
    assert "芜湖县" in [f.split("@")[0] for f in r["former"].split("|")]
    assert "芜湖县@2020" in r["former"].split("|")


def test_fanchang() -> None:
    r = by_code()["340212"]
    assert r["zh"] == "繁昌区"
    assert r["en"] == "Fanchang District"
    assert r["parent"] == "340200"


def test_former_format() -> None:
    for r in divisions():
        if not r["former"]:
            continue
        for item in r["former"].split("|"):
            name, _, year = item.partition("@")
            assert name and name != r["zh"], r
            assert year == "" or (year.isdigit() and 1949 <= int(year) <= 2100), r


@pytest.mark.parametrize(
    ("code", "en"),
    [
        ("340000", "Anhui Province"),
        ("610000", "Shaanxi Province"),
        ("140000", "Shanxi Province"),
        ("150000", "Inner Mongolia Autonomous Region"),
        ("650000", "Xinjiang Uygur Autonomous Region"),
        ("450000", "Guangxi Zhuang Autonomous Region"),
        ("640000", "Ningxia Hui Autonomous Region"),
        ("540000", "Xizang Autonomous Region"),
        ("810000", "Hong Kong Special Administrative Region"),
        ("820000", "Macao Special Administrative Region"),
        ("341500", "Lu'an City"),
        ("610100", "Xi'an City"),
        ("433100", "Xiangxi Tujia and Miao Autonomous Prefecture"),
        ("152500", "Xilingol League"),
        ("232700", "Da Hinggan Ling Prefecture"),
        ("371722", "Shanxian County"),
        ("310115", "Pudong New Area"),
        ("429021", "Shennongjia Forestry District"),
        ("520203", "Liuzhi Special District"),
        ("150206", "Bayan Obo Mining District"),
        ("150723", "Oroqen Autonomous Banner"),
        ("150722", "Morin Dawa Daur Autonomous Banner"),
        ("622927", "Jishishan Bonan, Dongxiang and Salar Autonomous County"),
    ],
)
def test_selected_english_names(code: str, en: str) -> None:
    assert by_code()[code]["en"] == en


# --------------------------------------------------------------------------------------------
# romanization_overrides.tsv

def test_overrides_have_sources() -> None:
    rows = read_tsv(OVERRIDES)
    assert rows
    assert list(rows[0]) == ["zh", "en_short", "reason", "source"]
    zhs = [r["zh"] for r in rows]
    assert len(zhs) == len(set(zhs))
    for r in rows:
        assert r["zh"] and r["en_short"], r
        assert r["reason"].strip(), r
        assert r["source"].strip(), r


def test_overrides_applied() -> None:
    """Every override naming a current division (by full name, else by short name) is used."""
    overrides = {o["zh"]: o["en_short"] for o in read_tsv(OVERRIDES)}
    used = 0
    for r in divisions():
        key = r["zh"] if r["zh"] in overrides else r["short"] if r["short"] in overrides else None
        if key is not None:
            assert r["en_short"] == overrides[key], (key, r)
            used += 1
    assert used >= len(overrides) // 2


# --------------------------------------------------------------------------------------------
# tests/data/place_names_official.tsv

def test_official_list_size() -> None:
    rows = official_rows()
    assert len(rows) >= 160
    for r in rows:
        assert r["zh"] and r["en"] and r["source"].strip(), r


def _candidates(zh: str) -> list[dict[str, str]]:
    hits = [r for r in divisions() if r["zh"] == zh]
    return hits or [r for r in divisions() if r["short"] == zh]


@pytest.mark.parametrize("row", official_rows(), ids=lambda r: f"{r['zh']}={r['en']}")
def test_official_name_matches(row: dict[str, str]) -> None:
    hits = _candidates(row["zh"])
    assert hits, f"{row['zh']} is not in divisions.tsv"
    want = norm(row["en"])
    got = {norm(h["en"]) for h in hits} | {norm(h["en_short"]) for h in hits}
    assert want in got, f"{row['zh']}: official {row['en']!r}, gazetteer {sorted(got)} ({row['source']})"
