#!/usr/bin/env python3
"""The cost of the number and date rules (PT6xx) and of procutext.numbers.en.find.

    python bench/number_rules.py [--mb 5] [--repeat 5]

1. On the benchmark text of bench/bench.py (synthetic MT English, digits and dates but no
   number words): ``check`` with and without the PT6xx rules, and ftfy.fix_text, so that
   the check/ftfy throughput ratio can be compared with and without them. Times are CPU
   times of this process (``time.process_time``), best of ``--repeat``, runs alternated, so
   that other load on the machine moves them less than wall-clock times.
2. On a number-heavy text (the defect shapes of the PT6xx rules mixed with correct English
   sentences full of numbers and dates): ``check`` with and without PT6xx, and
   ``procutext.numbers.en.find`` alone.

Figures are ratios measured in one run on one machine; nothing here is a timed unit test.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import build  # noqa: E402

NUMBER_DEFECTS = [
    "——{y} year one month eighteen The 13th session in Anhui Province",
    "two thousand and twenty-one Annual work review",
    "Zhang Mian informed two thousand and thirteen The procuratorial work since, and spoke.",
    "The procuratorates filed one hundred and seventy-four thousand five hundred and eighty-six Pieces of cases.",
    "The hearing was held on {m} month {d} days in the county.",
    "under the leadership of the Party ninety Anniversary.",
    "covering fourteen point zero one 10000 square kilometers of sea",
    "the City“ ten · twelve ”First instance hearing was held.",
    "Time: November 22, 2023-1Author: News source:",
    "The verdict was announced on Monday, July 11, {y}.",
]
NUMBER_CLEAN = [
    "In the first half of {y}, the procuratorate approved the arrest of {n} suspects and prosecuted {k} people.",
    "On Tuesday, July 11, 2023, {n} cases were heard; 3 to 5 years were given in {k} of them.",
    "The fund grew to {n}.5 million yuan, about {k} percent more than in {y}.",
    "Between {y} and 2024, the number of cases fell from {n},{k}00 to {k},{n}00.",
    "One of the two courts held {n} hearings on 2023-07-{dd} and {k} on 11 July {y}.",
]


def number_text(size: int, seed: int = 11) -> str:
    rnd = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        pool = NUMBER_DEFECTS if rnd.random() < 0.3 else NUMBER_CLEAN
        s = rnd.choice(pool).format(y=rnd.randint(2000, 2024), m=rnd.randint(1, 12), d=rnd.randint(1, 28),
                                    n=rnd.randint(2, 999), k=rnd.randint(10, 99), dd=f"{rnd.randint(1, 28):02d}")
        parts.append(s)
        parts.append("\n\n" if rnd.random() < 0.3 else " ")
        total += len(s) + 1
    return "".join(parts)


def alternated(fns: dict[str, object], repeat: int) -> dict[str, float]:
    """Best CPU time of each function, the functions run in turn ``repeat`` times."""
    best = {k: float("inf") for k in fns}
    for _ in range(repeat):
        for k, fn in fns.items():
            gc.collect()  # each run starts with the same heap
            t = time.process_time()
            fn()  # type: ignore[operator]
            best[k] = min(best[k], time.process_time() - t)
    return best


def rule_times(text: str, repeat: int) -> tuple[float, float]:
    """Best CPU times of the PT6xx rules and of all the other rules on one document."""
    from procutext.analysis import line_classes
    from procutext.context import DEFAULT_CONTEXT as ctx
    from procutext.readers import load_document
    from procutext.registry import select_rules

    rules = select_rules(None)
    six = [r for r in rules if r.code.startswith("PT6")]
    rest = [r for r in rules if not r.code.startswith("PT6")]
    best = [float("inf"), float("inf")]
    for i in range(repeat):
        for k, group in enumerate((six, rest)):
            if k == 1 and i >= 2:
                continue  # the other rules take seconds and vary less in proportion
            doc = load_document(text, None, None)
            line_classes(doc, ctx)
            gc.collect()
            t = time.process_time()
            for r in group:
                for _ in r.func(doc, ctx):
                    pass
            best[k] = min(best[k], time.process_time() - t)
    return best[0], best[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    import procutext
    from procutext.numbers import en

    procutext.check("warm up “ x ” two thousand and twenty In 2021 year one month thirty")
    text = build(int(args.mb * 1_000_000))
    mb = len(text.encode("utf-8")) / 1e6
    fns = {
        "check": lambda: procutext.check(text),
        "check without PT6xx": lambda: procutext.check(text, ignore=["PT6"]),
    }
    try:
        import ftfy

        fns["ftfy.fix_text"] = lambda: ftfy.fix_text(text)
    except ImportError:
        print("ftfy is not installed (pip install -e '.[bench]'): no peer figures")
    t = alternated(fns, args.repeat)
    print(f"benchmark text: {mb:.2f} MB (bench/synth.py), CPU time, best of {args.repeat}, alternated")
    for k, v in t.items():
        print(f"  {k:22} {v:7.3f} s = {mb / v:5.2f} MB/s")
    # the difference of two whole checks is within their noise on a busy machine: time the
    # rules themselves on one document as well (the document's shared analyses computed
    # first, as the other rules compute them in a check)
    pt6, others = rule_times(text, args.repeat * 2)
    print(f"  the PT6xx rules alone: {pt6 * 1000:.0f} ms; all other rules: {others * 1000:.0f} ms "
          f"({pt6 / others:.1%} of their time)")
    if "ftfy.fix_text" in t:
        without = t["check"] - pt6
        print(f"  check/ftfy throughput ratio: {t['ftfy.fix_text'] / t['check']:.3f}x with PT6xx, "
              f"{t['ftfy.fix_text'] / without:.3f}x without them (check minus the PT6xx rules' time); "
              f"check without PT6xx measured: {t['ftfy.fix_text'] / t['check without PT6xx']:.3f}x")

    heavy = number_text(int(args.mb * 200_000))
    hmb = len(heavy.encode("utf-8")) / 1e6
    n_found = len(en.find(heavy))
    n_findings = sum(1 for f in procutext.check(heavy, select=["PT6"]))
    th = alternated({
        "check": lambda: procutext.check(heavy),
        "check without PT6xx": lambda: procutext.check(heavy, ignore=["PT6"]),
        "numbers.en.find": lambda: en.find(heavy),
    }, args.repeat)
    print(f"number-heavy text: {hmb:.2f} MB, {n_found:,} quantities found, {n_findings:,} PT6xx findings")
    for k, v in th.items():
        print(f"  {k:22} {v:7.3f} s = {hmb / v:5.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
