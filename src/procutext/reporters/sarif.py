"""SARIF 2.1.0 (``--output-format sarif``), e.g. for GitHub code scanning.

One run: the tool with every registered rule (texts from the rule's docstring), one
result per finding (baselined ones marked as suppressed), the file encodings as
artifacts, and one invocation that carries the exit code and a notification for every
input that could not be checked, so that a failed run does not look clean.

Positions: lines are 1-based and columns count Unicode code points (``columnKind``
``unicodeCodePoints``), end columns exclusive, as everywhere in procutext. Relative paths
are URIs relative to ``%SRCROOT%`` (the working directory, in ``originalUriBaseIds``);
absolute paths are ``file:`` URIs; pages fetched over HTTP keep their URL.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Iterator, TextIO
from urllib.parse import quote

from ..baseline import all_findings, is_url, normalise_path, report_fingerprints
from ..model import Applicability, Document, Finding, Severity
from . import report_document, PLAIN, Style, _error_path, _short, edit_location

if TYPE_CHECKING:
    from ..registry import Rule
    from ..runner import RunReport

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
#: the key of procutext's own fingerprint in ``partialFingerprints``
FINGERPRINT_KEY = "procutextFindingHash/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
NOTIFICATIONS = (
    ("input-error", "An input, configuration or glossary could not be used; it was not checked."),
    ("skipped-input", "An input was deliberately not read (a special file, or a kind procutext does not read)."),
    ("run-warning", "A problem that did not stop the run, such as an unknown code in a suppression comment."),
    ("nothing-checked", "No input was checked: the run cannot be clean."),
)
_NOTE_INDEX = {name: i for i, (name, _) in enumerate(NOTIFICATIONS)}


@lru_cache(maxsize=1)
def rules_doc_url() -> str | None:
    """The absolute URL of docs/rules.md, when the installed package declares one as its
    ``Rules`` project URL (``[project.urls] Rules = "https://…/docs/rules.md"``). SARIF
    wants an absolute ``helpUri``: a path relative to the checked repository would point
    into the user's repository, not procutext's, so without such a URL the rule's
    documentation travels in ``help`` alone."""
    from importlib import metadata

    try:
        entries = metadata.metadata("procutext").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in entries:
        label, _, url = entry.partition(",")
        url = url.strip()
        if label.strip().lower() == "rules" and url.startswith(("https://", "http://")):
            return url.split("#", 1)[0]
    return None


def artifact_location(path: str) -> dict[str, Any]:
    """A report path as a SARIF artifactLocation."""
    if is_url(path):
        return {"uri": path}
    if path == "-":
        return {"uri": "-"}
    p = PurePath(path)
    if p.is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(normalise_path(path), safe="/:@!$&'()*+,;=-._~"), "uriBaseId": SRCROOT}


def _sections(doc: str) -> dict[str, str]:
    """The docstring's ``## Section`` texts, by heading."""
    out: dict[str, str] = {}
    current = None
    for line in doc.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            out[current] = ""
        elif current is not None:
            out[current] += line + "\n"
    return {k: v.strip() for k, v in out.items()}


def rule_descriptor(r: "Rule") -> dict[str, Any]:
    """A rule as a SARIF reportingDescriptor, its texts from its docstring."""
    doc = r.doc
    what = _sections(doc).get("What it does", "")
    where = f"docs/rules.md#{r.code.lower()}"
    d: dict[str, Any] = {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": " ".join(what.split()) or r.summary},
        "help": {
            "text": f"{doc}\n\nDocumentation: {where} (`procutext rule {r.code}` prints it).",
            "markdown": f"**{r.code} {r.name}**: {doc}\n\nDocumentation: `{where}` "
                        f"(`procutext rule {r.code}` prints it).",
        },
        "defaultConfiguration": {"level": LEVELS[r.severity], "enabled": r.default_enabled},
        "properties": {"family": r.family, "fix": r.fix.value if r.fix else None,
                       "tags": ["procutext", r.family]},
    }
    url = rules_doc_url()
    if url:
        d["helpUri"] = f"{url}#{r.code.lower()}"
    return d


def _region(f: Finding) -> dict[str, Any] | None:
    if f.line <= 0 or f.column <= 0:
        return None
    end_line = f.end_line if f.end_line >= f.line else f.line
    end_col = f.end_column if f.end_column > 0 else f.column
    if end_line == f.line and end_col < f.column:
        end_col = f.column
    region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column, "endLine": end_line, "endColumn": end_col}
    if f.matched:
        region["snippet"] = {"text": f.matched}
    return region


def _fix(f: Finding, doc: Document | None, location: dict[str, Any]) -> dict[str, Any] | None:
    if f.edit is None or doc is None:
        return None
    loc = edit_location(f, doc)
    safe = f.edit.applicability is Applicability.SAFE
    rep = f.edit.replacement
    action = f"replace with {_short(rep)!r}" if rep else "delete"
    kind = "Safe fix" if safe else "Unsafe fix (applied only with --unsafe-fixes)"
    return {
        "description": {"text": f"{kind}: {action}"},
        "artifactChanges": [{
            "artifactLocation": location,
            "replacements": [{
                "deletedRegion": {"startLine": loc["line"], "startColumn": loc["column"],
                                  "endLine": loc["end_line"], "endColumn": loc["end_column"]},
                "insertedContent": {"text": rep},
            }],
        }],
        "properties": {"applicability": str(f.edit.applicability)},
    }


def _source_location(src: Any, target: dict[str, Any]) -> dict[str, Any]:
    """The SARIF relatedLocation of a bilingual finding's source text (its own file for a
    file pair, the bilingual file itself otherwise)."""
    where = artifact_location(src.path) if src.path else target
    region: dict[str, Any] = {"startLine": src.line, "startColumn": src.column,
                              "endLine": max(src.end_line, src.line),
                              "endColumn": src.end_column if (src.end_line, src.end_column) >= (src.line, src.column)
                              else src.column}
    if src.text:
        region["snippet"] = {"text": src.text}
    return {"id": 1, "message": {"text": f"source: {src.text}" if src.text else "source"},
            "physicalLocation": {"artifactLocation": where, "region": region}}


def _notification(kind: str, text: str, path: str | None, level: str) -> dict[str, Any]:
    n: dict[str, Any] = {"level": level, "message": {"text": text},
                         "descriptor": {"id": kind, "index": _NOTE_INDEX[kind]}}
    if path:
        n["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(path)}}]
    return n


def _exit_description(code: int) -> str:
    return {0: "clean: no finding at or above the fail level",
            1: "findings at or above the fail level",
            2: "an input, configuration or glossary could not be used, or nothing was checked"}.get(code, "")


def _results(fr: Any, loc: dict[str, Any], index: dict[str, int], rules: list[dict[str, Any]],
             baseline: str | None) -> Iterator[dict[str, Any]]:
    """The SARIF results of one report (``rules`` grows by the codes the registry lacks)."""
    baseline_name = os.path.basename(baseline) if baseline else None
    doc = report_document(fr)
    fs = all_findings(fr)
    prints = report_fingerprints(fr, fs)
    baselined = {id(f) for f in fr.baselined}
    for f, fp in zip(fs, prints):
        if f.code not in index:  # a finding of a code the registry does not know
            index[f.code] = len(rules)
            rules.append({"id": f.code, "name": f.name, "shortDescription": {"text": f.name},
                          "defaultConfiguration": {"level": LEVELS[f.severity]}})
        physical: dict[str, Any] = {"artifactLocation": loc}
        region = _region(f)
        if region:
            physical["region"] = region
        res: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "kind": "fail",
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
        }
        fix = _fix(f, doc, loc)  # type: ignore[arg-type]
        if fix:
            res["fixes"] = [fix]
        if baseline:
            res["baselineState"] = "unchanged" if id(f) in baselined else "new"
        if id(f) in baselined:
            res["suppressions"] = [{"kind": "external", "status": "accepted",
                                    "justification": f"listed in the baseline {baseline_name}"}]
        props: dict[str, Any] = {"name": f.name, "severity": str(f.severity)}
        if f.suggestions:
            props["suggestions"] = list(f.suggestions)
        if f.data is not None:
            props["data"] = f.data
        if fr.record is not None:
            props["record"] = fr.record
        res["properties"] = props
        if f.source is not None:
            res["relatedLocations"] = [_source_location(f.source, loc)]
        yield res


def _artifact(fr: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    loc = artifact_location(fr.path)
    art: dict[str, Any] = {"location": dict(loc), "roles": ["analysisTarget"]}
    if fr.encoding:
        art["encoding"] = fr.encoding
    return loc, art


def _tail(report: "RunReport", rules: list[dict[str, Any]], file_notes: list[dict[str, Any]]
          ) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """The tool, the invocations and the base URIs of the run."""
    from .. import __version__

    notes = list(file_notes)
    for e in report.errors:
        notes.append(_notification("input-error", e, _error_path(e), "error"))
    for p, reason in report.skipped:
        notes.append(_notification("skipped-input", f"{p}: skipped ({reason})", p, "warning"))
    for w in report.warnings:
        notes.append(_notification("run-warning", w, None, "warning"))
    if report.checked == 0:
        notes.append(_notification("nothing-checked", "nothing was checked", None, "error"))
    code = report.exit_code()
    invocation: dict[str, Any] = {
        "executionSuccessful": not report.all_errors and report.checked > 0,
        "exitCode": code,
        "exitCodeDescription": _exit_description(code),
        "toolExecutionNotifications": notes,
    }
    tool = {"driver": {
        "name": "procutext",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": rules,
        "notifications": [{"id": n, "shortDescription": {"text": t}} for n, t in NOTIFICATIONS],
    }}
    return tool, [invocation], {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}}


def sarif_document(report: "RunReport") -> dict[str, Any]:
    """The run as a SARIF 2.1.0 log (a dict ready for ``json.dump``; :class:`SarifWriter`
    writes the same log without holding it)."""
    from ..registry import all_rules

    rules = [rule_descriptor(r) for r in all_rules()]
    index = {d["id"]: i for i, d in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    art_index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    for fr in report.files:
        loc, art = _artifact(fr)
        if fr.path not in art_index:
            art_index[fr.path] = len(artifacts)
            artifacts.append(art)
        loc = {**loc, "index": art_index[fr.path]}
        results.extend(_results(fr, loc, index, rules, report.baseline))
    notes = [_notification("input-error", fr.error, fr.path, "error") for fr in report.files if fr.error]
    tool, invocations, bases = _tail(report, rules, notes)
    run: dict[str, Any] = {
        "tool": tool,
        "invocations": invocations,
        "originalUriBaseIds": bases,
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if report.baseline:
        run["properties"] = {"baseline": report.baseline}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class SarifWriter:
    """The SARIF log of a run written as its reports arrive: results and artifacts go to
    spooled temporary files (in memory up to :data:`SPOOL_BYTES`, then on disk) and the log
    is put together at the end, byte for byte the ``json.dumps`` of :func:`sarif_document`.
    Memory holds the rules, one index entry per distinct path and the input errors."""

    SPOOL_BYTES = 4 * 1024 * 1024

    def __init__(self, out: TextIO, style: Style = PLAIN, baseline: str | None = None) -> None:
        import tempfile

        from ..registry import all_rules

        self.out = out
        self.baseline = baseline
        self.rules = [rule_descriptor(r) for r in all_rules()]
        self.index = {d["id"]: i for i, d in enumerate(self.rules)}
        self.art_index: dict[str, int] = {}
        self.notes: list[dict[str, Any]] = []
        self.artifacts = tempfile.SpooledTemporaryFile(self.SPOOL_BYTES, mode="w+", encoding="utf-8", newline="")
        self.results = tempfile.SpooledTemporaryFile(self.SPOOL_BYTES, mode="w+", encoding="utf-8", newline="")
        self.n_results = 0

    def file(self, fr: Any) -> None:
        loc, art = _artifact(fr)
        if fr.path not in self.art_index:
            if self.art_index:
                self.artifacts.write(",")
            self.art_index[fr.path] = len(self.art_index)
            self.artifacts.write(_dumps(art))
        loc = {**loc, "index": self.art_index[fr.path]}
        for res in _results(fr, loc, self.index, self.rules, self.baseline):
            if self.n_results:
                self.results.write(",")
            self.results.write(_dumps(res))
            self.n_results += 1
        if fr.error:
            self.notes.append(_notification("input-error", fr.error, fr.path, "error"))

    def finish(self, report: "RunReport") -> None:
        import shutil

        out = self.out
        tool, invocations, bases = _tail(report, self.rules, self.notes)
        out.write(f'{{"$schema":{_dumps(SCHEMA)},"version":"2.1.0","runs":[{{"tool":{_dumps(tool)},'
                  f'"invocations":{_dumps(invocations)},"originalUriBaseIds":{_dumps(bases)},"artifacts":[')
        for spool, after in ((self.artifacts, '],"results":['), (self.results, '],"columnKind":"unicodeCodePoints"')):
            spool.seek(0)
            shutil.copyfileobj(spool, out)
            spool.close()
            out.write(after)
        if report.baseline:
            out.write(f',"properties":{_dumps({"baseline": report.baseline})}')
        out.write("}]}\n")


def sarif(report: "RunReport", out: TextIO, style: Style = PLAIN) -> None:
    # compact: for 5,000 results an indented log is 11.1 MB instead of 5.6 MB and takes
    # 0.9 s instead of 0.5 s (json's C encoder does not indent); viewers do not care
    w = SarifWriter(out, style, report.baseline)
    for fr in report.files:
        w.file(fr)
    w.finish(report)
