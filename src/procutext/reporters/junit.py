"""JUnit XML (``--output-format junit``), for CI test-report views (GitLab, Jenkins, Azure).

One ``<testsuite>`` per input, named by its path; in it **one ``<testcase>`` per rule
that was enabled for that file**, named ``CODE name``. A rule with findings fails, its
``<failure>`` listing every finding as ``line:col: message``; a rule without findings
passes. Why a test case per rule and not per finding: a test is a check that was run, so
a clean file shows the checks it passed (a report with a test case per finding would have
no tests at all for a clean file, which looks the same as a file that was never checked),
and the number of test cases stays bounded by files × rules however many findings a
legacy site has; each finding is still listed, with its position, in the failure text.

Findings below the file's fail level are listed in ``<system-out>`` and do not fail their
rule; baselined findings likewise. An input that could not be read or configured is a
suite with one ``<testcase name="read">`` holding an ``<error>``; a run-level error (a
missing path) is such a suite too, and so is a run that checked nothing. Skipped inputs
are suites with a ``<skipped>`` test case.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING, TextIO
from xml.sax.saxutils import escape, quoteattr

from ..baseline import normalise_path
from ..model import Finding, Severity
from . import PLAIN, Style, _error_path, fix_mark

if TYPE_CHECKING:
    from ..registry import Rule
    from ..runner import FileReport, RunReport

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(s: str) -> str:
    """Text XML 1.0 can carry (control characters and lone surrogates removed)."""
    return _XML_BAD.sub("", s)


@lru_cache(maxsize=4096)  # rule names and paths repeat in every suite
def _attr(s: str) -> str:
    return quoteattr(_clean(s), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _text(s: str) -> str:
    return escape(_clean(s))


def _line(f: Finding, tag: str = "") -> str:
    mark = fix_mark(f)
    return f"{f.line}:{f.column}: {f.code} {mark + ' ' if mark else ''}{f.message}{tag}"


class _Suite:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cases: list[str] = []
        self.failures = self.errors = self.skipped = 0

    def case(self, name: str, classname: str, body: str = "", *, failure: str | None = None,
             error: str | None = None, skipped: str | None = None, out: str = "") -> None:
        inner = []
        if failure is not None:
            self.failures += 1
            inner.append(f"<failure message={_attr(failure)} type=\"finding\">{_text(body)}</failure>")
        if error is not None:
            self.errors += 1
            inner.append(f"<error message={_attr(error)} type=\"input-error\">{_text(body)}</error>")
        if skipped is not None:
            self.skipped += 1
            inner.append(f"<skipped message={_attr(skipped)}/>")
        if out:
            inner.append(f"<system-out>{_text(out)}</system-out>")
        attrs = f"name={_attr(name)} classname={_attr(classname)}"
        self.cases.append(f"    <testcase {attrs}>{''.join(inner)}</testcase>" if inner
                          else f"    <testcase {attrs}/>")

    def xml(self, seconds: float = 0.0) -> str:
        head = (f"  <testsuite name={_attr(self.name)} tests=\"{len(self.cases)}\" failures=\"{self.failures}\" "
                f"errors=\"{self.errors}\" skipped=\"{self.skipped}\" time=\"{seconds:.3f}\">")
        return "\n".join([head, *self.cases, "  </testsuite>"])


def _rules_for(fr: "FileReport", cache: dict) -> list["Rule"]:
    from ..registry import select_rules

    s = fr.settings
    key = (s.select, s.extend_select, s.ignore) if s else None
    if key not in cache:
        try:
            cache[key] = select_rules(*key) if key else select_rules()
        except Exception:  # the file's selection failed: its error says why
            cache[key] = []
    return cache[key]


def junit(report: "RunReport", out: TextIO, style: Style = PLAIN) -> None:
    suites: list[tuple[_Suite, float]] = []
    cache: dict = {}
    for fr in report.files:
        path = normalise_path(fr.path)
        suite = _Suite(path)
        if not fr.checked:
            if fr.error:
                suite.case("read", path, fr.error, error=fr.error)
                suites.append((suite, fr.seconds))
            continue
        level = fr.settings.fail_level if fr.settings else Severity.WARNING
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for f in fr.findings:
            by_rule[f.code].append(f)
        old: dict[str, list[Finding]] = defaultdict(list)
        for f in fr.baselined:
            old[f.code].append(f)
        rules = {r.code: r.name for r in _rules_for(fr, cache)}
        for code in (*by_rule, *old):  # codes the selection does not list (e.g. fetch errors)
            if code not in rules:
                fs = by_rule.get(code) or old[code]
                rules[code] = fs[0].name
        for code in sorted(rules):
            name = f"{code} {rules[code]}"
            failing = [f for f in by_rule.get(code, []) if f.severity >= level]
            below = [f for f in by_rule.get(code, []) if f.severity < level]
            lines = [*(_line(f, " (below the fail level)") for f in below),
                     *(_line(f, " (baselined)") for f in old.get(code, []))]
            if failing:
                n = len(failing)
                suite.case(name, path, "\n".join(_line(f) for f in failing),
                           failure=f"{n} finding{'s' if n != 1 else ''} of {code}", out="\n".join(lines))
            else:
                suite.case(name, path, out="\n".join(lines))
        if fr.error:  # checked, but the fix could not be written
            suite.case("write", path, fr.error, error=fr.error)
        suites.append((suite, fr.seconds))
    for e in report.errors:
        path = _error_path(e) or "procutext"
        suite = _Suite(normalise_path(path))
        suite.case("read", path, e, error=e)
        suites.append((suite, 0.0))
    for p, reason in report.skipped:
        suite = _Suite(normalise_path(p))
        suite.case("read", normalise_path(p), skipped=reason)
        suites.append((suite, 0.0))
    if report.checked == 0 and not report.all_errors:
        suite = _Suite("procutext")
        suite.case("run", "procutext", "nothing was checked", error="nothing was checked")
        suites.append((suite, 0.0))
    tests = sum(len(s.cases) for s, _ in suites)
    failures = sum(s.failures for s, _ in suites)
    errors = sum(s.errors for s, _ in suites)
    skipped = sum(s.skipped for s, _ in suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<testsuites name="procutext" tests="{tests}" failures="{failures}" errors="{errors}" '
              f'skipped="{skipped}" time="{report.seconds:.3f}">\n')
    for suite, seconds in suites:
        out.write(suite.xml(seconds) + "\n")
    out.write("</testsuites>\n")
