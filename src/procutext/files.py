"""Reading files without losing anything, and writing fixes back atomically.

A file is read as bytes; its BOM, encoding and line endings are recorded so that a fixed
text is written back in exactly the same form. Errors name the file and say why.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SNIFF = 8192


class InputError(Exception):
    """A file cannot be read as text. ``str()`` names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class TextFile:
    path: str
    text: str
    encoding: str
    bom: bytes

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, path: str, encoding: str = "utf-8") -> TextFile:
    bom = b""
    enc = encoding
    for mark, name in BOMS:
        if data.startswith(mark):
            bom, enc = mark, name
            break
    body = data[len(bom):]
    if not bom and b"\x00" in body[:SNIFF]:
        raise InputError(path, "binary file (NUL bytes found); not checked")
    if enc.lower() == "auto":
        enc = _detect(body, path)
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as e:
        pos = e.start + len(bom)
        line = data[:pos].count(b"\n") + 1
        col = pos - (data.rfind(b"\n", 0, pos) + 1) + 1
        snippet = data[e.start + len(bom):e.start + len(bom) + 4].hex(" ")
        raise InputError(
            path,
            f"cannot decode as {enc}: byte {pos} (line {line}, byte column {col}: {snippet}) "
            f"{e.reason}; pass --encoding (e.g. --encoding gb18030) if the file uses another "
            "encoding",
        ) from None
    except LookupError:
        raise InputError(path, f"unknown encoding {enc!r}") from None
    return TextFile(path, text, enc, bom)


def _detect(body: bytes, path: str) -> str:
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        raise InputError(path, "--encoding auto needs charset-normalizer (pip install charset-normalizer)") from None
    best = from_bytes(body).best()
    if best is None:
        raise InputError(path, "cannot detect the encoding; pass --encoding")
    return best.encoding


def read_file(path: str | Path, encoding: str = "utf-8") -> TextFile:
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


def write_atomic(tf: TextFile, text: str) -> None:
    """Write ``text`` in the file's own encoding and BOM, via a temporary file and rename."""
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
