"""Readers of bilingual files: XLIFF 1.2/2.0, TMX, PO, bilingual CSV/TSV and JSONL.

Each gives the target's :class:`~procutext.model.Document` (one block per unit, inline codes
never text) whose offset map points into the file, with ``Document.bilingual`` set (see
:mod:`procutext.bilingual`). Fixes therefore edit target text only, escaped for the format,
and everything else in the file stays as it was, byte for byte. Everything here is the
standard library plus defusedxml (MIT-compatible); translate-toolkit (GPL) is not needed.

=========  =====================================  =========================================
kind       suffixes                               module
=========  =====================================  =========================================
xliff      .xlf .xliff .sdlxliff .mqxliff         :mod:`.xliff`
tmx        .tmx                                   :mod:`.tmx`
po         .po .pot                               :mod:`.po`
csv, tsv   .csv / .tsv .tab                       :mod:`.table`
jsonl      .jsonl .ndjson                         :mod:`.jsonl`
=========  =====================================  =========================================

Reader options (``load_document(..., options=...)``, the ``--source-field``/``--target-field``
flags): ``source_field`` and ``target_field`` name the CSV/TSV columns or JSONL keys.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from ...model import Document
from .common import FormatError, NotBilingual, NotChecked, NotEnglish

__all__ = ["FormatError", "NotBilingual", "NotChecked", "NotEnglish", "read_bilingual", "decode_declared", "mark_edited",
           "DECLARED_KINDS"]

#: kinds whose files declare their encoding (an XML declaration, a PO header's charset)
DECLARED_KINDS = ("xliff", "tmx", "po")


def read_bilingual(text: str, kind: str, path: str | None = None,
                   options: Mapping[str, Any] | None = None) -> Document:
    """The target Document of a bilingual file of ``kind`` (see the table above)."""
    if kind == "xliff":
        from .xliff import read_xliff

        return read_xliff(text, path, options)
    if kind == "tmx":
        from .tmx import read_tmx

        return read_tmx(text, path, options)
    if kind == "po":
        from .po import read_po

        return read_po(text, path, options)
    if kind in ("csv", "tsv"):
        from .table import read_table

        return read_table(text, path, options, delimiter="," if kind == "csv" else "\t")
    if kind == "jsonl":
        from .jsonl import read_jsonl

        return read_jsonl(text, path, options)
    raise ValueError(f"not a bilingual kind: {kind!r}")


def mark_edited(kind: str, original: str, fixed: str, state: str, path: str | None = None) -> tuple[str, int, str | None]:
    """``fixed`` with the edited units marked ``state`` (XLIFF; see :func:`.xliff.mark_edited`),
    how many were marked, and a notice when the format has no state to set."""
    if kind != "xliff":
        return fixed, 0, (f"{path or '-'}: --mark-edited sets XLIFF states only; this {kind.upper()} file's units "
                          "are unmarked")
    from .xliff import mark_edited as mark

    text, n = mark(original, fixed, state, path)
    return text, n, None


_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_PO_CHARSET = re.compile(rb"""charset\s*=\s*([A-Za-z0-9._:-]+)""")


def declared_encoding(data: bytes, kind: str) -> tuple[str, str] | None:
    """``(label, where)`` of the encoding a file declares: the XML declaration (XLIFF, TMX) or
    the PO header's ``Content-Type`` charset; None if it declares none."""
    if kind in ("xliff", "tmx"):
        m = _XML_DECL.match(data[:512])
        return (m.group(1).decode("ascii"), "the XML declaration") if m else None
    if kind == "po":
        head = data[:4096]
        i = head.find(b'msgid ""')
        if i < 0:
            return None
        m = _PO_CHARSET.search(head, i)
        if m and m.group(1).upper() != b"CHARSET":
            return m.group(1).decode("ascii"), "the PO header"
    return None


def decode_declared(data: bytes, path: str, kind: str, encoding: str | None = None):  # type: ignore[no-untyped-def]
    """Decode a bilingual file: a BOM wins; then ``encoding`` if named (not ``auto``); then
    the encoding the file declares (:func:`declared_encoding`); then UTF-8 (``auto``: detection).
    Raises InputError."""
    import dataclasses

    from ... import charsets
    from ...files import BOMS, InputError, decode

    if any(data.startswith(mark) for mark, _ in BOMS) or (encoding and encoding.strip().lower() != "auto"):
        return decode(data, path, encoding)
    declared = declared_encoding(data, kind)
    if declared is None or b"\x00" in data[:64]:
        return decode(data, path, encoding)
    label, where = declared
    try:
        codec = charsets.canonical(label)
    except LookupError:
        raise InputError(path, f"{where} declares an unknown encoding {label!r}; pass --encoding") from None
    if codec in ("utf-16", "utf-32"):  # declared without a BOM: let the NUL pattern decide
        return decode(data, path, encoding)
    tf = decode(data, path, codec)
    return dataclasses.replace(tf, declared_by="meta", declaration=f"{label} by {where}")
