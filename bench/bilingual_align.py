#!/usr/bin/env python3
"""Bead accuracy of procutext.bilingual.align on the paired texts of the shared corpus.

    python bench/bilingual_align.py [--corpus ../shared/corpus] [--show]

For every pair listed in tests/data/bilingual_gold.tsv (the gold sentence beads, made by
hand for this project; the texts stay in the shared corpus), the Chinese and English files
are read without their first line ("# source: URL") and their last (cut short), aligned at sentence level, and the beads
compared with the gold ones up to the last gold bead (the excerpts are cut at about 2,000
characters, so the Chinese goes on past the English). Printed for each pair and in total:
precision and recall of exact beads (1:0 and 0:1 included), for the full model and with
the anchors switched off one kind at a time, and the variance of the length difference that
the gold 1:1 beads imply (compare align.VARIANCE) with their English/Han ratio (align.RATIO).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from procutext.bilingual import align as al  # noqa: E402

GOLD = ROOT / "tests" / "data" / "bilingual_gold.tsv"


def read_gold(path: Path = GOLD) -> tuple[dict[str, list[tuple[tuple[int, ...], tuple[int, ...]]]], dict[str, tuple[int, int]]]:
    beads: dict[str, list[tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    counts: dict[str, tuple[int, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#sentences\t"):
            _, name, z, e = line.split("\t")
            counts[name] = (int(z), int(e))
            continue
        if not line.strip() or line.startswith("#"):
            continue
        name, z, e = line.split("\t")
        parse = lambda s: () if s == "-" else tuple(int(x) for x in s.split(","))  # noqa: E731
        beads.setdefault(name, []).append((parse(z), parse(e)))
    return beads, counts


def body(path: Path) -> str:
    """The text without its first line ("# source: URL") and its last line (cut short where
    the excerpt was cut: the corpus README says not to score it)."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("# source:"):
        text = text.split("\n", 1)[1]
    return text.rstrip("\n").rsplit("\n", 1)[0] + "\n"


def sentences(text: str, zh: bool) -> list[tuple[int, int]]:
    split = al.zh_sentences if zh else al.en_sentences
    return [s for ps, pe in al.paragraphs(text) for s in split(text, ps, pe)]


def predicted(alignment: al.Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    return [(tuple(range(*b.zh)), tuple(range(*b.en)), b.confidence) for b in alignment.beads]


def score(gold, pred) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(correct, predicted, gold) counting only beads up to the last gold one."""
    last_zh = max((max(z) for z, _ in gold if z), default=-1)
    last_en = max((max(e) for _, e in gold if e), default=-1)
    g = {(z, e) for z, e in gold}
    p = {(z, e) for z, e, _ in pred
         if (not z or max(z) <= last_zh) and (not e or max(e) <= last_en)}
    return len(g & p), len(p), len(g)


def run(corpus: Path, show: bool) -> int:
    gold, counts = read_gold()
    pairs = corpus / "dev" / "pairs"
    if not pairs.is_dir():
        print(f"no paired texts at {pairs}: nothing to measure")
        return 0
    from procutext.glossary import default_glossary
    from procutext.places import default_gazetteer

    glossary, gazetteer = default_glossary(), default_gazetteer()
    variants = {
        "full": dict(glossary=glossary, gazetteer=gazetteer),
        "numbers only": dict(),
        "no numbers (terms, places)": dict(glossary=glossary, gazetteer=gazetteer, numbers=False),
        "length only": dict(numbers=False),
    }
    totals = {k: [0, 0, 0] for k in variants}
    diffs: list[float] = []
    ratios: list[tuple[float, float]] = []
    for name, beads in gold.items():
        stem = name.split(".")[0]
        zh_path, en_path = pairs / f"{stem}.zh.txt", pairs / f"{name}.txt"
        if not zh_path.is_file() or not en_path.is_file():
            print(f"{name}: files not found, skipped")
            continue
        zh, en = body(zh_path), body(en_path)
        zs, es = sentences(zh, True), sentences(en, False)
        if counts.get(name) != (len(zs), len(es)):
            print(f"{name}: the splitter finds {len(zs)} Chinese and {len(es)} English sentences, the gold was "
                  f"made with {counts.get(name)}: re-make the gold before scoring")
            return 1
        for z, e in beads:
            if len(z) == 1 and len(e) == 1:
                lz = al.zh_length(zh[zs[z[0]][0]:zs[z[0]][1]])
                le = al.en_length(en[es[e[0]][0]:es[e[0]][1]])
                diffs.append((le - lz) ** 2 / max((lz + le) / 2, 1))
                han = len(al._HAN.findall(zh[zs[z[0]][0]:zs[z[0]][1]]))
                ratios.append((le, han))
        for label, kw in variants.items():
            numbers = kw.pop("numbers", True)
            t0 = time.perf_counter()
            saved = al.ANCHOR_BONUS.copy(), al.NUMBER_MISS
            if not numbers:
                al.ANCHOR_BONUS.update(n=0.0, d=0.0)
                al.NUMBER_MISS = 0.0
            try:
                a = al.align(zh, en, mode="sentence", **kw)
            finally:
                al.ANCHOR_BONUS.update(saved[0])
                al.NUMBER_MISS = saved[1]
            kw["numbers"] = numbers
            ms = (time.perf_counter() - t0) * 1000
            c, p, g = score(beads, predicted(a))
            for k, v in zip(range(3), (c, p, g)):
                totals[label][k] += v
            print(f"{name:28} {label:28} correct {c:3d} / predicted {p:3d} / gold {g:3d}  "
                  f"precision {c / p if p else 0:.3f} recall {c / g if g else 0:.3f}  "
                  f"confidence {a.confidence:.3f}  {ms:.0f} ms")
            if show and label == "full":
                for z, e, conf in predicted(a):
                    mark = " " if (z, e) in set(beads) else "x"
                    print(f"    {mark} {z} {e} {conf:.3f}")
    print()
    for label, (c, p, g) in totals.items():
        if g:
            print(f"TOTAL {label:28} precision {c / p if p else 0:.3f}  recall {c / g:.3f}  ({c}/{p} predicted, {c}/{g} gold)")
    if diffs:
        print(f"\ngold 1:1 beads: {len(diffs)}; implied variance s2 = {sum(diffs) / len(diffs):.2f} "
              f"(align.VARIANCE = {al.VARIANCE}); English characters per Han character "
              f"{sum(le for le, _ in ratios) / max(1, sum(h for _, h in ratios)):.2f} (align.RATIO = {al.RATIO})")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--show", action="store_true", help="print the beads of the full model (x: not in the gold)")
    args = ap.parse_args()
    corpus = args.corpus
    if not corpus.is_dir():
        corpus = Path("/work/shared/corpus")
    return run(corpus, args.show)


if __name__ == "__main__":
    sys.exit(main())
