"""Page furniture by layout: what a line's shape says about it, apart from its words.

The furniture rules (:mod:`procutext.rules.furniture`) first classify each line on its own
(:func:`meta_line`, :func:`separator_run`, :func:`language_switcher`, :func:`residue`, the
phrase patterns of ``glossaries/furniture.tsv``) and then look at neighbours and position
(the page's head above the title, its tail after the article, runs of furniture). This
module holds the line classifiers and the data they use; it registers no rule.

The features are those of page furniture on any site, not the phrases of one:

- a *metadata line* is a date or a time together with at least one field that is not
  article text (a label such as ``Source:`` or ``Updated``, a counter, an agency in
  brackets, a domain name, a dangling separator, a control), in any order, with at most a
  few words left over. A bare date or time stays article text, and so does a news
  dateline (``BEIJING, May 31 (Xinhua) --``);
- a *navigation run* is a line of three or more short items, most of them capitalised,
  separated by ``|``, ``>``, ``»``, ``/``, ``·``, ``•`` or wide spaces;
- a *language switcher* names two or more languages in their own scripts on a short line;
- *residue* is what is left of markup and images: tag fragments, empty brackets, paths,
  decoration rules, placeholders.

Every regular expression here is anchored or bounded, and each line is looked at a fixed
number of times, so a document is classified in time linear in its length.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex
from .. import rx

from ..data import read_tsv

#: patterns of the functions below, compiled once (a call of regex.match(...) looks each up in
#: regex's cache at every call)
_UPPER_START = rx.compile(r"\p{Lu}")
_DASH_END = rx.compile(r"(?:--|—|–|-)\s*$")
_LETTER = rx.compile(r"[\p{L}]")
_CAPITAL_START = rx.compile(r"[\p{Lu}\p{Han}\p{N}“\"'‘(\[【]")
_BAR_OR_BULLET = rx.compile(r"[|｜·•]")
_UPPER_OR_HAN_START = rx.compile(r"[\p{Lu}\p{Han}]")
_ALNUM_RUN = rx.compile(r"[\p{L}\p{N}]+")

#: the kinds of rows in furniture.tsv, and what each holds
KINDS = {
    "breadcrumb": "whole-line breadcrumb patterns",
    "label": "labels of info-bar fields, followed by a colon",
    "meta": "whole-line metadata patterns",
    "control": "whole-line page controls",
    "control-tail": "page controls glued to the end of a line",
    "media": "image file names",
    "footer": "whole-line footer patterns",
    "footer-label": "labels of the footer's contact bar",
    "language": "language names in their own script (language switchers)",
    "related": "headings of related-article lists",
    "related-label": "labels before a link to another article",
    "site-word": "the last word of a site's name",
    "credit": "words of bylines and credits (never furniture by position alone)",
    "counter": "counter words next to a number",
    "meta-word": "words that label a date without a colon (By)",
    "date-label": "labels of a date, with or without a colon",
    "glued-label": "labels of a field that may be glued to the text after it",
    "residue": "whole-line residue of markup and images",
    "residue-prefix": "markup words glued to the first word of a line",
    "template-mt": "machine translation in a page's template: what makes its furniture a finding there",
}


@functools.lru_cache(maxsize=1)
def groups() -> dict[str, list[str]]:
    """The patterns of ``glossaries/furniture.tsv`` by kind."""
    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for row in read_tsv("furniture.tsv"):
        kind = row["kind"]
        if kind not in out:
            raise ValueError(f"furniture.tsv: unknown kind {kind!r} (known: {', '.join(KINDS)})")
        out[kind].append(row["pattern"])
    return out


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


# -- dates and times (a grammar, not a phrase list) ---------------------------------------
MONTH = (r"(?<![A-Za-z])(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")
DATE = (
    r"(?<!\d)\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}(?:\s?日)?"  # 2018-01-12, 2022.07.10, 2021年4月12日
    r"|(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.]\d{4}(?!\d)"  # 12/01/2018
    rf"|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,\s*|\s+)\d{{4}}(?!\d)"  # June 1, 2023; September 19,2016
    rf"|(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?[\s-]+{MONTH}[\s,-]+\d{{4}}(?!\d)"  # 28-Jun-2018, 1 June 2023
    rf"|{MONTH}\s+\d{{4}}(?!\d)"  # December 2018
    rf"|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\d:])"  # May 31
    r"|(?<!\d)\d{1,2}\s?月\s?\d{1,2}\s?日"  # 4月3日
)
TIME = (r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z]))?"
        r"|(?<!\d)\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z])|\d{1,2}时\d{1,2}分")
DATE_RE = rx.compile(DATE, regex.I)
TIME_RE = rx.compile(TIME, regex.I)
#: a domain name written out (URLs proper are masked by the readers)
DOMAIN = (r"(?<![\w@])(?:[\w-]+\.)+(?:com|cn|net|org|gov|edu|info|news|xyz|top|cc|city|io|co|uk|hk)"
          r"(?:\.[a-z]{2})?(?:/[^\s]*)?(?![\w.])")
#: the words a leftover count looks at: runs of letters or digits, a run of Han characters as one
TOKEN = rx.compile(r"\p{Han}+|[\p{L}\p{N}][\p{L}\p{N}'’.&-]*")
SEPARATOR_CHARS = "|｜·•»›>/_~-–—<"


@dataclass(frozen=True)
class Compiled:
    meta_piece: regex.Pattern[str]
    #: the alternation of :attr:`meta_piece` without its guard (for the tests)
    meta_piece_bare: str
    dateline: regex.Pattern[str]
    language: regex.Pattern[str]
    related: regex.Pattern[str]
    related_label: regex.Pattern[str]
    site_suffix: regex.Pattern[str]
    site_name: regex.Pattern[str]
    credit: regex.Pattern[str]
    glued_date: regex.Pattern[str]
    glued_source: regex.Pattern[str]
    residue: regex.Pattern[str]
    residue_prefix: regex.Pattern[str]
    control_tail: regex.Pattern[str]
    empty_labels: regex.Pattern[str]


@functools.lru_cache(maxsize=1)
def compiled() -> Compiled:
    g = groups()
    labels = _alt([regex.escape(x) for x in g["label"]])
    words = _alt(g["meta-word"] + g["date-label"])
    counter = _alt(g["counter"])
    control_tail = _alt(g["control-tail"])
    piece = (
        rf"(?P<date>{DATE})(?:\s*,?\s*(?P<time1>{TIME}))?"
        rf"|(?P<time>{TIME})"
        rf"|(?<![A-Za-z])(?P<label>{labels})\s*[:：]"
        rf"|(?<![A-Za-z])(?P<word>{words})(?![A-Za-z])\s*[:：]?"
        r"|(?P<agency>(?-i:\(\s*\p{Lu}[\w .&'’-]{1,30}\)|(?<![\w(])\p{Lu}[\w.]{1,20}\)))"
        rf"|(?P<url>\ue000+|{DOMAIN})"
        rf"|(?P<control>{control_tail})"
        rf"|(?P<counter>(?<![\w.])\d[\d,]*\s*(?:{counter})(?![A-Za-z])|(?<![A-Za-z])(?:{counter})\s*[:：]?\s*\d[\d,]*)"
        r"|(?P<number>(?<![\w.])\d[\d,]*(?![\w]))"
        r"|(?P<sep>[|｜·•»›>/_~\-–—<]+|\*\*)"
    )
    site_words = _alt(g["site-word"])
    cap = r"\p{Lu}[\p{L}'’.]*"
    return Compiled(
        # a piece never starts inside a word of ASCII letters (each alternative that can start
        # with a letter is guarded by a lookbehind for one, but the control tails), so the guard
        # in front skips those positions without trying the ten alternatives there; the control
        # tails are let through as they are (tests/test_speed_equivalence.py compares with the
        # bare alternation)
        meta_piece=rx.compile(rf"(?:(?<![A-Za-z])|(?![A-Za-z])|(?=(?:{control_tail})))(?:{piece})", regex.I),
        meta_piece_bare=piece,
        dateline=rx.compile(rf"^\(?\p{{Lu}}[\p{{L}}.' -]{{1,40}},\s*(?:{DATE})", regex.I),
        language=rx.compile(rf"(?:{_alt(g['language'])})(?![a-z])"),
        related=rx.compile(rf"(?:[-•·*]\s*)?(?:{_alt(g['related'])})\s*[:：]?\s*(?:[>»›]+)?", regex.I),
        related_label=rx.compile(rf"(?:{_alt(g['related-label'])})\s*[:：]\s*\S.{{2,200}}", regex.I),
        site_suffix=rx.compile(
            rf"(?:\s[-–—_|｜]|[|｜])\s*(?P<site>(?:{cap}\s+){{0,2}}(?=\p{{Lu}})[\p{{L}}'’.]*?(?i:{site_words}))\s*$"),
        site_name=rx.compile(rf"(?:.{{0,60}}\s)?[\p{{L}}'’.]*?(?:{site_words})", regex.I),
        credit=rx.compile(rf"(?<![A-Za-z])(?:{_alt(g['credit'])})(?![A-Za-z])", regex.I),
        glued_date=rx.compile(
            rf"(?P<field>(?<![A-Za-z])(?:{_alt(g['date-label'])})\s*[:：]?\s*(?:{DATE})(?:\s*,?\s*(?:{TIME}))?)(?=\s+\S)",
            regex.I),
        glued_source=rx.compile(
            rf"(?P<field>(?i:{_alt(g['glued-label'])})\s*[:：]\s*{cap}(?:\s+(?:(?:of|and|the|for|&)\s+)*{cap}){{0,7}})"
            r"(?=\s+\p{Ll})"),
        residue=rx.compile(_alt(g["residue"]), regex.I),
        residue_prefix=rx.compile(rf"(?:{_alt(g['residue-prefix'])})(?=\p{{Lu}}\p{{Ll}})"),
        control_tail=rx.compile(rf"\s*(?:{control_tail})\s*$", regex.I),
        empty_labels=rx.compile(rf"(?:(?:{labels})\s*[:：]\s*)+", regex.I),
    )


# -- metadata lines ---------------------------------------------------------------------
#: a quick test: a metadata line has a digit (date, time, counter) or a domain name or URL
_METAISH = rx.compile(r"\d|\w\.\w|\ue000")
_DIGIT = rx.compile(r"\d")
_DOTTED = rx.compile(r"\w\.\w")


def _metaish(content: str) -> bool:
    """``_METAISH.search(content) is not None``, an alternative at a time: a search for one
    character class, a substring test and a search only where there is a dot are each
    quicker than the alternation, which is tried at every position of a line without them."""
    return (_DIGIT.search(content) is not None or "\ue000" in content
            or ("." in content and _DOTTED.search(content) is not None))


def _pieces_full(content: str, c: Compiled) -> tuple[bool, bool, list[str], list[str], int] | None:
    """``(has_date, has_time, extras, rest, words)`` of ``content``: the kinds of its pieces
    (:attr:`Compiled.meta_piece`), the text between them and the number of words in it, or
    None once more than three words are left over, between the pieces and after the last
    (every way of :func:`meta_line` returns None then). Every piece is searched for in
    turn: the reference for :func:`_pieces`."""
    has_date = has_time = False
    extras: list[str] = []
    rest: list[str] = []
    pos = 0
    words = 0  # words left over so far: more than three make no metadata line (see below)
    for m in c.meta_piece.finditer(content):
        piece = content[pos:m.start()]
        words += len(TOKEN.findall(piece))
        if words > 3:
            return None
        rest.append(piece)
        pos = m.end()
        kind = m.lastgroup
        if kind == "time1":
            kind = "date"
        if kind == "date":
            has_date = True
            has_time = has_time or m.group("time1") is not None
        elif kind == "time":
            has_time = True
        elif kind == "sep":
            continue
        else:
            extras.append(kind or "")
    rest.append(content[pos:])
    if words + len(TOKEN.findall(rest[-1])) > 3:
        return None
    return has_date, has_time, extras, rest, words


def _pieces(content: str, c: Compiled) -> tuple[bool, bool, list[str], list[str], int] | None:
    """What :func:`_pieces_full` returns, without searching a line of prose to its end.

    A piece that starts after the fourth word left over (counting from the last piece)
    makes the answer None, and so does the end of the line after it: so the next piece is
    only looked for at the positions up to the start of that word (``match`` at each), and
    a line whose next piece is not there is given up at once. The words of the text between
    two pieces are the tokens that start in it (:data:`TOKEN` has no lookaround), so the
    bound is the start of the fourth token from the last piece's end (less the words
    already counted). Without such a word the rest of the line is searched as in full."""
    has_date = has_time = False
    extras: list[str] = []
    rest: list[str] = []
    pos = 0
    words = 0
    n = len(content)
    match = c.meta_piece.match
    while True:
        bound = n  # the start of the first token too many after pos, if there is one
        allow = 3 - words
        for t in TOKEN.finditer(content, pos):
            if not allow:
                bound = t.start()
                break
            allow -= 1
        if bound == n:
            m = c.meta_piece.search(content, pos)
        else:
            for i in range(pos, bound + 1):
                m = match(content, i)
                if m is not None:
                    break
            else:
                return None  # a piece after ``bound``, or none and too many words after pos
        if m is None:
            break
        if m.end() == m.start():  # (no piece is empty; finditer steps past an empty one)
            return _pieces_full(content, c)
        piece = content[pos:m.start()]
        words += len(TOKEN.findall(piece))
        if words > 3:
            return None
        rest.append(piece)
        pos = m.end()
        kind = m.lastgroup
        if kind == "time1":
            kind = "date"
        if kind == "date":
            has_date = True
            has_time = has_time or m.group("time1") is not None
        elif kind == "time":
            has_time = True
        elif kind == "sep":
            continue
        else:
            extras.append(kind or "")
    rest.append(content[pos:])
    if words + len(TOKEN.findall(rest[-1])) > 3:
        return None
    return has_date, has_time, extras, rest, words


def meta_line(content: str) -> str | None:
    """What makes ``content`` a metadata line, or None.

    A metadata line holds a date or a time and at least one field that is not article text
    (a label, a counter, an agency, a domain, a control, a dangling separator), with at most
    three words left over, none of them a credit ("photo", "reporter"). A bare date, a bare
    time and a news dateline are not metadata lines."""
    if len(content) > 200 or not _metaish(content):
        return None
    c = compiled()
    found = _pieces(content, c)
    if found is None:
        return None
    has_date, has_time, extras, rest, _words = found
    counted = "counter" in extras  # a number with its counter word ("Views 356")
    if "number" in extras:
        # a bare number is a counter beside a lowercase slug ("hotcomm 1633") or another
        # field ("0 By"), not in "14:00 Session 2", nor alone after a date ("January 18
        # 196,000" is a table's row once its cells are text), nor among lowercase words
        # ("0553-1234567 (weekdays, 8:30 a.m. to 5 p.m.)": a telephone number and its hours)
        extras = [e for e in extras if e != "number"]
        tokens = TOKEN.findall(" ".join(rest))
        if not any(_UPPER_START.match(t) for t in tokens) and (extras or len(tokens) == 1):
            extras.append("counter")
    stripped = content.strip()
    dangling = bool(stripped) and (stripped[-1] in SEPARATOR_CHARS or stripped[0] in "|｜»›>")
    leftover = [t for t in TOKEN.findall(" ".join(rest))]
    if any(c.credit.fullmatch(t) and t.lower() != "by" for t in leftover):
        return None
    colon = ":" in content or "：" in content
    if not (has_date or has_time):
        if "url" in extras and colon and len(leftover) <= 2 and len(content.split()) <= 6:
            return "source line"
        if counted and not leftover and all(e == "counter" for e in extras):
            return "counters"  # "Views 356   Comments 2"
        return None
    if dangling:
        extras.append("sep")
    if not extras or len(leftover) > 3:
        return None
    strong = {"label", "word", "control", "url", "counter"}
    if not strong.intersection(extras) and (c.dateline.search(content) or _DASH_END.search(content)):
        return None  # BEIJING, May 31 (Xinhua) --
    what = "date" if has_date else "time"
    if has_date and has_time:
        what = "date and time"
    names = {"label": "a label", "word": "a label", "agency": "an agency", "url": "a site", "control": "a control",
             "counter": "a counter", "sep": "a dangling separator"}
    fields = list(dict.fromkeys(names[e] for e in extras if e in names))
    return f"{what} with {' and '.join(fields)}"


# -- navigation runs --------------------------------------------------------------------
_DIRECTIONAL = rx.compile(r"\s*(?:>>|»|›|→|>|》)\s*|\s+/\s+")
_FLAT = rx.compile(r"\s*[|｜]\s*|\s+[·•]\s+|\s{3,}|\u3000+")
_DASH = rx.compile(r"\s+[-–—]\s+")
_TERMINAL = rx.compile(r"[.!?。！？;；,，]$")


#: the characters without one of which each of the splits below finds no separator (a line
#: without them is one part, never a run): a substring test each, instead of a split's scan
_DIRECTIONAL_CHARS = (">", "»", "›", "→", "》", "/")
_FLAT_CHARS = ("|", "｜", "·", "•", "\u3000")
_DASH_CHARS = ("-", "–", "—")
_WIDE = rx.compile(r"\s{3}")


def _has_any(content: str, chars: tuple[str, ...]) -> bool:
    """Whether one of ``chars`` occurs in ``content`` (the quick tests before the splits of
    :func:`separator_run`; tests/test_speed_equivalence_en.py replaces it by ``True``)."""
    for ch in chars:  # (a loop: a generator in any() costs more than the tests)
        if ch in content:
            return True
    return False


def _items_ok(items: list[str], short: int, last: int) -> bool:
    if len(items) < 2 or any(not _LETTER.search(x) for x in items):
        return False
    for i, item in enumerate(items):
        n = len(item.split())
        limit = last if i == len(items) - 1 else short
        if n > limit:
            return False
        if i < len(items) - 1 and _TERMINAL.search(item):
            return False
    capital = sum(1 for x in items if _CAPITAL_START.match(x))
    return capital * 4 >= len(items) * 3


def _name_like(item: str) -> bool:
    """Two or three capitalised words: a person's name ("Tong Jianming") more than a link."""
    words = item.split()
    return 2 <= len(words) <= 3 and all(_UPPER_START.match(w) for w in words)


def _split(content: str, sep: regex.Pattern[str]) -> list[str] | None:
    parts = [p.strip() for p in sep.split(content)]
    if parts and not parts[0]:
        parts = parts[1:]
    if parts and not parts[-1]:
        parts = parts[:-1]
    if any(not p for p in parts):
        return None
    return parts


def separator_run(content: str, next_line: str = "") -> tuple[str, list[str]] | None:
    """``("breadcrumb" | "navbar", items)`` when ``content`` is a run of short items between
    separators, else None.

    Directional separators (``>``, ``»``, ``›``, ``→``, `` / ``) make a breadcrumb, whose
    last step may be a whole title; flat ones (``|``, `` · ``, `` • ``, wide spaces) a bar of
    links, or a ticker of headlines between bullets. Dashes (`` - ``) separate steps only
    when the first step is a site's name or the last repeats the title on the next line
    (``Site - Category - Title``). A row of a table (a line that starts with ``|``) is not
    a run."""
    if len(content) > 1000 or content.startswith(("|", "｜")):
        return None  # (a line without any separator skips each of the three splits below)
    parts = _split(content, _DIRECTIONAL) if _has_any(content, _DIRECTIONAL_CHARS) else None
    if parts and len(parts) >= 3 and _items_ok(parts, 6, 15):
        return "breadcrumb", parts
    flat = _has_any(content, _FLAT_CHARS) or _WIDE.search(content) is not None
    parts = _split(content, _FLAT) if flat else None
    if parts and len(parts) >= 3:
        bullets = "•" in content or "·" in content
        wide = not _BAR_OR_BULLET.search(content)
        if bullets and len(parts) < 5 and all(_name_like(p) for p in parts):
            return None  # "Zhang Jun · Tong Jianming · Sun Qian": names, not links
        if wide:
            if _items_ok(parts, 3, 3) and all(_UPPER_OR_HAN_START.match(p) for p in parts):
                return "navbar", parts
        elif _items_ok(parts, 14 if bullets else 6, 14 if bullets else 6):
            return "navbar", parts
    parts = _split(content, _DASH) if _has_any(content, _DASH_CHARS) else None
    if parts and len(parts) >= 3 and _items_ok(parts, 6, 15):
        c = compiled()
        if c.site_name.fullmatch(parts[0]) or (next_line and normalized(parts[-1]) == normalized(next_line)):
            return "breadcrumb", parts
    return None


# -- other shapes -----------------------------------------------------------------------
def language_switcher(content: str) -> bool:
    """Whether ``content`` is a short line naming two or more languages in their own script
    ("English | 中文", "Global Edition ASIA 中文 双语 Français")."""
    if len(content) > 120 or len(content) < 4 or len(content.split()) > 8:
        return False
    names = {m.group() for m in compiled().language.finditer(content)}
    return len(names) >= 2


def residue(content: str) -> bool:
    """Whether the whole line is residue of markup or images (``p>``, ``[]``, ``~~~~~``,
    ``/html/cases/``, ``[图片]``)."""
    return len(content) <= 200 and compiled().residue.fullmatch(content) is not None


#: a sentence's end, before a separator (a credit after a sentence is not a site name glued to a title)
SENTENCE_END_RE = rx.compile(r"[.!?。！？][\"'”’)）]*$")
#: "# Report # Introduction": tags with a blank after the mark (a hashtag such as #MeToo has none)
HASHTAGS = rx.compile(r"(?:#\s[\p{L}\p{N}][\p{L}\p{N}'’-]*\s*){2,}")
TRAILING_PIPE = rx.compile(r"(?<=[.!?。”\"'’])\s*[|｜]\s*$")


def normalized(text: str) -> str:
    """Letters and digits only, lower-cased: "Report on the Work ofthe Court" and "Report
    on the Work of the Court" compare equal."""
    return "".join(_ALNUM_RUN.findall(text)).lower()


_PAIRS = {"(": ")", "（": "）", "[": "]", "【": "】"}


def is_credit(content: str) -> bool:
    """A byline or a credit ("By Zhang San", "(Web editor: Shi Xi)", "(CCTV reporter …)"):
    never furniture by its position alone. A credit word alone ("Photos", a sidebar
    heading) is not a credit: a credit names someone."""
    s = content.strip()
    closer = _PAIRS.get(s[:1])
    if closer and s.endswith(closer) and closer not in s[1:-1]:  # "(Web editor: Shi Xi)", not "[Work Report] …)"
        return True
    return len(s.split()) >= 2 and compiled().credit.search(s) is not None
