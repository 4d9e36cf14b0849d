"""Corpora: a JSONL or Parquet file whose every record is a document of its own.

``procutext check corpus.jsonl --corpus --text-field en`` checks each line's ``en`` string
as one document; with a source field (``--source-field zh``, or a key the bilingual JSONL
reader knows: ``zh``, ``source``, ``translation.zh`` …) the record is checked as a
translation unit against its source too (the PT7xx rules), with the reader of
:mod:`procutext.bilingual.formats.jsonl`, one record at a time. Without ``--corpus`` a JSONL
file stays one bilingual document whose units are its lines (as before); a ``.parquet`` file
is always a corpus (``pip install 'procutext[parquet]'``).

- **Fields.** The text is at ``--text-field`` (``--target-field``), else the first of
  :data:`TEXT_KEYS`; the id at ``id`` (else the record's 1-based number). A record without a
  text string is an error naming its line; one whose text is empty (no letter, and nothing
  found) is skipped and said so by its line, so that a corpus of empty records never passes
  as checked; a line that is not a JSON object is an error naming the corpus and the line
  (exit 2).
- **Positions.** In a JSONL corpus a finding's line is the record's line in the corpus and
  its column counts in that line (escapes included), as for a bilingual JSONL file; offsets
  (``start_offset``, a fix's edits) count in the record's line. In a
  Parquet corpus the report's path is ``corpus.parquet#ID`` and positions are in the text.
- **Fix.** ``procutext fix corpus.jsonl --corpus`` writes the cleaned corpus beside it as
  ``corpus.fixed.jsonl`` (``corpus.fixed.parquet``): every record, in order, fixed ones
  changed inside their text field only, the rest byte for byte. The corpus itself is
  replaced only with ``--corpus-in-place``. Both are written to a temporary file and
  renamed at the end, so a run cut short or with a bad record leaves no half-written
  corpus (and a bad record means nothing is written).
- **Order and scale.** Records are read lazily in chunks (:data:`CHUNK_RECORDS` records or
  :data:`CHUNK_BYTES`), checked on every core with ``--jobs`` and reported in corpus order.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Iterable, Iterator, TextIO

from .files import InputError

if TYPE_CHECKING:
    from .config import Settings
    from .runner import FileReport, Job

#: the keys a record's text is looked for at, without --text-field (compared without case)
TEXT_KEYS = ("text", "en", "en-us", "en_us", "en-gb", "target", "tgt", "translation", "english", "translation.en",
             "content", "body")
CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".parquet")
CHUNK_RECORDS = 64
CHUNK_BYTES = 256 * 1024
PARQUET_HINT = "pip install 'procutext[parquet]'"


class CorpusError(InputError):
    """A corpus that cannot be read at all (not UTF-8, not Parquet, no such column)."""


def is_parquet(path: str) -> bool:
    return PurePath(path).suffix.lower() == ".parquet"


def is_corpus(path: str, kind: str | None, corpus: bool | None) -> bool:
    """Whether ``path`` is read as a corpus: a Parquet file always (unless ``corpus`` is
    False), a JSONL file when ``corpus`` is true."""
    if corpus is False or path == "-":
        return False
    if is_parquet(path):
        return True
    if not corpus:
        return False
    from .readers import kind_for_path

    return (kind or kind_for_path(path)) == "jsonl"


def fixed_name(path: str) -> str:
    """Where ``fix`` writes the cleaned corpus: ``corpus.jsonl`` → ``corpus.fixed.jsonl``."""
    p = Path(path)
    return str(p.with_name(f"{p.stem}.fixed{p.suffix}"))


# -- reading ---------------------------------------------------------------------------------------
def record_chunks(path: str, settings: "Settings", *, fixing: bool = False) -> Iterator[list[tuple]]:
    """The records of a corpus in chunks, lazily. A JSONL record is ``(number, line_number,
    char_offset, line)``; a Parquet one ``(number, id, text, source)``. Raises CorpusError."""
    if is_parquet(path):
        yield from _parquet_chunks(path, settings)
        return
    try:
        f = open(path, "rb")
    except OSError as e:
        raise CorpusError(path, f"cannot read: {e.strerror or e}") from None
    with f:
        chunk: list[tuple] = []
        size = 0
        offset = 0
        number = 0
        for line_no, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise CorpusError(path, f"line {line_no}: not UTF-8 (byte {e.start + 1} of the line); "
                                        "JSON Lines corpora are UTF-8") from None
            if line_no == 1 and line.startswith("\ufeff"):
                line = line[1:]
                offset += 1
            body = line.rstrip("\r\n")
            if body.strip():
                number += 1
                chunk.append((number, line_no, offset, body))
                size += len(raw)
                if len(chunk) >= CHUNK_RECORDS or size >= CHUNK_BYTES:
                    yield chunk
                    chunk, size = [], 0
            offset += len(line)
        if chunk:
            yield chunk


def _pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise CorpusError("-", f"Parquet corpora need pyarrow: {PARQUET_HINT}") from None
    return pq


def _parquet_columns(path: str, settings: "Settings") -> tuple[Any, str, str | None, str | None]:
    """The file, and its text, source and id column names (CorpusError when there is no text)."""
    from .bilingual.formats.jsonl import SOURCE_KEYS

    pq = _pyarrow()
    try:
        pf = pq.ParquetFile(path)
    except (OSError, ValueError) as e:  # pyarrow's ArrowInvalid is a ValueError
        raise CorpusError(path, f"not a readable Parquet file: {e}") from None
    names = pf.schema_arrow.names
    lower = {n.lower(): n for n in names}

    def pick(given: str | None, keys: tuple[str, ...]) -> str | None:
        if given:
            return lower.get(given.lower())
        return next((lower[k] for k in keys if k in lower), None)

    text = pick(settings.target_field, TEXT_KEYS)
    if text is None:
        want = settings.target_field or " / ".join(TEXT_KEYS[:4]) + " …"
        raise CorpusError(path, f"no text column {want!r} (columns: {', '.join(names)}); name it with --text-field")
    source = pick(settings.source_field, SOURCE_KEYS)
    if settings.source_field and source is None:
        raise CorpusError(path, f"no source column {settings.source_field!r} (columns: {', '.join(names)})")
    ident = lower.get("id")
    return pf, text, source, ident


def _parquet_chunks(path: str, settings: "Settings") -> Iterator[list[tuple]]:
    pf, text, source, ident = _parquet_columns(path, settings)
    columns = [c for c in (ident, text, source) if c]
    number = 0
    for batch in pf.iter_batches(batch_size=CHUNK_RECORDS, columns=columns):
        data = batch.to_pydict()
        ids = data[ident] if ident else [None] * batch.num_rows
        sources = data[source] if source else [None] * batch.num_rows
        chunk = []
        for i, value in enumerate(data[text]):
            number += 1
            chunk.append((number, None if ids[i] is None else str(ids[i]), value, sources[i]))
        yield chunk


def count_records(path: str) -> int | None:
    """How many records a corpus has, cheaply (for the progress bar): lines, or Parquet rows."""
    try:
        if is_parquet(path):
            return _pyarrow().ParquetFile(path).metadata.num_rows
        n = 0
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                n += block.count(b"\n")
        return n
    except (OSError, CorpusError, ValueError):
        return None


# -- checking -----------------------------------------------------------------------------------
def check_records(path: str, chunk: list[tuple], job: "Job") -> list["FileReport"]:
    """The reports of one chunk of a corpus's records, in order."""
    from .bilingual.formats import NotChecked
    from .config import ConfigError
    from .glossary import GlossaryError
    from .registry import SelectorError
    from .runner import NO_TEXT_RECORD, FileReport, _prepare

    out: list[FileReport] = []
    try:
        settings = job.resolver.for_file(path)
        probe = FileReport(path=path)
        rules, ctx = _prepare(probe, settings)
    except (ConfigError, SelectorError, GlossaryError) as e:
        return [FileReport(path=path, error=str(e))]
    parquet = is_parquet(path)
    for record in chunk:
        key = None
        if job.cache is not None:
            key = job.cache.record_key(path, record[3] if not parquet else repr(record[1:]), settings, job)
            hit = job.cache.get(key)
            if hit is not None:
                hit.settings = settings
                out.append(_placed(hit, record, parquet))
                continue
        fr = FileReport(path=path, warnings=list(probe.warnings))
        fr.settings = settings
        try:
            if parquet:
                _check_parquet_record(fr, record, path, rules, ctx, settings, job)
            else:
                _check_jsonl_record(fr, record, path, rules, ctx, settings, job)
        except NotChecked as e:
            fr.skipped = e.reason if parquet else f"line {record[1]}: {e.reason}"
        except InputError as e:
            fr.error = str(e)
        if fr.skipped == NO_TEXT_RECORD:  # an empty text: the record is named, as others skipped
            fr.skipped = f"record {fr.record or record[0]}: {fr.skipped}" if parquet else \
                f"line {record[1]}: {fr.skipped}"
        if key is not None and fr.error is None and not (job.fix and fr.fixed):
            job.cache.put(key, fr)
        out.append(_placed(fr, record, parquet))
    return out


def _placed(fr: "FileReport", record: tuple, parquet: bool) -> "FileReport":
    """A record's report (positions in the record) placed in the corpus: its id, and for a
    JSONL record the corpus's lines and offsets."""
    number = record[0]
    fr.corpus = fr.path
    if parquet:
        rid = record[1] if record[1] is not None else str(number)
        fr.record = rid
        name = f"{fr.path}#{rid}"
        for f in (*fr.findings, *fr.fixed):
            f.path = name
        fr.path = name
        return fr
    _, line_no, offset, _ = record
    if fr.record is None:
        fr.record = str(number)
    fr.first_line = line_no
    shift = line_no - 1
    if shift or offset:
        moved = []
        for f in fr.findings:
            moved.append(_shift(f, shift, offset))
        fr.findings = moved
        fr.fixed = [_shift(f, shift, offset) for f in fr.fixed]
    return fr


def _shift(f: Any, lines: int, offset: int) -> Any:
    import copy

    g = copy.copy(f)
    if g.line > 0:
        g.line += lines
        g.end_line += lines
    if g.source is not None and getattr(g.source, "line", 0) > 0 and getattr(g.source, "path", None) is None:
        g.source = copy.copy(g.source)
        g.source.line += lines
        g.source.end_line += lines
    return g


def _record_id(obj: Any, number: int) -> str:
    uid = obj.get("id") if isinstance(obj, dict) else None
    return str(uid) if uid is not None and not isinstance(uid, (dict, list)) else str(number)


def _check_jsonl_record(fr: "FileReport", record: tuple, path: str, rules: list, ctx: Any, settings: "Settings",
                        job: "Job") -> None:
    from .files import TextFile
    from .runner import _check_read

    number, line_no, _, line = record
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(path, f"line {line_no}, column {e.colno}: not valid JSON Lines: {e.msg}") from None
    if not isinstance(obj, dict):
        raise InputError(path, f"line {line_no}: not valid JSON Lines: each line must be a JSON object, "
                               f"not {type(obj).__name__}")
    fr.record = _record_id(obj, number)
    loader = _jsonl_loader(path, settings, obj, line_no)
    tf = TextFile(path=path, text=line, encoding="utf-8", bom=b"")
    _check_read(fr, tf, "jsonl", rules, ctx, settings, fix=job.fix, unsafe=job.unsafe, write=False, loader=loader)


def _jsonl_loader(path: str, settings: "Settings", obj: dict, line_no: int) -> Any:
    """How a JSONL record's line (as first read, and after each fixing pass) becomes its
    Document: the bilingual reader when the record has a source string, else its text
    field alone."""
    from .bilingual.formats.jsonl import SOURCE_KEYS

    src_keys = (settings.source_field,) if settings.source_field else SOURCE_KEYS
    txt_keys = (settings.target_field,) if settings.target_field else TEXT_KEYS
    bilingual = _value(obj, src_keys) is not None

    def load(line: str) -> Any:
        try:
            if bilingual:
                from .bilingual.formats.jsonl import read_jsonl

                options = {"source_field": settings.source_field,
                           "target_field": settings.target_field or _found(obj, txt_keys)}
                return read_jsonl(line, path, options)
            return _monolingual(line, path, txt_keys)
        except InputError as e:
            raise InputError(path, _relined(e.reason, line_no)) from None

    return load


def _relined(reason: str, line_no: int) -> str:
    """A reader's message about line 1 of a record, about the record's line in the corpus."""
    import re

    return re.sub(r"\bline 1\b", f"line {line_no}", reason, count=1)


def _value(obj: dict, keys: tuple[str, ...]) -> Any:
    for key in keys:
        cur: Any = obj
        for part in key.split("."):
            if not isinstance(cur, dict):
                cur = None
                break
            hit = next((k for k in cur if k.lower() == part.lower()), None)
            cur = cur.get(hit) if hit is not None else None
        if isinstance(cur, str):
            return cur
    return None


def _found(obj: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if _value(obj, (key,)) is not None:
            return key
    return None


def _monolingual(line: str, path: str, keys: tuple[str, ...]) -> Any:
    """The Document of a record's text field (positions into the record's line)."""
    from .bilingual.formats import NotChecked
    from .bilingual.formats.common import Builder, escape_json
    from .bilingual.formats.jsonl import _WS, _pick, _side, _strings
    from .model import Document
    from .readers.text import mask_spans, url_spans

    spans: dict[str, tuple[int, int]] = {}
    _strings(line, _WS.match(line).end(), "", spans, 1)  # type: ignore[union-attr]
    key = _pick(keys, spans, {})
    if key is None:
        raise NotChecked(path, f"not checked: the record has no text string at {' / '.join(keys[:4])}"
                               f"{' …' if len(keys) > 4 else ''}; name the field with --text-field")
    b = Builder()
    _side(b, line, 0, spans[key], len(line))
    raw, tmap = b.finish(escape_json)
    text = mask_spans(raw, url_spans(raw))
    return Document(text, source=raw, original=line, offsets=tmap, path=path, kind="jsonl")


def _check_parquet_record(fr: "FileReport", record: tuple, path: str, rules: list, ctx: Any,
                          settings: "Settings", job: "Job") -> None:
    from .bilingual.formats import NotChecked
    from .files import TextFile
    from .runner import _check_read

    number, rid, text, source = record
    if not isinstance(text, str):
        raise NotChecked(path, f"not checked: record {rid or number} has no text (null)")
    pair = None
    if isinstance(source, str) and source.strip():
        from .bilingual.pair import PairSource

        pair = PairSource.read(source, None)
    tf = TextFile(path=path, text=text, encoding="utf-8", bom=b"")
    _check_read(fr, tf, "text", rules, ctx, settings, fix=job.fix, unsafe=job.unsafe, write=False, pair=pair)


# -- writing the cleaned corpus ----------------------------------------------------------------
class CorpusWriter:
    """The cleaned corpus, written record by record to a temporary file beside the target and
    renamed over it by :meth:`commit` (:meth:`abort` removes it)."""

    def __init__(self, path: str, settings: "Settings", in_place: bool = False) -> None:
        self.path = path
        self.target = path if in_place else fixed_name(path)
        self.settings = settings
        self.parquet = is_parquet(path)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{Path(self.target).name}.", suffix=".tmp",
                                        dir=os.path.dirname(os.path.abspath(self.target)))
        self.done = False
        self.changed = 0
        if self.parquet:
            os.close(fd)
            self._pending: list["FileReport"] = []
            pf, self.text_col, _, _ = _parquet_columns(path, settings)
            self._batches = pf.iter_batches(batch_size=CHUNK_RECORDS)
            self._writer: Any = None
            self._pf = pf
        else:
            self.out = os.fdopen(fd, "w", encoding="utf-8", newline="")
            self._src = open(path, "rb")
            self._line_no = 0

    def add(self, fr: "FileReport") -> None:
        if self.parquet:
            self._pending.append(fr)
            self._flush_parquet(final=False)
            return
        # the lines before this record (blank ones) and the record itself, as they were or fixed
        while self._line_no < fr.first_line:
            raw = self._src.readline()
            if not raw:
                break
            self._line_no += 1
            if self._line_no < fr.first_line or fr.text is None or fr.text == fr.original:
                self.out.write(raw.decode("utf-8"))
            else:
                line = raw.decode("utf-8")
                if self._line_no == 1 and line.startswith("\ufeff"):
                    self.out.write("\ufeff")
                ending = line[len(line.rstrip("\r\n")):]
                self.out.write(fr.text + ending)
                self.changed += 1

    def _flush_parquet(self, final: bool) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        while self._pending:
            batch = next(self._batches, None)
            if batch is None:
                return
            if len(self._pending) < batch.num_rows and not final:
                self._batches = _prepend(batch, self._batches)
                return
            take, self._pending = self._pending[:batch.num_rows], self._pending[batch.num_rows:]
            values = batch.column(self.text_col).to_pylist()
            for i, fr in enumerate(take):
                if fr.text is not None and fr.text != fr.original:
                    values[i] = fr.text
                    self.changed += 1
            idx = batch.schema.get_field_index(self.text_col)
            batch = batch.set_column(idx, batch.schema.field(idx), pa.array(values, type=batch.schema.field(idx).type))
            if self._writer is None:
                self._writer = pq.ParquetWriter(self.tmp, batch.schema)
            self._writer.write_batch(batch)

    def commit(self) -> str | None:
        """Finish and rename; the cleaned corpus's path."""
        if self.parquet:
            self._flush_parquet(final=True)
            for batch in self._batches:  # records not reported (none, normally): kept as they are
                if self._writer is None:
                    import pyarrow.parquet as pq

                    self._writer = pq.ParquetWriter(self.tmp, batch.schema)
                self._writer.write_batch(batch)
            if self._writer is not None:
                self._writer.close()
        else:
            for raw in self._src:  # trailing blank lines
                self.out.write(raw.decode("utf-8"))
            self.out.close()
            self._src.close()
        os.replace(self.tmp, self.target)
        self.done = True
        return self.target

    def abort(self) -> None:
        if self.done:
            return
        self.done = True
        try:
            if self.parquet:
                if self._writer is not None:
                    self._writer.close()
            else:
                self.out.close()
                self._src.close()
        finally:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass


def _prepend(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


# -- progress --------------------------------------------------------------------------------------
def with_progress(reports: Iterable["FileReport"], corpora: list[str], stream: TextIO) -> Iterator["FileReport"]:
    """The reports, with a tqdm bar of corpus records on ``stream`` when it is a terminal
    (nothing otherwise, and nothing without tqdm)."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        yield from reports
        return
    try:
        from tqdm import tqdm
    except ImportError:
        yield from reports
        return
    counts = [count_records(p) for p in corpora]
    total = sum(c for c in counts if c) if all(c is not None for c in counts) else None
    with tqdm(total=total, unit="doc", desc="checking", file=stream, leave=False) as bar:
        for fr in reports:
            if fr.record is not None:
                bar.update(1)
            yield fr
