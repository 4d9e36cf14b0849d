"""Page furniture on HTML pages (false alarm "A", 2026-12-01: a correct English article page
failed a CI run on its site name, byline, footer and menu).

On a page, furniture that the markup places in the page's template (``<header>``, ``<nav>``,
``<aside>``, ``<footer>``, a byline or ``<time>``, an element whose class or id names a
breadcrumb, menu, share or print bar, footer, logo or related list) is where furniture
belongs: it is reported only when its wording is machine translation ("Current location:",
"home page >>", "Font size: large | in | Small", "Share to:", "Wan ICP No.") or Chinese
interface text, and the message says so. Furniture in the article's flow is reported as in a
plain text, and plain text and Markdown are not affected at all."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import procutext
from procutext.readers.html import read_html
from procutext.rules.furniture import template_mt

from helpers import run

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "tests" / "negative").glob("*.html"))
sys.path.insert(0, str(ROOT / "bench"))
from pages import corpus_page  # noqa: E402

BY_DESIGN = ["PT402"]
ARTICLE = ("<p>The procuratorate held a public hearing on the case on Tuesday, and residents of the "
           "village attended it.</p>")


def check(html: str) -> list[procutext.Finding]:
    return procutext.check(html, kind="html", extend_select=["ALL"], ignore=BY_DESIGN)


def furniture(html: str) -> list[tuple[str, str]]:
    return [(f.code, f.matched) for f in check(html) if f.code.startswith("PT2")]


# -- correct pages -------------------------------------------------------------------------------
def test_correct_pages_of_several_makes_raise_nothing():
    assert len(PAGES) >= 4  # the open-day notice, the case report and two more makes of page
    places = set()
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        assert check(text) == [], path.name
        doc = read_html(text)
        places |= {b.detail.split()[0] for b in doc.blocks if b.kind == "furniture"}
    # the pages put furniture in every kind of place of a template
    assert {"header", "menu", "breadcrumb", "info", "control", "aside", "footer"} <= places


@pytest.mark.parametrize("path", [p for p in PAGES if p.name.startswith("page_")], ids=lambda p: p.name)
def test_the_same_lines_without_their_markup_are_furniture(path):
    """Not a vacuous pass: the pages' text, read as a plain draft (where their bylines, menus
    and footers would have leaked into the article), raises furniture findings."""
    text = read_html(path.read_text(encoding="utf-8")).source
    leaked = {"PT201", "PT202", "PT203", "PT206", "PT209", "PT210"}
    assert [f for f in procutext.check(text, select=["furniture"]) if f.code in leaked]


def test_a_byline_is_the_template_s_in_the_article_header():
    """The byline is laid out by the template from the article's fields (author, date): a
    byline element or a ``<time>`` in the line marks it; a bare paragraph is the article's flow."""
    byline = ('<h1>Prosecutors help workers recover wages</h1>'
              '<p class="byline">By Li Ming | Updated July 11, 2023</p>')
    assert furniture(byline + ARTICLE) == []
    timed = ('<h1>Prosecutors help workers recover wages</h1><p>By Li Ming | Updated '
             '<time datetime="2023-07-11">July 11, 2023</time></p>')
    assert furniture(timed + ARTICLE) == []
    header = ('<article><header><h1>Prosecutors help workers recover wages</h1><p>By Li Ming | Updated July 11, '
              '2023</p></header>' + ARTICLE + '</article>')
    assert furniture(header) == []
    bare = '<h1>Prosecutors help workers recover wages</h1><p>By Li Ming | Updated July 11, 2023</p>'
    assert furniture(bare + ARTICLE) == [("PT202", "By Li Ming | Updated July 11, 2023")]
    mt = '<h1>Prosecutors help workers</h1><p class="byline">Time: July 11, 2023 Author: News source: Office</p>'
    (f,) = check(mt + ARTICLE)
    assert f.code == "PT202" and "page's template (info class='byline')" in f.message
    assert "machine translation ('Time:')" in f.message


def test_an_info_class_round_a_whole_text_is_not_a_byline():
    long = ARTICLE * 3
    page = (f'<h1>Prosecutors help workers recover wages</h1><div class="info"><p>Updated: 2018-10-26</p>'
            f'{long}</div>')
    assert furniture(page) == [("PT202", "Updated: 2018-10-26")]


# -- machine-translated templates ----------------------------------------------------------------
MT_TEMPLATES = [
    ('<nav><ul><li><a href="/">Home page</a></li><li><a href="/w">Procuratorial window</a></li></ul></nav>',
     "PT207", "Home page\nProcuratorial window", "'Home page'"),
    ('<div class="location">Current location: <a href="/">home page</a> &gt;&gt; <a href="/w">Procuratorial '
     'window</a></div>', "PT201", "Current location: home page >> Procuratorial window", "'Current location'"),
    ('<header><p>当前位置：首页 &gt; 新闻中心</p></header>', "PT201", "当前位置：首页 > 新闻中心",
     "left in Chinese"),
    ('<footer><p>Sponsor: Huoshan County People\'s Procuratorate Undertaker: Office</p></footer>', "PT206",
     "Sponsor: Huoshan County People's Procuratorate Undertaker: Office", "'Sponsor:'"),
    ('<div class="foot"><p>Wan ICP No. 05001234-1</p></div>', "PT206", "Wan ICP No. 05001234-1", "'Wan ICP'"),
    ('<div class="info">Time: July 11, 2023 Author: News source: Political Department Views: 1024</div>',
     "PT202", "Time: July 11, 2023 Author: News source: Political Department Views: 1024", "'Time:'"),
    ('<div class="meta">发布时间：2023-07-11 来源：本院</div>', "PT202", "发布时间：2023-07-11 来源：本院",
     "left in Chinese"),
    ('<div class="tools">Font size: <a>large</a> | <a>in</a> | <a>Small</a></div>', "PT203",
     "Font size: large | in | Small", "'large | in | Small'"),
    ('<div class="share">Share to: <a>WeChat</a> <a>Weibo</a></div>', "PT203", "Share to: WeChat Weibo",
     "'Share to'"),
    ('<div class="print">【<a>Print this page</a>】【<a>Close window</a>】</div>', "PT203",
     "【Print this page】【Close window】", "'【Print this page】'"),
    ('<aside><h3>猜你喜欢</h3><ul><li><a>Prosecutors visit a school</a></li></ul></aside>', "PT210",
     "猜你喜欢", "left in Chinese ('猜你喜欢')"),
    ('<footer><p><a>Set as home page</a> | <a>Add to collection</a> | <a>Contact us</a></p></footer>', "PT209",
     "Set as home page | Add to collection | Contact us", "'Set as home page'"),
]


@pytest.mark.parametrize("template,code,matched,signature", MT_TEMPLATES,
                         ids=[t[1] + "-" + t[3] for t in MT_TEMPLATES])
def test_a_machine_translated_template_is_reported_by_its_rule(template, code, matched, signature):
    for page in (template + ARTICLE, ARTICLE + template):
        found = [f for f in check(page) if f.code.startswith("PT2")]
        assert [(f.code, f.matched) for f in found] == [(code, matched)]
        (f,) = found
        assert signature in f.message and "template" in f.message


def test_only_the_machine_translated_lines_of_a_template_are_reported():
    footer = ('<footer><p>Copyright © 2020 Huoshan County People\'s Procuratorate. All rights reserved.</p>'
              '<p>Address: 8 Yingbin Avenue Tel: 0564-5022222</p><p>Wan ICP No. 05001234-1</p>'
              '<p><a href="#top">Back to top</a></p></footer>')
    assert furniture(ARTICLE + footer) == [("PT206", "Wan ICP No. 05001234-1")]
    menu = '<nav><a href="/">Home</a> <a href="/n">News</a> <a href="/zh/">中文</a></nav>'
    assert furniture(menu + ARTICLE) == []
    # a language switcher: the template's in its place, a line of the article's text elsewhere
    switcher = '<a href="/zh/">中文</a> | <a href="/fr/">Français</a> | English'
    assert furniture(f'<div class="lang">{switcher}</div>' + ARTICLE) == []
    assert furniture(f'<div>{switcher}</div>' + ARTICLE) == [("PT203", "中文 | Français | English")]


def test_the_bench_template_is_still_reported():
    """bench/pages.py's TRS-style template, machine-translated: every piece of it is still
    reported, by the rule that reported it before, but its copyright line, "Copyright © 2020
    Huoshan County People's Procuratorate All rights reserved", which is plain English (the
    Chinese template carries it in English) and was reported by PT206 until 2026-12-01."""
    page = corpus_page("The procuratorate held a hearing.\n\nThe public attended it.")
    found = [f for f in check(page.html) if f.code.startswith("PT2")]
    assert [(f.code, f.matched[:24]) for f in found] == [
        ("PT203", "Font size: large | in | "), ("PT207", "Home page\nProcuratorial "),
        ("PT201", "Current location: home p"), ("PT202", "Time: August 31, 2020\xa0\xa0A"),
        ("PT203", "【Print this page】【Close "), ("PT203", "Share to: WeChat Weibo"),
        ("PT206", "Sponsor: Huoshan County "), ("PT206", "Wan ICP No. 05001234-1")]
    assert all("machine translation" in f.message for f in found)
    assert not any(f.matched.startswith("Copyright") for f in found)


# -- the article's flow ----------------------------------------------------------------------------
def test_furniture_in_the_article_flow_is_reported_as_in_a_text():
    body = ("<p>Current location: home page &gt;&gt; Procuratorial window</p>"
            "<p>Time: July 11, 2023 Author: News source:</p>" + ARTICLE +
            "<p>Home &gt; News &gt; Cases</p><p>Print this page</p>"
            "<p>Copyright © 2020 Huoshan County People's Procuratorate All rights reserved</p>")
    for page in (f"<article>{body}</article>", f'<div class="content">{body}</div>'):
        found = [f for f in check(page) if f.code.startswith("PT2")]
        plain = [(f.code, f.matched) for f in procutext.check(read_html(page).source, select=["furniture"])]
        assert [(f.code, f.matched) for f in found] == plain
        assert [c for c, _ in plain] == ["PT201", "PT202", "PT201", "PT203", "PT206"]
        assert not any("template" in f.message.split("(not fixed")[0] for f in found)


def test_plain_text_and_markdown_are_judged_as_before():
    text = "About Us | Site Map | Contact Us\n\nThe procuratorate held a public hearing on the case on Tuesday.\n"
    assert [f.code for f in procutext.check(text)] == ["PT209"]
    assert [f.code for f in procutext.check(text, kind="markdown")] == ["PT209"]


# -- the signatures -------------------------------------------------------------------------------
MACHINE_TRANSLATED = [
    "Current location: home page >> News", "Your location: Home > News", "Your current position: Home",
    "Time: July 11, 2023 Author:", "2020  Time: 10:00", "Release time: 2022-09-28",
    "News source: Political Department", "Browse times: 1024", "Clicks: 356",
    "Font size: large | in | Small", "big middle small", "【Print this page】【Close window】",
    "[Print this page] [Close window]", "Close window", "Print | Close", "Share to: WeChat Weibo", "Sweep it",
    "Swipe left and right to see more", "Previous one: Open day", "Add to collection", "Set as home page",
    "Netizen comments", "I want to comment", "Guess you like", "Wonderful recommendation", "Extended reading",
    "Sponsor: Huoshan County People's Procuratorate", "Host unit: Office", "Undertaker: Office",
    "Technical support: Wuhu Net Co., Ltd.",
    "Website identification code: 3402000001", "Wan ICP No. 05001234-1", "Anhui ICP Preparation No. 05001234",
    "Wan Public Network Security No. 34020202000123", "Copyright: Huoshan County People's Procuratorate",
    "首页", "发布时间：2023-07-11", "版权所有：芜湖市人民检察院",
]
CORRECT = [
    "Home | News | About Us", "Home > News > Cases", "You are here: Home > Notices",
    "By Li Ming | Updated July 11, 2023", "Published: 14 March 2024 · Source: Procuratorial Daily",
    "Posted on July 11, 2023 by Li Ming", "Opening time: 9 a.m. to 5 p.m.", "Updated: 2023-07-11 10:05",
    "Copyright © 2023 Wuhu Municipal People's Procuratorate. All rights reserved.", "Privacy · Contact us",
    "Share: WeChat Weibo", "Share this article: WeChat | Weibo | Email", "Back to top", "Print this page | Back to top",
    "Text size: Large | Medium | Small", "Related articles", "Most read", "You may also like",
    "Previous article: Open Day at the Procuratorate", "Wuhu Municipal People's Procuratorate",
    "Sponsored by Wuhu Municipal People's Procuratorate", "Organizer: Wuhu Municipal People's Procuratorate",
    "Address: No. 8 Jiuhua Road Tel: 0553-1234567", "ICP licence: 皖ICP备05001234号-1", "ICP No. 05001234",
    "皖公网安备 34020202000123号", "English | 中文", "简体中文",
]


@pytest.mark.parametrize("text", MACHINE_TRANSLATED)
def test_signatures_of_machine_translated_templates(text):
    assert template_mt(text) is not None


@pytest.mark.parametrize("text", CORRECT)
def test_correct_template_text_has_no_signature(text):
    assert template_mt(text) is None


# -- the command line ---------------------------------------------------------------------------
def test_check_passes_a_correct_page_and_fails_a_machine_translated_template(tmp_path, capsys):
    correct = ROOT / "tests" / "negative" / "page_case_report.html"
    code, out, err = run(capsys, "check", str(correct))
    assert code == 0 and out == "" and "All checks passed" in err
    mt = tmp_path / "mt.html"
    mt.write_text(corpus_page("The procuratorate held a hearing.").html, encoding="utf-8")
    code, out, err = run(capsys, "check", str(mt))
    assert code == 1 and "PT201" in out and "PT206" in out and "machine translation" in out
