"""Analyses shared by several rules, computed once per document (see Document.cached)."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex
from . import rx

if TYPE_CHECKING:
    from .context import Context
    from .model import Document

HAN_RUN = rx.compile(r"\p{Han}+")
HAN_CHAR = rx.compile(r"\p{Han}")
LATIN_CHAR = rx.compile(r"[A-Za-z\u00c0-\u024f]")
_EXTENDED_LATIN = rx.compile(r"[\u00c0-\u024f]")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
BLANK_LINE = rx.compile(r"\n[ \t\r\u3000]*(?=\n)")


@dataclass(frozen=True, slots=True)
class LineClasses:
    """Which lines are Chinese segments (kept intact) in an otherwise English document."""

    chinese_starts: tuple[int, ...]
    chinese_ends: tuple[int, ...]
    han_lines: frozenset[int]  # 0-based indexes of lines with any Han character
    #: the text is mostly Chinese (``lang = "zh"``, or more Han characters than Latin
    #: letters): the Chinese rules check its Chinese lines only then
    mostly_chinese: bool = False

    def is_chinese(self, offset: int) -> bool:
        i = bisect.bisect_right(self.chinese_starts, offset) - 1
        return i >= 0 and offset <= self.chinese_ends[i]


#: the rule families that run on Chinese text: with ``lang = "zh"`` the others (the English
#: rules) are not run at all (procutext.engine.run_rules)
CHINESE_FAMILIES = frozenset({"chinese"})


#: what opens and closes a Chinese sentence besides Han characters
_ZH_OPEN = frozenset("“‘《（【「『")
_ZH_CLOSE = frozenset("。！？；：，、”’》）】」』…")


def _framed_by_chinese(text: str, s: int, e: int) -> bool:
    """Whether the line ``text[s:e]`` begins with Chinese and ends as a Chinese sentence ends:
    a Chinese sentence that quotes English (检察官引用了格言：“Justice delayed is justice
    denied.”意思是……。) has more Latin letters than Han characters and is still Chinese; an
    English sentence with leftover Chinese ends as English sentences end."""
    line = text[s:e].strip()
    if not line:
        return False
    first, last = line[0], line[-1]
    return bool((first in _ZH_OPEN or HAN_CHAR.match(first)) and (last in _ZH_CLOSE or HAN_CHAR.match(last)))


def _classify(doc: "Document", ctx: "Context") -> LineClasses:
    text = doc.text
    starts = doc.line_starts
    han_lines: set[int] = set()
    for m in HAN_RUN.finditer(text):
        first = bisect.bisect_right(starts, m.start()) - 1
        han_lines.add(first)
    lang = ctx.lang
    if lang == "zh":  # the whole text is Chinese
        return LineClasses((0,), (len(text),), frozenset(han_lines), True)
    if not han_lines or lang == "en":
        return LineClasses((), (), frozenset(han_lines))
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
        if (h >= lat or _framed_by_chinese(text, s, e)) and (chinese_doc or h >= ctx.chinese_segment_min_han):
            cs.append(s)
            ce.append(e)
    return LineClasses(tuple(cs), tuple(ce), frozenset(han_lines), total_han > total_latin)


def line_classes(doc: "Document", ctx: "Context") -> LineClasses:
    """Which lines of ``doc`` are Chinese: the English rules skip them, the Chinese rules
    (procutext.rules.chinese) check only them.

    With ``ctx.lang == "auto"`` (the default) each line is judged on its own: a line with at
    least as many Han characters as Latin letters is Chinese when the document is mostly
    Chinese (more Han than Latin letters, and at least 40 Han characters), or when it has at
    least ``ctx.chinese_segment_min_han`` Han characters (a Chinese paragraph of a bilingual
    text); shorter Han runs in English text are leftovers (PT5xx), not Chinese text. A line
    is a paragraph in plain text as these sites publish it. ``"zh"`` makes the whole text
    Chinese and ``"en"`` none of it. The cost for English without Han is one scan for Han."""
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
    "procuratorate": rx.compile(
        r"\b(?:procurat\w*|prosecut\w*|SPP)\b|检察",
        regex.I),
    "court": rx.compile(
        rf"\b(?:people{_APOS}?s\s+courts?|(?:intermediate|higher|high|supreme|maritime|internet|financial|"
        rf"intellectual\s+property|railway\s+transport|basic(?:-level)?)\s+(?:people{_APOS}?s\s+)?courts?"
        r"|judges?|judge\s+assistants?|judicial\s+committees?|adjudicat\w*|tribunals?|SPC"
        r"|(?:criminal|civil|administrative|comprehensive|juvenile|commercial)\s+(?:trial\s+)?(?:division|tribunal|chamber)s?"
        r"|trial\s+(?:division|chamber|management\s+office)s?"
        r"|court\s+(?:presidents?|clerks?|rulings?|verdicts?|hearings?|sessions?)"
        r"|president\s+of\s+the\s+(?:\w+\s+){0,3}court)\b|法院",
        regex.I),
    "public-security": rx.compile(
        r"\b(?:public\s+security\s+(?:bureaus?|sub-bureaus?|branch(?:es)?|organs?|authorit(?:y|ies)|"
        r"departments?|police|ministers?|ministry|stations?|brigades?|detachments?)"
        r"|ministry\s+of\s+public\s+security|MPS|PSBs?|police\s+(?:stations?|substations?|chiefs?|academ(?:y|ies))"
        r"|(?:traffic|criminal|immigration|border|armed|railway|forest|riot|patrol|special|entry-exit|"
        r"anti-fraud|community)\s+police)\b|公安|派出所",
        regex.I),
    # a text about a real hospital (its patients, doctors, wards), not about any of the three:
    # where a line or paragraph says so, the document's institution does not stand in for it
    "other": rx.compile(
        r"\b(?:patients?|outpatients?|inpatients?|doctors?|physicians?|nurses?|surgeons?|surger(?:y|ies)|surgical"
        r"|clinics?|wards?|hospitali[sz]ed|medical\s+(?:staff|school|team|records?|university))\b|医院",
        regex.I),
}


#: what every match of each cue starts with (lower case): the text is searched for these with
#: one Aho-Corasick pass, and each cue's expression is tried only where one starts a word
#: (tests/test_institutions.py checks that this finds what the expressions find alone)
CUE_ANCHORS: dict[str, tuple[str, ...]] = {
    "procuratorate": ("procurat", "prosecut", "spp", "检察"),
    "court": ("people", "intermediate", "higher", "high", "supreme", "maritime", "internet", "financial",
              "intellectual", "railway", "basic", "judge", "judicial", "adjudicat", "tribunal", "spc",
              "criminal", "civil", "administrative", "comprehensive", "juvenile", "commercial", "trial",
              "court", "president", "法院"),
    "public-security": ("public", "ministry", "mps", "psb", "police", "traffic", "criminal", "immigration",
                        "border", "armed", "railway", "forest", "riot", "patrol", "special", "entry", "anti",
                        "community", "公安", "派出所"),
    "other": ("patient", "outpatient", "inpatient", "doctor", "physician", "nurse", "surgeon", "surger",
              "surgical", "clinic", "ward", "hospitali", "medical", "医院"),
}
_anchor_automaton = None


def _anchors():  # type: ignore[no-untyped-def]
    global _anchor_automaton
    if _anchor_automaton is None:
        import ahocorasick

        a = ahocorasick.Automaton()
        table: dict[str, list[str]] = {}
        for name, words in CUE_ANCHORS.items():
            for w in words:
                table.setdefault(w, []).append(name)
        for w, names in table.items():
            a.add_word(w, (len(w), tuple(names)))
        a.make_automaton()
        _anchor_automaton = a
    return _anchor_automaton


def folded(doc: "Document") -> str:
    """``doc.text`` as procutext.glossary.matcher.fold folds it (same length), once per document."""
    from .glossary.matcher import fold

    return doc.cached("folded", lambda d: fold(d.text))


def find_cues(text: str, folded_text: str | None = None) -> list[tuple[int, int, str]]:
    """Every cue of :data:`INSTITUTION_CUES` in ``text``, as ``(start, end, institution)``
    sorted by start: what ``finditer`` of each expression finds, found in one pass.
    ``folded_text`` is ``text`` folded, when the caller has it."""
    from .glossary.matcher import fold

    folded = fold(text) if folded_text is None else folded_text
    out: list[tuple[int, int, str]] = []
    seen: dict[str, int] = {}  # institution -> end of its last match (matches do not overlap)
    for end_idx, (length, names) in _anchors().iter(folded):
        start = end_idx - length + 1
        if start and folded[start - 1].isalnum() and not ("\u4e00" <= folded[start] <= "\u9fff"):
            continue  # inside a word
        for name in names:
            if start < seen.get(name, 0):
                continue
            m = INSTITUTION_CUES[name].match(text, start)
            if m is not None and m.end() > start:
                out.append((start, m.end(), name))
                seen[name] = m.end()
    out.sort()
    return out


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
    lines: dict[int, frozenset[str]]  # line index -> what its cues name (lines with cues only)
    blocks: dict[int, frozenset[str]]
    longest: int  # the longest cue

    def _named(self, lo: int, hi: int, start: int, end: int) -> frozenset[str]:
        i = bisect.bisect_left(self.cue_starts, lo)
        j = bisect.bisect_left(self.cue_starts, hi)
        return frozenset(name for s, e, name in self.cues[i:j] if e <= start or s >= end)

    def _overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.cue_starts, start - self.longest)
        j = bisect.bisect_left(self.cue_starts, max(end, start + 1))
        return any(e > start and s < max(end, start + 1) for s, e, _ in self.cues[i:j])

    def at(self, start: int, end: int | None = None) -> frozenset[str]:
        end = start if end is None else end
        exclude = self._overlaps(start, end)  # recount the line without the span's own words
        li = bisect.bisect_right(self.line_starts, start) - 1
        found = self.lines.get(li, frozenset())
        if found and exclude:
            lo = self.line_starts[li] if li >= 0 else 0
            hi = self.line_starts[li + 1] if li + 1 < len(self.line_starts) else self.text_length
            found = self._named(lo, hi, start, end)
        if found:
            return found
        bi = bisect.bisect_right(self.block_starts, start) - 1
        found = self.blocks.get(bi, frozenset())
        if found and exclude:
            lo = self.block_starts[bi] if bi >= 0 else 0
            hi = self.block_starts[bi + 1] if bi + 1 < len(self.block_starts) else self.text_length
            found = self._named(lo, hi, start, end)
        return found or self.document


def _institutions(doc: "Document") -> Institutions:
    text = doc.text
    cues = find_cues(text, folded(doc))
    total: Counter[str] = Counter(name for _, _, name in cues)
    top = max(total.values(), default=0)
    # the document is about the institutions it names most: each with at least a third of
    # the cues of the most named one (a procuratorate's report that mentions the police once
    # is about the procuratorate; a trial report names the procuratorate and the court)
    document = frozenset(n for n, c in total.items() if 3 * c >= top)
    line_starts = doc.line_starts
    block_starts = [s for s, _ in paragraphs(doc)]
    lines: dict[int, set[str]] = {}
    blocks: dict[int, set[str]] = {}
    for s, _e, name in cues:
        lines.setdefault(bisect.bisect_right(line_starts, s) - 1, set()).add(name)
        blocks.setdefault(bisect.bisect_right(block_starts, s) - 1, set()).add(name)
    return Institutions(tuple(c[0] for c in cues), tuple(cues), tuple(line_starts), tuple(block_starts),
                        len(text), document, {k: frozenset(v) for k, v in lines.items()},
                        {k: frozenset(v) for k, v in blocks.items()}, max((e - s for s, e, _ in cues), default=0))


def institutions(doc: "Document") -> Institutions:
    """The institutions (``procuratorate``, ``court``, ``public-security``, or ``other``) that
    each line, paragraph and the whole of ``doc`` are about, from the names and roles only one
    of them has ("people's procuratorate", "prosecutors"; "Intermediate People's Court",
    "judges", "Criminal Trial Division"; "public security bureau", "police station", "traffic
    police"; for ``other``, a real hospital's patients, doctors and wards). A text that names
    none of them is about none."""
    return doc.cached("institutions", _institutions)


# -- line features (page furniture by layout) -------------------------------------------

#: what ends a sentence: prose lines end with one of these (after closing quotes/brackets)
SENTENCE_END = frozenset(".!?。！？…")
_CLOSERS = "\"'”’)）]】»"


@dataclass(frozen=True, slots=True)
class LineInfo:
    """One non-blank line of a document, with the features the layout rules look at.

    ``start``/``end`` span the stripped content in the document's text; ``index`` is the
    line's place among the non-blank lines (so ``infos[i - 1]`` and ``infos[i + 1]`` are its
    neighbours), ``number`` its 1-based line number."""

    index: int
    number: int
    start: int
    end: int
    text: str
    words: int
    han: int
    latin: int
    #: the line ends a sentence (after any closing quotes and brackets)
    ends_sentence: bool
    #: the line reads as running text: a long line, or a sentence of several words
    prose: bool
    #: the line lies in the text of an attribute (HTML alt/title), not in the page's flow
    attribute: bool = False


def _ends_sentence(content: str) -> bool:
    s = content.rstrip(_CLOSERS + " ")
    return bool(s) and s[-1] in SENTENCE_END


def line_info(index: int, number: int, start: int, content: str, attribute: bool = False) -> LineInfo:
    words = len(content.split())
    if content.isascii():
        han = 0
        ascii_part = content.encode("ascii")
        latin = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS))
    else:
        han = len(HAN_CHAR.findall(content))
        # LATIN_CHAR's count: the ASCII letters, counted as the bytes that deleting them
        # removes from the line's ASCII part (two passes in C; findall on a long line, or a
        # str.count per letter, cost several times more); the rest of its range
        # (U+00C0-U+024F) is rare
        ascii_part = content.encode("ascii", "ignore")
        latin = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTERS))
        if _EXTENDED_LATIN.search(content):
            latin = len(LATIN_CHAR.findall(content))
    ends = _ends_sentence(content)
    prose = (words >= 30 or (words >= 8 and ends) or han >= 60 or (han >= 20 and ends))
    return LineInfo(index, number, start, start + len(content), content, words, han, latin, ends, prose, attribute)


def line_infos(doc: "Document") -> list[LineInfo]:
    """The non-blank lines of ``doc`` with their features, computed once per document."""

    def compute(d: "Document") -> list[LineInfo]:
        text = d.text
        out: list[LineInfo] = []
        blocks = d.blocks
        starts = d.line_starts
        blank = d.MASK + " \u3000"
        nlines = len(starts)
        for number in range(1, nlines + 1):
            s = starts[number - 1]
            e = starts[number] if number < nlines else len(text)
            raw = text[s:e]
            content = raw.strip()
            if not content or not content.strip(blank):
                continue
            cs = s + (len(raw) - len(raw.lstrip()))
            attribute = bool(blocks) and d.block_kind(cs) in ("alt", "title")
            out.append(line_info(len(out), number, cs, content, attribute))
        return out

    return doc.cached("line_infos", compute)
