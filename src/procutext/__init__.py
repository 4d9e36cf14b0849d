"""procutext: find and fix the defects of machine-translated English from Chinese
government sites (procuratorates first of all).

>>> import procutext
>>> [f.code for f in procutext.check("since this year“ Dandelion ”was launched")]
['PT101', 'PT102']
>>> procutext.fix("1、 Focus on the central work").text
'1. Focus on the central work'
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from .config import Settings
from .context import Context
from .engine import FixResult
from .glossary import Entry, Glossary, GlossaryError, load_glossary
from .model import Applicability, Document, Edit, Finding, Severity
from .registry import Example, Rule, all_rules, get_rule, select_rules

__version__ = "0.1.0"

__all__ = [
    "Applicability",
    "Context",
    "Document",
    "Edit",
    "Entry",
    "Glossary",
    "GlossaryError",
    "load_glossary",
    "Example",
    "Finding",
    "FixResult",
    "Rule",
    "Settings",
    "Severity",
    "all_rules",
    "check",
    "fix",
    "get_rule",
    "select_rules",
    "__version__",
]


def _setup(
    select: Iterable[str] | None,
    extend_select: Iterable[str],
    ignore: Iterable[str],
    quote_style: str | None,
    context: Context | None,
    glossary: Glossary | None = None,
) -> tuple[list[Rule], Context]:
    rules = select_rules(select, extend_select, ignore)
    ctx = context or Context()
    if quote_style is not None:
        ctx = dataclasses.replace(ctx, quote_style=quote_style)
    if glossary is not None:
        ctx = dataclasses.replace(ctx, glossary=glossary)
    return rules, ctx


def check(
    text: str,
    *,
    kind: str | None = None,
    path: str | None = None,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    quote_style: str | None = None,
    glossary: Glossary | None = None,
    context: Context | None = None,
) -> list[Finding]:
    """Check English text and return its findings, sorted by position.

    ``kind`` is ``"text"`` or ``"markdown"`` (default: from ``path``'s suffix, else text).
    ``select``/``extend_select``/``ignore`` take codes (``PT101``), code prefixes
    (``PT1``) or rule names (``padded-quote``). ``glossary`` (from :func:`load_glossary`)
    replaces the shipped glossary for the term rules.
    """
    from .engine import check_text

    rules, ctx = _setup(select, extend_select, ignore, quote_style, context, glossary)
    return check_text(text, rules, ctx, kind=kind, path=path)


def fix(
    text: str,
    *,
    unsafe: bool = False,
    kind: str | None = None,
    path: str | None = None,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    quote_style: str | None = None,
    glossary: Glossary | None = None,
    context: Context | None = None,
) -> FixResult:
    """Apply safe fixes (and unsafe ones with ``unsafe=True``) until nothing changes.

    Returns a :class:`FixResult` with the fixed ``text``, the ``applied`` findings
    (positions in the input) and the ``remaining`` ones (positions in the output).
    ``fix`` is idempotent and changes nothing outside the spans of applied findings.
    """
    from .engine import fix_text

    rules, ctx = _setup(select, extend_select, ignore, quote_style, context, glossary)
    return fix_text(text, rules, ctx, kind=kind, path=path, unsafe=unsafe)
