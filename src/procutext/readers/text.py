"""Plain text: everything is prose except URLs and e-mail addresses, which are masked."""

from __future__ import annotations

from .. import rx

from ..model import Document

URL = rx.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"“”'‘’（）【】，。]+"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
)
TRAILING_PUNCT = ".,;:!?)]}'\""


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace every character of the spans, except line breaks, with Document.MASK."""
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    mask = Document.MASK
    for s, e in sorted(spans):
        if s < pos:
            s = pos
        if e <= s:
            continue
        out.append(text[pos:s])
        chunk = text[s:e]
        out.append("".join(c if c in "\r\n" else mask for c in chunk))
        pos = e
    out.append(text[pos:])
    return "".join(out)


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the URLs and e-mail addresses of ``text``, without trailing punctuation.

    A match holds ``://``, ``www.`` or ``@`` and never a line break, so the pattern runs on
    the lines that hold one of those only (on a megabyte with a few URLs, one pass of the
    pattern over every word boundary cost 0.08 s; tests/test_speed_equivalence.py compares
    the two)."""
    spans: list[tuple[int, int]] = []
    find = text.find
    anchors = []
    for needle in ("://", "www.", "@"):
        i = find(needle)
        while i != -1:
            anchors.append(i)
            i = find(needle, i + 1)
    if not anchors:
        return spans
    anchors.sort()
    done = -1  # the end of the last line scanned
    n = len(text)
    for p in anchors:
        if p < done:
            continue
        ls = text.rfind("\n", 0, p) + 1
        le = find("\n", p)
        if le == -1:
            le = n
        for m in URL.finditer(text, ls, le):
            s, e = m.span()
            while e > s and text[e - 1] in TRAILING_PUNCT:
                e -= 1
            spans.append((s, e))
        done = le
    return spans


def _url_spans_full(text: str) -> list[tuple[int, int]]:
    """:func:`url_spans` by one pass of the pattern over the whole text (for the tests)."""
    spans = []
    for m in URL.finditer(text):
        s, e = m.span()
        while e > s and text[e - 1] in TRAILING_PUNCT:
            e -= 1
        spans.append((s, e))
    return spans


def read_text(text: str, path: str | None = None) -> Document:
    return Document(mask_spans(text, url_spans(text)), source=text, path=path, kind="text")
