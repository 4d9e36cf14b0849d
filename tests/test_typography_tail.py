"""List markers with commas, ordinal section heads, bullets, Chinese ellipsis, split dashes
(issue 10 point 5): each defect, and the correct English beside it."""

from __future__ import annotations

import pytest

import procutext


def _codes(text: str, *codes: str, kind: str = "text") -> list[tuple[str, str]]:
    return [(f.code, text[f.start:f.end]) for f in procutext.check(text, kind=kind, select=list(codes))]


# -- PT112 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,found", [
    ("1，Strengthen political building", ["1，"]),
    ("1, Strengthen political building\n2, Serve the overall situation", ["1, ", "2, "]),
    ("Plan:\n1, Strengthen political building", ["1, "]),  # a short heading
    ("> 3, Serve the people", ["3, "]),
    ("1, 2 and 3 are the articles concerned.", []),  # goes on with a number
    ("Article\n1, paragraph 2 of the law applies here, as the court said in its ruling.", []),  # a wrapped sentence
    ("1,000 cases were handled.", []),
    ("In 2019, the procuratorate grew.", []),
])
def test_comma_list_marker(text: str, found: list[str]) -> None:
    assert [t for _, t in _codes(text, "PT112")] == found


def test_comma_list_marker_fix_and_pt120() -> None:
    text = "1，Strengthen political building"
    assert [c for c, _ in _codes(text, "PT112", "PT120")] == ["PT112"]  # the comma is the marker's
    assert procutext.fix(text).text == "1. Strengthen political building"


# -- PT113 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Second, earnestly perform the function of public prosecution\n1, Crack down on crime.",
    "Work report\n\nFirst, strengthen political building\n\nThe procuratorate did so.",
    "It provides a strong judicial guarantee for our county. First, complete the public prosecution business\n\nIt did.",
    "Third, serve the overall situation\n(1) Protect the private economy.",
])
def test_ordinal_section_heads(text: str) -> None:
    assert [c for c, _ in _codes(text, "PT113")] == ["PT113"]


@pytest.mark.parametrize("text", [
    "First, we pooled efforts with procuratorial suggestions to promote social governance.",
    # a white paper's enumeration: full sentences, each with its full stop
    "First, focusing on high-quality and efficient case handling. It demonstrates the efforts.\n"
    "Second, adhering to judicial law concerning minors.\n"
    "Third, coordinating six major protections of minors by families, schools and governments.",
    "The first is to strengthen the work, and the second is to serve the people.",
    "He came first, and she second, in the national procuratorial competition held in Beijing.",
    "The procuratorate did three things. First, it reviewed the cases; second, it visited the schools.",
    "It reviewed the cases. First, the prosecutors read every file and then they met the families\n"
    "of the victims.",
])
def test_ordinal_sentence_openers_are_english(text: str) -> None:
    assert _codes(text, "PT113") == []


# -- PT114 ------------------------------------------------------------------------------------------
def test_chinese_bullets() -> None:
    assert _codes("◆ Strengthen political building\n● Serve the people", "PT114") == [("PT114", "◆ "), ("PT114", "● ")]
    assert procutext.fix("■Serve the people", kind="markdown", unsafe=True, select=["PT114"]).text == "- Serve the people"
    assert procutext.fix("■Serve the people", select=["PT114"]).text == "■Serve the people"  # unsafe: opt in
    for text in ("□ Yes □ No", "★★★☆☆ four stars", "The ◆ symbol marks a heading.", "• Serve the people"):
        assert _codes(text, "PT114") == [], text


# -- PT121 ------------------------------------------------------------------------------------------
def test_chinese_ellipsis() -> None:
    assert _codes("Wait for me......", "PT121") == [("PT121", "......")]
    assert procutext.fix("the masses............ and then").text == "the masses… and then"
    assert procutext.fix("and so........ on").text == "and so........ on"  # eight dots: no certain fix
    for text in ("Wait...", "Wait....", "Chapter 1 .......... 5", "Contents ........ iv"):
        assert _codes(text, "PT121") == [], text


# -- PT122, and －－ in PT120 ------------------------------------------------------------------------
def test_split_dash() -> None:
    assert _codes("the reform — — the first batch", "PT122") == [("PT122", "— —")]
    assert procutext.fix("the reform — — the first batch").text == "the reform — the first batch"
    assert procutext.fix("the reform－－the first batch").text == "the reform—the first batch"
    for text in ("| Name | — | — |", "— —", "the reform — the first — and the second", "pages 3–5"):
        assert _codes(text, "PT122") == [], text
