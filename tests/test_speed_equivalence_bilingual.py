"""The bilingual speed-ups give the results of the computation without them.

Each shortcut of the bilingual checks and of the number readers they use (a guard in front
of a pattern, a prefilter, a cheaper test that stands for a pattern) is compared here with
the full computation: on generated texts that mix the pieces the shortcuts look at, on
hypothesis-generated ones, and on the lines of the shared corpus when it is beside the
project. (tests/test_speed_equivalence.py holds the shortcuts of the English rules.)"""

from __future__ import annotations

import random
import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from procutext.numbers import en

from test_speed_equivalence import TEXTS as EN_TEXTS  # the English rules' generated texts and corpus lines

EN_PIECES = [
    "July", "JULY", "Sept.", "Monday", "Tues", "the", "The", "11th", "3", "03", "31", "2023", "2023-07-11",
    "of", "about", "ABOUT", "more than", "up\tto", "at least", "leaſt", "in excess of", "some", "by", "RMB", "RMB ",
    "USD", "US$", "HK$", "$", "¥", "￥", "€", "yuan", "dollars", "percent", "per cent", "%", "million", "hundred million",
    "cases", "people", "square kilometres", "km", "10:30", "9 a.m.", "4 o'clock", "twenty-five", "first half of",
    "third quarter of", "mid-", "early", "late", "mİd", "MİD", "K", "K", "\n", "\t", " ", ",", ".", "-", "x",
    "12,000", "1 234", "3.5", "month", "year", "day", "4 月 3 日", "December 2018 06", "October 18th 9,",
]


def _generated(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    seps = ["", " ", "  ", ", ", "\t", "\n", "-"]
    return ["".join(rnd.choice(EN_PIECES) + rnd.choice(seps) for _ in range(rnd.randint(1, 12))) for _ in range(n)]


TEXTS = _generated(8000, 12) + EN_TEXTS


def _quantities(qs):  # type: ignore[no-untyped-def]
    return [(q.start, q.end, q.text, q.kind, q.value, type(q.value), q.high, q.unit, q.approx, q.date) for q in qs]


def _english(texts):  # type: ignore[no-untyped-def]
    out = []
    for t in texts:
        digits = en.digit_numbers(t)
        out.append((_quantities(en.find(t)), _quantities(digits), [(c.start, c.end, c.date, c.form)
                                                                    for c in en.chinese_order_dates(t)],
                    [_quantities([en.quantity_at(t, q.start, q.end, q.value or 0)]) for q in digits]))
    return out


def _unguarded(lazy_pattern, guard: str):  # type: ignore[no-untyped-def]
    assert lazy_pattern.pattern.startswith(guard)
    return regex.compile(lazy_pattern.pattern[len(guard):], lazy_pattern._flags)


def _full_english(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every English shortcut undone: the patterns without their guards, the prefilters gone."""
    dates = []
    for form, p in en._DATES:
        dates.append((form, _unguarded(p, en.DAY_FIRST) if p.pattern.startswith(en.DAY_FIRST) else p))
    monkeypatch.setattr(en, "_DATES", dates)
    monkeypatch.setattr(en, "_CLOCK", _unguarded(en._CLOCK, en.CLOCK_FIRST))
    monkeypatch.setattr(en, "_approx_before", lambda text, start: bool(
        en._APPROX_BEFORE.search(text, max(0, start - 24), start)))
    monkeypatch.setattr(en, "_currency_before", lambda text, start: en._CURRENCY_BEFORE_RE.search(
        text, max(0, start - 6), start))
    monkeypatch.setattr(en, "_month_hints", lambda text: (True, True))
    monkeypatch.setattr(en, "_date_forms", lambda text: list(dates))


def test_english_numbers_are_those_of_the_full_reading(monkeypatch):
    shortcut = _english(TEXTS)
    _full_english(monkeypatch)
    full = _english(TEXTS)
    assert shortcut == full
    assert sum(len(a[0]) for a in full) > 20000  # the texts do have numbers and dates
    assert sum(q[-2] for a in full for q in a[0]) > 300  # and "about", "more than" before them
    assert sum(q[3] == "amount" for a in full for q in a[0]) > 300


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(EN_PIECES) | st.text(max_size=4), min_size=1, max_size=14).map(" ".join))
def test_english_numbers_on_generated_text(text):
    shortcut = _english([text])
    with pytest.MonkeyPatch.context() as mp:
        _full_english(mp)
        assert _english([text]) == shortcut


_ALL_CHARS = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize("letters", ["halfquarterearlymidt"])
def test_lower_casing_reads_the_date_words_as_the_patterns_do(letters):
    """_date_forms tests half, quarter, early, mid and late in ``text.lower()`` where the
    patterns match case-insensitively: for each of their letters the characters that the
    pattern matches are those whose lower-case form is the letter, but for İ, which the
    pattern reads as i and _date_forms looks for in the text as it is; İ is the one
    character whose lower-case form is longer ("i̇")."""
    for letter in sorted(set(letters)):
        matched = set(regex.findall(f"(?i){letter}", _ALL_CHARS))
        lowered = {c for c in _ALL_CHARS if c.lower() == letter}
        assert matched == lowered | ({"\u0130"} if letter == "i" else set()), letter
    longer = {c for c in _ALL_CHARS if len(c.lower()) > 1}
    assert longer == {"\u0130"} and "\u0130".lower() == "i\u0307"


def test_the_approximation_words_are_letters():
    """_approx_before reads the word before the number with str.isalpha: every character that
    the pattern's letters match case-insensitively is a letter, and the ASCII ones are ASCII
    letters (the others, ſ and İ, make it fall back to the pattern)."""
    letters = "".join(sorted(set("aboutaroundapproximatelynearlyalmostroughlysomeovermorethanlessfewerupatleastcloseinexcessof")))
    matched = set(regex.findall(f"(?i)[{letters}]", _ALL_CHARS))
    assert all(c.isalpha() for c in matched)
    assert {c for c in matched if not c.isascii()} == {"ſ", "\u0130"}
    assert {c.lower() for c in matched if c.isascii()} == set(letters)


@pytest.mark.parametrize("text,at", [("about 5", 6), ("ABOUT\t\t5", 7), ("more than  12", 11), ("x about 5", 8),
                                     ("leaſt 5", 6), ("at leaſt 5", 9), ("about\n5", 6), ("by 5", 3), ("5", 0),
                                     ("RMB 5", 4), ("RMB5", 3), ("$5", 1), ("x$ 5", 3), ("€\n5", 2)])
def test_the_before_tests_answer_as_the_patterns(text, at):
    assert en._approx_before(text, at) == bool(en._APPROX_BEFORE.search(text, max(0, at - 24), at))
    got, want = en._currency_before(text, at), en._CURRENCY_BEFORE_RE.search(text, max(0, at - 6), at)
    assert (got and got.span()) == (want and want.span())


# -- Chinese numbers ----------------------------------------------------------------------------
from procutext.numbers import zh  # noqa: E402

ZH_PIECES = [
    "2023年", "7月", "11日", "上旬", "下半年", "第一季度", "前三季度", "七十年代", "20世纪90年代", "2023.7.11",
    "2023-07", "1-6月", "7月15-17日", "2019-2021年", "“10·12”", "5·20专案", "五一劳动节", "十一期间", "9时30分",
    "下午3点", "十时许", "十三五", "“十四五”", "第十四个五年规划", "十八大", "三中全会", "一是", "二是的", "半年",
    "一件件", "一起", "一起故意伤害案", "和群众一起处理案件", "3614名", "1.2万", "3亿元", "百分之五", "三分之一",
    "第三条", "3至5年", "三四个", "上万", "近3年", "约40%", "，", "。", "、", "检察院", "办理", "案件", "的", "是",
    "点", "时", "日", "月", "年", "代", "半", "旬", "季", "大", "全", "五", "四", "一", "起", "·", ".", "/", "-",
]


def _zh_generated(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(ZH_PIECES) for _ in range(rnd.randint(1, 10))) for _ in range(n)]


def _zh_lines() -> list[str]:
    from test_speed_equivalence import _corpus_lines

    return [t for t in _corpus_lines(40000) if any("\u4e00" <= c <= "\u9fff" for c in t)]


ZH_TEXTS = _zh_generated(8000, 12) + _zh_lines()


def _zh(texts):  # type: ignore[no-untyped-def]
    return [_quantities(zh.find(t)) for t in texts]


def test_each_chinese_pattern_needs_one_of_its_characters():
    """A pattern of numbers.zh is not scanned in a text without any character of its
    _NEEDS set: every match it has in the texts holds one of them."""
    matched = 0
    for t in ZH_TEXTS:
        s = t.translate(zh._FOLD)
        chars = set(s)
        for pattern, need in zh._NEEDS.items():
            for m in pattern.finditer(s):
                matched += 1
                assert not need.isdisjoint(m.group()), (pattern.pattern[:40], m.group())
                assert not need.isdisjoint(chars)
    assert matched > 5000


def test_chinese_numbers_are_those_of_the_full_scan(monkeypatch):
    shortcut = _zh(ZH_TEXTS)
    assert zh._NEEDS_BY_ID == {id(p): need for p, need in zh._NEEDS.items()}
    monkeypatch.setattr(zh, "_NEEDS_BY_ID", {})
    full = _zh(ZH_TEXTS)
    assert shortcut == full
    assert sum(map(len, full)) > 10000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ZH_PIECES) | st.text(alphabet="一二三四五六七八九十百千万亿零两0123456789年月日时点代半旬季大全是起第个件人元%", max_size=4),
                min_size=1, max_size=12).map("".join))
def test_chinese_numbers_on_generated_text(text):
    shortcut = _zh([text])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(zh, "_NEEDS_BY_ID", {})
        assert _zh([text]) == shortcut
