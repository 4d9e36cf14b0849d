"""A report for people (``--output-format html``): one self-contained HTML file.

Nothing is fetched: the CSS, the script and the charts (SVG) are inline, and a Content
Security Policy (``default-src 'none'``) forbids the page any request. The page has:

- the run's outcome (files checked, findings, errors, baselined findings, exit code) and
  the inputs that could not be checked;
- a summary by severity and by rule, with bar charts;
- filters by rule and severity (and baselined findings), plain JavaScript over the DOM;
- each document, collapsible, with its text line by line, every finding's span marked in
  it and, under the line, a card with the message, the suggested fix (before → after) and
  the rule's documentation (collapsible; the text of each rule is in the page once);
- the documentation of the rules that were found.

Large runs stay usable: documents start collapsed when there are more than
:data:`OPEN_LIMIT` findings or :data:`OPEN_DOCS` documents (a closed ``<details>`` is not
laid out), a rule's documentation is copied into a card only when it is opened, and a
filter click is one pass over the cards and marks. ``bench/html_report.py`` measures size
and the time Chromium takes to open, render and filter a large report.

Positions: marks are placed by each finding's line and column in the text the report
holds (:attr:`FileReport.text`), so they point where every other format points.
"""

from __future__ import annotations

import html as _html
import json
from collections import Counter
from importlib import resources
from typing import TYPE_CHECKING, Iterable, TextIO

from ..baseline import all_findings, is_url, normalise_path
from ..model import Applicability, Document, Finding, Severity, line_starts
from . import PLAIN, Style, report_document

if TYPE_CHECKING:
    from ..registry import Rule
    from ..runner import FileReport, RunReport

#: documents start open when the report has at most this many findings ...
OPEN_LIMIT = 500
#: ... and at most this many documents with findings
OPEN_DOCS = 20
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def esc(s: object) -> str:
    return _html.escape(str(s), quote=True)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("html_assets", name).read_text(encoding="utf-8")


# -- spans ------------------------------------------------------------------------------------
def _offsets(f: Finding, starts: list[int], size: int, shift: int = 0) -> tuple[int, int] | None:
    """The finding's span as offsets into the report text, from its line and column (less
    ``shift`` lines: a corpus record's text starts at its line of the corpus)."""
    line, end_line = f.line - shift, f.end_line - shift
    if line <= 0 or line > len(starts) or f.column <= 0:
        return None
    a = min(starts[line - 1] + f.column - 1, size)
    if 0 < end_line <= len(starts) and f.end_column > 0:
        b = min(starts[end_line - 1] + f.end_column - 1, size)
    else:
        b = a
    return a, max(a, b)


def _marked(text: str, spans: list[tuple[int, int, int]], lo: int, hi: int) -> str:
    """``text[lo:hi]`` escaped, with ``<mark>`` around every stretch that findings cover
    (``spans``: (start, end, finding index)); overlapping findings split the stretch, each
    piece naming every finding that covers it. A zero-width finding is an empty mark."""
    if not spans:
        return esc(text[lo:hi])
    cuts = {lo, hi}
    points: dict[int, list[int]] = {}
    for a, b, i in spans:
        a2, b2 = max(a, lo), min(b, hi)
        if a == b:
            if lo <= a <= hi:
                points.setdefault(a, []).append(i)
                cuts.add(a)
            continue
        cuts.update((a2, b2))
    order = sorted(c for c in cuts if lo <= c <= hi)
    out: list[str] = []
    for k, c in enumerate(order):
        if c in points:
            ids = " ".join(map(str, points[c]))
            out.append(f'<mark class="m z" data-f="{ids}"></mark>')
        if k + 1 == len(order):
            break
        d = order[k + 1]
        piece = esc(text[c:d])
        cover = [i for a, b, i in spans if a < b and a <= c and d <= b]
        if cover:
            out.append(f'<mark class="m" data-f="{" ".join(map(str, cover))}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


# -- pieces -----------------------------------------------------------------------------------
_WS = {" ": "␣", "\t": "⇥", "\n": "↵", "\r": "", "\u3000": "□", "\u00a0": "⍽"}


def _visible(s: str) -> str:
    """Escaped, with whitespace shown (a fix often only adds or removes a space)."""
    return "".join(f'<span class="ws">{_WS[c]}</span>' if c in _WS and _WS[c] else esc(c) for c in s)


def _fix_html(f: Finding, doc: Document | None) -> str:
    if f.edit is None:
        return ""
    ed = f.edit
    safe = ed.applicability is Applicability.SAFE
    label = "safe fix" if safe else "unsafe fix (--unsafe-fixes)"
    if doc is not None and f.start <= ed.start and ed.end <= f.end and f.end <= len(doc.source):
        src = doc.source
        before = src[f.start:f.end]
        after = src[f.start:ed.start] + ed.replacement + src[ed.end:f.end]
    elif doc is not None and ed.end <= len(doc.source):
        before, after = doc.source[ed.start:ed.end], ed.replacement
    else:
        before, after = "", ed.replacement
    show = _visible if max(len(before), len(after)) <= 24 else esc  # short changes are often one space
    if not after:
        change = f'delete <code class="del">{show(before)}</code>'
    else:
        change = f'<code class="del">{show(before)}</code> → <code class="ins">{show(after)}</code>'
    return f'<p class="fix {"safe" if safe else "unsafe"}"><b>{label}</b>: {change}</p>'


def _card(i: int, f: Finding, doc: Document | None, baselined: bool, rule_known: bool) -> str:
    sev = str(f.severity)
    where = f"{f.line}:{f.column}" if f.line > 0 else "—"
    parts = [
        f'<li class="card s-{sev}" id="f{i}" data-i="{i}" data-rule="{esc(f.code)}" data-sev="{sev}"'
        f'{" data-bl=1" if baselined else ""}>',
        f'<div class="head"><a class="pos" href="#f{i}">{where}</a> '
        f'<span class="sev">{sev}</span> <a class="code" href="#rule-{esc(f.code.lower())}">{esc(f.code)}</a> '
        f'<span class="name">{esc(f.name)}</span>{" <span class=bl>baselined</span>" if baselined else ""}</div>',
        f'<p class="msg">{esc(f.message)}</p>',
        _fix_html(f, doc),
    ]
    if f.suggestions:
        parts.append('<ul class="sugg">' + "".join(f"<li>suggestion: {esc(s)}</li>" for s in f.suggestions) + "</ul>")
    if rule_known:
        parts.append(f'<details class="ruledoc" data-rule="{esc(f.code)}"><summary>{esc(f.code)} documentation'
                     "</summary></details>")
    parts.append("</li>")
    return "".join(parts)


def _document(k: int, fr: "FileReport", first: int, opened: bool | None, known: "set[str] | dict") -> tuple[str, int]:
    """One document's section; returns it and the number of findings it holds (``opened``
    None: the section keeps the :data:`_OPEN` mark, for :class:`HtmlWriter`)."""
    fs = all_findings(fr)
    old = {id(f) for f in fr.baselined}
    text = fr.text or ""
    doc = report_document(fr)
    starts = line_starts(text) if fr.text is not None else []
    shift = getattr(fr, "first_line", 1) - 1  # a corpus record: its text is one line of the corpus
    by_line: dict[int, list[tuple[int, Finding]]] = {}
    unplaced: list[tuple[int, Finding]] = []
    spans_by_line: dict[int, list[tuple[int, int, int]]] = {}
    for n, f in enumerate(fs):
        i = first + n
        span = _offsets(f, starts, len(text), shift) if fr.text is not None else None
        if span is None:
            unplaced.append((i, f))
            continue
        line = f.line - shift
        by_line.setdefault(line, []).append((i, f))
        a, b = span
        last = f.end_line - shift if f.end_line >= f.line else line
        for ln in range(line, min(last, len(starts)) + 1):
            spans_by_line.setdefault(ln, []).append((a, b, i))
    counts = Counter(str(f.severity) for f in fs)
    path = fr.path
    shown = normalise_path(path)
    title = (f'<a class="path" href="{esc(path)}" rel="noreferrer">{esc(shown)}</a>' if is_url(path)
             else f'<span class="path">{esc(shown)}</span>')
    badges = "".join(f'<span class="badge s-{s}">{counts[s]} {s}</span>' for s in map(str, SEVERITIES) if counts[s])
    if fr.baselined:
        badges += f'<span class="badge bl">{len(fr.baselined)} baselined</span>'
    enc = f'<span class="enc">{esc(fr.encoding_description or fr.encoding)}</span>' if fr.encoding else ""
    out = [f'<details class="doc" id="d{k}" data-lo="{first}" data-hi="{first + len(fs)}"{_OPEN}>',
           f'<summary>{title} <span class="count">{len(fs)}</span> {badges} {enc}</summary>']
    if fr.error:
        out.append(f'<p class="error">{esc(fr.error)}</p>')
    if unplaced:
        out.append('<ol class="notes">' + "".join(_card(i, f, doc, id(f) in old, f.code in known)
                                                  for i, f in unplaced) + "</ol>")
    if fr.text is not None:
        out.append('<div class="text">')
        n_lines = len(starts)
        shown_lines = n_lines - 1 if n_lines > 1 and starts[-1] == len(text) and not by_line.get(n_lines) else n_lines
        for ln in range(1, shown_lines + 1):  # not the empty "line" after a final line break
            lo = starts[ln - 1]
            hi = starts[ln] if ln < n_lines else len(text)
            while hi > lo and text[hi - 1] in "\r\n":
                hi -= 1
            here = by_line.get(ln)
            cls = "ln has" if (here or ln in spans_by_line) else "ln"
            out.append(f'<div class="{cls}" data-n="{ln + shift}">{_marked(text, spans_by_line.get(ln, []), lo, hi)}</div>')
            if here:
                here.sort(key=lambda t: (t[1].column, t[1].code))
                out.append('<ol class="notes">' + "".join(_card(i, f, doc, id(f) in old, f.code in known)
                                                          for i, f in here) + "</ol>")
        out.append("</div>")
    out.append("</details>")
    section = "\n".join(out)
    if opened is not None:
        section = section.replace(_OPEN, " open" if opened else "", 1)
    return section, len(fs)


#: stands for `` open`` or nothing in a document section until the totals are known
_OPEN = "\x00open\x00"


def _bars(rows: list[tuple[str, str, int, str]], *, label_width: int = 260, width: int = 640, title: str) -> str:
    """A horizontal bar chart as inline SVG: rows of (key, label, count, css class)."""
    if not rows:
        return ""
    top = max(n for _, _, n, _ in rows) or 1
    h, gap = 18, 6
    bar_w = width - label_width - 60
    parts = [f'<svg class="chart" role="img" aria-label="{esc(title)}" viewBox="0 0 {width} {len(rows) * (h + gap)}" '
             f'width="{width}" height="{len(rows) * (h + gap)}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{esc(title)}</title>"]
    for k, (key, label, n, cls) in enumerate(rows):
        y = k * (h + gap)
        w = max(2, round(bar_w * n / top))
        parts.append(f'<g class="bar {cls}" data-key="{esc(key)}"><text x="{label_width - 8}" y="{y + h - 5}" '
                     f'text-anchor="end">{esc(label)}</text><rect x="{label_width}" y="{y}" width="{w}" height="{h}" '
                     f'rx="3"/><text class="n" x="{label_width + w + 6}" y="{y + h - 5}">{n}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _rule_docs(rules: Iterable["Rule"]) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    out = []
    for r in rules:
        body = md.render(r.doc.replace("\n## ", "\n#### "))
        out.append(f'<section class="rule" id="rule-{esc(r.code.lower())}"><h3>{esc(r.code)} {esc(r.name)} '
                   f'<span class="sev s-{r.severity}">{r.severity}</span> <span class="fam">{esc(r.family)}</span></h3>'
                   f"{body}<p class=\"where\">docs/rules.md#{esc(r.code.lower())} · "
                   f"<code>procutext rule {esc(r.code)}</code></p></section>")
    return "\n".join(out)


def _problems(report: "RunReport") -> str:
    items = [f'<li class="error">{esc(e)}</li>' for e in report.all_errors]
    items += [f'<li class="skipped">{esc(p)}: skipped ({esc(r)})</li>' for p, r in report.skipped]
    items += [f'<li class="warning">{esc(w)}</li>' for w in report.warnings]
    if report.checked == 0:
        items.insert(0, '<li class="error">Nothing was checked.</li>')
    if not items:
        return ""
    return f'<section id="problems"><h2>Not checked, or not cleanly</h2><ul>{"".join(items)}</ul></section>'


def html_document(report: "RunReport") -> str:
    """The report as one HTML page."""
    import io

    buf = io.StringIO()
    html(report, buf)
    return buf.getvalue()


class HtmlWriter:
    """The HTML report of a run written as its reports arrive: each document's section goes
    to a spooled temporary file (in memory up to :data:`SPOOL_BYTES`, then on disk), the
    summary is counted, and the page is put together at the end: the same page as
    :func:`html_document` of the whole run, whose findings are never all in memory."""

    SPOOL_BYTES = 8 * 1024 * 1024

    def __init__(self, out: TextIO, style: Style = PLAIN) -> None:
        import tempfile

        from ..registry import all_rules

        self.out = out
        self.registry = {r.code: r for r in all_rules()}
        self.docs = tempfile.SpooledTemporaryFile(self.SPOOL_BYTES, mode="w+", encoding="utf-8", newline="")
        self.clean = tempfile.SpooledTemporaryFile(self.SPOOL_BYTES, mode="w+", encoding="utf-8", newline="")
        self.n_docs = self.n_clean = self.total = self.n_old = 0
        self.by_rule: Counter[str] = Counter()
        self.by_sev: Counter[str] = Counter()
        self.safe: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.sev_of: dict[str, str] = {}
        self.small: list[str] | None = []

    def file(self, fr: "FileReport") -> None:
        if not (fr.checked or fr.error):
            return
        if not (fr.findings or fr.baselined or fr.error):
            self.clean.write(f"<li>{esc(normalise_path(fr.path))}</li>")
            self.n_clean += 1
            return
        fs = all_findings(fr)
        for f in fs:
            self.by_rule[f.code] += 1
            self.by_sev[str(f.severity)] += 1
            self.safe[f.code] += f.safe_fix
            self.names[f.code] = f.name
            self.sev_of[f.code] = str(f.severity)
        self.n_old += len(fr.baselined)
        section, n = _document(self.n_docs, fr, self.total, None, self.registry)
        self.n_docs += 1
        self.total += n
        if self.small is not None:
            # documents start open in a small report only: until it is known not to be one,
            # its few sections wait here with the mark
            self.small.append(section)
            if self.total <= OPEN_LIMIT and self.n_docs <= OPEN_DOCS:
                return
            for held in self.small:
                self.docs.write(held.replace(_OPEN, "", 1))
            self.small = None
            return
        self.docs.write(section.replace(_OPEN, "", 1))

    def finish(self, report: "RunReport") -> None:
        page = self._page(report)
        head, tail = page.split(_DOCS, 1)
        out = self.out
        out.write(head)
        if not self.n_docs:
            out.write("<p>No document has findings.</p>")
        elif self.small is not None:
            out.write("".join(held.replace(_OPEN, " open", 1) for held in self.small))
        else:
            import shutil

            self.docs.seek(0)
            shutil.copyfileobj(self.docs, out)
        out.write("\n")
        if self.n_clean:
            out.write(f'<details class="clean"><summary>{self.n_clean} document{"s" if self.n_clean != 1 else ""} '
                      "without findings</summary><ul>")
            self.clean.seek(0)
            import shutil

            shutil.copyfileobj(self.clean, out)
            out.write("</ul></details>")
        out.write(tail)
        self.docs.close()
        self.clean.close()

    def _page(self, report: "RunReport") -> str:
        """The page with :data:`_DOCS` where the documents go."""
        from .. import __version__

        total, n_old, n_docs = self.total, self.n_old, self.n_docs
        by_rule, by_sev, names, sev_of, safe = self.by_rule, self.by_sev, self.names, self.sev_of, self.safe
        found_rules = [self.registry[c] for c in sorted(by_rule) if c in self.registry]
        code = report.exit_code()
        status = ("clean" if report.clean else "fails" if code else "passes")
        status_text = {"clean": "Clean: nothing found.",
                       "passes": "Passes: no finding at or above the fail level.",
                       "fails": "Fails: " + ("inputs could not be checked." if code == 2
                                            else "findings at or above the fail level.")}[status]
        n_found = report.counts().findings
        facts = [f"{report.checked} file{'s' if report.checked != 1 else ''} checked",
                 f"{n_found} finding{'s' if n_found != 1 else ''}"]
        if n_old:
            facts.append(f"{n_old} baselined ({esc(normalise_path(report.baseline or ''))})")
        if report.all_errors:
            facts.append(f"{len(report.all_errors)} error{'s' if len(report.all_errors) != 1 else ''}")
        if report.skipped:
            facts.append(f"{len(report.skipped)} skipped")
        facts.append(f"exit code {code}")

        sev_rows = [(s, s, by_sev[s], f"s-{s}") for s in map(str, SEVERITIES) if by_sev[s]]
        rule_rows = [(c, f"{c} {names[c]}", n, f"s-{sev_of[c]}")
                     for c, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]
        table = "".join(
            f'<tr><td><a href="#rule-{esc(c.lower())}">{esc(c)}</a></td><td>{esc(names[c])}</td>'
            f'<td class="s-{sev_of[c]}">{sev_of[c]}</td><td class="num">{n}</td><td class="num">{safe[c]}</td></tr>'
            for c, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])))
        rule_boxes = "".join(
            f'<label class="s-{sev_of[c]}"><input type="checkbox" name="rule" value="{esc(c)}" checked> '
            f'{esc(c)} {esc(names[c])} <span class="n">{n}</span></label>' for c, n in sorted(by_rule.items()))
        sev_boxes = "".join(
            f'<label class="s-{s}"><input type="checkbox" name="sev" value="{s}" checked> {s} '
            f'<span class="n">{by_sev[s]}</span></label>' for s in map(str, SEVERITIES) if by_sev[s])
        bl_box = (f'<label><input type="checkbox" name="baselined" checked> baselined findings '
                  f'<span class="n">{n_old}</span></label>' if n_old else "")
        templates = "".join(
            f'<template id="doc-{esc(r.code)}">{_rule_docs([r])}</template>' for r in found_rules)
        data = json.dumps({"total": total, "documents": n_docs}).replace("</", "<\\/")

        body = f"""<header>
<h1>procutext report</h1>
<p class="status {status}">{esc(status_text)}</p>
<p class="facts">{' · '.join(facts)}</p>
<p class="meta">procutext {esc(__version__)} · {esc(', '.join(report.paths) or '')}</p>
</header>
{_problems(report)}
<section id="summary"><h2>Summary</h2>
{'<p>No findings.</p>' if not total else ''}
<div class="charts">
<figure><figcaption>By severity</figcaption>{_bars(sev_rows, label_width=70, width=300, title="findings by severity")}</figure>
<figure><figcaption>By rule</figcaption>{_bars(rule_rows, title="findings by rule")}</figure>
</div>
{f'<table class="rules"><thead><tr><th>code</th><th>rule</th><th>severity</th><th>findings</th><th>safe fixes</th></tr></thead><tbody>{table}</tbody></table>' if total else ''}
</section>
<form id="filters" class="{'' if total else 'empty'}" onsubmit="return false">
<h2>Filters</h2>
<noscript><p>The filters need JavaScript; everything is shown.</p></noscript>
<fieldset class="sevs"><legend>Severity</legend>{sev_boxes}{bl_box}</fieldset>
<fieldset class="rulelist"><legend>Rule <button type="button" data-act="all">all</button> <button type="button" data-act="none">none</button></legend>{rule_boxes}</fieldset>
<fieldset class="view"><legend>View</legend>
<label><input type="checkbox" name="compact"> only lines with findings</label>
<button type="button" data-act="open">expand all</button> <button type="button" data-act="close">collapse all</button>
</fieldset>
<p id="shown" aria-live="polite">Showing {total} of {total} findings in {n_docs} of {n_docs} documents.</p>
</form>
<main id="documents"><h2>Documents</h2>
{_DOCS}
</main>
<section id="rules"><h2>Rules found</h2>
{_rule_docs(found_rules)}
</section>
{templates}"""
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="procutext {esc(__version__)}">
<title>procutext report: {total} finding{'s' if total != 1 else ''}</title>
<style>
{_asset("report.css")}</style>
</head>
<body>
{body}
<script id="report-data" type="application/json">{data}</script>
<script>
{_asset("report.js")}</script>
</body>
</html>
"""




_DOCS = "\x00documents\x00"


def html(report: "RunReport", out: TextIO, style: Style = PLAIN) -> None:
    w = HtmlWriter(out, style)
    for fr in report.files:
        w.file(fr)
    w.finish(report)

