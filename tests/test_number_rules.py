"""The number and date rules PT601–PT610 beyond their docstring examples."""

from __future__ import annotations

import subprocess
import sys

import pytest

import procutext


def found(text: str, select: str = "PT6") -> list[tuple[str, str, str | None, str | None]]:
    """(code, matched text, replacement, fix safety) of each finding."""
    return [(f.code, f.matched, f.edit.replacement if f.edit else None,
             str(f.edit.applicability) if f.edit else None)
            for f in procutext.check(text, select=[select])]


def fixed(text: str, unsafe: bool = False) -> str:
    return procutext.fix(text, select=["PT6"], unsafe=unsafe).text


# -- PT601 chinese-order-date ---------------------------------------------------------

@pytest.mark.parametrize("text,matched,replacement,safety", [
    ("2021 year one month thirty", "2021 year one month thirty", "January 30, 2021", "safe"),
    ("two thousand and eighteen year one month twenty-five The 13th session",
     "two thousand and eighteen year one month twenty-five", "January 25, 2018", "safe"),
    ("In 2022 Year 3 Month 8 Day, the court", "In 2022 Year 3 Month 8 Day", "On March 8, 2022", "safe"),
    ("the plan of 2021 year 3 month was adopted", "2021 year 3 month", "March 2021", "safe"),
    ("one month eighteen day Zhang Mian", "one month eighteen day", "January 18", "safe"),
    ("held on 10 month 8 days", "10 month 8 days", "October 8", "unsafe"),  # or a duration?
    ("4 月 3 日 13:30, Song", "4 月 3 日", "April 3", "safe"),
    ("on 2023 年 7 月 11 日 the court", "2023 年 7 月 11 日", "July 11, 2023", "safe"),
    ("In December 2018 06, 08:06 source", "In December 2018 06", "On December 6, 2018", "safe"),
    ("in October 18th 9, the exam", "in October 18th 9", None, None),
])
def test_chinese_order_dates(text, matched, replacement, safety):
    assert found(text, "PT601") == [("PT601", matched, replacement, safety)]


def test_chinese_order_hour_has_a_suggestion_only():
    f, = procutext.check("in October 18th 9, the exam", select=["PT601"])
    assert f.edit is None and f.suggestions == ("at 9:00 on October 18",)


@pytest.mark.parametrize("text", [
    "The sentence was five years and three months.",  # English durations
    "a five year three month plan",  # no year number: a duration
    "2021 year two month thirty",  # February 30 is no date
    "In December 2018, 15 people passed; in December 2018 15 more did.",  # no zero-padded day
    "On October 18, 9 people were questioned.",
    "The monthly report of 2021 came out in the third month.",
])
def test_chinese_order_dates_not_reported(text):
    assert found(text, "PT601") == []


def test_chinese_segments_of_a_bilingual_text_are_left_alone():
    text = ("2023年7月11日，区检察院召开了新闻发布会，通报了上半年的工作情况。\n"
            "On July 11, 2023, the procuratorate held a press conference.")
    assert found(text) == []


def test_a_year_alone_in_han_is_left_to_the_leftover_rule():
    codes = {f.code for f in procutext.check("In 2023 年 the court opened.")}
    assert "PT601" not in codes and "PT501" in codes


def test_leftover_han_inside_a_chinese_order_date_is_reported_once():
    assert [f.code for f in procutext.check("4 月 3 日 13:30, Song shouted.")] == ["PT601"]


# -- PT602 spelled-out-number ---------------------------------------------------------

@pytest.mark.parametrize("text,replacement,safety", [
    ("the procuratorates handled one thousand six hundred and sixty-seven In total", "1,667", "safe"),
    ("two thousand and twenty In the procuratorate", "2020", "safe"),  # a capitalised "In": a year
    ("since two thousand and thirteen the work grew", "2013", "safe"),
    ("two thousand and twenty-one Annual work review", "2021", "safe"),
    ("informed two thousand and thirteen The procuratorial work since", "2013", "unsafe"),  # year or count?
    ("a total of two thousand and twenty were questioned", "2,020", "safe"),
    ("it received two thousand and twenty cases", "2,020", "safe"),
    ("filed one hundred and seventy-four thousand five hundred and eighty-six Pieces of cases", "174,586 pieces",
     "unsafe"),
    ("a fund of one hundred and twenty-five thousand yuan", "125,000", "safe"),
    ("and one hundred and twenty-five In the county", "125", "safe"),  # below 1,000, but a segment join
])
def test_spelled_out_numbers(text, replacement, safety):
    (code, _, rep, saf), = found(text, "PT602")
    assert (code, rep, saf) == ("PT602", replacement, safety)


def test_spelled_out_number_suggestions():
    f, = procutext.check("two thousand and twenty In the procuratorate", select=["PT602"])
    assert f.matched == "two thousand and twenty In" and f.suggestions == ("In 2020",)
    f, = procutext.check("filed one hundred and seventy-four thousand five hundred and eighty-six Pieces of",
                         select=["PT602"])
    assert f.suggestions == ("174,586 cases", "174,586 pieces")
    assert f.data == {"value": 174586,
                      "written": "one hundred and seventy-four thousand five hundred and eighty-six"}


@pytest.mark.parametrize("text", [
    "one hundred years ago",
    "a thousand people came",
    "two thousand five hundred volunteers",  # round: two significant digits
    "three hundred and sixty-five days a year",  # below 1,000 in prose
    "One thousand six hundred and sixty-seven cases were handled.",  # a sentence may begin so
    "The Thousand and One Nights",  # a title
    "the victims received one thousand two hundred and fifty (1,250) yuan",  # digits in brackets
    "the one hundred and fiftieth anniversary",  # an ordinal
])
def test_spelled_out_numbers_not_reported(text):
    assert found(text, "PT602") == []


def test_a_spelled_out_year_inside_a_chinese_order_date_is_reported_once():
    assert [c for c, *_ in found("two thousand and eighteen year one month twenty-five")] == ["PT601"]


# -- PT603 capitalised-measure-word ---------------------------------------------------

@pytest.mark.parametrize("text,word", [
    ("the procuratorates filed 4 Pieces of public interest litigation", "Pieces"),
    ("and helped twenty Households in the village", "Households"),
    ("questioned 12 Persons, of whom", "Persons"),
])
def test_capitalised_measure_words(text, word):
    assert found(text, "PT603") == [("PT603", word, word.lower(), "safe")]


@pytest.mark.parametrize("text", [
    "Top 10 People of the Year",  # a headline
    "The Three People's Courts met.",
    "4 Pieces of Advice for Parents",  # a title
    "It filed four pieces of litigation.",
    "the 2 People's Procuratorates",
])
def test_capitalised_measure_words_not_reported(text):
    assert found(text, "PT603") == []


def test_a_long_spelled_out_number_and_its_measure_word_are_reported_once():
    text = "filed one hundred and seventy-four thousand five hundred and eighty-six Pieces of cases"
    assert [c for c, *_ in found(text)] == ["PT602"]


# -- PT604 ten-thousand-glued ---------------------------------------------------------

@pytest.mark.parametrize("text,replacement,safety", [
    ("covering fourteen point zero one 10000 square kilometers", "140,100", "safe"),
    ("recovered 3.5 10,000 yuan", "35,000", "safe"),
    ("recovered 12 10000 yuan", "120,000", "safe"),
    ("a fund of 1.5 100 million yuan", "150 million", "safe"),
    ("a fund of three 100 million yuan", "300 million", "safe"),
    ("a fund of 3 100 million yuan", "300 million", "unsafe"),  # or 3,100 million?
    ("the losses were 3.5 10,000.", "35,000", "unsafe"),
])
def test_ten_thousand_glued(text, replacement, safety):
    (code, _, rep, saf), = found(text, "PT604")
    assert (code, rep, saf) == ("PT604", replacement, safety)


@pytest.mark.parametrize("text", [
    "In 2019 10,000 people signed the petition.",
    "More than 10,000 people and 100 million yuan.",
    "the 3 10,000-yuan notes",
    "a total of 10,000 cases, or 5 10,000ths",
])
def test_ten_thousand_glued_not_reported(text):
    assert found(text, "PT604") == []


# -- PT605 cardinal-for-ordinal -------------------------------------------------------

@pytest.mark.parametrize("text,replacement", [
    ("the Party ninety Anniversary.", "90th anniversary"),
    ("the spirit of the Twenty National Congress of the CPC", "20th National Congress"),
    ("in the twelve session of the NPC", "12th session"),
    ("the 20 National Congress of the CPC", "20th National Congress"),
    ("marked the 70 anniversary of the founding", "70th anniversary"),
    ("the Fourth Plenary Session of the twenty Party Congress was held", "20th Party Congress"),
])
def test_cardinal_for_ordinal(text, replacement):
    (code, _, rep, saf), = found(text, "PT605")
    assert (code, rep, saf) == ("PT605", replacement, "safe")


@pytest.mark.parametrize("text", [
    "The Two Sessions opened in March.",
    "the Fifth Plenary Session of the 19th Central Committee",
    "the fourth plenary session was held",
    "the two session rooms were booked",
    "one session was held in the morning",
    "the 20th National Congress",
    "It held 3 sessions.",
    "a 5 session course",
])
def test_cardinal_for_ordinal_not_reported(text):
    assert found(text, "PT605") == []


# -- PT606 spelled-case-code ----------------------------------------------------------

def test_spelled_case_code():
    assert found("City“ ten · twelve ”First instance hearing", "PT606") == [
        ("PT606", "ten · twelve", "10·12", "unsafe")]
    assert found("the 10·12 case and the Ten · Twelve Society", "PT606") == [
        ("PT606", "Ten · Twelve", "10·12", "unsafe")]
    assert found("Zhang · San and the Belt · Road", "PT606") == []


# -- PT607 inconsistent-number --------------------------------------------------------

def test_inconsistent_number_names_the_digits():
    text = "It handled 1,667 cases.\n\nOf the one thousand six hundred and sixty-seven cases, most were small."
    f, = procutext.check(text, select=["PT6"])
    assert (f.code, f.matched, f.edit.replacement, f.line) == (
        "PT607", "one thousand six hundred and sixty-seven", "1,667", 3)
    assert "'1,667' on line 1" in f.message


@pytest.mark.parametrize("text", [
    "It handled 1,667 cases and one thousand six hundred and sixty-seven appeals.",  # other units
    "It paid 1,000 (one thousand) yuan and later one thousand yuan.",  # glossed
    "It paid one thousand (1,000) yuan.",
    "It handled 2,000 cases; a thousand people came.",
])
def test_inconsistent_number_not_reported(text):
    assert [c for c, *_ in found(text, "PT607")] == []


def test_inconsistent_number_is_not_also_a_spelled_out_number():
    text = "It handled 1,667 cases. Of the one thousand six hundred and sixty-seven cases, most were small."
    assert [c for c, *_ in found(text)] == ["PT607"]


def test_inconsistent_amount_with_a_scale_word():
    text = "It had 1.2 million yuan. Then one million two hundred thousand yuan was spent."
    assert found(text) == [("PT607", "one million two hundred thousand", "1.2 million", "safe")]


# -- PT608 wrong-weekday --------------------------------------------------------------

@pytest.mark.parametrize("text,wrong,right", [
    ("on Monday, July 11, 2023, the court", "Monday", "Tuesday"),
    ("on Monday 11 July 2023 the court", "Monday", "Tuesday"),
    ("Release time: 2023-07-11 (Monday)", "Monday", "Tuesday"),
    ("on July 11, 2023, Friday, the court", "Friday", "Tuesday"),
    ("on Thursday, February 29, 2024", "Thursday", None),
])
def test_weekdays(text, wrong, right):
    got = procutext.check(text, select=["PT608"])
    if right is None:
        assert got == []
        return
    f, = got
    assert f.edit.replacement == right and text[f.edit.start:f.edit.end] == wrong
    assert str(f.edit.applicability) == "unsafe"


def test_right_weekdays_raise_nothing():
    text = ("Tuesday, July 11, 2023; Tuesday 11 July 2023; 2023-07-11 (Tuesday); "
            "Friday, January 1, 2021; Saturday, Dec. 31, 2022")
    assert found(text, "PT608") == []


# -- PT609 impossible-date ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "on February 30, 2023", "on 30 February", "on 2023-02-30", "on April 31", "on Sept. 31, 2022",
    "on 29 February 2023", "on 2023/11/31", "on the 31st of June",
])
def test_impossible_dates(text):
    assert [c for c, *_ in found(text, "PT609")] == ["PT609"]


@pytest.mark.parametrize("text", [
    "on February 29, 2024", "on 29 February", "on May 31, 2023", "on 2023-01-31", "31 people on April 3",
    "In March 30 cases were filed",
])
def test_possible_dates(text):
    assert found(text, "PT609") == []


# -- PT610 glued-date -----------------------------------------------------------------

@pytest.mark.parametrize("text,glued", [
    ("Time: November 22, 2023-1Author: News", "2023-1A"),
    ("Posted 2023-07-11Source: Xinhua", "2023-07-11S"),
    ("Posted 2023/7/11Editor: Li", "2023/7/11E"),
])
def test_glued_dates(text, glued):
    assert found(text, "PT610") == [("PT610", glued, " ", "safe")]
    assert fixed(text) == text.replace(glued, glued[:-1] + " " + glued[-1])


@pytest.mark.parametrize("text", [
    "2023-07-11T10:00", "the 2023-1st round", "2023-07-11 Author", "COVID-19Variant", "in 2021-2025plan"])
def test_not_glued_dates(text):
    assert found(text, "PT610") == []


# -- the family -----------------------------------------------------------------------

def test_the_numwords_defects_of_the_issue_are_caught():
    """Each defect shape that issue 11 names is reported by a number rule."""
    for text in [
        "——2022 year one month eighteen The 13th session",
        "two thousand and twenty In the county",
        "one hundred and seventy-four thousand five hundred and eighty-six Pieces",
        "held on 10 month 8 days",
        "the Party ninety Anniversary.",
        "the procuratorates handled one thousand six hundred and sixty-seven In total",
        "covering fourteen point zero one 10000 square kilometers",
        "City“ ten · twelve ”First instance hearing",
    ]:
        assert any(f.code.startswith("PT6") for f in procutext.check(text)), text


def test_fixing_twice_changes_nothing_more():
    text = ("In 2021 year one month thirty, the court handled one thousand six hundred and sixty-seven In "
            "total, the Party ninety Anniversary, fourteen point zero one 10000 square kilometers, "
            "on Monday, July 11, 2023, 2023-1Author")
    once = fixed(text, unsafe=True)
    assert once != text
    assert fixed(once, unsafe=True) == once
    assert found(once) == []


def test_english_without_numbers_does_not_load_text2num():
    code = ("import sys, procutext; procutext.check('The procuratorate held 3 hearings on July 11, 2023, "
            "in the first half of the year.'); print('text_to_num' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
