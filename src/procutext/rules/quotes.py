"""Quotation marks: padding, gluing, run-together quotations, balance and style."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

import regex

from ..analysis import line_classes, paragraphs
from ..model import Applicability, Finding, Severity
from ..registry import Example, rule

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document

QUOTE = regex.compile(r"[\"“”]")
OPEN_CURLY, CLOSE_CURLY, STRAIGHT = "“", "”", '"'
# characters that may touch a quotation mark from the outside without a space
WORDISH = regex.compile(r"[\p{L}\p{N}]")
HAN = regex.compile(r"\p{Han}")
HSPACE = " \t\u00a0"
# In a paragraph with an odd number of straight quotes, pairing in order fails; a mark
# glued to the word before it and padded inside, with a padded partner followed by a
# boundary, is still a quotation: `suspect" Xiao Liang ", they`.
FLIPPED = regex.compile(r'(?<=[\p{L}\p{N}:,;])"[ \t]+[^"\s][^"\n]{0,150}?[ \t]+"(?=[\s,.;:!?)]|$)')


@dataclass(frozen=True, slots=True)
class Quotation:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark
    straight: bool


@dataclass(frozen=True, slots=True)
class QuoteScan:
    pairs: tuple[Quotation, ...]
    unmatched: tuple[int, ...]  # curly marks without a partner
    odd_straight: tuple[tuple[int, int], ...]  # (first mark offset, count) of odd paragraphs
    openers: frozenset[int]  # every mark known to open a quotation
    closers: frozenset[int]


def _scan(doc: "Document") -> QuoteScan:
    text = doc.text
    paras = paragraphs(doc)
    para_starts = [p[0] for p in paras]
    groups: dict[int, list[int]] = {}
    for m in QUOTE.finditer(text):
        pi = bisect.bisect_right(para_starts, m.start()) - 1
        groups.setdefault(pi, []).append(m.start())
    pairs: list[Quotation] = []
    unmatched: list[int] = []
    odd: list[tuple[int, int]] = []
    for positions in groups.values():
        stack: list[int] = []
        straight = [p for p in positions if text[p] == STRAIGHT]
        for p in positions:
            ch = text[p]
            if ch == OPEN_CURLY:
                stack.append(p)
            elif ch == CLOSE_CURLY:
                if stack:
                    pairs.append(Quotation(stack.pop(), p, False))
                else:
                    unmatched.append(p)
        unmatched.extend(stack)
        if straight:
            if len(straight) % 2:
                odd.append((straight[0], len(straight)))
                for m in FLIPPED.finditer(text, positions[0], positions[-1] + 1):
                    pairs.append(Quotation(m.start(), m.end() - 1, True))
            else:
                for a, b in zip(straight[::2], straight[1::2]):
                    pairs.append(Quotation(a, b, True))
    pairs.sort(key=lambda q: q.open)
    return QuoteScan(
        tuple(pairs),
        tuple(sorted(unmatched)),
        tuple(odd),
        frozenset(q.open for q in pairs),
        frozenset(q.close for q in pairs),
    )


def quote_scan(doc: "Document") -> QuoteScan:
    return doc.cached("quotes", _scan)


def _in_chinese(doc: "Document", ctx: "Context", offset: int) -> bool:
    return line_classes(doc, ctx).is_chinese(offset)


WORD_BEFORE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}',.-]{0,30}$")
WORD_AFTER = regex.compile(r"[\p{L}\p{N}]{1,30}")


def _word_before(text: str, i: int) -> str:
    m = WORD_BEFORE.search(text, max(0, i - 31), i)
    return m.group() if m else text[i - 1]


def _word_after(text: str, i: int) -> str:
    m = WORD_AFTER.match(text, i)
    return m.group() if m else text[i]


def _han_side(text: str, i: int) -> bool:
    return 0 <= i < len(text) and bool(HAN.match(text[i]))


@rule(
    "PT101",
    "padded-quote",
    family="typography",
    fix=Applicability.SAFE,
    examples=[
        Example(
            "since this year “ Dandelion ” was launched",
            "since this year “Dandelion” was launched",
            "since this year “Dandelion” was launched",
        ),
        Example(
            'the " one-stop " centre opened',
            'the "one-stop" centre opened',
            'the "one-stop" centre opened',
        ),
        Example(  # odd number of straight quotes: the flipped, padded pair is still found
            'the story of a suspect" Xiao Liang ", told in "one act',
            'the story of a suspect "Xiao Liang", told in one act',
            'the story of a suspect"Xiao Liang", told in "one act',
        ),
    ],
)
def padded_quote(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Spaces just inside quotation marks.

    ## What it does
    Finds a space after an opening quotation mark or before a closing one, with curly
    (“ ”) and with straight (") marks. Straight marks are paired in order within a
    paragraph when it has an even number of them; otherwise only a mark glued to the word
    before it and padded inside, with a padded partner (`suspect" Xiao Liang ",`), is
    taken as a quotation.

    ## Why it matters
    Machine translation of Chinese pages pads the full-width quotes of the source with
    spaces: `since this year“ Dandelion ”`. In English the marks hug the quoted words.

    ## Example
    ```
    the “ Dandelion ” studio
    ```

    ## Use instead
    ```
    the “Dandelion” studio
    ```

    ## Fix safety
    Safe: only the spaces inside the marks are removed.
    """
    text = doc.text
    r = padded_quote.rule  # type: ignore[attr-defined]
    for q in quote_scan(doc).pairs:
        if _in_chinese(doc, ctx, q.open):
            continue
        a = q.open + 1
        while a < q.close and text[a] in HSPACE:
            a += 1
        b = q.close
        while b > a and text[b - 1] in HSPACE:
            b -= 1
        if a == q.open + 1 and b == q.close:
            continue
        if a >= q.close:  # an empty quotation: leave it to other checks
            continue
        inner = doc.source[a:b]
        if "\n" in inner:
            continue
        sides = []
        if a > q.open + 1:
            sides.append("after the opening mark")
        if b < q.close:
            sides.append("before the closing mark")
        yield r.finding(
            f"space {' and '.join(sides)}: {text[q.open]}{inner}{text[q.close]}",
            q.open,
            q.close + 1,
            inner,
            edit_start=q.open + 1,
            edit_end=q.close,
        )


@rule(
    "PT102",
    "glued-quote",
    family="typography",
    fix=Applicability.SAFE,
    examples=[
        Example(
            "since this year“Dandelion”We analysed it",
            "since this year “Dandelion” we analysed it",
            "since this year “Dandelion” We analysed it",
        ),
        Example('more than 1,600"one-stop" areas', 'more than 1,600 "one-stop" areas',
                'more than 1,600 "one-stop" areas'),
    ],
)
def glued_quote(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A quotation mark stuck to the word outside it.

    ## What it does
    Finds an opening mark with a letter or digit right before it (`year“`) and a
    closing mark with a letter or digit right after it (`”We`). Marks between Chinese
    characters are left alone.

    ## Why it matters
    Segment joins in machine translation drop the space around quotations, which makes
    words run together and hides where the quotation starts or ends.

    ## Example
    ```
    since this year“Dandelion”We analysed
    ```

    ## Use instead
    ```
    since this year “Dandelion” we analysed
    ```

    ## Fix safety
    Safe: one space is inserted outside the mark; nothing else changes.
    """
    text = doc.text
    r = glued_quote.rule  # type: ignore[attr-defined]
    scan = quote_scan(doc)
    for q in scan.pairs:
        if _in_chinese(doc, ctx, q.open):
            continue
        o, c = q.open, q.close
        if o > 0 and WORDISH.match(text[o - 1]) and not _han_side(text, o - 1):
            yield r.finding(
                f"no space between {_word_before(text, o)!r} and the opening quotation mark {text[o]}",
                o - 1,
                o + 1,
                " ",
                edit_start=o,
                edit_end=o,
            )
        n = c + 1
        if n < len(text) and WORDISH.match(text[n]) and not _han_side(text, n):
            yield r.finding(
                f"no space between the closing quotation mark {text[c]} and {_word_after(text, n)!r}",
                c,
                n + 1,
                " ",
                edit_start=n,
                edit_end=n,
            )


@rule(
    "PT103",
    "adjacent-quotations",
    family="typography",
    fix=Applicability.SAFE,
    examples=[
        Example(
            "brands such as “Dandelion”“Green Bay” were built",
            "brands such as “Dandelion”, “Green Bay” were built",
            "brands such as “Dandelion”, “Green Bay” were built",
        ),
    ],
)
def adjacent_quotations(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Two quotations with nothing between them.

    ## What it does
    Finds a closing quotation mark followed directly, or only by spaces, by the opening
    mark of the next quotation (`”“`, `” “`).

    ## Why it matters
    Chinese lists quoted names back to back (“蒲公英”“检护民企”); translated literally
    they read as one garbled quotation. English separates list items with commas.

    ## Example
    ```
    brands such as “Dandelion”“Green Bay”
    ```

    ## Use instead
    ```
    brands such as “Dandelion”, “Green Bay”
    ```

    ## Fix safety
    Safe when the marks touch: a comma and a space go between them. Unsafe when they are
    separated by a space, since the space may mean the second quotation starts a new
    phrase.
    """
    text = doc.text
    r = adjacent_quotations.rule  # type: ignore[attr-defined]
    scan = quote_scan(doc)
    for c in sorted(scan.closers):
        j = c + 1
        while j < len(text) and text[j] in HSPACE:
            j += 1
        if j >= len(text) or j not in scan.openers:
            continue
        if _in_chinese(doc, ctx, c):
            continue
        touching = j == c + 1
        yield r.finding(
            "two quotations run together; separate them with a comma",
            c,
            j + 1,
            ", ",
            edit_start=c + 1,
            edit_end=j,
            applicability=Applicability.SAFE if touching else Applicability.UNSAFE,
        )


@rule(
    "PT104",
    "unbalanced-quote",
    family="typography",
    examples=[
        Example(
            "He called it “the brand of the Bay and left.",
            "He called it “the brand of the Bay” and left.",
        ),
        Example('The "Dandelion studio opened.', 'The "Dandelion" studio opened.'),
    ],
)
def unbalanced_quote(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A quotation mark without its partner in the same paragraph.

    ## What it does
    Reports a curly opening mark that is never closed, or a closing mark that was never
    opened, within a paragraph; and a paragraph with an odd number of straight double
    quotes.

    ## Why it matters
    Machine translation often drops or misplaces one mark of a pair, so a reader cannot
    tell what is quoted. The place of the missing mark needs a human decision.

    ## Example
    ```
    He called it “the brand of the Bay and left.
    ```

    ## Use instead
    ```
    He called it “the brand of the Bay” and left.
    ```

    ## Fix safety
    No fix: where the missing mark belongs cannot be known.
    """
    r = unbalanced_quote.rule  # type: ignore[attr-defined]
    text = doc.text
    scan = quote_scan(doc)
    for p in scan.unmatched:
        if _in_chinese(doc, ctx, p):
            continue
        kind = "opening" if text[p] == OPEN_CURLY else "closing"
        yield r.finding(f"{kind} quotation mark {text[p]} has no partner in this paragraph", p, p + 1)
    for p, count in scan.odd_straight:
        if _in_chinese(doc, ctx, p):
            continue
        yield r.finding(
            f'odd number ({count}) of straight double quotes (") in this paragraph: one is unmatched',
            p,
            p + 1,
        )


@rule(
    "PT105",
    "quote-style",
    family="typography",
    severity=Severity.INFO,
    fix=Applicability.SAFE,
    examples=[
        Example(
            'the "Dandelion" studio',
            "the “Dandelion” studio",
            "the “Dandelion” studio",
            options=(("quote_style", "curly"),),
        ),
        Example(
            "the “Dandelion” studio",
            'the "Dandelion" studio',
            'the "Dandelion" studio',
            options=(("quote_style", "straight"),),
        ),
    ],
)
def quote_style(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Double quotation marks that differ from the configured quote style.

    ## What it does
    With `quote-style = "curly"`, reports paired straight double quotes; with
    `quote-style = "straight"`, reports curly double quotes. With the default `keep`,
    reports nothing.

    ## Why it matters
    A publication uses one quote style. Translated pages mix the straight quotes of the
    MT engine with the curly quotes of the editors.

    ## Example
    ```
    the "Dandelion" studio      (with quote-style = "curly")
    ```

    ## Use instead
    ```
    the “Dandelion” studio
    ```

    ## Fix safety
    Safe: paired straight quotes become “ ” and curly quotes become ". Straight quotes in a
    paragraph with an odd number of them are left alone.
    """
    if ctx.quote_style == "keep":
        return
    r = quote_style.rule  # type: ignore[attr-defined]
    text = doc.text
    scan = quote_scan(doc)
    if ctx.quote_style == "curly":
        for q in scan.pairs:
            if not q.straight or _in_chinese(doc, ctx, q.open):
                continue
            for p, mark in ((q.open, OPEN_CURLY), (q.close, CLOSE_CURLY)):
                yield r.finding(f'straight quote; the configured style is curly ({mark})', p, p + 1, mark)
    else:
        for m in regex.finditer(r"[“”]", text):
            p = m.start()
            if _in_chinese(doc, ctx, p):
                continue
            yield r.finding(f'curly quote {text[p]}; the configured style is straight (")', p, p + 1, STRAIGHT)
