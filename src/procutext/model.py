"""The data model shared by rules, the fixer and the reporters.

Offsets are indices into :attr:`Document.text` (Python ``str`` indices, i.e. Unicode code
points). Lines and columns are 1-based, columns counted in code points.
"""

from __future__ import annotations

import bisect
import enum
import re
from dataclasses import dataclass, field
from typing import Any, Callable


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


class Document:
    """English text as the rules see it, plus a map back to the original file.

    ``text`` has the same length as ``source`` for the plain-text and Markdown readers:
    parts that are not prose (code, URLs, link targets, HTML) are replaced character by
    character with :data:`MASK`, so every offset is also an offset into ``source``.
    """

    MASK = "\ue000"

    __slots__ = ("text", "source", "path", "kind", "_line_starts", "memo", "suppressions")

    def __init__(
        self,
        text: str,
        *,
        source: str | None = None,
        path: str | None = None,
        kind: str = "text",
        suppressions: "Suppressions | None" = None,
    ) -> None:
        if "\r" in text:
            # a lone CR ends a line as LF and CRLF do: the rules see it as LF (same length)
            text = _LONE_CR.sub("\n", text)
        self.text = text
        self.source = text if source is None else source
        if len(self.source) != len(self.text):
            raise ValueError("masked text and source must have the same length")
        self.path = path
        self.kind = kind
        self._line_starts: list[int] | None = None
        self.memo: dict[str, Any] = {}
        self.suppressions = suppressions

    # -- positions -------------------------------------------------------------------
    @property
    def line_starts(self) -> list[int]:
        """Offsets where lines start; CR, LF and CRLF each end a line."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.source)
        return self._line_starts

    def position(self, offset: int) -> Position:
        starts = self.line_starts
        idx = bisect.bisect_right(starts, offset) - 1
        return Position(idx + 1, offset - starts[idx] + 1)

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line's content, without its line terminator."""
        starts = self.line_starts
        start = starts[line - 1]
        if line < len(starts):
            end = starts[line] - 1
            if end > start and self.source[end] == "\n" and self.source[end - 1] == "\r":
                end -= 1
        else:
            end = len(self.source)
        return start, end

    def cached(self, key: str, compute: Callable[["Document"], Any]) -> Any:
        """Share one analysis (quote pairing, line classes) between rules."""
        try:
            return self.memo[key]
        except KeyError:
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
