"""Chinese left in English text."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Iterator

import regex

from ..analysis import line_classes
from ..model import Finding, Severity
from ..registry import Example, rule
from .lists import ENUMERATION

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document

# a Han run may contain Chinese punctuation and middle dots between its characters
RUN = regex.compile(r"\p{Han}(?:[\p{Han}·・，、：；（）“”]*\p{Han})?")
GLOSS_PAIRS = {"(": ")", "“": "”", '"': '"', "‘": "’", "'": "'", "[": "]"}


def _is_gloss(text: str, s: int, e: int) -> bool:
    """A Han run that is the whole content of a bracketed or quoted gloss: "(枫桥经验)"."""
    if s == 0 or e >= len(text):
        return False
    opener, closer = text[s - 1], text[e]
    return GLOSS_PAIRS.get(opener) == closer


def _describe(run: str) -> str:
    if len(run) <= 4:
        return ", ".join(f"{c} U+{ord(c):04X}" for c in run if regex.match(r"\p{Han}", c))
    return f"{sum(1 for c in run if unicodedata.category(c) == 'Lo')} Han characters"


@rule(
    "PT501",
    "leftover-han",
    family="leftovers",
    severity=Severity.ERROR,
    examples=[
        Example(
            "built a brand matrix for the Bay 沚 inspection",
            "built a brand matrix for Wanzhi procuratorial work",
        ),
        Example(
            "the Fengqiao Experience 枫桥经验 was promoted",
            "the Fengqiao Experience (枫桥经验) was promoted",
        ),
        Example(  # a glossary term, here in traditional characters: its renderings are suggested
            "The 檢察長 of the county procuratorate spoke.",
            "The chief procurator of the county procuratorate spoke.",
        ),
    ],
)
def leftover_han(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Chinese characters left untranslated in English text.

    ## What it does
    Reports runs of Han characters inside English text and names them. A run that is the
    whole content of a gloss in brackets or quotes ("the Fengqiao Experience (枫桥经验)",
    “刑法库”) is accepted, and so are whole Chinese lines of a bilingual document (lines of
    at least 12 Han characters that outnumber the Latin letters).

    ## Why it matters
    MT engines leave characters they cannot translate, typically the rare character of a
    place name ("Bay 沚" for 湾沚) or page labels (发布日期). Readers of the English cannot
    read them, and they hide a mistranslation next to them.

    ## Example
    ```
    built a brand matrix for the Bay 沚 inspection
    ```

    ## Use instead
    ```
    built a brand matrix for Wanzhi procuratorial work
    ```

    ## Fix safety
    No fix: the characters need a translation, which this rule cannot choose. When the run
    is a glossary term (in simplified or traditional characters), its approved renderings
    are given as suggestions, and the finding's ``data`` is the entry (the keys of PT401's,
    with ``wrong`` None).
    """
    r = leftover_han.rule  # type: ignore[attr-defined]
    text = doc.text
    classes = line_classes(doc, ctx)
    if not classes.han_lines:
        return
    for m in RUN.finditer(text):
        s, e = m.start(), m.end()
        if classes.is_chinese(s) or _is_gloss(text, s, e):
            continue
        if ENUMERATION.fullmatch(m.group()):
            continue  # PT111 reports it
        run = m.group()
        entry = _term(run, ctx)
        if entry is not None:
            yield r.finding(f"untranslated Chinese in English text: {run} ({_describe(run)}), the term "
                            f"{entry.zh}: {entry.preferred!r}", s, e, suggestions=entry.en, data=entry.data())
        else:
            yield r.finding(f"untranslated Chinese in English text: {run} ({_describe(run)})", s, e)


def _term(run: str, ctx: "Context"):  # type: ignore[no-untyped-def]
    """The glossary entry for a leftover run, simplified or traditional (檢察長 → 检察长)."""
    glossary = ctx.get_glossary()
    if run in glossary:
        return glossary[run]
    from ..glossary import to_simplified

    simplified = to_simplified(run)
    return glossary[simplified] if simplified != run and simplified in glossary else None
