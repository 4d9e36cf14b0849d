"""Properties that must hold on any input: check never raises and gives valid positions;
fix is idempotent and changes nothing outside the spans it reports."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import procutext
from procutext.model import split_lines

# the fuzz harness's check that a fix changed nothing outside its spans (linear time)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
from targets import _outside_unchanged  # noqa: E402

PIECES = [
    "a", "We", "Bay", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "“", "”", '"', "'", "’", "1、", "一、",
    "（一）", "(1)", "，", "。", "；", "：", "（", "）", "【", "】", "《", "》", "——", "\u3000", "沚",
    "检察院", "一是", ",", ".", " ,", "!", "?", "Ａ", "１", "Time: ", "Author: ", "News source: ",
    "Current location: home page >> ", "Print this page", "x.png", "http://a.cn/x ", "`", "```\n",
    "<!-- procutext-disable -->", "[a](b)", "# ", "- ", "|",
    # terms and places: wrong renderings, misspelt and half-translated names, their parents
    "charity litigation", "superior court", "police officers", "Hospital leaders", "procuratorate",
    "Wanpeng", "Wandang", "Wanzhi", "Wan", "Zhi", " District", " County", " City", "Wuhu", "Wuhu City",
    "Inaction", "Mirror Lake", "Lu'an", "Luan", " Zone", "Pingtan Comprehensive Experimental",
    "湾沚区", "灣",
    # numbers and dates: Chinese word order, spelled-out numbers, 万 glued, bad dates
    "2021", " year ", "one", " month ", "thirty", " day", "two thousand and twenty", " In", " Pieces",
    "ninety", " Anniversary", "10000", " square kilometers", "ten · twelve", "February 30, 2023",
    "Monday, July 11, 2023", "2023-1", "Author", "1,667", "one thousand six hundred and sixty-seven",
    # issue 10: single quotes and apostrophes, comma markers and ordinal heads, bullets, dots,
    # split dashes, deliberate Chinese, institution cues and court terms
    "‘", "'s", " 'n' ", "First, ", "Second, ", "1，", "1, ", "◆", "□ ", "......", "— —", "－－",
    "中文", "京ICP备12345678号", "Zhang Jun ", "张军", "《法治日报》", "judges", "People's Court",
    "the whole hospital", "policemen", "Executive Bureau", "public security bureau", "patients",
]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=200),
)
kinds = st.sampled_from(["text", "markdown"])
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts, kinds)
def test_check_never_raises_and_positions_are_valid(text, kind):
    findings = procutext.check(text, kind=kind, extend_select=["ALL"])
    lines = split_lines(text)  # CR, LF and CRLF each end a line
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert 1 <= f.line <= f.end_line <= len(lines)
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1
        if f.edit is not None:
            assert 0 <= f.edit.start <= f.edit.end <= len(text)


@SETTINGS
@given(texts, kinds, st.booleans())
def test_fix_is_idempotent_and_local(text, kind, unsafe):
    result = procutext.fix(text, kind=kind, unsafe=unsafe, extend_select=["ALL"], quote_style="curly")
    again = procutext.fix(result.text, kind=kind, unsafe=unsafe, extend_select=["ALL"], quote_style="curly")
    assert again.text == result.text
    assert again.applied == []
    assert _outside_unchanged(text, result.text, result.applied)


@SETTINGS
@given(texts)
def test_safe_fixes_never_delete_letters(text):
    # typography, spacing, lists, furniture (safe fixes only): words are never touched; the
    # term, place and number rules replace words by design and are left out here
    result = procutext.fix(text, ignore=["terms", "places", "numbers"])
    # full-width letters become ASCII ones, so compare after NFKC
    letters = lambda s: [c for c in unicodedata.normalize("NFKC", s) if c.isascii() and c.isalpha()]  # noqa: E731
    assert letters(result.text) == letters(text)
