"""procutext: find and fix the defects of machine-translated English from Chinese
government sites (procuratorates first of all).

>>> import procutext
>>> [f.code for f in procutext.check("since this year“ Dandelion ”was launched")]
['PT101', 'PT102']
>>> procutext.fix("1、 Focus on the central work").text
'1. Focus on the central work'

Texts: :func:`check` and :func:`fix`. Files and directories, as the command line reads
them (configuration, encodings, atomic writes): :func:`check_paths`, :func:`fix_paths`,
:func:`check_path`, :func:`fix_path`. Output in any CLI format: :func:`format_findings`.
Archives and corpora (docs/scale.md): ``check_paths(..., jobs=N, corpus=True, cache=True,
sink=...)``; on a Dask cluster ``engine="dask"``, and for Dask collections
:mod:`procutext.dask` (``check_bag``, ``check_dataframe``, ``fix_bag``).
"""

from __future__ import annotations

from ._gc import loading as _loading

with _loading():  # the modules' objects go straight to the oldest generation (see procutext._gc)
    import dataclasses
    import warnings as _warnings
    from typing import TYPE_CHECKING, Iterable

    from .config import ConfigError, Settings
    from .context import Context
    from .engine import FixResult
    from .engine import run_rules as _run_rules
    from .readers import load_document as _load_document
    from .glossary import Entry, Glossary, GlossaryError, load_glossary
    from .model import Applicability, Document, Edit, Finding, Severity
    from .registry import Example, Rule, SelectorError, all_rules, get_rule, select_rules, string_list

#: loaded on first use, so that ``import procutext`` stays light for text checks
_LAZY = {
    "InputError": "files",  # file reading and writing (shutil, tempfile, charsets): not for texts
    "format_findings": "reporters",
    "FileReport": "runner", "RunReport": "runner", "check_path": "runner", "check_paths": "runner",
    "fix_path": "runner", "fix_paths": "runner",
}


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'procutext' has no attribute {name!r}")

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .files import InputError
    from .reporters import format_findings
    from .runner import FileReport, RunReport, check_path, check_paths, fix_path, fix_paths

__all__ = [
    "Applicability",
    "ConfigError",
    "Context",
    "Document",
    "Edit",
    "Entry",
    "Example",
    "FileReport",
    "Finding",
    "FixResult",
    "Glossary",
    "GlossaryError",
    "InputError",
    "Rule",
    "RunReport",
    "SelectorError",
    "Settings",
    "Severity",
    "all_rules",
    "check",
    "check_path",
    "check_paths",
    "fix",
    "fix_path",
    "fix_paths",
    "format_findings",
    "get_rule",
    "load_glossary",
    "select_rules",
    "__version__",
]


def _check_args(text: object, kind: object, glossary: object, context: object, quote_style: object,
                settings: object) -> None:
    """Clear TypeErrors for wrong argument types, from the public function itself."""
    if not isinstance(text, str):
        hint = (" (decode bytes first, or use procutext.check_path for files)"
                if isinstance(text, (bytes, bytearray)) else "")
        raise TypeError(f"text must be str, not {type(text).__name__}{hint}")
    if kind is not None and not isinstance(kind, str):
        raise TypeError(f"kind must be a str ('text', 'markdown', 'html', or a bilingual kind: 'xliff', 'tmx', "
                        f"'po', 'csv', 'tsv', 'jsonl') or None, not {type(kind).__name__}")
    if glossary is not None and not isinstance(glossary, Glossary):
        raise TypeError(f"glossary must be a procutext.Glossary (from load_glossary), not {type(glossary).__name__}")
    if context is not None and not isinstance(context, Context):
        raise TypeError(f"context must be a procutext.Context, not {type(context).__name__}")
    if quote_style is not None and not isinstance(quote_style, str):
        raise TypeError(f"quote_style must be a str, not {type(quote_style).__name__}")
    if settings is not None and not isinstance(settings, Settings):
        raise TypeError(f"settings must be a procutext.Settings, not {type(settings).__name__}")


def _setup(
    select: Iterable[str] | None,
    extend_select: Iterable[str],
    ignore: Iterable[str],
    quote_style: str | None,
    context: Context | None,
    glossary: Glossary | None,
    settings: Settings | None,
    path: str | None,
) -> tuple[list[Rule], Context]:
    """Rules and context: ``settings`` first (with its per-file ignores for ``path``), then
    the keyword arguments (``select`` replaces, ``extend_select`` and ``ignore`` add)."""
    if settings is not None:
        if path is not None:
            settings = settings.for_file(path)
        rules = select_rules(
            settings.select if select is None else select,
            [*settings.extend_select, *(string_list(extend_select, "extend_select") or ())],
            [*settings.ignore, *(string_list(ignore, "ignore") or ())],
        )
        ctx = context or settings.context()
        if context is None and quote_style is None:
            quote_style = settings.quote_style
    else:
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
    settings: Settings | None = None,
    source_field: str | None = None,
    target_field: str | None = None,
) -> list[Finding]:
    """Check English text and return its findings, sorted by position.

    ``kind`` is ``"text"``, ``"markdown"`` or ``"html"`` (default: from ``path``'s suffix, else
    text); for HTML the positions and the fixes' edits are the markup's. A bilingual kind
    (``"xliff"``, ``"tmx"``, ``"po"``, ``"csv"``, ``"tsv"``, ``"jsonl"``; by suffix too:
    ``.xlf``, ``.sdlxliff`` …) checks the file's English targets, and its Chinese sources
    with them (the PT7xx rules; a finding's ``source`` is the span of the source it is
    about); positions are the file's. ``source_field``/``target_field`` name the CSV/TSV
    columns or JSONL keys (default: ``zh``, ``source`` … / ``en``, ``target`` …; or the
    ``settings``'). A file that does not parse raises :class:`InputError` with its line and
    column; one that is read but not checked (a target in another language, a table with no
    source and target columns, no units) raises it with a reason that starts "not checked".
    ``select``/``extend_select``/``ignore`` take lists of codes (``PT101``), code prefixes
    (``PT1``), rule names (``padded-quote``) or families (``places``). ``glossary`` (from
    :func:`load_glossary`) replaces the shipped glossary for the term rules. ``settings``
    (a :class:`Settings`, e.g. from a config file) supplies selection, quote style,
    glossaries and, with ``path``, per-file ignores; the other arguments override it.
    Problems with inline suppression comments are issued as :class:`UserWarning`.
    """
    _check_args(text, kind, glossary, context, quote_style, settings)
    rules, ctx = _setup(select, extend_select, ignore, quote_style, context, glossary, settings, path)
    doc = _load_document(text, kind, path, "all", _reader_options(settings, source_field, target_field))
    findings = _run_rules(doc, rules, ctx)
    if doc.suppressions is not None:
        for w in doc.suppressions.warnings:
            _warnings.warn(w, stacklevel=2)
    return findings


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
    settings: Settings | None = None,
    source_field: str | None = None,
    target_field: str | None = None,
    mark_edited: str | None = None,
) -> FixResult:
    """Apply safe fixes (and unsafe ones with ``unsafe=True``) until nothing changes.

    Returns a :class:`FixResult` with the fixed ``text``, the ``applied`` findings
    (positions in the input) and the ``remaining`` ones (positions in the output).
    ``fix`` is idempotent and changes nothing outside the spans of applied findings.
    Arguments as for :func:`check`. In a bilingual file only target text changes;
    ``mark_edited`` (an XLIFF state such as ``"needs-review-translation"``, or the
    ``settings``') is set on the units whose targets were changed, and states are otherwise
    left as they are.
    """
    from .engine import fix_text

    _check_args(text, kind, glossary, context, quote_style, settings)
    if not isinstance(unsafe, bool):
        raise TypeError(f"unsafe must be a bool, not {type(unsafe).__name__}")
    rules, ctx = _setup(select, extend_select, ignore, quote_style, context, glossary, settings, path)
    options = _reader_options(settings, source_field, target_field)
    result = fix_text(text, rules, ctx, kind=kind, path=path, unsafe=unsafe, options=options)
    state = mark_edited if mark_edited is not None else (settings.mark_edited if settings is not None else None)
    if state is not None and result.changed:
        result = _mark_edited(result, text, state, kind, path, options, rules, ctx)
    return result


def _reader_options(settings: Settings | None, source_field: str | None, target_field: str | None) -> dict:
    """The bilingual readers' options: the keyword arguments over the settings'."""
    options = settings.reader_options() if settings is not None else {}
    for key, value in (("source_field", source_field), ("target_field", target_field)):
        if value is not None:
            if not isinstance(value, str):
                raise TypeError(f"{key} must be a str, not {type(value).__name__}")
            options[key] = value
    return options


def _mark_edited(result: FixResult, original: str, state: str, kind: str | None, path: str | None, options: dict,
                 rules: list[Rule], ctx: Context) -> FixResult:
    """``result`` with ``state`` set on the XLIFF units whose targets it changed (a notice as
    a UserWarning for a format without states); the remaining findings found again."""
    from .bilingual.formats import mark_edited as mark
    from .engine import load_document, run_rules
    from .readers import BILINGUAL_KINDS, kind_for_path

    if not isinstance(state, str):
        raise TypeError(f"mark_edited must be a str (an XLIFF state), not {type(state).__name__}")
    k = kind or kind_for_path(path)
    if k not in BILINGUAL_KINDS:
        raise ValueError(f"mark_edited sets the state of units of a bilingual file (XLIFF), not of {k}")
    text, n, notice = mark(k, original, result.text, state, path)
    if notice:
        _warnings.warn(notice, stacklevel=3)
    if text == result.text:
        return result
    remaining = run_rules(load_document(text, k, path, "all", options), rules, ctx)
    return dataclasses.replace(result, text=text, remaining=remaining)
