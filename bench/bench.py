#!/usr/bin/env python3
"""Throughput of procutext check and fix against ftfy.fix_text on the same synthetic text
(at least 5 MB, built from the defect patterns), the cost of the place rules (check with and
without PT3xx), the cold start of `procutext check` on a 2 KB file, and whether jieba is
imported for English-only input.

    pip install -e '.[bench]'   # ftfy
    python bench/bench.py [--mb 5] [--repeat 3]

Figures are ratios measured in one run on one machine; nothing here is a timed unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import build  # noqa: E402


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def cold_start(path: str, runs: int) -> tuple[float, float]:
    exe = [sys.executable, "-m", "procutext", "check", "--exit-zero", "--no-cache", path]
    # as installed: bytecode is cached (an environment may set PYTHONDONTWRITEBYTECODE, which
    # would make every run compile every module); one run first writes the cache
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(exe, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(exe, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
        times.append(time.perf_counter() - t)
    base = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append(time.perf_counter() - t)
    return statistics.median(times), statistics.median(base)


def heavy_imports(path: str) -> dict[str, bool]:
    code = (
        "import sys, procutext.cli as c\n"
        f"c.main(['check', '--exit-zero', {path!r}])\n"
        "import json; print(json.dumps({m: m in sys.modules for m in ('jieba', 'opencc', 'pypinyin', 'markdown_it')}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cold-runs", type=int, default=15)
    args = ap.parse_args(argv)

    import procutext

    text = build(int(args.mb * 1_000_000))
    mb = len(text.encode("utf-8")) / 1e6
    print(f"input: {mb:.2f} MB of UTF-8, {len(text):,} characters, {text.count(chr(10)):,} lines")

    procutext.check("warm up “ x ”")  # load rules and data once, as a long-running script would
    t_check = best_of(lambda: procutext.check(text), args.repeat)
    n_findings = len(procutext.check(text))
    t_fix = best_of(lambda: procutext.fix(text), args.repeat)
    t_no_places = best_of(lambda: procutext.check(text, ignore=["PT3"]), args.repeat)
    try:
        import ftfy
    except ImportError:
        print("ftfy is not installed (pip install -e '.[bench]'): no peer figures")
        ftfy = None
    print(f"procutext check: {t_check:.3f} s = {mb / t_check:.2f} MB/s ({n_findings:,} findings)")
    print(f"procutext fix:   {t_fix:.3f} s = {mb / t_fix:.2f} MB/s")
    print(f"procutext check without the place rules (PT3xx): {t_no_places:.3f} s; with them the "
          f"throughput is {t_no_places / t_check:.2f}x of that (target >= 0.75x)")
    if ftfy is not None:
        t_ftfy = best_of(lambda: ftfy.fix_text(text), args.repeat)
        print(f"ftfy.fix_text:   {t_ftfy:.3f} s = {mb / t_ftfy:.2f} MB/s  (ftfy {ftfy.__version__})")
        print(f"ratio check/ftfy throughput: {t_ftfy / t_check:.2f}x   fix/ftfy: {t_ftfy / t_fix:.2f}x"
              "   (target >= 1.0x)")

    with tempfile.TemporaryDirectory() as d:
        small = os.path.join(d, "draft.txt")
        Path(small).write_text(build(2048, seed=3)[:2048], encoding="utf-8")
        cold, base = cold_start(small, args.cold_runs)
        print(f"cold start of `procutext check` on a 2 KB file: {cold * 1000:.0f} ms median of "
              f"{args.cold_runs} (bare `python -c pass`: {base * 1000:.0f} ms; target < 200 ms)")
        mods = heavy_imports(small)
        print("imported for English-only input: " + ", ".join(f"{k}={'yes' if v else 'no'}" for k, v in mods.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
