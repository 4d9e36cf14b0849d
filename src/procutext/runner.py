"""Checking and fixing files and directories, as the command line does, for scripts.

:func:`check_paths` and :func:`fix_paths` find the files under the given paths (with the
configured ``include``/``exclude``), read each in its encoding, find its configuration
(``pyproject.toml``/``procutext.toml`` walking up, or the ``settings`` you pass), check it,
and with ``fix`` write the fixed text back atomically in the file's own encoding, BOM and
line endings. Nothing raises for a bad file: every problem is in the returned
:class:`RunReport`, which the CLI prints and turns into its exit code.

>>> report = check_paths(["drafts/"])                                # doctest: +SKIP
>>> report.exit_code(), len(report.findings), report.errors         # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import os
import re
import sys
import time
import warnings as _warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Sequence, TextIO

from .config import ConfigError, Settings, find_config, read_config_file
from .files import FileChanged, InputError, TextFile, WriteError, decode, decode_html, read_file, write_atomic
from .glossary import GlossaryError
from .model import Finding, Severity
from .parallel import ordered_map, resolve_jobs, worth_a_pool
from .registry import SelectorError, select_rules, string_list

__all__ = ["FileReport", "RunReport", "check_path", "check_paths", "fix_path", "fix_paths", "load_settings"]


@dataclass
class FileReport:
    """What happened to one input.

    ``findings`` are the findings that remain (for a fix, positioned in the fixed text);
    ``fixed`` the findings whose fixes were applied (positioned in the original text).
    ``text`` is the text the findings refer to, ``original`` the text as read. ``error`` is
    set when the file could not be read, configured or written; a file whose fix could not
    be written keeps its original text and findings, and ``fixed`` is then empty.
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    text: str | None = None
    original: str | None = None
    encoding: str | None = None
    #: how the encoding was decided: "bom", "option", "default" or "detected" (with confidence)
    encoding_source: str | None = None
    encoding_confidence: float | None = None
    #: e.g. ``gb18030 (detected, confidence 0.998)``
    encoding_description: str | None = None
    settings: Settings | None = None
    error: str | None = None
    written: bool = False
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    #: for a fetched page (``path`` is the URL as asked for): the URL its body came from
    #: after redirects, None when it was not redirected
    final_url: str | None = None
    #: findings matched by a baseline (:mod:`procutext.baseline`): kept for the reports that
    #: mark them, never counted in ``findings``, the exit code or ``clean``
    baselined: list[Finding] = field(default_factory=list)
    #: why the input was read but not checked (a bilingual file whose target is not English);
    #: such a report goes to :attr:`RunReport.skipped`, not to ``files``
    skipped: str | None = None
    #: for an English file checked against its Chinese original (``--source``, or a
    #: ``NAME.zh.*`` beside it): the original's path, and how the two were aligned (mode,
    #: beads, confidence, beads below the confidence that mutes the checks)
    source_path: str | None = None
    alignment: dict[str, Any] | None = None
    #: for a record of a corpus (JSONL, Parquet: :mod:`procutext.corpus`): its id (the
    #: ``id`` field, else its 1-based record number); ``path`` is the corpus
    record: str | None = None
    #: the record's first line in the corpus (JSONL): ``text`` is that record's line alone,
    #: and the findings' lines are the corpus's
    first_line: int = 1
    #: for a record of a corpus: the corpus's path
    corpus: str | None = None
    #: the report's findings already written out by a pool or Dask worker for the run's
    #: streaming reporter (``check_paths(..., render=...)``): the parent writes this text
    #: instead of encoding them itself (None: not rendered)
    rendered: str | None = None

    @property
    def checked(self) -> bool:
        """Whether the file was read and checked (even if its fix could not be written)."""
        return self.text is not None

    @property
    def changed(self) -> bool:
        return bool(self.fixed)

    def failing(self) -> int:
        """How many findings are at or above this file's fail level."""
        level = self.settings.fail_level if self.settings else Severity.WARNING
        return sum(1 for f in self.findings if f.severity >= level)


@dataclass
class RunReport:
    """The outcome of a run over many inputs."""

    files: list[FileReport] = field(default_factory=list)
    #: problems that are not one file's: a missing path, an unreadable directory
    errors: list[str] = field(default_factory=list)
    #: (path, reason): inputs that were deliberately not read (special files, .docx ...)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: the paths that were asked for
    paths: tuple[str, ...] = ()
    fixing: bool = False
    seconds: float = 0.0
    #: the baseline file applied to this report (see :mod:`procutext.baseline`), if any
    baseline: str | None = None
    #: for a streamed run (``check_paths(..., sink=...)``): the counts of the files passed
    #: to the sink, which are then not kept in ``files``
    tally: "RunTally | None" = None
    #: corpora fixed (``fix`` on a JSONL corpus): (corpus, the cleaned corpus written beside it)
    corpora_written: list[tuple[str, str]] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """Every remaining finding, file by file, in position order."""
        return [f for fr in self.files for f in fr.findings]

    @property
    def baselined(self) -> list[Finding]:
        """The findings a baseline matched: listed by some reports, never failing the run."""
        return [f for fr in self.files for f in fr.baselined]

    @property
    def fixed(self) -> list[Finding]:
        return [f for fr in self.files for f in fr.fixed]

    @property
    def checked(self) -> int:
        """How many inputs were actually read and checked."""
        return sum(1 for fr in self.files if fr.checked) + (self.tally.checked if self.tally else 0)

    @property
    def all_errors(self) -> list[str]:
        """Run-level errors and the error of each file, in order."""
        return [*self.errors, *(self.tally.errors if self.tally else ()),
                *(fr.error for fr in self.files if fr.error)]

    def counts(self) -> "RunTally":
        """The run's counts (findings, fixable, fixed, per rule ...), streamed or not."""
        t = RunTally()
        for fr in self.files:
            t.add(fr)
        if self.tally is not None:
            t.merge(self.tally)
        return t

    @property
    def clean(self) -> bool:
        """True only when something was checked, nothing failed, and nothing was found."""
        return self.checked > 0 and not self.all_errors and not self._has_findings()

    def _has_findings(self) -> bool:
        return bool(self.findings) or bool(self.tally and self.tally.findings)

    def exit_code(self, exit_zero: bool = False) -> int:
        """0 clean; 1 findings at or above a file's fail level (a page that could not be
        fetched is a finding); 2 errors, or nothing checked and nothing found."""
        if self.all_errors or (self.checked == 0 and not self._has_findings()):
            return 2
        if not exit_zero and (any(fr.failing() for fr in self.files) or (self.tally and self.tally.failing)):
            return 1
        return 0


@dataclass
class RunTally:
    """What a streamed run keeps of the files it passed on: counts, never the findings, so
    that memory does not grow with the number of inputs."""

    files: int = 0
    checked: int = 0
    #: of which corpus records (checked)
    records: int = 0
    findings: int = 0
    baselined: int = 0
    #: safe and unsafe fixes among the remaining findings of files (pages cannot be fixed)
    fixable: int = 0
    unsafe_fixable: int = 0
    #: every remaining finding with a safe fix (pages included), as the JSON summary counts it
    fixable_all: int = 0
    fixed: int = 0
    files_fixed: int = 0
    files_written: int = 0
    #: pages that could not be fetched (a PT901 finding, not checked)
    unfetched: int = 0
    #: files with findings at or above their fail level
    failing: int = 0
    errors: list[str] = field(default_factory=list)
    #: code -> [count, safe-fixable, unsafe-fixable], name by code: of the remaining findings
    rules: dict[str, list[int]] = field(default_factory=dict)
    #: the same of the fixes applied
    fixed_rules: dict[str, list[int]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def add(self, fr: FileReport) -> None:
        self.files += 1
        self.checked += fr.checked
        self.records += fr.checked and fr.record is not None
        self.findings += len(fr.findings)
        self.baselined += len(fr.baselined)
        page = "://" in fr.path
        for f in fr.findings:
            safe, unsafe = f.safe_fix, f.edit is not None and not f.safe_fix
            self.fixable_all += safe
            if not page:
                self.fixable += safe
                self.unsafe_fixable += unsafe
            _count(self.rules, f.code, safe, unsafe)
            self.names.setdefault(f.code, f.name)
        for f in fr.fixed:
            _count(self.fixed_rules, f.code, f.safe_fix, f.edit is not None and not f.safe_fix)
            self.names.setdefault(f.code, f.name)
        self.fixed += len(fr.fixed)
        self.files_fixed += bool(fr.fixed)
        self.files_written += fr.written
        self.unfetched += (not fr.checked and bool(fr.findings))
        self.failing += bool(fr.failing())
        if fr.error:
            self.errors.append(fr.error)

    def merge(self, other: "RunTally") -> None:
        for name in ("files", "checked", "records", "findings", "baselined", "fixable", "unsafe_fixable", "fixable_all", "fixed",
                     "files_fixed", "files_written", "unfetched", "failing"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        for mine, theirs in ((self.rules, other.rules), (self.fixed_rules, other.fixed_rules)):
            for code, (n, s, u) in theirs.items():
                row = mine.setdefault(code, [0, 0, 0])
                row[0] += n
                row[1] += s
                row[2] += u
        for code, name in other.names.items():
            self.names.setdefault(code, name)


def _count(table: dict[str, list[int]], code: str, safe: bool, unsafe: bool) -> None:
    row = table.get(code)
    if row is None:
        row = table[code] = [0, 0, 0]
    row[0] += 1
    row[1] += safe
    row[2] += unsafe


# -- settings ---------------------------------------------------------------------------------
def load_settings(config: str | Path) -> Settings:
    """The settings of one ``procutext.toml`` or ``pyproject.toml`` (defaults when a
    pyproject.toml has no ``[tool.procutext]``). Raises ConfigError."""
    cfg = Path(config)
    if not cfg.is_file():
        raise ConfigError(f"{config}: config file not found")
    return read_config_file(cfg) or Settings(config_path=cfg)


_OVERRIDES = {"select", "extend_select", "ignore", "quote_style", "unsafe_fixes", "encoding", "fail_level",
              "glossaries", "default_glossary", "include", "exclude", "extend_exclude", "per_file_ignores",
              "content", "source_field", "target_field", "mark_edited", "lang", "to_simplified", "max_file_size"}


def _check_overrides(overrides: dict[str, Any]) -> None:
    unknown = set(overrides) - _OVERRIDES
    if unknown:
        raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))} (known: {', '.join(sorted(_OVERRIDES))})")


def _apply(base: Settings, overrides: dict[str, Any]) -> Settings:
    """``base`` with overrides: ``extend_select``/``ignore``/``glossaries`` add to the
    base's, the others replace it."""
    values = {k: v for k, v in overrides.items() if v is not None}
    for key in ("extend_select", "ignore", "extend_exclude"):
        if key in values:
            values[key] = (*getattr(base, key), *_tuple(values[key], key))
    if "glossaries" in values:
        values["glossaries"] = (*base.glossaries, *(str(Path(g).resolve()) for g in _tuple(values["glossaries"], "glossaries")))
    for key in ("select", "include", "exclude"):
        if key in values:
            values[key] = _tuple(values[key], key)
    if "fail_level" in values:
        values["fail_level"] = Severity.parse(values["fail_level"])
    if "max_file_size" in values:
        from .config import parse_size

        values["max_file_size"] = parse_size(values["max_file_size"], "max_file_size")
    if "lang" in values:
        from .context import LANGS

        if values["lang"] not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {values['lang']!r}")
    return base.merged(**values)


def _tuple(value: Any, name: str) -> tuple[str, ...]:
    return tuple(string_list(value, name, what="strings") or ())


class _Resolver:
    """Per-file settings: the explicit settings, or the nearest config file, plus overrides
    (applied once per config file)."""

    def __init__(self, settings: Settings | None, overrides: dict[str, Any]) -> None:
        self.explicit = settings
        self.overrides = overrides
        self._cache: dict[Any, Settings] = {}
        #: settings resolved elsewhere, by path (a Dask worker gets the client's)
        self.preset: dict[str, Settings] = {}

    def base_for(self, where: Path) -> Settings:
        base = self.explicit if self.explicit is not None else (find_config(where) or Settings())
        key = "explicit" if self.explicit is not None else base.config_path
        got = self._cache.get(key)
        if got is None:
            got = self._cache[key] = _apply(base, self.overrides)
        return got

    def for_file(self, path: str, stdin_name: str | None = None) -> Settings:
        if path in self.preset:
            return self.preset[path]
        if path == "-":
            where = Path(stdin_name) if stdin_name else Path.cwd()
            return self.base_for(where).for_file(stdin_name) if stdin_name else self.base_for(where)
        return self.base_for(Path(path)).for_file(path)

    def for_url(self, url: str) -> Settings:
        """A fetched page's settings: the explicit ones or those found from the current
        directory; ``per-file-ignores`` patterns match the URL's path (``en/news/*.html``)."""
        from .fetch import url_path

        base = self.base_for(Path.cwd())
        root = base.config_path.parent if base.config_path else Path.cwd()
        return base.for_file(root / (url_path(url).lstrip("/") or "index.html"))


# -- discovery --------------------------------------------------------------------------------
def _discover(paths: Sequence[str], resolver: _Resolver, report: RunReport) -> list[str]:
    """The files to check under ``paths`` (each directory walked with the include/exclude of
    its configuration); skipped inputs and path errors go to ``report``."""
    from .files import discover

    def patterns(directory: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
        s = resolver.base_for(directory)
        return s.include, (*s.exclude, *s.extend_exclude)

    out: list[str] = []
    for raw in paths:
        found = discover([raw], patterns=patterns)
        out.extend(found.files)
        report.skipped.extend(found.skipped)
        report.errors.extend(found.errors)
        if not found.files and not found.errors and raw != "-" and os.path.isdir(raw):
            include, _ = patterns(Path(raw))
            report.errors.append(f"{raw}: no files found under this directory (include: {', '.join(include)})")
    return out


# -- one file ---------------------------------------------------------------------------------
def _read(path: str, settings: Settings, stdin: bytes | None, stdin_name: str | None, kind: str | None) -> TextFile:
    from .readers import BILINGUAL_KINDS, kind_for_path

    k = kind or kind_for_path(stdin_name if path == "-" else path)
    page = k == "html"
    limit = settings.max_file_size
    if path == "-":
        if stdin is not None:
            data = stdin
        else:
            data = sys.stdin.buffer.read(limit + 1) if limit else sys.stdin.buffer.read()
        if limit and len(data) > limit:
            from .files import too_large

            raise InputError(stdin_name or "-", too_large(len(data), limit, "input"))
        if page:
            return decode_html(data, stdin_name or "-", None, settings.encoding)
        if k in BILINGUAL_KINDS:
            from .bilingual.formats import decode_declared

            return decode_declared(data, stdin_name or "-", k, settings.encoding)
        return decode(data, stdin_name or "-", settings.encoding)
    return read_file(path, settings.encoding, kind=k if page or k in BILINGUAL_KINDS else None, max_size=limit)


def _prepare(fr: FileReport, settings: Settings) -> tuple[list[Any], Any]:
    """The rules and context of one input's settings; raises ConfigError (no rule enabled),
    SelectorError, GlossaryError."""
    fr.settings = settings
    rules = select_rules(settings.select, settings.extend_select, settings.ignore)
    if not rules:
        where = f" by {settings.config_path}" if settings.config_path else ""
        raise ConfigError(f"no rule is enabled{where}: select {list(settings.select or ['(default)'])}, "
                          f"ignore {list(settings.ignore)} leave nothing to check")
    ctx = settings.context()
    if ctx.glossary is not None:
        fr.warnings.extend(ctx.glossary.warnings)  # entries a user glossary could not use
    return rules, ctx


def _process(path: str, resolver: _Resolver, *, fix: bool, unsafe: bool | None, write: bool, kind: str | None,
             stdin: bytes | None, stdin_name: str | None, source: str | None = None) -> FileReport:
    from .readers import kind_for_path

    t0 = time.perf_counter()
    fr = FileReport(path=stdin_name or path if path == "-" else path, source_path=source)
    pair = None
    try:
        settings = resolver.for_file(path, stdin_name)
        rules, ctx = _prepare(fr, settings)
        tf = _read(path, settings, stdin, stdin_name, kind)
        if source is not None:
            pair = _read_source(source, settings)
        if tf.note:
            fr.warnings.append(f"{tf.path}: {tf.note}")
        if settings.content == "main" and (kind or kind_for_path(tf.path)) == "html":
            from .readers.content import require_content_extra

            require_content_extra(tf.path)
    except (InputError, ConfigError, SelectorError, GlossaryError) as e:
        fr.error = str(e)
        fr.seconds = time.perf_counter() - t0
        return fr
    try:
        _check_read(fr, tf, kind, rules, ctx, settings, fix=fix, unsafe=unsafe, write=write and path != "-",
                    pair=pair)
    except InputError as e:  # a bilingual file that does not parse (where and why), or one not checked
        from .bilingual.formats import NotChecked

        if isinstance(e, NotChecked):
            fr.skipped = e.reason
        else:
            fr.error = str(e)
    fr.seconds = time.perf_counter() - t0
    return fr


def _read_source(source: str, settings: Settings) -> Any:
    """The Chinese original of a file pair, read in the configured encoding (InputError)."""
    from .bilingual.pair import PairSource
    from .readers import kind_for_path

    page = kind_for_path(source) == "html"
    stf = read_file(source, settings.encoding, kind="html" if page else None, max_size=settings.max_file_size)
    return PairSource.read(stf.text, source)


def _check_read(fr: FileReport, tf: TextFile, kind: str | None, rules: list[Any], ctx: Any, settings: Settings, *,
                fix: bool, unsafe: bool | None, write: bool, pair: Any = None,
                loader: "Callable[[str], Any] | None" = None) -> None:
    """Check (or fix, and with ``write`` write back) a decoded input into ``fr``; ``pair``
    (a :class:`procutext.bilingual.pair.PairSource`) is the Chinese original of a file pair;
    ``loader`` reads a text into its Document instead of the reader of ``kind`` (a corpus
    record, :mod:`procutext.corpus`)."""
    from .engine import fix_text, run_rules
    from .engine import load_document as _load

    def read(text: str, kind: str | None, name: str, content: str, options: Any = None) -> Any:
        if loader is not None:
            return loader(text)
        if pair is None:
            return _load(text, kind, name, content, options)
        from .bilingual.pair import read_pair

        doc = read_pair(text, pair, kind, name, content)
        docs.append(doc)
        return doc

    def load_document(text: str, kind: str | None, name: str, content: str, options: Any = None) -> Any:
        doc = read(text, kind, name, content, options)
        last[:] = [text, doc]
        return doc

    docs: list[Any] = []
    last: list[Any] = [None, None]  # the text loaded last and its Document

    fr.original = tf.text
    fr.encoding = tf.encoding
    fr.encoding_source = tf.declared_by
    fr.encoding_confidence = tf.confidence
    fr.encoding_description = tf.describe_encoding()
    name = tf.path
    content = settings.content
    options = settings.reader_options()
    use_unsafe = settings.unsafe_fixes if unsafe is None else unsafe
    if fix:
        result = fix_text(tf.text, rules, ctx, kind=kind, path=name, unsafe=use_unsafe, content=content,
                          options=options, loader=lambda t: load_document(t, kind, name, content, options))
        if result.changed and settings.mark_edited and \
                _mark_edited(result, tf.text, kind, name, settings.mark_edited, fr.warnings):
            # the state attributes moved what follows them: the findings left, found again
            result.remaining = run_rules(load_document(result.text, kind, name, content, options), rules, ctx)
        fr.warnings.extend(result.warnings)
        fr.text, fr.fixed, fr.findings = result.text, result.applied, result.remaining
        if result.changed and write:
            try:
                fr.warnings.extend(write_atomic(tf, result.text))
                fr.written = True
            except FileChanged as e:  # someone else's text is in the file now: leave it
                fr.error = f"{name}: cannot write the fixed text: {e.reason}"
                fr.text, fr.fixed, fr.findings = tf.text, [], run_rules(load_document(tf.text, kind, name, content,
                                                                                      options), rules, ctx)
            except (InputError, WriteError, OSError, UnicodeEncodeError) as e:
                reason = e.reason if isinstance(e, (InputError, WriteError)) else (getattr(e, "strerror", None) or str(e))
                fr.error = f"{name}: cannot write the fixed text: {reason}; the file is unchanged"
                doc = load_document(tf.text, kind, name, content, options)
                fr.text, fr.fixed, fr.findings = tf.text, [], run_rules(doc, rules, ctx)
    else:
        doc = load_document(tf.text, kind, name, content, options)
        fr.findings = run_rules(doc, rules, ctx)
        fr.warnings.extend(doc_warnings(doc))
        fr.text = tf.text
    if not fr.findings and not fr.fixed and not fr.error:
        # a clean input with no text at all was not checked: it must not look clean (an
        # empty draft, a page whose text a script builds, a bilingual file without units, a
        # corpus record whose text is empty)
        k = kind or _kind_of(name)
        if not _LETTER.search(tf.text) or (k != "text" and not _LETTER.search(
                (last[1] if last[0] == tf.text else load_document(tf.text, kind, name, content, options)).text)):
            fr.skipped = NO_TEXT_RECORD if loader is not None else _no_text_reason(k, content)
    for f in (*fr.findings, *fr.fixed):
        f.path = name
    if docs:  # a file pair: how the texts were aligned (for --verbose and scripts)
        bi = docs[0].bilingual
        bi.ensure(ctx)
        fr.alignment = bi.summary()


#: why a corpus record with no letter in its text was not checked
NO_TEXT_RECORD = "not checked: the record's text is empty (or has no letters)"
#: a letter of any script: an input without one has no text to check
_LETTER = re.compile(r"[^\W\d_]")


def _kind_of(name: str) -> str | None:
    from .readers import kind_for_path

    return kind_for_path(name)


def _no_text_reason(kind: str | None, content: str) -> str:
    """Why an input with no letter in its checked text was not checked."""
    if kind == "html":
        where = "no article text (--content main)" if content == "main" else "no text"
        return (f"the page shows {where}; if a script builds its text, check the text it "
                "builds (procutext reads the HTML as served)")
    from .readers import BILINGUAL_KINDS

    if kind in BILINGUAL_KINDS:
        return "no translation unit holds any text"
    return "the file holds no text (it is empty, or has no letters)"


def _mark_edited(result: Any, original: str, kind: str | None, name: str, state: str, warnings: list[str]) -> bool:
    """``--mark-edited STATE``: the units whose targets the fixes changed get that state;
    whether the text changed."""
    from .bilingual.formats import mark_edited
    from .readers import BILINGUAL_KINDS, kind_for_path

    k = kind or kind_for_path(name)
    if k not in BILINGUAL_KINDS:
        return False
    before = result.text
    result.text, _, notice = mark_edited(k, original, result.text, state, name)
    if notice:
        warnings.append(notice)
    return result.text != before


# -- pages (URLs and sitemaps) ------------------------------------------------------------------
class PageText(NamedTuple):
    """A fetched page decoded: the text file, the reader kind, how its encoding was decided,
    and notices (a charset declaration the bytes contradict)."""

    file: TextFile
    kind: str
    encoding_description: str
    warnings: list[str]


def _page_document(page: Any, settings: Settings) -> PageText:
    """Decode a fetched page. HTML goes through :func:`procutext.files.decode_html` (BOM,
    ``--encoding``, the Content-Type charset, ``<meta charset>``, then detection; a wrong
    declaration falls back to detection and says so) and is checked as kind ``"html"``;
    text/plain and text/markdown use the Content-Type charset, else ``--encoding``, else
    detection (a ``.md`` URL served as text/plain is Markdown). Raises InputError."""
    from .fetch import PAGE_TYPES, url_path
    from .readers import kind_for_path

    data = page.body or b""
    media, declared = page.media_type, page.charset
    kind = PAGE_TYPES.get(media or "", "text")
    warnings: list[str] = []
    if kind == "html":
        content_type = f"{media}; charset={declared}" if declared else media
        tf = decode_html(data, page.url, content_type, settings.encoding)
        if tf.note:
            warnings.append(f"{page.url}: {tf.note}")
        return PageText(tf, kind, tf.describe_encoding(), warnings)
    if kind == "text" and kind_for_path(url_path(page.url)) == "markdown":
        kind = "markdown"
    if declared:
        try:
            tf = decode(data, page.url, declared)
            how = tf.describe_encoding() if tf.declared_by == "bom" else f"{tf.encoding} (Content-Type header)"
            return PageText(tf, kind, how, warnings)
        except InputError as e:
            if "unknown encoding" not in e.reason and "cannot decode" not in e.reason:
                raise
            first = e.reason.split(";")[0]
            tf = decode(data, page.url, "auto")
            warnings.append(f"{page.url}: the Content-Type header declares charset={declared}, but {first}; "
                            f"read as {tf.describe_encoding()} instead")
            return PageText(tf, kind, tf.describe_encoding(), warnings)
    tf = decode(data, page.url, settings.encoding or "auto")
    return PageText(tf, kind, tf.describe_encoding(), warnings)


def _process_page(page: Any, resolver: _Resolver, *, fix: bool, unsafe: bool | None, kind: str | None) -> FileReport:
    """A fetched (or unfetchable) page's report: its findings, or a PT901 finding saying why
    it was not checked."""
    from .fetch import Reason
    from .rules.fetching import not_fetched_finding

    t0 = time.perf_counter()
    fr = FileReport(path=page.url, final_url=page.final_url)
    try:
        settings = resolver.for_url(page.url)
        rules, ctx = _prepare(fr, settings)
    except (ConfigError, SelectorError, GlossaryError) as e:
        fr.error = str(e)
        return fr
    reason, message = page.reason, page.message or ""
    if reason is None:
        try:
            pt = _page_document(page, settings)
        except InputError as e:
            reason, message = Reason.DECODE, f"not checked: {e.reason}"
        else:
            fr.warnings.extend(pt.warnings)
            _check_read(fr, pt.file, kind or pt.kind, rules, ctx, settings, fix=fix, unsafe=unsafe, write=False)
            fr.encoding_description = pt.encoding_description
    if reason is not None:
        data = {"status": page.status, "source": page.source, "attempts": page.attempts}
        finding = not_fetched_finding(page.url, str(reason), message, data)
        if any(r.code == finding.code for r in rules):
            fr.findings = [finding]
        else:
            fr.warnings.append(f"{page.url}: {finding.message} ({finding.code} is not selected, so this "
                               "does not fail the run)")
    fr.seconds = time.perf_counter() - t0
    return fr


def _check_pages(report: RunReport, job: "Job", urls: list[str], url_files: list[str], sitemaps: list[str],
                 *, fix: bool, write: bool, options: Any, progress: TextIO | None, jobs: int = 1) -> list[FileReport]:
    """Fetch and check the pages of ``urls``, the ``--urls`` files and the sitemaps: in this
    process, or with ``jobs`` > 1 and more than one page asked for, in a pool of workers
    while the fetching thread goes on (the reports in the order of the pages asked for)."""
    from . import fetch

    if fix and write:
        report.errors.append(f"{(urls or url_files or sitemaps)[0]}: fixes cannot be written to a fetched page; "
                             "check it, or fix --diff to see the fixes")
        return []
    try:
        fetch.require_web()
    except fetch.WebUnavailable as e:
        report.errors.append(str(e))
        return []
    seeds: list[tuple[str, str | None]] = [(u, None) for u in urls]
    for path in url_files:
        try:
            seeds.extend(fetch.read_url_list(path))
        except InputError as e:
            report.errors.append(str(e))
    if not seeds and not sitemaps:
        return []
    pages = []
    pooled = jobs > 1 and len(seeds) + len(sitemaps) > 1
    try:
        with fetch.fetch_pages(seeds, sitemaps, options or fetch.FetchOptions(), progress=progress) as stream:
            if pooled:
                indexed = ((p.index, ("page", p)) for p in stream)
                order: list[int] = []

                def tasks() -> Iterator[tuple]:
                    for i, t in indexed:
                        order.append(i)
                        yield t

                for n, frs in enumerate(ordered_map(_run_in_worker, tasks(), jobs, initializer=_init_worker,
                                                    initargs=(job,))):
                    pages.append((order[n], frs[0]))
            else:
                for page in stream:
                    pages.append((page.index, job.run(("page", page))[0]))
        for w in stream.warnings:
            report.warnings.append(w)
    except fetch.FetchCrashed as e:  # a bug in the fetching thread: say so, keep what was checked
        report.errors.append(str(e))
    return [fr for _, fr in sorted(pages, key=lambda p: p[0])]


def doc_warnings(doc: Any) -> list[str]:
    sup = getattr(doc, "suppressions", None)
    return list(getattr(sup, "warnings", ()) or ())


# -- jobs: what one process checks ---------------------------------------------------------------
class Job:
    """What checking one task needs, in this process or in a worker: the settings'
    resolver, the run's options and the cache. Picklable, so that it is a pool worker's
    initializer argument; each worker then loads the glossary and gazetteer once."""

    def __init__(self, explicit: Settings | None, overrides: dict[str, Any], *, fix: bool, unsafe: bool | None,
                 write: bool, kind: str | None, cache: Any = False) -> None:
        self.explicit, self.overrides = explicit, overrides
        self.fix, self.unsafe, self.write, self.kind = fix, unsafe, write, kind
        self.resolver = _Resolver(explicit, overrides)
        self.stdin: bytes | None = None
        self.stdin_name: str | None = None
        #: fix a corpus in place instead of writing NAME.fixed.jsonl beside it
        self.corpus_in_place = False
        #: a picklable function of a FileReport, its findings as the streaming reporter writes
        #: them: called in the workers, so that the parent of a pooled run only writes text
        self.render: "Callable[[FileReport], str] | None" = None
        self.cache = None
        if cache is not None and cache is not False:  # procutext.cache imported only then
            from .cache import open_cache

            self.cache = open_cache(cache, self.resolver)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["resolver"] = None  # rebuilt in the worker (its settings cache is per process)
        state["stdin"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.resolver = _Resolver(self.explicit, self.overrides)

    def warm(self) -> None:
        """Load the glossary and the gazetteer of the current directory's settings now (a
        worker's start), so that no document pays for it; a bad glossary is reported by the
        first document that meets it."""
        try:
            ctx = self.resolver.base_for(Path.cwd()).context()
            ctx.get_glossary()
            ctx.get_gazetteer()
        except Exception:  # noqa: BLE001 - reported where a document meets it
            pass

    def run(self, task: tuple) -> list[FileReport]:
        what = task[0]
        if what == "file":
            _, path, source = task
            if self.cache is not None and path != "-" and source is None:
                return [self.cache.process(path, self)]
            return [self.process(path, source)]
        if what == "records":
            from .corpus import check_records

            return check_records(task[1], task[2], self)
        if what == "page":
            return [_process_page(task[1], self.resolver, fix=self.fix, unsafe=self.unsafe, kind=self.kind)]
        if what == "error":
            return [FileReport(path=task[1], error=task[2])]
        raise ValueError(f"unknown task {what!r}")

    def run_rendered(self, task: tuple) -> list[FileReport]:
        """:meth:`run` in a worker: each report's findings rendered by :attr:`render`, if set."""
        reports = self.run(task)
        if self.render is not None:
            for fr in reports:
                fr.rendered = self.render(fr)
        return reports

    def process(self, path: str, source: str | None = None) -> FileReport:
        return _process(path, self.resolver, fix=self.fix, unsafe=self.unsafe, write=self.write, kind=self.kind,
                        stdin=self.stdin, stdin_name=self.stdin_name, source=source)


_WORKER_JOB: Job | None = None


#: a short text that meets most rules' lazily built data (places, terms, quotes, lists, numbers)
_WARM_TEXT = ("Current location: home page >> News\n\nSince this year“ Dandelion ”the Bay 沚 District "
              "procuratorate handled 12 cases on July 11, 2023, two thousand and twenty In the hospital.\n\n"
              "1、 Focus on the Wuwei County inspection work，with 3.5% more.\n")


def _warm_before_fork(job: Job) -> None:
    """Where workers are forked, load the data and build the lazily built indexes once in the
    parent: the workers inherit them instead of each building its own (their CPU time went
    to that twice over on two cores)."""
    from .parallel import _context

    if _context().get_start_method() != "fork":
        return
    job.warm()
    try:
        from . import check

        check(_WARM_TEXT)
    except Exception:  # noqa: BLE001 - a warm-up only; the documents report their own problems
        pass


def _init_worker(job: Job) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job
    job.warm()


def _run_in_worker(task: tuple) -> list[FileReport]:
    assert _WORKER_JOB is not None, "the worker was not initialised"
    return _WORKER_JOB.run_rendered(task)


# -- public -----------------------------------------------------------------------------------
def _looks_like_url(path: str) -> bool:
    if "://" not in path:
        return False  # without importing procutext.fetch
    from .fetch import is_url

    return is_url(path)


def check_paths(
    paths: Iterable[str | os.PathLike[str]] | None = None,
    *,
    settings: Settings | None = None,
    config: str | os.PathLike[str] | None = None,
    fix: bool = False,
    unsafe: bool | None = None,
    write: bool = True,
    kind: str | None = None,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    urls: Iterable[str] = (),
    url_files: Iterable[str | os.PathLike[str]] = (),
    sitemaps: Iterable[str] = (),
    fetch: Any = None,
    progress: TextIO | None = None,
    source: str | os.PathLike[str] | None = None,
    jobs: int | None = 1,
    engine: str = "local",
    scheduler: Any = None,
    cache: "bool | str | os.PathLike[str]" = False,
    corpus: bool | None = None,
    corpus_in_place: bool = False,
    sink: "Callable[[FileReport], None] | None" = None,
    render: "Callable[[FileReport], str] | None" = None,
    **overrides: Any,
) -> RunReport:
    """Check (and with ``fix=True`` fix in place) files and directories.

    ``paths``: files, directories (walked with the configured ``include``/``exclude``) or
    ``"-"`` for standard input (``stdin`` bytes, or the process's stdin). Settings come from
    ``settings`` (a :class:`procutext.Settings`), or the file named by ``config``, or the
    nearest ``procutext.toml``/``pyproject.toml`` of each file; keyword ``overrides`` then
    apply as the CLI flags do (``select``, ``ignore``, ``extend_select``, ``quote_style``,
    ``encoding``, ``fail_level``, ``glossaries``, ``default_glossary``, ...).
    ``write=False`` computes fixes without writing them. ``kind`` forces ``"text"``,
    ``"markdown"`` or ``"html"`` (default: by suffix; ``.html``, ``.htm``, ``.shtml`` and
    ``.xhtml`` are pages, decoded by :func:`procutext.files.decode_html`). ``content="main"``
    checks only the article body of pages. Never raises for a bad input: see :class:`RunReport`.

    Pages (the ``procutext[web]`` extra): ``paths`` that are URLs (``https://…``), ``urls``,
    the URLs listed in ``url_files`` (one per line, ``#`` comments) and the pages
    ``sitemaps`` list are fetched with ``fetch`` (a :class:`procutext.fetch.FetchOptions`)
    and checked, after the local files; ``progress`` is a stream to draw a progress bar on
    when it is a terminal. A page's report has the URL as asked for as its ``path`` (and
    the URL after redirects as ``final_url``); a page that cannot be fetched gets a PT901
    finding. Settings for pages come from the current directory's config (or ``settings``
    / ``config``); per-file-ignores match the URL's path. Without ``paths`` and pages, the
    current directory is checked.

    Bilingual (:mod:`procutext.bilingual.pair`): ``source`` names the Chinese original of the
    one English file in ``paths``, which is then checked against it as well (the PT7xx
    rules); among the files found, ``NAME.zh.*`` is the original of ``NAME.en.*`` and
    ``NAME.en_TAG.*`` beside it, and is not checked itself.

    Scale (docs/scale.md): ``jobs`` worker processes (default 1; None or 0: every core; runs
    of one input or under :data:`procutext.parallel.MIN_POOL_BYTES` stay in process), or
    ``engine="dask"`` with ``scheduler`` (an address or a ``distributed.Client``; None: a
    LocalCluster). ``corpus=True`` reads JSONL files a record a document (``.parquet`` always:
    :mod:`procutext.corpus`); a fixed corpus is written beside it (``corpus_in_place`` to
    replace it) and listed in :attr:`RunReport.corpora_written`. ``cache``: True (the default
    place), a folder, or False (:mod:`procutext.cache`). ``sink``: a callable that gets each
    :class:`FileReport` as it is ready, in order; the report then keeps only counts
    (:attr:`RunReport.tally`, :meth:`RunReport.counts`), so memory does not grow with the run.
    ``render``: a picklable function that writes a report's findings out as the sink's format
    does; pool and Dask workers call it and put the text in :attr:`FileReport.rendered`, so
    that the parent does not encode every finding itself (the CLI's json-lines output).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for name, value in (("urls", urls), ("url_files", url_files), ("sitemaps", sitemaps)):
        if isinstance(value, (str, bytes, os.PathLike)):
            raise TypeError(f"{name} must be a list, not a single {type(value).__name__}")
    web_urls, web_files, web_maps = list(urls), [os.fspath(f) for f in url_files], list(sitemaps)
    if paths is None:
        paths = [] if (web_urls or web_files or web_maps) else ["."]
    plist = [os.fspath(p) for p in paths]
    for p in plist:
        if not isinstance(p, str):
            raise TypeError(f"paths must be str or os.PathLike, not {type(p).__name__}")
    for p in (*web_urls, *web_files, *web_maps):
        if not isinstance(p, str):
            raise TypeError(f"URLs and URL files must be str, not {type(p).__name__}")
    asked = tuple(plist)
    if any(_looks_like_url(p) for p in plist):
        web_urls = [p for p in plist if _looks_like_url(p)] + web_urls
        plist = [p for p in plist if not _looks_like_url(p)]
    if settings is not None and not isinstance(settings, Settings):
        raise TypeError(f"settings must be a procutext.Settings, not {type(settings).__name__}")
    _check_overrides(overrides)
    t0 = time.perf_counter()
    report = RunReport(paths=asked or tuple(web_urls + web_files + web_maps), fixing=fix)
    try:
        explicit = load_settings(os.fspath(config)) if config is not None else settings
    except ConfigError as e:
        report.errors.append(str(e))
        return report
    job = Job(explicit, overrides, fix=fix, unsafe=unsafe, write=write, kind=kind, cache=cache)
    job.corpus_in_place = corpus_in_place
    job.render = render
    resolver = job.resolver
    try:
        files = _discover(plist, resolver, report)
    except ConfigError as e:
        report.errors.append(str(e))
        return report
    sources: dict[str, str] = {}
    if any(".zh." in os.path.basename(f) for f in files):  # a pair needs a NAME.zh.* file
        from .bilingual.pair import pair_files

        files, sources = pair_files(files)
    if source is not None:
        problem = _source_problem(os.fspath(source), plist, files)
        if problem:
            report.errors.append(problem)
            return report
        sources = {files[0]: os.fspath(source)}
    from .corpus import is_corpus

    corpora = [p for p in files if is_corpus(p, kind, corpus)]
    tasks = _tasks(files, sources, corpora, job, report)
    n_jobs = resolve_jobs(jobs)
    size = _input_size(files)
    local = engine == "local" or engine is None
    if not local and engine != "dask":
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    in_process = stdin is not None or "-" in files or not worth_a_pool(n_jobs, _task_count(files, corpora), size)
    if local and in_process:
        job.stdin, job.stdin_name = stdin, stdin_filename
        results: Iterable[list[FileReport]] = (job.run(t) for t in tasks)
    elif local:
        _warm_before_fork(job)
        results = ordered_map(_run_in_worker, tasks, n_jobs, initializer=_init_worker, initargs=(job,))
    else:
        from .dask import run_tasks

        results = run_tasks(tasks, job, scheduler=scheduler)
    reports: Iterable[FileReport] = itertools.chain.from_iterable(results)
    if web_urls or web_files or web_maps:
        pages = _check_pages(report, job, web_urls, web_files, web_maps, fix=fix, write=write,
                             options=fetch, progress=progress, jobs=n_jobs if jobs else 1)
        reports = itertools.chain(reports, pages)
    if corpora:
        reports = _corpus_output(reports, job, report, corpora)
    if progress is not None and corpora:
        from .corpus import with_progress

        reports = with_progress(reports, corpora, progress)
    if sink is not None:
        report.tally = RunTally()
    seen_errors: set[str] = set()
    seen_warnings: set[str] = set()
    for fr in reports:
        if fr.skipped:
            report.skipped.append((fr.path, fr.skipped))
            continue
        if fr.error and fr.error in seen_errors and not fr.checked:
            fr.error = None  # the same bad config or glossary, met again: reported once
            fr.settings = None
        elif fr.error:
            seen_errors.add(fr.error)
        for w in fr.warnings:
            if w not in seen_warnings:
                seen_warnings.add(w)
                report.warnings.append(w)
        if sink is not None:
            assert report.tally is not None
            sink(fr)
            report.tally.add(fr)
        else:
            report.files.append(fr)
    if job.cache is not None and (job.cache.written or not in_process or not local):
        job.cache.prune()
    report.seconds = time.perf_counter() - t0
    return report


def _input_size(files: list[str]) -> int:
    total = 0
    for p in files:
        try:
            total += os.path.getsize(p)
        except OSError:
            pass
    return total


def _task_count(files: list[str], corpora: list[str]) -> int:
    """How many tasks the inputs make, at least (a corpus: more than one)."""
    return len(files) + len(corpora)


def _tasks(files: list[str], sources: dict[str, str], corpora: list[str], job: "Job",
           report: RunReport) -> Iterator[tuple]:
    """The tasks of the run, lazily: a file each, and the record chunks of each corpus."""
    from .corpus import CorpusError, record_chunks

    for path in files:
        if path in corpora:
            try:
                settings = job.resolver.for_file(path)
                for chunk in record_chunks(path, settings, fixing=job.fix):
                    yield ("records", path, chunk)
            except (CorpusError, ConfigError) as e:
                yield ("error", path, str(e))
            continue
        yield ("file", path, sources.get(path))


def _corpus_output(reports: Iterable[FileReport], job: "Job", report: RunReport,
                   corpora: list[str]) -> Iterator[FileReport]:
    """With ``fix`` (and ``write``), each corpus's cleaned records written beside it as they
    pass (:func:`procutext.corpus.CorpusWriter`); every report passed on."""
    if not (job.fix and job.write):
        yield from reports
        return
    from .corpus import CorpusWriter

    writers: dict[str, CorpusWriter] = {}
    failed: set[str] = set()
    try:
        for fr in reports:
            where = fr.corpus or fr.path
            if fr.error and where in corpora:
                failed.add(where)  # a bad record: the cleaned corpus is not written
            elif fr.corpus is not None and where not in failed:
                w = writers.get(where)
                if w is None:
                    w = writers[where] = CorpusWriter(where, job.resolver.for_file(where), job.corpus_in_place)
                w.add(fr)
            yield fr
        for path, w in writers.items():
            if path in failed:
                w.abort()
                continue
            out = w.commit()
            if out:
                report.corpora_written.append((path, out))
    finally:
        for w in writers.values():
            w.abort()


def _source_problem(source: str, asked: list[str], files: list[str]) -> str | None:
    """Why ``--source`` cannot be used with these paths, or None."""
    if len(asked) != 1 or len(files) != 1 or asked[0] == "-" or os.path.isdir(asked[0]):
        return (f"--source {source}: name exactly one English file to check against it "
                f"(got {', '.join(asked) or 'none'})")
    if not os.path.isfile(source):
        return f"{source}: no such file (the --source original)"
    return None


def fix_paths(paths: Iterable[str | os.PathLike[str]] | None = None, **kwargs: Any) -> RunReport:
    """:func:`check_paths` with ``fix=True``: apply safe fixes (``unsafe=True`` for unsafe
    ones too) and write each changed file back atomically (``write=False`` to only compute)."""
    return check_paths(paths, fix=True, **kwargs)


def check_path(path: str | os.PathLike[str], **kwargs: Any) -> list[Finding]:
    """The findings of one file, with its configuration and encoding as the CLI reads them.
    Raises :class:`procutext.InputError` (or ConfigError, GlossaryError) when it cannot be
    checked."""
    report = check_paths([path], **kwargs)
    _raise_first(report)
    return report.findings


def fix_path(path: str | os.PathLike[str], **kwargs: Any) -> FileReport:
    """Fix one file in place (see :func:`fix_paths`); returns its :class:`FileReport`.
    Raises when it cannot be read or written."""
    report = fix_paths([path], **kwargs)
    _raise_first(report)
    return report.files[0]


def _raise_first(report: RunReport) -> None:
    errors = report.all_errors
    if errors:
        raise InputError(str(report.paths[0]) if report.paths else "-", errors[0].split(": ", 1)[-1])
    if report.skipped:
        path, reason = report.skipped[0]
        raise InputError(path, reason if reason.startswith("not checked") else f"not checked: {reason}")
    if not report.files:
        raise InputError(str(report.paths[0]) if report.paths else "-", "no file to check")
    for w in report.warnings:
        _warnings.warn(w, stacklevel=3)
