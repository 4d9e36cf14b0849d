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


# -- the JSON reporter ------------------------------------------------------------------------------
from procutext.reporters import dumps_indented  # noqa: E402

_JSON_LEAVES = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
                | st.text() | st.sampled_from(["", "é", "\u2028", '"\\', "\x00\x1f", "检察院", "\ud800"]))
_JSON_KEYS = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
_JSON = st.recursive(_JSON_LEAVES, lambda kids: st.lists(kids, max_size=5) | st.tuples(kids, kids)
                     | st.dictionaries(_JSON_KEYS, kids, max_size=5), max_leaves=60)


@settings(max_examples=400, deadline=None)
@given(_JSON)
def test_indented_json_is_that_of_the_json_module(obj):
    import json

    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


def test_indented_json_deep_and_odd_types():
    import enum
    import json

    class Level(enum.IntEnum):
        HIGH = 3

    class Name(str):
        pass

    deep: object = 1
    for _ in range(40):
        deep = {"k": [deep, {}], "e": []}
    for obj in (deep, {Name("a"): Name("b"), "n": Level.HIGH, Level.HIGH: 2.5}, [float("nan"), -0.0, 1e300, 10**40]):
        assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        dumps_indented({"x": object()})
    with pytest.raises(TypeError):
        dumps_indented({(1, 2): 1})


# -- PT712's quotation prefilter ------------------------------------------------------------------------
from procutext.rules import bilingual as birules  # noqa: E402

_QUOTE_PIECES = ["“", "”", "「", "」", "《", "》", "四个最严", "检察日报", "。", "！", "？", "要", "ab", " ", "\n",
                 "\"", "‘", "’", "『", "』", "〈", "〉", "一二三四五六七八九十一二三四五六七八九十一二三"]


def _quotation(src: str):  # type: ignore[no-untyped-def]
    """PT712's test of a source: the shortcut's match and the two patterns' own."""
    shortcut = (birules._QUOTED.search(src) if "“" in src or "「" in src else None) or (
        birules._TITLED.search(src) if "《" in src else None)
    full = birules._QUOTED.search(src) or birules._TITLED.search(src)
    return (shortcut and shortcut.span()), (full and full.span())


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_QUOTE_PIECES) | st.text(max_size=3), max_size=16).map("".join))
def test_quotation_prefilter_finds_what_the_patterns_find(src):
    a, b = _quotation(src)
    assert a == b


def test_quotation_prefilter_on_generated_sources():
    rnd = random.Random(712)
    texts = ["".join(rnd.choice(_QUOTE_PIECES) for _ in range(rnd.randint(1, 14))) for _ in range(20000)]
    found = 0
    for t in texts + ZH_TEXTS:
        a, b = _quotation(t)
        assert a == b, t
        found += b is not None
    assert found > 2000


# -- the XLIFF reader's plain units ---------------------------------------------------------------------
from procutext.bilingual.formats import FormatError, NotChecked, xliff  # noqa: E402

_UNIT_PARTS = {
    "space": ["", " ", "\n        ", "\r\n\t", "<!-- c -->", "<?pi x?>", "x"],
    "source_attrs": ["", ' xml:lang="zh"', " a='>/'", ' b="/"', " "],
    "target_attrs": ["", ' state="translated"', " state='needs-review-translation' state-qualifier=\"x\"",
                     ' state="new" xml:lang="en"', " "],
    "text": ["", "检察院依法履职。", "The procuratorate &amp; the court", "a &#38; b", "1 &lt; 2", "x > y", "<g id=\"1\">g</g>",
             "<x id=\"2\"/>", "<![CDATA[raw <b>]]>", "line\r\nbreak", "  ", "<ph>{0}</ph>", "a<bpt id=\"1\">&lt;b&gt;</bpt>b",
             "<mrk mtype=\"seg\" mid=\"1\">one</mrk>", "’", "\"quoted\""],
}


def _xliff_unit(rnd: random.Random, i: int) -> str:
    sp = lambda: rnd.choice(_UNIT_PARTS["space"])  # noqa: E731
    text = lambda: rnd.choice(_UNIT_PARTS["text"])  # noqa: E731
    attrs = rnd.choice(['', ' approved="yes"', ' translate="no"', " resname='r'"])
    body = rnd.random()
    src = f"<source{rnd.choice(_UNIT_PARTS['source_attrs'])}>{text()}</source>"
    tgt = f"<target{rnd.choice(_UNIT_PARTS['target_attrs'])}>{text()}</target>"
    if body < 0.6:
        inner = f"{sp()}{src}{sp()}{tgt}{sp()}"
    elif body < 0.7:
        inner = f"{sp()}{src}{sp()}"  # no target
    elif body < 0.75:
        inner = f"{sp()}{src}{sp()}<target/>{sp()}"
    elif body < 0.8:
        inner = f"{sp()}{tgt}{sp()}{src}{sp()}"
    elif body < 0.85:
        inner = f"{sp()}{src}{sp()}{tgt}{sp()}<note>n</note>{sp()}"
    elif body < 0.9:
        inner = f"{sp()}<seg-source><mrk mtype=\"seg\" mid=\"1\">{text()}</mrk></seg-source>{sp()}{src}{sp()}{tgt}"
    elif body < 0.95:
        inner = f"{sp()}<sources>x</sources>{src}{sp()}{tgt}{sp()}"
    else:
        inner = f"{sp()}{src}{sp()}{tgt}{sp()}</trans-unit><trans-unit id=\"n{i}\">{src}{tgt}"
    return f"<trans-unit id=\"u{i}\"{attrs}>{inner}</trans-unit>{sp()}"


def _xliff_file(rnd: random.Random, n: int) -> str:
    units = "".join(_xliff_unit(rnd, i) for i in range(n))
    group = rnd.random() < 0.3
    if group:
        units = f"<group translate=\"{rnd.choice(['no', 'yes'])}\">{units}</group>" + _xliff_unit(rnd, n)
    lang = rnd.choice(['target-language="en"', 'target-language="fr"', ""])
    return (f'<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="zh" {lang}><body>'
            f"{units}</body></file></xliff>")


def _reading(text: str):  # type: ignore[no-untyped-def]
    try:
        r = xliff._Reader(text, "f.xlf")
        r.run()
        d = r.document("xliff")
    except (FormatError, NotChecked) as e:
        return type(e).__name__, str(e)
    o, b = d.offsets, d.bilingual
    so = b.source_map
    return (d.text, d.source, o.t, o.fs, o.fe, bytes(o.kinds), b.source_text, so.t, so.fs, so.fe, bytes(so.kinds),
            [(g.id, g.source_start, g.source_end, g.target_start, g.target_end, g.line, g.column, g.state, g.notes)
             for g in b.segments], r.marks, r.mark_segs)


def _both_readings(text: str):  # type: ignore[no-untyped-def]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xliff, "SIMPLE_UNITS", False)
        full = _reading(text)
    return _reading(text), full


def test_plain_units_read_as_the_token_loop_reads_them():
    rnd = random.Random(1212)
    simple = 0
    for k in range(1500):
        text = _xliff_file(rnd, rnd.randint(1, 12))
        try:
            xliff.validate(text, None, "XLIFF")
        except FormatError:
            continue
        fast, full = _both_readings(text)
        assert fast == full, text
        simple += len(xliff._SIMPLE_BODY.findall(text))
    assert simple > 400


def test_plain_units_of_the_benchmark_file_read_as_the_token_loop_reads_them(tmp_path):
    import subprocess

    out = tmp_path / "u.xlf"
    subprocess.run([sys.executable, "bench/bilingual_units.py", "--units", "600", "--seed", "5", str(out)],
                   check=True, capture_output=True)
    text = out.read_text(encoding="utf-8")
    fast, full = _both_readings(text)
    assert fast == full
    assert len(xliff._SIMPLE_BODY.findall(text)) > 300


@settings(max_examples=200, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(1, 8))
def test_plain_units_on_hypothesis_files(rnd, n):
    text = _xliff_file(rnd, n)
    try:
        xliff.validate(text, None, "XLIFF")
    except FormatError:
        return
    fast, full = _both_readings(text)
    assert fast == full


# -- lengths --------------------------------------------------------------------------------------------
def test_split_cuts_on_the_characters_isspace_calls_space():
    """align.zh_length counts the characters that are not white space as len("".join(s.split())):
    str.split() and str.isspace() agree on every character."""
    spaces = {c for c in _ALL_CHARS if c.isspace()}
    assert {c for c in _ALL_CHARS if c.split() == []} == spaces
    text = "".join(_ALL_CHARS[::7]) + "".join(spaces) * 2
    assert len("".join(text.split())) == sum(1 for c in text if not c.isspace())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted({c for c in _ALL_CHARS if c.isspace()}) + list("检察院ab ，。1")), max_size=40)
       | st.text(max_size=40))
def test_zh_length_is_that_of_the_character_count(s):
    from procutext.bilingual import align

    han = len(align._HAN.findall(s))
    assert align.zh_length(s) == align.RATIO * han + sum(1 for c in s if not c.isspace()) - han


# -- PT705 and PT706: copied sources ------------------------------------------------------------------
_COPY_PIECES = ["检察机关", "依法履职", "。", " ", "\u3000", "\t", "\n", "Procuratorial", "organs", "a", "\xa0", "\u2028", "1"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_COPY_PIECES) | st.text(max_size=2), max_size=10).map("".join),
       st.lists(st.sampled_from(_COPY_PIECES) | st.text(max_size=2), max_size=10).map("".join))
def test_same_words_is_the_comparison_of_the_normalised_texts(a, b):
    assert birules._same_words(a, b) == (birules._norm(a) == birules._norm(b))
    assert birules._same_words(a, a) and birules._same_words(" " + a, a + "\u3000")


def test_lstrip_and_split_take_the_same_characters_for_space():
    assert {c for c in _ALL_CHARS if c.lstrip() == ""} == {c for c in _ALL_CHARS if c.split() == []}


# -- numbers.en: the number-word hints ----------------------------------------------------------------
def _hint_by_search(low: str) -> bool:
    return any(h in low for h in en._NUMBER_WORD_HINTS)


def test_number_word_hints_found_as_by_substring_search():
    found = 0
    for t in TEXTS + ["", "\ud800one", "ſixty", "twentieth", "ci ty", "ONE".lower(), "x\U0001F600three"]:
        low = t.lower()
        assert en._has_number_word_hint(low) == _hint_by_search(low), t
        found += _hint_by_search(low)
    assert found > 2000


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list(en._NUMBER_WORD_HINTS) + EN_PIECES) | st.text(max_size=3), max_size=8)
       .map("".join).map(str.lower))
def test_number_word_hints_on_generated_text(low):
    assert en._has_number_word_hint(low) == _hint_by_search(low)


# -- compare.Tokens ------------------------------------------------------------------------------------
def _tokens_by_loop(text: str) -> str:
    from procutext.bilingual import compare
    from procutext.glossary.matcher import fold

    words = []
    for w in compare._WORD.findall(fold(text)):
        if w in compare._ARTICLES or w == "s":
            continue
        words.append(compare.stem(w))
    return " " + " ".join(words) + " "


def test_tokens_are_those_of_the_word_loop():
    from procutext.bilingual import compare

    for t in TEXTS[:6000] + ["", "the a an s", "The people’s procuratorates", "ies ing ed es e s ss"]:
        assert compare.Tokens(t).joined == _tokens_by_loop(t), t
    assert all(compare.stem(w) for w in ["e", "s", "ies", "ing", "ed", "ss", "ees", "ings", "eds", "a1"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["the", "a", "an", "s", "'s", "courts", "approving", "ies", "ied", "e", " ", "-",
                                 "Procuratorates", "centre"]) | st.text(max_size=4), max_size=10).map(" ".join))
def test_tokens_on_generated_text(text):
    from procutext.bilingual import compare

    assert compare.Tokens(text).joined == _tokens_by_loop(text)
