"""gettext PO files, read with every character's offset (through the ``\\"``, ``\\n``, ``\\t``
… escapes), which polib does not give.

Each entry is one :class:`~procutext.bilingual.Segment` per ``msgstr`` (``msgstr[N]`` of a
plural entry: ``notes["plural"] = N``, its source the ``msgid`` for form 0 and the
``msgid_plural`` for the others), each ``msgstr`` its own block of the target text. The
header entry (``msgid ""``) is not a unit; its ``Language`` is the target language (not
English: :class:`NotEnglish`). ``state`` is ``"fuzzy"`` for an entry flagged fuzzy, else
None; the other flags are ``notes["flags"]``, ``msgctxt`` is ``Segment.id``. Obsolete
entries (``#~``) are not read. A string split over several lines is several pieces of one
text: a fix never crosses from one to the next.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from ...model import Document
from .. import Segment
from .common import Builder, FormatError, Lines, NotEnglish, error_at, escape_po, is_english, make_document, split_escapes

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[([0-9]+)\])?)[ \t]*")
_STRING = re.compile(r'"((?:[^"\\\r\n]|\\.)*)"[ \t]*$')
_ESCAPE = re.compile(r"\\(?:([\\\"ntrabfv?'])|([0-7]{1,3})|x([0-9a-fA-F]+))")
_ANY_ESCAPE = re.compile(r"\\(.)")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\", '"': '"',
           "?": "?", "'": "'"}
_LANGUAGE = re.compile(r"^Language:[ \t]*(\S*)", re.M)


def _decode(m: "re.Match[str]") -> str:
    if m.group(1):
        return _SIMPLE[m.group(1)]
    if m.group(2):
        return chr(int(m.group(2), 8))
    return chr(int(m.group(3), 16))


def decode_string(text: str, spans: list[tuple[int, int]]) -> str:
    return "".join(_ESCAPE.sub(_decode, text[s:e]) for s, e in spans)


class _Entry:
    __slots__ = ("start", "flags", "ctxt", "id", "plural", "strs", "field")

    def __init__(self, start: int, flags: list[str]) -> None:
        self.start = start
        self.flags = flags
        self.ctxt: list[tuple[int, int]] | None = None
        self.id: list[tuple[int, int]] | None = None
        self.plural: list[tuple[int, int]] | None = None
        self.strs: dict[int, list[tuple[int, int]]] = {}
        self.field: list[tuple[int, int]] | None = None


def read_po(text: str, path: str | None = None, options: Mapping[str, Any] | None = None) -> Document:
    """The target Document of a PO file (see the module docstring). Raises
    :class:`FormatError` (with line and column) or :class:`NotEnglish`."""
    lines = Lines(text)
    sb, tb = Builder(), Builder()
    segments: list[Segment] = []
    language: list[str] = []

    def error(offset: int, message: str) -> FormatError:
        return error_at(path, text, offset, "not a valid PO file", message)

    def finish(entry: _Entry | None) -> None:
        if entry is None:
            return
        if entry.id is None:
            if entry.ctxt is not None:
                raise error(entry.start, "msgctxt without msgid")
            return
        if not entry.strs:
            raise error(entry.start, "msgid without msgstr")
        if entry.ctxt is None and not language and not segments and decode_string(text, entry.id) == "":
            header = decode_string(text, entry.strs.get(0, []))
            m = _LANGUAGE.search(header)
            language.append(m.group(1) if m else "")
            return
        line, col = lines.at(entry.start)
        ctxt = decode_string(text, entry.ctxt) if entry.ctxt is not None else None
        fuzzy = "fuzzy" in entry.flags
        flags = [f for f in entry.flags if f != "fuzzy"]
        blocks = []
        for spans in (entry.id, entry.plural):
            if spans is None:
                continue
            sb.open_block(spans[0][0])
            a = sb.n
            for s, e in spans:
                split_escapes(sb, text, s, e, _ESCAPE, _decode)
            sb.close_block(spans[-1][1])
            blocks.append((a, sb.n))
        for idx in sorted(entry.strs):
            spans = entry.strs[idx]
            tb.open_block(spans[0][0])
            c = tb.n
            for s, e in spans:
                split_escapes(tb, text, s, e, _ESCAPE, _decode)
            tb.close_block(spans[-1][1])
            a, b = blocks[min(idx, len(blocks) - 1)]
            notes: dict[str, Any] = {}
            if entry.plural is not None:
                notes["plural"] = idx
            if flags:
                notes["flags"] = flags
            segments.append(Segment(ctxt, a, b, c, tb.n, line, col, "fuzzy" if fuzzy else None, notes=notes))

    entry: _Entry | None = None
    flags: list[str] = []
    pos, n = 0, len(text)
    while pos < n:
        end = text.find("\n", pos)
        end = n if end == -1 else end
        nxt = end + 1
        if end > pos and text[end - 1] == "\r":
            end -= 1
        i = pos
        while i < end and text[i] in " \t":
            i += 1
        if i == end:  # a blank line ends an entry
            if entry is not None and entry.strs:
                finish(entry)
                entry = None
        elif text[i] == "#":
            if entry is not None and entry.strs:
                finish(entry)
                entry = None
            mark = text[i + 1:i + 2]
            if mark == "~":  # obsolete entry: not read, and its comments go with it
                flags = []
                if entry is not None and entry.id is None:
                    entry = None
            elif mark == ",":
                flags.extend(f.strip() for f in text[i + 2:end].split(",") if f.strip())
        elif text[i] == '"':
            if entry is None or entry.field is None:
                raise error(i, "a string continues no msgid or msgstr")
            entry.field.append(_string(text, i, end, error))
        else:
            m = _KEYWORD.match(text, i, end)
            if not m:
                word = re.match(r"\S+", text[i:end])
                raise error(i, f"unknown keyword {word.group() if word else text[i:end]!r}")
            key = m.group(1)
            if m.end() >= end or text[m.end()] != '"':
                raise error(m.end(), f"{key} needs a quoted string")
            spans = [_string(text, m.end(), end, error)]
            if key == "msgctxt" or key == "msgid":
                if entry is not None and entry.strs:
                    finish(entry)
                    entry = None
                if entry is not None and entry.id is not None:
                    raise error(entry.start, "msgid without msgstr")
                if entry is not None and key == "msgctxt" and entry.ctxt is not None:
                    raise error(i, "msgctxt twice")
                if entry is None:
                    entry = _Entry(i, flags)
                    flags = []
                if key == "msgctxt":
                    entry.ctxt = spans
                else:
                    entry.id = spans
            elif entry is None or entry.id is None:
                raise error(i, f"{key} without msgid")
            elif key == "msgid_plural":
                if entry.strs or entry.plural is not None:
                    raise error(i, "msgid_plural after msgstr, or twice")
                entry.plural = spans
            else:
                idx = int(m.group(2)) if m.group(2) is not None else 0
                if (m.group(2) is None) != (entry.plural is None):
                    raise error(i, "msgstr[N] belongs to an entry with msgid_plural, plain msgstr to one without")
                if idx in entry.strs:
                    raise error(i, f"{key} twice in one entry")
                entry.strs[idx] = spans
            entry.field = spans
        pos = nxt
    finish(entry)
    if language and not is_english(language[0]):
        raise NotEnglish(path or "-", f"not checked: its Language is {language[0]}; procutext checks English targets")
    return make_document(path, "po", text, tb, sb, segments, escape_po, target_lang=(language[0] if language and
                                                                                       language[0] else "en"))


def _string(text: str, at: int, end: int, error) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The content span of the quoted string at ``text[at]`` (a ``"``), which must end the line."""
    m = _STRING.match(text, at, end)
    if not m:
        close = re.compile(r'"((?:[^"\\\r\n]|\\.)*)"').match(text, at, end)
        if close is None:
            raise error(at, "unterminated string")
        raise error(close.end(), "text after the closing quote")
    for e in _ANY_ESCAPE.finditer(text, m.start(1), m.end(1)):
        if not _ESCAPE.match(text, e.start(), m.end(1)):
            raise error(e.start(), f"unknown escape \\{e.group(1)}")
    return m.start(1), m.end(1)
