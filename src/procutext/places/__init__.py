"""The gazetteer of Chinese administrative divisions (``glossaries/places/divisions.tsv``).

>>> from procutext.places import default_gazetteer
>>> gaz = default_gazetteer()
>>> gaz.describe(gaz.get("340210"))
'湾沚区 Wanzhi District (340210, county level) — Wuhu City, Anhui Province; former name 芜湖县 (until 2020)'
>>> [(h.division.zh, h.match) for h in gaz.lookup("芜湖县")]
[('湾沚区', 'former')]
>>> hit = gaz.lookup("Wandang", within="340200")[0]
>>> hit.division.en, hit.match, hit.distance
('Wanzhi District', 'near', 1.0)
>>> [(h.division.zh, h.match, h.matched) for h in gaz.lookup("Wuhu Inaction")]
[('无为市', 'gloss', '无为')]
>>> gaz.resolve("Wuhu City").code
'340200'

Province-, prefecture- and county-level divisions only (3,214 rows); see
``glossaries/places/README.md`` for how the English is formed. Misspelt Latin names are
matched with :func:`procutext.places.pinyin.distance`; a near hit with
``distance <= pinyin.CLOSE`` (1.0) is "close".
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from . import pinyin

__all__ = [
    "CLOSE",
    "Division",
    "Gazetteer",
    "Hit",
    "LEVELS",
    "NEAR",
    "PlaceNameError",
    "default_gazetteer",
    "describe",
    "load",
    "lookup",
    "parse",
]

CLOSE = pinyin.CLOSE
#: Near hits farther than this are not returned by :meth:`Gazetteer.lookup` (by default).
NEAR = 1.5

LEVELS = ("province", "prefecture", "county")
_LEVEL_ORDER = {level: i for i, level in enumerate(LEVELS)}

COLUMNS = ("code", "zh", "short", "type", "level", "en", "en_short", "parent", "former", "source")

#: The English generic of each Chinese generic, as ``en`` ends with it.
GENERIC_EN = {
    "省": "Province", "自治区": "Autonomous Region", "直辖市": "",
    "特别行政区": "Special Administrative Region", "市": "City", "自治州": "Autonomous Prefecture",
    "地区": "Prefecture", "盟": "League", "区": "District", "县": "County",
    "自治县": "Autonomous County", "旗": "Banner", "自治旗": "Autonomous Banner",
    "新区": "New Area", "林区": "Forestry District", "特区": "Special District",
    "矿区": "Mining District",
}
# Generic words a query may end with, longest first; each with the types it suggests.
_QUERY_GENERICS: tuple[tuple[str, frozenset[str]], ...] = tuple(sorted(
    [
        ("special administrative region", frozenset({"特别行政区"})),
        ("autonomous region", frozenset({"自治区"})),
        ("autonomous prefecture", frozenset({"自治州"})),
        ("autonomous county", frozenset({"自治县"})),
        ("autonomous banner", frozenset({"自治旗"})),
        ("forestry district", frozenset({"林区"})),
        ("special district", frozenset({"特区"})),
        ("mining district", frozenset({"矿区"})),
        ("new district", frozenset({"新区"})),
        ("new area", frozenset({"新区"})),
        ("municipality", frozenset({"直辖市"})),
        ("province", frozenset({"省"})),
        ("prefecture", frozenset({"地区", "自治州"})),
        ("district", frozenset({"区", "新区", "林区", "特区", "矿区"})),
        ("county", frozenset({"县", "自治县"})),
        ("banner", frozenset({"旗", "自治旗"})),
        ("league", frozenset({"盟"})),
        ("city", frozenset({"市", "直辖市"})),
    ],
    key=lambda item: -len(item[0]),
))

#: compiled on first use (the Han ranges alone took milliseconds at every start)
_PATTERNS = {"cjk": r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]", "code": r"\d{6}"}


@functools.lru_cache(maxsize=None)
def _pattern(name: str) -> "re.Pattern[str]":
    return re.compile(_PATTERNS[name])


@dataclass(frozen=True, slots=True)
class Division:
    """One row of ``divisions.tsv``."""

    code: str
    zh: str
    short: str
    type: str
    level: str
    en: str
    en_short: str
    parent: str
    former: tuple[tuple[str, int | None], ...]
    source: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A lookup result.

    ``match`` is ``code``, ``zh`` (full Chinese name), ``short`` (the specific part),
    ``former`` (a former Chinese name; ``matched`` and ``year`` say which), ``en`` (an exact
    English form, ignoring case, apostrophes, hyphens and spaces, with or without the
    generic), ``township``, ``gloss`` (English words that translate the characters of the
    name literally, as the rule PT302 reads them: "Wuhu Inaction" for 无为市, "Mirror Lake
    District" for 镜湖区; ``matched`` holds the characters read, 无为) or ``near`` (nearest by
    :func:`pinyin.distance` on ``en_short``). ``distance``
    is 0 except for near hits; ``confidence`` is 1 except for near hits, where it is
    ``1 - distance / L`` clipped to [0, 1], ``L`` being the larger syllable count of the two
    names (for names that are not pinyin, half the larger letter count): the share of
    syllables that are right.
    """

    division: Division
    match: str
    distance: float = 0.0
    confidence: float = 1.0
    matched: str = ""
    year: int | None = None

    @property
    def close(self) -> bool:
        return self.distance <= CLOSE

    @property
    def exact(self) -> bool:
        """Whether the query names this division as written (not a gloss or a near spelling)."""
        return self.match not in ("gloss", "near")


class PlaceNameError(LookupError):
    """A name that denotes no division, or several (:meth:`Gazetteer.resolve`);
    ``candidates`` are the divisions it may mean, best first, and ``ambiguous`` says which
    case it is (several divisions bear the name, or the candidates are only near it)."""

    def __init__(self, message: str, candidates: "list[Division]", ambiguous: bool = False) -> None:
        super().__init__(message)
        self.candidates = candidates
        self.ambiguous = ambiguous


def _parse_former(field: str) -> tuple[tuple[str, int | None], ...]:
    if not field:
        return ()
    out = []
    for item in field.split("|"):
        name, sep, year = item.rpartition("@")
        if not sep:
            out.append((item, None))
        else:
            out.append((name, int(year) if year.isdigit() else None))
    return tuple(out)


def parse(text: str) -> list[Division]:
    """Divisions from the text of a ``divisions.tsv`` (header row first)."""
    lines = text.split("\n")
    header = lines[0].rstrip("\r").split("\t")
    if tuple(header) == COLUMNS:
        order = None
    else:
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise ValueError(f"divisions.tsv: missing columns {missing}")
        order = [header.index(c) for c in COLUMNS]
    out = []
    for lineno, line in enumerate(lines[1:], 2):
        line = line.rstrip("\r")
        if not line:
            continue
        f = line.split("\t")
        if len(f) < len(header):
            raise ValueError(f"divisions.tsv line {lineno}: {len(f)} fields, expected {len(header)}")
        if order is not None:
            f = [f[i] for i in order]
        out.append(Division(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], _parse_former(f[8]), f[9]))
    return out


_KEY_DROP = str.maketrans("", "", "'’ʼ‘`´- .\u2010\u2011\u00a0")


def _en_key(name: str) -> str:
    """Key for English names: case-folded, tone marks dropped, apostrophes/hyphens/spaces/dots removed."""
    if not name.isascii():
        name = pinyin.normalize(name)
    return name.casefold().translate(_KEY_DROP)


def _strip_generic(en: str, type_: str) -> str:
    generic = GENERIC_EN.get(type_, "")
    if generic and en.endswith(" " + generic):
        return en[: -len(generic) - 1]
    for g, _ in _QUERY_GENERICS:
        if en.casefold().endswith(" " + g):
            return en[: -len(g) - 1]
    return en


def _split_query_generic(query: str) -> tuple[str, frozenset[str]]:
    """(the query without a trailing English generic, the types the generic suggests)."""
    q = " ".join(query.split())
    low = q.casefold()
    for g, types in _QUERY_GENERICS:
        if low.endswith(" " + g):
            return q[: -len(g) - 1].rstrip(" ,"), types
    return q, frozenset()


def _division_en_keys(d: Division) -> list[str]:
    """The English keys a division is found by (:meth:`Gazetteer.by_en`), in a fixed order."""
    keys = {_en_key(d.en), _en_key(d.en_short), _en_key(_strip_generic(d.en, d.type))}
    if d.type == "直辖市":
        keys.add(_en_key(d.en_short + "municipality"))
        keys.add(_en_key(d.en_short + "city"))
    if "ü" in d.en:
        keys |= {k.replace("ü", "v") for k in keys} | {k.replace("ü", "u") for k in keys}
    return sorted(keys)


class _Index:
    """A gazetteer index kept as row numbers (plain data, as the data cache stores it) and
    read as the rows' Divisions: ``get`` and ``[]`` give what a dict of Divisions would (the
    same list for a key each time, as that dict did), made on the key's first lookup."""

    __slots__ = ("_ids", "_gaz", "_kind", "_made")

    def __init__(self, ids: dict, gaz: "Gazetteer", kind: str) -> None:
        self._ids, self._gaz, self._kind = ids, gaz, kind  # kind: "one", "list" or "pairs"
        self._made: dict = {}

    def _read(self, ids):  # type: ignore[no-untyped-def]
        gaz = self._gaz
        if self._kind == "one":
            return gaz._row(ids)
        if self._kind == "list":
            # the data cache keeps a single row as its number, not a list (unpickled 3x faster)
            return [gaz._row(ids)] if ids.__class__ is int else gaz._rows_of(ids)
        return [(gaz._row(i), year) for i, year in ids]

    def get(self, key, default=None):  # type: ignore[no-untyped-def]
        v = self._made.get(key)
        if v is None:
            ids = self._ids.get(key)
            if ids is None:
                return default
            v = self._made.setdefault(key, self._read(ids))
        return v

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        v = self.get(key)
        if v is None:
            raise KeyError(key)
        return v

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def as_dict(self) -> dict:
        """The index as a dict of Divisions (for tests and comparisons)."""
        return {k: self.get(k) for k in self._ids}


#: the indexes built in one pass over the rows (:func:`_core_indexes`), and those built apart
_CORE = ("by_code", "children", "by_zh", "by_short", "by_former", "by_en")
INDEX_NAMES = (*_CORE, "short_index", "prefixes")


def _core_indexes(divisions: Sequence[Division], all_keys: "Sequence[Iterable[str]]") -> dict[str, dict]:
    """The plain indexes over ``divisions`` by row number: code, parent, full, short, former
    and English names (a division listed once per English key, as it was by object)."""
    by_code: dict[str, int] = {}
    children: dict[str, list[int]] = {}
    by_zh: dict[str, list[int]] = {}
    by_short: dict[str, list[int]] = {}
    by_former: dict[str, list[tuple[int, int | None]]] = {}
    by_en: dict[str, list[int]] = {}
    for i, (d, keys) in enumerate(zip(divisions, all_keys)):
        by_code[d.code] = i
        if d.parent:
            children.setdefault(d.parent, []).append(i)
        by_zh.setdefault(d.zh, []).append(i)
        if d.short and d.short != d.zh:
            by_short.setdefault(d.short, []).append(i)
        for name, year in d.former:
            by_former.setdefault(name, []).append((i, year))
        for k in keys:
            if k:
                lst = by_en.setdefault(k, [])
                if not lst or divisions[lst[-1]] is not d:
                    lst.append(i)
    return {"by_code": by_code, "children": children, "by_zh": by_zh, "by_short": by_short,
            "by_former": by_former, "by_en": by_en}


def _other_index(name: str, divisions: Sequence[Division]) -> object:
    if name == "short_index":
        index: dict[str, list[int]] = {}
        for i, d in enumerate(divisions):
            index.setdefault(d.short, []).append(i)
        return index
    if name == "prefixes":
        return frozenset(d.short[:i] for d in divisions for i in range(1, len(d.short) + 1))
    raise KeyError(name)


#: separators of a row's encoding in the data cache (fields by tab; a former name and its
#: year, and former names, by two control characters); rows that would not come back equal
#: from it are cached as tuples instead
_FORMER_PAIR, _FORMER_SEP = "\x1e", "\x1d"


def _encode_row(d: Division, sources: dict[str, int]) -> bytes:
    """A row as UTF-8 bytes, its source as a number in ``sources`` (76 distinct sources for
    3,214 rows)."""
    former = _FORMER_SEP.join(f"{n}{_FORMER_PAIR}{'' if y is None else y}" for n, y in d.former)
    src = sources.setdefault(d.source, len(sources))
    return "\t".join((d.code, d.zh, d.short, d.type, d.level, d.en, d.en_short, d.parent, former,
                      str(src))).encode("utf-8")


def _decode_row(line: bytes, sources: Sequence[str]) -> Division:
    f = line.decode("utf-8").split("\t")
    former: tuple[tuple[str, int | None], ...] = ()
    if f[8]:
        former = tuple((n, int(y) if y else None)
                       for n, _, y in (p.partition(_FORMER_PAIR) for p in f[8].split(_FORMER_SEP)))
    return Division(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], former, sources[int(f[9])])


_ROW_LOCK = threading.Lock()


class Gazetteer:
    """Indexes over the divisions; picklable (only the rows are pickled).

    Built from Divisions, the indexes are made on first use. Read from the data cache
    (:func:`load`), the rows stay text and the indexes pickled until a lookup needs them: a
    check of a short English text reads a few dozen of the 3,214 rows and two indexes."""

    def __init__(self, divisions: Iterable[Division], townships: str | Path | None = None,
                 en_keys: "Sequence[Iterable[str]] | None" = None):
        objs = list(divisions)
        self._objs: list[Division | None] = objs
        self._n = len(objs)
        self._lines: list[bytes] | None = None  # rows not yet read (from the data cache)
        self._sources: Sequence[str] = ()
        self._en_keys = en_keys
        self._ix: dict[str, object] = {}  # plain indexes by row number, by name
        self._ix_blobs: dict[str, bytes] = {}  # pickled ones (from the data cache), read on first use
        #: the gzip-compressed township file (read on first use), or None for no townships
        self._townships_path = str(townships) if townships is not None else None
        self._near_index: list[tuple[str, tuple[tuple[str, ...], ...], int, str, tuple[Division, ...]]] | None = None

    @classmethod
    def _cached(cls, n: int, lines: "list[bytes] | None", sources: Sequence[str], rows: "list[tuple] | None",
                blobs: dict[str, bytes], townships: str | Path | None) -> "Gazetteer":
        """A gazetteer of the data cache's form: ``n`` rows as encoded lines (or tuples) and
        the pickled indexes."""
        g = cls((), townships)
        g._n = n
        if lines is not None:
            g._objs = [None] * n
            g._lines = lines
            g._sources = sources
        else:
            g._objs = [Division(*r) for r in rows or ()]
        g._ix_blobs = dict(blobs)
        return g

    def _row(self, i: int) -> Division:
        d = self._objs[i]
        if d is None:
            with _ROW_LOCK:  # one Division per row, also when threads read it at once
                d = self._objs[i]
                if d is None:
                    assert self._lines is not None
                    d = self._objs[i] = _decode_row(self._lines[i], self._sources)
        return d

    def _rows_of(self, ids: Sequence[int]) -> list[Division]:
        objs = self._objs
        out = [objs[i] for i in ids]
        if None in out:
            out = [self._row(i) for i in ids]
        return out

    @functools.cached_property
    def _divisions(self) -> tuple[Division, ...]:
        """Every row as a Division (read all at once: for the indexes made from all of them)."""
        if self._lines is not None:
            return tuple(self._row(i) for i in range(self._n))
        return tuple(self._objs)  # type: ignore[arg-type]

    def _index(self, name: str):  # type: ignore[no-untyped-def]
        ix = self._ix.get(name)
        if ix is None:
            blob = self._ix_blobs.get(name)
            if blob is not None:
                from ..datacache import loads

                ix = self._ix[name] = loads(blob)
            elif name in _CORE:
                divs = self._divisions
                keys = self._en_keys if self._en_keys is not None else [_division_en_keys(d) for d in divs]
                self._ix.update(_core_indexes(divs, keys))
                ix = self._ix[name]
            else:
                ix = self._ix[name] = _other_index(name, self._divisions)
        return ix

    @functools.cached_property
    def _by_code(self) -> _Index:
        return _Index(self._index("by_code"), self, "one")

    @functools.cached_property
    def _children(self) -> _Index:
        return _Index(self._index("children"), self, "list")

    @functools.cached_property
    def _by_zh(self) -> _Index:
        return _Index(self._index("by_zh"), self, "list")

    @functools.cached_property
    def _by_short(self) -> _Index:
        return _Index(self._index("by_short"), self, "list")

    @functools.cached_property
    def _by_former(self) -> _Index:
        return _Index(self._index("by_former"), self, "pairs")

    @functools.cached_property
    def _by_en(self) -> _Index:
        return _Index(self._index("by_en"), self, "list")

    # pickling: rebuild the indexes from the rows
    def __reduce__(self):
        return (Gazetteer, (self._divisions, self._townships_path))

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[Division]:
        return iter(self._divisions)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self)} divisions>"

    # --- plain indexes -------------------------------------------------------------------

    def get(self, code: str) -> Division | None:
        """The division with this 6-digit code, or None."""
        return self._by_code.get(code)

    def by_zh(self, name: str) -> list[tuple[Division, str]]:
        """Divisions whose full name (``"zh"``), short name (``"short"``) or a former name
        (``"former"``) is ``name``, in that order, each division once."""
        name = name.strip()
        out: list[tuple[Division, str]] = []
        seen: set[str] = set()
        for kind, divs in (("zh", self._by_zh.get(name, ())),
                           ("short", self._by_short.get(name, ())),
                           ("former", [d for d, _ in self._by_former.get(name, ())])):
            for d in divs:
                if d.code not in seen:
                    seen.add(d.code)
                    out.append((d, kind))
        return out

    def by_former(self, name: str) -> list[tuple[Division, int | None]]:
        """Current divisions that ``name`` is a former name of, with the year of the change."""
        return list(self._by_former.get(name.strip(), ()))

    def by_en(self, name: str) -> list[Division]:
        """Divisions whose ``en`` or ``en_short`` (or ``en`` without its generic) is ``name``,
        ignoring case, tone marks, apostrophes, hyphens and spaces (``Xian`` finds Xi'an;
        ``Beijing Municipality`` and ``Beijing City`` find 北京市)."""
        key = _en_key(name)
        ix = self._by_en
        found = ix._made.get(key)  # the rule's hot path: looked up without a call of the index
        if found is None:
            if key not in ix._ids:
                return []
            found = ix.get(key)
        return list(found)

    # --- indexes for the place rules (built on first use) ------------------------------

    @functools.cached_property
    def _by_char(self) -> dict[str, frozenset[Division]]:
        index: dict[str, set[Division]] = {}
        for d in self._divisions:
            for ch in set(d.short):
                index.setdefault(ch, set()).add(d)
        return {k: frozenset(v) for k, v in index.items()}

    def divisions_with_chars(self, han: str) -> list[Division]:
        """Divisions whose short name contains ``han`` (a run of characters)."""
        sets = [self._by_char.get(ch) for ch in set(han)]
        if not sets or any(x is None for x in sets):
            return []
        common = frozenset.intersection(*sets)  # type: ignore[arg-type]
        return sorted((d for d in common if han in d.short), key=lambda d: d.code)

    @functools.cached_property
    def _short_index(self) -> _Index:
        return _Index(self._index("short_index"), self, "list")

    def by_short_name(self, short: str) -> list[Division]:
        """Divisions whose short name (the specific, 湾沚) is exactly ``short``."""
        return self._short_index.get(short, [])

    @functools.cached_property
    def _readings(self) -> dict[str, str]:
        """Each character's most frequent syllable in the current names whose pinyin splits
        into as many syllables as the name has characters."""
        counts: dict[str, dict[str, int]] = {}
        for d in self._divisions:
            sylls = pinyin.syllables(d.en_short) if d.en_short.isascii() else None
            if sylls and len(sylls) == len(d.short):
                for ch, sy in zip(d.short, sylls):
                    c = counts.setdefault(ch, {})
                    c[sy] = c.get(sy, 0) + 1
        return {ch: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for ch, c in counts.items()}

    def romanize(self, short: str) -> str | None:
        """An approximate pinyin of a name's specific from the readings its characters have in
        current names (for former names, which have no English column); None if a character
        never occurs in a current name."""
        parts = [self._readings.get(ch) for ch in short]
        if not parts or any(p is None for p in parts):
            return None
        return "".join(parts)  # type: ignore[arg-type]

    @functools.cached_property
    def _former_keys(self) -> dict[str, list[tuple[Division, str, int | None]]]:
        index: dict[str, list[tuple[Division, str, int | None]]] = {}
        generics = sorted(GENERIC_EN, key=len, reverse=True)
        for d in self._divisions:
            for name, year in d.former:
                spec = name
                for g in generics:
                    if name.endswith(g) and len(name) > len(g):
                        spec = name[: -len(g)]
                        break
                rom = self.romanize(spec)
                if rom:
                    index.setdefault(rom, []).append((d, name, year))
        return index

    def by_former_en(self, word: str) -> list[tuple[Division, str, int | None]]:
        """Divisions with a former name whose approximate pinyin is ``word`` ("Sanshan" →
        弋江区, formerly 三山区)."""
        return self._former_keys.get(_en_key(word), [])

    @functools.cached_property
    def _zh_automaton(self):  # type: ignore[no-untyped-def]
        import ahocorasick

        a = ahocorasick.Automaton()
        keys: dict[str, set[str]] = {}
        for d in self._divisions:
            for k in (d.zh, d.short):
                if len(k) >= 2:
                    keys.setdefault(k, set()).add(d.code)
        for k, codes in keys.items():
            a.add_word(k, (len(k), tuple(sorted(codes))))
        a.make_automaton()
        return a

    def find_in_chinese(self, text: str) -> list[tuple[int, int, list[Division]]]:
        """Division names (full, or short of two characters or more) in Chinese text, longest
        first where they overlap: (start, end, divisions)."""
        hits = []
        for end_idx, (n, codes) in self._zh_automaton.iter(text):
            hits.append((end_idx + 1 - n, end_idx + 1, codes))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, list[Division]]] = []
        last = -1
        for s, e, codes in hits:
            if s >= last:
                out.append((s, e, [self._by_code[c] for c in codes]))
                last = e
        return out

    # --- townships (towns, townships, subdistricts), read on first use -------------------------

    @functools.cached_property
    def _townships(self) -> tuple[dict[str, list[Division]], dict[str, list[Division]], dict[str, Division]]:
        """(English key → townships, Chinese full or short name → townships, code → township)."""
        by_en: dict[str, list[Division]] = {}
        by_zh: dict[str, list[Division]] = {}
        by_code: dict[str, Division] = {}
        if self._townships_path is None:
            return by_en, by_zh, by_code
        import gzip

        with gzip.open(self._townships_path, "rt", encoding="utf-8", newline="") as f:
            header = f.readline().rstrip("\n").split("\t")
            col = {name: i for i, name in enumerate(header)}
            for line in f:
                c = line.rstrip("\n").split("\t")
                code, zh, short, en_short = c[col["code"]], c[col["zh"]], c[col["short"]], c[col["en_short"]]
                d = Division(code, zh, short, "乡级", "township", en_short, en_short, code[:6], (),
                             c[col["source"]])
                if en_short:
                    by_en.setdefault(_en_key(en_short), []).append(d)
                by_zh.setdefault(zh, []).append(d)
                if short and short != zh:
                    by_zh.setdefault(short, []).append(d)
                by_code[code] = d
        return by_en, by_zh, by_code

    def townships_named(self, name: str) -> list[Division]:
        """Township-level places (towns, townships, subdistricts) whose pinyin is ``name``
        (machine pinyin, not official English); their ``parent`` is the county's code."""
        return self._townships[0].get(_en_key(name), [])

    def townships_by_zh(self, name: str) -> list[Division]:
        return self._townships[1].get(name, [])

    def short_prefixes(self) -> frozenset[str]:
        """Every prefix of every short name (湾, 湾沚 …), for building names character by character."""
        return self._prefixes

    @functools.cached_property
    def _prefixes(self) -> frozenset[str]:
        return self._index("prefixes")  # type: ignore[no-any-return]

    def children(self, code: str) -> list[Division]:
        """The divisions whose parent is ``code``, by code."""
        return list(self._children.get(code, ()))

    def chain(self, code: str) -> list[Division]:
        """The division and its ancestors, up to the province: ``[湾沚区, 芜湖市, 安徽省]``."""
        out: list[Division] = []
        d = self._by_code.get(code)
        if d is None and len(code) == 9:  # a township
            d = self._townships[2].get(code)
        while d is not None and len(out) < 8:
            out.append(d)
            d = self._by_code.get(d.parent) if d.parent else None
        return out

    def descendants(self, code: str) -> list[Division]:
        """Every division below ``code`` (children, grandchildren …), depth first by code."""
        out: list[Division] = []
        stack = list(reversed(self._children.get(code, ())))
        while stack:
            d = stack.pop()
            out.append(d)
            stack.extend(reversed(self._children.get(d.code, ())))
        return out

    # --- lookup ---------------------------------------------------------------------------

    def lookup(self, query: str, limit: int = 5, *, within: str | None = None,
               max_distance: float = NEAR) -> list[Hit]:
        """Hits for a code, a Chinese name or a Latin name, best first, at most ``limit``.

        Chinese: full name, short name, former name (traditional characters are converted
        with OpenCC t2s when the query as written finds nothing). Latin: exact English
        (:meth:`by_en`); when there is none, the nearest ``en_short`` by
        :func:`pinyin.distance` within ``max_distance``, a trailing English generic
        ("District") being ignored for the distance and used to break ties. ``within``
        restricts the hits to a division and its descendants (say ``"340200"`` for the
        districts and counties of 芜湖市).
        """
        query = query.strip()
        if not query or limit <= 0:
            return []
        allowed = None
        if within is not None:
            allowed = {within} | {d.code for d in self.descendants(within)}

        def ok(d: Division) -> bool:
            return allowed is None or d.code in allowed

        if _pattern("code").fullmatch(query):
            d = self.get(query)
            return [Hit(d, "code", matched=query)] if d is not None and ok(d) else []

        if _pattern("cjk").search(query):
            name = "".join(query.split())
            hits = self._zh_hits(name, ok)
            if not hits:
                for simplified in _simplified_forms(name):
                    hits = self._zh_hits(simplified, ok)
                    if hits:
                        break
            if not hits:  # a town, township or subdistrict
                for form in (name, *_simplified_forms(name)):
                    hits = [Hit(t, "township", matched=form) for t in self.townships_by_zh(form)
                            if allowed is None or t.parent in allowed]
                    if hits:
                        break
            return hits[:limit]

        exact = [d for d in self.by_en(query) if ok(d)]
        if exact:
            # names spelt exactly as asked (apostrophes included) first: "Xingan" is 新干县
            # before 兴安 Xing'an, which it also matches
            literal = " ".join(query.split()).casefold()

            def spelt(d: Division) -> bool:
                forms = (d.en, d.en_short, _strip_generic(d.en, d.type))
                return any(literal == f.casefold() for f in forms)

            exact.sort(key=lambda d: (not spelt(d), _LEVEL_ORDER.get(d.level, 9), d.code))
            return [Hit(d, "en", matched=query) for d in exact[:limit]]
        glossed = self._gloss_hits(query, ok)
        if glossed:
            return glossed[:limit]
        towns = [Hit(t, "township", matched=query) for t in self.townships_named(query)
                 if allowed is None or t.parent in allowed]
        near = self._near(query, limit, ok, max_distance)
        return (towns + near)[:limit] if towns else near

    def _gloss_hits(self, query: str, ok) -> list[Hit]:  # type: ignore[no-untyped-def]
        """Divisions whose name the query translates literally, as PT302 reads names
        (:meth:`procutext.places.glosses.Glosses.readings`): every word a gloss of the
        name's characters, optionally after the name of a division above it ("Wuhu
        Inaction") and before a generic ("Mirror Lake District"). Names of two characters or
        more, as in PT302."""
        from .glosses import WORD, default_glosses

        specific, types = _split_query_generic(query)
        words = WORD.findall(specific)
        if not words or len(words) > 8:
            return []
        glosses = default_glosses()
        prefixes = self.short_prefixes()
        found: dict[str, tuple[tuple, Hit]] = {}  # type: ignore[type-arg]
        for n in range(len(words)):
            parents = {d.code for d in self.by_en(" ".join(words[:n]))} if n else set()
            if n and not parents:
                continue
            rest = words[n:]
            for used, zh in glosses.readings(rest, prefixes):
                if used != len(rest):
                    continue
                for d in self.by_short_name(zh):
                    if len(d.short) < 2 or (types and d.type not in types) or not ok(d):
                        continue
                    if parents and not any(a.code in parents for a in self.chain(d.code)[1:]):
                        continue
                    key = (not parents, _LEVEL_ORDER.get(d.level, 9), d.code)
                    if d.code not in found or key < found[d.code][0]:
                        found[d.code] = (key, Hit(d, "gloss", matched=zh))
        return [hit for _, hit in sorted(found.values(), key=lambda kv: kv[0])]

    def resolve(self, name: str) -> Division:
        """The one division that a code or a name denotes, as written: a code, a Chinese
        full, short or former name (traditional converted), or an English name
        (:meth:`by_en`). ``芜湖市``, ``芜湖``, ``Wuhu`` and ``Wuhu City`` all give 340200.

        Raises :class:`PlaceNameError` when the name denotes several divisions ("Chaoyang":
        a city and three districts) or none; its ``candidates`` list them, or the nearest
        names for an unknown one."""
        query = " ".join(name.split())
        if not query:
            raise PlaceNameError("an empty name denotes no division", [])
        tiers: list[list[Division]] = []
        if _pattern("code").fullmatch(query):
            d = self.get(query)
            if d is None:
                raise PlaceNameError(f"no division has the code {query}", [])
            return d
        if _pattern("cjk").search(query):
            compact = query.replace(" ", "")
            for form in (compact, *_simplified_forms(compact)):
                hits = self._zh_hits(form, lambda d: True)
                for kind in ("zh", "short", "former"):
                    tiers.append([h.division for h in hits if h.match == kind])
                if any(tiers):
                    break
        else:
            exact = self.by_en(query)
            literal = query.casefold()
            spelt = [d for d in exact
                     if literal in (d.en.casefold(), d.en_short.casefold(), _strip_generic(d.en, d.type).casefold())]
            tiers += [spelt, exact]
        for tier in tiers:
            if len(tier) == 1:
                return tier[0]
            if tier:
                raise PlaceNameError(f"{name!r} names {len(tier)} divisions; use a code or a fuller name", tier,
                                     ambiguous=True)
        near = [h.division for h in self.lookup(query, 5)]
        raise PlaceNameError(f"no division is named {name!r}", near)

    def _zh_hits(self, name: str, ok) -> list[Hit]:
        hits: list[Hit] = []
        formers = {d.code: year for d, year in self._by_former.get(name, ())}
        for d, kind in self.by_zh(name):
            if not ok(d):
                continue
            hits.append(Hit(d, kind, matched=name, year=formers.get(d.code) if kind == "former" else None))
        kind_order = {"zh": 0, "short": 1, "former": 2}
        hits.sort(key=lambda h: (kind_order[h.match], _LEVEL_ORDER.get(h.division.level, 9), h.division.code))
        return hits

    def _near_candidates(self):
        if self._near_index is None:
            groups: dict[str, list[Division]] = {}
            for d in self._divisions:
                if d.en_short:
                    groups.setdefault(d.en_short, []).append(d)
            index = []
            for name, divs in groups.items():
                segs = pinyin.segmentations(name)
                letters = pinyin.normalize(name).replace("'", "")
                index.append((letters, segs, min((len(s) for s in segs), default=0), name, tuple(divs)))
            self._near_index = index
        return self._near_index

    def _near(self, query: str, limit: int, ok, max_distance: float) -> list[Hit]:
        specific, types = _split_query_generic(query)
        lq = pinyin.normalize(specific).replace("'", "")
        if not lq:
            return []
        sq = pinyin.segmentations(specific)
        nq = min((len(s) for s in sq), default=0)
        align = pinyin._align
        first = set(sq[0]) if sq else set()
        scored: list[tuple[float, int, int, int, str, str, Division, float]] = []
        for letters, segs, nc, name, divs in self._near_candidates():
            if letters == lq:
                d = 0.0
                length = max(nq, nc) or 1
            elif sq and segs:
                if abs(nq - nc) > max_distance:
                    continue
                d = min(align(x, y) for x in sq for y in segs)
                length = max(len(sq[0]), len(segs[0]))
            else:
                if abs(len(lq) - len(letters)) / 2 > max_distance:
                    continue
                d = pinyin.levenshtein(lq, letters) / 2
                length = max(len(lq), len(letters)) / 2
            if d > max_distance:
                continue
            # at equal distance, more syllables spelt exactly alike first: one wholly wrong
            # syllable is a likelier mistranslation than two half-wrong ones
            shared = len(first & set(segs[0])) if first and segs else 0
            conf = max(0.0, min(1.0, 1.0 - d / length)) if length else 0.0
            if conf <= 0.0 and d > 0:
                continue
            for div in divs:
                if not ok(div):
                    continue
                mismatch = 0 if not types or div.type in types else 1
                scored.append((d, mismatch, -shared, _LEVEL_ORDER.get(div.level, 9), name, div.code, div, conf))
        scored.sort(key=lambda t: t[:6])
        return [Hit(t[6], "near", distance=t[0], confidence=round(t[7], 3), matched=t[4])
                for t in scored[:limit]]

    # --- text -----------------------------------------------------------------------------

    def describe(self, div: Division) -> str:
        """``湾沚区 Wanzhi District (340210, county level) — Wuhu City, Anhui Province; former
        name 芜湖县 (until 2020)``."""
        text = f"{div.zh} {div.en} ({div.code}, {div.level} level)"
        ancestors = self.chain(div.code)[1:]
        if ancestors:
            text += " — " + ", ".join(a.en for a in ancestors)
        if div.former:
            items = [f"{name} (until {year})" if year is not None else name for name, year in div.former]
            text += ("; former name " if len(items) == 1 else "; former names ") + ", ".join(items)
        return text


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc  # slow to import: only for queries that find nothing as written

    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    return _converter().convert(text)


def _simplified_forms(name: str) -> list[str]:
    """OpenCC t2s of ``name``, then the mixes that keep some converted characters as written.

    t2s is right for running text but not always for names: it turns 乾 into 干, so 乾安縣
    becomes 干安县 where the county is 乾安县. When the conversion keeps the length, every
    combination of original and converted characters is tried (at most 2**6), fully
    converted first.
    """
    simplified = _t2s(name)
    if simplified == name:
        return []
    out = [simplified]
    if len(simplified) == len(name):
        diffs = [i for i, (a, b) in enumerate(zip(name, simplified)) if a != b]
        if len(diffs) <= 6:
            import itertools

            for keep in itertools.product((True, False), repeat=len(diffs)):
                chars = list(simplified)
                for i, k in zip(diffs, keep):
                    if not k:
                        chars[i] = name[i]
                form = "".join(chars)
                if form not in out and form != name:
                    out.append(form)
    return out


def load(path: str | Path) -> Gazetteer:
    """A gazetteer from a ``divisions.tsv`` file (and ``townships.tsv.gz`` beside it, if any).

    The rows and the indexes come from the data cache (:mod:`procutext.datacache`) when an
    earlier run read the same file with the same code: the rows as text, each made a
    Division when a lookup finds it, and each index unpickled when a lookup first needs it
    (see :class:`Gazetteer`)."""
    from .. import datacache

    towns = Path(path).with_name("townships.tsv.gz")
    townships = towns if towns.is_file() else None

    def read() -> list[Division]:
        with open(path, encoding="utf-8", newline="") as f:
            return parse(f.read())

    if not datacache.enabled():
        return Gazetteer(read(), townships)

    def build() -> dict:
        import pickle

        divisions = read()
        keys = [_division_en_keys(d) for d in divisions]
        sources: dict[str, int] = {}
        lines = [_encode_row(d, sources) for d in divisions]
        order = list(sources)
        try:
            exact = all(_decode_row(line, order) == d for line, d in zip(lines, divisions))
        except ValueError:  # a former name holding a separator
            exact = False
        ix: dict[str, object] = dict(_core_indexes(divisions, keys))
        for name in INDEX_NAMES:
            if name not in ix:
                ix[name] = _other_index(name, divisions)
        for name in ("children", "by_zh", "by_short", "by_en", "short_index"):  # lists of row numbers
            ix[name] = {k: v[0] if len(v) == 1 else tuple(v) for k, v in ix[name].items()}  # type: ignore[attr-defined]
        ix["by_former"] = {k: tuple(v) for k, v in ix["by_former"].items()}  # type: ignore[attr-defined]
        return {"n": len(divisions), "rows": lines if exact else None, "sources": order,
                "tuples": None if exact else [dataclasses.astuple(d) for d in divisions],
                "ix": {name: pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL) for name, v in ix.items()}}

    # keyed by the file and by the code that reads it and makes the keys
    data = datacache.load("gazetteer", [path, __file__, pinyin.__file__], build)
    return Gazetteer._cached(data["n"], data["rows"], data["sources"], data["tuples"], data["ix"], townships)


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    from ..data import data_dir

    return load(data_dir() / "places" / "divisions.tsv")


def lookup(query: str, limit: int = 5, **kwargs) -> list[Hit]:
    """:meth:`Gazetteer.lookup` on the shipped gazetteer."""
    return default_gazetteer().lookup(query, limit, **kwargs)


def describe(div: Division, gazetteer: Gazetteer | None = None) -> str:
    """:meth:`Gazetteer.describe` (on the shipped gazetteer unless one is given)."""
    return (gazetteer or default_gazetteer()).describe(div)
