#!/usr/bin/env python3
"""procutext.numbers.zh.find: the accuracy of the case table (tests/data/numbers_zh.tsv, a
case is right when every quantity of its text is found with its span, kind, value, unit,
date and approx, and nothing else) with its misses, and the throughput in characters per
second on the Chinese corpus text (../shared/corpus/dev/pairs/organic_law_2018.zh.txt,
repeated to --kb kilobytes) and on the table's own sentences (number-dense).

    python bench/numbers_zh.py [--kb 1000] [--repeat 3]

Figures from one run on one machine; nothing here is a timed unit test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_numbers_zh import got, load_table, parse_expected, same  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "pairs" / "organic_law_2018.zh.txt"


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def cold_first_call() -> float:
    """Seconds for a fresh process's first find() on a Chinese numeral (cn2an import, lexicon,
    gazetteer names, automaton), minus the same process doing nothing but import."""
    code = ("import time, procutext.numbers.zh as z; t = time.perf_counter(); "
            "z.find('受理一百二十件'); print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kb", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from procutext.numbers.zh import find

    rows = load_table()
    right, misses = 0, []
    for text, expected, status, note in rows:
        if same(got(text), parse_expected(expected)):
            right += 1
        else:
            misses.append((text, status, note))
    print(f"case table: {right}/{len(rows)} right ({right / len(rows):.1%})")
    for text, status, note in misses:
        print(f"  miss{' (known)' if status == 'miss' else ''}: {text}  # {note}")

    print(f"first call in a fresh process: {cold_first_call():.2f} s")
    find("一百二十")  # warm: cn2an, lexicon, automaton
    samples = []
    if CORPUS.is_file():
        body = CORPUS.read_text(encoding="utf-8").split("\n", 1)[1]
        samples.append(("organic law (corpus)", body))
    samples.append(("table sentences", "。".join(r[0] for r in rows)))
    for name, unit in samples:
        text = (unit + "\n") * max(1, args.kb * 1000 // len((unit + "\n").encode("utf-8")))
        n = len(find(text))
        secs = best_of(lambda: find(text), args.repeat)
        per_line = best_of(lambda: [find(line) for line in text.splitlines()], args.repeat)
        print(f"{name}: {len(text):,} chars, {n:,} quantities: {len(text) / secs:,.0f} chars/s whole, "
              f"{len(text) / per_line:,.0f} chars/s line by line")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
