"""Numbers and dates in English text, with their spans and values.

:func:`find` returns :class:`~procutext.numbers.Quantity` objects, sorted by position and
free of overlaps:

- digits with separators (``1,234``, ``1 234``, ``12.5``), ``1.2 million``, ordinals
  (``3rd``), percentages (``5%``, ``5 percent``, ``five per cent``), amounts (``300 million
  yuan``, ``RMB 3,000``, ``$5``), counts and durations with their unit (``174,586 cases``,
  ``3 years``, ``four-year``);
- number words, parsed by text2num (``one hundred and seventy-four thousand …``,
  ``fourteen point zero one``, ``twenty-first``);
- dates in every English style (``July 11, 2023``, ``Tuesday, 11 July 2023``,
  ``2023-07-11``, ``July 2023``, ``July 11``, ``in 2023``, ``the first half of 2023``),
  decades (``the 1990s``: kind ``period``, unit ``decade``), and dates left in Chinese word
  order by machine translation (``2021 year one month thirty``, ``4 月 3 日``, ``December
  2018 06``), which :func:`chinese_order_dates` also finds on its own;
- ranges (``3 to 5 years``, ``3-5``, ``between 3 and 5``, ``from 10% to 12%``).

Clock times (``13:30``, ``9 a.m.``) are recognised so that their digits are not taken for
numbers, and are not returned (:data:`procutext.numbers.KINDS` has no kind for them).

text2num is imported on first use of a number word: English text without number words
never loads it.
"""

from __future__ import annotations

import bisect
import functools
from typing import Iterable, Iterator, NamedTuple

import regex
from .. import rx

from . import Date, Quantity



class Lazy:
    """A regular expression compiled on first use: the number patterns are large, and
    compiling them all at import would add tens of milliseconds to every start of
    ``procutext check``, most of which never needs them."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        compiled = rx.compile(self.pattern, self._flags)
        for method in ("finditer", "match", "search", "fullmatch", "findall", "sub"):
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> "regex.Pattern[str]":
    """:class:`Lazy`, typed as the pattern it stands for."""
    return Lazy(pattern, flags)  # type: ignore[return-value]


# -- vocabularies --------------------------------------------------------------------

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH_KEYS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)}
_MONTH_KEYS.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, 1)})
_MONTH_KEYS["sept"] = 9
_WEEKDAY_KEYS = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
_WEEKDAY_KEYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                      "fri": 4, "sat": 5, "sun": 6})

#: a month name: full, or abbreviated (``Sept``, ``Jan.``); "May" is only the full name
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
         r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)")
FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
WEEKDAY = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
           r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?)")

_UNITS = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = "hundred thousand million billion trillion".split()
_ORD_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
_ORD_OTHER = ("tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
              "eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth seventieth "
              "eightieth ninetieth hundredth thousandth millionth billionth").split()


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


#: one number word, a hyphenated tens compound counting as one (``twenty-five``)
NUMBER_WORD = (rf"(?:(?:{_alt(_TENS)})(?:[-‐‑](?:{_alt(_UNITS[1:] + _ORD_UNITS)}))?"
               rf"|{_alt(_UNITS + _TEENS + _SCALES + _ORD_UNITS + _ORD_OTHER)})")
#: number words in a row, joined by spaces, hyphens, "and" and "point"; written with one
#: copy of :data:`NUMBER_WORD` (compiling is costly), it may end in a separator: follow it
#: with ``(?<=\w)`` and read the group with :func:`words_value`
NUMBER_WORDS_BEFORE = rf"(?:{NUMBER_WORD}(?:[ \t]+(?:and[ \t]+|point[ \t]+)?|[ \t]*[-‐‑][ \t]*)?)+"
WORD_RUN = lazy(rf"\b{NUMBER_WORDS_BEFORE}(?<=\w)\b(?![-‐‑]\w)|\b{NUMBER_WORD}(?=[-‐‑]\w)", regex.I)
_TOKEN = lazy(r"[A-Za-z]+(?:[-‐‑][A-Za-z]+)*")
_SCALE_VALUE = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}

#: digits: 1,234 / 1 234 (non-breaking, thin or plain space between groups of three) / 12.5
DIGITS = (r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d,]\d)|\d+)"
          r"(?:\.\d+)?")
_DIGIT_NUMBER = lazy(rf"(?<![\w.,/:]|[A-Za-z]-)(?:{DIGITS})(?![\d])")

#: unit words after a number: the normalised unit and the kind they give
UNIT_WORDS: dict[str, tuple[str, str]] = {}
for _forms, _unit, _kind in (
    (("year", "years"), "year", "duration"), (("month", "months"), "month", "duration"),
    (("week", "weeks"), "week", "duration"), (("day", "days"), "day", "duration"),
    (("hour", "hours"), "hour", "duration"), (("minute", "minutes"), "minute", "duration"),
    (("case", "cases"), "case", "number"), (("person", "persons", "people"), "person", "number"),
    (("household", "households"), "household", "number"), (("piece", "pieces"), "piece", "number"),
    (("item", "items"), "item", "number"), (("time", "times"), "time", "number"),
    (("km", "kilometer", "kilometers", "kilometre", "kilometres"), "km", "number"),
    (("km2", "km²"), "km2", "number"), (("m2", "m²"), "m2", "number"),
    (("mu",), "mu", "number"), (("hectare", "hectares", "ha"), "ha", "number"),
    (("ton", "tons", "tonne", "tonnes"), "t", "number"),
):
    for _f in _forms:
        UNIT_WORDS[_f] = (_unit, _kind)
UNIT_WORDS.update({"square kilometers": ("km2", "number"), "square kilometres": ("km2", "number"),
                   "sq km": ("km2", "number"), "square meters": ("m2", "number"),
                   "square metres": ("m2", "number")})
_CURRENCY_AFTER = {"yuan": "yuan", "rmb": "yuan", "renminbi": "yuan", "dollars": "usd",
                   "dollar": "usd", "us dollars": "usd", "u.s. dollars": "usd", "euros": "eur",
                   "euro": "eur"}
_CURRENCY_BEFORE = {"rmb": "yuan", "cny": "yuan", "¥": "yuan", "￥": "yuan", "usd": "usd",
                    "us$": "usd", "$": "usd", "€": "eur", "hk$": "hkd"}

_SCALE_AFTER = lazy(r"[ \t]*(hundred[ \t]+million|hundred[ \t]+thousand|thousand|million|billion|trillion)\b",
                             regex.I)
_PERCENT_AFTER = lazy(r"[ \t]?%|[ \t]+(?:per[ \t]?cent|percent)\b|[ \t]+percentage[ \t]+points?\b", regex.I)
_CURRENCY_AFTER_RE = lazy(r"[ \t]+(yuan|RMB|renminbi|U\.S\.[ \t]+dollars|US[ \t]+dollars|dollars?|euros?)\b",
                                   regex.I)
_CURRENCY_BEFORE_RE = lazy(r"(?:\b(RMB|CNY|USD)[ \t]?|(US\$|HK\$|\$|¥|￥|€)[ \t]?)$")
_UNIT_AFTER = lazy(r"(?:[ \t]*[-‐‑][ \t]*|[ \t]+)((?:square|sq)[ \t]+\w+|[A-Za-z²2]+)\b")
_ORDINAL_SUFFIX = lazy(r"(?:st|nd|rd|th)\b")
_APPROX_BEFORE = lazy(
    r"\b(?:about|around|approximately|nearly|almost|roughly|some|over|more[ \t]+than|less[ \t]+than|"
    r"fewer[ \t]+than|up[ \t]+to|at[ \t]+least|close[ \t]+to|in[ \t]+excess[ \t]+of)[ \t]+$", regex.I)
#: the last word of each phrase of _APPROX_BEFORE, lower-cased
_APPROX_LAST_WORDS = frozenset(("about", "around", "approximately", "nearly", "almost", "roughly", "some", "over",
                                "than", "to", "least", "of"))
#: the last character of every match of _CURRENCY_BEFORE_RE without its blank ("\n": the
#: ``$`` of a window ending in a line break, left to the pattern)
_CURRENCY_BEFORE_LAST = frozenset("BYD$¥￥€\n")


def _approx_before(text: str, start: int) -> bool:
    """``_APPROX_BEFORE.search(text, max(0, start - 24), start)``, the pattern tried only
    where the word before the blanks ending the window is the last word of one of its
    phrases (or is not ASCII: case-insensitive matching also reads ſ as s and İ as i)."""
    lo = max(0, start - 24)
    i = start
    while i > lo and text[i - 1] in " \t":
        i -= 1
    if i == start and text[start - 1:start] != "\n":
        return False  # no blank before the number: the pattern ends with one
    j = i
    while j > lo and text[j - 1].isalpha():
        j -= 1
    word = text[j:i]
    if word.isascii() and word.lower() not in _APPROX_LAST_WORDS and text[start - 1:start] != "\n":
        return False
    return _APPROX_BEFORE.search(text, lo, start) is not None


def _currency_before(text: str, start: int):  # type: ignore[no-untyped-def]
    """``_CURRENCY_BEFORE_RE.search(text, max(0, start - 6), start)``, the pattern tried only
    where the character before the number (or before its one blank) can end a match."""
    c = text[start - 1:start]
    if c == " " or c == "\t":
        c = text[start - 2:start - 1]
    if c and c not in _CURRENCY_BEFORE_LAST:
        return None
    return _CURRENCY_BEFORE_RE.search(text, max(0, start - 6), start)

# -- dates ---------------------------------------------------------------------------

_DAY = r"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>1[6-9]\d\d|20\d\d|21\d\d)"
_WD = rf"(?:(?P<wd>{WEEKDAY}),?[ \t]+)?"
#: the first character of every match of a form that starts with a weekday, "the" or the day
#: (Monday … Sunday, the, 1 … 31): put in front, it lets the engine pass over the other
#: positions instead of trying the whole pattern at each word boundary (3 times faster; the
#: matches are the same, tests/test_speed_equivalence_bilingual.py compares them)
DAY_FIRST = r"(?=[MTWFSt0-9])"
_DATES = [
    # Tuesday, July 11, 2023 / July 11 2023
    ("mdy", lazy(rf"\b{_WD}(?:the[ \t]+)?(?P<mon>{MONTH})[ \t]+{_DAY},?[ \t]+{_YEAR}\b")),
    # Tuesday 11 July 2023 / the 11th of July, 2023
    ("dmy", lazy(rf"{DAY_FIRST}\b{_WD}(?:the[ \t]+)?{_DAY}[ \t]+(?:of[ \t]+)?(?P<mon>{MONTH}),?[ \t]+{_YEAR}\b")),
    # 2023-07-11, 2023/7/11, 2023.07.11
    ("iso", lazy(r"(?<![\d.\-/])(?P<y>1[6-9]\d\d|20\d\d)(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
                          r"(?P<d>0?[1-9]|[12]\d|3[01])(?![\d])")),
    # 2023-07 (and 2023-1 glued to a word)
    ("ym", lazy(r"(?<![\d.\-/])(?P<y>1[6-9]\d\d|20\d\d)[-/](?P<m>0[1-9]|1[0-2]|[1-9])(?![\d\-/.])")),
    # July 2023
    ("my", lazy(rf"\b(?P<mon>{MONTH}),?[ \t]+(?:of[ \t]+)?{_YEAR}\b")),
    # Tuesday, July 11 / July 11th
    ("md", lazy(rf"\b{_WD}(?P<mon>{MONTH})[ \t]+{_DAY}\b(?![,.]?\d)")),
    # 11 July / the 11th of July
    ("dm", lazy(rf"{DAY_FIRST}\b{_WD}(?:the[ \t]+)?{_DAY}[ \t]+(?:of[ \t]+)?(?P<mon>{MONTH})")),
    # the first half of 2023 / of the year
    ("part", lazy(r"\b(?:the[ \t]+)?(?P<part>first|second)[ \t]+half[ \t]+of[ \t]+"
                           r"(?:(?:the|this|last|that)[ \t]+year|(?P<y>1[6-9]\d\d|20\d\d))\b", regex.I)),
    ("quarter", lazy(r"\b(?:the[ \t]+)?(?P<q>first|second|third|fourth)[ \t]+quarter[ \t]+of[ \t]+"
                              r"(?:(?:the|this|last|that)[ \t]+year|(?P<y>1[6-9]\d\d|20\d\d))\b", regex.I)),
    # early July, mid-2023, late 2022
    ("early", lazy(rf"\b(?P<part>early|mid|late)(?:-|[ \t]+)(?:(?P<mon>{FULL_MONTH})|{_YEAR})\b", regex.I)),
    # in July, since March (a month on its own only after a preposition)
    ("month", lazy(rf"(?<=\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Dd]uring|[Tt]his|[Ll]ast|"
                            rf"[Nn]ext|end[ \t]+of|beginning[ \t]+of|month[ \t]+of)[ \t]+)(?P<mon>{FULL_MONTH})\b")),
    # in 2023, since 2013, the year 2020
    ("year", lazy(r"(?<=\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter|[Dd]uring|of|"
                           r"[Ff]rom|year|[Ff]iscal|FY)[ \t]+)(?P<y>1[6-9]\d\d|20\d\d)\b(?![\d%]|[,.]\d|[ \t]*[-–~])")),
    # the 1990s, the '90s
    ("decade", lazy(r"\b(?:the[ \t]+)?(?P<y>1[6-9]\d0|20\d0)['’]?s\b|\b(?:the[ \t]+)?['’](?P<yy>\d0)s\b")),
]
#: a clock time; both forms start with a digit, which the guard in front says (the same
#: matches, found without trying the lookbehinds at every position)
CLOCK_FIRST = r"(?=\d)"
_CLOCK = lazy(CLOCK_FIRST + r"(?:(?<![\d:])(?:[01]?\d|2[0-4])[:：][0-5]\d(?:[:：][0-5]\d)?(?:[ \t]*[ap]\.?m\.?)?(?![\d])"
                       r"|(?<![\d.])(?:1[0-2]|0?\d)[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b))", regex.I)

# dates left in Chinese word order: "2021 year one month thirty", "10 month 8 days"
_N = rf"(?:\d{{1,4}}|{NUMBER_WORDS_BEFORE})"
#: [year N year] N month [N [day|days|日]]: without the year the day and its word must be
#: there (checked after the match)
_ZH_ORDER = lazy(
    rf"\b(?:(?P<y>{_N})(?<=\w)[ \t]+year[ \t]+)?(?P<m>{_N})(?<=\w)[ \t]+month\b"
    rf"(?:[ \t]+(?P<d>{_N})(?<=\w)\b(?:[ \t]*(?P<dw>days?\b|日))?)?",
    regex.I)
_HAN_DATE = lazy(r"(?:(?P<y>\d{4})[ \t]*年[ \t]*)?(?P<m>1[0-2]|0?[1-9])[ \t]*月"
                 r"(?:[ \t]*(?P<d>3[01]|[12]\d|0?[1-9])[ \t]*[日号])?"
                          r"|(?P<y2>\d{4})[ \t]*年")
_MONTH_YEAR_DAY = lazy(rf"(?<=\b(?P<mon>{FULL_MONTH})[ \t](?P<y>1[6-9]\d\d|20\d\d)[ \t])0(?P<d>[1-9])\b")
_MONTH_WORD = lazy(r"[Mm]onth\b")
_MONTH_DAY_HOUR = lazy(
    rf"(?<=\b(?P<mon>{FULL_MONTH})[ \t](?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?[ \t](?P<h>1\d|2[0-4]|[1-9]))"
    r",(?![\d])")


#: the characters a match of _HAN_DATE is made of, forwards and backwards from an offset
_HAN_DATE_RUN = lazy(r"[\d \t年月日号]*")
_HAN_DATE_RUN_BEFORE = lazy(r"(?r)[\d \t年月日号]*")


def _han_dates(text: str) -> Iterator[regex.Match[str]]:
    """The matches of ``_HAN_DATE.finditer(text)``, found without trying the pattern at
    every offset: a match is made of digits, blanks, 年, 月, 日 and 号 only and holds 年 or 月,
    and the pattern looks at nothing outside its match, so each match lies in a run of
    those characters around a 年 or 月, and searching those runs alone finds the same."""
    runs: list[tuple[int, int]] = []
    for han in "年月":
        i = text.find(han)
        while i != -1:
            s = _HAN_DATE_RUN_BEFORE.match(text, 0, i).start()
            e = _HAN_DATE_RUN.match(text, i).end()
            runs.append((s, e))
            i = text.find(han, e)
    for s, e in sorted(set(runs)):
        yield from _HAN_DATE.finditer(text, s, e)


def _around(text: str, anchors: list[int], pattern: regex.Pattern[str], before: int,
            after: int) -> Iterator[regex.Match[str]]:
    """Matches of ``pattern`` that contain an anchor offset (a hit of a literal the pattern
    cannot do without), searched in a window around each anchor, each match once: a
    costly pattern then costs nothing on text without the literal."""
    last_end = -1
    for a in anchors:
        if a < last_end:
            continue
        for m in pattern.finditer(text, max(0, a - before), min(len(text), a + after)):
            if m.start() <= a < m.end() and m.start() >= last_end:
                last_end = m.end()
                yield m
                break


class ChineseOrderDate(NamedTuple):
    """A date left in Chinese word order, what it stands for and what kind of order it is."""

    start: int
    end: int
    date: Date
    #: ymd | md | han | month-year-day | month-day-hour
    form: str
    hour: int | None = None
    #: the day word was plural ("10 month 8 days"): it might be a duration
    plural_day: bool = False


def words_value(words: str) -> float | None:
    """The value of number words (``two thousand and eighteen`` → 2018), or None."""
    found = words_number(words)
    return None if found is None else found[0]


def words_number(words: str) -> tuple[float, bool] | None:
    """The value of number words and whether they are an ordinal (``twentieth`` → (20,
    True), ``twenty`` → (20, False)), or None when they are not one number."""
    w = words.strip()
    if not WORD_RUN.fullmatch(w):
        return None
    found = _word_numbers(w, 0)
    if len(found) != 1 or found[0][0] != 0 or found[0][1] != len(w):
        return None
    return found[0][2], found[0][3]


def _number_value(s: str) -> float | None:
    """Digits or number words: their value, or None."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    return words_value(s)


def _valid(d: Date) -> bool:
    """Whether the month and day exist (year unknown: February 29 exists)."""
    if d.month is None:
        return True
    if not 1 <= d.month <= 12:
        return False
    if d.day is None:
        return True
    return 1 <= d.day <= _days_in_month(d.year, d.month)


def _days_in_month(year: int | None, month: int) -> int:
    """Days in a month; February has 29 when the year is unknown or a leap year."""
    if month == 2:
        leap = year is None or (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def chinese_order_dates(text: str) -> list[ChineseOrderDate]:
    """Dates in Chinese word order in English text: ``2021 year one month thirty``,
    ``two thousand and eighteen year one month twenty-five``, ``10 month 8 days``,
    ``4 月 3 日``, ``December 2018 06`` (2018年12月06日), ``October 18th 9,``
    (10月18日9时). Only dates whose month and day exist are returned."""
    out: list[ChineseOrderDate] = []
    anchors = [m.start() for m in _MONTH_WORD.finditer(text)]
    if anchors:
        for m in _around(text, anchors, _ZH_ORDER, 160, 120):
            mo = _number_value(m.group("m"))
            d = _number_value(m.group("d")) if m.group("d") else None
            plural = bool(m.group("dw")) and m.group("dw").lower() == "days"
            if mo is None or (m.group("d") and d is None):
                continue
            if m.group("y") is not None:
                y = _number_value(m.group("y"))
                if y is None or not 1000 <= y <= 2200:
                    continue
                date = Date(int(y), int(mo), int(d) if d is not None else None)
                out.append(ChineseOrderDate(m.start(), m.end(), date, "ymd", plural_day=plural))
            elif d is not None and m.group("dw"):  # "10 month 8 days", "one month eighteen day"
                out.append(ChineseOrderDate(m.start("m"), m.end(), Date(None, int(mo), int(d)), "md",
                                            plural_day=plural))
    if "月" in text or "年" in text:
        for m in _han_dates(text):
            if m.group("y2"):
                out.append(ChineseOrderDate(m.start(), m.end(), Date(int(m.group("y2"))), "han"))
                continue
            y = int(m.group("y")) if m.group("y") else None
            d = int(m.group("d")) if m.group("d") else None
            out.append(ChineseOrderDate(m.start(), m.end(), Date(y, int(m.group("m")), d), "han"))
    full_month = _month_hints(text)[1]  # both patterns look behind for a full month name
    for m in _MONTH_YEAR_DAY.finditer(text) if full_month and "0" in text else ():
        date = Date(int(m.group("y")), _MONTH_KEYS[m.group("mon").lower()], int(m.group("d")))
        out.append(ChineseOrderDate(m.start("mon"), m.end(), date, "month-year-day"))
    for m in _MONTH_DAY_HOUR.finditer(text) if full_month else ():
        date = Date(None, _MONTH_KEYS[m.group("mon").lower()], int(m.group("d")))
        out.append(ChineseOrderDate(m.start("mon"), m.end("h"), date, "month-day-hour",
                                    hour=int(m.group("h"))))
    out = [c for c in out if _valid(c.date) and (c.date.month is None or 1 <= c.date.month <= 12)]
    out.sort(key=lambda c: (c.start, -c.end))
    kept: list[ChineseOrderDate] = []
    for c in out:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


# -- number words (text2num) ---------------------------------------------------------


class _Tok:
    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def text(self) -> str:
        return self._text

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


@functools.lru_cache(maxsize=1)
def _find_numbers():  # type: ignore[no-untyped-def]
    from text_to_num import find_numbers

    return find_numbers


def _word_numbers(text: str, offset: int) -> list[tuple[int, int, float, bool]]:
    """Numbers in a run of number words: (start, end, value, is_ordinal), text2num's
    segmentation; a bare scale word right after a decimal multiplies it (``three point
    five million``), and an ordinal after ``one``/``a`` is a fraction (``one third``)."""
    toks = [(m.start(), m.end(), m.group().replace("‐", "-").replace("‑", "-")) for m in _TOKEN.finditer(text)]
    if not toks:
        return []
    occ = _find_numbers()([_Tok(t[2]) for t in toks], "en", threshold=0)
    out: list[tuple[int, int, float, bool, int, int]] = []
    for o in occ:
        value = float(o.value)
        first, last = o.start, o.end - 1
        word = toks[first][2].lower()
        if out and not o.is_ordinal and first == out[-1][5] + 1 and first == last and word in _SCALE_VALUE \
                and out[-1][2] < 1000 and not out[-1][3]:
            s, _, v, _, f0, _ = out[-1]
            out[-1] = (s, toks[last][1], v * _SCALE_VALUE[word], False, f0, last)
            continue
        if out and o.is_ordinal and first == last and first == out[-1][5] + 1 and out[-1][2] == 1 \
                and 3 <= value <= 10 and not out[-1][3]:
            s, _, _, _, f0, _ = out[-1]
            out[-1] = (s, toks[last][1], 1 / value, False, f0, last)
            continue
        out.append((toks[first][0], toks[last][1], value, bool(o.is_ordinal), first, last))
    return [(offset + s, offset + e, _intish(v), ordi) for s, e, v, ordi, _, _ in out]


def _intish(v: float) -> float:
    return int(v) if float(v).is_integer() else v


# -- finding -------------------------------------------------------------------------


class _Spans:
    """Taken spans, disjoint and sorted, for the rule that an earlier, more specific match
    wins (dates before numbers); each test and insertion is a bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.starts, s)
        if i > 0 and self.ends[i - 1] > s:
            return False  # the span before reaches into this one
        return i == len(self.starts) or self.starts[i] >= e

    def take(self, s: int, e: int) -> None:
        i = bisect.bisect_right(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


#: what each form of :data:`_DATES` cannot match without (each pattern has one of these as
#: a part that it must match, with the same flags, so a text without it skips that pattern):
#: a month name as the patterns write it, a year's digits, an ASCII digit (every day has
#: one), the words of the other forms
_ANY_MONTH = lazy(MONTH)
_ANY_FULL_MONTH = lazy(FULL_MONTH)
_ANY_FULL_MONTH_I = lazy(FULL_MONTH, regex.I)
_ANY_YEARISH = lazy(r"(?:1[6-9]|2[01])\d\d")
_ANY_DECADE = lazy(r"0['’]?s")
_ANY_HALF = lazy(r"half", regex.I)
_ANY_QUARTER = lazy(r"quarter", regex.I)
_ANY_EARLY = lazy(r"early|mid|late", regex.I)
_ASCII_DIGITS = "0123456789"

#: the last text's (month name, full month name) hints: find() asks for them twice
_hints_memo: tuple = (None, (False, False))


def _month_hints(text: str) -> tuple[bool, bool]:
    """Whether ``text`` has a month name as :data:`MONTH` writes it, and a full one (every
    full name is one of MONTH's names, so the second is looked for only after the first)."""
    global _hints_memo
    got = _hints_memo
    if got[0] is text:
        return got[1]
    month = _ANY_MONTH.search(text) is not None
    hints = (month, month and _ANY_FULL_MONTH.search(text) is not None)
    if len(text) < 10_000:  # a sentence, not a whole document kept alive by the memo
        _hints_memo = (text, hints)
    return hints


def _date_forms(text: str) -> "list[tuple[str, regex.Pattern[str]]]":
    """The forms of :data:`_DATES` that can match somewhere in ``text``, in their order.
    The case-insensitive words are looked for in the lower-cased text: for the letters of
    half, quarter, early, mid and late the pattern's case-insensitive matching and
    ``str.lower`` agree, but for İ, which the pattern reads as i and ``str.lower`` makes
    "i̇" (tests/test_speed_equivalence_bilingual.py checks every character)."""
    month, full_month = _month_hints(text)
    year = _ANY_YEARISH.search(text) is not None
    digit = any(c in text for c in _ASCII_DIGITS)
    low = text.lower()
    need = {
        "mdy": month and year, "dmy": month and year, "iso": year, "ym": year, "my": month and year,
        "md": month and digit, "dm": month and digit,
        "part": "half" in low, "quarter": "quarter" in low,
        "early": (("early" in low or "mid" in low or "late" in low or "\u0130" in text)
                  and (year or _ANY_FULL_MONTH_I.search(text) is not None)),
        "month": full_month,
        "year": year, "decade": _ANY_DECADE.search(text) is not None,
    }
    return [(form, pattern) for form, pattern in _DATES if need[form]]


def _date_matches(text: str, spans: _Spans) -> Iterator[Quantity]:
    for form, pattern in _date_forms(text):
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if not spans.free(s, e):
                continue
            g = m.groupdict()
            date: Date | None
            if form == "decade":
                y = int(g["y"]) if g.get("y") else 1900 + int(g["yy"])
                spans.take(s, e)
                yield Quantity(s, e, m.group(), "period", value=y, unit="decade")
                continue
            if form == "part":
                y = int(g["y"]) if g.get("y") else None
                date = Date(y, None, None, "H1" if g["part"].lower() == "first" else "H2")
            elif form == "quarter":
                y = int(g["y"]) if g.get("y") else None
                date = Date(y, None, None, "Q" + str(("first", "second", "third", "fourth").index(g["q"].lower()) + 1))
            elif form == "early":
                mon = _MONTH_KEYS[g["mon"].lower()] if g.get("mon") else None
                date = Date(int(g["y"]) if g.get("y") else None, mon, None, g["part"].lower())
            else:
                y = int(g["y"]) if g.get("y") else None
                if g.get("mon"):
                    mon = _MONTH_KEYS[g["mon"].rstrip(".").lower()]
                elif g.get("m"):
                    mon = int(g["m"])
                else:
                    mon = None
                d = int(g["d"]) if g.get("d") else None
                date = Date(y, mon, d)
            spans.take(s, e)
            yield Quantity(s, e, m.group(), "date", date=date)


def _zh_order_quantities(text: str, spans: _Spans) -> Iterator[Quantity]:
    for c in chinese_order_dates(text):
        if spans.free(c.start, c.end):
            spans.take(c.start, c.end)
            yield Quantity(c.start, c.end, text[c.start:c.end], "date", date=c.date)


def _suffixes(text: str, start: int, end: int, value: float, ordinal: bool) -> Quantity:
    """A number at text[start:end] with what follows it: a scale word, a percent sign,
    a currency, a unit; what precedes it: a currency sign, "about"."""
    kind = "ordinal" if ordinal else "number"
    unit: str | None = None
    if not ordinal:
        m = _SCALE_AFTER.match(text, end)
        if m:
            scale = 1
            for w in m.group(1).lower().split():
                scale *= _SCALE_VALUE[w]
            value = _intish(round(value * scale, 6))
            end = m.end()
        m = _PERCENT_AFTER.match(text, end)
        if m:
            kind, end = "percent", m.end()
            if "point" in m.group().lower():
                unit = "percentage point"
        else:
            m = _CURRENCY_AFTER_RE.match(text, end)
            before = _currency_before(text, start) if not m else None
            if m:
                kind, end = "amount", m.end()
                unit = _CURRENCY_AFTER.get(" ".join(m.group(1).lower().split()), "yuan")
            elif before:
                kind = "amount"
                unit = _CURRENCY_BEFORE[(before.group(1) or before.group(2)).lower()]
                start = before.start()
            else:
                m = _UNIT_AFTER.match(text, end)
                if m:
                    key = " ".join(m.group(1).lower().split())
                    found = UNIT_WORDS.get(key)
                    if found is None and " " in key:
                        key = key.split()[0]
                        found = UNIT_WORDS.get(key)
                    if found is not None:
                        unit, kind = found
    approx = _approx_before(text, start)
    return Quantity(start, end, text[start:end], kind, value=value, unit=unit, approx=approx)


def quantity_at(text: str, start: int, end: int, value: float, ordinal: bool = False) -> Quantity:
    """The quantity of a number found at ``text[start:end]`` with its unit, currency,
    percent sign or scale word from the text around it (as :func:`find` reads them)."""
    return _suffixes(text, start, end, value, ordinal)


_NO_SEPARATORS = str.maketrans("", "", ",\u00a0\u202f\u2009 ")


def _digit_value(s: str) -> float:
    s = s.translate(_NO_SEPARATORS)
    return _intish(float(s)) if "." in s else int(s)


def _numbers(text: str, spans: _Spans) -> list[Quantity]:
    found = _digit_quantities(text, spans)
    if _has_number_words(text):
        found.extend(_word_quantities(text, spans))
    return found


def digit_numbers(text: str, min_value: float = 0) -> list[Quantity]:
    """The numbers written in digits (with their unit, currency, percent sign or scale
    word), without dates, ranges or number words: the cheap part of :func:`find`. Digits
    of numeric dates (``2023-07-11``) and clock times are left out; those of dates with a
    month name are not (``July 11, 2023`` gives 11 and 2023). Numbers below ``min_value``
    (before a scale word: "1.2 million" is 1.2) are skipped."""
    spans = _Spans()
    for form, pattern in _DATES if _ANY_YEARISH.search(text) else ():
        if form in ("iso", "ym"):
            for m in pattern.finditer(text):
                if spans.free(m.start(), m.end()):
                    spans.take(m.start(), m.end())
    return _digit_quantities(text, spans, min_value)


def _digit_quantities(text: str, spans: _Spans, min_value: float = 0) -> list[Quantity]:
    found: list[Quantity] = []
    for m in _CLOCK.finditer(text):
        if spans.free(m.start(), m.end()):
            spans.take(m.start(), m.end())
    for m in _DIGIT_NUMBER.finditer(text):
        s, e = m.start(), m.end()
        if not spans.free(s, e):
            continue
        value = _digit_value(m.group())
        if value < min_value and not _SCALE_AFTER.match(text, e):
            continue
        o = _ORDINAL_SUFFIX.match(text, e)
        q = _suffixes(text, s, o.end() if o else e, value, bool(o))
        spans.take(q.start, q.end)
        found.append(q)
    return found


def _word_quantities(text: str, spans: _Spans) -> list[Quantity]:
    found: list[Quantity] = []
    for run in WORD_RUN.finditer(text):
        for s, e, value, ordinal in _word_numbers(run.group(), run.start()):
            if not spans.free(s, e):
                continue
            q = _suffixes(text, s, e, value, ordinal)
            if value == 1 and not ordinal and e - s <= 3 and q.kind == "number" and q.unit is None:
                continue  # a lone "one" is a pronoun more often than a number
            if not spans.free(q.start, q.end):
                continue
            spans.take(q.start, q.end)
            found.append(q)
    return found


#: a substring of every number word, lower-cased, that WORD_RUN can match (the tens are
#: listed whole, where "ty" matched every "city" and "county"; with the long s, which the
#: pattern's case-insensitive matching reads as "s", twice)
_NUMBER_WORD_HINTS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                      "eleven", "twelve", "teen", *_TENS, "ſixty", "ſeventy", "hundred", "thousand", "illion",
                      "first", "second", "third", "fifth", "eighth", "ninth", "twelfth", "tieth", "zero")


_hint_automaton = None


def _has_number_word_hint(low: str) -> bool:
    """``any(h in low for h in _NUMBER_WORD_HINTS)``, with one pass of an Aho-Corasick
    automaton over the text instead of one search per hint (3 times faster on sentences)."""
    global _hint_automaton
    a = _hint_automaton
    if a is None:
        import ahocorasick

        a = ahocorasick.Automaton()
        for h in _NUMBER_WORD_HINTS:
            a.add_word(h, h)
        a.make_automaton()
        _hint_automaton = a
    return next(a.iter(low), None) is not None


def _has_number_words(text: str) -> bool:
    low = text.lower() if len(text) < 100_000 else None
    if low is None:
        return WORD_RUN.search(text) is not None
    return _has_number_word_hint(low)


_RANGE_BETWEEN = lazy(r"[ \t]*(?:-|–|—|~|to)[ \t]*", regex.I)
_RANGE_TIGHT = lazy(r"[ \t]?[-–—~][ \t]?")
_RANGE_AND = lazy(r"[ \t]+and[ \t]+", regex.I)
_BEFORE_BETWEEN = lazy(r"\bbetween[ \t]+$", regex.I)
_BEFORE_FROM = lazy(r"\bfrom[ \t]+$", regex.I)
_RANGE_KINDS = {"number", "amount", "percent", "duration"}


def _ranges(text: str, qs: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        b = qs[i + 1] if i + 1 < len(qs) else None
        if b is not None and a.kind in _RANGE_KINDS and b.kind in _RANGE_KINDS and a.value is not None \
                and b.value is not None and a.value < b.value and (a.unit is None or a.unit == b.unit) \
                and (a.kind == "number" or a.kind == b.kind):
            gap = text[a.end:b.start]
            pre = text[max(0, a.start - 10):a.start]
            start = a.start
            ok = False
            if _BEFORE_BETWEEN.search(pre) and _RANGE_AND.fullmatch(gap):
                ok, start = True, a.start - len(_BEFORE_BETWEEN.search(pre).group())
            elif _RANGE_BETWEEN.fullmatch(gap):
                digits = a.text[:1].isdigit() and b.text[:1].isdigit() and not a.text.startswith("0")
                ok = "to" in gap.lower() or (digits and _RANGE_TIGHT.fullmatch(gap) is not None)
                if ok and _BEFORE_FROM.search(pre):
                    start = a.start - len(_BEFORE_FROM.search(pre).group())
            if ok:
                unit = b.unit or a.unit
                if b.kind == "percent":
                    unit = "%"
                out.append(Quantity(start, b.end, text[start:b.end], "range", value=a.value, high=b.value,
                                    unit=unit, approx=a.approx))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def find(text: str) -> list[Quantity]:
    """Every number, amount, percentage, ordinal, range and date in English ``text``, with
    its span and value, sorted by position and without overlaps. See the module
    documentation for the forms recognised."""
    spans = _Spans()
    found: list[Quantity] = list(_zh_order_quantities(text, spans))
    found.extend(_date_matches(text, spans))
    found.extend(_numbers(text, spans))
    found.sort(key=lambda q: (q.start, q.end))
    return _ranges(text, found)


# -- formatting ----------------------------------------------------------------------


def format_number(value: float) -> str:
    """``174586`` → ``174,586``; ``14.01`` → ``14.01``; ``140100.0`` → ``140,100``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    whole, _, frac = f"{value:.6f}".rstrip("0").partition(".")
    return f"{int(whole):,}.{frac}"


def ordinal(n: int) -> str:
    """``1`` → ``1st``, ``12`` → ``12th``, ``22`` → ``22nd``, ``90`` → ``90th``."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def english_date(d: Date) -> str:
    """``January 30, 2021``, ``October 8``, ``January 2021``, ``2021``: the US style the
    rules suggest (the style of the professional texts of the corpus)."""
    if d.month is None:
        return str(d.year) if d.year is not None else ""
    name = MONTH_NAMES[d.month - 1]
    if d.day is None:
        return f"{name} {d.year}" if d.year is not None else name
    return f"{name} {d.day}, {d.year}" if d.year is not None else f"{name} {d.day}"


_WEEKDAY_AT = lazy(WEEKDAY)


def weekday(q: Quantity) -> int | None:
    """The weekday a date names in its text (``Tuesday, July 11, 2023`` → 1, Monday being
    0), or None when it names none."""
    m = _WEEKDAY_AT.match(q.text)
    if not m:
        return None
    return _WEEKDAY_KEYS.get(m.group().rstrip(".").lower())


def real_weekday(d: Date) -> int | None:
    """The weekday of a complete, existing date (Monday = 0), else None."""
    if d.year is None or d.month is None or d.day is None or not _valid(d):
        return None
    import datetime

    return datetime.date(d.year, d.month, d.day).weekday()


def exists(d: Date) -> bool:
    """Whether the date's month and day exist (February 30 does not; February 29 exists in
    leap years and when the year is unknown)."""
    return _valid(d)


def significant_digits(value: float) -> int:
    """``2020`` → 3, ``2000`` → 1, ``174586`` → 6, ``150`` → 2."""
    if value == 0:
        return 1
    v = abs(value)
    if not float(v).is_integer():
        return len(format_number(v).replace(",", "").replace(".", "").strip("0"))
    n = int(v)
    while n % 10 == 0:
        n //= 10
    return len(str(n)) if n else 1


__all__ = [
    "ChineseOrderDate", "MONTH_NAMES", "WEEKDAY_NAMES", "chinese_order_dates", "digit_numbers", "english_date",
    "exists",
    "find", "format_number", "ordinal", "quantity_at", "real_weekday", "significant_digits", "weekday",
    "words_number", "words_value",
]

