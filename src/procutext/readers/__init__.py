"""Readers turn file contents into a Document the rules can check."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, Mapping

from ..model import Document

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
#: bilingual files (:mod:`procutext.bilingual.formats`): their suffixes and kinds. A PO
#: template (.pot) is read as PO when named (its targets are all empty) but never walked.
BILINGUAL_SUFFIXES = {
    ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff", ".mqxliff": "xliff",
    ".tmx": "tmx",
    ".po": "po", ".pot": "po",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
BILINGUAL_KINDS = ("xliff", "tmx", "po", "csv", "tsv", "jsonl")
KINDS = ("text", "markdown", "html", *BILINGUAL_KINDS)
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
    return BILINGUAL_SUFFIXES.get(suffix, "text")


def load_document(text: str, kind: str | None = None, path: str | None = None, content: str = "all",
                  options: Mapping[str, Any] | None = None) -> Document:
    """The Document of ``text`` read as ``kind`` (default: by ``path``'s suffix, else text).
    ``content="main"`` keeps only an HTML page's article body (it needs ``procutext[content]``);
    it changes nothing for text and Markdown. A bilingual kind (XLIFF, TMX, PO, CSV, TSV,
    JSONL) gives the target's Document with ``bilingual`` set; ``options`` are its reader's
    (``source_field``/``target_field`` for CSV, TSV and JSONL), and a file that does not
    parse raises :class:`procutext.files.InputError` with the line and column."""
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
    if kind in BILINGUAL_KINDS:
        from ..bilingual.formats import read_bilingual

        return read_bilingual(text, kind, path, options)
    if kind == "pair":  # the Chinese, a line "=>", the English (procutext.bilingual.pair)
        from ..bilingual.pair import read_one_text_pair

        return read_one_text_pair(text, path)
    raise ValueError(f"unknown input kind {kind!r}: expected one of {', '.join(KINDS)}")
