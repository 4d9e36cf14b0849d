"""A file pair: an English file checked against its Chinese original.

``procutext check --source article.zh.txt article.en.txt`` reads the English file exactly as
a monolingual check does (plain text or Markdown, the same positions, the same fixes) and
attaches the Chinese file as ``Document.bilingual`` (:class:`PairBilingual`): its text, its
path, and the segments of an alignment (:mod:`procutext.bilingual.align`), made on first use
with the glossary and gazetteer of the check's context and kept with its confidence.

When a directory is walked, ``NAME.zh.EXT`` pairs with ``NAME.en.EXT`` (and with
``NAME.en_TAG.EXT`` / ``NAME.en-TAG.EXT``, a second translation such as ``en_alt`` or
``en-GB``): :func:`pair_files` takes the Chinese file out of the files to check and makes
it the source of each of its English files. The extensions may differ (``a.zh.txt`` with
``a.en.md``).

For rule examples and scripts, one text can hold both sides: the Chinese, a line ``=>``
(:data:`PAIR_SEPARATOR`), the English (``procutext.check(text, kind="pair")``). The target
Document's text is then the whole text with the Chinese and the separator masked, so that
positions and fixes are those of the whole text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Optional

from . import Bilingual, Segment

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document
    from .align import Alignment, Anchors

#: the line between the Chinese and the English of a one-text pair (kind ``"pair"``)
PAIR_SEPARATOR = "\n=>\n"
_SEPARATOR_LINE = re.compile(r"^=>$", re.M)


class PairError(ValueError):
    """A one-text pair without its separator line."""


@dataclass
class PairSource:
    """The Chinese file of a pair, read once: its path, its text as in the file, and the text
    the aligner reads (for HTML the page's text, with ``source_map`` into the markup). Each
    glossary/gazetteer pair's anchors of it are computed once too (a fix re-reads the English
    several times, never the Chinese)."""

    path: Optional[str]
    file_text: str
    text: str
    source_map: Any = None
    kind: str = "text"
    _anchors: dict = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, file_text: str, path: Optional[str] = None, kind: Optional[str] = None) -> "PairSource":
        from ..readers import kind_for_path, load_document

        kind = kind or kind_for_path(path)
        if kind == "text":
            return cls(path, file_text, file_text, None, kind)
        doc = load_document(file_text, kind, path)
        return cls(path, file_text, doc.source, doc.offsets, kind)

    def anchors(self, glossary: Any, gazetteer: Any) -> "Anchors":
        key = (id(glossary), id(gazetteer))
        got = self._anchors.get(key)
        if got is None or got[0] is not glossary or got[1] is not gazetteer:
            from .align import Anchors

            got = self._anchors[key] = (glossary, gazetteer, _CachedAnchors(glossary, gazetteer))
        return got[2]


class _CachedAnchors:
    """:class:`procutext.bilingual.align.Anchors` that keeps the last Chinese text's anchors."""

    def __init__(self, glossary: Any, gazetteer: Any) -> None:
        from .align import Anchors

        self.inner = Anchors(glossary, gazetteer)
        self._zh: tuple[str, list] | None = None

    def zh(self, text: str) -> list:
        if self._zh is None or self._zh[0] is not text and self._zh[0] != text:
            self._zh = (text, self.inner.zh(text))
        return self._zh[1]

    def en(self, text: str) -> list:
        return self.inner.en(text)


class PairBilingual(Bilingual):
    """The Chinese side of a file pair. :attr:`segments` is empty until :meth:`ensure` aligns
    the two texts (the bilingual rules call it with their context; the runner calls it for
    ``--verbose``): one :class:`Segment` per bead, ``notes["bead"]`` its kind ("1:1", "1:0",
    "2:1" …) and ``confidence`` its posterior probability."""

    __slots__ = ("pair_source", "target_doc", "target_start", "alignment", "_aligned_for")

    def __init__(self, source: PairSource, target_doc: "Document", target_start: int = 0) -> None:
        super().__init__(source.text, [], source_map=source.source_map, source_path=source.path,
                         source_file_text=source.file_text)
        self.pair_source = source
        self.target_doc = target_doc
        self.target_start = target_start
        self.alignment: "Alignment | None" = None
        self._aligned_for: tuple[int, int] | None = None

    def ensure(self, ctx: "Context | None" = None) -> list[Segment]:
        """Align the two texts with the glossary and gazetteer of ``ctx`` (the shipped ones
        without it), once; the segments."""
        from ..context import DEFAULT_CONTEXT
        from .align import align

        ctx = ctx or DEFAULT_CONTEXT
        glossary, gazetteer = ctx.get_glossary(), ctx.get_gazetteer()
        key = (id(glossary), id(gazetteer))
        if self._aligned_for == key:
            return self.segments
        doc = self.target_doc
        t0 = self.target_start
        target = doc.text[t0:]
        anchors = self.pair_source.anchors(glossary, gazetteer)
        a = align(self.source_text, target, anchors=anchors)
        self.alignment = a
        segments = []
        for k, b in enumerate(a.beads):
            ts, te = b.target[0] + t0, b.target[1] + t0
            p = doc.position(ts)
            segments.append(Segment(str(k + 1), b.source[0], b.source[1], ts, te, p.line, p.column,
                                    confidence=b.confidence, notes={"bead": b.kind, "mode": a.mode}))
        self.segments = segments
        self._aligned_for = key
        return segments

    def summary(self) -> dict:
        """How the texts were aligned, for ``--verbose`` and scripts: mode, beads, overall
        confidence, beads below :data:`procutext.bilingual.MIN_CONFIDENCE`."""
        if self.alignment is None:
            return {}
        return self.alignment.summary()


def segments(doc: "Document", ctx: "Context | None" = None) -> list[Segment]:
    """The segments of a bilingual document, aligning a file pair first; [] for English."""
    bi = doc.bilingual
    if bi is None:
        return []
    ensure = getattr(bi, "ensure", None)
    if ensure is not None:
        return ensure(ctx)
    return bi.segments


def read_pair(target_text: str, source: PairSource, kind: Optional[str] = None, path: Optional[str] = None,
              content: str = "all") -> "Document":
    """The English file's Document (read as :func:`procutext.readers.load_document` reads it)
    with ``source`` attached as its :class:`PairBilingual`."""
    from ..readers import load_document

    doc = load_document(target_text, kind, path, content)
    doc.bilingual = PairBilingual(source, doc)
    return doc


def read_one_text_pair(text: str, path: Optional[str] = None) -> "Document":
    """A Document of kind ``"pair"``: ``text`` holds the Chinese, a line ``=>`` and the English
    (plain text). The Chinese and the separator are masked in the Document's text, so that
    English rules see only the English and positions are the whole text's."""
    from ..model import Document
    from ..readers.text import mask_spans, url_spans

    m = _SEPARATOR_LINE.search(text)
    if m is None:
        raise PairError("a pair text needs a line '=>' between the Chinese and the English")
    i = max(0, m.start() - 1)  # the Chinese ends before the separator's line break
    t0 = min(len(text), m.end() + 1)
    spans = [(0, m.end())] + [(s + t0, e + t0) for s, e in url_spans(text[t0:])]
    doc = Document(mask_spans(text, spans), source=text, path=path, kind="pair")
    src = PairSource(path, text, text[:i] if m.start() else "", None, "text")
    doc.bilingual = PairBilingual(src, doc, target_start=t0)
    return doc


# -- pairing files found by discovery ------------------------------------------------------------
_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>zh|en)(?:[_-](?P<tag>[A-Za-z0-9]+))?(?P<ext>\.[^.]+)$")


def pair_name(path: str) -> Optional[tuple[str, str, str]]:
    """``(directory/stem, lang, tag)`` of a ``stem.zh.ext`` / ``stem.en[_tag].ext`` file name;
    None for other names. Chinese takes no tag (``a.zh_old.txt`` pairs with nothing)."""
    d, name = os.path.split(path)
    m = _NAME.match(name)
    if not m or (m.group("lang") == "zh" and m.group("tag")):
        return None
    return os.path.join(d, m.group("stem")), m.group("lang"), m.group("tag") or ""


def pair_files(files: Iterable[str]) -> tuple[list[str], dict[str, str]]:
    """The files to check and, for each English file with a Chinese partner, that partner:
    ``NAME.zh.*`` is the source of every ``NAME.en.*`` and ``NAME.en_TAG.*`` of the same
    directory found with it, and is then not checked itself. A Chinese file without an
    English partner stays in the list (checked as before); two Chinese files of one name
    (``a.zh.txt`` and ``a.zh.md``) pair with nothing."""
    files = list(files)
    zh: dict[str, list[str]] = {}
    for f in files:
        n = pair_name(f)
        if n and n[1] == "zh":
            zh.setdefault(n[0], []).append(f)
    sources: dict[str, str] = {}
    used: set[str] = set()
    for f in files:
        n = pair_name(f)
        if n and n[1] == "en":
            partners = zh.get(n[0], [])
            if len(partners) == 1:
                sources[f] = partners[0]
                used.add(partners[0])
    return [f for f in files if f not in used], sources
