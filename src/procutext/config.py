"""Configuration: ``[tool.procutext]`` in ``pyproject.toml`` or top-level keys in
``procutext.toml``, found by walking up from the checked file. Command-line flags override.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .context import LANGS, QUOTE_STYLES, Context
from .model import Severity
from .registry import selector_problem

CONFIG_FILES = ("procutext.toml", "pyproject.toml")

#: what a directory walk checks: text, Markdown, HTML, and the translation files whose kind
#: their suffix settles (XLIFF, TMX, PO). CSV, TSV and JSONL are checked when named (or
#: included in the config): a directory's .tsv/.csv files are as often glossaries and data.
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.shtml", "*.xhtml",
                   "*.xlf", "*.xliff", "*.sdlxliff", "*.mqxliff", "*.tmx", "*.po")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox")


#: files larger than this are not read (``max-file-size``, ``--max-file-size``; 0: no limit):
#: a government article is a few hundred KB at most, a large translation memory tens of MB
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024

_SIZE_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "KIB": 1024, "M": 1024 ** 2, "MB": 1024 ** 2,
               "MIB": 1024 ** 2, "G": 1024 ** 3, "GB": 1024 ** 3, "GIB": 1024 ** 3}


def parse_size(value: object, what: str = "size") -> int:
    """Bytes from ``500KB``, ``20MB``, ``1.5G``, ``0`` or a whole number; ValueError otherwise."""
    import re

    if isinstance(value, bool):
        raise ValueError(f"{what} must be a size such as \"20MB\" or a number of bytes, not a boolean")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"{what} must not be negative: {value}")
        return value
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", value) if isinstance(value, str) else None
    if not m or m.group(2).upper() not in _SIZE_UNITS:
        raise ValueError(f"{what} must be a size such as \"20MB\", \"500KB\" or a number of bytes "
                         f"(0 for no limit), not {value!r}")
    return int(float(m.group(1)) * _SIZE_UNITS[m.group(2).upper()])


class ConfigError(ValueError):
    """A configuration file or option is invalid. The message names the file and key."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_level: Severity = Severity.WARNING
    quote_style: str = "keep"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    #: input encoding; None reads UTF-8 (the default), "auto" detects it
    encoding: str | None = None
    #: user glossaries layered over the shipped one, in order (absolute paths)
    glossaries: tuple[str, ...] = ()
    default_glossary: bool = True
    #: (glob pattern, rule selectors) pairs: rules switched off for matching files, the
    #: way to suppress rules in plain text, which has no comment syntax. A pattern with a
    #: ``/`` is matched against the path relative to the config file's directory, one
    #: without against the file name.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: what of an HTML page is checked: "all" (the default: furniture included) or "main"
    #: (the article body only; needs ``procutext[content]``)
    content: str = "all"
    #: the CSV/TSV column or JSONL key of the source text, and of the target text (None:
    #: the first of zh, source, src … / en, target, translation …)
    source_field: str | None = None
    target_field: str | None = None
    #: the XLIFF state that fixes give the units they change (None: states unchanged)
    mark_edited: str | None = None
    #: the language of the checked text: "auto" (line by line), "en" or "zh" (see
    #: procutext.analysis.line_classes)
    lang: str = "auto"
    #: convert traditional Chinese characters to simplified (selects PT805 and makes its fixes safe)
    to_simplified: bool = False
    #: files (and stdin) larger than this many bytes are not read but reported; 0: no limit
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    config_path: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.to_simplified and "PT805" not in self.extend_select:
            object.__setattr__(self, "extend_select", (*self.extend_select, "PT805"))

    def context(self) -> Context:
        """The rules' context; loads (once per process) the glossaries these settings name.
        Raises GlossaryError for a bad glossary file."""
        glossary = None
        if self.glossaries or not self.default_glossary:
            from .glossary import cached_glossary

            glossary = cached_glossary(self.glossaries, self.default_glossary)
        return Context(quote_style=self.quote_style, glossary=glossary, lang=self.lang,
                       to_simplified=self.to_simplified)

    def reader_options(self) -> dict[str, Any]:
        """The bilingual readers' options (:func:`procutext.readers.load_document`)."""
        return {"source_field": self.source_field, "target_field": self.target_field}

    def merged(self, **overrides: Any) -> "Settings":
        """A copy with the given fields replaced; ``None`` values are ignored."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        return dataclasses.replace(self, **clean)

    def ignores_for(self, path: str | Path) -> tuple[str, ...]:
        """The rules ``per-file-ignores`` switches off for ``path``."""
        if not self.per_file_ignores:
            return ()
        p = Path(path)
        base = self.config_path.parent if self.config_path else Path.cwd()
        try:
            rel = p.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            rel = p.as_posix()
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            target = rel if "/" in pattern else p.name
            if fnmatch.fnmatchcase(target, pattern) or ("/" in pattern and fnmatch.fnmatchcase(rel, pattern.lstrip("./"))):
                out.extend(codes)
        return tuple(out)

    def for_file(self, path: str | Path) -> "Settings":
        """These settings with the file's ``per-file-ignores`` added to ``ignore``."""
        extra = self.ignores_for(path)
        return dataclasses.replace(self, ignore=(*self.ignore, *extra)) if extra else self

    def describe(self) -> dict[str, Any]:
        """The resolved settings as plain data (for ``--show-settings``)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if isinstance(v, Severity):
                v = str(v)
            elif isinstance(v, Path):
                v = str(v)
            elif f.name == "per_file_ignores":
                v = {pattern: list(codes) for pattern, codes in v}
            elif isinstance(v, tuple):
                v = list(v)
            out[f.name.replace("_", "-")] = v
        return out


_LIST_KEYS = {"select", "extend_select", "ignore", "include", "exclude", "extend_exclude"}
_KNOWN = {f.name for f in dataclasses.fields(Settings)} - {"config_path"}


def _str_list(value: Any, key: str) -> tuple[str, ...]:
    """A TOML list of strings; a bare string is refused as in every other list option
    (``ignore = "PT1"`` would otherwise read as one selector or as characters)."""
    if isinstance(value, str):
        raise ValueError(f"`{key}` must be a list of strings, not a string: write {key} = [{value!r}]"
                         .replace("'", '"'))
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"`{key}` must be a list of strings, not {_toml_type(value)}")
    return tuple(value)


def _toml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list with non-string items"
    return f"a {type(value).__name__}"


def _parse_value(key: str, raw_key: str, value: Any, path: Path) -> Any:
    if key in _LIST_KEYS:
        return _str_list(value, raw_key)
    if key == "fail_level":
        if not isinstance(value, str):
            raise ValueError(f"`{raw_key}` must be a string (info, warning or error), not {_toml_type(value)}")
        try:
            return Severity.parse(value)
        except ValueError as e:
            raise ValueError(f"`{raw_key}`: {e}") from None
    if key == "quote_style":
        if value not in QUOTE_STYLES:
            raise ValueError(f"`{raw_key}` must be one of {', '.join(QUOTE_STYLES)}, not {value!r}")
        return value
    if key == "glossaries":
        return tuple(str((path.parent / g).resolve()) for g in _str_list(value, raw_key))
    if key == "lang":
        if value not in LANGS:
            raise ValueError(f"`{raw_key}` must be one of {', '.join(LANGS)}, not {value!r}")
        return value
    if key in ("unsafe_fixes", "default_glossary", "to_simplified"):
        if not isinstance(value, bool):
            raise ValueError(f"`{raw_key}` must be true or false, not {_toml_type(value)}")
        return value
    if key == "encoding":
        if not isinstance(value, str):
            raise ValueError(f"`{raw_key}` must be a string, not {_toml_type(value)}")
        return value
    if key in ("source_field", "target_field", "mark_edited"):
        if not isinstance(value, str):
            raise ValueError(f"`{raw_key}` must be a string, not {_toml_type(value)}")
        if not value.strip():
            raise ValueError(f"`{raw_key}` must not be empty")
        return value.strip()
    if key == "max_file_size":
        return parse_size(value, f"`{raw_key}`")
    if key == "content":
        if value not in ("all", "main"):
            raise ValueError(f"`{raw_key}` must be \"all\" or \"main\", not {value!r}")
        return value
    if key == "per_file_ignores":
        if not isinstance(value, dict):
            raise ValueError(f"`{raw_key}` must be a table of glob patterns to lists of rules, "
                             f"not {_toml_type(value)}")
        out = []
        for pattern, codes in value.items():
            out.append((pattern, _str_list(codes, f"{raw_key}.{pattern!r}")))
        return tuple(out)
    raise AssertionError(key)  # pragma: no cover - every known key is handled above


def parse_table(table: dict[str, Any], path: Path) -> Settings:
    """Turn a TOML table into Settings. Unknown keys and bad values are errors, and every
    one of them is reported (one ConfigError listing them all, each with the file)."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in _KNOWN:
            known = ", ".join(sorted(k.replace("_", "-") for k in _KNOWN))
            problems.append(f"unknown option `{raw_key}` (known: {known})")
            continue
        try:
            values[key] = _parse_value(key, raw_key, value, path)
        except ValueError as e:
            problems.append(str(e))
    selector_keys = ("select", "extend_select", "ignore")
    for key in selector_keys:
        for sel in values.get(key) or ():
            problem = selector_problem(sel)
            if problem:
                problems.append(f"`{key.replace('_', '-')}`: {problem}")
    for pattern, codes in values.get("per_file_ignores", ()):
        for sel in codes:
            problem = selector_problem(sel)
            if problem:
                problems.append(f"`per-file-ignores` {pattern!r}: {problem}")
    if problems:
        if len(problems) == 1:
            raise ConfigError(f"{path}: {problems[0]}")
        raise ConfigError(f"{path}: {len(problems)} problems:\n" + "\n".join(f"  {path}: {p}" for p in problems))
    return Settings(config_path=path, **values)


def read_config_file(path: Path) -> Settings | None:
    """Settings from one file, or None when a pyproject.toml has no [tool.procutext]."""
    import tomllib

    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("procutext")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.procutext] must be a table")
        return parse_table(table, path)
    return parse_table(data, path)


_cache: dict[Path, Settings | None] = {}


def find_config(start: Path) -> Settings | None:
    """The nearest config file from ``start`` (a file or directory) upwards."""
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    visited: list[Path] = []
    found: Settings | None = None
    for d in (directory, *directory.parents):
        if d in _cache:
            found = _cache[d]
            break
        visited.append(d)
        hit = None
        for name in CONFIG_FILES:
            candidate = d / name
            if candidate.is_file():
                hit = read_config_file(candidate)
                if hit is not None:
                    break
        if hit is not None:
            found = hit
            break
    for d in visited:
        _cache[d] = found
    return found


def clear_cache() -> None:
    _cache.clear()
