"""TMX 1.4b (and 1.1-1.3, which name the language ``lang`` instead of ``xml:lang``).

Each ``<tu>`` is a block of the target text and one :class:`~procutext.bilingual.Segment`:
its target is the ``<seg>`` of the first ``<tuv>`` in English; its source the ``<tuv>`` of the
unit's ``srclang`` (or the header's, unless ``*all*``), else the first Chinese one, else the
first other one. A unit without an English variant has an empty target. A memory with units
but no English variant at all raises :class:`NotEnglish`. ``Segment.id`` is ``tuid``.
Inline codes ``<bpt>``, ``<ept>``, ``<it>``, ``<ut>`` (zero-width, their code never text),
``<ph>`` (a masked placeholder) and ``<hi>`` (its text kept): see :mod:`.xmlscan`.
"""

from __future__ import annotations

from typing import Any, Mapping

from ...model import Document
from .. import Segment
from .common import Builder, FormatError, Lines, NotEnglish, error_at, escape_xml, is_english, make_document, primary
from .xmlscan import T_EMPTY, T_END, T_START, attributes, emit, tokens, validate


class _Seg:
    __slots__ = ("start", "end", "events")

    def __init__(self, start: int) -> None:
        self.start = self.end = start
        self.events: list = []


def read_tmx(text: str, path: str | None = None, options: Mapping[str, Any] | None = None) -> Document:
    """The target Document of a TMX file (see the module docstring). Raises
    :class:`FormatError` or :class:`NotEnglish`."""
    validate(text, path, "TMX")
    lines = Lines(text)
    sb, tb = Builder(), Builder()
    segments: list[Segment] = []
    header_src: str | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    languages: list[str] = []
    stack: list[str] = []
    tu: tuple[int, int, dict[str, str]] | None = None
    tuvs: list[tuple[str, _Seg]] = []
    lang = ""
    capture: _Seg | None = None
    depth = 0
    units = 0
    for tok in tokens(text):
        typ = tok[0]
        if capture is not None:
            if typ == T_START:
                depth += 1
            elif typ == T_END:
                if depth == 0:
                    capture.end = tok[1]
                    capture = None
                    stack.pop()
                    continue
                depth -= 1
            capture.events.append(tok)
            continue
        if typ == T_START or typ == T_EMPTY:
            _, s, e, name, attrs = tok
            parent = stack[-1] if stack else ""
            if not stack and name != "tmx":
                raise error_at(path, text, s, "not valid TMX", f"the root element is <{name}>, not <tmx>")
            if name == "header" and parent == "tmx":
                header_src = attributes(attrs).get("srclang")
            elif name == "tu":
                tu = (s, e, attributes(attrs))
                tuvs = []
            elif name == "tuv" and tu is not None:
                a = attributes(attrs)
                lang = a.get("xml:lang") or a.get("lang") or ""
                if lang and lang not in languages:
                    languages.append(lang)
            elif name == "seg" and parent == "tuv" and tu is not None:
                seg = _Seg(s if typ == T_EMPTY else e)
                tuvs.append((lang, seg))
                if typ == T_START:
                    capture, depth = seg, 0
            if typ == T_START:
                stack.append(name)
                continue
            if name != "tu":
                continue
        elif typ == T_END:
            stack.pop()
            if tok[3] != "tu" or tu is None:
                continue
        else:
            continue
        # the end of a <tu>
        tu_end = tok[1]
        start, tag_end, a = tu  # type: ignore[misc]
        tu = None
        units += 1
        line, col = lines.at(start)
        want = a.get("srclang") or header_src
        source = target = None
        for lg, seg in tuvs:
            if target is None and is_english(lg) and lg:
                target = (lg, seg)
        if want and want != "*all*":
            source = next(((lg, sg) for lg, sg in tuvs if lg.lower() == want.lower() and not is_english(lg)), None)
        if source is None:
            source = next(((lg, sg) for lg, sg in tuvs if primary(lg) == "zh"), None)
        if source is None:
            source = next(((lg, sg) for lg, sg in tuvs if not is_english(lg)), None)
        sb.open_block(source[1].start if source else tag_end)
        s0 = sb.n
        if source:
            emit(sb, text, source[1].events)
            sb.close_block(source[1].end)
            src_lang = src_lang or source[0]
        s1 = sb.n
        tb.open_block(target[1].start if target else tu_end)
        t0 = tb.n
        if target:
            emit(tb, text, target[1].events)
            tb.close_block(target[1].end)
            tgt_lang = tgt_lang or target[0]
        segments.append(Segment(a.get("tuid"), s0, s1, t0, tb.n, line, col, None))
    if stack:  # pragma: no cover - validate() refuses unclosed elements
        raise FormatError(path or "-", "not valid TMX: unclosed elements")
    if units and tgt_lang is None:
        raise NotEnglish(path or "-", f"not checked: no unit has an English variant (languages: "
                                      f"{', '.join(languages) or 'none declared'}); procutext checks English targets")
    return make_document(path, "tmx", text, tb, sb, segments, escape_xml,
                         source_lang=src_lang or (header_src if header_src and header_src != "*all*" else "zh"),
                         target_lang=tgt_lang or "en")
