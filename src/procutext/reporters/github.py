"""GitHub Actions workflow commands (``--output-format github``): one annotation a line.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message``, with
``error`` for error findings, ``warning`` for warnings and ``notice`` for info findings
and for baselined ones (which never fail the run). Inputs that could not be checked are
``::error`` lines too, so the log shows why the job failed. Columns count Unicode code
points, as in every procutext format.

Escaping follows the runner's rules: in the message ``%``, CR and LF become ``%25``,
``%0D``, ``%0A``; in a property value ``:`` and ``,`` also become ``%3A`` and ``%2C``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from ..baseline import all_findings, normalise_path
from ..model import Finding, Severity
from . import PLAIN, Style, _error_path, fix_mark

if TYPE_CHECKING:
    from ..runner import RunReport

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    """A workflow command's message."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """A workflow command's property value."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props: object) -> str:
    """``::kind k=v,...::message`` with every part escaped; ``None`` properties left out."""
    parts = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind}{' ' + parts if parts else ''}::{escape_data(message)}"


def annotation(f: Finding, baselined: bool = False) -> str:
    kind = "notice" if baselined else COMMANDS[f.severity]
    title = f"{f.code} {f.name}" + (" (baselined)" if baselined else "")
    mark = fix_mark(f)
    located = f.line > 0
    return command(
        kind, f"{mark + ' ' if mark else ''}{f.message}",
        file=normalise_path(f.path) if f.path else None,
        line=f.line if located else None,
        col=f.column if located and f.column > 0 else None,
        endLine=f.end_line if located and f.end_line >= f.line else None,
        endColumn=f.end_column if located and f.end_column > 0 else None,
        title=title,
    )


class GithubWriter:
    """Annotations written as the reports arrive."""

    def __init__(self, out: TextIO, style: Style = PLAIN) -> None:
        self.out = out

    def file(self, fr) -> None:  # type: ignore[no-untyped-def]
        out = self.out
        baselined = {id(f) for f in fr.baselined}
        for f in all_findings(fr):
            out.write(annotation(f, id(f) in baselined) + "\n")
        if fr.error:
            out.write(command("error", fr.error, file=normalise_path(fr.path), title="procutext: not checked") + "\n")

    def finish(self, report: "RunReport") -> None:
        out = self.out
        for e in report.errors:
            path = _error_path(e)
            out.write(command("error", e, file=normalise_path(path) if path else None, title="procutext: error") + "\n")
        for path, reason in report.skipped:
            out.write(command("warning", f"skipped: {reason}", file=normalise_path(path), title="procutext: skipped") + "\n")
        for w in report.warnings:
            out.write(command("warning", w, title="procutext") + "\n")
        if report.checked == 0:
            out.write(command("error", "nothing was checked", title="procutext") + "\n")


def github(report: "RunReport", out: TextIO, style: Style = PLAIN) -> None:
    w = GithubWriter(out, style)
    for fr in report.files:
        w.file(fr)
    w.finish(report)
