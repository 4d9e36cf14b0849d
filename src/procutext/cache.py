"""The incremental cache: an unchanged input is not checked again (as ruff's cache does).

An entry is keyed by a SHA-256 of everything the result depends on: the input's bytes and
path, the settings that apply to it (rules, options, per-file ignores, fields …), whether it
is checked or fixed (and with unsafe fixes), procutext's version and code (its modules'
contents: a development install changes rules under one version number), the shipped glossaries and
gazetteer (their files' contents) and the contents of the user glossaries the settings name.
It holds the input's whole report (findings, encoding, warnings), replayed as it was, so the
output of a run from the cache is the output of a run without it.

``fix`` uses an entry only when the input had nothing to fix: an input that was fixed has
new contents, and those are checked again. A corpus's records are cached one by one.

Location: ``--cache-dir DIR``; else ``$PROCUTEXT_CACHE_DIR/results`` (the directory the
jieba dictionary caches share, in a folder of its own); else ``.procutext_cache/`` in the
project root (the folder of the nearest ``procutext.toml``/``pyproject.toml``, else the
current one), with a ``.gitignore`` and a ``CACHEDIR.TAG`` in it. ``--no-cache`` turns it off.

Entries are files (``ab/abcdef….bin``), each written to a temporary file and renamed, so
runs at the same time never see half an entry; an unreadable entry counts as a miss. The
cache stays under :data:`MAX_BYTES` (``$PROCUTEXT_CACHE_MAX_MB``): after a run that added
entries, the least recently used are removed down to three quarters of it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import Settings
    from .runner import FileReport, Job, _Resolver

#: bump when the entries' shape changes
FORMAT = 1
MAX_BYTES = int(float(os.environ.get("PROCUTEXT_CACHE_MAX_MB", "512")) * 1024 * 1024)
DIR_NAME = ".procutext_cache"

_data_digest: str | None = None
_file_digests: dict[tuple[str, int, int], str] = {}


def data_digest() -> str:
    """The digest of procutext's version, its code and every shipped data file (glossaries,
    gazetteer)."""
    global _data_digest
    if _data_digest is None:
        from . import __version__
        from .data import data_dir

        h = hashlib.sha256(f"procutext {__version__} cache {FORMAT}".encode())
        # the code too: between releases the rules change under one version number
        package = Path(__file__).resolve().parent
        for p in sorted(package.rglob("*.py")):
            h.update(p.relative_to(package).as_posix().encode() + b"\0")
            h.update(p.read_bytes())
        root = data_dir()
        for p in sorted(root.rglob("*")):
            if p.is_file():
                h.update(p.relative_to(root).as_posix().encode() + b"\0")
                h.update(p.read_bytes())
        _data_digest = h.hexdigest()
    return _data_digest


def _file_digest(path: str) -> str:
    """A user glossary's content digest (memoised on its size and modification time)."""
    try:
        st = os.stat(path)
    except OSError:
        return "missing"
    key = (path, st.st_size, st.st_mtime_ns)
    got = _file_digests.get(key)
    if got is None:
        try:
            got = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            got = "unreadable"
        _file_digests[key] = got
    return got


def settings_digest(settings: "Settings") -> str:
    glossaries = [(g, _file_digest(g)) for g in settings.glossaries]
    return hashlib.sha256(repr((settings, glossaries, data_digest())).encode()).hexdigest()


def default_dir(resolver: "_Resolver") -> Path:
    env = os.environ.get("PROCUTEXT_CACHE_DIR")
    if env:
        return Path(env) / "results"
    base = resolver.base_for(Path.cwd())
    root = base.config_path.parent if base.config_path else Path.cwd()
    return root / DIR_NAME


def open_cache(cache: Any, resolver: "_Resolver") -> "Cache | None":
    """The cache a run asked for: False/None none, True the default place, a path that one."""
    if cache is None or cache is False:
        return None
    where = default_dir(resolver) if cache is True else Path(os.fspath(cache))
    return Cache(where)


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.hits = 0
        self.misses = 0
        self.written = 0
        self.broken = False

    def __getstate__(self) -> dict[str, Any]:
        return {"root": self.root, "hits": 0, "misses": 0, "written": 0, "broken": False}

    # -- keys ------------------------------------------------------------------------------------
    def file_key(self, path: str, data: bytes, settings: "Settings", job: "Job") -> str:
        h = hashlib.sha256()
        for part in ("file", os.path.abspath(path), path, settings_digest(settings), job.fix,
                     job.unsafe, job.write, job.kind):
            h.update(repr(part).encode() + b"\0")
        h.update(data)
        return h.hexdigest()

    def record_key(self, path: str, record: str, settings: "Settings", job: "Job") -> str:
        h = hashlib.sha256()
        for part in ("record", os.path.abspath(path), path, settings_digest(settings), job.fix, job.unsafe,
                     job.kind):
            h.update(repr(part).encode() + b"\0")
        h.update(record.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    # -- entries ----------------------------------------------------------------------------------
    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key[2:]}.bin"

    def get(self, key: str) -> "FileReport | None":
        p = self._path(key)
        try:
            data = p.read_bytes()
            fr = pickle.loads(zlib.decompress(data))
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # noqa: BLE001 - a damaged or foreign entry is a miss
            self.misses += 1
            return None
        try:
            os.utime(p)  # least recently used is pruned first
        except OSError:
            pass
        self.hits += 1
        return fr

    def put(self, key: str, fr: "FileReport") -> None:
        if self.broken:
            return
        settings, fr.settings = fr.settings, None
        try:
            blob = zlib.compress(pickle.dumps(fr, protocol=pickle.HIGHEST_PROTOCOL), 1)
        finally:
            fr.settings = settings
        p = self._path(key)
        try:
            self._prepare()
            p.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(blob)
                os.replace(tmp, p)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
            self.written += 1
        except OSError:
            self.broken = True  # a read-only or full disk: go on without caching

    def _prepare(self) -> None:
        if self.root.is_dir():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        if self.root.name == DIR_NAME:
            for name, text in ((".gitignore", "# created by procutext\n*\n"),
                               ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                                "# procutext's cache (https://bford.info/cachedir/)\n")):
                try:
                    (self.root / name).write_text(text, encoding="utf-8")
                except OSError:
                    pass

    # -- a file -----------------------------------------------------------------------------------
    def process(self, path: str, job: "Job") -> "FileReport":
        """The report of one file: replayed from the cache, or checked (and stored when it
        can be replayed: no error, and for a fix nothing was fixed)."""
        t0 = time.perf_counter()
        try:
            settings = job.resolver.for_file(path)
            data = Path(path).read_bytes()
        except Exception:  # noqa: BLE001 - the normal path reports it
            return job.process(path)
        key = self.file_key(path, data, settings, job)
        hit = self.get(key)
        if hit is not None:
            hit.settings = settings
            hit.seconds = time.perf_counter() - t0
            return hit
        fr = job.process(path)
        if fr.error is None and fr.checked and not fr.fixed and fr.settings == settings:
            try:
                same = Path(path).read_bytes() == data  # not changed while it was checked
            except OSError:
                same = False
            if same:
                self.put(key, fr)
        return fr

    # -- size ---------------------------------------------------------------------------------------
    def prune(self, limit: int | None = None) -> int:
        """Remove the least recently used entries when the cache is over ``limit`` bytes
        (default :data:`MAX_BYTES`), down to three quarters of it; how many were removed."""
        limit = MAX_BYTES if limit is None else limit
        if not self.root.is_dir():
            return 0
        entries = []
        total = 0
        for sub in os.scandir(self.root):
            if not sub.is_dir() or len(sub.name) != 2:
                continue
            for e in os.scandir(sub.path):
                if e.name.endswith(".bin"):
                    try:
                        st = e.stat()
                    except OSError:
                        continue
                    entries.append((st.st_mtime, st.st_size, e.path))
                    total += st.st_size
        if total <= limit:
            return 0
        entries.sort()
        removed = 0
        for _, size, p in entries:
            if total <= limit * 3 // 4:
                break
            try:
                os.unlink(p)
                total -= size
                removed += 1
            except OSError:
                pass
        return removed
