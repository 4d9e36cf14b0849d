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
    spans = []
    if "://" not in text and "www." not in text and "@" not in text:
        return spans
    for m in URL.finditer(text):
        s, e = m.span()
        while e > s and text[e - 1] in TRAILING_PUNCT:
            e -= 1
        spans.append((s, e))
    return spans


def read_text(text: str, path: str | None = None) -> Document:
    return Document(mask_spans(text, url_spans(text)), source=text, path=path, kind="text")
