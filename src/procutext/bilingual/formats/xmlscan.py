"""XML for the bilingual readers: safe validation, then an offset-keeping scan.

A file is read twice, for two different guarantees:

1. :func:`validate` runs expat (the C parser behind ElementTree) over the whole text with
   defusedxml's rules: a DOCTYPE, an entity declaration or an external reference is refused
   (they are how billion-laughs and external-entity attacks work, and XLIFF and TMX need
   none). Anything not well-formed is a :class:`FormatError` naming the line and column.
2. :func:`tokens` then cuts the validated text into tags, text, CDATA sections, comments and
   processing instructions with one regular expression, keeping every offset. Because the
   text is known to be well-formed, the regular expression only has to tell those apart,
   not to check them. :func:`emit` turns a content element's tokens into target or source
   text: entities become atoms (one character that maps to the whole ``&amp;``), inline
   codes are never text (see :data:`CONTAINERS`, :data:`CODES`, :data:`PLACEHOLDERS`).
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import RAW, Builder, error_at

T_TEXT, T_START, T_END, T_EMPTY, T_CDATA, T_OTHER = range(6)

_MARKUP = re.compile(
    r"<(?:(?P<end>/)?(?P<name>[^\s/>!?]+)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|!--.*?-->|!\[CDATA\[(?P<cdata>.*?)\]\]>|\?.*?\?>)",
    re.S,
)
_ATTR = re.compile(r"([^\s=/]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY = re.compile(r"&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}

#: inline elements whose tags are zero-width and whose content is text: XLIFF 1.2 ``<g>``,
#: ``<mrk>``; XLIFF 2.0 ``<pc>``, ``<mrk>``; TMX ``<hi>``
CONTAINERS = frozenset({"g", "mrk", "pc", "hi"})
#: inline elements whose content is the original format's code, never text: XLIFF 1.2 and
#: TMX ``<bpt>``, ``<ept>``, ``<it>``, ``<ut>`` (zero-width) and ``<sub>`` (a sub-flow inside
#: a code, skipped with it)
CODES = frozenset({"bpt", "ept", "it", "ut", "sub"})
#: inline elements that stand for content (an image, a variable, a line break): one masked
#: character that maps to the whole element: XLIFF 1.2 ``<x/>``, ``<ph>…</ph>``; XLIFF 2.0
#: ``<ph/>``, ``<cp/>``; TMX ``<ph>…</ph>``. Other empty elements (``<bx/>``, ``<ex/>``,
#: ``<sc/>``, ``<ec/>``, ``<sm/>``, ``<em/>``) are zero-width.
PLACEHOLDERS = frozenset({"x", "ph", "cp"})


#: elements nested deeper than this are refused (libxml2's default limit): real XLIFF and
#: TMX files nest a few dozen deep at most, and a hostile one should not cost unbounded work
MAX_DEPTH = 256


class _TooDeep(Exception):
    pass


def validate(text: str, path: str | None, what: str) -> None:
    """Raise :class:`FormatError` unless ``text`` is well-formed XML without a DOCTYPE,
    entity declarations or external references (defusedxml's rules), with elements nested
    at most :data:`MAX_DEPTH` deep."""
    import pyexpat

    from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    parser = pyexpat.ParserCreate("utf-8")  # the text is decoded already: its declaration is moot

    def doctype(name, sysid, pubid, has_internal_subset):  # type: ignore[no-untyped-def]
        raise DTDForbidden(name, sysid, pubid)

    def entity(name, *args):  # type: ignore[no-untyped-def]
        raise EntitiesForbidden(name, None, None, None, None, None)

    def external(context, base, sysid, pubid):  # type: ignore[no-untyped-def]
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    depth = 0

    def start(name, attrs):  # type: ignore[no-untyped-def]
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise _TooDeep

    def end(name):  # type: ignore[no-untyped-def]
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.buffer_text = True
    data = text.encode("utf-8", "surrogatepass")

    def offset(byte_index: int) -> int:
        return len(data[:max(0, byte_index)].decode("utf-8", "ignore"))

    try:
        parser.Parse(data, True)
    except pyexpat.ExpatError as e:
        raise error_at(path, text, offset(parser.ErrorByteIndex), f"not well-formed {what}",
                       pyexpat.ErrorString(e.code)) from None
    except DTDForbidden:
        at = offset(parser.CurrentByteIndex)
        at = max(0, text.rfind("<!DOCTYPE", 0, at + 1))  # expat is past the name by now
        raise error_at(path, text, at, f"{what} refused",
                       "a DOCTYPE declaration is not read (a DTD can define entities that expand "
                       "without bound or load other files; XLIFF and TMX need none): remove it") from None
    except _TooDeep:
        raise error_at(path, text, offset(parser.CurrentByteIndex), f"{what} refused",
                       f"elements nested more than {MAX_DEPTH} deep") from None
    except (EntitiesForbidden, ExternalReferenceForbidden):  # pragma: no cover - needs a DOCTYPE first
        raise error_at(path, text, offset(parser.CurrentByteIndex), f"{what} refused",
                       "entity declarations and external references are not read") from None


def tokens(text: str, start: int = 0) -> Iterator[tuple[int, int, int, str, str]]:
    """``(type, start, end, local name, attribute text)`` for each token of validated XML:
    ``T_TEXT`` (character data, entities undecoded), ``T_START``/``T_END``/``T_EMPTY`` (a
    tag; the name without its prefix), ``T_CDATA`` (start and end of the section's content)
    and ``T_OTHER`` (a comment or processing instruction)."""
    pos = start
    for m in _MARKUP.finditer(text, start):
        s = m.start()
        if s > pos:
            yield T_TEXT, pos, s, "", ""
        name = m.group("name")
        if name is not None:
            local = name.rpartition(":")[2]
            if m.group("end"):
                yield T_END, s, m.end(), local, ""
            else:
                attrs = m.group("attrs")
                if attrs.endswith("/"):
                    yield T_EMPTY, s, m.end(), local, attrs[:-1]
                else:
                    yield T_START, s, m.end(), local, attrs
        elif m.group("cdata") is not None:
            yield T_CDATA, m.start("cdata"), m.end("cdata"), "", ""
        else:
            yield T_OTHER, s, m.end(), "", ""
        pos = m.end()
    if pos < len(text):
        yield T_TEXT, pos, len(text), "", ""


def unescape(value: str) -> str:
    if "&" not in value:
        return value
    return _ENTITY.sub(_decode_entity, value)


def _decode_entity(m: "re.Match[str]") -> str:
    if m.group(3):
        return _NAMED[m.group(3)]
    return chr(int(m.group(1))) if m.group(1) else chr(int(m.group(2), 16))


def attributes(attrs: str) -> dict[str, str]:
    """The attributes of a tag's attribute text, values decoded (``xml:lang`` keeps its prefix)."""
    if not attrs or "=" not in attrs:
        return {}
    return {m.group(1): unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR.finditer(attrs)}


def attribute_spans(attrs: str, offset: int) -> dict[str, tuple[int, int]]:
    """The file spans of the attribute values of a tag whose attribute text starts at ``offset``."""
    out = {}
    for m in _ATTR.finditer(attrs):
        g = 2 if m.group(2) is not None else 3
        out[m.group(1)] = (offset + m.start(g), offset + m.end(g))
    return out


def emit_text(b: Builder, text: str, s: int, e: int) -> None:
    """Character data ``text[s:e]``: literal runs, an atom per entity."""
    if text.find("&", s, e) == -1:
        b.literal(text[s:e], s)
        return
    pos = s
    for m in _ENTITY.finditer(text, s, e):
        if m.start() > pos:
            b.literal(text[pos:m.start()], pos)
        b.atom(_decode_entity(m), m.start(), m.end())
        pos = m.end()
    if pos < e:
        b.literal(text[pos:e], pos)


def emit(b: Builder, text: str, events: list[tuple[int, int, int, str, str]],
         segments: list[tuple[str, int, int]] | None = None) -> None:
    """Add a content element's tokens to ``b`` (see the module docstring). With ``segments``
    (a list), each ``<mrk mtype="seg">`` found is appended to it as ``(mid, text start,
    text end)``: XLIFF 1.2 segmentation."""
    skip = 0  # depth inside a code element
    skip_from = 0
    marks: list[str | None] = []  # open <mrk>s: the mid of a segment marker, None for others
    starts: list[int] = []
    for typ, s, e, name, attrs in events:
        if skip:
            if typ == T_START and (name in CODES or name == "ph"):
                skip += 1
            elif typ == T_END and (name in CODES or name == "ph"):
                skip -= 1
                if skip == 0 and name == "ph":
                    b.placeholder(skip_from, e)
            continue
        if typ == T_TEXT:
            emit_text(b, text, s, e)
        elif typ == T_START:
            if name in CODES or name == "ph":
                skip, skip_from = 1, s
            elif name == "mrk" and segments is not None:
                a = attributes(attrs)
                marks.append(a.get("mid", "") if a.get("mtype") == "seg" else None)
                starts.append(b.n)
        elif typ == T_END:
            if name == "mrk" and segments is not None and marks:
                mid, at = marks.pop(), starts.pop()
                if mid is not None:
                    segments.append((mid, at, b.n))
        elif typ == T_EMPTY:
            if name in PLACEHOLDERS:
                b.placeholder(s, e)
            elif name == "mrk" and segments is not None:
                a = attributes(attrs)
                if a.get("mtype") == "seg":
                    segments.append((a.get("mid", ""), b.n, b.n))
        elif typ == T_CDATA:
            if e > s:
                b.literal(text[s:e], s, RAW)
        # T_OTHER (comments, processing instructions): zero-width


def plain(text: str, events: list[tuple[int, int, int, str, str]]) -> str:
    """The text of a content element's tokens (inline codes left out, placeholders masked)."""
    b = Builder()
    b.open_block(0)
    emit(b, text, events)
    return b.text()

