#!/usr/bin/env python3
"""Findings on the paired texts of the shared corpus: every rule, English and bilingual.

    python bench/bilingual_corpus.py [--corpus ../shared/corpus] [--show]

For each English file of shared/corpus/dev/pairs with a Chinese original (NAME.zh.txt), the
English is checked against the Chinese as ``procutext check --source`` does (all default
rules, English and bilingual). The excerpts are cut at about 2,000 characters, and the
Chinese runs further than its English: the Chinese is cut after the sentence that the last
English line translates (from the gold beads of tests/data/bilingual_gold.tsv). Findings on
the first line ("# source: URL") and on the last line (cut short) are not counted, as the
corpus README says. Each finding is matched against the corpus labels
(dev/labels/pairs/NAME.json): one overlapping a labelled defect of a category its rule family
finds is a defect found (SPACING labels are a sample of at most five a file, so a spacing
finding in a file with SPACING labels counts as one), any other is a false alarm. Printed: findings per 1,000 English words, defects found, false alarms by
rule, and the confidence of the alignment.

The corpus has no machine-translated pair (NAME.en_mt.txt): an MT pair found there is
checked the same way, its labelled defects counted as found or missed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from procutext.bilingual.pair import PairSource, read_pair  # noqa: E402
from procutext.context import Context  # noqa: E402
from procutext.engine import run_rules  # noqa: E402
from procutext.registry import select_rules  # noqa: E402

from bilingual_align import read_gold, sentences  # noqa: E402


def label_spans(text: str, labels: dict) -> list[tuple[int, int, str, str]]:
    out = []
    for item in labels.get("findings", []):
        q, k = item["quote"], item.get("occurrence", 1)
        i = -1
        for _ in range(k):
            i = text.find(q, i + 1)
            if i < 0:
                break
        if i >= 0:
            out.append((i, i + len(q), item["category"], q))
    return out


def chinese_cut(zh_file: str, name: str, gold: dict) -> str:
    """The Chinese file up to the end of the sentence that the last English line translates."""
    beads = gold.get(name)
    if not beads:
        return zh_file
    first, body = zh_file.split("\n", 1) if zh_file.startswith("# source:") else ("", zh_file)
    zs = sentences(body, True)
    last = max(max(z) for z, _ in beads if z) + 1  # the truncated English line's sentence
    last = min(last, len(zs) - 1)
    cut = zs[last][1]
    return (first + "\n" if first else "") + body[:cut] + "\n"


#: the label categories each rule family finds (a finding is a defect found when it overlaps a
#: label of one of its family's categories)
CATEGORIES = {
    "furniture": ("CHROME",), "spacing": ("SPACING",), "typography": ("CJKPUNCT", "QUOTES", "LIST", "SPACING"),
    "leftovers": ("ZH", "CHROME"), "places": ("PLACE",), "terms": ("TERM",),
    "numbers": ("NUMWORDS",), "bilingual": ("TERM", "ZH", "PLACE", "NUMWORDS", "FRAG"), "fetching": (),
}
#: categories whose labels are a sample (at most five a file, says the corpus README): a
#: finding of these categories where the file has such labels is counted as a defect found
SAMPLED = ("SPACING", "CAPS")


def run(corpus: Path, show: bool) -> int:
    pairs = corpus / "dev" / "pairs"
    labels_dir = corpus / "dev" / "labels" / "pairs"
    if not pairs.is_dir():
        print(f"no paired texts at {pairs}")
        return 0
    gold, _ = read_gold()
    rules = select_rules()
    family = {r.code: r.family for r in rules}
    ctx = Context()
    total_words = total_findings = total_defects = total_false = 0
    false_by_rule: Counter[str] = Counter()
    for en_path in sorted(pairs.glob("*.en*.txt")):
        stem = en_path.name.split(".")[0]
        zh_path = pairs / f"{stem}.zh.txt"
        if not zh_path.is_file():
            continue
        name = en_path.name[: -len(".txt")]
        en = en_path.read_text(encoding="utf-8")
        zh = chinese_cut(zh_path.read_text(encoding="utf-8"), name, gold)
        doc = read_pair(en, PairSource.read(zh, str(zh_path)), path=str(en_path))
        findings = run_rules(doc, rules, ctx)
        lines = en.rstrip("\n").split("\n")
        last_line = len(lines)
        kept = [f for f in findings if 1 < f.line < last_line]
        words = sum(len(line.split()) for line in lines[1:])
        labels = {}
        lp = labels_dir / f"{name}.json"
        if lp.is_file():
            labels = json.loads(lp.read_text(encoding="utf-8"))
        spans = label_spans(en, labels)
        sampled = {x[2] for x in spans if x[2] in SAMPLED}
        defects, false = [], []
        for f in kept:
            s, e = f.start, max(f.end, f.start + 1)
            cats = CATEGORIES.get(family[f.code], ())
            hit = [x for x in spans if x[0] < e and s < x[1] and x[2] in cats]
            if not hit and set(cats) & sampled:
                hit = [(s, e, "SAMPLED", "")]  # a SPACING or CAPS defect the labels did not list
            (defects if hit else false).append((f, hit))
        found_labels = {x for _, hit in defects for x in hit}
        scored = [x for x in spans if x[2] in ("CHROME", "QUOTES", "LIST", "CJKPUNCT", "ZH", "PLACE", "TERM",
                                               "NUMWORDS")]
        a = doc.bilingual.summary()
        kind = "machine" if "_mt" in name else "professional"
        print(f"{name} ({kind}): {words} words, {len(kept)} findings = {1000 * len(kept) / max(words, 1):.1f} per "
              f"1,000 words; {len(defects)} on labelled defects, {len(false)} false alarms "
              f"= {1000 * len(false) / max(words, 1):.1f} per 1,000 words; labelled defects found "
              f"{len(found_labels & set(spans))}/{len(spans)} ({len([x for x in scored if x in found_labels])}/"
              f"{len(scored)} of the scored categories); alignment {a}")
        for f, hit in defects + false:
            if show or not hit:
                tag = "defect" if hit else "FALSE "
                print(f"    {tag} {f.line}:{f.column} {f.code} {f.message[:110]}")
        total_words += words
        total_findings += len(kept)
        total_defects += len(defects)
        total_false += len(false)
        false_by_rule.update(f.code for f, _ in false)
    if total_words:
        print(f"\nTOTAL {total_words} words: {total_findings} findings ({1000 * total_findings / total_words:.2f} per "
              f"1,000 words), {total_defects} on labelled defects, {total_false} false alarms "
              f"({1000 * total_false / total_words:.2f} per 1,000 words); false alarms by rule: "
              f"{dict(false_by_rule.most_common()) or 'none'}")
    if not any(pairs.glob("*.en_mt.txt")):
        print("no machine-translated pair (NAME.en_mt.txt) in the corpus")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--show", action="store_true", help="list the findings on labelled defects too")
    args = ap.parse_args()
    corpus = args.corpus if args.corpus.is_dir() else Path("/work/shared/corpus")
    return run(corpus, args.show)


if __name__ == "__main__":
    sys.exit(main())
