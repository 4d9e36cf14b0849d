"""Baselines: findings already accepted, so that only new ones fail the build.

``procutext check --write-baseline FILE`` records the findings of a run; ``procutext check
--baseline FILE`` moves the findings that the file lists out of :attr:`FileReport.findings`
into :attr:`FileReport.baselined`, so they no longer count toward the exit code (the
reports that can mark a finding list them marked: SARIF as suppressed, JSON in its own
array, HTML with a badge; the others leave them out and the summary counts them).

A finding is matched by its **key**, not its line: the path (relative to the baseline
file's folder, so the run may start elsewhere), the rule code, the matched text and up to
:data:`CONTEXT` characters either side of it on its own line (whitespace runs collapsed).
An edit above the finding, or elsewhere on another line, leaves the key unchanged; an edit
of the finding itself or of its immediate neighbourhood makes it new. The file counts
duplicates: if it lists a key twice and the run finds it three times, one is new.

The same key (with the duplicate's index, and the path as given) gives the stable
:func:`fingerprint` that the SARIF and GitLab reports carry.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Iterable

from .config import ConfigError
from .model import Finding, line_starts

if TYPE_CHECKING:
    from .runner import FileReport, RunReport

__all__ = ["BASELINE_VERSION", "CONTEXT", "Baseline", "BaselineError", "FindingKey", "all_findings",
           "apply_baseline", "file_keys", "fingerprint", "is_url", "normalise_path", "report_fingerprints"]

#: version of the baseline file's JSON shape
BASELINE_VERSION = 1
#: characters of context kept on each side of the matched text
CONTEXT = 20

_SPACE = re.compile(r"\s+")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


class BaselineError(ConfigError):
    """A baseline file that cannot be read or written; the message names the file."""


def is_url(path: str) -> bool:
    """Whether a report path is a URL (a fetched page) rather than a file."""
    return bool(_URL.match(path))


def normalise_path(path: str) -> str:
    """A report path in the form the machine formats print: URLs as they are, file paths
    with ``/`` separators and without a leading ``./``."""
    if is_url(path) or path == "-":
        return path
    p = PurePath(path).as_posix()
    while p.startswith("./"):
        p = p[2:]
    return p or "."


def _squash(s: str) -> str:
    return _SPACE.sub(" ", s)


@dataclass(frozen=True, slots=True)
class FindingKey:
    """What identifies a finding across edits of its file."""

    code: str
    matched: str
    before: str
    after: str


class _Source:
    """Line/column → offset in a report's text (CR, LF and CRLF each end a line)."""

    def __init__(self, text: str | None) -> None:
        self.text = text
        self.starts = line_starts(text) if text is not None else []

    def offset(self, line: int, column: int) -> int | None:
        if self.text is None or not 0 < line <= len(self.starts) or column < 1:
            return None
        return min(self.starts[line - 1] + column - 1, len(self.text))

    def line_bounds(self, line: int) -> tuple[int, int]:
        assert self.text is not None
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end


def _key(f: Finding, src: _Source) -> FindingKey:
    start = src.offset(f.line, f.column)
    end = src.offset(f.end_line, f.end_column) if f.end_line else start
    if start is None or end is None or src.text is None:
        return FindingKey(f.code, _squash(f.matched), "", "")
    end = max(start, end)
    text = src.text
    lo, _ = src.line_bounds(f.line)
    _, hi = src.line_bounds(f.end_line if f.end_line else f.line)
    matched = f.matched or text[start:end]
    before = text[max(lo, start - CONTEXT):start]
    after = text[end:min(hi, end + CONTEXT)] if end <= hi else ""
    return FindingKey(f.code, _squash(matched), _squash(before), _squash(after))


def file_keys(findings: Iterable[Finding], text: str | None) -> list[tuple[FindingKey, int]]:
    """Each finding's key and its index among the findings of the same key (0 for the
    first), in the order given. ``text`` is the text the positions refer to
    (:attr:`FileReport.text`)."""
    src = _Source(text)
    seen: Counter[FindingKey] = Counter()
    out = []
    for f in findings:
        k = _key(f, src)
        out.append((k, seen[k]))
        seen[k] += 1
    return out


def fingerprint(path: str, key: FindingKey, index: int) -> str:
    """A stable identifier of one finding: a hash of the path, rule, matched text, context
    and duplicate index; not of the line, so an edit above leaves it unchanged."""
    payload = json.dumps([1, normalise_path(path), key.code, key.matched, key.before, key.after, index],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def report_fingerprints(fr: "FileReport", findings: list[Finding] | None = None) -> list[str]:
    """The fingerprints of a file's findings (``findings``, or its remaining and baselined
    findings in position order), index for index."""
    fs = findings if findings is not None else all_findings(fr)
    return [fingerprint(fr.path, k, i) for k, i in file_keys(fs, fr.text)]


def all_findings(fr: "FileReport") -> list[Finding]:
    """A file's remaining and baselined findings together, in position order."""
    if not fr.baselined:
        return list(fr.findings)
    return sorted([*fr.findings, *fr.baselined], key=lambda f: (f.line, f.column, f.end_line, f.end_column, f.code))


# -- the file ---------------------------------------------------------------------------------
@dataclass
class Baseline:
    """Accepted findings: per (path, key) the number of occurrences accepted.

    ``root`` is the folder the paths are relative to (the baseline file's folder)."""

    root: Path
    counts: dict[tuple[str, FindingKey], int] = field(default_factory=dict)
    #: per (path, key): rule name and the lines where the findings were (for people only)
    info: dict[tuple[str, FindingKey], tuple[str, list[int]]] = field(default_factory=dict)
    path: str | None = None

    def _rel(self, path: str) -> str:
        if is_url(path) or path == "-":
            return path
        try:
            return Path(os.path.relpath(os.path.abspath(path), self.root)).as_posix()
        except ValueError:  # another drive (Windows)
            return Path(os.path.abspath(path)).as_posix()

    @classmethod
    def from_report(cls, report: "RunReport", root: str | os.PathLike[str] = ".") -> "Baseline":
        """Every finding of ``report`` (remaining and already baselined)."""
        b = cls(Path(os.path.abspath(root)))
        for fr in report.files:
            fs = all_findings(fr)
            rel = b._rel(fr.path)
            for f, (k, _) in zip(fs, file_keys(fs, fr.text)):
                slot = (rel, k)
                b.counts[slot] = b.counts.get(slot, 0) + 1
                b.info.setdefault(slot, (f.name, []))[1].append(f.line)
        return b

    def __len__(self) -> int:
        return sum(self.counts.values())

    # -- JSON ---------------------------------------------------------------------------------
    def to_json(self) -> dict:
        from . import __version__

        rows = []
        for (path, k), n in self.counts.items():
            name, lines = self.info.get((path, k), ("", []))
            rows.append({"path": path, "code": k.code, "name": name, "matched": k.matched,
                         "before": k.before, "after": k.after, "count": n, "lines": sorted(lines)})
        rows.sort(key=lambda r: (r["path"], r["lines"][:1], r["code"], r["matched"], r["before"], r["after"]))
        return {"version": BASELINE_VERSION, "tool": {"name": "procutext", "version": __version__},
                "about": "findings accepted by `procutext check --baseline` (matched by path, rule, text and "
                         "context, not line); rewrite with `procutext check --write-baseline`",
                "findings": rows}

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the baseline as JSON (atomically: a temporary file renamed over it)."""
        target = Path(path)
        tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
        try:
            tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            os.replace(tmp, target)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise BaselineError(f"{path}: cannot write the baseline: {e.strerror or e}") from None
        self.path = os.fspath(path)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> "Baseline":
        """Read a baseline file; a missing, unreadable or malformed file is a BaselineError."""
        name = os.fspath(path)
        try:
            raw = Path(name).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BaselineError(f"{name}: baseline file not found (write one with --write-baseline {name})") from None
        except (OSError, UnicodeDecodeError) as e:
            raise BaselineError(f"{name}: cannot read the baseline: {getattr(e, 'strerror', None) or e}") from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as e:
            raise BaselineError(f"{name}: line {e.lineno} column {e.colno}: not JSON: {e.msg}") from None
        if not isinstance(data, dict) or "version" not in data:
            raise BaselineError(f"{name}: not a procutext baseline (a JSON object with a \"version\" is expected)")
        if data["version"] != BASELINE_VERSION:
            raise BaselineError(f"{name}: baseline version {data['version']!r} is not supported "
                                f"(this procutext reads version {BASELINE_VERSION})")
        rows = data.get("findings")
        if not isinstance(rows, list):
            raise BaselineError(f"{name}: \"findings\" must be an array")
        b = cls(Path(os.path.abspath(os.path.dirname(os.path.abspath(name)))), path=name)
        for i, row in enumerate(rows):
            where = f"{name}: findings[{i}]"
            if not isinstance(row, dict):
                raise BaselineError(f"{where}: must be an object")
            for fld in ("path", "code", "matched", "before", "after"):
                if not isinstance(row.get(fld), str):
                    raise BaselineError(f"{where}: \"{fld}\" must be a string")
            count = row.get("count", 1)
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise BaselineError(f"{where}: \"count\" must be a positive integer")
            slot = (row["path"], FindingKey(row["code"], row["matched"], row["before"], row["after"]))
            b.counts[slot] = b.counts.get(slot, 0) + count
            lines = row.get("lines")
            b.info[slot] = (str(row.get("name", "")), [n for n in lines if isinstance(n, int)]
                            if isinstance(lines, list) else [])
        return b

    # -- matching -----------------------------------------------------------------------------
    def split(self, fr: "FileReport") -> tuple[list[Finding], list[Finding]]:
        """A file's findings as (new, baselined): the first ``count`` findings of each
        baselined key are baselined, the rest new."""
        fs = all_findings(fr)
        rel = self._rel(fr.path)
        left: dict[FindingKey, int] = {}
        new: list[Finding] = []
        old: list[Finding] = []
        for f, (k, _) in zip(fs, file_keys(fs, fr.text)):
            n = left.get(k)
            if n is None:
                n = self.counts.get((rel, k), 0)
            if n > 0:
                old.append(f)
                left[k] = n - 1
            else:
                new.append(f)
                left[k] = 0
        return new, old


def apply_baseline(report: "RunReport", baseline: Baseline) -> int:
    """Move the findings ``baseline`` accepts into each :attr:`FileReport.baselined`;
    returns how many were moved. Applying it again gives the same split."""
    moved = 0
    for fr in report.files:
        new, old = baseline.split(fr)
        fr.findings, fr.baselined = new, old
        moved += len(old)
    report.baseline = baseline.path or str(baseline.root)
    return moved
