#!/usr/bin/env python3
"""Speed and memory of procutext on real text, beside its peers, against the targets of
issue 13: check and fix on 1, 4 and 16 MB built from the shared corpus (machine-translated
dev*/mt, professional dev*/pro, the seed article repeated; the synthetic text of synth.py as
one more input) beside ftfy.fix_text on the same text; documents per second on small
documents through the API, one by one, beside ftfy; the cold start of `procutext check`;
peak memory of check and fix; whole-process time beside textlint + textlint-rule-prh with
the same term list.

    pip install -e '.[bench]'        # ftfy
    python bench/real.py             # the whole table (several minutes)
    python bench/real.py --quick     # 1 MB inputs, 2,000 documents, no 16 MB
    python bench/real.py --big       # also check and fix 50 MB (limit 200 s each)
    python bench/real.py --parts cold,textlint   # only some rows

The corpus is read from ../shared/corpus beside the clone (or --corpus, or
$PROCUTEXT_CORPUS); without it the script says so and exits 0. textlint is installed with
npm into bench/out/textlint when npm is reachable; otherwise its row is skipped.

In-process figures are CPU time (time.process_time) of the best of --repeat runs, procutext
and ftfy interleaved in one process, reported as ratios: the machine is shared, so absolute
times are noisy and only the ratios mean much. Nothing here is a timed unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

MB = 1_000_000
#: the targets of issue 13
TARGETS = {
    "check": 1.5,  # x ftfy throughput, every real input
    "fix": 1.0,  # x ftfy
    "docs": 1.0,  # x ftfy, documents one by one
    "textlint": 20.0,  # x faster than textlint + prh, whole process
    "cold_ms": 150.0,  # procutext check on 2 KB, bytecode cached
    "memory": 10.0,  # x the input size, check and fix
    "flat": 1.25,  # time per MB at 16 MB over 1 MB (flat: close to 1)
}


# -- inputs ----------------------------------------------------------------------------


def corpus_dir(arg: str | None) -> Path | None:
    for cand in (arg, os.environ.get("PROCUTEXT_CORPUS"), ROOT.parent / "shared" / "corpus",
                 Path("/work/shared/corpus")):
        if cand and (Path(cand) / "seed").is_dir():
            return Path(cand)
    return None


def read_texts(corpus: Path, patterns: list[str]) -> list[str]:
    """The texts of the files, without their first line ``# source: URL``."""
    out = []
    for pat in patterns:
        for f in sorted(corpus.glob(pat)):
            t = f.read_text(encoding="utf-8")
            if t.startswith("# source:"):
                t = t.split("\n", 1)[1] if "\n" in t else ""
            out.append(t.strip("\n"))
    return out


def concatenate(parts: list[str], size: int) -> str:
    """The texts joined by blank lines, repeated to ``size`` bytes of UTF-8, cut at a line end."""
    blob = "\n\n".join(parts) + "\n\n"
    n = size // max(1, len(blob.encode("utf-8"))) + 1
    data = (blob * n).encode("utf-8")[:size]
    cut = data.rfind(b"\n")
    return data[: cut + 1 if cut > 0 else len(data)].decode("utf-8", "ignore")


def inputs(corpus: Path) -> dict[str, list[str]]:
    return {
        "mt": read_texts(corpus, ["dev/mt/*.txt", "dev2/mt/*.txt"]),
        "pro": read_texts(corpus, ["dev/pro/*.txt", "dev2/pro/*.txt"]),
        "seed": read_texts(corpus, ["seed/*.txt"]),
    }


def build_input(name: str, parts: dict[str, list[str]], size: int) -> str:
    if name == "synth":
        from synth import build

        return build(size)
    return concatenate(parts[name], size)


def small_documents(parts: dict[str, list[str]], n: int, size: int = 2048) -> list[str]:
    """``n`` documents of about ``size`` bytes: windows of the machine-translated and
    professional texts, each starting at a different line and ending at a line end."""
    blob = "\n\n".join(parts["mt"] + parts["pro"]) + "\n"
    starts = [0] + [m.end() for m in re.finditer("\n", blob)][:-1]
    docs = []
    k = 0
    while len(docs) < n:
        s = starts[(k * 7) % len(starts)]
        k += 1
        chunk = blob[s:s + size]
        cut = chunk.rfind("\n")
        chunk = chunk[: cut + 1] if cut > 0 else chunk
        if len(chunk.strip()) < 200:
            continue
        while len(chunk.encode("utf-8")) > size:
            chunk = chunk[: len(chunk) * 9 // 10]
        docs.append(chunk)
    return docs


# -- measuring ---------------------------------------------------------------------------


def cpu(fn) -> float:  # type: ignore[no-untyped-def]
    t = time.process_time()
    fn()
    return time.process_time() - t


def side_by_side(text: str, repeat: int, ftfy) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Best CPU time of check, fix and ftfy.fix_text on ``text``, interleaved."""
    import procutext

    best = {"check": float("inf"), "fix": float("inf"), "ftfy": float("inf")}
    for _ in range(repeat):
        best["check"] = min(best["check"], cpu(lambda: procutext.check(text)))
        if ftfy is not None:
            best["ftfy"] = min(best["ftfy"], cpu(lambda: ftfy.fix_text(text)))
        best["fix"] = min(best["fix"], cpu(lambda: procutext.fix(text)))
    return best


def documents_per_second(docs: list[str], ftfy, block: int = 500) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    import procutext

    t_pt = t_ft = 0.0
    for i in range(0, len(docs), block):
        chunk = docs[i:i + block]

        def run_pt() -> None:
            for d in chunk:
                procutext.check(d)

        def run_ft() -> None:
            for d in chunk:
                ftfy.fix_text(d)

        t_pt += cpu(run_pt)
        if ftfy is not None:
            t_ft += cpu(run_ft)
    return len(docs) / t_pt, (len(docs) / t_ft if t_ft else float("nan"))


def child_env() -> dict[str, str]:
    # as installed: bytecode is cached (an environment may set PYTHONDONTWRITEBYTECODE, which
    # would make every run compile every module)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    import procutext

    pkg_parent = str(Path(procutext.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = pkg_parent + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def compile_bytecode() -> None:
    import procutext

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(procutext.__file__).parent)],
                   check=False, stdout=subprocess.DEVNULL, env=child_env())


class Run:
    """One finished child process: wall seconds, CPU seconds (user + system, all its
    threads, from wait4), peak RSS in MB, exit code."""

    __slots__ = ("wall", "cpu", "rss", "rc")

    def __init__(self, wall: float, cpu: float, rss: float, rc: int) -> None:
        self.wall, self.cpu, self.rss, self.rc = wall, cpu, rss, rc


def run(cmd: list[str], stdin_path: str | None = None, timeout: float | None = None,
        env: dict[str, str] | None = None, cwd: str | None = None) -> Run | None:
    """Run ``cmd`` (stdin from ``stdin_path``, output discarded) and measure it; None when it
    did not finish within ``timeout``. The machine is shared, so CPU time is the fairer
    figure for a whole process: wall time also counts the waits for a core."""
    t = time.perf_counter()
    with open(stdin_path or os.devnull, "rb") as fin:
        proc = subprocess.Popen(cmd, stdin=fin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=child_env() if env is None else env, cwd=cwd)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - t > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9  # reaped here: Popen must not wait for it again
                return None
            time.sleep(0.005)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(time.perf_counter() - t, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def cold_start(path: str, runs: int) -> tuple[float, float, float, float]:
    """Median wall and CPU seconds of `procutext check` on ``path`` as an installed user's
    second run (bytecode and procutext's data caches written: compiled patterns, the
    gazetteer, glossary and glosses in their cached form), the CPU seconds of the very
    first run (empty cache directory), and the median wall seconds of `python -c pass`.
    The runs get their own cache directory, with caching on whatever the environment says
    (``PROCUTEXT_NO_CACHE`` would measure every run as a first one)."""
    exe = [sys.executable, "-m", "procutext", "check", "--exit-zero", "--no-cache", path]
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in child_env().items() if k != "PROCUTEXT_NO_CACHE"}
        env["PROCUTEXT_CACHE_DIR"] = cache
        run(exe, env={**env, "PROCUTEXT_CACHE_DIR": os.path.join(cache, "bytecode")})  # writes missing bytecode
        first = run(exe, env=env)  # fills the cache directory
        runs_ = [run(exe, env=env) for _ in range(runs)]
    base = [run([sys.executable, "-c", "pass"]) for _ in range(runs)]
    return (statistics.median(r.wall for r in runs_ if r), statistics.median(r.cpu for r in runs_ if r),
            first.cpu if first else float("nan"), statistics.median(r.wall for r in base if r))


def textlint_bin(install: bool) -> Path | None:
    home = HERE / "out" / "textlint"
    exe = home / "node_modules" / ".bin" / "textlint"
    if exe.exists() and (home / "node_modules" / "textlint-rule-prh").is_dir():
        return exe
    if not install or shutil.which("npm") is None or shutil.which("node") is None:
        return None
    home.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(home), "textlint",
                        "textlint-rule-prh"], check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError):
        return None
    return exe if exe.exists() else None


def prh_rules() -> dict:
    """The wrong renderings of the shipped glossaries (procuratorial, court) as prh rules:
    each wrong rendering, matched case-insensitively at word boundaries, expects the
    glossary's first approved rendering."""
    import csv

    rules = []
    for name in ("procuratorial.tsv", "court.tsv"):
        with open(ROOT / "glossaries" / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                wrong = [w.strip() for w in (row.get("wrong") or "").split("|") if w.strip()]
                if not wrong:
                    continue
                expected = row["en"].split("|")[0].strip()
                patterns = ["/\\b" + re.sub(r"([\\/^$.*+?()\[\]{}|])", r"\\\1", w) + "\\b/i" for w in wrong]
                rules.append({"expected": expected, "patterns": patterns})
    return {"version": 1, "rules": rules}


def textlint_time(exe: Path, path: str, repeat: int) -> tuple[float, float, int] | None:
    home = exe.parent.parent.parent
    (home / "prh.yml").write_text(json.dumps(prh_rules(), ensure_ascii=False, indent=1), encoding="utf-8")
    (home / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(home / "prh.yml")]}}}),
                                           encoding="utf-8")
    cmd = [str(exe), "--config", str(home / ".textlintrc.json"), "--format", "compact", path]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=home)
    if r.returncode not in (0, 1) or "Unexpected error" in r.stdout + r.stderr:
        print(f"textlint failed ({r.returncode}): {(r.stdout + r.stderr).strip()[:300]}")
        return None
    hits = sum(1 for line in r.stdout.splitlines() if ": line " in line)
    runs = [run(cmd, env=dict(os.environ), cwd=str(home)) for _ in range(repeat)]
    return min(r.wall for r in runs if r), min(r.cpu for r in runs if r), hits


PARTS = ("throughput", "docs", "cold", "memory", "textlint", "big")


# -- the table ---------------------------------------------------------------------------


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, value: str, target: str = "", met: bool | None = None) -> None:
        self.rows.append((what, value, target, "" if met is None else ("yes" if met else "NO")))
        print(f"  {what}: {value}" + (f"  (target {target})" if target else ""), flush=True)

    def markdown(self) -> str:
        out = ["| measure | result | target | met |", "|---|---|---|---|"]
        out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]
        return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help="the shared corpus (default: ../shared/corpus beside the clone)")
    ap.add_argument("--sizes", default="1,4,16", help="input sizes in MB (default 1,4,16)")
    ap.add_argument("--inputs", default="mt,pro,seed,synth", help="inputs (default mt,pro,seed,synth)")
    ap.add_argument("--repeat", type=int, default=3, help="runs at 1 MB, best taken (larger sizes: 1)")
    ap.add_argument("--docs", type=int, default=10_000, help="small documents (default 10,000)")
    ap.add_argument("--cold-runs", type=int, default=15)
    ap.add_argument("--memory-mb", type=float, default=16, help="input size for peak memory (default 16)")
    ap.add_argument("--big", action="store_true", help="also check and fix 50 MB (200 s limit each)")
    ap.add_argument("--no-textlint", action="store_true", help="skip textlint (and its npm install)")
    ap.add_argument("--quick", action="store_true", help="--sizes 1 --docs 2000 --memory-mb 4 --repeat 2")
    ap.add_argument("--parts", default=",".join(PARTS),
                    help=f"what to measure (default all: {','.join(PARTS)})")
    args = ap.parse_args(argv)
    todo = set(args.parts.split(","))
    if args.no_textlint:
        todo.discard("textlint")
    if not args.big:
        todo.discard("big")
    if args.quick:
        args.sizes, args.docs, args.memory_mb, args.repeat = "1", 2000, 4, 2

    corpus = corpus_dir(args.corpus)
    if corpus is None:
        print("no shared corpus (../shared/corpus, --corpus or $PROCUTEXT_CORPUS): nothing measured")
        return 0
    try:
        import ftfy
    except ImportError:
        print("ftfy is not installed (pip install -e '.[bench]'): no peer figures")
        ftfy = None
    import procutext

    parts = inputs(corpus)
    sizes = [float(s) for s in args.sizes.split(",")]
    names = args.inputs.split(",")
    print(f"procutext {procutext.__version__} on Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; ftfy {getattr(ftfy, '__version__', '-')}; "
          f"corpus {corpus}", flush=True)
    table = Table()
    procutext.check("warm up “ x ” 湾沚区 1、")  # rules and data once, as a long-running script would
    procutext.fix("warm up “ x ”")

    per_mb: dict[str, dict[float, tuple[float, float]]] = {}
    for name in (names if "throughput" in todo else []):
        for size in sizes:
            text = build_input(name, parts, int(size * MB))
            mbs = len(text.encode("utf-8")) / MB
            if size == sizes[0]:
                procutext.check(text)  # data this input needs (places, numbers) loads once
            best = side_by_side(text, args.repeat if size <= 1 else 1, ftfy)
            per_mb.setdefault(name, {})[size] = (best["check"] / mbs, best["fix"] / mbs)
            detail = (f"check {best['check']:.2f} s, fix {best['fix']:.2f} s, ftfy {best['ftfy']:.2f} s CPU "
                      f"on {mbs:.1f} MB")
            if ftfy is None:
                table.add(f"{name} {size:g} MB", detail)
                continue
            rc, rf = best["ftfy"] / best["check"], best["ftfy"] / best["fix"]
            real = name != "synth"
            table.add(f"check {name} {size:g} MB, x ftfy", f"{rc:.2f}x ({detail})",
                      f">= {TARGETS['check']}x" if real else "", rc >= TARGETS["check"] if real else None)
            table.add(f"fix {name} {size:g} MB, x ftfy", f"{rf:.2f}x",
                      f">= {TARGETS['fix']}x" if real else "", rf >= TARGETS["fix"] if real else None)
    for name, by in per_mb.items():
        if len(by) > 1:
            lo, hi = min(by), max(by)
            for i, what in enumerate(("check", "fix")):
                flat = by[hi][i] / by[lo][i]
                cells = ", ".join(f"{by[s][i]:.2f}" for s in sorted(by))
                table.add(f"{what} {name} s/MB at {'/'.join(f'{s:g}' for s in sorted(by))} MB", f"{cells} "
                          f"({hi:g}/{lo:g} MB: {flat:.2f})", f"<= {TARGETS['flat']} (flat)", flat <= TARGETS["flat"])

    if args.docs and "docs" in todo:
        docs = small_documents(parts, args.docs)
        avg = sum(len(d.encode("utf-8")) for d in docs) / len(docs)
        d_pt, d_ft = documents_per_second(docs, ftfy)
        ratio = d_pt / d_ft if ftfy is not None else float("nan")
        table.add(f"{len(docs):,} documents of {avg / 1000:.1f} KB one by one, x ftfy",
                  f"{ratio:.2f}x ({d_pt:,.0f} docs/s; ftfy {d_ft:,.0f} docs/s)", f">= {TARGETS['docs']}x",
                  ratio >= TARGETS["docs"] if ftfy is not None else None)

    with tempfile.TemporaryDirectory() as d:
        small = os.path.join(d, "draft.txt")
        Path(small).write_text(small_documents(parts, 1)[0], encoding="utf-8")
        if "cold" in todo:
            compile_bytecode()
            cold, cold_cpu, first_cpu, base = cold_start(small, args.cold_runs)
            table.add("cold start, `procutext check` on 2 KB (bytecode and data caches written), CPU (wall)",
                      f"{cold_cpu * 1000:.0f} ms ({cold * 1000:.0f} ms) median of {args.cold_runs} "
                      f"(very first run, empty cache directory: {first_cpu * 1000:.0f} ms CPU; "
                      f"`python -c pass`: {base * 1000:.0f} ms wall)",
                      f"< {TARGETS['cold_ms']:.0f} ms", cold_cpu * 1000 < TARGETS["cold_ms"])

        path = os.path.join(d, "mt.txt")
        Path(path).write_text(build_input("mt", parts, int(args.memory_mb * MB)), encoding="utf-8")
        mbs = os.path.getsize(path) / MB
        pt = [sys.executable, "-m", "procutext"]
        for what, cmd in (("check", [*pt, "check", "--exit-zero", "--no-cache", path]), ("fix", [*pt, "fix", "--no-cache", "-"])):
            r = run(cmd, path) if "memory" in todo else None
            if r is None:
                continue
            table.add(f"peak memory, `procutext {what}` on {mbs:.0f} MB mt, x input",
                      f"{r.rss / mbs:.1f}x ({r.rss:.0f} MB; {r.cpu:.1f} s CPU)", f"< {TARGETS['memory']:.0f}x",
                      r.rss / mbs < TARGETS["memory"])

        if "textlint" in todo:
            exe = textlint_bin(install=True)
            one = os.path.join(d, "mt1.txt")
            Path(one).write_text(build_input("mt", parts, MB), encoding="utf-8")
            if exe is None:
                table.add("whole process vs textlint + prh", "skipped (no npm/node, or the install failed)")
            else:
                tl = textlint_time(exe, one, 3)
                if tl is not None:
                    runs = [run([*pt, "check", "--exit-zero", "--no-cache", one]) for _ in range(3)]
                    w_pt, c_pt = min(r.wall for r in runs if r), min(r.cpu for r in runs if r)
                    n_terms = len(prh_rules()["rules"])
                    table.add(f"whole process on 1 MB mt, x faster than textlint + prh ({n_terms} terms), CPU (wall)",
                              f"{tl[1] / c_pt:.1f}x ({tl[0] / w_pt:.1f}x): procutext {c_pt:.2f} s CPU ({w_pt:.2f} s); "
                              f"textlint {tl[1]:.2f} s CPU ({tl[0]:.2f} s), {tl[2]} hits",
                              f">= {TARGETS['textlint']:.0f}x", tl[1] / c_pt >= TARGETS["textlint"])

        if "big" in todo:
            big = os.path.join(d, "mt50.txt")
            Path(big).write_text(build_input("mt", parts, 50 * MB), encoding="utf-8")
            for what, cmd in (("check", [*pt, "check", "--exit-zero", "--no-cache", big]), ("fix", [*pt, "fix", "--no-cache", "-"])):
                r = run(cmd, big, timeout=200)
                table.add(f"`procutext {what}` on 50 MB mt", "did not finish in 200 s" if r is None else
                          f"{r.wall:.0f} s ({r.cpu:.0f} s CPU), peak {r.rss:.0f} MB ({r.rss / 50:.1f}x)",
                          "finishes in 200 s", r is not None and r.rc in (0, 1))

    print()
    print(f"python bench/real.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print(f"{time.strftime('%Y-%m-%d')}, {platform.node()}: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}")
    print(table.markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
