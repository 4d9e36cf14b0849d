"""Markdown: code, HTML, URLs and link targets are masked; positions stay those of the file.

Block structure (fenced and indented code, HTML blocks, front matter) comes from
markdown-it-py's token line maps; inline code, link targets and autolinks are masked by
pattern within the remaining lines. ``<!-- procutext-disable ... -->`` comments become
inline suppressions.
"""

from __future__ import annotations

import functools

import regex
from .. import rx

from ..model import Document, Suppressions, line_starts
from .text import mask_spans, url_spans

INLINE_CODE = rx.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", regex.S)
LINK_TARGET = rx.compile(r"\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)")
REF_DEF = rx.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", regex.M)
AUTOLINK = rx.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
HTML_COMMENT = rx.compile(r"<!--.*?-->", regex.S)
HTML_TAG = rx.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
FRONT_MATTER = rx.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)", regex.S)
DIRECTIVE = rx.compile(
    r"<!--\s*procutext-(?P<verb>disable-next-line|disable|enable)\b(?P<codes>[^>]*?)\s*-->"
)


@functools.lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    """A CommonMark block parser: only block tokens are used, so inline parsing (a quarter of
    the time on prose) is switched off."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.disable(["inline", "linkify", "replacements", "smartquotes", "text_join"], ignoreInvalid=True)
    return md


def _block_spans(text: str, starts: list[int]) -> list[tuple[int, int]]:
    md = _parser()
    spans = []
    nlines = len(starts)
    for tok in md.parse(text):
        if tok.type in ("fence", "code_block", "html_block") and tok.map:
            first, last = tok.map
            s = starts[min(first, nlines - 1)]
            e = starts[last] if last < nlines else len(text)
            spans.append((s, e))
    return spans


def _codes(raw: str) -> set[str] | None:
    items = {c.strip() for c in regex.split(r"[,\s]+", raw) if c.strip()}
    return items or None


def _suppressions(text: str, starts: list[int], path: str | None = None) -> Suppressions | None:
    if "procutext-" not in text:
        return None
    import bisect

    events = [(bisect.bisect_right(starts, m.start()), m.group("verb"), m.group("codes"))
              for m in DIRECTIVE.finditer(text)]
    return build_suppressions(events, len(starts), path)


def build_suppressions(events: list[tuple[int, str, str]], nlines: int, path: str | None = None) -> Suppressions:
    """Suppressions from ``(line, verb, codes)`` directives in file order: ``disable`` and
    ``enable`` open and close ranges of lines, ``disable-next-line`` the line after its own.
    Unknown codes give warnings naming the file and line (readers of every kind share this)."""
    from ..registry import selector_problem

    sup = Suppressions()
    active: dict[str, int] = {}  # code or "*" -> first suppressed line
    parsed: list[tuple[int, str, set[str] | None]] = []
    for line, verb, raw in events:
        codes = _codes(raw)
        for c in sorted(codes or ()):
            if selector_problem(c):
                where = f"{path}:{line}" if path else f"line {line}"
                sup.warnings.append(f"{where}: unknown rule {c!r} in a procutext-{verb} comment "
                                    "(it suppresses nothing)")
        parsed.append((line, verb, codes))

    def close(key: str, until: int) -> None:
        first = active.pop(key)
        for ln in range(first, until + 1):
            sup.add(ln, None if key == "*" else {key})

    for line, verb, codes in parsed:
        keys = ["*"] if codes is None else sorted(codes)
        if verb == "disable-next-line":
            sup.add(line + 1, codes)
        elif verb == "disable":
            for k in keys:
                active.setdefault(k, line)
        else:  # enable
            if codes is None:
                for k in list(active):
                    close(k, line)
            else:
                for k in keys:
                    if k in active:
                        close(k, line)
    for k in list(active):
        close(k, nlines)
    return sup


def read_markdown(text: str, path: str | None = None) -> Document:
    starts = line_starts(text)
    spans: list[tuple[int, int]] = []
    fm = FRONT_MATTER.match(text)
    if fm:
        spans.append(fm.span())
    spans.extend(_block_spans(text, starts))
    for pattern in (HTML_COMMENT, INLINE_CODE, LINK_TARGET, REF_DEF, AUTOLINK, HTML_TAG):
        for m in pattern.finditer(text):
            s, e = m.span()
            if pattern is LINK_TARGET:
                s += 1  # keep the "]" of the link text
            spans.append((s, e))
    spans.extend(url_spans(text))
    masked = mask_spans(text, spans)
    return Document(masked, source=text, path=path, kind="markdown",
                    suppressions=_suppressions(text, starts, path))
