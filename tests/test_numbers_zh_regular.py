"""Chinese numerals in the regular form are read by procutext itself (numbers.zh._regular_value)
and only the others by cn2an, whose import costs 0.2-0.4 s: every value read here must be
cn2an's, and the regular forms must be read here, not passed on."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

cn2an = pytest.importorskip("cn2an")

from procutext.numbers import zh  # noqa: E402

FINANCIAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")


def _cn2an(s: str):  # type: ignore[no-untyped-def]
    try:
        return Decimal(str(cn2an.cn2an(s, "normal")))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _forms(n: int) -> list[str]:
    base = cn2an.an2cn(n, "low")
    out = [base, base.replace("零", "〇"), base.translate(FINANCIAL)]
    if "二百" in base or "二千" in base:
        out.append(base.replace("二百", "两百").replace("二千", "两千"))
    return out


def test_regular_forms_are_read_here_with_cn2an_values():
    rnd = random.Random(11)
    numbers = list(range(0, 12_000)) + [rnd.randrange(12_000, 10**12) for _ in range(8_000)]
    read = passed = 0
    for n in numbers:
        for form in _forms(n):
            got = zh._regular_value(form)
            if got is None:
                passed += 1
                continue
            read += 1
            assert got == _cn2an(form) == n, form
    assert read > 0.97 * (read + passed), (read, passed)


def test_decimals_and_anything_else_never_disagree_with_cn2an():
    rnd = random.Random(12)
    alphabet = "零〇一二两三四五六七八九十百千万亿点壹贰拾佰"
    cases = ["三点五", "十点零五", "一百点二五", "两点五", "三点两", "点五", "三点", "一万零", "零万", "万", "一千零十",
             "一千一", "二百五", "一万二", "三千五", "一百十", "一万亿", "三百万亿", "十十", "一零", "零一", "两两"]
    cases += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 9))) for _ in range(25_000)]
    read = 0
    for s in cases:
        got = zh._regular_value(s)
        if got is not None:
            read += 1
            assert got == _cn2an(s), s
    assert read > 200  # the random strings do hold regular numerals


def test_the_value_of_a_numeral_is_the_same_either_way():
    for s in ("三千五百二十一", "一万二", "三千五", "一千零十", "二十万", "三点五", "壹佰贰拾伍"):
        zh._cn_value.cache_clear()
        assert zh._cn_value(s) == _cn2an(s)
