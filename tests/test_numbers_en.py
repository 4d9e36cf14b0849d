"""procutext.numbers.en: numbers and dates in English text, with spans and values."""

from __future__ import annotations

import pytest

from procutext.numbers import Date, Quantity, en


def one(text: str) -> Quantity:
    found = en.find(text)
    assert len(found) == 1, found
    return found[0]


def described(q: Quantity) -> tuple:
    return (q.text, q.kind, q.value, q.high, q.unit, q.date.iso() if q.date else None, q.approx)


# (text, the one quantity found: text, kind, value, high, unit, date, approx)
CASES = [
    # digits and separators
    ("It handled 1,234 items.", ("1,234", "number", 1234, None, "item", None, False)),
    ("It handled 1 234 items.", ("1 234", "number", 1234, None, "item", None, False)),
    ("a rise of 12.5 in the index", ("12.5", "number", 12.5, None, None, None, False)),
    ("Article 21 of the Law", ("21", "number", 21, None, None, None, False)),
    ("No. 1 Procuratorate", ("1", "number", 1, None, None, None, False)),
    ("more than 1,600 interview areas", ("1,600", "number", 1600, None, None, None, True)),
    # number words (text2num)
    ("one hundred and seventy-four thousand five hundred and eighty-six Pieces",
     ("one hundred and seventy-four thousand five hundred and eighty-six", "number", 174586, None, "piece", None,
      False)),
    ("fourteen point zero one", ("fourteen point zero one", "number", 14.01, None, None, None, False)),
    ("three point five million", ("three point five million", "number", 3_500_000, None, None, None, False)),
    ("a thousand people", ("thousand", "number", 1000, None, "person", None, False)),
    ("one of the two cases", ("two", "number", 2, None, "case", None, False)),
    ("one third of them", ("one third", "number", 1 / 3, None, None, None, False)),
    ("three times", ("three", "number", 3, None, "time", None, False)),
    ("a four-year term", ("four", "duration", 4, None, "year", None, False)),
    ("one hundred years ago", ("one hundred", "duration", 100, None, "year", None, False)),
    # ordinals
    ("the 3rd meeting", ("3rd", "ordinal", 3, None, None, None, False)),
    ("the third meeting", ("third", "ordinal", 3, None, None, None, False)),
    ("the twenty-first century", ("twenty-first", "ordinal", 21, None, None, None, False)),
    ("The Fifth Plenary Session", ("Fifth", "ordinal", 5, None, None, None, False)),
    # scale words, amounts, percentages
    ("It reached 1.2 million.", ("1.2 million", "number", 1_200_000, None, None, None, False)),
    ("a fund of 300 million yuan", ("300 million yuan", "amount", 300_000_000, None, "yuan", None, False)),
    ("a fine of RMB 3,000", ("RMB 3,000", "amount", 3000, None, "yuan", None, False)),
    ("it cost $5", ("$5", "amount", 5, None, "usd", None, False)),
    ("a rise of 5%", ("5%", "percent", 5, None, None, None, False)),
    ("a rise of 5 percent", ("5 percent", "percent", 5, None, None, None, False)),
    ("a rise of five per cent", ("five per cent", "percent", 5, None, None, None, False)),
    ("about 30 percent", ("30 percent", "percent", 30, None, None, None, True)),
    ("up 2 percentage points", ("2 percentage points", "percent", 2, None, "percentage point", None, False)),
    # dates in every English style
    ("on July 11, 2023", ("July 11, 2023", "date", None, None, None, "2023-07-11", False)),
    ("on Tuesday, July 11, 2023", ("Tuesday, July 11, 2023", "date", None, None, None, "2023-07-11", False)),
    ("on 11 July 2023", ("11 July 2023", "date", None, None, None, "2023-07-11", False)),
    ("on the 11th of July, 2023", ("the 11th of July, 2023", "date", None, None, None, "2023-07-11", False)),
    ("on Sept. 5, 2022", ("Sept. 5, 2022", "date", None, None, None, "2022-09-05", False)),
    ("Posted 2023-07-11 by", ("2023-07-11", "date", None, None, None, "2023-07-11", False)),
    ("Posted 2023/7/11 by", ("2023/7/11", "date", None, None, None, "2023-07-11", False)),
    ("Posted 2023.07.11 by", ("2023.07.11", "date", None, None, None, "2023-07-11", False)),
    ("Posted 2023-07 by", ("2023-07", "date", None, None, None, "2023-07", False)),
    ("in July 2023", ("July 2023", "date", None, None, None, "2023-07", False)),
    ("on July 11 the court", ("July 11", "date", None, None, None, "--07-11", False)),
    ("on 11 July the court", ("11 July", "date", None, None, None, "--07-11", False)),
    ("since March the court", ("March", "date", None, None, None, "--03", False)),
    ("in 2023 the court", ("2023", "date", None, None, None, "2023", False)),
    ("the year 2020 was hard", ("2020", "date", None, None, None, "2020", False)),
    ("in the first half of the year", ("the first half of the year", "date", None, None, None, "--H1", False)),
    ("in the second half of 2022", ("the second half of 2022", "date", None, None, None, "2022-H2", False)),
    ("in the third quarter of 2022", ("the third quarter of 2022", "date", None, None, None, "2022-Q3", False)),
    ("in early July", ("early July", "date", None, None, None, "--07-early", False)),
    ("in mid-2023", ("mid-2023", "date", None, None, None, "2023-mid", False)),
    ("in the 1990s", ("the 1990s", "period", 1990, None, "decade", None, False)),
    # dates in Chinese word order
    ("2021 year one month thirty", ("2021 year one month thirty", "date", None, None, None, "2021-01-30", False)),
    ("two thousand and eighteen year one month twenty-five The",
     ("two thousand and eighteen year one month twenty-five", "date", None, None, None, "2018-01-25", False)),
    ("one month eighteen day Zhang", ("one month eighteen day", "date", None, None, None, "--01-18", False)),
    ("10 month 8 days", ("10 month 8 days", "date", None, None, None, "--10-08", False)),
    ("4 月 3 日 at", ("4 月 3 日", "date", None, None, None, "--04-03", False)),
    ("In December 2018 06, source", ("December 2018 06", "date", None, None, None, "2018-12-06", False)),
    # ranges
    ("3 to 5 years", ("3 to 5", "range", 3, 5, "year", None, False)),
    ("three to five years", ("three to five", "range", 3, 5, "year", None, False)),
    ("sentences of 3-5 years", ("3-5", "range", 3, 5, "year", None, False)),
    ("sentences of 3–5", ("3–5", "range", 3, 5, None, None, False)),
    ("between 3 and 5 people", ("between 3 and 5", "range", 3, 5, "person", None, False)),
    ("from 10% to 12%", ("from 10% to 12%", "range", 10, 12, "%", None, False)),
    ("in 2021-2025", ("2021-2025", "range", 2021, 2025, None, None, False)),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_find(text, expected):
    q = one(text)
    got = described(q)
    assert got[:2] == expected[:2]
    assert got[2] == pytest.approx(expected[2]) if isinstance(expected[2], float) else got[2] == expected[2]
    assert got[3:] == expected[3:]
    assert text[q.start:q.end] == q.text


NOTHING = [
    "one-stop service",
    "No one knows.",
    "the one who came",
    "COVID-19 cases",  # a name, not a number of the text
    "at 13:30 and at 9 a.m.",  # clock times are not returned
    "hundreds of people",  # vague plurals
    "dozens of cases",
]


@pytest.mark.parametrize("text", NOTHING)
def test_finds_nothing(text):
    assert en.find(text) == []


def test_spans_are_sorted_and_disjoint():
    text = ("On Tuesday, July 11, 2023, the court heard 3 to 5 witnesses; 1,234 cases (5%) and "
            "one hundred and one appeals were filed in 2022, 300 million yuan in the 1990s.")
    found = en.find(text)
    assert [q.kind for q in found] == ["date", "range", "number", "percent", "number", "date", "amount", "period"]
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    assert all(text[q.start:q.end] == q.text for q in found)


def test_words_value():
    assert en.words_value("two thousand and eighteen") == 2018
    assert en.words_value("one") == 1
    assert en.words_value("ninety") == 90
    assert en.words_value("fourteen point zero one") == pytest.approx(14.01)
    assert en.words_value("the cat") is None
    assert en.words_value("ten twelve") is None  # two numbers
    assert en.words_number("twentieth") == (20, True)
    assert en.words_number("twenty") == (20, False)


def test_chinese_order_dates():
    text = "2021 year one month thirty, 10 month 8 days and 4 月 3 日 and in October 18th 9, the exam"
    found = en.chinese_order_dates(text)
    assert [(text[c.start:c.end], c.date, c.form) for c in found] == [
        ("2021 year one month thirty", Date(2021, 1, 30), "ymd"),
        ("10 month 8 days", Date(None, 10, 8), "md"),
        ("4 月 3 日", Date(None, 4, 3), "han"),
        ("October 18th 9", Date(None, 10, 18), "month-day-hour"),
    ]
    assert found[1].plural_day and not found[0].plural_day
    assert found[3].hour == 9


def test_chinese_order_dates_need_a_real_date():
    assert en.chinese_order_dates("2021 year two month thirty") == []  # February 30
    assert en.chinese_order_dates("five year three month") == []  # no year: a duration
    assert en.chinese_order_dates("three months ten days") == []  # English plural


def test_formatting():
    assert en.format_number(174586) == "174,586"
    assert en.format_number(140100.0) == "140,100"
    assert en.format_number(14.01) == "14.01"
    assert [en.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 90, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "90th", "101st", "111th"]
    assert en.english_date(Date(2021, 1, 30)) == "January 30, 2021"
    assert en.english_date(Date(None, 10, 8)) == "October 8"
    assert en.english_date(Date(2021, 1)) == "January 2021"
    assert en.english_date(Date(2021)) == "2021"


def test_weekdays_and_existence():
    q = one("on Monday, July 11, 2023")
    assert en.weekday(q) == 0
    assert en.real_weekday(q.date) == 1  # July 11, 2023 was a Tuesday
    assert en.weekday(one("on July 11, 2023")) is None
    assert not en.exists(Date(2023, 2, 30))
    assert not en.exists(Date(2023, 2, 29)) and en.exists(Date(2024, 2, 29)) and en.exists(Date(None, 2, 29))
    assert not en.exists(Date(2023, 4, 31)) and en.exists(Date(2023, 5, 31))
    assert en.real_weekday(Date(2023, 2, 30)) is None


def test_significant_digits():
    assert [en.significant_digits(v) for v in (2020, 2000, 174586, 150, 100, 14.01)] == [3, 1, 6, 2, 1, 4]


def test_same_value_across_forms():
    a = one("a fund of 300 million yuan")
    b = one("a fund of RMB 300,000,000")
    assert a.same_value(b)
    d1, d2 = one("on July 11, 2023"), one("Posted 2023-07-11 by")
    assert d1.same_value(d2)


def test_number_words_do_not_import_text2num_when_absent():
    import subprocess
    import sys

    code = ("import sys; from procutext.numbers import en; en.find('On July 11, 2023, 1,234 cases.'); "
            "print('text_to_num' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_number_word_prefilter_lets_every_number_word_through():
    """find() reads number words only in texts where a hint occurs: every number word must
    contain one ("ninth" had none, so "the ninth case" gave nothing unless another word such
    as "city" happened to hold the old hint "ty")."""
    from procutext.numbers import en

    words = en._UNITS + en._TEENS + en._TENS + en._SCALES + en._ORD_UNITS + en._ORD_OTHER
    assert [w for w in words if not any(h in w for h in en._NUMBER_WORD_HINTS)] == []
    assert [(q.text, q.value) for q in en.find("It was the ninth case.")] == [("ninth", 9)]
    assert [(q.text, q.value) for q in en.find("Seventy people in the county")] == [("Seventy", 70)]
