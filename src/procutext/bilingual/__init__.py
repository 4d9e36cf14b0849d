"""Bilingual documents: an English target checked against its Chinese source.

A bilingual reader (a file pair ``a.zh.txt`` / ``a.en.txt``, XLIFF 1.2/2.0, TMX, PO, CSV/TSV,
JSONL) gives an ordinary :class:`procutext.model.Document` for the **target**: its ``text``
is the units' target texts, one block each, with an offset map into the file (inline codes
are never text; an edit that would cross one is withheld, as in HTML), so that every English
rule runs on it unchanged and every finding points into the file. The reader attaches a
:class:`Bilingual` as ``Document.bilingual``: the source texts and the :class:`Segment`
pairing each unit's source with its target. The bilingual rules (PT7xx) read it; the other
rules never do.

A bilingual finding carries, besides its target span, a :class:`SourceRef`: the span of the
source text it is about, with the source's own file, line and column.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from ..model import OffsetMap


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a bilingual finding's source text is: ``path`` (the source file of a pair, or
    the bilingual file itself), offsets into :attr:`Bilingual.source_text`, the 1-based line
    and column in that file (columns in code points) and the text."""

    path: Optional[str]
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "text": self.text, "start_offset": self.start,
                "end_offset": self.end}


@dataclass(slots=True)
class Segment:
    """One translation unit: an XLIFF ``trans-unit``/``segment`` (or one ``<mrk>`` of a
    ``<seg-source>``), a TMX ``tu``, a PO entry, a CSV/JSONL row, or one paragraph of a file
    pair. ``target_start``/``target_end`` span its target in the target Document's text,
    ``source_start``/``source_end`` its source in :attr:`Bilingual.source_text`. ``line`` and
    ``column`` are where the unit starts in the file. ``state`` is the unit's translation
    state where the format has one (XLIFF ``state``, PO ``fuzzy``)."""

    id: Optional[str]
    source_start: int
    source_end: int
    target_start: int
    target_end: int
    line: int = 0
    column: int = 0
    state: Optional[str] = None
    #: how sure the pairing of source and target is (1.0 for units of a bilingual file;
    #: the aligner's confidence for the paragraphs of a file pair); checks that depend on
    #: the pairing are muted below :data:`MIN_CONFIDENCE`
    confidence: float = 1.0
    notes: dict = field(default_factory=dict)


#: below this alignment confidence, checks that compare a source with its target are muted
MIN_CONFIDENCE = 0.5


class Bilingual:
    """The source side of a bilingual document.

    ``source_text`` holds every unit's source (blocks separated by a blank line);
    ``source_map`` maps its offsets into ``source_file_text`` (None when they are the same
    text, as for a file pair's Chinese file); ``source_path`` names that file (the bilingual
    file itself for XLIFF, TMX, PO, CSV and JSONL)."""

    __slots__ = ("source_text", "source_map", "source_path", "source_file_text", "segments",
                 "source_lang", "target_lang", "_file_line_starts", "memo")

    def __init__(
        self,
        source_text: str,
        segments: list[Segment],
        *,
        source_map: "OffsetMap | None" = None,
        source_path: Optional[str] = None,
        source_file_text: Optional[str] = None,
        source_lang: str = "zh",
        target_lang: str = "en",
    ) -> None:
        self.source_text = source_text
        self.segments = segments
        self.source_map = source_map
        self.source_path = source_path
        self.source_file_text = source_text if source_file_text is None else source_file_text
        self.source_lang = source_lang
        self.target_lang = target_lang
        self._file_line_starts: list[int] | None = None
        self.memo: dict = {}

    def source_of(self, seg: Segment) -> str:
        return self.source_text[seg.source_start:seg.source_end]

    def _file_offset(self, offset: int, end: bool = False) -> int:
        return offset if self.source_map is None else self.source_map.to_file(offset, end=end)

    def _file_position(self, file_offset: int) -> tuple[int, int]:
        if self._file_line_starts is None:
            from ..model import line_starts

            self._file_line_starts = line_starts(self.source_file_text)
        starts = self._file_line_starts
        i = bisect.bisect_right(starts, file_offset) - 1
        return i + 1, file_offset - starts[i] + 1

    def source_ref(self, start: int, end: int) -> SourceRef:
        """The :class:`SourceRef` of ``source_text[start:end]``."""
        fs, fe = self._file_offset(start), self._file_offset(end, end=True)
        (line, col), (eline, ecol) = self._file_position(fs), self._file_position(max(fs, fe))
        return SourceRef(self.source_path, start, end, line, col, eline, ecol, self.source_text[start:end])
