#!/usr/bin/env python3
"""How well ``--encoding auto`` names the encoding of English with a little Chinese.

The texts are the English files of ../shared/corpus (dev and dev2, the ``# source:`` line
left out), cut at 80, 400 and 2,000 characters, each with one or three Chinese snippets
inserted at random word boundaries (a term of glossaries/procuratorial.tsv or a division
name of glossaries/places/divisions.tsv, bare or in （）, “”, 《》 or followed by 、), and
also with two commas and a full stop made full-width instead. Each text is saved as GBK,
GB18030, Big5 (after OpenCC s2t) and UTF-8, and given to ``procutext.charsets.guess`` and,
when installed, to charset-normalizer's ``from_bytes(...).best()``.

Printed per kind and encoding: right guesses, guesses confident enough to write a fix back
(``charsets.MIN_WRITE_CONFIDENCE``), and wrong guesses that were that confident (must be 0).

    python bench/encodings.py [--corpus PATH] [--seed N]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from procutext import charsets

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
ENCODINGS = ("gbk", "gb18030", "big5", "utf-8")
RIGHT = {"gbk": {"gb18030"}, "gb18030": {"gb18030"}, "big5": {"big5", "cp950", "big5hkscs"}, "utf-8": {"utf-8"}}


def snippets() -> list[str]:
    with open(ROOT / "glossaries" / "procuratorial.tsv", encoding="utf-8") as f:
        out = [row["zh"] for row in csv.DictReader(f, delimiter="\t")]
    with open(ROOT / "glossaries" / "places" / "divisions.tsv", encoding="utf-8") as f:
        out += [row["zh"] for row in csv.DictReader(f, delimiter="\t")]
    return out


def samples(corpus: Path, seed: int):
    rng = random.Random(seed)
    zh = snippets()
    forms = ["{}", "（{}）", "“{}”", "{}、", "《{}》"]
    paths = sorted(corpus.glob("dev*/mt/*.txt")) + sorted(corpus.glob("dev*/pro/*.txt"))
    for p in paths:
        text = p.read_text(encoding="utf-8").split("\n", 1)[-1]
        for size in (80, 400, 2000):
            for k in (1, 3):
                words = text[:size].split(" ")
                for _ in range(k):
                    i = rng.randrange(len(words))
                    words[i] += " " + rng.choice(forms).format(rng.choice(zh))
                yield f"en+{k}zh", " ".join(words)
        yield "en+punct", text[:400].replace(", ", "，", 2).replace(". ", "。", 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    if not (args.corpus / "dev").is_dir():
        print(f"no corpus at {args.corpus}; nothing measured")
        return 0
    import opencc

    s2t = opencc.OpenCC("s2t").convert
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        from_bytes = None
    ours: dict[tuple[str, str], Counter] = defaultdict(Counter)
    theirs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    times = Counter()
    for kind, text in samples(args.corpus, args.seed):
        for enc in ENCODINGS:
            try:
                data = (s2t(text) if enc == "big5" else text).encode(enc)
            except UnicodeEncodeError:
                continue
            if data.isascii():
                continue
            c = ours[(kind, enc)]
            t0 = time.perf_counter()
            g = charsets.guess(data)
            times["ours"] += time.perf_counter() - t0
            ok = g is not None and g.encoding in RIGHT[enc]
            sure = g is not None and g.confidence is not None and g.confidence >= charsets.MIN_WRITE_CONFIDENCE
            c["n"] += 1
            c["right"] += ok
            c["writable"] += sure
            c["wrong_writable"] += sure and not ok
            if from_bytes is not None:
                t0 = time.perf_counter()
                best = from_bytes(data).best()
                times["theirs"] += time.perf_counter() - t0
                got = charsets.canonical(best.encoding) if best is not None else None
                theirs[(kind, enc)]["right"] += got in RIGHT[enc]
    print(f"{'kind':9} {'saved as':8} {'n':>4}  {'right':>5}  {'writable':>8}  {'wrong+writable':>14}"
          + ("  charset-normalizer right" if from_bytes else ""))
    for key in sorted(ours):
        c = ours[key]
        line = f"{key[0]:9} {key[1]:8} {c['n']:4}  {c['right']:5}  {c['writable']:8}  {c['wrong_writable']:14}"
        if from_bytes is not None:
            line += f"  {theirs[key]['right']:5}"
        print(line)
    total = sum(c["n"] for c in ours.values())
    print(f"\n{total} files; procutext {times['ours']:.2f} s"
          + (f", charset-normalizer {times['theirs']:.2f} s" if from_bytes else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
