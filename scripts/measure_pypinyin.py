#!/usr/bin/env python3
"""Measure how many names of tests/data/place_names_official.tsv pypinyin alone gets wrong.

"pypinyin alone" = pypinyin 0.55.0 lazy_pinyin(Style.NORMAL) without the project's override table,
without the apostrophe rule, syllables joined and capitalised. The reference is the gazetteer's
en_short for the same name, which tests/test_gazetteer_data.py checks against the official English
(accents and case ignored). Two readings of "alone" are measured:

* context: pypinyin reads the full name (湾沚区) and the specific's syllables are kept;
* short:   pypinyin reads the specific part alone (湾沚).

A single-character specific keeps its generic syllable in both (单县 -> Shanxian): that is the
spelling rule, not a pinyin fix. Run inside the build venv:

    /tmp/gazvenv/bin/python scripts/measure_pypinyin.py [--list]
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

from pypinyin import Style, lazy_pinyin

REPO = Path(__file__).resolve().parent.parent


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def naive(zh: str, short: str, typ: str, context: bool) -> str:
    n = len(short)
    if n == 1 and zh.startswith(short + typ):
        n = 2
        text = zh if context else short + typ
    else:
        text = zh if context else short
    syl = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)[:n]
    s = "".join(syl)
    return s[:1].upper() + s[1:]


def main() -> None:
    divisions = read(REPO / "glossaries" / "places" / "divisions.tsv")
    tests = read(REPO / "tests" / "data" / "place_names_official.tsv")
    by_zh: dict[str, list[dict[str, str]]] = {}
    for r in divisions:
        by_zh.setdefault(r["zh"], []).append(r)
    by_short: dict[str, list[dict[str, str]]] = {}
    for r in divisions:
        by_short.setdefault(r["short"], []).append(r)

    results = {"context": [], "short": []}
    for t in tests:
        hits = by_zh.get(t["zh"]) or by_short.get(t["zh"]) or []
        if not hits:
            print(f"not in gazetteer: {t['zh']}", file=sys.stderr)
            continue
        r = hits[0]
        want = r["en_short"]
        for mode in results:
            got = naive(r["zh"], r["short"], r["type"], mode == "context")
            wrong = norm(got) != norm(want)
            wrong_reading = norm(got) != norm(want).replace("'", "")
            results[mode].append((t["zh"], want, got, wrong, wrong_reading))

    total = len(results["context"])
    print(f"{total} names in tests/data/place_names_official.tsv")
    for mode, rows in results.items():
        w = sum(1 for x in rows if x[3])
        wr = sum(1 for x in rows if x[4])
        print(f"pypinyin alone ({mode}): {w} wrong ({w / total:.1%}); "
              f"{wr} ({wr / total:.1%}) still wrong if the missing apostrophe is forgiven")
        if "--list" in sys.argv:
            for zh, want, got, bad, _ in rows:
                if bad:
                    print(f"  {zh}\tpypinyin {got}\tofficial {want}")


if __name__ == "__main__":
    main()
