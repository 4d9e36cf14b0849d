"""What the bilingual format readers share.

- :class:`Builder` collects one side's text (the targets, or the sources) unit by unit, one
  block each, with the :class:`procutext.model.OffsetMap` segments that say where every
  character comes from in the file: ``LITERAL`` for characters copied one for one, ``ATOM``
  for an escape or entity (``&amp;``, ``\\"``, ``""``, ``\\u00e9``) that stands for one
  character, ``FIXED`` for what the file does not hold as text (the blank line between two
  units, an inline placeholder such as ``<x/>``).
- :class:`FormatMap` is the offset map of a bilingual file: an edit is escaped for the
  format (XML, PO, CSV/TSV, JSON) or withheld with the reason.
- :func:`make_document` assembles the target :class:`~procutext.model.Document` with its
  :class:`~procutext.bilingual.Bilingual`.
- :class:`FormatError` (a bad file: line, column and why) and :class:`NotChecked` (a file
  read but deliberately not checked, listed as skipped with the reason: :class:`NotEnglish`,
  a target declared in another language; :class:`NotBilingual`, a table or JSON Lines file
  whose columns or keys are not a source and a target) are
  :class:`procutext.files.InputError`\\ s.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Iterable

from ...files import InputError
from ...model import ATOM, FIXED, LITERAL, Document, OffsetMap, OffsetPieces, line_starts
from .. import Bilingual, Segment

MASK = Document.MASK
#: what an inline placeholder (``<x/>``, ``<ph>``) is in the unmasked text (``Document.source``)
#: and in the source side: OBJECT REPLACEMENT CHARACTER
PLACEHOLDER = "\ufffc"

#: flags of offset-map segments, above model.IN_ATTRIBUTE (4)
RAW = 8  # characters of an XML CDATA section: written as they are
QUOTED = 16  # a quoted CSV/TSV field: a quote is written doubled

_NEWLINE_BLOCK = "\n\n"


class FormatError(InputError):
    """A bilingual file that cannot be read: ``reason`` says where (line and column) and why;
    ``line`` and ``column`` (1-based) are set when the problem has a place in the file."""

    line: int | None = None
    column: int | None = None


class NotChecked(InputError):
    """A bilingual file that is read but deliberately not checked: the runner lists it as
    skipped with ``reason``, and a run where nothing else was checked exits 2."""


class NotEnglish(NotChecked):
    """A bilingual file whose target language is declared and is not English."""


class NotBilingual(NotChecked):
    """A CSV, TSV or JSON Lines file whose header or keys name no source and target (a
    glossary, a data table): not a translation file, or one whose fields must be named
    (``--source-field``/``--target-field``)."""


class Unescapable(Exception):
    """An edit that cannot be written in the format; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# -- positions --------------------------------------------------------------------------------
class Lines:
    """Line and column (1-based, code points) of offsets into a file's text."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        self.starts = line_starts(text)

    def at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def error_at(path: str | None, text: str, offset: int, what: str, message: str) -> FormatError:
    """``path: not valid XLIFF: line 3, column 7: mismatched tag``."""
    line, col = Lines(text).at(max(0, min(offset, len(text))))
    e = FormatError(path or "-", f"{what}: line {line}, column {col}: {message}")
    e.line, e.column = line, col
    return e


def is_english(lang: str | None) -> bool:
    """Whether a language tag (``en``, ``en-US``, ``EN_gb``) is English; None counts as English
    (nothing declared)."""
    if not lang:
        return True
    return re.split(r"[-_@.]", lang.strip().lower(), maxsplit=1)[0] == "en"


def primary(lang: str | None) -> str:
    return re.split(r"[-_@.]", (lang or "").strip().lower(), maxsplit=1)[0]


# -- escaping ---------------------------------------------------------------------------------
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape_xml(text: str, kind: int) -> str:
    if _XML_BAD.search(text):
        raise Unescapable("it would write a character that XML 1.0 does not allow")
    if kind & RAW:  # a CDATA section: "]]>" would end it, also when made with the text around
        if "]" in text or ">" in text:
            raise Unescapable("it would write ']' or '>' into a CDATA section, which could end it")
        return text
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


_PO_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_PO_SPECIAL = re.compile(r'[\\"\n\t\r]')
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")


def escape_po(text: str, kind: int) -> str:
    if _CONTROL.search(text):
        raise Unescapable("it would write a control character into a PO string")
    return _PO_SPECIAL.sub(lambda m: _PO_ESCAPES[m.group()], text)


def _escape_table(delimiter: str, name: str) -> Callable[[str, int], str]:
    special = re.compile("[" + re.escape(delimiter) + '"\r\n]')

    def escape(text: str, kind: int) -> str:
        if kind & QUOTED:
            return text.replace('"', '""')
        if special.search(text):
            raise Unescapable(f"the {name} field is not quoted, and the fix would need quotes")
        return text

    return escape


escape_csv = _escape_table(",", "CSV")
escape_tsv = _escape_table("\t", "TSV")


def escape_json(text: str, kind: int) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)[1:-1]


class FormatMap(OffsetMap):
    """The offset map of a bilingual file: a replacement is escaped for the file's format,
    or the edit is withheld when it cannot be written there (an inline code copied into the
    replacement, a character the format cannot hold)."""

    __slots__ = ("escaper",)

    def __init__(self, t: list[int], fs: list[int], fe: list[int], kinds: bytearray, length: int,
                 escaper: Callable[[str, int], str]) -> None:
        super().__init__(t, fs, fe, kinds, length)
        self.escaper = escaper

    def escape(self, text: str, kind: int) -> str:
        if MASK in text or PLACEHOLDER in text:
            raise Unescapable("it would copy an inline code")
        return self.escaper(text, kind)

    def edit(self, start: int, end: int, replacement: str) -> "tuple[int, int, str] | str":
        try:
            return super().edit(start, end, replacement)
        except Unescapable as e:
            return e.reason


# -- building text with its map ---------------------------------------------------------------
class Builder(OffsetPieces):
    """One side's text (targets or sources), a block per unit, with its offset map.

    :meth:`open_block` starts a unit's block; text then comes as :meth:`literal` (the
    file's characters), :meth:`atom` (one escape or entity) and :meth:`placeholder` (an
    inline code that stands for something: a masked character). Blocks are separated by a
    blank line (``FIXED``). The separator after a block points at where the block's content
    ends in the file, so that an empty unit (an empty or missing target) has a position in
    the file: the offset where its text would be maps to its place in the file."""

    __slots__ = ("blocks", "last_end", "empty")

    def __init__(self) -> None:
        super().__init__()
        self.blocks = 0
        self.last_end = 0
        self.empty = True

    def open_block(self, at: int) -> int:
        """Start a unit's block whose content is at file offset ``at``; its text offset."""
        if self.blocks:
            self._push(_NEWLINE_BLOCK, self.last_end, self.last_end, FIXED)
        self.blocks += 1
        self.last_end = at
        self.empty = True
        return self.n

    def close_block(self, at: int) -> None:
        """The block's content ends at file offset ``at`` (where an empty one would be)."""
        self.last_end = at

    def literal(self, text: str, fs: int, flag: int = 0) -> None:
        if text:
            fe = fs + len(text)
            self._push(text, fs, fe, LITERAL | flag)
            self.last_end = fe
            self.empty = False

    def atom(self, text: str, fs: int, fe: int, flag: int = 0) -> None:
        if text:
            self._push(text, fs, fe, ATOM | flag)
            self.last_end = fe
            self.empty = False

    def fixed(self, text: str, at: int) -> None:
        """Text with no editable place in the file (an ignorable's source standing in for its
        missing target)."""
        if text:
            self._push(text, at, at, FIXED)
            self.empty = False

    def placeholder(self, fs: int, fe: int) -> None:
        """An inline code that stands for content (``<x/>``, ``<ph>…</ph>``): one masked
        character that maps to the code's whole span and that no edit may touch."""
        self._push(PLACEHOLDER, fs, fe, FIXED)
        self.last_end = fe
        self.empty = False

    def text(self) -> str:
        return "".join(self.pieces)

    def finish(self, escaper: Callable[[str, int], str]) -> tuple[str, FormatMap]:
        if self.blocks and self.empty:  # a last empty unit: give its offset a place in the file
            self._push("\n", self.last_end, self.last_end, FIXED)
        text = "".join(self.pieces)
        self.pieces = [text]
        return text, FormatMap(self.t, self.fs, self.fe, self.kinds, self.n, escaper)


def split_escapes(b: Builder, text: str, start: int, end: int, pattern: "re.Pattern[str]",
                  decode: Callable[["re.Match[str]"], str], flag: int = 0, shift: int = 0) -> None:
    """Add ``text[start:end]`` to ``b``: literal runs, and an atom for every match of
    ``pattern`` (an escape), whose character(s) ``decode`` gives. ``shift`` is the file
    offset of ``text[0]`` when ``text`` is a slice of the file (a JSON line)."""
    pos = start
    for m in pattern.finditer(text, start, end):
        if m.start() > pos:
            b.literal(text[pos:m.start()], pos + shift, flag)
        b.atom(decode(m), m.start() + shift, m.end() + shift, flag)
        pos = m.end()
    if pos < end:
        b.literal(text[pos:end], pos + shift, flag)


#: why a file without units is not checked: nothing in it would be, and it must not pass as clean
NO_UNITS = {
    "xliff": 'it has no translation unit to check (none, or all translate="no")',
    "tmx": "it has no <tu> translation unit",
    "po": "it has no entry besides the header",
    "csv": "it has a header row and no rows", "tsv": "it has a header row and no rows",
    "jsonl": "it has no line",
}


def make_document(
    path: str | None,
    kind: str,
    file_text: str,
    target: Builder,
    source: Builder,
    segments: list[Segment],
    escaper: Callable[[str, int], str],
    *,
    source_lang: str = "zh",
    target_lang: str = "en",
) -> Document:
    """The target's Document (URLs masked as in plain text, placeholders masked) with the
    :class:`Bilingual` source side; both sides map into ``file_text``. A file without units
    raises :class:`NotChecked`."""
    from ...readers.text import mask_spans, url_spans

    if not segments:
        raise NotChecked(path or "-", f"not checked: {NO_UNITS.get(kind, 'it has no units')}")
    raw, tmap = target.finish(escaper)
    text = raw.replace(PLACEHOLDER, MASK) if PLACEHOLDER in raw else raw
    masked = mask_spans(text, url_spans(text))
    src_text, smap = source.finish(escaper)
    bil = Bilingual(src_text, segments, source_map=smap, source_path=path, source_file_text=file_text,
                    source_lang=source_lang or "zh", target_lang=target_lang or "en")
    return Document(masked, source=raw, original=file_text, offsets=tmap, path=path, kind=kind, bilingual=bil)


def first_of(names: Iterable[str], available: dict[str, object]) -> str | None:
    """The first of ``names`` (compared without case) that is a key of ``available``; the key
    as spelt there."""
    lower = {k.lower(): k for k in available}
    for n in names:
        k = lower.get(n.lower())
        if k is not None:
            return k
    return None
