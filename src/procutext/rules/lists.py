"""Chinese list markers and enumerations left in English text."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Iterator

import regex

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
LINE_MARKER = regex.compile(
    rf"^{_PREFIXES}{_HEADING}{_PIPE}{_EMPHASIS}\K(?P<m>{_MARKER}){_BLANK}*",
    regex.M,
)
# a marker at the start of a table cell (on a table line: see _table_lines)
CELL_MARKER = regex.compile(rf"(?<!\\)\|{_EMPHASIS}\K(?P<m>{_MARKER}){_BLANK}*")
# `N、`, bracketed and circled markers after ; or : inside a line (not `N．`, which may be
# a number there). Separate patterns, because a variable-length lookbehind at every
# position of a long text is slow.
INLINE_MARKER = regex.compile(rf"[;；:：]{_BLANK}*+\K(?P<m>{_INLINE}){_BLANK}*")
#: a Chinese numeral in brackets, anywhere: PT120 leaves its brackets alone (PT110 makes it
#: `(N)` at a block start; elsewhere its numeral is leftover Chinese), never `(一)`
BRACKETED_HAN_NUMERAL = regex.compile(rf"[（(]{_BLANK}*[一二三四五六七八九十]{{1,3}}{_BLANK}*[）)]")
# tables: a line that starts with a pipe (after blockquote marks), and the lines of a
# table whose header row is followed by a delimiter row (`| --- | :-: |`, `--- | ---`)
PIPE_ROW = regex.compile(r"(?:[ \t]*+>)*+[ \t]*+\|")
DELIMITER_ROW = regex.compile(r"^(?:[ \t]*+>)*+(?=[^\n|]*+\|)(?=[^\n-]*+-)[ \t|:\-]++\r?$", regex.M)


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
        for m in DELIMITER_ROW.finditer(text):
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


ENUMERATION = regex.compile(r"(?<![\p{Han}])[一二三四五六七八九十]是(?![\p{Han}]{0,1}[的])")
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
