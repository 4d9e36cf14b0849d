#!/usr/bin/env python3
"""How well PT303 (misspelled-place) repairs wrong pinyin, on synthetic misspellings of every
county-level division.

    python bench/place_eval.py [--seed 5]

For each county-level division whose English specific is two or more pinyin syllables, one
syllable is replaced by a wrong one, the way MT misreads a rare character (沚 → dang, peng,
gui), and the name is put in a sentence that names its parent city:

    The People's Procuratorate of Wanpeng District, Wuhu City held a meeting.

Two kinds of wrong syllable are drawn: "any" (a random valid syllable) and "near" (one that
shares the initial or the final with the right one). Reported per kind: how often PT303 reports
the word, how often its first candidate is the right division, how often it makes a safe fix,
and how many safe fixes are wrong (these damage text; the target is none). Misspellings that
happen to be the name of another real division are skipped: a linter cannot know them wrong.
"""

from __future__ import annotations

import argparse
import random
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--verbose", action="store_true", help="print the wrong safe fixes")
    args = ap.parse_args(argv)

    import procutext
    from procutext.places import default_gazetteer
    from procutext.places.pinyin import SYLLABLES, _parts, syllables

    gaz = default_gazetteer()
    rnd = random.Random(args.seed)
    sylls = sorted(SYLLABLES)
    by_initial: dict[str, list[str]] = {}
    by_final: dict[str, list[str]] = {}
    for s in sylls:
        i, f = _parts(s)
        by_initial.setdefault(i, []).append(s)
        by_final.setdefault(f, []).append(s)
    generic_of = {"区": "District", "县": "County", "市": "City", "旗": "Banner"}
    stats = {kind: dict(cases=0, reported=0, first_right=0, safe=0, safe_wrong=0, skipped=0)
             for kind in ("any", "near")}
    for d in gaz:
        if d.level != "county" or d.type not in generic_of or not d.parent:
            continue
        parts = syllables(d.en_short) if d.en_short.isascii() else None
        if not parts or len(parts) < 2:
            continue
        parent = gaz.get(d.parent)
        if parent is None or parent.level == "province" and parent.type != "直辖市":
            continue
        pos = rnd.randrange(len(parts))
        right = parts[pos]
        ini, fin = _parts(right)
        for kind in ("any", "near"):
            pool = [s for s in (sylls if kind == "any" else by_initial.get(ini, []) + by_final.get(fin, []))
                    if s != right]
            wrong = rnd.choice(pool)
            word = "".join(parts[:pos] + [wrong] + parts[pos + 1:])
            word = word[0].upper() + word[1:]
            st = stats[kind]
            if gaz.by_en(word) or gaz.by_former_en(word):
                st["skipped"] += 1
                continue
            st["cases"] += 1
            text = f"The People's Procuratorate of {word} {generic_of[d.type]}, {parent.en} held a meeting."
            found = [f for f in procutext.check(text, select=["PT303"]) if text[f.start:f.end] == word]
            if not found:
                continue
            f = found[0]
            st["reported"] += 1
            if f.suggestions and f.suggestions[0] == d.en_short:
                st["first_right"] += 1
            if f.edit is not None:
                st["safe"] += 1
                if f.edit.replacement != d.en_short:
                    st["safe_wrong"] += 1
    for kind, st in stats.items():
        n = st["cases"] or 1
        print(f"PT303 {kind:>4} wrong syllable: {st['cases']} misspellings ({st['skipped']} skipped: real names); "
              f"reported {st['reported']} ({st['reported'] / n:.1%}), right first candidate "
              f"{st['first_right']} ({st['first_right'] / n:.1%}), safe fixes {st['safe']} "
              f"({st['safe'] / n:.1%}), wrong safe fixes {st['safe_wrong']}")
    literal_and_mixed(gaz, rnd, generic_of, args.verbose)
    return 0


def literal_and_mixed(gaz, rnd, generic_of, verbose: bool = False) -> None:  # type: ignore[no-untyped-def]
    """PT302 and PT301 on names rendered from the gloss dictionary itself: every character by
    its first gloss ("Mirror Lake District"), or all but one, which stays in Chinese ("Bay 沚
    District"). This measures the rules' matching, not how often MT renders a name this way."""
    import procutext
    from procutext.places.glosses import default_glosses

    glosses = default_glosses()
    st = {code: dict(cases=0, reported=0, right=0, safe=0, safe_wrong=0) for code in ("PT302", "PT301")}
    for d in gaz:
        if d.level != "county" or d.type not in generic_of or not d.parent or len(d.short) < 2:
            continue
        firsts = [glosses.by_zh.get(ch, ("",))[0] for ch in d.short]
        parent = gaz.get(d.parent)
        if parent is None:
            continue
        cases = []
        if all(firsts):
            literal = " ".join(w[:1].upper() + w[1:] for g in firsts for w in [g])
            cases.append(("PT302", literal))
        keep = rnd.randrange(len(d.short))
        if all(g for i, g in enumerate(firsts) if i != keep):
            mixed = " ".join(d.short[i] if i == keep else firsts[i][:1].upper() + firsts[i][1:]
                             for i in range(len(d.short)))
            cases.append(("PT301", mixed))
        for code, name in cases:
            text = f"The procuratorate of {name} {generic_of[d.type]} in {parent.en} held a meeting."
            if code == "PT302" and gaz.by_en(name):
                continue  # the literal rendering is itself the name of a division
            s = st[code]
            s["cases"] += 1
            found = [f for f in procutext.check(text, select=[code])]
            if not found:
                continue
            f = found[0]
            s["reported"] += 1
            if d.en_short in f.suggestions:
                s["right"] += 1
            if f.edit is not None:
                s["safe"] += 1
                if f.edit.replacement not in (d.en_short, d.en):
                    s["safe_wrong"] += 1
                    if verbose:
                        print(f"  wrong {code}: {text!r} -> {f.edit.replacement!r} ({d.zh} {d.en})")
    for code, s in st.items():
        n = s["cases"] or 1
        what = "literal translations" if code == "PT302" else "half-translated names"
        print(f"{code} {what}: {s['cases']}; reported {s['reported']} ({s['reported'] / n:.1%}), "
              f"right name among the candidates {s['right']} ({s['right'] / n:.1%}), safe fixes {s['safe']}, "
              f"wrong safe fixes {s['safe_wrong']}")


if __name__ == "__main__":
    sys.exit(main())
