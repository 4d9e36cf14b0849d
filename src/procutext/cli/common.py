"""What the subcommands share: exit codes, flags, the report stream, plural words."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from ..config import Settings
from ..readers import KINDS
from ..reporters import FORMATS

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
                          "families (typography, furniture, terms, places, leftovers, spacing, chinese) to enable "
                          "(replaces the default set); ALL for every rule")
    sel.add_argument("--extend-select", type=_csv, action="extend", metavar="RULES",
                     help="enable these in addition")
    sel.add_argument("--ignore", type=_csv, action="extend", metavar="RULES", help="disable these")
    p.add_argument("--quote-style", choices=["keep", "straight", "curly"],
                   help="quote style of the output (default: keep)")
    p.add_argument("--lang", choices=["auto", "en", "zh"], default=None,
                   help="the language of the input: auto (default; each line by its characters, so that the "
                        "Chinese rules check the Chinese paragraphs and the English rules the others), en, or zh "
                        "(all Chinese: only the Chinese rules run)")
    p.add_argument("--to-simplified", action="store_true", default=None,
                   help="convert traditional Chinese characters to simplified with OpenCC (selects PT805; "
                        "`fix` applies its conversions)")
    p.add_argument("--unsafe-fixes", action="store_true", default=None,
                   help="also apply unsafe fixes (such as deleting page-furniture lines)")
    p.add_argument("--config", metavar="FILE", help="use this procutext.toml or pyproject.toml")
    _add_glossary_flags(p)
    p.add_argument("--encoding", metavar="NAME",
                   help="encoding of input files (default utf-8; gbk and gb2312 are read as gb18030; 'auto' "
                        "guesses among UTF-8, GB18030, Big5 and Windows-1252, and more with procutext[detect])")
    p.add_argument("--max-file-size", type=_file_size, metavar="SIZE",
                   help="files larger than this are not read but reported as errors, and the others are still "
                        "checked (default 50MB; e.g. 500KB, 2GB; 0 for no limit)")
    p.add_argument("--stdin-filename", metavar="NAME",
                   help="name for stdin input (its suffix chooses the reader, e.g. x.md Markdown, x.xlf XLIFF; "
                        "it finds the config)")
    p.add_argument("--type", "--kind", choices=list(KINDS), dest="kind",
                   help="treat every input as this type instead of deciding by suffix (.html, .htm, .shtml "
                        "and .xhtml are HTML; .xlf, .xliff, .sdlxliff, .mqxliff XLIFF; .tmx, .po, .csv, .tsv, "
                        ".jsonl the bilingual formats)")
    p.add_argument("--source", metavar="FILE",
                   help="the Chinese original of the one English file given: check the translation against it "
                        "too (PT7xx); when a directory is walked, NAME.zh.* is the original of NAME.en.* beside it")
    p.add_argument("--content", choices=["all", "main"], default=None,
                   help="what of an HTML page to check: all (default; page furniture included) or main (the "
                        "article body only, found by trafilatura: pip install 'procutext[content]')")
    _add_bilingual_format_flags(p)
    _add_scale_flags(p)
    out = p.add_argument_group("output")
    out.add_argument("--output-format", choices=FORMATS, default=None,
                     help="concise (default), full (with the source excerpt), json (docs/json-format.md; "
                          "json-v1 is the old array of findings), json-lines, sarif, github, junit, gitlab, "
                          "html (a self-contained page for people): docs/output-formats.md")
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


def _add_bilingual_format_flags(p: argparse.ArgumentParser) -> None:
    b = p.add_argument_group("bilingual files (XLIFF, TMX, PO, CSV/TSV, JSONL)")
    b.add_argument("--source-field", metavar="NAME",
                   help="the CSV/TSV column or JSONL key of the source text (default: the first of zh, source, "
                        "src, chinese …; a JSONL key may be a path such as translation.zh)")
    b.add_argument("--target-field", "--text-field", metavar="NAME", dest="target_field",
                   help="the CSV/TSV column or JSONL key of the English target (default: the first of en, target, "
                        "translation, english …)")
    b.add_argument("--mark-edited", metavar="STATE", type=_xliff_state,
                   help="with fixes: set this XLIFF state on each unit whose target was changed (e.g. "
                        "needs-review-translation in XLIFF 1.2, reviewed in 2.0; in a Trados .sdlxliff the "
                        "segment's confirmation level too, Draft for needs-review-*, or a level named "
                        "directly: Draft, Translated …); default: states are left as they are")


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (every core) or more: {value!r}")
    return n


def _add_scale_flags(p: argparse.ArgumentParser) -> None:
    s = p.add_argument_group("many inputs (docs/scale.md)")
    s.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help="check in N worker processes (default: every core; 1: in this process). Runs of one "
                        "input or under 256 KB stay in this process; the output is the same whatever N")
    s.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local (default: this machine's processes) or dask (a Dask cluster: --scheduler, or a "
                        "LocalCluster; pip install 'procutext[dask]')")
    s.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler's address (tcp://HOST:8786); default: a LocalCluster")
    s.add_argument("--corpus", action="store_true", default=None,
                   help="read each JSONL file as a corpus: every line a document of its own (its text at "
                        "--text-field, its source at --source-field), checked in parallel; fix writes "
                        "NAME.fixed.jsonl beside it. A .parquet file is always a corpus")
    s.add_argument("--corpus-in-place", action="store_true",
                   help="with fix: replace the corpus itself instead of writing NAME.fixed.jsonl beside it")
    s.add_argument("--no-cache", action="store_true",
                   help="check every input again: do not use or fill the cache of unchanged inputs")
    s.add_argument("--cache-dir", metavar="DIR",
                   help="the cache's folder (default: $PROCUTEXT_CACHE_DIR/results, else .procutext_cache in the "
                        "project root)")


def _xliff_state(value: str) -> str:
    from ..bilingual.formats.xliff import state_problem

    if state_problem(value, v2=False, trados=True) and state_problem(value, v2=True):
        raise argparse.ArgumentTypeError(f"{state_problem(value, v2=False, trados=True)}; in XLIFF 2 one of "
                                         "initial, translated, reviewed, final")
    return value


def _add_glossary_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("terminology")
    g.add_argument("--glossary", action="append", default=[], metavar="FILE",
                   help="a user glossary (.tsv, .csv, .tbx, .xlsx) layered over the shipped one; "
                        "repeatable, later files win")
    g.add_argument("--no-default-glossary", action="store_true",
                   help="do not use the shipped procuratorial glossary")


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
        from ..reporters import Style

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
    from ..model import Severity

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
        "content": getattr(args, "content", None),
        "source_field": getattr(args, "source_field", None),
        "target_field": getattr(args, "target_field", None),
        "mark_edited": getattr(args, "mark_edited", None),
        "lang": getattr(args, "lang", None),
        "to_simplified": getattr(args, "to_simplified", None),
        "max_file_size": getattr(args, "max_file_size", None),
    }


def _file_size(value: str) -> int:
    from ..config import parse_size

    try:
        return parse_size(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _glossary_overrides(base: Settings, args: argparse.Namespace) -> dict:
    """--glossary files (after the config's own) and --no-default-glossary, for Settings.merged."""
    return {
        "glossaries": (*base.glossaries, *(str(Path(g).resolve()) for g in args.glossary)) if args.glossary else None,
        "default_glossary": False if args.no_default_glossary else None,
    }


def _explicit_config(path: str) -> Settings:
    """The settings of a --config file; a missing file is a ConfigError."""
    from ..runner import load_settings

    return load_settings(path)
