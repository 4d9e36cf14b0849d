"""`procutext rule`: a rule's documentation, or the rules a selector matches."""

from __future__ import annotations

import argparse
import json
import sys

from ..registry import all_rules, families, get_rule, matching_rules
from .common import EXIT_OK, MARKS_HELP, UsageError


def add_parsers(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    r = sub.add_parser("rule", help="show rules: one rule's documentation, or the rules a selector matches",
                       epilog=MARKS_HELP)
    r.add_argument("selector", nargs="?", metavar="RULE",
                   help="a code (PT101), name (padded-quote), code prefix (PT1) or family (places); "
                        "default: list every rule")
    r.add_argument("--output-format", choices=["text", "json"], default="text")


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
