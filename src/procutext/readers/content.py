"""``--content main``: the article body of a page, found by trafilatura, on the offset text.

trafilatura (an optional extra: ``pip install 'procutext[content]'``) finds a page's main
content well but gives no offsets: it returns the paragraphs' text. Each paragraph is looked
for in the reader's text (white space normalised on both sides, in reading order, from where
the previous one was found), so that the checked spans are exact spans of the offset text
and every finding still maps to the markup. A paragraph that is not found as a whole is
matched by its first and last words; one that is not found at all is left out (and counted
by :func:`map_paragraphs`, which ``bench/html_reader.py`` reports).
"""

from __future__ import annotations

import bisect
import importlib.util
import re
from dataclasses import dataclass, field

EXTRA_HINT = "pip install 'procutext[content]' (trafilatura)"
_TOKEN = re.compile(r"\S+")
_LIST_MARK = re.compile(r"^(?:[-*•]\s+|\|\s*)")
ANCHOR = 24  # characters of a paragraph's start and end used when it is not found whole


class ContentExtraMissing(RuntimeError):
    """``--content main`` was asked for without the ``content`` extra."""


def have_content_extra() -> bool:
    """Whether trafilatura is installed (without importing it)."""
    return importlib.util.find_spec("trafilatura") is not None


def require_content_extra(path: str | None = None) -> None:
    """Raise :class:`procutext.files.InputError` (naming ``path``) when the extra is missing."""
    if not have_content_extra():
        from ..files import InputError

        raise InputError(path or "-", f"--content main needs the content extra: {EXTRA_HINT}")


def extract_paragraphs(source: str) -> list[str]:
    """The main content's paragraphs, as trafilatura reads them (empty when it finds none)."""
    if not have_content_extra():
        raise ContentExtraMissing(f"--content main needs the content extra: {EXTRA_HINT}")
    import trafilatura

    out = trafilatura.extract(source, output_format="txt", include_comments=False, include_tables=True,
                              include_images=False, include_links=False, deduplicate=False,
                              with_metadata=False, favor_recall=True)
    if not out:
        return []
    return [p.strip() for p in out.split("\n") if p.strip()]


@dataclass
class Mapping:
    """Where the paragraphs were found: text ``spans``, and how many paragraphs (and their
    characters) were found whole, by their ends only, or not at all."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    whole: int = 0
    anchored: int = 0
    missed: int = 0
    chars: int = 0
    chars_mapped: int = 0

    @property
    def paragraphs(self) -> int:
        return self.whole + self.anchored + self.missed


class _Normalised:
    """The text as its tokens joined by single spaces, with a map back to text offsets."""

    def __init__(self, text: str) -> None:
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.starts_text = [s for s, _ in tokens]
        self.ends_text = [e for _, e in tokens]
        parts = []
        self.starts_norm: list[int] = []
        pos = 0
        for s, e in tokens:
            self.starts_norm.append(pos)
            parts.append(text[s:e])
            pos += e - s + 1
        self.norm = " ".join(parts)

    def to_text(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts_norm, start) - 1
        j = bisect.bisect_right(self.starts_norm, max(start, end - 1)) - 1
        s = self.starts_text[i] + (start - self.starts_norm[i])
        e = self.starts_text[j] + (end - self.starts_norm[j])
        return s, min(e, self.ends_text[j])


def map_paragraphs(paragraphs: list[str], text: str) -> Mapping:
    """Find each paragraph in ``text`` (see the module's docstring)."""
    out = Mapping()
    if not text.strip():
        out.missed = len(paragraphs)
        return out
    n = _Normalised(text)
    norm = n.norm
    cursor = 0
    for p in paragraphs:
        pn = " ".join(p.split())
        out.chars += len(pn)
        found = _find(norm, pn, cursor)
        if found is None:
            stripped = _LIST_MARK.sub("", pn)
            if stripped != pn:
                found = _find(norm, stripped, cursor)
        if found is not None:
            out.whole += 1
        else:
            found = _anchored(norm, pn, cursor)
            if found is None:
                out.missed += 1
                continue
            out.anchored += 1
        s, e = found
        out.chars_mapped += e - s
        out.spans.append(n.to_text(s, e))
        cursor = e
    return out


def _find(norm: str, needle: str, cursor: int) -> tuple[int, int] | None:
    if not needle:
        return None
    i = norm.find(needle, cursor)
    if i < 0:
        i = norm.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


def _anchored(norm: str, pn: str, cursor: int) -> tuple[int, int] | None:
    """The span from the paragraph's first words to its last, when both are found in order
    and the span is not much longer than the paragraph."""
    if len(pn) < 2 * ANCHOR:
        return None
    head, tail = pn[:ANCHOR], pn[-ANCHOR:]
    for start_from in (cursor, 0):
        i = norm.find(head, start_from)
        if i < 0:
            continue
        j = norm.find(tail, i + len(head))
        if j >= 0 and j + ANCHOR - i <= 1.5 * len(pn):
            return i, j + ANCHOR
    return None


def main_spans(source: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (a page's offset text) that trafilatura counts as the page's main
    content."""
    return map_paragraphs(extract_paragraphs(source), text).spans
