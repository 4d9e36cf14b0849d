"""Literal glosses of the characters and words of gazetteer names.

Read from ``glossaries/places/glosses.tsv`` (derived from CC-CEDICT, CC BY-SA 4.0; see
``glossaries/places/README.md``). The place rules use it backwards: from English words a
machine translator wrote ("Bay", "Inaction", "Mirror Lake") to the Chinese characters they
render (湾, 无为, 镜湖).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable

from .. import rx

WORD = rx.compile(r"[\p{L}]+")


def gloss_words(gloss: str) -> tuple[str, ...]:
    """A gloss as the lower-case words the rules compare ("laissez-faire" → laissez, faire)."""
    return tuple(w.lower() for w in WORD.findall(gloss))


def _by_words(rows: dict[str, tuple[str, ...]]) -> dict[tuple[str, ...], frozenset[str]]:
    by_words: dict[tuple[str, ...], set[str]] = {}
    for zh, glosses in rows.items():
        for g in glosses:
            words = gloss_words(g)
            if words:
                by_words.setdefault(words, set()).add(zh)
    return {k: frozenset(v) for k, v in by_words.items()}


_EMPTY: frozenset[str] = frozenset()


def _first_words(by_words: "Iterable[tuple[str, ...]]") -> dict[str, tuple[int, ...]]:
    firsts: dict[str, set[int]] = {}
    for k in by_words:
        firsts.setdefault(k[0], set()).add(len(k))
    return {k: tuple(sorted(v, reverse=True)) for k, v in firsts.items()}


class Glosses:
    """The glosses by character or word (``by_zh``) and by gloss (``by_words``).

    Read from the data cache (:func:`load`), ``by_zh`` stays pickled until it is asked for,
    and the gloss index is kept compact (a single character or word as a string, several as
    a tuple): :meth:`units` gives the same sets."""

    def __init__(self, rows: dict[str, tuple[str, ...]],
                 by_words: "dict[tuple[str, ...], frozenset[str]] | None" = None) -> None:
        self._by_zh: "dict[str, tuple[str, ...]] | None" = rows
        self._by_zh_blob = b""
        #: gloss (as a word tuple) → the characters and words it glosses
        self._by_words = by_words if by_words is not None else _by_words(rows)
        self._units: "dict[tuple[str, ...], frozenset[str] | tuple[str, ...] | str]" = self._by_words
        #: first word of any gloss → the lengths (in words) of the glosses starting with it
        self.first_words = _first_words(self._by_words)
        #: the first words as they start a capitalised name ("Mirror"), to test words cheaply
        self.title_first_words = frozenset(w[:1].upper() + w[1:] for w in self.first_words)

    @classmethod
    def _cached(cls, data: dict) -> "Glosses":
        g = cls.__new__(cls)
        g._by_zh, g._by_zh_blob = None, data["by_zh"]
        g._by_words = None
        g._units = data["units"]
        g.first_words = data["first_words"]
        g.title_first_words = data["title_first_words"]
        return g

    def _compact(self) -> dict:
        """What the data cache keeps (see :meth:`_cached`)."""
        import pickle

        return {"by_zh": pickle.dumps(self.by_zh, protocol=pickle.HIGHEST_PROTOCOL),
                "units": {k: next(iter(v)) if len(v) == 1 else tuple(v) for k, v in self.by_words.items()},
                "first_words": self.first_words, "title_first_words": self.title_first_words}

    @property
    def by_zh(self) -> dict[str, tuple[str, ...]]:
        if self._by_zh is None:
            from ..datacache import loads

            self._by_zh = loads(self._by_zh_blob)
        return self._by_zh  # type: ignore[return-value]

    @property
    def by_words(self) -> "dict[tuple[str, ...], frozenset[str]]":
        if self._by_words is None:
            self._by_words = {k: self.units(k) for k in self._units}
        return self._by_words

    def __len__(self) -> int:
        return len(self.by_zh)

    def units(self, words: tuple[str, ...]) -> frozenset[str]:
        v = self._units.get(words)
        if v is None:
            return _EMPTY
        if v.__class__ is frozenset:
            return v  # type: ignore[return-value]
        return frozenset((v,)) if v.__class__ is str else frozenset(v)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Glosses, (self.by_zh,))

    def readings(self, words: "list[str] | tuple[str, ...]", prefixes: "frozenset[str]") -> list[tuple[int, str]]:
        """Ways to read ``words`` (from the first) as the glosses of a name's characters:
        (number of words used, Chinese string) for every reading that is in ``prefixes``
        (the prefixes of the gazetteer's short names, :meth:`Gazetteer.short_prefixes`),
        longest first. ``["Mirror", "Lake", "District"]`` gives ``(2, "镜湖")`` among others:
        镜 "mirror" and 湖 "lake" start 镜湖, the short name of 镜湖区.

        This is the reading that the rule PT302 (literal-place-name) and ``procutext place``
        share."""
        out: list[tuple[int, str]] = []
        frontier: list[tuple[int, str]] = [(0, "")]
        while frontier:
            used, zh = frontier.pop()
            if used == len(words):
                continue
            for n in self.first_words.get(words[used].lower(), ()):
                if used + n > len(words):
                    continue
                key = tuple(w.lower() for w in words[used:used + n])
                for unit in self.units(key):
                    nz = zh + unit
                    if nz in prefixes:
                        out.append((used + n, nz))
                        frontier.append((used + n, nz))
        out.sort(key=lambda x: -x[0])
        return out


def _read(path: str | Path) -> dict[str, tuple[str, ...]]:
    rows: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        header = f.readline().rstrip("\r\n").split("\t")
        if header[:2] != ["zh", "glosses"]:
            raise ValueError(f"{path}:1: expected a header starting zh<TAB>glosses")
        for line in f:
            cells = line.rstrip("\r\n").split("\t")
            if len(cells) >= 2 and cells[0]:
                rows[cells[0]] = tuple(g for g in cells[1].split("|") if g)
    return rows


def load(path: str | Path) -> Glosses:
    """The glosses of a ``glosses.tsv``, with their word index from the data cache
    (:mod:`procutext.datacache`) when an earlier run read the same file with the same code."""
    from .. import datacache

    if not datacache.enabled():
        return Glosses(_read(path))

    def build() -> dict:
        return Glosses(_read(path))._compact()

    return Glosses._cached(datacache.load("glosses", [path, __file__], build))


@functools.lru_cache(maxsize=1)
def default_glosses() -> Glosses:
    from ..data import data_dir

    return load(data_dir() / "places" / "glosses.tsv")
