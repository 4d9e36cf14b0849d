"""Output formats. Findings go to stdout (or ``--output-file``); summaries go to stderr.

Every reporter takes a :class:`procutext.runner.RunReport` and writes it to a text stream.
:func:`format_findings` formats a plain list of findings (from :func:`procutext.check`)
in any of the formats. The terminal formats and JSON live here; each machine format has a
module of its own (``sarif``, ``github``, ``junit``, ``gitlab``, ``jsonlines``, ``html``),
imported only when it is used. docs/output-formats.md describes them.
"""

from __future__ import annotations

import gc
import importlib
import json
import unicodedata
from typing import TYPE_CHECKING, Callable, Sequence, TextIO

from ..model import Applicability, Document, Finding, Position, split_lines

if TYPE_CHECKING:
    from ..runner import RunReport

FORMATS = ("concise", "full", "json", "json-v1", "json-lines", "sarif", "github", "junit", "gitlab", "html")
#: version of the JSON document; see docs/json-format.md
JSON_VERSION = 2
#: widest source excerpt the full format prints, in terminal columns
WINDOW = 100


class Style:
    """ANSI colours for terminals; every method returns its text unchanged when off."""

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled

    def _sgr(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled and text else text

    def path(self, t: str) -> str:
        return self._sgr("1", t)

    def dim(self, t: str) -> str:
        return self._sgr("2", t)

    def code(self, t: str, severity: str = "warning") -> str:
        return self._sgr({"error": "1;31", "warning": "1;33", "info": "1;34"}.get(severity, "1"), t)

    def fix(self, t: str) -> str:
        return self._sgr("36", t)

    def caret(self, t: str) -> str:
        return self._sgr("1;31", t)


PLAIN = Style(False)


def fix_mark(f: Finding) -> str:
    """``[*]`` when a safe fix exists, ``[!]`` when only an unsafe one (--unsafe-fixes)."""
    if f.edit is None:
        return ""
    return "[*]" if f.edit.applicability is Applicability.SAFE else "[!]"


def concise_line(f: Finding, style: Style = PLAIN) -> str:
    """``path:line:col: CODE [*] message`` (the path is left out when the finding has none)."""
    where = f"{f.path}:{f.line}:{f.column}" if f.path else f"{f.line}:{f.column}"
    mark = fix_mark(f)
    return (f"{style.path(where)}: {style.code(f.code, str(f.severity))} "
            f"{style.fix(mark) + ' ' if mark else ''}{f.message}")


class ConciseWriter:
    """``concise`` written as the reports arrive."""

    def __init__(self, out: TextIO, style: Style = PLAIN) -> None:
        self.out, self.style = out, style

    def file(self, fr) -> None:  # type: ignore[no-untyped-def]
        for f in fr.findings:
            self.out.write(concise_line(f, self.style) + "\n")

    def finish(self, report: "RunReport") -> None:
        pass


def concise(report: "RunReport", out: TextIO, style: Style = PLAIN) -> None:
    for f in report.findings:
        out.write(concise_line(f, style) + "\n")


# -- full ----------------------------------------------------------------------------------------
def _width(s: str) -> int:
    """Terminal columns of ``s``: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else (0 if unicodedata.combining(c) else 1) for c in s)


def excerpt(line: str, start: int, end: int, width: int = WINDOW) -> tuple[str, int, int]:
    """A window of at most ``width`` columns of ``line`` around ``line[start:end]``.

    Returns the excerpt (with ``…`` where it was cut) and the caret's column offset and
    length in terminal columns. Output size depends on ``width``, not on the line."""
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    if _width(line) <= width:
        return line, _width(line[:start]), max(1, _width(line[start:end]))
    budget = width - 2  # room for the two ellipses
    span_w = _width(line[start:end])
    if span_w >= budget:  # a very long span: show its beginning
        lo, hi, used = start, start, 0
        while hi < end and used + _width(line[hi]) <= budget:
            used += _width(line[hi])
            hi += 1
        text = ("…" if lo > 0 else "") + line[lo:hi] + ("…" if hi < len(line) else "")
        return text, 1 if lo > 0 else 0, max(1, used)
    room = budget - span_w
    lo, hi = start, end
    before = room // 3  # a little context before, more after (the reader reads on)
    used = 0
    while lo > 0 and used + _width(line[lo - 1]) <= before:
        lo -= 1
        used += _width(line[lo])
    used_total = span_w + used
    while hi < len(line) and used_total + _width(line[hi]) <= budget:
        used_total += _width(line[hi])
        hi += 1
    while lo > 0 and used_total + _width(line[lo - 1]) <= budget:  # the end came first
        lo -= 1
        used_total += _width(line[lo])
    prefix = "…" if lo > 0 else ""
    text = prefix + line[lo:hi] + ("…" if hi < len(line) else "")
    return text, _width(prefix) + _width(line[lo:start]), max(1, span_w)


class FullWriter:
    """``full`` written as the reports arrive (each finding with its line of the report's
    text; a corpus record's text is its line of the corpus)."""

    def __init__(self, out: TextIO, style: Style = PLAIN) -> None:
        self.out, self.style = out, style
        self.detected: list[str] = []

    def file(self, fr) -> None:  # type: ignore[no-untyped-def]
        _full_file(fr, self.out, self.style)
        if fr.encoding and fr.encoding_source == "detected":
            self.detected.append(f"{fr.path}: read as {fr.encoding_description or fr.encoding}\n")

    def finish(self, report: "RunReport") -> None:
        for line in self.detected:
            self.out.write(line)


def full(report: "RunReport", out: TextIO, style: Style = PLAIN) -> None:
    w = FullWriter(out, style)
    for fr in report.files:
        w.file(fr)
    w.finish(report)


def _full_file(fr, out: TextIO, style: Style) -> None:  # type: ignore[no-untyped-def]
    src = fr.text
    shift = getattr(fr, "first_line", 1) - 1
    lines: list[str] | None = None
    for f in fr.findings:
        path = f.path or "-"
        mark = fix_mark(f)
        out.write(f"{style.path(f'{path}:{f.line}:{f.column}')}: {style.code(f.code, str(f.severity))} "
                  f"{f.name} [{f.severity}] {style.fix(mark) + ' ' if mark else ''}{f.message}\n")
        if src is not None and path == fr.path:
            if lines is None:
                lines = split_lines(src)
            if 0 < f.line - shift <= len(lines):
                line = lines[f.line - shift - 1]
                end = f.end_column - 1 if f.end_line == f.line else len(line)
                text, col, width = excerpt(line, f.column - 1, end)
                gutter = f"{f.line} | "
                out.write(f"{style.dim(gutter)}{text}\n")
                out.write(" " * (len(gutter) + col) + style.caret("^" * width) + "\n")
        if f.edit is not None:
            kind = "safe fix" if f.edit.applicability is Applicability.SAFE else "unsafe fix (--unsafe-fixes)"
            rep = f.edit.replacement
            action = f"replace with {_short(rep)!r}" if rep else "delete"
            out.write(f"  = {style.fix(kind)}: {action}\n")
        for s in f.suggestions:
            out.write(f"  = suggestion: {s}\n")
        out.write("\n")


def _short(s: str, limit: int = 80) -> str:
    return s if len(s) <= limit else s[:limit - 1] + "…"


# -- json ----------------------------------------------------------------------------------------
def edit_location(f: Finding, doc: Document | None) -> dict[str, int]:
    """Where a finding's edit applies: its offsets and, when the checked text is known,
    its 1-based lines and code-point columns (the end exclusive)."""
    assert f.edit is not None
    ed = f.edit
    loc: dict[str, int] = {"start_offset": ed.start, "end_offset": ed.end}
    if doc is not None:
        p, q = doc.position(ed.start), doc.position(ed.end)
        loc.update(line=p.line, column=p.column, end_line=q.line, end_column=q.column)
    return loc


class _Shifted:
    """A record's Document whose positions are the corpus's: ``first_line`` - 1 lines down
    (a JSONL corpus's record is checked as its line alone)."""

    def __init__(self, doc: Document, first_line: int) -> None:
        self.doc, self.shift = doc, first_line - 1

    def position(self, offset: int, end: bool = False) -> Position:
        p = self.doc.position(offset, end)
        return Position(p.line + self.shift, p.column)


def report_document(fr) -> "Document | _Shifted | None":  # type: ignore[no-untyped-def]
    """The Document positions of a report's findings are computed in: its text's, moved to
    the corpus's lines for a corpus record."""
    if fr.text is None:
        return None
    doc = Document(fr.text)
    first = getattr(fr, "first_line", 1)
    return _Shifted(doc, first) if first != 1 else doc


def finding_json(f: Finding, doc: Document | None) -> dict:
    """One finding as the JSON contract describes it (docs/json-format.md)."""
    d = f.to_dict()
    if f.edit is not None:
        ed = f.edit
        loc = edit_location(f, doc)
        d["fix"] = {
            "applicability": str(ed.applicability),
            "edits": [{"replacement": ed.replacement, **loc}],
        }
    # offsets into the file's text: for HTML the markup's (f.start/f.end index the checked text)
    d["start_offset"] = f.file_start if f.file_start >= 0 else f.start
    d["end_offset"] = f.file_end if f.file_end >= 0 else f.end
    return d


def json_document(report: "RunReport") -> dict:
    """The whole run as one JSON object (version 2)."""
    from .. import __version__

    docs: dict[str, Document] = {}

    def doc_for(fr) -> Document | None:  # type: ignore[no-untyped-def]
        if fr.text is None:
            return None
        if fr.record is not None:  # a corpus's records share its path
            return report_document(fr)  # type: ignore[return-value]
        if fr.path not in docs:
            docs[fr.path] = Document(fr.text)
        return docs[fr.path]

    findings = []
    baselined = []
    files = []
    for fr in report.files:
        doc = doc_for(fr)
        rec = {"record": fr.record} if fr.record is not None else {}
        findings.extend({**finding_json(f, doc), **rec} for f in fr.findings)
        baselined.extend({**finding_json(f, doc), **rec} for f in fr.baselined)
        if fr.checked:
            files.append({
                "path": fr.path,
                "encoding": fr.encoding,
                "encoding_source": fr.encoding_source,
                "encoding_confidence": fr.encoding_confidence,
                "findings": len(fr.findings),
                "fixed": len(fr.fixed),
                "written": fr.written,
                "error": fr.error,
            })
            if fr.record is not None:  # a corpus record: the corpus is the path
                files[-1]["record"] = fr.record
                files[-1]["line"] = fr.first_line
            if getattr(fr, "source_path", None):  # a file pair: its original and alignment
                files[-1]["source"] = fr.source_path
                files[-1]["alignment"] = fr.alignment
    errors = [{"path": _error_path(e), "message": e} for e in report.all_errors]
    n = len(findings)
    return {
        "version": JSON_VERSION,
        "tool": {"name": "procutext", "version": __version__},
        "summary": {
            "files_checked": report.checked,
            "findings": n,
            "fixable": sum(1 for f in report.findings if f.safe_fix),
            "fixed": len(report.fixed),
            "errors": len(errors),
            "skipped": len(report.skipped),
            "clean": report.clean,
            "exit_code": report.exit_code(),
            "baselined": len(baselined),
        },
        "files": files,
        "errors": errors,
        "skipped": [{"path": p, "reason": r} for p, r in report.skipped],
        "warnings": list(report.warnings),
        "findings": findings,
        "baseline": report.baseline,
        "baselined": baselined,
    }


def _error_path(message: str) -> str | None:
    head, sep, _ = message.partition(": ")
    return head if sep else None


def json_format(report: "RunReport", out: TextIO, style: Style = PLAIN) -> None:
    # the collector paused while the document is built and written: it is made of tens of
    # thousands of new dicts and strings that all live until it is written, and the young
    # collections that traversed them cost as much as the writing (0.1 s of 0.2 s on the
    # 1,677 findings of a 5,000-unit XLIFF file)
    enabled = gc.isenabled()
    gc.disable()
    try:
        text = dumps_indented(json_document(report))
    finally:
        if enabled:
            gc.enable()
    out.write(text)
    out.write("\n")


_INDENTS = ["\n" + "  " * i for i in range(16)]


def _float_json(o: float) -> str:
    if o != o:
        return "NaN"
    if o == float("inf"):
        return "Infinity"
    if o == float("-inf"):
        return "-Infinity"
    return float.__repr__(o)


def _key_json(k: object) -> str:
    """A dict key as ``json`` writes it (in its order of tests)."""
    if isinstance(k, str):
        return k
    if isinstance(k, float):
        return _float_json(k)
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, int):
        return int.__repr__(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")


def dumps_indented(obj: object) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, the same text, made faster: Python's
    encoder writes indented JSON with its pure-Python generator, one chunk per token (its C
    encoder takes no indent); here the parts are appended to one list, strings escaped by the
    C escaper ``json`` itself uses. tests/test_speed_equivalence_bilingual.py compares the two
    on generated documents. Circular structures are not detected (a report has none)."""
    from json.encoder import encode_basestring as escape

    parts: list[str] = []
    append = parts.append
    indents = _INDENTS

    def value(o: object, level: int) -> None:
        t = type(o)
        if t is str:
            append(escape(o))
        elif t is dict:
            if not o:
                append("{}")
                return
            if level + 2 >= len(indents):
                indents.extend("\n" + "  " * i for i in range(len(indents), level + 3))
            inner = indents[level + 1]
            sep = "," + inner
            append("{")
            append(inner)
            first = True
            for k, v in o.items():  # type: ignore[attr-defined]
                if first:
                    first = False
                else:
                    append(sep)
                append(escape(k if type(k) is str else _key_json(k)))
                append(": ")
                value(v, level + 1)
            append(indents[level])
            append("}")
        elif t is list or t is tuple:
            if not o:
                append("[]")
                return
            if level + 2 >= len(indents):
                indents.extend("\n" + "  " * i for i in range(len(indents), level + 3))
            inner = indents[level + 1]
            append("[")
            append(inner)
            first = True
            for v in o:  # type: ignore[attr-defined]
                if first:
                    first = False
                else:
                    append(",")
                    append(inner)
                value(v, level + 1)
            append(indents[level])
            append("]")
        elif o is None:
            append("null")
        elif o is True:
            append("true")
        elif o is False:
            append("false")
        elif t is int:
            append(int.__repr__(o))  # type: ignore[arg-type]
        elif t is float:
            append(_float_json(o))  # type: ignore[arg-type]
        elif isinstance(o, str):
            append(escape(o))
        elif isinstance(o, int):
            append(int.__repr__(o))
        elif isinstance(o, float):
            append(_float_json(o))
        elif isinstance(o, (list, tuple)):
            value(list(o), level)
        elif isinstance(o, dict):
            value(dict(o), level)
        else:
            raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")

    value(obj, 0)
    return "".join(parts)


def json_v1(report: "RunReport", out: TextIO, style: Style = PLAIN) -> None:
    """The version-1 shape (an array of findings, no errors), kept for scripts written
    against it; it cannot tell a failed run from a clean one, so prefer ``json``."""
    data = []
    for fr in report.files:
        doc = report_document(fr)
        for f in fr.findings:
            d = finding_json(f, doc)
            for key in ("matched", "data", "doc"):
                d.pop(key, None)
            data.append(d)
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


Reporter = Callable[["RunReport", TextIO, Style], None]


def _lazy(module: str, func: str) -> Reporter:
    """A reporter whose module is imported on first use (the HTML report needs markdown-it)."""

    def run(report: "RunReport", out: TextIO, style: Style = PLAIN) -> None:
        getattr(importlib.import_module(f".{module}", __name__), func)(report, out, style)

    run.__name__ = run.__qualname__ = f"{module}.{func}"
    return run


REPORTERS: dict[str, Reporter] = {
    "concise": concise,
    "full": full,
    "json": json_format,
    "json-v1": json_v1,
    "json-lines": _lazy("jsonlines", "json_lines"),
    "sarif": _lazy("sarif", "sarif"),
    "github": _lazy("github", "github"),
    "junit": _lazy("junit", "junit"),
    "gitlab": _lazy("gitlab", "gitlab"),
    "html": _lazy("html", "html"),
}
assert tuple(REPORTERS) == FORMATS


def _writer(module: str, cls: str):  # type: ignore[no-untyped-def]
    def make(out: TextIO, style: Style = PLAIN):  # type: ignore[no-untyped-def]
        return getattr(importlib.import_module(f".{module}", __name__), cls)(out, style)

    return make


#: formats written as a run's reports arrive (memory bounded however many inputs): a
#: writer with ``file(file_report)`` and ``finish(run_report)``, whose output is the
#: reporter's of the whole run
STREAMING = {
    "concise": ConciseWriter,
    "full": FullWriter,
    "json-lines": _writer("jsonlines", "JsonLinesWriter"),
    "sarif": _writer("sarif", "SarifWriter"),
    "github": _writer("github", "GithubWriter"),
    "html": _writer("html", "HtmlWriter"),
}


def format_findings(
    findings: Sequence[Finding],
    output_format: str = "concise",
    *,
    sources: dict[str, str] | None = None,
    color: bool = False,
) -> str:
    """Format findings (from :func:`procutext.check` or a :class:`RunReport`) as the CLI
    would: any of :data:`FORMATS` (``concise``, ``full``, ``json``, ``sarif``, ``html`` ...).
    ``sources`` maps each finding's path, or ``"-"``, to the checked text, for the source
    excerpts of ``full``, the fixes' positions and the text of ``html``."""
    import io

    from ..runner import FileReport, RunReport

    if output_format not in REPORTERS:
        raise ValueError(f"unknown output format {output_format!r}: expected one of {', '.join(REPORTERS)}")
    if isinstance(findings, Finding) or not all(isinstance(f, Finding) for f in findings):
        raise TypeError("findings must be a list of procutext.Finding")
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path or "-", []).append(f)
    src = sources or {}
    for p in src:
        by_path.setdefault(p, [])
    report = RunReport(files=[FileReport(path=p, findings=fs, text=src.get(p))
                              for p, fs in by_path.items()])
    buf = io.StringIO()
    REPORTERS[output_format](report, buf, Style(color))
    return buf.getvalue()
