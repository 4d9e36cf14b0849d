"""Issue 14: archive scale. Documents per second with 1 and 2 jobs, the Dask engine's
overhead against the local pool, peak memory at 10,000 and 100,000 documents, a second run
with the cache, and sentence pairs beside OpusFilter's and bicleaner-hardrules' rule-based
filters on the same pairs. Everything is one run, so that the ratios share the machine's load.

    python bench/scale.py                          # 10,000 documents; 100,000 for memory
    python bench/scale.py --docs 2000 --big 20000  # quicker
    python bench/scale.py --peers /tmp/venv-peers/bin/python   # a venv with opusfilter and
                                                               # bicleaner-hardrules installed

The documents are built from ../shared/corpus (it exits 0 when that is absent): the text
files' paragraphs (their ``# source:`` line left out), two or three consecutive paragraphs a
document, taken round the corpus until there are enough, each with its own id. Every
procutext run is a child process ``procutext check CORPUS --corpus -q --output-format
json-lines -o FILE`` (the findings written, as a user would), timed from start to exit
(start-up, glossary and gazetteer loading included). Peak memory is the largest sum of the
resident sizes of the run's process tree (the parent and its workers), sampled every 20 ms.

The sentence pairs (:func:`pairs`) are the Chinese sentences of dev/pairs with, in turn, the
English sentences of the corpus (translations of each other only in part: it is the
throughput that is compared, not the verdicts), as JSONL for procutext
(``--corpus``, the bilingual checks on) and TSV for the peers: OpusFilter's rule-based
filters (length, length ratio, character score, terminal punctuation, non-zero numerals,
alphabet ratio) through its Python API, and ``bicleaner-hardrules`` with its language-model,
porn and language-identification filters off (its rules only: the language identifier would
download a model), each with one process, as procutext with ``--jobs 1``. Installing the
peers (a venv of their own, never the project's): ``pip install opusfilter``; for
bicleaner-hardrules ``apt-get install libhunspell-dev``, ``pip install pybind11 setuptools
wheel``, ``pip install --no-build-isolation fasttext==0.9.2`` (its sdist does not declare
pybind11), ``pip install kenlm bicleaner-hardrules`` (kenlm compiles for minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def paragraphs() -> list[str]:
    out = []
    for p in sorted(CORPUS.rglob("*.txt")):
        if ".zh." in p.name:
            continue
        lines = p.read_text(encoding="utf-8").splitlines()
        if lines and lines[0].startswith("# source:"):
            lines = lines[1:]
        lines = lines[:-1]  # the excerpts' last line is cut
        block: list[str] = []
        for line in lines + [""]:
            if line.strip():
                block.append(line)
            elif block:
                out.append("\n".join(block))
                block = []
    return out


def write_docs(path: Path, n: int, paras: list[str]) -> None:
    with path.open("w", encoding="utf-8") as f:
        i = k = 0
        while i < n:
            width = 2 + i % 2
            text = "\n\n".join(paras[(k + j) % len(paras)] for j in range(width))
            k += width
            f.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
            i += 1


def pairs(n: int) -> tuple[list[tuple[str, str]], str]:
    """``n`` sentence pairs and how they were made: the Chinese sentences of dev/pairs' ``*.zh.txt``
    with, in turn, the English sentences of the English texts of the corpus (the pair's own
    first, then the others). Only the pair's first sentences are translations of each other:
    the throughput is compared here, not the verdicts; every target is a real sentence of the
    corpus and the lengths are real."""
    import re

    def body(p: Path) -> str:
        lines = p.read_text(encoding="utf-8").splitlines()
        return "\n".join(lines[1:-1])

    zh = [z.strip() for p in sorted((CORPUS / "dev" / "pairs").glob("*.zh.txt"))
          for z in re.split(r"(?<=[。！？；])|\n", body(p)) if z.strip()]
    en_files = sorted((CORPUS / "dev" / "pairs").glob("*.en*.txt")) + \
        [p for p in sorted(CORPUS.rglob("*.txt")) if ".zh." not in p.name and "pairs" not in p.parts]
    en = [e.strip() for p in en_files for e in re.split(r"(?<=[.!?;])\s+|\n", body(p)) if len(e.strip()) > 1]
    out = [(zh[i % len(zh)], en[i % len(en)]) for i in range(n)]
    return out, f"{len(zh):,} Chinese and {len(en):,} English sentences"


# -- measuring a child process --------------------------------------------------------------------
def _tree_rss(pid: int) -> int:
    """The resident bytes of ``pid`` and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ppid = int(fields[1])
            rss[int(d)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


CPU: list[float] = []  # the CPU seconds of each run() (its whole process tree), in order


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, int]:
    """(seconds, peak tree RSS in bytes, exit code) of one child process; its CPU seconds (the
    workers' included: a child's waited-for children count in RUSAGE_CHILDREN) go to CPU."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or os.environ.copy(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.02)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    dt = time.perf_counter() - t0
    t.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return dt, peak[0], proc.returncode


def _burn(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def probe() -> float:
    """How much faster 2 processes do pure CPU work than 1, now: on a machine shared with other
    jobs (whose processes may get a fair share by cgroup, whatever their number) the ceiling
    of any --jobs 2 speed-up."""
    from multiprocessing import get_context

    times = []
    for n in (1, 2):
        with get_context("fork").Pool(n) as pool:
            t0 = time.perf_counter()
            pool.map(_burn, [2_000_000] * 16, chunksize=1)
            times.append(time.perf_counter() - t0)
    return times[0] / times[1]


def procutext_cmd(corpus: Path, out: Path, *extra: str) -> list[str]:
    exe = shutil.which("procutext") or "procutext"
    return [exe, "check", str(corpus), "--corpus", "-q", "--output-format", "json-lines", "-o", str(out), *extra]


def best(n: int, f):  # type: ignore[no-untyped-def]
    """The fastest of ``n`` runs (CPU keeps that run's CPU seconds last)."""
    runs = []
    for _ in range(n):
        runs.append((f(), CPU[-1]))
    (r, cpu) = min(runs, key=lambda rc: rc[0][0])
    CPU.append(cpu)
    return r


# -- peers ----------------------------------------------------------------------------------------
OPUS = r"""
import sys, time
from opusfilter.filters import (LengthFilter, LengthRatioFilter, CharacterScoreFilter,
    TerminalPunctuationFilter, NonZeroNumeralsFilter, AlphabetRatioFilter)
pairs = [tuple(l.rstrip("\n").split("\t", 1)) for l in open(sys.argv[1], encoding="utf-8")]
pairs = [(zh, en) for zh, en in pairs]
filters = [LengthFilter(unit=["char", "word"], min_length=1, max_length=1000),
           LengthRatioFilter(unit=["char", "word"], threshold=9),
           CharacterScoreFilter(scripts=["Han", "Latin"], thresholds=[0.5, 0.8]),
           TerminalPunctuationFilter(), NonZeroNumeralsFilter(), AlphabetRatioFilter()]
t = time.perf_counter()
verdicts = [[f.accept(score) for score in f.score(pairs)] for f in filters]
kept = sum(all(v) for v in zip(*verdicts))
print(len(pairs) / (time.perf_counter() - t), kept)
"""


def peer_runs(python: str, tsv: Path, n: int, work: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    script = work / "opus.py"
    script.write_text(OPUS, encoding="utf-8")
    try:
        t0 = time.perf_counter()
        r = subprocess.run([python, str(script), str(tsv)], capture_output=True, text=True, timeout=1800)
        wall = time.perf_counter() - t0
        if r.returncode == 0:
            inner, kept = r.stdout.split()
            out["opusfilter"] = f"{n / wall:,.0f} pairs/s whole process ({float(inner):,.0f} in its filter loop), kept {kept}"
        else:
            out["opusfilter"] = "failed: " + r.stderr.strip().splitlines()[-1]
    except (OSError, subprocess.TimeoutExpired, ValueError) as e:
        out["opusfilter"] = f"not run: {e}"
    hard = Path(python).with_name("bicleaner-hardrules")
    if hard.exists():
        t0 = time.perf_counter()
        r = subprocess.run([str(hard), str(tsv), str(work / "hard.out"), "-s", "zh", "-t", "en",
                            "--scol", "1", "--tcol", "2", "--disable_lm_filter", "--disable_porn_removal",
                            "--disable_lang_ident", "-p", "1"],
                           capture_output=True, text=True, timeout=1800)
        wall = time.perf_counter() - t0
        out["bicleaner-hardrules"] = (f"{n / wall:,.0f} pairs/s whole process" if r.returncode == 0
                                      else "failed: " + (r.stderr.strip().splitlines() or ["?"])[-1])
    else:
        out["bicleaner-hardrules"] = "not installed beside that python"
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--big", type=int, default=100_000)
    ap.add_argument("--pairs", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peers", metavar="PYTHON", help="a python with opusfilter and bicleaner-hardrules")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--no-small-runs", dest="small_runs", action="store_false",
                    help="leave out the pool start-up measurement")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"{CORPUS} is absent: nothing to measure")
        return 0
    paras = paragraphs()
    work = Path(tempfile.mkdtemp(prefix="procutext-scale-"))
    env = {**os.environ, "PROCUTEXT_CACHE_DIR": str(work / "jieba")}
    env.pop("PROCUTEXT_NO_CACHE", None)
    small, big = work / "docs.jsonl", work / "big.jsonl"
    write_docs(small, args.docs, paras)
    if args.big:
        write_docs(big, args.big, paras)
    print(f"{args.docs:,} documents, {small.stat().st_size / 1e6:.1f} MB; {args.big:,} documents, "
          f"{big.stat().st_size / 1e6 if args.big else 0:.1f} MB; from {len(paras)} paragraphs of {CORPUS}")
    out = work / "out.jsonl"
    rows: list[tuple[str, float, int]] = []

    def measure(label: str, cmd: list[str]) -> tuple[float, int]:
        dt, rss, _ = best(args.repeat, lambda: run(cmd, work, env))
        rows.append((label, dt, rss))
        print(f"{label:<36} {dt:7.2f} s  {args.docs / dt:8,.0f} docs/s  CPU {CPU[-1]:6.1f} s  "
              f"peak {rss / 2**20:5.0f} MB", flush=True)
        return dt, rss

    load = os.getloadavg()[0]
    ceiling = probe()
    print(f"what 2 processes of pure CPU work get on this machine now: {ceiling:.2f}× one (the ceiling of --jobs 2)")
    # --jobs 1 and --jobs 2 alternate (best of --repeat each), so that both meet the same
    # moments of a shared machine
    runs: dict[str, list[tuple[float, int, float]]] = {"1": [], "2": []}
    for _ in range(args.repeat):
        for j in ("1", "2"):
            dt, rss, _ = run(procutext_cmd(small, out, "--jobs", j, "--no-cache"), work, env)
            runs[j].append((dt, rss, CPU[-1]))
    for j in ("1", "2"):
        dt, rss, cpu = min(runs[j])
        rows.append((f"local, --jobs {j}", dt, rss))
        print(f"{'local, --jobs ' + j:<36} {dt:7.2f} s  {args.docs / dt:8,.0f} docs/s  CPU {cpu:6.1f} s  "
              f"peak {rss / 2**20:5.0f} MB   (all: {', '.join(f'{r[0]:.1f}' for r in runs[j])} s)", flush=True)
    (one, _, cpu_one), (two, _, cpu_two) = min(runs["1"]), min(runs["2"])
    ref = out.read_bytes()
    dask_line = "dask: not measured"
    if not args.no_dask:
        try:
            import distributed  # noqa: F401

            d, _ = measure("dask, LocalCluster of 2 workers", procutext_cmd(small, out, "--engine", "dask",
                                                                          "--no-cache"))
            same = out.read_bytes() == ref
            dask_line = f"dask / local --jobs 2 = {d / two:.2f}× the time (same output: {same})"
        except ImportError:
            dask_line = "dask: not installed (pip install 'procutext[dask]')"
    cache = work / "cache"
    cold, _, _ = run(procutext_cmd(small, out, "--jobs", "2", "--cache-dir", str(cache)), work, env)
    warm, warm_rss, _ = run(procutext_cmd(small, out, "--jobs", "2", "--cache-dir", str(cache)), work, env)
    same_cache = out.read_bytes() == ref
    print(f"cache: first run {cold:.2f} s, second {warm:.2f} s (same output: {same_cache})")
    small_rss = [r for r in rows if r[0] == "local, --jobs 2"][0][2]
    big_rss = 0
    if args.big:
        big_t, big_rss, _ = run(procutext_cmd(big, out, "--jobs", "2", "--no-cache"), work, env)
        print(f"{args.big:,} documents, --jobs 2: {big_t:.1f} s ({args.big / big_t:,.0f} docs/s), peak "
              f"{big_rss / 2**20:.0f} MB (at {args.docs:,}: {small_rss / 2**20:.0f} MB)")

    # the pool's start-up against small runs: --jobs 1 and a forced pool of 2 on the first
    # documents of the corpus, cut at several sizes (MIN_POOL_BYTES is where they cross)
    if not args.small_runs:
        return _ratios(args, one, two, cpu_one, cpu_two, load, ceiling, dask_line, cold, warm, big_rss, small_rss, work)
    print("\nsmall runs: in process (--jobs 1) against a pool of 2 forced (PROCUTEXT_POOL_MIN_BYTES=0)")
    crossover = None
    data = small.read_bytes().splitlines(keepends=True)
    for kb in (16, 64, 128, 256, 512, 1024):
        part, size = [], 0
        for line in data:
            if size >= kb * 1024:
                break
            part.append(line)
            size += len(line)
        cut = work / f"cut{kb}.jsonl"
        cut.write_bytes(b"".join(part))
        t1, _, _ = best(args.repeat, lambda: run(procutext_cmd(cut, out, "--jobs", "1", "--no-cache"), work, env))
        t2, _, _ = best(args.repeat, lambda: run(procutext_cmd(cut, out, "--jobs", "2", "--no-cache"), work,
                                                 {**env, "PROCUTEXT_POOL_MIN_BYTES": "0"}))
        crossover = None if t2 >= t1 else (crossover or kb)  # faster from here on, at every larger size
        print(f"  {kb:5} KB ({len(part):5} docs): --jobs 1 {t1:5.2f} s, pool of 2 {t2:5.2f} s ({t1 / t2:.2f}×)")
    print(f"  the pool pays from about {crossover} KB on" if crossover else "  the pool did not pay below 1 MB")

    # sentence pairs
    if not args.pairs:
        return _ratios(args, one, two, cpu_one, cpu_two, load, ceiling, dask_line, cold, warm, big_rss, small_rss, work)
    reps, how = pairs(args.pairs)
    pj, tsv = work / "pairs.jsonl", work / "pairs.tsv"
    with pj.open("w", encoding="utf-8") as f:
        for i, (zh, en) in enumerate(reps):
            f.write(json.dumps({"id": i, "zh": zh, "en": en}, ensure_ascii=False) + "\n")
    with tsv.open("w", encoding="utf-8") as f:
        for zh, en in reps:
            f.write(f"{zh.replace(chr(9), ' ')}\t{en.replace(chr(9), ' ')}\n")
    pt, _, _ = best(args.repeat, lambda: run(procutext_cmd(pj, out, "--jobs", "1", "--no-cache"), work, env))
    pt2, _, _ = run(procutext_cmd(pj, out, "--jobs", "2", "--no-cache"), work, env)
    print(f"pairs: procutext {args.pairs / pt:,.0f} pairs/s with --jobs 1, {args.pairs / pt2:,.0f} with --jobs 2 "
          f"({how})")
    peers = peer_runs(args.peers, tsv, args.pairs, work) if args.peers else {}
    for name, line in peers.items():
        print(f"pairs: {name} {line}")

    return _ratios(args, one, two, cpu_one, cpu_two, load, ceiling, dask_line, cold, warm, big_rss, small_rss, work)


def _ratios(args, one, two, cpu_one, cpu_two, load, ceiling, dask_line, cold, warm, big_rss,  # type: ignore[no-untyped-def]
            small_rss, work) -> int:
    print("\nratios")
    print(f"  --jobs 2 / --jobs 1 throughput: {one / two:.2f}× (pure CPU work got {ceiling:.2f}× at the start; CPU "
          f"seconds {cpu_two / cpu_one:.2f}× those of --jobs 1; load average {load:.1f} on {os.cpu_count()} cores)")
    print(f"  {dask_line}")
    print(f"  second run with the cache: {cold / warm:.1f}× faster than the first ({cold:.2f} s → {warm:.2f} s)")
    if big_rss:
        print(f"  peak memory {args.big:,} / {args.docs:,} documents: {big_rss / small_rss:.2f}× "
              f"for {args.big / args.docs:.0f}× the documents")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
