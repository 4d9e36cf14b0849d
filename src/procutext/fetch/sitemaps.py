"""Reading sitemaps (the sitemaps.org protocol 0.9): XML url sets and sitemap indexes,
gzip-compressed or not, and plain-text sitemaps (one URL per line).

XML is parsed with defusedxml with DTDs, entity declarations and external references all
refused: a sitemap never needs them, and they are how a hostile file makes a parser expand
a billion entities or read local files. Gzip data is decompressed to at most
:data:`MAX_BYTES`, the protocol's limit, so a small archive cannot expand without bound.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

#: the protocol's limit for one sitemap, uncompressed
MAX_BYTES = 50 * 1024 * 1024


class SitemapError(ValueError):
    """A sitemap that cannot be read; ``str()`` says why and where."""


@dataclass
class Sitemap:
    """``kind`` is ``"urlset"`` (pages), ``"index"`` (more sitemaps) or ``"text"`` (pages)."""

    kind: str
    locs: list[str] = field(default_factory=list)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def gunzip(data: bytes, limit: int = MAX_BYTES) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as e:
        raise SitemapError(f"broken gzip data ({e})") from None
    if len(out) > limit:
        raise SitemapError(f"larger than {limit // (1024 * 1024)} MiB when decompressed (the sitemap protocol's limit)")
    if not d.eof:
        raise SitemapError("broken gzip data (it ends before the compressed stream does)")
    return out


def parse_sitemap(data: bytes) -> Sitemap:
    """The URLs (or, for an index, the sitemaps) ``data`` lists, in document order.
    Raises SitemapError."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
    if len(data) > MAX_BYTES:
        raise SitemapError(f"larger than {MAX_BYTES // (1024 * 1024)} MiB (the sitemap protocol's limit)")
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise SitemapError("empty")
    if head.startswith(b"<"):
        return _parse_xml(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SitemapError(f"neither XML nor a UTF-8 list of URLs (byte {e.start} does not decode as UTF-8)") from None
    from . import is_url

    locs = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if not is_url(line):
            raise SitemapError(f"line {n} of a text sitemap is not a URL: {line[:80]!r}")
        locs.append(line)
    return Sitemap("text", locs)


#: elements nested deeper than this are refused (libxml2's default limit; a sitemap nests
#: three deep)
MAX_DEPTH = 256


def _parse_xml(data: bytes) -> Sitemap:
    from xml.etree.ElementTree import TreeBuilder

    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.ElementTree import DefusedXMLParser

    class Builder(TreeBuilder):
        depth = 0

        def start(self, tag, attrs):  # type: ignore[no-untyped-def, override]
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise SitemapError(f"refused: elements nested more than {MAX_DEPTH} deep{where()}")
            return super().start(tag, attrs)

        def end(self, tag):  # type: ignore[no-untyped-def, override]
            self.depth -= 1
            return super().end(tag)

    parser = DefusedXMLParser(target=Builder(), forbid_dtd=True, forbid_entities=True, forbid_external=True)

    def where() -> str:
        p = parser.parser
        return f" (line {p.CurrentLineNumber}, column {p.CurrentColumnNumber + 1})"

    try:
        parser.feed(data)
        root = parser.close()
    except DTDForbidden:
        raise SitemapError(f"refused: the XML has a document type declaration (<!DOCTYPE …>){where()}, "
                           "which a sitemap never needs (a DTD can define entities that expand without bound "
                           "or read other files)") from None
    except EntitiesForbidden:  # pragma: no cover - an entity declaration needs a DOCTYPE first
        raise SitemapError(f"refused: the XML declares entities{where()}, which a sitemap never needs") from None
    except ExternalReferenceForbidden:  # pragma: no cover - likewise
        raise SitemapError(f"refused: the XML refers to an external resource{where()}") from None
    except ParseError as e:
        line, col = getattr(e, "position", (0, 0))
        msg = str(e).split(":", 1)[0]
        raise SitemapError(f"not well-formed XML: {msg} at line {line}, column {col + 1}") from None
    except SitemapError:
        raise
    except (LookupError, ValueError) as e:  # the XML declaration names an encoding expat cannot read
        raise SitemapError(f"cannot read the encoding the XML declaration names ({e})") from None
    tag = _local(root.tag)
    if tag == "urlset":
        kind, child = "urlset", "url"
    elif tag == "sitemapindex":
        kind, child = "index", "sitemap"
    else:
        raise SitemapError(f"not a sitemap: the root element is <{tag}>, not <urlset> or <sitemapindex>")
    locs = []
    for el in root:
        if _local(el.tag) != child:
            continue
        for sub in el:
            if _local(sub.tag) == "loc" and sub.text and sub.text.strip():
                locs.append(sub.text.strip())
                break
    return Sitemap(kind, locs)
