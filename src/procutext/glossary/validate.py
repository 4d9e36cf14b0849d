"""``procutext glossary check``: find what is wrong in a glossary file.

Every malformed row is reported (not only the first), with its file and line, and so are
problems between rows: the same source term twice for one institution (a duplicate when the
rows agree, a conflict when they differ), a rendering given two statuses in one row
(approved, non-preferred variant, wrong), a rendering forbidden without a context in one
entry but approved (or a variant) in another, an ordinary English word ("court", "police")
forbidden without a context, and a missing source. For the shipped glossary a
missing source is an error; for a user's termbase it is a warning.

With ``shipped`` given, each user entry is also compared with the shipped glossary it will be
layered over: overriding a shipped entry is reported as information, approving a rendering
that the shipped glossary forbids without context as a warning.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import Entry, Glossary, GlossaryError

#: Wrong renderings that are ordinary English words elsewhere: only allowed with a context.
GENERIC_WRONG = frozenset({
    "court", "courts", "hospital", "institute", "college", "police", "police officer",
    "police officers", "policemen", "inspection", "inspect", "inspector", "inspectors",
    "attorney general", "vice president", "dean", "resistance", "listener", "staff",
})
WRONG_SEEN = "wrong-seen:"


@dataclass(frozen=True)
class Problem:
    where: str  # file:line (or file#concept)
    severity: str  # "error", "warning", "info"
    message: str
    #: the entry the problem is about (None for a row that could not be read)
    entry: Entry | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"


@dataclass
class Report:
    path: str
    entries: list[Entry]
    problems: list[Problem]
    #: the file could not be read as a glossary at all (missing, not UTF-8, no header, bad XML)
    fatal: bool = False

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    def domains(self) -> Counter[str]:
        return Counter(e.domain for e in self.entries)


def _read_all(path: str) -> tuple[list[Entry], list[Problem]]:
    from .formats import iter_glossary

    problems: list[Problem] = []
    entries: list[Entry] = []
    skipped: list[str] = []
    for where, item in iter_glossary(path, report=skipped):
        if isinstance(item, GlossaryError):
            message = str(item)
            if message.startswith(where):  # "file:line: why", "file [sheet] row 3, column D (domain): why"
                extra, sep, why = message[len(where):].partition(": ")
                if sep:
                    where, message = where + extra, why
            problems.append(Problem(where, "error", message))
        else:
            entries.append(item)
    problems.extend(Problem(path, "warning", m) for m in skipped)
    return entries, problems


def _shipped_layout(path: str) -> list[Problem]:
    """The stricter layout of the shipped TSV files: the exact header, no blank lines, no
    padding around cells or ``|`` alternatives, lower-case context words."""
    from . import ALL_COLUMNS, COLUMNS as CORE

    problems: list[Problem] = []
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = lines[0].rstrip("\r").split("\t") if lines else []
    if header not in (list(ALL_COLUMNS), list(CORE)):
        return [Problem(f"{path}:1", "error", f"header must be {chr(9).join(ALL_COLUMNS)!r}")]
    COLUMNS = tuple(header)
    for n, raw in enumerate(lines[1:], start=2):
        where = f"{path}:{n}"
        line = raw.rstrip("\r")
        if not line.strip():
            problems.append(Problem(where, "error", "blank line"))
            continue
        for name, cell in zip(COLUMNS, line.split("\t")):
            if name in ("en", "variant", "wrong") and cell and any(p != p.strip() or not p for p in cell.split("|")):
                problems.append(Problem(where, "error", f"{name}: padding or an empty alternative"))
            elif cell != cell.strip():
                problems.append(Problem(where, "error", f"{name}: leading or trailing whitespace"))
            if name == "context" and cell != cell.lower():
                problems.append(Problem(where, "error", "context: write context words in lower case"))
    return problems


def _lower(items: Iterable[str]) -> list[str]:
    """Renderings as PT401 compares them: case, hyphens and apostrophe forms ignored."""
    from .matcher import fold_key

    return [fold_key(i) for i in items]


def check_entries(entries: list[Entry], *, strict_sources: bool = False,
                  shipped: Glossary | None = None) -> list[Problem]:
    problems: list[Problem] = []

    def add(e: Entry, severity: str, message: str) -> None:
        problems.append(Problem(e.origin or e.zh, severity, message, e))

    first: dict[str, Entry] = {}
    approved: dict[str, list[Entry]] = {}
    wrong_plain: dict[str, list[Entry]] = {}
    for e in entries:
        name = e.zh + (f" ({e.institution})" if e.institution else "")
        if e.key in first:
            other = first[e.key]
            if (e.en, e.variant, e.wrong, e.context, e.domain, e.case) == (
                    other.en, other.variant, other.wrong, other.context, other.domain, other.case):
                add(e, "error", f"duplicate entry for {name} (first at {other.origin}): delete one")
            else:
                add(e, "error", f"conflicting entries for {name} (first at {other.origin}): merge them")
        else:
            first[e.key] = e
        disabling = e.en == ("-",)
        if not e.en:
            add(e, "error", "no approved rendering (en is empty)")
        elif disabling and strict_sources:
            add(e, "error", "the shipped glossary cannot disable an entry (en is '-')")
        own_wrong = e.own_wrong
        if "-" in own_wrong:
            add(e, "error", "wrong: '-' (drop the inherited wrong renderings) must come first")
        elif e.clears and strict_sources:
            add(e, "error", "the shipped glossary has nothing to drop (wrong starts with '-')")
        for name, items in (("en", e.en), ("variant", e.variant), ("wrong", own_wrong)):
            low = _lower(items)
            rep = sorted({x for x in low if low.count(x) > 1})
            if rep:
                add(e, "error", f"{name}: repeated rendering(s) {', '.join(map(repr, rep))}")
        for (one, a), (other, b) in ((("approved", e.en), ("wrong", own_wrong)),
                                     (("approved", e.en), ("a non-preferred variant", e.variant)),
                                     (("a non-preferred variant", e.variant), ("wrong", own_wrong))):
            both = sorted(set(_lower(a)) & set(_lower(b)))
            if both:
                add(e, "error", f"{', '.join(map(repr, both))} both {one} and {other} in the same entry")
        if e.variant and not e.en:
            add(e, "error", "non-preferred variants but no approved rendering to prefer (en is empty)")
        if e.context and not own_wrong:
            add(e, "error", "a context is given but no wrong rendering it applies to")
        if not e.context:
            generic = sorted(set(_lower(own_wrong)) & GENERIC_WRONG)
            if generic:
                add(e, "error", f"{', '.join(map(repr, generic))} is ordinary English elsewhere: "
                                f"give a context (doc:procuratorate, near:…) or it flags real courts and police")
            for w in _lower(own_wrong):
                wrong_plain.setdefault(w, []).append(e)
        if not disabling:
            for a in _lower((*e.en, *e.variant)):
                approved.setdefault(a, []).append(e)
            sources = [s.strip() for s in e.source.split(" ; ") if s.strip()]
            if not sources:
                add(e, "error" if strict_sources else "warning", "no source for the approved rendering")
            elif all(s.startswith(WRONG_SEEN) for s in sources):
                add(e, "error" if strict_sources else "warning",
                    "only wrong-seen sources: the approved rendering needs a source too")
    # one wrong rendering in several entries must carry one context: PT401 reports it when
    # any entry's context holds, so the loosest one would decide
    # (entries for different institutions are wrong in different texts: each may have its own)
    by_wrong: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        for w in set(_lower(e.own_wrong)):
            by_wrong.setdefault((w, e.institution), []).append(e)
    for (w, _institution), es in sorted(by_wrong.items()):
        if len({e.context for e in es}) > 1:
            loosest = es[-1]
            others = ", ".join(f"{o.zh} ({o.origin})" for o in es[:-1])
            add(loosest, "error" if strict_sources else "warning",
                f"{w!r} is also a wrong rendering of {others} under a different context; PT401 reports "
                f"it where any of the contexts holds: give it one context, or list it in one entry")
    for w, bad in sorted(wrong_plain.items()):
        for good in approved.get(w, []):
            for b in bad:
                if b.zh != good.zh:
                    status = "a non-preferred variant" if w in _lower(good.variant) else "approved"
                    add(b, "error", f"{w!r} is wrong here (no context) but {status} for "
                                    f"{good.zh} at {good.origin}")
    if shipped is not None:
        shipped_wrong: dict[str, Entry] = {}
        for s in shipped:
            for ws in s.wrong_sets:
                if not ws.context:
                    for w in _lower(ws.wrong):
                        shipped_wrong[w] = s
        for e in entries:
            old = shipped.get(e.zh, e.institution)
            if old is not None and old != e:
                message = f"the shipped entry for {e.zh} ({old.origin})"
                if e.en == ("-",):
                    message = f"disables {message}"
                else:
                    mine = set(_lower((*e.en, *e.variant, *e.own_wrong)))
                    kept = [w for w in old.all_wrong if _lower([w])[0] not in mine]
                    n = f"{len(kept)} wrong rendering{'s' if len(kept) != 1 else ''}"
                    if e.clears:
                        message = f"overrides {message} and drops its wrong renderings ('-')"
                    elif kept:
                        message = (f"overrides {message}: your approved renderings replace its own; its {n} "
                                   f"still apply (start the wrong cell with '-' to drop them)")
                    else:
                        message = f"overrides {message}"
                add(e, "info", message)
            for a in _lower((*e.en, *e.variant)):
                s = shipped_wrong.get(a)
                if s is not None and s.zh != e.zh and e.en != ("-",):
                    add(e, "warning", f"approves {a!r}, which the shipped glossary flags as a wrong "
                                      f"rendering of {s.zh} ({s.origin}); PT401 will report it in your text")
    return problems


def usable_entries(entries: list[Entry]) -> tuple[list[Entry], list[str]]:
    """The entries of one user glossary file that check and fix may use, and a warning for
    each one they may not: an entry that ``procutext glossary check`` reports an error for
    (approved and wrong at once, a generic word without a context, a duplicate or conflicting
    row, a rendering wrong here but approved in another row ...) is skipped, never used. Each
    warning starts with the entry's ``file:line``. Warnings of ``glossary check`` (a missing
    source) do not skip an entry."""
    why: dict[int, list[str]] = {}
    for p in check_entries(entries):
        if p.severity == "error" and p.entry is not None:
            why.setdefault(id(p.entry), []).append(p.message)
    kept = [e for e in entries if id(e) not in why]
    warnings = [f"{e.origin or e.zh}: glossary entry {e.zh} skipped: {'; '.join(why[id(e)])}"
                for e in entries if id(e) in why]
    return kept, warnings


def check_shipped(reports: list[Report]) -> None:
    """Add to ``reports`` (one per shipped glossary file) the problems between the files:
    the entries are layered into one glossary, so a term of one institution may be in one of
    them only, and the rules between rows hold across files too."""
    entries = [e for r in reports if not r.fatal for e in r.entries]
    by_path = {r.path: r for r in reports}
    known = {(str(p.where), p.severity, p.message) for r in reports for p in r.problems}
    for p in check_entries(entries, strict_sources=True):
        if (str(p.where), p.severity, p.message) in known:
            continue
        path = p.where.rpartition(":")[0]
        report = by_path.get(path) or next((r for r in reports if p.where.startswith(r.path)), None)
        if report is not None:
            report.problems.append(p)


def check_file(path: str | Path, *, strict_sources: bool | None = None,
               shipped: Glossary | None = None) -> Report:
    """Read and check one glossary file. ``strict_sources`` defaults to True for the shipped
    data (files under procutext's own ``glossaries/``)."""
    p = str(path)
    if strict_sources is None:
        from ..data import data_dir

        try:
            strict_sources = Path(p).resolve().is_relative_to(data_dir().resolve())
        except FileNotFoundError:
            strict_sources = False
    try:
        entries, problems = _read_all(p)
    except GlossaryError as e:
        message = str(e)
        where = p
        if message.startswith(p):  # "file:line: why" or "file: why"
            where, _, message = message.partition(": ")
        return Report(p, [], [Problem(where, "error", message)], fatal=True)
    if strict_sources and p.endswith(".tsv"):
        problems.extend(_shipped_layout(p))
    problems.extend(check_entries(entries, strict_sources=strict_sources, shipped=shipped))
    return Report(p, entries, problems)
