"""Quantities in Chinese text, with their spans and values.

>>> from procutext.numbers.zh import find
>>> [(q.text, q.kind, q.value, q.unit) for q in find("挽回损失3亿元，惠及1.5万余人")]
[('3亿元', 'amount', 300000000, 'yuan'), ('1.5万余人', 'number', 15000, 'person')]

:func:`find` returns :class:`~procutext.numbers.Quantity` objects sorted by start, never
overlapping; where two readings overlap the longer one wins (``2023年7月11日`` is one date,
not a year, a month and a day). The extraction is written here; the value of a Chinese
numeral with place values (十三, 一万二, 壹佰贰拾伍) comes from cn2an, imported on the first
such numeral only, so that ``import procutext`` and English checks never load it.

What counts as a number (the decisions, each tested in ``tests/data/numbers_zh.tsv``):

- Arabic digits (half or full width, ``1,200``, ``3.5``) are numbers, except next to Latin
  letters (5G, G20) and with a leading zero (0553, a telephone prefix).
- A Chinese numeral with a place value (十三, 一百二十, 一万二, 百万) is a number by itself.
  A single Chinese digit (一, 两, 三 …) is one only with a measure word or unit from the table
  below (三人, 两个, 五年), after 第 (第三), or as part of a fraction, percentage or range.
  So the numeral inside an ordinary word is not a number: 统一, 一些, 一直, 一切, 一律, 一旦,
  一线, 唯一, 专一, 万一, 十分, 三农, 两会 (the two sessions, a name), 一审/二审 (first/second
  instance), 一带一路, 万众一心, 十全十美, 千方百计.
- Digits without place values (二〇二三, 一九七九) are only years, before 年.
- Words listed in ``zh_not_numbers.tsv`` and place names from the gazetteer that contain a
  numeral (七台河, 三元区) mask every quantity that overlaps them and is not longer: 第一时间,
  一次性, 一年一度, 五位一体, 成千上万, 统一处理 (not "one place"). 一起 is "together" unless a
  case word (案, 事故, 事件, 纠纷) follows in the same clause: 一起故意伤害案 is one case.
- A numeral fused into a name without a measure word (两会, 三农, 两学一做) is not a number;
  a count with a measure word inside a slogan (四个意识, 两个维护) is one: English keeps it.

Values and units:

- 万/亿 scale: 1.2万 = 12,000; 3亿元 = 300,000,000, kind "amount", unit "yuan"; 一万二 =
  12,000. Measure words map to English units (件/起/宗 case, 名/人/位 person, 个 none, 元
  yuan, 平方公里 km2 …; see ``_UNITS``).
- ``approx`` for 约/大约/近/将近/接近/逾/超过/超/不到/不足/上 (上万) before the number and
  余/多/来/几 after it or 左右/上下/许 after the unit; these words are part of the span.
  近 before a duration (近3年, "the past three years") is not approximate and not in the span.
  以上/以下/以内 are exact bounds, outside the span, except in 三年以上十年以下 (a range).
- Percentages: 5%, 百分之五 and 5个百分点 are kind "percent", value 5 (unit "percentage
  point" for 百分点); 千分之三 and 3‰ are value 0.3, 万分之五 value 0.05. 三分之一 is a
  number, value 1/3.
- 第三 is kind "ordinal", value 3, with the measure word as unit (第一条 article, 第二章
  chapter, 第十三届 session); 十三届 without 第, 90周年 (anniversary), 十八大 (party
  congress) and 三中全会 (plenary session) are ordinals too; 一是/二是 at a clause start are
  ordinals (English "First, …").
- Ranges (3至5年, 3-5人, 5%至10%, 三四个 = 3–4 approximately, 五六十人 = 50–60) are kind
  "range", ``value`` the low end, ``high`` the high end, ``unit`` the ends' unit ("percent"
  for percentages). A scale after the high end applies to the low end too: 3至5万元 is
  30,000–50,000 yuan.
- Dates: kind "date", ``value`` None, ``date`` a :class:`~procutext.numbers.Date`
  (2023年7月11日, 7月, 7月11日, 二〇二三年, 2023.7.11, 2023-07-11, 2023年上半年 (part H1),
  7月上旬 (part early), 第一季度 (part Q1), “10·12” as a case name (month 10, day 12)). A
  date after 至/到/-/、/和 takes the missing year and month from the date before it
  (7月11日至13日: the 13th of July). A 4-digit year (1800–2199) before 年 is a date; other
  numbers before 年 are durations (三年, 3年, 1000年).
- Durations: kind "duration" (三年, 6个月, 一年半 = 1.5 years, 半年 = 0.5, 15日内 = 15 days).
- Plan periods: 十三五 / “十四五” / 第十四个五年规划 are kind "period", value 13 / 14,
  unit "five-year plan" (never 135); 十五 and 九五 only quoted or before 计划/规划.
- A time of day (9时, 9时30分, 下午3点) is kind "number", unit "o'clock", value in hours
  (9.5 for 9时30分).

Traditional characters (萬, 億, 兩, 個 …) and full-width digits and signs are folded one
character for one character before matching, so spans are offsets into the text as given.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterator, Optional

from . import Date, Quantity

__all__ = ["find"]

# -- characters ---------------------------------------------------------------------------

#: one character for one character, so that offsets stay those of the text as given
_FOLD = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "．": ".", "％": "%", "﹪": "%", "－": "-", "～": "~", "〜": "~",
    "萬": "万", "億": "亿", "兩": "两", "貳": "贰", "參": "叁", "陸": "陆", "個": "个",
    "點": "点", "號": "号", "歲": "岁", "週": "周", "項": "项", "條": "条", "屆": "届",
    "筆": "笔", "處": "处", "場": "场", "張": "张", "輛": "辆", "臺": "台", "級": "级",
    "種": "种", "類": "类", "餘": "余", "幾": "几", "噸": "吨", "畝": "亩", "時": "时",
    "間": "间", "戶": "户", "圓": "元", "隊": "队", "組": "组", "數": "数", "約": "约",
    "過": "过", "來": "来", "內": "内", "終": "终", "審": "审", "統": "统",
    "計": "计", "劃": "划", "規": "规", "門": "门", "線": "线", "會": "会",
})

_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6,
          "柒": 7, "捌": 8, "玖": 9}
_PLACE = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10**4,
          "亿": 10**8}
_D = "".join(_DIGIT)
_P = "".join(_PLACE)
_NUMERALS = frozenset(_D + _P)
_HAN = "\u3400-\u9fff"
_FIRST = rf"0-9{_D}{_P}"


def _scanner(pattern: str, first: str = _FIRST) -> re.Pattern[str]:
    """A pattern for finditer whose matches start with a character of ``first``: the
    look-ahead lets the engine skip to such characters (4 to 12 times faster here)."""
    return re.compile(rf"(?=[{first}])(?:{pattern})")

#: a number token: Arabic (atomic, so that 123abc never yields 12) or a run of Chinese numerals
_RUN = _scanner(
    rf"(?<![A-Za-z\d.])(?>\d+(?:,\d{{3}})*(?:\.\d+)?)(?![A-Za-z\d])"
    rf"|[{_D}{_P}][{_D}{_P}点]*"
)
#: after a number, longest first (千 not before 米/克/瓦: 3千米 is 3 km)
_SCALES = (("万亿", 10**12), ("千万", 10**7), ("百万", 10**6), ("十万", 10**5),
           ("万", 10**4), ("亿", 10**8), ("千", 10**3))
_SCALE_FIRST = frozenset(w[0] for w, _ in _SCALES)

#: measure word or unit -> (English unit, kind)
_UNITS: dict[str, tuple[Optional[str], str]] = {
    # counts
    "件": ("case", "number"), "起": ("case", "number"), "宗": ("case", "number"),
    "名": ("person", "number"), "人": ("person", "number"), "位": ("person", "number"),
    "人次": ("person-time", "number"), "户": ("household", "number"),
    "家": ("organization", "number"), "个": (None, "number"), "篇": ("article", "number"),
    "项": ("item", "number"), "条": ("item", "number"), "份": ("copy", "number"),
    "次": ("time", "number"), "场": ("session", "number"), "批": ("batch", "number"),
    "期": ("session", "number"), "所": ("institution", "number"), "处": ("place", "number"),
    "辆": ("vehicle", "number"), "台": ("unit", "number"), "张": ("sheet", "number"),
    "套": ("set", "number"), "笔": ("transaction", "number"), "本": ("copy", "number"),
    "册": ("volume", "number"), "卷": ("volume", "number"), "页": ("page", "number"),
    "封": ("letter", "number"), "票": ("vote", "number"), "倍": ("fold", "number"),
    "岁": ("year of age", "number"), "周岁": ("year of age", "number"),
    "级": ("level", "number"), "类": ("category", "number"), "种": ("kind", "number"),
    "支": ("team", "number"), "座": ("building", "number"), "栋": ("building", "number"),
    "间": ("room", "number"), "轮": ("round", "number"), "组": ("group", "number"),
    "队": ("team", "number"), "成": (None, "percent"),
    # money
    "元": ("yuan", "amount"), "美元": ("US dollar", "amount"), "欧元": ("euro", "amount"),
    "港元": ("Hong Kong dollar", "amount"), "港币": ("Hong Kong dollar", "amount"),
    "日元": ("yen", "amount"), "英镑": ("pound", "amount"),
    # measures
    "平方公里": ("km2", "number"), "平方千米": ("km2", "number"), "平方米": ("m2", "number"),
    "立方米": ("m3", "number"), "公里": ("km", "number"), "千米": ("km", "number"),
    "米": ("m", "number"), "厘米": ("cm", "number"), "毫米": ("mm", "number"),
    "公顷": ("ha", "number"), "亩": ("mu", "number"), "吨": ("t", "number"),
    "公斤": ("kg", "number"), "千克": ("kg", "number"), "克": ("g", "number"),
    "斤": ("jin", "number"), "升": ("L", "number"), "千瓦时": ("kWh", "number"),
    "千瓦": ("kW", "number"),
    # durations (年 only where the number is no year; N日 is read by the date pass)
    "年": ("year", "duration"), "个月": ("month", "duration"), "周": ("week", "duration"),
    "个星期": ("week", "duration"), "天": ("day", "duration"), "小时": ("hour", "duration"),
    "个小时": ("hour", "duration"), "分钟": ("minute", "duration"),
    "秒": ("second", "duration"), "个工作日": ("working day", "duration"),
    "工作日": ("working day", "duration"), "个季度": ("quarter", "duration"),
    # ordinals without 第
    "周年": ("anniversary", "ordinal"), "届": ("session", "ordinal"),
    "世纪": ("century", "ordinal"),
    # percentages
    "%": (None, "percent"), "‰": (None, "permille"),
    "个百分点": ("percentage point", "percent"), "百分点": ("percentage point", "percent"),
}
_MAX_UNIT = max(map(len, _UNITS))
_UNIT_FIRST = frozenset(u[0] for u in _UNITS)
#: a one-character measure word that begins a word instead: 十一期间 is no "11 sessions"
_NOT_UNITS = frozenset(("期间", "人民", "起诉", "家庭", "周边", "次日", "本院", "本案", "名义",
                        "成员", "成为", "成立", "成果", "成效", "成绩", "成本", "成功", "成熟", "成就"))
#: after 第, the measure word names what is counted
_ORDINAL_UNITS: dict[str, Optional[str]] = {
    "条": "article", "章": "chapter", "节": "section", "款": "paragraph", "项": "item",
    "届": "session", "次": "time", "名": "place", "位": "place", "批": "batch", "期": "issue",
    "个": None, "页": "page", "号": "number", "轮": "round", "部分": "part", "编": "part",
    "卷": "volume", "年": "year", "天": "day", "级": "level", "类": "category", "种": "kind",
    "周": "week", "组": "group", "世纪": "century", "篇": "article", "家": "organization",
    "件": "case", "起": "case", "人": "person", "站": "stop",
}
_APPROX_BEFORE = ("大约", "将近", "接近", "超过", "不到", "不足", "约", "近", "逾", "超")
_APPROX_AFTER_UNIT = ("左右", "上下", "许")
#: 约 before a verb: approximate, but the verb is no part of the span (约占40%)
_APPROX_VERBS = ("约占", "约为", "约有", "约达", "约合", "大约有", "大约占")
_RANGE_LINKS = ("至", "到", "-", "~", "—")
_PERCENT_WORDS = (("百分之", 1), ("千分之", 10), ("万分之", 100))


def _num(x: Decimal) -> int | float:
    return int(x) if x == x.to_integral_value() else float(x)


@functools.lru_cache(maxsize=4096)
def _cn_value(numeral: str) -> Optional[Decimal]:
    """The value of a Chinese numeral with place values or a decimal point: read here when it
    is written in the regular form (:func:`_regular_value`), else by cn2an, whose import
    (0.2-0.4 s: it builds all its converters) is then paid by the first such numeral only."""
    value = _regular_value(numeral)
    if value is not None:
        return value
    import cn2an  # noqa: PLC0415

    try:
        got = cn2an.cn2an(numeral, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(got))


_SECTION_UNITS = {"千": 1000, "仟": 1000, "百": 100, "佰": 100, "十": 10, "拾": 10}
_ZERO_CHARS = "零〇"


def _section(s: str, lead_ten: bool) -> Optional[int]:
    """The value of a part below 10,000 in the regular form: digits each followed by a smaller
    unit than the one before (三千五百二十一), a 零 where units are skipped before the next digit
    (一千零五, 三百零二), a last digit without a unit only after 零 or 十; a bare 十 first only
    where ``lead_ten`` (十三, 十万). None for anything else (一千一, 二百五, 一百十: cn2an decides)."""
    total, i, n, last_unit, zero = 0, 0, len(s), 10_000, False
    if not s:
        return None
    while i < n:
        c = s[i]
        if c in _ZERO_CHARS:
            if zero or i == 0 or i == n - 1:
                return None  # 零零, a leading or a trailing 零
            zero = True
            i += 1
            continue
        unit = _SECTION_UNITS.get(c)
        if unit is not None:  # 十 with no digit before it: 十三
            if not (lead_ten and i == 0 and unit == 10):
                return None
            total, last_unit, i = 10, 10, i + 1
            continue
        d = _DIGIT.get(c)
        if d is None or d == 0:
            return None
        unit = _SECTION_UNITS.get(s[i + 1]) if i + 1 < n else None
        if unit is None:  # a last digit: the ones, alone, after 零 or right after 十
            if i + 1 < n or not ((zero and last_unit >= 100) or (not zero and last_unit in (10, 10_000))):
                return None  # 一千一 (short for 一千一百), 一十零九 (a needless 零)
            return total + d
        if unit >= last_unit or (zero and unit * 10 == last_unit) or (not zero and last_unit != 10_000
                                                                     and unit * 10 != last_unit):
            return None  # units out of order, a needless 零, or a skipped unit without 零
        total += d * unit
        last_unit, zero, i = unit, False, i + 2
    return None if zero else total


def _regular_value(numeral: str) -> Optional[Decimal]:
    """A Chinese numeral in the regular form (三千五百二十一, 十三, 两千零五, 一万零五百,
    三亿五千万, 壹佰贰拾伍, 三点五), or None to leave it to cn2an (一万二, 三千五, 一千零十 and
    other short forms). The tests compare every value this gives with cn2an's."""
    whole, dot, frac = numeral.partition("点")
    digits = ""
    if dot:
        if not frac or any(_DIGIT.get(c) is None or c == "两" for c in frac):
            return None
        digits = "".join(str(_DIGIT[c]) for c in frac)
    if whole in _DIGIT:
        value = _DIGIT[whole]
    else:
        # [A亿][B万]C, each part below 10,000; after 亿 or 万 the next part is either full
        # (starts with its thousands: 一万二千) or, after 零, below 1,000 (一万零五百)
        parts: list[tuple[str, int]] = []
        rest = whole
        for big, mult in (("亿", 10**8), ("万", 10**4)):
            head, sep, tail = rest.partition(big)
            if sep:
                if big in tail or (big == "亿" and "万" in head):
                    return None  # 一万亿, 三百万亿
                parts.append((head, mult))
                rest = tail
        parts.append((rest, 1))
        value = 0
        first = True
        above = 0  # the multiplier of the last part written
        for text, mult in parts:
            if not text:
                if first or mult != 1:
                    return None  # 万 alone, 十亿万
                continue  # 二十万, 三亿: nothing below
            zero = text[0] in _ZERO_CHARS
            if zero:
                if first:
                    return None
                text = text[1:]
            if not first:
                full = len(text) >= 2 and _DIGIT.get(text[0]) and text[1] in "千仟"
                if above // mult > 10**4:  # a level skipped (亿 then the units): 零 says so
                    if not zero:
                        return None
                elif zero == bool(full):
                    return None  # 一万二 (short for 一万二千), 一万零一千 (a needless 零)
            part = _section(text, first)
            if part is None:
                return None
            value += part * mult
            first = False
            above = mult
    return Decimal(f"{value}.{digits}") if dot else Decimal(value)


def _small(s: str) -> int:
    """A month, day, hour or minute: Arabic, or Chinese up to 九十九 (十一, 二十六)."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return _DIGIT[s]  # 两 too
    tens, _, ones = s.partition("十")
    return 10 * (_DIGIT[tens] if tens else 1) + (_DIGIT[ones] if ones else 0)


# -- reading one number and its unit ------------------------------------------------------

@dataclass(slots=True)
class _Num:
    start: int
    end: int
    value: Decimal
    free: bool        # may stand alone, without a measure word (Arabic, 十三, 一万二, 三万)
    scale: int        # 万/亿 after it: 10**4, 10**8 …; 1 if none
    approx: bool
    yearlike: bool    # 1800-2199 in Arabic digits: before 年 a year, not a duration
    raw: Decimal      # the value before the scale


def _consecutive_digits(s: str) -> bool:
    return any(_DIGIT.get(a) and _DIGIT.get(b) for a, b in zip(s, s[1:]))


def _read_number(s: str, i: int) -> Optional[_Num]:
    """The number at ``s[i]``: digits or numerals, then 余/多/来/几, a scale, 余/多."""
    m = _RUN.match(s, i)
    if not m:
        return None
    tok, j = m.group(), m.end()
    if tok[0].isdigit():
        if len(tok) > 1 and tok[0] == "0" and tok[1] != ".":
            return None  # 0553: an identifier
        value = Decimal(tok.replace(",", ""))
        free = True
        yearlike = tok.isdigit() and 1800 <= int(tok) <= 2199
    else:
        while tok.endswith("点"):
            tok, j = tok[:-1], j - 1
        if len(tok) > 40:
            return None
        if tok.endswith("千") and len(tok) > 1 and s[j:j + 1] in ("米", "克", "瓦"):
            tok, j = tok[:-1], j - 1  # 三千米: 3 km, not 3,000 m
        integer = tok.split("点")[0]
        if _PLACE.keys().isdisjoint(tok) and "点" not in tok:
            if len(tok) > 1:
                return None  # 二〇二三, 三四: a year (date pass) or a range (_adjacent_range)
            value, free = Decimal(_DIGIT[tok]), False
        else:
            if len(tok) == 1 and tok in "百千万" and s[j:j + 1] in ("余", "多"):
                return _Num(i, j + 1, Decimal(_PLACE[tok]), True, 1, True, False,
                            Decimal(_PLACE[tok]))  # 百余人, 千余名, 万余元
            if tok[0] in "万亿" or (tok[0] in "百佰千仟" and tok[1:2] not in ("万", "亿")):
                return None  # 万一, 千方百计; 百万 and 千万 are numbers
            if _consecutive_digits(integer) or not integer:
                return None
            v = Decimal(10) if tok in "十拾" else _cn_value(tok)
            if v is None:
                return None
            value, free = v, len(tok) > 1
        yearlike = False
    approx = False
    if j < len(s) and s[j] in "余多来几":
        approx, j = True, j + 1
    raw, scale = value, 1
    for word, mult in _SCALES if s[j:j + 1] in _SCALE_FIRST else ():
        if s.startswith(word, j) and not (word == "千" and s[j + 1:j + 2] in ("米", "克", "瓦")):
            value, scale, free, yearlike = value * mult, mult, True, False
            j += len(word)
            if j < len(s) and s[j] in "余多":
                approx, j = True, j + 1
            break
    return _Num(i, j, value, free, scale, approx, yearlike, raw)


def _unit_at(s: str, j: int) -> tuple[int, str, Decimal, bool]:
    """The measure word at ``s[j]``: (end, key, extra value, approx); key "" if none.
    个多月 and 个半月 are read as 个月 with 多 (approx) or 半 (+0.5)."""
    if s[j:j + 1] not in _UNIT_FIRST:
        return j, "", Decimal(0), False
    if s.startswith(("个多", "个半"), j):
        for n in range(_MAX_UNIT - 1, 0, -1):
            key = "个" + s[j + 2:j + 2 + n]
            if len(key) == n + 1 and key in _UNITS:
                half = s[j + 1] == "半"
                return j + 2 + n, key, Decimal("0.5") if half else Decimal(0), not half
    for n in range(_MAX_UNIT, 0, -1):
        key = s[j:j + n]
        if len(key) == n and key in _UNITS:
            if n == 1 and s[j:j + 2] in _NOT_UNITS:
                break
            return j + n, key, Decimal(0), False
    return j, "", Decimal(0), False


@dataclass(slots=True)
class _Q:
    """A number with its unit, before it becomes a candidate (a range combines two)."""
    start: int
    end: int
    num: _Num
    value: Decimal
    key: str            # the measure word as written, "" if none
    unit: Optional[str]
    kind: str
    approx: bool


def _read_quantity(s: str, i: int, start: int, lone: bool = False) -> Optional[_Q]:
    """A number at ``s[i]`` (or 百分之五 …) with its unit; the span starts at ``start``.
    With ``lone``, a lone Chinese digit without a measure word is read too (a range's end)."""
    for word, div in _PERCENT_WORDS:
        if s.startswith(word, i):
            k = i + len(word)
            if div == 1 and s.startswith("百", k) and not s.startswith(("百万", "百亿"), k):
                num = _Num(k, k + 1, Decimal(100), True, 1, False, False, Decimal(100))
            else:
                num = _read_number(s, k)
                if num is None:
                    return None
            return _Q(start, num.end, num, num.value / div, "%", None, "percent", num.approx)
    num = _read_number(s, i)
    if num is None:
        return None
    j, key, extra, approx = _unit_at(s, num.end)
    value, approx = num.value + extra, approx or num.approx
    unit: Optional[str] = None
    kind = "number"
    if key:
        unit, kind = _UNITS[key]
        if key == "年" and num.yearlike:
            return None  # a year: the date pass reads it
        if (kind == "duration" or key in ("岁", "周岁")) and j < len(s):
            if s[j] == "半":
                value, j = value + Decimal("0.5"), j + 1
            elif s[j] in "多余" and s[j + 1:j + 2] not in ("万", "亿"):
                approx, j = True, j + 1
        if kind == "permille":
            kind, value = "percent", value / 10
        if key == "届" and s[max(0, start - 2):start].endswith(("连续", "连任", "共")):
            kind, unit = "number", "term"
        if key == "次" and s.startswith(("会议", "全会", "全体会议"), j) \
                and "届" in s[max(0, start - 12):start]:
            kind, unit = "ordinal", "session"  # 十四届全国人大一次会议: the First Session
        if key == "成":
            kind, value = "percent", value * 10  # 三成: 30%
        for word in _APPROX_AFTER_UNIT:
            if s.startswith(word, j):
                approx, j = True, j + len(word)
                break
    elif not (num.free or lone):
        return None
    return _Q(start, j, num, value, key, unit, kind, approx)


# -- candidates ---------------------------------------------------------------------------

@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str           # a Quantity kind, or "mask" (a word that is not a number)
    value: Optional[int | float] = None
    high: Optional[int | float] = None
    unit: Optional[str] = None
    date: Optional[Date] = None
    approx: bool = False
    rank: int = 5       # among equally long overlapping candidates the lowest rank wins

    def quantity(self, text: str) -> Quantity:
        return Quantity(self.start, self.end, text[self.start:self.end], self.kind,
                        self.value, self.high, self.unit, self.date, self.approx)


def _cand(q: _Q) -> _Cand:
    return _Cand(q.start, q.end, q.kind, _num(q.value), unit=q.unit, approx=q.approx)


def _ends_at(s: str, i: int, word: str) -> bool:
    """Whether ``word`` ends at ``s[i]`` (never wrapping round to the end of ``s``)."""
    return i >= len(word) and s.startswith(word, i - len(word))


_APPROX_LAST = frozenset(w[-1] for w in _APPROX_BEFORE + _APPROX_VERBS)


def _approx_prefix(s: str, i: int) -> tuple[int, bool]:
    if not i or s[i - 1] not in _APPROX_LAST:
        return i, False
    for word in _APPROX_BEFORE:
        if _ends_at(s, i, word):
            return i - len(word), True
    return i, any(_ends_at(s, i, word) for word in _APPROX_VERBS)


def _quantities(s: str) -> Iterator[_Cand]:
    """Numbers, amounts, percentages, fractions, ordinals, durations and ranges: one reading
    per number token (and a range where one follows), read from the token outwards."""
    for m in _RUN.finditer(s):
        i = m.start()
        before = s[i - 1] if i else "\n"
        if before in ("数", "几"):
            continue  # 数十万, 几十人: vague
        if s[i] == "零" and i + 1 < len(s) and s[i + 1] in _D and not _NUMERALS.intersection(before):
            i, before = i + 1, "零"  # 两年零三个月: 零 is "and"
        if before == "-" and i > 1 and s[i - 2].isdigit():
            continue  # 0553-1234567: the second part of an identifier
        if before == "上" and s[i] in "万千百亿":
            yield from _over(s, i)
            continue
        pword = before == "之" and next((w for w, _ in _PERCENT_WORDS if _ends_at(s, i, w)), None)
        if pword:
            start, approx = _approx_prefix(s, i - 3)
            q = _read_quantity(s, i - 3, start)
            if q:
                q.approx = q.approx or approx
                yield _cand(q)
                yield from _range(s, q)
            continue
        if _ends_at(s, i, "分之"):
            yield from _fraction(s, i)
            continue
        if before == "第":
            yield from _ordinal(s, i)
            continue
        start, approx = _approx_prefix(s, i)
        money = before in ("¥", "￥", "$")
        if money:
            start = i - 1
        q = _read_quantity(s, i, start, lone=True)
        if q is None:
            yield from _adjacent_range(s, i)
            continue
        if money and not q.key:
            q.kind, q.unit = "amount", "yuan" if before != "$" else "US dollar"
        if approx and s[start] == "近" and q.kind == "duration":
            q.start, approx = i, False  # 近3年: "the past three years"
        q.approx = q.approx or approx
        if q.key or q.num.free:
            yield _cand(q)
        yield from _range(s, q)


def _over(s: str, i: int) -> Iterator[_Cand]:
    """上万, 上千人, 上百万元: "over ten thousand" (approximate)."""
    num = _read_number(s, i)
    if num is None:  # 上万: 万 alone is no numeral
        value = Decimal(_PLACE[s[i]])
        num = _Num(i, i + 1, value, True, 1, False, False, value)
    q = _read_quantity(s, num.start, i - 1) if num.end > i + 1 else None
    if q is None:
        j, key, _, _ = _unit_at(s, num.end)
        unit, kind = _UNITS.get(key, (None, "number"))
        if kind in ("percent", "permille", "ordinal"):
            j, unit, kind = num.end, None, "number"  # 上千‰ is no "over 1,000 per mille"
        yield _Cand(i - 1, j, kind, _num(num.value), unit=unit, approx=True)
    else:
        yield _Cand(i - 1, q.end, q.kind, _num(q.value), unit=q.unit, approx=True)


def _range(s: str, q1: _Q) -> Iterator[_Cand]:
    """3至5年, 3-5人, 5%至10%, 三至五年, 3至5万元 (30,000–50,000), 三年以上十年以下."""
    if q1.num.yearlike or q1.kind in ("ordinal", "date"):
        return
    j, tail = q1.end, 0
    if s.startswith("以上", j):
        q2 = _read_quantity(s, j + 2, j + 2, lone=True)
        if q2 is None or not s.startswith("以下", q2.end):
            return
        tail = 2
    else:
        link = s[j:j + 1]
        if link not in _RANGE_LINKS:
            return
        j += len(link)
        q2 = _read_quantity(s, j, j)
        if q2 is None:
            return
        if link in "-—" and (s[q2.end:q2.end + 1] in ("-", "—") or s[q1.start - 1:q1.start] in ("-", "—")):
            return  # 138-1234-5678
    if q2.num.yearlike and q2.key in ("", "年"):
        return
    if not q2.key and s[q2.end:q2.end + 1] in ("月", "日", "号", "时", "点"):
        return  # 1-6月, 15至17日: dates (the date pass)
    if q1.key and q1.key != q2.key:
        return
    low, high = q1.value, q2.value
    if not q1.key and q1.kind != "percent" and q2.num.scale > 1 and q1.num.scale == 1:
        if q1.value < q2.num.raw:
            low = q1.value * q2.num.scale  # 3至5万元: the scale applies to both ends
    if not q1.key and not q1.num.free and not q2.key:
        return
    if not low < high or q2.kind in ("ordinal", "date"):
        return
    unit = q2.unit if q2.kind != "percent" or q2.unit else "percent"
    yield _Cand(q1.start, q2.end + tail, "range", _num(low), _num(high), unit,
                approx=q1.approx or q2.approx)


def _fraction(s: str, i: int) -> Iterator[_Cand]:
    """三分之一 (1/3), 十分之一; 百分之 and its kin are read by _read_quantity."""
    m = re.search(rf"(?<![{_D}{_P}\d])([{_D}{_P}\d]+)分之$", s[max(0, i - 12):i])
    if not m:
        return
    start = i - len(m.group())
    d, n = _read_number(s, start), _read_number(s, i)
    if d is None or n is None or d.end != i - 2 or not d.value:
        return
    q = n.value / d.value
    yield _Cand(start, n.end, "number", int(q) if not q % 1 else float(n.value) / float(d.value))


def _ordinal(s: str, i: int) -> Iterator[_Cand]:
    """第三, 第一条 (article 1), 第十三届 (session 13); 第三至五条 (articles 3 and 5)."""
    num = _read_number(s, i)
    if num is None:
        return

    def unit_at(j: int) -> tuple[int, Optional[str], bool]:
        for n in (2, 1):
            key = s[j:j + n]
            if len(key) == n and key in _ORDINAL_UNITS:
                return j + n, _ORDINAL_UNITS[key], True
        return j, None, False

    j, unit, found = unit_at(num.end)
    if unit == "time" and s.startswith(("会议", "全会", "全体会议"), j):
        # 第二次会议: the Second Session; of a standing committee: the Second Meeting
        before = s[max(0, i - 12):i]
        unit = "meeting" if "常务委员会" in before or "常委会" in before else "session"
    if not found:
        link = next((w for w in ("至", "到", "-", "、", "和", "及") if s.startswith(w, j)), None)
        num2 = _read_number(s, j + len(link)) if link else None
        if num2:
            end2, unit2, found2 = unit_at(num2.end)
            if found2:
                yield _Cand(i - 1, j, "ordinal", _num(num.value), unit=unit2, rank=4)
                yield _Cand(num2.start, end2, "ordinal", _num(num2.value), unit=unit2, rank=4)
                return
    yield _Cand(i - 1, j, "ordinal", _num(num.value), unit=unit)


_ADJACENT = re.compile(
    rf"(?:(?P<t>[一二三四五六七八九])?(?P<ten>十))?(?P<a>[一两二三四五六七八])(?P<b>[两二三四五六七八九])"
    r"(?P<scale>百万|千万|十万|十|百|千|万|亿)?"
)


def _adjacent_range(s: str, i: int) -> Iterator[_Cand]:
    """三四个 (3–4), 两三年, 一两天, 五六十人 (50–60), 十五六岁 (15–16): approximate."""
    m = _ADJACENT.match(s, i)
    if not m:
        return
    lo, hi = _DIGIT[m["a"]], _DIGIT[m["b"]]
    if hi != lo + 1 or (m["ten"] and m["scale"] in ("十", "百", "千")):
        return
    j, key, _, _ = _unit_at(s, m.end())
    if not key or _UNITS[key][1] in ("percent", "permille", "ordinal"):
        return
    base = 10 * (_DIGIT[m["t"]] if m["t"] else 1) if m["ten"] else 0
    mult = {"十": 10, "百": 100, "千": 1000, **dict(_SCALES)}[m["scale"]] if m["scale"] else 1
    unit, _ = _UNITS[key]
    yield _Cand(i, j, "range", (base + lo) * mult, (base + hi) * mult, unit, approx=True)


# -- dates, times, plan periods, congresses, enumerations ---------------------------------

_MONTH_AR = r"1[0-2]|0?[1-9]"
_MONTH_ZH = r"十[一二]|[一二三四五六七八九十]"
_DAY_AR = r"3[01]|[12]\d|0?[1-9]"
_DAY_ZH = r"三十一|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_YEAR = rf"(?:(?<![\d.])(?P<y>(?:1[89]|2[01])\d\d)|(?<![{_D}{_P}])(?P<yz>[〇零一二三四五六七八九]{{4}}))年"
_MONTH_DAY = (
    rf"(?:(?P<m>{_MONTH_AR})|(?P<mz>{_MONTH_ZH}))月份?"
    rf"(?:(?:(?P<d>{_DAY_AR})|(?P<dz>{_DAY_ZH}))[日号]|(?P<xun>[上中下])旬)?"
)
_PARTS = {"上半年": "H1", "下半年": "H2", "上": "early", "中": "mid", "下": "late"}
_DATE = _scanner(
    rf"{_YEAR}(?:{_MONTH_DAY}|(?P<half>[上下]半年)|第?(?P<q>[一二三四1-4])季度|度)?"
    rf"|(?<![\d.{_D}{_P}])(?<!月份){_MONTH_DAY.replace('?P<', '?P<s')}"
)
_DECADE = _scanner(
    rf"(?:(?P<c>19|20|十九|二十|21|二十一)世纪)?(?<![\d{_D}{_P}])(?P<n>[1-9]0|[一二三四五六七八九]十)年代"
    r"|(?<![\d.])(?P<y>1[89]\d0|20\d0)年代"
)
_DAY_ALONE = _scanner(rf"(?<![\d.月{_D}{_P}])(?:(?P<d>{_DAY_AR})|(?P<dz>{_DAY_ZH}))日(?!报|本|记)")
_DAY_DURATION_AFTER = ("内", "以内", "之内")
_DAY_DURATION_BEFORE = ("近", "每", "满", "逾", "超过", "连续", "历时", "用时", "为期", "不超过",
                        "不少于", "不满", "未满", "起", "经过", "共")
_PART_ALONE = _scanner(
    rf"(?P<half>[上下]半年)|(?P<xun>[上中下])旬|(?<![前\d{_D}{_P}])第?(?P<q>[一二三四1-4])季度"
    rf"|前(?P<n>[一二三两1-3])个?季度", rf"上下中第前0-9{_D}{_P}")
_DOTTED = _scanner(
    r"(?<![\d.\-/])(?P<y>(?:1[89]|2[01])\d\d)(?P<sep>[./-])(?P<m>1[0-2]|0?[1-9])(?P=sep)"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])"
    r"|(?<![\d.\-/])(?P<y2>(?:1[89]|2[01])\d\d)-(?P<m2>0[1-9]|1[0-2])(?![\d\-])", rf"0-9")
_MONTH_SPAN = _scanner(
    rf"(?:{_YEAR.replace('?P<y', '?P<a_y')})?(?<![\d.{_D}{_P}])(?P<m1>{_MONTH_AR}|{_MONTH_ZH})[-—~至到](?P<m2>{_MONTH_AR}|{_MONTH_ZH})月"
    rf"|(?<![\d.{_D}{_P}])(?P<m>{_MONTH_AR}|{_MONTH_ZH})月(?P<d1>{_DAY_AR}|{_DAY_ZH})[-—~至到](?P<d2>{_DAY_AR}|{_DAY_ZH})[日号]"
)
_YEAR_SPAN = _scanner(r"(?<![\d.])(?P<a>(?:1[89]|2[01])\d\d)年?[-—~至到](?P<b>(?:1[89]|2[01])\d\d)年", rf"0-9")
_CASE_CODE = _scanner(
    r"(?<=[“\"「『‘])(?P<m>1[0-2]|[1-9])[·•・](?P<d>3[01]|[12]\d|[1-9])(?=[”\"」』’])"
    r"|(?<![\d.])(?P<m2>1[0-2]|[1-9])[·•・](?P<d2>3[01]|[12]\d|[1-9])(?=特大|专案|系列|案|事件|事故)", rf"0-9")
_FESTIVALS = {"五一": (5, 1), "六一": (6, 1), "七一": (7, 1), "八一": (8, 1), "五四": (5, 4),
              "十一": (10, 1)}
_FESTIVAL = _scanner(
    rf"(?<![{_D}{_P}第])(?P<f>五一|六一|七一|八一|五四|十一)"
    r"(?=国际劳动节|劳动节|儿童节|建党节|建军节|青年节|国庆|假期|长假|黄金周|期间|前夕|讲话)"
)
_TIME = _scanner(
    rf"(?P<ctx>上午|下午|晚上|凌晨|早上|中午|傍晚|夜间|日|号)?"
    rf"(?<![\d.{_D}{_P}])(?P<h>2[0-4]|[01]?\d|二十[一二三四]?|十[一二三四五六七八九]?|[一二三四五六七八九两])"
    rf"(?P<sep>时|点钟|点)(?:(?P<mi>[0-5]?\d|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])分)?"
    r"(?P<half>半)?(?P<about>许|左右)?", rf"上下晚凌早中傍夜日号0-9{_D}{_P}")
_PLAN = _scanner(
    rf"(?<![{_D}{_P}第])十(?P<x>[一二三四五])五(?![{_D}{_P}点个年月日号人名件起元%位项次岁届])"
    rf"|(?<=[“\"「『])(?P<q>十|[六七八九])五(?=[”\"」』](?:计划|规划|期间|时期))"
    rf"|(?<![{_D}{_P}第“\"「『])(?P<u>十|[六七八九])五(?=计划|规划)"
    rf"|第(?P<n>[{_D}{_P}]+|\d+)个五年(?:规划|计划)", rf"十六七八九第")
_CONGRESS = _scanner(
    rf"(?<![{_D}{_P}第])(?P<n>[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])大"
    r"(?=以来|精神|报告|代表|召开|胜利|期间|闭幕|开幕|提出|强调|部署|确定|作出|以后|之后|前|后|和|、|，|。|”|的|以|上)"
    rf"|(?<![{_D}{_P}])(?P<p>[一二三四五六七八九])中全会"
)
_ENUMERATION = _scanner(rf"(?<![{_HAN}\d])(?P<n>[一二三四五六七八九十])是(?![{_HAN}]?的)")


def _year(arabic: Optional[str], chinese: Optional[str]) -> Optional[int]:
    """2023, or 二〇二三 digit by digit; None for neither."""
    if arabic:
        return int(arabic)
    return int("".join(str(_DIGIT[c]) for c in chinese)) if chinese else None


def _part(half: Optional[str], quarter: Optional[str], xun: Optional[str]) -> Optional[str]:
    """H1/H2 (上半年/下半年), Q1…Q4 (第一季度, 1季度), early/mid/late (上旬/中旬/下旬)."""
    if half:
        return _PARTS[half]
    if quarter:
        return f"Q{_small(quarter)}"
    return _PARTS[xun] if xun else None


def _dates(s: str, chars: Optional[set[str]] = None) -> Iterator[_Cand]:
    chars = set(s) if chars is None else chars
    for m in _scan(_DATE, s, chars):
        g = m.groupdict()
        mo = g["m"] or g["mz"] or g["sm"] or g["smz"]
        day = g["d"] or g["dz"] or g["sd"] or g["sdz"]
        month = _small(mo) if mo else None
        if month is not None and not 1 <= month <= 12:
            continue
        date = Date(_year(g["y"], g["yz"]), month, _small(day) if day else None,
                    _part(g["half"], g["q"], g["xun"] or g["sxun"]))
        yield _Cand(m.start(), m.end(), "date", date=date, rank=2)
    for m in _scan(_DECADE, s, chars):
        # 七十年代, 20世纪90年代: the 1970s, the 1990s (the 1900s unless 21世纪 says otherwise)
        century = {"21": 2000, "二十一": 2000}.get(m["c"] or "", 1900)
        year = int(m["y"]) if m["y"] else century + _small(m["n"])
        yield _Cand(m.start(), m.end(), "date", date=Date(year, part="decade"), rank=1)
    for m in _scan(_DAY_ALONE, s, chars):
        i, j = m.start(), m.end()
        day = _small(m["d"] or m["dz"])
        if s.startswith(_DAY_DURATION_AFTER, j) or any(_ends_at(s, i, w) for w in _DAY_DURATION_BEFORE):
            start, approx = _approx_prefix(s, i)
            yield _Cand(i if s[start] == "近" else start, j, "duration", day, unit="day",
                        approx=approx and s[start] != "近", rank=2)
        elif m["d"] or len(m["dz"]) > 1:
            yield _Cand(i, j, "date", date=Date(day=day), rank=2)
    for m in _scan(_PART_ALONE, s, chars):
        if m["n"]:  # 前三季度: the first three quarters
            yield _Cand(m.start() + 1, m.end(), "duration", _small(m["n"]), unit="quarter", rank=2)
        else:
            yield _Cand(m.start(), m.end(), "date", date=Date(part=_part(m["half"], m["q"], m["xun"])),
                        rank=2)
    for m in _scan(_DOTTED, s, chars):
        if m["y"]:
            d = Date(int(m["y"]), int(m["m"]), int(m["d"]))
        else:
            d = Date(int(m["y2"]), int(m["m2"]))
        yield _Cand(m.start(), m.end(), "date", date=d, rank=2)
    for m in _scan(_MONTH_SPAN, s, chars):
        # 2022年1-6月 (January to June 2022), 7月15-17日: two dates, the second one after the link
        if m["m1"]:
            year = _year(m["a_y"], m["a_yz"])
            m1, m2 = _small(m["m1"]), _small(m["m2"])
            if 1 <= m1 < m2 <= 12:
                yield _Cand(m.start(), m.end("m1"), "date", date=Date(year, m1), rank=1)
                yield _Cand(m.start("m2"), m.end(), "date", date=Date(year, m2), rank=1)
        else:
            mo, d1, d2 = _small(m["m"]), _small(m["d1"]), _small(m["d2"])
            if 1 <= mo <= 12 and 1 <= d1 < d2 <= 31:
                yield _Cand(m.start(), m.end("d1"), "date", date=Date(None, mo, d1), rank=1)
                yield _Cand(m.start("d2"), m.end(), "date", date=Date(None, mo, d2), rank=1)
    for m in _scan(_YEAR_SPAN, s, chars):
        a_end = m.start() + 4 + (s[m.start() + 4] == "年")
        yield _Cand(m.start(), a_end, "date", date=Date(int(m["a"])), rank=1)
        yield _Cand(m.end() - 5, m.end(), "date", date=Date(int(m["b"])), rank=1)
    for m in _scan(_CASE_CODE, s, chars):
        yield _Cand(m.start(), m.end(), "date",
                    date=Date(month=int(m["m"] or m["m2"]), day=int(m["d"] or m["d2"])), rank=2)
    for m in _scan(_FESTIVAL, s, chars):
        month, day = _FESTIVALS[m["f"]]
        yield _Cand(m.start(), m.end(), "date", date=Date(month=month, day=day), rank=2)


def _times(s: str, chars: Optional[set[str]] = None) -> Iterator[_Cand]:
    """9时, 9时30分, 下午3点, 十时许: the hour as written (下午3点 is 3), unit "o'clock"."""
    chars = set(s) if chars is None else chars
    for m in _scan(_TIME, s, chars):
        h, sep = m["h"], m["sep"]
        chinese = not h.isdigit()
        if (sep == "点" or chinese) and not (m["ctx"] or m["mi"] or m["half"] or m["about"]
                                              or sep == "点钟"):
            continue
        hour = _small(h) if h != "两" else 2
        if hour > 24:
            continue
        value = Decimal(hour)
        if m["mi"]:
            value += Decimal(_small(m["mi"])) / 60
        if m["half"]:
            value += Decimal("0.5")
        value = round(value, 4)
        yield _Cand(m.start("h"), m.end(), "number", _num(value), unit="o'clock",
                    approx=bool(m["about"]), rank=2)


_HALF = _scanner(r"(?<![上下大多前后一两二三四五六七八九十个])半(?P<u>年|个月|小时|个小时|天|个工作日)", "半")


def _special(s: str, chars: Optional[set[str]] = None) -> Iterator[_Cand]:
    """Plan periods, party congresses, plenary sessions, 一是/二是, 半年."""
    chars = set(s) if chars is None else chars
    for m in _scan(_PLAN, s, chars):
        if m["x"]:
            value = 10 + _DIGIT[m["x"]]
        elif m["n"]:
            v = int(m["n"]) if m["n"].isdigit() else _small_or_cn(m["n"])
            if v is None:
                continue
            value = v
        else:
            c = m["q"] or m["u"]
            value = 10 if c == "十" else _DIGIT[c]
        yield _Cand(m.start(), m.end(), "period", value, unit="five-year plan", rank=1)
    for m in _scan(_CONGRESS, s, chars):
        if m["p"]:
            yield _Cand(m.start(), m.end(), "ordinal", _DIGIT[m["p"]], unit="plenary session", rank=1)
        else:
            yield _Cand(m.start(), m.end(), "ordinal", _small(m["n"]), unit="party congress", rank=1)
    for m in _scan(_ENUMERATION, s, chars):
        yield _Cand(m.start(), m.start() + 1, "ordinal", _small(m["n"]), rank=3)
    for m in _scan(_HALF, s, chars):
        yield _Cand(m.start(), m.end(), "duration", 0.5, unit=_UNITS[m["u"]][0], rank=3)


def _small_or_cn(numeral: str) -> Optional[int]:
    try:
        return _small(numeral)
    except KeyError:
        v = _cn_value(numeral)
        return None if v is None else int(v)


# -- words that are not numbers -------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _mask_words() -> tuple[str, ...]:
    """zh_not_numbers.tsv, and the gazetteer's names with a numeral (七台河, 三元区)."""
    words: set[str] = set()
    path = Path(__file__).with_name("zh_not_numbers.tsv")
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            word = line.split("\t", 1)[0].strip()
            if word:
                words.add(word)
    from ..data import read_tsv

    for row in read_tsv("places/divisions.tsv"):
        for name in (row["zh"], row["short"]):
            if len(name) >= 3 and _NUMERALS.intersection(name):
                words.add(name)
    return tuple(sorted(words))


@functools.lru_cache(maxsize=1)
def _mask_automaton():  # type: ignore[no-untyped-def]
    import ahocorasick

    a = ahocorasick.Automaton()
    for w in _mask_words():
        a.add_word(w, len(w))
    a.make_automaton()
    return a


_TOGETHER = re.compile(r"一起")
_CASE_AFTER = re.compile(r"[^，。；！？、,;!?\n]{0,15}?(?:案|事故|事件|纠纷)")
#: verbs after 一起 "together": 和群众一起处理案件 is no count, though 案 follows
_TOGETHER_VERBS = frozenset((
    "处理", "办理", "研究", "讨论", "参加", "参与", "学习", "工作", "努力", "推进", "开展", "打击",
    "侦破", "查办", "审查", "分析", "走访", "调查", "解决", "化解", "商量", "协商", "出庭", "会商",
    "来到", "前往", "观看", "听取", "探讨", "交流", "梳理", "排查", "办案", "守护", "见证",
))


_REDUPLICATED = re.compile(r"一([件个次批项条名位起家户份张桩场])\1")


def _masks(s: str, chars: Optional[set[str]] = None) -> Iterator[_Cand]:
    chars = set(s) if chars is None else chars
    for end, n in _mask_automaton().iter(s):
        yield _Cand(end + 1 - n, end + 1, "mask", rank=0)
    for m in _scan(_REDUPLICATED, s, chars):  # 一件件, 一个个: "one by one", no count
        yield _Cand(m.start(), m.end(), "mask", rank=0)
    for m in _scan(_TOGETHER, s, chars):
        # 一起 is "together" unless a case word follows in the clause and no verb comes
        # first: 一起故意伤害案 is one case, 一起处理案件 is "handle cases together"
        if not _CASE_AFTER.match(s, m.end()) or s[m.end():m.end() + 2] in _TOGETHER_VERBS:
            yield _Cand(m.start(), m.end(), "mask", rank=0)


# -- choosing -------------------------------------------------------------------------------

def _choose(cands: list[_Cand], n: int) -> list[_Cand]:
    """Longest first, then by rank, then leftmost; never two overlapping."""
    taken = bytearray(n)
    chosen = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
        if c.end > c.start and not any(taken[c.start:c.end]):
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


_DATE_LINKS = frozenset(("至", "到", "-", "~", "—", "、", "和", "及", "与", "或", "，"))


def _inherit(chosen: list[_Cand], s: str) -> None:
    """7月11日至13日: the second date takes the month (and year) of the first."""
    for a, b in zip(chosen, chosen[1:]):
        if a.kind == b.kind == "date" and s[a.end:b.start] in _DATE_LINKS and a.date and b.date:
            x, y = a.date, b.date
            if y.year is None and y.month is None and y.day is not None and x.month is not None:
                b.date = Date(x.year, x.month, y.day, y.part)
            elif y.year is None and y.month is not None and x.year is not None:
                b.date = Date(x.year, y.month, y.day, y.part)


_ANY_NUMBER = re.compile(rf"[{_FIRST}半旬季]")

#: for each pattern, characters of which every match has one (a literal of every
#: alternative): a text without any of them is not scanned (most sources have no date, no
#: time and no plan period); tests/test_speed_equivalence_bilingual.py checks each set
#: against the pattern's matches
_NEEDS: dict = {
    _DATE: frozenset("年月"), _DECADE: frozenset("代"), _DAY_ALONE: frozenset("日"),
    _PART_ALONE: frozenset("半旬季"), _DOTTED: frozenset("./-"), _MONTH_SPAN: frozenset("月"),
    _YEAR_SPAN: frozenset("年"), _CASE_CODE: frozenset("·•・"), _FESTIVAL: frozenset("一四"),
    _TIME: frozenset("时点"), _PLAN: frozenset("五"), _CONGRESS: frozenset("大全"),
    _ENUMERATION: frozenset("是"), _HALF: frozenset("半"), _REDUPLICATED: frozenset("一"),
    _TOGETHER: frozenset("起"),
}


#: :data:`_NEEDS` by the pattern's id (a compiled pattern hashes its whole code at every lookup)
_NEEDS_BY_ID: dict[int, frozenset[str]] = {id(p): need for p, need in _NEEDS.items()}


def _scan(pattern: "re.Pattern[str]", s: str, chars: set[str]):  # type: ignore[no-untyped-def]
    """``pattern.finditer(s)``, or nothing where ``s`` lacks every character of
    :data:`_NEEDS` for it (``chars`` is ``set(s)``)."""
    need = _NEEDS_BY_ID.get(id(pattern))
    if need is not None and need.isdisjoint(chars):
        return ()
    return pattern.finditer(s)


def find(text: str) -> list[Quantity]:
    """The quantities of a Chinese text, sorted by start, never overlapping.

    >>> [(q.text, q.kind, q.value, q.unit) for q in find("第三条 3至5年；统一")]
    [('第三条', 'ordinal', 3, 'article'), ('3至5年', 'range', 3, 'year')]
    """
    if not isinstance(text, str):
        raise TypeError(f"procutext.numbers.zh.find expects a str, not {type(text).__name__}")
    s = text.translate(_FOLD)
    if not _ANY_NUMBER.search(s):
        return []
    chars = set(s)
    cands = [*_masks(s, chars), *_dates(s, chars), *_times(s, chars), *_special(s, chars), *_quantities(s)]
    chosen = [c for c in _choose(cands, len(s)) if c.kind != "mask"]
    _inherit(chosen, s)
    return [c.quantity(text) for c in chosen]
