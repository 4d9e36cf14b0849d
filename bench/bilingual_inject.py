#!/usr/bin/env python3
"""Recall of the bilingual checks on machine-translation errors injected into professional pairs.

    python bench/bilingual_inject.py [--corpus ../shared/corpus] [--per-kind 8] [--seed 12] [--show]

The shared corpus has no machine-translated pair, so this script makes its errors: it takes
each correct pair it can build (the professional English versions of
shared/corpus/dev/pairs, aligned by the gold beads of tests/data/bilingual_gold.tsv, and the
project's own correct pairs in tests/negative/bilingual/, aligned paragraph to paragraph),
and injects into a copy of the English one error at a time, several instances of each kind,
at beads chosen by a seeded RNG:

- ``number``: a number, date, year or article number changed the way engines and typists
  change them (125 → 152, Article 20 → Article 2, 2018 → 2081, Fifth → Sixth);
- ``term``: a glossary term's approved rendering (the source has the term) replaced by one of
  the glossary's wrong renderings of it (procuratorate → "inspection institute", chief
  procurator → "attorney general");
- ``omission``: the English of a bead deleted;
- ``untranslated``: the English of a bead replaced by its Chinese with ASCII punctuation (as
  engines pass an untranslated sentence through);
- ``copied``: the English of a bead replaced by its Chinese source exactly;
- ``place``: a place name's official English garbled (Wanzhi → Wandang: the last syllable
  replaced, or a letter changed);
- ``two-ways``: a term rendered with one approved rendering in one bead and another approved
  rendering of it in a later one ("procuratorial organs", then "procuratorial authorities").

Each copy is checked against its Chinese as ``procutext check --source`` does (the API that
bench/bilingual_corpus.py uses; every default rule, English and bilingual). An injected error
is found when a finding overlaps its span in the English (for an omission: a bilingual finding
whose source span overlaps the Chinese of the deleted bead); the codes that found it are
counted. Missed instances are printed. A finding of the copy elsewhere that the unchanged
English did not raise is a false alarm caused by the injection, counted per 1,000 words of the
unchanged parts. The unchanged professional English is checked too: its bilingual (PT7xx)
findings are false alarms, per 1,000 words (its English findings are scored against the
corpus labels by bench/bilingual_corpus.py).

Figures (seed 12, up to 8 instances a kind and input; 5 inputs: the two professional English
versions of organic_law_2018 and economic_crime, public_interest, work_report of
tests/negative/bilingual/ (juvenile_news is left out: its paragraphs do not correspond one to
one); 889 words of professional English). Found/injected, before and after the fixes of the
commit that added this table:

    kind           before    after    found by (after)
    number         32/40     37/40    PT703
    term           36/37     36/37    PT702, PT401 (English), PT701
    omission       24/34     24/34    PT708, PT703, PT701, PT704
    untranslated   34/34     34/34    PT801/PT201 (English), PT703, PT705, PT706, PT704
    copied         30/34     34/34    PT706, PT703, PT704
    place          10/10     10/10    PT704, PT303 (English)
    two-ways        1/1       1/1     PT710 (only one instance: few terms of these texts have
                                      two approved renderings)
    all           167/190   176/190
    false alarms on the unchanged parts of the copies: 9 (0.28 per 1,000 words) before, 5
    (0.16) after; on the unchanged professional English: 0 bilingual findings in 889 words
    (0.00 per 1,000 words) before and after.

Left missed (they need the aligner, not a rule): a wrong Roman chapter number (Chapter I →
Chapter II) and an omitted sentence the aligner joins to its neighbour (a 2:1 or 3:1 bead
that crosses a Chinese paragraph break, or a 1:0 + 0:1 pair of low confidence, muted); an
omitted title that the text repeats; "the procuratorate" → "the institute" for 该院 where
"Procuratorate Open Day" in the same sentence holds the approved word; "second" → "first" in
a sentence with ten ordinals in another order than the Chinese (found, but pointed at the
other "first"). The remaining false alarms are English rules on the injected Chinese (PT204,
PT501/PT120 on the page's Chinese furniture line next to a copied paragraph).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from procutext.bilingual.compare import renderings  # noqa: E402
from procutext.bilingual.pair import PairSource, read_pair  # noqa: E402
from procutext.context import Context  # noqa: E402
from procutext.engine import run_rules  # noqa: E402
from procutext.registry import select_rules  # noqa: E402

from bilingual_align import read_gold, sentences  # noqa: E402
from bilingual_corpus import chinese_cut  # noqa: E402

KINDS = ("number", "term", "omission", "untranslated", "copied", "place", "two-ways")
NEGATIVE = ROOT / "tests" / "negative" / "bilingual"


@dataclass
class Input:
    """A correct pair: the English and Chinese texts, the beads (English span, Chinese span,
    both non-empty) and the span of the English that is scored (the first and last lines of
    corpus excerpts are not)."""

    name: str
    en: str
    zh: str
    beads: list[tuple[tuple[int, int], tuple[int, int]]]
    scored: tuple[int, int]
    zh_path: str
    en_path: str


@dataclass
class Injection:
    kind: str
    start: int  # span of the English replaced
    end: int
    replacement: str
    zh_span: tuple[int, int]
    note: str = ""

    def apply(self, en: str) -> str:
        return en[: self.start] + self.replacement + en[self.end:]

    @property
    def new_span(self) -> tuple[int, int]:
        return self.start, self.start + len(self.replacement)

    @property
    def delta(self) -> int:
        return len(self.replacement) - (self.end - self.start)


@dataclass
class Tally:
    injected: int = 0
    found: int = 0
    by: Counter = field(default_factory=Counter)
    missed: list = field(default_factory=list)
    collateral: list = field(default_factory=list)
    words: int = 0


# -- inputs ----------------------------------------------------------------------------------------
def _span(sents: list[tuple[int, int]], idx: tuple[int, ...], offset: int) -> tuple[int, int]:
    return sents[min(idx)][0] + offset, sents[max(idx)][1] + offset


def corpus_inputs(corpus: Path) -> list[Input]:
    pairs = corpus / "dev" / "pairs"
    if not pairs.is_dir():
        return []
    gold, _ = read_gold()
    out = []
    for name, beads in sorted(gold.items()):
        stem = name.split(".")[0]
        zh_path, en_path = pairs / f"{stem}.zh.txt", pairs / f"{name}.txt"
        if not zh_path.is_file() or not en_path.is_file():
            continue
        en = en_path.read_text(encoding="utf-8")
        zh = chinese_cut(zh_path.read_text(encoding="utf-8"), name, gold)
        en_off = en.index("\n") + 1 if en.startswith("# source:") else 0
        zh_off = zh.index("\n") + 1 if zh.startswith("# source:") else 0
        en_body = en[en_off:].rstrip("\n").rsplit("\n", 1)[0] + "\n"  # the last line is cut short
        zs, es = sentences(zh[zh_off:], True), sentences(en_body, False)
        spans = [(_span(es, e, en_off), _span(zs, z, zh_off)) for z, e in beads if z and e]
        out.append(Input(name, en, zh, spans, (en_off, en_off + len(en_body)), str(zh_path), str(en_path)))
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]


def negative_inputs() -> list[Input]:
    """The project's correct pairs whose paragraphs correspond one to one."""
    out = []
    for zh_path in sorted(NEGATIVE.glob("*.zh.txt")):
        en_path = zh_path.with_name(zh_path.name.replace(".zh.", ".en."))
        if not en_path.is_file():
            continue
        zh, en = zh_path.read_text(encoding="utf-8"), en_path.read_text(encoding="utf-8")
        zb, eb = _blocks(zh), _blocks(en)
        if len(zb) != len(eb):
            continue
        out.append(Input(zh_path.name.split(".")[0], en, zh, list(zip(eb, zb)), (0, len(en)), str(zh_path),
                         str(en_path)))
    return out


# -- injections ------------------------------------------------------------------------------------
_HAN = regex.compile(r"\p{Han}")
_ZH_NUM = regex.compile(r"[0-9〇零一二两三四五六七八九十百千万亿]")
_DIGITS = regex.compile(r"(?<![\w.,])\d(?:[\d,]*\d)?(?:\.\d+)?(?P<suf>st|nd|rd|th)?(?![\w])")
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"]
_ORDINAL = regex.compile(r"\b(?:" + "|".join(ORDINALS) + r")\b", regex.I)
_ROMAN = regex.compile(r"\b(?<=Chapter\s+)(?:I|II|III|IV|V|VI|VII|VIII|IX|X)\b")
ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _suffix(n: str) -> str:
    v = int(n)
    if 10 <= v % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(v % 10, "th")


def _mutate_digits(s: str, rng: random.Random) -> str:
    d = s.replace(",", "")
    whole = d.split(".")[0]
    ways = []
    if len(set(whole)) > 1:
        ways.append("transpose")
    if len(whole) >= 2:
        ways.append("drop")
    ways.append("change")
    way = rng.choice(ways)
    if way == "transpose":
        pairs = [i for i in range(len(whole) - 1) if whole[i] != whole[i + 1]]
        i = rng.choice(pairs)
        new = whole[:i] + whole[i + 1] + whole[i] + whole[i + 2:]
        if new[0] == "0":
            new = whole[:-2] + whole[-1] + whole[-2] if whole[-1] != whole[-2] else whole[::-1].lstrip("0") or "1"
    elif way == "drop":
        i = rng.randrange(len(whole))
        new = (whole[:i] + whole[i + 1:]).lstrip("0") or "1"
    else:
        i = len(whole) - 1
        new = whole[:i] + rng.choice([c for c in "0123456789" if c != whole[i]])
        new = new.lstrip("0") or "1"
    if new == whole:
        new = str(int(whole) + 1)
    if "," in s and len(new) > 3:
        new = f"{int(new):,}"
    return new + (d[len(whole):] if "." in d else "")


def number_injections(inp: Input, rng: random.Random) -> list[Injection]:
    out = []
    for (es, ee), zs in inp.beads:
        if not _ZH_NUM.search(inp.zh[zs[0]:zs[1]]):
            continue  # no number in the source: nothing to check the English number against
        seg = inp.en[es:ee]
        for m in _DIGITS.finditer(seg):
            num = m.group(0)[: len(m.group(0)) - len(m.group("suf") or "")]
            new = _mutate_digits(num, rng)
            rep = new + (_suffix(new.replace(",", "").split(".")[0]) if m.group("suf") else "")
            out.append(Injection("number", es + m.start(), es + m.end(), rep, zs, f"{m.group(0)} -> {rep}"))
        for m in _ORDINAL.finditer(seg):
            k = ORDINALS.index(m.group(0).lower())
            new = ORDINALS[k + 1 if k + 1 < len(ORDINALS) and (k == 0 or rng.random() < 0.5) else k - 1]
            rep = new.capitalize() if m.group(0)[0].isupper() else new
            out.append(Injection("number", es + m.start(), es + m.end(), rep, zs, f"{m.group(0)} -> {rep}"))
        for m in _ROMAN.finditer(seg):
            k = ROMANS.index(m.group(0))
            rep = ROMANS[k + 1 if k + 1 < len(ROMANS) else k - 1]
            out.append(Injection("number", es + m.start(), es + m.end(), rep, zs, f"{m.group(0)} -> {rep}"))
    return out


def _term_index(glossary) -> dict[str, list]:  # type: ignore[no-untyped-def]
    by_zh: dict[str, list] = defaultdict(list)
    for e in glossary:
        by_zh[e.zh].append(e)
    return by_zh


def _source_terms(zh: str, by_zh: dict[str, list]) -> list[tuple[int, int, str]]:
    """Glossary terms of a Chinese span, longest first where they overlap (a plain substring
    search, independent of the checks' own term finder)."""
    hits = []
    for term in by_zh:
        if len(term) < 2:
            continue
        for m in regex.finditer(regex.escape(term), zh):
            hits.append((m.start(), m.end(), term))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    kept: list[tuple[int, int, str]] = []
    for h in hits:
        if all(h[1] <= k[0] or k[1] <= h[0] for k in kept):
            kept.append(h)
    return kept


def _rendering_re(rendering: str):  # type: ignore[no-untyped-def]
    words = [regex.escape(w).replace("'", "['’]") for w in rendering.split()]
    return regex.compile(r"\b" + r"\s+".join(words) + r"(?P<pl>s|es)?\b", regex.I)


def _cased(original: str, rep: str) -> str:
    if original[:1].isupper() and original.split()[-1][:1].isupper():
        return " ".join(w[:1].upper() + w[1:] if w not in ("of", "the", "and", "at") else w for w in rep.split())
    if original[:1].isupper():
        return rep[:1].upper() + rep[1:]
    return rep


def term_injections(inp: Input, by_zh: dict[str, list], rng: random.Random) -> list[Injection]:
    out = []
    for (es, ee), zs in inp.beads:
        seg = inp.en[es:ee]
        for _, _, term in _source_terms(inp.zh[zs[0]:zs[1]], by_zh):
            approved, wrong = renderings(by_zh[term])
            wrong = [w for w in wrong if len(w) > 3]
            if not wrong:
                continue
            for a in sorted(approved, key=len, reverse=True):
                m = _rendering_re(a).search(seg)
                if m is None or a.isupper():
                    continue
                rep = _cased(m.group(0), rng.choice(wrong)) + (m.group("pl") or "")
                out.append(Injection("term", es + m.start(), es + m.end(), rep, zs, f"{term}: {m.group(0)} -> {rep}"))
                break
    return out


def _whole(inp: Input, es: int, ee: int) -> tuple[int, int]:
    """The bead's English with the white space after it (a paragraph with its blank line)."""
    en = inp.en
    e = ee
    while e < len(en) and en[e] in " \t":
        e += 1
    if (es == 0 or en[es - 1] == "\n") and en[e:e + 1] == "\n":
        while e < len(en) and en[e] == "\n":
            e += 1
    return es, e


def omission_injections(inp: Input) -> list[Injection]:
    out = []
    for (es, ee), zs in inp.beads:
        if len(_HAN.findall(inp.zh[zs[0]:zs[1]])) < 10:
            continue
        s, e = _whole(inp, es, ee)
        out.append(Injection("omission", s, e, "", zs, f"deleted: {inp.en[es:ee][:50]!r}"))
    return out


_ASCII = str.maketrans({"，": ", ", "。": ". ", "；": "; ", "：": ": ", "、": ", ", "（": "(", "）": ")",
                        "“": '"', "”": '"', "！": "! ", "？": "? "})


def chinese_injections(inp: Input, kind: str) -> list[Injection]:
    out = []
    for (es, ee), zs in inp.beads:
        zh = inp.zh[zs[0]:zs[1]]
        if len(_HAN.findall(zh)) < 4:
            continue
        rep = zh if kind == "copied" else zh.translate(_ASCII).rstrip()
        out.append(Injection(kind, es, ee, rep, zs, f"{inp.en[es:ee][:40]!r} -> {rep[:30]!r}"))
    return out


SYLLABLES = ["dang", "zhou", "shan", "hu", "ling", "cheng", "yang", "xi", "gang", "ning"]
_LAST_SYLLABLE = regex.compile(r"(?:zh|ch|sh|[bcdfghjklmnpqrstwxyz])?[aeiouv]+(?:ng|n|r)?$")


def _garble(name: str, rng: random.Random) -> str:
    m = _LAST_SYLLABLE.search(name)
    if m and m.start() > 0 and rng.random() < 0.6:
        new = name[: m.start()] + rng.choice([s for s in SYLLABLES if s != m.group(0)])
        if new != name:
            return new
    vowels = [i for i, c in enumerate(name) if c in "aeiou"]
    i = rng.choice(vowels[1:] or vowels)
    return name[:i] + rng.choice([v for v in "aeiou" if v != name[i]]) + name[i + 1:]


def place_injections(inp: Input, gazetteer, rng: random.Random) -> list[Injection]:  # type: ignore[no-untyped-def]
    out = []
    for (es, ee), zs in inp.beads:
        seg = inp.en[es:ee]
        zh = inp.zh[zs[0]:zs[1]]
        for s, e, divisions in gazetteer.find_in_chinese(zh):
            names = sorted({d.en_short for d in divisions if d.en_short}, key=len, reverse=True)
            for n in names:
                m = regex.search(r"\b" + regex.escape(n) + r"\b", seg)
                if m:
                    rep = _garble(n, rng)
                    out.append(Injection("place", es + m.start(), es + m.end(), rep, zs, f"{zh[s:e]}: {n} -> {rep}"))
                    break
    return out


def two_way_injections(inp: Input, by_zh: dict[str, list]) -> list[Injection]:
    """A term whose rendering is in two or more beads gets another approved rendering in a later one."""
    seen: dict[str, str] = {}
    out = []
    for (es, ee), zs in inp.beads:
        seg = inp.en[es:ee]
        for _, _, term in _source_terms(inp.zh[zs[0]:zs[1]], by_zh):
            approved, _ = renderings(by_zh[term])
            full = [a for a in approved if not a.isupper()]
            if len(full) < 2:
                continue
            for a in sorted(full, key=len, reverse=True):
                m = _rendering_re(a).search(seg)
                if m is None:
                    continue
                if term in seen and seen[term] == a.lower():
                    others = [o for o in full if o.lower() != a.lower() and a.lower() not in o.lower()
                              and o.lower() not in a.lower()]
                    if others:
                        rep = _cased(m.group(0), others[0]) + (m.group("pl") or "")
                        out.append(Injection("two-ways", es + m.start(), es + m.end(), rep, zs,
                                             f"{term}: {m.group(0)} -> {rep}"))
                seen.setdefault(term, a.lower())
                break
    return out


# -- checking --------------------------------------------------------------------------------------
def check(inp: Input, en: str, rules, ctx):  # type: ignore[no-untyped-def]
    doc = read_pair(en, PairSource.read(inp.zh, inp.zh_path), path=inp.en_path)
    return run_rules(doc, rules, ctx)


def _words(text: str) -> int:
    return len(text.split())


def run(corpus: Path, per_kind: int, seed: int, show: bool) -> int:
    rules = select_rules()
    ctx = Context()
    glossary, gazetteer = ctx.get_glossary(), ctx.get_gazetteer()
    by_zh = _term_index(glossary)
    inputs = corpus_inputs(corpus) + negative_inputs()
    tallies = {k: Tally() for k in KINDS}
    pro_words = pro_false = 0
    pro_false_codes: Counter[str] = Counter()
    for inp in inputs:
        rng = random.Random(f"{seed}:{inp.name}")
        s0, s1 = inp.scored
        base = [f for f in check(inp, inp.en, rules, ctx) if s0 <= f.start < s1]
        base_starts = {f.start for f in base}  # a spot the unchanged English already has a finding at
        words = _words(inp.en[s0:s1])
        bil = [f for f in base if f.code.startswith("PT7")]
        pro_words += words
        pro_false += len(bil)
        pro_false_codes.update(f.code for f in bil)
        print(f"{inp.name}: {words} words, {len(inp.beads)} beads; unchanged: {len(base)} findings, "
              f"{len(bil)} bilingual")
        for f in bil:
            print(f"    FALSE {f.line}:{f.column} {f.code} {f.message[:100]}")
        cands = {
            "number": number_injections(inp, rng), "term": term_injections(inp, by_zh, rng),
            "omission": omission_injections(inp), "untranslated": chinese_injections(inp, "untranslated"),
            "copied": chinese_injections(inp, "copied"), "place": place_injections(inp, gazetteer, rng),
            "two-ways": two_way_injections(inp, by_zh),
        }
        for kind in KINDS:
            got = [c for c in cands[kind] if s0 <= c.start and c.end <= s1]
            chosen = rng.sample(got, min(per_kind, len(got)))
            t = tallies[kind]
            for inj in chosen:
                new = inj.apply(inp.en)
                ns, ne = inj.new_span
                fs = [f for f in check(inp, new, rules, ctx) if s0 <= f.start < s1 + inj.delta]
                hits = []
                rest = []
                for f in fs:
                    fe = max(f.end, f.start + 1)
                    if inj.kind == "omission":
                        src = f.source
                        hit = (f.code.startswith("PT7") and src is not None
                               and src.start < inj.zh_span[1] and inj.zh_span[0] < max(src.end, src.start + 1))
                    else:
                        hit = f.start < ne and ns < fe
                    (hits if hit else rest).append(f)
                t.injected += 1
                t.words += words - _words(inp.en[inj.start:inj.end])
                if hits:
                    t.found += 1
                    t.by.update(sorted({f.code for f in hits}))  # sorted: the same order every run
                else:
                    t.missed.append((inp.name, inj, [f.code for f in fs if f.code.startswith("PT7")]))
                for f in rest:
                    old = f.start if f.start < ns else f.start - inj.delta
                    if old not in base_starts and not (inj.start <= old <= inj.end):
                        t.collateral.append((inp.name, inj, f))
    print(f"\n{'kind':13} {'found':>9} {'by':40} false alarms elsewhere")
    total_i = total_f = total_c = total_w = 0
    for kind in KINDS:
        t = tallies[kind]
        by = ", ".join(f"{c} {n}" for c, n in sorted(t.by.items(), key=lambda cn: (-cn[1], cn[0])))
        rate = 1000 * len(t.collateral) / t.words if t.words else 0.0
        print(f"{kind:13} {t.found:4d}/{t.injected:<4d} {by:40} {len(t.collateral)} ({rate:.2f} per 1,000 words)")
        total_i += t.injected
        total_f += t.found
        total_c += len(t.collateral)
        total_w += t.words
    print(f"{'all':13} {total_f:4d}/{total_i:<4d} {'':40} {total_c} ({1000 * total_c / max(total_w, 1):.2f} per "
          f"1,000 words)")
    print(f"\nprofessional English unchanged: {pro_words} words, {pro_false} bilingual findings = "
          f"{1000 * pro_false / max(pro_words, 1):.2f} per 1,000 words {dict(pro_false_codes) or ''}")
    for kind in KINDS:
        t = tallies[kind]
        for name, inj, codes in t.missed:
            print(f"MISSED {kind:12} {name}: {inj.note}  (bilingual findings of the copy: {codes or 'none'})")
        for name, inj, f in t.collateral:
            print(f"FALSE  {kind:12} {name}: {inj.note} -> {f.line}:{f.column} {f.code} {f.message[:90]}")
        if show:
            print(f"[{kind}] found by: {dict(sorted(t.by.items()))}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--per-kind", type=int, default=8, help="instances of each kind per input (default 8)")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    corpus = args.corpus if args.corpus.is_dir() else Path("/work/shared/corpus")
    return run(corpus, args.per_kind, args.seed, args.show)


if __name__ == "__main__":
    sys.exit(main())
