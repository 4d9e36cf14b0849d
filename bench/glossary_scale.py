#!/usr/bin/env python3
"""Glossary scale: load a synthetic glossary of 100,000 entries and compare `check`
throughput with it against a 100-entry glossary, on the same synthetic text.

    python bench/glossary_scale.py [--entries 100000] [--mb 2] [--repeat 3]

The small glossary is the first 100 entries of the shipped one; the large one is those 100
plus synthetic entries up to --entries. Synthetic wrong renderings are two- and three-word
phrases that start with words of the benchmark text's own vocabulary and end in a word that is
not in it, so the automaton meets many partial matches (a harder case than random strings)
while the findings stay those of the shipped entries, as with a real termbase whose terms
mostly do not occur in a given text. Reported: the
TSV load time (read + validate + automaton build), the first-use cost, and the throughput
of `check` with all rules and with PT401 alone, as a ratio large/small.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import best_of  # noqa: E402
from synth import build  # noqa: E402

HAN = [chr(c) for c in range(0x4E00, 0x9FA5)]


def synthetic_rows(n: int, vocab: list[str], seed: int = 11) -> list[str]:
    rnd = random.Random(seed)
    seen: set[str] = set()
    rows = []
    while len(rows) < n:
        zh = "".join(rnd.choice(HAN) for _ in range(rnd.randint(2, 6)))
        if zh in seen:
            continue
        seen.add(zh)
        # approved renderings do not occur in the text either (one written out there would
        # shield the shipped wrong renderings inside it, as "judicial police" shields "police")
        en = " ".join([*(rnd.choice(vocab) for _ in range(rnd.randint(0, 2))),
                       rnd.choice(vocab) + rnd.choice("qxz") + rnd.choice("aeiou")])
        # words of the text, then a word that is not in it: the automaton walks the shared
        # prefix at every occurrence of the first words but the key rarely completes, as
        # in a real termbase whose terms mostly do not occur in a given text
        wrong = "|".join(" ".join([*(rnd.choice(vocab) for _ in range(rnd.randint(1, 2))),
                                   rnd.choice(vocab) + rnd.choice("qxz") + rnd.choice("aeiou")])
                         for _ in range(rnd.randint(1, 2)))
        rows.append(f"{zh}\t{en}\t{wrong}\t\tgeneral\tcommon\t\tsynthetic row {len(rows)}")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    import regex

    import procutext
    from procutext.context import Context
    from procutext.glossary import COLUMNS, Glossary, default_glossary, read_tsv

    text = build(int(args.mb * 1_000_000))
    vocab = sorted({w.lower() for w in regex.findall(r"\p{Latin}{3,}", text)})
    shipped = list(default_glossary())[:100]
    small = Glossary(shipped)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.tsv"
        rows = synthetic_rows(args.entries - len(shipped), vocab)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\t".join(COLUMNS) + "\n")
            f.write("\n".join(rows) + "\n")
        size = os.path.getsize(path)
        t0 = time.perf_counter()
        entries = read_tsv(path)
        t1 = time.perf_counter()
        big = Glossary([*shipped, *entries])
        t2 = time.perf_counter()
        keys = len(big.matcher)
        t3 = time.perf_counter()
    print(f"synthetic glossary: {len(big):,} entries, {keys:,} wrong-rendering keys, {size / 1e6:.1f} MB TSV")
    print(f"load: read+validate {t1 - t0:.2f} s, index {t2 - t1:.2f} s, automaton {t3 - t2:.2f} s; "
          f"total {t3 - t0:.2f} s (target < 2 s)")

    print(f"text: {len(text.encode()) / 1e6:.2f} MB synthetic (bench/synth.py)")
    results = {}
    for label, select in (("all rules", None), ("PT401 only", ["PT401"])):
        for name, g in (("100", small), (f"{len(big):,}", big)):
            ctx = Context(glossary=g)
            n_find = len(procutext.check(text, select=select, context=ctx))  # warm
            secs = best_of(lambda: procutext.check(text, select=select, context=ctx), args.repeat)
            results[(label, name)] = secs
            print(f"  check {label:<10} with {name:>7} entries: {len(text) / secs / 1e6:5.2f} M chars/s "
                  f"({n_find} findings)")
        small_s = results[(label, "100")]
        big_s = results[(label, f"{len(big):,}")]
        print(f"  ratio ({label}): {small_s / big_s:.2f}x of the 100-entry throughput (target >= 0.7)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
