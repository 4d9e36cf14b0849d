"""Chinese list markers where a block starts (issue 8, point 1): list items, headings,
blockquotes and table cells, in plain text and in Markdown. PT110 reports and fixes them;
PT120 never turns their 、 into a comma nor a bracketed Chinese numeral into `(一)`."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import procutext

KINDS = ["text", "markdown"]

# (block kind, input, fixed text); the same in plain text and Markdown
BLOCKS = [
    ("line start", "1、 Focus on the work", "1. Focus on the work"),
    ("ASCII brackets", "- (三)Cases", "- (3) Cases"),
    ("mixed brackets", "> （四)Cases", "> (4) Cases"),
    ("bullet -", "- 1、 Focus on the work", "- 1. Focus on the work"),
    ("bullet *", "* 一、Review of the year", "* 1. Review of the year"),
    ("bullet +", "+ （三）Cases", "+ (3) Cases"),
    ("nested bullet", "- Work\n  - （一）Cases", "- Work\n  - (1) Cases"),
    ("ordered item", "1. （一）Cases", "1. (1) Cases"),
    ("ordered item )", "2) 二、Hearings", "2) 2. Hearings"),
    ("blockquote", "> （一）Fight crime", "> (1) Fight crime"),
    ("blockquote, no space", ">（一）Fight crime", ">(1) Fight crime"),
    ("nested blockquote", "> > 1、 Item", "> > 1. Item"),
    ("list in blockquote", "> - 1、 Item", "> - 1. Item"),
    ("heading", "## 一、Review of the year", "## 1. Review of the year"),
    ("heading in blockquote", "> # （一）Title", "> # (1) Title"),
    ("emphasis", "**一、Review of the year**", "**1. Review of the year**"),
    ("heading, emphasis", "### **二、Tasks**", "### **2. Tasks**"),
    ("table cells", "| 1、 Cases | 2、 Hearings |", "| 1. Cases | 2. Hearings |"),
    ("table cells, no blanks", "|1、Cases|（二）Hearings|", "|1. Cases|(2) Hearings|"),
    ("table rows", "| Item | Note |\n| --- | --- |\n| 1、 Cases | （一）Civil |",
     "| Item | Note |\n| --- | --- |\n| 1. Cases | (1) Civil |"),
    ("table without outer pipes", "Item | Note\n--- | ---\n1、 Cases | 2、 Civil",
     "Item | Note\n--- | ---\n1. Cases | 2. Civil"),
    ("table in blockquote", "> | 1、 Cases |", "> | 1. Cases |"),
    ("after a colon", "The tasks: （一）training; （二）supervision.",
     "The tasks: (1) training; (2) supervision."),
    ("after a glued colon", "The tasks:1、training", "The tasks: 1. training"),
    ("circled", "- ①Cases", "- (1) Cases"),
    ("full-width dot", "> 3．Cases", "> 3. Cases"),
    ("full-width digits", "- １２、Cases", "- 12. Cases"),
    ("CRLF lines", "- 1、 Cases\r\n- 2、 Hearings\r\n", "- 1. Cases\r\n- 2. Hearings\r\n"),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("block,text,fixed", BLOCKS, ids=[b[0] for b in BLOCKS])
def test_marker_where_a_block_starts(block, text, fixed, kind):
    findings = procutext.check(text, kind=kind)
    punct = [f for f in findings if f.code == "PT120"]
    assert punct == [], f"PT120 took a list marker: {[f.message for f in punct]}"
    markers = [f for f in findings if f.code == "PT110"]
    assert markers and all(f.safe_fix for f in markers)
    result = procutext.fix(text, kind=kind)
    assert result.text == fixed
    assert {f.code for f in result.applied} == {"PT110"}
    assert procutext.fix(fixed, kind=kind).applied == []


@pytest.mark.parametrize("kind", KINDS)
def test_each_finding_covers_the_marker(kind):
    text = "## 一、Review\n> （二）Fight\n| 3、 Cases | 4、 Civil |\n"
    spans = [text[f.start:f.end].strip() for f in procutext.check(text, kind=kind, select=["PT110"])]
    assert spans == ["一、", "（二）", "3、", "4、"]


# Not block starts: PT110 takes nothing; PT120 may fix other marks, never 、 into a comma
# after a marker-like number at a block start, never `（一）` into `(一)`.
NOT_MARKERS = [
    # a bracketed Chinese numeral inside a line: its brackets are left alone
    ("as stated in （一） above", "as stated in （一） above"),
    ("the item （十二）was cut", "the item （十二）was cut"),
    # 、 between numbers inside a line is an enumeration comma
    ("in 2019、2020 and 2021", "in 2019, 2020 and 2021"),
    # a pipe in a line that is not a table row
    ("The table lists large | 1、 small items", "The table lists large | 1, small items"),
    # `1．5` at a line start is a number with a full-width decimal point
    ("1．5 million people", "1.5 million people"),
    # a dash without a space is not a bullet
    ("-1、5", "-1, 5"),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("text,fixed", NOT_MARKERS)
def test_not_a_block_start(text, fixed, kind):
    assert [f for f in procutext.check(text, kind=kind) if f.code == "PT110"] == []
    assert procutext.fix(text, kind=kind).text == fixed


@pytest.mark.parametrize("kind", KINDS)
def test_no_half_fixed_bracketed_numeral_anywhere(kind):
    # wherever a full-width bracketed Chinese numeral stands, the fix gives `(N)` or leaves
    # it whole
    places = ["{} a", "- {} a", "> {} a", "## {} a", "| {} a |", "x: {} a", "x {} a", "x{}a", "x，{}a"]
    for p in ("（一）", "（十二）", "（三)", "(四）"):
        for place in places:
            out = procutext.fix(place.format(p), kind=kind, unsafe=True).text
            assert not any(h in out for h in ("(一)", "(十二)", "(三)", "(四)")), (place, out)
            assert p in out or re.search(r"\(\d+\) ", out), (place, out)


def test_indented_marker():
    # in plain text the indentation is also PT133's; in Markdown it is structure
    assert procutext.fix("  （二）Build the team").text == "(2) Build the team"
    assert procutext.fix("  （二）Build the team", kind="markdown").text == "  (2) Build the team"


def test_markdown_code_is_not_a_marker():
    text = "- `1、` stays\n\n```\n（一）code\n```\n\n    1、 indented code\n"
    assert [f.code for f in procutext.check(text, kind="markdown") if f.code in ("PT110", "PT120")] == []
    assert procutext.fix(text, kind="markdown").text == text


def test_chinese_lines_keep_their_markers():
    text = ("一、总体要求：坚持以人民为中心，全面履行法律监督职责，维护社会公平正义。\n"
            "- 1、 Focus on the work\n")
    assert procutext.fix(text).text == ("一、总体要求：坚持以人民为中心，全面履行法律监督职责，维护社会公平正义。\n"
                                        "- 1. Focus on the work\n")


PIECES = ["- ", "* ", "+ ", "> ", ">", "## ", "1. ", "2) ", "| ", " | ", "|", "| --- |", "---", "**",
          "1、", "一、", "（一）", "(二)", "①", "3．", "1．5", "１", "（", "）", "、", "：", ";", " ", "  ", "\u3000", "\n",
          "\r\n", "a", "Cases", "2019", "沚", "`"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.sampled_from(KINDS))
def test_markers_and_punctuation_never_share_a_mark(text, kind):
    findings = procutext.check(text, kind=kind, select=["PT110", "PT120"])
    markers = [(f.start, f.end) for f in findings if f.code == "PT110"]
    for f in findings:
        if f.code == "PT120":
            assert not any(s <= f.start < e for s, e in markers), (text, f.message)
    result = procutext.fix(text, kind=kind, select=["PT110", "PT120"])
    # no `(一)` made from `（一）`: the only ASCII-bracketed numerals are those of the input
    assert len(re.findall(r"\([一二三四五六七八九十]+\)", result.text)) <= text.count("(二)")
    assert procutext.fix(result.text, kind=kind, select=["PT110", "PT120"]).applied == []
