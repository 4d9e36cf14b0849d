"""Compiled ``regex`` patterns, kept on disk between runs.

``regex.compile`` parses a pattern in Python: the 170 or so patterns of the rules (several
of them alternations of hundreds of glossary renderings and place names) cost about 0.25 s
of CPU at every start, more than half of a ``procutext check`` of a small file. A compiled
pattern pickles as its compiled code (``regex`` registers that with :mod:`copyreg`), and
unpickling one hands the code straight to the matcher without parsing it again. So
:func:`compile` looks each pattern up in a cache file of pickled patterns first, compiles
only the ones it lacks, and the new ones are added to the file when the process ends.

The file lives in the cache directory (:func:`cache_dir`: ``$PROCUTEXT_CACHE_DIR``, else
``$XDG_CACHE_HOME/procutext`` or ``~/.cache/procutext``), named by the versions of
Python, ``regex`` and this format, so that another interpreter or ``regex`` release never
reads it. A file that cannot be read or that does not unpickle is ignored (the patterns
are compiled as without a cache) and replaced at exit; a directory that cannot be written
costs only the saving. ``PROCUTEXT_NO_CACHE=1`` (or any value but ``0``) turns the file off, as it
turns off every cache procutext keeps on disk (the results cache of the CLI too). The result of
:func:`compile` is a ``regex.Pattern`` like any other: the cache changes how long getting
it takes, never what it matches.
"""

from __future__ import annotations

import atexit
import os
import pickle
import sys
import threading
from pathlib import Path
from typing import Any

import regex

#: changes when the file's layout changes
FORMAT = 1
#: at most this many patterns are kept (patterns of users' glossaries are compiled here too)
MAX_ENTRIES = 4000

_lock = threading.Lock()
_stored: dict[tuple, bytes] | None = None  # pickled patterns read from the file
_added: dict[tuple, bytes] = {}  # compiled in this process, not yet in the file
_live: dict[tuple, "regex.Pattern[str]"] = {}  # compiled or unpickled in this process
_registered = False


def cache_dir() -> Path | None:
    """Where procutext keeps its caches (the jieba dictionary, compiled patterns), or None
    without a home directory."""
    base = os.environ.get("PROCUTEXT_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    try:
        return Path(xdg) / "procutext" if xdg else Path.home() / ".cache" / "procutext"
    except RuntimeError:  # no home directory
        return None


def prune(keep: Path, pattern: str, count: int) -> None:
    """Remove all but the ``count`` newest files matching ``pattern`` beside ``keep`` (one
    kind of cache: other environments or versions sharing the directory), never ``keep``
    itself; a process still reading a removed file keeps its open handle or mapping."""
    try:
        files = sorted(keep.parent.glob(pattern), key=lambda f: f.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in [f for f in files if f != keep][count - 1:]:
        try:
            old.unlink()
        except OSError:
            pass


def _enabled() -> bool:
    return os.environ.get("PROCUTEXT_NO_CACHE", "") in ("", "0")


def cache_file() -> Path | None:
    """The file of compiled patterns for this Python and ``regex``, or None when caching is
    off or there is no cache directory."""
    d = cache_dir() if _enabled() else None
    if d is None:
        return None
    py = f"{sys.implementation.name}{sys.version_info[0]}{sys.version_info[1]}"
    return d / f"patterns-{FORMAT}-{py}-regex{regex.__version__}.pickle"


class _Unpickler(pickle.Unpickler):
    """Unpickles plain data and ``regex``'s own constructor of compiled patterns, nothing
    else: a file planted in a shared cache directory cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a pattern cache")


def _loads(blob: bytes) -> Any:
    import io

    return _Unpickler(io.BytesIO(blob)).load()


def _read(path: Path | None) -> dict[tuple, bytes]:
    if path is None:
        return {}
    try:
        with open(path, "rb") as f:
            data = _Unpickler(f).load()
    except Exception:  # missing, truncated, written by something else: compile as if absent
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, bytes) for v in data.values()):
        return {}
    return data


def compile(pattern: str, flags: int = 0, **kwargs: Any) -> "regex.Pattern[str]":
    """``regex.compile(pattern, flags, **kwargs)``, from the cache file when it has it.

    Keyword arguments are ``regex``'s (named lists such as ``names=[...]``); their values
    are part of the key, so a list with other items is another pattern."""
    # regex.DEFAULT_VERSION decides how a pattern without a version flag is read (V0/V1)
    key: tuple = (pattern, int(flags) | int(regex.DEFAULT_VERSION),
                  tuple(sorted((k, _frozen(v)) for k, v in kwargs.items())))
    p = _live.get(key)
    if p is not None:
        return p
    global _stored
    with _lock:
        if _stored is None:
            _stored = _read(cache_file())
        blob = _stored.get(key)
    if blob is not None:
        try:
            p = _loads(blob)
        except Exception:
            p = None
        if isinstance(p, regex.Pattern) and p.pattern == pattern:
            _live[key] = p
            return p
    p = regex.compile(pattern, flags, **kwargs)
    _live[key] = p
    try:
        blob = pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a pattern regex cannot pickle: compiled each time, as without a cache
        return p
    with _lock:
        _added[key] = blob
        _register()
    return p


def _frozen(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(_frozen(v) for v in value))
    return value


def _register() -> None:
    global _registered
    if not _registered:
        _registered = True
        atexit.register(save)


def save() -> Path | None:
    """Add the patterns compiled in this process to the cache file (atomically: a
    temporary file in the same directory, then a rename), keeping at most
    :data:`MAX_ENTRIES`, the newest. Returns the file written, or None."""
    with _lock:
        if not _added:
            return None
        added = dict(_added)
        _added.clear()
    path = cache_file()
    if path is None:
        return None
    merged = _read(path)  # another process may have saved since this one read the file
    merged.update(added)
    if len(merged) > MAX_ENTRIES:
        keys = list(merged)
        for k in keys[: len(keys) - MAX_ENTRIES]:
            if k not in added:
                del merged[k]
        while len(merged) > MAX_ENTRIES:
            del merged[next(iter(merged))]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            pickle.dump(merged, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return None
    global _stored
    with _lock:
        _stored = merged
    return path
