#!/usr/bin/env python3
"""Evaluate procutext on the labelled texts of ../shared/corpus.

Prints, per defect category, how many labelled defects a finding covers (recall), and the
false alarms on the professional texts: findings per 1,000 words that cover no labelled
defect, plus any finding on a labelled trap (correct text that must raise nothing).

    python bench/eval.py [--set dev|dev2] [--corpus PATH] [--json] [--select ...]

``--set`` picks the sub-corpus (``dev``, the default, or ``dev2``); score each on its own.

Label format: see the corpus README. Each text starts with a "# source:" line, which is
not checked; labels and findings on a file's last line are not scored when the file is an
excerpt (cut mid-line). Skips cleanly (exit 0) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import procutext

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
SCORED = ["CHROME", "QUOTES", "LIST", "CJKPUNCT", "ZH", "PLACE", "TERM", "NUMWORDS"]
SAMPLED = ["SPACING", "CAPS"]
CAPPED = {"SPACING": ("PT13",), "CAPS": ()}  # at most five labels per file (corpus README)
PROFESSIONAL = ("pro/", "pairs/organic_law_2018.en.txt", "pairs/organic_law_2018.en_alt.txt")


def find_span(text: str, quote: str, occurrence: int) -> tuple[int, int] | None:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos == -1:
            return None
    return pos, pos + len(quote)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1]:
        return b[0] <= a[0] <= b[1]
    return a[0] < b[1] and b[0] < a[1]


def evaluate(corpus: Path, select: list[str] | None, subset: str = "dev") -> dict:
    labels_dir = corpus / subset / "labels"
    recall: dict[str, Counter] = defaultdict(Counter)
    caught_by: dict[str, Counter] = defaultdict(Counter)
    missed: list[str] = []
    pro_words = 0
    pro_findings = 0
    pro_false = 0
    false_examples: list[str] = []
    trap_hits: list[str] = []
    files = 0
    capped = 0
    for label_path in sorted(labels_dir.glob("*/*.json")):
        data = json.loads(label_path.read_text(encoding="utf-8"))
        rel = data["file"]
        text_path = corpus / subset / rel
        if not text_path.is_file():
            continue
        files += 1
        text = text_path.read_text(encoding="utf-8")
        head = text.find("\n") + 1 if text.startswith("# source:") else 0
        body = text[head:]
        last_line_start = text.rfind("\n", 0, len(text.rstrip("\n"))) + 1
        # an excerpt cut mid-line; the labels say so too when they keep the last line's
        # defects apart (dev2 and some dev files end with a newline added after the cut)
        truncated = not text.endswith("\n") or "last_line_findings" in data or "last_line_traps" in data
        if rel.endswith(".zh.txt"):
            continue  # Chinese originals are for the bilingual checks
        findings = procutext.check(body, path=str(text_path), select=select)
        spans = [(f.start + head, f.end + head, f.code) for f in findings]
        labelled: list[tuple[int, int]] = []
        per_cat = Counter(item["category"] for item in data.get("findings", []))
        beyond_cap = tuple(p for cat, prefixes in CAPPED.items() if per_cat[cat] >= 5 for p in prefixes)
        for item in data.get("findings", []):
            span = find_span(text, item["quote"], item.get("occurrence", 1))
            if span is None:
                print(f"warning: {rel}: label quote not found: {item['quote']!r}", file=sys.stderr)
                continue
            labelled.append(span)
            if truncated and span[0] >= last_line_start:
                continue
            cat = item["category"]
            recall[cat]["labelled"] += 1
            hits = [c for s, e, c in spans if overlaps((s, e), span)]
            if hits:
                recall[cat]["caught"] += 1
                for c in set(hits):
                    caught_by[cat][c] += 1
            elif cat in SCORED:
                missed.append(f"{cat:8} {rel}: {item['quote'][:70]!r}")
        for trap in data.get("traps", []):
            span = find_span(text, trap["quote"], trap.get("occurrence", 1))
            if span is None:
                continue
            for s, e, c in spans:
                if overlaps((s, e), span) and not any(overlaps((s, e), lab) for lab in labelled):
                    trap_hits.append(f"{c} on trap in {rel}: {trap['quote'][:60]!r} ({trap['why'][:50]})")
        if rel.startswith(PROFESSIONAL):
            scored_body = text[head:last_line_start] if truncated else body
            pro_words += len(scored_body.split())
            for s, e, c in spans:
                if truncated and s >= last_line_start:
                    continue
                pro_findings += 1
                if not any(overlaps((s, e), lab) for lab in labelled):
                    if beyond_cap and c.startswith(beyond_cap):
                        capped += 1  # the category's labels are capped at five per file
                        continue
                    pro_false += 1
                    line = text.count("\n", 0, s) + 1
                    false_examples.append(f"{c} {rel}:{line}: {text[s:e][:60]!r}")
    return {
        "subset": subset,
        "files": files,
        "recall": {k: dict(v) for k, v in recall.items()},
        "caught_by": {k: dict(v) for k, v in caught_by.items()},
        "missed": missed,
        "professional_words": pro_words,
        "professional_findings": pro_findings,
        "professional_false_alarms": pro_false,
        "professional_beyond_label_cap": capped,
        "false_alarm_examples": false_examples,
        "trap_hits": trap_hits,
    }


def combine(results: list[dict]) -> dict:
    """The figures of several sub-corpora counted together (``--set all``)."""
    if len(results) == 1:
        return results[0]
    out: dict = {"subset": "+".join(r["subset"] for r in results), "recall": {}, "caught_by": {}}
    for r in results:
        for cat, c in r["recall"].items():
            d = out["recall"].setdefault(cat, {"labelled": 0, "caught": 0})
            for k, v in c.items():
                d[k] = d.get(k, 0) + v
        for cat, by in r["caught_by"].items():
            d = out["caught_by"].setdefault(cat, {})
            for k, v in by.items():
                d[k] = d.get(k, 0) + v
    for key in ("files", "professional_words", "professional_findings", "professional_false_alarms",
                "professional_beyond_label_cap"):
        out[key] = sum(r[key] for r in results)
    for key in ("missed", "false_alarm_examples", "trap_hits"):
        out[key] = [f"{r['subset']}/{x}" for r in results for x in r[key]]
    return out


def report(r: dict) -> None:
    print(f"procutext {procutext.__version__}: {r['subset']}, {r['files']} labelled files\n")
    print(f"{'category':10} {'caught':>6} {'labels':>6} {'recall':>7}  rules")
    tot_c = tot_l = 0
    for cat in SCORED + SAMPLED:
        c = r["recall"].get(cat, {})
        lab, got = c.get("labelled", 0), c.get("caught", 0)
        if cat in SCORED:
            tot_c += got
            tot_l += lab
        rate = f"{got / lab:7.1%}" if lab else "      -"
        rules = ", ".join(f"{k}×{v}" for k, v in sorted(r["caught_by"].get(cat, {}).items()))
        note = " (sample)" if cat in SAMPLED else ""
        print(f"{cat:10} {got:6} {lab:6} {rate}  {rules}{note}")
    print(f"{'scored':10} {tot_c:6} {tot_l:6} {tot_c / max(tot_l, 1):7.1%}  (the first eight categories)")
    words = r["professional_words"]
    per_k = 1000 * r["professional_false_alarms"] / max(words, 1)
    print(f"\nprofessional texts: {words} words, {r['professional_findings']} findings, "
          f"{r['professional_false_alarms']} on no labelled defect = {per_k:.2f} false alarms per 1,000 words"
          f" ({r['professional_beyond_label_cap']} more are spacing findings in files whose SPACING labels"
          " reached the cap of five, not counted)")
    for ex in r["false_alarm_examples"]:
        print(f"  false alarm: {ex}")
    print(f"trap hits: {len(r['trap_hits'])}")
    for t in r["trap_hits"]:
        print(f"  {t}")
    if r["missed"]:
        print(f"\nmissed ({len(r['missed'])}):")
        for m in r["missed"]:
            print(f"  {m}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--set", dest="subset", default="dev",
                    help="sub-corpus: dev (default), dev2, or all (both, counted together)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--select", help="comma-separated rule selectors (default: the default rules)")
    args = ap.parse_args(argv)
    subsets = ["dev", "dev2"] if args.subset == "all" else [args.subset]
    if not all((args.corpus / s / "labels").is_dir() for s in subsets):
        print(f"skipped: no labelled corpus at {args.corpus}", file=sys.stderr)
        return 0
    select = args.select.split(",") if args.select else None
    r = combine([evaluate(args.corpus, select, s) for s in subsets])
    if args.json:
        json.dump(r, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        report(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
