"""Spacing: before punctuation, doubled spaces, trailing whitespace, indented prose."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import regex
from .. import rx

from ..analysis import line_classes
from ..model import Applicability, Finding, Severity
from ..registry import Example, rule

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document

# The lookbehind and the possessive run make a long run of blanks a single attempt: without
# them the run is retried from every position inside it (quadratic time).
# The mark after blanks, found by the mark (far rarer than blanks: the engine tries each
# space otherwise); the blank run before it is walked back in the rule.
MARK_AFTER_BLANK = rx.compile(r"(?<=[ \t])[,.;:!?](?=(?:[\s\"”’)\]]|$)(?!\.\.))", regex.M)
MULTI_SPACE = rx.compile(r"[ ]{2,}")
TRAILING_CHARS = " \t\u3000\u00a0"
NOT_BEFORE_GAP = set(" \t\r\n\u3000\u00a0\ue000")
INDENT = rx.compile(r"^[ \t\u3000\u00a0]++(?=[^\s\uE000])", regex.M)
#: what starts an indented line: a line feed and a blank (and a blank at the text's start)
_INDENT_STARTS = ("\n ", "\n\t", "\n\u3000", "\n\u00a0")


def _found_at(text: str, needles: tuple[str, ...], shift: int) -> list[int]:
    """The positions ``shift`` past each occurrence of each of ``needles`` in ``text``,
    in order (found with ``str.find``)."""
    out = []
    for nb in needles:
        i = text.find(nb)
        while i != -1:
            out.append(i + shift)
            i = text.find(nb, i + 1)
    out.sort()
    return out


def _indents(text: str) -> Iterator["regex.Match[str]"]:
    """``INDENT.finditer(text)``: a match starts a line (``^``, after a line feed only) with a
    blank and stays on it, so INDENT is tried only where a line feed and a blank (or the
    text's first character, a blank) are, not at every position of the text
    (tests/test_speed_equivalence_en.py compares the two)."""
    starts = _found_at(text, _INDENT_STARTS, 1)
    if text and text[0] in TRAILING_CHARS:
        starts.insert(0, 0)
    for ls in starts:
        m = INDENT.match(text, ls)
        if m is not None:
            yield m


LIST_ITEM = rx.compile(
    r"(?:[-*+•·▪◦]\s|\d{1,3}[.)]\s|\(\d{1,3}\)|\(?[a-zA-Z]\)\s|[ivxlcIVXLC]{1,5}\.\s|>)"
)


@rule(
    "PT130",
    "space-before-punctuation",
    family="spacing",
    fix=Applicability.SAFE,
    examples=[
        Example(
            "Two establishment , loyalty and practice .",
            "Two establishments, loyalty and practice.",
            "Two establishment, loyalty and practice.",
        ),
    ],
)
def space_before_punctuation(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A space before a comma, full stop, semicolon, colon, exclamation or question mark.

    ## What it does
    Finds spaces between a word and the punctuation mark that follows it.

    ## Why it matters
    English sets these marks directly after the word. The spaces come from joined MT
    segments and from French or Chinese typing habits, and they let a line break strand
    the mark at the start of a line.

    ## Example
    ```
    Two establishment , loyalty and practice .
    ```

    ## Use instead
    ```
    Two establishment, loyalty and practice.
    ```

    ## Fix safety
    Safe: only the spaces are removed. An ellipsis (` ...`) and marks that begin a word
    (`.NET`, `.5`) are not touched.
    """
    r = space_before_punctuation.rule  # type: ignore[attr-defined]
    text = doc.text
    classes = line_classes(doc, ctx)
    for m in MARK_AFTER_BLANK.finditer(text):
        end = m.start()
        start = end - 1
        while start > 0 and text[start - 1] in " \t":  # runs are disjoint: linear overall
            start -= 1
        if start == 0 or text[start - 1] in NOT_BEFORE_GAP or classes.is_chinese(start):
            continue
        mark = text[end]
        yield r.finding(f"space before {mark!r}", start, end + 1, mark, edit_start=start, edit_end=end + 1)


@rule(
    "PT131",
    "multiple-spaces",
    family="spacing",
    fix=Applicability.SAFE,
    examples=[
        Example(
            "Procurator General   Xue Jiangwu",
            "Procurator General Xue Jiangwu",
            "Procurator General Xue Jiangwu",
        ),
    ],
)
def multiple_spaces(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Two or more spaces between words inside a line.

    ## What it does
    Finds runs of spaces between two words. Two spaces after a full stop, question or
    exclamation mark (an old typing convention) are not reported, nor is alignment in
    Markdown tables.

    ## Why it matters
    Runs of spaces are layout left over from the source page (names set apart from titles,
    full-width spaces turned into several spaces); they show up as gaps in HTML and
    break phrase search.

    ## Example
    ```
    Procurator General   Xue Jiangwu
    ```

    ## Use instead
    ```
    Procurator General Xue Jiangwu
    ```

    ## Fix safety
    Safe: the run becomes one space.
    """
    r = multiple_spaces.rule  # type: ignore[attr-defined]
    text = doc.text
    md = doc.kind == "markdown"
    n = len(text)
    line_end = -1  # Markdown: the current line's end and whether it is a table row
    table_row = False
    for m in MULTI_SPACE.finditer(text):
        s, e = m.start(), m.end()
        if s == 0 or e >= n or text[s - 1] in NOT_BEFORE_GAP or text[s - 1] in ".!?" or text[e] in NOT_BEFORE_GAP:
            continue
        if md:
            if s > line_end:  # judge each line once, not each run of spaces in it
                ls = text.rfind("\n", 0, s) + 1
                le = text.find("\n", s)
                line_end = n if le == -1 else le
                table_row = text[ls:line_end].lstrip().startswith("|")
            if table_row:
                continue
        yield r.finding(f"{m.end() - m.start()} spaces in a row", m.start(), m.end(), " ")


@rule(
    "PT132",
    "trailing-whitespace",
    family="spacing",
    severity=Severity.INFO,
    fix=Applicability.SAFE,
    # off by default, like ruff's W291: invisible in any rendering and no defect of the
    # translation; on professional English it was the last source of false alarms
    default_enabled=False,
    examples=[
        Example("without leaving home.  \nNext line", "without leaving home.\nNext line",
                "without leaving home.\nNext line"),
    ],
)
def trailing_whitespace(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Spaces or tabs at the end of a line.

    ## What it does
    Finds whitespace (including the ideographic space U+3000) before the end of a line. In
    Markdown, two or more spaces after text are a hard line break and are left alone. Off
    by default (it is invisible once published and no defect of the translation): enable it
    with `--extend-select PT132` or `extend-select = ["PT132"]` for drafts kept in version
    control.

    ## Why it matters
    Trailing whitespace is invisible noise from copied web pages; it makes diffs noisy and
    can turn into stray spaces when lines are joined.

    ## Example
    ```
    without leaving home.␠␠
    ```

    ## Use instead
    ```
    without leaving home.
    ```

    ## Fix safety
    Safe: the whitespace is removed.
    """
    r = trailing_whitespace.rule  # type: ignore[attr-defined]
    text = doc.text
    md = doc.kind == "markdown"
    for ln in range(1, len(doc.line_starts) + 1):
        ls, e = doc.line_span(ln)
        if e == ls or text[e - 1] not in TRAILING_CHARS:
            continue
        s = e
        while s > ls and text[s - 1] in TRAILING_CHARS:
            s -= 1
        if md and s > ls and text[s:e] == " " * (e - s) and e - s >= 2:
            continue  # a Markdown hard line break
        yield r.finding("trailing whitespace", s, e, "")


@rule(
    "PT133",
    "indented-prose",
    family="spacing",
    fix=Applicability.SAFE,
    examples=[
        Example("   Dear delegates,\nNow I report.", "Dear delegates,\nNow I report.",
                "Dear delegates,\nNow I report."),
        Example("　　Now I report.", "Now I report.", "Now I report."),
    ],
)
def indented_prose(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A prose line indented with spaces, tabs or ideographic spaces.

    ## What it does
    In plain text, finds lines of prose that start with whitespace. Indented list items
    and all Markdown (where indentation has meaning) are left alone.

    ## Why it matters
    Chinese paragraphs start with two full-width spaces; MT keeps them as runs of spaces.
    In English the indentation is layout noise, and four spaces turn a paragraph into a
    code block once the text reaches Markdown.

    ## Example
    ```
       Dear delegates,
    ```

    ## Use instead
    ```
    Dear delegates,
    ```

    ## Fix safety
    Safe: the indentation is removed; the line's text is unchanged.
    """
    if doc.kind != "text":
        return
    r = indented_prose.rule  # type: ignore[attr-defined]
    text = doc.text
    classes = line_classes(doc, ctx)
    for m in _indents(text):
        e = m.end()
        if LIST_ITEM.match(text, e) or classes.is_chinese(e):
            continue
        yield r.finding("indented prose line", m.start(), e, "")
