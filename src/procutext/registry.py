"""Rule metadata and selection by code, code prefix or rule name."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .model import Applicability, Edit, Finding, Severity

if TYPE_CHECKING:
    from .context import Context
    from .model import Document

RuleFunc = Callable[["Document", "Context"], Iterable[Finding]]

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Use instead", "Fix safety")

CODE_RE = re.compile(r"^PT\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Example:
    """A failing text, its fixed form (or None when the rule has no fix) and a passing text."""

    bad: str
    good: str
    fixed: str | None = None
    kind: str = "text"
    #: Context options the example needs, e.g. {"quote_style": "curly"}
    options: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    severity: Severity
    fix: Applicability | None
    func: RuleFunc = field(compare=False, repr=False)
    examples: tuple[Example, ...] = ()
    default_enabled: bool = True

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        """The docstring's first paragraph: one line saying what the rule finds."""
        return " ".join(self.doc.split("\n\n")[0].split())

    def finding(
        self,
        message: str,
        start: int,
        end: int,
        replacement: str | None = None,
        *,
        edit_start: int | None = None,
        edit_end: int | None = None,
        applicability: Applicability | None = None,
        suggestions: tuple[str, ...] = (),
        severity: Severity | None = None,
        data: dict[str, Any] | None = None,
    ) -> Finding:
        """Build a finding of this rule; ``replacement`` adds an edit (over the finding's
        span unless ``edit_start``/``edit_end`` say otherwise)."""
        edit = None
        if replacement is not None:
            edit = Edit(
                start if edit_start is None else edit_start,
                end if edit_end is None else edit_end,
                replacement,
                applicability or self.fix or Applicability.UNSAFE,
            )
        return Finding(
            self.code,
            self.name,
            message,
            severity or self.severity,
            start,
            end,
            edit,
            suggestions,
            data=data,
        )


_RULES: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    *,
    family: str,
    severity: Severity = Severity.WARNING,
    fix: Applicability | None = None,
    examples: Iterable[Example] = (),
    default_enabled: bool = True,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function. Codes are forever: never reuse a retired one."""

    def register(func: RuleFunc) -> RuleFunc:
        if not CODE_RE.match(code):
            raise ValueError(f"bad rule code {code!r}")
        if not NAME_RE.match(name):
            raise ValueError(f"rule name must be kebab-case: {name!r}")
        if code in _RULES or name in _BY_NAME:
            raise ValueError(f"duplicate rule {code} {name}")
        r = Rule(code, name, family, severity, fix, func, tuple(examples), default_enabled)
        _RULES[code] = r
        _BY_NAME[name] = r
        _selections.clear()  # a rule registered later (a plugin) changes every selection
        func.rule = r  # type: ignore[attr-defined]
        return func

    return register


_loaded = False


def _load_builtin_rules() -> None:
    # a flag, not "are there rules yet": importing one rules module directly (the runner
    # imports rules.fetching) registers its rules before the others are loaded
    global _loaded
    if _loaded:
        return
    from ._gc import loading
    from .rules import load_all

    with loading():
        load_all()
    _loaded = True


#: the results of :func:`all_rules` and :func:`select_rules` by their arguments, cleared when
#: a rule is registered: a check of a short text through the API selected the rules again
#: at every call (a tenth of its fixed cost)
_selections: dict[object, tuple[Rule, ...]] = {}


def all_rules() -> list[Rule]:
    """Every registered rule, in code order."""
    _load_builtin_rules()
    got = _selections.get("all")
    if got is None:
        got = _selections["all"] = tuple(sorted(_RULES.values(), key=lambda r: r.code))
    return list(got)


def get_rule(code_or_name: str) -> Rule:
    """The rule with this code (``PT101``) or name (``padded-quote``); KeyError if none."""
    _load_builtin_rules()
    key = code_or_name.strip()
    r = _RULES.get(key.upper()) or _BY_NAME.get(key.lower())
    if r is None:
        raise KeyError(f"unknown rule {code_or_name!r}")
    return r


class SelectorError(ValueError):
    """A rule selector (code, prefix, name or family) that selects no rule."""


def _matches(selector: str, r: Rule) -> bool:
    s = selector.strip()
    if s.upper() == "ALL":
        return True
    if s.upper().startswith("PT"):
        return r.code.startswith(s.upper())
    return r.name == s.lower() or r.family == s.lower()


def selector_problem(selector: str) -> str | None:
    """Why ``selector`` selects no rule, or None when it selects at least one."""
    if not isinstance(selector, str):
        return f"a rule selector must be a string, not {type(selector).__name__}"
    rules = all_rules()
    if any(_matches(selector, r) for r in rules):
        return None
    return (f"unknown rule selector {selector!r}: use a code (PT101), a code prefix (PT1), "
            f"a rule name (padded-quote) or a family ({', '.join(families())}); "
            "`procutext rule` lists them")


def validate_selectors(selectors: Iterable[str]) -> None:
    """Raise SelectorError for the first selector that selects no rule."""
    for s in selectors:
        problem = selector_problem(s)
        if problem:
            raise SelectorError(problem)


def families() -> list[str]:
    """The rule families, in code order (usable as selectors: ``--select places``)."""
    return list(dict.fromkeys(r.family for r in all_rules()))


def matching_rules(selector: str) -> list[Rule]:
    """Every rule a selector (code, prefix, name, family or ALL) selects, in code order."""
    return [r for r in all_rules() if _matches(selector, r)]


def string_list(value: Iterable[str] | None, name: str, *, allow_none: bool = False,
                what: str = "rule selectors") -> list[str] | None:
    """Check a list-of-strings argument (``select``, ``ignore``, ``include`` ...): an
    iterable of strings. A bare string is refused, as in the config file, because iterating
    it would give single characters. Raises TypeError naming the argument."""
    if value is None:
        if allow_none:
            return None
        raise TypeError(f"{name} must be a list of {what}, not None")
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a list of {what}, not a string: write {name}=[{value!r}]")
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{name} must be a list of {what}, not {type(value).__name__}") from None
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name} must hold strings ({what}), not {type(item).__name__}: {item!r}")
    return items


def select_rules(
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Rule]:
    """Rules enabled by ``select`` (default: every rule enabled by default), plus
    ``extend_select``, minus ``ignore``. More specific selectors do not override less
    specific ones: ignore always wins, as in the CLI help.

    Each argument is a list of selectors: codes (``PT101``), code prefixes (``PT1``), rule
    names (``padded-quote``), families (``places``) or ``ALL``. A bare string is a
    TypeError; a selector that selects nothing is a SelectorError."""
    select = string_list(select, "select", allow_none=True)
    extend_select = string_list(extend_select, "extend_select") or []
    ignore = string_list(ignore, "ignore") or []
    _load_builtin_rules()
    key = (None if select is None else tuple(select), tuple(extend_select), tuple(ignore))
    got = _selections.get(key)
    if got is not None:
        return list(got)
    validate_selectors([*(select or []), *extend_select, *ignore])
    chosen: list[Rule] = []
    for r in all_rules():
        if select is None:
            on = r.default_enabled
        else:
            on = any(_matches(s, r) for s in select)
        if not on and any(_matches(s, r) for s in extend_select):
            on = True
        if on and any(_matches(s, r) for s in ignore):
            on = False
        if on:
            chosen.append(r)
    _selections[key] = tuple(chosen)
    return chosen


def iter_rules() -> Iterator[Rule]:
    yield from all_rules()
