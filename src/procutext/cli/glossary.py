"""`procutext glossary check|lookup|convert`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import Settings, find_config
from ..glossary import GlossaryError
from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, _add_glossary_flags, _explicit_config, _glossary_overrides


def add_parsers(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
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



def cmd_glossary(args: argparse.Namespace) -> int:
    import json

    from ..glossary import default_glossary, lookup
    from ..glossary.show import describe, entry_json, plural

    action = args.glossary_command
    if action == "check":
        from ..glossary import shipped_paths
        from ..glossary.validate import check_file, check_shipped

        own = {p.resolve() for p in shipped_paths()}
        files = args.files or [str(p) for p in shipped_paths()]
        shipped = default_glossary()
        reports = [check_file(f, shipped=None if Path(f).resolve() in own else shipped) for f in files]
        if not args.files:
            check_shipped(reports)
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
    from ..glossary.formats import read_glossary, write_glossary

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
