"""CR, LF and CRLF are line breaks everywhere: positions, rules, Markdown, suppressions, fixes."""

from __future__ import annotations

import pytest

import procutext
from procutext.model import Document, line_starts, split_lines


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_line_starts_and_positions(nl):
    text = f"one{nl}two{nl}{nl}four"
    doc = Document(text)
    assert len(doc.line_starts) == 4
    assert split_lines(text) == ["one", "two", "", "four"]
    assert doc.position(text.index("four")).line == 4
    assert doc.line_span(2) == (text.index("two"), text.index("two") + 3)
    assert line_starts(text) == doc.line_starts


def test_mixed_line_endings():
    text = "a\rb\r\nc\nd"
    assert split_lines(text) == ["a", "b", "c", "d"]
    assert [Document(text).position(text.index(c)).line for c in "abcd"] == [1, 2, 3, 4]


def test_lone_cr_markdown_fence_does_not_crash():
    assert procutext.check("\r```", kind="markdown") == []
    assert procutext.check("a\r```\rcode 1、\r```\r1、 item", kind="markdown")[0].line == 5


@pytest.mark.parametrize("kind", ["text", "markdown"])
def test_list_marker_after_lone_cr_is_a_marker(kind):
    findings = procutext.check("Title\r1、 Focus on work", kind=kind)
    assert [(f.code, f.line, f.column) for f in findings] == [("PT110", 2, 1)]
    assert procutext.fix("Title\r1、 Focus on work\r2、 Next\r", kind=kind).text == "Title\r1. Focus on work\r2. Next\r"


def test_disable_next_line_before_cr_lines_suppresses_one_line():
    text = "<!-- procutext-disable-next-line -->\r1、 first\r2、 second\r"
    findings = procutext.check(text, kind="markdown")
    assert [(f.code, f.line) for f in findings] == [("PT110", 3)]


def test_furniture_deletion_in_a_cr_file_takes_one_line():
    text = "Print this page\rThe meeting was held.\r"
    assert procutext.fix(text, unsafe=True).text == "The meeting was held.\r"


def test_trailing_whitespace_before_lone_cr():
    findings = procutext.check("word  \rnext", extend_select=["PT132"])
    assert [(f.code, f.line, f.column) for f in findings] == [("PT132", 1, 5)]
    assert procutext.fix("word  \rnext", extend_select=["PT132"]).text == "word\rnext"
