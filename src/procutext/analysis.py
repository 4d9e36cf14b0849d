"""Analyses shared by several rules, computed once per document (see Document.cached)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from .context import Context
    from .model import Document

HAN_RUN = regex.compile(r"\p{Han}+")
HAN_CHAR = regex.compile(r"\p{Han}")
LATIN_CHAR = regex.compile(r"[A-Za-z\u00c0-\u024f]")
BLANK_LINE = regex.compile(r"\n[ \t\r\u3000]*(?=\n)")


@dataclass(frozen=True, slots=True)
class LineClasses:
    """Which lines are Chinese segments (kept intact) in an otherwise English document."""

    chinese_starts: tuple[int, ...]
    chinese_ends: tuple[int, ...]
    han_lines: frozenset[int]  # 0-based indexes of lines with any Han character

    def is_chinese(self, offset: int) -> bool:
        i = bisect.bisect_right(self.chinese_starts, offset) - 1
        return i >= 0 and offset <= self.chinese_ends[i]


def _classify(doc: "Document", ctx: "Context") -> LineClasses:
    text = doc.text
    starts = doc.line_starts
    han_lines: set[int] = set()
    for m in HAN_RUN.finditer(text):
        first = bisect.bisect_right(starts, m.start()) - 1
        han_lines.add(first)
    if not han_lines:
        return LineClasses((), (), frozenset())
    total_han = total_latin = 0
    counts: dict[int, tuple[int, int, int, int]] = {}
    for li in han_lines:
        s, e = doc.line_span(li + 1)
        line = text[s:e]
        h = len(HAN_CHAR.findall(line))
        lat = len(LATIN_CHAR.findall(line))
        counts[li] = (s, e, h, lat)
        total_han += h
    if total_han * 4 > len(text):  # cheap upper bound before counting all Latin letters
        total_latin = len(LATIN_CHAR.findall(text))
    else:
        total_latin = total_han + 1
    chinese_doc = total_han > total_latin and total_han >= 40
    cs: list[int] = []
    ce: list[int] = []
    for li in sorted(counts):
        s, e, h, lat = counts[li]
        if h >= lat and (chinese_doc or h >= ctx.chinese_segment_min_han):
            cs.append(s)
            ce.append(e)
    return LineClasses(tuple(cs), tuple(ce), frozenset(han_lines))


def line_classes(doc: "Document", ctx: "Context") -> LineClasses:
    return doc.cached("line_classes", lambda d: _classify(d, ctx))


def paragraphs(doc: "Document") -> list[tuple[int, int]]:
    """Spans of blocks separated by blank lines."""

    def compute(d: "Document") -> list[tuple[int, int]]:
        spans = []
        pos = 0
        for m in BLANK_LINE.finditer(d.text):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(d.text)))
        return spans

    return doc.cached("paragraphs", compute)


# -- line features (page furniture by layout) -------------------------------------------

#: what ends a sentence: prose lines end with one of these (after closing quotes/brackets)
SENTENCE_END = frozenset(".!?。！？…")
_CLOSERS = "\"'”’)）]】»"


@dataclass(frozen=True, slots=True)
class LineInfo:
    """One non-blank line of a document, with the features the layout rules look at.

    ``start``/``end`` span the stripped content in the document's text; ``index`` is the
    line's place among the non-blank lines (so ``infos[i - 1]`` and ``infos[i + 1]`` are its
    neighbours), ``number`` its 1-based line number."""

    index: int
    number: int
    start: int
    end: int
    text: str
    words: int
    han: int
    latin: int
    #: the line ends a sentence (after any closing quotes and brackets)
    ends_sentence: bool
    #: the line reads as running text: a long line, or a sentence of several words
    prose: bool
    #: the line lies in the text of an attribute (HTML alt/title), not in the page's flow
    attribute: bool = False


def _ends_sentence(content: str) -> bool:
    s = content.rstrip(_CLOSERS + " ")
    return bool(s) and s[-1] in SENTENCE_END


def line_info(index: int, number: int, start: int, content: str, attribute: bool = False) -> LineInfo:
    words = len(content.split())
    if content.isascii():
        han = 0
        latin = sum(map(str.isalpha, content))
    else:
        han = len(HAN_CHAR.findall(content))
        latin = len(LATIN_CHAR.findall(content))
    ends = _ends_sentence(content)
    prose = (words >= 30 or (words >= 8 and ends) or han >= 60 or (han >= 20 and ends))
    return LineInfo(index, number, start, start + len(content), content, words, han, latin, ends, prose, attribute)


def line_infos(doc: "Document") -> list[LineInfo]:
    """The non-blank lines of ``doc`` with their features, computed once per document."""

    def compute(d: "Document") -> list[LineInfo]:
        text = d.text
        out: list[LineInfo] = []
        blocks = d.blocks
        starts = d.line_starts
        blank = d.MASK + " \u3000"
        nlines = len(starts)
        for number in range(1, nlines + 1):
            s = starts[number - 1]
            e = starts[number] if number < nlines else len(text)
            raw = text[s:e]
            content = raw.strip()
            if not content or not content.strip(blank):
                continue
            cs = s + (len(raw) - len(raw.lstrip()))
            attribute = bool(blocks) and d.block_kind(cs) in ("alt", "title")
            out.append(line_info(len(out), number, cs, content, attribute))
        return out

    return doc.cached("line_infos", compute)
