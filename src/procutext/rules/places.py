"""Place names: misrendered names of Chinese administrative divisions, checked against the
shipped gazetteer (glossaries/places/divisions.tsv) and the glosses of the characters in
its names (glossaries/places/glosses.tsv).

All four rules share one analysis of the document (``_analyse``): the capitalised words, the
divisions they name, and the *scope*: the divisions under the places the document names
(a text about "Wuhu City" draws its district names from Wuhu's seven county-level units).

Fix safety follows one principle: a safe fix is certain, and its message says what makes it
so; a candidate that is only likely is an unsafe fix or a suggestion, and its message says to
check it ("may", "probably", "check it"). tests/test_place_certainty.py holds every place
finding on a varied set of inputs to that.

Finding data (``Finding.data``), for scripts: PT301, PT302, PT303, PT304 and PT306 give the
division the finding names (the first candidate when there are several) as ``code`` (the
six-digit division code), ``zh``, ``en`` and ``level``, and ``candidates``, a list of
``{code, zh, en, distance}``, best first (``distance`` is the pinyin distance of the written
name to the candidate, 0 for an exact reading: a gloss, a character, the same letters). PT305
names zones, which are not in the gazetteer: ``name``, ``generic`` (the one suggested) and
``generics`` (each generic the text uses with its count).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

import regex
from .. import rx

from ..model import Applicability, Finding, Severity
from ..registry import Example, rule

#: patterns of the functions below, compiled once (a call of regex.match(...) looks each up in
#: regex's cache at every call)
_BLANK_WORD = rx.compile(r"[ \u00a0](\w+)")
_BLANKS_HAN = rx.compile(r"[ \u00a0]*\p{Han}")
_BLANKS_OF = rx.compile(r"[ \u00a0]+of\b")
_BLANKS_UPPER = rx.compile(r"[ \u00a0]+\p{Lu}")

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document
    from ..places import Division, Gazetteer
    from ..places.glosses import Glosses

#: a capitalised word (pinyin names may carry an apostrophe: Xi'an, Lu'an)
CAP = rx.compile(r"(?<![\p{L}\p{N}'’\-])\p{Lu}\p{Ll}+(?:['’]\p{Ll}+)?(?![\p{L}\p{N}])")
HAN = rx.compile(r"\p{Han}+")
SPACE = rx.compile(r"[ \t\u00a0]{1,2}")
#: English generics after a name, with the Chinese types they translate
GENERICS = {
    "District": ("区", "新区", "林区", "特区", "矿区"),
    "County": ("县", "自治县"),
    "City": ("市",),
    "Banner": ("旗", "自治旗"),
    "Prefecture": ("地区", "自治州"),
    "League": ("盟",),
}
#: generics of two words whose first word could pass for pinyin ("Jingxing Mining District")
COMPOUND_GENERICS = {"Mining District", "Forestry District", "Special District", "New District",
                     "Autonomous County", "Autonomous Banner", "Autonomous Prefecture"}
#: what follows a name used as a place: its generic, or the procuratorate of that place
PLACE_AFTER = rx.compile(r"[ \u00a0](?:District|County|City|Banner|Prefecture|League|Province|"
                            r"[Pp]rocuratorate|People's|People’s|[Pp]rosecutors?)\b")
#: landmarks: a literal name ending in one of these may be the landmark itself ("Hangzhou West
#: Lake", "Huangshan Yellow Mountain"), so only a generic (District, County) confirms it
FEATURES = frozenset("""lake lakes mountain mountains hill hills river rivers island islands bay sea
    peak peaks spring springs valley gorge temple pond stream creek harbor harbour port bridge
    garden gardens park pass gate tower pagoda cave caves cliff beach shore coast plain forest
    desert field fields well falls waterfall canal dam reservoir""".split())
#: what may follow a misspelt name for the fix to be safe where the word recurs
PLACE_CONTEXT = rx.compile(r"[ \u00a0](?:District|County|City|Banner|Prefecture|League|Branch|"
                              r"Sub-bureau|[Pp]rocuratorate|People's|People’s|Public|Court|Party|"
                              r"Town|Township|Subdistrict|Street)\b")
MAX_RUN = 4  # longest run of capitalised words read as a literal translation


@dataclass
class Analysis:
    words: list[tuple[int, int, str]]  # capitalised words: start, end, text
    mentions: dict[int, list["Division"]]  # index into words → divisions it names
    scope: dict[str, "Division"] = field(default_factory=dict)  # code → division
    #: divisions named in the Chinese lines of a bilingual document: the source decides
    source: dict[str, "Division"] = field(default_factory=dict)


def _adjacent(text: str, end: int, start: int) -> bool:
    """Only one or two spaces between two words."""
    return 0 < start - end <= 2 and SPACE.fullmatch(text, end, start) is not None


def _analyse(doc: "Document", ctx: "Context") -> Analysis:
    gaz = ctx.get_gazetteer()
    text = doc.text
    words = [(m.start(), m.end(), m.group()) for m in CAP.finditer(text)]
    mentions: dict[int, list[Division]] = {}
    known: dict[str, list[Division]] = {}  # each distinct word is looked up once
    for i, (_s, _e, w) in enumerate(words):
        hits = known.get(w)
        if hits is None:
            hits = known[w] = gaz.by_en(w)
        if hits:
            mentions[i] = hits
    analysis = Analysis(words, mentions)
    source = _source_names(doc, ctx, gaz)
    analysis.source = {d.code: d for d in source}
    # a county-level name widens the scope only where it is used as a place: "Guiding" is
    # 贵定县 in "Guiding County" but an English word in "Guiding principles"
    placed = []
    for i, divs in mentions.items():
        keep = [d for d in divs if d.level != "county" or PLACE_AFTER.match(text, words[i][1])]
        if keep:
            placed.append(keep)
    analysis.scope = _scope(gaz, [*placed, source])
    return analysis


def _source_names(doc: "Document", ctx: "Context", gaz: "Gazetteer") -> list["Division"]:
    """The divisions named in the Chinese lines of a bilingual document. A name that fits
    several divisions counts only when one of them lies under another place named there."""
    from ..analysis import line_classes

    classes = line_classes(doc, ctx)
    if not classes.chinese_starts:
        return []
    found: list[list[Division]] = []
    for s, e in zip(classes.chinese_starts, classes.chinese_ends):
        found.extend(divs for _, _, divs in gaz.find_in_chinese(doc.text[s:e]))
    named = {d.code for divs in found if len(divs) == 1 for d in divs}
    out: dict[str, Division] = {}
    for divs in found:
        if len(divs) == 1:
            out[divs[0].code] = divs[0]
        else:
            fitting = [d for d in divs if d.parent in named]
            if len(fitting) == 1:
                out[fitting[0].code] = fitting[0]
    return list(out.values())


def _scope(gaz: "Gazetteer", mentioned) -> dict[str, "Division"]:  # type: ignore[no-untyped-def]
    """The divisions a misrendered name in this document is most likely to be: those under
    the prefectures and provinces it names, and the siblings of the counties it names."""
    scope: dict[str, Division] = {}
    seen: set[str] = set()
    for divisions in mentioned:
        for d in divisions:
            parents = [d.code] if d.level != "county" else ([d.parent] if d.parent else [])
            for p in parents:
                if p in seen:
                    continue
                seen.add(p)
                for c in gaz.children(p):
                    scope[c.code] = c
    return scope


def analysis(doc: "Document", ctx: "Context") -> Analysis:
    return doc.cached("places", lambda d: _analyse(d, ctx))


def _named_beside(text: str, start: int, end: int, divisions: "list[Division]") -> bool:
    """Whether one of the divisions' English names is written within 40 characters of
    text[start:end]: then the span annotates the name rather than replacing it."""
    around = text[max(0, start - 40):start] + " " + text[end:end + 40]
    return any(d.en_short in around for d in divisions)


def _parent_code(gaz: "Gazetteer", code: str) -> str | None:
    d = gaz.get(code)
    return d.parent if d is not None else None


def _pinyin_word(word: str) -> bool:
    from ..places.pinyin import syllables

    s = syllables(word)
    return s is not None and len(s) >= 2


# -- PT301 ------------------------------------------------------------------------------------
def _spelled_by(chars: str, words: list[str], div: "Division", offset: int,
                glosses: "Glosses") -> bool:
    """Whether the Latin ``words`` render exactly the characters ``chars`` of ``div``'s short
    name (which start at ``offset`` in it): each piece is the pinyin syllable of one character,
    or a gloss (one or more words) of one character or of a dictionary word of the name."""
    from ..places.pinyin import syllables

    sylls = syllables(div.en_short) if div.en_short.isascii() else None
    aligned = sylls is not None and len(sylls) == len(div.short)
    low = [w.lower() for w in words]
    nc, nw = len(chars), len(low)
    reach = {(0, 0)}
    stack = [(0, 0)]
    while stack:
        c, w = stack.pop()
        if c == nc and w == nw:
            return True
        if c >= nc or w >= nw:
            continue
        nxt = []
        if aligned and sylls[offset + c] == low[w]:  # type: ignore[index]
            nxt.append((c + 1, w + 1))
        for m in range(1, nc - c + 1):
            unit = chars[c:c + m]
            for n in range(1, nw - w + 1):
                if unit in glosses.units(tuple(low[w:w + n])):
                    nxt.append((c + m, w + n))
        for state in nxt:
            if state not in reach:
                reach.add(state)
                stack.append(state)
    return False


def _choose(cands: list, a: Analysis) -> tuple[list, bool]:  # type: ignore[type-arg]
    """The candidates to report, preferring those named by the Chinese source and then those
    in the document's scope, and whether a fix may be safe: only a candidate that the
    source or the scope supports, or any candidate when the document names no place."""
    in_source = [c for c in cands if c[0].code in a.source]
    if in_source:
        return in_source, True
    in_scope = [c for c in cands if c[0].code in a.scope]
    if in_scope:
        return in_scope, True
    return cands, not a.scope and not a.source


@dataclass
class Mixed:
    """A half-translated name PT301 reads: the span, the Han run in it, the divisions it fits
    (the widest reading's, best first) and whether a fix may be safe."""

    start: int
    end: int
    han: str
    divisions: list["Division"]
    may_fix: bool

    @property
    def names(self) -> list[str]:
        return sorted({d.en_short if self.han != d.zh else d.en for d in self.divisions})


def mixed_readings(doc: "Document", ctx: "Context") -> list[Mixed]:
    """The half-translated names of the document (PT301), shared with the rules that take
    them as evidence that the text names a division (PT303, PT306)."""
    return doc.cached("places.mixed", lambda d: list(_mixed(d, ctx)))


def _mixed(doc: "Document", ctx: "Context") -> Iterator[Mixed]:
    text = doc.text
    if HAN.search(text) is None:
        return
    import bisect

    from ..analysis import line_classes
    from ..places.glosses import default_glosses
    from .leftovers import _is_gloss

    classes = line_classes(doc, ctx)
    gaz = ctx.get_gazetteer()
    glosses = default_glosses()
    a = analysis(doc, ctx)
    starts = [w[0] for w in a.words]
    for m in HAN.finditer(text):
        hs, he = m.start(), m.end()
        if classes.is_chinese(hs) or _is_gloss(text, hs, he):
            continue  # a Chinese line of a bilingual text, or a gloss: "Wanzhi District (湾沚区)"
        han = m.group()
        i = bisect.bisect_left(starts, hs)
        before: list[tuple[int, int, str]] = []  # nearest first
        j, edge = i - 1, hs
        while j >= 0 and len(before) < MAX_RUN and (_adjacent(text, a.words[j][1], edge) or a.words[j][1] == edge):
            before.append(a.words[j])
            edge = a.words[j][0]
            j -= 1
        after: list[tuple[int, int, str]] = []
        j, edge = i, he
        while j < len(a.words) and len(after) < MAX_RUN and (_adjacent(text, edge, a.words[j][0]) or a.words[j][0] == edge):
            after.append(a.words[j])
            edge = a.words[j][1]
            j += 1
        found: dict[str, tuple[Division, int, int]] = {}
        for div, how in gaz.by_zh(han):
            if how == "zh":  # the whole official name left in Chinese: 湾沚区
                found[div.code] = (div, hs, he)
        for div in gaz.divisions_with_chars(han):
            short = div.short
            k = short.find(han)
            while k >= 0:
                prefix, suffix = short[:k], short[k + len(han):]
                # the words before must render the prefix, those after the suffix
                span_s, span_e = hs, he
                ok = True
                if prefix:
                    for n in range(1, len(before) + 1):
                        ws = [w[2] for w in reversed(before[:n])]
                        if _spelled_by(prefix, ws, div, 0, glosses):
                            span_s = before[n - 1][0]
                            break
                    else:
                        ok = False
                if ok and suffix:
                    for n in range(1, len(after) + 1):
                        ws = [w[2] for w in after[:n]]
                        if _spelled_by(suffix, ws, div, k + len(han), glosses):
                            span_e = after[n - 1][1]
                            break
                    else:
                        ok = False
                whole = han == div.short and (len(han) >= 2 or bool(
                    after and div.type in GENERICS.get(after[0][2], ())))  # 兴 County, not 兴 District
                if ok and (prefix or suffix or whole):
                    found.setdefault(div.code, (div, span_s, span_e))
                k = short.find(han, k + 1)
        if not found:
            continue
        cands, may_fix = _choose(list(found.values()), a)
        # the widest reading first (Bay 沚 over 沚 alone)
        cands.sort(key=lambda c: (-(c[2] - c[1]), c[0].code))
        best_s, best_e = cands[0][1], cands[0][2]
        same_span = [c[0] for c in cands if (c[1], c[2]) == (best_s, best_e)]
        if _named_beside(text, best_s, best_e, same_span):
            continue  # the English name is there already: "Wanzhi 湾沚", "湾沚区 Wanzhi District"
        yield Mixed(best_s, best_e, han, same_span, may_fix)


def division_data(divisions: "list[tuple[Division, float]]") -> dict:  # type: ignore[type-arg]
    """The ``data`` of a place finding: the division it names (its first candidate when there
    are several): ``code``, ``zh``, ``en``, ``level``, and ``candidates``, a list of
    ``{code, zh, en, distance}``, best first. ``distance`` is the pinyin distance
    (:func:`procutext.places.pinyin.distance`) of the written name to the candidate's
    English; 0 for a reading that is exact (a gloss, a character, the same letters)."""
    best = divisions[0][0]
    return {
        "code": best.code, "zh": best.zh, "en": best.en, "level": best.level,
        "candidates": [{"code": d.code, "zh": d.zh, "en": d.en, "distance": float(x)} for d, x in divisions],
    }


@rule(
    "PT301",
    "mixed-script-place",
    family="places",
    severity=Severity.ERROR,  # Chinese left in the English, as PT501 (which it subsumes)
    fix=Applicability.SAFE,
    examples=[
        Example(
            "The procuratorate of Wuhu City built a brand matrix for the Bay 沚 procuratorate.",
            "The procuratorate of Wuhu City built a brand matrix for the Wanzhi procuratorate.",
            "The procuratorate of Wuhu City built a brand matrix for the Wanzhi procuratorate.",
        ),
    ],
)
def mixed_script_place(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A place name half translated, half left in Chinese characters ("Bay 沚").

    ## What it does
    Looks at Chinese characters left in English text together with the English words right
    before and after them. When the words render the missing characters of a gazetteer name,
    by their literal gloss ("Bay" for 湾) or their pinyin ("Wan"), and the characters complete
    it, the rule names the division and its official English. Among several divisions, those
    under the places the document names are preferred.

    ## Why it matters
    MT engines translate the characters of a name they do not know one by one and leave the
    rare ones untranslated: 湾沚 (Wanzhi) comes out as "Bay 沚". An English reader cannot
    recover the name from that.

    ## Example
    ```
    built a brand matrix for the Bay 沚 procuratorate
    ```

    ## Use instead
    ```
    built a brand matrix for the Wanzhi procuratorate
    ```

    ## Fix safety
    Safe when exactly one division fits (in the document's scope, if it names places);
    otherwise the candidates are given as suggestions and the message says to check them.
    The finding's ``data`` names the division (see ``division_data``).
    """
    r = mixed_script_place.rule  # type: ignore[attr-defined]
    text = doc.text
    for mx in mixed_readings(doc, ctx):
        names = mx.names
        written = text[mx.start:mx.end]
        described = "; ".join(f"{d.zh} {d.en}" for d in mx.divisions[:3])
        data = division_data([(d, 0.0) for d in mx.divisions])
        if len(names) == 1 and mx.may_fix:
            yield r.finding(f"{written!r} is a half-translated place name: {described}; write {names[0]!r}",
                            mx.start, mx.end, names[0], suggestions=tuple(names), data=data)
        elif len(names) == 1:
            yield r.finding(f"{written!r} may be a half-translated place name: {described}, which is not "
                            f"under the places this text names; check it", mx.start, mx.end,
                            suggestions=tuple(names), data=data)
        else:
            yield r.finding(f"{written!r} is a half-translated place name; it may be {described}",
                            mx.start, mx.end, suggestions=tuple(names), data=data)


# -- PT302 ------------------------------------------------------------------------------------
@rule(
    "PT302",
    "literal-place-name",
    family="places",
    fix=Applicability.SAFE,
    examples=[
        Example(
            "The Wuhu Inaction procuratorate held a meeting.",
            "The Wuhu Wuwei procuratorate held a meeting.",
            "The Wuhu Wuwei procuratorate held a meeting.",
        ),
        Example(
            "A delegation visited Mirror Lake District in Wuhu.",
            "A delegation visited Mirror Lake Park in Hangzhou.",
            "A delegation visited Jinghu District in Wuhu.",
        ),
    ],
)
def literal_place_name(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A place name translated word by word ("Wuhu Inaction" for 芜湖无为, Wuwei).

    ## What it does
    Reads runs of capitalised English words as the literal glosses of Chinese characters
    (from a dictionary of every character and word in the gazetteer's names) and reports a
    run that spells a whole division name, when something confirms it: an English generic
    right after it ("Mirror Lake District"), or the name of the division's parent right
    before it ("Wuhu Inaction").

    ## Why it matters
    Machine translation renders 无为 (Wuwei) as "Inaction" and 镜湖 (Jinghu) as "Mirror
    Lake": names become phrases nobody can find on a map.

    ## Example
    ```
    The Wuhu Inaction procuratorate held a meeting.
    ```

    ## Use instead
    ```
    The Wuhu Wuwei procuratorate held a meeting.
    ```

    ## Fix safety
    Safe when exactly one division fits (in the document's scope, if it names places);
    otherwise the candidates are suggestions and the message says to check them.
    """
    r = literal_place_name.rule  # type: ignore[attr-defined]
    from ..places.glosses import default_glosses

    glosses = default_glosses()
    gaz = ctx.get_gazetteer()
    prefixes = gaz.short_prefixes()
    a = analysis(doc, ctx)
    text = doc.text
    words = a.words
    n = len(words)
    starters = glosses.title_first_words
    memo: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    skip_to = 0
    for k in range(n):
        if k < skip_to or words[k][2] not in starters:
            continue
        # the run of adjacent capitalised words from k
        j = k + 1
        while j < n and j - k < MAX_RUN + 1 and _adjacent(text, words[j - 1][1], words[j][0]):
            j += 1
        key = tuple(w[2] for w in words[k:min(j, k + MAX_RUN)])
        readings = memo.get(key)
        if readings is None:
            readings = memo[key] = glosses.readings(key, prefixes)
        best = None
        prev_adjacent = k > 0 and _adjacent(text, words[k - 1][1], words[k][0])
        by_used: dict[int, list[str]] = {}
        for used, zh in readings:
            by_used.setdefault(used, []).append(zh)
        for used in sorted(by_used, reverse=True):  # the longest reading some division confirms
            last = k + used - 1
            nxt = words[last + 1][2] if last + 1 < j else None
            confirmed = []
            for zh in sorted(set(by_used[used])):  # every reading of this length ("Calm": 安, 平)
                for d in gaz.by_short_name(zh):
                    if len(d.short) < 2:
                        continue
                    if nxt is not None and d.type in GENERICS.get(nxt, ()):
                        confirmed.append((d,))
                    elif prev_adjacent and words[last][2].lower() not in FEATURES and any(
                            d.parent == p.code for p in a.mentions.get(k - 1, ())):
                        # "Wuhu Inaction"; but "Hangzhou West Lake" is the lake itself
                        confirmed.append((d,))
            if confirmed:
                best = (used, confirmed)
                break
        if best is None:
            continue
        used, confirmed = best
        s, e = words[k][0], words[k + used - 1][1]
        written = text[s:e]
        if gaz.by_en(written):
            continue  # the words are a real name themselves ("Harqin", "Saga County")
        skip_to = k + used
        chosen, may_fix = _choose(confirmed, a)
        divisions = [c[0] for c in chosen]
        if _named_beside(text, s, e, divisions):
            continue  # a gloss of the name beside it: "Jinghu (Mirror Lake) District"
        names = sorted({d.en_short for d in divisions})
        described = "; ".join(f"{d.zh} {d.en}" for d in divisions[:3])
        data = division_data([(d, 0.0) for d in divisions])
        if len(names) == 1 and not may_fix:
            yield r.finding(f"{written!r} may translate the characters of a place name literally: "
                            f"{described}, which is not under the places this text names; check it",
                            s, e, suggestions=tuple(names), data=data)
        elif len(names) == 1:
            yield r.finding(f"{written!r} translates the characters of a place name literally: "
                            f"{described}; write {names[0]!r}", s, e, names[0], suggestions=tuple(names),
                            data=data)
        else:
            yield r.finding(f"{written!r} translates the characters of a place name literally; "
                            f"it may be {described}", s, e, suggestions=tuple(names), data=data)


# -- PT303 ------------------------------------------------------------------------------------
@dataclass
class Verdict:
    """The close candidates of a misspelt name: best first, out of ``pool`` divisions, drawn
    from the Chinese source (``from_source``) or from the scope of the places named."""

    close: list[tuple["Division", float]]
    pool: int
    from_source: bool
    #: the English generic after the misspelling ("District"); "" for a compound
    generic: str = ""

    def pool_words(self) -> str:
        what = "the Chinese lines of this text name" if self.from_source else "under the places this text names"
        kind = PLURALS.get(self.generic, ("division", "divisions"))[self.pool != 1]
        return f"the {self.pool} {kind} {what}"


PLURALS = {"District": ("district", "districts"), "County": ("county", "counties"), "City": ("city", "cities"),
           "Banner": ("banner", "banners"), "Prefecture": ("prefecture", "prefectures"),
           "League": ("league", "leagues")}


def misspellings(doc: "Document", ctx: "Context") -> dict[str, Verdict]:
    """Pinyin-like words used as places (before a generic) that name no division, with the
    divisions of the document's scope close to them (PT303; PT306 takes them as evidence)."""
    return doc.cached("places.misspelt", lambda d: _misspellings(d, ctx))


def _misspellings(doc: "Document", ctx: "Context") -> dict[str, Verdict]:
    a = analysis(doc, ctx)
    if not a.scope and not a.source:
        return {}
    from ..places.pinyin import CLOSE, distance

    gaz = ctx.get_gazetteer()
    text = doc.text
    words = a.words
    verdicts: dict[str, Verdict] = {}
    seen: set[str] = set()
    for idx in range(len(words) - 1):
        s, e, w = words[idx]
        generic = words[idx + 1][2]
        if generic not in GENERICS or idx in a.mentions or not _adjacent(text, e, words[idx + 1][0]):
            continue
        if w in seen or f"{w} {generic}" in COMPOUND_GENERICS or not _pinyin_word(w):
            continue
        seen.add(w)
        if gaz.by_former_en(w):
            continue  # a former name ("Sanshan District", merged into Yijiang in 2020)
        if _township_in_scope(gaz, w, a):
            continue  # a real town or subdistrict under the places the text names
        types = GENERICS[generic]
        # the Chinese source of a bilingual text decides first, then the named places' scope
        for pool, from_source in ((a.source, True), (a.scope, False)):
            ranked = sorted(((d, distance(w, d.en_short)) for d in pool.values() if d.type in types),
                            key=lambda x: (x[1], x[0].code))
            close = [x for x in ranked if x[1] <= CLOSE]
            if close:
                verdicts[w] = Verdict(close, len(ranked), from_source, generic)
                break
    return verdicts


def _township_in_scope(gaz: "Gazetteer", word: str, a: Analysis) -> bool:
    return any(t.parent in a.scope or _parent_code(gaz, t.parent) in a.scope for t in gaz.townships_named(word))


def evidence(doc: "Document", ctx: "Context") -> dict[str, str]:
    """Divisions the document names other than by a misspelling, each with how it names it:
    its Chinese lines (a bilingual text), a half-translated name that fits it alone
    (PT301: "Bay 沚"), or its official English used as a place ("Wanzhi District")."""

    def compute(d: "Document") -> dict[str, str]:
        a = analysis(d, ctx)
        text = d.text
        out: dict[str, str] = {}
        for code, div in a.source.items():
            out[code] = f"the Chinese lines of this text name {div.zh}"
        for mx in mixed_readings(d, ctx):
            if len(mx.divisions) == 1 and mx.may_fix:
                out.setdefault(mx.divisions[0].code, f"this text also writes it {text[mx.start:mx.end]!r}")
        by_word: dict[str, set[str]] = {}
        for idx, divs in a.mentions.items():
            by_word.setdefault(a.words[idx][2], set()).update(d.code for d in divs)
        for idx, divs in a.mentions.items():
            s, e, w = a.words[idx]
            if not PLACE_AFTER.match(text, e):
                continue
            if len(divs) > 1:  # "Chengde City" is 承德市, not 承德县: the generic decides
                generic = _BLANK_WORD.match(text[e:e + 20])
                types = GENERICS.get(generic.group(1), ()) if generic else ()
                divs = [d for d in divs if d.type in types] or divs
            if len(divs) > 1:  # "Hedong": the one under a place the text names by another word
                others = set(a.source).union(*(c for word, c in by_word.items() if word != w))
                divs = [d for d in divs if d.parent in others]
            if len(divs) == 1:
                out.setdefault(divs[0].code, f"this text also writes {w!r}")
        return out

    return doc.cached("places.evidence", compute)


#: the run-together compounds looked at: four syllables (Wandang + jianyuan) to eight
COMPOUND_MIN_SYLLABLES, COMPOUND_MAX_SYLLABLES = 4, 8


def _compounds(doc: "Document", ctx: "Context", verdicts: dict[str, Verdict]
               ) -> Iterator[tuple[int, int, int, Verdict, bool]]:
    """Run-together pinyin compounds that start with a misspelt division name
    ("Wandangjianyuan", 湾沚检苑: Wandang + jianyuan): (start, end, length of the name part,
    its verdict, whether that part is a misspelling the text also uses as a place)."""
    from ..places.pinyin import CLOSE, distance, segmentations

    a = analysis(doc, ctx)
    gaz = ctx.get_gazetteer()
    named = set(evidence(doc, ctx))
    for v in verdicts.values():
        if len(v.close) == 1:
            named.add(v.close[0][0].code)
    pool, from_source = (a.source, True) if a.source else (a.scope, False)
    done: dict[str, tuple[int, Verdict, bool] | None] = {}
    for idx, (s, e, w) in enumerate(a.words):
        if (idx in a.mentions or w in verdicts or not w.isalpha()
                or not 2 * COMPOUND_MIN_SYLLABLES <= len(w) <= 6 * COMPOUND_MAX_SYLLABLES):
            continue
        if w not in done:
            done[w] = None
            segs = [seg for seg in segmentations(w)
                    if COMPOUND_MIN_SYLLABLES <= len(seg) <= COMPOUND_MAX_SYLLABLES]
            if not segs or gaz.by_en(w) or _township_in_scope(gaz, w, a):
                continue
            best: tuple[int, Verdict, bool] | None = None
            real = False
            for seg in segs:
                for k in range(2, len(seg) - 1):  # a name of two syllables or more, a rest of two
                    head = "".join(seg[:k])
                    if gaz.by_en(head) or gaz.by_former_en(head) or _township_in_scope(gaz, head, a):
                        real = True  # a real name in a compound: "Wuhujianyuan"
                        break
                    known = verdicts.get(head[:1].upper() + head[1:])
                    if known is not None:
                        v, also = known, True
                    else:
                        ranked = sorted(((d, distance(head, d.en_short)) for d in pool.values()),
                                        key=lambda x: (x[1], x[0].code))
                        close = [x for x in ranked if x[1] <= CLOSE]
                        if not close or not any(d.code in named for d, _ in close):
                            continue  # only a division the text names elsewhere
                        v, also = Verdict(close, len(ranked), from_source), False
                    if best is None or (v.close[0][1], -also) < (best[1].close[0][1], -best[2]):
                        best = (len(head), v, also)
                if real:
                    break
            if not real:
                done[w] = best
        hit = done[w]
        if hit is not None:
            yield s, e, hit[0], hit[1], hit[2]


@rule(
    "PT303",
    "misspelled-place",
    family="places",
    fix=Applicability.SAFE,
    examples=[
        Example(
            "The People's Procuratorate of Wanpeng District, Wuhu City held a meeting.",
            "The People's Procuratorate of Wanzhi District, Wuhu City held a meeting.",
            "The People's Procuratorate of Wanzhi District, Wuhu City held a meeting.",
        ),
        Example(
            "Wangui District, Wuhu City, and the Wangui Branch of the Wuhu Public Security Bureau",
            "Wanzhi District, Wuhu City, and the Wanzhi Branch of the Wuhu Public Security Bureau",
            "Wanzhi District, Wuhu City, and the Wanzhi Branch of the Wuhu Public Security Bureau",
        ),
    ],
)
def misspelled_place(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A division name in wrong pinyin ("Wanpeng District" for 湾沚区, Wanzhi District).

    ## What it does
    Finds a pinyin-like word before an English generic ("… District", "… County") that names
    no division anywhere, and compares it with the divisions under the places the document
    names (a text about Wuhu City: Wuhu's seven districts and counties), by a distance that
    weighs whole syllables, initials and finals. When a candidate is close (distance at most
    1: one syllable wrong), it is reported with its distance, and so is every other
    occurrence of the same misspelling in the document ("Wangui Branch"). In a bilingual
    document the divisions named in its Chinese lines come first: the source decides.

    It also reads a run-together pinyin compound of four syllables or more that starts with
    a misspelt division name ("Wandangjianyuan", the brand 湾沚检苑: Wandang + jianyuan),
    when that misspelling is used as a place elsewhere in the text or the division it is
    close to is named there; a compound that starts with a real name ("Wuhujianyuan") is
    left alone.

    ## Why it matters
    MT engines guess the reading of a rare character (沚 as "dang", "peng", "gui") and the
    result looks like a real name. A reader, or a search engine, cannot find it.

    ## Example
    ```
    The People's Procuratorate of Wanpeng District, Wuhu City held a meeting.
    ```

    ## Use instead
    ```
    The People's Procuratorate of Wanzhi District, Wuhu City held a meeting.
    ```

    ## Fix safety
    Safe only when the misspelling is used as a place there, exactly one candidate is close,
    and either it is at most half a syllable off (distance 0.5 or less: "Wanzhe") or the
    text names that division itself: its Chinese lines, a half-translated form fitting it
    alone ("Bay 沚"), or its official English. A candidate a whole syllable off
    ("Wanpeng", "Wannan", "Wanbei") that nothing else in the text names is an unsafe fix:
    皖南 Wannan is a region, not a misspelling. Several close candidates, an occurrence not
    used as a place, and every compound (its own spelling may be the brand's) are
    suggestions or unsafe fixes; their message says to check. Nothing is reported when the
    document names no place (in English or in its Chinese lines) to draw candidates from.
    The finding's ``data`` names the first candidate and lists all close ones with their
    distance.
    """
    r = misspelled_place.rule  # type: ignore[attr-defined]
    verdicts = misspellings(doc, ctx)
    if not verdicts and not analysis(doc, ctx).scope and not analysis(doc, ctx).source:
        return
    from ..places.pinyin import CLOSE

    text = doc.text
    named = evidence(doc, ctx)
    findings: list[Finding] = []
    for s, e, w in analysis(doc, ctx).words:
        v = verdicts.get(w)
        if v is None:
            continue
        data = division_data(v.close)
        best, dist = v.close[0]
        if len(v.close) > 1:
            names = tuple(d.en_short for d, _ in v.close)
            findings.append(r.finding(
                f"{w!r} is not a place name; it may be " + ", ".join(
                    f"{d.zh} {d.en} ({x:.2f})" for d, x in v.close[:4]) + f", all close among {v.pool_words()}; "
                "check which", s, e, suggestions=names, data=data))
            continue
        if not PLACE_CONTEXT.match(text, e):  # the same word elsewhere, not used as a place here
            findings.append(r.finding(
                f"{w!r} may be {best.zh} {best.en} misspelt, as it is where this text uses it as a place "
                f"(distance {dist:.2f}); here it is not used as a place: check it",
                s, e, suggestions=(best.en_short,), data=data))
            continue
        why = named.get(best.code) if not v.from_source else None
        if dist <= CLOSE / 2 or v.from_source or why:
            because = f"; {why}" if why else ""
            findings.append(r.finding(
                f"{w!r} is not a place name; of {v.pool_words()}, only {best.zh} {best.en} is this close "
                f"(distance {dist:.2f}){because}: write {best.en_short!r}",
                s, e, best.en_short, suggestions=(best.en_short,), data=data))
        else:
            findings.append(r.finding(
                f"{w!r} is not a place name; it is probably {best.zh} {best.en}, the only one of {v.pool_words()} "
                f"within one syllable of it (distance {dist:.2f}), but nothing else in this text names that "
                f"place: check it", s, e, best.en_short, suggestions=(best.en_short,), data=data,
                applicability=Applicability.UNSAFE))
    for s, e, n, v, also in _compounds(doc, ctx, verdicts):
        w = text[s:e]
        head, rest = w[:n], w[n:]
        data = division_data(v.close)
        best, dist = v.close[0]
        where = (f"{head!r} is misspelt where this text uses it as a place" if also else
                 f"{best.zh} {best.en} is named elsewhere in this text")
        if len(v.close) > 1:
            findings.append(r.finding(
                f"{w!r} starts with {head!r}, which is not a place name ({where}); it may be "
                + ", ".join(f"{d.zh} {d.en} ({x:.2f})" for d, x in v.close[:4]) + "; check which",
                s, e, suggestions=tuple(d.en_short + rest for d, _ in v.close), data=data))
        else:
            findings.append(r.finding(
                f"{w!r} starts with {head!r}, which is not a place name; it is probably {best.zh} {best.en} "
                f"(distance {dist:.2f}; {where}): {best.en_short + rest!r}, but check how the name itself is "
                f"spelt", s, e, best.en_short, edit_start=s, edit_end=s + n,
                suggestions=(best.en_short + rest,), data=data, applicability=Applicability.UNSAFE))
    findings.sort(key=lambda f: f.start)
    yield from findings


# -- PT304 ------------------------------------------------------------------------------------
@rule(
    "PT304",
    "inconsistent-place-spelling",
    family="places",
    fix=Applicability.SAFE,
    examples=[
        Example(
            "Lu'an City is in Anhui. The Luan procuratorate held a meeting.",
            "Lu'an City is in Anhui. The Lu'an procuratorate held a meeting.",
            "Lu'an City is in Anhui. The Lu'an procuratorate held a meeting.",
        ),
    ],
)
def inconsistent_place_spelling(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """One place spelled two ways in one document ("Lu'an" and "Luan", "Wanzhi" and "Wan Zhi").

    ## What it does
    Groups the names of divisions in the document by their letters (ignoring case,
    apostrophes, hyphens and spaces) and reports the spellings that differ from the official
    one when the document writes the place more than one way. Only a spelling used as a
    place is reported (followed by its generic, "procuratorate", "People's" or
    "prosecutors"): "Jian" may be a person's name where "Ji'an" is the city.

    ## Why it matters
    Readers and search engines take two spellings for two places; the national rules fix one
    (the apostrophe before a syllable starting with a, o or e: Lu'an, Xi'an).

    ## Example
    ```
    Lu'an City is in Anhui. The Luan procuratorate held a meeting.
    ```

    ## Use instead
    ```
    Lu'an City is in Anhui. The Lu'an procuratorate held a meeting.
    ```

    ## Fix safety
    Safe when all the divisions with these letters share one official spelling and the
    document uses it; when the document never uses the official spelling the fix is
    unsafe. Names with the same letters but different places (Xingan 新干 and Xing'an 兴安)
    are left alone. The finding's ``data`` names the division.
    """
    r = inconsistent_place_spelling.rule  # type: ignore[attr-defined]
    a = analysis(doc, ctx)
    gaz = ctx.get_gazetteer()
    text = doc.text
    words = a.words
    groups: dict[str, list[tuple[int, int, str]]] = {}
    officials: dict[str, str] = {}
    divisions: dict[str, list["Division"]] = {}

    def add(s: int, e: int, form: str, divs: list["Division"]) -> None:
        spellings = {d.en_short for d in divs}
        if len(spellings) != 1:
            return
        official = next(iter(spellings))
        key = "".join(c for c in official.lower() if c.isalpha())
        officials[key] = official
        groups.setdefault(key, []).append((s, e, form))
        known = divisions.setdefault(key, [])
        known.extend(d for d in divs if d not in known)

    for idx, divs in a.mentions.items():
        s, e, w = words[idx]
        add(s, e, w, divs)
    # two one-syllable words for one name: "Wan Zhi", "Lu An"
    for idx in range(len(words) - 1):
        s, e, w = words[idx]
        s2, e2, w2 = words[idx + 1]
        if idx in a.mentions or idx + 1 in a.mentions or not _adjacent(text, e, s2):
            continue
        divs = gaz.by_en(w + w2)
        if divs and " " not in divs[0].en_short:
            add(s, e2, text[s:e2], divs)
    for key, occ in groups.items():
        forms = Counter(form for _, _, form in occ)
        if len(forms) < 2:
            continue
        official = officials[key]
        uses_official = official in forms
        for s, e, form in occ:
            if form == official:
                continue
            if not PLACE_AFTER.match(text, e):
                continue  # "Jian" may be a person (Zhang Jian); only a name used as a place counts
            others = ", ".join(f"{f!r}" for f in forms if f != form)
            msg = f"{form!r} is spelled {others} elsewhere in this text; the official spelling is {official!r}"
            # the official spelling at distance 0 (same letters); places sharing it, in scope first
            divs = sorted(divisions[key], key=lambda d: (d.code not in a.scope, d.code))
            data = division_data([(d, 0.0) for d in divs])
            if uses_official:
                yield r.finding(msg, s, e, official, suggestions=(official,), data=data)
            else:
                yield r.finding(msg, s, e, official, suggestions=(official,), data=data,
                                applicability=Applicability.UNSAFE)


# -- PT305 ------------------------------------------------------------------------------------
#: generic words of zones and divisions that MT swaps for one another (区 is Zone, District, Area)
SWAPPED_GENERICS = {"Zone", "District", "Area", "Park", "County", "City"}
#: the capitalised words (and the connectors inside them) right before a generic
NAME_BEFORE = rx.compile(r"(?:(?:\p{Lu}[\p{L}'’\-]*|and|of|for)[ \u00a0]){2,8}$")


@rule(
    "PT305",
    "inconsistent-generic",
    family="places",
    fix=Applicability.UNSAFE,
    examples=[
        Example(
            "The Pingtan Comprehensive Experimental Zone opened a court. Prosecutors of the "
            "Pingtan Comprehensive Experimental Zone met those of Pingtan Comprehensive Experimental District.",
            "The Pingtan Comprehensive Experimental Zone opened a court. Prosecutors of the "
            "Pingtan Comprehensive Experimental Zone met those of Fuzhou Economic and Technological Development District.",
            "The Pingtan Comprehensive Experimental Zone opened a court. Prosecutors of the "
            "Pingtan Comprehensive Experimental Zone met those of Pingtan Comprehensive Experimental Zone.",
        ),
    ],
)
def inconsistent_generic(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """One zone or district named with two different generics ("… Experimental Zone" and
    "… Experimental District").

    ## What it does
    Finds names of two or more capitalised words followed by a generic (Zone, District,
    Area, Park, County, City) and reports a name that the same text also writes with another
    of these generics. The generic used most often (on a tie, the one used first) is taken as
    the text's own and suggested for the others.

    ## Why it matters
    区 can be a zone, a district or an area, and MT picks one at random each time: the reader
    of "Pingtan Comprehensive Experimental Zone" and "Pingtan Comprehensive Experimental
    District" looks for two places.

    ## Example
    ```
    … the Pingtan Comprehensive Experimental Zone … Pingtan Comprehensive Experimental District.
    ```

    ## Use instead
    ```
    … the Pingtan Comprehensive Experimental Zone … Pingtan Comprehensive Experimental Zone.
    ```

    ## Fix safety
    Unsafe: the text's majority need not be the official name; check which one the body
    itself uses. The finding's ``data`` gives the name and the count of each generic.
    """
    r = inconsistent_generic.rule  # type: ignore[attr-defined]
    a = analysis(doc, ctx)
    text = doc.text
    occurrences: list[tuple[tuple[str, ...], int, int, str]] = []
    words = a.words
    for idx, (s, e, w) in enumerate(words):
        if w not in SWAPPED_GENERICS or idx < 2 or not _adjacent(text, words[idx - 1][1], s):
            continue
        m = NAME_BEFORE.search(text, max(0, s - 160), s)
        if m is None:
            continue
        name = m.group().split()
        while name and not name[0][:1].isupper():
            name.pop(0)  # "and Technological Development": a name starts with a capital
        if sum(1 for x in name if x[:1].isupper()) < 2 or name[-1] in SWAPPED_GENERICS:
            continue
        occurrences.append((tuple(name), s, e, w))
    # one group per name; a name that ends another one ("Pingtan … Experimental" in "Fujian
    # Pingtan … Experimental") joins it when they share three capitalised words or more
    groups: list[tuple[tuple[str, ...], list[tuple[int, int, str]]]] = []
    for name, s, e, w in sorted(occurrences, key=lambda o: (len(o[0]), o[1])):
        for key, occ in groups:
            short, long_ = (key, name) if len(key) <= len(name) else (name, key)
            if long_[len(long_) - len(short):] == short and sum(1 for x in short if x[:1].isupper()) >= (
                    3 if short != long_ else 2):
                occ.append((s, e, w))
                break
        else:
            groups.append((name, [(s, e, w)]))
    for name, occ in groups:
        occ.sort()
        counts = Counter(g for _, _, g in occ)
        if len(counts) < 2:
            continue
        first_seen = {g: i for i, (_, _, g) in reversed(list(enumerate(occ)))}
        main = max(counts, key=lambda g: (counts[g], -first_seen[g]))
        label = " ".join(name[-3:])
        # zones are not divisions: no gazetteer entry, the name and its generics instead
        data = {"name": " ".join(name), "generic": main, "generics": dict(counts)}
        for s, e, g in occ:
            if g != main:
                yield r.finding(f"'… {label} {g}' is written '… {label} {main}' elsewhere in this text "
                                f"({counts[main]}×): one name, one generic", s, e, main, suggestions=(main,),
                                data=data)


# -- PT306 ------------------------------------------------------------------------------------
#: generics that may follow a clipped name ("Bay Area": 湾[沚]区, 区 rendered "Area")
CLIP_GENERICS = {**GENERICS, "Area": GENERICS["District"]}
_LEAD = rx.compile(r"(?:^|(?<=[\s(“\"'‘]))(\S+)[ \u00a0]+$")
#: a word that may start a longer name ("Greater", "Francisco", "Yangtze"); "Wuhu." ends a sentence
NAME_WORD = rx.compile(r"\p{Lu}[\p{L}'’\-]*")


@dataclass
class Clipped:
    start: int  # with the article: "the Bay"
    end: int
    phrase: str  # "Bay", "Bay Area"
    divisions: list["Division"]
    generic: str
    #: the characters the gloss renders, and the gloss: ("湾", "bay")
    reading: tuple[str, str]


def _clipped(doc: "Document", ctx: "Context") -> list[Clipped]:
    from ..places.glosses import default_glosses, gloss_words

    a = analysis(doc, ctx)
    pool = {**a.scope, **a.source}
    if not pool:
        return []
    named = evidence(doc, ctx)
    misspelt = {v.close[0][0].code for v in misspellings(doc, ctx).values() if len(v.close) == 1}
    # divisions the text misrenders elsewhere (or its Chinese lines name): only for these is
    # a bare "the River" read as a clipped name; the official English alone allows "River Area"
    misrendered = misspelt | set(a.source) | {mx.divisions[0].code for mx in mixed_readings(doc, ctx)
                                               if len(mx.divisions) == 1 and mx.may_fix}
    glosses = default_glosses()
    gaz = ctx.get_gazetteer()
    # the first characters of each division the text names, by their glosses that name a
    # landscape feature: 湾 of 湾沚 → ("bay",)
    phrases: dict[tuple[str, ...], list[tuple["Division", str, str]]] = {}
    for code in sorted(set(named) | misspelt):
        d = pool.get(code)
        if d is None or len(d.short) < 2:
            continue
        for k in range(1, len(d.short)):
            head = d.short[:k]
            # the first two glosses, one word each: the senses MT uses (湾 "bay", 港 "harbor"),
            # not 安 "harbor" (to harbor), 通 "know well" or 济 "cross a river"
            for g in glosses.by_zh.get(head, ())[:2]:
                ws = gloss_words(g)
                if len(ws) == 1 and ws[0] in FEATURES:
                    phrases.setdefault(ws, []).append((d, head, g))
    if not phrases:
        return []
    text = doc.text
    prefixes = gaz.short_prefixes()
    titled = {" ".join(w[:1].upper() + w[1:] for w in ws): ws for ws in phrases}
    alternatives = "|".join(regex.escape(t).replace(r"\ ", r"[ \u00a0]") for t in sorted(titled, key=len, reverse=True))
    generics = "|".join(CLIP_GENERICS)
    pattern = rx.compile(rf"(?<![\p{{L}}\p{{N}}'’\-])(?P<name>{alternatives})(?:[ \u00a0](?P<gen>{generics}))?"
                            r"(?![\p{L}\p{N}\-])")
    matches = list(pattern.finditer(text))
    # a phrase that ends a longer name anywhere in the text ("Greater Bay Area", "San
    # Francisco Bay Area", "the Yangtze River") may be short for that name: left alone
    owned: set[str] = set()
    for m in matches:
        lead = _LEAD.search(text, max(0, m.start() - 40), m.start())
        if lead and NAME_WORD.fullmatch(lead.group(1)) and lead.group(1) not in ("The", "A", "An"):
            owned.add(m.group("name"))
    out: list[Clipped] = []
    for m in matches:
        name, gen = m.group("name"), m.group("gen") or ""
        if name in owned:
            continue
        ws = titled[name]
        full = f"{name} {gen}".strip()
        if gaz.by_en(full) or gaz.by_en(name):
            continue  # a real name
        if any(zh == d.short for used, zh in glosses.readings(ws, prefixes) if used == len(ws)
               for d in pool.values()):
            continue  # the whole name of a division in scope, translated: PT302's
        rest = text[m.end():m.end() + 40]
        if _BLANKS_HAN.match(rest) or _BLANKS_OF.match(rest):
            continue  # "Bay 沚" (PT301), "the Bay of Bengal"
        if _BLANKS_UPPER.match(rest) and not PLACE_AFTER.match(text, m.end()):
            continue  # part of a longer name: "the Bay Bridge"
        lead = _LEAD.search(text, max(0, m.start() - 40), m.start())
        article = lead is not None and lead.group(1) in ("the", "The")
        if not gen and not article:
            continue  # a bare "Bay" is a word; "the Bay" and "Bay Area" are used as names
        fits = [(d, head, g) for d, head, g in phrases[ws]
                if (d.type in CLIP_GENERICS[gen] if gen else d.code in misrendered)]
        if not fits:
            continue
        divisions = sorted({d.code: d for d, _, _ in fits}.values(), key=lambda d: d.code)
        start = lead.start(1) if article and lead is not None else m.start()
        end = m.end("gen") if gen else m.end("name")
        out.append(Clipped(start, end, full, divisions, gen, (fits[0][1], fits[0][2])))
    return out


@rule(
    "PT306",
    "clipped-place-name",
    family="places",
    fix=Applicability.UNSAFE,
    examples=[
        Example(
            "The Wuhu City procuratorate built a brand for the Bay 沚 procuratorate, "
            "and the Bay Area's procuratorial work grew.",
            "The Wuhu City procuratorate built a brand for the Bay 沚 procuratorate, "
            "and Wanzhi District's procuratorial work grew.",
            "The Wuhu City procuratorate built a brand for the Bay 沚 procuratorate, "
            "and Wanzhi District's procuratorial work grew.",
        ),
    ],
)
def clipped_place_name(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A place name cut down to the literal gloss of its first character ("the Bay" or
    "Bay Area" for 湾沚, Wanzhi).

    ## What it does
    Takes the divisions the text names in any form (official English, its Chinese lines, a
    half-translated "Bay 沚", a misspelt "Wandang District") that lie under the places it
    names, and the glosses of their first character or characters that are one word naming a
    landscape feature, among the first two glosses of the dictionary (湾 "bay", 湖 "lake", 江
    "river", 山 "mountain" …). It reports that gloss used as a name on its own, capitalised:
    with a generic ("Bay Area", "Bay District"), or after "the" ("the Bay") when the text
    also misrenders that division ("Bay 沚", "Wandang District") or its Chinese lines name
    it; a text that writes "Jiangning District" correctly may well say "the River". It stays
    silent when the gloss ends a longer name anywhere in the text
    ("Greater Bay Area", "San Francisco Bay Area", "the Yangtze River"), when it is a real
    name or the whole name of a division in scope translated, and when it is followed by
    Chinese characters (PT301's "Bay 沚"), by "of" ("the Bay of Bengal") or by another
    capitalised word ("the Bay Bridge").

    ## Why it matters
    MT engines translate the first character of a name they do not know and drop the rest:
    湾沚区 becomes "the Bay Area", which an English reader takes for San Francisco or the
    Greater Bay Area of Guangdong.

    ## Example
    ```
    the Bay 沚 procuratorate … and the Bay Area's procuratorial work grew.
    ```

    ## Use instead
    ```
    the Wanzhi procuratorate … and Wanzhi District's procuratorial work grew.
    ```

    ## Fix safety
    Unsafe: a clipped gloss is an inference from the rest of the text, and "the Bay" may be
    a bay after all. The fix writes the division's English over the phrase and its article
    ("the Bay Area" → "Wanzhi District", "the Bay" → "Wanzhi"); with several candidates
    they are suggestions only. The finding's ``data`` names the division.
    """
    r = clipped_place_name.rule  # type: ignore[attr-defined]
    text = doc.text
    named = evidence(doc, ctx)
    misspelt = {v.close[0][0].code: w for w, v in misspellings(doc, ctx).items() if len(v.close) == 1}
    for c in doc.cached("places.clipped", lambda d: _clipped(d, ctx)):
        written = text[c.start:c.end]
        head, gloss = c.reading
        data = division_data([(d, 0.0) for d in c.divisions])
        if len(c.divisions) == 1:
            d = c.divisions[0]
            how = named.get(d.code) or f"this text also writes it {misspelt[d.code]!r}"
            repl = d.en if c.generic else d.en_short
            yield r.finding(f"{written!r} probably stands for {d.zh} {d.en}: {head} of {d.short} is {gloss!r}, and "
                            f"{how}; write {repl!r} if that place is meant", c.start, c.end, repl,
                            suggestions=(repl,), data=data)
        else:
            names = tuple(d.en if c.generic else d.en_short for d in c.divisions)
            yield r.finding(f"{written!r} may stand for a place this text names: "
                            + "; ".join(f"{d.zh} {d.en}" for d in c.divisions[:3]) + "; check which",
                            c.start, c.end, suggestions=names, data=data)


# -- PT307: plain pinyin where the official English is something else -------------------------

#: the first words of the generics a division's English ends with (Banner, County, City …)
_GENERIC_WORDS = frozenset({"Banner", "County", "City", "District", "League", "Prefecture", "Autonomous", "Region",
                  "Mining", "Forestry", "New", "Special"})


@dataclass(frozen=True, slots=True)
class _PinyinVariant:
    code: str
    zh: str
    syllables: tuple[str, ...]
    en_short: str
    kind: str  # reading | conventional | half


def _pinyin_variants() -> tuple[dict[str, list[_PinyinVariant]], frozenset[str]]:
    from ..data import read_tsv

    by_key: dict[str, list[_PinyinVariant]] = {}
    for row in read_tsv("places/pinyin_variants.tsv"):
        v = _PinyinVariant(row["code"], row["zh"], tuple(row["pinyin"].split()), row["en_short"], row["kind"])
        by_key.setdefault("".join(v.syllables), []).append(v)
    starts = frozenset(k[:n] for k in by_key for n in range(1, len(k) + 1))
    return by_key, starts


_PINYIN_VARIANTS: "tuple[dict[str, list[_PinyinVariant]], frozenset[str]] | None" = None


def pinyin_variants() -> "tuple[dict[str, list[_PinyinVariant]], frozenset[str]]":
    """The rows of ``glossaries/places/pinyin_variants.tsv`` by their joined syllables, and
    every beginning of those (read on first use)."""
    global _PINYIN_VARIANTS
    if _PINYIN_VARIANTS is None:
        _PINYIN_VARIANTS = _pinyin_variants()
    return _PINYIN_VARIANTS


#: a run of capitalised words (a name and its generic), and one word of it
_CAP_RUN = rx.compile(r"(?<![\p{L}\p{M}'’-])[A-Z][a-zü]*(?:['’-][a-zü]+)*(?:[ -][A-Z][a-zü]*(?:['’-][a-zü]+)*)*"
                         r"(?![\p{L}\p{M}])")
_CAP_WORD = rx.compile(r"[A-Z][a-zü]*(?:['’-][a-zü]+)*")


#: a word of a capitalised run with an apostrophe or a hyphen inside (its key drops them)
_WORD_MARK = rx.compile(r"['’-]")


def _pinyin_names(text: str, by_key: "dict[str, list[_PinyinVariant]]",
                  starts: frozenset[str]) -> Iterator[tuple[int, int, bool, list]]:
    """(start, end, before a generic, variants) of each run of capitalised words of ``text``
    that joins into a form of the table, longest first, leftmost first.

    The key of words i..j is their letters, lower-cased, joined: the text between two words
    of a run is a blank or a hyphen and a word's own marks are apostrophes and hyphens, so
    this is the span with everything but [a-zü] removed."""
    for run in _CAP_RUN.finditer(text):
        rs, re_ = run.span()
        if text.find(" ", rs, re_) < 0 and text.find("-", rs, re_) < 0:  # one word: most runs
            key = run.group().lower()
            if "'" in key or "’" in key:
                key = key.replace("'", "").replace("’", "")
            if key in starts:
                variants = by_key.get(key)
                if variants:
                    yield rs, re_, False, variants
            continue
        words = [(w.start(), w.end()) for w in _CAP_WORD.finditer(text, rs, re_)]
        keys = [text[a:b].lower() for a, b in words]
        if _WORD_MARK.search(text, rs, re_):
            keys = [k.replace("'", "").replace("’", "").replace("-", "") for k in keys]
        n = len(words)
        i = 0
        while i < n:
            if keys[i] not in starts:
                i += 1
                continue
            for j in range(min(n, i + 4) - 1, i - 1, -1):
                variants = by_key.get("".join(keys[i:j + 1]))
                if variants:
                    generic = j + 1 < n and text[words[j + 1][0]:words[j + 1][1]] in _GENERIC_WORDS
                    yield words[i][0], words[j][1], generic, variants
                    i = j
                    break
            i += 1


@rule(
    "PT307",
    "pinyin-for-official-name",
    family="places",
    fix=Applicability.UNSAFE,
    examples=[
        Example("The Wulateqian Banner procuratorate filed a public interest lawsuit.",
                "The Urad Front Banner procuratorate filed a public interest lawsuit.",
                "The Urad Front Banner procuratorate filed a public interest lawsuit."),
        Example("Prosecutors in Hongdong County reviewed the case.",
                "Prosecutors in Hongtong County reviewed the case.",
                "Prosecutors in Hongtong County reviewed the case."),
    ],
)
def pinyin_for_official_name(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A place name written in plain pinyin where its official English is something else.

    ## What it does
    Reports the plain pinyin of a division whose official English is not that pinyin: names
    of Mongolian, Tibetan, Uygur and other origin written by their conventional
    transcription (乌拉特前旗 "Urad Front Banner", not "Wulateqian Banner"; 呼和浩特 Hohhot,
    not "Huhehaote"; 内蒙古 Inner Mongolia, not "Neimenggu"; nor half transcribed, half pinyin:
    "Uradqian Banner"), and names with a character that
    machine pinyin reads wrongly (洪洞 Hongtong, not "Hongdong"; 长阳 Changyang, not
    "Zhangyang"). The forms come from `glossaries/places/pinyin_variants.tsv`, generated by
    `scripts/build_pinyin_variants.py` from the gazetteer and its reviewed override table.
    A form of two syllables, or a wrong reading, is reported only before a generic ("Hongdong
    County", "Ali Prefecture"): alone it may be a person's name. Forms that are the English
    name of another division or township are never in the table (兴安 Xing'an County stays, and so does "Zhangzhi", a township's name),
    and a pinyin followed by its official English in the next words ("Huhehaote (Hohhot)")
    is a gloss, left alone.

    ## Why it matters
    Machine translation and pinyin converters transliterate every name character by
    character. Official English (the national rules for place names in minority-language
    areas, and the names these places use themselves) differs, and a reader searching for
    "Urad Front Banner" or "Changzhi" does not find the place.

    ## Example
    ```
    The Wulateqian Banner procuratorate filed a public interest lawsuit.
    ```

    ## Use instead
    ```
    The Urad Front Banner procuratorate filed a public interest lawsuit.
    ```

    ## Fix safety
    Unsafe: the fix writes the official English over the pinyin, and a pinyin may, rarely,
    be meant (a person named after the place). Where one pinyin stands for several places,
    their names are suggestions only. The finding's ``data`` names the division.
    """
    r = pinyin_for_official_name.rule  # type: ignore[attr-defined]
    text = doc.text
    by_key, starts = pinyin_variants()
    gaz = ctx.get_gazetteer()
    for start, name_end, generic, variants in _pinyin_names(text, by_key, starts):
        strong = [v for v in variants if v.kind == "half" or v.kind == "conventional" and len(v.syllables) >= 3]
        if not generic and not strong:
            continue
        if not generic:
            variants = strong
        after = text[name_end:name_end + 40]
        if any(v.en_short in after for v in variants):
            continue  # "Huhehaote (Hohhot)": a gloss
        divisions = [d for d in (gaz.get(v.code) for v in variants) if d is not None]
        if not divisions:
            continue
        written = text[start:name_end]
        names = tuple(dict.fromkeys(v.en_short for v in variants))
        data = division_data([(d, 0.0) for d in divisions])
        if len(names) == 1:
            d = divisions[0]
            how = (f"writes {d.zh} half transcribed, half in pinyin" if all(v.kind == "half" for v in variants)
                   else f"is the plain pinyin of {d.zh}")
            yield r.finding(f"{written!r} {how}; its official English is {d.en!r}: "
                            f"write {names[0]!r}", start, name_end, names[0], suggestions=names, data=data)
        else:
            yield r.finding(f"{written!r} is the plain pinyin of " + ", ".join(f"{d.zh} {d.en}" for d in divisions[:3])
                            + "; write the official English of the place meant", start, name_end,
                            suggestions=names, data=data)
