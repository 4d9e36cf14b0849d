"""Aligning a Chinese source with its English translation: paragraphs, then sentences.

:func:`align` pairs the paragraphs one to one when both texts have as many and every pair
is plausible (lengths and anchors); otherwise it splits both into sentences
(:func:`zh_sentences`, :func:`en_sentences`) and aligns those by a length-based dynamic
program in the manner of Gale and Church (1993): each bead joins 0-3 Chinese sentences with
0-3 English ones (1:1, 1:2, 2:1, 1:0, 0:1, 2:2, 1:3, 3:1), and costs minus the log of its
prior times the probability of its length difference. English runs about
:data:`RATIO` characters per Han character (the rest of a Chinese text, digits and Latin,
counts as it stands). Anchors move the costs: a number, date or percentage with the same
value on both sides (:mod:`procutext.numbers`), a glossary term with one of its approved
renderings, a gazetteer name with its English.

The confidence of a bead is its posterior probability under the same model (forward-backward
over every alignment), so a bead the lengths and anchors leave in doubt scores low; checks
that compare a source with its target are muted below
:data:`procutext.bilingual.MIN_CONFIDENCE`. ``bench/bilingual_align.py`` measures bead
accuracy on the paired texts of the shared corpus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Sequence

from .. import rx

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..places import Gazetteer

#: English characters (spaces included) per Han character. shared/reference/packages.md
#: measured 3.36 on professional zh→en translations; with the lengths counted here (digits
#: and Latin letters of the Chinese as they stand, the English's spaces included) the legal
#: text of the corpus pairs runs 4.58 overall and 4.1-6.1 on its long sentences: 4.0 aligns
#: them best (bench/bilingual_align.py: 0.974 of the gold beads, 0.947 at 3.36)
RATIO = 4.0
#: the variance of the length difference per character of the mean length (Gale-Church's
#: s²); bench/bilingual_align.py prints the value the gold alignment implies (11 on the
#: corpus pairs, where short headings vary most)
VARIANCE = 10.0
#: prior probabilities of the bead types (Chinese sentences, English sentences)
PRIORS = {(1, 1): 0.80, (1, 2): 0.07, (2, 1): 0.06, (1, 0): 0.015, (0, 1): 0.02, (2, 2): 0.01,
          (1, 3): 0.015, (3, 1): 0.01}
#: log-probability bonus for each anchor found on both sides of a bead, and cost of each
#: number found on one side only
ANCHOR_BONUS = {"n": 2.0, "d": 2.5, "t": 1.0, "p": 2.0}
NUMBER_MISS = 3.0
#: the most the length of a sentence adds to the cost of leaving it unaligned (1:0, 0:1): in
#: Gale-Church it grows with the length without bound, which makes a long omitted sentence
#: cost more than any merge that hides it
UNALIGNED_LENGTH_CAP = 6.0
#: cost of a bead that joins sentences of two paragraphs
PARAGRAPH_CROSSING = 2.0
#: the prior of a 1:0 bead for a Chinese line that is page furniture or a dateline, and of a
#: 0:1 bead for an English line that is a "Label: value" field or a bare URL: such lines are
#: left untranslated (or added) on purpose
FURNITURE_PRIOR = 0.3
_ZH_FURNITURE = rx.compile(
    r"^(?:首页|当前位置|您的位置|您现在的位置)|[>›»]|^(?:来源|发布时间|发布日期|作者|编辑|责任编辑|浏览次数|点击数)[:：]"
    r"|^【?(?:字体|字号)|^(?:新华社|中新社|中新网|人民网|本报|央视网)\S{0,12}电\s*$|^(?:打印|关闭|返回顶部)")
_EN_FIELD = rx.compile(r"^[\p{Lu}][\p{L} ]{1,30}:(?:\s.{0,70})?$|^\S*://\S+$|^Press \S+ to skip")


#: the cost of pairing such a line with a line of the other text (anchors can still pay for it:
#: a dateline translated as "BEIJING, Oct. 26 (Xinhua) --")
LOOSE_PAIRED = 2.0


def zh_furniture(s: str) -> bool:
    """Whether a Chinese line is page furniture (a breadcrumb, a "来源：" field) or a dateline
    (新华社北京10月26日电), which translations leave out."""
    return len(s) <= 60 and bool(_ZH_FURNITURE.search(s.strip()))


def en_field(s: str) -> bool:
    """Whether an English line is a short "Label: value" field, a bare URL or a skip link,
    which translations add without a source, or is mostly Chinese (a label left
    untranslated, such as 【法规全文】: no translation of anything). A longer Chinese line
    (a sentence left untranslated, or the source copied) is not: it aligns with its source,
    where PT705 and PT706 report it."""
    if _han_share(s) > 0.5:
        return len(_HAN.findall(s)) <= 12
    return len(s) <= 110 and bool(_EN_FIELD.search(s.strip()))


#: cost of each sentence after the other text has ended (a translation that stops before its
#: source, an excerpt cut short): constant, where a 1:0 bead inside the text costs more the
#: longer its sentence is
TAIL = 3.0
#: beyond this many cells the dynamic program keeps to a band around the diagonal
BAND_ABOVE = 250_000
BAND_WIDTH = 120

from ..analysis import HAN_CHAR as _HAN  # noqa: E402


# -- paragraphs and sentences -----------------------------------------------------------------------
_TERMINAL = tuple("。！？!?.；;:：…”’\"')）」』】》")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The paragraphs of ``text`` as spans without surrounding white space: blocks between
    blank lines, and in a block each line on its own unless it is prose wrapped onto the
    next line (a line of 40 characters or more, not much shorter than the block's longest,
    that does not end a sentence, followed by a line that starts with a small letter or a
    digit). Chinese lines are paragraphs of their own."""
    out: list[tuple[int, int]] = []
    lines: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        lines.append((s, e))
        if nl == -1:
            break
        pos = nl + 1
    block: list[tuple[int, int]] = []

    def flush() -> None:
        if not block:
            return
        longest = max(e - s for s, e in block)
        start = block[0][0]
        for k, (s, e) in enumerate(block):
            if k + 1 < len(block):
                line = text[s:e]
                nxt = text[block[k + 1][0]]
                wraps = (e - s >= 40 and e - s >= 0.6 * longest and not line.endswith(_TERMINAL)
                         and (nxt.islower() or nxt.isdigit()) and _han_share(line) < 0.3)
                if wraps:
                    continue
            out.append((start, e))
            if k + 1 < len(block):
                start = block[k + 1][0]
        block.clear()

    for s, e in lines:
        if e > s:
            block.append((s, e))
        else:
            flush()
    flush()
    return out


def _han_share(s: str) -> float:
    if not s:
        return 0.0
    return len(_HAN.findall(s)) / len(s)


_ZH_END = rx.compile(r"(?:[。！？!?；;]+|…+|\.{3,})[”’」』）)》〉】\"'\]]*")
_EN_END = rx.compile(r"(?:[.!?]+|…)[\"'”’)\]]*(?=\s|$)")
#: words that end with a full stop without ending a sentence (case as written)
ABBREVIATIONS = frozenset("""
No Nos Art Arts Mr Mrs Ms Dr Prof Sr Jr St Mt Co Corp Ltd Inc Gov Govt Dept Sec Secs Vol Vols
Ch Chap para paras p pp ed eds vs v cf al approx est fig Fig figs Jan Feb Mar Apr Jun Jul Aug
Sep Sept Oct Nov Dec Gen Col Lt Capt Rep Sen Hon Rev Esq Ave Rd Blvd e.g i.e etc a.m p.m
U.S U.K U.N P.R.C E.U
""".split())
_WORD_BEFORE = rx.compile(r"([\p{L}.]+)$")


def zh_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of Chinese ``text[start:end]``: cut after 。！？；… (and their ASCII forms),
    closing quotes and brackets kept with the sentence they close."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in _ZH_END.finditer(text, start, end):
        _add(text, out, pos, m.end())
        pos = m.end()
    _add(text, out, pos, end)
    return out


def en_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of English ``text[start:end]``: cut after . ! ? … before white space and a
    capital, a digit or an opening quote or bracket, except after an abbreviation (No., Art.,
    Mr., U.S., e.g. …) or an initial; numbers such as 1.5 have no space after their point."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in _EN_END.finditer(text, start, end):
        j = m.end()
        k = j
        while k < end and text[k].isspace():
            k += 1
        if k < end:
            nxt = text[k]
            if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘([" or _HAN.match(nxt)):
                continue
        if text[m.start()] == ".":
            w = _WORD_BEFORE.search(text, pos, m.start())
            if w:
                word = w.group(1).rstrip(".")
                if word in ABBREVIATIONS or (len(word) == 1 and word.isupper()) or (
                        "." in word and len(word) <= 6 and word.replace(".", "").isalpha() and k < end
                        and not text[k].isupper()):
                    continue
        _add(text, out, pos, j)
        pos = j
    _add(text, out, pos, end)
    return out


def _add(text: str, out: list[tuple[int, int]], s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


# -- units and anchors ------------------------------------------------------------------------------
@dataclass(slots=True)
class Unit:
    """A paragraph or sentence: its span, paragraph number, length in English characters
    (Han characters scaled by :data:`RATIO`) and anchor keys."""

    start: int
    end: int
    para: int
    length: float
    anchors: tuple = ()
    #: furniture, a dateline or a field: cheap to leave unaligned
    loose: bool = False


def zh_length(s: str) -> float:
    han = len(_HAN.findall(s))
    # the characters that are not white space: str.split() cuts on exactly the characters
    # that str.isspace() calls space (tests/test_speed_equivalence_bilingual.py)
    other = len("".join(s.split())) - han
    return RATIO * han + other


def en_length(s: str) -> float:
    """Characters of the English, spaces folded; Chinese left in it (a segment copied or
    left untranslated) counts as :func:`zh_length` counts it, so that a copied source still
    aligns with its source."""
    n = float(len(" ".join(s.split())))
    han = len(_HAN.findall(s)) if not s.isascii() else 0
    return n + (RATIO - 1.0) * han


def _quantity_keys(q) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Anchor keys of a quantity: ("n", value) and for a date ("d", month, day) and its year."""
    d = q.date
    if d is not None:
        keys: list[tuple] = []
        if d.month is not None and d.day is not None:
            keys.append(("d", d.month, d.day))
        elif d.month is not None:
            keys.append(("d", d.month, None))
        if d.year is not None:
            keys.append(("n", float(d.year)))
        return keys
    if q.value is None:
        return []
    keys = [("n", round(float(q.value), 6))]
    if q.high is not None:
        keys.append(("n", round(float(q.high), 6)))
    return keys


_ROMAN = rx.compile(r"\b(?:Chapter|Part|Section|Volume|Book|Title|Article|Schedule)\s+([IVXLC]+)\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(s: str) -> Optional[int]:
    """The value of a Roman numeral in capitals (I, IV, XII …), or None."""
    total, prev = 0, 0
    for c in reversed(s):
        v = _ROMAN_VALUES.get(c)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


def roman_numbers(text: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of Roman numerals after Chapter, Part, Section … ("Chapter IV")."""
    out = []
    for m in _ROMAN.finditer(text):
        v = roman_value(m.group(1))
        if v:
            out.append((m.start(1), m.end(1), v))
    return out


def _zh_strong(q) -> bool:  # type: ignore[no-untyped-def]
    """Whether a Chinese quantity is worth anchoring on: digits, a date, a percentage, an
    ordinal, or a Chinese numeral above ten (一 and 两 are often no number in English)."""
    if q.date is not None or q.kind in ("percent", "ordinal", "period"):
        return True
    if any(c.isdigit() for c in q.text):
        return True
    return q.value is not None and q.value > 10


def _bucket(units: Sequence[Unit], items: Iterable[tuple[int, tuple]]) -> list[list[tuple]]:
    """Anchor keys (offset, key) put into the units holding their offsets."""
    import bisect

    starts = [u.start for u in units]
    out: list[list[tuple]] = [[] for _ in units]
    for off, key in items:
        k = bisect.bisect_right(starts, off) - 1
        if k >= 0 and off < units[k].end:
            out[k].append(key)
    return out


class Anchors:
    """Finds the anchors of a Chinese and an English text (numbers always; glossary terms and
    place names when a glossary and a gazetteer are given)."""

    def __init__(self, glossary: "Glossary | None" = None, gazetteer: "Gazetteer | None" = None) -> None:
        self.glossary = glossary
        self.gazetteer = gazetteer

    def zh(self, text: str) -> list[tuple[int, tuple]]:
        from ..numbers import zh as zhnum
        from . import zh as zhside

        simple = zhside.simplified(text)
        out: list[tuple[int, tuple]] = []
        for q in zhnum.find(simple):
            if _zh_strong(q):
                out.extend((q.start, k) for k in _quantity_keys(q))
        if self.glossary is not None or self.gazetteer is not None:
            ws = zhside.LazyWords(simple, self.glossary, self.gazetteer) if _HAN.search(simple) else None
            if self.glossary is not None and ws is not None:
                out.extend((h.start, ("t", h.zh)) for h in zhside.find_terms(simple, self.glossary, self.gazetteer, ws))
            if self.gazetteer is not None and ws is not None:
                for h in zhside.find_places(simple, self.gazetteer, self.glossary, ws):
                    out.append((h.start, ("p", h.divisions[0].en_short.lower())))
        return out

    def en(self, text: str) -> list[tuple[int, tuple]]:
        from ..numbers import en as ennum

        if not text.isascii():
            han = len(_HAN.findall(text))
            if han and han > len(_LATIN.findall(text)):
                # a unit left in Chinese (untranslated, or the source copied): its anchors are
                # read as the source's are, so that it still aligns with its source
                return self.zh(text)
        out: list[tuple[int, tuple]] = []
        for q in ennum.find(text):
            out.extend((q.start, k) for k in _quantity_keys(q))
        out.extend((s, ("n", float(v))) for s, _e, v in roman_numbers(text))
        if self.glossary is not None:
            from ..glossary.matcher import fold

            folded = fold(text)
            matcher = rendering_matcher(self.glossary)
            for off, key in matcher.keys_in(folded):
                for zh in matcher_values(matcher, key):
                    out.append((off, ("t", zh)))
        if self.gazetteer is not None:
            out.extend(_en_places(text))
        return out


from ..analysis import LATIN_ASCII as _LATIN  # noqa: E402
_EN_PLACE = rx.compile(r"\b\p{Lu}[\p{Ll}']+\b")


def _en_places(text: str) -> list[tuple[int, tuple]]:
    """Capitalised words, as keys that a place's English short name can match."""
    return [(m.start(), ("p", m.group(0).lower())) for m in _EN_PLACE.finditer(text)]


_matchers: dict[int, tuple[object, object]] = {}


def rendering_matcher(glossary: "Glossary"):  # type: ignore[no-untyped-def]
    """A :class:`procutext.glossary.matcher.Matcher` of every approved rendering and variant
    of ``glossary``, its values the Chinese terms (cached per glossary)."""
    got = _matchers.get(id(glossary))
    if got is not None and got[0] is glossary:
        return got[1]
    from ..glossary.matcher import Matcher

    items = [(r, e.zh) for e in glossary for r in (*e.en, *e.variant) if r]
    m = Matcher(items)
    table: dict[str, set[str]] = {}
    for key, zh in _matcher_items(m, items):
        table.setdefault(key, set()).add(zh)
    m.values_of = table  # type: ignore[attr-defined]
    _matchers[id(glossary)] = (glossary, m)
    return m


def _matcher_items(m, items):  # type: ignore[no-untyped-def]
    from ..glossary.matcher import fold_keys

    keys = fold_keys([r for r, _ in items])
    return zip(keys, (zh for _, zh in items))


def matcher_values(m, key: str) -> set[str]:  # type: ignore[no-untyped-def]
    return m.values_of.get(key, set())


# -- the dynamic program ----------------------------------------------------------------------------
@dataclass(slots=True)
class Bead:
    """Chinese units ``zh[0]:zh[1]`` aligned with English units ``en[0]:en[1]``; the spans
    (``source``, ``target``) run from the first unit's start to the last one's end (empty
    at the neighbour's edge for a 1:0 or 0:1 bead)."""

    zh: tuple[int, int]
    en: tuple[int, int]
    source: tuple[int, int]
    target: tuple[int, int]
    confidence: float

    @property
    def kind(self) -> str:
        return f"{self.zh[1] - self.zh[0]}:{self.en[1] - self.en[0]}"


@dataclass
class Alignment:
    """The beads of an alignment, by ``mode`` ("paragraph" or "sentence"), and its overall
    confidence: the mean bead confidence weighted by length."""

    mode: str
    beads: list[Bead] = field(default_factory=list)
    confidence: float = 1.0
    zh_units: list[Unit] = field(default_factory=list)
    en_units: list[Unit] = field(default_factory=list)

    def summary(self) -> dict:
        low = sum(1 for b in self.beads if b.confidence < _min_confidence())
        return {"mode": self.mode, "beads": len(self.beads), "confidence": round(self.confidence, 3),
                "low_confidence": low}


def _min_confidence() -> float:
    from . import MIN_CONFIDENCE

    return MIN_CONFIDENCE


def _neg_log_tail(delta: float) -> float:
    """-log of the two-tailed probability of a standard normal beyond |delta|."""
    a = abs(delta)
    if a < 8:
        return -math.log(max(math.erfc(a / math.sqrt(2)), 1e-300))
    return a * a / 2 + math.log(a * math.sqrt(math.pi / 2))


def _anchor_score(zk: list[tuple], ek: list[tuple]) -> float:
    """Bonus (negative cost) for the anchors two sides share, cost for numbers on one side."""
    if not zk and not ek:
        return 0.0
    counts: dict[tuple, int] = {}
    for k in ek:
        counts[k] = counts.get(k, 0) + 1
    score = 0.0
    miss = 0
    for k in zk:
        c = counts.get(k, 0)
        if c:
            counts[k] = c - 1
            score -= ANCHOR_BONUS[k[0]]
        elif k[0] in "nd":
            miss += 1
    miss += sum(c for k, c in counts.items() if k[0] in "nd" and c > 0)
    return score + NUMBER_MISS * min(miss, 6)


class _Model:
    def __init__(self, zu: Sequence[Unit], eu: Sequence[Unit], variance: float, crossing: float) -> None:
        self.zu, self.eu = zu, eu
        self.variance = variance
        self.crossing = crossing
        self.zl = [0.0]
        for u in zu:
            self.zl.append(self.zl[-1] + u.length)
        self.el = [0.0]
        for u in eu:
            self.el.append(self.el[-1] + u.length)
        self.priors = {k: -math.log(p) for k, p in PRIORS.items()}

    def cost(self, i: int, j: int, di: int, dj: int) -> float:
        """The cost of the bead zh[i:i+di] with en[j:j+dj]."""
        lz = self.zl[i + di] - self.zl[i]
        le = self.el[j + dj] - self.el[j]
        mean = (lz + le) / 2
        c = self.priors[(di, dj)]
        if not dj and di == 1 and self.zu[i].loose or not di and dj == 1 and self.eu[j].loose:
            return -math.log(FURNITURE_PRIOR)
        if di == 1 and dj and self.zu[i].loose:
            c += LOOSE_PAIRED
        if dj == 1 and di and self.eu[j].loose:
            c += LOOSE_PAIRED
        if mean > 0:
            delta = (le - lz) / math.sqrt(self.variance * max(mean, 1.0))
            lc = _neg_log_tail(delta)
            c += lc if di and dj else min(lc, UNALIGNED_LENGTH_CAP)
        if di and dj:
            zk = [k for u in self.zu[i:i + di] for k in u.anchors] if di > 1 else list(self.zu[i].anchors)
            ek = [k for u in self.eu[j:j + dj] for k in u.anchors] if dj > 1 else list(self.eu[j].anchors)
            c += _anchor_score(zk, ek)
        if di > 1 and self.zu[i].para != self.zu[i + di - 1].para:
            c += self.crossing
        if dj > 1 and self.eu[j].para != self.eu[j + dj - 1].para:
            c += self.crossing
        return c


def _logaddexp(a: float, b: float) -> float:
    if a == -math.inf:
        return b
    if b == -math.inf:
        return a
    if a > b:
        return a + math.log1p(math.exp(b - a))
    return b + math.log1p(math.exp(a - b))


def _band(zu: Sequence[Unit], eu: Sequence[Unit]) -> Callable[[int], tuple[int, int]]:
    n, m = len(zu), len(eu)
    if (n + 1) * (m + 1) <= BAND_ABOVE:
        return lambda i: (0, m)
    import bisect

    zc = [0.0]
    for u in zu:
        zc.append(zc[-1] + u.length)
    ec = [0.0]
    for u in eu:
        ec.append(ec[-1] + u.length)
    scale = (ec[-1] or 1.0) / (zc[-1] or 1.0)

    def window(i: int) -> tuple[int, int]:
        j = bisect.bisect_left(ec, zc[i] * scale)
        return max(0, j - BAND_WIDTH), min(m, j + BAND_WIDTH)

    return window


def _dp(zu: Sequence[Unit], eu: Sequence[Unit], variance: float | None = None,
        crossing: float | None = None) -> list[tuple[int, int, int, int, float]]:
    """The best beads (i, j, di, dj, posterior) by Viterbi, each with its posterior
    probability by forward-backward."""
    n, m = len(zu), len(eu)
    model = _Model(zu, eu, VARIANCE if variance is None else variance,
                   PARAGRAPH_CROSSING if crossing is None else crossing)
    moves = list(PRIORS)
    window = _band(zu, eu)
    ninf = -math.inf
    fwd: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    vit: list[dict[int, tuple[float, int, int]]] = [dict() for _ in range(n + 1)]
    costs: dict[tuple[int, int, int, int], float] = {}
    fwd[0][0] = 0.0
    vit[0][0] = (0.0, 0, 0)
    for i in range(n + 1):
        lo, hi = window(i)
        fi, vi = fwd[i], vit[i]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            f = ninf
            best = (ninf, 0, 0)
            for di, dj in moves:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                prev = fwd[pi].get(pj)
                if prev is None:
                    continue
                c = model.cost(pi, pj, di, dj)
                costs[(pi, pj, di, dj)] = c
                f = _logaddexp(f, prev - c)
                v = vit[pi][pj][0] - c
                if v > best[0]:
                    best = (v, di, dj)
            if f > ninf:
                fi[j] = f
                vi[j] = best
    # the alignment may end before either text does: the rest is a tail of 1:0 (or 0:1)
    # beads at TAIL each
    ends: list[tuple[float, int, int]] = []  # (log weight, i, j) of each way to end
    for i in range(n + 1):
        if m in fwd[i]:
            ends.append((fwd[i][m] - TAIL * (n - i), i, m))
    for j in range(m):
        if j in fwd[n]:
            ends.append((fwd[n][j] - TAIL * (m - j), n, j))
    if not ends:
        return []
    total = ninf
    for w, _, _ in ends:
        total = _logaddexp(total, w)
    bwd: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    for i in range(n, -1, -1):
        lo, hi = window(i)
        bi = bwd[i]
        for j in range(hi, lo - 1, -1):
            if j not in fwd[i]:
                continue
            b = ninf
            if j == m:
                b = -TAIL * (n - i)
            elif i == n:
                b = -TAIL * (m - j)
            for di, dj in moves:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                nxt = bwd[ni].get(nj)
                if nxt is None:
                    continue
                c = costs.get((i, j, di, dj))
                if c is None:
                    continue
                b = _logaddexp(b, nxt - c)
            if b > ninf:
                bi[j] = b
    # Viterbi: the end with the best single path
    best_end = max(ends, key=lambda x: vit[x[1]][x[2]][0] - (TAIL * (n - x[1]) if x[2] == m else TAIL * (m - x[2])))
    _, i, j = best_end
    end_post = math.exp(min(0.0, best_end[0] - total))
    path = [(k, m, 1, 0, end_post) for k in range(i, n)] if j == m else [(n, k, 0, 1, end_post) for k in range(j, m)]
    path.reverse()
    while i or j:
        _, di, dj = vit[i][j]
        pi, pj = i - di, j - dj
        c = costs[(pi, pj, di, dj)]
        post = math.exp(min(0.0, fwd[pi][pj] - c + bwd[i].get(j, ninf) - total))
        path.append((pi, pj, di, dj, post))
        i, j = pi, pj
    path.reverse()
    return path


def _units(text: str, spans: list[tuple[int, int, int]], measure: Callable[[str], float],
           keys: list[tuple[int, tuple]], loose: Callable[[str], bool]) -> list[Unit]:
    units = [Unit(s, e, p, measure(text[s:e]), loose=loose(text[s:e])) for s, e, p in spans]
    for u, ks in zip(units, _bucket(units, keys)):
        u.anchors = tuple(ks)
    return units


def _beads(path, zu: Sequence[Unit], eu: Sequence[Unit]) -> list[Bead]:  # type: ignore[no-untyped-def]
    beads: list[Bead] = []
    for i, j, di, dj, post in path:
        if di:
            src = (zu[i].start, zu[i + di - 1].end)
        else:
            edge = zu[i - 1].end if i > 0 else (zu[0].start if zu else 0)
            src = (edge, edge)
        if dj:
            tgt = (eu[j].start, eu[j + dj - 1].end)
        else:
            edge = eu[j - 1].end if j > 0 else (eu[0].start if eu else 0)
            tgt = (edge, edge)
        beads.append(Bead((i, i + di), (j, j + dj), src, tgt, post))
    return beads


def _overall(beads: list[Bead], zu: Sequence[Unit], eu: Sequence[Unit]) -> float:
    weight = total = 0.0
    for b in beads:
        w = sum(u.length for u in zu[b.zh[0]:b.zh[1]]) + sum(u.length for u in eu[b.en[0]:b.en[1]])
        weight += w
        total += w * b.confidence
    return total / weight if weight else 1.0


#: the largest length difference (in standard deviations) of a plausible paragraph pair
PLAUSIBLE_DELTA = 3.0


def align(source: str, target: str, *, glossary: "Glossary | None" = None, gazetteer: "Gazetteer | None" = None,
          anchors: "Anchors | None" = None, source_paragraphs: list[tuple[int, int]] | None = None,
          target_paragraphs: list[tuple[int, int]] | None = None, mode: str = "auto") -> Alignment:
    """Align Chinese ``source`` with English ``target`` (see the module docstring).
    ``mode`` "auto" tries paragraphs first, "sentence" goes straight to sentences. Anchors are
    found with ``glossary`` and ``gazetteer``, or by ``anchors`` (an :class:`Anchors`)."""
    zp = paragraphs(source) if source_paragraphs is None else source_paragraphs
    ep = paragraphs(target) if target_paragraphs is None else target_paragraphs
    if anchors is None:
        anchors = Anchors(glossary, gazetteer)
    zkeys = anchors.zh(source)
    ekeys = anchors.en(target)
    if mode == "auto" and len(zp) == len(ep) and zp:
        zu = _units(source, [(s, e, k) for k, (s, e) in enumerate(zp)], zh_length, zkeys, zh_furniture)
        eu = _units(target, [(s, e, k) for k, (s, e) in enumerate(ep)], en_length, ekeys, en_field)
        if _plausible(zu, eu):
            path = _dp(zu, eu)
            if path and all(di == 1 and dj == 1 for _, _, di, dj, _ in path):
                beads = _beads(path, zu, eu)
                return Alignment("paragraph", beads, _overall(beads, zu, eu), zu, eu)
    zs = [(s, e, k) for k, (ps, pe) in enumerate(zp) for s, e in zh_sentences(source, ps, pe)]
    es = [(s, e, k) for k, (ps, pe) in enumerate(ep) for s, e in en_sentences(target, ps, pe)]
    zu = _units(source, zs, zh_length, zkeys, zh_furniture)
    eu = _units(target, es, en_length, ekeys, en_field)
    if not zu or not eu:
        beads = _beads([(i, 0, 1, 0, 1.0) for i in range(len(zu))] + [(len(zu), j, 0, 1, 1.0) for j in range(len(eu))],
                       zu, eu)
        return Alignment("sentence", beads, 1.0 if not beads else 0.0, zu, eu)
    path = _dp(zu, eu)
    beads = _beads(path, zu, eu)
    return Alignment("sentence", beads, _overall(beads, zu, eu), zu, eu)


def _plausible(zu: Sequence[Unit], eu: Sequence[Unit]) -> bool:
    for a, b in zip(zu, eu):
        mean = (a.length + b.length) / 2
        if mean <= 0:
            continue
        delta = (b.length - a.length) / math.sqrt(VARIANCE * max(mean, 1.0))
        if abs(delta) > PLAUSIBLE_DELTA and _anchor_score(list(a.anchors), list(b.anchors)) >= 0:
            return False
    return True
