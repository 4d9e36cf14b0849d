"""What the bilingual rules compare: each segment's source and target, analysed once.

:func:`analysis` gives, per document (cached in ``doc.memo``), a :class:`Pair` for every
segment: the simplified source, the target, their quantities (:mod:`procutext.numbers`),
the glossary terms and gazetteer names of the source (:mod:`procutext.bilingual.zh`), each
computed on first use. The equivalences that make a correct translation raise nothing live
here: a Chinese quantity and its English form (:func:`same_quantity`), a rendering in
another inflection or without its article (:func:`Tokens`), a place name with or without
its generic, the punctuation of the two languages.
"""

from __future__ import annotations

import regex
from .. import rx
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from . import MIN_CONFIDENCE, Segment

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document
    from ..numbers import Quantity
    from . import Bilingual

from ..analysis import HAN_CHAR as HAN  # noqa: E402
_WORD = rx.compile(r"[a-z0-9]+")
_ARTICLES = frozenset({"the", "a", "an"})
_FUNCTION_WORDS = frozenset({"of", "for", "and", "in", "on", "at", "to", "by", "with", "from"})


def stem(word: str) -> str:
    """A crude English stem for comparing renderings: plural, past and -ing endings and a
    final e dropped, so that "approved", "approves", "approving" and "approve" meet."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


#: the stems of the words met so far (a text's words repeat across its segments); bounded
_STEMS: dict[str, str] = {}
_STEMS_MAX = 200_000


#: the words Tokens leaves out: the articles and a possessive's s
_LEFT_OUT = _ARTICLES | {"s"}


def _new_stem(w: str) -> str:
    st = stem(w)
    if len(_STEMS) < _STEMS_MAX:
        _STEMS[w] = st
    return st


class Tokens:
    """Text as folded word stems without articles or possessive s, joined by spaces, so that
    "the people’s procuratorates" holds "people's procuratorate"."""

    __slots__ = ("joined",)

    def __init__(self, text: str) -> None:
        # a stem is never empty, so a word not met before is the one whose get() is falsy
        get = _STEMS.get
        words = [get(w) or _new_stem(w) for w in _WORD.findall(_fold()(text)) if w not in _LEFT_OUT]
        self.joined = " " + " ".join(words) + " "

    def has(self, phrase: "Tokens") -> bool:
        return phrase.joined.strip() != "" and phrase.joined in self.joined

    def has_words(self, phrase: "Tokens") -> bool:
        """Whether every word of ``phrase`` is in the text, in any order ("the 'P.R.C.
        Procuratorates Organic Law'" holds the words of "Organic Law of the People's
        Procuratorates" when "People's" is elsewhere in the sentence)."""
        words = phrase.joined.split()
        if len(words) < 2:
            return self.has(phrase)
        mine = self.word_set
        return all(w in mine for w in words if w not in _FUNCTION_WORDS)

    @property
    def word_set(self) -> frozenset[str]:
        return frozenset(self.joined.split())

    def count(self, phrase: "Tokens") -> int:
        return self.joined.count(phrase.joined) if phrase.joined.strip() else 0


_phrase_cache: dict[str, Tokens] = {}


def phrase(text: str) -> Tokens:
    got = _phrase_cache.get(text)
    if got is None:
        if len(_phrase_cache) > 50_000:
            _phrase_cache.clear()
        got = _phrase_cache[text] = Tokens(text)
    return got


# -- quantities ---------------------------------------------------------------------------------------
#: ordinal words from second to twentieth (first is left out: "first of all", "at first" are
#: no ordinal of the source); numbers.en.words_value gives their values
_ORDINAL_WORDS = ("second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                  "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
_ORDINAL_WORD = rx.compile(r"\b(?i:" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + r")\b")

#: Chinese ordinals that are no number in English
_NOT_COUNTED = rx.compile(r"第一时间|第一线|一线|第一书记")


def required(q: "Quantity", source: str) -> bool:
    """Whether a Chinese quantity must appear in the translation: digits, dates,
    percentages, ordinals and plan periods, and Chinese numerals above ten (a small Chinese
    numeral is often no number in English: 一起案件 "a case", 两院 "the two institutions")."""
    if _NOT_COUNTED.match(source, max(0, q.start - 1)) or _NOT_COUNTED.match(source, q.start):
        return False
    if q.date is not None or q.kind in ("percent", "period"):
        return True
    if any(c.isdigit() for c in q.text):
        return True
    if q.kind == "ordinal":
        return q.value is not None and q.value >= 2 or q.unit in ("article", "chapter", "section", "session")
    return q.value is not None and q.value > 10


def same_quantity(q: "Quantity", t: "Quantity") -> bool:
    """Whether Chinese quantity ``q`` and English quantity ``t`` give the same value: equal
    values (1.2万 = 12,000; 3亿元 = 300 million yuan; 第三 = third), equal dates (2023年7月11日
    = July 11, 2023 = 11 July 2023), a year alone and the number of the year. Two parts of
    a period that both sides name must agree (上半年 is not "the second half of the year")."""
    if q.same_value(t):
        qp, tp = (q.date.part, t.date.part) if q.date is not None and t.date is not None else (None, None)
        return qp is None or tp is None or qp == tp
    qd, td = q.date, t.date
    if qd is not None and td is None and qd.month is None and qd.year is not None:
        return t.value == qd.year
    if td is not None and qd is None and td.month is None and td.year is not None:
        return q.value == td.year
    return False


def rounded(q: "Quantity", t: "Quantity") -> bool:
    """Whether ``t`` states ``q`` rounded in words ("more than 12,000" for 12,345; "about
    3,000" for 近三千), within 15 %."""
    if q.value is None or t.value is None or q.date is not None or t.date is not None:
        return False
    if not (t.approx or q.approx):
        return False
    if _significant(t.value) > _significant(q.value):
        return False  # "more than 12,009" is no rounding of 1.2万余: a figure more precise than its source
    big = max(abs(q.value), abs(t.value))
    return big > 0 and abs(q.value - t.value) / big <= 0.15


def _significant(v: float) -> int:
    """Significant digits of a value (12,000 has 2, 12,009 has 5, 0.25 has 2)."""
    text = f"{abs(v):.6f}".rstrip("0").rstrip(".")
    if "." in text:
        return len(text.replace(".", "").lstrip("0"))
    return max(1, len(text.strip("0")))


def transposed(q: "Quantity", t: "Quantity") -> bool:
    """Whether ``t``'s digits are ``q``'s in another order (125 and 152)."""
    a = "".join(c for c in q.text if c.isdigit())
    b = "".join(c for c in t.text if c.isdigit())
    return len(a) >= 2 and a != b and sorted(a) == sorted(b)


# -- punctuation ------------------------------------------------------------------------------------
CLOSERS = "”’」』）)》〉】\"'] \t\u3000"


def final_mark(s: str) -> str:
    """The last character of ``s`` after closing quotes and brackets ("" for none)."""
    s = s.rstrip(CLOSERS)
    return s[-1:] if s else ""


QUESTION = "？?"
STOPS = "。！!.…．"


def is_question(s: str) -> bool:
    return final_mark(s) in QUESTION


# -- per-segment analysis ----------------------------------------------------------------------------
class cached_property:  # noqa: N801 - functools.cached_property without its lock
    """:func:`functools.cached_property` without the lock that Python 3.11's takes at every
    first access (a pair's views are asked once each by several rules of one thread, 40,000
    times on 5,000 units): computed on first access and kept in the instance's ``__dict__``,
    which then answers every later access without this descriptor."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, cls: Optional[type] = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


_modules: dict[str, object] = {}


def _zh():  # type: ignore[no-untyped-def]
    """:mod:`procutext.bilingual.zh`, imported on first use (an import statement in a method
    asked for every pair costs more than the lookup)."""
    got = _modules.get("zh")
    if got is None:
        from . import zh as got

        _modules["zh"] = got
    return got


def _zh_numbers():  # type: ignore[no-untyped-def]
    """:func:`procutext.numbers.zh.find`, imported once (an import statement asked for every
    source costs more than the lookup)."""
    got = _modules.get("zh_find")
    if got is None:
        from ..numbers.zh import find as got

        _modules["zh_find"] = got
    return got


def _fold():  # type: ignore[no-untyped-def]
    got = _modules.get("fold")
    if got is None:
        from ..glossary.matcher import fold as got

        _modules["fold"] = got
    return got


class Pair:
    """One segment's source and target, analysed on first use."""

    def __init__(self, an: "Analysis", seg: Segment) -> None:
        self.an = an
        self.seg = seg

    # the texts are cut from the document's when asked (not kept: a 100,000-unit file would
    # hold three more copies of its text)
    @property
    def raw_source(self) -> str:
        seg = self.seg
        return self.an.bi.source_text[seg.source_start:seg.source_end]

    @property
    def target(self) -> str:
        seg = self.seg
        return self.an.doc.text[seg.target_start:seg.target_end]

    @property
    def target_source(self) -> str:
        seg = self.seg
        return self.an.doc.source[seg.target_start:seg.target_end]

    @property
    def confident(self) -> bool:
        return self.seg.confidence >= MIN_CONFIDENCE

    @cached_property
    def aligned(self) -> bool:
        """Whether both sides have text (not a 1:0 or 0:1 bead, not an empty unit); asked
        by every rule of every pair, so kept like the other views of the texts."""
        return bool(self.raw_source.strip()) and bool(self.target.strip())

    @cached_property
    def source(self) -> str:
        return _zh().simplified(self.raw_source)

    @cached_property
    def han(self) -> int:
        return len(HAN.findall(self.raw_source))

    @cached_property
    def zh_quantities(self) -> list["Quantity"]:
        source = self.source
        if _ZH_NUMERAL_CHARS.isdisjoint(source) and not any(c.isdigit() for c in source):
            return []
        memo = self.an.zh_found  # a source repeated in the file is read once (the rules only read the list)
        got = memo.get(source)
        if got is None:
            got = memo[source] = _zh_numbers()(source)
        return got

    @cached_property
    def en_quantities(self) -> list["Quantity"]:
        # an ordinal word the number library reads only before its units ("third session") is
        # read too where the source has an ordinal: 第九检察部 is "the Ninth Procuratorial Department"
        words = bool(self.zh_quantities) and any(q.kind == "ordinal" for q in self.zh_quantities)
        memo = self.an.en_found  # a target repeated in the file is read once (the rules only read the list)
        key = (self.target, words)
        got = memo.get(key)
        if got is None:
            got = memo[key] = _en_quantities(self.target, words)
        return got

    @cached_property
    def words(self):  # type: ignore[no-untyped-def]
        return _zh().words(self.source, self.an.glossary, self.an.gazetteer)

    @cached_property
    def terms(self):  # type: ignore[no-untyped-def]
        if not HAN.search(self.source):
            return []
        return _zh().find_terms(self.source, self.an.glossary, self.an.gazetteer, self._lazy_words())

    @cached_property
    def places(self):  # type: ignore[no-untyped-def]
        if not HAN.search(self.source):
            return []
        return _zh().find_places(self.source, self.an.gazetteer, self.an.glossary, self._lazy_words())

    def _lazy_words(self):  # type: ignore[no-untyped-def]
        return _LazyWords(self)

    @cached_property
    def tokens(self) -> Tokens:
        return Tokens(self.target)

    @cached_property
    def folded(self) -> str:
        return _fold()(self.target)

    def source_ref(self, start: int = 0, end: Optional[int] = None):  # type: ignore[no-untyped-def]
        """The SourceRef of ``source[start:end]`` (offsets in this segment's source)."""
        s0 = self.seg.source_start
        e = len(self.raw_source) if end is None else end
        return self.an.bi.source_ref(s0 + start, s0 + e)


class _LazyWords:
    """Words computed only if a short term or name needs them."""

    def __init__(self, pair: Pair) -> None:
        self.pair = pair

    def fits(self, start: int, end: int, inside: bool = True) -> bool:
        return self.pair.words.fits(start, end, inside)


def _en_quantities(target: str, ordinal_words: bool = False) -> list["Quantity"]:
    got = _modules.get("en")
    if got is None:
        from ..numbers import Date, Quantity
        from ..numbers import en as ennum
        from .align import roman_numbers

        got = _modules["en"] = (Date, Quantity, ennum, roman_numbers)
    Date, Quantity, ennum, roman_numbers = got  # noqa: N806
    qs = list(ennum.find(target))
    for s, e, v in roman_numbers(target):
        qs.append(Quantity(s, e, target[s:e], "ordinal", v))
    if ordinal_words:
        taken = [(q.start, q.end) for q in qs]
        for m in _ORDINAL_WORD.finditer(target):
            if not any(a <= m.start() < b for a, b in taken):
                qs.append(Quantity(m.start(), m.end(), m.group(), "ordinal", ennum.words_value(m.group())))
    for i, q in enumerate(qs):  # "in the first quarter": 第一季度 (the parser reads "first quarter of ...")
        if q.kind == "ordinal" and q.value in (1, 2, 3, 4) and _QUARTER.match(target, q.end):
            qs[i] = Quantity(q.start, q.end, q.text, "date", None, date=Date(part=f"Q{int(q.value)}"))
    return qs


_QUARTER = rx.compile(r"[ \t]+quarter\b", regex.I)
_ZH_NUMERAL_CHARS = frozenset("〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟")


class Analysis:
    """Every segment of a bilingual document as a :class:`Pair` (see :func:`analysis`)."""

    def __init__(self, doc: "Document", ctx: "Context") -> None:
        from .pair import segments

        self.doc = doc
        self.ctx = ctx
        self.bi: "Bilingual" = doc.bilingual  # type: ignore[assignment]
        self.zh_found: dict[str, list] = {}
        self.en_found: dict[str, list] = {}
        self.pairs = [Pair(self, s) for s in segments(doc, ctx)]

    @cached_property
    def glossary(self):  # type: ignore[no-untyped-def]
        return self.ctx.get_glossary()

    @cached_property
    def gazetteer(self):  # type: ignore[no-untyped-def]
        return self.ctx.get_gazetteer()


def analysis(doc: "Document", ctx: "Context") -> Optional[Analysis]:
    """The document's :class:`Analysis` (None for an English-only document), shared by the
    bilingual rules of one check."""
    if doc.bilingual is None:
        return None
    key = "bilingual.analysis"
    got = doc.memo.get(key)
    if got is None or got.ctx is not ctx:
        got = doc.memo[key] = Analysis(doc, ctx)
    return got


_renderings_cache: dict[int, tuple[object, list[str], list[str]]] = {}


def renderings(entries: Iterable) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Approved renderings and variants of a term's entries, and its wrong renderings that
    no entry approves (本院 is "the court" for a court, so "the court" is never wrong for it).
    Computed once per tuple of entries (the glossary's, kept alive by its term automaton)."""
    got = _renderings_cache.get(id(entries))
    if got is not None and got[0] is entries:
        return list(got[1]), list(got[2])
    approved, wrong = _renderings(entries)
    if isinstance(entries, tuple):
        if len(_renderings_cache) > 20_000:
            _renderings_cache.clear()
        _renderings_cache[id(entries)] = (entries, approved, wrong)
        return list(approved), list(wrong)
    return approved, wrong


def _renderings(entries: Iterable) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    from ..glossary.matcher import fold_key

    approved: list[str] = []
    for e in entries:
        approved.extend(e.en)
        approved.extend(e.variant)
    ok = {fold_key(a) for a in approved}
    wrong = []
    for e in entries:
        for w in e.all_wrong:
            if fold_key(w) not in ok and w not in wrong:
                wrong.append(w)
    return approved, wrong
