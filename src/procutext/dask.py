"""Checking on a Dask cluster (``pip install 'procutext[dask]'``).

From the command line, ``--engine dask`` sends the run's documents to a Dask cluster
(``--scheduler tcp://HOST:8786``, or a LocalCluster of this machine's cores when none is
given) in partitions: :data:`PARTITION_TASKS` files, or chunks of a corpus's records, a
partition. At most :data:`IN_FLIGHT` partitions per worker are in flight and results are
taken in the order of the documents, so the output is the local engine's, byte for byte,
and the client's memory stays bounded.

From Python, for people who already hold a Dask collection:

- :func:`check_bag`: a ``dask.bag`` of texts (or of records, dicts with a text field)
  becomes a bag of finding dicts (the JSON shape of docs/json-format.md, with ``record``,
  the index of the text in the bag, or the record's ``id``);
- :func:`check_dataframe`: a ``dask.dataframe`` with a text column (and optionally a source
  column, for the bilingual checks) becomes a dataframe of findings, one row per finding;
- :func:`fix_bag`: the fixed texts.

How the settings and glossaries reach the workers: the client resolves the settings of
each corpus and file (config files, flags) and sends them with the job, together with the
**contents** of the user glossaries they name; a worker writes those to a temporary folder
of its own, so workers need no access to the client's files for a corpus. Files (not
corpora) are read by the workers from their paths, which must therefore be the same on
every worker (a shared file system). The shipped glossary and gazetteer come with the
procutext installed on each worker (the same version as the client's: the job checks).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

if TYPE_CHECKING:
    from .config import Settings
    from .runner import FileReport, Job

EXTRA_HINT = "pip install 'procutext[dask]'"
PARTITION_TASKS = 8
IN_FLIGHT = 3


class DaskUnavailable(RuntimeError):
    pass


def require_dask() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise DaskUnavailable(f"--engine dask needs dask and distributed: {EXTRA_HINT}") from None


# -- the job on a worker --------------------------------------------------------------------------
class _Shipped:
    """A job as sent to the workers: the settings resolved by the client (by corpus and file
    path) and the bytes of the user glossaries they name."""

    def __init__(self, job: "Job", settings: dict[str, "Settings"]) -> None:
        from . import __version__

        self.version = __version__
        self.job = job
        self.settings = settings
        self.glossaries: dict[str, bytes] = {}
        for s in settings.values():
            for g in s.glossaries:
                if g not in self.glossaries:
                    try:
                        self.glossaries[g] = Path(g).read_bytes()
                    except OSError:
                        pass  # the worker reports the missing file, as the local engine does

    def materialise(self) -> "Job":
        """On a worker: the job, its glossaries written to this worker's temporary folder
        (once per worker process) and its settings pointing at them."""
        from . import __version__

        if self.version != __version__:
            raise RuntimeError(f"procutext {__version__} on this worker, {self.version} on the client: install "
                               "the same version everywhere")
        j = self.job
        options = repr((j.fix, j.unsafe, j.write, j.kind, j.corpus_in_place, j.explicit, sorted(j.overrides.items()),
                        j.cache.root if j.cache is not None else None,
                        j.render and f"{j.render.__module__}.{j.render.__qualname__}"))
        key = hashlib.sha256(options.encode() + repr(sorted((k, hashlib.sha256(v).hexdigest()) for k, v in self.glossaries.items()))
                             .encode() + repr(sorted(self.settings.items(), key=lambda kv: kv[0])).encode()
                             ).hexdigest()
        job = _JOBS.get(key)
        if job is not None:
            return job
        mapping: dict[str, str] = {}
        if self.glossaries:
            folder = Path(tempfile.mkdtemp(prefix="procutext-glossaries-"))
            for i, (path, data) in enumerate(self.glossaries.items()):
                if os.path.isfile(path) and Path(path).read_bytes() == data:
                    mapping[path] = path  # the same file here (a shared file system): keep its name
                    continue
                local = folder / str(i) / Path(path).name
                local.parent.mkdir()
                local.write_bytes(data)
                mapping[path] = str(local)
        resolved = {p: dataclasses.replace(s, glossaries=tuple(mapping.get(g, g) for g in s.glossaries))
                    for p, s in self.settings.items()}
        job = self.job
        job.resolver.preset = resolved
        job.warm()
        _JOBS[key] = job
        return job


_JOBS: dict[str, "Job"] = {}


def _run_partition(shipped: _Shipped, tasks: list[tuple]) -> list["FileReport"]:
    job = shipped.materialise()
    out: list[FileReport] = []
    for t in tasks:
        out.extend(job.run_rendered(t))
    return out


# -- the client -----------------------------------------------------------------------------------
def _client(scheduler: Any) -> tuple[Any, Any, bool]:
    """A distributed Client for ``scheduler`` (an address, a Client, or None: a LocalCluster of
    this machine's cores, one thread each), the cluster to close after if one was made, and
    whether the client is ours to close."""
    require_dask()
    from distributed import Client, LocalCluster

    if scheduler is not None and hasattr(scheduler, "submit"):
        return scheduler, None, False
    if scheduler:
        return Client(scheduler), None, True
    from .parallel import default_jobs

    cluster = LocalCluster(n_workers=default_jobs(), threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster, True


def _partitions(tasks: Iterable[tuple]) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for t in tasks:
        batch.append(t)
        # a corpus chunk is already a partition's worth of documents
        if t[0] == "records" or len(batch) >= PARTITION_TASKS:
            yield batch
            batch = []
    if batch:
        yield batch


def _settings_of(tasks: list[tuple], job: "Job", known: dict[str, "Settings"]) -> bool:
    """Add the settings of the tasks' inputs to ``known``; whether any was new."""
    from .config import ConfigError

    new = False
    for t in tasks:
        if t[0] in ("file", "records") and t[1] not in known and t[1] != "-":
            try:
                known[t[1]] = job.resolver.for_file(t[1])
                new = True
            except ConfigError:
                pass  # the worker meets it again and reports it
    return new


def run_tasks(tasks: Iterable[tuple], job: "Job", *, scheduler: Any = None) -> Iterator[list["FileReport"]]:
    """The runner's tasks on a Dask cluster, results in task order (see the module docstring)."""
    client, cluster, owned = _client(scheduler)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = workers * IN_FLIGHT
        known: dict[str, Settings] = {}
        shipped_future = None
        pending: deque[Any] = deque()
        for part in _partitions(tasks):
            if _settings_of(part, job, known) or shipped_future is None:
                # new settings (a corpus or config met for the first time): a new job, sent once
                shipped_future = client.scatter(_Shipped(job, dict(known)), broadcast=True, hash=False)
            pending.append(client.submit(_run_partition, shipped_future, part, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        if owned:
            client.close()
        if cluster is not None:
            cluster.close()


# -- the Python API for Dask collections --------------------------------------------------------
def _check_texts(texts: list[Any], settings: "Settings | None", text_field: str | None, source_field: str | None,
                 partition: int) -> list[dict]:
    """One partition: each text (or record) checked; findings as JSON dicts with ``record``."""
    import procutext

    from .reporters import finding_json

    out: list[dict] = []
    ctx_settings = settings or procutext.Settings()
    for i, item in enumerate(texts):
        rid: Any = [partition, i]
        text, source = item, None
        if isinstance(item, dict):
            rid = item.get("id", rid)
            text = item.get(text_field or "text")
            source = item.get(source_field) if source_field else None
        if not isinstance(text, str):
            continue
        findings = _findings(text, source if isinstance(source, str) else None, ctx_settings)
        doc = procutext.Document(text)
        for f in findings:
            d = finding_json(f, doc)
            d["record"] = rid
            out.append(d)
    return out


def _findings(text: str, source: str | None, settings: "Settings") -> list[Any]:
    from .engine import run_rules
    from .readers import load_document
    from .registry import select_rules

    rules = select_rules(settings.select, settings.extend_select, settings.ignore)
    ctx = settings.context()
    if source:
        from .bilingual.pair import PairSource, read_pair

        doc = read_pair(text, PairSource.read(source, None), "text", None, settings.content)
    else:
        doc = load_document(text, "text", None, settings.content)
    return run_rules(doc, rules, ctx)


def check_bag(bag: Any, *, settings: "Settings | None" = None, text_field: str | None = None,
              source_field: str | None = None) -> Any:
    """A ``dask.bag.Bag`` of the findings of a bag of texts or records.

    Each item is a text (``str``) or a record (a dict: its text at ``text_field``, default
    ``"text"``; its Chinese source at ``source_field`` for the bilingual checks; its ``id``
    as the findings' ``record``). Each finding is a dict in the JSON shape of
    docs/json-format.md plus ``record``: the record's ``id``, or for a text ``[partition,
    index]`` (its partition's number in the bag's order, and its place in the partition). ``settings`` are a
    :class:`procutext.Settings` (its glossary paths must be readable by the workers).

    >>> import dask.bag as db                                     # doctest: +SKIP
    >>> findings = check_bag(db.from_sequence(texts, npartitions=8))    # doctest: +SKIP
    >>> findings.filter(lambda f: f["code"] == "PT401").count().compute()  # doctest: +SKIP
    """
    require_dask()
    import dask
    import dask.bag as db

    return db.from_delayed([dask.delayed(_check_texts)(p, settings, text_field, source_field, i)
                            for i, p in enumerate(bag.to_delayed())])


def _fix_texts(texts: list[Any], settings: "Settings | None", unsafe: bool) -> list[str]:
    import procutext

    s = settings or procutext.Settings()
    rules = None
    out = []
    for t in texts:
        if rules is None:
            from .registry import select_rules

            rules = select_rules(s.select, s.extend_select, s.ignore)
        from .engine import fix_text

        out.append(fix_text(t, rules, s.context(), kind="text", unsafe=unsafe or s.unsafe_fixes).text)
    return out


def fix_bag(bag: Any, *, settings: "Settings | None" = None, unsafe: bool = False) -> Any:
    """A bag of the fixed texts of a bag of texts, in the same order."""
    require_dask()
    return bag.map_partitions(_fix_texts, settings, unsafe)


def check_dataframe(df: Any, *, text_field: str = "text", source_field: str | None = None,
                    id_field: str | None = None, settings: "Settings | None" = None) -> Any:
    """A ``dask.dataframe`` of the findings of a dataframe's text column (one row per
    finding: ``record`` (the ``id_field`` value, else the row's index), ``code``, ``name``,
    ``severity``, ``line``, ``column``, ``end_line``, ``end_column``, ``message``,
    ``matched``, ``fix`` (the replacement of a safe fix, else None)."""
    require_dask()
    import pandas as pd

    columns = {"record": object, "code": object, "name": object, "severity": object, "line": "int64",
               "column": "int64", "end_line": "int64", "end_column": "int64", "message": object,
               "matched": object, "fix": object}

    def part(frame: Any) -> Any:
        rows = []
        for idx, row in frame.iterrows():
            text = row[text_field]
            if not isinstance(text, str):
                continue
            source = row[source_field] if source_field else None
            rid = row[id_field] if id_field else idx
            for f in _findings(text, source if isinstance(source, str) else None,
                               settings or _default_settings()):
                rows.append({"record": rid, "code": f.code, "name": f.name, "severity": str(f.severity),
                             "line": f.line, "column": f.column, "end_line": f.end_line,
                             "end_column": f.end_column, "message": f.message, "matched": f.matched,
                             "fix": f.edit.replacement if f.safe_fix and f.edit is not None else None})
        return pd.DataFrame(rows, columns=list(columns)).astype(columns)

    return df.map_partitions(part, meta=pd.DataFrame({k: pd.Series(dtype=v) for k, v in columns.items()}))


def _default_settings() -> "Settings":
    from .config import Settings

    return Settings()
