"""GitLab Code Quality (``--output-format gitlab``): a JSON array of issues.

Each finding is an issue with ``description``, ``check_name`` (the rule code and name),
``fingerprint``, ``severity`` and ``location.path`` + ``location.lines.begin``/``end``.
The fingerprint is :func:`procutext.baseline.fingerprint`: a hash of the path, rule,
matched text and the text around it (with a duplicate index), never of the line, so
GitLab does not report a finding as fixed-and-new when lines are added above it.

Severities: ``info`` → ``info``, ``warning`` → ``minor``, ``error`` → ``major``. An input
that could not be checked is a ``critical`` issue of check ``procutext/input-error``, so
the merge request widget shows it. Baselined findings are left out: GitLab compares the
report with the target branch's, and a baselined finding is accepted debt, not news.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, TextIO

from ..baseline import all_findings, normalise_path, report_fingerprints
from ..model import Severity
from . import PLAIN, Style, _error_path

if TYPE_CHECKING:
    from ..runner import RunReport

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def _problem(check: str, description: str, path: str) -> dict[str, Any]:
    digest = hashlib.sha256(json.dumps([check, path, description], ensure_ascii=False).encode()).hexdigest()[:32]
    return {"type": "issue", "description": description, "check_name": check, "fingerprint": digest,
            "severity": "critical", "categories": ["Bug Risk"],
            "location": {"path": normalise_path(path), "lines": {"begin": 1}}}


def gitlab_issues(report: "RunReport") -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = []
    for fr in report.files:
        fs = all_findings(fr)
        old = {id(f) for f in fr.baselined}
        for f, fp in zip(fs, report_fingerprints(fr, fs)):
            if id(f) in old:
                continue
            begin = max(f.line, 1)
            issues.append({
                "type": "issue",
                "description": f"{f.code} {f.message}",
                "check_name": f"{f.code} {f.name}",
                "fingerprint": fp,
                "severity": SEVERITIES[f.severity],
                "categories": ["Style"],
                "location": {"path": normalise_path(fr.path), "lines": {"begin": begin, "end": max(f.end_line, begin)}},
            })
        if fr.error:
            issues.append(_problem("procutext/input-error", fr.error, fr.path))
    for e in report.errors:
        issues.append(_problem("procutext/input-error", e, _error_path(e) or "."))
    if report.checked == 0 and not report.all_errors:
        issues.append(_problem("procutext/nothing-checked", "nothing was checked", "."))
    return issues


def gitlab(report: "RunReport", out: TextIO, style: Style = PLAIN) -> None:
    issues = gitlab_issues(report)
    # one issue a line: readable, and written by the json module's C encoder (indent is not)
    out.write("[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in issues) + ("\n" if issues else "") + "]\n")
