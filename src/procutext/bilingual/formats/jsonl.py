"""JSON Lines with a source and a target field: each non-blank line is one JSON object, a unit.

The source is the string at ``source_field`` if given, else at the first key (compared
without case) of :data:`SOURCE_KEYS`; the target likewise (:data:`TARGET_KEYS`). A field may
be a path into a nested object, ``translation.en`` (the shape of many parallel corpora:
``{"translation": {"zh": …, "en": …}}``). A line without the target is a unit with an empty
target; a file where no line has a source and a target field is not checked
(:class:`NotBilingual`, listed as skipped with the keys it looked for). ``id`` gives
``Segment.id``, ``state`` or ``status`` ``Segment.state``.

Strings are read through their escapes (``\\"``, ``\\n``, ``\\u00e9``, surrogate pairs) with
every character's offset; a fix is written back escaped as JSON.
"""

from __future__ import annotations

import json
import re
import sys
from json.decoder import scanstring
from typing import Any, Mapping

from ...model import Document
from .. import Segment
from .common import Builder, Lines, NotBilingual, error_at, escape_json, make_document, split_escapes

SOURCE_KEYS = ("zh", "zh-cn", "zh_cn", "zh-hans", "source", "src", "chinese", "translation.zh",
               "translation.zh-cn", "translation.zh_cn")
TARGET_KEYS = ("en", "en-us", "en_us", "en-gb", "target", "tgt", "translation", "english", "translation.en")
_ESCAPE = re.compile(r"\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|(.))")
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder(parse_int=lambda digits: _int(digits))


def _decode(m: "re.Match[str]") -> str:
    if m.group(1):
        return chr(0x10000 + ((int(m.group(1), 16) - 0xD800) << 10) + (int(m.group(2), 16) - 0xDC00))
    if m.group(3):
        return chr(int(m.group(3), 16))
    return _SIMPLE[m.group(4)]


def _int(digits: str) -> int | str:
    """An integer of the JSON; one too long for int() (Python converts at most
    ``sys.get_int_max_str_digits()`` digits) is kept as its digits: only ``id`` is read."""
    try:
        return int(digits)
    except ValueError:
        return digits


def _strings(line: str, i: int, prefix: str, out: dict[str, tuple[int, int]], depth: int) -> int:
    """Record in ``out`` the content span of every string value of the object at ``line[i]``
    (``{``), by key path (nested objects to depth 2); the offset after the object. The line
    is valid JSON (``json.loads`` said so)."""
    i = _WS.match(line, i + 1).end()  # type: ignore[union-attr]
    if line[i] == "}":
        return i + 1
    while True:
        key, i = scanstring(line, i + 1)
        i = _WS.match(line, i).end()  # type: ignore[union-attr]
        i = _WS.match(line, i + 1).end()  # type: ignore[union-attr]  # past the colon
        c = line[i]
        if c == '"':
            _, j = scanstring(line, i + 1)
            out[prefix + key] = (i + 1, j - 1)
            i = j
        elif c == "{" and depth < 2:
            i = _strings(line, i, prefix + key + ".", out, depth + 1)
        else:
            _, i = _DECODER.raw_decode(line, i)
        i = _WS.match(line, i).end()  # type: ignore[union-attr]
        if line[i] == ",":
            i = _WS.match(line, i + 1).end()  # type: ignore[union-attr]
            continue
        return i + 1


def _pick(keys: tuple[str, ...], spans: dict[str, tuple[int, int]], values: dict[str, Any]) -> str | None:
    lower: dict[str, str] = {}
    for k in list(spans) + list(values):
        lower.setdefault(k.lower(), k)
    for k in keys:
        hit = lower.get(k.lower())
        if hit is not None and hit in spans:
            return hit
    return None


def read_jsonl(text: str, path: str | None = None, options: Mapping[str, Any] | None = None) -> Document:
    """The target Document of a JSONL text (see the module docstring). Raises :class:`FormatError`."""
    options = options or {}
    src_given, tgt_given = options.get("source_field"), options.get("target_field")
    src_keys = (src_given,) if src_given else SOURCE_KEYS
    tgt_keys = (tgt_given,) if tgt_given else TARGET_KEYS
    lines = Lines(text)
    sb, tb = Builder(), Builder()
    segments: list[Segment] = []
    paired = 0
    pos, n = 0, len(text)
    while pos < n:
        end = text.find("\n", pos)
        end = n if end == -1 else end
        nxt = end + 1
        line = text[pos:end]
        if line.strip():
            try:
                obj = json.loads(line, parse_int=_int)
            except json.JSONDecodeError as e:
                raise error_at(path, text, pos + e.pos, "not valid JSON Lines", e.msg) from None
            except RecursionError:
                raise error_at(path, text, pos, "JSON Lines refused",
                               "arrays or objects nested too deeply to read (more than about "
                               f"{sys.getrecursionlimit()} levels)") from None
            if not isinstance(obj, dict):
                raise error_at(path, text, pos + len(line) - len(line.lstrip()), "not valid JSON Lines",
                               f"each line must be a JSON object, not {type(obj).__name__}")
            spans: dict[str, tuple[int, int]] = {}
            _strings(line, _WS.match(line).end(), "", spans, 1)  # type: ignore[union-attr]
            for key in (*src_keys, *tgt_keys):
                _check_type(obj, key, text, pos, path)
            sk, tk = _pick(src_keys, spans, obj), _pick(tgt_keys, spans, obj)
            paired += sk is not None and tk is not None
            unit_line, col = lines.at(pos)
            a = _side(sb, line, pos, spans.get(sk) if sk else None, pos + len(line))
            c = _side(tb, line, pos, spans.get(tk) if tk else None, pos + len(line))
            uid = obj.get("id")
            state = obj.get("state", obj.get("status"))
            segments.append(Segment(None if uid is None else str(uid), a, sb.n, c, tb.n, unit_line, col,
                                    state if isinstance(state, str) else None))
        pos = nxt
    if segments and not paired:
        where = "the given fields" if src_given or tgt_given else \
            f"a source key ({', '.join(SOURCE_KEYS[:6])} …) and a target key ({', '.join(TARGET_KEYS[:6])} …)"
        raise NotBilingual(path or "-", f"not checked: not bilingual JSON Lines: no line has {where} with string "
                                        "values; name them with --source-field and --target-field")
    return make_document(path, "jsonl", text, tb, sb, segments, escape_json)


def _side(b: Builder, line: str, at: int, span: tuple[int, int] | None, fallback: int) -> int:
    if span is None:
        b.open_block(fallback)
        return b.n
    s, e = span
    b.open_block(at + s)
    start = b.n
    if line.find("\\", s, e) == -1:
        b.literal(line[s:e], at + s)
    else:
        split_escapes(b, line, s, e, _ESCAPE, _decode, shift=at)
    b.close_block(at + e)
    return start


def _check_type(obj: dict[str, Any], key: str, text: str, pos: int, path: str | None) -> None:
    """A named field whose value is not a string (nor null) is an error, not a silent miss."""
    cur: Any = obj
    for part in key.split("."):
        if not isinstance(cur, dict):
            return
        hit = next((k for k in cur if k.lower() == part.lower()), None)
        if hit is None:
            return
        cur = cur[hit]
    if cur is not None and not isinstance(cur, (str, dict)):
        raise error_at(path, text, pos, "not valid bilingual JSON Lines",
                       f"the field {key!r} is {type(cur).__name__}, not a string")
