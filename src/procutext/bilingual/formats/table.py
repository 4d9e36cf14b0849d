"""Bilingual CSV and TSV: a header row names the columns, each later row is a unit.

The source column is ``source_field`` if given, else the first header (compared without
case) among :data:`SOURCE_NAMES`; the target column likewise (:data:`TARGET_NAMES`). A
table without both (or an empty one) is not checked: :class:`NotBilingual`, whose reason
quotes the header it has, so that a glossary or data table is never checked as a
translation by mistake nor passed as clean (the runner lists it as skipped). An ``id`` column gives ``Segment.id``, a
``state`` or ``status`` column ``Segment.state``.

Fields are read as Python's :mod:`csv` reads them (the ``excel`` and ``excel-tab``
dialects: a field that starts with a quote is quoted, ``""`` inside it is one quote, and it
may hold the delimiter and line breaks), but strictly: an unclosed quote or text after a
closing quote is an error with its line and column. A fix in a quoted field writes a quote
doubled; in an unquoted field, a fix that would need quotes is withheld.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from ...model import Document
from .. import Segment
from .common import (QUOTED, Builder, Lines, NotBilingual, error_at, escape_csv, escape_tsv, first_of, make_document,
                     split_escapes)

SOURCE_NAMES = ("zh", "zh-cn", "zh_cn", "zh-hans", "zh_hans", "source", "src", "chinese", "中文", "原文")
TARGET_NAMES = ("en", "en-us", "en_us", "en-gb", "en_gb", "target", "tgt", "translation", "english", "英文", "译文")
_QUOTE_PAIR = re.compile('""')
_DOUBLED = lambda m: '"'  # noqa: E731


def scan(text: str, delimiter: str, path: str | None, name: str) -> list[tuple[int, list[tuple[int, int, bool]]]]:
    """The rows of a CSV/TSV text: ``(row start, [(content start, content end, quoted), ...])``
    (blank lines are left out). Raises :class:`FormatError`."""
    quoted_field = re.compile(r'"((?:[^"]|"")*)"')
    plain_field = re.compile(r"[^" + re.escape(delimiter) + r"\r\n]*")
    rows: list[tuple[int, list[tuple[int, int, bool]]]] = []
    pos, n = 0, len(text)
    while pos < n:
        start = pos
        fields: list[tuple[int, int, bool]] = []
        while True:
            if pos < n and text[pos] == '"':
                m = quoted_field.match(text, pos)
                if m is None:
                    raise error_at(path, text, pos, f"not valid {name}", "a quoted field is not closed")
                fields.append((m.start(1), m.end(1), True))
                pos = m.end()
                if pos < n and text[pos] not in (delimiter, "\r", "\n"):
                    raise error_at(path, text, pos, f"not valid {name}",
                                   "text after the closing quote of a field (a quote inside a quoted field is "
                                   'written "")')
            else:
                m = plain_field.match(text, pos)
                fields.append((pos, m.end(), False))  # type: ignore[union-attr]
                pos = m.end()  # type: ignore[union-attr]
            if pos < n and text[pos] == delimiter:
                pos += 1
                continue
            break
        if pos < n and text[pos] == "\r":
            pos += 1
        if pos < n and text[pos] == "\n":
            pos += 1
        if not (len(fields) == 1 and fields[0][0] == fields[0][1] and not fields[0][2]):
            rows.append((start, fields))
    return rows


def _value(text: str, f: tuple[int, int, bool]) -> str:
    s, e, quoted = f
    return text[s:e].replace('""', '"') if quoted else text[s:e]


def read_table(text: str, path: str | None = None, options: Mapping[str, Any] | None = None, *,
               delimiter: str = ",") -> Document:
    """The target Document of a bilingual CSV (``delimiter=","``) or TSV (``"\\t"``) text."""
    kind, name = ("csv", "CSV") if delimiter == "," else ("tsv", "TSV")
    escaper = escape_csv if delimiter == "," else escape_tsv
    options = options or {}
    rows = scan(text, delimiter, path, name)
    if not rows:
        raise NotBilingual(path or "-", f"not checked: not a bilingual {name} file: it is empty (a header row naming "
                                        "the source and target columns comes first)")
    header_start, header = rows[0]
    names = [_value(text, f).strip() for f in header]
    index = {nm: i for i, nm in reversed(list(enumerate(names)))}
    src_name = _column(options.get("source_field"), SOURCE_NAMES, index, names, path, name, "source")
    tgt_name = _column(options.get("target_field"), TARGET_NAMES, index, names, path, name, "target")
    si, ti = index[src_name], index[tgt_name]
    id_col = first_of(("id",), index)
    state_col = first_of(("state", "status"), index)
    lines = Lines(text)
    sb, tb = Builder(), Builder()
    segments: list[Segment] = []
    for start, fields in rows[1:]:
        line, col = lines.at(start)
        end_of_row = fields[-1][1] + (1 if fields[-1][2] else 0)
        sb.open_block(fields[si][0] if si < len(fields) else end_of_row)
        a = sb.n
        if si < len(fields):
            _emit(sb, text, fields[si])
        b = sb.n
        tb.open_block(fields[ti][0] if ti < len(fields) else end_of_row)
        c = tb.n
        if ti < len(fields):
            _emit(tb, text, fields[ti])
        uid = _value(text, fields[index[id_col]]) if id_col is not None and index[id_col] < len(fields) else None
        state = _value(text, fields[index[state_col]]) if state_col is not None and index[state_col] < len(fields) \
            else None
        segments.append(Segment(uid or None, a, b, c, tb.n, line, col, state or None))
    return make_document(path, kind, text, tb, sb, segments, escaper, source_lang=_lang(src_name, "zh"),
                         target_lang=_lang(tgt_name, "en"))


def _emit(b: Builder, text: str, f: tuple[int, int, bool]) -> None:
    s, e, quoted = f
    if quoted:
        split_escapes(b, text, s, e, _QUOTE_PAIR, _DOUBLED, QUOTED)
        b.close_block(e)
    else:
        b.literal(text[s:e], s)
        b.close_block(e)


def _column(given: str | None, defaults: tuple[str, ...], index: dict[str, int], names: list[str],
            path: str | None, fmt: str, side: str) -> str:
    if given:
        hit = first_of((given,), index)
        if hit is None:
            raise NotBilingual(path or "-", f"not checked: not a bilingual {fmt} file: no {side} column {given!r} in "
                                            f"its header ({', '.join(repr(n) for n in names)})")
        return hit
    hit = first_of(defaults, index)
    if hit is None:
        flag = "--source-field" if side == "source" else "--target-field"
        raise NotBilingual(path or "-", f"not checked: not a bilingual {fmt} file: its header "
                                        f"({', '.join(repr(n) for n in names)}) names no {side} column (one of "
                                        f"{', '.join(defaults[:8])} …); name it with {flag}")
    return hit


def _lang(column: str, default: str) -> str:
    low = column.lower()
    return low.replace("_", "-") if low[:2] in ("zh", "en") and len(low) <= 7 else default
