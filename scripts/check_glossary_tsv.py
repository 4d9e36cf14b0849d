#!/usr/bin/env python3
"""Check a procutext terminology glossary (TSV) against the format in glossaries/README.md.

Usage: python scripts/check_glossary_tsv.py [FILE ...]   (default: glossaries/procuratorial.tsv)

Checks: the header; 8 tab-separated columns per row; non-empty zh, en, domain, case and source;
domain and case from the allowed sets; no empty or repeated alternatives in a `|` list; no
duplicate zh; generic words (court, hospital, police, inspection ...) wrong only under a context;
no string both approved and wrong (case-insensitive) in one row, nor approved in one row and wrong
in another unless that wrong row has a context; the context mini-language; at least one source for
the approved rendering that is not a `wrong-seen:` source.

Prints the errors (FILE:LINE: message) and a summary (entry count, counts per domain) and exits 1
when there are errors, 0 otherwise. Standard library only.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

COLUMNS = ["zh", "en", "wrong", "context", "domain", "case", "note", "source"]
DOMAINS = {
    "institution", "position", "department", "procedure", "policy",
    "juvenile", "publication", "general", "politics",
}
CASES = {"proper", "common"}
LIST_KINDS = {"near", "not-near", "not-before", "not-after"}
DOC_VALUES = {"procuratorate"}
# Context words are matched case-insensitively, so they are written in lower case.
CONTEXT_WORD = re.compile(r"[a-z0-9'][a-z0-9 '.&,-]*")
WRONG_SEEN = "wrong-seen:"
# Wrong renderings that are ordinary English words elsewhere: only allowed in a row with a context.
GENERIC_WRONG = {
    "court", "courts", "hospital", "institute", "college", "police", "police officer", "police officers",
    "policemen", "inspection", "inspect", "inspector", "inspectors", "attorney general", "vice president",
    "dean", "resistance", "listener", "staff",
}
DEFAULT_FILE = Path(__file__).resolve().parents[1] / "glossaries" / "procuratorial.tsv"


def split_alternatives(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def check_context(cell: str) -> list[str]:
    """Problems with a context cell (empty means: always wrong)."""
    if not cell:
        return []
    problems = []
    seen_kinds: set[str] = set()
    for condition in cell.split(";"):
        kind, sep, value = condition.partition(":")
        if not sep or not value:
            problems.append(f"context condition {condition!r} is not KIND:VALUE")
            continue
        if kind in seen_kinds:
            problems.append(f"context condition {kind!r} given twice")
        seen_kinds.add(kind)
        if kind == "doc":
            if value not in DOC_VALUES:
                problems.append(f"context doc:{value} unknown (allowed: {', '.join(sorted(DOC_VALUES))})")
        elif kind in LIST_KINDS:
            for word in value.split("|"):
                if not word:
                    problems.append(f"context {kind}: has an empty word")
                elif word != word.strip() or not CONTEXT_WORD.fullmatch(word):
                    problems.append(f"context {kind}: word {word!r} is not lower-case text without padding")
        else:
            problems.append(
                f"context condition kind {kind!r} unknown (allowed: doc, {', '.join(sorted(LIST_KINDS))})"
            )
    return problems


def check_file(path: Path) -> tuple[list[str], Counter[str], int]:
    """Return (errors, per-domain counts, entry count) for one glossary file."""
    errors: list[str] = []

    def error(line: int, message: str) -> None:
        errors.append(f"{path}:{line}: {message}")

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{path}: cannot read as UTF-8: {exc}"], Counter(), 0
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return [f"{path}: empty file"], Counter(), 0
    header = lines[0].rstrip("\r").split("\t")
    if header != COLUMNS:
        error(1, f"header must be {'<TAB>'.join(COLUMNS)!r}, got {lines[0]!r}")
        return errors, Counter(), 0

    domains: Counter[str] = Counter()
    first_line_of_zh: dict[str, int] = {}
    approved: dict[str, list[int]] = {}  # lower-cased approved string -> lines
    wrong_no_context: dict[str, list[int]] = {}  # lower-cased wrong string (row without context) -> lines
    entries = 0

    for number, raw in enumerate(lines[1:], start=2):
        line = raw.rstrip("\r")
        if not line.strip():
            error(number, "blank line")
            continue
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            error(number, f"{len(cells)} columns, expected {len(COLUMNS)}")
            continue
        row = dict(zip(COLUMNS, cells))
        entries += 1
        for name, value in row.items():
            if value != value.strip():
                error(number, f"{name}: leading or trailing whitespace")
        for name in ("zh", "en", "domain", "case", "source"):
            if not row[name]:
                error(number, f"{name} is empty")
        zh = row["zh"]
        if zh:
            if zh in first_line_of_zh:
                error(number, f"duplicate zh {zh!r} (first on line {first_line_of_zh[zh]}): merge the rows")
            else:
                first_line_of_zh[zh] = number
        if row["domain"]:
            if row["domain"] in DOMAINS:
                domains[row["domain"]] += 1
            else:
                error(number, f"domain {row['domain']!r} not one of {', '.join(sorted(DOMAINS))}")
        if row["case"] and row["case"] not in CASES:
            error(number, f"case {row['case']!r} not one of {', '.join(sorted(CASES))}")

        en = split_alternatives(row["en"])
        wrong = split_alternatives(row["wrong"])
        for name, items in (("en", en), ("wrong", wrong)):
            lowered = [item.lower() for item in items]
            if any(not item.strip() for item in items):
                error(number, f"{name}: empty alternative")
            if any(item != item.strip() for item in items):
                error(number, f"{name}: alternative with padding spaces")
            repeated = sorted({item for item in lowered if lowered.count(item) > 1})
            if repeated:
                error(number, f"{name}: repeated alternative(s) {repeated}")
        both = sorted({item.lower() for item in en} & {item.lower() for item in wrong})
        if both:
            error(number, f"approved and wrong in the same row: {both}")
        for item in en:
            approved.setdefault(item.lower(), []).append(number)
        if not row["context"]:
            for item in wrong:
                wrong_no_context.setdefault(item.lower(), []).append(number)
            generic = sorted({item.lower() for item in wrong} & GENERIC_WRONG)
            if generic:
                error(number, f"generic wrong rendering(s) {generic} need a context")
        for problem in check_context(row["context"]):
            error(number, problem)
        if row["context"] and not wrong:
            error(number, "context given but no wrong renderings")

        sources = [part.strip() for part in row["source"].split(" ; ")] if row["source"] else []
        if any(not part for part in sources):
            error(number, "source: empty part between ' ; ' separators")
        if sources and all(part.startswith(WRONG_SEEN) for part in sources):
            error(number, "source: only wrong-seen sources; the approved rendering needs a source too")

    for item, wrong_lines in sorted(wrong_no_context.items()):
        for approved_line in approved.get(item, []):
            for wrong_line in wrong_lines:
                if wrong_line != approved_line:
                    error(
                        wrong_line,
                        f"{item!r} is wrong here without a context but approved on line {approved_line}",
                    )
    return errors, domains, entries


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or [DEFAULT_FILE]
    all_errors: list[str] = []
    for path in paths:
        errors, domains, entries = check_file(path)
        all_errors.extend(errors)
        for message in errors:
            print(message)
        per_domain = ", ".join(f"{name} {count}" for name, count in sorted(domains.items()))
        print(f"{path}: {entries} entries ({per_domain}); {len(errors)} error(s)")
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
