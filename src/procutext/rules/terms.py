"""Terminology: wrong and non-preferred renderings of procuratorial, court and political-legal
terms, from the glossary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .. import rx

from ..analysis import folded as folded_text, institutions
from ..glossary import Condition, Entry, Rendering
from ..model import Applicability, Finding, Severity
from ..registry import Example, rule

if TYPE_CHECKING:
    from ..context import Context
    from ..glossary.matcher import Match
    from ..model import Document

WORD = rx.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")
WINDOW = 8
_POSSESSIVE = ("'s", "’s", "'", "’")


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def _window_has(window: list[str], cond: Condition) -> bool:
    """Whether one of ``cond``'s phrases occurs in ``window``: one pass over the window,
    comparing only the phrases that start with the word at each position."""
    by_first = cond.by_first
    for i, w in enumerate(window):
        cands = by_first.get(w)
        if cands is not None:
            for p in cands:
                if len(p) == 1 or tuple(window[i:i + len(p)]) == p:
                    return True
    return False


def _context_holds(context: tuple[Condition, ...], doc: "Document", start: int, end: int) -> bool:
    """Whether all of a wrong rendering's context conditions hold around text[start:end].

    ``doc`` and ``not-doc`` ask what the text is about at the match (its line, else its
    paragraph, else the document: see procutext.analysis.institutions). The word windows
    before and after the match are read once, and only when a condition needs them."""
    before: list[str] | None = None
    after: list[str] = []
    for cond in context:
        if cond.kind in ("doc", "not-doc"):
            about = institutions(doc).at(start, end)
            if about.isdisjoint(cond.values) == (cond.kind == "doc"):
                return False
            continue
        if before is None:  # the words around the match, within its paragraph
            text = doc.text
            lo = max(0, start - 160)
            cut = text.rfind("\n\n", lo, start)
            before = _words(text[cut + 2 if cut != -1 else lo:start])
            hi = min(len(text), end + 160)
            cut = text.find("\n\n", end, hi)
            after = _words(text[end:cut if cut != -1 else hi])
        if cond.kind in ("near", "not-near"):
            window = before[-WINDOW - 3:] + ["\0"] + after[:WINDOW + 3]
            hit = _window_has(window, cond)
            if hit != (cond.kind == "near"):
                return False
        elif cond.kind == "not-before":  # the match is not followed by these
            ps = cond.phrase_set
            if any(tuple(after[:k]) in ps for k in cond.lengths if k <= len(after)):
                return False
        elif cond.kind == "not-after":  # the match is not preceded by these
            ps = cond.phrase_set
            if before and any(tuple(before[len(before) - k:]) in ps for k in cond.lengths if k <= len(before)):
                return False
    return True


_SMALL = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


def _cased(replacement: str, matched: str, entry: Entry) -> str:
    """The replacement in the case of the matched text: ALL CAPS, Title Case (a heading or
    a name written in capitals) or a capital first letter (sentence start). Proper names
    keep the glossary's own case."""
    if not replacement:
        return replacement
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if entry.case == "proper":
        return replacement
    words = matched.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words if w.lower() not in _SMALL):
        return " ".join(w if (i and w in _SMALL) or not w[:1].islower() else w[0].upper() + w[1:]
                        for i, w in enumerate(replacement.split()))
    if matched[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


@rule(
    "PT401",
    "wrong-rendering",
    family="terms",
    fix=Applicability.SAFE,
    examples=[
        Example(
            "The county procuratorate filed a charity litigation case.",
            "The county procuratorate filed a public interest litigation case.",
            "The county procuratorate filed a public interest litigation case.",
        ),
        Example(  # the context makes it wrong here, but the replacement is not certain
            "The procuratorate will listen to the opinions of the superior court.",
            "The procuratorate appealed, and the Wuhu Intermediate People's Court heard the case.",
            "The procuratorate will listen to the opinions of the superior court.",
        ),
    ],
)
def wrong_rendering(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A known mistranslation of a procuratorial term.

    ## What it does
    Finds the wrong renderings listed in the glossary ("charity litigation" for 公益诉讼,
    "superior court" for 上级院, "hospital leaders" for 院领导, "police officers" for 干警)
    and names the approved rendering and its source term. Where a wrong rendering can be
    right in another sense (a real court, real police), the entry's context decides, for each
    match: the text there must be about the right institution (a procuratorate, a court: what
    the match's line, else its paragraph, else the document names), and the words around the
    match must fit. An entry for a court (本院 of a court: "our hospital" → "our court") is
    only wrong where the text is about a court, and suggests the court's English.
    Where wrong renderings of several entries overlap ("The hospital leaders": "the
    hospital" for 本院, "hospital leaders" for 院领导), the longest one whose context holds
    wins, then the leftmost; one ruled out by its context also rules out the shorter
    renderings inside it ("court" inside a real "Superior Court"). A wrong rendering
    inside a longer approved one (or a non-preferred variant) written out in the text,
    plural and possessive forms included, is not reported ("Two Establishment" inside "Two
    Establishments", "police officers" inside "judicial police officers"). Non-preferred
    variants are never reported here (see PT402).

    The finding's ``data`` is the entry: ``zh``, ``en`` (the approved renderings, preferred
    first), ``wrong`` (the glossary's wrong rendering that matched), ``source`` (of the
    approved renderings), ``domain``, ``variant``, ``institution`` and ``origin`` (the
    glossary file and line that lists
    the wrong rendering).

    ## Why it matters
    Machine translation reads 院 as "hospital" or "court" and 检察 as "inspection"; a
    reader of the English then meets hospitals and courts that do not exist. The shipped
    glossary cites the official English for each term.

    ## Example
    ```
    The county procuratorate filed a charity litigation case.
    ```

    ## Use instead
    ```
    The county procuratorate filed a public interest litigation case.
    ```

    ## Fix safety
    Safe only where the replacement is certain: the entry has no context condition, the
    match carries no inflection, and the replacement is not itself a wrong rendering the
    glossary always reports (two glossaries that contradict each other get no fix).
    Otherwise the approved renderings are given as suggestions.
    """
    r = wrong_rendering.rule  # type: ignore[attr-defined]
    glossary = ctx.get_glossary()
    matcher = glossary.matcher
    if not len(matcher):
        return
    text = doc.text
    folded = folded_text(doc)
    cover = glossary.approved_cover(folded)

    def accept(m: "Match[Rendering]") -> bool:
        rendering = m.value
        if cover.longer(m.start, m.end):
            return False  # inside an approved rendering ("Two Establishments")
        suffix = text[m.end:m.full_end]
        if suffix and suffix not in _POSSESSIVE and (rendering.context or " " not in m.key):
            # A plural of an ambiguous rendering ("the courts", "hospitals") is the real
            # thing far more often than MT's singular 院; only unambiguous ones inflect.
            return False
        return _context_holds(rendering.context, doc, m.start, m.full_end)

    seen: set[tuple[int, int]] = set()
    for m in matcher.finditer(text, folded, accept=accept):
        rendering = m.value
        if (m.start, m.full_end) in seen:
            continue  # a rendering listed by several entries: the first that applies
        seen.add((m.start, m.full_end))
        entry = rendering.entry
        matched = doc.source[m.start:m.full_end]
        preferred = entry.preferred
        message = f"{matched!r} mistranslates {entry.zh}; use {preferred!r}"
        suggestions = tuple(_cased(x, matched, entry) for x in entry.en)
        data = entry.data(wrong=rendering.text, origin=rendering.origin)
        if (not rendering.context and m.full_end == m.end and preferred
                and not glossary.always_flags(preferred)):
            yield r.finding(message, m.start, m.full_end, _cased(preferred, matched, entry),
                            suggestions=suggestions, data=data)
        else:
            yield r.finding(message, m.start, m.full_end, suggestions=suggestions, data=data)


@rule(
    "PT402",
    "non-preferred-rendering",
    family="terms",
    severity=Severity.INFO,
    default_enabled=False,
    examples=[
        Example(
            "The chief prosecutor of the county procuratorate spoke.",
            "The chief procurator of the county procuratorate spoke.",
        ),
    ],
)
def non_preferred_rendering(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A rendering in professional use that the glossary does not prefer (opt-in).

    ## What it does
    Finds the non-preferred variants of the glossary's terms (the ``variant`` column:
    "chief prosecutor" for 检察长, "job-related crime" for 职务犯罪) and names the preferred
    rendering, as information. Off by default: select it (``--extend-select PT402``) to
    make a text follow one house style.

    The finding's ``data`` is the entry, as for PT401, with ``wrong`` None.

    ## Why it matters
    Professional English varies for many of these terms: Xinhua, China Daily and the SPP's own
    English site each write some of them their own way, and none of these forms is a
    mistranslation. A publication that wants one form per term can still find the others.

    ## Example
    ```
    The chief prosecutor of the county procuratorate spoke.
    ```

    ## Use instead
    ```
    The chief procurator of the county procuratorate spoke.
    ```

    ## Fix safety
    No fix: the variant is correct English, and which form a publication prefers is its
    choice. The approved renderings are given as suggestions.
    """
    r = non_preferred_rendering.rule  # type: ignore[attr-defined]
    glossary = ctx.get_glossary()
    matcher = glossary.variant_matcher
    if not len(matcher):
        return
    text = doc.text
    folded = folded_text(doc)
    cover = glossary.approved_cover(folded)
    seen: set[tuple[int, int]] = set()
    for m in matcher.finditer(text, folded, accept=lambda m: not cover.longer(m.start, m.end)):
        if (m.start, m.full_end) in seen:
            continue
        seen.add((m.start, m.full_end))
        entry = m.value
        if entry.institution and entry.institution not in institutions(doc).at(m.start, m.full_end):
            continue
        matched = doc.source[m.start:m.full_end]
        yield r.finding(f"{matched!r} is a non-preferred rendering of {entry.zh}; the glossary prefers "
                        f"{entry.preferred!r}", m.start, m.full_end,
                        suggestions=tuple(_cased(x, matched, entry) for x in entry.en),
                        data=entry.data())
