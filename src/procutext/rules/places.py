"""Place names: misrendered names of Chinese administrative divisions, checked against the
shipped gazetteer (glossaries/places/divisions.tsv) and the glosses of the characters in
its names (glossaries/places/glosses.tsv).

All four rules share one analysis of the document (``_analyse``): the capitalised words, the
divisions they name, and the *scope*: the divisions under the places the document names
(a text about "Wuhu City" draws its district names from Wuhu's seven county-level units).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

import regex

from ..model import Applicability, Finding, Severity
from ..registry import Example, rule

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document
    from ..places import Division, Gazetteer
    from ..places.glosses import Glosses

#: a capitalised word (pinyin names may carry an apostrophe: Xi'an, Lu'an)
CAP = regex.compile(r"(?<![\p{L}\p{N}'’\-])\p{Lu}\p{Ll}+(?:['’]\p{Ll}+)?(?![\p{L}\p{N}])")
HAN = regex.compile(r"\p{Han}+")
SPACE = regex.compile(r"[ \t\u00a0]{1,2}")
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
PLACE_AFTER = regex.compile(r"[ \u00a0](?:District|County|City|Banner|Prefecture|League|Province|"
                            r"[Pp]rocuratorate|People's|People’s|[Pp]rosecutors?)\b")
#: landmarks: a literal name ending in one of these may be the landmark itself ("Hangzhou West
#: Lake", "Huangshan Yellow Mountain"), so only a generic (District, County) confirms it
FEATURES = frozenset("""lake lakes mountain mountains hill hills river rivers island islands bay sea
    peak peaks spring springs valley gorge temple pond stream creek harbor harbour port bridge
    garden gardens park pass gate tower pagoda cave caves cliff beach shore coast plain forest
    desert field fields well falls waterfall canal dam reservoir""".split())
#: what may follow a misspelt name for the fix to be safe where the word recurs
PLACE_CONTEXT = regex.compile(r"[ \u00a0](?:District|County|City|Banner|Prefecture|League|Branch|"
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
    otherwise the candidates are given as suggestions.
    """
    r = mixed_script_place.rule  # type: ignore[attr-defined]
    text = doc.text
    if HAN.search(text) is None:
        return
    from ..analysis import line_classes
    from ..places.glosses import default_glosses
    from .leftovers import _is_gloss

    classes = line_classes(doc, ctx)
    gaz = ctx.get_gazetteer()
    glosses = default_glosses()
    a = analysis(doc, ctx)
    starts = [w[0] for w in a.words]
    import bisect

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
        same_span = [c for c in cands if (c[1], c[2]) == (best_s, best_e)]
        names = sorted({c[0].en_short if han != c[0].zh else c[0].en for c in same_span})
        if _named_beside(text, best_s, best_e, [c[0] for c in same_span]):
            continue  # the English name is there already: "Wanzhi 湾沚", "湾沚区 Wanzhi District"
        written = text[best_s:best_e]
        described = "; ".join(f"{c[0].zh} {c[0].en}" for c in same_span[:3])
        if len(names) == 1 and may_fix:
            yield r.finding(f"{written!r} is a half-translated place name: {described}; write {names[0]!r}",
                            best_s, best_e, names[0], suggestions=tuple(names))
        elif len(names) == 1:
            yield r.finding(f"{written!r} is a half-translated place name: {described}, which is not under "
                            f"the places this text names; check it", best_s, best_e, suggestions=tuple(names))
        else:
            yield r.finding(f"{written!r} is a half-translated place name; it may be {described}",
                            best_s, best_e, suggestions=tuple(names))


# -- PT302 ------------------------------------------------------------------------------------
def _compose(words: list[str], glosses: "Glosses", prefixes: frozenset[str]) -> list[tuple[int, str]]:
    """Ways to read ``words`` (from the first) as the glosses of a name's characters: a list
    of (number of words used, Chinese string) for every reading that is a name prefix."""
    out: list[tuple[int, str]] = []
    frontier: list[tuple[int, str]] = [(0, "")]
    while frontier:
        used, zh = frontier.pop()
        if used == len(words):
            continue
        first = words[used].lower()
        for n in glosses.first_words.get(first, ()):
            if used + n > len(words):
                continue
            key = tuple(w.lower() for w in words[used:used + n])
            for unit in glosses.units(key):
                nz = zh + unit
                if nz in prefixes:
                    out.append((used + n, nz))
                    frontier.append((used + n, nz))
    return out


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
    Safe when exactly one division fits; otherwise the candidates are suggestions.
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
            readings = memo[key] = sorted(_compose(list(key), glosses, prefixes), key=lambda x: -x[0])
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
        if len(names) == 1 and not may_fix:
            yield r.finding(f"{written!r} may translate the characters of a place name literally: "
                            f"{described}, which is not under the places this text names; check it",
                            s, e, suggestions=tuple(names))
        elif len(names) == 1:
            yield r.finding(f"{written!r} translates the characters of a place name literally: "
                            f"{described}; write {names[0]!r}", s, e, names[0], suggestions=tuple(names))
        else:
            yield r.finding(f"{written!r} translates the characters of a place name literally; "
                            f"it may be {described}", s, e, suggestions=tuple(names))


# -- PT303 ------------------------------------------------------------------------------------
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
    weighs whole syllables, initials and finals. When a candidate is close, it is reported
    with its distance and a confidence, and so is every other occurrence of the same
    misspelling in the document ("Wangui Branch"). In a bilingual document the divisions
    named in its Chinese lines come first: the source decides.

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
    Safe only when exactly one candidate is close (distance at most 1, about one syllable
    wrong); otherwise the close candidates are given as suggestions. Nothing is reported when
    the document names no place (in English or in its Chinese lines) to draw candidates from.
    """
    r = misspelled_place.rule  # type: ignore[attr-defined]
    a = analysis(doc, ctx)
    if not a.scope:
        return
    from ..places.pinyin import CLOSE, distance

    gaz = ctx.get_gazetteer()
    text = doc.text
    words = a.words
    verdicts: dict[str, tuple[list[tuple[Division, float]], int]] = {}
    for idx in range(len(words) - 1):
        s, e, w = words[idx]
        generic = words[idx + 1][2]
        if generic not in GENERICS or idx in a.mentions or not _adjacent(text, e, words[idx + 1][0]):
            continue
        if w in verdicts or f"{w} {generic}" in COMPOUND_GENERICS or not _pinyin_word(w):
            continue
        if gaz.by_former_en(w):
            continue  # a former name ("Sanshan District", merged into Yijiang in 2020)
        if any(t.parent in a.scope or _parent_code(gaz, t.parent) in a.scope for t in gaz.townships_named(w)):
            continue  # a real town or subdistrict under the places the text names
        types = GENERICS[generic]
        close: list[tuple[Division, float]] = []
        ranked: list[tuple[Division, float]] = []
        # the Chinese source of a bilingual text decides first, then the named places' scope
        for pool in (a.source, a.scope):
            ranked = sorted(((d, distance(w, d.en_short)) for d in pool.values() if d.type in types),
                            key=lambda x: (x[1], x[0].code))
            close = [x for x in ranked if x[1] <= CLOSE]
            if close:
                break
        if close:
            verdicts[w] = (close, len(ranked))
    if not verdicts:
        return
    for s, e, w in words:
        v = verdicts.get(w)
        if v is None:
            continue
        close, n_cands = v
        best, dist = close[0]
        if len(close) == 1:
            conf = "high" if dist <= CLOSE / 2 else "medium"
            message = (f"{w!r} is no place name; the only close one of the {n_cands} divisions under the "
                       f"places this text names is {best.zh} {best.en} (distance {dist:.2f}, confidence {conf})")
            if PLACE_CONTEXT.match(text, e):
                yield r.finding(message, s, e, best.en_short, suggestions=(best.en_short,))
            else:  # the same word elsewhere, not used as a place here: it may be something else
                yield r.finding(message, s, e, suggestions=(best.en_short,))
        else:
            names = tuple(d.en_short for d, _ in close)
            yield r.finding(f"{w!r} is no place name; close candidates: "
                            + ", ".join(f"{d.en} ({x:.2f})" for d, x in close[:4]), s, e, suggestions=names)


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
    document uses it; names with the same letters but different places (Xingan 新干 and
    Xing'an 兴安) are left alone.
    """
    r = inconsistent_place_spelling.rule  # type: ignore[attr-defined]
    a = analysis(doc, ctx)
    gaz = ctx.get_gazetteer()
    text = doc.text
    words = a.words
    groups: dict[str, list[tuple[int, int, str]]] = {}
    officials: dict[str, str] = {}

    def add(s: int, e: int, form: str, divs: list["Division"]) -> None:
        spellings = {d.en_short for d in divs}
        if len(spellings) != 1:
            return
        official = next(iter(spellings))
        key = "".join(c for c in official.lower() if c.isalpha())
        officials[key] = official
        groups.setdefault(key, []).append((s, e, form))

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
            if uses_official:
                yield r.finding(msg, s, e, official, suggestions=(official,))
            else:
                yield r.finding(msg, s, e, official, suggestions=(official,),
                                applicability=Applicability.UNSAFE)


# -- PT305 ------------------------------------------------------------------------------------
#: generic words of zones and divisions that MT swaps for one another (区 is Zone, District, Area)
SWAPPED_GENERICS = {"Zone", "District", "Area", "Park", "County", "City"}
#: the capitalised words (and the connectors inside them) right before a generic
NAME_BEFORE = regex.compile(r"(?:(?:\p{Lu}[\p{L}'’\-]*|and|of|for)[ \u00a0]){2,8}$")


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
    itself uses.
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
        for s, e, g in occ:
            if g != main:
                yield r.finding(f"'… {label} {g}' is written '… {label} {main}' elsewhere in this text "
                                f"({counts[main]}×): one name, one generic", s, e, main, suggestions=(main,))
