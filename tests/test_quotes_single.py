"""Single quotation marks (PT106, PT107, PT108) and where PT104 points in an odd paragraph."""

from __future__ import annotations

import pytest

import procutext


def _found(text: str, *codes: str) -> list[tuple[str, str]]:
    return [(f.code, text[f.start:f.end]) for f in procutext.check(text, select=list(codes) or
                                                                      ["PT104", "PT106", "PT107", "PT108"])]


@pytest.mark.parametrize("text", [
    "Don't worry: the procuratorate's work at five o'clock goes on.",
    "rock 'n' roll in the '90s and the ‘90s",
    "the judges' bench and the prosecutors’ offices",
    "'Tis the season; tell 'em.",
    "He said “the ‘two sessions’ matter”.",  # nesting
    "He said \"the 'two sessions' matter\".",
    "China's prosecutors told to set up 'briefing system'",  # a headline quotes in single marks
    "They call it 'Dandelion'. It works.",  # single marks throughout: British style
    "The ‘Dandelion’ studio and the ‘Green Bay’ brand were praised by the county procuratorate.",
    "People ’s procuratorate",  # a stray space is a spacing problem, not a quotation
    "He is 5'10\" tall.",
])
def test_apostrophes_and_correct_quotes_raise_nothing(text: str) -> None:
    assert _found(text, "PT106", "PT107", "PT108") == []


def test_single_quotes_where_the_text_quotes_in_double() -> None:
    text = "The “one-stop” centre opened. Since this year ‘Dandelion’ has been launched."
    [f] = procutext.check(text, select=["PT106"])
    assert text[f.start:f.end] == "‘Dandelion’" and f.edit is not None and not f.safe_fix
    assert procutext.fix(text, select=["PT106"], unsafe=True).text == text.replace("‘Dandelion’", "“Dandelion”")
    straight = 'The "one-stop" centre opened. Since this year \'Dandelion\' has been launched.'
    assert procutext.fix(straight, select=["PT106"], unsafe=True).text == straight.replace("'Dandelion'", '"Dandelion"')
    assert procutext.check(text, select=["PT106"]) and not procutext.check(text, select=["PT106"], ignore=["PT106"])


def test_mismatched_pairs() -> None:
    text = "we continue to 'Code\" Liang Hangzhou Prosecutor's Case's \"fine' business card."
    assert _found(text) == [("PT107", "'Code\""), ("PT107", "\"fine'")]


def test_unbalanced_single_quote() -> None:
    text = "centred on the goal of 'letting the people feel fairness and justice in every case, and made progress."
    assert _found(text) == [("PT108", "'")]
    assert _found("the goal of 'letting the people feel fairness'.") == []
    assert _found("nothing opened that' quote") == [("PT108", "'")]


def test_pt104_points_at_the_lone_mark() -> None:
    text = 'Li Zhongkai became unexpected popular". The "popular" also made him a focus.'
    [f] = procutext.check(text, select=["PT104"])
    assert f.start == text.index('popular"') + len("popular")
    nested = 'polished the brand of "I do" and of "winning the "common \'win\' and not \'Lai\'", and more.'
    [g] = procutext.check(nested, select=["PT104"])
    assert g.start == nested.index('"winning')
