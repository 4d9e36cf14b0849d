"""Toneless Hanyu Pinyin: the syllable inventory, splitting romanized names into syllables,
and a syllable-aware distance for ranking misspelt or mistranslated place names.

Spelling
--------
:data:`SYLLABLES` holds the 409 canonical toneless syllables of standard Mandarin (the
ordinary table of 汉语拼音方案 without the interjections m, n, ng, hm, hng, ê and the
marginal biang/fiao/…). ``ü`` is written ``ü`` in canonical forms (``lü``, ``nüe``; after
j, q, x and y it is written ``u``, as the scheme prescribes). :data:`SPELLINGS` maps every
accepted spelling to its canonical syllable: the canonical forms themselves, the ``v``
forms (``lv``, ``nve``), the ``u`` forms that are unambiguous (``lue``, ``nue``) and
``jü``/``qü``/``xü``/``yü`` (``jüe`` …). ``lu`` and ``nu`` stay ``lu`` and ``nu``; they are
close to ``lü`` and ``nü`` in :func:`syllable_distance`.

Splitting (:func:`syllables`)
-----------------------------
Tone marks are stripped (``Xī'ān`` → ``xi'an``), case is folded, apostrophes, hyphens
and spaces force a boundary. Each piece is split into valid syllables; among the valid
splits the one with the **fewest syllables** wins (``Xian`` → ``xian``, not ``xi an``).
Ties are broken by the apostrophe rule of the scheme and GB/T 16159-2012: a syllable that
begins with a, o or e is written with an apostrophe when it does not start the word, so
in an unapostrophed piece a non-initial syllable begins with a consonant (or y/w):
``Jinan`` → ``ji nan`` (济南), ``Xingan`` → ``xin gan`` (新干; 兴安 is ``Xing'an``),
``Fangeng`` → ``fan geng``, ``Changan`` → ``chan gan`` (长安 is spelt ``Chang'an``). Remaining
ties prefer longer syllables first (left-greedy), which only makes the result
deterministic.

Syllable distance (:func:`syllable_distance`)
---------------------------------------------
A syllable is split into an *initial* and a *final*, phonologically: the y/w spellings
write a medial, so ``yan`` = ∅ + ``ian``, ``wan`` = ∅ + ``uan``, ``wei`` = ∅ + ``ui``,
``yu`` = ∅ + ``ü``; after j, q, x, ``u`` is ``ü`` (``ju`` = j + ``ü``). Initials and finals are
each compared on a three-step scale:

====================  =====  ==============================================================
comparison            d      pairs
====================  =====  ==============================================================
same                  0
close                 0.5    initials: zh/z/j, ch/c/q, sh/s/x (each trio pairwise), n/l,
                             f/h, r/l, b/p, d/t, g/k;
                             finals: an/ang, en/eng, in/ing, ian/iang, uan/uang, eng/ong,
                             ing/iong, ueng/ong, ueng/eng, i/ü, u/ü, ie/üe, in/ün,
                             ian/üan, o/uo, e/o
different             1      everything else (a medial alone makes finals different:
                             an/uan, ang/iang)
====================  =====  ==============================================================

and the syllable cost is ``½·d_initial + ½·d_final``. So, for two syllables with consonant
initials:

=========  =========  =====  =======================================
initial    final      cost   examples
=========  =========  =====  =======================================
same       same       0      zhi/zhi
same       close      0.25   fan/fang, lu/lü, xian/xiang
close      same       0.25   zhi/zi, nan/lan, hu/fu
close      close      0.5    zhan/zang
same       different  0.5    dang/ding, zhi/zhou
different  same       0.5    dang/chang, peng/cheng, gui/wei
close      different  0.75   zhi/zu
different  close      0.75   dang/shan, peng/rong
different  different  1      dang/zhi, peng/zhi, gui/zhi
=========  =========  =====  =======================================

A syllable without a consonant initial (a, e, o, er and the y/w spellings) against one with
a consonant initial counts the initial as different (``yi``/``ji`` = 0.5). Two syllables that
both lack a consonant initial are compared by their finals alone — 0.25 when the finals
are close (``yan``/``yang``), otherwise 1 (``wan``/``wu``, ``yan``/``wan``): a missing initial is
not a shared sound, and ``w`` and ``y`` only spell the medial that the final already holds.

A string that is not a valid syllable falls back to ``levenshtein / max(len)``.

Name distance (:func:`distance`)
--------------------------------
Both names are case-folded, tone marks removed, and apostrophes, hyphens and spaces
ignored: names with the same letters are at distance 0 (``Xian`` = ``Xi'an``). Otherwise each
name is split into its candidate syllable sequences (the apostrophe-respecting split and
every fewest-syllable split of the letters), and the distance is the minimum over the pairs
of a dynamic-programming alignment with insertion and deletion cost 1 and substitution
cost :func:`syllable_distance`. One wholly wrong syllable therefore costs 1, a lost or
extra syllable costs 1, and a near-homophone 0.25–0.5.

When either name cannot be split into pinyin syllables (OCR damage such as ``Wanzhl``,
minority-language forms such as ``Tumd Left``), the distance is the character Levenshtein
distance of the letter strings divided by 2: one wrong letter counts as half a syllable,
and a wholly wrong two- or three-letter syllable as 1 to 1.5, the same scale as above.

Threshold: :data:`CLOSE` = 1.0. ``distance(a, b) <= CLOSE`` means "at most one syllable wholly
wrong, or two syllables half wrong, or one syllable missing or extra". A rule may act on a
misspelling when exactly one candidate in the expected set (say the county-level divisions
of the city named nearby) is close. Among the county-level divisions of 芜湖市, ``Wandang``,
``Wanpeng`` and ``Wangui`` are each at 1.0 from ``Wanzhi`` and at least 1.5 from every other
name.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Iterable

__all__ = [
    "CLOSE",
    "SPELLINGS",
    "SYLLABLES",
    "distance",
    "is_close",
    "levenshtein",
    "normalize",
    "rank",
    "segmentations",
    "split",
    "syllable_distance",
    "syllables",
]

#: A name distance at or below this is "close" (see the module documentation).
CLOSE = 1.0

_TABLE = """
a ai an ang ao e ei en eng er o ou
yi ya yao ye you yan yin yang ying yo yong yu yue yuan yun
wu wa wo wai wei wan wen wang weng
ba bo bai bei bao ban ben bang beng bi bie biao bian bin bing bu
pa po pai pei pao pou pan pen pang peng pi pie piao pian pin ping pu
ma mo me mai mei mao mou man men mang meng mi mie miao miu mian min ming mu
fa fo fei fou fan fen fang feng fu
da de dai dei dao dou dan den dang deng dong di dia die diao diu dian ding du duo dui duan dun
ta te tai tei tao tou tan tang teng tong ti tie tiao tian ting tu tuo tui tuan tun
na ne nai nei nao nou nan nen nang neng nong ni nie niao niu nian nin niang ning nu nuo nuan nü nüe
la le lo lai lei lao lou lan lang leng long li lia lie liao liu lian lin liang ling lu luo luan lun lü lüe
ga ge gai gei gao gou gan gen gang geng gong gu gua guo guai gui guan gun guang
ka ke kai kei kao kou kan ken kang keng kong ku kua kuo kuai kui kuan kun kuang
ha he hai hei hao hou han hen hang heng hong hu hua huo huai hui huan hun huang
ji jia jie jiao jiu jian jin jiang jing jiong ju jue juan jun
qi qia qie qiao qiu qian qin qiang qing qiong qu que quan qun
xi xia xie xiao xiu xian xin xiang xing xiong xu xue xuan xun
zha zhe zhi zhai zhei zhao zhou zhan zhen zhang zheng zhong zhu zhua zhuo zhuai zhui zhuan zhun zhuang
cha che chi chai chao chou chan chen chang cheng chong chu chua chuo chuai chui chuan chun chuang
sha she shi shai shei shao shou shan shen shang sheng shu shua shuo shuai shui shuan shun shuang
re ri rao rou ran ren rang reng rong ru rua ruo rui ruan run
za ze zi zai zei zao zou zan zen zang zeng zong zu zuo zui zuan zun
ca ce ci cai cao cou can cen cang ceng cong cu cuo cui cuan cun
sa se si sai sao sou san sen sang seng song su suo sui suan sun
"""

#: The canonical toneless syllables (ü written ``ü`` after l and n).
SYLLABLES: frozenset[str] = frozenset(_TABLE.split())


def _spellings() -> dict[str, str]:
    out = {s: s for s in SYLLABLES}
    for s in SYLLABLES:
        if "ü" in s:
            out[s.replace("ü", "v")] = s  # lv, nve
            if s.endswith("üe"):
                out[s.replace("ü", "u")] = s  # lue, nue (lu, nu are other syllables)
        elif s[0] in "jqxy" and s[1:2] == "u":
            out[s[0] + "ü" + s[2:]] = s  # jü, qüe, xüan, yün
            out[s[0] + "v" + s[2:]] = s  # jv, qve …
    return out


#: Every accepted spelling → its canonical syllable.
SPELLINGS: dict[str, str] = _spellings()
_MAXLEN = max(map(len, SPELLINGS))

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
             "j", "q", "x", "r", "z", "c", "s")

_Y_FINALS = {"yi": "i", "ya": "ia", "yao": "iao", "ye": "ie", "you": "iu", "yan": "ian",
             "yin": "in", "yang": "iang", "ying": "ing", "yo": "io", "yong": "iong",
             "yu": "ü", "yue": "üe", "yuan": "üan", "yun": "ün"}
_W_FINALS = {"wu": "u", "wa": "ua", "wo": "uo", "wai": "uai", "wei": "ui", "wan": "uan",
             "wen": "un", "wang": "uang", "weng": "ueng"}


def _pairs(groups: Iterable[str]) -> frozenset[frozenset[str]]:
    out: set[frozenset[str]] = set()
    for group in groups:
        items = group.split("/")
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                out.add(frozenset((a, b)))
    return frozenset(out)


_CLOSE_INITIALS = _pairs(["zh/z/j", "ch/c/q", "sh/s/x", "n/l", "f/h", "r/l", "b/p", "d/t", "g/k"])
_CLOSE_FINALS = _pairs(["an/ang", "en/eng", "in/ing", "ian/iang", "uan/uang", "eng/ong",
                        "ing/iong", "ueng/ong", "ueng/eng", "i/ü", "u/ü", "ie/üe", "in/ün",
                        "ian/üan", "o/uo", "e/o"])


@functools.lru_cache(maxsize=None)
def _parts(syllable: str) -> tuple[str, str]:
    """(initial, final) of a canonical syllable; the initial is "" for a, e, o, er, y-, w-."""
    if syllable in _Y_FINALS:
        return "", _Y_FINALS[syllable]
    if syllable in _W_FINALS:
        return "", _W_FINALS[syllable]
    for ini in _INITIALS:
        if syllable.startswith(ini) and len(syllable) > len(ini):
            final = syllable[len(ini):]
            if ini in ("j", "q", "x") and final.startswith("u"):
                final = "ü" + final[1:]
            return ini, final
    return "", syllable


def _d(a: str, b: str, close: frozenset[frozenset[str]]) -> float:
    if a == b:
        return 0.0
    return 0.5 if frozenset((a, b)) in close else 1.0


def levenshtein(a: str, b: str) -> int:
    """Character edit distance (insertion, deletion, substitution cost 1)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _canonical(s: str) -> str | None:
    return SPELLINGS.get(normalize(s).replace("'", ""))


_SD_CACHE: dict[tuple[str, str], float] = {}


def _sd(a: str, b: str) -> float:
    """syllable_distance for canonical syllables, memoized."""
    if a == b:
        return 0.0
    key = (a, b)
    got = _SD_CACHE.get(key)
    if got is not None:
        return got
    ia, fa = _parts(a)
    ib, fb = _parts(b)
    df = _d(fa, fb, _CLOSE_FINALS)
    if not ia and not ib:
        cost = 0.25 if df == 0.5 else 1.0
    else:
        di = _d(ia, ib, _CLOSE_INITIALS) if ia and ib else 1.0
        cost = 0.5 * di + 0.5 * df
    _SD_CACHE[key] = _SD_CACHE[(b, a)] = cost
    return cost


def syllable_distance(a: str, b: str) -> float:
    """Distance in [0, 1] between two syllables (any accepted spelling, any case).

    See the module documentation for the cost table. Strings that are not syllables are
    compared by ``levenshtein / max(len)``.
    """
    ca, cb = _canonical(a), _canonical(b)
    if ca is None or cb is None:
        na, nb = normalize(a).replace("'", ""), normalize(b).replace("'", "")
        if na == nb:
            return 0.0
        return levenshtein(na, nb) / max(len(na), len(nb))
    return _sd(ca, cb)


_APOSTROPHES = "'’ʼ‘`´"
_BOUNDARY = str.maketrans({**{c: "'" for c in _APOSTROPHES}, "-": "'", " ": "'", "\u2010": "'",
                           "\u2011": "'", "\u00a0": "'", "\t": "'"})


@functools.lru_cache(maxsize=65536)
def normalize(word: str) -> str:
    """Case-folded, tone marks removed (ü kept), every apostrophe, hyphen or space → ``'``."""
    decomposed = unicodedata.normalize("NFD", word)
    kept = "".join(c for c in decomposed
                   if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", kept).casefold().translate(_BOUNDARY).strip("'")


def _letters(word: str) -> str:
    return normalize(word).replace("'", "")


#: At most this many splits of one piece are enumerated. A long run of ambiguous letters
#: has exponentially many fewest-syllable splits ("wandangjianyuanxingan" repeated eight
#: times: 32,768, found in 96 s); no place name has more than two.
MAX_SPLITS = 64


@functools.lru_cache(maxsize=65536)
def split(piece: str) -> tuple[tuple[str, ...], ...]:
    """Every fewest-syllable split of one unapostrophed lower-case piece, best first (at
    most :data:`MAX_SPLITS` of them, so the time is linear in the length of the piece).

    Returns canonical syllables; ``()`` when the piece cannot be split.
    """
    n = len(piece)
    if n == 0:
        return ((),)
    # best[i] = fewest syllables for piece[i:]; nxt[i] = spellings achieving it
    inf = n + 1
    best = [inf] * (n + 1)
    best[n] = 0
    nxt: list[list[int]] = [[] for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, min(n, i + _MAXLEN) + 1):
            if piece[i:j] in SPELLINGS and best[j] + 1 <= best[i]:
                if best[j] + 1 < best[i]:
                    best[i] = best[j] + 1
                    nxt[i] = []
                nxt[i].append(j)
    if best[0] >= inf:
        return ()
    results: list[tuple[str, ...]] = []

    # depth first, iteratively (a piece may be thousands of letters long); every path ends at
    # n, as nxt only holds positions from which the rest splits
    stack: list[tuple[int, int]] = [(0, 0)]  # (position, index of the next choice there)
    acc: list[str] = []
    while stack and len(results) < MAX_SPLITS:
        i, k = stack[-1]
        if i == n:
            results.append(tuple(acc))
            stack.pop()
            if acc:
                acc.pop()
            continue
        if k == len(nxt[i]):
            stack.pop()
            if acc:
                acc.pop()
            continue
        stack[-1] = (i, k + 1)
        j = nxt[i][k]
        acc.append(SPELLINGS[piece[i:j]])
        stack.append((j, 0))

    def key(seg: tuple[str, ...]) -> tuple:
        violations = sum(1 for s in seg[1:] if s[0] in "aoe")
        return (violations, tuple(-len(s) for s in seg))

    results.sort(key=key)
    return tuple(results)


def syllables(word: str) -> list[str] | None:
    """Split a romanized word into canonical pinyin syllables, or None if it is not pinyin.

    Case-insensitive; tone marks are ignored; apostrophes, hyphens and spaces force a
    boundary; ``v`` and ``ü`` forms are accepted and returned as ``ü`` (``Lvliang`` →
    ``['lü', 'liang']``). Fewest syllables first, ties by the apostrophe rule (see the
    module documentation): ``Xian`` → ``['xian']``, ``Xi'an`` → ``['xi', 'an']``, ``Jinan`` →
    ``['ji', 'nan']``, ``Changan`` → ``['chan', 'gan']``.
    """
    norm = normalize(word)
    if not norm:
        return None
    out: list[str] = []
    for piece in norm.split("'"):
        if not piece:
            continue
        splits = split(piece)
        if not splits:
            return None
        out.extend(splits[0])
    return out or None


@functools.lru_cache(maxsize=65536)
def segmentations(word: str) -> tuple[tuple[str, ...], ...]:
    """The candidate syllable sequences of a name, as :func:`distance` uses them.

    The apostrophe-respecting split first, then every fewest-syllable split of the
    letters with apostrophes removed; ``()`` when the name is not pinyin.
    """
    out: list[tuple[str, ...]] = []
    first = syllables(word)
    if first is not None:
        out.append(tuple(first))
    letters = _letters(word)
    if letters:
        for seg in split(letters):
            if seg not in out:
                out.append(seg)
    return tuple(out)


def _align(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    m = len(b)
    prev = [float(j) for j in range(m + 1)]
    for i, sa in enumerate(a, 1):
        cur = [float(i)]
        for j, sb in enumerate(b, 1):
            sub = prev[j - 1] + (0.0 if sa == sb else _sd(sa, sb))
            ins = cur[j - 1] + 1.0
            dele = prev[j] + 1.0
            cur.append(min(sub, ins, dele))
        prev = cur
    return prev[m]


def _distance_segs(la: str, sa: tuple[tuple[str, ...], ...],
                   lb: str, sb: tuple[tuple[str, ...], ...]) -> float:
    if la == lb:
        return 0.0
    if sa and sb:
        return min(_align(x, y) for x in sa for y in sb)
    return levenshtein(la, lb) / 2


def distance(a: str, b: str) -> float:
    """Syllable-aware distance between two romanized names (their specific parts).

    0 for names with the same letters (case, tone marks, apostrophes, hyphens and spaces
    ignored); otherwise the cheapest alignment of their syllable sequences (indel 1,
    substitution :func:`syllable_distance`), or, when either is not pinyin, the character
    Levenshtein distance divided by 2. See :data:`CLOSE`.
    """
    return _distance_segs(_letters(a), segmentations(a), _letters(b), segmentations(b))


def is_close(d: float) -> bool:
    """Whether a name distance counts as close (``d <= CLOSE``)."""
    return d <= CLOSE


def rank(word: str, candidates: Iterable[str]) -> list[tuple[str, float]]:
    """Candidates with their distance to ``word``, nearest first, ties by name."""
    lw, sw = _letters(word), segmentations(word)
    scored = [(c, _distance_segs(lw, sw, _letters(c), segmentations(c))) for c in set(candidates)]
    scored.sort(key=lambda item: (item[1], item[0]))
    return scored
