"""procutext.numbers.zh.find: the case table tests/data/numbers_zh.tsv, and the promises
every result keeps (spans, order, no overlap), the lazy cn2an import and the trap lexicon."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from procutext.numbers import KINDS, Date, Quantity
from procutext.numbers.zh import _mask_words, find

TABLE = Path(__file__).parent / "data" / "numbers_zh.tsv"


def _value(field: str):
    return int(field) if field.lstrip("-").isdigit() else float(field)


def _date(field: str) -> Date:
    ymd, _, part = field.partition(" ")
    y, m, d = (None if x == "?" else int(x) for x in ymd.split("/"))
    return Date(y, m, d, part or None)


def parse_expected(field: str) -> list[tuple]:
    """span|kind|value|unit|approx entries, separated by ' ; ' ('-' for none)."""
    if field == "-":
        return []
    out = []
    for entry in field.split(" ; "):
        parts = entry.split("|") + [""] * 5
        span, kind, value, unit, approx = parts[:5]
        date = low = high = None
        if kind == "date":
            date = _date(value)
        elif ".." in value:
            low, high = (_value(v) for v in value.split(".."))
        else:
            low = _value(value)
        out.append((span, kind, low, high, unit or None, date, approx == "~"))
    return out


def load_table() -> list[tuple[str, str, str, str]]:
    rows = []
    with open(TABLE, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if not line.startswith("#")]
    assert lines[0].split("\t") == ["text", "expected", "status", "note"]
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cols = line.split("\t")
        assert len(cols) == 4, f"{TABLE.name}: row {n} has {len(cols)} columns: {line!r}"
        rows.append(tuple(cols))
    return rows


def got(text: str) -> list[tuple]:
    return [(q.text, q.kind, q.value, q.high, q.unit, q.date, q.approx) for q in find(text)]


def same(a: list[tuple], b: list[tuple]) -> bool:
    def eq(x, y):
        if isinstance(x, (int, float)) and isinstance(y, (int, float)):
            return math.isclose(x, y, rel_tol=1e-9)
        return x == y

    return len(a) == len(b) and all(all(eq(x, y) for x, y in zip(p, q)) for p, q in zip(a, b))


ROWS = load_table()


def test_the_table_is_large_and_well_formed():
    assert len(ROWS) >= 150
    texts = [r[0] for r in ROWS]
    assert len(texts) == len(set(texts)), "a case is listed twice"
    for text, expected, status, _ in ROWS:
        assert status in ("", "miss"), status
        for span, kind, *_ in parse_expected(expected):
            assert kind in KINDS and span in text, (text, span)


@pytest.mark.parametrize(
    "text,expected",
    [pytest.param(text, expected, id=text[:24],
                  marks=[pytest.mark.xfail(strict=True, reason=note)] if status == "miss" else [])
     for text, expected, status, note in ROWS],
)
def test_case_table(text, expected):
    want = parse_expected(expected)
    have = got(text)
    assert same(have, want), f"{text}\n want {want}\n have {have}"


def test_every_trap_of_the_issue_is_in_the_table():
    traps = ["统一", "十分", "一些", "一起", "一直", "一样", "万众一心", "一审", "二审", "一线",
             "一律", "一旦", "三农", "两会", "一带一路", "万一", "一切", "唯一", "专一", "第一时间",
             "一方面", "十全十美", "千方百计"]
    no_number = {text for text, expected, _, _ in ROWS if expected == "-"}
    for trap in traps:
        assert any(trap in text for text in no_number), trap


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二两三十百千万亿零〇第年月日个人件元%至-.0123456789约余多之分统起案上半期间“”，。 ",
               max_size=40))
def test_spans_are_sorted_disjoint_and_exact(text):
    qs = find(text)
    for q in qs:
        assert isinstance(q, Quantity) and q.kind in KINDS
        assert text[q.start:q.end] == q.text and q.end > q.start
        assert (q.date is not None) == (q.kind == "date")
        if q.kind != "date":
            assert q.value is not None
        if q.kind == "range":
            assert q.high is not None and q.value < q.high
    assert all(a.end <= b.start for a, b in zip(qs, qs[1:]))


def test_offsets_are_those_of_the_text_as_given():
    text = "全角：３亿元，繁體：兩個月，半角：3亿元"
    assert [(q.text, q.value) for q in find(text)] == [("３亿元", 300000000), ("兩個月", 2), ("3亿元", 300000000)]


def test_docstring_examples():
    import doctest

    import procutext.numbers.zh as zh

    result = doctest.testmod(zh)
    assert result.attempted >= 2 and result.failed == 0


def test_text_without_numerals_gives_nothing():
    assert find("") == []
    assert find("人民检察院是国家的法律监督机关。") == []


def test_a_long_run_of_numerals_is_no_number():
    assert find("十" * 500) == []
    assert find("一" * 500 + "人") == []


def test_bad_input_is_a_clear_error():
    with pytest.raises(TypeError, match="expects a str"):
        find(b"3\xe4\xba\xba")  # type: ignore[arg-type]


def test_cn2an_is_loaded_only_for_a_chinese_numeral_in_a_short_form():
    """Regular numerals (一百二十) are read without cn2an; a short form (三千五 for 3,500) loads it."""
    code = (
        "import sys, procutext, procutext.numbers.zh as z\n"
        "a = 'cn2an' in sys.modules\n"
        "z.find('受理3件，2023年7月11日，第一条，三人')\n"
        "b = 'cn2an' in sys.modules\n"
        "r = [q.value for q in z.find('一百二十人，两千零五元')]\n"
        "c = 'cn2an' in sys.modules\n"
        "s = [q.value for q in z.find('三千五人')]\n"
        "print(a, b, c, 'cn2an' in sys.modules, r, s)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False", "True", "[120,", "2005]", "[3500]"]


def test_english_check_does_not_load_cn2an(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("In 2021, 1,667 cases were handled in the first half of the year.\n", encoding="utf-8")
    code = (
        "import sys, procutext.cli as c\n"
        f"c.main(['check', '--exit-zero', {str(path)!r}])\n"
        "print('cn2an' in sys.modules, 'procutext.numbers.zh' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split()[-2:] == ["False", "False"]


def test_the_lexicon_rows_are_words_with_a_numeral_and_a_reason():
    path = Path(__file__).resolve().parents[1] / "src" / "procutext" / "numbers" / "zh_not_numbers.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "word\twhy"
    words = []
    for line in lines[1:]:
        word, why = line.split("\t")
        assert why.strip() and word.strip() == word
        assert set(word) & set("〇零一二两三四五六七八九十百千万亿"), word
        words.append(word)
    assert len(words) == len(set(words))
    assert set(words) <= set(_mask_words())


def test_place_names_with_numerals_come_from_the_gazetteer():
    words = set(_mask_words())
    assert {"七台河市", "三门峡", "五家渠"} <= words
    assert "四川" not in words  # two characters: 四 before 川 is no number anyway


def test_organic_law_ordinals_and_dates(shared_corpus):
    import re

    text = (shared_corpus / "dev" / "pairs" / "organic_law_2018.zh.txt").read_text(encoding="utf-8")
    text = text.split("\n", 1)[1]
    qs = find(text)
    articles = [q.value for q in qs if q.unit == "article"]
    chapters = [q.value for q in qs if q.unit == "chapter"]
    assert len(articles) == len(re.findall("第[一二三四五六七八九十百]+条", text))
    assert articles[:3] == [1, 2, 3] and chapters[:6] == [1, 2, 3, 4, 5, 6]
    dates = [q.date for q in qs if q.kind == "date"]
    assert Date(1979, 7, 1) in dates and Date(2018, 10, 26) in dates
    # nothing but dates, ordinals (届, 次, 章, 条) in the law's preamble and articles
    assert {q.kind for q in qs} == {"date", "ordinal"}
