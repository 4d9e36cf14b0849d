"""Locating and reading the shipped data under ``glossaries/``.

In a wheel the directory is packaged as ``procutext/glossaries``; in a source checkout
(editable install, tests) it is the top-level ``glossaries/`` of the repository.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path


@functools.lru_cache(maxsize=1)
def data_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "glossaries", here.parents[1] / "glossaries"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "procutext's shipped data (glossaries/) is missing: reinstall the package"
    )


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a shipped TSV file (header row required) as dicts: from the data cache
    (:mod:`procutext.datacache`) when an earlier run read the same file (the rows unpickle
    in a quarter of the time the CSV reader takes)."""
    from . import datacache

    path = data_dir() / name
    if not datacache.enabled():
        return _read_tsv(path)
    return datacache.load("tsv-" + name.replace("/", "-"), [path, __file__], lambda: _read_tsv(path))


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [dict(row) for row in reader]
