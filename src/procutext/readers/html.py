"""HTML: only the text a reader sees, with an exact map back to the markup.

The stdlib :class:`html.parser.HTMLParser` (``convert_charrefs=False``, so that every entity
arrives on its own with its position) feeds a small layout model:

- skipped: ``script``, ``style``, ``template``, ``noscript``, the ``head`` (its ``<title>``
  apart), ``svg``, ``math``, ``iframe``, ``object``, ``canvas``, ``audio``, ``video``,
  comments, attribute values, and every element marked ``hidden``, ``aria-hidden="true"``
  or with an inline ``display:none`` / ``visibility:hidden``;
- block elements (``p``, ``div``, ``h1`` … ``h6``, ``table`` …) are separated by a blank
  line, so paragraph-based rules see paragraphs; list items, table rows and ``<br>`` end a
  line; table cells of a row are joined by a space; inline elements (``a``, ``span``,
  ``b`` …) split nothing, so a sentence or a quotation across them stays whole;
- white space collapses as in CSS (``pre`` and ``textarea`` keep theirs), entities are
  decoded;
- ``alt`` and ``title`` attributes and the page's ``<title>`` are read as short blocks of
  their own after the running text (:class:`procutext.model.Block` kinds ``alt``,
  ``title``), and text inside ``<nav>``, ``<footer>`` or an element whose class or id names
  a breadcrumb, menu, footer, share or print bar is marked as a ``furniture`` block; so is
  the rest of the page's template (:data:`TEMPLATE_WORDS`): ``<header>``, ``<aside>``, a
  ``<time>`` element, and elements whose class or id names a header, logo, skip link,
  language switcher, byline or info bar, or a list of related articles. The furniture rules report what lies there only when
  its wording is machine translation (:mod:`procutext.rules.furniture`).

Every character of the text maps to its span of the file (:class:`procutext.model.OffsetMap`):
findings are positioned in the markup, and fixes are applied to it only where the edit
covers characters that stand in the file as they are (never across a tag or inside an
entity). ``<!-- procutext-disable ... -->`` comments suppress findings by file line, as in
Markdown.
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser

from ..model import ATOM, FIXED, IN_ATTRIBUTE, LITERAL, Block, Document, OffsetMap, OffsetPieces, line_starts

#: elements whose content is never rendered
SKIP = frozenset({"script", "style", "template", "noscript", "head", "svg", "math", "iframe", "object",
                  "canvas", "audio", "video", "datalist", "noembed", "noframes"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound", "isindex"})
#: elements whose boundaries end a line but not a paragraph
LINE = frozenset({"li", "dt", "dd", "tr", "option", "optgroup", "summary", "legend", "figcaption", "caption"})
CELL = frozenset({"td", "th"})
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "details", "dialog", "dir", "div", "dl",
    "fieldset", "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "html", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "ul",
    "listing", "xmp", "plaintext", "textarea", "select", "search",
}) | LINE | CELL
PRE = frozenset({"pre", "textarea", "listing", "xmp", "plaintext"})
#: attributes read as text blocks of their own
TEXT_ATTRIBUTES = ("alt", "title")

WS_CHARS = " \t\n\f\r"
_LEAD_WS = re.compile(r"[ \t\n\f\r]*")
#: white space that is not a single space between words: it collapses to one space
_BAD_WS = re.compile(r"[ \t\n\f\r]{2,}|[\t\n\f\r]")
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!important\s*)?(?:;|$)", re.I)
_ATTR = re.compile(r"""([^\s/>"'=<][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_BAD_CHARREF = re.compile(r"&#(?![0-9]|[xX][0-9a-fA-F])")
DIRECTIVE = re.compile(r"^\s*procutext-(?P<verb>disable-next-line|disable|enable)\b(?P<codes>.*?)\s*$", re.S)

#: class/id words that mark page furniture, and the furniture they mean (first match wins)
FURNITURE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("breadcrumb", ("breadcrumb", "breadcrumbs", "crumb", "crumbs", "location", "position", "curpos",
                    "weizhi", "dqwz", "path", "guide")),
    ("control", ("share", "print", "fontsize", "font-size", "zihao", "toolbar", "tools", "close")),
    ("footer", ("footer", "foot", "copyright", "copy", "bottom")),
    ("menu", ("nav", "navbar", "navigation", "menu", "menus", "topnav", "subnav", "mainnav", "sidebar")),
)
_WORD_TO_KIND = {w: kind for kind, words in FURNITURE_WORDS for w in words}
#: the rest of the page's template, by class/id words: the page's header and logo, the article's
#: byline or info bar, lists of related articles. These places hold furniture by design (a site
#: name, "By Li Ming | Updated July 11, 2023", "Related articles") and make no line furniture by
#: their place alone. They never replace a place of :data:`FURNITURE_WORDS` around them, and
#: one of those inside them replaces them.
TEMPLATE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("header", ("header", "masthead", "banner", "logo", "branding", "topbar")),
    ("info", ("byline", "bylines")),
    ("related", ("related", "relate", "recommend", "recommended")),
)
#: words that name a place only as a whole word: the info bar's ("info", not "information";
#: "date", not "update"; "time", not "timeline"; "author", not "authority"; "source", not
#: "resources"), a skip link at the page's top (``class="skip-link"``: "Skip to content") and a
#: language switcher (``class="lang"``: "中文 | English")
TEMPLATE_EXACT: tuple[tuple[str, frozenset[str]], ...] = (
    ("header", frozenset({"skip", "skiplink", "lang", "langs", "language", "languages"})),
    ("info", frozenset({"info", "meta", "metadata", "author", "authors", "date", "time", "pubdate", "pubtime",
                        "publish", "published", "posted", "source"})),
)
_TEMPLATE_WORD_TO_KIND = {w: kind for kind, words in TEMPLATE_WORDS for w in words}
_TEMPLATE_EXACT_TO_KIND = {w: kind for kind, words in TEMPLATE_EXACT for w in words}
#: elements of the template by their tag (``<header>`` and ``<aside>`` wherever they are: the
#: header of an article holds its title and byline, an aside in an article is beside its flow)
TEMPLATE_TAGS = {"header": "header <header>", "aside": "aside <aside>", "time": "info <time>"}
_SPLIT_NAME = re.compile(r"[^a-z0-9]+")


def furniture_hint(tag: str, attrs: dict[str, str | None]) -> str | None:
    """``"menu <nav>"``, ``"breadcrumb class=crumbs"`` … for an element that holds page
    furniture, else None. A place of :data:`FURNITURE_WORDS` comes before one of the rest of
    the template (:func:`template_hint`)."""
    if tag == "nav":
        return "menu <nav>"
    if tag == "footer":
        return "footer <footer>"
    cls, ident = attrs.get("class"), attrs.get("id")
    if not cls and not ident:
        return None
    return _named_hint(cls, ident)


def template_hint(tag: str, attrs: dict[str, str | None]) -> str | None:
    """``"header <header>"``, ``"info class='byline'"`` … for an element of the rest of the
    page's template (:data:`TEMPLATE_WORDS`, :data:`TEMPLATE_TAGS`), else None."""
    hint = TEMPLATE_TAGS.get(tag)
    if hint is not None:
        return hint
    cls, ident = attrs.get("class"), attrs.get("id")
    if not cls and not ident:
        return None
    return _named_template_hint(cls, ident)


def _words(value: str) -> list[str]:
    return [w for w in _SPLIT_NAME.split(value.lower()) if w]


def _hint_by_words(cls: str | None, ident: str | None, exact: dict[str, str], words: dict[str, str]) -> str | None:
    """The first class or id word that is in ``exact`` or ``words``, or starts or ends with a
    word of four letters or more of ``words``, as ``"KIND class='VALUE'"``."""
    for name, value in (("class", cls), ("id", ident)):
        if not value:
            continue
        for w in _words(value):
            kind = exact.get(w) or words.get(w)
            if kind is None:
                for kw, k in words.items():
                    if len(kw) >= 4 and (w.startswith(kw) or w.endswith(kw)):
                        kind = k
                        break
            if kind is not None:
                return f"{kind} {name}={value.strip()!r}"
    return None


@functools.lru_cache(maxsize=4096)
def _named_hint(cls: str | None, ident: str | None) -> str | None:
    return _hint_by_words(cls, ident, {}, _WORD_TO_KIND)


@functools.lru_cache(maxsize=4096)
def _named_template_hint(cls: str | None, ident: str | None) -> str | None:
    return _hint_by_words(cls, ident, _TEMPLATE_EXACT_TO_KIND, _TEMPLATE_WORD_TO_KIND)


def _hidden(tag: str, attrs: dict[str, str | None]) -> bool:
    if tag in SKIP:
        return True
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Flow(OffsetPieces):
    """One stream of text with its segments: the running text, or one attribute's text."""

    __slots__ = ("brk_block", "brk_line", "cell", "space", "last_fe")

    def __init__(self, attribute: bool = False) -> None:
        super().__init__(IN_ATTRIBUTE if attribute else 0)
        self.brk_block = 0
        self.brk_line = 0
        self.cell = False
        #: pending white space: (file start, file end, is a single space, shared across a tag)
        self.space: tuple[int, int, bool, bool] | None = None
        self.last_fe = 0

    def _flush(self, at: int) -> None:
        if self.n:
            brk = max(self.brk_block, self.brk_line)
            if brk:
                self._push("\n" * brk, self.last_fe, at, FIXED)
            elif self.cell:
                self._push(" ", self.last_fe, at, FIXED)
            elif self.space is not None:
                fs, fe, single, shared = self.space
                self._push(" ", fs, fe, FIXED if shared else (LITERAL if single else ATOM))
        self.brk_block = self.brk_line = 0
        self.cell = False
        self.space = None

    def word(self, text: str, fs: int, fe: int, kind: int = LITERAL) -> None:
        if self.brk_block or self.brk_line or self.cell or self.space is not None:
            self._flush(fs)
        self._push(text, fs, fe, kind)
        self.last_fe = fe

    def ws(self, fs: int, fe: int, single: bool) -> None:
        if not self.n or self.brk_block or self.brk_line or self.cell:
            return
        if self.space is not None:
            s0, e0, one, _ = self.space
            self.space = (s0, e0, one, True)
            return
        self.space = (fs, fe, single, False)

    def text(self, chunk: str, at: int) -> None:
        """A run of character data starting at file offset ``at`` (white space collapses)."""
        n = len(chunk)
        i = _LEAD_WS.match(chunk).end()  # type: ignore[union-attr]
        if i:
            self.ws(at, at + i, chunk[:i] == " ")
            if i == n:
                return
        j = len(chunk.rstrip(WS_CHARS))
        for m in _BAD_WS.finditer(chunk, i, j):
            self.word(chunk[i:m.start()], at + i, at + m.start())
            self.ws(at + m.start(), at + m.end(), False)
            i = m.end()
        self.word(chunk[i:j], at + i, at + j)
        if j < n:
            self.ws(at + j, at + n, chunk[j:] == " ")

    def pre(self, chunk: str, at: int) -> None:
        """Preformatted data: kept as it is, CR and CRLF read as one line break."""
        if "\r" not in chunk:
            self.word(chunk, at, at + len(chunk))
            return
        i = 0
        for m in re.finditer(r"\r\n?", chunk):
            if m.start() > i:
                self.word(chunk[i:m.start()], at + i, at + m.start())
            self.word("\n", at + m.start(), at + m.end(), ATOM)
            i = m.end()
        if i < len(chunk):
            self.word(chunk[i:], at + i, at + len(chunk))

    def block(self, lines: int) -> None:
        self.space = None
        self.cell = False
        if self.n:
            self.brk_block = max(self.brk_block, lines)

    def line_break(self) -> None:
        self.space = None
        if self.n:
            self.brk_line += 1

    def cell_break(self) -> None:
        if self.n and not (self.brk_block or self.brk_line):
            self.space = None
            self.cell = True

    def text_value(self) -> str:
        return "".join(self.pieces)


class _Reader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.src = source
        nl = [0]
        find = source.find
        i = find("\n")
        while i != -1:
            nl.append(i + 1)
            i = find("\n", i + 1)
        self.nl = nl
        self.flow = _Flow()
        #: (tag, hidden, pre, furniture hint)
        self.stack: list[tuple[str, bool, bool, str | None]] = []
        self.hidden = False
        self.in_pre = False
        self.pre_start = False
        self.furn: str | None = None
        self.furn_runs: list[list] = []  # [start, end, hint]
        self.side: list[tuple[str, _Flow]] = []  # (kind, flow) of alt/title texts
        self.title: _Flow | None = None
        self.directives: list[tuple[int, str, str]] = []  # (file offset, verb, codes)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """``<![CDATA[…]]>`` and the like; html.parser raises AssertionError on a malformed one
        (``<![;``), which browsers read as a bogus comment up to the next ``>``."""
        pos = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = pos  # it moved the position before raising
            j = self.rawdata.find(">", i)
            return -1 if j < 0 else j + 1

    # -- positions ---------------------------------------------------------------------
    def _at(self) -> int:
        line, col = self.getpos()
        return self.nl[line - 1] + col

    # -- element state -----------------------------------------------------------------
    def _set_state(self) -> None:
        if self.stack:
            _, self.hidden, self.in_pre, self.furn = self.stack[-1]
        else:
            self.hidden, self.in_pre, self.furn = False, False, None

    def _pop_to(self, tag: str, stop: frozenset[str] = frozenset()) -> bool:
        for i in range(len(self.stack) - 1, -1, -1):
            name = self.stack[i][0]
            if name == tag:
                closed = self.stack[i:]
                del self.stack[i:]
                for c in reversed(closed):
                    self._closed(c[0], c[1])
                self._set_state()
                return True
            if name in stop:
                return False
        return False

    def _closed(self, tag: str, hidden: bool) -> None:
        if tag == "title":
            self.title = None
            return
        if hidden:
            return
        if tag in CELL:
            self.flow.cell_break()
        elif tag in LINE:
            self.flow.block(1)
        elif tag in BLOCK:
            self.flow.block(2)

    def _implied_ends(self, tag: str) -> None:
        top = self.stack[-1][0] if self.stack else None
        if top == "p" and tag in BLOCK:
            self._pop_to("p")
        if tag == "li":
            self._pop_to("li", frozenset({"ul", "ol", "menu"}))
        elif tag in ("dt", "dd"):
            if not self._pop_to("dt", frozenset({"dl"})):
                self._pop_to("dd", frozenset({"dl"}))
        elif tag in CELL:
            if not self._pop_to("td", frozenset({"tr", "table"})):
                self._pop_to("th", frozenset({"tr", "table"}))
        elif tag == "tr":
            self._pop_to("tr", frozenset({"table"}))
        elif tag in ("thead", "tbody", "tfoot"):
            for t in ("thead", "tbody", "tfoot"):
                self._pop_to(t, frozenset({"table"}))
        elif tag == "option" and top == "option":
            self._pop_to("option")
        elif tag == "body":
            self._pop_to("head")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # browsers ignore the slash of a non-void element: <div/> opens a div
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> None:
        at = self._at()
        if tag not in VOID:
            self._implied_ends(tag)
        a = dict(attrs)  # html.parser gives the names in lower case
        hidden = self.hidden or _hidden(tag, a)
        reading_title = tag == "title" and self.title is None and not self.stack_has("svg")
        if reading_title:
            hidden = False  # the page title is read although <head> is not
        if not hidden:
            if any(k in a for k in TEXT_ATTRIBUTES):
                self._attributes(at)
            if tag == "br":
                self.flow.line_break()
            elif tag == "hr":
                self.flow.block(2)
            elif tag in CELL:
                self.flow.cell_break()
            elif tag in LINE:
                self.flow.block(1)
            elif tag in BLOCK:
                self.flow.block(2)
        if tag in VOID:
            return
        hint = None
        if not hidden:
            # a place of the template's rest (a header, a byline) only where no furniture is around
            hint = furniture_hint(tag, a) or self.furn or template_hint(tag, a)
        pre = self.in_pre or tag in PRE
        self.stack.append((tag, hidden, pre, hint))
        self._set_state()
        if tag in PRE:
            self.pre_start = True
        if reading_title:
            self.title = _Flow()
            self.side.append(("title", self.title))

    def stack_has(self, tag: str) -> bool:
        return any(e[0] == tag for e in self.stack)

    def handle_endtag(self, tag: str) -> None:
        if self._pop_to(tag):
            return
        if tag == "p" and not self.hidden:  # a stray </p> still ends a paragraph
            self.flow.block(2)
        elif tag == "br" and not self.hidden:  # </br> is read as <br>
            self.flow.line_break()

    def _attributes(self, at: int) -> None:
        raw = self.get_starttag_text() or ""
        m = re.match(r"<[^\s/>]+", raw)
        pos = m.end() if m else 0
        for am in _ATTR.finditer(raw, pos):
            name = am.group(1).lower()
            if name not in TEXT_ATTRIBUTES:
                continue
            g = next((g for g in (2, 3, 4) if am.group(g) is not None), None)
            if g is None:
                continue
            value = am.group(g)
            if not value.strip():
                continue
            flow = _Flow(attribute=True)
            self._attribute_text(flow, value, at + am.start(g))
            if flow.n:
                self.side.append((name, flow))

    @staticmethod
    def _attribute_text(flow: _Flow, value: str, at: int) -> None:
        i = 0
        for m in _ENTITY.finditer(value):
            decoded = html.unescape(m.group())
            if decoded == m.group():
                continue
            if m.start() > i:
                flow.text(value[i:m.start()], at + i)
            if not decoded:
                pass
            elif decoded.strip(WS_CHARS):
                flow.word(decoded, at + m.start(), at + m.end(), ATOM)
            else:
                flow.ws(at + m.start(), at + m.end(), False)
            i = m.end()
        if i < len(value):
            flow.text(value[i:], at + i)

    # -- text ----------------------------------------------------------------------------
    def _target(self) -> _Flow | None:
        if self.title is not None:
            return self.title
        if self.hidden:
            return None
        return self.flow

    def handle_data(self, data: str) -> None:
        flow = self._target()
        if flow is None or not data:
            return
        at = self._at()
        before = flow.n
        if self.in_pre and flow is self.flow:
            if self.pre_start:
                self.pre_start = False
                if data.startswith("\r\n"):
                    data, at = data[2:], at + 2
                elif data[:1] in ("\n", "\r"):
                    data, at = data[1:], at + 1
            if data:
                flow.pre(data, at)
        else:
            flow.text(data, at)
        self._after(flow, before)

    def _after(self, flow: _Flow, before: int) -> None:
        """Record that the running text from ``before`` on lies in furniture, if it does."""
        if flow is not self.flow or self.furn is None or flow.n == before:
            return
        runs = self.furn_runs
        if runs and runs[-1][2] == self.furn and runs[-1][1] == before:
            runs[-1][1] = flow.n
        else:
            runs.append([before, flow.n, self.furn])

    def _entity(self, length: int) -> None:
        flow = self._target()
        at = self._at()
        raw = self.src[at:at + length]
        if self.src.startswith(";", at + length):
            raw += ";"
        decoded = html.unescape(raw)
        if flow is None:
            return
        self.pre_start = False
        before = flow.n
        if decoded == raw:
            flow.text(raw, at) if not self.in_pre else flow.pre(raw, at)
        elif not decoded:  # a reference to a code point that HTML drops (&#1;)
            pass
        elif not decoded.strip(WS_CHARS) and not self.in_pre:
            flow.ws(at, at + len(raw), False)
        else:
            flow.word(decoded, at, at + len(raw), ATOM)
        self._after(flow, before)

    def handle_entityref(self, name: str) -> None:
        self._entity(1 + len(name))

    def handle_charref(self, name: str) -> None:
        self._entity(2 + len(name))

    def handle_comment(self, data: str) -> None:
        m = DIRECTIVE.match(data)
        if m:
            self.directives.append((self._at(), m.group("verb"), m.group("codes")))


def read_html(source: str, path: str | None = None, content: str = "all") -> Document:
    """The visible text of an HTML page as a :class:`Document` whose offsets map into
    ``source``. ``content="main"`` keeps only the article body (see :mod:`.content`)."""
    from .text import mask_spans, url_spans

    r = _Reader(source)
    _feed(r, source)
    main = r.flow
    pieces = [main.text_value()]
    t, fs, fe, kinds = main.t, main.fs, main.fe, main.kinds
    n = main.n
    blocks = []
    main_text = pieces[0]
    for s, e, hint in r.furn_runs:
        while s < e and main_text[s] in " \n":  # the break before the container's first text
            s += 1
        if s < e:
            blocks.append(Block(s, e, "furniture", hint))
    for kind, flow in r.side:
        if not flow.n:
            continue
        sep = "\n\n" if n else ""
        if sep:
            t.append(n)
            fs.append(flow.fs[0])
            fe.append(flow.fs[0])
            kinds.append(FIXED)
            pieces.append(sep)
            n += len(sep)
        t.extend(x + n for x in flow.t)
        fs.extend(flow.fs)
        fe.extend(flow.fe)
        kinds.extend(flow.kinds)
        pieces.append(flow.text_value())
        blocks.append(Block(n, n + flow.n, "alt" if kind == "alt" else "title", "<title>" if flow.flag == 0 else kind))
        n += flow.n
    text = "".join(pieces)
    offsets = OffsetMap(t, fs, fe, kinds, n)
    masked = mask_spans(text, url_spans(text))
    if content == "main":
        from .content import main_spans

        keep = main_spans(source, text)
        masked = mask_spans(masked, _complement(keep, len(text)))
    elif content != "all":
        raise ValueError(f"unknown content mode {content!r}: expected 'all' or 'main'")
    return Document(masked, source=text, original=source, offsets=offsets, path=path, kind="html",
                    blocks=tuple(blocks), suppressions=_suppressions(r.directives, source, path))


def _complement(spans: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for s, e in sorted(spans):
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < n:
        out.append((pos, n))
    return out


def _feed(r: _Reader, source: str) -> None:
    """Feed the parser. A ``&#`` that starts no character reference makes html.parser stop
    and read the rest of the input as text, so the input is fed in pieces cut after each."""
    pos = 0
    for m in _BAD_CHARREF.finditer(source):
        r.feed(source[pos:m.end()])
        pos = m.end()
    r.feed(source[pos:])
    r.close()


def _suppressions(directives: list[tuple[int, str, str]], source: str, path: str | None):  # type: ignore[no-untyped-def]
    if not directives:
        return None
    import bisect

    from .markdown import build_suppressions

    starts = line_starts(source)
    events = [(bisect.bisect_right(starts, at), verb, codes) for at, verb, codes in directives]
    return build_suppressions(events, len(starts), path)


def decode_html(data: bytes, path: str, content_type: str | None = None, encoding: str | None = None):  # type: ignore[no-untyped-def]
    """Decode a page's bytes (see :func:`procutext.files.decode_html`)."""
    from ..files import decode_html as _decode

    return _decode(data, path, content_type, encoding)
