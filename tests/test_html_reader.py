"""The HTML reader (issue 9, point 1): only visible text, blocks and lines as a browser
lays them out, an exact offset map into the markup, findings positioned in the file,
alt/title blocks, and inline suppression comments."""

from __future__ import annotations

import html

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import procutext
from procutext.model import ATOM, FIXED, LITERAL, Document
from procutext.readers import kind_for_path, load_document
from procutext.readers.html import read_html


def text_of(src: str) -> str:
    return read_html(src).source


def where(src: str, f) -> str:
    """The file text a finding's line and column point at (its first characters)."""
    line = src.split("\n")[f.line - 1]
    return line[f.column - 1:]


# -- what is read ------------------------------------------------------------------------------
@pytest.mark.parametrize("hidden", [
    "<script>var s = 'a “ b ” c';</script>",
    "<script type='text/template'><p>“ x ”</p></script>",
    "<style>p:before { content: '“ x ”'; }</style>",
    "<template><p>“ x ”</p></template>",
    "<noscript>Please enable “ JavaScript ”</noscript>",
    "<!-- a “ commented ” defect -->",
    "<div hidden>a “ hidden ” defect</div>",
    "<div aria-hidden=\"true\">a “ hidden ” defect</div>",
    "<div style=\"color: red; display : none\">a “ hidden ” defect</div>",
    "<span style=\"visibility:hidden\">a “ hidden ” defect</span>",
    "<div hidden><p>nested <b>“ deep ”</b></p></div>",
    "<a href=\"/x“ y ”\" data-x=\"“ z ”\" class=\"“ c ”\">link</a>",
    "<head><meta name=\"description\" content=\"“ d ”\"></head>",
])
def test_invisible_text_is_not_read(hidden):
    src = f"<html><body><p>Before.</p>{hidden}<p>After.</p></body></html>"
    text = text_of(src)
    assert "“" not in text
    assert "Before." in text and "After." in text
    assert procutext.check(src, kind="html", select=["PT101"]) == []


def test_text_after_a_hidden_element_is_read_again():
    src = "<div style='display:none'><div>x</div></div><p>The “ seen ” text</p>"
    assert text_of(src) == "The “ seen ” text"


def test_blocks_are_paragraphs_br_is_a_line_inline_splits_nothing():
    src = ("<div><h1>Title</h1><p>One <b>sentence</b> in <a href='#'>two <i>inline</i></a> parts.</p>"
           "<p>Line one<br>line two<br/><br>after a blank line</p><ul><li>item 1</li><li>item 2</li></ul></div>")
    assert text_of(src) == ("Title\n\nOne sentence in two inline parts.\n\nLine one\nline two\n\nafter a blank line"
                            "\n\nitem 1\nitem 2")


def test_a_quotation_across_inline_elements_stays_whole():
    src = "<p>He said <span>“the <b>law</b></span> is <em>clear”</em> today.</p>"
    assert text_of(src) == "He said “the law is clear” today."
    assert procutext.check(src, kind="html", select=["PT104"]) == []  # balanced


def test_whitespace_collapses_and_pre_keeps_it():
    src = "<p>  a \n\t b   c  </p><pre>\n x   y\n  z</pre><p>d<b> </b> e</p>"
    assert text_of(src) == "a b c\n\n x   y\n  z\n\nd e"


def test_table_cells_join_a_row_rows_are_lines():
    src = "<table><tr><td>Time: 2020-08-31</td><td>Source: Office</td></tr><tr><td>x</td></tr></table>"
    assert text_of(src) == "Time: 2020-08-31 Source: Office\nx"


def test_entities_are_decoded():
    src = "<p>caf&eacute; &ldquo;x&rdquo; a&#65292;b &#x201C;y&#x201d; &amp; &lt;tag&gt; &nbsp;z &unknown; AT&T</p>"
    assert text_of(src) == "café “x” a，b “y” & <tag> \xa0z &unknown; AT&T"


def test_page_title_alt_and_title_text_are_blocks_of_their_own():
    src = ("<html><head><title>A page</title></head><body><p>Text <img src='a.png' alt='A “ photo ”'> and "
           "<a title=\"Go &amp; see\">link</a>.</p></body></html>")
    doc = read_html(src)
    assert doc.source == "Text and link.\n\nA page\n\nA “ photo ”\n\nGo & see"
    kinds = [(b.kind, doc.source[b.start:b.end]) for b in doc.blocks]
    assert kinds == [("title", "A page"), ("alt", "A “ photo ”"), ("title", "Go & see")]
    assert doc.block_kind(doc.source.index("photo")) == "alt"
    assert doc.block_kind(0) == "text"
    f, = procutext.check(src, kind="html", select=["PT101"])
    assert where(src, f).startswith("“ photo ”'>")


def test_furniture_elements_are_marked():
    src = ('<div class="nav"><a>Home</a></div><div id="crumbs">Home &gt; News</div><p>Body.</p>'
           '<footer>Copyright 2020</footer>')
    doc = read_html(src)
    marked = {doc.source[b.start:b.end]: b.detail.split()[0] for b in doc.blocks}
    assert marked == {"Home": "menu", "Home > News": "breadcrumb", "Copyright 2020": "footer"}
    assert doc.block_kind(doc.source.index("Body")) == "text"


def test_kind_by_suffix():
    for name in ("a.html", "b.HTM", "c.shtml", "d.xhtml"):
        assert kind_for_path(name) == "html"
    assert procutext.check("<p>a “ b ” c</p>", path="x.html")[0].code == "PT101"


# -- positions ---------------------------------------------------------------------------------
def test_findings_point_into_the_markup():
    src = ("<html>\n<body>\n  <div class='x'><p>The heads reported that since this year&ldquo; Dandelion "
           "&rdquo;were launched , in <b>2023</b>。</p>\n</div></body></html>\n")
    fs = procutext.check(src, kind="html")
    got = {(f.code, where(src, f)[:12]) for f in fs}
    assert ("PT102", "r&ldquo; Dan") in got
    assert ("PT101", "&ldquo; Dand") in got
    assert ("PT130", " , in <b>202") in got
    assert ("PT120", "。</p>") in got
    for f in fs:
        assert f.line == 3
        assert src[f.file_start:f.file_end] == src.split("\n")[2][f.column - 1:f.end_column - 1]


def test_line_rules_see_the_lines_of_the_text():
    # a list marker at the start of a paragraph, though the file's line starts with markup
    src = "<div><p>Intro.</p><p>1、 Focus on the work</p><p>2、 Serve the people</p></div>"
    fs = procutext.check(src, kind="html", select=["PT110"])
    assert [where(src, f)[:2] for f in fs] == ["1、", "2、"]
    doc = read_html(src)
    assert len(doc.line_starts) == 5  # the text's lines (three paragraphs, two blank lines)
    assert len(doc.file_line_starts) == 1  # the file's single line


def test_a_breadcrumb_across_elements_is_one_line():
    src = ("<div>Current location: <a href='/'>home page</a> &gt;&gt; <a href='/n'>News</a></div>\n"
           "<p>The meeting was held.</p>")
    f, = procutext.check(src, kind="html")
    assert f.code == "PT201" and (f.line, f.column) == (1, 6)
    assert f.matched == "Current location: home page >> News"


def test_text_and_markdown_documents_are_their_own_source():
    for kind in ("text", "markdown"):
        doc = load_document("A “ b ” c\r\nd", kind)
        assert doc.offsets is None and doc.original is doc.source
        assert doc.position(8) == doc.file_position(8)
        assert doc.file_line_starts is doc.line_starts


# -- the offset map ----------------------------------------------------------------------------
FRAGMENTS = st.sampled_from([
    "word", "two words", " ", "  ", "\n", "\t", "\r\n", "\r", "“", "”", " , ", "1、", "，", "&amp;", "&ldquo;",
    "&rdquo;", "&#65292;", "&#x4E2D;", "&nbsp;", "&nbspx", "&copy", "&bogus;", "&", "&#", "&#;", "<", ">",
    "<b>", "</b>", "<i>", "</i>", "<p>", "</p>", "<br>", "<br/>", "<div class='nav'>", "</div>",
    "<span style='display:none'>", "</span>", "<!-- c -->", "<!-- procutext-disable PT101 -->",
    "<script>x<y</script>", "<style>p{}</style>", "<pre>", "</pre>", "<img alt='a “ b ” &amp; c'>",
    "<a title=\"t&quot;x\" href='u'>", "</a>", "<li>", "<td>", "<tr>", "</table>", "<title>", "</title>",
    "<textarea>", "</textarea>", "<!DOCTYPE html>", "<?xml x?>", "<![CDATA[x]]>", "</nosuch>", "<x-y>",
    "中文", "é",
])
pages = st.lists(FRAGMENTS, max_size=40).map("".join)


def check_map(src: str, doc: Document) -> None:
    m = doc.offsets
    assert m is not None
    pos = 0
    for ts, te, fs, fe, kind in m.segments():
        assert ts == pos and te > ts
        pos = te
        chars = doc.source[ts:te]
        assert 0 <= fs <= fe <= len(src)
        if kind & 3 == LITERAL:
            assert src[fs:fe] == chars  # one for one
        elif kind & 3 == ATOM:
            raw = src[fs:fe]
            assert raw.startswith("&") or not raw.strip(" \t\n\f\r") or raw in ("\r", "\r\n")
            if raw.startswith("&"):
                assert html.unescape(raw) == chars or not chars.strip()
        else:
            assert kind & 3 == FIXED and not chars.strip()
    assert pos == len(doc.source)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_every_character_maps_to_its_source(src):
    doc = read_html(src)
    check_map(src, doc)
    # the inverse map is consistent with the forward one for every literal character
    for ts, te, fs, fe, kind in doc.offsets.segments():
        if kind & 3 == LITERAL:
            for i in range(ts, te):
                assert doc.offsets.to_text(doc.offsets.to_file(i)) == i


def test_malformed_markup_is_read_without_error():
    for src in ["<p>unclosed <b>bold <i>and", "</div></p></span>text", "<p>a &# b; c</p><p>after</p>",
                "<a href='x>broken</a> text", "<", "&", "<!--", "<div <p>x", "<script>never closed",
                "text &#99999999; x", "\x00\x01 ctl", "<![;", "<![x y", "<![CDATA[x", "a<![;]>b<p>c"]:
        doc = read_html(src)
        check_map(src, doc)
    # html.parser reads the rest of the input as text after a bare "&#": the reader does not
    assert text_of("<p>a &# b;</p><p>c<b>d</b></p>") == "a &# b;\n\ncd"


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=list("<>!-[]/&#;x?aAbp =\"'\n “、dst"), max_size=80))
def test_any_markup_soup_is_read_and_mapped(src):
    check_map(src, read_html(src))


# -- inline suppressions -----------------------------------------------------------------------
def test_disable_next_line_works_by_file_line():
    src = ("<p>A “ padded ” quote.</p>\n<!-- procutext-disable-next-line PT101 -->\n"
           "<p>Another “ padded ” quote.</p>\n<p>A third “ padded ” one.</p>\n")
    assert [f.line for f in procutext.check(src, kind="html", select=["PT101"])] == [1, 4]


def test_disable_enable_and_unknown_codes_warn():
    src = ("<!-- procutext-disable PT101 -->\n<p>A “ padded ” quote , x</p>\n<!-- procutext-enable -->\n"
           "<p>B “ padded ” quote.</p>\n<!-- procutext-disable PT999 -->\n")
    with pytest.warns(UserWarning, match="PT999"):
        fs = procutext.check(src, kind="html", select=["PT101", "PT130"])
    assert [(f.line, f.code) for f in fs] == [(2, "PT130"), (4, "PT101")]


def test_a_directive_inside_a_script_is_not_a_comment():
    src = "<script>// <!-- procutext-disable --></script>\n<p>A “ padded ” quote.</p>"
    assert [f.code for f in procutext.check(src, kind="html", select=["PT101"])] == ["PT101"]
