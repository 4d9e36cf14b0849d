"""Fuzz targets: one function per reader, each taking bytes and checking what must hold.

Shared by the coverage-guided runs (``fuzz/run.py``, atheris/libFuzzer) and the bounded
hypothesis runs in the test suite (``tests/test_fuzz.py``), so that both exercise exactly
the same code and the same properties. A target returns normally when the input was handled
correctly, and raises :class:`Violation` (a broken property) or any unexpected exception
(a crash) otherwise.

What counts as handled:

- **Expected errors** (:data:`EXPECTED`) are the documented ways of refusing bad input, each
  with a message naming the file and the reason: :class:`procutext.InputError` (undecodable
  bytes, a malformed XLIFF/TMX/PO/CSV/JSONL file with line and column, a refused DOCTYPE,
  a file read but not checked such as a target that is not English; ``FormatError`` and
  ``NotChecked`` are InputErrors), :class:`procutext.glossary.GlossaryError` (a glossary
  that cannot be read) and :class:`procutext.fetch.sitemaps.SitemapError` (a sitemap that
  cannot be read). An expected error must name its input (see :func:`_expected`). Anything
  else (``IndexError``, ``RecursionError``, ``UnicodeError``, ``AssertionError`` inside
  procutext …) is a crash.
- **Properties** of ``check`` and ``fix`` on any text the reader accepts (:func:`check_fix`):
  offsets of findings and edits inside the text, 1-based lines and columns inside it, fix
  idempotent (a second fix changes nothing and applies nothing), and nothing changed outside
  the spans of the applied findings.

The first byte of an input chooses options (which rules, unsafe fixes, quote style, the
language mode); the rest is the content, decoded as UTF-8 with replacement characters for
the readers of text (so that mutations of UTF-8 seeds stay mostly text), or kept as bytes
for the decoders (``file``, ``sitemap``, ``tbx``).
"""

from __future__ import annotations

import os
import tempfile
import warnings
from typing import Callable

import procutext
from procutext.files import InputError
from procutext.glossary import GlossaryError
from procutext.model import split_lines

#: the expected errors: bad input refused with a message (see the module docstring)
from procutext.fetch.sitemaps import SitemapError  # noqa: E402  (light: no network code)

EXPECTED: tuple[type[BaseException], ...] = (InputError, GlossaryError, SitemapError)
#: inputs are cut to this many bytes: the properties are about structure, not size (the
#: linear-time benchmark is about size), and a cap keeps every run of a target quick
MAX_INPUT = 4096
NAME = "fuzz-input"  # the path given to the readers, which an expected error must name


class Violation(AssertionError):
    """A property that must hold on every input did not."""


def _expected(e: BaseException, name: str = NAME) -> None:
    """An expected error must say which input it is about."""
    if name not in str(e):
        raise Violation(f"{type(e).__name__} without the input's name: {e}") from e


def _opts(flags: int) -> dict:
    return {
        "unsafe": bool(flags & 1),
        "quote_style": ("keep", "curly", "straight", "keep")[(flags >> 1) & 3],
        "all_rules": bool(flags & 8),
    }


def _split(data: bytes) -> tuple[int, bytes]:
    data = data[:MAX_INPUT]
    return (data[0], data[1:]) if data else (0, b"")


def _outside_unchanged(original: str, fixed: str, applied: list) -> bool:
    """Whether ``fixed`` is ``original`` with only the applied findings' spans replaced: the
    pieces of the original outside every span appear in ``fixed`` in order, the first as
    its start and the last as its end, with nothing but replacements between them. Greedy
    leftmost search decides this exactly, in linear time."""
    spans = sorted((min(f.start, f.edit.start), max(f.end, f.edit.end)) for f in applied if f.edit is not None)
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    pieces, pos = [], 0
    for s, e in merged:
        pieces.append(original[pos:s])
        pos = e
    pieces.append(original[pos:])
    if len(pieces) == 1:
        return fixed == original
    first, last = pieces[0], pieces[-1]
    if not fixed.startswith(first) or not fixed.endswith(last) or len(first) + len(last) > len(fixed):
        return False
    at, end = len(first), len(fixed) - len(last)
    for p in pieces[1:-1]:
        i = fixed.find(p, at, end)
        if i < 0:
            return False
        at = i + len(p)
    return True


def check_fix(text: str, kind: str, flags: int, **kw: object) -> None:
    """The properties of check and fix on ``text`` read as ``kind`` (see the module docstring).
    An expected error (a file that does not parse) is fine; it must name the input."""
    o = _opts(flags)
    extend = ["ALL"] if o["all_rules"] else []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # suppression-comment notices are UserWarnings by design
        try:
            findings = procutext.check(text, kind=kind, path=NAME, extend_select=extend,
                                       quote_style=o["quote_style"], **kw)
        except EXPECTED as e:
            _expected(e)
            return
        n = len(text)
        lines = split_lines(text)
        for f in findings:
            if not (0 <= f.start <= f.end <= n):
                raise Violation(f"{f.code} span {f.start}..{f.end} outside a text of {n}")
            if f.edit is not None and not (0 <= f.edit.start <= f.edit.end <= n):
                raise Violation(f"{f.code} edit {f.edit.start}..{f.edit.end} outside a text of {n}")
            if not (1 <= f.line <= f.end_line <= len(lines)) or not (1 <= f.column <= len(lines[f.line - 1]) + 1):
                raise Violation(f"{f.code} at {f.line}:{f.column} (end line {f.end_line}) outside {len(lines)} lines")
        result = procutext.fix(text, kind=kind, path=NAME, unsafe=o["unsafe"], extend_select=extend,
                               quote_style=o["quote_style"], **kw)
        for f in result.applied:
            if f.edit is None or not (0 <= f.start <= f.end <= n) or not (0 <= f.edit.start <= f.edit.end <= n):
                raise Violation(f"applied {f.code} with span {f.start}..{f.end} / edit {f.edit} outside the input")
        if not _outside_unchanged(text, result.text, result.applied):
            raise Violation("fix changed text outside the spans of the findings it applied")
        again = procutext.fix(result.text, kind=kind, path=NAME, unsafe=o["unsafe"], extend_select=extend,
                              quote_style=o["quote_style"], **kw)
        if again.text != result.text or again.applied:
            codes = sorted({f.code for f in again.applied})
            raise Violation(f"fix is not idempotent: a second fix applied {codes}")


def _text_target(kind: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        flags, body = _split(data)
        check_fix(body.decode("utf-8", "replace"), kind, flags)

    target.__name__ = f"target_{kind}"
    return target


target_text = _text_target("text")
target_markdown = _text_target("markdown")
target_html = _text_target("html")
target_xliff = _text_target("xliff")
target_tmx = _text_target("tmx")
target_po = _text_target("po")
target_csv = _text_target("csv")
target_tsv = _text_target("tsv")
target_jsonl = _text_target("jsonl")

_KINDS_BY_FLAG = ("text", "markdown", "html", "xliff", "tmx", "po", "csv", "jsonl")
_ENCODINGS = (None, "auto", "utf-8", "gb18030", "big5", "utf-16", "utf-8", None)


def target_file(data: bytes) -> None:
    """Bytes as a file: decoded as the CLI decodes them (a BOM, the declared or given
    encoding, detection), then checked and fixed as the kind the flags choose; a decoded
    file must encode back to its own bytes when the decode is lossless."""
    from procutext.bilingual.formats import DECLARED_KINDS, decode_declared
    from procutext.files import decode, decode_html

    flags, body = _split(data)
    kind = _KINDS_BY_FLAG[flags & 7]
    enc = _ENCODINGS[(flags >> 3) & 7]
    try:
        if kind == "html":
            tf = decode_html(body, NAME, None, enc)
        elif kind in DECLARED_KINDS:
            tf = decode_declared(body, NAME, kind, enc)
        else:
            tf = decode(body, NAME, enc)
    except EXPECTED as e:
        _expected(e)
        return
    if tf.lossless and tf.encode(tf.text) != body:
        raise Violation(f"decoded as {tf.encoding} (lossless) but does not encode back to the same bytes")
    check_fix(tf.text, kind, flags >> 6)


_SUFFIX_BY_FLAG = (".txt", ".md", ".html", ".xlf", ".tmx", ".po", ".csv", ".jsonl")


def target_write(data: bytes) -> None:
    """Bytes as a file on disk, fixed in place by :func:`procutext.fix_paths` as the CLI
    fixes it (the kind by suffix, the encoding by the flags): the run never raises; the file
    is left as it was (nothing to fix, or the fix refused with an error naming it) or holds
    exactly the fixed text in the file's own encoding and BOM, which a second run does not
    change; no temporary file is left behind."""
    flags, body = _split(data)
    path = _temp_path(_SUFFIX_BY_FLAG[flags & 7])
    with open(path, "wb") as f:
        f.write(body)
    enc = _ENCODINGS[(flags >> 3) & 7]
    kwargs = {"encoding": enc} if enc else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = procutext.fix_paths([path], unsafe=bool(flags & 64), **kwargs)
        with open(path, "rb") as f:
            after = f.read()
        fr = report.files[0] if report.files else None
        if fr is None or not fr.written:
            if after != body:
                raise Violation(f"the file changed although nothing was written: {report.all_errors}")
            for e in report.all_errors:
                if path not in e:
                    raise Violation(f"an error without the file's name: {e}")
        else:
            if fr.text is None or not after:
                raise Violation("written without a text")
            if after == body:
                raise Violation("written but the bytes are the same")
            again = procutext.fix_paths([path], unsafe=bool(flags & 64), **kwargs)
            with open(path, "rb") as f:
                if f.read() != after or any(x.written for x in again.files):
                    raise Violation("a second fix of the written file changed it")
    left = [n for n in os.listdir(os.path.dirname(path)) if ".procutext-" in n]
    if left:
        raise Violation(f"temporary files left: {left}")


def target_sitemap(data: bytes) -> None:
    """A sitemap's bytes (XML, gzip or a text list): the URLs, or a SitemapError."""
    from procutext.fetch.sitemaps import parse_sitemap

    try:
        sm = parse_sitemap(data[:MAX_INPUT])
    except SitemapError:
        return  # the sitemap's URL is added by the caller that fetched it
    if sm.kind not in ("urlset", "index", "text") or not all(isinstance(u, str) and u for u in sm.locs):
        raise Violation(f"sitemap read as {sm.kind!r} with locs {sm.locs[:3]!r}")


_tmpdir: str | None = None


def _temp_path(suffix: str) -> str:
    global _tmpdir
    if _tmpdir is None:
        _tmpdir = tempfile.mkdtemp(prefix="procutext-fuzz-")
    return os.path.join(_tmpdir, NAME + suffix)


def target_glossary(data: bytes) -> None:
    """A glossary file (TBX, TSV or CSV by the flags): read and validated as ``--glossary``
    reads it, and when it loads, a short text checked with it (user renderings are
    literal phrases: nothing in a row is a pattern)."""
    flags, body = _split(data)
    suffix = (".tbx", ".tsv", ".csv", ".tbx")[flags & 3]
    path = _temp_path(suffix)
    with open(path, "wb") as f:
        f.write(body)
    try:
        g = procutext.load_glossary(path, default=False)
    except EXPECTED as e:
        _expected(e, path)
        return
    text = body.decode("utf-8", "replace")[-300:]
    check_fix(text, "text", flags >> 2, glossary=g)


target_tbx = target_glossary

TARGETS: dict[str, Callable[[bytes], None]] = {
    "text": target_text, "markdown": target_markdown, "html": target_html,
    "xliff": target_xliff, "tmx": target_tmx, "po": target_po, "csv": target_csv, "tsv": target_tsv,
    "jsonl": target_jsonl, "file": target_file, "write": target_write, "sitemap": target_sitemap, "glossary": target_glossary,
}

_ORDER = tuple(TARGETS)


def target_any(data: bytes) -> None:
    """Every target in one: the first byte chooses it, the rest is its input (one libFuzzer
    process covers all readers: the bounded run in the test suite uses this)."""
    if not data:
        return
    TARGETS[_ORDER[data[0] % len(_ORDER)]](data[1:])


TARGETS["any"] = target_any
