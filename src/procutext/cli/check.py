"""`procutext check` and `procutext fix`: the runner's report, printed."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .. import __version__
from ..model import Finding
from ..registry import select_rules
from .common import (EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, MARKS_HELP, UsageError, _add_common, _Output, _overrides,
                     plural)

if TYPE_CHECKING:
    from typing import Callable

    from ..reporters import Style
    from ..runner import FileReport, RunReport

#: formats that `fix` writes (the findings left after fixing); concise and full print
#: nothing there, as before: the fixed files and the summary are the output
REPORT_FORMATS = ("json-lines", "sarif", "github", "junit", "gitlab", "html")


def add_parsers(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    c = sub.add_parser("check", help="report findings (and fix them with --fix)", epilog=MARKS_HELP)
    _add_common(c)
    c.add_argument("--fix", action="store_true", help="apply safe fixes in place, report the rest")
    c.add_argument("--fail-level", choices=["info", "warning", "error"], default=None,
                   help="lowest severity that makes the exit code 1 (default: warning)")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    _add_web_flags(c)
    b = c.add_argument_group("baseline")
    b.add_argument("--baseline", metavar="FILE",
                   help="findings listed in FILE (by path, rule, text and context, not line) do not fail the run; "
                        "reports mark them or leave them out (docs/output-formats.md#baselines)")
    b.add_argument("--write-baseline", metavar="FILE",
                   help="write every finding of this run to FILE as the new baseline (then they do not fail it)")

    f = sub.add_parser("fix", help="apply fixes in place; - reads stdin and writes stdout", epilog=MARKS_HELP)
    _add_common(f)
    mode = f.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff instead of writing")
    mode.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")



def _add_web_flags(c: argparse.ArgumentParser) -> None:
    # the defaults are FetchOptions' (procutext.fetch is imported only when a URL is given)
    w = c.add_argument_group("pages (a PATH may be an http(s) URL; needs pip install 'procutext[web]')")
    w.add_argument("--urls", action="append", default=[], metavar="FILE",
                   help="check the pages listed in FILE (one URL per line; # starts a comment); repeatable")
    w.add_argument("--sitemap", action="append", default=[], metavar="URL",
                   help="check the pages a sitemap lists (sitemap indexes and .xml.gz too); repeatable")
    w.add_argument("--concurrency", type=_count(1), metavar="N", help="pages fetched at a time (default 8)")
    w.add_argument("--timeout", type=_seconds, metavar="S",
                   help="total deadline of one request, body included, in seconds (default 30)")
    w.add_argument("--retries", type=_count(0), metavar="N",
                   help="retries after a 5xx, a timeout or a broken connection, with back-off (default 2)")
    w.add_argument("--max-page-size", type=_bytes, metavar="SIZE",
                   help="larger pages are not read but reported (default 10MB; e.g. 500KB, 2MB)")
    w.add_argument("--max-pages", type=_count(1), metavar="N", help="check at most N pages from sitemaps (default 5000)")
    w.add_argument("--allow-host", action="append", default=[], metavar="HOST", type=_host,
                   help="also fetch pages on HOST (or *.HOST) when a sitemap lists them or a redirect leads "
                        "there; only the hosts of the URLs given otherwise; repeatable")
    w.add_argument("--ignore-robots", action="store_true", help="fetch pages robots.txt disallows (your own site)")


def _count(minimum: int):  # type: ignore[no-untyped-def]
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if n < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}: {value!r}")
        return n
    return parse


def _host(value: str) -> str:
    from ..fetch import host_problem

    problem = host_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(f"{value!r}: {problem}")
    return value


def _seconds(value: str) -> float:
    try:
        s = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not s > 0 or s == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {value!r}")
    return s


_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "KIB": 1024, "M": 1024 ** 2, "MB": 1024 ** 2, "MIB": 1024 ** 2,
          "G": 1024 ** 3, "GB": 1024 ** 3, "GIB": 1024 ** 3}


def _bytes(value: str) -> int:
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", value)
    if not m or m.group(2).upper() not in _UNITS or float(m.group(1)) * _UNITS[m.group(2).upper()] < 1:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (write e.g. 500KB, 10MB or a number of bytes)")
    return int(float(m.group(1)) * _UNITS[m.group(2).upper()])


def _web(args: argparse.Namespace) -> dict:
    """The page inputs and fetch options of ``check`` (nothing for ``fix``)."""
    urls, sitemaps = getattr(args, "urls", []), getattr(args, "sitemap", [])
    if not hasattr(args, "concurrency") or not (urls or sitemaps or any("://" in p for p in args.paths)):
        return {}
    from ..fetch import FetchOptions

    given = {k: getattr(args, k) for k in ("concurrency", "timeout", "retries", "max_page_size", "max_pages")
             if getattr(args, k) is not None}
    options = FetchOptions(**given, allow_hosts=tuple(args.allow_host), ignore_robots=args.ignore_robots)
    return {"url_files": urls, "sitemaps": sitemaps, "fetch": options,
            "progress": None if args.quiet else sys.stderr}


def _render(writer: object) -> "Callable[[FileReport], str] | None":
    """What the pool's workers render for a streaming writer: its ``render`` (json-lines: its
    finding lines), or None for a writer that renders in the parent."""
    return getattr(writer, "render", None)


def _run(args: argparse.Namespace, *, fix: bool, write: bool, sink=None, render=None) -> "RunReport":  # type: ignore[no-untyped-def]
    from ..runner import check_paths

    if getattr(args, "content", None) == "main":
        from ..readers.content import EXTRA_HINT, have_content_extra

        if not have_content_extra():
            raise UsageError(f"--content main needs the content extra: {EXTRA_HINT}")
    web = _web(args)
    paths = args.paths or ([] if web.get("url_files") or web.get("sitemaps") else ["."])
    if args.engine == "dask":
        from ..dask import DaskUnavailable, require_dask

        try:
            require_dask()
        except DaskUnavailable as e:
            raise UsageError(str(e)) from None
    elif args.scheduler:
        raise UsageError("--scheduler needs --engine dask")
    if "progress" not in web and not args.quiet:
        web["progress"] = sys.stderr
    return check_paths(
        paths, config=args.config, fix=fix, write=write, kind=args.kind, source=getattr(args, "source", None),
        stdin_filename=args.stdin_filename, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler,
        cache=_cache_option(args), corpus=args.corpus, corpus_in_place=args.corpus_in_place, sink=sink, render=render,
        **web, **{k: v for k, v in _overrides(args).items() if v is not None},
    )


def _cache_option(args: argparse.Namespace) -> "bool | str":
    from ..rx import _enabled

    if args.no_cache or not _enabled():  # PROCUTEXT_NO_CACHE=1 turns off every cache on disk
        return False
    return args.cache_dir or True


def _show_settings(args: argparse.Namespace, out: _Output) -> int:
    from ..runner import _Resolver, load_settings

    first = (args.paths or ["."])[0]
    explicit = load_settings(args.config) if args.config else None
    resolver = _Resolver(explicit, {k: v for k, v in _overrides(args).items() if v is not None})
    where = Path(args.stdin_filename) if first == "-" and args.stdin_filename else Path(first)
    settings = resolver.for_file(first if first != "-" else "-", args.stdin_filename)
    data = {"path": str(where), "config": str(settings.config_path) if settings.config_path else None,
            "settings": settings.describe(),
            "rules": [r.code for r in select_rules(settings.select, settings.extend_select, settings.ignore)]}
    if args.output_format == "json":
        json.dump(data, out.stream, ensure_ascii=False, indent=2)
        out.stream.write("\n")
        return EXIT_OK
    out.stream.write(f"Settings for {data['path']}\nconfig file: {data['config'] or '(none: defaults)'}\n")
    for key, value in data["settings"].items():
        if key == "config-path":
            continue
        out.stream.write(f"{key} = {json.dumps(value, ensure_ascii=False)}\n")
    out.stream.write(f"rules ({len(data['rules'])}) = {', '.join(data['rules'])}\n")
    return EXIT_OK


def _verbose(report: "RunReport") -> None:
    w = sys.stderr.write
    w(f"procutext {__version__}: {plural(len(report.files), 'input')} from {', '.join(report.paths)}\n")
    for fr in report.files:
        if not fr.checked:
            w(f"  {fr.path}: not checked" + (f" ({fr.findings[0].message})" if fr.findings else "") + "\n")
            continue
        cfg = fr.settings.config_path if fr.settings and fr.settings.config_path else "(defaults)"
        w(f"  {fr.path}: {fr.encoding_description or fr.encoding}; config {cfg}; {plural(len(fr.findings), 'finding')}"
          + (f", {plural(len(fr.fixed), 'fix', 'fixes')} applied" if fr.fixed else "")
          + (f"; redirected to {fr.final_url}" if fr.final_url else "")
          + (_alignment_note(fr) if fr.source_path else "")
          + f"; {fr.seconds * 1000:.1f} ms\n")
    for path, reason in report.skipped:
        w(f"  {path}: skipped ({reason})\n")
    w(f"  total {report.seconds * 1000:.1f} ms\n")


def _alignment_note(fr) -> str:  # type: ignore[no-untyped-def]
    a = fr.alignment or {}
    if not a:
        return f"; source {fr.source_path}"
    return (f"; source {fr.source_path}, aligned by {a['mode']}: {plural(a['beads'], 'segment')}, "
            f"confidence {a['confidence']:.2f}" + (f", {a['low_confidence']} below the muting threshold"
                                                   if a['low_confidence'] else ""))


def _statistics(findings: "list[Finding] | tuple[dict, dict]", out: TextIO, fmt: str | None) -> None:
    """Findings per rule: of a list of findings, or of a run's counts (``(table, names)``,
    :class:`procutext.runner.RunTally`'s ``rules``/``fixed_rules`` and ``names``)."""
    if isinstance(findings, tuple):
        table, names = findings
        counts = Counter({c: row[0] for c, row in table.items()})
        fixable = Counter({c: row[1] for c, row in table.items()})
        unsafe = Counter({c: row[2] for c, row in table.items()})
    else:
        counts = Counter(f.code for f in findings)
        fixable = Counter(f.code for f in findings if f.safe_fix)
        unsafe = Counter(f.code for f in findings if f.edit is not None and not f.safe_fix)
        names = {f.code: f.name for f in findings}
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt == "json":
        json.dump([{"code": c, "name": names[c], "count": n, "fixable": fixable[c], "unsafe_fixable": unsafe[c]}
                   for c, n in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    width = max((len(str(n)) for _, n in rows), default=1)
    for c, n in rows:
        mark = "[*]" if fixable[c] == n else ("[!]" if unsafe[c] == n else "   ")
        extra = f"  ({fixable[c]} fixable)" if 0 < fixable[c] < n else ""
        out.write(f"{n:>{width}}\t{c}\t{mark} {names[c]}{extra}\n")


def _show_fixes(report: "RunReport", applied: bool) -> None:
    w = sys.stderr.write
    per_file = [(fr.path, fr.fixed if applied else [f for f in fr.findings if f.edit is not None])
                for fr in report.files]
    per_file = [(p, fs) for p, fs in per_file if fs]
    if not per_file:
        w("No fixes applied.\n" if applied else "No fixes available.\n")
        return
    total = sum(len(fs) for _, fs in per_file)
    w(f"{'Fixed' if applied else 'Fixable'} {plural(total, 'finding')}:\n")
    for path, fs in per_file:
        w(f"- {path}:\n")
        counts = Counter((f.code, f.name, fix_kind(f)) for f in fs)
        for (code, name, kind), n in sorted(counts.items()):
            w(f"    {n} × {code} ({name}){kind}\n")


def fix_kind(f: Finding) -> str:
    return "" if f.safe_fix else " [unsafe]"


def _report_problems(report: "RunReport", style: "Style") -> None:
    for e in report.all_errors:
        sys.stderr.write(f"error: {e}\n")
    for path, reason in report.skipped:
        sys.stderr.write(f"skipped: {path}: {reason}\n")
    for w in report.warnings:
        sys.stderr.write(f"warning: {w}\n")


def _summary(report: "RunReport", fixing: bool) -> str:
    t = report.counts()
    n = t.findings
    fixable, unsafe = t.fixable, t.unsafe_fixable
    fixed = t.fixed
    files_fixed = t.files_written if fixing else t.files_fixed
    unfetched = t.unfetched
    records = _records(report)
    parts = []
    if fixing and fixed:
        parts.append(f"Fixed {plural(fixed, 'finding')} in {plural(files_fixed, 'file')}.")
    if n:
        extra = []
        if fixable and not fixing:
            extra.append(f"{fixable} fixable with --fix")
        if unsafe:
            extra.append(f"{unsafe} more with --unsafe-fixes")
        where = [_inputs(report.checked, records)] if report.checked or not unfetched else []
        if unfetched:
            where.append(f"{plural(unfetched, 'page')} that could not be fetched (PT901)")
        parts.append(f"Found {plural(n, 'finding')} in {' and '.join(where)}"
                     + (f" ({'; '.join(extra)})" if extra else "") + ".")
    errors = len(report.all_errors)
    if report.checked == 0:
        what = "Nothing else was checked" if unfetched else "Nothing was checked"
        parts.append(what + (f" ({plural(errors, 'error')}, see above)." if errors else "."))
    elif errors:
        parts.append(f"{plural(errors, 'error')} (see above): not everything was checked.")
    elif not n:
        parts.append(f"All checks passed ({_inputs(report.checked, records)} checked).")
    if report.skipped:
        parts.append(f"{plural(len(report.skipped), 'input')} skipped, not checked (see above).")
    if t.baselined:
        parts.append(f"{plural(t.baselined, 'baselined finding')} ({report.baseline}) not counted.")
    parts.extend(_corpus_notes(report))
    return " ".join(parts)


def _records(report: "RunReport") -> int:
    return report.counts().records


def _inputs(checked: int, records: int) -> str:
    """``3 files``, or ``10,000 corpus documents and 2 files``."""
    files = checked - records
    if not records:
        return plural(checked, "file")
    docs = f"{records:,} corpus document{'s' if records != 1 else ''}"
    return docs + (f" and {plural(files, 'file')}" if files else "")


def _corpus_notes(report: "RunReport") -> list[str]:
    return [f"Wrote the cleaned corpus {out} ({path} unchanged)." if out != path
            else f"Rewrote the corpus {path} with its fixes." for path, out in report.corpora_written]


def _baseline(args: argparse.Namespace, report: "RunReport") -> None:
    """--write-baseline, then --baseline (the new file wins when both are given)."""
    from ..baseline import Baseline, apply_baseline

    if args.write_baseline:
        base = Baseline.from_report(report, Path(args.write_baseline).resolve().parent)
        base.save(args.write_baseline)
        apply_baseline(report, base)
        if not args.quiet:
            sys.stderr.write(f"Wrote {plural(len(base), 'finding')} to the baseline {args.write_baseline}.\n")
    elif args.baseline:
        apply_baseline(report, Baseline.load(args.baseline))


def _ignore(fr: "FileReport") -> None:
    pass


def _write_fixed(fr: "FileReport", kind: str | None) -> None:
    """The fixed text of stdin on stdout, in stdout's encoding; but an XLIFF, TMX or PO file
    that declares its encoding (XML declaration, PO header) keeps it, so that the declaration
    stays true of the bytes."""
    from ..bilingual.formats import DECLARED_KINDS
    from ..readers import kind_for_path

    assert fr.text is not None
    declared = fr.encoding_source == "meta" and (kind or kind_for_path(fr.path)) in DECLARED_KINDS
    if declared and fr.encoding and fr.encoding != "utf-8":
        sys.stdout.flush()
        sys.stdout.buffer.write(fr.text.encode(fr.encoding))
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(fr.text)


# -- commands -------------------------------------------------------------------------------
def _streams(args: argparse.Namespace, fixing_cmd: bool = False) -> bool:
    """Whether the run's reports are written as they arrive (memory bounded) rather than
    kept: the formats that can be (concise, full, json-lines, sarif, github, html), without the options
    that need the whole run (--baseline, --write-baseline, --show-fixes, --verbose, stdin)."""
    from ..reporters import STREAMING

    fmt = args.output_format or ("concise" if not fixing_cmd else None)
    streamable = args.statistics or fmt in STREAMING or (fixing_cmd and fmt is None)
    needs_all = (getattr(args, "baseline", None) or getattr(args, "write_baseline", None) or args.show_fixes
                 or args.verbose or args.paths == ["-"])
    return bool(streamable and not needs_all)


def cmd_check(args: argparse.Namespace) -> int:
    from ..reporters import REPORTERS, STREAMING

    out = _Output(args)
    try:
        if args.show_settings:
            return _show_settings(args, out)
        if _streams(args):
            writer = None if args.statistics else STREAMING[args.output_format or "concise"](out.stream, out.style)
            report = _run(args, fix=args.fix, write=True, sink=writer.file if writer else _ignore,
                          render=_render(writer))
            _report_problems(report, out.err_style)
            if writer is not None:
                writer.finish(report)
            else:
                t = report.counts()
                _statistics((t.rules, t.names), out.stream, args.output_format)
            if not args.quiet:
                sys.stderr.write(_summary(report, args.fix) + "\n")
            return report.exit_code(args.exit_zero)
        stdin_fix = args.fix and args.paths == ["-"]
        report = _run(args, fix=args.fix, write=True)
        _baseline(args, report)
        if stdin_fix and report.files and report.files[0].text is not None:
            _write_fixed(report.files[0], args.kind)  # the fixed text; the report goes to stderr
            if out.file is None:
                out.stream, out.style = sys.stderr, out.err_style
        if args.verbose:
            _verbose(report)
        _report_problems(report, out.err_style)
        if args.statistics:
            _statistics(report.findings, out.stream, args.output_format)
        else:
            REPORTERS[args.output_format or "concise"](report, out.stream, out.style)
        if args.show_fixes:
            _show_fixes(report, applied=args.fix)
        if not args.quiet:
            sys.stderr.write(_summary(report, args.fix) + "\n")
        return report.exit_code(args.exit_zero)
    finally:
        out.close()


def cmd_fix(args: argparse.Namespace) -> int:
    from ..reporters import STREAMING, json_document

    out = _Output(args)
    try:
        if args.show_settings:
            return _show_settings(args, out)
        dry = args.diff or args.check
        would = [0, 0]  # inputs that would change (dry) / were written

        def emit(fr: "FileReport") -> None:
            if fr.text is None:
                return
            if fr.path == (args.stdin_filename or "-") and args.paths == ["-"] and not dry:
                _write_fixed(fr, args.kind)
                would[1] += fr.changed
                return
            would[1] += fr.written
            if not fr.changed:
                return
            would[0] += 1
            if args.diff:
                import difflib  # only for --diff

                assert fr.original is not None
                name = fr.path if fr.record is None else f"{fr.path} (record {fr.record}, line {fr.first_line})"
                diff = difflib.unified_diff(
                    fr.original.splitlines(keepends=True), fr.text.splitlines(keepends=True),
                    fromfile=f"a/{name}", tofile=f"b/{name}")
                for line in diff:
                    out.stream.write(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
            elif args.check:
                what = fr.path if fr.record is None else f"{fr.path} record {fr.record} (line {fr.first_line})"
                out.stream.write(f"would fix {plural(len(fr.fixed), 'finding')} in {what}\n")

        streaming = _streams(args, fixing_cmd=True) and args.output_format != "json"
        writer = STREAMING[args.output_format](out.stream, out.style) \
            if streaming and args.output_format in STREAMING and not args.statistics else None

        def sink(fr: "FileReport") -> None:
            emit(fr)
            if writer is not None:
                writer.file(fr)

        report = _run(args, fix=True, write=not dry, sink=sink if streaming else None,
                      render=_render(writer) if streaming else None)
        if args.verbose:
            _verbose(report)
        _report_problems(report, out.err_style)
        if not streaming:
            for fr in report.files:
                emit(fr)
        if writer is not None:
            writer.finish(report)
        elif args.output_format == "json":
            doc = json_document(report)
            json.dump(doc, out.stream, ensure_ascii=False, indent=2)
            out.stream.write("\n")
        elif args.output_format in REPORT_FORMATS:  # the findings left after fixing
            from ..reporters import REPORTERS

            REPORTERS[args.output_format](report, out.stream, out.style)
        elif args.statistics:
            t = report.counts()
            _statistics((t.fixed_rules, t.names), out.stream, args.output_format)
        if args.show_fixes:
            _show_fixes(report, applied=True)
        would_change = would[0]
        if not args.quiet:
            t = report.counts()
            total = t.fixed
            verb = "Would fix" if dry else "Fixed"
            records = t.records
            if records:
                msg = f"{verb} {plural(total, 'finding')} in {would_change:,} of {_inputs(report.checked, records)}."
            else:
                files = would_change if dry else would[1]
                msg = f"{verb} {plural(total, 'finding')} in {plural(files, 'file')}."
            if report.checked == 0:
                msg = "Nothing was checked" + (f" ({plural(len(report.all_errors), 'error')}, see above)."
                                               if report.all_errors else ".")
            elif report.all_errors:
                msg += f" {plural(len(report.all_errors), 'error')} (see above)."
            if report.skipped:
                msg += f" {plural(len(report.skipped), 'input')} skipped, not checked (see above)."
            notes = _corpus_notes(report)
            if dry and records:
                from ..corpus import fixed_name

                notes.append("Nothing was written (a fix would write the cleaned corpus beside it as "
                             f"{fixed_name('NAME.jsonl')}).")
            sys.stderr.write(" ".join([msg, *notes]) + "\n")
        if report.all_errors or report.checked == 0:
            return EXIT_ERROR
        if dry and would_change:
            return EXIT_FINDINGS
        return EXIT_OK
    finally:
        out.close()
