"""JSON Lines (``--output-format json-lines``): one JSON object a line, written as the
report is walked, so that a consumer can act on each line as it arrives.

Every object has a ``type``:

- ``finding``: one finding, in the shape of a JSON v2 finding (docs/json-format.md), plus
  ``baselined`` (true for a finding the ``--baseline`` file accepts; it does not fail the
  run);
- ``error``: an input, configuration or glossary that could not be used (``path``,
  ``message``);
- ``skipped``: an input deliberately not read (``path``, ``reason``);
- ``warning``: a problem that did not stop the run (``message``);
- ``summary``: always last, exactly once: ``version`` (of this format, the JSON version),
  ``tool``, and the JSON v2 ``summary`` fields (``clean``, ``exit_code`` ...).

A stream that ends without a ``summary`` line was cut short.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any, TextIO

from ..baseline import all_findings
from . import report_document, JSON_VERSION, PLAIN, Style, _error_path, finding_json

if TYPE_CHECKING:
    from ..runner import RunReport


def _line(out: TextIO, obj: dict[str, Any]) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")


def render_findings(fr: Any) -> str:
    """A report's finding lines, as :class:`JsonLinesWriter` writes them: the pool's workers
    call it (``check_paths(..., render=render_findings)``), so that the parent of a pooled
    run writes their text instead of encoding 15,000 findings itself. Its error line is the
    parent's to write (the parent reports a repeated error once)."""
    doc = report_document(fr)
    old = {id(f) for f in fr.baselined}
    lines = []
    for f in all_findings(fr):
        obj = {"type": "finding", **finding_json(f, doc), "baselined": id(f) in old}
        if fr.record is not None:
            obj["record"] = fr.record
        lines.append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
    return "".join(lines)


#: the longest a finished input's lines wait in the buffer before the next input flushes them
FLUSH_SECONDS = 0.2


class JsonLinesWriter:
    """The stream, written as the reports arrive (``--output-format json-lines`` over many
    inputs keeps no finding in memory)."""

    #: what the pool's workers render for this writer (``check_paths(..., render=...)``)
    render = staticmethod(render_findings)

    def __init__(self, out: TextIO, style: Style = PLAIN) -> None:
        self.out = out
        self._flushed = time.monotonic()

    def file(self, fr: Any) -> None:
        out = self.out
        out.write(fr.rendered if fr.rendered is not None else render_findings(fr))
        if fr.error:
            _line(out, {"type": "error", "path": fr.path, "message": fr.error})
        # flushed at most every FLUSH_SECONDS between inputs (and at the end): a consumer
        # reading the stream gets the lines that soon after the next input is done, and a
        # corpus of 10,000 records is not 10,000 writes from the parent of a pooled run
        now = time.monotonic()
        if now - self._flushed >= FLUSH_SECONDS:
            out.flush()
            self._flushed = now

    def finish(self, report: "RunReport") -> None:
        from .. import __version__

        out = self.out
        for e in report.errors:
            _line(out, {"type": "error", "path": _error_path(e), "message": e})
        for p, reason in report.skipped:
            _line(out, {"type": "skipped", "path": p, "reason": reason})
        for w in report.warnings:
            _line(out, {"type": "warning", "message": w})
        t = report.counts()
        _line(out, {
            "type": "summary",
            "version": JSON_VERSION,
            "tool": {"name": "procutext", "version": __version__},
            "files_checked": report.checked,
            "findings": t.findings,
            "baselined": t.baselined,
            "fixable": t.fixable_all,
            "fixed": t.fixed,
            "errors": len(report.all_errors),
            "skipped": len(report.skipped),
            "clean": report.clean,
            "exit_code": report.exit_code(),
        })
        out.flush()


def json_lines(report: "RunReport", out: TextIO, style: Style = PLAIN) -> None:
    w = JsonLinesWriter(out, style)
    for fr in report.files:
        w.file(fr)
    w.finish(report)
