"""Reading files without losing anything, and writing fixes back atomically.

A file is read as bytes; its BOM, encoding, how that encoding was chosen and its line endings
are recorded (:class:`TextFile`) so that a fixed text is written back in exactly the same form,
and not at all when the encoding was a guess procutext cannot vouch for. Encodings are named
and guessed by :mod:`procutext.charsets`. Errors name the file and say why.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

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


# -- reading ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TextFile:
    """A decoded file and what it takes to write it back unchanged outside the fixes.

    ``encoding`` is the codec actually used (``gbk``/``gb2312`` are read as ``gb18030``);
    ``declared_by`` says where it came from: ``"bom"``, ``"option"`` (the caller named it),
    ``"default"`` (UTF-8, nobody named one) or ``"detected"`` (``--encoding auto``, or UTF-16/32
    recognised by its NUL pattern). ``detected`` is True for the last; ``confidence`` is then
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
        """``gb18030 (detected, confidence 0.998)``, ``utf-8 (BOM)``, ``utf-8 (default)`` …"""
        how = {"bom": "BOM", "option": "as given", "default": "default"}.get(self.declared_by, "detected")
        if self.detected:
            how += ", confidence unknown" if self.confidence is None else f", confidence {self.confidence:.3f}"
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


def read_file(path: str | Path, encoding: str | None = None) -> TextFile:
    p = str(path)
    try:
        with open(p, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise InputError(p, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(p, "is a directory") from None
    except PermissionError:
        raise InputError(p, "permission denied") from None
    except OSError as e:
        raise InputError(p, f"cannot read: {e.strerror or e}") from None
    return decode(data, p, encoding)


# -- writing -----------------------------------------------------------------------------------
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


def write_atomic(tf: TextFile, text: str) -> None:
    """Write ``text`` in the file's own encoding and BOM, via a temporary file and rename.
    Refused (WriteError, nothing written) when :func:`write_refusal` says so."""
    refusal = write_refusal(tf)
    if refusal:
        raise WriteError(tf.path, refusal)
    data = tf.encode(text)
    target = Path(tf.path)
    directory = target.parent
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".procutext-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
