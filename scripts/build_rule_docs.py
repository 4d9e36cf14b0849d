#!/usr/bin/env python3
"""Write docs/rules.md from the rules' docstrings (the rule documentation is the docstring).

    python scripts/build_rule_docs.py          # rewrite docs/rules.md
    python scripts/build_rule_docs.py --check  # exit 1 if docs/rules.md is out of date

A test runs the check, so the page never drifts from the code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from procutext.registry import all_rules, families

OUT = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def render() -> str:
    rules = all_rules()
    lines = [
        "# Rules",
        "",
        "Generated from the rules' docstrings by `scripts/build_rule_docs.py`; `procutext rule CODE`",
        "prints the same text. Markers: [*] safe fix, [!] unsafe fix (`--unsafe-fixes`).",
        f"Families (usable as selectors): {', '.join(families())}.",
        "",
        "| code | name | family | severity | fix |",
        "|---|---|---|---|---|",
    ]
    for r in rules:
        fix = {None: "—", "safe": "[*] safe", "unsafe": "[!] unsafe"}[r.fix.value if r.fix else None]
        lines.append(f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.family} | {r.severity} | {fix} |")
    for r in rules:
        doc = r.doc.replace("\n## ", "\n### ")
        if doc.startswith("## "):
            doc = "#" + doc
        lines += ["", f'<a id="{r.code.lower()}"></a>', "", f"## {r.code} {r.name}", "", doc]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    text = render()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date: run python scripts/build_rule_docs.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
