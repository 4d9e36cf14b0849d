"""Bilingual checks (PT7xx): the English target against its Chinese source.

They run on documents with a source (``doc.bilingual``: a file pair, or a bilingual file
such as XLIFF) and do nothing on English alone. Each finding points into the target and
carries the source span it is about (``Finding.source``); ``data`` has the unit's ``segment``
id and ``unit_line``/``unit_column``, where the unit starts in the file. Checks that compare a source with
its target are muted on segments whose alignment confidence is below
:data:`procutext.bilingual.MIN_CONFIDENCE` (file pairs; the units of a bilingual file are
certain). Examples are one-text pairs: the Chinese, a line ``=>``, the English.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterator, Optional

import regex
from .. import rx

from ..analysis import HAN_CHAR as HAN, LATIN_ASCII as LATIN
from ..model import Applicability, Finding, Severity
from ..registry import Example, rule

if TYPE_CHECKING:
    from ..bilingual.compare import Pair
    from ..context import Context
    from ..model import Document

PAIR = "pair"
F = "bilingual"


_compare_module = None


def _compare():  # type: ignore[no-untyped-def]
    """:mod:`procutext.bilingual.compare`, imported on first use (not by English-only checks;
    an import statement in a function asked for every pair costs more than this lookup)."""
    global _compare_module
    if _compare_module is None:
        from ..bilingual import compare

        _compare_module = compare
    return _compare_module


def _pairs(doc: "Document", ctx: "Context") -> "list[Pair]":
    if doc.bilingual is None:
        return []
    an = _compare().analysis(doc, ctx)
    return an.pairs if an is not None else []


def _with_source(f: Finding, pair: "Pair", start: int = 0, end: Optional[int] = None, **data: object) -> Finding:
    f.source = pair.source_ref(start, end)
    d = {"segment": pair.seg.id, "confidence": round(pair.seg.confidence, 3)}
    if pair.seg.line:  # where the unit starts in the file (a trans-unit, a PO entry, a row)
        d["unit_line"], d["unit_column"] = pair.seg.line, pair.seg.column
    d.update(data)
    f.data = d
    return f


def _target_span(pair: "Pair") -> tuple[int, int]:
    s, e = pair.seg.target_start, pair.seg.target_end
    text = pair.an.doc.text
    while e > s and text[e - 1].isspace():
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return s, e


def _short(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


# -- terms ----------------------------------------------------------------------------------------------
#: English words of a wrong rendering that another word of the source may stand for: where
#: the source has one of these, the word in the target may be its translation (检察院向法院
#: 提起公诉: "court" is 法院's), and a wrong rendering holding it is not certain
EXPLAINED_BY = {
    "court": ("法院", "法庭", "庭"), "courts": ("法院", "法庭"), "hospital": ("医院",), "institute": ("研究院", "研究所", "学院"),
    "college": ("学院", "大学"), "academy": ("学院", "科学院"), "dean": ("院长",), "president": ("院长", "主席", "校长"),
    "police": ("警", "公安"), "inspection": ("检查", "视察", "巡视", "检验"), "inspector": ("检查", "督察"),
    "supervision": ("监督", "监察", "督导"), "prosecution": ("起诉", "公诉"), "leaders": ("领导",),
}


def _explained(wrong: str, source: str, term_spans: list[tuple[int, int]]) -> bool:
    """Whether a word of ``wrong`` may translate a word of ``source`` outside the terms."""
    outside = list(source)
    for s, e in term_spans:
        for i in range(s, e):
            outside[i] = " "
    rest = "".join(outside)
    for word in regex.findall(r"[a-z]+", wrong.lower()):
        for zh in EXPLAINED_BY.get(word, ()):
            if zh in rest:
                return True
    return False


def _term_status(pair: "Pair"):  # type: ignore[no-untyped-def]
    """For each source term of a pair: (hit, approved renderings found, wrong hits), cached."""
    got = getattr(pair, "_term_status", None)
    if got is not None:
        return got
    compare = _compare()
    phrase, renderings = compare.phrase, compare.renderings
    out = []
    terms = pair.terms if pair.aligned else []
    if terms:
        glossary = pair.an.glossary
        cover = glossary.approved_cover(pair.folded)
        spans = [(h.start, h.end) for h in terms]
        others_ok: set[str] = set()
        status = []
        for h in terms:
            approved, wrong = renderings(h.entries)
            found = [a for a in approved if pair.tokens.has(phrase(a))]
            if not found:
                found = [a for a in approved if pair.tokens.has_words(phrase(a))]
            others_ok.update(a.lower() for a in approved)
            status.append((h, approved, wrong, found))
        for h, approved, wrong, found in status:
            hits = []
            if not found and wrong:
                hits = _wrong_hits(pair, wrong, cover, others_ok, spans)
            elif found and wrong and _contained(tuple(found), tuple(wrong)):
                # an approved rendering found only inside a wrong one ("president" inside
                # "hospital president" for 院长) is not the term translated
                inside = _wrong_hits(pair, wrong, cover, others_ok, spans)
                if inside and not _found_outside(pair.folded, found, inside):
                    found, hits = [], inside
            out.append((h, approved, found, hits))
    pair._term_status = out  # type: ignore[attr-defined]
    return out


@lru_cache(maxsize=4096)
def _contained(found: tuple[str, ...], wrong: tuple[str, ...]) -> bool:
    """Whether one of the ``found`` renderings is written inside one of the ``wrong`` ones
    (only then can a wrong rendering hide it, and its matches are worth finding)."""
    from ..glossary.matcher import fold_key

    keys = [fold_key(w) for w in wrong]
    return any(fold_key(a) in k for a in found for k in keys)


def _found_outside(folded: str, found: list[str], hits) -> bool:  # type: ignore[no-untyped-def]
    """Whether one of the ``found`` renderings occurs in ``folded`` outside every wrong hit
    (True too when none occurs as written: it was found by its words, in another order)."""
    low = folded.lower()
    seen = False
    for a in found:
        key = a.lower()
        i = low.find(key)
        while i >= 0:
            seen = True
            j = i + len(key)
            if not any(m.start <= i and j <= m.end for m in hits):
                return True
            i = low.find(key, i + 1)
    return not seen


def _wrong_hits(pair: "Pair", wrong: list[str], cover, others_ok: set[str], spans):  # type: ignore[no-untyped-def]
    from ..glossary.matcher import Matcher

    matcher = _wrong_matcher(tuple(wrong))
    hits = []
    for m in matcher.finditer(pair.target, pair.folded):
        w = m.value
        if w.lower() in others_ok:
            continue  # the approved rendering of another term of the source
        if cover.longer(m.start, m.end):
            continue  # inside an approved rendering written out ("Supreme People's Court")
        if _explained(w, pair.source, spans):
            continue
        hits.append(m)
    del Matcher
    return hits


_wrong_matchers: dict[tuple[str, ...], object] = {}


def _wrong_matcher(wrong: tuple[str, ...]):  # type: ignore[no-untyped-def]
    got = _wrong_matchers.get(wrong)
    if got is None:
        from ..glossary.matcher import Matcher

        if len(_wrong_matchers) > 5000:
            _wrong_matchers.clear()
        got = _wrong_matchers[wrong] = Matcher((w, w) for w in wrong)
    return got


#: translations shorter than this many words, and headings (no final full stop) shorter than
#: HEADING_WORDS, may condense their source: PT701 leaves them alone (第二章 人民检察院的设置和
#: 职权: "Chapter II Establishment, Functions and Powers")
TERM_MIN_WORDS = 8
HEADING_WORDS = 15


def _condensed(pair: "Pair") -> bool:
    n = len(pair.target.split())
    return n < TERM_MIN_WORDS or (n < HEADING_WORDS and _compare().final_mark(pair.target_source) not in ".!?…;:")


@rule(
    "PT701",
    "source-term-missing",
    family=F,
    severity=Severity.WARNING,
    examples=[
        Example("人民检察院依法独立行使检察权。\n=>\nThe people's procuratorates independently exercise their "
                "authority in accordance with the law.",
                "人民检察院依法独立行使检察权。\n=>\nThe people's procuratorates independently exercise "
                "procuratorial power in accordance with the law.", kind=PAIR),
    ],
)
def source_term_missing(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A glossary term of the source has none of its approved renderings in the translation.

    ## What it does
    Finds the glossary's Chinese terms in each source segment (longest match first:
    最高人民检察院 before 人民检察院 before 检察院; a term of one or two characters only where
    jieba makes it a word, so 本院 is not found in 日本院线) and reports a term none of whose
    approved renderings or variants is in the aligned English. Renderings match in any
    inflection and with or without an article ("the people’s procuratorates" holds "people's
    procuratorate"), and a rendering of several words also when all its words are in the
    sentence in another order ("the 'P.R.C. Procuratorates Organic Law'"). A term whose wrong
    rendering is there is left to PT702. Headings and titles (translations of fewer than
    :data:`TERM_MIN_WORDS` words, or of fewer than :data:`HEADING_WORDS` without a final
    full stop) may condense their source and are left alone; so are segments where the
    alignment is not confident.

    ## Why it matters
    The source says which term is meant; a translation without its approved rendering has
    either paraphrased an institutional term (which readers then cannot look up) or dropped
    it.

    ## Example
    ```
    人民检察院依法独立行使检察权。
    =>
    The people's procuratorates independently exercise their authority in accordance with the law.
    ```

    ## Use instead
    ```
    人民检察院依法独立行使检察权。
    =>
    The people's procuratorates independently exercise procuratorial power in accordance with the law.
    ```

    ## Fix safety
    No fix: where the rendering goes in the sentence is for the translator. The message lists
    the approved renderings (``data``: ``zh``, ``en``).
    """
    r = source_term_missing.rule  # type: ignore[attr-defined]
    for pair in _pairs(doc, ctx):
        if not pair.confident or _condensed(pair):
            continue
        for h, approved, found, hits in _term_status(pair):
            if found or hits or not approved:
                continue
            s, e = _target_span(pair)
            shown = ", ".join(f"'{a}'" for a in approved[:3])
            f = r.finding(f"the source has {h.zh}: none of its renderings ({shown}) is in the translation",
                          s, e, suggestions=tuple(approved[:3]))
            yield _with_source(f, pair, h.start, h.end, zh=h.zh, en=approved)


_SMALL = {"of", "the", "and", "at", "for", "in", "on", "to", "a", "an", "by", "with"}


def _cased_like(original: str, replacement: str, proper: bool) -> str:
    """``replacement`` with ``original``'s capitals: Title Case for a title-cased original,
    a capital first letter for a capitalised one; a proper term keeps its own."""
    if proper:
        return replacement
    words = original.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words if w.lower() not in _SMALL):
        return " ".join(w if (i and w.lower() in _SMALL) else w[:1].upper() + w[1:]
                        for i, w in enumerate(replacement.split()))
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@rule(
    "PT702",
    "wrong-term-rendering",
    family=F,
    severity=Severity.ERROR,
    fix=Applicability.SAFE,
    examples=[
        Example("案件报上级院审批。\n=>\nThe case was submitted to the superior court for approval.",
                "案件报上级法院审批。\n=>\nThe case was submitted to the superior court for approval.",
                "案件报上级院审批。\n=>\nThe case was submitted to the higher-level procuratorate for approval.",
                kind=PAIR),
    ],
)
def wrong_term_rendering(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A known wrong rendering of a source term is in its translation.

    ## What it does
    For each glossary term of a source segment whose approved renderings are all missing from
    the aligned English, looks for the term's wrong renderings there ("superior court" for
    上级院, "hospital leaders" for 院领导) and reports them. The source makes it certain,
    without the context conditions the English-only PT401 needs: 上级院 is in the source,
    so "superior court" is its mistranslation. Terms resolve by longest match, so 上级法院 (a
    court above) is not 上级院 and its "superior court" is not reported. Left alone: a wrong
    rendering that is the approved rendering of another term of the segment, one inside an
    approved rendering written out ("Supreme People's Court"), and one whose words another
    word of the source may stand for ("court" where the source also says 法院).

    ## Why it matters
    These are the mistranslations that change the institution: a procuratorate reported as
    a court or a hospital.

    ## Example
    ```
    案件报上级院审批。
    =>
    The case was submitted to the superior court for approval.
    ```

    ## Use instead
    ```
    案件报上级院审批。
    =>
    The case was submitted to the higher-level procuratorate for approval.
    ```

    ## Fix safety
    Safe where the mapping is one to one: the term occurs once in the source segment and one
    wrong rendering once in its translation; it is replaced by the preferred rendering, with
    the wrong one's capitals (Title Case, a capital first letter) and its plural ending kept.
    Otherwise the finding suggests the approved renderings.
    """
    r = wrong_term_rendering.rule  # type: ignore[attr-defined]
    glossary = None
    for pair in _pairs(doc, ctx):
        if not pair.confident:
            continue
        status = _term_status(pair)
        counts: dict[str, int] = {}
        for h, *_ in status:
            counts[h.zh] = counts.get(h.zh, 0) + 1
        for h, approved, found, hits in status:
            if not hits:
                continue
            one_to_one = counts[h.zh] == 1 and len(hits) == 1 and approved
            for m in hits:
                t0 = pair.seg.target_start
                s, e = t0 + m.start, t0 + m.end
                wrong = doc.source[s:e]
                entry = next((x for x in h.entries if approved and m.value in x.all_wrong), h.entries[0])
                preferred = entry.preferred or approved[0]
                msg = f"'{wrong}' mistranslates {h.zh} of the source: use '{preferred}'"
                if one_to_one:
                    rep = _cased_like(wrong, preferred, entry.case == "proper")
                    if glossary is None:
                        glossary = ctx.get_glossary()
                    if not glossary.always_flags(rep):
                        f = r.finding(msg, s, e, rep)
                        yield _with_source(f, pair, h.start, h.end, zh=h.zh, en=list(approved), wrong=m.value)
                        continue
                f = r.finding(msg + " (not fixed: the term or the rendering occurs more than once)", s, e,
                              suggestions=tuple(approved[:3]))
                yield _with_source(f, pair, h.start, h.end, zh=h.zh, en=list(approved), wrong=m.value)


@rule(
    "PT710",
    "inconsistent-term-rendering",
    family=F,
    severity=Severity.INFO,
    examples=[
        Example("检察机关依法履职。\n\n检察机关加强法律监督。\n=>\nThe procuratorial organs perform their duties "
                "in accordance with the law.\n\nThe procuratorial authorities strengthen legal supervision.",
                "检察机关依法履职。\n\n检察机关加强法律监督。\n=>\nThe procuratorial organs perform their duties "
                "in accordance with the law.\n\nThe procuratorial organs strengthen legal supervision.", kind=PAIR),
    ],
)
def inconsistent_term_rendering(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A glossary term of the source is rendered two ways in one document.

    ## What it does
    Records which approved rendering each source term gets in its segment (where exactly one
    is there) and reports the segments whose rendering differs from the term's first one in
    the document. An abbreviation (SPP beside Supreme People's Procuratorate) is not another
    rendering.

    ## Why it matters
    A reader takes two names for two things: "procuratorial organs" in one paragraph and
    "procuratorial authorities" in the next read as different bodies.

    ## Example
    ```
    检察机关依法履职。

    检察机关加强法律监督。
    =>
    The procuratorial organs perform their duties in accordance with the law.

    The procuratorial authorities strengthen legal supervision.
    ```

    ## Use instead
    ```
    (the same rendering in both paragraphs: "procuratorial organs")
    ```

    ## Fix safety
    No fix: either rendering is approved; which to keep is the translator's choice.
    """
    r = inconsistent_term_rendering.rule  # type: ignore[attr-defined]
    first: dict[str, tuple[str, int]] = {}
    for pair in _pairs(doc, ctx):
        if not pair.confident:
            continue
        for h, approved, found, hits in _term_status(pair):
            full = {a for a in found if not _abbreviation(a)}
            if len(full) != 1:
                continue
            rendering = full.pop()
            key = rendering.lower()
            seen = first.get(h.zh)
            if seen is None:
                first[h.zh] = (key, doc.position(pair.seg.target_start).line)
                continue
            if seen[0] == key or _contains(seen[0], key):
                continue
            t0 = pair.seg.target_start
            i = pair.folded.find(_fold(rendering))
            s, e = (t0 + i, t0 + i + len(rendering)) if i >= 0 else _target_span(pair)
            f = r.finding(f"{h.zh} is rendered '{rendering}' here and '{seen[0]}' on line {seen[1]}", s, e)
            yield _with_source(f, pair, h.start, h.end, zh=h.zh, en=list(approved))


def _fold(s: str) -> str:
    from ..glossary.matcher import fold

    return fold(s)


def _abbreviation(s: str) -> bool:
    letters = s.replace(".", "").replace("'", "")
    return len(letters) <= 6 and letters.isupper()


def _contains(a: str, b: str) -> bool:
    from ..bilingual.compare import phrase

    return phrase(a).joined in phrase(b).joined or phrase(b).joined in phrase(a).joined


# -- numbers --------------------------------------------------------------------------------------------
def _format_number(q) -> str:  # type: ignore[no-untyped-def]
    from ..numbers import en as ennum

    if q.date is not None:
        return ennum.english_date(q.date)
    if q.kind == "percent":
        return f"{ennum.format_number(q.value)}%"
    return ennum.format_number(q.value)


@rule(
    "PT703",
    "number-mismatch",
    family=F,
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    examples=[
        Example("今年以来共办理案件125件。\n=>\nSince the beginning of the year, 152 cases have been handled.",
                "今年以来共受理案件1.2万件，涉案金额3亿元。\n=>\nSince the beginning of the year, more than 12,000 "
                "cases involving 300 million yuan have been accepted.",
                "今年以来共办理案件125件。\n=>\nSince the beginning of the year, 125 cases have been handled.",
                kind=PAIR),
        Example("2023年7月11日，检察院召开会议。\n=>\nOn July 12, 2023, the procuratorate held a meeting.",
                "2023年7月11日，检察院召开会议。\n=>\nOn 11 July 2023, the procuratorate held a meeting.",
                "2023年7月11日，检察院召开会议。\n=>\nOn July 12, 2023, the procuratorate held a meeting.",
                kind=PAIR),
    ],
)
def number_mismatch(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A number, amount, percentage or date of the source is not in its translation.

    ## What it does
    Reads the quantities of each source segment and of its translation
    (:mod:`procutext.numbers`) and reports every source quantity whose value the translation
    lacks: 1.2万 is 12,000, 3亿元 is 300 million yuan, 2023年7月11日 is July 11, 2023 or
    11 July 2023, 第三 is "third", 第一章 is "Chapter I". A value stated rounded in words
    is accepted ("more than 12,000" for 12,345, within 15 %). Required are digits, dates,
    percentages, ordinals and Chinese numerals above ten; a small Chinese numeral is often
    no number in English (一起案件 "a case"); but where a small ordinal of the source (第一次)
    has no match and the translation has one ordinal the source lacks ("for the second
    time"), that is reported. Two parts of a period must agree (上半年 is not "the second
    half"), a rounding is no more precise than its source ("more than 12,009" is not 1.2万余),
    and a date matched without its year is wrong when a stray number follows it ("July 11,
    223" for 2023年7月11日). Of equal values, each source quantity takes the English one
    nearest its place in the sentence. Where the translation has a number of the same kind
    that the source lacks, the finding points at it: "125 in the source, 152 here". Muted
    where the alignment is not confident.

    ## Why it matters
    A wrong figure in a work report or a case bulletin is a factual error, and an engine or
    a typist can transpose digits (125 → 152) without any other sign.

    ## Example
    ```
    今年以来共办理案件125件。
    =>
    Since the beginning of the year, 152 cases have been handled.
    ```

    ## Use instead
    ```
    今年以来共办理案件125件。
    =>
    Since the beginning of the year, 125 cases have been handled.
    ```

    ## Fix safety
    Unsafe, and only for transposed digits (the same digits in another order): the
    translation's number is replaced by the source's. Other mismatches suggest the source's
    value.
    """
    from ..bilingual.compare import required, rounded, same_quantity, transposed

    r = number_mismatch.rule  # type: ignore[attr-defined]
    for pair in _pairs(doc, ctx):
        if not pair.confident or not pair.aligned:
            continue
        quantities = pair.zh_quantities
        if not quantities:
            continue
        source = pair.source
        zq, optional = [], []
        for q in quantities:
            if required(q, source):
                zq.append(q)
            elif q.kind == "ordinal" and q.value is not None and not _not_counted(q, source):
                optional.append(q)
        if not zq and not optional:
            continue
        eq = list(pair.en_quantities)
        free = list(range(len(eq)))
        missing = []
        forced: dict[int, object] = {}  # a missing quantity's English form, where it is certain
        for q in zq:
            near = _nearest(q, free, eq, pair)
            k = next((k for k in near if _full_date(q, eq[k]) and same_quantity(q, eq[k])), None)
            if k is None:
                k = next((k for k in near if same_quantity(q, eq[k])), None)
            if k is None:
                k = next((k for k in free if rounded(q, eq[k])), None)
            if k is None:
                missing.append(q)
                continue
            free.remove(k)
            year = _year_after(q, eq[k], eq, free, pair.target)
            if year is not None:  # 2023年7月11日 as "July 11, 223": the date matched without its year
                free.remove(year)
                missing.append(q)
                forced[id(q)] = eq[year]
        # a small ordinal of the source (第一次) need not be a number in English, but where the
        # source's is unmatched and the translation has an ordinal the source lacks, one is wrong
        # ("for the second time" for 第一次)
        for q in optional:
            k = next((k for k in _nearest(q, free, eq, pair) if same_quantity(q, eq[k])), None)
            if k is not None:
                free.remove(k)
                continue
            ords = [k for k in free if eq[k].kind == "ordinal" and eq[k].date is None]
            if len(ords) == 1:
                t = eq[ords[0]]
                free.remove(ords[0])
                missing.append(q)
                # where the translation has this ordinal twice, which one is wrong is not certain:
                # the finding is the segment's
                twice = sum(1 for x in eq if x.kind == "ordinal" and x.value == t.value) > 1
                forced[id(q)] = None if twice else t
        if not missing:
            continue
        left = [eq[k] for k in free]  # numbers of the translation that the source does not have
        t0 = pair.seg.target_start
        for q in missing:
            shown = _format_number(q)
            said = f"{q.text} ({shown})" if shown else q.text
            options = [t for t in left if _comparable(q, t)]
            cand = next((t for t in options if transposed(q, t)), options[0] if len(options) == 1 else None)
            cand = forced[id(q)] if id(q) in forced else cand
            if cand is not None:
                if cand in left:
                    left.remove(cand)
                s, e = t0 + cand.start, t0 + cand.end
                msg = f"the source has {said}; the translation has {cand.text} here"
                if transposed(q, cand) and cand.text.isdigit():
                    f = r.finding(msg + " (digits transposed?)", s, e, str(int(q.value)),
                                  applicability=Applicability.UNSAFE)
                else:
                    f = r.finding(msg, s, e, suggestions=(shown,))
            else:
                s, e = _target_span(pair)
                f = r.finding(f"the source has {said}: the translation does not have it", s, e,
                              suggestions=(shown,) if shown else ())
            yield _with_source(f, pair, q.start, q.end, value=q.value, date=q.date.iso() if q.date else None)


def _nearest(q, free, eq, pair) -> list[int]:  # type: ignore[no-untyped-def]
    """The free English quantities, the nearest to ``q``'s place in the sentence first (of two
    "second"s, 第二次 takes the one where it stands, and the other is the one gone wrong)."""
    at = q.start / max(1, len(pair.source))
    n = max(1, len(pair.target))  # the target's length once, not once per quantity compared
    return sorted(free, key=lambda k: abs(eq[k].start / n - at))


def _not_counted(q, source: str) -> bool:  # type: ignore[no-untyped-def]
    _NOT_COUNTED = _compare()._NOT_COUNTED  # noqa: N806
    return bool(_NOT_COUNTED.match(source, max(0, q.start - 1)) or _NOT_COUNTED.match(source, q.start))


def _full_date(q, t) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``t`` is a date with every part that the source date ``q`` has (a year for a year)."""
    if q.date is None or t.date is None:
        return False
    return all(a is None or b is not None for a, b in ((q.date.year, t.date.year), (q.date.month, t.date.month),
                                                       (q.date.day, t.date.day)))


_YEAR_GAP = rx.compile(r",?[ \t]*")


def _year_after(q, t, eq, free, target: str):  # type: ignore[no-untyped-def]
    """Where the source date ``q`` has a year and its match ``t`` has none, the index of a number
    of the translation right after ``t`` that the source does not have (the year gone wrong:
    "July 11, 223"); else None."""
    if q.date is None or q.date.year is None or t.date is None or t.date.year is not None:
        return None
    for k in free:
        n = eq[k]
        if n.date is None and n.value is not None and n.start >= t.end \
                and _YEAR_GAP.fullmatch(target, t.end, n.start):
            return k
    return None


def _comparable(q, t) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``t`` is plausibly the translation's form of ``q`` gone wrong: both dates, or
    both numbers of one kind family (a percentage for a percentage)."""
    if q.date is not None or t.date is not None:
        return q.date is not None and t.date is not None
    if (q.kind == "percent") != (t.kind == "percent"):
        return False
    return True


# -- places ---------------------------------------------------------------------------------------------
_NOT_A_TO_Z = rx.compile(r"[^a-z]")


@lru_cache(maxsize=8192)
def _letters(s: str) -> str:
    return _NOT_A_TO_Z.sub("", s.lower())


@rule(
    "PT704",
    "place-name-mismatch",
    family=F,
    severity=Severity.WARNING,
    examples=[
        Example("湾沚区人民检察院召开会议。\n=>\nThe Wandang District People's Procuratorate held a meeting.",
                "湾沚区人民检察院召开会议。\n=>\nThe Wanzhi District People's Procuratorate held a meeting.",
                kind=PAIR),
    ],
)
def place_name_mismatch(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A place name of the source is not in its translation in its official English.

    ## What it does
    Finds the gazetteer's names in each source segment (full names such as 湾沚区 or 芜湖市;
    a short name such as 芜湖 only for a province or a prefecture and only as a word of its
    own) and reports a name whose official English (with or without its generic: "Wanzhi
    District" or "Wanzhi"; spaces, hyphens and apostrophes aside) the aligned translation
    lacks. Muted where the alignment is not confident.

    ## Why it matters
    Engines misread rare characters (湾沚 as "Wandang", "Bay 沚") or translate names word for
    word ("Wuhu Inaction" for 无为); the source says which place is meant, so the right name
    can be given.

    ## Example
    ```
    湾沚区人民检察院召开会议。
    =>
    The Wandang District People's Procuratorate held a meeting.
    ```

    ## Use instead
    ```
    湾沚区人民检察院召开会议。
    =>
    The Wanzhi District People's Procuratorate held a meeting.
    ```

    ## Fix safety
    No fix: the wrong form may be spelt any way; the official English is suggested.
    """
    r = place_name_mismatch.rule  # type: ignore[attr-defined]
    for pair in _pairs(doc, ctx):
        if not pair.confident or not pair.aligned:
            continue
        places = pair.places
        if not places:
            continue
        target = _letters(pair.target)
        for h in places:
            names = {n for d in h.divisions for n in (d.en, d.en_short) if n}
            if any(_letters(n) and _letters(n) in target for n in names):
                continue
            best = h.divisions[0]
            s, e = _target_span(pair)
            f = r.finding(f"the source names {h.name}: the translation should have '{best.en}'", s, e,
                          suggestions=tuple(sorted({d.en for d in h.divisions})))
            yield _with_source(f, pair, h.start, h.end, zh=h.name, en=best.en, code=best.code)


# -- untranslated, empty, identical, omitted --------------------------------------------------------------
def _han_share(s: str) -> float:
    if not HAN.search(s):
        return 0.0  # no Han: 0 / (0 + latin) or 0
    han = len(HAN.findall(s))
    latin = len(LATIN.findall(s))
    return han / (han + latin) if han + latin else 0.0


def _norm(s: str) -> str:
    return " ".join(s.split())


@rule(
    "PT705",
    "untranslated-segment",
    family=F,
    severity=Severity.ERROR,
    examples=[
        Example("检察机关依法履职。\n=>\n检察机关依法履行职责。",
                "检察机关依法履职。\n=>\nProcuratorial organs perform their duties in accordance with the law.",
                kind=PAIR),
    ],
)
def untranslated_segment(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The translation of a segment is still Chinese.

    ## What it does
    Reports a segment whose target is mostly Han characters (more Han than Latin letters)
    while its source is Chinese. A target identical to its source is PT706.

    ## Why it matters
    An untranslated segment in an English file is a segment the reader cannot read: a unit a
    CAT tool left in the source language, or a paragraph an engine skipped.

    ## Example
    ```
    检察机关依法履职。
    =>
    检察机关依法履行职责。
    ```

    ## Use instead
    ```
    检察机关依法履职。
    =>
    Procuratorial organs perform their duties in accordance with the law.
    ```

    ## Fix safety
    No fix: it needs translating.
    """
    r = untranslated_segment.rule  # type: ignore[attr-defined]
    for pair in _pairs(doc, ctx):
        if not pair.aligned or not pair.han:
            continue
        # the share of Han first: one search in an English target, which is then passed
        # over without comparing the two texts word by word
        if _han_share(pair.target) <= 0.5:
            continue
        if _norm(pair.target_source) == _norm(pair.raw_source):
            continue
        s, e = _target_span(pair)
        f = r.finding(f"the translation is Chinese: '{_short(pair.target)}'", s, e)
        yield _with_source(f, pair)


@rule(
    "PT706",
    "target-same-as-source",
    family=F,
    severity=Severity.ERROR,
    examples=[
        Example("检察机关依法履职。\n=>\n检察机关依法履职。",
                "检察机关依法履职。\n=>\nProcuratorial organs perform their duties in accordance with the law.",
                kind=PAIR),
    ],
)
def target_same_as_source(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The translation of a segment is its source, copied.

    ## What it does
    Reports a segment whose target, white space aside, is its Chinese source, and, in a file
    pair, English text that the aligner left without a source while it is a source sentence
    that was left without English (a copy has no English anchors to align by). A source
    without Han characters (a code, a name in Latin letters, a URL) may stand as it is and
    is not reported.

    ## Why it matters
    A copied source is what a CAT tool writes when a translator confirms a unit without
    translating it, and what a pipeline leaves where an engine failed.

    ## Example
    ```
    检察机关依法履职。
    =>
    检察机关依法履职。
    ```

    ## Use instead
    ```
    检察机关依法履职。
    =>
    Procuratorial organs perform their duties in accordance with the law.
    ```

    ## Fix safety
    No fix: it needs translating.
    """
    r = target_same_as_source.rule  # type: ignore[attr-defined]
    pairs = _pairs(doc, ctx)
    unpaired: dict[str, "Pair"] = {}  # source sentences a file pair's aligner left without English
    for pair in pairs:
        if pair.han and not pair.target.strip() and pair.seg.notes.get("bead") == "1:0":
            unpaired.setdefault(_norm(pair.raw_source), pair)
    for pair in pairs:
        if not pair.aligned and unpaired and pair.target.strip() and not pair.raw_source.strip():
            # a 0:1 bead: English text with no source, which is a source sentence copied (the
            # aligner could not pair the copy: its numbers and terms are no English anchors)
            src = unpaired.get(_norm(pair.target_source))
            if src is not None:
                s, e = _target_span(pair)
                f = r.finding("the translation is the source, copied", s, e)
                yield _with_source(f, src)
            continue
        if not pair.aligned or not pair.han:
            continue
        if _same_words(pair.target_source, pair.raw_source):
            s, e = _target_span(pair)
            f = r.finding("the translation is the source, copied", s, e)
            yield _with_source(f, pair)


def _same_words(a: str, b: str) -> bool:
    """``_norm(a) == _norm(b)``, answered at once where the first characters that are not
    white space differ (str.lstrip and str.split take the same characters for space)."""
    if a.lstrip()[:1] != b.lstrip()[:1]:
        return False
    return _norm(a) == _norm(b)


@rule(
    "PT707",
    "empty-target",
    family=F,
    severity=Severity.WARNING,
    examples=[
        Example("检察机关依法履职。\n=>\n",
                "检察机关依法履职。\n=>\nProcuratorial organs perform their duties in accordance with the law.",
                kind=PAIR),
    ],
)
def empty_target(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A unit has a source and no translation.

    ## What it does
    Reports a unit of a bilingual file (XLIFF, TMX, PO, CSV, JSONL) whose target is empty
    or white space while its source has text, naming its state where the format gives one;
    for a file pair, an English file with no text at all. (A source paragraph of a pair
    that the English skips is PT708.)

    ## Why it matters
    An empty target is published as nothing, or falls back to the Chinese, depending on the
    tool downstream.

    ## Example
    ```
    检察机关依法履职。
    =>
    ```

    ## Use instead
    ```
    检察机关依法履职。
    =>
    Procuratorial organs perform their duties in accordance with the law.
    ```

    ## Fix safety
    No fix: it needs translating.
    """
    r = empty_target.rule  # type: ignore[attr-defined]
    bi = doc.bilingual
    if bi is None:
        return
    pairs = _pairs(doc, ctx)
    if hasattr(bi, "ensure"):  # a file pair: the whole English is empty
        if bi.source_text.strip() and not doc.text[getattr(bi, "target_start", 0):].strip():
            s = len(doc.text)
            f = r.finding("the translation is empty", s, s)
            f.source = bi.source_ref(0, len(bi.source_text.rstrip()))
            f.data = {"segment": None, "confidence": 1.0}
            yield f
        return
    for pair in pairs:
        if pair.raw_source.strip() and not pair.target.strip():
            state = f" (state {pair.seg.state})" if pair.seg.state else ""
            s = pair.seg.target_start
            f = r.finding(f"the unit has no translation{state}", s, s)
            yield _with_source(f, pair, state=pair.seg.state)


#: a translation shorter than this share of the length its source predicts may omit part of
#: it (English runs about align.RATIO characters per Han character; the sentences of 15 Han
#: characters or more of the professional pairs in the shared corpus stay above 0.85, the
#: correct units of bench/bilingual_units.py of 20 or more above 0.74; a unit that drops one
#: of two clauses there runs 0.43-1.2, median 0.82: length alone finds the worst of them)
OMISSION_RATIO = 0.6
#: sources shorter than this many Han characters are not judged by length
OMISSION_MIN_HAN = 20


@rule(
    "PT708",
    "possible-omission",
    family=F,
    severity=Severity.WARNING,
    examples=[
        Example("检察机关依法履职，严厉打击各类刑事犯罪，切实维护社会稳定和人民群众合法权益，为经济社会发展提供有力司法保障。"
                "\n=>\nProcuratorial organs perform their duties.",
                "检察机关依法履职，严厉打击各类刑事犯罪，切实维护社会稳定和人民群众合法权益，为经济社会发展提供有力司法保障。"
                "\n=>\nProcuratorial organs perform their duties in accordance with the law, crack down on all kinds "
                "of crime, safeguard social stability and the lawful rights and interests of the people, and "
                "provide a strong judicial guarantee for economic and social development.", kind=PAIR),
        Example("第一条 为了规范人民检察院的设置，制定本法。\n第二条 人民检察院是国家的法律监督机关。\n=>\n"
                "Article 1 This Law is enacted to regulate the establishment of the people's procuratorates.",
                "第一条 为了规范人民检察院的设置，制定本法。\n第二条 人民检察院是国家的法律监督机关。\n=>\n"
                "Article 1 This Law is enacted to regulate the establishment of the people's procuratorates.\n\n"
                "Article 2 The people's procuratorates are the State's organs for legal supervision.", kind=PAIR),
    ],
)
def possible_omission(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Part of the source may be missing from the translation.

    ## What it does
    Reports, for a file pair, source sentences that the alignment pairs with no English (a
    run of them once; a run at the end says where the translation stops), and for any
    segment a translation much shorter than its source predicts: under
    :data:`OMISSION_RATIO` of the expected length (English runs about 4 characters per Han
    character; the professional pairs of the corpus stay above 0.85), for sources of
    :data:`OMISSION_MIN_HAN` Han characters or more. Page furniture and datelines of the
    source (首页>要闻, 新华社北京10月26日电) are left out on purpose and not reported. Muted where
    the alignment is not confident.

    ## Why it matters
    Engines drop clauses of long Chinese sentences, and a translator can skip a paragraph;
    nothing in the English shows it.

    ## Example
    ```
    检察机关依法履职，严厉打击各类刑事犯罪，切实维护社会稳定和人民群众合法权益，为经济社会发展提供有力司法保障。
    =>
    Procuratorial organs perform their duties.
    ```

    ## Use instead
    ```
    检察机关依法履职，严厉打击各类刑事犯罪，切实维护社会稳定和人民群众合法权益，为经济社会发展提供有力司法保障。
    =>
    Procuratorial organs perform their duties in accordance with the law, crack down on all kinds of crime, safeguard social stability and the lawful rights and interests of the people, and provide a strong judicial guarantee for economic and social development.
    ```

    ## Fix safety
    No fix: the missing part needs translating.
    """
    from ..bilingual.align import en_length, zh_furniture, zh_length

    r = possible_omission.rule  # type: ignore[attr-defined]
    pairs = _pairs(doc, ctx)
    bi = doc.bilingual
    if bi is not None and hasattr(bi, "ensure") and not doc.text[getattr(bi, "target_start", 0):].strip():
        return  # no English at all: PT707
    run: list["Pair"] = []

    def flush(last: bool) -> Iterator[Finding]:
        if not run:
            return
        han = sum(p.han for p in run)
        if han >= 6:
            first, end = run[0], run[-1]
            at = first.seg.target_start
            n = len(run)
            what = f"{n} source sentence{'s' if n > 1 else ''}"
            if last:
                msg = f"the translation ends before the source: {what} after it have no translation"
            else:
                msg = f"{what} of the source have no translation here: '{_short(first.raw_source, 40)}'"
            f = r.finding(msg, at, at)
            f.source = first.an.bi.source_ref(first.seg.source_start, end.seg.source_end)
            f.data = {"segment": first.seg.id, "confidence": round(min(p.seg.confidence for p in run), 3),
                      "sentences": n}
            yield f
        run.clear()

    for pair in pairs:
        bead = pair.seg.notes.get("bead") if pair.seg.notes else None
        if bead and not pair.target.strip() and pair.raw_source.strip():
            if pair.confident and not zh_furniture(pair.raw_source):
                run.append(pair)
            continue
        yield from flush(False)
        if not pair.confident or not pair.aligned or pair.han < OMISSION_MIN_HAN:
            continue
        expected = zh_length(pair.raw_source)
        ratio = en_length(pair.target_source) / expected if expected else 1.0
        if ratio < OMISSION_RATIO:
            s, e = _target_span(pair)
            f = r.finding(f"the translation is {ratio:.0%} of the length its source predicts: part of the source "
                          "may be missing", s, e)
            yield _with_source(f, pair, ratio=round(ratio, 3))
    yield from flush(True)


@rule(
    "PT709",
    "inconsistent-translation",
    family=F,
    severity=Severity.WARNING,
    examples=[
        Example("第一章 总则\n\n第一章 总则\n=>\nChapter I General Provisions\n\nChapter 1 General Rules",
                "第一章 总则\n\n第一章 总则\n=>\nChapter I General Provisions\n\nChapter I General Provisions",
                kind=PAIR),
    ],
)
def inconsistent_translation(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The same source is translated two ways in one file.

    ## What it does
    Groups the segments by their source (white space aside, simplified characters) and
    reports each segment whose translation differs from the first translation of the same
    source (case, white space and final punctuation aside). Sources of fewer than four Han
    characters are left out, and so are translations still in Chinese (PT705 and PT706
    report them). Muted where the alignment is not confident.

    ## Why it matters
    A repeated heading, clause or slogan translated differently looks like two different
    things, and one of the two is usually the older, uncorrected translation.

    ## Example
    ```
    第一章 总则

    第一章 总则
    =>
    Chapter I General Provisions

    Chapter 1 General Rules
    ```

    ## Use instead
    ```
    (the same translation for both: Chapter I General Provisions)
    ```

    ## Fix safety
    No fix: which translation is right is the translator's choice.
    """
    r = inconsistent_translation.rule  # type: ignore[attr-defined]
    seen: dict[str, tuple[str, "Pair"]] = {}  # the first translation of each source, and its pair
    for pair in _pairs(doc, ctx):
        if not pair.confident or not pair.aligned or pair.han < 4 or _han_share(pair.target) > 0.5:
            continue  # a translation left in Chinese is PT705's or PT706's, not a second translation
        key = "".join(pair.source.split())
        target = _target_key(pair.target_source)
        got = seen.get(key)
        if got is None:
            seen[key] = (target, pair)
            continue
        if got[0] != target:
            first = got[1]  # its text and line are read only here, for the message
            s, e = _target_span(pair)
            f = r.finding(f"the same source is translated '{_short(first.target_source.strip(), 50)}' on line "
                          f"{doc.position(first.seg.target_start).line}", s, e)
            yield _with_source(f, pair)


def _target_key(s: str) -> str:
    return " ".join(s.lower().split()).rstrip(".。!?;:,")


# -- punctuation and quotes ----------------------------------------------------------------------------------
@rule(
    "PT711",
    "end-punctuation-mismatch",
    family=F,
    severity=Severity.INFO,
    examples=[
        Example("你们如何保护未成年人？\n=>\nHow do you protect minors.",
                "你们如何保护未成年人？\n=>\nHow do you protect minors?", kind=PAIR),
        Example("检察机关将继续加强未成年人司法保护工作。\n=>\nThe procuratorial organs will continue to strengthen the "
                "judicial protection of minors",
                "检察机关将继续加强未成年人司法保护工作。\n=>\nThe procuratorial organs will continue to strengthen the "
                "judicial protection of minors.", kind=PAIR),
    ],
)
def end_punctuation_mismatch(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A segment's translation ends differently from its source: a question, or no full stop.

    ## What it does
    Compares the last mark of a source segment and of its translation, closing quotes and
    brackets aside, by what they do: 。 and . end a statement (so do ！ and !, … and ... , ：
    and :), ？ and ? a question. Reported: a source question whose translation does not end
    with a question mark, a translation ending with one whose source is no question, and a
    source sentence ending with 。 whose translation of six words or more ends with no mark
    at all. Segments ending with ； or ， and headings (no final mark) are left alone. Muted
    where the alignment is not confident.

    ## Why it matters
    A dropped question mark changes what the sentence asks; a translation that stops
    without its full stop was often cut off.

    ## Example
    ```
    你们如何保护未成年人？
    =>
    How do you protect minors.
    ```

    ## Use instead
    ```
    你们如何保护未成年人？
    =>
    How do you protect minors?
    ```

    ## Fix safety
    No fix: the translation may have been restructured on purpose.
    """
    from ..bilingual.compare import QUESTION, final_mark

    r = end_punctuation_mismatch.rule  # type: ignore[attr-defined]
    for pair in _pairs(doc, ctx):
        if not pair.confident or not pair.aligned or pair.seg.notes.get("bead", "1:1") != "1:1":
            continue
        zm, em = final_mark(pair.raw_source), final_mark(pair.target_source)
        s, e = _target_span(pair)
        if zm in QUESTION and em not in QUESTION:
            f = r.finding("the source asks a question: the translation does not end with '?'", max(s, e - 1), e)
        elif em in QUESTION and zm not in QUESTION and not pair.raw_source.rstrip(CLOSE).endswith(("吗", "呢")):
            f = r.finding("the translation ends with '?': its source is no question", e - 1, e)
        elif zm in "。." and em and (em.isalnum() or em == ",") and len(pair.target.split()) >= 6:
            f = r.finding("the source ends its sentence: the translation has no final punctuation", max(s, e - 1), e)
        else:
            continue
        yield _with_source(f, pair)


CLOSE = "”’」』）)》〉】\"'] \t"

_QUOTED = rx.compile(r"“([^“”。！？]{2,30})”|「([^「」。！？]{2,30})」")
_TITLED = rx.compile(r"《([^《》]{2,40})》")
_EN_QUOTES = rx.compile(r"[\"“”«»]|(?<![\p{L}])'|(?<![\p{L}])‘|’(?![\p{L}])|(?<![\w*])[*_][^*_\n]+[*_](?![\w*])")
_CAPITALISED = rx.compile(r"\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:of|the|and|for|on|in|to|at)\s+)*\p{Lu}[\p{L}'’-]*)+")


@rule(
    "PT712",
    "quotation-marks-dropped",
    family=F,
    severity=Severity.INFO,
    examples=[
        Example("他强调要落实“四个最严”要求。\n=>\nHe stressed the need to implement the requirements of four strictest.",
                "他强调要落实“四个最严”要求。\n=>\nHe stressed the need to implement the \"four strictest\" requirements.",
                kind=PAIR),
    ],
)
def quotation_marks_dropped(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A quotation or title of the source has no quotation marks, italics or capitals in its translation.

    ## What it does
    Reports a segment whose source quotes a phrase (“四个最严”, 「…」) or names a title
    (《检察日报》) while its translation has no quotation marks of any kind (straight or curly,
    double or single), no italics (Markdown ``*…*`` or ``_…_``) and no capitalised name of two
    words or more: “” may stay quotes, and 《》 become quotes, italics or a capitalised
    title, so a correct translation raises nothing. Muted where the alignment is not
    confident.

    ## Why it matters
    The quotation marks of a slogan or campaign name tell the reader that the words are a
    name; without them "the requirements of four strictest" reads as broken English.

    ## Example
    ```
    他强调要落实“四个最严”要求。
    =>
    He stressed the need to implement the requirements of four strictest.
    ```

    ## Use instead
    ```
    他强调要落实“四个最严”要求。
    =>
    He stressed the need to implement the "four strictest" requirements.
    ```

    ## Fix safety
    No fix: where the marks go is for the translator.
    """
    r = quotation_marks_dropped.rule  # type: ignore[attr-defined]
    for pair in _pairs(doc, ctx):
        if not pair.confident or not pair.aligned:
            continue
        src = pair.raw_source
        # every match of _QUOTED has “ or 「, every match of _TITLED has 《
        m = (_QUOTED.search(src) if "“" in src or "「" in src else None) or (
            _TITLED.search(src) if "《" in src else None)
        if m is None:
            continue
        t = pair.target_source
        if _EN_QUOTES.search(t):
            continue
        caps = [c for c in _CAPITALISED.finditer(t) if c.start() > 0 or len(c.group(0).split()) > 1]
        if caps:
            continue
        s, e = _target_span(pair)
        f = r.finding(f"the source quotes {m.group(0)}: the translation has no quotation marks or italics for it", s, e)
        yield _with_source(f, pair, m.start(), m.end())
