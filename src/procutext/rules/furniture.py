"""Translated page furniture: breadcrumbs, info bars, page controls, column headings,
footers, link bars, related links, repeated headlines, markup residue, the Chinese
interface of a host page and (in HTML) navigation menus.

A line is furniture by its shape and its neighbours, with the phrase lists of
``glossaries/furniture.tsv`` as one signal among several. The scan has three steps:

1. each line on its own (:func:`_classify`): the phrase patterns, then the shapes of
   :mod:`procutext.rules.layout` (a date or time with metadata fields in any order, runs of
   items between separators, language switchers, residue of markup and images), then, in
   HTML, the line's place in the markup;
2. position and neighbours (:func:`_context`): the page's head above the title (the line
   above the first info bar, or a title that carries the site's name), its tail after the
   article's last sentence, the items of a related-articles list, short lines between two
   lines of furniture, the title repeated later, and Chinese interface lines around an
   English article;
3. parts of lines (:func:`_partials`): a date or source field glued before a title, the
   site's name after it, a "[detailed]" link or markup glued to the text.

Bylines, credits, datelines and bare date lines are article text and never furniture by
position. Every fix deletes a line (with the blank line after it when the line is a
paragraph of its own) or the furniture part of a line, so all fixes here are unsafe; in
HTML they are never applied (the furniture belongs to the page's template, see
:data:`procutext.engine.FURNITURE_IN_MARKUP`).

In HTML the reader joins inline elements into one line, so a breadcrumb split over links
(``Current location: <a>home page</a> &gt;&gt; <a>News</a>``) reads as one line, and it
marks text inside ``<nav>``, ``<footer>`` and elements whose class or id names a
breadcrumb, menu, footer, share or print bar (:class:`procutext.model.Block`, kind
``furniture``): such a line is furniture by its place in the page even when no pattern
matches it. ``alt`` and ``title`` text is only checked for image file names, and takes no
part in the neighbourhood of the page's lines.

On a page, the template is where furniture belongs. The reader also marks the rest of the
template (``<header>``, ``<aside>``, ``<time>``, elements whose class or id names a header,
logo, language switcher, byline, info bar or related list:
:data:`procutext.readers.html.TEMPLATE_WORDS`), and
furniture whose line starts in a template block (an info bar also when a byline or date
element lies in it) is reported only when its wording is the machine-translated kind
(:func:`template_mt`: the ``template-mt`` rows of ``glossaries/furniture.tsv``, what MT makes
of a Chinese CMS template — "Current location:", "home page >>", "Font size: large | in |
Small", "Share to:", "Time: … News source: …", "Sponsor:", "Wan ICP No." — or Chinese
interface text that is not a language's name or a record number); the message then says that
the template's text is machine translation. Template furniture in plain correct English
("Home | News", "By Li Ming | Updated July 11, 2023", "Copyright © 2023 …", a site's name)
raises nothing. Furniture in the article's flow is judged as in a plain text, and markup
residue and image file names are reported wherever they are. Plain text and Markdown have no
template: nothing of this applies to them.

The byline is the template's: the CMS lays it out from the article's fields (author, date,
source), in the article's header, on every page alike; it is the page's info bar in its
place, and the one thing wrong with it can be its labels' wording. A byline the markup does
not mark (a bare ``<p>`` with no class and no ``<time>``) cannot be told from an info bar
pasted into the article, and is judged as one.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

import regex
from .. import rx

from ..analysis import HAN_CHAR, LineInfo, line_infos
from ..model import Applicability, Document as _Document, Finding, Severity
from ..registry import Example, rule
from . import layout

#: patterns of the functions below, compiled once (a call of regex.match(...) looks each up in
#: regex's cache at every call)
_TITLE_WORD = rx.compile(r"[\p{L}][\p{L}'’-]*")
_CRUMB_SEP = rx.compile(r">>?|»|→|\||/|-")
_ITEM_START = rx.compile(r"[\p{Lu}\p{N}\"“‘'(]")

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Block, Document

MAX_LINE = 300  # furniture lines are short; longer lines are prose
#: the most words a line may have to be furniture by its place in the markup alone
MAX_WORDS_BY_PLACE = {"breadcrumb": 20, "control": 12, "footer": 40}


@dataclass(frozen=True)
class Patterns:
    breadcrumb: regex.Pattern[str]
    label: regex.Pattern[str]
    meta: regex.Pattern[str]
    control: regex.Pattern[str]
    media: regex.Pattern[str]
    footer: regex.Pattern[str]
    footer_label: regex.Pattern[str]


@functools.lru_cache(maxsize=1)
def patterns() -> Patterns:
    groups = layout.groups()

    def whole(ps: list[str]) -> regex.Pattern[str]:
        return rx.compile(r"(?:" + "|".join(f"(?:{p})" for p in ps) + r")", regex.I | regex.V0)

    labels = sorted(groups["label"], key=len, reverse=True)
    label_re = rx.compile(
        r"(?<![\p{L}])(?P<label>" + "|".join(regex.escape(x) for x in labels) + r")\s*[:：]",
        regex.I,
    )
    footer_labels = sorted(groups["footer-label"], key=len, reverse=True)
    footer_label_re = rx.compile(
        r"(?<![\p{L}])(?P<label>" + "|".join(footer_labels) + r")\s*[:：]", regex.I)
    return Patterns(
        whole(groups["breadcrumb"]),
        label_re,
        whole(groups["meta"]),
        whole(groups["control"]),
        whole(groups["media"]),
        whole(groups["footer"]),
        footer_label_re,
    )


@dataclass(frozen=True, slots=True)
class FurnitureLine:
    #: breadcrumb | info | control | media | heading | footer | menu | glued | navbar |
    #: related | repeated | residue | chinese-ui
    kind: str
    line: int  # 1-based
    start: int
    end: int  # end of content (without terminator), or of the furniture part of the line
    text: str
    detail: str = ""
    #: only part of the line is furniture (``start``..``end``); the fix deletes that part
    partial: bool = False
    #: on a page, the template block that holds the line (``"footer <footer>"``) and what in it
    #: is machine translation (``"machine translation ('Share to')"``): see :func:`_judged`
    template: str = ""
    mt: str = ""


#: a Markdown link's closing bracket and its masked target, "[title](URL)" as the rules see it
_LINK_TARGET = "]" + _Document.MASK


# -- the page's template ------------------------------------------------------------------
#: kinds reported wherever they are, in a page's template too: markup residue and image file
#: names are defects of the page itself, not wording
ANYWHERE = frozenset({"media", "residue"})
#: a record number kept as issued (皖ICP备05001234号-1, 京公网安备 11010202000001号): the
#: Chinese of an identifier, not interface text left untranslated
_RECORD_NUMBER = rx.compile(r"\p{Han}{0,4}(?:ICP|公网安备)[\p{Han}\s]{0,3}\d[\d\s]*号?(?:-\d+)?")
_HAN_RUN = rx.compile(r"\p{Han}[\p{Han}\s·・]*")


@functools.lru_cache(maxsize=1)
def _template_mt() -> regex.Pattern[str]:
    """The ``template-mt`` rows of ``glossaries/furniture.tsv`` as one expression."""
    return rx.compile("|".join(f"(?:{p})" for p in layout.groups()["template-mt"]), regex.I | regex.V0)


def template_mt(text: str) -> str | None:
    """What makes template text ``text`` a finding: ``"machine translation ('Share to')"`` for
    a signature of machine translation (the ``template-mt`` rows of furniture.tsv: the renderings
    MT gives of a Chinese CMS template), ``"left in Chinese ('首页')"`` for Chinese interface
    text (not a language's name, "中文", nor a record number, "皖ICP备05001234号"), else None:
    furniture in plain correct English ("Home | News", "Copyright © 2023 …", a site's name)."""
    m = _template_mt().search(text)
    if m is not None:
        return f"machine translation ({m.group().strip()!r})"
    if HAN_CHAR.search(text) is None:
        return None
    rest = layout.compiled().language.sub(" ", _RECORD_NUMBER.sub(" ", text))
    m = _HAN_RUN.search(rest)
    return f"left in Chinese ({m.group().strip()!r})" if m is not None else None


def _template_block(doc: "Document", li: LineInfo, kind: str) -> "Block | None":
    """The block of the page's template that holds line ``li``, if any: the furniture block at
    its start, or, for an info bar, a byline or date element inside it (``By Li Ming | Updated
    <time>July 11, 2023</time>``). An info element longer than a line (a class that happens to
    say "info" round a whole text) is not a byline."""
    b = doc.block_at(li.start)
    if b is not None and b.kind == "furniture" and _template_ok(b):
        return b
    if kind != "info":
        return None
    blocks = doc.blocks
    starts = doc.memo.get("furniture.block_starts")
    if starts is None:
        starts = doc.memo["furniture.block_starts"] = [x.start for x in blocks]
    for j in range(bisect.bisect_left(starts, li.start), len(blocks)):
        x = blocks[j]
        if x.start >= li.end:
            break
        if x.kind == "furniture" and x.detail.startswith("info") and _template_ok(x):
            return x
    return None


def _template_ok(b: "Block") -> bool:
    return not b.detail.startswith("info") or b.end - b.start <= MAX_LINE


def _judged(doc: "Document", li: LineInfo, f: FurnitureLine) -> FurnitureLine | None:
    """``f`` as a page reports it. Furniture in the page's template (:func:`_template_block`)
    is in its place there: it is reported only when its wording is machine translation or
    Chinese (:func:`template_mt`), with what that is; furniture in the article's flow, markup
    residue and image file names are reported as they are."""
    if f.kind in ANYWHERE:
        return f
    b = _template_block(doc, li, f.kind)
    if b is None:
        return f
    mt = template_mt(f.text if f.partial else li.text)
    if mt is None:
        return None
    return dataclasses.replace(f, template=b.detail, mt=mt)


def _has_template(doc: "Document") -> bool:
    return doc.kind == "html" and any(b.kind == "furniture" for b in doc.blocks)


def _colons(content: str) -> int:
    return content.count(":") + content.count("：")


def _is_info_bar(p: Patterns, content: str) -> str | None:
    if ":" not in content and "：" not in content:
        return "date/source line" if p.meta.fullmatch(content) else None
    words = len(content.split())
    if words > 12 and _colons(content) < 2:
        # each label ends in a colon of its own: one colon makes at most one label, which
        # counts only on a line of at most twelve words (below)
        return "date/source line" if p.meta.fullmatch(content) else None
    labels = [m.group("label") for m in p.label.finditer(content)]
    distinct = {x.lower() for x in labels}
    if len(distinct) >= 2:
        return ", ".join(dict.fromkeys(labels))
    if len(distinct) == 1 and words <= 12:
        first = p.label.search(content)
        assert first is not None
        if first.start() <= 2 or ("|" in content and words <= 14):
            return labels[0]
    if p.meta.fullmatch(content):
        return "date/source line"
    return None


#: words without which no line is a footer (a quick test before the patterns of furniture.tsv)
FOOTER_HINT = ("copyright", "©", "版权", "reserved", "icp", "security", "公网安备", "主办", "承办", "技术支持",
               "网站标识码", "sponsor", "organi", "host", "undertak", "contractor", "support", "identification")


FOOTER_HINT_RE = rx.compile("|".join(regex.escape(w) for w in FOOTER_HINT), regex.I)
#: the characters outside ASCII that case-insensitive matching equates with an ASCII letter
#: (İ with i, ſ with s; the Kelvin sign lower-cases to k by itself)
_FOLD_TO_ASCII = str.maketrans({"İ": "i", "ſ": "s"})


def _footer_hint(content: str) -> bool:
    """Whether ``FOOTER_HINT_RE.search(content)`` finds something: the hints are literal, so
    a substring test of the lower-cased line (with the two letters above folded as the
    pattern folds them) answers the same, several times faster than the alternation."""
    low = content.translate(_FOLD_TO_ASCII).lower() if not content.isascii() else content.lower()
    for h in FOOTER_HINT:  # (a loop: a generator in any() costs more than the tests)
        if h in low:
            return True
    return False


def _is_footer(p: Patterns, content: str) -> bool:
    if _footer_hint(content) and p.footer.fullmatch(content):
        return True
    if _colons(content) < 2:
        return False  # each label ends in a colon of its own, and it takes two
    labels = {m.group("label").lower() for m in p.footer_label.finditer(content)}
    return len(labels) >= 2 and len(content.split()) <= 40


#: the most non-blank lines at the top of a page that can be its head (above the article)
HEAD_LINES = 12
#: the most words of a short line (a column name, a site name, a sidebar heading)
SHORT = 6
#: the most lines of a related-articles list after its heading
RELATED_ITEMS = 15
#: the most Han characters of a line of a Chinese page's interface (longer lines are titles or prose)
UI_HAN = 10
HAN_PREFIX = rx.compile(r"\p{Han}[\p{Han} ]{1,14}[:：]\s*(?=[A-Za-z\"“‘'])")
UI_PUNCT = rx.compile(r"[。！？；，,.!?;、（）()《》“”「」『』\"]|第.{1,3}[章节条]")
#: the punctuation of Chinese sentences (a line of 20 Han characters with one is Chinese prose)
CHINESE_SENTENCE_PUNCT = frozenset("。，；！？")


class _Maker:
    """Builds the :class:`FurnitureLine` of one whole line."""

    __slots__ = ("li",)

    def __init__(self, li: LineInfo) -> None:
        self.li = li

    def __call__(self, kind: str, detail: str = "") -> FurnitureLine:
        li = self.li
        return FurnitureLine(kind, li.number, li.start, li.end, li.text, detail)


def _classify(p: Patterns, li: LineInfo, next_text: str, block: "Block | None") -> FurnitureLine | None:
    """The furniture a line is on its own (phrases, shapes, its place in the markup), or None."""
    content = li.text
    f = _Maker(li)
    if len(content) <= MAX_LINE:
        if p.breadcrumb.fullmatch(content):
            return f("breadcrumb")
        if p.control.fullmatch(content):
            return f("control")
        if p.media.fullmatch(content):
            return f("media")
        info = _is_info_bar(p, content)
        if info:
            return f("info", detail=info)
        if _is_footer(p, content):
            return f("footer")
        meta = layout.meta_line(content)
        if meta:
            return f("info", detail=meta)
        if layout.residue(content):
            return f("residue", detail="markup or image residue")
        c = layout.compiled()
        if c.related.fullmatch(content):
            return f("related", detail="heading")
        if c.related_label.fullmatch(content) and _LINK_TARGET not in content:
            # (a label before a Markdown link whose target is written out, "See also:
            # [title](URL)", is the author's: a link copied out of a page keeps only its text)
            return f("related", detail="link")
        if layout.language_switcher(content):
            return f("control", detail="language switcher")
    run = layout.separator_run(content, next_text)
    if run:
        kind, items = run
        return f(kind, detail=f"{len(items)} items")
    if block is not None and block.kind == "furniture":
        place = block.detail.split()[0]
        if place in MAX_WORDS_BY_PLACE and li.words <= MAX_WORDS_BY_PLACE[place]:
            return f(place, detail=f"by its place in the page: {block.detail}")
    return None


def _short(li: LineInfo, words: int = SHORT) -> bool:
    """A short line that is not a sentence, a credit, a label waiting for its value, a
    numbered heading of the article or a line of markup."""
    t = li.text
    return (li.words <= words and not li.ends_sentence and not t.endswith((":", "：")) and li.han <= 12
            and not layout.is_credit(t) and layout.DATE_RE.search(t) is None
            and not ENUMERATED.match(t) and "<" not in t and ">" not in t)


#: a numbered heading: "(1) Fight crime", "1. Overview", "一、基本案情", "II. Work in 2013"
ENUMERATED = rx.compile(r"[(（]?(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[IVXLC]{1,5}|[a-z])[)）.、,，]\s*")
FUNCTION_WORDS = frozenset("a an and as at by for from in of on or the to with".split())


def _title_case(li: LineInfo) -> bool:
    """Every word capitalised but the short function words: "Photos", "Most Popular"."""
    words = [w for w in _TITLE_WORD.findall(li.text)]
    return bool(words) and all(w[0].isupper() or w.lower() in FUNCTION_WORDS for w in words)


def _scan(doc: "Document") -> list[FurnitureLine]:
    p = patterns()
    c = layout.compiled()
    found: list[FurnitureLine] = []
    menus: dict[int, list[tuple[int, int, int, str]]] = {}  # menu block start -> its lines
    blocks = doc.blocks
    flow: list[LineInfo] = []  # the lines of the page's flow (not alt/title text)
    for li in line_infos(doc):
        block = doc.block_at(li.start) if blocks else None
        if block is not None and block.kind == "furniture" and block.detail.startswith("menu"):
            menus.setdefault(block.start, []).append((li.number, li.start, li.end, li.text))
        if li.attribute:
            # attribute text: a tooltip "Print this page" is right where it is; an alt text
            # that is a file name is not
            if len(li.text) <= MAX_LINE and p.media.fullmatch(li.text):
                found.append(FurnitureLine("media", li.number, li.start, li.end, li.text))
            continue
        flow.append(li)
    n = len(flow)
    by: dict[int, FurnitureLine] = {}  # position in flow -> whole-line furniture
    for i, li in enumerate(flow):
        block = doc.block_at(li.start) if blocks else None
        hit = _classify(p, li, flow[i + 1].text if i + 1 < n else "", block)
        if hit is not None:
            by[i] = hit
    _context(doc, flow, by, c)
    # a whole line goes with its indentation and trailing blanks: findings about those
    # blanks (PT132, PT133) are part of the furniture
    whole = [(flow[i], dataclasses.replace(f, start=doc.line_span(f.line)[0], end=doc.line_span(f.line)[1]))
             for i, f in by.items()]
    taken_lines = {f.line for f in found} | {f.line for _, f in whole}
    partials = list(_partials(doc, flow, by, c))
    if _has_template(doc):
        # on a page, furniture in the template is judged by its wording (the lines above, judged
        # as furniture, still told the neighbourhood where the page's head and tail are)
        by_number = {li.number: li for li in flow}
        judged = (_judged(doc, li, f) for li, f in whole)
        found.extend(f for f in judged if f is not None)
        judged = (_judged(doc, by_number[f.line], f) for f in partials)
        found.extend(f for f in judged if f is not None)
    else:
        found.extend(f for _, f in whole)
        found.extend(partials)
    if menus:
        for start, lines in menus.items():
            rest = [x for x in lines if x[0] not in taken_lines]
            if not rest:
                continue
            block = doc.block_at(start)
            detail = block.detail if block is not None else "menu"
            items = [x[3] for x in rest]
            # a menu is the template's: reported when an item's wording is machine translation
            mt = next((m for m in map(template_mt, items) if m is not None), None)
            if mt is None:
                continue
            found.append(FurnitureLine("menu", rest[0][0], rest[0][1], rest[-1][2], " | ".join(items), detail,
                                       template=detail, mt=mt))
    found.sort(key=lambda f: (f.start, f.line))
    return found


def _context(doc: "Document", flow: list[LineInfo], by: dict[int, FurnitureLine], c: "layout.Compiled") -> None:
    """Furniture by position and neighbours, added to ``by`` (flow position -> line)."""
    n = len(flow)
    in_text = (lambda li: doc.block_kind(li.start) == "text") if doc.blocks else (lambda li: True)

    def mark(i: int, kind: str, detail: str) -> None:
        li = flow[i]
        by[i] = FurnitureLine(kind, li.number, li.start, li.end, li.text, detail)

    # a label without a value is a field of an info bar only among other fields
    for i, f in list(by.items()):
        if f.kind == "info" and c.empty_labels.fullmatch(f.text):
            near = [j for j in (i - 1, i + 1) if 0 <= j < n and abs(flow[j].number - flow[i].number) == 1]
            if not any(j in by and by[j].kind == "info" for j in near):
                del by[i]

    # Chinese interface text of a Chinese page around an English article. On a bilingual
    # page (one with a Chinese paragraph) a short Chinese line may be a Chinese title or
    # heading: there PT501 judges it
    bilingual = any(li.han >= 20 and not CHINESE_SENTENCE_PUNCT.isdisjoint(li.text) for li in flow)
    if not bilingual and sum(li.latin for li in flow) > sum(li.han for li in flow):
        english = [i for i in range(n) if flow[i].prose and flow[i].latin > flow[i].han]
        first_en = english[0] if english else n
        last_en = english[-1] if english else -1
        ui = [i for i in range(n) if i not in by and _ui_shaped(flow[i])]
        for i in ui:
            if i < first_en or i > last_en:
                mark(i, "chinese-ui", "outside the article")
        for order in (ui, reversed(ui)):
            for i in order:
                if i not in by and ((i - 1 in by) or (i + 1 in by)):
                    mark(i, "chinese-ui", "next to other page furniture")

    # the items of a related-articles list, below its heading
    for i in sorted(k for k, f in by.items() if f.kind == "related" and f.detail == "heading"):
        for j in range(i + 1, min(n, i + 1 + RELATED_ITEMS)):
            li = flow[j]
            if j in by or li.prose or li.words > 25 or (li.ends_sentence and li.words >= 6):
                break
            if j > i + 1 and li.number > flow[j - 1].number + 1:
                break  # a blank line ends the list (one after the heading does not)
            mark(j, "related", "item of the list")

    first_prose = next((i for i in range(n) if i not in by and flow[i].prose), n)
    head = min(first_prose, HEAD_LINES)

    # the page's head: short lines above the title (the line above the first info bar, or a
    # title that carries the site's name) or above the page's navigation
    title = None
    for i in range(head):
        if i in by and by[i].kind == "info":
            j = i - 1
            while j >= 0 and (j in by or layout.is_credit(flow[j].text)):  # a byline under the title
                j -= 1
            title = j if j >= 0 else None
            break
    if title is None:
        for i in range(min(head, 4)):
            if i not in by and flow[i].words >= 5 and c.site_suffix.search(flow[i].text):
                title = i
                break
    all_short_above = True  # and no navigation above: the page's very top
    for i in range(head):
        li = flow[i]
        if i in by:
            all_short_above = all_short_above and by[i].kind not in ("breadcrumb", "navbar")
            continue
        if in_text(li):
            # at most four words: a headline above its deck is longer than a column's name
            if title is not None and i < title and _short(li, 4):
                mark(i, "heading", "above the title")
            elif (all_short_above and _short(li, 4) and i + 1 < n and i + 1 in by
                  and by[i + 1].kind in ("breadcrumb", "navbar", "residue")):
                mark(i, "heading", "above the page's navigation")
        all_short_above = all_short_above and li.words <= SHORT

    # a short line between two lines of furniture in the page's head or tail (not a title:
    # no info bar below it, no breadcrumb above it); inside the article it is a heading
    # between two image galleries
    last_prose = max((i for i in range(n) if i not in by and flow[i].prose), default=n)
    for i in range(1, n - 1):
        if i in by or i - 1 not in by or i + 1 not in by or by[i + 1].kind == "info":
            continue
        if i < first_prose and by[i - 1].kind == "breadcrumb":
            continue  # "Home > News", the title, "Share | Print"
        if first_prose <= i <= last_prose:
            continue
        li = flow[i]
        if _short(li, 12) and not li.prose and in_text(li):
            if i < first_prose:
                mark(i, "heading", "between lines of page furniture")
            else:
                mark(i, "related", "between lines of page furniture")

    # the page's tail: a short heading above a list of links, after the article's last
    # sentence (not the issuer's name that signs a release, above the print bar or footer)
    for i in range(last_prose + 1, n - 1):
        if (i not in by and by.get(i + 1) is not None and by[i + 1].kind in ("related", "navbar")
                and _short(flow[i], 4) and _title_case(flow[i]) and in_text(flow[i])):
            mark(i, "related", "heading in the page's tail")

    # the title repeated: as a caption in the article, or as the first part of a related
    # link. The title is the line above the first info bar, and the first headline after it
    # (on a page, the article's own title under the page's)
    bar = next((i for i in range(head) if i in by and by[i].kind == "info"), -1)
    titles = [] if title is None else [title]
    after = next((i for i in range(bar + 1, min(n, bar + 5)) if i not in by and flow[i].words >= 3
                  and not flow[i].prose), None)
    if after is not None and after not in titles:
        titles.append(after)
    for t in titles:
        key = layout.normalized(flow[t].text)
        if len(key) < 12:
            continue
        for j in range(t + 1, n):
            li = flow[j]
            if j in by or li.ends_sentence or len(li.text) > MAX_LINE:
                continue
            k = layout.normalized(li.text)
            if k == key and j > first_prose:
                mark(j, "repeated", "the title again")
            elif len(k) > len(key) + 10 and k.startswith(key) and _continues_with_headline(li.text, flow[t].text):
                mark(j, "repeated", "the title glued to another headline")

    # a column heading that repeats the breadcrumb's last step
    steps = set()
    for f in by.values():
        if f.kind == "breadcrumb":
            step = _CRUMB_SEP.split(f.text)[-1].strip().lower()
            if step and len(step.split()) <= 5:
                steps.add(step)
    for i in range(min(n, 8)):
        if i not in by and i != title and flow[i].text.lower() in steps and in_text(flow[i]):
            mark(i, "heading", "repeats the breadcrumb")


def _continues_with_headline(line: str, title: str) -> bool:
    """Whether ``line`` is ``title`` followed by another headline (a capital letter, no
    closing full stop): "China's prosecutors told to set up briefing system Training
    provided for 140,000 prosecutors"."""
    words = len(title.split())
    rest = line.split(None, words)
    return len(rest) > words and _ITEM_START.match(rest[words]) is not None


def _ui_shaped(li: LineInfo) -> bool:
    """A short line of Chinese words, no sentence: 推荐文章, 查看全部, • 年级."""
    return 1 <= li.han <= UI_HAN and li.latin == 0 and not UI_PUNCT.search(li.text)


_DIGIT = rx.compile(r"\d")
_SUFFIX_SEPARATOR = rx.compile(r"[-–—_|｜]")


def _partials(doc: "Document", flow: list[LineInfo], by: dict[int, FurnitureLine],
              c: "layout.Compiled") -> Iterator[FurnitureLine]:
    """Furniture glued to other text on one line: a date or a source field before a title, the
    site's name after it, a "[detailed]" link, markup before the first word."""
    english = sum(li.latin for li in flow) > sum(li.han for li in flow)
    for i, li in enumerate(flow):
        if i in by or li.words < 2:  # a part glued to other text: two words at least
            continue
        hits = _parts_of(doc, li, c, english)
        if not hits:
            continue
        t = li.text
        line_start, line_end = doc.line_span(li.number)
        for kind, s, e, detail in hits:
            # at either end of the line, the part takes the line's indentation or trailing blanks
            start = line_start if s == 0 else li.start + s
            end = line_end if e == len(t) else li.start + e
            yield FurnitureLine(kind, li.number, start, end, t[s:e], detail, partial=True)


def _parts_of(doc: "Document", li: LineInfo, c: "layout.Compiled", english: bool) -> list[tuple[str, int, int, str]]:
    """``(kind, start, end, detail)`` of the furniture parts of one line (offsets in its text)."""
    t = li.text
    n = len(t)
    out: list[tuple[str, int, int, str]] = []

    def at_end(s: int) -> int:
        return s + (len(t[s:]) - len(t[s:].lstrip()))

    m = c.glued_date.match(t) if _DIGIT.search(t[:60]) else None
    if m:
        out.append(("glued", 0, m.end("field"), "a date field before the text"))
    elif ":" in t[:40] or "：" in t[:40]:
        m = c.glued_source.match(t)
        if m:
            out.append(("glued", 0, m.end("field"), "a source field before the text"))
    tail = t[-80:]
    m = c.site_suffix.search(tail) if _SUFFIX_SEPARATOR.search(tail) else None
    if m:
        s = max(0, n - 80) + m.start()
        before = t[:s].rstrip()
        if len(before.split()) >= 4 and not layout.SENTENCE_END_RE.search(before):
            out.append(("glued", at_end(s), n, "the site's name after the title"))
    m = c.control_tail.search(t[-40:]) if t.endswith(("]", ":", "：")) else None
    if m and n > len(m.group()) + 1:
        out.append(("control", at_end(max(0, n - 40) + m.start()), n, "a link glued to the end of the line"))
    m = layout.TRAILING_PIPE.search(t[-20:]) if t.endswith(("|", "｜")) else None
    if m and li.words >= 3:
        out.append(("residue", at_end(max(0, n - 20) + m.start()), n, "a separator left at the end of the line"))
    m = c.residue_prefix.match(t)
    if m:
        out.append(("residue", 0, m.end(), "markup glued to the first word"))
    elif t.startswith("#") and doc.kind != "markdown":  # in Markdown, "# " starts a heading
        m = layout.HASHTAGS.match(t)
        if m and m.group().count("#") >= 2:
            out.append(("residue", 0, len(m.group().rstrip()), "tags before the text"))
    if english and li.latin >= 8 and li.han:
        m = HAN_PREFIX.match(t)
        # a column name is a few words before an English title: no Chinese after it (a
        # Chinese sentence quoting English is Chinese text, not a column and its title)
        if m and not HAN_CHAR.search(t, m.end()):
            out.append(("chinese-ui", 0, len(m.group().rstrip()), "a Chinese column name before the title"))
    return out


def furniture_lines(doc: "Document") -> list[FurnitureLine]:
    return doc.cached("furniture", _scan)


def _delete_line(doc: "Document", f: FurnitureLine) -> tuple[int, int]:
    """Span that removes the whole line with its terminator (or the preceding one at EOF).

    A line that is a paragraph of its own (a blank line or the start of the text before it,
    a blank line after it) goes with the blank line after it, so that the paragraphs around
    it stay one blank line apart."""
    start, end = doc.line_span(f.line)
    src = doc.text
    if end < len(src) and src[end] == "\r":
        end += 1
    if end < len(src) and src[end] == "\n":
        end += 1
        if f.line < len(doc.line_starts) and (f.line == 1 or not src[slice(*doc.line_span(f.line - 1))].strip()):
            ns, ne = doc.line_span(f.line + 1)
            if not src[ns:ne].strip() and ne < len(src):
                ne += 2 if src.startswith("\r\n", ne) else 1
                return start, ne
        return start, end
    if start > 0:  # last line without a newline: take the newline before it
        nl = start - 1
        if nl > 0 and src[nl - 1] == "\r":
            nl -= 1
        return nl, end
    return start, end


def _delete_part(doc: "Document", f: FurnitureLine) -> tuple[int, int]:
    """Span that removes the furniture part of a line with the blanks between it and the
    rest of the line (the rest keeps its own spacing)."""
    src = doc.text
    ls, le = doc.line_span(f.line)
    s, e = f.start, f.end
    if s <= ls + (len(src[ls:le]) - len(src[ls:le].lstrip())):  # at the start: take the blanks after it
        while e < le and src[e] in " \t\u3000":
            e += 1
    else:  # at the end: take the blanks before it
        while s > ls and src[s - 1] in " \t\u3000":
            s -= 1
    return s, e


#: what the messages say of furniture in the article's text (not said of a page's template)
NOT_TEXT = ", not article text"


def _report(doc: "Document", kind: str, r, message: str, part_message: str = "") -> Iterator[Finding]:  # type: ignore[no-untyped-def]
    for f in furniture_lines(doc):
        if f.kind != kind:
            continue
        ds, de = (_delete_part if f.partial else _delete_line)(doc, f)
        msg = (part_message or message).format(f=f) if f.partial else message.format(f=f)
        if f.mt:
            msg = msg.replace(NOT_TEXT, "", 1)
            msg = f"{msg}; it is in the page's template ({f.template}), whose text is {f.mt}"
        yield r.finding(msg, f.start, f.end, "", edit_start=ds, edit_end=de)


FIX = Applicability.UNSAFE


@rule(
    "PT201",
    "breadcrumb",
    family="furniture",
    fix=FIX,
    examples=[
        Example(
            "Current location: home page >> Procuratorial window\nThe meeting was held.",
            "The meeting was held.",
            "The meeting was held.",
        ),
        Example(
            '<div>Current location: <a href="/">home page</a> &gt;&gt; <a href="/news">News</a></div>'
            "\n<p>The meeting was held.</p>",
            "<p>The meeting was held.</p>",
            '<div>Current location: <a href="/">home page</a> &gt;&gt; <a href="/news">News</a></div>'
            "\n<p>The meeting was held.</p>",
            kind="html",
        ),
        Example(
            '<div class="crumbs">Current location: <a href="/">home page</a> &gt;&gt; <a href="/news/">News</a></div>'
            "\n<p>The meeting was held.</p>",
            '<div class="crumbs"><a href="/">Home</a> &gt; <a href="/news/">News</a> &gt; <a href="/news/cases/">Cases'
            "</a></div>\n<p>The meeting was held.</p>",
            '<div class="crumbs">Current location: <a href="/">home page</a> &gt;&gt; <a href="/news/">News</a></div>'
            "\n<p>The meeting was held.</p>",
            kind="html",
        ),
        Example(
            "Traditional Culture Encyclopedia - Traditional customs - Procuratorial work in Kaifeng\n"
            "Procuratorial work in Kaifeng\nKaifeng has one municipal procuratorate.",
            "Procuratorial work in Kaifeng - an overview - 2023\nKaifeng has one municipal procuratorate.",
            "Procuratorial work in Kaifeng\nKaifeng has one municipal procuratorate.",
        ),
    ],
)
def breadcrumb(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A site's breadcrumb trail translated as if it were text.

    ## What it does
    Reports whole lines that are a navigation trail. By its words: a location label or a
    first step that is the home page ("Current location: home page >> Procuratorial
    window", "You are here: Home", "Home | National Affairs", "首页 > 检察动态",
    "您现在的位置是: …"). By its shape: three or more steps between directional separators
    (`>`, `>>`, `»`, `›`, `→`, ` / `), most of them capitalised, every step but the last at
    most six words (the last may be the article's title, up to fifteen): "HOME > NEWS > Home
    News > National lecturing team …"; or steps between dashes whose first is a site's name
    or whose last repeats the title below ("Traditional Culture Encyclopedia - Traditional
    customs - General situation of …"). In HTML the trail may run across elements
    (`Current location: <a>home page</a> &gt;&gt; <a>News</a>`), and a short line inside an
    element whose class or id names a breadcrumb or location (`class="crumbs"`,
    `id="position"`) is one by its place alone. A process written with arrows in lower
    case ("filing > review > trial") is not a trail.

    On a page, a breadcrumb in the template (an element whose class or id names a breadcrumb
    or location, `<header>`, `<nav>` …) is in its place, and is reported only when its wording
    is machine translation ("Current location:", "Your location:", "home page >>") or Chinese
    (`首页 > 新闻`): `Home > News > Cases` and `You are here: Home > Notices` there raise
    nothing. A breadcrumb in the article's text is reported as in a plain text.

    ## Why it matters
    Pages captured for translation keep the site's navigation; translated, it becomes a
    nonsense first line of the article ("Current location: home page"). On a page, the
    template's breadcrumb belongs where it is, and what can be wrong is its wording:
    当前位置：首页 translated word for word, on every page of the site.

    ## Example
    ```
    Current location: home page >> Procuratorial window
    The meeting was held.
    ```

    In a page's template:
    ```html
    <div class="crumbs">Current location: <a href="/">home page</a> &gt;&gt; <a href="/news/">News</a></div>
    ```

    ## Use instead
    ```
    The meeting was held.
    ```

    In the template:
    ```html
    <div class="crumbs"><a href="/">Home</a> &gt; <a href="/news/">News</a></div>
    ```

    ## Fix safety
    Unsafe: the fix deletes the whole line, which a human should confirm. In HTML it is
    never applied: the breadcrumb belongs to the page's template.
    """
    yield from _report(doc, "breadcrumb", breadcrumb.rule, "breadcrumb navigation, not article text: {f.text!r}")  # type: ignore[attr-defined]


@rule(
    "PT202",
    "article-info-bar",
    family="furniture",
    fix=FIX,
    examples=[
        Example(
            "Time: July 11, 2023 Author: News source: [Font size: large | in | Small\nRecently, the meeting was held.",
            "Recently, the meeting was held.",
            "Recently, the meeting was held.",
        ),
        Example(
            "Updated: 2018-10-26\nThe law was revised.",
            "The law was updated on October 26, 2018.",
            "The law was revised.",
        ),
        Example(
            "Highlights of the work report\nUpdated 11:01, 28-Jun-2018\nZhou Qiang delivered the report.",
            "Highlights of the work report\n2018-01-12 09:24:38\nZhou Qiang delivered the report.",
            "Highlights of the work report\nZhou Qiang delivered the report.",
        ),
        Example(
            "Spring Festival anti-fraud campaign\n\n2022-05-27 0 By\n\nThe county police held lectures.",
            "Spring Festival anti-fraud campaign\n\nBEIJING, May 27 (Xinhua) -- The county police held lectures.",
            "Spring Festival anti-fraud campaign\n\nThe county police held lectures.",
        ),
        Example(
            '<h1>The meeting was held</h1><div class="info">Time: July 11, 2023 Author: News source: Political '
            "Department Views: 1024</div><p>Recently, the meeting was held.</p>",
            '<h1>The meeting was held</h1><p class="byline">By Li Ming | Updated <time datetime="2023-07-11">'
            "July 11, 2023</time></p><p>Recently, the meeting was held.</p>",
            '<h1>The meeting was held</h1><div class="info">Time: July 11, 2023 Author: News source: Political '
            "Department Views: 1024</div><p>Recently, the meeting was held.</p>",
            kind="html",
        ),
    ],
)
def article_info_bar(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The article's info bar (time, author, source, views, font size) left in the text.

    ## What it does
    Reports whole lines of page metadata. By their labels (listed in
    `glossaries/furniture.tsv`): two or more fields ("Time: July 11, 2023 Author: News
    source: [Font size: large | in | Small", "发布日期:2021-04-12 浏览次数:"), or one field
    at the start of a short line ("Updated: 2018-10-26", "Source: XinHuanet"). By their
    shape: a date or a time together with at least one field that is not article text — a
    label with or without its colon, a counter, an agency in brackets, a site's domain, a
    control, a separator left dangling — in any order, with at most three other words:
    "Updated 11:01, 28-Jun-2018", "(Xinhua) 12:53, August 24, 2021", "16:34, June 1,
    2023|", "2022-04-20 0 By", "2025/04/0206:15:37 hotcomm 1633", "Xinhua, May 17, 2016
    Adjust font size:", "2010-09-15来源:和谐英语"; a line of counters ("Views 356
    Comments 2"); and a label with a domain ("News**: Justice.com"). A label with no value
    ("Date:") is a field only next to other fields. Not reported: a bare date or time
    ("2018-01-12 09:24:38", "July 4, 2014" in the article), a news dateline ("BEIJING,
    May 31 (Xinhua) --"), a schedule line ("14:00 Session 2"), bylines and photo credits.

    On a page, the byline or info bar is the template's: the CMS lays it out under the title
    from the article's fields. Where the markup says so (an element whose class or id names a
    byline, info or meta bar, an article's `<header>`, or a `<time>` element in the line) it
    is reported only when its labels are machine translation ("Time:", "Release time:",
    "News source:", "Browse times:", "Font size: large | in | Small") or Chinese
    (`发布时间：2023-07-11`): "By Li Ming | Updated July 11, 2023" and "Published: 14 March
    2024 · Source: Procuratorial Daily" there raise nothing. A bar in the article's text,
    a bare `<p>` too, is judged as in a plain text.

    ## Why it matters
    The info bar belongs to the web page, not to the article. Translated, it produces
    lines such as "Font size: large | in | Small" (字号：大 中 小) in the published English.
    On a page the bar is in its place; what is wrong there is a template translated word
    for word (时间：… 作者：… 信息来源：… 浏览次数：…).

    ## Example
    ```
    Time: July 11, 2023 Author: News source: [Font size: large | in | Small
    Recently, the meeting was held.
    ```

    In a page's template:
    ```html
    <div class="info">Time: July 11, 2023 Author: News source: Political Department Views: 1024</div>
    ```

    ## Use instead
    ```
    Recently, the meeting was held.
    ```

    In the template:
    ```html
    <p class="byline">By Li Ming | Updated <time datetime="2023-07-11">July 11, 2023</time></p>
    ```

    ## Fix safety
    Unsafe: the fix deletes the whole line; keep a date you need in the article's text. In
    HTML it is never applied.
    """
    yield from _report(doc, "info", article_info_bar.rule, "page info bar ({f.detail}), not article text")  # type: ignore[attr-defined]


@rule(
    "PT203",
    "page-control",
    family="furniture",
    fix=FIX,
    examples=[
        Example(
            "The study continued.\nSwipe left and right to see more\nThe team left.",
            "The study continued.\nThe team left.",
            "The study continued.\nThe team left.",
        ),
        Example("Print this page\nClose window\nThe end.", "The end.", "The end."),
        Example(
            "Global Edition ASIA 中文 双语 Français\nProsecutors share their experience.",
            "The report is available in English and Chinese.\nProsecutors share their experience.",
            "Prosecutors share their experience.",
        ),
        Example(
            '<p>The end.</p><div class="share">Share to: <a href="#">WeChat</a> <a href="#">Weibo</a></div>',
            '<p>The end.</p><div class="share">Share: <a href="#">WeChat</a> <a href="#">Weibo</a></div>',
            '<p>The end.</p><div class="share">Share to: <a href="#">WeChat</a> <a href="#">Weibo</a></div>',
            kind="html",
        ),
    ],
)
def page_control(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A page control translated as text: print, close window, share, swipe, back to top.

    ## What it does
    Reports whole lines that are the labels of page controls: "Print this page", "Close
    window", "Print | Close", "Share to:", "Share - WeChat", "Swipe left and right to see
    more", "Back to top", "Previous article: …", "Next post »", the font-size switcher
    ("Large Medium Small", "Small font size"), comment forms ("Leave a Reply", "Your email
    address will not be published"), "Scan the QR code", language links ("Read in
    Chinese") and their untranslated forms (打印本页, 关闭窗口, 发表评论); a language
    switcher, by its shape: a short line that names two or more languages in their own
    scripts ("Global Edition ASIA 中文 双语 Français", "English | 中文"); and a control glued
    to the end of a line ("… in Beijing. [detailed]").

    On a page, a control in the template (a share, print, tools or font-size bar, the page's
    `<header>` or `<footer>` …) is in its place, and is reported only when its wording is
    machine translation ("Share to:", "【Print this page】【Close window】", "Close window",
    "Font size: large | in | Small", "Swipe left and right …", "Sweep it") or Chinese
    (打印本页): "Share: WeChat Weibo", "Print this page | Back to top" and "Text size: Large
    | Medium | Small" there raise nothing. A control in the article's text is reported as in
    a plain text.

    ## Why it matters
    These are buttons on the source page. In the English text they interrupt the article
    and show that the page was machine-translated wholesale. A page may well have a share
    bar and a "Back to top" link; what its template should not have is 分享到 and 关闭窗口
    translated word for word.

    ## Example
    ```
    Swipe left and right to see more
    ```

    In a page's template:
    ```html
    <div class="share">Share to: <a href="#">WeChat</a> <a href="#">Weibo</a></div>
    ```

    ## Use instead
    Delete the line. In the template:
    ```html
    <div class="share">Share: <a href="#">WeChat</a> <a href="#">Weibo</a></div>
    ```

    ## Fix safety
    Unsafe: the fix deletes the whole line. In HTML it is never applied.
    """
    yield from _report(doc, "control", page_control.rule, "page control, not article text: {f.text!r}")  # type: ignore[attr-defined]


@rule(
    "PT204",
    "column-heading",
    family="furniture",
    fix=FIX,
    examples=[
        Example(
            "Current location: home page >> Procuratorial window\nProcuratorial window\nA title\n",
            "Current location: home page >> Procuratorial window\nA title\n",
            "Current location: home page >> Procuratorial window\nA title\n",
        ),
        Example(
            "Key news\nZhang went to Suzhou\nTime: January 24, 2018 Author: News source:\nText.\n",
            "Zhang went to Suzhou\nTime: January 24, 2018 Author: News source:\nText.\n",
            "Zhang went to Suzhou\nTime: January 24, 2018 Author: News source:\nText.\n",
        ),
        Example(
            "People's Network\n\nThe research group visits the court\n\n16:34, June 1, 2023|\n\n"
            "On the morning of May 31, the research group of the Judge Training College visited the court.\n",
            "Fengxian procurators use public interest litigation\n\nZhu Yuting\n\nFengxian procurators have "
            "used public interest litigation to help residents, a press conference heard on Monday.\n",
            "The research group visits the court\n\n16:34, June 1, 2023|\n\n"
            "On the morning of May 31, the research group of the Judge Training College visited the court.\n",
        ),
    ],
)
def column_heading(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The name of the site or of its column (channel) left above the article's title.

    ## What it does
    Reports short lines (at most four words, not a sentence, a credit or a date) in the
    page's head, above the article: above the title, where the title is the line just
    above the first info bar (a byline between them is skipped) or a title that carries the
    site's name ("Key news", "Work report", "People's Network", "Government and Policy",
    "Breaking news"); at the very top, above the page's first navigation or residue ("Off
    the wire", "Legal Cases"); a line of up to twelve words between two lines of furniture
    (but not under a breadcrumb, where the title stands); and a line that repeats the last
    step of the breadcrumb ("Procuratorial window"). A headline above its deck is longer
    than four words and stays. Without an info bar, a site-named title or navigation there
    is no head to judge, so a byline under a title ("Zhu Yuting") is never reported.

    On a page, a site's or column's name in the template (the page's `<header>`, a logo, a
    menu) is the page's masthead and is not reported, unless its wording is machine
    translation or Chinese interface text. A short line above the title in the article's
    text is judged as in a plain text.

    ## Why it matters
    The column name is navigation: in the English text it reads as a stray heading above
    the real title. On a page, the site's name in the header is where it belongs.

    ## Example
    ```
    Key news
    Zhang went to Suzhou
    Time: January 24, 2018 Author: News source:
    ```

    ## Use instead
    ```
    Zhang went to Suzhou
    ```

    On a page, the site's name goes in the template's header:
    ```html
    <header><a class="logo" href="/">Wuhu Municipal People's Procuratorate</a></header>
    ```

    ## Fix safety
    Unsafe: the fix deletes the whole line. In HTML it is never applied.
    """
    yield from _report(doc, "heading", column_heading.rule, "site column name ({f.detail}), not article text: {f.text!r}")  # type: ignore[attr-defined]


@rule(
    "PT205",
    "image-file-name",
    family="furniture",
    fix=FIX,
    examples=[
        Example("图片2_副本.png\nYing Yong met the ambassador.", "Ying Yong met the ambassador.",
                "Ying Yong met the ambassador."),
    ],
)
def image_file_name(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """An image's file name left on a line of its own.

    ## What it does
    Reports lines that consist of a single image file name ("图片2_副本.png",
    "IMG_2041.JPG"). On a page it is reported wherever it is, in the template too, and in an
    `alt` or `title` text: a file name is never wording to judge.

    ## Why it matters
    When an image fails to load or is stripped, its file name or alt text stays in the
    copied text; it is never part of the article.

    ## Example
    ```
    图片2_副本.png
    ```

    ## Use instead
    Delete the line, or write a real caption.

    ## Fix safety
    Unsafe: the fix deletes the whole line. In HTML it is never applied.
    """
    yield from _report(doc, "media", image_file_name.rule, "image file name, not article text: {f.text!r}")  # type: ignore[attr-defined]


@rule(
    "PT206",
    "page-footer",
    family="furniture",
    fix=FIX,
    examples=[
        Example(
            "The hearing ended.\nCopyright © 2020 Huoshan County People's Procuratorate All rights reserved\n",
            "The hearing ended.\n",
            "The hearing ended.\n",
        ),
        Example(
            "The hearing ended.\nSponsor: Huoshan County People's Procuratorate Wan ICP No. 05001234\n",
            "The hearing ended.\nThe procuratorate sponsored the event.\n",
            "The hearing ended.\n",
        ),
        Example(
            '<p>The hearing ended.</p>\n<div class="foot">Sponsor: Huoshan County People\'s Procuratorate Tel: '
            "0564-5022222</div>",
            '<p>The hearing ended.</p>\n<div class="foot">Address: 8 Yingbin Road Tel: 0564-5022222</div>',
            '<p>The hearing ended.</p>\n<div class="foot">Sponsor: Huoshan County People\'s Procuratorate Tel: '
            "0564-5022222</div>",
            kind="html",
        ),
    ],
)
def page_footer(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The site's footer translated as text: copyright, sponsor, ICP licence, address bar.

    ## What it does
    Reports whole lines that are a page footer: "Copyright © 2020 … All rights reserved",
    "Sponsor: … Undertaker: …" (主办单位 / 承办单位), an ICP licence or public-security
    record number ("Wan ICP No. 05001234", 皖ICP备…号, 公网安备…), "Website identification
    code: …", and lines with two or more contact labels ("Address: … Tel: … Postcode: …").
    The patterns are in `glossaries/furniture.tsv`.

    On a page, the footer is the template's (`<footer>`, an element whose class or id names a
    footer or copyright: `class="foot"`, `id="copyright"`), where any short line is footer by
    its place. There it is reported only when its wording is machine translation: "Sponsor:",
    "Undertaker:", "Host unit:", "Technical support:", "Website identification code", a
    translated ICP or public-security number ("Wan ICP No. 05001234-1", "Wan Public Network
    Security No. …"), "Copyright: …"; or Chinese interface text (版权所有：…; an ICP number
    kept as issued, 皖ICP备05001234号-1, is not). "Copyright © 2023 …. All rights reserved.",
    "Address: … Tel: …", "ICP licence: 皖ICP备05001234号-1" and "Privacy · Contact us" there
    raise nothing. A footer line in the article's text is reported as in a plain text.

    ## Why it matters
    Pages copied for translation keep their footer. In an article it is noise; on a
    published page it is template text that machine translation renders literally
    ("Undertaker: Office", "Host unit: …"). A footer in correct English is the page's own.

    ## Example
    ```
    The hearing ended.
    Copyright © 2020 Huoshan County People's Procuratorate All rights reserved
    ```

    In a page's template:
    ```html
    <p>The hearing ended.</p>
    <div class="foot">Sponsor: Huoshan County People's Procuratorate Tel: 0564-5022222</div>
    ```

    ## Use instead
    ```
    The hearing ended.
    ```

    In the template:
    ```html
    <div class="foot">Address: 8 Yingbin Road Tel: 0564-5022222</div>
    ```

    ## Fix safety
    Unsafe: the fix deletes the whole line. In HTML it is never applied: the footer
    belongs to the page's template.
    """
    yield from _report(doc, "footer", page_footer.rule, "page footer, not article text: {f.text!r}")  # type: ignore[attr-defined]


@rule(
    "PT207",
    "navigation-menu",
    family="furniture",
    severity=Severity.INFO,
    examples=[
        Example(
            '<nav><ul><li><a href="/">Home page</a></li><li><a href="/news">Procuratorial news</a></li>'
            "</ul></nav>\n<p>The meeting was held.</p>",
            '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>'
            "\n<p>The meeting was held.</p>",
            None,
            kind="html",
        ),
    ],
)
def navigation_menu(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A page's navigation menu (HTML) in machine translation: its items, once per menu.

    ## What it does
    Reports the text of a navigation menu of an HTML page whose wording is machine
    translation, once per menu: the items inside `<nav>` or an element whose class or id
    names a menu or navigation (`class="nav"`, `id="topmenu"`), except lines another
    furniture rule reports (a breadcrumb inside the menu), when one of them is a rendering
    MT makes of a Chinese template ("Home page" for 首页, "Set as home page") or Chinese
    interface text (首页; not a language's name, "中文"). A menu in plain correct English
    ("Home | News | Typical Cases | About Us") is the template's own and is not reported.
    Plain text has no markup to tell a menu by, so this rule only reports pages.

    ## Why it matters
    Menus are template text: the same items on every page, translated once, often
    word for word ("Home page", "Procuratorial window", "Party building and team
    building"). The finding lists them so that the template's translation can be reviewed
    in one place, and says which item gave the machine translation away; it is
    informational (it does not fail a run at the default fail level), and `--content main`
    leaves menus out altogether.

    ## Example
    ```html
    <nav><ul><li><a href="/">Home page</a></li><li><a href="/news">Procuratorial news</a></li></ul></nav>
    <p>The meeting was held.</p>
    ```

    ## Use instead
    Review the menu's translation in the site's template ("Home", "News"); the article
    itself is unaffected.

    ## Fix safety
    No fix: menu text lives in the template.
    """
    r = navigation_menu.rule  # type: ignore[attr-defined]
    for f in furniture_lines(doc):
        if f.kind == "menu":
            items = f.text.split(" | ")
            shown = " | ".join(items[:8]) + (" | …" if len(items) > 8 else "")
            yield r.finding(f"navigation menu ({f.detail}), {len(items)} item{'s' if len(items) != 1 else ''}: "
                            f"{shown!r}; the template's text is {f.mt}", f.start, f.end)


@rule(
    "PT208",
    "glued-metadata",
    family="furniture",
    fix=FIX,
    examples=[
        Example(
            " date 2023-01-25 Throughout 2022, China's procuratorates provided judicial assistance to 82,000 people.",
            "Throughout 2022, China's procuratorates provided judicial assistance to 82,000 people.",
            "Throughout 2022, China's procuratorates provided judicial assistance to 82,000 people.",
        ),
        Example(
            "A hospital was reported for selling birth certificates – Xinhuanet\n\nSix suspects were arrested.",
            "A hospital was reported for selling birth certificates\n\nSix suspects were arrested.",
            "A hospital was reported for selling birth certificates\n\nSix suspects were arrested.",
        ),
        Example(
            "Source: People's Public Security News has a kind of poverty that is trapped in the mountains.",
            "Sanjiang has a kind of poverty that is trapped in the mountains.",
            "has a kind of poverty that is trapped in the mountains.",
        ),
    ],
)
def glued_metadata(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A date, source or site-name field glued to a title or a paragraph.

    ## What it does
    Reports the part of a line that is page metadata run together with the text next to
    it: a labelled date before the first words (`date 2023-01-25 Throughout 2022, …`,
    `Time: 2024-02-22 The meeting …`), a source field before the text (`Source: People's
    Public Security News has a kind of …`), and a site's name after a title, behind a dash
    or a bar (`… have been arrested by the procuratorate – Xinhuanet`, `… - DayDayNews`:
    one to three capitalised words ending in a word of a site's name, listed in
    `glossaries/furniture.tsv`; an agency credit after a sentence, `… the SPP said. - Xinhua`,
    is not one).
    A line that is only metadata is PT202's; a news dateline (`BEIJING, May 31 (Xinhua) --`)
    and a byline are article text and are not reported. On a page, a field glued to other
    text in the template is reported only when its wording is machine translation or Chinese.

    ## Why it matters
    Scrapers and aggregators join the page's date bar, source line or `<title>` suffix to
    the headline or the first paragraph. The field is not part of the sentence, and a reader
    of the English sees a title that ends in a web site's name.

    ## Example
    ```
     date 2023-01-25 Throughout 2022, China's procuratorates provided judicial assistance …
    ```

    ## Use instead
    ```
    Throughout 2022, China's procuratorates provided judicial assistance …
    ```

    ## Fix safety
    Unsafe: the fix deletes the field and the blanks between it and the text, which a human
    should confirm (a source name may be needed elsewhere). In HTML it is never applied.
    """
    yield from _report(doc, "glued", glued_metadata.rule,  # type: ignore[attr-defined]
                       "page metadata glued to the text ({f.detail}): {f.text!r}")


@rule(
    "PT209",
    "navigation-bar",
    family="furniture",
    fix=FIX,
    examples=[
        Example(
            "The case is under way.\nAbout People's Daily Online | Join Us | Contact Us\n",
            "The case is under way.\nProsecutors, judges | police officers | lawyers took part.\n",
            "The case is under way.\n",
        ),
        Example(
            "Off the wire\nChina boosts aviation  • Spotlight: Refugees host city pins hope on summit  "
            "• Spanish treasury places bonds on market\nThe SPP vowed a crackdown.\n",
            "Zhang Jun · Tong Jianming · Sun Qian\nThe SPP vowed a crackdown.\n",
            "Off the wire\nThe SPP vowed a crackdown.\n",
        ),
    ],
)
def navigation_bar(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A bar of links or headlines translated as a line of text.

    ## What it does
    Reports lines that are a run of three or more short items between separators — `|`,
    `·`, `•` or wide spaces — most of them starting with a capital: footer link bars
    (`About People's Daily Online | Join Us | Contact Us`), menus, and tickers of headlines
    between bullets. Items may be up to six words (fourteen between bullets, where they are
    headlines), and no item but the last may end a sentence. A list of three or four names
    between middle dots (`Zhang Jun · Tong Jianming · Sun Qian`) is not a bar, and neither is
    a table row (a line that starts with `|`). Runs with directional separators (`>`, `»`,
    `/`) are breadcrumbs (PT201); in HTML, a menu marked up as one is PT207.

    On a page, a bar in the template (`<header>`, `<footer>`, `<aside>`, a menu …) is in its
    place, and is reported only when its wording is machine translation or Chinese
    ("Set as home page | Add to collection | Contact us"): "Site map | Privacy | Back to top"
    there raises nothing. A bar in the article's text is reported as in a plain text.

    ## Why it matters
    The separators are all that is left of the page's links. In the English text the line
    reads as a string of unrelated phrases between the headline and the article, or after it.

    ## Example
    ```
    The case is under way.
    About People's Daily Online | Join Us | Contact Us
    ```

    ## Use instead
    ```
    The case is under way.
    ```

    ## Fix safety
    Unsafe: the fix deletes the whole line. In HTML it is never applied.
    """
    yield from _report(doc, "navbar", navigation_bar.rule,  # type: ignore[attr-defined]
                       "navigation bar ({f.detail}), not article text: {f.text!r}")


@rule(
    "PT210",
    "related-links",
    family="furniture",
    fix=FIX,
    examples=[
        Example(
            "The handling of the case against the former chief procurator is under way.\n(Web editor: Shi Xi)\n"
            "Photos\nRelated Stories\n- China's procuratorate orders arrest of former vice governor\n"
            "- China launches campaign against judicial staff misconduct\n",
            "The handling of the case against the former chief procurator is under way.\n(Web editor: Shi Xi)\n",
            "The handling of the case against the former chief procurator is under way.\n(Web editor: Shi Xi)\n",
        ),
        Example(
            "The cases involve huge assets.\n\nREAD MORE: China Mobile has a third of global 4G base stations\n\n"
            "The cases come in three types.\n",
            "The cases involve huge assets.\n\nThe cases come in three types.\n",
            "The cases involve huge assets.\n\nThe cases come in three types.\n",
        ),
    ],
)
def related_links(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Links to other articles: "Related Stories" lists, "Read more:" links, sidebar headings.

    ## What it does
    Reports the heading of a list of links to other pages (`Related Stories`, `Related
    readings:`, `You may also like`, `推荐阅读`, `猜你喜欢`; the headings are listed in
    `glossaries/furniture.tsv`) and the items below it, up to the first sentence, long
    line, blank line or other furniture; a label before a link (`READ MORE: China Mobile has …`,
    `See also: …`; not before a Markdown link with its target, `See also: [title](URL)`,
    which the author wrote); and a short line in the page's tail, after the article's last
    sentence, just above other furniture (`Photos` above `Related Stories`), or between two
    lines of furniture. Bylines and credits (`(Web editor: Shi Xi)`) are never reported for
    their position.

    On a page, a list of related articles in the template (`<aside>`, a sidebar, an element
    whose class names related or recommended articles) is in its place, and is reported only
    when its wording is machine translation ("Guess you like", "Wonderful recommendation",
    "Extended reading") or Chinese (猜你喜欢): "Related articles" and "Most read" there raise
    nothing.

    ## Why it matters
    The headlines of other articles are not part of this one. Translated with the page they
    run on after the article's end, or break into its middle.

    ## Example
    ```
    Photos
    Related Stories
    - China's procuratorate orders arrest of former vice governor
    ```

    ## Use instead
    Delete the lines.

    ## Fix safety
    Unsafe: the fix deletes each whole line. In HTML it is never applied.
    """
    yield from _report(doc, "related", related_links.rule,  # type: ignore[attr-defined]
                       "link to other articles ({f.detail}), not article text: {f.text!r}")


@rule(
    "PT211",
    "repeated-headline",
    family="furniture",
    fix=FIX,
    examples=[
        Example(
            "Sprinkle love on every child\n\nThe district procuratorate set up a care centre for minors in 2021.\n\n"
            "Sprinkle love on every child\n\nIt also trained teachers.\n",
            "Sprinkle love on every child\n\nThe district procuratorate set up a care centre for minors in 2021.\n\n"
            "It also trained teachers.\n",
            "Sprinkle love on every child\n\nThe district procuratorate set up a care centre for minors in 2021.\n\n"
            "It also trained teachers.\n",
        ),
        Example(
            "Prosecutors told to set up briefing system\n\nThe SPP announced the rules on Monday.\n\n"
            "Prosecutors told to set up briefing system Training provided for 140,000 prosecutors\n",
            "Prosecutors told to set up briefing system\n\nProsecutors told to set up briefing system in every "
            "province, the SPP said.\n",
            "Prosecutors told to set up briefing system\n\nThe SPP announced the rules on Monday.\n\n",
        ),
    ],
)
def repeated_headline(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The article's title repeated as an image caption or glued to the headline of a link.

    ## What it does
    Reports a line, after the article has begun, that repeats the title (compared on letters
    and digits only, so `Work ofthe Court` and `Work of the Court` are one title), and a line
    that starts with the title and goes on with another headline
    (`… set up briefing system Training provided for 140,000 prosecutors`, the title glued
    to each item of a related list). The title is the first line of the page that is not
    furniture and has at least three words. A second copy right under the title, before the
    article (a law's own heading under the page's), is left alone, and so is a sentence that
    begins with the title's words. On a page, the title repeated in the template (in a list
    of related articles, the last step of a breadcrumb) is in its place, and is reported only
    when its wording is machine translation or Chinese.

    ## Why it matters
    Pages repeat their headline in the `alt` text of the lead image and in lists of related
    links; copied as text, the headline turns up again in the middle of the article.

    ## Example
    ```
    Sprinkle love on every child
    The district procuratorate set up a care centre …
    Sprinkle love on every child
    ```

    ## Use instead
    Keep the title once, at the top.

    ## Fix safety
    Unsafe: the fix deletes the whole line. In HTML it is never applied.
    """
    yield from _report(doc, "repeated", repeated_headline.rule,  # type: ignore[attr-defined]
                       "the headline repeated ({f.detail}), not article text: {f.text!r}")


@rule(
    "PT212",
    "markup-residue",
    family="furniture",
    fix=FIX,
    examples=[
        Example(
            "(2) In accordance with the law, timely and efficient;\n\np>\n\n(3) Unified management;\n",
            "(2) In accordance with the law, timely and efficient;\n\n(3) Unified management;\n",
            "(2) In accordance with the law, timely and efficient;\n\n(3) Unified management;\n",
        ),
        Example(
            "Highlights of the work report\n[]\nZhou Qiang delivered the report.\n",
            "Highlights of the work report\n[1] Zhou Qiang delivered the report.\n",
            "Highlights of the work report\nZhou Qiang delivered the report.\n",
        ),
        Example(
            "htmlOn the morning of October 20, the branch held a study meeting.",
            "On the morning of October 20, the branch held a study meeting.",
            "On the morning of October 20, the branch held a study meeting.",
        ),
    ],
)
def markup_residue(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """What is left of the page's markup and images: tag fragments, empty brackets, paths.

    ## What it does
    Reports lines that are a fragment of an HTML tag or entity (`p>`, `</div>`, `&nbsp;`),
    an empty pair of brackets (`[]`, `【】`, where an image or a video was), a decoration
    rule of tildes or box-drawing characters (`~~~~~~~~`), a site-relative path
    (`/html/cases/`), or an image placeholder (`[图片]`); and, on a line with text, a markup
    word glued to its first word (`htmlOn the morning …`), hashtags before the text
    (`# Report # Introduction …`; not in Markdown, where `#` starts a heading) and a separator left at its end
    (`… ethnic procurators. |`). Image file names are PT205's. On a page, residue is reported
    wherever it is, in the template too: it is never wording to judge.

    ## Why it matters
    These are the traces of a page copied without its markup. They are never words of the
    article, and they show a reader that the text was scraped.

    ## Example
    ```
    (2) In accordance with the law, timely and efficient;
    p>
    ```

    ## Use instead
    ```
    (2) In accordance with the law, timely and efficient;
    ```

    ## Fix safety
    Unsafe: the fix deletes the line, or the residue in it. In HTML it is never applied.
    """
    yield from _report(doc, "residue", markup_residue.rule,  # type: ignore[attr-defined]
                       "markup or image residue ({f.detail}): {f.text!r}",
                       "markup residue ({f.detail}): {f.text!r}")


@rule(
    "PT213",
    "chinese-interface-text",
    family="furniture",
    fix=FIX,
    examples=[
        Example(
            "和谐英语\n\n正文\n\nBEIJING, Sept. 14 (Xinhua) -- A public supervision scheme for China's prosecutors "
            "will be rolled out nationwide next month.\n\n分类\n• 年级\n不限\n",
            "BEIJING, Sept. 14 (Xinhua) -- A public supervision scheme for China's prosecutors will be rolled out "
            "nationwide next month, a Party leader said on Tuesday.\n",
            "BEIJING, Sept. 14 (Xinhua) -- A public supervision scheme for China's prosecutors will be rolled out "
            "nationwide next month.\n\n",
        ),
        Example(
            "国内英语新闻:China's prosecutors to come under public supervision\n\nThe scheme starts next month.\n",
            "China's prosecutors to come under public supervision\n\nThe scheme starts next month.\n",
            "China's prosecutors to come under public supervision\n\nThe scheme starts next month.\n",
        ),
    ],
)
def chinese_interface_text(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The interface of a Chinese host page around an English article: 推荐文章, 查看全部, 正文.

    ## What it does
    In a document whose text is mostly English, reports short lines of Chinese words (at
    most ten Han characters, no Latin letters, no sentence punctuation) that lie outside
    the English article — above its first English sentence or below its last — or next to
    other page furniture: the site's name (`和谐英语`), `正文`, related-article headings and
    filter menus (`推荐文章`, `分类`, `• 年级`, `不限`). It also reports a Chinese column name
    glued before an English title (`国内英语新闻:China's prosecutors …`). Breadcrumbs and
    info bars in Chinese are PT201's and PT202's. A line of Chinese inside the article,
    Chinese in an English sentence, a quoted Chinese title (`《刑法》`) and every short
    Chinese line of a bilingual page (a page with a Chinese paragraph, where the line may be
    a Chinese title) are not reported here: PT501 judges leftover Chinese. A finding here
    replaces PT501's for the same characters. On a page, Chinese text in the template of an
    English page is reported (it is the template left untranslated), but not a language's
    name (a `中文` link to the Chinese version) or a record number kept as issued
    (`皖ICP备05001234号`).

    ## Why it matters
    English-learning and news sites show English articles inside a Chinese page. Copied
    with the article, the page's menus and buttons are not leftover Chinese to translate:
    they are furniture to delete.

    ## Example
    ```
    和谐英语
    正文
    BEIJING, Sept. 14 (Xinhua) -- A public supervision scheme …
    分类
    • 年级
    ```

    ## Use instead
    ```
    BEIJING, Sept. 14 (Xinhua) -- A public supervision scheme …
    ```

    ## Fix safety
    Unsafe: the fix deletes the line (or the column name before the title). In HTML it is
    never applied.
    """
    yield from _report(doc, "chinese-ui", chinese_interface_text.rule,  # type: ignore[attr-defined]
                       "Chinese interface text of the host page ({f.detail}), not article text: {f.text!r}")
