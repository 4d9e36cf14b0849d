"""Literal glosses of the characters and words of gazetteer names.

Read from ``glossaries/places/glosses.tsv`` (derived from CC-CEDICT, CC BY-SA 4.0; see
``glossaries/places/README.md``). The place rules use it backwards: from English words a
machine translator wrote ("Bay", "Inaction", "Mirror Lake") to the Chinese characters they
render (湾, 无为, 镜湖).
"""

from __future__ import annotations

import functools
from pathlib import Path

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


class Glosses:
    def __init__(self, rows: dict[str, tuple[str, ...]],
                 by_words: "dict[tuple[str, ...], frozenset[str]] | None" = None) -> None:
        self.by_zh = rows
        #: gloss (as a word tuple) → the characters and words it glosses
        self.by_words = by_words if by_words is not None else _by_words(rows)
        #: first word of any gloss → the lengths (in words) of the glosses starting with it
        firsts: dict[str, set[int]] = {}
        for k in self.by_words:
            firsts.setdefault(k[0], set()).add(len(k))
        self.first_words = {k: tuple(sorted(v, reverse=True)) for k, v in firsts.items()}
        #: the first words as they start a capitalised name ("Mirror"), to test words cheaply
        self.title_first_words = frozenset(w[:1].upper() + w[1:] for w in self.first_words)

    def __len__(self) -> int:
        return len(self.by_zh)

    def units(self, words: tuple[str, ...]) -> frozenset[str]:
        return self.by_words.get(words, frozenset())

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

    def build() -> tuple[dict, dict]:
        rows = _read(path)
        return rows, _by_words(rows)

    rows, by_words = datacache.load("glosses", [path, __file__], build)
    return Glosses(rows, by_words)


@functools.lru_cache(maxsize=1)
def default_glosses() -> Glosses:
    from ..data import data_dir

    return load(data_dir() / "places" / "glosses.tsv")
