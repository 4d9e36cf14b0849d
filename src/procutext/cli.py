"""The command line: a thin layer over the library (:mod:`procutext.runner`).

Exit codes: 0 clean; 1 findings at or above the fail level (or, for ``fix --check`` and
``fix --diff``, files that would change); 2 usage, configuration, input or internal error,
and a run that checked nothing.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Sequence, TextIO

from . import __version__
from .config import ConfigError, Settings, clear_cache, find_config
from .glossary import GlossaryError
from .model import Finding
from .registry import SelectorError, all_rules, families, get_rule, matching_rules

if TYPE_CHECKING:
    from .reporters import Style
    from .runner import RunReport

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

MARKS_HELP = ("Markers: [*] the finding has a safe fix (applied by `fix` and `check --fix`); "
              "[!] it has only an unsafe fix (applied with --unsafe-fixes, e.g. deleting a furniture line).")


class UsageError(Exception):
    pass


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 file``, ``2 files``; ``many`` for irregular plurals (entry → entries)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or directories (default: .); - for stdin")
    sel = p.add_argument_group("rule selection")
    sel.add_argument("--select", type=_csv, action="extend", metavar="RULES",
                     help="comma-separated codes (PT101), code prefixes (PT1), rule names (padded-quote) or "
                          "families (typography, furniture, terms, places, leftovers, spacing) to enable "
                          "(replaces the default set); ALL for every rule")
    sel.add_argument("--extend-select", type=_csv, action="extend", metavar="RULES",
                     help="enable these in addition")
    sel.add_argument("--ignore", type=_csv, action="extend", metavar="RULES", help="disable these")
    p.add_argument("--quote-style", choices=["keep", "straight", "curly"],
                   help="quote style of the output (default: keep)")
    p.add_argument("--unsafe-fixes", action="store_true", default=None,
                   help="also apply unsafe fixes (such as deleting page-furniture lines)")
    p.add_argument("--config", metavar="FILE", help="use this procutext.toml or pyproject.toml")
    _add_glossary_flags(p)
    p.add_argument("--encoding", metavar="NAME",
                   help="encoding of input files (default utf-8; gbk and gb2312 are read as gb18030; 'auto' "
                        "guesses among UTF-8, GB18030, Big5 and Windows-1252, and more with procutext[detect])")
    p.add_argument("--stdin-filename", metavar="NAME",
                   help="name for stdin input (chooses Markdown for *.md and finds config)")
    p.add_argument("--type", choices=["text", "markdown"], dest="kind",
                   help="treat every input as this type instead of deciding by suffix")
    out = p.add_argument_group("output")
    out.add_argument("--output-format", choices=["concise", "full", "json", "json-v1"], default=None,
                     help="concise (default), full (with the source excerpt), json (docs/json-format.md; "
                          "json-v1 is the old array of findings)")
    out.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    out.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                     help="colour the report: auto (default; on a terminal, unless NO_COLOR is set)")
    out.add_argument("--statistics", action="store_true",
                     help="print how many findings each rule has (and how many are fixable) instead of the findings")
    out.add_argument("--show-fixes", action="store_true",
                     help="list the fixes applied (with --fix / fix) or available, per file and rule")
    out.add_argument("--quiet", "-q", action="store_true", help="print findings and errors only, no summary")
    out.add_argument("--verbose", "-v", action="store_true",
                     help="say which files, encodings and config were used, with timings (on stderr)")
    out.add_argument("--show-settings", action="store_true",
                     help="print the settings that apply to the first PATH, and exit")


def _add_glossary_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("terminology")
    g.add_argument("--glossary", action="append", default=[], metavar="FILE",
                   help="a user glossary (.tsv, .csv, .tbx, .xlsx) layered over the shipped one; "
                        "repeatable, later files win")
    g.add_argument("--no-default-glossary", action="store_true",
                   help="do not use the shipped procuratorial glossary")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="procutext",
        description="Find and fix the defects of machine-translated English from Chinese government sites.",
        epilog=MARKS_HELP,
    )
    parser.add_argument("--version", action="version", version=f"procutext {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("check", help="report findings (and fix them with --fix)", epilog=MARKS_HELP)
    _add_common(c)
    c.add_argument("--fix", action="store_true", help="apply safe fixes in place, report the rest")
    c.add_argument("--fail-level", choices=["info", "warning", "error"], default=None,
                   help="lowest severity that makes the exit code 1 (default: warning)")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")

    f = sub.add_parser("fix", help="apply fixes in place; - reads stdin and writes stdout", epilog=MARKS_HELP)
    _add_common(f)
    mode = f.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff instead of writing")
    mode.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")

    g = sub.add_parser("glossary", help="check, look up and convert glossaries")
    gsub = g.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)
    gc = gsub.add_parser("check", help="validate glossary files (every bad row, duplicates, conflicts, sources)")
    gc.add_argument("files", nargs="*", metavar="FILE", help="glossary files (default: the shipped glossary)")
    gc.add_argument("--output-format", choices=["text", "json"], default="text")
    gl = gsub.add_parser("lookup", help="find entries by Chinese (simplified or traditional) or English")
    gl.add_argument("query", nargs="+", metavar="TEXT")
    gl.add_argument("--limit", type=int, default=10, help="at most this many entries per query (default 10)")
    gl.add_argument("--output-format", choices=["text", "json"], default="text")
    gl.add_argument("--verbose", "-v", action="store_true",
                    help="also the contexts of the wrong renderings, the note, every source and the rows' files")
    gl.add_argument("--config", metavar="FILE", help="use the glossaries named in this config file")
    _add_glossary_flags(gl)
    gv = gsub.add_parser("convert", help="convert between TSV, CSV, TBX (and read XLSX)")
    gv.add_argument("input", metavar="IN", help=".tsv, .csv, .tbx or .xlsx")
    gv.add_argument("output", metavar="OUT", help=".tsv, .csv or .tbx")
    gv.add_argument("--output-format", choices=["text", "json"], default="text",
                    help="json: print a summary (entries written, concepts skipped) on stdout")

    pl = sub.add_parser("place", help="look up Chinese administrative divisions (Chinese or English, "
                                      "misspellings give the nearest candidates)")
    # building the parser does not import the gazetteer code (procutext.places)
    pl.add_argument("query", nargs="+", metavar="QUERY",
                    help="a division code, a Chinese name (full, short, former; traditional is "
                         "converted) or an English name (a literal translation such as 'Wuhu Inaction' "
                         "is read back; misspellings get the nearest names)")
    pl.add_argument("--output-format", choices=["text", "json"], default="text")
    pl.add_argument("--json", action="store_const", const="json", dest="output_format",
                    help="the same as --output-format json")
    pl.add_argument("--limit", type=int, default=5, metavar="N", help="hits per query (default 5)")
    pl.add_argument("--within", metavar="PLACE",
                    help="only this division and the divisions under it: a code (340200) or a name "
                         "(芜湖市, Wuhu, 'Wuhu City')")
    pl.add_argument("--max-distance", type=float, default=None, metavar="D",
                    help="farthest near hit (default 1.5; 1.0 or less is 'close')")

    r = sub.add_parser("rule", help="show rules: one rule's documentation, or the rules a selector matches",
                       epilog=MARKS_HELP)
    r.add_argument("selector", nargs="?", metavar="RULE",
                   help="a code (PT101), name (padded-quote), code prefix (PT1) or family (places); "
                        "default: list every rule")
    r.add_argument("--output-format", choices=["text", "json"], default="text")
    return parser


# -- output plumbing --------------------------------------------------------------------------
def _use_color(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _Output:
    """The report's stream (stdout or --output-file) and its style."""

    def __init__(self, args: argparse.Namespace) -> None:
        from .reporters import Style

        self.file: TextIO | None = None
        if getattr(args, "output_file", None):
            try:
                self.file = open(args.output_file, "w", encoding="utf-8", newline="\n")
            except OSError as e:
                raise UsageError(f"--output-file {args.output_file}: {e.strerror or e}") from None
        self.stream: TextIO = self.file or sys.stdout
        self.style: Style = Style(_use_color(args.color, self.stream))
        self.err_style: Style = Style(_use_color(args.color, sys.stderr))

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def _overrides(args: argparse.Namespace) -> dict:
    """The CLI flags as runner overrides (None: not given)."""
    from .model import Severity

    return {
        "select": tuple(args.select) if args.select else None,
        "extend_select": tuple(args.extend_select) if args.extend_select else None,
        "ignore": tuple(args.ignore) if args.ignore else None,
        "quote_style": args.quote_style,
        "unsafe_fixes": args.unsafe_fixes,
        "encoding": args.encoding,
        "fail_level": Severity.parse(args.fail_level) if getattr(args, "fail_level", None) else None,
        "glossaries": tuple(args.glossary) if args.glossary else None,
        "default_glossary": False if args.no_default_glossary else None,
    }


def _glossary_overrides(base: Settings, args: argparse.Namespace) -> dict:
    """--glossary files (after the config's own) and --no-default-glossary, for Settings.merged."""
    return {
        "glossaries": (*base.glossaries, *(str(Path(g).resolve()) for g in args.glossary)) if args.glossary else None,
        "default_glossary": False if args.no_default_glossary else None,
    }


def _explicit_config(path: str) -> Settings:
    """The settings of a --config file; a missing file is a ConfigError."""
    from .runner import load_settings

    return load_settings(path)


def _run(args: argparse.Namespace, *, fix: bool, write: bool) -> "RunReport":
    from .runner import check_paths

    paths = args.paths or ["."]
    return check_paths(
        paths, config=args.config, fix=fix, write=write, kind=args.kind,
        stdin_filename=args.stdin_filename, **{k: v for k, v in _overrides(args).items() if v is not None},
    )


def _show_settings(args: argparse.Namespace, out: _Output) -> int:
    from .runner import _Resolver, load_settings

    first = (args.paths or ["."])[0]
    explicit = load_settings(args.config) if args.config else None
    resolver = _Resolver(explicit, {k: v for k, v in _overrides(args).items() if v is not None})
    where = Path(args.stdin_filename) if first == "-" and args.stdin_filename else Path(first)
    settings = resolver.for_file(first if first != "-" else "-", args.stdin_filename)
    data = {"path": str(where), "config": str(settings.config_path) if settings.config_path else None,
            "settings": settings.describe(),
            "rules": [r.code for r in __import__("procutext.registry", fromlist=["x"]).select_rules(
                settings.select, settings.extend_select, settings.ignore)]}
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
            w(f"  {fr.path}: not checked\n")
            continue
        cfg = fr.settings.config_path if fr.settings and fr.settings.config_path else "(defaults)"
        w(f"  {fr.path}: {fr.encoding_description or fr.encoding}; config {cfg}; {plural(len(fr.findings), 'finding')}"
          + (f", {plural(len(fr.fixed), 'fix', 'fixes')} applied" if fr.fixed else "")
          + f"; {fr.seconds * 1000:.1f} ms\n")
    for path, reason in report.skipped:
        w(f"  {path}: skipped ({reason})\n")
    w(f"  total {report.seconds * 1000:.1f} ms\n")


def _statistics(findings: list[Finding], out: TextIO, fmt: str | None) -> None:
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
    findings = report.findings
    n = len(findings)
    fixable = sum(1 for f in findings if f.safe_fix)
    unsafe = sum(1 for f in findings if f.edit is not None and not f.safe_fix)
    fixed = len(report.fixed)
    files_fixed = sum(1 for fr in report.files if fr.fixed and (fr.written or not fixing))
    parts = []
    if fixing and fixed:
        parts.append(f"Fixed {plural(fixed, 'finding')} in {plural(files_fixed, 'file')}.")
    if n:
        extra = []
        if fixable and not fixing:
            extra.append(f"{fixable} fixable with --fix")
        if unsafe:
            extra.append(f"{unsafe} more with --unsafe-fixes")
        parts.append(f"Found {plural(n, 'finding')} in {plural(report.checked, 'file')}"
                     + (f" ({'; '.join(extra)})" if extra else "") + ".")
    errors = len(report.all_errors)
    if report.checked == 0:
        parts.append("Nothing was checked" + (f" ({plural(errors, 'error')}, see above)." if errors else "."))
    elif errors:
        parts.append(f"{plural(errors, 'error')} (see above): not everything was checked.")
    elif not n:
        parts.append(f"All checks passed ({plural(report.checked, 'file')} checked).")
    if report.skipped:
        parts.append(f"{plural(len(report.skipped), 'input')} skipped.")
    return " ".join(parts)


# -- commands -------------------------------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    from .reporters import REPORTERS

    out = _Output(args)
    try:
        if args.show_settings:
            return _show_settings(args, out)
        stdin_fix = args.fix and args.paths == ["-"]
        report = _run(args, fix=args.fix, write=True)
        if stdin_fix and report.files and report.files[0].text is not None:
            sys.stdout.write(report.files[0].text)  # the fixed text; the report goes to stderr
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
    from .reporters import json_document

    out = _Output(args)
    try:
        if args.show_settings:
            return _show_settings(args, out)
        dry = args.diff or args.check
        report = _run(args, fix=True, write=not dry)
        if args.verbose:
            _verbose(report)
        _report_problems(report, out.err_style)
        would_change = 0
        for fr in report.files:
            if fr.text is None:
                continue
            if fr.path == (args.stdin_filename or "-") and args.paths == ["-"] and not dry:
                sys.stdout.write(fr.text)
                continue
            if not fr.changed:
                continue
            would_change += 1
            if args.diff:
                assert fr.original is not None
                diff = difflib.unified_diff(
                    fr.original.splitlines(keepends=True), fr.text.splitlines(keepends=True),
                    fromfile=f"a/{fr.path}", tofile=f"b/{fr.path}")
                for line in diff:
                    out.stream.write(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
            elif args.check:
                out.stream.write(f"would fix {plural(len(fr.fixed), 'finding')} in {fr.path}\n")
        if args.output_format == "json":
            doc = json_document(report)
            json.dump(doc, out.stream, ensure_ascii=False, indent=2)
            out.stream.write("\n")
        elif args.statistics:
            _statistics(report.fixed, out.stream, args.output_format)
        if args.show_fixes:
            _show_fixes(report, applied=True)
        if not args.quiet:
            total = len(report.fixed)
            verb = "Would fix" if dry else "Fixed"
            files = would_change if dry else sum(1 for fr in report.files if fr.written or (fr.changed and fr.path == "-"))
            msg = f"{verb} {plural(total, 'finding')} in {plural(files, 'file')}."
            if report.checked == 0:
                msg = "Nothing was checked" + (f" ({plural(len(report.all_errors), 'error')}, see above)."
                                               if report.all_errors else ".")
            elif report.all_errors:
                msg += f" {plural(len(report.all_errors), 'error')} (see above)."
            if report.skipped:
                msg += f" {plural(len(report.skipped), 'input')} skipped."
            sys.stderr.write(msg + "\n")
        if report.all_errors or report.checked == 0:
            return EXIT_ERROR
        if dry and would_change:
            return EXIT_FINDINGS
        return EXIT_OK
    finally:
        out.close()


def cmd_rule(args: argparse.Namespace) -> int:
    sel = args.selector
    one = None
    if sel:
        try:
            one = get_rule(sel)
        except KeyError:
            rules = matching_rules(sel)
            if not rules:
                raise UsageError(f"unknown rule {sel!r}: use a code (PT101), a name (padded-quote), "
                                 f"a code prefix (PT1) or a family ({', '.join(families())})") from None
    else:
        rules = all_rules()
    if args.output_format == "json":
        def as_json(r, full: bool) -> dict:  # type: ignore[no-untyped-def]
            return {"code": r.code, "name": r.name, "family": r.family, "severity": str(r.severity),
                    "fix": str(r.fix) if r.fix else None, "summary": r.summary,
                    "documentation": r.doc if full else None}

        data = as_json(one, True) if one else [as_json(r, False) for r in rules]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if one is not None:
        r = one
        fix = {None: "no fix", "safe": "safe fix [*]", "unsafe": "unsafe fix [!]"}[r.fix.value if r.fix else None]
        sys.stdout.write(f"# {r.name} ({r.code})\n\nFamily: {r.family}. Default severity: {r.severity}. "
                         f"Fix: {fix}.\n\n{r.doc}\n")
        return EXIT_OK
    width = max(len(r.name) for r in rules)
    for r in rules:
        mark = {None: "   ", "safe": "[*]", "unsafe": "[!]"}[r.fix.value if r.fix else None]
        sys.stdout.write(f"{r.code}  {r.name:<{width}}  {mark}  {r.summary}\n")
    if not sel:
        sys.stdout.write(f"\n{MARKS_HELP}\nFamilies (usable as selectors): {', '.join(families())}.\n"
                         "`procutext rule CODE` shows a rule's documentation.\n")
    return EXIT_OK


def cmd_glossary(args: argparse.Namespace) -> int:
    import json

    from .glossary import default_glossary, lookup
    from .glossary.show import describe, entry_json, plural

    action = args.glossary_command
    if action == "check":
        from .data import data_dir
        from .glossary.validate import check_file

        files = args.files or [str(data_dir() / "procuratorial.tsv")]
        shipped = default_glossary()
        reports = [check_file(f, shipped=None if Path(f).resolve() == Path(data_dir() / "procuratorial.tsv").resolve()
                              else shipped) for f in files]
        if args.output_format == "json":
            json.dump([{"path": r.path, "entries": len(r.entries), "errors": r.errors, "warnings": r.warnings,
                        "problems": [{"where": p.where, "severity": p.severity, "message": p.message}
                                     for p in r.problems]} for r in reports],
                      sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            for r in reports:
                for p in r.problems:
                    sys.stdout.write(f"{p}\n")
                if r.fatal:
                    sys.stdout.write(f"{r.path}: not read as a glossary\n")
                    continue
                per = ", ".join(f"{d} {n}" for d, n in sorted(r.domains().items()))
                sys.stdout.write(f"{r.path}: {plural(len(r.entries), 'entry', 'entries')}"
                                 f"{f' ({per})' if per else ''}; "
                                 f"{plural(r.errors, 'error')}, {plural(r.warnings, 'warning')}\n")
        if any(r.fatal for r in reports):
            return EXIT_ERROR
        return EXIT_FINDINGS if any(r.errors for r in reports) else EXIT_OK
    if action == "lookup":
        base = _explicit_config(args.config) if args.config else (find_config(Path.cwd()) or Settings())
        glossary = base.merged(**_glossary_overrides(base, args)).context().get_glossary()
        for w in glossary.warnings:
            sys.stderr.write(f"warning: {w}\n")
        results = [(q, lookup(glossary, q, args.limit)) for q in args.query]
        if args.output_format == "json":
            json.dump([{"query": q, "entries": [entry_json(e, how, glossary) for e, how in hits]}
                       for q, hits in results], sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            blocks: list[list[str]] = []  # one per entry, a blank line between them
            for q, hits in results:
                blocks.extend([describe(e, how, glossary, args.verbose) for e, how in hits] or [[f"{q}: no entry"]])
            sys.stdout.write("\n".join("".join(f"{line}\n" for line in b) for b in blocks))
        return EXIT_OK if all(h for _, h in results) else EXIT_FINDINGS
    # convert
    from .glossary.formats import read_glossary, write_glossary

    skipped: list[str] = []
    entries = read_glossary(args.input, report=skipped)
    for m in skipped:
        sys.stderr.write(f"warning: {m}\n")
    try:
        write_glossary(entries, args.output)
    except OSError as e:
        raise GlossaryError(f"{args.output}: cannot write: {e.strerror or e}") from None
    if args.output_format == "json":
        json.dump({"input": args.input, "output": args.output, "entries": len(entries), "skipped": skipped},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    sys.stderr.write(f"Wrote {plural(len(entries), 'entry', 'entries')} to {args.output}"
                     + (f" ({plural(len(skipped), 'concept')} skipped)" if skipped else "") + ".\n")
    return EXIT_OK


def cmd_place(args: argparse.Namespace) -> int:
    from .places import NEAR, PlaceNameError, default_gazetteer
    from .places.cli import run

    gaz = default_gazetteer()
    within = None
    if args.within is not None:
        try:
            within = gaz.resolve(args.within).code
        except PlaceNameError as e:
            lines = "".join(f"\n  {d.code} {d.zh} {d.en} ({d.level} level"
                            + (f", in {', '.join(a.en for a in gaz.chain(d.code)[1:])})" if d.parent else ")")
                            for d in e.candidates)
            hint = " It may be one of:" if e.candidates and not e.ambiguous else ""
            raise UsageError(f"--within: {e}.{hint}{lines}") from None
    return run(args.query, output_format=args.output_format, out=sys.stdout, limit=args.limit, within=within,
               max_distance=NEAR if args.max_distance is None else args.max_distance, gazetteer=gaz)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors already
        return int(e.code) if isinstance(e.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    handlers = {"check": cmd_check, "fix": cmd_fix, "rule": cmd_rule, "glossary": cmd_glossary,
                "place": cmd_place}
    clear_cache()  # config files may change between calls in one process
    try:
        return handlers[args.command](args)
    except (UsageError, ConfigError, SelectorError, GlossaryError) as e:
        sys.stderr.write(f"error: {e}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
