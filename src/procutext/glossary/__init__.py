"""Glossary: entries, loading and layering, and many-term matching in English text.

An entry has a Chinese source term, approved English renderings (the first preferred),
wrong renderings to flag, the context that makes a wrong rendering wrong, a domain, a
case rule and a source citation. See glossaries/README.md for the file format.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import regex

COLUMNS = ("zh", "en", "wrong", "context", "domain", "case", "note", "source")
DOMAINS = {"institution", "position", "department", "procedure", "policy", "juvenile",
           "publication", "general", "politics"}
CASES = {"proper", "common"}
CONDITION_KINDS = {"doc", "near", "not-near", "not-before", "not-after"}


class GlossaryError(ValueError):
    """A glossary file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Condition:
    kind: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    zh: str
    en: tuple[str, ...]
    wrong: tuple[str, ...] = ()
    context: tuple[Condition, ...] = ()
    domain: str = "general"
    case: str = "common"
    note: str = ""
    source: str = ""
    origin: str = field(default="", compare=False)  # file:line it was read from

    @property
    def preferred(self) -> str:
        return self.en[0] if self.en else ""


def parse_context(cell: str, where: str) -> tuple[Condition, ...]:
    conds = []
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        kind, sep, values = part.partition(":")
        kind = kind.strip()
        if not sep or kind not in CONDITION_KINDS:
            raise GlossaryError(f"{where}: bad context condition {part!r} (kinds: {', '.join(sorted(CONDITION_KINDS))})")
        vals = tuple(v.strip().lower() for v in values.split("|") if v.strip())
        if not vals:
            raise GlossaryError(f"{where}: context condition {kind!r} has no values")
        if kind == "doc" and vals != ("procuratorate",):
            raise GlossaryError(f"{where}: doc: takes the single value 'procuratorate'")
        conds.append(Condition(kind, vals))
    return tuple(conds)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def read_tsv(path: str | Path, delimiter: str = "\t") -> list[Entry]:
    """Entries of a TSV (or CSV with ``delimiter=","``) glossary; header row required."""
    p = str(path)
    entries = []
    try:
        f = open(p, encoding="utf-8-sig", newline="")
    except OSError as e:
        raise GlossaryError(f"{p}: cannot read: {e.strerror or e}") from None
    with f:
        reader = csv.reader(f, delimiter=delimiter,
                            quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)
        try:
            header = next(reader)
        except StopIteration:
            raise GlossaryError(f"{p}: empty file (a header row is required)") from None
        header = [h.strip().lower() for h in header]
        missing = [c for c in ("zh", "en") if c not in header]
        if missing:
            raise GlossaryError(f"{p}:1: header lacks column(s) {', '.join(missing)} "
                                f"(expected {', '.join(COLUMNS)})")
        idx = {name: header.index(name) for name in COLUMNS if name in header}
        for lineno, row in enumerate(reader, start=2):
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != len(header):
                raise GlossaryError(f"{p}:{lineno}: {len(row)} cells, the header has {len(header)}")
            get = lambda name: row[idx[name]].strip() if name in idx else ""  # noqa: E731
            where = f"{p}:{lineno}"
            zh = get("zh")
            if not zh:
                raise GlossaryError(f"{where}: empty zh cell")
            domain = get("domain") or "general"
            case = get("case") or "common"
            if domain not in DOMAINS:
                raise GlossaryError(f"{where}: unknown domain {domain!r}")
            if case not in CASES:
                raise GlossaryError(f"{where}: case must be 'proper' or 'common', not {case!r}")
            entries.append(Entry(
                zh=zh, en=_split(get("en")), wrong=_split(get("wrong")),
                context=parse_context(get("context"), where), domain=domain, case=case,
                note=get("note"), source=get("source"), origin=where,
            ))
    return entries


class Glossary:
    """An ordered set of entries keyed by Chinese term; later layers override earlier ones.

    A user entry whose ``en`` cell is ``-`` disables the shipped entry for the same term.
    """

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._entries: dict[str, Entry] = {}
        self._matcher: "Matcher | None" = None
        for e in entries:
            self.add(e)

    def add(self, entry: Entry) -> None:
        if entry.en == ("-",):
            self._entries.pop(entry.zh, None)
        else:
            self._entries[entry.zh] = entry
        self._matcher = None

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __contains__(self, zh: object) -> bool:
        return zh in self._entries

    def __getitem__(self, zh: str) -> Entry:
        return self._entries[zh]

    def __getstate__(self) -> dict:
        return {"entries": list(self._entries.values())}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["entries"])

    @property
    def matcher(self) -> "Matcher":
        if self._matcher is None:
            from .matcher import Matcher

            self._matcher = Matcher((w, e) for e in self for w in e.wrong)
        return self._matcher


_default: Glossary | None = None


def default_glossary() -> Glossary:
    """The shipped procuratorial glossary, read once per process."""
    global _default
    if _default is None:
        from ..data import data_dir

        _default = Glossary(read_tsv(data_dir() / "procuratorial.tsv"))
    return _default


def load_glossary(*paths: str | Path, default: bool = True) -> Glossary:
    """The shipped glossary (unless ``default=False``) layered with the given files."""
    g = Glossary(default_glossary() if default else ())
    for p in paths:
        suffix = Path(p).suffix.lower()
        if suffix == ".csv":
            rows = read_tsv(p, ",")
        elif suffix in (".tsv", ".txt", ".tab"):
            rows = read_tsv(p)
        else:
            raise GlossaryError(f"{p}: unsupported glossary format {suffix or '(none)'} (use .tsv or .csv)")
        for e in rows:
            g.add(e)
    return g
