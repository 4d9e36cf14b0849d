"""Finding, reading and writing the files procutext checks, without losing anything.

- :func:`discover` turns command-line paths into the files to check, the paths it skipped
  (special files, symbolic-link loops, documents of a kind procutext cannot read) and the
  errors (missing paths, unreadable directories). It never opens a file.
- :func:`read_file` / :func:`decode` read a file as bytes and record its BOM, encoding and
  how that encoding was chosen (:class:`TextFile`), so that a fixed text is written back in
  exactly the same form. Encodings are named and guessed by :mod:`procutext.charsets`.
- :func:`write_atomic` writes a fix back: through a symbolic link to its target, atomically
  by a temporary file and a rename, in place (with a backup) for a file with hard links. It
  refuses to write when the encoding was a guess it cannot vouch for, and it cleans up the
  temporary files an interrupted run left behind.

Errors are :class:`InputError` (reading) and :class:`WriteError` (writing); ``str()`` of
either names the file and says why.
"""

from __future__ import annotations

import codecs
import dataclasses
import errno
import fnmatch
import os
import re
import shutil
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import charsets

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SNIFF = 8192
#: codecs that are NUL-heavy by design: a NUL byte is no sign of a binary file in them
WIDE = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
#: codecs whose strict decode and encode are inverse for every input that decodes
_BIJECTIVE = WIDE | {"utf-8", "ascii"}

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.shtml", "*.xhtml",
                   "*.xlf", "*.xliff", "*.sdlxliff", "*.mqxliff", "*.tmx", "*.po")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox")

#: documents procutext cannot read: listed as skipped when named or met while walking
UNREADABLE_KINDS = {
    ".doc": "a Word document", ".docx": "a Word document", ".odt": "an OpenDocument text",
    ".rtf": "an RTF document", ".wps": "a WPS document", ".pdf": "a PDF file",
    ".xls": "a spreadsheet", ".xlsx": "a spreadsheet", ".ods": "a spreadsheet", ".et": "a WPS spreadsheet",
    ".ppt": "a presentation", ".pptx": "a presentation", ".odp": "a presentation",
    ".epub": "an e-book",
}


class InputError(Exception):
    """A file cannot be read as text. ``str()`` names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class WriteError(OSError):
    """A fixed text was not written back; the file is unchanged (or, for an interrupted
    in-place write, restored). ``str()`` names the file and the reason. It is an OSError, so
    callers that catch OSError around a write keep working."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class FileChanged(WriteError):
    """A fix was not written because the file changed on disk after it was read (another
    program wrote, replaced or deleted it): writing would have lost that program's text."""


# -- reading ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TextFile:
    """A decoded file and what it takes to write it back unchanged outside the fixes.

    ``encoding`` is the codec actually used (``gbk``/``gb2312`` are read as ``gb18030``);
    ``declared_by`` says where it came from: ``"bom"``, ``"option"`` (the caller named it),
    ``"default"`` (UTF-8, nobody named one), ``"detected"`` (``--encoding auto``, or UTF-16/32
    recognised by its NUL pattern), and for HTML pages (:func:`decode_html`) ``"header"``
    (the HTTP ``Content-Type`` charset) or ``"meta"`` (``<meta charset>``, ``http-equiv`` or
    an XML declaration); ``declaration`` then says what the page declared (``"gb2312 by
    <meta http-equiv>"``), and ``note`` is set when a declaration was wrong and the
    encoding was detected instead. ``detected`` is True for the last; ``confidence`` is then
    the guess's probability (see :mod:`procutext.charsets`; None when charset-normalizer made
    it), else None. ``lossless`` is False when encoding the decoded text does not give back
    the file's bytes (a few CP950 codes), in which case no fix is written back."""

    path: str
    text: str
    encoding: str
    bom: bytes
    declared_by: str = "default"
    detected: bool = False
    confidence: float | None = None
    lossless: bool = True
    declaration: str | None = None
    note: str | None = None
    #: (size, modification time in ns, BLAKE2b digest of the bytes) of the file as it was
    #: read (:func:`read_file`); :func:`write_atomic` refuses to write over a file that no
    #: longer matches it. None for text that did not come from a file (stdin, a page).
    fingerprint: tuple[int, int, bytes] | None = field(default=None, repr=False, compare=False)

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)

    @property
    def writable(self) -> bool:
        """Whether :func:`write_atomic` may write a fix back (see :func:`write_refusal`)."""
        return write_refusal(self) is None

    def encoding_info(self) -> dict[str, object]:
        """The encoding and how it was chosen, for JSON output and ``--verbose``."""
        return {"encoding": self.encoding, "declared_by": self.declared_by, "detected": self.detected,
                "confidence": None if self.confidence is None else round(self.confidence, 4)}

    def describe_encoding(self) -> str:
        """``gb18030 (detected, confidence 0.998)``, ``utf-8 (BOM)``, ``utf-8 (default)``,
        ``gb18030 (gb2312 by <meta http-equiv>)`` …"""
        if self.declared_by in ("header", "meta") and self.declaration:
            return f"{self.encoding} ({self.declaration})"
        how = {"bom": "BOM", "option": "as given", "default": "default"}.get(self.declared_by, "detected")
        if self.detected:
            how += ", confidence unknown" if self.confidence is None else f", confidence {self.confidence:.3f}"
        if self.declaration and self.note:
            how += f"; the page declares {self.declaration}, wrongly"
        return f"{self.encoding} ({how})"


def _requested(encoding: str | None, path: str) -> tuple[str, str]:
    """(codec or "auto", declared_by) for an encoding argument."""
    if encoding is None:
        return "utf-8", "default"
    if encoding.strip().lower() == "auto":
        return "auto", "detected"
    try:
        return charsets.canonical(encoding.strip()), "option"
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None


def decode(data: bytes, path: str, encoding: str | None = None) -> TextFile:
    """Decode a file's bytes. ``encoding`` is a codec name, ``"auto"`` (guess), or None
    (UTF-8, the default). A BOM overrides it. Without a BOM, mostly-ASCII UTF-16 and UTF-32
    are recognised by their NUL pattern whatever ``encoding`` says (NUL characters are
    never meant as text); other NUL bytes make it a binary file. Raises InputError."""
    req, declared_by = _requested(encoding, path)
    bom = b""
    enc = req
    detected, confidence = False, None
    for mark, name in BOMS:
        if data.startswith(mark):
            bom, enc, declared_by = mark, name, "bom"
            break
    body = data[len(bom):]
    if not bom and b"\x00" in body[:SNIFF] and req not in WIDE:
        wide = charsets.sniff_wide(body)
        if wide is None:
            raise InputError(path, "binary file (NUL bytes found); not checked")
        enc, declared_by, detected, confidence = wide, "detected", True, 1.0
    elif not bom and enc in ("utf-16", "utf-32"):
        # no BOM: the codec would read the machine's byte order and write a BOM back that
        # the file never had; name the byte order (its NUL pattern's, else the machine's)
        sniffed = charsets.sniff_wide(body)
        enc = sniffed if sniffed and sniffed.startswith(enc) else f"{enc}-{sys.byteorder[0]}e"
    elif enc == "auto":
        g = charsets.guess(body)
        if g is None:
            extra = "" if charsets.have_charset_normalizer() else \
                " (pip install 'procutext[detect]' lets charset-normalizer try more encodings)"
            raise InputError(path, f"cannot detect the encoding; pass --encoding{extra}")
        enc, detected, confidence = g.encoding, True, g.confidence
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as e:
        raise InputError(path, _decode_failure(data, bom, body, enc, e, detected)) from None
    except LookupError:
        raise InputError(path, f"unknown encoding {enc!r}") from None
    lossless = True
    if enc not in _BIJECTIVE:
        lossless = text.encode(enc) == body
    return TextFile(path, text, enc, bom, declared_by, detected, confidence, lossless)


def decode_html(data: bytes, path: str, content_type: str | None = None, encoding: str | None = None) -> TextFile:
    """Decode a web page's bytes, in the order browsers use: a BOM; then ``encoding`` if
    the caller names one (``"auto"`` or None: not named); then the ``charset`` of the HTTP
    ``content_type`` header value; then a ``<meta charset>``, ``<meta http-equiv=
    "Content-Type">`` or XML declaration in the first :data:`charsets.HTML_PRESCAN` bytes;
    then detection (:func:`charsets.guess`). Labels are read as the Encoding Standard reads
    them (``gbk``/``gb2312`` as ``gb18030``, ``big5`` as ``big5hkscs``).

    A declaration that names no known encoding, or whose encoding does not decode the
    bytes, is passed over for the next source, and the returned TextFile says so: its
    ``declaration`` names what was declared and ``note`` explains (the runner makes it a
    warning). Raises InputError when nothing decodes the bytes, or the named ``encoding``
    does not."""
    if any(data.startswith(mark) for mark, _ in BOMS):
        return decode(data, path)
    if encoding is not None and encoding.strip().lower() != "auto":
        return decode(data, path, encoding)
    notes: list[str] = []
    wrong: str | None = None
    sources = []
    label = charsets.header_charset(content_type)
    if label:
        sources.append((label, "the HTTP header", "header"))
    declared = charsets.html_declared(data)
    if declared:
        sources.append((declared[0], declared[1], "meta"))
    for label, how, by in sources:
        try:
            codec = charsets.html_codec(label)
        except LookupError:
            notes.append(f"the page declares an unknown encoding {label!r} ({how})")
            wrong = wrong or f"{label} by {how}"
            continue
        try:
            data.decode(codec)
        except UnicodeDecodeError as e:
            line = data[:e.start].count(b"\n") + 1
            notes.append(f"the page declares {label} ({how}) but its bytes are not {codec} "
                         f"(byte {data[e.start:e.start + 1].hex()} on line {line})")
            wrong = wrong or f"{label} by {how}"
            continue
        tf = decode(data, path, codec)
        return dataclasses.replace(tf, declared_by=by, declaration=f"{label} by {how}",
                                   note="; ".join(notes) or None)
    tf = decode(data, path, "auto")
    if not notes:
        return tf
    note = f"{'; '.join(notes)}: read as {tf.describe_encoding()}"
    return dataclasses.replace(tf, declaration=wrong, note=note)


def _decode_failure(data: bytes, bom: bytes, body: bytes, enc: str, e: UnicodeDecodeError, detected: bool) -> str:
    pos = e.start + len(bom)
    line = data[:pos].count(b"\n") + 1
    col = pos - (data.rfind(b"\n", 0, pos) + 1) + 1
    snippet = data[pos:pos + 4].hex(" ")
    where = f"cannot decode as {enc}: byte {pos} (line {line}, byte column {col}: {snippet}) {e.reason}"
    if detected:
        return f"{where}; pass --encoding"
    g = charsets.guess(body)
    if g is not None and g.encoding != enc:
        return f"{where}; it looks like {g.describe()}: pass --encoding {g.encoding} if it is"
    others = [name for name in ("utf-8", "gb18030", "big5") if name != enc]
    return f"{where}; pass --encoding (e.g. --encoding {others[0]} or {others[1]}) if the file uses another encoding"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"


def too_large(size: int, limit: int, what: str = "file") -> str:
    """The reason given for a file over ``--max-file-size``."""
    return (f"not checked: the {what} is {_size(size)}, over the limit of {_size(limit)} "
            "(raise it with --max-file-size or the config's max-file-size; 0 turns it off)")


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


def read_file(path: str | Path, encoding: str | None = None, *, kind: str | None = None,
              max_size: int | None = None) -> TextFile:
    """Read and decode one file (see :func:`decode`; :func:`decode_html` for ``kind="html"``;
    for ``"xliff"``, ``"tmx"`` and ``"po"`` the encoding the file declares counts after a BOM
    and a named ``encoding``, see :func:`procutext.bilingual.formats.decode_declared`).
    Only regular files are read: a named pipe, socket or device is refused without waiting
    on it. A file larger than ``max_size`` bytes (when given and not 0) is refused before it
    is read. The TextFile records the file's fingerprint (size, modification time, digest),
    so that :func:`write_atomic` will not write over changes made since. Raises InputError."""
    p = str(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        reason = "broken symbolic link" if os.path.islink(p) else "no such file or directory"
        raise InputError(p, reason) from None
    except PermissionError:
        raise InputError(p, _permission_reason(Path(p))) from None
    except OSError as e:
        raise InputError(p, _os_reason(e)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(p, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(p, f"{_kind(st.st_mode)}, not a regular file; not read")
        if max_size and st.st_size > max_size:
            raise InputError(p, too_large(st.st_size, max_size))
        with os.fdopen(fd, "rb") as f:
            fd = -1
            data = f.read(max_size + 1) if max_size else f.read()
    except OSError as e:
        raise InputError(p, f"cannot read: {e.strerror or e}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if max_size and len(data) > max_size:  # it grew while being read
        raise InputError(p, too_large(len(data), max_size))
    fingerprint = (len(data), st.st_mtime_ns, _digest(data))
    if kind == "html":
        tf = decode_html(data, p, None, encoding)
    elif kind in ("xliff", "tmx", "po"):  # files that declare their encoding
        from .bilingual.formats import decode_declared

        tf = decode_declared(data, p, kind, encoding)
    else:
        tf = decode(data, p, encoding)
    return dataclasses.replace(tf, fingerprint=fingerprint)


def _digest(data: bytes) -> bytes:
    import hashlib  # imported where used: 6 ms of every start-up otherwise

    return hashlib.blake2b(data, digest_size=32).digest()


def _file_digest(path: Path) -> bytes:
    import hashlib

    h = hashlib.blake2b(digest_size=32)
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.digest()


def check_unchanged(tf: TextFile, target: str | Path) -> None:
    """Raise :class:`FileChanged` unless ``target`` still has the size, modification time
    and content ``tf`` was read with (nothing is checked when ``tf`` has no fingerprint)."""
    if tf.fingerprint is None:
        return
    size, mtime_ns, digest = tf.fingerprint
    try:
        st = os.stat(target)
        same = st.st_size == size and st.st_mtime_ns == mtime_ns and _file_digest(Path(target)) == digest
    except FileNotFoundError:
        raise FileChanged(tf.path, "not written: the file was deleted or renamed after procutext read it") from None
    except OSError as e:
        raise WriteError(tf.path, f"cannot write: {_os_reason(e).removeprefix('cannot read: ')}") from None
    if not same:
        raise FileChanged(tf.path, "not written: the file changed after procutext read it (another program wrote "
                                   "to it), so the fix would overwrite that change; the file is left as it is now: "
                                   "run procutext on it again")


def _os_reason(e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read: {e.strerror or e}"


def _permission_reason(p: Path) -> str:
    """'permission denied', naming the directory that cannot be entered when that is why."""
    blocker = _blocking_dir(p)
    if blocker is not None:
        return f"permission denied (cannot enter the directory {blocker})"
    return "permission denied"


def _blocking_dir(p: Path) -> Path | None:
    """The nearest ancestor of ``p`` whose (missing) search permission stops us reaching ``p``."""
    chain = [*reversed(p.parents), p]
    for parent, node in zip(chain, chain[1:]):
        try:
            os.stat(node)
        except PermissionError:
            return parent
        except OSError:
            return None
    return None


# -- discovery ---------------------------------------------------------------------------------
@dataclass
class Discovery:
    """What :func:`discover` found: ``files`` to read (in order; ``-`` is stdin), ``skipped``
    paths with the reason (special files, symbolic-link loops and broken links met while
    walking, documents procutext cannot read), and ``errors`` (messages naming the path:
    missing paths, broken links named explicitly, directories it cannot read or enter)."""

    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


Patterns = Callable[[Path], "tuple[Sequence[str], Sequence[str]]"]


def _matches(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, pat) for pat in patterns)


def _unreadable_kind(name: str) -> str | None:
    suffix = os.path.splitext(name)[1].lower()
    kind = UNREADABLE_KINDS.get(suffix)
    return f"{kind} ({suffix}): procutext reads plain text, Markdown and HTML" if kind else None


def discover(
    paths: Sequence[str | Path],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
    *,
    patterns: Patterns | None = None,
) -> Discovery:
    """The files to check under ``paths``, without opening any.

    A path named explicitly is taken if it is a regular file (whatever its name, except the
    documents of :data:`UNREADABLE_KINDS`, which are skipped); ``-`` is kept for stdin. A
    directory is walked in sorted order, top-down: a file is taken when its name matches an
    ``include`` pattern and no part of its path below the directory matches an ``exclude``
    pattern; unreadable documents are listed as skipped; other files are passed over
    silently. ``patterns``, if given, returns the (include, exclude) pair for each directory
    named in ``paths`` (e.g. from the config file found there) instead of the defaults.

    Named pipes, sockets and devices are skipped, never opened (reading a FIFO would wait
    for a writer forever), and so are symbolic-link loops. Symbolic links to files are
    followed; links to directories met while walking are not. A directory that cannot be
    read or entered is an error naming it, and the walk goes on with the rest.
    """
    out = Discovery()
    for raw_path in paths:
        raw = str(raw_path)
        if raw == "-":
            out.files.append(raw)
            continue
        p = Path(raw)
        try:
            st = os.stat(p)
        except FileNotFoundError:
            if os.path.islink(p):
                out.errors.append(f"{raw}: broken symbolic link (to {os.readlink(p)})")
            else:
                out.errors.append(f"{raw}: no such file or directory")
            continue
        except PermissionError:
            out.errors.append(f"{raw}: {_permission_reason(p)}")
            continue
        except OSError as e:
            if e.errno == errno.ELOOP:
                out.skipped.append((raw, "symbolic link loop"))
            else:
                out.errors.append(f"{raw}: {e.strerror or e}")
            continue
        if stat.S_ISDIR(st.st_mode):
            inc, exc = patterns(p) if patterns is not None else (include, exclude)
            _walk(p, p, tuple(inc), tuple(exc), out)
        elif stat.S_ISREG(st.st_mode):
            kind = _unreadable_kind(p.name)
            if kind:
                out.skipped.append((raw, kind))
            else:
                out.files.append(raw)
        else:
            out.skipped.append((raw, f"{_kind(st.st_mode)}, not a regular file"))
    return out


def _walk(root: Path, directory: Path, include: tuple[str, ...], exclude: tuple[str, ...], out: Discovery) -> None:
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except PermissionError:
        out.errors.append(f"{directory}: cannot read the directory: permission denied")
        return
    except OSError as e:
        out.errors.append(f"{directory}: cannot read the directory: {e.strerror or e}")
        return
    subdirs: list[Path] = []
    for entry in entries:
        path = Path(entry.path)
        rel = path.relative_to(root).parts
        if any(_matches(part, exclude) for part in rel):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                subdirs.append(path)
                continue
            is_link = entry.is_symlink()
            st = os.stat(entry.path) if is_link else entry.stat(follow_symlinks=False)
        except PermissionError:
            out.errors.append(f"{directory}: cannot enter the directory: permission denied")
            return
        except OSError as e:
            if _matches(entry.name, include) or _unreadable_kind(entry.name):
                if e.errno == errno.ELOOP:
                    out.skipped.append((str(path), "symbolic link loop"))
                elif e.errno == errno.ENOENT:
                    out.skipped.append((str(path), "broken symbolic link"))
                else:
                    out.errors.append(f"{path}: {e.strerror or e}")
            continue
        if stat.S_ISDIR(st.st_mode):  # a link to a directory: not followed
            continue
        if not _matches(entry.name, include):
            kind = _unreadable_kind(entry.name)
            if kind:
                out.skipped.append((str(path), kind))
            continue
        if stat.S_ISREG(st.st_mode):
            out.files.append(str(path))
        else:
            out.skipped.append((str(path), f"{_kind(st.st_mode)}, not a regular file"))
    for sub in subdirs:
        _walk(root, sub, include, exclude, out)


# -- writing -----------------------------------------------------------------------------------
#: names of procutext's temporary (.tmp) and backup (.bak) files: .NAME.procutext-PID-RANDOM.tmp
LEFTOVER = re.compile(r"^\..*\.procutext-(?P<pid>[0-9]{1,10})-[a-z0-9_]{8}\.(?P<kind>tmp|bak)$")
_NAME_ROOM = 120  # the part of a file's name kept in its temporary file's name
_cleaned: set[str] = set()  # directories write_atomic has cleaned in this process


def write_refusal(tf: TextFile) -> str | None:
    """Why a fix must not be written back to ``tf``'s file, or None if it may be."""
    if tf.detected and (tf.confidence is None or tf.confidence < charsets.MIN_WRITE_CONFIDENCE):
        conf = "unknown" if tf.confidence is None else f"{tf.confidence:.2f}"
        return (f"not written: the encoding was guessed as {tf.encoding} with confidence {conf}, below "
                f"{charsets.MIN_WRITE_CONFIDENCE}; pass --encoding (e.g. --encoding {tf.encoding} if that is "
                "right) to write fixes back")
    if not tf.lossless:
        return (f"not written: this file's bytes do not survive a round trip through {tf.encoding}, so writing "
                "it back would change text outside the fixes")
    return None


def write_atomic(tf: TextFile, text: str, *, warn: Callable[[str], None] | None = None) -> list[str]:
    """Write ``text`` back to ``tf``'s file in its own encoding and BOM.

    - The write is refused (WriteError, nothing written) when :func:`write_refusal` says so:
      an encoding guessed with a confidence below ``charsets.MIN_WRITE_CONFIDENCE``, or a
      decode that does not round-trip.
    - A file that changed after it was read (its size, modification time or content, from
      ``tf.fingerprint``, compared just before the rename) is not written over: FileChanged.
    - A symbolic link is written through: its target is replaced, the link stays.
    - Normally a temporary file ``.NAME.procutext-PID-RANDOM.tmp`` is written in the target's
      directory, flushed to disk, given the file's mode (and owner, where allowed) and renamed
      over the target, so that the file is at every moment either the old or the new text.
    - A file with hard links (``st_nlink > 1``) would lose them to a rename: the other names
      would keep the old text. It is rewritten in place instead, after a backup copy
      ``.NAME.procutext-PID-RANDOM.bak`` is made beside it; the backup is removed when the
      write succeeds, used to restore the file when the write fails, and left (and warned
      about by later runs, never deleted by them) when the process is killed mid-write.
    - Before writing, temporary files of earlier procutext runs in that directory whose
      process is gone are removed (only regular files owned by this user, never those of a
      live process); each removal, and each leftover backup, gives a warning message.

    Returns the warning messages; each is also passed to ``warn`` if given, else logged as a
    warning on the ``procutext.files`` logger (which Python prints on stderr when logging is
    not configured). Leftovers are looked for once per directory and process. Raises WriteError
    (an OSError) with the file's name and the reason; the file is then unchanged.
    """
    refusal = write_refusal(tf)
    if refusal:
        raise WriteError(tf.path, refusal)
    try:
        data = tf.encode(text)
    except UnicodeEncodeError as e:
        ch = e.object[e.start]
        line = e.object.count("\n", 0, e.start) + 1
        raise WriteError(tf.path, f"cannot encode the fixed text as {tf.encoding}: {ch!r} (U+{ord(ch):04X}) "
                                  f"on line {line}") from None
    target = Path(os.path.realpath(tf.path)) if os.path.islink(tf.path) else Path(tf.path)
    directory = os.path.realpath(target.parent)
    warnings: list[str] = []
    if directory not in _cleaned:  # once per directory and process: a directory of many files
        _cleaned.add(directory)    # is not listed again for every one of them
        warnings = clean_leftovers(directory)
    for w in warnings:
        if warn is not None:
            warn(w)
        else:
            import logging  # only for a warning: 8 ms of every start-up otherwise

            logging.getLogger(__name__).warning("warning: %s", w)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise WriteError(tf.path, f"cannot write: {_os_reason(e).removeprefix('cannot read: ')}") from None
    if st is not None and st.st_nlink > 1:
        check_unchanged(tf, target)
        _write_in_place(tf.path, target, data)
    else:
        _replace(tf.path, target, data, st, lambda: check_unchanged(tf, target))
    return warnings


def _temp(target: Path, suffix: str) -> tuple[int, str]:
    prefix = f".{target.name[:_NAME_ROOM]}.procutext-{os.getpid()}-"
    return tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=target.parent)


def _replace(path: str, target: Path, data: bytes, st: os.stat_result | None,
             before: Callable[[], None] = lambda: None) -> None:
    """Write ``data`` to a temporary file and rename it over ``target``; ``before`` runs just
    before the rename (it raises to stop it: the temporary file is then removed)."""
    try:
        fd, tmp = _temp(target, ".tmp")
    except OSError as e:
        raise WriteError(path, f"cannot create a temporary file in {target.parent}: "
                               f"{(e.strerror or str(e)).lower()}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except (OSError, AttributeError):
                pass
        before()
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, WriteError):
            raise
        if isinstance(e, OSError):
            raise WriteError(path, f"cannot write: {(e.strerror or str(e)).lower()}") from None
        raise
    _sync_dir(target.parent)


def _write_in_place(path: str, target: Path, data: bytes) -> None:
    try:
        fd, bak = _temp(target, ".bak")
    except OSError as e:
        raise WriteError(path, f"cannot create a backup file in {target.parent} (needed to rewrite a file "
                               f"with hard links in place): {(e.strerror or str(e)).lower()}") from None
    try:
        with os.fdopen(fd, "wb") as b, open(target, "rb") as src:
            shutil.copyfileobj(src, b)
            b.flush()
            os.fsync(b.fileno())
    except OSError as e:
        _unlink(bak)
        raise WriteError(path, f"cannot back up the file before rewriting it: {(e.strerror or str(e)).lower()}") \
            from None
    try:
        with open(target, "r+b") as f:
            f.write(data)
            f.truncate()
            f.flush()
            os.fsync(f.fileno())
    except BaseException as e:
        restored = _restore(bak, target)
        if restored:
            _unlink(bak)
        if isinstance(e, OSError):
            detail = "the file was restored" if restored else f"the old text is in {bak}"
            raise WriteError(path, f"cannot write: {(e.strerror or str(e)).lower()} ({detail})") from None
        raise
    _unlink(bak)


def _restore(bak: str, target: Path) -> bool:
    try:
        with open(bak, "rb") as b, open(target, "r+b") as f:
            shutil.copyfileobj(b, f)
            f.truncate()
            f.flush()
            os.fsync(f.fileno())
        return True
    except OSError:
        return False


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _sync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _process_gone(pid: int) -> bool:
    """True only when no process ``pid`` exists on this machine (never guessed)."""
    if os.name != "posix" or pid <= 0 or pid == os.getpid():
        return False  # os.kill(pid, 0) would terminate the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False  # exists but belongs to someone else, or cannot tell
    # a zombie has ended and writes nothing more: a killed run's pool worker, reparented to a
    # PID 1 that does not reap (containers, CI), stays one until the machine reaps it
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
        return stat[stat.rindex(b")") + 2:][:1] in (b"Z", b"X")
    except (OSError, ValueError):
        return False


def clean_leftovers(directory: str | Path) -> list[str]:
    """Remove the temporary files that killed procutext runs left in ``directory`` and
    return one warning per removal; also warn (without deleting) about backups of an
    interrupted in-place write. Only names of the form :data:`LEFTOVER`, regular files owned
    by this user, whose process no longer exists, are touched. (On a directory shared by
    several machines a process id says nothing about the other machines; a removed temporary
    file of a live run there makes that run fail to write, never lose text.)"""
    warnings: list[str] = []
    try:
        with os.scandir(directory) as it:
            names = sorted(e.name for e in it if e.name.startswith("."))
    except OSError:
        return warnings
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    for name in names:
        m = LEFTOVER.match(name)
        if m is None:
            continue
        pid = int(m["pid"])
        path = os.path.join(directory, name)
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or (uid is not None and st.st_uid != uid) or not _process_gone(pid):
            continue
        if m["kind"] == "tmp":
            try:
                os.unlink(path)
            except OSError as e:
                warnings.append(f"{path}: temporary file of an interrupted procutext run (process {pid}) "
                                f"could not be removed: {(e.strerror or str(e)).lower()}")
                continue
            warnings.append(f"removed {path}, a temporary file left by an interrupted procutext run (process {pid})")
        else:
            warnings.append(f"{path} is the backup of a file whose in-place fix was interrupted (process {pid}): "
                            "compare it with the file, then delete it")
    return warnings
