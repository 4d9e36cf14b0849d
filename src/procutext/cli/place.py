"""`procutext place`: look up divisions (building the parser does not import the gazetteer)."""

from __future__ import annotations

import argparse
import sys

from .common import UsageError


def add_parsers(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
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



def cmd_place(args: argparse.Namespace) -> int:
    from ..places import NEAR, PlaceNameError, default_gazetteer
    from ..places.cli import run

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
