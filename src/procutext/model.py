"""The data model shared by rules, the fixer and the reporters.

Offsets are indices into :attr:`Document.text` (Python ``str`` indices, i.e. Unicode code
points). Lines and columns are 1-based, columns counted in code points.
"""

from __future__ import annotations

import bisect
import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .bilingual import Bilingual


class Severity(enum.IntEnum):
    """How serious a finding is. Ordered so that ``>=`` compares with a fail level."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r}: expected one of info, warning, error"
            ) from None


class Applicability(str, enum.Enum):
    """Whether an edit may be applied without review."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (an insertion when start == end)."""

    start: int
    end: int
    replacement: str
    applicability: Applicability = Applicability.SAFE

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


@dataclass(slots=True)
class Finding:
    """One reported problem.

    ``start``/``end`` are offsets into the checked text; ``line``/``column`` and
    ``end_line``/``end_column`` are 1-based (columns in code points) and are filled in by
    :func:`procutext.check` from the document's offset map.
    """

    code: str
    name: str
    message: str
    severity: Severity
    start: int
    end: int
    edit: Edit | None = None
    suggestions: tuple[str, ...] = ()
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    path: str | None = None
    #: the checked text the finding covers (filled in by :func:`procutext.check`)
    matched: str = ""
    #: what the rule based the finding on, for scripts: for glossary findings the entry
    #: (``zh``, ``en``, ``wrong``, ``source``), for place findings the division (``code``,
    #: ``zh``, ``en``). Keys are documented with each rule family; ``None`` when there is
    #: nothing beyond the message.
    data: dict[str, Any] | None = None
    #: the finding's span as offsets into the file the document was read from (filled in by
    #: :func:`procutext.check`; -1 until then): the same as ``start``/``end`` for plain text
    #: and Markdown, offsets into the markup for HTML
    file_start: int = -1
    file_end: int = -1
    #: why the rule's fix was not kept (e.g. it would cross HTML markup); the message says so too
    fix_withheld: str | None = None
    #: for a bilingual finding, the source text it is about (:class:`procutext.bilingual.SourceRef`)
    source: Any = None

    @property
    def fixable(self) -> bool:
        """Whether the finding carries an edit (safe or unsafe)."""
        return self.edit is not None

    @property
    def safe_fix(self) -> bool:
        """Whether the finding carries a safe edit (applied by ``fix`` without ``unsafe``)."""
        return self.edit is not None and self.edit.applicability is Applicability.SAFE

    @property
    def doc(self) -> str:
        """Where the rule's documentation is: ``procutext rule CODE`` prints it, and
        ``docs/rules.md#CODE`` (lower-case code) holds the same text in the repository."""
        return f"docs/rules.md#{self.code.lower()}"

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.code)

    def __str__(self) -> str:
        """The concise CLI line: ``path:line:col: CODE [*] message``."""
        from .reporters import concise_line

        return concise_line(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in ``docs/json-format.md`` (version 2)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "matched": self.matched,
            "suggestions": list(self.suggestions),
            "data": self.data,
            "doc": self.doc,
            "source": self.source.to_dict() if self.source is not None else None,
            "fix": None,
        }


_LONE_CR = re.compile(r"\r(?!\n)")
_BREAK = re.compile(r"\r\n?|\n")


def line_starts(text: str) -> list[int]:
    """Offsets where the lines of ``text`` start; CR, LF and CRLF each end a line."""
    if "\r" not in text:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their terminators; CR, LF and CRLF each end a line
    (unlike ``str.splitlines``, form feeds and other separators do not)."""
    return _BREAK.split(text)


#: kinds of :class:`OffsetMap` segments
LITERAL, ATOM, FIXED = 0, 1, 2
#: a segment flag: the text comes from an attribute value (quotes in a replacement are escaped)
IN_ATTRIBUTE = 4


class OffsetPieces:
    """Text built piece by piece with its :class:`OffsetMap` segments: the readers that map
    a file's markup to text (HTML, the bilingual formats) push each piece with the file span
    it comes from and its kind; consecutive literal pieces of adjacent file spans share one
    segment. ``flag`` is or-ed into every kind (``IN_ATTRIBUTE`` for attribute text)."""

    __slots__ = ("pieces", "t", "fs", "fe", "kinds", "n", "flag")

    def __init__(self, flag: int = 0) -> None:
        self.pieces: list[str] = []
        self.t: list[int] = []
        self.fs: list[int] = []
        self.fe: list[int] = []
        self.kinds = bytearray()
        self.n = 0
        self.flag = flag

    def _push(self, text: str, fs: int, fe: int, kind: int) -> None:
        kind |= self.flag
        if kind & 3 == LITERAL and self.kinds and self.kinds[-1] == kind and self.fe[-1] == fs:
            self.fe[-1] = fe
        else:
            self.t.append(self.n)
            self.fs.append(fs)
            self.fe.append(fe)
            self.kinds.append(kind)
        self.pieces.append(text)
        self.n += len(text)


class OffsetMap:
    """Where each character of a document's text comes from in the file it was read from.

    The text is cut into segments, in text order, each with the span of the file it comes
    from and a kind:

    - ``LITERAL``: the characters are the file's characters, one for one;
    - ``ATOM``: the characters stand for the whole file span, which differs from them (an
      entity such as ``&amp;``, a run of white space collapsed to one space); an edit may
      replace the whole atom, never part of it;
    - ``FIXED``: characters with no editable source: the line breaks between blocks, which
      the markup implies, and a space that stands for white space on both sides of a tag.

    Segments of the main text follow the file's order; text read from attributes (``alt``,
    ``title``) comes after it. Offsets map in O(log n) by bisection.
    """

    __slots__ = ("t", "fs", "fe", "kinds", "length", "_by_file")

    def __init__(self, t: list[int], fs: list[int], fe: list[int], kinds: bytearray, length: int) -> None:
        self.t, self.fs, self.fe, self.kinds, self.length = t, fs, fe, kinds, length
        self._by_file: list[tuple[int, int]] | None = None

    def __len__(self) -> int:
        return len(self.t)

    def _seg(self, offset: int) -> int:
        return bisect.bisect_right(self.t, offset) - 1

    def _seg_end(self, k: int) -> int:
        return self.t[k + 1] if k + 1 < len(self.t) else self.length

    def to_file(self, offset: int, end: bool = False) -> int:
        """The file offset of text offset ``offset``: where the character at ``offset``
        starts (``end=False``), or where the character before ``offset`` ends (``end=True``,
        for the exclusive end of a span). An atom maps to its whole span."""
        if not self.t:
            return 0
        if end:
            if offset <= 0:
                return self.fs[0]
            k = self._seg(offset - 1)
            if self.kinds[k] & 3 == LITERAL:
                return self.fs[k] + offset - self.t[k]
            return self.fe[k]
        if offset >= self.length:
            return self.fe[-1] if self.kinds[-1] & 3 != FIXED else self.fs[-1]
        k = self._seg(max(0, offset))
        if self.kinds[k] & 3 == LITERAL:
            return self.fs[k] + offset - self.t[k]
        return self.fs[k]

    def to_text(self, file_offset: int) -> int:
        """The text offset of a file offset: the character it belongs to, or the next
        character of the text after it when it lies in markup."""
        if self._by_file is None:
            self._by_file = sorted((self.fs[k], k) for k in range(len(self.t)) if self.kinds[k] & 3 != FIXED)
        order = self._by_file
        i = bisect.bisect_right(order, (file_offset, len(self.t))) - 1
        if i >= 0:
            fs, k = order[i]
            if file_offset < self.fe[k] or (file_offset == fs):
                if self.kinds[k] & 3 == LITERAL:
                    return self.t[k] + file_offset - fs
                return self.t[k]
            if file_offset == self.fe[k]:
                return self._seg_end(k)
        if i + 1 < len(order):
            return self.t[order[i + 1][1]]
        return self.length

    def edit(self, start: int, end: int, replacement: str) -> "tuple[int, int, str] | str":
        """A text edit as a file edit ``(start, end, replacement)`` (the replacement escaped
        by :meth:`escape`), or the reason it cannot be made in the file."""
        t, kinds = self.t, self.kinds
        if start == end:  # an insertion between two characters
            if start > 0:
                k = self._seg(start - 1)
                if kinds[k] & 3 != FIXED:
                    if kinds[k] & 3 == LITERAL or self._seg_end(k) == start:
                        return self.to_file(start, end=True), self.to_file(start, end=True), self.escape(replacement, kinds[k])
            if start < self.length:
                k = self._seg(start)
                if kinds[k] & 3 != FIXED and (kinds[k] & 3 == LITERAL or t[k] == start):
                    p = self.to_file(start)
                    return p, p, self.escape(replacement, kinds[k])
            return "it would insert text between two blocks of the markup"
        k1, k2 = self._seg(start), self._seg(end - 1)
        for k in range(k1, k2 + 1):
            kind = kinds[k] & 3
            if kind == FIXED:
                return "it would cross markup (a line break or space that the tags make)"
            if kind == ATOM and (t[k] < start or self._seg_end(k) > end):
                return "it would change part of an entity or of collapsed white space"
            if k > k1 and self.fe[k - 1] != self.fs[k]:
                return "it would cross markup"
        return self.to_file(start), self.to_file(end, end=True), self.escape(replacement, kinds[k1])

    def escape(self, text: str, kind: int) -> str:
        """``text`` written as file text at a segment of ``kind``: escaped for HTML here (the
        bilingual formats' maps escape for XML, PO, CSV or JSON instead)."""
        return _escape(text, kind)

    def segments(self) -> list[tuple[int, int, int, int, int]]:
        """``(text_start, text_end, file_start, file_end, kind)`` of every segment (for tests)."""
        return [(self.t[k], self._seg_end(k), self.fs[k], self.fe[k], self.kinds[k]) for k in range(len(self.t))]


def _escape(text: str, kind: int) -> str:
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if kind & IN_ATTRIBUTE and ('"' in text or "'" in text):
        text = text.replace('"', "&quot;").replace("'", "&#39;")
    return text


@dataclass(frozen=True, slots=True)
class Block:
    """A span of a document's text with a kind other than running text: ``"alt"`` and
    ``"title"`` (attribute text, each its own short block at the end of the text), or
    ``"furniture"`` (text inside ``<nav>``, ``<footer>`` or an element whose class or id
    names a breadcrumb, menu, footer …; ``detail`` says which: ``breadcrumb``, ``control``,
    ``footer``, ``menu``, with the markup that made it, e.g. ``menu <nav>``)."""

    start: int
    end: int
    kind: str
    detail: str = ""


_MISSING = object()


class Document:
    """English text as the rules see it, plus a map back to the original file.

    - ``text``: what the rules check. Parts that are not prose (code, URLs, link targets,
      HTML in Markdown) are replaced character by character with :data:`MASK`.
    - ``source``: the same text unmasked (same length as ``text``).
    - ``original``: the file's text as read, which positions refer to. For plain text and
      Markdown it is ``source`` itself; for HTML it is the markup, and ``offsets`` (an
      :class:`OffsetMap`) says where each character of the text comes from in it.

    The lines of the text (``line_starts``, ``line_span``) are what line-based rules see;
    for HTML they are the lines the markup implies (blocks and ``<br>``), not the file's.
    ``position`` gives the line and column of a text offset in the file.
    """

    MASK = "\ue000"

    __slots__ = ("text", "source", "path", "kind", "_line_starts", "memo", "suppressions", "original",
                 "offsets", "blocks", "_file_starts", "_block_starts", "bilingual")

    def __init__(
        self,
        text: str,
        *,
        source: str | None = None,
        path: str | None = None,
        kind: str = "text",
        suppressions: "Suppressions | None" = None,
        original: str | None = None,
        offsets: OffsetMap | None = None,
        blocks: "tuple[Block, ...]" = (),
        bilingual: "Bilingual | None" = None,
    ) -> None:
        if "\r" in text:
            # a lone CR ends a line as LF and CRLF do: the rules see it as LF (same length)
            text = _LONE_CR.sub("\n", text)
        self.text = text
        self.source = text if source is None else source
        if len(self.source) != len(self.text):
            raise ValueError("masked text and source must have the same length")
        if offsets is None and original is not None and original != self.source:
            raise ValueError("a document whose original differs from its source needs an offset map")
        self.original = self.source if original is None else original
        self.offsets = offsets
        self.blocks = blocks
        self.path = path
        self.kind = kind
        self._line_starts: list[int] | None = None
        self._file_starts: list[int] | None = None
        self._block_starts: list[int] | None = None
        self.memo: dict[str, Any] = {}
        self.suppressions = suppressions
        #: the source side when the document is the target of a bilingual input
        #: (:mod:`procutext.bilingual`); None for monolingual English
        self.bilingual = bilingual

    # -- lines of the text -------------------------------------------------------------
    @property
    def line_starts(self) -> list[int]:
        """Offsets where the lines of the text start; CR, LF and CRLF each end a line."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.source)
        return self._line_starts

    def line_span(self, line: int) -> tuple[int, int]:
        """Text offsets of a 1-based line's content, without its line terminator."""
        starts = self.line_starts
        start = starts[line - 1]
        if line < len(starts):
            end = starts[line] - 1
            if end > start and self.source[end] == "\n" and self.source[end - 1] == "\r":
                end -= 1
        else:
            end = len(self.source)
        return start, end

    # -- positions in the file ---------------------------------------------------------
    @property
    def file_line_starts(self) -> list[int]:
        """Offsets where the lines of ``original`` start (the text's own for plain text)."""
        if self.offsets is None:
            return self.line_starts
        if self._file_starts is None:
            self._file_starts = line_starts(self.original)
        return self._file_starts

    def file_offset(self, offset: int, end: bool = False) -> int:
        """The offset in ``original`` of a text offset (see :meth:`OffsetMap.to_file`)."""
        return offset if self.offsets is None else self.offsets.to_file(offset, end)

    def text_offset(self, file_offset: int) -> int:
        """The text offset of an offset in ``original`` (see :meth:`OffsetMap.to_text`)."""
        return file_offset if self.offsets is None else self.offsets.to_text(file_offset)

    def file_position(self, file_offset: int) -> Position:
        """Line and column (1-based, code points) of an offset in ``original``."""
        starts = self.file_line_starts
        idx = bisect.bisect_right(starts, file_offset) - 1
        return Position(idx + 1, file_offset - starts[idx] + 1)

    def position(self, offset: int, end: bool = False) -> Position:
        """Line and column in the file of a text offset (``end=True`` for a span's end)."""
        return self.file_position(self.file_offset(offset, end))

    # -- blocks ------------------------------------------------------------------------
    def block_at(self, offset: int) -> Block | None:
        """The :class:`Block` (alt or title text, furniture) holding ``offset``, if any."""
        if not self.blocks:
            return None
        if self._block_starts is None:
            self._block_starts = [b.start for b in self.blocks]
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def block_kind(self, offset: int) -> str:
        """``"text"`` (running text), ``"alt"``, ``"title"`` or ``"furniture"``."""
        b = self.block_at(offset)
        return "text" if b is None else b.kind

    def cached(self, key: str, compute: Callable[["Document"], Any]) -> Any:
        """Share one analysis (quote pairing, line classes) between rules."""
        value = self.memo.get(key, _MISSING)
        if value is _MISSING:
            value = self.memo[key] = compute(self)
        return value


@dataclass(slots=True)
class Suppressions:
    """Inline suppressions: per line, the set of codes switched off (``None`` = all)."""

    lines: dict[int, set[str] | None] = field(default_factory=dict)
    #: problems with the directives themselves ("line 3: unknown rule 'PT999' ...")
    warnings: list[str] = field(default_factory=list)

    def add(self, line: int, codes: set[str] | None) -> None:
        if codes is None:
            self.lines[line] = None
            return
        current = self.lines.get(line, set())
        if current is None:
            return
        current = set(current)
        current.update(codes)
        self.lines[line] = current

    def suppresses(self, line: int, code: str, name: str) -> bool:
        if line not in self.lines:
            return False
        codes = self.lines[line]
        if codes is None:
            return True
        return any(code.startswith(c) or c == name for c in codes)
