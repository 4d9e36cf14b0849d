"""Readers turn file contents into a Document the rules can check."""

from __future__ import annotations

from pathlib import PurePath

from ..model import Document

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
KINDS = ("text", "markdown")


def kind_for_path(path: str | PurePath | None) -> str:
    if path is None:
        return "text"
    return "markdown" if PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES else "text"


def load_document(text: str, kind: str | None = None, path: str | None = None) -> Document:
    kind = kind or kind_for_path(path)
    if kind == "markdown":
        from .markdown import read_markdown

        return read_markdown(text, path)
    if kind == "text":
        from .text import read_text

        return read_text(text, path)
    raise ValueError(f"unknown input kind {kind!r}: expected one of {', '.join(KINDS)}")
