"""How ``procutext glossary lookup`` shows an entry, as text and as JSON.

Text puts first what a translator wants: the term and its approved renderings, the wrong
renderings, the domain and one source. With ``verbose`` it adds the contexts under which the
wrong renderings are wrong, the note, every source and the file and line of each row. When
user glossaries are layered over the shipped one, the lines name the file each rendering
comes from, verbose or not.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import Entry, Glossary

#: how a hit matched the query (see procutext.glossary.lookup), as the text output says it
HOW = {
    "zh": "",
    "in-term": "a longer term",
    "in-query": "a term in the query",
    "approved": "approved rendering",
    "approved-part": "in an approved rendering",
    "variant": "non-preferred variant",
    "variant-part": "in a non-preferred variant",
    "wrong": "wrong rendering",
    "wrong-part": "in a wrong rendering",
}
WRONG_SEEN = "wrong-seen:"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 entry``, ``2 entries``, ``0 errors``."""
    if n == 1:
        return f"1 {word}"
    return f"{n} {many or word + 's'}"


def where(origin: str) -> str:
    """A row's ``file:line`` for people: the shipped data as ``shipped procuratorial.tsv:12``,
    a file under the working directory relative to it."""
    if not origin:
        return "(built in code)"
    from ..data import data_dir

    path, sep, line = origin.rpartition(":")
    if not sep or not line.isdigit():
        path, line = origin, ""
    p = Path(path)
    tail = f":{line}" if line else ""
    try:
        shipped = data_dir().resolve()
        if p.resolve().is_relative_to(shipped):
            return f"shipped {p.resolve().relative_to(shipped)}{tail}"
    except (OSError, FileNotFoundError):
        pass
    try:
        rel = os.path.relpath(p, Path.cwd())
    except ValueError:  # another drive on Windows
        return origin
    return f"{rel}{tail}" if not rel.startswith("..") else origin


def sources(entry: Entry) -> tuple[list[str], list[str]]:
    """The sources of the approved renderings, and the ``wrong-seen:`` ones."""
    parts = [s.strip() for s in entry.source.split(" ; ") if s.strip()]
    return [s for s in parts if not s.startswith(WRONG_SEEN)], [s for s in parts if s.startswith(WRONG_SEEN)]


def describe(entry: Entry, how: str, glossary: Glossary | None = None, verbose: bool = False) -> list[str]:
    """The lines ``glossary lookup`` prints for one hit."""
    from .formats import format_context

    layers = glossary.layers(entry.zh, entry.institution) if glossary is not None else []
    layered = len(layers) > 1 or bool(entry.inherited)
    tags = "; ".join(t for t in (entry.institution, entry.domain, HOW.get(how, how)) if t)
    head = f"{entry.zh}  {' | '.join(entry.en) or '(no approved rendering)'}   [{tags}]"
    if layered:
        head += f"   from {where(entry.origin)}"
    lines = [head]
    if entry.variant:
        lines.append(f"    non-preferred: {'; '.join(entry.variant)}")
    sets = entry.wrong_sets
    if sets:
        for i, ws in enumerate(sets):
            label = "    wrong: " if i == 0 else "           "
            origin = f"   ({where(ws.origin)})" if layered else ""
            lines.append(f"{label}{'; '.join(ws.wrong)}{origin}")
            if verbose and ws.context:
                lines.append(f"           wrong only when: {format_context(ws.context)}")
    elif layered:
        lines.append("    wrong: (none)")
    approved_sources, seen = sources(entry)
    if verbose:
        for s in approved_sources or ["(none)"]:
            lines.append(f"    source: {s}")
        for s in seen:
            lines.append(f"    {s}")
        if entry.note:
            lines.append(f"    note: {entry.note}")
        if not layered:
            lines.append(f"    from: {where(entry.origin)}")
    else:
        more = len(approved_sources) - 1
        extra = f"   (+{more} more with --verbose)" if more > 0 else ""
        lines.append(f"    source: {approved_sources[0] if approved_sources else '(none)'}{extra}")
    if layered:
        for row, above in zip(layers, layers[1:]):
            if row.en == ("-",):
                lines.append(f"    disabled at {where(row.origin)}")
                continue
            dropped = "; its wrong renderings dropped with '-'" if above.clears else ""
            lines.append(f"    overrides {where(row.origin)} (approved there: {' | '.join(row.en)}{dropped})")
    return lines


def entry_json(entry: Entry, how: str | None = None, glossary: Glossary | None = None) -> dict[str, Any]:
    """An entry as ``glossary lookup --output-format json`` gives it: the row's own fields,
    ``wrong`` with every wrong rendering in force, ``wrong_sets`` (each with its context and
    origin) and ``layers`` (the origins of the rows layered for the term, earliest first)."""
    from .formats import format_context

    d: dict[str, Any] = {
        "zh": entry.zh, "en": list(entry.en), "variant": list(entry.variant),
        "institution": entry.institution or None, "wrong": list(entry.all_wrong),
        "context": format_context(entry.context), "domain": entry.domain, "case": entry.case,
        "note": entry.note, "source": entry.source, "origin": entry.origin,
        "wrong_sets": [{"wrong": list(ws.wrong), "context": format_context(ws.context), "origin": ws.origin}
                       for ws in entry.wrong_sets],
        "layers": ([r.origin for r in glossary.layers(entry.zh, entry.institution)] if glossary is not None
                   else [entry.origin]),
    }
    if how is not None:
        d["match"] = how
    return d
