"""The command line: a thin layer over the library (:mod:`procutext.runner`), one module a
subcommand.

Exit codes: 0 clean; 1 findings at or above the fail level (or, for ``fix --check`` and
``fix --diff``, files that would change); 2 usage, configuration, input or internal error,
and a run that checked nothing.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from .. import __version__
from ..config import ConfigError, clear_cache
from ..glossary import GlossaryError
from ..registry import SelectorError
from . import check, glossary, place, rule
from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, MARKS_HELP, UsageError, plural

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "UsageError", "build_parser", "entry", "main", "plural"]


def build_parser(modules: tuple = (check, glossary, place, rule)) -> argparse.ArgumentParser:
    """The argument parser of the subcommands of ``modules`` (default: every subcommand)."""
    parser = argparse.ArgumentParser(
        prog="procutext",
        description="Find and fix the defects of machine-translated English from Chinese government sites.",
        epilog=MARKS_HELP,
    )
    parser.add_argument("--version", action="version", version=f"procutext {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in modules:
        module.add_parsers(sub)
    return parser


#: the subcommands each module defines (a run of ``check`` or ``fix`` builds only theirs)
_COMMANDS = {"check": check, "fix": check}


def _parser_for(argv: list[str]) -> argparse.ArgumentParser:
    """The parser for ``argv``: when it starts with ``check`` or ``fix``, one that holds only
    that module's subcommands (the others' options cost 4 ms of every start and cannot take
    part in parsing a ``check`` command line); otherwise the whole one."""
    module = _COMMANDS.get(argv[0]) if argv else None
    return build_parser() if module is None else build_parser((module,))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = sys.argv[1:] if argv is None else list(argv)
    parser = _parser_for(args_list)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as e:  # argparse exits 2 on usage errors already
        return int(e.code) if isinstance(e.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    handlers = {"check": check.cmd_check, "fix": check.cmd_fix, "rule": rule.cmd_rule,
                "glossary": glossary.cmd_glossary, "place": place.cmd_place}
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


def _terminate(signum, frame):  # type: ignore[no-untyped-def]
    raise SystemExit(128 + signum)


def entry() -> None:
    """The console script. SIGTERM (a cancelled CI job, ``kill``) ends it as Ctrl-C does:
    by an exception, so that a fix being written removes its temporary file (the file itself
    is at every moment its old or its new text)."""
    import signal

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _terminate)
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    entry()
