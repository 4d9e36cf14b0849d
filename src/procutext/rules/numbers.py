"""Numbers and dates: Chinese word order left in English, spelled-out numbers where English
uses digits, and numbers or dates that contradict themselves or each other.

The values come from :mod:`procutext.numbers.en`. Every rule first looks for a literal its
defect cannot do without ("month", "hundred", "10000", a weekday name …), so that text
without it costs one substring search per rule.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Callable, Iterator

import regex

from ..analysis import line_classes
from ..model import Applicability, Finding, Severity
from ..numbers import Date, en
from ..registry import Example, rule

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document

FAMILY = "numbers"


def _chinese_test(doc: "Document", ctx: "Context") -> Callable[[int], bool]:
    """Whether an offset lies in a Chinese segment of a bilingual document (left alone)."""
    classes = line_classes(doc, ctx)
    if not classes.chinese_starts:
        return lambda _offset: False
    return classes.is_chinese


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, pos - 30), pos)
    return m.group(1) if m else ""


_WORD_BEFORE = en.lazy(r"([\w'’]+)[ \t]*$")
_WORD_AFTER = en.lazy(r"[ \t]+([A-Za-z][\w'’]*)")
_PREP_IN = en.lazy(r"\b([Ii]n)[ \t]+$")

# -- PT601 ----------------------------------------------------------------------------


@rule(
    "PT601",
    "chinese-order-date",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example("——2022 year one month eighteen The 13th session in Anhui Province",
                "January 18, 2022: the 13th session in Anhui Province",
                fixed="——January 18, 2022 The 13th session in Anhui Province"),
        Example("In 2021 year one month thirty, the court opened.",
                "On January 30, 2021, the court opened.",
                fixed="On January 30, 2021, the court opened."),
        Example("one month eighteen day Zhang Mian spoke.", "On January 18, Zhang Mian spoke.",
                fixed="January 18 Zhang Mian spoke."),
        Example("The hearing was held on 10 month 8 days.", "The hearing was held on October 8.",
                fixed="The hearing was held on October 8."),
        Example("In December 2018 06, 08:06 source: Yunnan channel", "On December 6, 2018, at 08:06",
                fixed="On December 6, 2018, 08:06 source: Yunnan channel"),
        Example("4 月 3 日 13:30, Song shouted in the ward.", "At 13:30 on April 3, Song shouted in the ward.",
                fixed="April 3 13:30, Song shouted in the ward."),
        Example("in October 18th 9, the exam started", "at 9 a.m. on October 18, the exam started",
                fixed="in October 18th 9, the exam started"),
    ],
)
def chinese_order_date(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A date left in Chinese word order: "2021 year one month thirty", "10 month 8 days".

    ## What it does
    Reports dates whose parts are followed by the words for year, month and day, as in
    Chinese (2021年1月30日 → "2021 year one month thirty", 10月8日 → "10 month 8 days",
    "one month eighteen day"), dates written with the Chinese characters (4月3日 → "4 月 3
    日"), a zero-padded day after the year ("December 2018 06", 2018年12月06日) and an hour
    after the day ("October 18th 9,", 10月18日9时). The suggestion is the English date.

    ## Why it matters
    Machine translation renders 年, 月 and 日 word by word and keeps their order; the result
    is unreadable, and the numbers, often spelled out ("two thousand and eighteen year one
    month twenty-five"), hide the date.

    ## Example
    ```
    ——2022 year one month eighteen The 13th session in Anhui Province
    ```

    ## Use instead
    ```
    January 18, 2022: the 13th session in Anhui Province
    ```

    ## Fix safety
    Safe: the date is written "January 18, 2022" ("October 8" without a year, "January
    2021" without a day), and "in" before a date with a day becomes "on". Unsafe when a
    month-and-day date ends in the plural "days" ("10 month 8 days" could be a duration).
    No fix for an hour after the day (a.m. or p.m. is not known): the suggestion puts the
    hour first.
    """
    r = chinese_order_date.rule  # type: ignore[attr-defined]
    text = doc.text
    found = _zh_order(doc)
    if not found:
        return
    chinese = _chinese_test(doc, ctx)
    for c in found:
        if chinese(c.start) or (c.form == "han" and c.date.month is None):
            continue  # a Chinese segment; 2023年 alone is leftover Chinese (PT501)
        written = text[c.start:c.end]
        english = en.english_date(c.date)
        prep = _PREP_IN.search(text, max(0, c.start - 4), c.start)
        start = prep.start() if prep else c.start
        if c.form == "month-day-hour":
            yield r.finding(
                f"date and hour in Chinese word order: {written!r} is {c.hour} o'clock on {english}; "
                f"write the hour first: 'at {c.hour}:00 on {english}' (a.m. or p.m.?)",
                start, c.end, suggestions=(f"at {c.hour}:00 on {english}",))
            continue
        replacement = english
        if prep and c.date.day is not None:  # "in 2021 year one month thirty": on January 30, 2021
            replacement = ("On " if prep.group(1) == "In" else "on ") + english
        else:
            start = c.start
        safety = Applicability.UNSAFE if c.plural_day else Applicability.SAFE
        yield r.finding(
            f"date in Chinese word order: {written!r} is {english}"
            + ("; or is it a duration?" if c.plural_day else ""),
            start, c.end, replacement, applicability=safety, suggestions=(replacement,))


def _zh_order(doc: "Document") -> list[en.ChineseOrderDate]:
    return doc.cached("numbers.zh_order", lambda d: en.chinese_order_dates(d.text))


def _in_zh_order(doc: "Document", start: int) -> bool:
    dates = _zh_order(doc)  # sorted by start, disjoint
    if not dates:
        return False
    starts = doc.cached("numbers.zh_order_starts", lambda d: [c.start for c in dates])
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and start < dates[i].end


# -- spelled-out numbers (PT602, PT607) ------------------------------------------------

_BIG_WORDS = (en.lazy(r"[Hh]undred"), en.lazy(r"[Tt]housand"))
_YEAR_BEFORE = en.lazy(r"\b(?:in|since|until|till|before|after|during|year|end[ \t]+of)[ \t]+$", regex.I)
_COUNT_BEFORE = en.lazy(r"\b(?:total[ \t]+of|about|nearly|almost|more[ \t]+than|over|some|approximately|"
                        r"up[ \t]+to|at[ \t]+least|around)[ \t]+$", regex.I)
_YEAR_AFTER = en.lazy(r"[ \t]+(?:year\b|The[ \t]+year\b|Annual\b|annual\b)")
_JOIN_PREPS = {"In", "At", "On", "Since", "By", "From", "Until", "Before", "After", "During"}
_GLOSSED = en.lazy(r"[ \t]*[(（][ \t]*\d")
_GLOSS_OF = en.lazy(r"\d[ \t]*[(（][ \t]*$")


class _Spelled:
    """A spelled-out number of the text: span, value, and the next word after it."""

    __slots__ = ("start", "end", "value", "ordinal", "next_word", "next_end")

    def __init__(self, start: int, end: int, value: float, ordinal: bool, next_word: str, next_end: int) -> None:
        self.start, self.end, self.value, self.ordinal = start, end, value, ordinal
        self.next_word, self.next_end = next_word, next_end


def _spelled_big(doc: "Document") -> list[_Spelled]:
    """Spelled-out numbers with "hundred" or "thousand" in them (the only ones with three
    significant digits or more), found around each of those words."""

    def compute(d: "Document") -> list[_Spelled]:
        text = d.text
        if "undred" not in text and "housand" not in text:
            return []
        out: list[_Spelled] = []
        anchors = sorted(m.start() for p in _BIG_WORDS for m in p.finditer(text))
        for run in en._around(text, anchors, en.WORD_RUN, 160, 200):
            for s, e, value, ordinal in en._word_numbers(run.group(), run.start()):
                nxt = _WORD_AFTER.match(text, e)
                out.append(_Spelled(s, e, value, ordinal, nxt.group(1) if nxt else "",
                                    nxt.end() if nxt else e))
        return out

    return doc.cached("numbers.spelled_big", compute)


def _is_defect(sp: _Spelled, text: str) -> bool:
    """A long spelled-out number where English uses digits: at least three significant
    digits, and 1,000 or more or followed by a capitalised word (a segment join); not at
    the start of a sentence or in a title (capitalised), not glossed by digits."""
    v = sp.value
    if sp.ordinal or v < 100 or not float(v).is_integer() or en.significant_digits(v) < 3:
        return False
    if text[sp.start].isupper():
        return False  # "One thousand six hundred …" may begin a sentence; titles
    if _GLOSSED.match(text, sp.end):
        return False  # "one thousand (1,000) yuan": the legal style, with the digits
    joined = sp.next_word[:1].isupper() and sp.next_word not in ("I",)
    return v >= 1000 or joined


def _digits_for(sp: _Spelled, text: str) -> tuple[str, bool, bool]:
    """The digits for a spelled-out number, whether it is taken for a year, and whether that
    reading is certain."""
    v = int(sp.value)
    after_unit = sp.next_word.lower() in en.UNIT_WORDS or sp.next_word.lower() in ("yuan", "rmb")
    counted = _COUNT_BEFORE.search(text, max(0, sp.start - 20), sp.start)
    if 1900 <= v <= 2100 and not after_unit and not counted:
        certain = bool(_YEAR_BEFORE.search(text, max(0, sp.start - 12), sp.start)
                       or _YEAR_AFTER.match(text, sp.end) or sp.next_word in _JOIN_PREPS)
        return str(v), True, certain
    return en.format_number(v), False, True


@rule(
    "PT602",
    "spelled-out-number",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example("Zhang Mian informed two thousand and thirteen The procuratorial work since.",
                "Zhang Mian reviewed the procuratorial work since 2013.",
                fixed="Zhang Mian informed 2013 The procuratorial work since."),
        Example("the procuratorates handled one thousand six hundred and sixty-seven In total",
                "the procuratorates handled 1,667 cases in total",
                fixed="the procuratorates handled 1,667 In total"),
        Example("and filed one hundred and seventy-four thousand five hundred and eighty-six Pieces of cases.",
                "and filed 174,586 cases.",
                fixed="and filed 174,586 pieces of cases."),
        Example("two thousand and twenty-one Annual work review", "2021 Annual Work Review",
                fixed="2021 Annual work review"),
        Example("a total of two thousand and twenty were questioned", "a total of 2,020 were questioned",
                fixed="a total of 2,020 were questioned"),
        Example("the report of two thousand and twenty was read", "the report of 2020 was read",
                fixed="the report of 2020 was read"),
    ],
)
def spelled_out_number(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A long number spelled out in words where English writes digits.

    ## What it does
    Reports numbers in words with three or more significant digits that are 1,000 or more
    ("one thousand six hundred and sixty-seven", "two thousand and twenty") or followed by a
    capitalised word ("one hundred and twenty In"), and gives the digits: "1,667", or "2020"
    for a year. A capitalised word after the number shows a segment join of the machine
    translation (2020年 ending one segment, 在 … starting the next): the message says so.
    Left alone: round numbers ("one hundred years ago", "a thousand people", "two thousand
    five hundred"), numbers below 1,000 in prose ("three hundred and sixty-five days"), a
    capitalised number (a sentence may begin with one; titles), and numbers followed by their
    digits in brackets ("one thousand (1,000) yuan").

    ## Why it matters
    Chinese writes years and counts in characters (二〇一三年, 一千六百六十七件) that
    machine translation spells out word by word. Readers parse "one hundred and
    seventy-four thousand five hundred and eighty-six" slowly and with errors; English
    style guides use digits for such numbers.

    ## Example
    ```
    Zhang Mian informed two thousand and thirteen The procuratorial work since.
    ```

    ## Use instead
    ```
    Zhang Mian reviewed the procuratorial work since 2013.
    ```

    ## Fix safety
    Safe: the words are replaced by their digits (text2num reads them), a count with
    thousands separators ("1,667"), a year without ("2013") when the context says year
    ("since", "in", "year", "Annual", a capitalised "In" after it), a count when it says
    count ("a total of", "more than", a unit after it). Unsafe when a number between 1900
    and 2100 has no such context (a year or a count?), and when a capitalised
    measure word follows ("Pieces" becomes "pieces": 件 is usually "cases", which the
    suggestion offers). The word order around the number is left as it is.
    """
    r = spelled_out_number.rule  # type: ignore[attr-defined]
    text = doc.text
    items = _spelled_big(doc)
    if not items:
        return
    chinese = _chinese_test(doc, ctx)
    twins = _twins(doc)
    for sp in items:
        if not _is_defect(sp, text) or chinese(sp.start) or (sp.start, sp.end) in twins \
                or _in_zh_order(doc, sp.start):
            continue
        digits, is_year, certain = _digits_for(sp, text)
        written = text[sp.start:sp.end]
        nxt = sp.next_word
        joined = nxt[:1].isupper() and nxt != "I"
        end = sp.next_end if joined else sp.end
        measure = _JOIN_MEASURES.get(nxt) if joined else None
        suggestions: list[str] = []
        if measure is not None:
            replacement, edit_end = f"{digits} {nxt.lower()}", sp.next_end
            suggestions = [f"{digits} {m}" for m in measure]
            safety = Applicability.UNSAFE
        else:
            replacement, edit_end = digits, sp.end
            safety = Applicability.SAFE if certain else Applicability.UNSAFE
            if joined and nxt in _JOIN_PREPS and is_year:
                suggestions = [f"{nxt} {digits}"]
            elif is_year and not certain:
                suggestions = [digits, en.format_number(int(sp.value))]
            else:
                suggestions = [digits]
        what = "the year" if is_year else "the number"
        message = f"{what} {digits} spelled out in words: write {digits!r}"
        if joined:
            message += (f"; the capitalised {nxt!r} after it is a segment join: the words around it "
                        "are in Chinese order")
        if measure is not None:
            message = f"{what} {digits} spelled out, and a capitalised measure word: write {suggestions[0]!r}"
        yield r.finding(message, sp.start, end, replacement, edit_end=edit_end, applicability=safety,
                        suggestions=tuple(suggestions), data={"value": sp.value, "written": written})


# -- PT603 ----------------------------------------------------------------------------

#: capitalised measure words of segment joins, and what they usually render
_MEASURES: dict[str, tuple[str, ...]] = {
    "Pieces": ("cases", "pieces"), "Piece": ("case", "piece"), "Persons": ("people",), "People": ("people",),
    "Households": ("households",),
}
#: after a long spelled-out number (PT602), more words count as measure words
_JOIN_MEASURES = {**_MEASURES, "Cases": ("cases",), "Case": ("case",), "Yuan": ("yuan",), "Times": ("times",),
                  "Items": ("items",)}
#: one scan per first letter (a pattern led by one literal letter is fast)
_MEASURE_RES = (
    en.lazy(r"P(?:ieces?|ersons|eople)\b(?!['’])"),
    en.lazy(r"Households\b"),
)
_NUMBER_BEFORE = en.lazy(rf"(?:\b{en.NUMBER_WORDS_BEFORE}|(?<![\w.,]){en.DIGITS})(?<=\w)[ \t]$", regex.I)


@rule(
    "PT603",
    "capitalised-measure-word",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example("the procuratorates filed 4 Pieces of public interest litigation",
                "the procuratorates filed 4 public interest cases",
                fixed="the procuratorates filed 4 pieces of public interest litigation"),
        Example("and helped twenty Households in the village", "and helped twenty households in the village",
                fixed="and helped twenty households in the village"),
    ],
)
def capitalised_measure_word(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A measure word with a capital after a number in mid-sentence: "4 Pieces", "twenty Households".

    ## What it does
    Reports a count word ("Pieces", "Persons", "People", "Households") that starts with a
    capital letter after a number in the middle of a sentence (a lower-case word before the
    number), and lower-cases it. For "Pieces" (件) the suggestion is "cases". Headlines
    ("Top 10 People", capitalised words before the number or after the word) and names
    ("the Three People's Courts") are left alone. After a long spelled-out number PT602
    reports the measure word with the number ("Cases", "Yuan" and "Times" too: words too
    common as names to look for on their own).

    ## Why it matters
    Machine translation translates Chinese segments separately and capitalises the first
    word of each: a measure word (件, 人, 户, 元, 次) after a number becomes "Pieces",
    "Persons", "Households" in the middle of a sentence.

    ## Example
    ```
    the procuratorates filed 4 Pieces of public interest litigation
    ```

    ## Use instead
    ```
    the procuratorates filed 4 public interest cases
    ```

    ## Fix safety
    Safe: the capital is lowered, which is right wherever the rule reports; the better word
    ("cases" for "Pieces") is a suggestion.
    """
    r = capitalised_measure_word.rule  # type: ignore[attr-defined]
    text = doc.text
    chinese = None
    for pattern in _MEASURE_RES:
        for m in pattern.finditer(text):
            word = m.group()
            num = _NUMBER_BEFORE.search(text, max(0, m.start() - 200), m.start())
            if num is None:
                continue
            ns = num.start()
            if not num.group()[:1].isdigit() and num.group()[:1].isupper():
                continue  # "Two People's …", a capitalised number in a title
            before = _word_before(text, ns)
            if not before or not (before[:1].islower() or before[:1].isdigit()):
                continue  # headline or sentence start
            nxt = _WORD_AFTER.match(text, m.end())
            if nxt and nxt.group(1)[:1].isupper():
                continue  # "4 Cases Report": a title
            if chinese is None:
                chinese = _chinese_test(doc, ctx)
            if chinese(ns) or _covered_by_pt602(doc, text, ns):
                continue
            lower = word.lower()
            yield r.finding(f"capitalised measure word {word!r} after a number in mid-sentence "
                            f"(a segment join): write {_MEASURES[word][0]!r}",
                            m.start(), m.end(), lower, suggestions=tuple(_MEASURES[word]))


def _pt602_spans(doc: "Document") -> tuple[list[int], list[int]]:
    """Starts and ends (the end of the word after the number) of the spelled-out numbers
    PT602 reports, sorted."""

    def compute(d: "Document") -> tuple[list[int], list[int]]:
        spans = sorted((sp.start, sp.next_end) for sp in _spelled_big(d) if _is_defect(sp, d.text))
        return [a for a, _ in spans], [b for _, b in spans]

    return doc.cached("numbers.pt602_spans", compute)


def _covered_by_pt602(doc: "Document", text: str, pos: int) -> bool:
    starts, ends = _pt602_spans(doc)
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


# -- PT604 ----------------------------------------------------------------------------

_WAN_HIT = en.lazy(r"10(?:,?000\b|0[ \t]+million\b)")
_WAN = en.lazy(
    rf"(?<![\w.,])(?P<n>\d{{1,4}}(?:\.\d+)?|{en.NUMBER_WORDS_BEFORE})(?<=\w)[ \t]+(?P<w>10,?000|100[ \t]+million)\b"
    r"(?![-‐‑]|[.,]\d)(?P<tail>[ \t]+[A-Za-z][\w]*)?", regex.I)


def _scaled(v: float) -> str:
    """140100 → "140,100"; 300000000 → "300 million"; 1200000000 → "1.2 billion"."""
    for size, name in ((10**9, "billion"), (10**6, "million")):
        if v >= size and (v / size * 100).is_integer():
            return f"{en.format_number(round(v / size, 2))} {name}"
    return en.format_number(v)


@rule(
    "PT604",
    "ten-thousand-glued",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example("covering fourteen point zero one 10000 square kilometers of sea",
                "covering 140,100 square kilometers of sea",
                fixed="covering 140,100 square kilometers of sea"),
        Example("recovered 3.5 10,000 yuan of losses", "recovered 35,000 yuan of losses",
                fixed="recovered 35,000 yuan of losses"),
        Example("a fund of 3 100 million yuan", "a fund of 300 million yuan",
                fixed="a fund of 300 million yuan"),
    ],
)
def ten_thousand_glued(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """万 or 亿 rendered as "10000" or "100 million" after the number it multiplies.

    ## What it does
    Reports a number followed by "10000" (or "10,000") or "100 million", the word-by-word
    rendering of 万 and 亿: "fourteen point zero one 10000 square kilometers" (14.01万 =
    140,100), "3.5 10,000 yuan" (3.5万 = 35,000), "3 100 million yuan" (3亿 = 300 million),
    and gives the product.

    ## Why it matters
    Chinese counts in myriads: 万 (10,000) and 亿 (100 million) multiply the number before
    them. A literal translation leaves two numbers side by side, and a reader takes the
    second one for the amount.

    ## Example
    ```
    covering fourteen point zero one 10000 square kilometers of sea
    ```

    ## Use instead
    ```
    covering 140,100 square kilometers of sea
    ```

    ## Fix safety
    Safe when a word follows (a unit: "square kilometers", "yuan", "people"): the product is
    certain. Unsafe at the end of a sentence or before punctuation, and for whole digits
    before "100 million" ("3 100 million" may be 3,100 million written with a space between
    the digit groups). A year before "10,000" ("In 2019 10,000 people …") is not reported.
    """
    r = ten_thousand_glued.rule  # type: ignore[attr-defined]
    text = doc.text
    anchors = [m.start() for m in _WAN_HIT.finditer(text)]
    if not anchors:
        return
    chinese = _chinese_test(doc, ctx)
    for m in en._around(text, anchors, _WAN, 120, 40):
        n = m.group("n")
        value = float(n) if n[:1].isdigit() else en.words_value(n)
        if value is None or value <= 0 or chinese(m.start()):
            continue
        big = "million" in m.group("w")
        if value >= 10000 or n[:1].isdigit() and len(n) == 4 and 1900 <= value <= 2100:
            continue  # "In 2019 10,000 people …"
        # "3 100 million" may be 3,100 million written with a space between the groups
        spaced = big and n.isdigit()
        total = value * (10**8 if big else 10**4)
        total = int(round(total)) if abs(total - round(total)) < 1e-6 else total
        written = _scaled(total)
        end = m.end("w")
        safety = Applicability.SAFE if m.group("tail") and not spaced else Applicability.UNSAFE
        yield r.finding(f"{m.group('w')!r} after {n!r} renders 万/亿 word by word: "
                        f"{n} × {m.group('w')} = {written}",
                        m.start(), end, written, applicability=safety, suggestions=(written,))


# -- PT605 ----------------------------------------------------------------------------

_EVENT_NOUNS = (en.lazy(r"[Aa]nniversary"), en.lazy(r"[Ss]ession"), en.lazy(r"[Cc]ongress"))
_CARDINAL_EVENT = en.lazy(
    rf"(?<![\w-])(?P<n>{en.NUMBER_WORDS_BEFORE}|\d{{1,3}})(?<=\w)[ \t]+"
    r"(?P<adj>(?:(?:National|Party|Plenary|People's|People’s|Provincial|Municipal|Standing)[ \t]+)*)"
    r"(?P<noun>[Aa]nniversary|[Ss]ession|[Cc]ongress)\b(?!['’-])"
    r"(?P<after>[ \t]*(?:$|[^\w \t]|(?:of|in|on|at|and|was|were|is|will|has|had|held|opened|closed|"
    r"convened|ended|to|for|with|by|the|this|that|which|since)\b))",
    regex.I | regex.M)


@rule(
    "PT605",
    "cardinal-for-ordinal",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example("under the leadership of the Party ninety Anniversary.",
                "on the 90th anniversary of the founding of the Party.",
                fixed="under the leadership of the Party 90th anniversary."),
        Example("studying the spirit of the Twenty National Congress of the Communist Party of China",
                "studying the spirit of the 20th National Congress of the Communist Party of China",
                fixed="studying the spirit of the 20th National Congress of the Communist Party of China"),
        Example("in the twelve session of the NPC", "in the 12th session of the NPC",
                fixed="in the 12th session of the NPC"),
    ],
)
def cardinal_for_ordinal(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A cardinal number before "anniversary", "session" or "congress": "ninety Anniversary".

    ## What it does
    Reports a cardinal number (in words or digits) before a singular "anniversary",
    "session" or "congress" (with "National", "Party", "Plenary" … between them), where
    English needs the ordinal: "ninety Anniversary" (90周年) → "90th anniversary", "the
    Twenty National Congress" (二十大) → "the 20th National Congress", "the twelve session"
    (十二届) → "the 12th session". Plurals ("the Two Sessions", 两会) and the noun used as a
    modifier ("two session rooms") are left alone, and so is "one".

    ## Why it matters
    Chinese drops the ordinal marker 第 in these names (九十周年, 二十大, 十二届), and
    machine translation renders a cardinal; "the Twenty National Congress" reads as twenty
    congresses.

    ## Example
    ```
    under the leadership of the Party ninety Anniversary.
    ```

    ## Use instead
    ```
    on the 90th anniversary of the founding of the Party.
    ```

    ## Fix safety
    Safe: the ordinal in digits replaces the number ("90th"), and a capitalised
    "Anniversary" or "Session" after a lower-case number is lowered; "National Congress"
    keeps its capitals.
    """
    r = cardinal_for_ordinal.rule  # type: ignore[attr-defined]
    text = doc.text
    anchors = sorted(m.start() for p in _EVENT_NOUNS for m in p.finditer(text))
    if not anchors:
        return
    chinese = None
    for m in en._around(text, anchors, _CARDINAL_EVENT, 120, 30):
        n = m.group("n")
        parsed = (int(n), False) if n.isdigit() else en.words_number(n)
        if parsed is None or parsed[1]:
            continue  # not one number, or an ordinal already ("the Fifth Plenary Session")
        value = parsed[0]
        if not float(value).is_integer() or value < 2 or value > 200:
            continue
        if n.isdigit() and m.group("noun").lower() != "anniversary" \
                and _word_before(text, m.start()).lower() != "the":
            continue  # "3 sessions"-like counts in digits: only "the 20 National Congress", "90 anniversary"
        if chinese is None:
            chinese = _chinese_test(doc, ctx)
        if chinese(m.start()):
            continue
        noun = m.group("noun")
        lower_noun = noun[0].isupper() and not m.group("adj") and not n[:1].isupper() \
            and noun.lower() in ("anniversary", "session")
        replacement = f"{en.ordinal(int(value))} {m.group('adj')}{noun.lower() if lower_noun else noun}"
        yield r.finding(f"cardinal {n!r} before {noun!r}: English uses the ordinal, {en.ordinal(int(value))!r}",
                        m.start(), m.end("noun"), replacement, suggestions=(replacement,))


# -- PT606 ----------------------------------------------------------------------------

_DOTS = en.lazy(r"[·・]")
_DOT_NUMBERS = en.lazy(rf"\b(?P<a>{en.NUMBER_WORDS_BEFORE})(?<=\w)[ \t]*[·・][ \t]*"
                       rf"(?P<b>{en.NUMBER_WORDS_BEFORE})(?<=\w)\b", regex.I)


@rule(
    "PT606",
    "spelled-case-code",
    family=FAMILY,
    fix=Applicability.UNSAFE,
    examples=[
        Example("the “ ten · twelve ” environmental pollution case", "the “10·12” environmental pollution case",
                fixed="the “ 10·12 ” environmental pollution case"),
    ],
)
def spelled_case_code(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A case code of numbers around a middle dot spelled out: "ten · twelve" (10·12).

    ## What it does
    Reports two numbers in words joined by a middle dot, the code Chinese gives a case or an
    event after its date ("10·12" for October 12), and gives the digits.

    ## Why it matters
    Machine translation spells out the digits of codes such as “10·12”案; the code is a
    name, written in digits in Chinese and in English ("the 10·12 case").

    ## Example
    ```
    the “ ten · twelve ” environmental pollution case
    ```

    ## Use instead
    ```
    the “10·12” environmental pollution case
    ```

    ## Fix safety
    Unsafe: the digits keep the code as it is, but the English may rather name the date
    ("the October 12 case").
    """
    r = spelled_case_code.rule  # type: ignore[attr-defined]
    text = doc.text
    if "·" not in text and "・" not in text:
        return
    anchors = [m.start() for m in _DOTS.finditer(text)]
    chinese = _chinese_test(doc, ctx)
    for m in en._around(text, anchors, _DOT_NUMBERS, 100, 100):
        a, b = en.words_value(m.group("a")), en.words_value(m.group("b"))
        if a is None or b is None or chinese(m.start()):
            continue
        code = f"{en.format_number(a).replace(',', '')}·{en.format_number(b).replace(',', '')}"
        yield r.finding(f"case code spelled out: {m.group()!r} is {code!r}", m.start(), m.end(), code,
                        suggestions=(code,))


# -- PT607 ----------------------------------------------------------------------------


def _twins(doc: "Document") -> dict[tuple[int, int], tuple[int, str]]:
    """Spelled-out numbers (with "hundred" or "thousand") whose value and unit the text
    also gives in digits: span → (offset, text) of the first digit form."""

    def compute(d: "Document") -> dict[tuple[int, int], tuple[int, str]]:
        spelled = _spelled_big(d)
        if not spelled:
            return {}
        text = d.text
        digit_forms: dict[tuple[float, str | None], tuple[int, str]] = {}
        for q in en.digit_numbers(text, min_value=100):
            if q.kind != "ordinal" and q.value is not None and q.value >= 100:
                digit_forms.setdefault((float(q.value), q.unit), (q.start, q.text))
        out: dict[tuple[int, int], tuple[int, str]] = {}
        for sp in spelled:
            if sp.ordinal or sp.value < 100 or _GLOSSED.match(text, sp.end) \
                    or _GLOSS_OF.search(text, max(0, sp.start - 30), sp.start):
                continue  # "one thousand (1,000) yuan", "1,000 (one thousand) yuan": one amount, two forms
            unit = en.quantity_at(text, sp.start, sp.end, sp.value, sp.ordinal).unit
            twin = digit_forms.get((float(sp.value), unit))
            if twin is not None:
                out[(sp.start, sp.end)] = twin
        return out

    return doc.cached("numbers.twins", compute)


@rule(
    "PT607",
    "inconsistent-number",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example("The procuratorate handled 1,667 cases. Of the one thousand six hundred and sixty-seven cases, "
                "most were small.",
                "The procuratorate handled 1,667 cases. Of the 1,667 cases, most were small.",
                fixed="The procuratorate handled 1,667 cases. Of the 1,667 cases, most were small."),
        Example("It spent 2,000 yuan in March and two thousand yuan in April.",
                "It spent 2,000 yuan in March and 2,000 yuan in April.",
                fixed="It spent 2,000 yuan in March and 2,000 yuan in April."),
    ],
)
def inconsistent_number(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The same quantity written in digits in one place and in words in another.

    ## What it does
    Reports a number of 100 or more spelled out in words ("one thousand six hundred and
    sixty-seven cases") when the same document gives the same value with the same unit in
    digits ("1,667 cases"), and replaces the words by that digit form. The message names
    where the digits are.

    ## Why it matters
    A reader comparing "1,667 cases" with "one thousand six hundred and sixty-seven cases"
    has to check that they are the same; in machine translation the two forms come from
    Arabic and Chinese numerals in the source, and the spelled-out one is the defect.

    ## Example
    ```
    The procuratorate handled 1,667 cases. Of the one thousand six hundred and sixty-seven cases, most were small.
    ```

    ## Use instead
    ```
    The procuratorate handled 1,667 cases. Of the 1,667 cases, most were small.
    ```

    ## Fix safety
    Safe: the value is the same and the document's own digit form replaces the words (its
    digits and scale word, "1.2 million", without a currency or unit, which the words keep
    after them).
    """
    r = inconsistent_number.rule  # type: ignore[attr-defined]
    twins = _twins(doc)
    if not twins:
        return
    text = doc.text
    chinese = _chinese_test(doc, ctx)
    for (s, e), (pos, digit_text) in sorted(twins.items()):
        if chinese(s) or (text[s].isupper() and not _is_defect_span(doc, s)) or _in_zh_order(doc, s):
            continue
        digits = _DIGITS_PART.search(digit_text)
        written = digits.group() if digits else digit_text
        line = doc.position(pos).line
        yield r.finding(f"{text[s:e]!r} is written {digit_text!r} on line {line}: write it the same way, {written!r}",
                        s, e, written, suggestions=(written,))


_DIGITS_PART = en.lazy(rf"{en.DIGITS}(?:[ \t]+(?:thousand|million|billion|trillion)\b)?")


def _is_defect_span(doc: "Document", s: int) -> bool:
    starts, _ = _pt602_spans(doc)
    i = bisect.bisect_left(starts, s)
    return i < len(starts) and starts[i] == s


# -- dates that contradict themselves: PT608, PT609, PT610 ------------------------------

_WEEKDAY_HIT = en.lazy(r"(?<=\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun))day\b")
_DATE_AFTER_WEEKDAY = en.lazy(
    rf"\b(?P<wd>{en.WEEKDAY})[ \t]*,?[ \t]+(?:the[ \t]+)?"
    rf"(?:(?P<mon>{en.MONTH})[ \t]+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?[ \t]+(?P<y>1[6-9]\d\d|20\d\d)"
    rf"|(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?P<mon2>{en.MONTH}),?"
    r"[ \t]+(?P<y2>1[6-9]\d\d|20\d\d))\b"
    rf"|\b(?:(?P<mon3>{en.MONTH})[ \t]+(?P<d3>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?[ \t]+(?P<y3>1[6-9]\d\d|20\d\d)"
    r"|(?P<y4>1[6-9]\d\d|20\d\d)[-/.](?P<m4>0?[1-9]|1[0-2])[-/.](?P<d4>[12]\d|3[01]|0?[1-9]))"
    rf"[ \t]*[(（,][ \t]*(?P<wd2>{en.WEEKDAY})[ \t]*[)）]?")


def _month(name: str) -> int:
    return en._MONTH_KEYS[name.rstrip(".").lower()]


@rule(
    "PT608",
    "wrong-weekday",
    family=FAMILY,
    fix=Applicability.UNSAFE,
    examples=[
        Example("The hearing was held on Monday, July 11, 2023.", "The hearing was held on Tuesday, July 11, 2023.",
                fixed="The hearing was held on Tuesday, July 11, 2023."),
        Example("Release time: 2023-07-11 (Monday)", "Release time: 2023-07-11 (Tuesday)",
                fixed="Release time: 2023-07-11 (Tuesday)"),
    ],
)
def wrong_weekday(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A date whose weekday is wrong: "Monday, July 11, 2023" (a Tuesday).

    ## What it does
    Reports a weekday written with a full date ("Monday, July 11, 2023", "Monday 11 July
    2023", "2023-07-11 (Monday)", "July 11, 2023, Monday") when the calendar gives another
    day, and names the right one. Weekdays are looked for by their full names.

    ## Why it matters
    A weekday that contradicts its date means one of them is wrong (a typo, a date changed
    in editing, a weekday translated from a different line); readers cannot tell which.

    ## Example
    ```
    The hearing was held on Monday, July 11, 2023.
    ```

    ## Use instead
    ```
    The hearing was held on Tuesday, July 11, 2023.
    ```

    ## Fix safety
    Unsafe: the fix corrects the weekday, but the date may be the wrong part.
    """
    r = wrong_weekday.rule  # type: ignore[attr-defined]
    text = doc.text
    anchors = [m.start() for m in _WEEKDAY_HIT.finditer(text)]
    if not anchors:
        return
    for m in en._around(text, anchors, _DATE_AFTER_WEEKDAY, 40, 40):
        g = m.groupdict()
        if g["wd"]:
            wd_group = "wd"
            if g["mon"]:
                d = Date(int(g["y"]), _month(g["mon"]), int(g["d"]))
            else:
                d = Date(int(g["y2"]), _month(g["mon2"]), int(g["d2"]))
        else:
            wd_group = "wd2"
            if g["mon3"]:
                d = Date(int(g["y3"]), _month(g["mon3"]), int(g["d3"]))
            else:
                d = Date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
        real = en.real_weekday(d)
        written = en._WEEKDAY_KEYS.get(g[wd_group].rstrip(".").lower())
        if real is None or written is None or real == written:
            continue
        name = en.WEEKDAY_NAMES[real]
        right = name
        ws, we = m.span(wd_group)
        yield r.finding(f"{en.english_date(d)} was a {name}, not a {en.WEEKDAY_NAMES[written]}",
                        m.start(), m.end(), right, edit_start=ws, edit_end=we, suggestions=(right,))


_IMPOSSIBLE_HITS = (en.lazy(r"(?<!\d)29(?!\d)"), en.lazy(r"(?<!\d)3[01](?!\d)"))
_MONTH_DAY = en.lazy(
    rf"\b(?P<mon>{en.MONTH})[ \t]+(?P<d>[12]\d|3[01])(?:st|nd|rd|th)?\b(?:,?[ \t]+(?P<y>1[6-9]\d\d|20\d\d)\b)?"
    rf"|\b(?P<d2>[12]\d|3[01])(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?P<mon2>{en.MONTH})"
    r"(?:,?[ \t]+(?P<y2>1[6-9]\d\d|20\d\d)\b)?"
    r"|(?<![\d.\-/])(?P<y3>1[6-9]\d\d|20\d\d)(?P<sep>[-/.])(?P<m3>0?[1-9]|1[0-2])(?P=sep)(?P<d3>[12]\d|3[01])(?!\d)")


@rule(
    "PT609",
    "impossible-date",
    family=FAMILY,
    severity=Severity.ERROR,
    examples=[
        Example("The verdict was announced on February 30, 2023.", "The verdict was announced on February 28, 2023."),
        Example("Release time: 2023-04-31", "Release time: 2023-04-30"),
        Example("on 29 February 2023", "on 29 February 2024"),
    ],
)
def impossible_date(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A date that does not exist: "February 30", "April 31", "29 February 2023".

    ## What it does
    Reports a month and day that no calendar has (February 30 or 31, the 31st of April,
    June, September or November) and February 29 in a year that is not a leap year, in
    every English style ("February 30, 2023", "30 February", "2023-02-30").

    ## Why it matters
    An impossible date is a typo or a mistranslated date (a lunar date taken for a
    Gregorian one, digits swapped): the reader cannot know the real one.

    ## Example
    ```
    The verdict was announced on February 30, 2023.
    ```

    ## Use instead
    ```
    The verdict was announced on February 28, 2023.
    ```

    ## Fix safety
    No fix: the right date is unknown.
    """
    r = impossible_date.rule  # type: ignore[attr-defined]
    text = doc.text
    anchors = sorted(m.start() for p in _IMPOSSIBLE_HITS for m in p.finditer(text))
    if not anchors:
        return
    for m in en._around(text, anchors, _MONTH_DAY, 24, 24):
        g = m.groupdict()
        if g["mon"]:
            d = Date(int(g["y"]) if g["y"] else None, _month(g["mon"]), int(g["d"]))
        elif g["mon2"]:
            d = Date(int(g["y2"]) if g["y2"] else None, _month(g["mon2"]), int(g["d2"]))
        else:
            d = Date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        if en.exists(d):
            continue
        what = f"{en.MONTH_NAMES[d.month - 1]} {d.day}"
        month = en.MONTH_NAMES[d.month - 1]
        why = f"{d.year} is not a leap year" if d.month == 2 and d.day == 29 else f"{month} has no day {d.day}"
        yield r.finding(f"{what} does not exist: {why}", m.start(), m.end())


_GLUED_DATES = tuple(
    en.lazy(rf"(?<=\b(?:1[6-9]|20)\d\d){sep}(?:0?[1-9]|1[0-2])(?:{sep}(?:0?[1-9]|[12]\d|3[01]))?"
                  r"(?!(?:st|nd|rd|th)\b)(?=[A-Za-z]{2})")
    for sep in ("-", "/")
)


@rule(
    "PT610",
    "glued-date",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example("Time: November 22, 2023-1Author: News source:", "Time: 2023-11-22 Author: News source:",
                fixed="Time: November 22, 2023-1 Author: News source:"),
        Example("Posted 2023-07-11Source: Xinhua", "Posted 2023-07-11 Source: Xinhua",
                fixed="Posted 2023-07-11 Source: Xinhua"),
    ],
)
def glued_date(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A numeric date glued to the word after it: "2023-1Author", "2023-07-11Source".

    ## What it does
    Reports a date in digits ("2023-07-11", "2023/7", "2023-1") followed by letters with no
    space, typically the next label of a page's info bar, and inserts the space. An ISO time
    ("2023-07-11T10:00") and ordinal endings are not letters of a next word.

    ## Why it matters
    A page's date field and the label after it run together when the markup between them is
    dropped; the reader cannot tell where the date ends (was it "2023-1" or "2023-11"?).

    ## Example
    ```
    Time: November 22, 2023-1Author: News source:
    ```

    ## Use instead
    ```
    Time: 2023-11-22 Author: News source:
    ```

    ## Fix safety
    Safe: a space is inserted after the date; the date itself is left as it is (check a
    truncated one, such as "2023-1").
    """
    r = glued_date.rule  # type: ignore[attr-defined]
    text = doc.text
    for m in sorted((m for p in _GLUED_DATES for m in p.finditer(text)), key=lambda m: m.start()):
        start = m.start() - 4
        yield r.finding(f"date {text[start:m.end()]!r} glued to the word after it: insert a space",
                        start, m.end() + 1, " ", edit_start=m.end(), edit_end=m.end())
