#!/usr/bin/env python3
"""Coverage-guided fuzzing of procutext's readers, check and fix, with atheris (libFuzzer).

    pip install -e '.[test,fuzz]'                   # atheris (Linux/macOS wheels on PyPI)
    python fuzz/run.py text                          # one target until it crashes (Ctrl-C stops)
    python fuzz/run.py xliff -- -runs=20000          # libFuzzer options after --
    python fuzz/run.py --all --seconds 150           # every target for 150 s each, in turn,
                                                     # restarted after a crash; prints the counts
    nice -n 10 python fuzz/run.py --all --seconds 150 --work /tmp/procutext-fuzz

Targets (fuzz/targets.py): text, markdown, html, xliff, tmx, po, csv, tsv, jsonl, file
(bytes decoded as the CLI does, every encoding), sitemap, glossary (TBX, TSV, CSV). Each
starts from the seeds of fuzz/seeds.py and uses the dictionary of the project's defect
patterns. A crash (an unexpected exception, or a broken property: positions outside the
text, fix not idempotent, text changed outside the applied spans) is written to
``WORK/crashes/TARGET/``; add it to tests/fuzz_regressions/TARGET/ as a regression test
(tests/test_fuzz.py runs every file there), then fix the bug. The growing corpus stays in
``WORK/corpus/TARGET`` between runs.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _fuzz_one(name: str, corpus: Path, crashes: Path, extra: list[str]) -> None:
    """Run libFuzzer on one target in this process (never returns normally)."""
    import atheris

    import seeds as seedmod

    with atheris.instrument_imports(include=["procutext"]):
        import targets

        target = targets.TARGETS[name]
        for s in seedmod.seeds(name)[:40]:  # imports the lazily loaded modules under instrumentation
            try:
                target(s)
            except Exception as e:  # a seed that crashes: the run below finds it again
                print(f"seed crashes {name}: {type(e).__name__}: {e}", file=sys.stderr)

    def one(data: bytes) -> None:
        target(data)

    dict_path = HERE / "procutext.dict"
    seedmod.write_dict(dict_path)
    corpus.mkdir(parents=True, exist_ok=True)
    if not any(corpus.iterdir()):
        seedmod.write_corpus(name, corpus)
    crashes.mkdir(parents=True, exist_ok=True)
    argv = [sys.argv[0], str(corpus), f"-dict={dict_path}", f"-artifact_prefix={crashes}/",
            f"-max_len={targets.MAX_INPUT}", "-timeout=60", "-rss_limit_mb=3072", *extra]
    atheris.Setup(argv, one)
    atheris.Fuzz()


_DONE = re.compile(r"Done (\d+) runs in")
_STAT = re.compile(r"^#(\d+)\s", re.M)


def _run_all(names: list[str], seconds: float, work: Path) -> int:
    """Each target for ``seconds`` (wall time), in a child process restarted after a crash."""
    total_crashes = 0
    rows = []
    for name in names:
        corpus = work / "corpus" / name
        crashes = work / "crashes" / name
        corpus.mkdir(parents=True, exist_ok=True)
        runs, found, end = 0, [], time.monotonic() + seconds
        while (left := end - time.monotonic()) > 5:
            before = set(crashes.glob("*")) if crashes.exists() else set()
            cmd = [sys.executable, str(Path(__file__).resolve()), name, "--work", str(work), "--",
                   f"-max_total_time={int(left)}", "-print_final_stats=1"]
            p = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
            m = _DONE.search(p.stderr)
            if m:
                runs += int(m.group(1))
            else:
                stats = _STAT.findall(p.stderr)
                runs += int(stats[-1]) if stats else 0
            new = sorted(set(crashes.glob("*")) - before) if crashes.exists() else []
            found.extend(new)
            if p.returncode != 0 and not new:
                tail = "\n".join(p.stderr.splitlines()[-15:])
                print(f"{name}: the fuzzer stopped (exit {p.returncode}) without a crash file:\n{tail}", file=sys.stderr)
                break
            if not m and not new:
                break
        total_crashes += len(found)
        rows.append((name, runs, found))
        print(f"{name:<10} {runs:>9} inputs  {len(found)} crash(es) {' '.join(str(c) for c in found)}", flush=True)
    print(f"total      {sum(r[1] for r in rows):>9} inputs  {total_crashes} crash(es)")
    return 1 if total_crashes else 0


def main() -> int:
    argv = sys.argv[1:]
    extra: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("target", nargs="?", help="the target to fuzz")
    ap.add_argument("--all", action="store_true", help="every target (or --targets) in turn")
    ap.add_argument("--targets", help="comma-separated targets for --all")
    ap.add_argument("--seconds", type=float, default=60.0, help="wall time per target with --all")
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "procutext-fuzz",
                    help="where the corpora and crash files are kept")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import targets

    if args.all:
        names = args.targets.split(",") if args.targets else [n for n in targets.TARGETS if n != "any"]
        return _run_all(names, args.seconds, args.work)
    if args.target not in targets.TARGETS:
        ap.error(f"unknown target {args.target!r}; one of {', '.join(targets.TARGETS)}")
    _fuzz_one(args.target, args.work / "corpus" / args.target, args.work / "crashes" / args.target, extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
