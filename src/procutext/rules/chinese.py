"""Chinese-side cleanup (family ``chinese``, PT8xx): a Chinese source made ready for translation.

Translators who prepare a Chinese source copied from a web page or a PDF meet the same damage
every time: ASCII punctuation where Chinese typesetting has full-width marks (`规定,保障` for
`规定，保障`), straight quotes (`"检察"`), spaces that PDF extraction put between the
characters of a word (`检 察 院`) or around full-width marks (`院 ，保障`), full-width digits
and letters (`１２３`, `ＡＢＣ`), and traditional characters in a simplified text. These rules
find and fix them with the same model as the English rules (a finding with an edit; `check`
reports, `fix` applies the safe edits).

## Which text is Chinese
The rules check only the lines :func:`procutext.analysis.line_classes` counts as Chinese, and
the English rules skip exactly those lines: with ``lang = "auto"`` (the default) each line is
judged by its Han characters and Latin letters, so a mostly Chinese text gets the Chinese rules
on its Chinese paragraphs and the English rules on its English ones; in a mostly English text
(a bilingual page, a dictionary's examples) the Chinese lines are published as they stand and
no rule checks them; ``--lang zh`` makes the whole input
Chinese (and the English rules are not run at all), ``--lang en`` none of it. English text
without a Han character costs each rule one cached lookup.

## Codes
| code | name | fix |
|---|---|---|
| PT801 | ascii-punctuation-in-chinese | safe |
| PT802 | straight-quotes-in-chinese | safe (paired quotes only) |
| PT803 | letter-spaced-han | safe |
| PT804 | fullwidth-alphanumeric | safe |
| PT805 | traditional-characters | unsafe; safe with ``--to-simplified`` (opt-in rule) |
| PT806 | space-around-fullwidth-punctuation | safe |
| PT807 | split-han-word | unsafe (jieba's dictionary decides) |

Codes are never reused. Half-width stays where Chinese typesetting keeps it (GB/T 15834 and
GB/T 15835): inside numbers (1.5, 3,000, 9:30, 3.5%), inside URLs, file names and e-mail
addresses, inside English words and phrases embedded in Chinese (iPhone, A股, "Hello, world"),
and between digits. Spaces around embedded English words and numbers are never removed.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from .. import rx

from ..analysis import line_classes
from ..model import Applicability, Finding
from ..registry import Example, rule

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document

FAMILY = "chinese"
ZH = (("lang", "zh"),)  # the examples' option: the example text is Chinese

#: horizontal blanks that the fixes may remove next to a full-width mark (never U+3000, the
#: ideographic space Chinese typesetting indents with, never a line break)
BLANKS = " \t\u00a0"
#: full-width marks: a neighbour that makes the context Chinese
CJK_PUNCT = frozenset("，。、；：！？（）“”‘’《》〈〉「」『』【】〔〕…—·～")
CJK_CLOSERS = frozenset("”’）》〉」』】〕")
#: what may follow a full stop that ends a Chinese sentence
STOP_FOLLOWERS = frozenset("\"'”’）)》」』")
CHINESE_NUMERALS = frozenset("一二三四五六七八九十百千零〇")


def _han(c: str) -> bool:
    """Whether ``c`` is a Han character (CJK unified ideographs, extension A, compatibility
    ideographs, and the supplementary planes' extensions)."""
    if not c:
        return False
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def _latin(c: str) -> bool:
    """Whether ``c`` is an ASCII letter or digit (of an embedded English word: People's)."""
    return c.isascii() and c.isalnum()


def _zh(c: str) -> bool:
    """Whether ``c`` makes its neighbourhood Chinese: a Han character or a full-width mark."""
    return bool(c) and (_han(c) or c in CJK_PUNCT)


def chinese_spans(doc: "Document", ctx: "Context") -> list[tuple[int, int]]:
    """The spans of ``doc.text`` the Chinese rules check: its Chinese lines
    (:func:`procutext.analysis.line_classes`), each ``(start, end)`` without the line break."""
    classes = line_classes(doc, ctx)
    if not classes.mostly_chinese:
        # the Chinese lines of an English text (a bilingual page, a dictionary's examples, a
        # quoted original) are published as they are: the English rules leave them alone, and
        # so do these; a Chinese source is checked on its own, or with --lang zh
        return []
    n = len(doc.text)
    return [(s, min(e, n)) for s, e in zip(classes.chinese_starts, classes.chinese_ends)]


class _Line:
    """The text of one line around an offset: neighbours across blanks, the line's edges."""

    __slots__ = ("text", "start", "end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end

    def before(self, i: int) -> tuple[int, str]:
        """``(j, c)``: the last non-blank character before ``i`` on the line and its index
        (``(start - 1, "")`` at the line's start)."""
        t, j = self.text, i - 1
        while j >= self.start and t[j] in BLANKS:
            j -= 1
        return (j, t[j]) if j >= self.start else (self.start - 1, "")

    def after(self, i: int) -> tuple[int, str]:
        """``(j, c)``: the first non-blank character at or after ``i`` on the line and its
        index (``(end, "")`` at the line's end)."""
        t, j = self.text, i
        while j < self.end and t[j] in BLANKS:
            j += 1
        return (j, t[j]) if j < self.end else (self.end, "")


def _lines(text: str, start: int, end: int) -> Iterator[_Line]:
    """The lines of ``text[start:end]`` (a Chinese span may hold many lines with ``lang=zh``)."""
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        le = end if nl == -1 else nl
        if le > 0 and le > pos and text[le - 1] == "\r":
            le -= 1
        yield _Line(text, pos, le)
        if nl == -1:
            break
        pos = nl + 1


# --------------------------------------------------------------------------- PT801

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。", "(": "（", ")": "）"}
ASCII_MARK = rx.compile(r"[,;:]|[?!]+|(?<!\.)\.(?!\.)|[()（）]")


def _trim(line: _Line, s: int, e: int, left: bool, right: bool) -> tuple[int, int]:
    """``s..e`` widened over the blanks on its left and right (each when asked), unless the
    blanks reach the line's edge (indentation and trailing blanks are not this rule's)."""
    if left:
        j, c = line.before(s)
        if c:
            s = j + 1
    if right:
        j, c = line.after(e)
        if c:
            e = j
    return s, e


def _list_marker_before(line: _Line, j: int) -> bool:
    """Whether ``text[line.start:j + 1]`` is a Chinese numeral opening the line (``一.``)."""
    t = line.text
    k = j
    while k >= line.start and t[k] in CHINESE_NUMERALS:
        k -= 1
    while k >= line.start and t[k] in BLANKS + "\u3000":
        k -= 1
    return k < line.start and j >= line.start and t[j] in CHINESE_NUMERALS


@rule(
    "PT801",
    "ascii-punctuation-in-chinese",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example("人民检察院依法独立行使检察权,不受行政机关干涉.", "人民检察院依法独立行使检察权，不受行政机关干涉。",
                "人民检察院依法独立行使检察权，不受行政机关干涉。", options=ZH),
        Example("检察院(以下简称本院)决定:不起诉 ?", "检察院（以下简称本院）决定：不起诉？",
                "检察院（以下简称本院）决定：不起诉？", options=ZH),
        Example("上午9:30,增长3.5%,访问www.spp.gov.cn;了解详情", "上午9:30，增长3.5%，访问www.spp.gov.cn；了解详情",
                "上午9:30，增长3.5%，访问www.spp.gov.cn；了解详情", options=ZH),
        Example("会上使用了 iPhone,并且发布了A股数据(2023年)", "会上使用了 iPhone，并且发布了A股数据（2023年）",
                "会上使用了 iPhone，并且发布了A股数据（2023年）", options=ZH),
    ],
)
def ascii_punctuation_in_chinese(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """ASCII punctuation (`,` `.` `;` `:` `?` `!` `(` `)`) inside Chinese text.

    ## What it does
    In Chinese lines, finds the ASCII comma, semicolon, colon, question and exclamation mark
    next to Chinese text, the full stop that ends a Chinese sentence (a Han character before
    it; a Han character, a closing quote or bracket, or the line's end after it), and ASCII
    brackets around or next to Chinese text. Half-width is left where Chinese typesetting
    keeps it: between digits (1.5, 3,000, 9:30, 3:2), inside URLs, file names and English
    words or sentences embedded in the Chinese (`iPhone`, `A股`, `Hello, world.`), after a
    Latin word for `.`, `?` and `!` (`Yahoo!`, `Inc.`), and a Chinese numeral opening a line
    (`一.总则`, a list marker).

    ## Why it matters
    Chinese text is set with full-width marks (GB/T 15834); the ASCII ones come from
    conversions and web editors. They look cramped in Chinese, and they break the tools a
    translator feeds the source to: sentence splitters and aligners split on 。！？, CAT
    tools segment on them, and punctuation checks compare 。 with `.`.

    ## Example
    ```
    人民检察院依法独立行使检察权,不受行政机关干涉.
    ```

    ## Use instead
    ```
    人民检察院依法独立行使检察权，不受行政机关干涉。
    ```

    ## Fix safety
    Safe: each mark becomes its full-width form, and blanks between it and its neighbours go
    (full-width marks carry their own spacing; blanks at a line's start or end stay). A
    bracket is changed only with its partner on the same line (or when its partner is
    already full-width); an unpaired ASCII bracket is left alone.
    """
    r = ascii_punctuation_in_chinese.rule  # type: ignore[attr-defined]
    text = doc.text
    for s0, e0 in chinese_spans(doc, ctx):
        for line in _lines(text, s0, e0):
            yield from _punct_line(r, line)


def _punct_line(r, line: _Line) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
    text = line.text
    stack: list[tuple[int, str]] = []  # open brackets: (index, "(" or "（")
    pairs: list[tuple[int, int]] = []  # (open, close), at least one of them ASCII
    out: list[tuple[int, int, int, str]] = []  # (index, edit start, edit end, mark)
    for m in ASCII_MARK.finditer(text, line.start, line.end):
        s, e = m.span()
        mark = m.group()
        if mark in "(（":
            stack.append((s, mark))
            continue
        if mark in ")）":
            if stack:
                o, om = stack.pop()
                if om == "(" or mark == ")":
                    pairs.append((o, s))
            continue
        j, p = line.before(s)
        k, nx = line.after(e)
        prev_adj = text[s - 1] if s > line.start else ""
        next_adj = text[e] if e < line.end else ""
        if mark in ",;:":
            if prev_adj.isdigit() and next_adj.isdigit():
                continue  # 3,000  9:30  3:2
            if not (_zh(p) or _zh(next_adj)):
                continue  # inside English or a URL; after an English label with a blank (Title: 中文)
        elif mark == ".":
            if not (_han(p) or p in CJK_CLOSERS):
                continue  # 1.5  www.spp.gov.cn  Inc.
            if not (nx == "" or _han(nx) or nx in STOP_FOLLOWERS or nx in CJK_CLOSERS):
                continue  # 报告.pdf  百度.com  第一.1
            if _list_marker_before(line, j):
                continue  # 一.总则: a list marker (Chinese has 一、)
        elif not _zh(p):  # a run of ? and !
            continue  # Yahoo!  a.php?id=1
        es, ee = _trim(line, s, e, True, _zh(nx))
        out.append((s, es, ee, mark))
    for o, c in pairs:
        inside = any(_han(ch) for ch in text[o + 1:c])
        j, p = line.before(o)
        k, nx = line.after(c + 1)
        mixed = text[o] == "（" or text[c] == "）"
        if not (mixed or inside or _zh(p) or (p == "" or p in CJK_PUNCT) and _zh(nx)):
            continue
        for idx, left, right in ((o, _zh(p), True), (c, True, _zh(nx))):
            if text[idx] in "()":
                es, ee = _trim(line, idx, idx + 1, left, right)
                out.append((idx, es, ee, text[idx]))
    out.sort()
    for s, es, ee, mark in out:
        rep = "".join(FULL[ch] for ch in mark)
        yield r.finding(f"ASCII {mark!r} in Chinese text; use {rep!r}", s, s + len(mark), rep,
                        edit_start=es, edit_end=ee)


# --------------------------------------------------------------------------- PT802

QUOTE_CHARS = rx.compile(r"[\"“”]")
APOSTROPHE = "'"
#: ASCII marks that PT801 makes full-width after Chinese text: a quotation after them is Chinese
OPENING_CONTEXT = frozenset(",;:")


def _quote_context(line: _Line, o: int, c: int) -> bool:
    """Whether the quotation ``text[o:c + 1]`` is Chinese: Han inside it, or a Han character
    or a full-width mark (or ``,`` ``:`` ``;`` after Chinese text) next to it outside."""
    text = line.text
    if any(_han(ch) for ch in text[o + 1:c]):
        return True
    j, p = line.before(o)
    k, nx = line.after(c + 1)
    if _zh(p) or _zh(nx):
        return True
    return p in OPENING_CONTEXT and _zh(line.before(j)[1])


@rule(
    "PT802",
    "straight-quotes-in-chinese",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example('检察官说:"依法惩治犯罪,保护人民",会议结束。', "检察官说：“依法惩治犯罪，保护人民”，会议结束。",
                '检察官说:“依法惩治犯罪,保护人民”,会议结束。', options=ZH),
        Example("他说:“我听到'不要放弃'这句话。”", "他说:“我听到‘不要放弃’这句话。”",
                "他说:“我听到‘不要放弃’这句话。”", options=ZH),
        Example('报道称 "OK" 是常用词,而 print("x") 是代码。', '报道称 “OK” 是常用词,而 print("x") 是代码。',
                '报道称 “OK” 是常用词,而 print("x") 是代码。', options=ZH),
    ],
)
def straight_quotes_in_chinese(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Straight quotation marks (`"…"`, `'…'`) around Chinese text.

    ## What it does
    In Chinese lines, pairs the straight double quotes of each line in order and finds each
    pair that quotes Chinese (Han inside, or Chinese text next to it outside); a pair inside
    a “…” quotation is a nested quotation. Straight single quotes are paired only with Han
    right inside both (`'不要放弃'`), so that the apostrophes of embedded English
    (`People's`) are never touched. Quotes around code or inside an English phrase
    (`print("x")`) are left alone. A line with an odd number of straight double quotes is
    reported without a fix: which quote lacks its partner is not certain.

    ## Why it matters
    Chinese quotations take “ ” and, nested, ‘ ’ (GB/T 15834). Straight quotes come from
    keyboards and converters; they cannot tell opening from closing, so aligners and
    quotation checks (“” kept as quotes in the English) lose the pairs.

    ## Example
    ```
    检察官说:"依法惩治犯罪,保护人民",会议结束。
    ```

    ## Use instead
    ```
    检察官说:“依法惩治犯罪,保护人民”,会议结束。
    ```
    (PT801 makes the colon and commas full-width.)

    ## Fix safety
    Safe for the pairs: the opening quote becomes “ (‘ when nested or single), the closing
    one ” (’). An unpaired quote is reported without a fix.
    """
    r = straight_quotes_in_chinese.rule  # type: ignore[attr-defined]
    text = doc.text
    for s0, e0 in chinese_spans(doc, ctx):
        if '"' not in text[s0:e0] and APOSTROPHE not in text[s0:e0]:
            continue
        for line in _lines(text, s0, e0):
            yield from _quotes_line(r, line)


def _quotes_line(r, line: _Line) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
    text = line.text
    found: list[Finding] = []
    straight: list[tuple[int, int]] = []  # (index, curly depth there)
    depth = 0
    for m in QUOTE_CHARS.finditer(text, line.start, line.end):
        ch = m.group()
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        else:
            straight.append((m.start(), depth))
    if len(straight) % 2:
        for i, _ in straight:
            if _zh(text[i - 1] if i > line.start else "") or _zh(text[i + 1] if i + 1 < line.end else ""):
                found.append(r.finding('unpaired straight quote \'"\' in Chinese text; use “ or ”', i, i + 1))
    else:
        for (o, d), (c, _) in zip(straight[::2], straight[1::2]):
            if not _quote_context(line, o, c):
                continue
            op, cl = ("‘", "’") if d else ("“", "”")
            found.append(r.finding(f'straight quotes in Chinese text; use {op}…{cl}', o, o + 1, op))
            found.append(r.finding(f'straight quotes in Chinese text; use {op}…{cl}', c, c + 1, cl))
    # single quotes: an opening one right before Han, a closing one right after Han
    i = text.find(APOSTROPHE, line.start, line.end)
    opening = -1
    while i != -1:
        prev = text[i - 1] if i > line.start else ""
        nxt = text[i + 1] if i + 1 < line.end else ""
        if opening == -1:
            if _han(nxt) and not _latin(prev):
                opening = i
        elif _han(prev) and not _latin(nxt):
            found.append(r.finding("straight quotes in Chinese text; use ‘…’", opening, opening + 1, "‘"))
            found.append(r.finding("straight quotes in Chinese text; use ‘…’", i, i + 1, "’"))
            opening = -1
        elif _han(nxt) and not _latin(prev):
            opening = i  # 'a' '乙': the later one opens
        i = text.find(APOSTROPHE, i + 1, line.end)
    found.sort(key=Finding.sort_key)
    yield from found


# --------------------------------------------------------------------------- PT803

#: three or more Han characters, each separated from the next by a single blank: the letter
#: spacing that PDF extraction makes of a word (检 察 院); the whole run, by the possessive
LETTER_SPACED = rx.compile(r"(?<!\p{Han}[ \u00a0])\p{Han}(?:[ \u00a0]\p{Han}){2,}+")


@rule(
    "PT803",
    "letter-spaced-han",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example("湾 沚 区 人 民 检 察 院召开会议。", "湾沚区人民检察院召开会议。", "湾 沚 区 人 民 检 察 院召开会议。",
                options=ZH),
        Example("湾 沚 区 人 民 检 察 院", "湾沚区人民检察院", "湾沚区人民检察院", options=ZH),
        Example("本院于 2023 年 7 月起诉了 3 名被告人。人 民 监 督 员、律师均到庭。",
                "本院于 2023 年 7 月起诉了 3 名被告人。人民监督员、律师均到庭。",
                "本院于 2023 年 7 月起诉了 3 名被告人。人民监督员、律师均到庭。", options=ZH),
    ],
)
def letter_spaced_han(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Han characters spaced out one by one (`检 察 院`), as PDF and web extraction leave them.

    ## What it does
    In Chinese lines, finds runs of three or more Han characters each separated from the next
    by a single space: the letter spacing of a PDF's justified or spaced-out heading, or of
    a page that spaced its characters with CSS, extracted as text. Two spaced characters
    (`目 录`, a heading's deliberate spacing, and `检 察院`), spaces between words
    (`第一条 为了`), the ideographic space (U+3000) and the spaces around embedded numbers
    and English words (`于 2023 年`, `使用 iPhone 手机`) are left alone. A run that a Han
    character touches without a space (`湾 沚 区人民检察院`) is reported with the joined
    run as a suggestion.

    ## Why it matters
    Chinese has no spaces between words: `检 察 院` is one word, 检察院, split into three
    for a reader, a search, a glossary lookup (which does not match it) and a segmenter
    (which sees three one-character words).

    ## Example
    ```
    湾 沚 区 人 民 检 察 院
    ```

    ## Use instead
    ```
    湾沚区人民检察院
    ```

    ## Fix safety
    Safe: only the spaces between the characters of the run are removed (the result is
    what Chinese text, which has no spaces between words, would have). A run that a Han
    character touches on either side is reported without a fix: where its words start and
    end is not certain (`检 察 院 依法`: is `依` the run's or `依法`'s?).
    """
    r = letter_spaced_han.rule  # type: ignore[attr-defined]
    text = doc.text
    n = len(text)
    for s0, e0 in chinese_spans(doc, ctx):
        if " " not in text[s0:e0] and "\u00a0" not in text[s0:e0]:
            continue
        for m in LETTER_SPACED.finditer(text, s0, e0):
            s, e = m.span()
            joined = m.group().replace(" ", "").replace("\u00a0", "")
            if (s > 0 and _han(text[s - 1])) or (e < n and _han(text[e])):
                yield r.finding(f"letter-spaced Han characters {m.group()!r} next to more Chinese: where the "
                                "word starts and ends is not certain (no fix)", s, e, suggestions=(joined,))
            else:
                yield r.finding(f"letter-spaced Han characters {m.group()!r}; use {joined!r}", s, e, joined)


# --------------------------------------------------------------------------- PT804

#: full-width digits and Latin letters, with a full-width decimal point between digits and a
#: full-width per cent sign after them (３．５％)
FULLWIDTH_ALNUM = rx.compile(
    r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+(?:．[\uff10-\uff19]+)*(?:(?<=[\uff10-\uff19])％)?"
)


@rule(
    "PT804",
    "fullwidth-alphanumeric",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example("２０２３年共受理案件１２３件,同比上升３．５％。", "2023年共受理案件123件,同比上升3.5%。",
                "2023年共受理案件123件,同比上升3.5%。", options=ZH),
        Example("ＡＢＣ公司在Ａ股上市。", "ABC公司在A股上市。", "ABC公司在A股上市。", options=ZH),
    ],
)
def fullwidth_alphanumeric(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Full-width digits and Latin letters (`１２３`, `ＡＢＣ`) in Chinese text.

    ## What it does
    In Chinese lines, finds digits and Latin letters typed in their full-width forms
    (U+FF10–U+FF19, U+FF21–U+FF3A, U+FF41–U+FF5A), with a full-width decimal point between
    digits and a full-width per cent sign after them (`３．５％`). Full-width punctuation
    is Chinese punctuation and is left alone; in English lines PT120 reports these forms.

    ## Why it matters
    Chinese publishing writes Arabic numerals and Latin letters half-width (GB/T 15835).
    Full-width digits are not numbers to a search, a spreadsheet, a glossary lookup or a
    translation tool's number check: `１２３` and `123` do not match.

    ## Example
    ```
    ２０２３年共受理案件１２３件,同比上升３．５％。
    ```

    ## Use instead
    ```
    2023年共受理案件123件,同比上升3.5%。
    ```

    ## Fix safety
    Safe: each character becomes its half-width form (Unicode NFKC), which has the same
    meaning.
    """
    r = fullwidth_alphanumeric.rule  # type: ignore[attr-defined]
    text = doc.text
    for s0, e0 in chinese_spans(doc, ctx):
        for m in FULLWIDTH_ALNUM.finditer(text, s0, e0):
            rep = unicodedata.normalize("NFKC", m.group())
            yield r.finding(f"full-width {m.group()!r} in Chinese text; use {rep!r}", m.start(), m.end(), rep)


# --------------------------------------------------------------------------- PT805


@lru_cache(maxsize=1)
def traditional_characters() -> frozenset[str]:
    """The characters OpenCC's traditional-to-simplified dictionary converts (read from the
    opencc package's data without importing it): a text with none of them is not converted."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the opencc package (opencc-python-reimplemented) is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "TSCharacters.txt"
    chars = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values.split(" ")[0] != key:  # 乾 → 干 乾: the first value is the usual one
                chars.add(key)
    return frozenset(chars)


_t2s = None


def to_simplified(text: str) -> str:
    """``text`` converted by OpenCC's ``t2s`` (phrases first, then characters); OpenCC is
    loaded on the first call."""
    global _t2s
    if _t2s is None:
        import opencc

        _t2s = opencc.OpenCC("t2s")
    return str(_t2s.convert(text))


@rule(
    "PT805",
    "traditional-characters",
    family=FAMILY,
    fix=Applicability.UNSAFE,
    default_enabled=False,
    examples=[
        Example("最高人民檢察院發佈典型案例。", "最高人民检察院发布典型案例。", "最高人民检察院发布典型案例。", options=ZH),
        Example("乾坤未定,頭髮已白。", "乾坤未定,头发已白。", "乾坤未定,头发已白。", options=ZH),
    ],
)
def traditional_characters_rule(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Traditional characters in Chinese text (opt-in; `--to-simplified` fixes them).

    ## What it does
    In Chinese lines, finds runs of Han characters that OpenCC's traditional-to-simplified
    conversion (`t2s`: phrases first, then characters) changes, and offers the converted
    run. Characters that are also simplified in some words (乾 of 乾坤, 於 as a surname)
    are converted only where OpenCC's phrase table says so. Off by default: select PT805 to
    report traditional characters, or pass `--to-simplified` (config `to-simplified = true`)
    to convert them with `fix`. A text without any character of OpenCC's table is not
    converted at all (a set lookup per Han character).

    ## Why it matters
    A source copied from a Hong Kong, Macao or Taiwan page, or from an old scan, mixes
    traditional characters into a simplified text; glossaries, gazetteers and translation
    memories keyed on simplified Chinese do not match them (檢察院 is not 检察院).

    ## Example
    ```
    最高人民檢察院發佈典型案例。
    ```

    ## Use instead
    ```
    最高人民检察院发布典型案例。
    ```

    ## Fix safety
    Unsafe: conversion is not one to one (髮 and 發 both become 发; 乾 stays in 乾坤 and
    becomes 干 in 乾淨), so a text meant to be traditional, or a quoted traditional name,
    would be changed. With `--to-simplified` the user asks for the conversion, and the
    fixes are applied as safe ones.
    """
    r = traditional_characters_rule.rule  # type: ignore[attr-defined]
    text = doc.text
    spans = chinese_spans(doc, ctx)
    if not spans:
        return
    table = traditional_characters()
    how = Applicability.SAFE if ctx.to_simplified else Applicability.UNSAFE
    for s0, e0 in spans:
        for m in HAN_RUN.finditer(text, s0, e0):
            run = m.group()
            if not any(ch in table for ch in run):
                continue
            simple = to_simplified(run)
            if simple == run:
                continue
            s, e = m.span()
            if len(simple) == len(run):  # the changed part only
                a = 0
                while run[a] == simple[a]:
                    a += 1
                b = len(run)
                while run[b - 1] == simple[b - 1]:
                    b -= 1
                s, e, old, new = s + a, s + b, run[a:b], simple[a:b]
            else:
                old, new = run, simple
            yield r.finding(f"traditional characters {old!r}; simplified: {new!r}", s, e, new,
                            applicability=how, suggestions=(new,))


HAN_RUN = rx.compile(r"\p{Han}+")


# --------------------------------------------------------------------------- PT806

#: the full-width marks whose neighbouring blanks PT806 removes
FULLWIDTH_MARKS = frozenset("，。、；：！？（）“”‘’《》〈〉「」『』【】〔〕")
BLANK_RUN = rx.compile(r"[ \t\u00a0]+")


@rule(
    "PT806",
    "space-around-fullwidth-punctuation",
    family=FAMILY,
    fix=Applicability.SAFE,
    examples=[
        Example("本院依法提起公诉 ，法院判决被告人有罪。 案件已审结。", "本院依法提起公诉，法院判决被告人有罪。案件已审结。",
                "本院依法提起公诉，法院判决被告人有罪。案件已审结。", options=ZH),
        Example("检察官表示： “要依法办案”。", "检察官表示：“要依法办案”。", "检察官表示：“要依法办案”。", options=ZH),
    ],
)
def space_around_fullwidth_punctuation(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Spaces next to full-width punctuation in Chinese text (`公诉 ，法院`, `有罪。 案件`).

    ## What it does
    In Chinese lines, finds blanks (spaces, tabs, no-break spaces) between a full-width mark
    (，。、；：！？, brackets, quotes and book-title marks) and a Han character or another
    full-width mark. Blanks between a full-width mark and an English word or a number
    (`表示： Hello`, `共计， 2023年`) are left alone, and so are indentation, trailing
    blanks and the ideographic space (U+3000).

    ## Why it matters
    A full-width mark carries its own spacing: a space beside it opens a visible gap in the
    line. The spaces come from joined lines of a PDF or of a web page's markup, and they
    end up in the translation memory's source segments.

    ## Example
    ```
    本院依法提起公诉 ，法院判决被告人有罪。 案件已审结。
    ```

    ## Use instead
    ```
    本院依法提起公诉，法院判决被告人有罪。案件已审结。
    ```

    ## Fix safety
    Safe: only the blanks are removed.
    """
    r = space_around_fullwidth_punctuation.rule  # type: ignore[attr-defined]
    text = doc.text
    for s0, e0 in chinese_spans(doc, ctx):
        if " " not in text[s0:e0] and "\t" not in text[s0:e0] and "\u00a0" not in text[s0:e0]:
            continue
        for m in BLANK_RUN.finditer(text, s0, e0):
            s, e = m.span()
            before = text[s - 1] if s > 0 else ""
            after = text[e] if e < len(text) else ""
            # a full-width mark on one side, Chinese (Han or another mark) on the other
            if (before in FULLWIDTH_MARKS and (_han(after) or after in FULLWIDTH_MARKS)) or (
                    after in FULLWIDTH_MARKS and _han(before)):
                yield r.finding("space next to full-width punctuation in Chinese text", s, e, "")


# --------------------------------------------------------------------------- PT807

_tokenizer = None
#: Han characters on each side of a blank that the segmenter sees
WINDOW = 6


def _segmenter():  # type: ignore[no-untyped-def]
    """jieba's tokenizer, loaded once, on the first Chinese text that has a blank between two
    Han characters (loading takes about a second)."""
    global _tokenizer
    if _tokenizer is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        tk.initialize()
        _tokenizer = tk
    return _tokenizer


def _split_word(left: str, right: str) -> str | None:
    """The dictionary word that ``left + right`` has across their boundary, if any."""
    cut = len(left)
    for word, s, e in _segmenter().tokenize(left + right, HMM=False):
        if s < cut < e:
            return str(word)
    return None


@rule(
    "PT807",
    "split-han-word",
    family=FAMILY,
    fix=Applicability.UNSAFE,
    examples=[
        Example("人民检察院通过行使检察权,维护国家安全和社 会秩序。", "人民检察院通过行使检察权,维护国家安全和社会秩序。",
                "人民检察院通过行使检察权,维护国家安全和社会秩序。", options=ZH),
        Example("最高人民 检察院发布典型案例", "最高人民检察院发布典型案例", "最高人民检察院发布典型案例", options=ZH),
        Example("检察 机关依法办案。", "检察机关依法办案。", "检察机关依法办案。", options=ZH),
    ],
)
def split_han_word(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A blank inside a Chinese word (`社 会秩序`, `最高人民 检察院`), as joined lines leave it.

    ## What it does
    In Chinese lines, finds a blank between two Han characters where the words around it,
    segmented by jieba's dictionary (without its guesses for unknown words), have a word
    across the blank: `维护社 会秩序` has 社会秩序, `检察 机关` has 检察机关. A blank between
    two words is left alone (`第一条 为了规范`, `第一章 总则`, `会议通过 根据`, `记者 张三`),
    and so are letter-spaced runs (PT803), the ideographic space (U+3000) and blanks next to
    numbers and English words. jieba is loaded only for a Chinese text that has a blank
    between Han characters.

    ## Why it matters
    A PDF's line ends and a web page's markup leave blanks inside words when the text is
    extracted; the word is then split for a glossary lookup, a segmenter and the aligner's
    anchors (最高人民 检察院 does not match 最高人民检察院).

    ## Example
    ```
    人民检察院通过行使检察权,维护国家安全和社 会秩序。
    ```

    ## Use instead
    ```
    人民检察院通过行使检察权,维护国家安全和社会秩序。
    ```

    ## Fix safety
    Unsafe: the segmenter's dictionary decides, and a blank may stand between a word and a
    name or a heading and its text on purpose (`院 长`: a heading's letter spacing, or 院长?).
    The fix removes the blank.
    """
    r = split_han_word.rule  # type: ignore[attr-defined]
    text = doc.text
    n = len(text)
    for s0, e0 in chinese_spans(doc, ctx):
        if " " not in text[s0:e0] and "\u00a0" not in text[s0:e0]:
            continue
        spaced = [m.span() for m in LETTER_SPACED.finditer(text, s0, e0)]
        for m in BLANK_RUN.finditer(text, s0, e0):
            s, e = m.span()
            if "\t" in m.group() or not (s > 0 and e < n and _han(text[s - 1]) and _han(text[e])):
                continue
            if any(a < s and e < b for a, b in spaced):
                continue  # PT803's
            a = s
            while a > max(s0, s - WINDOW) and _han(text[a - 1]):
                a -= 1
            b = e
            while b < min(e0, e + WINDOW) and _han(text[b]):
                b += 1
            word = _split_word(text[a:s], text[e:b])
            if word is not None:
                yield r.finding(f"blank inside the Chinese word {word!r}", s, e, "")
