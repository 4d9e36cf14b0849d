"""Fixing HTML (issue 9, point 4): edits are made to the text and mapped into the markup;
an edit that would cross markup or split an entity is withheld (the finding stays and says
why); nothing outside the edited characters changes; furniture is never deleted from a
page; ``fix`` is idempotent."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import procutext
from procutext import Context, select_rules
from procutext.engine import apply_edits
from procutext.model import Edit
from procutext.readers.html import read_html

from helpers import run

MARKUP = re.compile(r"<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>|<[^>]*>", re.S | re.I)
TEXT_ATTRIBUTE = re.compile(r"""\b(alt|title)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)


def markup(src: str) -> list[str]:
    """Every tag, comment, script and style of a page, in order (the values of alt and title,
    which are checked and fixed as text, left out)."""
    return [TEXT_ATTRIBUTE.sub(r"\1=", m) for m in MARKUP.findall(src)]


def collapse(s: str) -> str:
    return " ".join(s.split())


def test_fixes_are_made_in_the_markup_and_nothing_else_changes():
    src = ("<html><head><script>var s = '“ a ” , 1、';</script></head>\n<body>\n<p class=\"x\">He said "
           "since this year&ldquo; Dandelion &rdquo;was launched , and the team left 。</p>\n</body></html>\n")
    r = procutext.fix(src, kind="html")
    assert r.text == src.replace("year&ldquo; Dandelion &rdquo;was launched , and the team left 。",
                                 "year &ldquo;Dandelion&rdquo; was launched, and the team left.")
    assert {f.code for f in r.applied} == {"PT101", "PT102", "PT130", "PT120"}
    assert all(f.line == 3 for f in r.applied)
    assert r.remaining == []


def test_collapsed_white_space_is_replaced_whole():
    src = "<p>The team\n      , left.</p>"
    r = procutext.fix(src, kind="html", select=["PT130"])
    assert r.text == "<p>The team, left.</p>"


def test_insertions_next_to_tags_follow_the_character_before_them():
    src = "<p>since this year<b>“Dandelion”</b>were launched</p>"
    r = procutext.fix(src, kind="html", select=["PT102"])
    assert r.text == "<p>since this year <b>“Dandelion” </b>were launched</p>"
    assert read_html(r.text).source == "since this year “Dandelion” were launched"


def test_an_edit_across_markup_is_withheld_and_says_why():
    src = "<p>The “ <b>Dandelion</b> ” studio opened.</p>"
    f, = procutext.check(src, kind="html", select=["PT101"])
    assert f.edit is None and "cross markup" in f.fix_withheld
    assert "not fixed in HTML" in f.message
    r = procutext.fix(src, kind="html", select=["PT101"])
    assert r.text == src and not r.applied and r.remaining[0].fix_withheld


def test_an_edit_inside_an_entity_is_refused():
    doc = read_html("<p>a&nbspx b</p>")  # a legacy entity without ";" read with the letters after it
    assert doc.source == "a\xa0x b"
    assert "entity" in doc.offsets.edit(2, 3, "y")  # only the "x" of "&nbspx"
    assert doc.offsets.edit(1, 3, "y") == (4, 10, "y")  # the whole entity
    assert doc.offsets.edit(4, 5, "&<") == (11, 12, "&amp;&lt;")  # replacements are escaped


def test_replacements_in_attributes_escape_quotes():
    src = "<img alt='A “ photo ” here'>"
    r = procutext.fix(src, kind="html", select=["PT105"], quote_style="straight")
    assert r.text == "<img alt='A &quot; photo &quot; here'>"
    assert read_html(r.text).source == 'A " photo " here'
    assert procutext.fix(src, kind="html", quote_style="straight").text == "<img alt='A &quot;photo&quot; here'>"


def test_furniture_is_never_deleted_from_a_page():
    src = ("<div>Current location: <a>home page</a> &gt;&gt; <a>News</a></div>\n<p>Print this page</p>\n"
           "<p>Time: July 11, 2023 Author: News source:</p>\n<p>The meeting was held.</p>")
    r = procutext.fix(src, kind="html", unsafe=True)
    assert r.text == src and not r.applied
    assert {f.code for f in r.remaining} == {"PT201", "PT202", "PT203"}
    assert all(f.fix_withheld and "template" in f.fix_withheld for f in r.remaining)
    # the same lines in plain text are deleted with unsafe fixes
    plain = procutext.fix(read_html(src).source, unsafe=True)
    assert plain.text.strip() == "The meeting was held."


def test_fix_is_idempotent_on_a_page():
    src = "<p>A“ b ”c , d 1、 e，f</p><p>G “ <i>h</i> ” i</p>"
    once = procutext.fix(src, kind="html", unsafe=True)
    twice = procutext.fix(once.text, kind="html", unsafe=True)
    assert once.applied and twice.text == once.text and not twice.applied


def test_the_cli_fixes_a_page_in_place_byte_for_byte_outside_the_edit(tmp_path, capsys):
    page = tmp_path / "a.html"
    head = '<html><head><meta charset="gbk"><script>x = "“ a ”";</script></head><body>\n'.encode("gbk")
    body = "<p>检察院 said the “ Dandelion ” plan works.</p>\n</body></html>\n".encode("gbk")
    page.write_bytes(head + body)
    code, out, err = run(capsys, "fix", str(page))
    assert code == 0, err
    new = page.read_bytes()
    assert new == head + body.replace("“ Dandelion ”".encode("gbk"), "“Dandelion”".encode("gbk"))


# -- properties --------------------------------------------------------------------------------
PIECES = st.sampled_from([
    "word", "the team", " ", "\n  ", "“", "”", " , ", " .", "1、 ", "，", "。", "（", "）", "&ldquo;", "&rdquo;",
    "&amp;", "&nbsp;", "&#65292;", "<b>", "</b>", "<a href='#'>", "</a>", "<p>", "</p>", "<br>", "<div>",
    "</div>", "<span style='display:none'>“ x ”</span>", "<script>var a = '“ b ” ,';</script>",
    "<!-- “ c ” , -->", "<img alt='“ d ” ,'>", "<li>", "<h2>", "</h2>", "Current location: home page &gt;&gt; ",
    "Print this page", "Bay 沚", "hospital leaders", "year“", "”We", "  ", "\t",
])
PAGES = st.lists(PIECES, min_size=1, max_size=30).map("".join)
RULES = select_rules()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
def test_a_mapped_edit_changes_the_text_as_the_text_edit_does(src):
    doc = read_html(src)
    ctx = Context()
    for rule in RULES:
        for f in rule.func(doc, ctx):
            ed = f.edit
            if ed is None or doc.MASK in ed.replacement or "\n" in ed.replacement:
                continue
            mapped = doc.offsets.edit(ed.start, ed.end, ed.replacement)
            if isinstance(mapped, str):
                continue
            s, e, rep = mapped
            assert "<" not in src[s:e] and ">" not in src[s:e]  # never into markup
            new_src = src[:s] + rep + src[e:]
            want = doc.source[:ed.start] + ed.replacement + doc.source[ed.end:]
            assert collapse(read_html(new_src).source) == collapse(want)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
def test_fixing_a_page_keeps_its_markup_and_is_idempotent(src):
    r = procutext.fix(src, kind="html", unsafe=True)
    assert markup(r.text) == markup(src)
    again = procutext.fix(r.text, kind="html", unsafe=True)
    assert again.text == r.text and not again.applied
    # each applied fix's edit lies in the original file and replaces no markup
    for f in r.applied:
        assert 0 <= f.edit.start <= f.edit.end <= len(src)
        assert "<" not in src[f.edit.start:f.edit.end]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
def test_outside_the_first_pass_edits_the_file_is_unchanged(src):
    from procutext.engine import run_rules, select_edits

    doc = read_html(src)
    findings = run_rules(doc, RULES, Context())
    chosen = select_edits(findings, {r.code: r for r in RULES}, unsafe=True)
    edits = sorted((f.edit for f in chosen), key=lambda e: (e.start, e.end))
    fixed = apply_edits(src, edits)
    # walk the file: every character outside the edits is the original's, in order
    pos = out = 0
    for ed in edits:
        assert fixed[out:out + ed.start - pos] == src[pos:ed.start]
        out += ed.start - pos + len(ed.replacement)
        pos = ed.end
    assert fixed[out:] == src[pos:]
    assert all(isinstance(e, Edit) for e in edits)
