#!/usr/bin/env python3
"""Timings of the place-name gazetteer: loading divisions.tsv (target < 200 ms) and
per-query lookup (target < 50 ms for a Latin misspelling searched over all 3,214 names).

    python bench/places_load.py [--repeat 20]

Each figure is the best and the median of --repeat runs in this process, except the cold
figures: the import of procutext.places, the first load (file read + parse + indexes) and the
first near query (which also splits the 3,214 English names into syllables) are measured in
fresh subprocesses. Nothing here is a timed unit test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

COLD = r"""
import json, time
t0 = time.perf_counter()
import procutext.places as places
t1 = time.perf_counter()
gaz = places.default_gazetteer()
t2 = time.perf_counter()
gaz.lookup("Wanpeng")
t3 = time.perf_counter()
gaz.lookup("灣沚區")
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "first_near": t3 - t2, "first_traditional": t4 - t3}))
"""

QUERIES = [
    ("Chinese full", "湾沚区"),
    ("Chinese former", "芜湖县"),
    ("Chinese short", "朝阳"),
    ("traditional", "灣沚區"),
    ("code", "340210"),
    ("English exact", "Xi'an City"),
    ("English exact, no apostrophe", "Xian"),
    ("near, pinyin", "Wanpeng"),
    ("near, pinyin", "Wandang"),
    ("near, pinyin", "Wangui"),
    ("near, with generic", "Shijiazhuan City"),
    ("near, not pinyin", "Wanzhl"),
    ("near, nothing", "Xyzzy"),
    ("near, within 340200", "Wandang"),
]


def timed(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()

    colds = []
    for _ in range(3):
        res = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True)
        colds.append(json.loads(res.stdout))
    print("cold, fresh process (best of 3):")
    for key in ("import", "load", "first_near", "first_traditional"):
        print(f"  {key:<18} {min(c[key] for c in colds) * 1000:8.1f} ms")

    from procutext.data import data_dir
    from procutext.places import Gazetteer, load, parse

    path = data_dir() / "places" / "divisions.tsv"
    text = path.read_text(encoding="utf-8")
    print(f"\nwarm, best / median of {args.repeat}:")
    for label, fn in (("read+parse+index", lambda: load(path)),
                      ("parse only", lambda: parse(text)),
                      ("index only", (lambda rows: lambda: Gazetteer(rows))(parse(text)))):
        best, med = timed(fn, args.repeat)
        print(f"  {label:<30} {best * 1000:8.2f} / {med * 1000:8.2f} ms")

    gaz = load(path)
    gaz.lookup("Wanpeng")  # build the lazy near index
    print()
    for label, q in QUERIES:
        within = "340200" if "within" in label else None
        best, med = timed(lambda: gaz.lookup(q, within=within), args.repeat)
        hits = gaz.lookup(q, within=within)
        top = f"{hits[0].division.zh} {hits[0].match} {hits[0].distance:g}" if hits else "-"
        print(f"  {label:<30} {q!r:<20} {best * 1000:8.2f} / {med * 1000:8.2f} ms   {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
