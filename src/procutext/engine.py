"""Running rules over a document, and fixing text to a fixed point."""

from __future__ import annotations

import bisect
import gc
import re
import heapq
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from .context import Context
from .model import Applicability, Block, Document, Edit, Finding
from .readers import load_document
from .registry import Rule

MAX_PASSES = 10
#: Edits of earlier families win when edits overlap: a furniture line deletion beats a
#: quote fix inside that line; list markers beat punctuation.
FAMILY_PRIORITY = {"furniture": 0, "places": 1, "leftovers": 2, "terms": 3, "typography": 4, "spacing": 5}


_gc_lock = threading.Lock()
_gc_users = 0
_gc_saved: tuple[int, ...] = ()
#: the youngest generation's threshold while rules run. At the default (700 allocations)
#: the analyses of a long text, alive while the rules run, were traversed by ~150 young
#: collections per megabyte and moved to the oldest generation, which then called for a
#: full collection (traversing the loaded data too) after nearly every check: 0.5-0.6 s of
#: GC in a 1.3 s check of 1 MB of seed text; with 20,000, 0.05-0.09 s and one full
#: collection in six checks. Garbage cycles wait for at most 20,000 allocations.
GC_YOUNG_THRESHOLD = 20_000


def _full_gc_paused(enter: bool) -> None:
    """Pause the collector's full collections while rules run (``enter``) and make its young
    collections rarer (:data:`GC_YOUNG_THRESHOLD`), and restore the thresholds when the last
    concurrent run ends: runs in several threads share one collector, so the first saves the
    thresholds and the last puts them back."""
    global _gc_users, _gc_saved
    with _gc_lock:
        if enter:
            if _gc_users == 0:
                _gc_saved = gc.get_threshold()
                young = _gc_saved[0] and max(_gc_saved[0], GC_YOUNG_THRESHOLD)  # 0: collection is off
                gc.set_threshold(young, _gc_saved[1], 1_000_000)
            _gc_users += 1
        else:
            _gc_users -= 1
            if _gc_users == 0:
                gc.set_threshold(*_gc_saved)


def run_rules(doc: Document, rules: Sequence[Rule], ctx: Context) -> list[Finding]:
    """All findings of ``rules`` on ``doc``, positioned and sorted, suppressions applied.

    Positions (``line``/``column``, ``file_start``/``file_end``) are the file's: for HTML,
    the markup's. The edits of the findings apply to the file's text (``doc.original``):
    for plain text and Markdown that is the checked text itself; for HTML each edit is
    mapped through the document's offset map, and an edit that cannot be made in the markup
    (it would cross a tag or split an entity, or it deletes page furniture) is withheld:
    the finding stays, without its fix, and says why (``fix_withheld``)."""
    rules = _rules_for(rules, ctx)
    return _finish(doc, _collect(doc, rules, ctx), rules)


def _rules_for(rules: Sequence[Rule], ctx: Context) -> Sequence[Rule]:
    if ctx.lang == "zh":  # Chinese text: the English rules have nothing to check
        from .analysis import CHINESE_FAMILIES

        return [r for r in rules if r.family in CHINESE_FAMILIES]
    return rules


def _collect(doc: Document, rules: Sequence[Rule], ctx: Context) -> list[Finding]:
    """The rules' findings as they make them (text offsets, nothing positioned), rule by rule."""
    findings: list[Finding] = []
    mask = Document.MASK
    append = findings.append
    # no full collection of the garbage collector while the rules run: one traverses every
    # object alive (the rules' analyses of a large text, the loaded data) and cost 10-15 %
    # of a check of 1 MB; young objects are still collected, the old ones after the run
    _full_gc_paused(True)
    try:
        for r in rules:
            for f in r.func(doc, ctx):
                if f.edit is not None and mask in f.edit.replacement:
                    f.edit = None  # never write masked placeholders back into a file
                append(f)
    finally:
        _full_gc_paused(False)
    return findings


def _finish(doc: Document, findings: list[Finding], rules: Sequence[Rule]) -> list[Finding]:
    """Sort, position, suppress, drop subsumed findings and map edits to the file (see
    :func:`run_rules`); ``findings`` are changed in place."""
    findings.sort(key=Finding.sort_key)
    _position(doc, findings)
    sup = doc.suppressions
    if sup is not None:
        findings = [f for f in findings if not sup.suppresses(f.line, f.code, f.name)]
    if len(findings) > 1 or doc.offsets is not None:
        family = {r.code: r.family for r in rules}
        if len(findings) > 1:
            findings = _drop_subsumed(findings, family)
        if doc.bilingual is not None and len(findings) > 1:
            findings = _drop_same_span(findings)
        if doc.offsets is not None:
            _edits_to_file(doc, findings, family)
    return findings


#: why a furniture deletion is never applied to a page
FURNITURE_IN_MARKUP = "page furniture comes from the page's template; change it there"
#: why it is not applied to a translation unit either (the unit's source has it)
FURNITURE_IN_UNIT = "page furniture in a translation unit comes from its source document; remove it there"
#: the formats' names in the messages of withheld fixes
FORMAT_NAMES = {"html": "HTML", "xliff": "XLIFF", "tmx": "TMX", "po": "PO", "csv": "CSV", "tsv": "TSV",
                "jsonl": "JSONL"}


def _edits_to_file(doc: Document, findings: list[Finding], family: dict[str, str]) -> None:
    """Map the edits of findings on a document with an offset map into the file (see
    :func:`run_rules`)."""
    offsets = doc.offsets
    assert offsets is not None
    html = doc.kind == "html"
    where = FORMAT_NAMES.get(doc.kind, doc.kind)
    for f in findings:
        ed = f.edit
        if ed is None:
            continue
        if family.get(f.code) == "furniture":
            reason = FURNITURE_IN_MARKUP if html else FURNITURE_IN_UNIT
        elif "\n" in ed.replacement and "\n" not in doc.source[ed.start:ed.end]:
            reason = ("it would insert a line break, which HTML shows as a space" if html
                      else "it would insert a line break into a unit's target")
        else:
            mapped = offsets.edit(ed.start, ed.end, ed.replacement)
            if not isinstance(mapped, str):
                f.edit = Edit(mapped[0], mapped[1], mapped[2], ed.applicability)
                continue
            reason = mapped
        f.edit = None
        f.fix_withheld = reason
        f.message = f"{f.message} (not fixed in {where}: {reason})"


#: Rules whose findings are a symptom that a more specific finding on the same span
#: already explains: leftover Chinese inside "Bay 沚" (PT301), "（一）" (PT110), an info bar
#: (PT202) or an image file name (PT205).
GENERIC_CODES = frozenset({"PT501"})


def _drop_subsumed(findings: list[Finding], family: dict[str, str]) -> list[Finding]:
    """One defect is reported once, by the most specific rule: a page-furniture line
    subsumes every other finding inside it (the line goes as a whole), and a more specific
    finding subsumes a generic one (:data:`GENERIC_CODES`) whose span it contains.
    ``findings`` is sorted by start; the result keeps that order."""
    furniture = _Cover([(f.start, f.end) for f in findings if family.get(f.code) == "furniture"])
    specific = _Cover([(f.start, f.end) for f in findings if f.code not in GENERIC_CODES and f.end > f.start])
    if not furniture.spans and not any(f.code in GENERIC_CODES for f in findings):
        return findings
    return [
        f for f in findings
        if not (family.get(f.code) != "furniture" and furniture.contains(f.start, f.end))
        and not (f.code in GENERIC_CODES and specific.contains(f.start, f.end))
    ]


#: on a bilingual document, a finding of the key's rule on the same span as one of the value's
#: is the same defect found without the source: PT401 (English only) and PT702 (the source
#: makes it certain) report one mistranslation once, as PT702
SAME_SPAN_AS = {"PT401": "PT702"}


def _drop_same_span(findings: list[Finding]) -> list[Finding]:
    spans = {(f.code, f.start, f.end) for f in findings if f.code in SAME_SPAN_AS.values()}
    if not spans:
        return findings
    return [f for f in findings if not (f.code in SAME_SPAN_AS and (SAME_SPAN_AS[f.code], f.start, f.end) in spans)]


class _Cover:
    """Sorted spans, answering "does one of them contain start..end?" by bisection over
    the starts and a running maximum of the ends."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.reach: list[int] = []
        top = -1
        for _, e in self.spans:
            top = max(top, e)
            self.reach.append(top)

    def contains(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end


def _position(doc: Document, findings: list[Finding]) -> None:
    """Fill in lines and columns in one sweep over the sorted findings."""
    if doc.offsets is not None:
        _position_mapped(doc, findings)
        return
    starts = doc.line_starts
    n = len(starts)
    path = doc.path
    source = doc.source
    li = 0
    for f in findings:
        while li + 1 < n and starts[li + 1] <= f.start:
            li += 1
        f.line, f.column = li + 1, f.start - starts[li] + 1
        lj = li
        while lj + 1 < n and starts[lj + 1] <= f.end:
            lj += 1
        f.end_line, f.end_column = lj + 1, f.end - starts[lj] + 1
        f.file_start, f.file_end = f.start, f.end
        f.path = path
        if not f.matched:
            f.matched = source[f.start:f.end]


def _position_mapped(doc: Document, findings: list[Finding]) -> None:
    """Positions in the file through the document's offset map (HTML)."""
    path = doc.path
    source = doc.source
    for f in findings:
        fs = doc.file_offset(f.start)
        fe = doc.file_offset(f.end, end=True) if f.end > f.start else fs
        fe = max(fs, fe)
        p, q = doc.file_position(fs), doc.file_position(fe)
        f.file_start, f.file_end = fs, fe
        f.line, f.column, f.end_line, f.end_column = p.line, p.column, q.line, q.column
        f.path = path
        if not f.matched:
            f.matched = source[f.start:f.end]


def check_text(
    text: str, rules: Sequence[Rule], ctx: Context, *, kind: str | None = None, path: str | None = None,
    content: str = "all", options: Mapping[str, Any] | None = None,
) -> list[Finding]:
    return run_rules(load_document(text, kind, path, content, options), rules, ctx)


def _overlaps(s: int, e: int, s2: int, e2: int) -> bool:
    """Whether two edits touch the same text. Insertions may sit at a span's ends, but two
    insertions at one point conflict (their order would be arbitrary)."""
    if s == e and s2 == e2:
        return s == s2
    if s == e:
        return s2 < s < e2
    if s2 == e2:
        return s < s2 < e
    return s < e2 and s2 < e


def _conflicts(accepted: list[tuple[int, int]], s: int, e: int) -> bool:
    """``accepted`` is sorted and free of overlaps, so only the neighbours can conflict."""
    i = bisect.bisect_left(accepted, (s, -1))
    for j in range(max(0, i - 1), min(len(accepted), i + 2)):
        if _overlaps(s, e, *accepted[j]):
            return True
    return False


def select_edits(findings: Iterable[Finding], rules_by_code: dict[str, Rule], unsafe: bool) -> list[Finding]:
    """Non-overlapping fixable findings, highest-priority rules first.

    A candidate is taken when it overlaps no edit taken before it. Candidates come rule by
    rule, each rule's in order of their findings, so the edits taken from one rule are
    checked against a list that grows at its end (an edit that starts before an earlier
    finding's edit is inserted in place), and are merged into the sorted list of earlier
    rules' edits once per rule: linear time in the number of findings, up to a logarithm,
    where inserting each edit into one sorted list was quadratic.
    """

    def priority(f: Finding) -> tuple[int, str, int]:
        r = rules_by_code.get(f.code)
        fam = FAMILY_PRIORITY.get(r.family, 9) if r else 9
        return (fam, f.code, f.start)

    candidates = [
        f for f in findings
        if f.edit is not None and (unsafe or f.edit.applicability is Applicability.SAFE)
    ]
    candidates.sort(key=priority)
    earlier: list[tuple[int, int]] = []  # edits of the rules already done, sorted
    current: list[tuple[int, int]] = []  # edits of the current rule, in text order
    code = None
    chosen: list[Finding] = []
    for f in candidates:
        assert f.edit is not None
        if f.code != code:
            if current:
                earlier = list(heapq.merge(earlier, current))
                current = []
            code = f.code
        s, e = f.edit.start, f.edit.end
        if earlier and _conflicts(earlier, s, e):
            continue
        if current and (s, e) < current[-1]:  # an edit that starts before its finding: rare
            if _conflicts(current, s, e):
                continue
            bisect.insort(current, (s, e))
        else:
            # at most two edits of the list start where this one starts (an insertion and a
            # span), so only the last three can overlap it
            if any(_overlaps(s, e, *c) for c in current[-3:]):
                continue
            current.append((s, e))
        chosen.append(f)
    return chosen


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    out: list[str] = []
    pos = 0
    for ed in sorted(edits, key=lambda x: (x.start, x.end)):
        out.append(text[pos:ed.start])
        out.append(ed.replacement)
        pos = ed.end
    out.append(text[pos:])
    return "".join(out)


class _EditMap:
    """Offsets in the text after one pass's edits, mapped to offsets before them.

    Built once per pass (edits sorted by start and free of overlaps); each offset is then
    mapped by bisection instead of a walk over all the edits."""

    __slots__ = ("edits", "new_ends", "deltas", "total")

    def __init__(self, edits: Sequence[Edit]) -> None:
        self.edits = edits
        self.new_ends: list[int] = []  # where each replacement ends in the new text
        self.deltas: list[int] = []  # the shift of the new text just before each edit
        delta = 0
        for ed in edits:
            self.deltas.append(delta)
            self.new_ends.append(ed.start + delta + len(ed.replacement))
            delta += len(ed.replacement) - (ed.end - ed.start)
        self.total = delta

    def back(self, offset: int, side: str = "start") -> int:
        """An offset inside an edit's replacement maps to the start of the replaced span for
        ``side="start"`` and to its end for ``side="end"``; offsets at its edges map to the
        matching edge."""
        k = bisect.bisect_left(self.new_ends, offset)  # the first edit not wholly before
        if k == len(self.edits):
            return offset - self.total
        ed = self.edits[k]
        delta = self.deltas[k]
        new_s = ed.start + delta
        new_e = self.new_ends[k]
        if offset < new_s:
            return offset - delta
        if offset == new_s and new_s < new_e:
            return ed.start
        if offset < new_e:
            return ed.start if side == "start" else ed.end
        # offset == new_e: at a deletion point a span grows to cover what was deleted
        return ed.start if (side == "start" and new_s == new_e) else ed.end


def _map_back(offset: int, edits: Sequence[Edit], side: str = "start") -> int:
    """An offset in the text after ``edits`` (sorted by start) to the corresponding offset
    before them (see :meth:`_EditMap.back`; build an ``_EditMap`` to map many offsets)."""
    return _EditMap(edits).back(offset, side)


def _to_original(f: Finding, history: list[_EditMap], original: Document) -> Finding:
    """A finding of a later pass, its span and edit mapped back through ``history`` (edits
    of the file's text, so the finding's file offsets are mapped, and its text offsets are
    those of the original document at the mapped file offsets)."""
    s, e = f.file_start, f.file_end
    ed = f.edit
    assert ed is not None
    es, ee = ed.start, ed.end
    for past in reversed(history):
        s, e = past.back(s, "start"), past.back(e, "end")
        es, ee = past.back(es, "start"), past.back(ee, "end")
    # the finding is updated in place (it belongs to a pass whose findings are dropped);
    # dataclasses.replace would cost more than all the mapping
    e = max(s, e)
    f.file_start, f.file_end = s, e
    if original.offsets is None:
        f.start, f.end = s, e
    else:
        f.start = original.text_offset(s)
        f.end = max(f.start, original.text_offset(e))
    f.edit = Edit(es, max(es, ee), ed.replacement, ed.applicability)
    p, q = original.file_position(s), original.file_position(e)
    f.line, f.column, f.end_line, f.end_column = p.line, p.column, q.line, q.column
    return f


# --------------------------------------------------------------------------- incremental fix
#
# A pass of :func:`fix_text` changes a few paragraphs of a long text. The rules whose
# findings in a paragraph depend on that paragraph alone (:data:`PARAGRAPH_LOCAL`) are run
# again only on the paragraphs that changed; their findings in the others are the last
# pass's, moved by the length the edits before them added or removed. Every other rule (those
# comparing paragraphs: inconsistent spellings and numbers, repeated headlines and menus,
# anything that counts over the whole text) runs on the whole new text as before.
#
# A "paragraph" here is a unit of the text between runs of two or more line breaks (a
# blank line with spaces on it does not end one: units may hold several of the rules'
# paragraphs, which only makes them coarser). A unit is carried over when the same text,
# masked and unmasked (and, in HTML, the same blocks), stands where the edits moved it, as
# a unit of the new text too; every other unit of the new text is run again. The rules then
# see the changed units alone, in a document of their own made of them and the blank lines
# around them, which gives the findings a run over the whole text gives there: that is the
# declaration, and tests/test_fix_incremental.py checks it on the corpus and on generated
# texts (the fixed text, the applied and the remaining findings are those of full passes).
# Document-wide state the local rules read (which lines are Chinese, a judgement that
# counts the whole text) is computed on the whole new text and handed to the units'
# document (:func:`_project_line_classes`).

#: codes of the rules whose findings in a paragraph depend on its text alone (see above).
#: A rule not named here is a document-level rule: it always runs on the whole text.
#: Each was read for what it consults: the quotation pairs and list markers of its own
#: paragraph, the line it is on, characters next to a match, and the lines counted as
#: Chinese (handed over from the whole text). Left out on purpose, because they look beyond
#: the paragraph: quotes in single marks judged by the whole text's quoting (PT106), the
#: sequence of `1,` `2,` markers over the text (PT112, and PT120 which skips them), ordinal
#: heads (PT113), page furniture (PT2xx, judged by the page's head, tail and title), places
#: and terms (evidence from the whole text), numbers tied to PT602/PT607, leftover Chinese
#: (PT501: windows of up to 120 characters around a run), split Han words (PT807, jieba).
PARAGRAPH_LOCAL: frozenset[str] = frozenset({
    "PT101", "PT102", "PT103", "PT104", "PT105", "PT107", "PT108",
    "PT110", "PT111", "PT114", "PT121", "PT122",
    "PT130", "PT131", "PT132", "PT133",
    "PT601", "PT604", "PT605", "PT606", "PT608", "PT609", "PT610",
    "PT801", "PT802", "PT803", "PT804", "PT805", "PT806",
})

#: two or more line breaks (a CR before the first is taken in below: a pattern that starts
#: with an optional character is tried at every position, ten times slower)
_UNIT_BREAK = re.compile(r"\n(?:\r?\n)+")
#: below this share of the text changed, the changed units are checked on their own (above
#: it the units' document costs about what the whole text does: 40 % of 1 MB, 0.24 s against 0.14)
_INCREMENTAL_SHARE = 0.35


class _Units:
    """The units of a text (see above): ``starts``/``ends`` in text offsets."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str) -> None:
        starts = [0]
        ends = []
        for m in _UNIT_BREAK.finditer(text):
            s = m.start()
            ends.append(s - 1 if s and text[s - 1] == "\r" else s)
            starts.append(m.end())
        ends.append(len(text))
        self.starts, self.ends = starts, ends

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def _clone(f: Finding) -> Finding:
    return Finding(f.code, f.name, f.message, f.severity, f.start, f.end, f.edit, f.suggestions, f.line,
                   f.column, f.end_line, f.end_column, f.path, f.matched, f.data, f.file_start, f.file_end,
                   f.fix_withheld, f.source)


def _moved(f: Finding, d: int) -> Finding:
    """A copy of a rule's finding ``d`` characters further on."""
    g = _clone(f)
    g.start += d
    g.end += d
    ed = f.edit
    if ed is not None:
        g.edit = Edit(ed.start + d, ed.end + d, ed.replacement, ed.applicability)
    return g


def _project_line_classes(doc: Document, ctx: Context, pieces: list[tuple[int, int, int]],
                          sub_starts: list[int]) -> Any:
    """``doc``'s line classes as the units' document sees them (``pieces``: ``(sub_start,
    doc_start, length)``; ``sub_starts``: the line starts of the units' document)."""
    from .analysis import LineClasses, line_classes

    lc = line_classes(doc, ctx)
    cs: list[int] = []
    ce: list[int] = []
    han: list[int] = []
    starts = doc.line_starts
    hl = sorted(lc.han_lines)
    c_starts, c_ends = lc.chinese_starts, lc.chinese_ends
    if c_starts or hl:
        for sub, ds, n in pieces:
            # Chinese lines that reach into the piece, cut to it (a piece starts with the line
            # break that ends the unit before it)
            i = max(0, bisect.bisect_left(c_starts, ds) - 1)
            while i < len(c_starts) and c_starts[i] < ds + n:
                if c_ends[i] >= ds:
                    cs.append(max(c_starts[i], ds) - ds + sub)
                    ce.append(min(c_ends[i], ds + n) - ds + sub)
                i += 1
            if hl:
                # the lines starting in the piece are the same lines in both documents
                first, last = bisect.bisect_left(starts, ds), bisect.bisect_left(starts, ds + n)
                shift = bisect.bisect_left(sub_starts, sub) - first
                han.extend(li + shift for li in hl[bisect.bisect_left(hl, first):bisect.bisect_left(hl, last)])
    return LineClasses(tuple(cs), tuple(ce), frozenset(han), lc.mostly_chinese)


def _units_document(doc: Document, units: _Units, dirty: list[int], ctx: Context) -> tuple[Document, list[tuple[int, int, int]]]:
    """A document of the ``dirty`` units of ``doc`` (sorted indexes) with the blank lines
    around them, and its pieces ``(sub_start, doc_start, length)``."""
    text, source = doc.text, doc.source
    n = len(units.starts)
    windows: list[list[int]] = []
    for u in dirty:
        if windows and windows[-1][1] == u - 1:
            windows[-1][1] = u
        else:
            windows.append([u, u])
    pieces: list[tuple[int, int, int]] = []
    parts: list[str] = []
    sparts: list[str] = []
    pos = 0
    for a, b in windows:
        # the units with the line breaks around them: from the end of the unit before to the
        # start of the unit after
        ps = 0 if a == 0 else units.ends[a - 1]
        pe = units.starts[b + 1] if b + 1 < n else len(text)
        pieces.append((pos, ps, pe - ps))
        parts.append(text[ps:pe])
        sparts.append(source[ps:pe])
        pos += pe - ps
    blocks: list[Block] = []
    if doc.blocks:
        for sub, ds, ln in pieces:
            for bl in _blocks_in(doc, ds, ds + ln):
                blocks.append(Block(max(bl.start, ds) - ds + sub, min(bl.end, ds + ln) - ds + sub,
                                    bl.kind, bl.detail))
    sub_doc = Document("".join(parts), source="".join(sparts), path=doc.path, kind=doc.kind, blocks=tuple(blocks))
    sub_doc.memo["line_classes"] = _project_line_classes(doc, ctx, pieces, sub_doc.line_starts)
    return sub_doc, pieces


def _blocks_in(doc: Document, s: int, e: int) -> list[Block]:
    """The blocks of ``doc`` that overlap ``s..e``. The readers make them in text order and
    apart (furniture of the flow, then attribute texts); otherwise every block is looked at."""
    blocks = doc.blocks
    starts = doc.memo.get("engine.block_starts")
    if starts is None:
        starts = [b.start for b in blocks]
        ordered = all(blocks[i].end <= blocks[i + 1].start for i in range(len(blocks) - 1))
        starts = doc.memo["engine.block_starts"] = starts if ordered else []
    if not starts:
        return [b for b in blocks if b.end > s and b.start < e]
    i = max(0, bisect.bisect_right(starts, s) - 1)
    out = []
    while i < len(blocks) and blocks[i].start < e:
        if blocks[i].end > s:
            out.append(blocks[i])
        i += 1
    return out


def _same_blocks(old: Document, os_: int, oe: int, new: Document, ns: int) -> bool:
    if not old.blocks and not new.blocks:
        return True

    def inside(doc: Document, s: int, e: int) -> list[tuple[int, int, str, str]]:
        return [(max(b.start, s) - s, min(b.end, e) - s, b.kind, b.detail) for b in _blocks_in(doc, s, e)]

    return inside(old, os_, oe) == inside(new, ns, ns + oe - os_)


class _Incremental:
    """The state an incremental fix carries from pass to pass: the last document, its units
    and the local rules' findings there (untouched copies, in rule order)."""

    def __init__(self, rules: Sequence[Rule], ctx: Context, local: frozenset[str]) -> None:
        self.rules = rules
        self.ctx = ctx
        self.local = [r for r in rules if r.code in local]
        self.whole = [r for r in rules if r.code not in local]
        self.order = {r.code: i for i, r in enumerate(rules)}
        self.doc: Document | None = None
        self.units: _Units | None = None
        self.found: dict[str, list[Finding]] = {}

    def first(self, doc: Document) -> list[Finding]:
        raw = _collect(doc, self.rules, self.ctx)
        self._keep(doc, raw)
        return _finish(doc, raw, self.rules)

    def _keep(self, doc: Document, raw: list[Finding]) -> None:
        self.doc, self.units = doc, _Units(doc.text)
        found: dict[str, list[Finding]] = {r.code: [] for r in self.local}
        for f in raw:
            got = found.get(f.code)
            if got is not None:
                got.append(_clone(f))
        self.found = found

    def _carried(self, new: Document, edits: Sequence[Edit], units: _Units) -> dict[int, tuple[int, int]]:
        """Old unit -> (new unit, shift) for the units the edits left as they were."""
        old = self.doc
        assert old is not None and self.units is not None
        ou = self.units
        mapped = old.offsets is not None
        new_starts = set(units.starts)
        out: dict[int, tuple[int, int]] = {}
        k = 0
        delta = 0
        ne = len(edits)
        otext, osrc, ntext, nsrc = old.text, old.source, new.text, new.source
        seen_new: set[int] = set()
        for u, (s, e) in enumerate(zip(ou.starts, ou.ends)):
            fs, fe = (old.file_offset(s), old.file_offset(e, end=True)) if mapped else (s, e)
            while k < ne and edits[k].end < fs:
                ed = edits[k]
                delta += len(ed.replacement) - (ed.end - ed.start)
                k += 1
            if k < ne and edits[k].start <= fe:
                continue  # an edit touches it (or its edges)
            ns = new.text_offset(fs + delta) if mapped else s + delta
            if ns not in new_starts or ns in seen_new:
                continue
            n_u = units.index(ns)
            if units.ends[n_u] - ns != e - s or ntext[ns:ns + e - s] != otext[s:e] \
                    or nsrc[ns:ns + e - s] != osrc[s:e]:
                continue
            if (old.blocks or new.blocks) and not _same_blocks(old, s, e, new, ns):
                continue
            seen_new.add(ns)
            out[u] = (n_u, ns - s)
        return out

    def next(self, new: Document, edits: Sequence[Edit]) -> list[Finding]:
        """The findings of every rule on ``new``, the text after ``edits`` (sorted file edits)."""
        units = _Units(new.text)
        carried = self._carried(new, edits, units)
        ou = self.units
        assert ou is not None
        raw = _collect(new, self.whole, self.ctx)
        carried_new = {n_u for n_u, _ in carried.values()}
        dirty = [u for u in range(len(units.starts)) if u not in carried_new]
        dirty_chars = sum(units.ends[u] - units.starts[u] for u in dirty)
        local_raw: list[Finding] = []
        if dirty_chars > _INCREMENTAL_SHARE * len(new.text):
            local_raw = _collect(new, self.local, self.ctx)
        else:
            for code, olds in self.found.items():
                for f in olds:
                    u = ou.index(f.start)
                    c = carried.get(u)
                    if c is None:
                        continue
                    if f.start > ou.ends[u] or f.end > ou.ends[u] or (f.edit is not None and
                                              (f.edit.start < ou.starts[u] or f.edit.end > ou.ends[u])):
                        # not inside its paragraph: the declaration is wrong; be safe
                        raise _NotLocal(code)
                    local_raw.append(_moved(f, c[1]))
            if dirty:
                sub, pieces = _units_document(new, units, dirty, self.ctx)
                subs = [p[0] for p in pieces]
                for f in _collect(sub, self.local, self.ctx):
                    i = bisect.bisect_right(subs, f.start) - 1
                    g = _moved(f, pieces[i][1] - pieces[i][0])
                    u = units.index(g.start)
                    us, ue = units.starts[u], units.ends[u]
                    if g.start > ue or g.end > ue or (g.edit is not None and (g.edit.start < us or g.edit.end > ue)):
                        raise _NotLocal(f.code)
                    local_raw.append(g)
        # no need to put them in rule order: findings tie in the sort of _finish only when of
        # one rule on one span, hence of one unit, found together and kept in their order
        raw.extend(local_raw)
        self._keep(new, raw)
        return _finish(new, raw, self.rules)


class _NotLocal(Exception):
    """A rule declared paragraph-local found something across its paragraph's edges."""


@dataclass
class FixResult:
    """The fixed text, the findings whose fixes were applied and those that remain.

    ``applied`` findings carry positions in the original text; ``remaining`` findings carry
    positions in the fixed text.
    """

    text: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    passes: int = 0
    #: problems of the input itself, e.g. unknown rule codes in suppression comments
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fix_text(
    text: str,
    rules: Sequence[Rule],
    ctx: Context,
    *,
    kind: str | None = None,
    path: str | None = None,
    unsafe: bool = False,
    content: str = "all",
    options: Mapping[str, Any] | None = None,
    loader: "Callable[[str], Document] | None" = None,
    incremental: "frozenset[str] | None" = None,
) -> FixResult:
    """Fix ``text`` (a file's text: for HTML the markup) to a fixed point. Edits apply to
    the file's text (see :func:`run_rules`): outside the edited characters nothing changes.
    ``options`` are the reader's (:func:`procutext.readers.load_document`); ``loader`` reads
    each pass's text into a Document instead of :func:`load_document` (a file pair attaches
    its Chinese source).

    After the first pass, the rules of :data:`PARAGRAPH_LOCAL` are run again only on the
    paragraphs the edits changed (see :class:`_Incremental`); ``incremental`` replaces that
    set (an empty set: every pass checks the whole text, as the tests compare)."""
    # no full collection of the garbage collector during the fix (as during a run of the
    # rules, see _collect): between the passes one came due and traversed the whole heap
    _full_gc_paused(True)
    try:
        return _fix_text(text, rules, ctx, unsafe, content, loader, incremental,
                         lambda t: load_document(t, kind, path, content, options))
    finally:
        _full_gc_paused(False)


def _fix_text(text: str, rules: Sequence[Rule], ctx: Context, unsafe: bool, content: str,
              loader: "Callable[[str], Document] | None", incremental: "frozenset[str] | None",
              default_loader: "Callable[[str], Document]") -> FixResult:
    by_code = {r.code: r for r in rules}
    if loader is None:
        loader = default_loader
    original_doc = loader(text)
    doc = original_doc
    warnings = list(original_doc.suppressions.warnings) if original_doc.suppressions else []
    history: list[_EditMap] = []
    applied: list[Finding] = []
    run = _rules_for(rules, ctx)
    local = PARAGRAPH_LOCAL if incremental is None else incremental
    inc = None
    if local and content == "all" and doc.bilingual is None and doc.kind in ("text", "markdown", "html") \
            and any(r.code in local for r in run):
        inc = _Incremental(run, ctx, local)
        findings = inc.first(doc)
    else:
        findings = run_rules(doc, rules, ctx)
    # the original is kept for its positions only (findings of later passes are mapped back
    # to it): its analyses go now, not after the next pass has built its own
    original_doc.memo.clear()
    passes = 0
    while passes < MAX_PASSES:
        chosen = select_edits(findings, by_code, unsafe)
        if not chosen:
            break
        passes += 1
        edits = sorted((f.edit for f in chosen if f.edit is not None), key=lambda x: (x.start, x.end))
        if history:  # found after earlier passes: map back to the original text
            applied.extend(_to_original(f, history, original_doc) for f in chosen)
        else:  # found in the original text: positions are right already
            applied.extend(chosen)
        history.append(_EditMap(edits))
        text = apply_edits(text, edits)
        doc = loader(text)
        if inc is not None:
            try:
                findings = inc.next(doc, edits)
            except _NotLocal:  # a rule is not what it was declared: whole passes from here
                inc = None
        if inc is None:
            findings = run_rules(doc, rules, ctx)
    applied.sort(key=Finding.sort_key)
    return FixResult(text, applied, findings, passes, warnings)
