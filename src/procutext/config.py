"""Configuration: ``[tool.procutext]`` in ``pyproject.toml`` or top-level keys in
``procutext.toml``, found by walking up from the checked file. Command-line flags override.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .context import QUOTE_STYLES, Context
from .model import Severity

CONFIG_FILES = ("procutext.toml", "pyproject.toml")

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox")


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
    encoding: str = "utf-8"
    #: user glossaries layered over the shipped one, in order (absolute paths)
    glossaries: tuple[str, ...] = ()
    default_glossary: bool = True
    config_path: Path | None = field(default=None, compare=False)

    def context(self) -> Context:
        """The rules' context; loads (once per process) the glossaries these settings name.
        Raises GlossaryError for a bad glossary file."""
        glossary = None
        if self.glossaries or not self.default_glossary:
            from .glossary import cached_glossary

            glossary = cached_glossary(self.glossaries, self.default_glossary)
        return Context(quote_style=self.quote_style, glossary=glossary)

    def merged(self, **overrides: Any) -> "Settings":
        clean = {k: v for k, v in overrides.items() if v is not None}
        return dataclasses.replace(self, **clean)


_LIST_KEYS = {"select", "extend_select", "ignore", "include", "exclude", "extend_exclude"}
_KNOWN = {f.name for f in dataclasses.fields(Settings)} - {"config_path"}


def _str_list(value: Any, key: str, path: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: `{key}` must be a list of strings")
    return tuple(value)


def parse_table(table: dict[str, Any], path: Path) -> Settings:
    """Turn a TOML table into Settings; unknown keys and bad values are errors."""
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in _KNOWN:
            known = ", ".join(sorted(k.replace("_", "-") for k in _KNOWN))
            raise ConfigError(f"{path}: unknown option `{raw_key}` (known: {known})")
        if key in _LIST_KEYS:
            values[key] = _str_list(value, raw_key, path)
        elif key == "fail_level":
            try:
                values[key] = Severity.parse(value)
            except ValueError as e:
                raise ConfigError(f"{path}: `{raw_key}`: {e}") from None
        elif key == "quote_style":
            if value not in QUOTE_STYLES:
                raise ConfigError(
                    f"{path}: `{raw_key}` must be one of {', '.join(QUOTE_STYLES)}, not {value!r}"
                )
            values[key] = value
        elif key == "glossaries":
            values[key] = tuple(str((path.parent / g).resolve()) for g in _str_list(value, raw_key, path))
        elif key in ("unsafe_fixes", "default_glossary"):
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: `{raw_key}` must be true or false")
            values[key] = value
        elif key == "encoding":
            if not isinstance(value, str):
                raise ConfigError(f"{path}: `{raw_key}` must be a string")
            values[key] = value
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
