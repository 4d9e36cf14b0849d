"""Readers turn file contents into a Document the rules can check."""

from __future__ import annotations

from pathlib import PurePath

from ..model import Document

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
KINDS = ("text", "markdown", "html")
#: what ``content`` may be: the whole page, or only the article body (HTML)
CONTENT_MODES = ("all", "main")


def kind_for_path(path: str | PurePath | None) -> str:
    if path is None:
        return "text"
    suffix = PurePath(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def load_document(text: str, kind: str | None = None, path: str | None = None, content: str = "all") -> Document:
    """The Document of ``text`` read as ``kind`` (default: by ``path``'s suffix, else text).
    ``content="main"`` keeps only an HTML page's article body (it needs ``procutext[content]``);
    it changes nothing for text and Markdown."""
    kind = kind or kind_for_path(path)
    if content not in CONTENT_MODES:
        raise ValueError(f"unknown content mode {content!r}: expected one of {', '.join(CONTENT_MODES)}")
    if kind == "markdown":
        from .markdown import read_markdown

        return read_markdown(text, path)
    if kind == "text":
        from .text import read_text

        return read_text(text, path)
    if kind == "html":
        from .html import read_html

        return read_html(text, path, content)
    if kind == "pair":  # the Chinese, a line "=>", the English (procutext.bilingual.pair)
        from ..bilingual.pair import read_one_text_pair

        return read_one_text_pair(text, path)
    raise ValueError(f"unknown input kind {kind!r}: expected one of {', '.join(KINDS)}")
