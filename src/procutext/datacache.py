"""Derived data kept on disk between runs: what the shipped tables cost to index at start.

The gazetteer and the gloss table are read from TSV files and indexed (English keys with
tone marks and apostrophes folded, gloss words) at every start: about a third of the CPU of
``procutext check`` on a small file. :func:`load` keeps the result of such a step in the
cache directory (:func:`procutext.rx.cache_dir`), keyed by the files it was built from (path,
size, modification time) and by the code that builds it (the files of the modules given,
so that a changed indexing function never reads an old index), and rebuilds it when any of
them changed.

The data is plain (str, int, float, None, tuples, lists, dicts, sets), pickled and read
back by an unpickler that refuses every global: a file planted in a shared cache directory
cannot run code. A file that does not read is rebuilt; a directory that cannot be written
costs only the saving. ``PROCUTEXT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any, Callable, Iterable

from .rx import _enabled, cache_dir, prune

#: 2: the file holds its key's full text beside the data
FORMAT = 2


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name}: only plain data is read from a data cache")


def enabled() -> bool:
    """Whether :func:`load` keeps data on disk (not with ``PROCUTEXT_NO_CACHE`` or without a
    cache directory)."""
    return _enabled() and cache_dir() is not None


def loads(blob: bytes) -> Any:
    """Plain data pickled in a cached value (a part read only when it is needed)."""
    return _PlainUnpickler(io.BytesIO(blob)).load()


def _key(name: str, sources: Iterable[str | Path]) -> tuple[str, str]:
    """The key's full text (format, name, Python, and each source's path, size and
    modification time), and the short digest that names the file. The file holds the full
    text too, and a file whose text differs is not read, so the digest need not be a
    cryptographic one: two CRCs (``hashlib`` cost 6 ms of every start, ``zlib`` under 1)."""
    parts = [f"{FORMAT}\n{name}\n{sys.version_info[:2]}\n"]
    for src in sources:
        st = os.stat(src)
        parts.append(f"{os.path.abspath(src)}\t{st.st_size}\t{st.st_mtime_ns}\n")
    text = "".join(parts)
    raw = text.encode("utf-8", "surrogatepass")
    return text, f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


_MAGIC = "procutext data cache"


def load(name: str, sources: Iterable[str | Path], build: Callable[[], Any]) -> Any:
    """``build()``, or what an earlier run's ``build()`` returned for the same ``sources``
    (data files and the modules whose code builds it). ``build`` must return plain data."""
    sources = list(sources)
    d = cache_dir() if _enabled() else None
    if d is None:
        return build()
    try:
        text, digest = _key(name, sources)
    except OSError:  # a source that cannot be stat'ed: no caching
        return build()
    path = d / f"data-{name}-{digest}.pickle"
    try:
        with open(path, "rb") as f:
            got = _PlainUnpickler(io.BytesIO(f.read())).load()
        if isinstance(got, tuple) and len(got) == 3 and got[0] == _MAGIC and got[1] == text:
            return got[2]
    except Exception:
        pass
    data = build()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        d.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            pickle.dump((_MAGIC, text, data), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(d, name, path)
    except (OSError, pickle.PicklingError):
        try:
            tmp.unlink()
        except OSError:
            pass
    return data


#: the most files kept of one kind of data (other checkouts or environments sharing the
#: directory keep theirs; older ones go)
KEEP = 4


def _prune(d: Path, name: str, keep: Path) -> None:
    prune(keep, f"data-{name}-*.pickle", KEEP)
