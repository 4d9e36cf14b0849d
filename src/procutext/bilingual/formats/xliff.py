"""XLIFF 1.2 and 2.0 (also 1.0/1.1, SDL Trados ``.sdlxliff`` and memoQ ``.mqxliff``, which are
XLIFF 1.2 with extensions).

Units:

- 1.2: each ``<trans-unit>`` is a block of the target text; without ``<seg-source>`` it is one
  :class:`~procutext.bilingual.Segment`. With ``<seg-source>``, each ``<mrk mtype="seg">`` is
  a Segment, paired with the target's ``<mrk>`` of the same ``mid`` (a target that has text
  but no segment markers is one Segment against the whole ``<seg-source>``). ``state`` is the
  target's ``state`` attribute (or, in SDL files, the segment's ``conf``); ``approved="yes"``
  is ``notes["approved"]``.
- 2.0: each ``<unit>`` is a block: its ``<segment>``\\ s' and ``<ignorable>``\\ s' targets in
  file order (an ignorable without a target contributes its source, as the specification
  merges it, as text no edit may change); each ``<segment>`` is a Segment, ``state`` its
  ``state`` attribute.

Units with ``translate="no"`` (themselves or through their ``<group>``/``<file>``), and
``<file>`` elements whose ``target-language`` is not English (or that declare none and an
English ``source-language``), are left out; a file left with nothing because of its
languages raises :class:`NotEnglish`, one with no unit at all :class:`NotChecked`.
Alternatives (``<alt-trans>``, ``<mtc:matches>``), notes and skeletons are not read.
Missing or empty targets are still Segments (with an empty target span), so checks can
report them. Inline codes: see :mod:`.xmlscan`.

:func:`mark_edited` sets the ``state`` of the units a fix changed (``--mark-edited``).
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from ...model import Document
from .. import Segment
from .common import Builder, FormatError, Lines, NotEnglish, error_at, escape_xml, is_english, make_document
from .xmlscan import T_EMPTY, T_END, T_START, T_TEXT, attributes, emit, plain, tokens, validate

#: the values of a ``state`` attribute (``x-…`` values are allowed in 1.2 too)
STATES_12 = ("new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
             "needs-review-adaptation", "needs-review-l10n", "signed-off", "final", "translated")
STATES_20 = ("initial", "translated", "reviewed", "final")


#: read the plain units of XLIFF 1.2 (a ``<source>`` and a ``<target>`` of text without markup
#: or entities) with one pattern instead of token by token (:meth:`_Reader.simple_unit`)
SIMPLE_UNITS = True
_XML_SPACE = r"[ \t\r\n]*"
_TAG_ATTRS = r"""((?:[^>"'/]|"[^"]*"|'[^']*')*)"""
_SIMPLE_BODY = re.compile(
    rf"{_XML_SPACE}<source(?=[ \t\r\n>]){_TAG_ATTRS}>([^<&]*)</source>"
    rf"{_XML_SPACE}<target(?=[ \t\r\n>]){_TAG_ATTRS}>([^<&]*)</target>{_XML_SPACE}</trans-unit>")


class _Content:
    """A captured ``<source>``, ``<seg-source>`` or ``<target>``: the span of its start tag,
    of its content, and the content's tokens."""

    __slots__ = ("tag_start", "tag_end", "start", "end", "after", "events", "attrs")

    def __init__(self, tag_start: int, tag_end: int, attrs: str, empty: bool) -> None:
        self.tag_start, self.tag_end = tag_start, tag_end
        self.start = self.end = tag_start if empty else tag_end
        self.after = tag_end  # where the element ends (after its end tag)
        self.events: list = []
        self.attrs = attrs


class _Piece:
    """A 2.0 ``<segment>`` or ``<ignorable>``."""

    __slots__ = ("kind", "tag_start", "tag_end", "attrs", "source", "target")

    def __init__(self, kind: str, tag_start: int, tag_end: int, attrs: str) -> None:
        self.kind, self.tag_start, self.tag_end, self.attrs = kind, tag_start, tag_end, attrs
        self.source: _Content | None = None
        self.target: _Content | None = None


class _Unit:
    __slots__ = ("start", "tag_end", "attrs", "source", "seg_source", "target", "pieces", "confs", "seg_tags", "skip")

    def __init__(self, start: int, tag_end: int, attrs: dict[str, str], skip: bool) -> None:
        self.start, self.tag_end, self.attrs, self.skip = start, tag_end, attrs, skip
        self.source: _Content | None = None
        self.seg_source: _Content | None = None
        self.target: _Content | None = None
        self.pieces: list[_Piece] = []
        self.confs: dict[str, str] = {}
        #: SDL Trados: the file span of each ``<sdl:seg>`` start tag, by segment id
        self.seg_tags: dict[str, tuple[int, int]] = {}


class _Reader:
    def __init__(self, text: str, path: str | None) -> None:
        self.text, self.path = text, path
        self.v2 = False
        self.version = ""
        self.src, self.tgt = Builder(), Builder()
        self.segments: list[Segment] = []
        self.lines = Lines(text)
        self.source_lang: str | None = None
        self.target_lang: str | None = None
        self.other_languages: list[str] = []
        self.skip_file = False
        self.no_translate_at: int | None = None  # the depth where translate="no" began
        self.unit: _Unit | None = None
        self.piece: _Piece | None = None
        #: for :func:`mark_edited`: per target (1.2) or segment (2.0): the start tag to mark
        #: and the target's content as written
        self.marks: list[tuple[int, int, str]] = []
        #: beside each of :attr:`marks` (1.2): the target's segments as ``(mid, start, end)``
        #: in the target text, and the unit's ``<sdl:seg>`` tags (SDL Trados)
        self.mark_segs: list[tuple[tuple[tuple[str, int, int], ...], dict[str, tuple[int, int]]]] = []
        self._attrs_memo: dict[str, dict[str, str]] = {}

    def not_english(self, source: str | None, target: str | None) -> bool:
        """Whether a ``<file>`` (1.2) or the document (2.0) with these languages is left out:
        its target is declared in another language, or it declares none and its source is
        English (a translation from English is not an English target). The reason is kept."""
        if target and not is_english(target):
            self.other_languages.append(f"its target language is {target}")
            return True
        if not target and source and is_english(source):
            self.other_languages.append(f"its source language is {source} and it declares no target language")
            return True
        return False

    def error(self, offset: int, message: str) -> FormatError:
        return error_at(self.path, self.text, offset, "not valid XLIFF", message)

    def run(self) -> None:
        text = self.text
        stack: list[str] = []
        capture: _Content | None = None
        depth = 0
        it = tokens(text)
        while it is not None:
            restart = None
            for tok in it:
                typ = tok[0]
                if capture is not None:
                    if typ == T_START:
                        depth += 1
                    elif typ == T_END:
                        if depth == 0:
                            capture.end, capture.after = tok[1], tok[2]
                            capture = None
                            stack.pop()
                            continue
                        depth -= 1
                    capture.events.append(tok)
                    continue
                if typ == T_START or typ == T_EMPTY:
                    _, s, e, name, attrs = tok
                    if not stack:
                        self.root(name, attrs, s)
                    parent = stack[-1] if stack else ""
                    capture = self.start(name, attrs, s, e, parent, len(stack), typ == T_EMPTY)
                    if typ == T_START:
                        stack.append(name)
                        depth = 0
                        if name == "trans-unit" and SIMPLE_UNITS and not self.v2 and self.unit is not None:
                            restart = self.simple_unit(e)
                            if restart is not None:
                                stack.pop()
                                self.end(name, len(stack))
                                break
                    else:
                        if capture is not None:  # <target/>: nothing to capture
                            capture = None
                        self.end(name, len(stack))
                elif typ == T_END:
                    stack.pop()
                    self.end(tok[3], len(stack))
            it = tokens(text, restart) if restart is not None else None
        if not self.version:
            raise self.error(0, "no <xliff> root element")

    def target_attributes(self, attrs: str) -> dict[str, str]:
        """:func:`attributes` of a ``<target>`` start tag, read once per distinct text (most
        targets of a file have the same few states); the dicts are only read."""
        got = self._attrs_memo.get(attrs)
        if got is None:
            got = attributes(attrs)
            if len(self._attrs_memo) < 1000:
                self._attrs_memo[attrs] = got
        return got

    def simple_unit(self, at: int) -> int | None:
        """A ``<trans-unit>`` whose start tag ends at ``at`` and whose body is a plain
        ``<source>`` and ``<target>`` (no inline code, no entity, nothing else in it; the
        common unit) read at once: its source and target as the token loop would capture
        them, and where the unit's end tag ends; None for any other unit (the token loop
        reads it). tests/test_speed_equivalence_bilingual.py compares the two readings."""
        m = _SIMPLE_BODY.match(self.text, at)
        if m is None:
            return None
        unit = self.unit
        assert unit is not None
        for name, attrs_group, content_group in (("source", 1, 2), ("target", 3, 4)):
            tag_start = m.start(attrs_group) - len(name) - 1
            c = _Content(tag_start, m.end(attrs_group) + 1, m.group(attrs_group), False)
            a, b = m.span(content_group)
            if b > a:
                c.events.append((T_TEXT, a, b, "", ""))
            c.end, c.after = b, b + len(name) + 3
            setattr(unit, name, c)
        return m.end()

    # -- structure --------------------------------------------------------------------------
    def root(self, name: str, attrs: str, at: int) -> None:
        if name != "xliff":
            raise self.error(at, f"the root element is <{name}>, not <xliff>")
        a = attributes(attrs)
        version = a.get("version", "")
        ns = a.get("xmlns", "")
        self.v2 = version.startswith("2") or ":xliff:document:2." in ns
        self.version = version or ("2.0" if self.v2 else "1.2")
        if self.v2:
            self.source_lang, self.target_lang = a.get("srcLang"), a.get("trgLang")
            self.skip_file = self.not_english(self.source_lang, self.target_lang)

    def start(self, name: str, attrs: str, s: int, e: int, parent: str, depth: int, empty: bool) -> _Content | None:
        if name in ("file", "group", "unit", "trans-unit") and self.no_translate_at is None:
            if "translate" in attrs and attributes(attrs).get("translate") == "no":
                self.no_translate_at = depth
        if name == "file" and not self.v2:
            a = attributes(attrs)
            tl = a.get("target-language")
            if self.source_lang is None:
                self.source_lang, self.target_lang = a.get("source-language"), tl
            self.skip_file = self.not_english(a.get("source-language"), tl)
        elif name == ("unit" if self.v2 else "trans-unit"):
            if self.unit is not None:
                raise self.error(s, f"<{name}> inside another <{name}>")
            self.unit = _Unit(s, e, attributes(attrs), self.skip_file or self.no_translate_at is not None)
        elif self.unit is None:
            return None
        elif self.v2:
            if name in ("segment", "ignorable") and parent == "unit":
                self.piece = _Piece(name, s, e, attrs)
            elif name in ("source", "target") and parent in ("segment", "ignorable") and self.piece is not None:
                c = _Content(s, e, attrs, empty)
                setattr(self.piece, name, c)
                return c
        else:
            if name in ("source", "seg-source", "target") and parent == "trans-unit":
                c = _Content(s, e, attrs, empty)
                setattr(self.unit, "seg_source" if name == "seg-source" else name, c)
                return c
            if name == "seg" and parent == "seg-defs":  # SDL Trados: the segment's confirmation level
                a = attributes(attrs)
                self.unit.seg_tags[a.get("id", "")] = (s, e)
                if "conf" in a:
                    self.unit.confs[a.get("id", "")] = a["conf"]
        return None

    def end(self, name: str, depth: int) -> None:
        if self.no_translate_at is not None and depth <= self.no_translate_at:
            self.no_translate_at = None
        if self.unit is None:
            if name == "file" and not self.v2:
                self.skip_file = False
            return
        if name == ("unit" if self.v2 else "trans-unit"):
            unit, self.unit = self.unit, None
            if not unit.skip:
                self.emit_v2(unit) if self.v2 else self.emit_v1(unit)
        elif self.v2 and name in ("segment", "ignorable") and self.piece is not None:
            self.unit.pieces.append(self.piece)
            self.piece = None

    # -- units ------------------------------------------------------------------------------
    def emit_v1(self, u: _Unit) -> None:
        text, sb, tb = self.text, self.src, self.tgt
        line, col = self.lines.at(u.start)
        uid = u.attrs.get("id")
        src_el = u.seg_source if u.seg_source is not None else u.source
        src_marks: list[tuple[str, int, int]] | None = [] if u.seg_source is not None else None
        sb.open_block(src_el.start if src_el is not None else u.tag_end)
        s0 = sb.n
        if src_el is not None:
            emit(sb, text, src_el.events, src_marks)
            sb.close_block(src_el.end)
        s1 = sb.n
        target = u.target
        tgt_marks: list[tuple[str, int, int]] | None = [] if src_marks else None
        at = target.start if target is not None else (src_el.after if src_el is not None else u.tag_end)
        tb.open_block(at)
        t0 = tb.n
        if target is not None:
            emit(tb, text, target.events, tgt_marks)
            tb.close_block(target.end)
            self.marks.append((target.tag_start, target.tag_end, text[target.start:target.end]))
        t1 = tb.n
        if target is not None:
            self.mark_segs.append((tuple(tgt_marks or ()), u.seg_tags))
        tattrs = self.target_attributes(target.attrs) if target is not None else {}
        state = tattrs.get("state")
        notes: dict[str, Any] = {}
        if u.attrs.get("approved") == "yes":
            notes["approved"] = True
        if "state-qualifier" in tattrs:
            notes["state-qualifier"] = tattrs["state-qualifier"]
        if src_marks and (tgt_marks or t1 == t0):
            by_mid = {mid: (a, b) for mid, a, b in tgt_marks or ()}
            for mid, a, b in src_marks:
                ta, tb_ = by_mid.get(mid, (t1, t1))
                n = dict(notes, mid=mid)
                self.segments.append(Segment(uid, a, b, ta, tb_, line, col, u.confs.get(mid, state), notes=n))
        else:
            self.segments.append(Segment(uid, s0, s1, t0, t1, line, col, state, notes=notes))

    def emit_v2(self, u: _Unit) -> None:
        text, sb, tb = self.text, self.src, self.tgt
        line, col = self.lines.at(u.start)
        uid = u.attrs.get("id")
        first = next((p.source for p in u.pieces if p.source is not None), None)
        sb.open_block(first.start if first is not None else u.tag_end)
        first_t = next((p.target for p in u.pieces if p.target is not None), None)
        tb.open_block(first_t.start if first_t is not None else u.tag_end)
        for p in u.pieces:
            a = sb.n
            if p.source is not None:
                emit(sb, text, p.source.events)
                sb.close_block(p.source.end)
            b = sb.n
            c = tb.n
            if p.target is not None:
                emit(tb, text, p.target.events)
                tb.close_block(p.target.end)
            elif p.kind == "ignorable" and p.source is not None:
                tb.fixed(plain(text, p.source.events), p.source.start)
            d = tb.n
            if p.kind == "segment":
                pa = attributes(p.attrs)
                notes: dict[str, Any] = {}
                if "id" in pa:
                    notes["segment"] = pa["id"]
                if "subState" in pa:
                    notes["subState"] = pa["subState"]
                self.segments.append(Segment(uid, a, b, c, d, line, col, pa.get("state"), notes=notes))
                t = p.target
                self.marks.append((p.tag_start, p.tag_end, text[t.start:t.end] if t is not None else ""))

    def document(self, kind: str) -> Document:
        if not self.segments and self.other_languages:
            raise NotEnglish(self.path or "-", f"not checked: {self.other_languages[0]}; "
                                               "procutext checks English targets")
        return make_document(self.path, kind, self.text, self.tgt, self.src, self.segments, escape_xml,
                             source_lang=self.source_lang or "zh", target_lang=self.target_lang or "en")


def read_xliff(text: str, path: str | None = None, options: Mapping[str, Any] | None = None) -> Document:
    """The target Document of an XLIFF file (see the module docstring). Raises
    :class:`FormatError` (not well-formed, a DOCTYPE, not XLIFF) or :class:`NotEnglish`."""
    validate(text, path, "XLIFF")
    r = _Reader(text, path)
    r.run()
    return r.document("xliff")


# -- marking edited units ---------------------------------------------------------------------
_STATE_ATTR = re.compile(r"(\sstate\s*=\s*)([\"'])([^\"']*)\2")


#: SDL Trados confirmation levels (``<sdl:seg conf="…">``), which ``--mark-edited`` also takes
TRADOS_CONFS = ("Draft", "Translated", "RejectedTranslation", "ApprovedTranslation", "RejectedSignOff",
                "ApprovedSignOff")
#: the Trados level an XLIFF 1.2 state stands for, set on the edited segments of a file that
#: has them (``x-…`` states have none: Trados' levels are left as they were)
TRADOS_CONF_FOR_STATE = {
    "new": "Draft", "needs-translation": "Draft", "needs-adaptation": "Draft", "needs-l10n": "Draft",
    "needs-review-translation": "Draft", "needs-review-adaptation": "Draft", "needs-review-l10n": "Draft",
    "translated": "Translated", "signed-off": "ApprovedTranslation", "final": "ApprovedSignOff",
}
_CONF_ATTR = re.compile(r"(\sconf\s*=\s*)([\"'])([^\"']*)\2")


def state_problem(state: str, v2: bool, trados: bool = False) -> str | None:
    """Why ``state`` is not a state of this XLIFF version (or, with ``trados``, of an SDL
    Trados file, which also takes its confirmation levels), or None."""
    if v2:
        if state in STATES_20:
            return None
        return f"{state!r} is not an XLIFF 2 state (one of {', '.join(STATES_20)})"
    if state in STATES_12 or (state.startswith("x-") and len(state) > 2) or (trados and state in TRADOS_CONFS):
        return None
    levels = f", or a Trados level: {', '.join(TRADOS_CONFS)}" if trados else ""
    return f"{state!r} is not an XLIFF 1.2 state (one of {', '.join(STATES_12)}, or x-…{levels})"


def _set_attr(tag: str, at: int, pattern: "re.Pattern[str]", name: str, value: str) -> "tuple[int, int, str] | None":
    """The edit that gives the start tag ``tag`` (at file offset ``at``) ``name="value"``, or
    None when it has it already."""
    m = pattern.search(tag)
    if m:
        return None if m.group(3) == value else (at + m.start(3), at + m.end(3), value)
    end = at + len(tag[:-1].rstrip("/").rstrip())  # after the last attribute
    return (end, end, f' {name}="{value}"')


def mark_edited(original: str, fixed: str, state: str, path: str | None = None) -> tuple[str, int]:
    """``fixed`` (``original`` after fixes) with ``state`` set on every target (1.2) or
    segment (2.0) whose target the fixes changed, and how many were marked. In an SDL Trados
    file (segments confirmed in ``<sdl:seg-defs>``) the edited segments' confirmation level
    ``conf`` is set too: the level ``state`` stands for (:data:`TRADOS_CONF_FOR_STATE`;
    ``needs-review-translation`` is ``Draft``), or ``state`` itself when it is a Trados level
    (:data:`TRADOS_CONFS`), which then leaves the ``state`` attribute alone. Raises
    :class:`FormatError` when ``state`` is neither."""
    before, after = _Reader(original, path), _Reader(fixed, path)
    before.run()
    after.run()
    trados = not after.v2 and any(tags for _, tags in after.mark_segs)
    problem = state_problem(state, after.v2, trados)
    if problem:
        raise FormatError(path or "-", f"--mark-edited: {problem}")
    if len(before.marks) != len(after.marks):  # pragma: no cover - fixes never add or remove units
        raise FormatError(path or "-", "--mark-edited: the fixed file has other units than the original")
    conf = state if state in TRADOS_CONFS else TRADOS_CONF_FOR_STATE.get(state)
    set_state = state not in TRADOS_CONFS
    old_text = new_text = ""
    if trados and conf:
        old_text, new_text = "".join(before.tgt.pieces), "".join(after.tgt.pieces)
    edits = []
    marked = 0
    for i, ((_, _, old), (ts, te, new)) in enumerate(zip(before.marks, after.marks)):
        if old == new:
            continue
        marked += 1
        if set_state:
            ed = _set_attr(fixed[ts:te], ts, _STATE_ATTR, "state", state)
            if ed:
                edits.append(ed)
        if not (trados and conf) or i >= len(after.mark_segs):
            continue
        segs_after, tags = after.mark_segs[i]
        segs_before = dict((mid, old_text[a:b]) for mid, a, b in before.mark_segs[i][0])
        if segs_after:  # the segments whose text changed
            mids = [mid for mid, a, b in segs_after if segs_before.get(mid) != new_text[a:b]]
        else:  # a target without segment markers: all of the unit's segments
            mids = list(tags)
        for mid in mids:
            if mid in tags:
                s, e = tags[mid]
                ed = _set_attr(fixed[s:e], s, _CONF_ATTR, "conf", conf)
                if ed:
                    edits.append(ed)
    edits.sort()
    out, pos = [], 0
    for s, e, r in edits:
        out.append(fixed[pos:s])
        out.append(r)
        pos = e
    out.append(fixed[pos:])
    return "".join(out), marked
