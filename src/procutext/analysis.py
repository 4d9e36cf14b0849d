"""Analyses shared by several rules, computed once per document (see Document.cached)."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from .context import Context
    from .model import Document

HAN_RUN = regex.compile(r"\p{Han}+")
HAN_CHAR = regex.compile(r"\p{Han}")
LATIN_CHAR = regex.compile(r"[A-Za-z\u00c0-\u024f]")
BLANK_LINE = regex.compile(r"\n[ \t\r\u3000]*(?=\n)")


@dataclass(frozen=True, slots=True)
class LineClasses:
    """Which lines are Chinese segments (kept intact) in an otherwise English document."""

    chinese_starts: tuple[int, ...]
    chinese_ends: tuple[int, ...]
    han_lines: frozenset[int]  # 0-based indexes of lines with any Han character

    def is_chinese(self, offset: int) -> bool:
        i = bisect.bisect_right(self.chinese_starts, offset) - 1
        return i >= 0 and offset <= self.chinese_ends[i]


def _classify(doc: "Document", ctx: "Context") -> LineClasses:
    text = doc.text
    starts = doc.line_starts
    han_lines: set[int] = set()
    for m in HAN_RUN.finditer(text):
        first = bisect.bisect_right(starts, m.start()) - 1
        han_lines.add(first)
    if not han_lines:
        return LineClasses((), (), frozenset())
    total_han = total_latin = 0
    counts: dict[int, tuple[int, int, int, int]] = {}
    for li in han_lines:
        s, e = doc.line_span(li + 1)
        line = text[s:e]
        h = len(HAN_CHAR.findall(line))
        lat = len(LATIN_CHAR.findall(line))
        counts[li] = (s, e, h, lat)
        total_han += h
    if total_han * 4 > len(text):  # cheap upper bound before counting all Latin letters
        total_latin = len(LATIN_CHAR.findall(text))
    else:
        total_latin = total_han + 1
    chinese_doc = total_han > total_latin and total_han >= 40
    cs: list[int] = []
    ce: list[int] = []
    for li in sorted(counts):
        s, e, h, lat = counts[li]
        if h >= lat and (chinese_doc or h >= ctx.chinese_segment_min_han):
            cs.append(s)
            ce.append(e)
    return LineClasses(tuple(cs), tuple(ce), frozenset(han_lines))


def line_classes(doc: "Document", ctx: "Context") -> LineClasses:
    return doc.cached("line_classes", lambda d: _classify(d, ctx))


def paragraphs(doc: "Document") -> list[tuple[int, int]]:
    """Spans of blocks separated by blank lines."""

    def compute(d: "Document") -> list[tuple[int, int]]:
        spans = []
        pos = 0
        for m in BLANK_LINE.finditer(d.text):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(d.text)))
        return spans

    return doc.cached("paragraphs", compute)


# --------------------------------------------------------------------------- institutions

_APOS = r"['’]"
#: names and roles that only one kind of institution has (the keys are
#: procutext.glossary.ABOUT). Bare "court", "hospital" and
#: "police (officers)" are not among them: machine translation renders a procuratorate's 院 as
#: "court" or "hospital" and its 干警 (staff) as "police officers", so these words say nothing
#: about the institution a text is about.
INSTITUTION_CUES: dict[str, regex.Pattern[str]] = {
    "procuratorate": regex.compile(
        r"\b(?:procurat\w*|prosecut\w*|SPP)\b|检察",
        regex.I),
    "court": regex.compile(
        rf"\b(?:people{_APOS}?s\s+courts?|(?:intermediate|higher|high|supreme|maritime|internet|financial|"
        rf"intellectual\s+property|railway\s+transport|basic(?:-level)?)\s+(?:people{_APOS}?s\s+)?courts?"
        r"|judges?|judge\s+assistants?|judicial\s+committees?|adjudicat\w*|tribunals?|SPC"
        r"|(?:criminal|civil|administrative|comprehensive|juvenile|commercial)\s+(?:trial\s+)?(?:division|tribunal|chamber)s?"
        r"|trial\s+(?:division|chamber|management\s+office)s?"
        r"|court\s+(?:presidents?|clerks?|rulings?|verdicts?|hearings?|sessions?)"
        r"|president\s+of\s+the\s+(?:\w+\s+){0,3}court)\b|法院",
        regex.I),
    "public-security": regex.compile(
        r"\b(?:public\s+security\s+(?:bureaus?|sub-bureaus?|branch(?:es)?|organs?|authorit(?:y|ies)|"
        r"departments?|police|ministers?|ministry|stations?|brigades?|detachments?)"
        r"|ministry\s+of\s+public\s+security|MPS|PSBs?|police\s+(?:stations?|substations?|chiefs?|academ(?:y|ies))"
        r"|(?:traffic|criminal|immigration|border|armed|railway|forest|riot|patrol|special|entry-exit|"
        r"anti-fraud|community)\s+police)\b|公安|派出所",
        regex.I),
    # a text about a real hospital (its patients, doctors, wards), not about any of the three:
    # where a line or paragraph says so, the document's institution does not stand in for it
    "other": regex.compile(
        r"\b(?:patients?|outpatients?|inpatients?|doctors?|physicians?|nurses?|surgeons?|surger(?:y|ies)|surgical"
        r"|clinics?|wards?|hospitali[sz]ed|medical\s+(?:staff|school|team|records?|university))\b|医院",
        regex.I),
}


@dataclass(frozen=True, slots=True)
class Institutions:
    """Which institutions the parts of a document are about (see :func:`institutions`).

    ``at(start, end)`` is the set for the text around ``start``–``end`` (a match whose
    context is judged): the institutions named on its line outside the span itself; where
    the line names none, those its paragraph (block of lines between blank lines) names;
    where that names none either, the document's. The span's own words do not count: a
    wrong rendering under judgment ("provincial people's court" for a procuratorate) is no
    evidence of what the text is about."""

    cue_starts: tuple[int, ...]
    cues: tuple[tuple[int, int, str], ...]  # (start, end, institution), by start
    line_starts: tuple[int, ...]
    block_starts: tuple[int, ...]
    text_length: int
    document: frozenset[str]

    def _named(self, lo: int, hi: int, start: int, end: int) -> frozenset[str]:
        i = bisect.bisect_left(self.cue_starts, lo)
        j = bisect.bisect_left(self.cue_starts, hi)
        return frozenset(name for s, e, name in self.cues[i:j] if e <= start or s >= end)

    def at(self, start: int, end: int | None = None) -> frozenset[str]:
        end = start if end is None else end
        li = bisect.bisect_right(self.line_starts, start) - 1
        lo = self.line_starts[li] if li >= 0 else 0
        hi = self.line_starts[li + 1] if li + 1 < len(self.line_starts) else self.text_length
        found = self._named(lo, hi, start, end)
        if found:
            return found
        bi = bisect.bisect_right(self.block_starts, start) - 1
        lo = self.block_starts[bi] if bi >= 0 else 0
        hi = self.block_starts[bi + 1] if bi + 1 < len(self.block_starts) else self.text_length
        found = self._named(lo, hi, start, end)
        return found or self.document


def _institutions(doc: "Document") -> Institutions:
    text = doc.text
    total: Counter[str] = Counter()
    cues: list[tuple[int, int, str]] = []
    for name, cue in INSTITUTION_CUES.items():
        for m in cue.finditer(text):
            cues.append((m.start(), m.end(), name))
            total[name] += 1
    cues.sort()
    top = max(total.values(), default=0)
    # the document is about the institutions it names most: each with at least a third of
    # the cues of the most named one (a procuratorate's report that mentions the police once
    # is about the procuratorate; a trial report names the procuratorate and the court)
    document = frozenset(n for n, c in total.items() if 3 * c >= top)
    return Institutions(tuple(c[0] for c in cues), tuple(cues), tuple(doc.line_starts),
                        tuple(s for s, _ in paragraphs(doc)), len(text), document)


def institutions(doc: "Document") -> Institutions:
    """The institutions (``procuratorate``, ``court``, ``public-security``, or ``other``) that
    each line, paragraph and the whole of ``doc`` are about, from the names and roles only one
    of them has ("people's procuratorate", "prosecutors"; "Intermediate People's Court",
    "judges", "Criminal Trial Division"; "public security bureau", "police station", "traffic
    police"; for ``other``, a real hospital's patients, doctors and wards). A text that names
    none of them is about none."""
    return doc.cached("institutions", _institutions)
