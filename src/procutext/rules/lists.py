"""Chinese list markers and enumerations left in English text."""

from __future__ import annotations

import bisect
import itertools
from typing import TYPE_CHECKING, Iterator

import regex
from .. import rx

from ..analysis import line_classes
from ..model import Applicability, Finding, Severity
from ..registry import Example, rule

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ① .. ⑳
FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

_NUM = r"(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})"
_BLANK = r"[ \t\u3000]"
# `1．` is a marker, `1．5` a number with a full-width decimal point
_MARKER = rf"{_NUM}{_BLANK}*(?:、|．(?![0-9０-９]))|[（(]{_BLANK}*{_NUM}{_BLANK}*[）)]|[\u2460-\u2473]"
_INLINE = rf"{_NUM}{_BLANK}*、|[（(]{_BLANK}*{_NUM}{_BLANK}*[）)]|[\u2460-\u2473]"
# Where a block starts: after the line's indentation and any container prefixes
# (blockquote marks, bullets, ordered-list numbers), then an optional ATX heading mark,
# an optional table pipe and an optional emphasis opener. The prefixes are possessive (no
# prefix can end inside a marker), so a line costs one attempt however long it is.
_PREFIXES = rf"(?:{_BLANK}*+(?:>[ \t]?|[-*+][ \t]++|[0-9]{{1,9}}[.)][ \t]++))*+"
_HEADING = rf"(?:{_BLANK}*+#{{1,6}}[ \t]++)?"
_PIPE = rf"(?:{_BLANK}*+\|)?"
_EMPHASIS = rf"{_BLANK}*+(?:[*_]{{1,3}}+)?"
LINE_MARKER = rx.compile(
    rf"^{_PREFIXES}{_HEADING}{_PIPE}{_EMPHASIS}\K(?P<m>{_MARKER}){_BLANK}*",
    regex.M,
)
# a marker at the start of a table cell (on a table line: see _table_lines)
CELL_MARKER = rx.compile(rf"(?<!\\)\|{_EMPHASIS}\K(?P<m>{_MARKER}){_BLANK}*")
# `N、`, bracketed and circled markers after ; or : inside a line (not `N．`, which may be
# a number there). Separate patterns, because a variable-length lookbehind at every
# position of a long text is slow.
INLINE_MARKER = rx.compile(rf"[;；:：]{_BLANK}*+\K(?P<m>{_INLINE}){_BLANK}*")
#: a Chinese numeral in brackets, anywhere: PT120 leaves its brackets alone (PT110 makes it
#: `(N)` at a block start; elsewhere its numeral is leftover Chinese), never `(一)`
BRACKETED_HAN_NUMERAL = rx.compile(rf"[（(]{_BLANK}*[一二三四五六七八九十]{{1,3}}{_BLANK}*[）)]")
# tables: a line that starts with a pipe (after blockquote marks), and the lines of a
# table whose header row is followed by a delimiter row (`| --- | :-: |`, `--- | ---`)
PIPE_ROW = rx.compile(r"(?:[ \t]*+>)*+[ \t]*+\|")
DELIMITER_ROW = rx.compile(r"^(?:[ \t]*+>)*+(?=[^\n|]*+\|)(?=[^\n-]*+-)[ \t|:\-]++\r?$", regex.M)


def _lines_with(text: str, needles: "tuple[str, ...] | str") -> list[int]:
    """The starts of the lines of ``text`` that hold one of ``needles``, in order (each
    needle found with ``str.find``, once a line)."""
    starts = set()
    for g in needles:
        i = text.find(g)
        while i != -1:
            starts.add(text.rfind("\n", 0, i) + 1)
            le = text.find("\n", i)
            if le == -1:
                break
            i = text.find(g, le)
    return sorted(starts)


def _at_line_starts(pattern: "regex.Pattern[str]", text: str,
                    needles: "tuple[str, ...] | str") -> Iterator["regex.Match[str]"]:
    """``pattern.finditer(text)`` for a multi-line pattern whose matches begin at a line's
    start (``^``, which matches after a line feed only) and stay on that line, and that
    cannot match on a line without one of ``needles``: the pattern is tried at the starts of
    those lines only, not at every position of the text (tests/test_speed_equivalence_en.py
    compares the two)."""
    for ls in _lines_with(text, needles):
        m = pattern.match(text, ls)
        if m is not None:
            yield m


def _table_lines(doc: "Document") -> frozenset[int]:
    """0-based indexes of the lines of tables with a delimiter row (header, delimiter,
    body up to a blank line or a line without a pipe)."""

    def compute(d: "Document") -> frozenset[int]:
        text = d.text
        if "|" not in text:
            return frozenset()
        starts = d.line_starts
        nlines = len(starts)
        lines: set[int] = set()
        for m in _at_line_starts(DELIMITER_ROW, text, "|"):  # a delimiter row has a pipe
            li = bisect.bisect_right(starts, m.start()) - 1
            if li == 0 or li in lines or li - 1 in lines:  # li: already in a table above
                continue
            header = text[slice(*d.line_span(li))]  # the line before (line_span is 1-based)
            if "|" not in header or not header.strip():
                continue
            lines.update((li - 1, li))
            j = li + 1
            while j < nlines:
                row = text[slice(*d.line_span(j + 1))]
                if not row.strip() or "|" not in row:
                    break
                lines.add(j)
                j += 1
        return frozenset(lines)

    return doc.cached("table_lines", compute)


def list_markers(doc: "Document") -> list[regex.Match[str]]:
    """Every Chinese list marker at a block start or after ; or : (see PT110)."""

    def compute(d: "Document") -> list[regex.Match[str]]:
        text = d.text
        found = list(LINE_MARKER.finditer(text))
        if "|" in text:
            cells = list(CELL_MARKER.finditer(text))
            if cells:
                starts = d.line_starts
                tables = _table_lines(d)
                row: dict[int, bool] = {}
                for m in cells:
                    li = bisect.bisect_right(starts, m.start()) - 1
                    if li not in row:
                        row[li] = li in tables or PIPE_ROW.match(text, starts[li]) is not None
                    if row[li]:
                        found.append(m)
        found.extend(INLINE_MARKER.finditer(text))
        found.sort(key=lambda m: m.start())
        # a marker found by two patterns (a table's first cell after `|`) counts once
        unique: list[regex.Match[str]] = []
        for m in found:
            if not unique or m.start() != unique[-1].start():
                unique.append(m)
        return unique

    return doc.cached("list_markers", compute)


def list_marker_spans(doc: "Document") -> list[tuple[int, int]]:
    """The spans PT110 reports and replaces: each marker with the blanks after it."""
    return [m.span() for m in list_markers(doc)]


ENUMERATION = rx.compile(r"(?<![\p{Han}])[一二三四五六七八九十]是(?![\p{Han}]{0,1}[的])")
ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"]


def chinese_number(s: str) -> int | None:
    s = s.translate(FW_DIGITS)
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if len(s) == 2 and s[0] == "十":
        return 10 + CN_DIGITS.get(s[1], 0)
    if len(s) == 2 and s[1] == "十":
        return CN_DIGITS.get(s[0], 0) * 10
    if len(s) == 3 and s[1] == "十":
        return CN_DIGITS.get(s[0], 0) * 10 + CN_DIGITS.get(s[2], 0)
    if len(s) == 1:
        return CN_DIGITS.get(s)
    return None


def english_marker(marker: str) -> str | None:
    """`1、` → `1.`, `一、` → `1.`, `（一）` → `(1)`, `①` → `(1)`; None when already English."""
    m = marker.strip()
    if m in CIRCLED:
        return f"({CIRCLED[m]})"
    if m[0] in "（(":
        inner = m[1:-1].strip()
        if m[0] == "(" and m[-1] == ")" and inner.isascii() and inner.isdigit():
            return None  # "(1)" is an English marker already
        n = chinese_number(inner)
        return f"({n})" if n else None
    n = chinese_number(m[:-1].strip())
    return f"{n}." if n else None


@rule(
    "PT110",
    "chinese-list-marker",
    family="typography",
    fix=Applicability.SAFE,
    examples=[
        Example("1、 Focus on the central work", "1. Focus on the central work",
                "1. Focus on the central work"),
        Example("（一）Fight crime", "(1) Fight crime", "(1) Fight crime"),
        Example("一、Review of the year", "1. Review of the year", "1. Review of the year"),
        Example("- 1、 Focus on the central work", "- 1. Focus on the central work",
                "- 1. Focus on the central work"),
        Example("> （一）Fight crime", "> (1) Fight crime", "> (1) Fight crime"),
        Example("## 一、Review of the year", "## 1. Review of the year", "## 1. Review of the year",
                kind="markdown"),
        Example("| 1、 Cases | 2、 Hearings |\n| --- | --- |", "| 1. Cases | 2. Hearings |\n| --- | --- |",
                "| 1. Cases | 2. Hearings |\n| --- | --- |", kind="markdown"),
        Example("The tasks: （一）training; （二）supervision.", "The tasks: (1) training; (2) supervision.",
                "The tasks: (1) training; (2) supervision."),
    ],
)
def chinese_list_marker(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A Chinese list marker where a block starts, or after a semicolon or colon.

    ## What it does
    Finds the markers `1、`, `一、`, `1．` (not before a digit: `1．5` is a number), `（一）`,
    `(一)`, `（1）` and circled numbers (①) in English text, in plain text and Markdown
    alike, in these places:

    - at the start of a line, after its indentation (spaces, tabs, U+3000);
    - after the prefixes that open a block, in any combination: a blockquote mark `>`, a
      bullet `-`, `*` or `+` followed by a space, an ordered-list number `1.` or `1)`
      followed by a space, and then a heading's `#` to `######` followed by a space
      (`- 1、 item`, `> （一）text`, `> - 1、 item`, `## 一、Review`);
    - at the start of a table cell: after a `|` on a line that starts with `|` (after any
      `>`), or on a row of a table with a delimiter row (`| --- | --- |`, `--- | ---`):
      the header row above it and the rows below it up to a blank line or a line without
      `|`;
    - after an emphasis opener (`*`, `**`, `_`) in any of those places (`**一、Review**`);
    - inside a line after a semicolon or colon (`;` `；` `:` `：`), for `N、`, bracketed
      and circled markers (not `N．`, which may be a number there).

    Lines of Chinese in a bilingual document and Markdown code are left alone. A bracketed
    Chinese numeral elsewhere (`see （一） above`) is not taken: PT120 leaves its brackets
    alone too, and its numeral is reported as leftover Chinese.

    ## Why it matters
    Chinese numbers list items with the enumeration comma 、 and full-width brackets. Left
    in an English text they look broken and break Markdown and list detection.

    ## Example
    ```
    1、 Focus on the central work
    - （一）Fight crime
    ## 一、Review of the year
    ```

    ## Use instead
    ```
    1. Focus on the central work
    - (1) Fight crime
    ## 1. Review of the year
    ```

    ## Fix safety
    Safe: the marker and the spaces after it become the English marker and one space;
    `N、`, `N．` and `一、` become `N.`, bracketed and circled markers become `(N)`. The
    prefixes before the marker (indentation, `>`, bullets, `#`, `|`) and so the level
    structure of the list are kept.
    """
    r = chinese_list_marker.rule  # type: ignore[attr-defined]
    text = doc.text
    classes = line_classes(doc, ctx)
    for m in list_markers(doc):
        if classes.is_chinese(m.start()):
            continue
        new = english_marker(m.group("m"))
        if new is None:
            continue
        end = m.end()
        at_eol = end >= len(text) or text[end] in "\r\n"
        replacement = new if at_eol else new + " "
        if m.start() > 0 and text[m.start() - 1] in ";:":
            replacement = " " + replacement  # `tasks:（一）` becomes `tasks: (1)`
        yield r.finding(
            f"Chinese list marker {m.group('m').strip()!r}; use {new!r}",
            m.start(),
            m.end(),
            replacement,
        )


@rule(
    "PT111",
    "chinese-enumeration",
    family="typography",
    severity=Severity.WARNING,
    examples=[
        Example(
            "The plan has two parts: 一是 training, 二是 supervision.",
            "The plan has two parts: first, training; second, supervision.",
        ),
    ],
)
def chinese_enumeration(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """`一是…二是…` enumeration markers left in English text.

    ## What it does
    Finds the Chinese enumeration words 一是, 二是, 三是 … ("the first is", "the second
    is") in English text.

    ## Why it matters
    The construction is the standard way to enumerate measures in Chinese official prose;
    left untranslated it is unreadable, and translated word for word it reads as "One is
    … two is …".

    ## Example
    ```
    The plan has two parts: 一是 training, 二是 supervision.
    ```

    ## Use instead
    ```
    The plan has two parts: first, training; second, supervision.
    ```

    ## Fix safety
    No fix: the sentence usually needs to be rebuilt around the enumeration.
    """
    r = chinese_enumeration.rule  # type: ignore[attr-defined]
    classes = line_classes(doc, ctx)
    if not classes.han_lines:
        return
    for m in ENUMERATION.finditer(doc.text):
        if classes.is_chinese(m.start()):
            continue
        n = CN_DIGITS[m.group()[0]]
        word = ORDINALS[n - 1] if n <= len(ORDINALS) else f"No. {n}"
        yield r.finding(
            f"Chinese enumeration marker {m.group()!r} ('the {word.lower()} is'); "
            f"write '{word}, …' or restructure the list",
            m.start(),
            m.end(),
            suggestions=(f"{word},",),
        )


# --------------------------------------------------------------------------- 1, / 1， markers

# `1,` or `1，` where a line starts (after indentation, a blockquote mark or a heading mark),
# followed by a word: the Chinese `1、` written with a comma
COMMA_MARKER = rx.compile(
    rf"^(?:{_BLANK}*+(?:>[ \t]?)*+{_BLANK}*+(?:#{{1,6}}[ \t]++)?)\K(?P<n>[0-9０-９]{{1,2}})"
    rf"(?P<c>[,，]){_BLANK}*(?=[\p{{L}}“\"‘（(])",
    regex.M,
)


def comma_markers(doc: "Document") -> list[tuple[regex.Match[str], bool]]:
    """The `N,` / `N，` list markers at line starts, each with whether it is one for certain:
    a full-width comma is; an ASCII comma is when the document has the next or the previous
    number as such a marker too, or its line is a short heading (at most 15 words, no full
    stop at its end)."""

    def compute(d: "Document") -> list[tuple[regex.Match[str], bool]]:
        text = d.text
        if "," not in text and "，" not in text:
            return []
        found = list(_at_line_starts(COMMA_MARKER, text, (",", "，")))
        numbers = {int(m.group("n").translate(FW_DIGITS)) for m in found}
        out = []
        for m in found:
            n = int(m.group("n").translate(FW_DIGITS))
            le = text.find("\n", m.end())
            line = text[m.end():le if le != -1 else len(text)].strip()
            heading = len(line.split()) <= 15 and not line.endswith((".", "。", ";", "；", ":", "："))
            sequence = n - 1 in numbers or n + 1 in numbers
            out.append((m, m.group("c") == "，" or sequence or heading))
        return out

    return doc.cached("comma_markers", compute)


@rule(
    "PT112",
    "comma-list-marker",
    family="typography",
    fix=Applicability.SAFE,
    examples=[
        Example("1，Strengthen political building", "1. Strengthen political building",
                "1. Strengthen political building"),
        Example("1, Strengthen political building\n2, Serve the overall situation",
                "1. Strengthen political building\n2. Serve the overall situation",
                "1. Strengthen political building\n2. Serve the overall situation"),
        Example("Work plan:\n1, Strengthen political building", "Work plan:\n1. Strengthen political building",
                "Work plan:\n1. Strengthen political building"),
    ],
)
def comma_list_marker(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A list number followed by a comma, as Chinese numbers its headings (`1，`, `1,`).

    ## What it does
    Finds `1,` and `1，` at the start of a line (after indentation, `>` or a heading mark)
    followed by a word. A full-width comma is always such a marker; an ASCII one when the
    document numbers a neighbour the same way (`1,` … `2,`), or when its line is a short
    heading without a full stop. A line that goes on with a number (`1, 2 and 3 …`) or reads
    as a sentence broken after a number (`1, paragraph 2 of the law …`) raises nothing.

    ## Why it matters
    Chinese numbers sub-headings `1、` or `1，`; machine translation turns the enumeration
    comma into an English comma, which reads as a stray number in English.

    ## Example
    ```
    1, Strengthen political building
    2, Serve the overall situation
    ```

    ## Use instead
    ```
    1. Strengthen political building
    2. Serve the overall situation
    ```

    ## Fix safety
    Safe: the comma and the blanks after it become `. `; the number and what precedes it on
    the line stay.
    """
    r = comma_list_marker.rule  # type: ignore[attr-defined]
    classes = line_classes(doc, ctx)
    for m, certain in comma_markers(doc):
        if not certain or classes.is_chinese(m.start()):
            continue
        n = int(m.group("n").translate(FW_DIGITS))
        yield r.finding(f"list number written with a comma {m.group().strip()!r}; use '{n}.'",
                        m.start(), m.end(), f"{n}. ")


# --------------------------------------------------------------------------- First, … heads

ORDINAL_HEAD = rx.compile(
    r"(?P<w>First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)(?P<c>[,，])[ \t]*(?=\p{L})")
SENTENCE_END = rx.compile(r"[.!?。！？]['\"’”)]*[ \t]+(?=\S)")
SUBLIST = rx.compile(r"[ \t]*(?:[0-9０-９]{1,2}[,，、.．)]|[（(][0-9一二三四五六七八九十]{1,3}[）)]|[①-⑳])[ \t]*\p{L}")
HEAD_WORDS = 20
NONSPACE = rx.compile(r"\S+")
NEXT_NONBLANK = rx.compile(r"[^\S\n]*+\S")
LINE_LEAD = rx.compile(r"[ \t\u3000>#*\-]*+")
AFTER_SENTENCE = rx.compile(r"[.!?。！？]['\"’”)]*[ \t]+$")


def _line_at(text: str, offset: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, offset) + 1
    le = text.find("\n", offset)
    return ls, (le if le != -1 else len(text))


def _next_line_is_same_paragraph(text: str, end: int) -> bool:
    """Whether the line after the one ending at ``end`` is a non-blank line (of the same
    paragraph)."""
    if end >= len(text):
        return False
    return NEXT_NONBLANK.match(text, end + 1) is not None


def _next_line(text: str, end: int, length: int = 80) -> str:
    """The start (``length`` characters) of the next non-blank line after the line ending at
    ``end``."""
    pos = end
    while pos < len(text):
        nl = text.find("\n", pos + 1)
        stop = nl if nl != -1 else len(text)
        line = text[pos + 1:min(stop, pos + 1 + length)]
        if line.strip():
            return line
        if nl == -1:
            break
        pos = nl
    return ""


@rule(
    "PT113",
    "ordinal-section-head",
    family="typography",
    examples=[
        Example("Second, earnestly perform the function of public prosecution\n"
                "1, Crack down on crime.",
                "Second, the procuratorate earnestly performed the function of public prosecution, "
                "and crime fell.\nIt also supervised trials."),
        Example("It provides a strong judicial guarantee for our county. First, complete the public prosecution business",
                "It provides a strong judicial guarantee. First, we completed the public prosecution business."),
    ],
)
def ordinal_section_head(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A Chinese section heading (一、… 二、…) rendered `First, …` / `Second, …`.

    ## What it does
    Finds a line that starts with an ordinal and a comma (`First,` … `Tenth,`) and is shaped
    like a heading, not a sentence:

    - a short line (at most 20 words) without a full stop at its end;
    - or a line followed by a numbered sub-list (`1,`, `1、`, `(1)`, `（一）`, `①`);
    - or, glued to the end of a paragraph, a last sentence `First, …` without a full stop
      (a heading that lost its line break).

    `First, we …` as an ordinary sentence opener (with its full stop), and `The first is to …`
    inside running text, raise nothing.

    ## Why it matters
    Chinese reports number their sections 一、二、三、; machine translation renders them
    "First, …", "Second, …" on lines of their own, which reads as a list of broken
    sentences in English.

    ## Example
    ```
    Second, earnestly perform the function of public prosecution
    1, Crack down on crime.
    ```

    ## Use instead
    ```
    2. Performing the function of public prosecution
    (1) Cracking down on crime
    ```

    ## Fix safety
    No fix: the heading needs rewording; the numbered form is suggested.
    """
    r = ordinal_section_head.rule  # type: ignore[attr-defined]
    text = doc.text
    if "First" not in text and "Second" not in text and "Third" not in text:
        return
    classes = line_classes(doc, ctx)
    starts = doc.line_starts
    last_end: dict[int, int] = {}  # line -> offset after its last sentence end (once per line)
    first: dict[int, int] = {}  # line -> offset of its first character after indentation and marks
    for m in ORDINAL_HEAD.finditer(text):
        s = m.start()
        if classes.is_chinese(s):
            continue
        li = bisect.bisect_right(starts, s) - 1
        ls, le = doc.line_span(li + 1)
        while le > ls and text[le - 1] in " \t\r\u3000":
            le -= 1
        ended = text[le - 1:le] in (".", "。", "!", "?", ";", "；", ":", "：")
        words = sum(1 for _ in itertools.islice(NONSPACE.finditer(text, m.end(), le), HEAD_WORDS + 1))
        short = words <= HEAD_WORDS
        if li not in first:
            lead = LINE_LEAD.match(text, ls, le)
            first[li] = lead.end() if lead else ls
        if first[li] == s:  # at a line start
            heading = (short and not ended) or bool(SUBLIST.match(_next_line(text, le)))
        else:  # inside a line: only as the last sentence of a paragraph, without its full stop
            at_sentence_start = AFTER_SENTENCE.search(text, max(ls, s - 8), s) is not None
            if li not in last_end:
                ends = [x.end() for x in SENTENCE_END.finditer(text, ls, le)]
                last_end[li] = ends[-1] if ends else ls
            heading = (at_sentence_start and short and not ended and last_end[li] <= s
                       and not _next_line_is_same_paragraph(text, doc.line_span(li + 1)[1]))
        if not heading:
            continue
        n = ORDINALS.index(m.group("w")) + 1
        yield r.finding(f"Chinese-style section heading {m.group('w')!r}, (for {'一二三四五六七八九十'[n - 1]}、): "
                        f"number it ('{n}. …') or make it a sentence", s, le, suggestions=(f"{n}. ",))


# --------------------------------------------------------------------------- ◆ ● □ bullets

BULLET_GLYPHS = "◆◇●○■□▲△▶►★☆◎※◉▪▫"
CHINESE_BULLET = rx.compile(
    rf"^(?P<lead>{_BLANK}*+(?:>[ \t]?)*+{_BLANK}*+)(?P<b>[{BULLET_GLYPHS}])(?P<sp>{_BLANK}*)(?=[\p{{L}}\p{{N}}“\"‘（(【\[])",
    regex.M,
)


def _bullets(text: str) -> Iterator["regex.Match[str]"]:
    """``CHINESE_BULLET.finditer(text)``, at the lines that hold a glyph."""
    return _at_line_starts(CHINESE_BULLET, text, BULLET_GLYPHS)


@rule(
    "PT114",
    "chinese-bullet",
    family="typography",
    fix=Applicability.UNSAFE,
    examples=[
        Example("◆ Strengthen political building", "• Strengthen political building",
                "• Strengthen political building"),
        Example("■Serve the overall situation", "- Serve the overall situation", "- Serve the overall situation",
                kind="markdown"),
        Example("  ● Serve the overall situation\n  ● Protect minors", "  • Serve the overall situation\n  • Protect minors",
                "  • Serve the overall situation\n  • Protect minors"),
    ],
)
def chinese_bullet(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A bullet or box of Chinese page layout at the start of a line (◆ ● □ ■ ▲ ★ ◇).

    ## What it does
    Finds one of ◆ ◇ ● ○ ■ □ ▲ △ ▶ ► ★ ☆ ◎ ※ ◉ ▪ ▫ at the start of a line (after
    indentation or `>`), followed by text. A glyph that comes back later on the same line is
    not a bullet but a form or a rating (`□ Yes □ No`, `★★★☆☆`), and raises nothing.

    ## Why it matters
    Chinese pages mark list items and section heads with these glyphs; copied into English
    they look like stray symbols, and in Markdown they do not make a list.

    ## Example
    ```
    ◆ Strengthen political building
    ```

    ## Use instead
    ```
    • Strengthen political building
    ```

    ## Fix safety
    Unsafe: the glyph and the blanks after it become `• ` (in Markdown `- `, a list item);
    the glyph may mark a heading rather than a list item.
    """
    r = chinese_bullet.rule  # type: ignore[attr-defined]
    text = doc.text
    if not any(g in text for g in BULLET_GLYPHS):
        return
    classes = line_classes(doc, ctx)
    for m in _bullets(text):
        s = m.start("b")
        if classes.is_chinese(s):
            continue
        le = text.find("\n", s)
        if text.find(m.group("b"), s + 1, le if le != -1 else len(text)) != -1:
            continue  # □ Yes □ No
        bullet = "- " if doc.kind == "markdown" else "• "
        yield r.finding(f"bullet {m.group('b')!r} of Chinese layout; use {bullet.strip()!r}",
                        s, m.end("sp"), bullet)
