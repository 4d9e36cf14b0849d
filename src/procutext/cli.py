"""The command line: a thin layer over the library.

Exit codes: 0 clean, 1 findings at or above the fail level (or, for ``fix --check`` and
``fix --diff``, files that would change), 2 usage, configuration, input or internal error.
"""

from __future__ import annotations

import argparse
import difflib
import fnmatch
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from . import __version__
from .config import ConfigError, Settings, clear_cache, find_config, read_config_file
from .glossary import GlossaryError
from .files import InputError, TextFile, decode, read_file, write_atomic
from .model import Finding, Severity
from .registry import SelectorError, all_rules, get_rule, select_rules

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; - for stdin")
    sel = p.add_argument_group("rule selection")
    sel.add_argument("--select", type=_csv, action="extend", metavar="RULES",
                     help="comma-separated codes, code prefixes or rule names to enable (replaces the default set)")
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
                   help="encoding of input files (default utf-8; 'auto' guesses with charset-normalizer)")
    p.add_argument("--stdin-filename", metavar="NAME",
                   help="name for stdin input (chooses Markdown for *.md and finds config)")
    p.add_argument("--type", choices=["text", "markdown"], dest="kind",
                   help="treat every input as this type instead of deciding by suffix")


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
    )
    parser.add_argument("--version", action="version", version=f"procutext {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("check", help="report findings (and fix them with --fix)")
    _add_common(c)
    c.add_argument("--fix", action="store_true", help="apply safe fixes in place, report the rest")
    c.add_argument("--output-format", choices=["concise", "full", "json"], default=None,
                   help="concise (default), full (with source line), json (documented contract)")
    c.add_argument("--fail-level", choices=["info", "warning", "error"], default=None,
                   help="lowest severity that makes the exit code 1 (default: warning)")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")

    f = sub.add_parser("fix", help="apply fixes in place; - reads stdin and writes stdout")
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
                         "converted) or an English name (misspellings get the nearest names)")
    pl.add_argument("--json", action="store_true", dest="as_json", help="JSON output")
    pl.add_argument("--limit", type=int, default=5, metavar="N", help="hits per query (default 5)")
    pl.add_argument("--within", metavar="CODE",
                    help="only this division and the divisions under it (e.g. 340200)")
    pl.add_argument("--max-distance", type=float, default=None, metavar="D",
                    help="farthest near hit (default 1.5; 1.0 or less is 'close')")

    r = sub.add_parser("rule", help="show a rule's documentation, or list all rules")
    r.add_argument("code", nargs="?", help="rule code or name")
    r.add_argument("--output-format", choices=["text", "json"], default="text")
    return parser


# -- files --------------------------------------------------------------------------------
@dataclass
class Run:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, message: str) -> None:
        if message in self.errors:  # the same bad glossary, met again for the next file
            return
        self.errors.append(message)
        sys.stderr.write(f"error: {message}\n")

    def warn(self, message: str) -> None:
        if message in self.warnings:  # once per run, not once per file
            return
        self.warnings.append(message)
        sys.stderr.write(f"warning: {message}\n")


def _excluded(path: Path, settings: Settings) -> bool:
    patterns = (*settings.exclude, *settings.extend_exclude)
    return any(fnmatch.fnmatch(part, pat) for part in path.parts for pat in patterns)


def discover(paths: Sequence[str], run: Run, base: Settings, explicit_config: Settings | None) -> list[str]:
    out: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append(raw)
            continue
        p = Path(raw)
        if p.is_dir():
            settings = explicit_config or find_config(p) or base
            for root, dirs, files in os.walk(p):
                rp = Path(root)
                dirs[:] = sorted(d for d in dirs if not _excluded(rp / d, settings))
                for name in sorted(files):
                    fp = rp / name
                    if any(fnmatch.fnmatch(name, pat) for pat in settings.include) and not _excluded(fp, settings):
                        out.append(str(fp))
        elif p.exists() or p.is_symlink():
            out.append(raw)
        else:
            run.error(f"{raw}: no such file or directory")
    return out


def settings_for(path: str, args: argparse.Namespace, explicit: Settings | None, stdin_name: str | None) -> Settings:
    if explicit is not None:
        base = explicit
    else:
        where = Path(stdin_name) if path == "-" and stdin_name else (Path.cwd() if path == "-" else Path(path))
        base = find_config(where) or Settings()
    return base.merged(
        select=tuple(args.select) if args.select else None,
        extend_select=tuple((*base.extend_select, *args.extend_select)) if args.extend_select else None,
        ignore=tuple((*base.ignore, *args.ignore)) if args.ignore else None,
        quote_style=args.quote_style,
        unsafe_fixes=args.unsafe_fixes,
        encoding=args.encoding,
        fail_level=Severity.parse(args.fail_level) if getattr(args, "fail_level", None) else None,
        **_glossary_overrides(base, args),
    )


def _glossary_overrides(base: Settings, args: argparse.Namespace) -> dict:
    """--glossary files (after the config's own) and --no-default-glossary, for Settings.merged."""
    return {
        "glossaries": (*base.glossaries, *(str(Path(g).resolve()) for g in args.glossary)) if args.glossary else None,
        "default_glossary": False if args.no_default_glossary else None,
    }


def _explicit_config(path: str) -> Settings:
    """The settings of a --config file; a missing file is a ConfigError."""
    cfg = Path(path)
    if not cfg.is_file():
        raise ConfigError(f"{path}: config file not found")
    return read_config_file(cfg) or Settings(config_path=cfg)


def _read(path: str, settings: Settings, stdin_name: str | None) -> TextFile:
    if path == "-":
        data = sys.stdin.buffer.read()
        return decode(data, stdin_name or "-", settings.encoding)
    return read_file(path, settings.encoding)


def _load(path: str, args: argparse.Namespace, explicit: Settings | None, run: Run):  # type: ignore[no-untyped-def]
    """Settings, rules, context and text for one input; None (error reported) if it fails."""
    try:
        settings = settings_for(path, args, explicit, args.stdin_filename)
        rules = select_rules(settings.select, settings.extend_select, settings.ignore)
        ctx = settings.context()
        for w in ctx.glossary.warnings if ctx.glossary is not None else ():
            run.warn(w)  # entries a user glossary could not use
        return settings, rules, ctx, _read(path, settings, args.stdin_filename)
    except (InputError, ConfigError, SelectorError, GlossaryError) as e:
        run.error(str(e))
        return None


# -- commands -------------------------------------------------------------------------------
def _prepare(args: argparse.Namespace) -> tuple[Run, list[str], Settings | None]:
    run = Run()
    explicit = _explicit_config(args.config) if args.config else None
    if not args.paths:
        raise UsageError("no PATH given (use - to read stdin)")
    files = discover(args.paths, run, Settings(), explicit)
    return run, files, explicit


def cmd_check(args: argparse.Namespace) -> int:
    from .engine import check_text, fix_text

    run, files, explicit = _prepare(args)
    fmt = args.output_format
    all_findings: list[Finding] = []
    sources: dict[str, str] = {}
    fixed_count = 0
    failing = 0
    for path in files:
        loaded = _load(path, args, explicit, run)
        if loaded is None:
            continue
        settings, rules, ctx, tf = loaded
        name = tf.path
        kind = args.kind
        if args.fix:
            result = fix_text(tf.text, rules, ctx, kind=kind, path=name, unsafe=settings.unsafe_fixes)
            if result.changed:
                if path == "-":
                    sys.stdout.write(result.text)
                else:
                    try:
                        write_atomic(tf, result.text)
                    except (OSError, UnicodeEncodeError) as e:
                        run.error(f"{name}: cannot write the fixed text: {e}")
                        continue
                fixed_count += len(result.applied)
            findings = result.remaining
            sources[name] = result.text
        else:
            findings = check_text(tf.text, rules, ctx, kind=kind, path=name)
            sources[name] = tf.text
        for f in findings:
            f.path = name
        all_findings.extend(findings)
        failing += sum(1 for f in findings if f.severity >= settings.fail_level)
    from .reporters import REPORTERS

    REPORTERS[fmt or "concise"](all_findings, sys.stdout, sources)
    _summary(all_findings, fixed_count, args.fix, len(run.errors))
    if run.errors:
        return EXIT_ERROR
    if failing and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def _summary(findings: list[Finding], fixed: int, fixing: bool, errors: int = 0) -> None:
    n = len(findings)
    fixable = sum(1 for f in findings if f.safe_fix)
    unsafe = sum(1 for f in findings if f.edit is not None and not f.safe_fix)
    parts = []
    if fixing and fixed:
        parts.append(f"Fixed {fixed} finding{'s' if fixed != 1 else ''}.")
    if n:
        msg = f"Found {n} finding{'s' if n != 1 else ''}"
        extra = []
        if fixable and not fixing:
            extra.append(f"{fixable} fixable with --fix")
        if unsafe:
            extra.append(f"{unsafe} more with --unsafe-fixes")
        parts.append(msg + (f" ({'; '.join(extra)})" if extra else "") + ".")
    elif not parts and not errors:
        parts.append("All checks passed.")
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''} (see above): not everything was checked.")
    sys.stderr.write(" ".join(parts) + "\n")


def cmd_fix(args: argparse.Namespace) -> int:
    from .engine import fix_text

    run, files, explicit = _prepare(args)
    would_change = 0
    total = 0
    for path in files:
        loaded = _load(path, args, explicit, run)
        if loaded is None:
            continue
        settings, rules, ctx, tf = loaded
        name = tf.path
        result = fix_text(tf.text, rules, ctx, kind=args.kind, path=name, unsafe=settings.unsafe_fixes)
        total += len(result.applied)
        if path == "-" and not (args.diff or args.check):
            sys.stdout.write(result.text)
            continue
        if not result.changed:
            continue
        would_change += 1
        if args.diff:
            diff = difflib.unified_diff(
                tf.text.splitlines(keepends=True),
                result.text.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
            for line in diff:
                sys.stdout.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        elif args.check:
            sys.stdout.write(f"would fix {len(result.applied)} finding(s) in {name}\n")
        else:
            try:
                write_atomic(tf, result.text)
            except (OSError, UnicodeEncodeError) as e:
                run.error(f"{name}: cannot write the fixed text: {e}")
    verb = "Would fix" if (args.diff or args.check) else "Fixed"
    sys.stderr.write(f"{verb} {total} finding{'s' if total != 1 else ''}"
                     f" in {would_change} file{'s' if would_change != 1 else ''}.\n")
    if run.errors:
        return EXIT_ERROR
    if (args.diff or args.check) and would_change:
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    import json

    if args.code:
        try:
            rules = [get_rule(args.code)]
        except KeyError as e:
            raise UsageError(str(e.args[0])) from None
    else:
        rules = all_rules()
    if args.output_format == "json":
        data = [
            {"code": r.code, "name": r.name, "family": r.family, "severity": str(r.severity),
             "fix": str(r.fix) if r.fix else None, "summary": r.summary,
             "documentation": r.doc if args.code else None}
            for r in rules
        ]
        json.dump(data if not args.code else data[0], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if args.code:
        r = rules[0]
        fix = {None: "no fix", "safe": "safe fix", "unsafe": "unsafe fix"}[r.fix.value if r.fix else None]
        sys.stdout.write(f"# {r.name} ({r.code})\n\nFamily: {r.family}. Default severity: {r.severity}. "
                         f"Fix: {fix}.\n\n{r.doc}\n")
        return EXIT_OK
    width = max(len(r.name) for r in rules)
    for r in rules:
        mark = {None: "   ", "safe": "[*]", "unsafe": "[!]"}[r.fix.value if r.fix else None]
        sys.stdout.write(f"{r.code}  {r.name:<{width}}  {mark}  {r.summary}\n")
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
    from .places import NEAR, default_gazetteer
    from .places.cli import run

    if args.within is not None and args.within not in default_gazetteer():
        raise UsageError(f"--within: no division with code {args.within}")
    return run(args.query, as_json=args.as_json, out=sys.stdout, limit=args.limit, within=args.within,
               max_distance=NEAR if args.max_distance is None else args.max_distance)


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
