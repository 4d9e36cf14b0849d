"""Output formats. Findings go to stdout; summaries go to stderr (see cli.py)."""

from __future__ import annotations

import json
from typing import Callable, Sequence, TextIO

from typing import TYPE_CHECKING

from ..model import Applicability, Finding, split_lines

if TYPE_CHECKING:
    from ..model import Document

FORMATS = ("concise", "full", "json")
JSON_VERSION = 1


def _fix_mark(f: Finding) -> str:
    return "[*] " if f.safe_fix else ""


def concise(findings: Sequence[Finding], out: TextIO, sources: dict[str, str]) -> None:
    for f in findings:
        out.write(f"{f.path or '-'}:{f.line}:{f.column}: {f.code} {_fix_mark(f)}{f.message}\n")


def full(findings: Sequence[Finding], out: TextIO, sources: dict[str, str]) -> None:
    lines_cache: dict[str, list[str]] = {}
    for f in findings:
        path = f.path or "-"
        out.write(f"{path}:{f.line}:{f.column}: {f.code} {f.name} [{f.severity}] {_fix_mark(f)}{f.message}\n")
        src = sources.get(path)
        if src is not None:
            lines = lines_cache.setdefault(path, split_lines(src))
            if 0 < f.line <= len(lines):
                line = lines[f.line - 1]
                width = (f.end_column - f.column) if f.end_line == f.line else len(line) - f.column + 1
                gutter = f"{f.line} | "
                out.write(f"{gutter}{line}\n")
                out.write(" " * (len(gutter) + f.column - 1) + "^" * max(1, width) + "\n")
        if f.edit is not None:
            kind = "safe fix" if f.edit.applicability is Applicability.SAFE else "unsafe fix (--unsafe-fixes)"
            rep = f.edit.replacement
            action = f"replace with {rep!r}" if rep else "delete"
            out.write(f"  = {kind}: {action}\n")
        for s in f.suggestions:
            out.write(f"  = suggestion: {s}\n")
        out.write("\n")


def finding_json(f: Finding, doc: "Document | None") -> dict:
    d = f.to_dict()
    if f.edit is not None:
        ed = f.edit
        loc: dict[str, int | None] = {"start_offset": ed.start, "end_offset": ed.end}
        if doc is not None:
            p, q = doc.position(ed.start), doc.position(ed.end)
            loc.update(line=p.line, column=p.column, end_line=q.line, end_column=q.column)
        d["fix"] = {
            "applicability": str(ed.applicability),
            "edits": [{"replacement": ed.replacement, **loc}],
        }
    d["start_offset"] = f.start
    d["end_offset"] = f.end
    return d


def json_format(findings: Sequence[Finding], out: TextIO, sources: dict[str, str]) -> None:
    from ..model import Document

    docs: dict[str, Document] = {}

    def doc_for(path: str) -> Document | None:
        if path not in docs and path in sources:
            docs[path] = Document(sources[path])
        return docs.get(path)

    data = [finding_json(f, doc_for(f.path or "-")) for f in findings]
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


REPORTERS: dict[str, Callable[[Sequence[Finding], TextIO, dict[str, str]], None]] = {
    "concise": concise,
    "full": full,
    "json": json_format,
}
