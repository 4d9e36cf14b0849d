"""Many-term matching in English text with Aho-Corasick (pyahocorasick).

Keys and text are folded the same way (lower case, hyphens as spaces, curly apostrophes as
straight ones), so offsets in the folded text are offsets in the original. A match must
start and end at word boundaries; plural and possessive endings (-s, -es, 's) are allowed
after it.

Overlapping matches are resolved across all keys: of two matches that overlap, the one with
the longer key wins, and of two as long, the one further left ("The hospital leaders" is
"hospital leaders", not "The hospital" and "leaders"). A caller may pass ``accept``, a
predicate asked about the candidates in that order (longest first): a candidate it rejects
(a wrong rendering whose context does not hold) wins nothing, so an overlapping one can win
instead, but it still shields the shorter keys that lie inside it ("court" inside a real
"Superior Court" is not reported because "superior court" was not).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, Iterable, Iterator, TypeVar

import ahocorasick

T = TypeVar("T")
_FOLD_PAIRS = (("-", " "), ("\u2010", " "), ("\u2011", " "), ("’", "'"), ("‘", "'"))
#: British spellings folded to American ones of the same length, so that an approved or wrong
#: rendering written one way matches the other ("12309 Procuratorial Service Center" matches
#: "service centre", "specialized" "specialised", "defense" "defence"); applied to the text
#: and to the keys alike, so the words it conflates ("fence", "raise") change nothing. The
#: spellings that differ in length (labour, programme, judgement) are not folded: a fold keeps
#: every offset.
_SPELLING_PAIRS = (("centre", "center"), ("theatre", "theater"), ("metre", "meter"), ("fence", "fense"),
                   ("licence", "license"), ("ise", "ize"), ("ising", "izing"), ("isat", "izat"))
_REPLACED = _FOLD_PAIRS + _SPELLING_PAIRS  # in this order: the spellings after the hyphens
SUFFIXES = ("'s", "es", "s", "'")
HYPHENS = "-\u2010\u2011"


def fold(s: str) -> str:
    """Lower-case and normalise without changing the length (so offsets carry over)."""
    out = s.lower()
    if len(out) != len(s):  # a few characters change length when lower-cased (İ)
        out = "".join(c.lower() if len(c.lower()) == 1 else c for c in s)
    # str.replace is much faster than str.translate with a table on long texts
    for a, b in _REPLACED:
        if a in out:
            out = out.replace(a, b)
    return out


def fold_key(s: str) -> str:
    """How a key is compared: folded, runs of spaces as one."""
    return " ".join(fold(s).split())


def fold_keys(strings: list[str]) -> list[str]:
    """``[fold_key(s) for s in strings]``, folding them all in one pass (much faster for the
    hundreds of thousands of renderings of a large termbase)."""
    joined = "\n".join(strings)
    if joined.count("\n") != max(len(strings) - 1, 0):  # a string with a line break: one by one
        return [fold_key(x) for x in strings]
    return [" ".join(x.split()) for x in fold(joined).split("\n")] if strings else []


def _is_word(c: str) -> bool:
    return c.isalnum()


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    start: int
    end: int  # end of the matched key
    full_end: int  # end including an inflection suffix
    key: str
    value: T


class Matcher(Generic[T]):
    def __init__(self, items: Iterable[tuple[str, T]], folded: bool = False) -> None:
        """An automaton over the keys of ``items``; ``folded=True`` when the keys are
        already as :func:`fold_key` makes them."""
        self.automaton = ahocorasick.Automaton()
        table: dict[str, list[T]] = {}
        pairs = list(items)
        keys = [k for k, _ in pairs] if folded else fold_keys([k for k, _ in pairs])
        for k, (_key, value) in zip(keys, pairs):
            if k:
                table.setdefault(k, []).append(value)
        for k, values in table.items():
            self.automaton.add_word(k, (k, tuple(values)))
        self.size = len(table)
        if table:
            self.automaton.make_automaton()

    def __len__(self) -> int:
        return self.size

    def keys_in(self, s: str) -> Iterator[tuple[int, str]]:
        """``(offset, key)`` of every key occurring in ``s`` (already folded) as ``finditer``
        would match it (at word boundaries, or with a plural or possessive ending), overlaps
        and all."""
        if not self.size:
            return
        n = len(s)
        for end_idx, (key, _values) in self.automaton.iter(s):
            end = end_idx + 1
            start = end - len(key)
            if start and _is_word(s[start - 1]):
                continue
            if end == n or not _is_word(s[end]) or any(
                    s.startswith(suf, end) and (end + len(suf) == n or not _is_word(s[end + len(suf)]))
                    for suf in SUFFIXES):
                yield start, key

    def spans_in(self, s: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of every key occurring in ``s`` (already folded), the end taken
        after a plural or possessive ending when there is one ("judicial police officers"
        ends after its "s"), overlaps and all."""
        if not self.size:
            return
        n = len(s)
        for end_idx, (key, _values) in self.automaton.iter(s):
            end = end_idx + 1
            start = end - len(key)
            if start and _is_word(s[start - 1]):
                continue
            if end == n or not _is_word(s[end]) and s[end] != "'":
                yield start, end
                continue
            for suf in SUFFIXES:
                if s.startswith(suf, end) and (end + len(suf) == n or not _is_word(s[end + len(suf)])):
                    yield start, end + len(suf)
                    break
            else:
                if not _is_word(s[end]):
                    yield start, end

    def finditer(self, text: str, folded: str | None = None,
                 accept: "Callable[[Match[T]], bool] | None" = None) -> Iterator[Match[T]]:
        """The matches in ``text``, in text order, overlaps resolved as the module docstring says.

        A key with several values gives one Match per value at the same span. With ``accept``,
        only the first accepted value of a candidate is yielded (values are asked in the order
        they were given), and a candidate none of whose values is accepted is rejected (it
        shields the shorter candidates inside it)."""
        if not self.size:
            return
        t = fold(text) if folded is None else folded
        n = len(t)
        found: list[tuple[int, int, int, str, tuple[T, ...]]] = []
        for end_idx, (key, values) in self.automaton.iter(t):
            end = end_idx + 1
            start = end - len(key)
            if start > 0 and (_is_word(t[start - 1]) or text[start - 1] in HYPHENS):
                continue  # inside a word or a hyphenated compound ("re-inspection")
            if end < n and text[end] in HYPHENS:
                continue
            full = end
            if end < n and _is_word(t[end]) or (end < n and t[end] == "'"):
                for suf in SUFFIXES:
                    if t.startswith(suf, end) and (end + len(suf) >= n or not _is_word(t[end + len(suf)])):
                        full = end + len(suf)
                        break
                else:
                    continue
            found.append((start, end, full, key, values))
        if not found:
            return
        # longest key first, then leftmost; an accepted match claims [start, full_end)
        found.sort(key=lambda x: (x[0] - x[1], x[0]))
        taken = bytearray(n)
        shields: dict[int, int] = {}  # start -> farthest end of a rejected candidate starting there
        longest = max(x[2] - x[0] for x in found)
        chosen: list[Match[T]] = []
        for start, end, full, key, values in found:
            if taken.find(1, start, full) != -1:
                continue
            if shields and any(shields.get(s, -1) >= full for s in range(max(0, full - longest), start + 1)):
                continue  # inside a longer candidate that was rejected
            matches = [Match(start, end, full, key, v) for v in values]
            if accept is not None:
                matches = next(([m] for m in matches if accept(m)), [])
                if not matches:
                    if shields.get(start, -1) < full:
                        shields[start] = full
                    continue
            taken[start:full] = b"\x01" * (full - start)
            chosen.extend(matches)
        chosen.sort(key=lambda m: m.start)  # stable: the values of one key keep their order
        yield from chosen
