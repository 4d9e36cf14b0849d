#!/usr/bin/env python3
"""How well the place rules repair misrendered names, on synthetic cases built from every
county-level division.

    python bench/place_eval.py [--seed 5] [--verbose]

PT303 (misspelled-place): for each county-level division whose English specific is two or
more pinyin syllables, one syllable is replaced by a wrong one, the way MT misreads a rare
character (沚 → dang, peng, gui), and the name is put in a sentence that names its parent city:

    The People's Procuratorate of Wanpeng District, Wuhu City held a meeting.

Two kinds of wrong syllable are drawn: "any" (a random valid syllable) and "near" (one that
shares the initial or the final with the right one). Reported per kind: how often PT303 reports
the word, how often its first candidate is the right division, how often it makes a safe fix
and an unsafe one, and how many of those are wrong (a wrong safe fix damages text; the target
is none). Misspellings that happen to be the name of another real division are skipped: a
linter cannot know them wrong.

PT302 and PT301: the name rendered from the gloss dictionary ("Mirror Lake District", "Bay 沚
District"). PT303 in a compound: the misspelling run together with two more syllables
("Wanpengjianyuan"), once with the misspelling also used as a place in the text and once with
the division named only by its parent's scope (which must give nothing). PT306: the gloss of a
name's first character used as a name ("the Bay Area") in a text that names the division.

The functions ``*_cases`` yield the texts; tests/test_place_certainty.py walks them too.
"""

from __future__ import annotations

import argparse
import random
import sys
from typing import Iterator

GENERIC_OF = {"区": "District", "县": "County", "市": "City", "旗": "Banner"}


def misspelling_cases(gaz, rnd: random.Random) -> Iterator[tuple[str, object, str, str | None]]:  # type: ignore[no-untyped-def]
    """(kind, division, misspelt word, text or None when the word is a real name)."""
    from procutext.places.pinyin import SYLLABLES, _parts, syllables

    sylls = sorted(SYLLABLES)
    by_initial: dict[str, list[str]] = {}
    by_final: dict[str, list[str]] = {}
    for s in sylls:
        i, f = _parts(s)
        by_initial.setdefault(i, []).append(s)
        by_final.setdefault(f, []).append(s)
    for d in gaz:
        if d.level != "county" or d.type not in GENERIC_OF or not d.parent:
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
            if gaz.by_en(word) or gaz.by_former_en(word):
                yield kind, d, word, None
                continue
            yield kind, d, word, f"The People's Procuratorate of {word} {GENERIC_OF[d.type]}, {parent.en} held a meeting."


def literal_and_mixed_cases(gaz, rnd: random.Random) -> Iterator[tuple[str, object, str]]:  # type: ignore[no-untyped-def]
    """(code, division, text): every character by its first gloss ("Mirror Lake District",
    PT302), or all but one, which stays in Chinese ("Bay 沚 District", PT301). This measures
    the rules' matching, not how often MT renders a name this way."""
    from procutext.places.glosses import default_glosses

    glosses = default_glosses()
    for d in gaz:
        if d.level != "county" or d.type not in GENERIC_OF or not d.parent or len(d.short) < 2:
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
            if code == "PT302" and gaz.by_en(name):
                continue  # the literal rendering is itself the name of a division
            yield code, d, f"The procuratorate of {name} {GENERIC_OF[d.type]} in {parent.en} held a meeting."


def compound_cases(gaz, rnd: random.Random) -> Iterator[tuple[str, object, str, str]]:  # type: ignore[no-untyped-def]
    """(kind, division, compound, text): a misspelt name run together with "jianyuan" (检苑),
    kind "used" when the misspelling is also used as a place in the text, "alone" when the text
    names only the parent city (PT303 should then stay silent: nothing names the division)."""
    for kind, d, word, text in misspelling_cases(gaz, rnd):
        if kind != "near" or text is None:
            continue
        compound = word + "jianyuan"
        parent = gaz.get(d.parent)
        yield "used", d, compound, f"{text} It runs the \"{compound}\" exchange platform."
        yield "alone", d, compound, (f"The People's Procuratorate of {parent.en} runs the \"{compound}\" "
                                     "exchange platform.")


def clipped_cases(gaz) -> Iterator[tuple[object, str, str]]:  # type: ignore[no-untyped-def]
    """(division, phrase, text): the feature gloss of a name's first character with "Area"
    ("the Bay Area") in a text that names the division officially and its parent."""
    from procutext.places.glosses import default_glosses, gloss_words
    from procutext.rules.places import FEATURES

    glosses = default_glosses()
    for d in gaz:
        if d.level != "county" or d.type != "区" or not d.parent or len(d.short) < 2:
            continue
        parent = gaz.get(d.parent)
        if parent is None:
            continue
        for g in glosses.by_zh.get(d.short[0], ())[:2]:
            ws = gloss_words(g)
            if len(ws) == 1 and ws[0] in FEATURES:
                phrase = " ".join(w[:1].upper() + w[1:] for w in ws) + " Area"
                yield d, phrase, (f"The {d.en} People's Procuratorate of {parent.en} held a meeting. "
                                  f"It improves the quality of the {phrase}'s procuratorial work.")
                break


def _new_stats() -> dict[str, int]:
    return dict(cases=0, reported=0, right=0, safe=0, safe_wrong=0, unsafe=0, unsafe_wrong=0, skipped=0)


def _score(st: dict[str, int], f, right: tuple[str, ...], verbose: bool, label: str,  # type: ignore[no-untyped-def]
           first_only: bool = True) -> None:
    st["reported"] += 1
    if f.suggestions and (f.suggestions[0] in right if first_only else any(x in right for x in f.suggestions)):
        st["right"] += 1
    if f.edit is None:
        return
    kind = "safe" if f.safe_fix else "unsafe"
    st[kind] += 1
    if f.edit.replacement not in right:
        st[f"{kind}_wrong"] += 1
        if verbose:
            print(f"  wrong {kind} {label}: {f.matched!r} -> {f.edit.replacement!r}")


def _line(title: str, st: dict[str, int], skipped: bool = False, among: bool = False) -> str:
    n = st["cases"] or 1
    skip = f" ({st['skipped']} skipped: real names)" if skipped else ""
    right = "right name among the candidates" if among else "right first candidate"
    return (f"{title}: {st['cases']}{skip}; reported {st['reported']} ({st['reported'] / n:.1%}), {right} "
            f"{st['right']} ({st['right'] / n:.1%}), safe fixes {st['safe']} ({st['safe'] / n:.1%}, "
            f"wrong {st['safe_wrong']}), unsafe fixes {st['unsafe']} (wrong {st['unsafe_wrong']})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--verbose", action="store_true", help="print the wrong fixes")
    args = ap.parse_args(argv)

    import procutext
    from procutext.places import default_gazetteer

    gaz = default_gazetteer()
    rnd = random.Random(args.seed)
    stats = {kind: _new_stats() for kind in ("any", "near")}
    for kind, d, word, text in misspelling_cases(gaz, rnd):
        st = stats[kind]
        if text is None:
            st["skipped"] += 1
            continue
        st["cases"] += 1
        found = [f for f in procutext.check(text, select=["PT303"]) if f.matched == word]
        if found:
            _score(st, found[0], (d.en_short,), args.verbose, text)
    for kind, st in stats.items():
        print(_line(f"PT303 {kind:>4} wrong syllable", st, skipped=True))

    lit = {code: _new_stats() for code in ("PT302", "PT301")}
    for code, d, text in literal_and_mixed_cases(gaz, rnd):
        st = lit[code]
        st["cases"] += 1
        found = procutext.check(text, select=[code])
        if found:
            _score(st, found[0], (d.en_short, d.en), args.verbose, text, first_only=False)
    print(_line("PT302 literal translations", lit["PT302"], among=True))
    print(_line("PT301 half-translated names", lit["PT301"], among=True))

    comp = {kind: _new_stats() for kind in ("used", "alone")}
    for kind, d, compound, text in compound_cases(gaz, random.Random(args.seed + 1)):
        st = comp[kind]
        st["cases"] += 1
        found = [f for f in procutext.check(text, select=["PT303"]) if f.matched == compound]
        if found:
            rest = compound[compound.lower().rindex("jianyuan"):]
            _score(st, found[0], (d.en_short, d.en_short + rest), args.verbose, text)
    print(_line("PT303 compound, misspelling used as a place", comp["used"]))
    print(_line("PT303 compound, division not named (want 0)", comp["alone"]))

    clip = _new_stats()
    for d, phrase, text in clipped_cases(gaz):
        clip["cases"] += 1
        found = [f for f in procutext.check(text, select=["PT306"]) if phrase in f.matched]
        if found:
            _score(clip, found[0], (d.en,), args.verbose, text)
    print(_line("PT306 clipped names ('the Bay Area')", clip))
    return 0


if __name__ == "__main__":
    sys.exit(main())
