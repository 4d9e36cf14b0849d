"""Translated page furniture: breadcrumbs, info bars, page controls, column headings,
footers and (in HTML) navigation menus.

The patterns are data (``glossaries/furniture.tsv``); this module only decides which lines
they cover. Every fix deletes a whole line, so all fixes here are unsafe; in HTML they are
never applied (the furniture belongs to the page's template, see
:data:`procutext.engine.FURNITURE_IN_MARKUP`).

In HTML the reader joins inline elements into one line, so a breadcrumb split over links
(``Current location: <a>home page</a> &gt;&gt; <a>News</a>``) reads as one line, and it
marks text inside ``<nav>``, ``<footer>`` and elements whose class or id names a
breadcrumb, menu, footer, share or print bar (:class:`procutext.model.Block`, kind
``furniture``): such a line is furniture by its place in the page even when no pattern
matches it. ``alt`` and ``title`` text is only checked for image file names.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

import regex

from ..data import read_tsv
from ..model import Applicability, Finding, Severity
from ..registry import Example, rule

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document

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
    groups: dict[str, list[str]] = {"breadcrumb": [], "label": [], "meta": [], "control": [], "media": [],
                                    "footer": [], "footer-label": []}
    for row in read_tsv("furniture.tsv"):
        kind = row["kind"]
        if kind not in groups:
            raise ValueError(f"furniture.tsv: unknown kind {kind!r}")
        groups[kind].append(row["pattern"])

    def whole(ps: list[str]) -> regex.Pattern[str]:
        return regex.compile(r"(?:" + "|".join(f"(?:{p})" for p in ps) + r")", regex.I | regex.V0)

    labels = sorted(groups["label"], key=len, reverse=True)
    label_re = regex.compile(
        r"(?<![\p{L}])(?P<label>" + "|".join(regex.escape(x) for x in labels) + r")\s*[:：]",
        regex.I,
    )
    footer_labels = sorted(groups["footer-label"], key=len, reverse=True)
    footer_label_re = regex.compile(
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
    kind: str  # breadcrumb | info | control | media | heading | footer | menu
    line: int  # 1-based
    start: int
    end: int  # end of content (without terminator)
    text: str
    detail: str = ""


def _is_info_bar(p: Patterns, content: str) -> str | None:
    if ":" not in content and "：" not in content:
        return "date/source line" if p.meta.fullmatch(content) else None
    labels = [m.group("label") for m in p.label.finditer(content)]
    distinct = {x.lower() for x in labels}
    words = len(content.split())
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


def _is_footer(p: Patterns, content: str) -> bool:
    low = content.lower()
    if any(w in low for w in FOOTER_HINT) and p.footer.fullmatch(content):
        return True
    if ":" not in content and "：" not in content:
        return False
    labels = {m.group("label").lower() for m in p.footer_label.finditer(content)}
    return len(labels) >= 2 and len(content.split()) <= 40


def _scan(doc: "Document") -> list[FurnitureLine]:
    p = patterns()
    text = doc.text
    found: list[FurnitureLine] = []
    nlines = len(doc.line_starts)
    menus: dict[int, list[tuple[int, int, int, str]]] = {}  # menu block start -> its untaken lines
    blocks = doc.blocks
    for ln in range(1, nlines + 1):
        s, e = doc.line_span(ln)
        if e == s:
            continue
        block = doc.block_at(s) if blocks else None
        if block is not None and block.kind == "furniture" and block.detail.startswith("menu"):
            raw = text[s:e]
            content = raw.strip()
            if content and content.strip("\ue000 "):
                cs = s + (len(raw) - len(raw.lstrip()))
                menus.setdefault(block.start, []).append((ln, cs, cs + len(content), content))
        if e - s > MAX_LINE:
            continue
        raw = text[s:e]
        content = raw.strip()
        if not content or "\ue000" in content and content.strip("\ue000 ") == "":
            continue
        cs = s + (len(raw) - len(raw.lstrip()))
        ce = cs + len(content)
        if block is not None and block.kind in ("alt", "title"):
            # attribute text: a tooltip "Print this page" is right where it is; an alt text
            # that is a file name is not
            if p.media.fullmatch(content):
                found.append(FurnitureLine("media", ln, cs, ce, content))
            continue
        place = block.detail.split()[0] if block is not None and block.kind == "furniture" else None
        if p.breadcrumb.fullmatch(content):
            found.append(FurnitureLine("breadcrumb", ln, cs, ce, content))
            continue
        if p.control.fullmatch(content):
            found.append(FurnitureLine("control", ln, cs, ce, content))
            continue
        if p.media.fullmatch(content):
            found.append(FurnitureLine("media", ln, cs, ce, content))
            continue
        info = _is_info_bar(p, content)
        if info:
            found.append(FurnitureLine("info", ln, cs, ce, content, info))
            continue
        if _is_footer(p, content):
            found.append(FurnitureLine("footer", ln, cs, ce, content))
            continue
        if place in MAX_WORDS_BY_PLACE and len(content.split()) <= MAX_WORDS_BY_PLACE[place]:
            assert block is not None
            found.append(FurnitureLine(place, ln, cs, ce, content, f"by its place in the page: {block.detail}"))
    if menus:
        taken_lines = {f.line for f in found}
        for start, lines in menus.items():
            rest = [x for x in lines if x[0] not in taken_lines]
            if not rest:
                continue
            block = doc.block_at(start)
            detail = block.detail if block is not None else "menu"
            items = [x[3] for x in rest]
            found.append(FurnitureLine("menu", rest[0][0], rest[0][1], rest[-1][2], " | ".join(items), detail))
    # Column headings: a line repeating the breadcrumb's last step, or a short line
    # just above the title of an article whose info bar follows the title.
    taken = {f.line for f in found}
    crumbs = [f for f in found if f.kind == "breadcrumb"]
    last_steps = set()
    for c in crumbs:
        step = regex.split(r">>?|»|→|\||/|-", c.text)[-1].strip().lower()
        if step and len(step.split()) <= 5:
            last_steps.add(step)
    heads: list[FurnitureLine] = []
    for ln in range(1, min(nlines, 8) + 1):
        if ln in taken:
            continue
        s, e = doc.line_span(ln)
        content = text[s:e].strip()
        if not content or (blocks and doc.block_kind(s) != "text"):
            continue
        cs = s + (len(text[s:e]) - len(text[s:e].lstrip()))
        if content.lower() in last_steps:
            heads.append(FurnitureLine("heading", ln, cs, cs + len(content), content, "repeats the breadcrumb"))
            continue
        info_below = any(f.kind == "info" and f.line == ln + 2 for f in found)
        title = text[slice(*doc.line_span(ln + 1))].strip() if ln < nlines else ""
        if (
            info_below
            and title
            and len(content.split()) <= 4
            and content[-1] not in ".!?:;,"
            and not regex.search(r"\p{Han}", content)
        ):
            heads.append(FurnitureLine("heading", ln, cs, cs + len(content), content, "column name above the title"))
    found.extend(heads)
    found.sort(key=lambda f: f.line)
    return found


def furniture_lines(doc: "Document") -> list[FurnitureLine]:
    return doc.cached("furniture", _scan)


def _delete_line(doc: "Document", f: FurnitureLine) -> tuple[int, int]:
    """Span that removes the whole line with its terminator (or the preceding one at EOF)."""
    start, end = doc.line_span(f.line)
    src = doc.text
    if end < len(src) and src[end] == "\r":
        end += 1
    if end < len(src) and src[end] == "\n":
        return start, end + 1
    if start > 0:  # last line without a newline: take the newline before it
        nl = start - 1
        if nl > 0 and src[nl - 1] == "\r":
            nl -= 1
        return nl, end
    return start, end


def _report(doc: "Document", kind: str, r, message: str) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
    for f in furniture_lines(doc):
        if f.kind != kind:
            continue
        ds, de = _delete_line(doc, f)
        yield r.finding(message.format(f=f), f.start, f.end, "", edit_start=ds, edit_end=de)


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
    ],
)
def breadcrumb(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A site's breadcrumb trail translated as if it were text.

    ## What it does
    Reports whole lines that are a navigation trail: "Current location: home page >>
    Procuratorial window", "Home | National Affairs", "首页 > 检察动态". In HTML the trail
    may run across elements (`Current location: <a>home page</a> &gt;&gt; <a>News</a>`),
    and a short line inside an element whose class or id names a breadcrumb or location
    (`class="crumbs"`, `id="position"`) is one by its place alone.

    ## Why it matters
    Pages captured for translation keep the site's navigation; translated, it becomes a
    nonsense first line of the article ("Current location: home page").

    ## Example
    ```
    Current location: home page >> Procuratorial window
    The meeting was held.
    ```

    ## Use instead
    ```
    The meeting was held.
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
    ],
)
def article_info_bar(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The article's info bar (time, author, source, views, font size) left in the text.

    ## What it does
    Reports whole lines made of page labels and their values: "Time: July 11, 2023
    Author: News source: [Font size: large | in | Small", "Updated: 2018-10-26",
    "发布日期:2021-04-12 浏览次数:". The labels are listed in `glossaries/furniture.tsv`.

    ## Why it matters
    The info bar belongs to the web page, not to the article. Translated, it produces
    lines such as "Font size: large | in | Small" (字号：大 中 小) in the published English.

    ## Example
    ```
    Time: July 11, 2023 Author: News source: [Font size: large | in | Small
    Recently, the meeting was held.
    ```

    ## Use instead
    ```
    Recently, the meeting was held.
    ```

    ## Fix safety
    Unsafe: the fix deletes the whole line; keep a date you need in the article's text.
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
    ],
)
def page_control(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A page control translated as text: print, close window, share, swipe, back to top.

    ## What it does
    Reports whole lines that are the labels of page controls: "Print this page", "Close
    window", "Share to:", "Swipe left and right to see more", "Back to top", "Previous
    article: …", the font-size switcher, and their untranslated forms (打印本页, 关闭窗口).

    ## Why it matters
    These are buttons on the source page. In the English text they interrupt the article
    and show that the page was machine-translated wholesale.

    ## Example
    ```
    Swipe left and right to see more
    ```

    ## Use instead
    Delete the line.

    ## Fix safety
    Unsafe: the fix deletes the whole line.
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
    ],
)
def column_heading(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The name of the site's column (channel) left above the article's title.

    ## What it does
    Reports a line near the top that repeats the last step of the breadcrumb
    ("Procuratorial window"), or a short line of at most four words just above a title
    that is followed by the article's info bar ("Key news", "Work report").

    ## Why it matters
    The column name is navigation: in the English text it reads as a stray heading above
    the real title.

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

    ## Fix safety
    Unsafe: the fix deletes the whole line.
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
    "IMG_2041.JPG").

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
    Unsafe: the fix deletes the whole line.
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
            '<p>The hearing ended.</p>\n<div class="foot">Address: 8 Yingbin Road Tel: 0564-5022222</div>',
            "<p>The hearing ended.</p>",
            '<p>The hearing ended.</p>\n<div class="foot">Address: 8 Yingbin Road Tel: 0564-5022222</div>',
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
    In HTML, also any short line inside `<footer>` or an element whose class or id names a
    footer or copyright (`class="foot"`, `id="copyright"`). The patterns are in
    `glossaries/furniture.tsv`.

    ## Why it matters
    Pages copied for translation keep their footer. In an article it is noise; on a
    published page it is template text that machine translation renders literally
    ("Undertaker: Office", "Host unit: …").

    ## Example
    ```
    The hearing ended.
    Copyright © 2020 Huoshan County People's Procuratorate All rights reserved
    ```

    In HTML:
    ```html
    <p>The hearing ended.</p>
    <div class="foot">Address: 8 Yingbin Road Tel: 0564-5022222</div>
    ```

    ## Use instead
    ```
    The hearing ended.
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
            "<p>The meeting was held.</p>",
            None,
            kind="html",
        ),
    ],
)
def navigation_menu(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A page's navigation menu (HTML): its items, reported once per menu.

    ## What it does
    Reports the text of a navigation menu of an HTML page, once per menu: the items inside
    `<nav>` or an element whose class or id names a menu or navigation (`class="nav"`,
    `id="topmenu"`), except lines another furniture rule reports (a breadcrumb inside the
    menu). Plain text has no markup to tell a menu by, so this rule only reports pages.

    ## Why it matters
    Menus are template text: the same items on every page, translated once, often
    word for word ("Home page", "Procuratorial window", "Party building and team
    building"). The finding lists them so that the template's translation can be reviewed
    in one place; it is informational (it does not fail a run at the default fail level),
    and `--content main` leaves menus out altogether.

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
                            f"{shown!r}", f.start, f.end)
