"""Quotation marks: padding, gluing, run-together quotations, balance and style."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from .. import rx
from ..analysis import line_classes, paragraphs
from ..model import Applicability, Finding, Severity
from ..registry import Example, rule

#: patterns of the functions below, compiled once (a call of regex.match(...) looks each up in
#: regex's cache at every call)
_CURLY_DOUBLE = rx.compile(r"[“”]")
_ALNUM_RUN = rx.compile(r"[\p{L}\p{N}]+")
_CLAUSE_END = rx.compile(r"[.!?;:]\s")

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document

QUOTE = rx.compile(r"[\"“”]")
OPEN_CURLY, CLOSE_CURLY, STRAIGHT = "“", "”", '"'
# characters that may touch a quotation mark from the outside without a space
WORDISH = rx.compile(r"[\p{L}\p{N}]")
HAN = rx.compile(r"\p{Han}")
HSPACE = " \t\u00a0"
# In a paragraph with an odd number of straight quotes, pairing in order fails; a mark
# glued to the word before it and padded inside, with a padded partner followed by a
# boundary, is still a quotation: `suspect" Xiao Liang ", they`.
FLIPPED = rx.compile(r'(?<=[\p{L}\p{N}:,;])"[ \t]+[^"\s][^"\n]{0,150}?[ \t]+"(?=[\s,.;:!?)]|$)')


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
    paragraph_ends: tuple[int, ...] = ()


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
        tuple(e for _, e in paras),
    )


def quote_scan(doc: "Document") -> QuoteScan:
    return doc.cached("quotes", _scan)


def _in_chinese(doc: "Document", ctx: "Context", offset: int) -> bool:
    return line_classes(doc, ctx).is_chinese(offset)


WORD_BEFORE = rx.compile(r"[\p{L}\p{N}][\p{L}\p{N}',.-]{0,30}$")
WORD_AFTER = rx.compile(r"[\p{L}\p{N}]{1,30}")


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
    quotes, at the mark that pairing by place (an opening mark at the start of a word, a
    closing one at its end) leaves alone (`unexpected popular". The "popular"`), else at the
    first.

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
    lone: list[int] | None = None
    for p, count in scan.odd_straight:
        if _in_chinese(doc, ctx, p):
            continue
        if lone is None:
            lone = [o for o in quote_pairs(doc).unmatched_double if text[o] == STRAIGHT]
        # the mark that pairing by place (opening at a word start, closing at a word end)
        # leaves alone, when there is one in this paragraph; else the first
        end = next((q for q in scan.paragraph_ends if q > p), len(text))
        at = next((o for o in lone if p <= o < end), p)
        yield r.finding(
            f'odd number ({count}) of straight double quotes (") in this paragraph: one is unmatched',
            at,
            at + 1,
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
        for m in _CURLY_DOUBLE.finditer(text):
            p = m.start()
            if _in_chinese(doc, ctx, p):
                continue
            yield r.finding(f'curly quote {text[p]}; the configured style is straight (")', p, p + 1, STRAIGHT)


# --------------------------------------------------------------------------- single quotes

ALL_QUOTES = rx.compile(r"[\"'“”‘’]")
#: words written with an apostrophe in front: rock 'n' roll, 'em, 'tis, 'twas, 'cause
ELISIONS = frozenset({"n", "em", "tis", "twas", "cause", "til", "till", "bout", "round", "til", "s"})
OPENING_CONTEXT = " \t\r\n([{—–-/"
SINGLE, DOUBLE = "single", "double"


@dataclass(frozen=True, slots=True)
class Mark:
    offset: int
    kind: str  # SINGLE or DOUBLE
    role: str  # "open", "close", "either" (a straight double glued or padded on both sides),
    #            "s-close" (after a word ending in s: a closing quote or a plural possessive)


def _role(text: str, p: int) -> Mark | None:
    """What the quotation mark at ``p`` is, or None for an apostrophe (don’t, people’s, ’90s,
    rock ’n’ roll)."""
    ch = text[p]
    prev = text[p - 1] if p > 0 else ""
    nxt = text[p + 1] if p + 1 < len(text) else ""
    kind = DOUBLE if ch in "\"“”" else SINGLE
    if ch in "“‘":
        if ch == "‘" and nxt.isdigit():
            return None  # ‘90s typed by a word processor
        return Mark(p, kind, "open")
    if ch == "”":
        return Mark(p, kind, "close")
    before_ok = not prev or prev in OPENING_CONTEXT or prev in "“‘\""
    after_word = bool(prev) and (prev.isalnum() or prev in ".,;:!?…)]")
    if ch == '"':
        if before_ok and nxt and not nxt.isspace():
            return Mark(p, kind, "open")
        if after_word and (not nxt or nxt.isspace() or nxt in ".,;:!?)]—–-'’"):
            return Mark(p, kind, "close")
        return Mark(p, kind, "either")
    # ' and ’
    if prev.isalnum() and nxt.isalnum():
        return None  # inside a word: don't, people's, o'clock, 5'10
    if before_ok and nxt.isalnum():
        word = _ALNUM_RUN.match(text, pos=p + 1)
        w = word.group().lower() if word else ""
        if w in ELISIONS or w[:1].isdigit():
            return None  # 'n', 'em, '90s
        if ch == "’":
            return None  # a right single mark before a word is an apostrophe, never an opener
        return Mark(p, kind, "open")
    if after_word and (not nxt or not nxt.isalnum()):
        if prev in "sS" and nxt not in "\"”":
            return Mark(p, kind, "s-close")
        if p >= 2 and prev in "nN" and text[p - 2] in "'’":
            return None  # rock 'n' roll
        return Mark(p, kind, "close")
    return None


@dataclass(frozen=True, slots=True)
class QuotePairs:
    pairs: tuple[tuple[Mark, Mark, int], ...]  # (opener, closer, depth of the opener)
    mismatched: tuple[tuple[Mark, Mark], ...]  # opened with one kind, closed with the other
    unclosed_single: tuple[Mark, ...]
    unopened_single: tuple[Mark, ...]
    unmatched_double: tuple[int, ...]  # offsets of double marks left without a partner


def _pair_all(doc: "Document") -> QuotePairs:
    """Single and double quotation marks paired per paragraph by their role, nested."""
    text = doc.text
    paras = paragraphs(doc)
    starts = [p[0] for p in paras]
    groups: dict[int, list[Mark]] = {}
    for m in ALL_QUOTES.finditer(text):
        mark = _role(text, m.start())
        if mark is not None:
            groups.setdefault(bisect.bisect_right(starts, m.start()) - 1, []).append(mark)
    pairs: list[tuple[Mark, Mark, int]] = []
    mismatched: list[tuple[Mark, Mark]] = []
    unclosed: list[Mark] = []
    unopened: list[Mark] = []
    lone_double: list[int] = []
    for marks in groups.values():
        stack: list[Mark] = []
        open_of = {SINGLE: 0, DOUBLE: 0}  # how many openers of each kind the stack holds

        def push(mk: Mark) -> None:
            stack.append(mk)
            open_of[mk.kind] += 1

        def pop() -> Mark:
            mk = stack.pop()
            open_of[mk.kind] -= 1
            return mk

        for mk in marks:
            role = mk.role
            if role == "either":
                role = "close" if open_of[mk.kind] else "open"
            if role == "s-close":
                if not (stack and stack[-1].kind == SINGLE):
                    continue  # a plural possessive: the judges' bench
                role = "close"
            if role == "open":
                push(mk)
                continue
            if stack and stack[-1].kind == mk.kind:
                opener = pop()
                pairs.append((opener, mk, len(stack)))
            elif stack and _close_by(text, stack[-1].offset, mk.offset):
                mismatched.append((pop(), mk))  # 'Code": a few words apart, one clause
            elif open_of[mk.kind]:
                while stack[-1].kind != mk.kind:  # the openers left inside are unclosed
                    inner = pop()
                    if inner.kind == SINGLE:
                        unclosed.append(inner)
                opener = pop()
                pairs.append((opener, mk, len(stack)))
            elif stack:
                mismatched.append((pop(), mk))
            elif mk.kind == SINGLE and mk.offset < len(text) and text[mk.offset] == "'":
                unopened.append(mk)  # a closing ’ alone is an apostrophe more often than not
            elif mk.kind == DOUBLE:
                lone_double.append(mk.offset)
        unclosed.extend(s for s in stack if s.kind == SINGLE)
        lone_double.extend(s.offset for s in stack if s.kind == DOUBLE)
    return QuotePairs(tuple(pairs), tuple(mismatched), tuple(sorted(unclosed, key=lambda m: m.offset)),
                      tuple(unopened), tuple(sorted(lone_double)))


MISMATCH_REACH = 40


def _close_by(text: str, a: int, b: int) -> bool:
    """Whether two marks are a few words apart in one clause: a closing mark of the other kind
    there ends the quotation the nearer mark opened (`'Code"`), not an outer one."""
    if b - a > MISMATCH_REACH:
        return False
    between = text[a + 1:b]
    return not _CLAUSE_END.search(between) and "\n" not in between


def quote_pairs(doc: "Document") -> QuotePairs:
    return doc.cached("quote_pairs", _pair_all)


HEADLINE_WORDS = 16
NONSPACE = rx.compile(r"\S+")


def _headline(doc: "Document", offset: int) -> bool:
    """Whether the line at ``offset`` is shaped like a headline (which quotes in single marks
    by convention): at most 16 words and no full stop at its end. Judged once per line."""
    memo: dict[int, bool] = doc.cached("headline_lines", lambda d: {})
    starts = doc.line_starts
    li = bisect.bisect_right(starts, offset) - 1
    if li not in memo:
        s, e = doc.line_span(li + 1)
        text = doc.text
        while e > s and text[e - 1] in " \t\r\u3000":
            e -= 1
        words = sum(1 for _ in itertools.islice(NONSPACE.finditer(text, s, e), HEADLINE_WORDS + 1))
        memo[li] = words <= HEADLINE_WORDS and text[e - 1:e] not in (".", "。", ":", "：", ";")
    return memo[li]


@rule(
    "PT106",
    "single-quotes-as-double",
    family="typography",
    fix=Applicability.UNSAFE,
    examples=[
        Example(
            "The “one-stop” centre opened. Since this year ‘Dandelion’ has been launched.",
            "The “one-stop” centre opened. Since this year “Dandelion” has been launched.",
            "The “one-stop” centre opened. Since this year “Dandelion” has been launched.",
        ),
    ],
)
def single_quotes_as_double(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A quotation in single marks where the text quotes in double marks.

    ## What it does
    Finds a quotation in single marks (‘Dandelion’, 'Dandelion') that is not inside another
    quotation, in a text whose other quotations outside headlines are in double marks (“…”
    or "…"). Single marks inside a double-quoted quotation are correct nesting; headline-shaped
    lines (short, without a full stop) are left alone, since headlines quote in single marks;
    a text that quotes in single marks throughout (British style) raises nothing.

    ## Why it matters
    Chinese quotes with “” and nests with ‘’; machine translation and copy-editing of the
    full-width marks leave some top-level quotations in single marks, so one text mixes two
    styles for the same thing.

    ## Example
    ```
    The “one-stop” centre opened. Since this year ‘Dandelion’ has been launched.
    ```

    ## Use instead
    ```
    The “one-stop” centre opened. Since this year “Dandelion” has been launched.
    ```

    ## Fix safety
    Unsafe: the single marks become the double marks the text uses (curly or straight, as
    the pair was); a single-quoted word may be meant as a term rather than a quotation.
    """
    r = single_quotes_as_double.rule  # type: ignore[attr-defined]
    text = doc.text
    qp = quote_pairs(doc)
    if not any(depth == 0 and o.kind == DOUBLE and not _headline(doc, o.offset)
               and not _in_chinese(doc, ctx, o.offset) for o, c, depth in qp.pairs):
        return
    for o, c, depth in qp.pairs:
        if depth or o.kind != SINGLE or _headline(doc, o.offset) or _in_chinese(doc, ctx, o.offset):
            continue
        if "\n" in text[o.offset:c.offset] or c.offset - o.offset < 2:
            continue
        curly = text[o.offset] == "‘"
        opener, closer = ("“", "”") if curly else ('"', '"')
        inner = doc.source[o.offset + 1:c.offset]
        yield r.finding(f"quotation in single marks ({text[o.offset]}{inner}{text[c.offset]}) where the text "
                        f"quotes in double marks; use {opener}{inner}{closer}",
                        o.offset, c.offset + 1, f"{opener}{inner}{closer}")


@rule(
    "PT107",
    "mismatched-quotes",
    family="typography",
    examples=[
        Example(
            "we continue to 'Code\" the business card",
            "we continue to \"Code\" the business card",
        ),
    ],
)
def mismatched_quotes(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A quotation opened with one kind of mark and closed with the other.

    ## What it does
    Finds a quotation that opens with a single mark and closes with a double one, or the
    other way round ('Code", "fine'), pairing the marks of a paragraph by their place
    (an opening mark at the start of a word, a closing mark at its end) and their nesting.
    Apostrophes (don't, the judges' bench, '90s, rock 'n' roll) are not quotation marks.

    ## Why it matters
    Machine translation converts the two Chinese marks “” into English ones separately, and
    sometimes into different ones: the reader cannot tell where the quotation ends.

    ## Example
    ```
    we continue to 'Code" the business card
    ```

    ## Use instead
    ```
    we continue to "Code" the business card
    ```

    ## Fix safety
    No fix: which of the two marks is wrong depends on whether the quotation is nested.
    """
    r = mismatched_quotes.rule  # type: ignore[attr-defined]
    text = doc.text
    for o, c in quote_pairs(doc).mismatched:
        if _in_chinese(doc, ctx, o.offset) or "\n" in text[o.offset:c.offset]:
            continue
        first = "single" if o.kind == SINGLE else "double"
        second = "double" if first == "single" else "single"
        yield r.finding(f"quotation opened with a {first} mark ({text[o.offset]}) and closed with a {second} "
                        f"one ({text[c.offset]})", o.offset, c.offset + 1)


@rule(
    "PT108",
    "unbalanced-single-quote",
    family="typography",
    examples=[
        Example(
            "the goal of 'letting the people feel fairness and justice, and made progress.",
            "the goal of 'letting the people feel fairness and justice', and made progress.",
        ),
        Example(  # apostrophes are not quotation marks
            "the so-called 'two-level system was built.",
            "rock 'n' roll at five o'clock in the '90s on the judges' bench",
        ),
    ],
)
def unbalanced_single_quote(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A single quotation mark without its partner in the same paragraph.

    ## What it does
    Reports an opening single mark (‘ or ' at the start of a word) that is never closed in
    its paragraph, and a straight closing mark (' at the end of a word not ending in s) that
    was never opened. Apostrophes are not quotation marks: inside a word (don't, o'clock,
    people's), after a plural (the judges' bench), before an elided word or a year (rock 'n'
    roll, 'em, '90s), and a curly ’ is never taken for an opening mark.

    ## Why it matters
    A dropped closing mark leaves the reader guessing where the quotation ends; machine
    translation drops one mark of a pair when a segment boundary falls inside the quotation.

    ## Example
    ```
    the goal of 'letting the people feel fairness and justice, and made progress.
    ```

    ## Use instead
    ```
    the goal of 'letting the people feel fairness and justice', and made progress.
    ```

    ## Fix safety
    No fix: where the missing mark belongs cannot be known.
    """
    r = unbalanced_single_quote.rule  # type: ignore[attr-defined]
    text = doc.text
    qp = quote_pairs(doc)
    for mk in qp.unclosed_single:
        if not _in_chinese(doc, ctx, mk.offset):
            yield r.finding(f"opening single quotation mark {text[mk.offset]} has no partner in this paragraph",
                            mk.offset, mk.offset + 1)
    for mk in qp.unopened_single:
        if not _in_chinese(doc, ctx, mk.offset):
            yield r.finding(f"closing single quotation mark {text[mk.offset]} was never opened in this paragraph",
                            mk.offset, mk.offset + 1)
