"""Chinese list markers and enumerations left in English text."""

from __future__ import annotations

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
# A marker at the start of a line (after indentation), or a `N、` marker after ; or :
# inside a line. Two patterns, because a variable-length lookbehind at every position of
# a long text is slow.
LINE_MARKER = regex.compile(
    rf"^[ \t\u3000]*\K(?P<m>{_NUM}\s*[、．]|[（(]\s*{_NUM}\s*[）)]|[\u2460-\u2473])[ \t\u3000]*",
    regex.M,
)
INLINE_MARKER = regex.compile(rf"[;；:：][ \t\u3000]*\K(?P<m>{_NUM}\s*、)[ \t\u3000]*")


def list_markers(text: str) -> list[regex.Match[str]]:
    found = list(LINE_MARKER.finditer(text))
    if "、" in text:
        found.extend(INLINE_MARKER.finditer(text))
        found.sort(key=lambda m: m.start())
    return found


def list_marker_spans(text: str) -> list[tuple[int, int]]:
    return [m.span("m") for m in list_markers(text)]
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
    ],
)
def chinese_list_marker(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A Chinese list marker at the start of a line or item.

    ## What it does
    Finds `1、`, `一、`, `（一）`, `(一)`, `（1）` and circled numbers (①) at the start of a
    line, or after a semicolon or colon, in English text.

    ## Why it matters
    Chinese numbers list items with the enumeration comma 、 and full-width brackets. Left
    in an English text they look broken and break Markdown and list detection.

    ## Example
    ```
    1、 Focus on the central work
    （一）Fight crime
    ```

    ## Use instead
    ```
    1. Focus on the central work
    (1) Fight crime
    ```

    ## Fix safety
    Safe: the marker and the spaces after it become the English marker and one space;
    `N、` and `一、` become `N.`, bracketed markers become `(N)`. The level structure of the
    list is kept.
    """
    r = chinese_list_marker.rule  # type: ignore[attr-defined]
    text = doc.text
    classes = line_classes(doc, ctx)
    for m in list_markers(text):
        if classes.is_chinese(m.start()):
            continue
        new = english_marker(m.group("m"))
        if new is None:
            continue
        end = m.end()
        at_eol = end >= len(text) or text[end] in "\r\n"
        replacement = new if at_eol else new + " "
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
