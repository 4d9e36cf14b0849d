#!/usr/bin/env python3
"""Write glossaries/places/pinyin_variants.tsv: the plain pinyin of every division whose
official English is not its plain pinyin.

    pip install pypinyin==0.55.0      # scripts/requirements-gazetteer.txt
    python scripts/build_pinyin_variants.py [--check]

For each row of divisions.tsv whose name (or specific part) is in romanization_overrides.tsv
(a reviewed reading, or a conventional or official English form: 乌拉特前旗 Urad Front
Banner, 呼和浩特 Hohhot, 长治 Changzhi with 长 read cháng), the specific part is read by
pypinyin with its default readings (``Style.NORMAL``, the whole name as context, the way
build_gazetteer.py reads names before the overrides apply). When those syllables, spaces
and apostrophes aside, differ from the official ``en_short``, the row is written: what a
machine transliteration gives for a name whose English is something else ("Wulateqian
Banner", "Huhehaote", "Zhangzhi City"). Forms that are the English name of another
division or township (兴安 "Xing'an" County in Guangxi beside 兴安盟 Hinggan League) are
left out: those are real names. The rule PT307 reads this file.

Columns: ``code`` (divisions.tsv), ``zh``, ``pinyin`` (the syllables, space-separated),
``en_short`` (the official specific part), ``kind`` (``reading``: pypinyin reads a
character otherwise; ``conventional``: a transcription or an English name not in pinyin;
``half``: the transcription kept and its direction words left in pinyin, "Uradqian" for
乌拉特前旗 Urad Front Banner),
``source`` (how the row was made, and the override's source). ``--check`` exits 1 when the
file on disk differs from what the script would write (tests/test_place_pinyin.py runs it
when pypinyin is installed).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "glossaries" / "places"
OUT = PLACES / "pinyin_variants.tsv"
PYPINYIN = "0.55.0"


def norm(s: str) -> str:
    return re.sub(r"[^a-zü]", "", s.lower().replace("v", "ü"))


def rows() -> list[dict[str, str]]:
    from pypinyin import Style, lazy_pinyin

    with open(PLACES / "divisions.tsv", encoding="utf-8", newline="") as f:
        divisions = list(csv.DictReader(f, delimiter="\t"))
    with open(PLACES / "romanization_overrides.tsv", encoding="utf-8", newline="") as f:
        overrides = {r["zh"]: r for r in csv.DictReader(f, delimiter="\t")}
    real = {norm(d["en_short"]) for d in divisions}
    with gzip.open(PLACES / "townships.tsv.gz", "rt", encoding="utf-8", newline="") as f:
        real |= {norm(t["en_short"]) for t in csv.DictReader(f, delimiter="\t")}
    out = []
    for d in divisions:
        o = overrides.get(d["zh"]) or overrides.get(d["short"])
        if o is None or len(d["short"]) < 2:
            continue  # single characters (蔚 Yu) are too short to tell from other words
        syl = lazy_pinyin(d["zh"], style=Style.NORMAL, v_to_u=True, errors="ignore")[:len(d["short"])]
        if len(syl) != len(d["short"]):
            continue
        plain = norm("".join(syl))
        if plain == norm(d["en_short"]) or plain in real:
            continue
        kind = "reading" if re.match(r"\S+ [a-zü]+[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", o["reason"]) or "pypinyin" in o["reason"] \
            else "conventional"
        out.append({
            "code": d["code"], "zh": d["zh"], "pinyin": " ".join(syl), "en_short": d["en_short"], "kind": kind,
            "source": f"pypinyin {PYPINYIN} Style.NORMAL of {d['zh']}; official English: romanization_overrides.tsv "
                      f"({o['reason']}; {o['source']})",
        })
        half = _half(d, syl)
        if half and norm("".join(half)) not in real:
            out.append({
                "code": d["code"], "zh": d["zh"], "pinyin": " ".join(half), "en_short": d["en_short"], "kind": "half",
                "source": f"the transcription of {d['zh']} with its direction words in pypinyin {PYPINYIN} "
                          f"(前 qian for Front …); official English: romanization_overrides.tsv ({o['source']})",
            })
    return out


#: direction words of the names of banners and wings, in the order their English gives them
DIRECTIONS = {"Front": "前", "Middle": "中", "Rear": "后", "Left": "左", "Right": "右", "East": "东", "West": "西",
              "South": "南", "North": "北", "Wing": "翼", "United": "联合"}


def _half(d: dict[str, str], syl: list[str]) -> list[str] | None:
    """The half-transcribed form MT writes for a name whose English is a transcription
    followed by direction words: the transcription kept and the directions in pinyin
    (乌拉特前 Urad Front → "Uradqian"), as tokens (``["urad", "qian"]``); None for other
    names."""
    words = d["en_short"].split()
    k = len(words)
    while k > 0 and words[k - 1] in DIRECTIONS:
        k -= 1
    if k == 0 or k == len(words):
        return None
    tail = "".join(DIRECTIONS[w] for w in words[k:])
    short = d["short"]
    if not short.endswith(tail):
        return None
    n = len(tail)
    return [w.lower() for w in words[:k]] + syl[len(short) - n:]


def render(items: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    cols = ["code", "zh", "pinyin", "en_short", "kind", "source"]
    buf.write("\t".join(cols) + "\n")
    for r in items:
        buf.write("\t".join(r[c].replace("\t", " ") for c in cols) + "\n")
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the file on disk is not current")
    args = ap.parse_args(argv)
    import pypinyin

    if pypinyin.__version__ != PYPINYIN:
        print(f"pypinyin {pypinyin.__version__} is installed; the file is built with {PYPINYIN}", file=sys.stderr)
        return 2
    text = render(rows())
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is not current: run scripts/build_pinyin_variants.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10)) - 1} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
