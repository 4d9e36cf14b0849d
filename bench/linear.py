#!/usr/bin/env python3
"""Time against input size on adversarial input: procutext check, procutext fix and
ftfy.fix_text on the same text, at 64 KB, 256 KB and 1 MB (of UTF-8).

    pip install -e '.[bench]'   # ftfy, for the peer column (left out when absent)
    python bench/linear.py [--sizes 64,256,1024] [--inputs spaces,tabs] [--kind markdown]
                           [--repeat 3] [--timeout 300]

Each input repeats one pattern that has made a rule or the fixer quadratic: runs of spaces,
tabs, ideographic spaces (U+3000) and no-break spaces, full-width punctuation, curly and
straight quotation marks, `1、` markers, one Han character, one 1 MB line of prose,
many short lines, the patterns of the issue-10 rules (single quotes, `First,` heads,
split dashes, runs of dots, institution cues next to term renderings, language names),
lines of page furniture (judged by their neighbours) and one long line of `|` separators.
`check` runs every rule (``extend_select=["ALL"]``); `fix` applies unsafe
fixes too. The "x" column is the time at the largest size over the time at the smallest:
with sizes 64 KB and 1 MB, linear time gives about 16, quadratic time about 256.

Each measurement (the best of --repeat runs) runs in a child process with a time limit, so
a quadratic case shows as ">LIMIT" instead of hanging the benchmark, and the larger sizes of
that row are not tried; rules and data are loaded before the clock starts. Sizes are of the
UTF-8 text (1 KB = 1024 bytes). Figures are from one machine; nothing here is a timed unit
test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

def _repeat(unit: str):  # type: ignore[no-untyped-def]
    def make(size: int) -> str:
        per = len(unit.encode("utf-8"))
        return unit * (size // per)

    return make


def _one_line(size: int) -> str:
    from synth import build

    text = build(size).replace("\n", " ")  # a paragraph of prose and defects, no line break
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


INPUTS = {
    "spaces": _repeat(" "),
    "tabs": _repeat("\t"),
    "ideographic-spaces": _repeat("\u3000"),
    "nbsp": _repeat("\u00a0"),
    "fullwidth-punct": _repeat("，。；"),
    "curly-quotes": _repeat("“ ”"),
    "straight-quotes": _repeat('"'),
    "list-markers": _repeat("1、"),
    "one-han-char": _repeat("沚"),
    "one-line": _one_line,
    "short-lines": _repeat("a\n"),
    # issue 10: single quotes, ordinal heads, dashes, dots, institution cues, language names
    "single-quotes": _repeat("the 'a' “b” ‘c "),
    "ordinal-heads": _repeat("x. First, a "),
    "split-dashes": _repeat("a — — b "),
    "dots": _repeat("a...... "),
    "institution-cues": _repeat("the procuratorate's hospital leaders and police officers "),
    "language-names": _repeat("中文 "),
    # page furniture: lines classified by shape and neighbours, one long line of separators
    "furniture-lines": _repeat("Home > News > Local\nThe court trains judges\nUpdated 11:01, 28-Jun-2018\n"
                               "Related Stories\n- China sees fewer arrests\n推荐文章\np>\n\n"),
    "separators": _repeat("Home | "),
}
TOOLS = ("check", "fix", "ftfy")


def measure(name: str, size: int, tool: str, kind: str = "text", repeat: int = 1) -> float:
    """Best of ``repeat`` runs, in seconds, of one tool on one input (in the child process)."""
    text = INPUTS[name](size)
    if tool == "ftfy":
        import ftfy

        ftfy.fix_text("warm up")

        def run() -> object:
            return ftfy.fix_text(text)
    else:
        import procutext

        procutext.fix("warm up “ x ” 1、 沚，", extend_select=["ALL"], unsafe=True)  # load rules and data

        def run() -> object:
            if tool == "check":
                return procutext.check(text, kind=kind, extend_select=["ALL"])
            return procutext.fix(text, kind=kind, extend_select=["ALL"], unsafe=True)

    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t)
    return best


def run_child(name: str, size: int, tool: str, kind: str, repeat: int, timeout: float) -> float | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--kind", kind, "--repeat", str(repeat),
           "--child", name, str(size), tool]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as e:
        raise SystemExit(f"{name} {size} {tool} failed:\n{e.stderr}") from None
    return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])


def _cell(t: float | None, timeout: float) -> str:
    return f">{timeout:.0f}" if t is None else f"{t:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="64,256,1024", help="sizes in KB (1024 bytes), comma-separated")
    ap.add_argument("--inputs", default=",".join(INPUTS), help="comma-separated, from: " + ", ".join(INPUTS))
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated, from: check, fix, ftfy")
    ap.add_argument("--kind", choices=("text", "markdown"), default="text", help="read the input as")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs per measurement")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per measurement (all its runs)")
    ap.add_argument("--child", nargs=3, metavar=("INPUT", "SIZE", "TOOL"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        name, size, tool = args.child
        print(json.dumps({"seconds": measure(name, int(size), tool, args.kind, args.repeat)}))
        return 0

    sizes = [int(s) * 1024 for s in args.sizes.split(",")]
    names = [n.strip() for n in args.inputs.split(",") if n.strip()]
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    for n in names:
        if n not in INPUTS:
            ap.error(f"unknown input {n!r}")
    for t in tools:
        if t not in TOOLS:
            ap.error(f"unknown tool {t!r}")
    if "ftfy" in tools:
        try:
            import ftfy

            print(f"ftfy {ftfy.__version__}")
        except ImportError:
            print("ftfy is not installed (pip install -e '.[bench]'): its column is left out")
            tools.remove("ftfy")

    growth = f"x{sizes[-1] // sizes[0]}" if len(sizes) > 1 else ""
    head = f"{'input':<20}{'tool':<7}" + "".join(f"{s // 1024:>9} KB" for s in sizes)
    if growth:
        head += f"  {'time ' + growth:>9}"
    print(f"input read as {args.kind}; seconds, best of {args.repeat}; last column: time at {sizes[-1] // 1024} KB / time at {sizes[0] // 1024} KB "
          f"(linear ~{sizes[-1] // sizes[0]}, quadratic ~{(sizes[-1] // sizes[0]) ** 2})")
    print(head)
    for name in names:
        for tool in tools:
            times: list[float | None] = []
            for size in sizes:
                if times and times[-1] is None:
                    times.append(None)  # a larger input will not be faster
                    continue
                times.append(run_child(name, size, tool, args.kind, args.repeat, args.timeout))
            row = f"{name:<20}{tool:<7}" + "".join(f"{_cell(t, args.timeout):>12}" for t in times)
            if growth:
                first, last = times[0], times[-1]
                if first is None or last is None:
                    ratio = "-"
                else:
                    ratio = f"{last / max(first, 1e-4):.1f}"
                row += f"  {ratio:>9}"
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
