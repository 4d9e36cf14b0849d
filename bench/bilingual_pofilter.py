#!/usr/bin/env python3
"""procutext's bilingual checks against translate-toolkit's ``pofilter``, on the same XLIFF.

    pip install -r bench/requirements-pofilter.txt   # translate-toolkit (GPL-3.0): bench only
    python bench/bilingual_pofilter.py [--units 5000] [--repeat 3] [--memory-units 100000]
                                       [--linear 10000,100000] [--seed 12] [--keep DIR]

Writes XLIFF 1.2 files of varied zh→en units (``bench/bilingual_units.py``, seeded), then in
the same run, alternating the two tools, ``--repeat`` times:

- ``pofilter --language=en -i FILE -o OUT --progress=none`` (its default checks; pofilter has
  no source-language option: its checks take the source as English), run as
  ``python -m translate.filters.pofilter`` in a child process;
- ``python -m procutext check FILE --output-format json`` (the default rules, the bilingual
  PT7xx checks with the shipped glossary and gazetteer among them; this checkout's ``src``
  first on ``PYTHONPATH``), in a child process, its JSON written to a file.

Each child is timed by the wall clock and by its own CPU time (user + system, from
``os.wait4``), and the best of the repetitions is kept: the CPU time is what a busy machine
disturbs least. Units per second are the units of the file over that time, start-up
included; the start-up alone is measured on a 1-unit file and shown beside it, with the
rate without it. Peak memory (``ru_maxrss`` of each child) is measured on the
``--memory-units`` file, and the time on the ``--linear`` sizes shows whether checking time
grows linearly. What each tool found is printed as a sanity check: pofilter's failures by
test, procutext's findings by rule, and, for procutext, by the defect the generator put in
each unit (``OUT.labels.tsv``).

Installs nothing. Without translate-toolkit it says so and measures procutext alone.

Figures are in ``bench/README.md``; nothing here is a timed unit test.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bilingual_units import labels_path, write  # noqa: E402

POFILTER = ["-m", "translate.filters.pofilter", "--language=en", "--progress=none"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run(argv: list[str], stdout_path: Path | None = None) -> dict:
    """Run a child process; its wall time, CPU time and peak RSS (MB)."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, env=_env(), cwd=ROOT)
        # read stderr on the side so that a chatty child never blocks
        err = p.stderr.read() if p.stderr else b""
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdout_path:
            out.close()  # type: ignore[union-attr]
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024,
            "rc": p.returncode, "stderr": err.decode("utf-8", "replace")}


def pofilter(xlf: Path, out: Path) -> dict:
    r = run([sys.executable, *POFILTER, "-i", str(xlf), "-o", str(out)])
    if r["rc"] != 0:
        raise SystemExit(f"pofilter failed ({r['rc']}):\n{r['stderr'][-2000:]}")
    return r


def procutext(xlf: Path, out: Path) -> dict:
    r = run([sys.executable, "-m", "procutext", "check", "--no-cache", str(xlf), "--output-format", "json"], out)
    if r["rc"] not in (0, 1):
        raise SystemExit(f"procutext failed ({r['rc']}):\n{r['stderr'][-2000:]}")
    return r


def best(runs: list[dict]) -> dict:
    return {"wall": min(r["wall"] for r in runs), "cpu": min(r["cpu"] for r in runs),
            "rss_mb": max(r["rss_mb"] for r in runs)}


# -- what they found ------------------------------------------------------------------------------
_UNIT = re.compile(r'<trans-unit id="([^"]+)"')
_NOTE = re.compile(r'<note from="pofilter">([A-Za-z-]+):?')


def pofilter_found(out: Path) -> tuple[int, collections.Counter]:
    """Units pofilter wrote out (each failed a test) and its failures by test."""
    text = out.read_text(encoding="utf-8")
    return len(_UNIT.findall(text)), collections.Counter(_NOTE.findall(text))


def procutext_found(out: Path, xlf: Path) -> tuple[collections.Counter, dict[str, collections.Counter], collections.Counter]:
    """Findings by rule, findings by rule for each defect kind of the units, and how many units
    of each kind have at least one finding."""
    data = json.loads(out.read_text(encoding="utf-8"))
    unit_at: list[str | None] = [None]  # line number → unit id (1-based)
    current = None
    with open(xlf, encoding="utf-8") as f:
        for line in f:
            m = _UNIT.search(line)
            if m:
                current = m.group(1)
            unit_at.append(current)
    labels = dict(line.rstrip("\n").split("\t") for line in open(labels_path(xlf), encoding="utf-8"))
    by_rule: collections.Counter = collections.Counter()
    by_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    flagged: dict[str, set] = collections.defaultdict(set)
    for f in data["findings"]:
        by_rule[f["code"]] += 1
        unit = unit_at[f["line"]] if f["line"] < len(unit_at) else None
        kind = labels.get(unit or "", "outside a unit")
        by_kind[kind][f["code"]] += 1
        flagged[kind].add(unit)
    return by_rule, by_kind, collections.Counter({k: len(v) for k, v in flagged.items()})


def _top(c: collections.Counter, n: int = 10) -> str:
    return ", ".join(f"{k} {v}" for k, v in c.most_common(n))


# -- main -------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--memory-units", type=int, default=100_000, help="0 to leave out")
    ap.add_argument("--linear", default="10000,100000", help="sizes for the linearity check; '' to leave out")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--keep", type=Path, help="write the files here and keep them")
    a = ap.parse_args(argv)

    have_pofilter = importlib.util.find_spec("translate") is not None
    if not have_pofilter:
        print("translate-toolkit is not installed: pofilter is left out "
              "(pip install -r bench/requirements-pofilter.txt); measuring procutext alone\n")
    tmp = None
    if a.keep:
        a.keep.mkdir(parents=True, exist_ok=True)
        work = a.keep
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bibench-")
        work = Path(tmp.name)

    def units_file(n: int) -> Path:
        path = work / f"units{n}-seed{a.seed}.xlf"
        if not path.exists() or not labels_path(path).exists():
            stats = write(path, n, a.seed)
            print(f"{path.name}: {stats['units']} units, {stats['distinct_sources']} distinct sources, "
                  f"{stats['distinct_targets']} distinct targets; "
                  + ", ".join(f"{k} {v}" for k, v in sorted(stats["kinds"].items(), key=lambda kv: -kv[1])))
        return path

    import platform

    print(f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), Python {platform.python_version()}, "
          f"{platform.platform()}")
    if have_pofilter:
        from translate.__version__ import sver

        print(f"translate-toolkit {sver}")
    print()

    tiny, main_file = units_file(1), units_file(a.units)
    tools = [("procutext", procutext)] + ([("pofilter", pofilter)] if have_pofilter else [])
    outs = {name: work / f"out-{name}{'.json' if name == 'procutext' else '.xlf'}" for name, _ in tools}

    # start-up: the 1-unit file
    startup = {}
    for name, fn in tools:
        startup[name] = best([fn(tiny, outs[name]) for _ in range(a.repeat)])
    # the main file, alternating the tools
    runs: dict[str, list[dict]] = {name: [] for name, _ in tools}
    for i in range(a.repeat):
        order = tools if i % 2 == 0 else tools[::-1]
        for name, fn in order:
            runs[name].append(fn(main_file, outs[name]))
    res = {name: best(r) for name, r in runs.items()}

    n = a.units
    print(f"{n} units, best of {a.repeat} (start-up: the same command on a 1-unit file)")
    print(f"{'':10s} {'wall s':>8s} {'cpu s':>8s} {'units/s wall':>13s} {'units/s cpu':>12s} "
          f"{'start-up cpu':>13s} {'units/s cpu w/o start-up':>25s}")
    rate = {}
    for name, _ in tools:
        r, s = res[name], startup[name]
        rate[name] = (n / r["wall"], n / r["cpu"], n / max(r["cpu"] - s["cpu"], 1e-9))
        print(f"{name:10s} {r['wall']:8.2f} {r['cpu']:8.2f} {rate[name][0]:13.0f} {rate[name][1]:12.0f} "
              f"{s['cpu']:13.2f} {rate[name][2]:25.0f}")
    if have_pofilter:
        p, q = rate["procutext"], rate["pofilter"]
        print(f"ratio procutext/pofilter: {p[0] / q[0]:.2f}x (wall), {p[1] / q[1]:.2f}x (cpu), "
              f"{p[2] / q[2]:.2f}x (cpu without start-up)")
    print()

    by_rule, by_kind, flagged = procutext_found(outs["procutext"], main_file)
    print(f"procutext: {sum(by_rule.values())} findings: {_top(by_rule, 20)}")
    kinds = collections.Counter(line.split("\t")[1].strip() for line in open(labels_path(main_file), encoding="utf-8"))
    for kind, total in kinds.most_common():
        print(f"  {kind:18s} {flagged[kind]:5d} of {total:5d} units flagged: {_top(by_kind[kind], 6)}")
    if have_pofilter:
        units, tests = pofilter_found(outs["pofilter"])
        print(f"pofilter: {units} units failed a test; failures by test: {_top(tests, 20)}")
    print()

    if a.memory_units:
        big = units_file(a.memory_units)
        print(f"peak memory on {a.memory_units} units (ru_maxrss of the child):")
        for name, fn in tools:
            r = fn(big, outs[name])
            print(f"  {name:10s} {r['rss_mb']:8.1f} MB   ({r['wall']:.1f} s wall, {r['cpu']:.1f} s cpu)")
            res[f"{name}@{a.memory_units}"] = r
        print()

    sizes = [int(x) for x in a.linear.split(",") if x.strip()]
    if len(sizes) >= 2:
        print("linearity: cpu time against units (each once; start-up subtracted for the per-unit figure)")
        for name, fn in tools:
            row = []
            for size in sizes:
                got = res.get(f"{name}@{size}") or fn(units_file(size), outs[name])
                row.append((size, got["cpu"]))
            per = [(c - startup[name]["cpu"]) / s * 1000 for s, c in row]
            cells = "  ".join(f"{s}: {c:.1f} s ({p:.3f} ms/unit)" for (s, c), p in zip(row, per))
            print(f"  {name:10s} {cells}   per-unit {per[-1] / per[0]:.2f}x of the smallest")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
