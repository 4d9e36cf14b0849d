"""Full-width (Chinese) punctuation inside English text."""

from __future__ import annotations

import bisect
import unicodedata
from typing import TYPE_CHECKING, Iterator

import regex
from .. import rx

from ..analysis import line_classes
from ..model import Applicability, Finding
from ..registry import Example, rule
from .lists import BRACKETED_HAN_NUMERAL, comma_markers, list_marker_spans

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document

# mark -> (replacement, kind); kind: "stop" (no space before, one after), "open" (space
# before, none after), "close" (none before), "dash", "space"
PUNCT: dict[str, tuple[str, str]] = {
    "，": (",", "stop"), "、": (",", "stop"), "。": (".", "stop"), "；": (";", "stop"),
    "：": (":", "stop"), "！": ("!", "stop"), "？": ("?", "stop"), "．": (".", "stop"),
    "（": ("(", "open"), "）": (")", "close"), "【": ("[", "open"), "】": ("]", "close"),
    "〔": ("[", "open"), "〕": ("]", "close"), "［": ("[", "open"), "］": ("]", "close"),
    "｛": ("{", "open"), "｝": ("}", "close"), "〖": ("[", "open"), "〗": ("]", "close"),
    "《": ("“", "open"), "》": ("”", "close"), "〈": ("‘", "open"), "〉": ("’", "close"),
    "「": ("“", "open"), "」": ("”", "close"), "『": ("‘", "open"), "』": ("’", "close"),
    "——": ("—", "dash"), "－－": ("—", "dash"), "……": ("…", "dash"), "～": ("~", "dash"), "\u3000": (" ", "space"),
}
STRAIGHT_BOOK = {"《": '"', "》": '"', "「": '"', "」": '"', "〈": "'", "〉": "'", "『": "'", "』": "'"}
MARK = rx.compile(
    r"——|－－|……|[，、。；：！？．（）【】〔〕［］｛｝〖〗《》〈〉「」『』～\u3000]"
    r"|[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+"  # full-width digits and letters
    r"|[＂＃＄％＆＇＊＋－／＜＝＞＠＼＾＿｀｜]"
)
HAN = rx.compile(r"\p{Han}")
#: a Chinese title or quotation in Chinese marks: Chinese text, left as it is (PT501 judges
#: whether it is there on purpose)
CHINESE_QUOTED = rx.compile(r"[《「『〈]\p{Han}[\p{Han}·・，、：；]*[》」』〉]")
CLOSERS = set(")]}”’\"'.,;:!?…—")
HSPACE = " \t\u00a0"


def _replacement(mark: str, ctx: "Context") -> tuple[str, str]:
    if mark in PUNCT:
        rep, kind = PUNCT[mark]
        if ctx.quote_style == "straight" and mark in STRAIGHT_BOOK:
            rep = STRAIGHT_BOOK[mark]
        return rep, kind
    # full-width forms of ASCII letters, digits and symbols
    rep = unicodedata.normalize("NFKC", mark)
    if len(rep) == 1 and rep in "([{":
        return rep, "open"
    if len(rep) == 1 and rep in ")]}":
        return rep, "close"
    if len(rep) == 1 and rep in ",.;:!?":
        return rep, "stop"
    return rep, "word"


@rule(
    "PT120",
    "fullwidth-punctuation",
    family="typography",
    fix=Applicability.SAFE,
    examples=[
        Example(
            "Wuhu，Anhui Province（China）held a meeting。",
            "Wuhu, Anhui Province (China) held a meeting.",
            "Wuhu, Anhui Province (China) held a meeting.",
        ),
        Example(
            "the Law on the Protection of Minors——revised in 2020",
            "the Law on the Protection of Minors—revised in 2020",
            "the Law on the Protection of Minors—revised in 2020",
        ),
        Example("Full text: 【Article １】", "Full text: [Article 1]", "Full text: [Article 1]"),
    ],
)
def fullwidth_punctuation(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Chinese (full-width) punctuation inside English text.

    ## What it does
    Finds ，。；：！？、（）【】《》「」, the Chinese dash —— (also typed －－), the ellipsis ……, the ideographic
    space and full-width letters and digits (Ａ１) in English text. Marks between two
    Chinese characters, book-title and corner marks around Chinese text (《法治日报》: a
    Chinese title, whose characters PT501 judges) and whole Chinese lines of a bilingual
    document are left alone.

    ## Why it matters
    Full-width marks carry their own spacing; in English text they look like stray
    symbols, break search and spell checking, and betray an unedited translation.

    ## Example
    ```
    Wuhu，Anhui Province（China）held a meeting。
    ```

    ## Use instead
    ```
    Wuhu, Anhui Province (China) held a meeting.
    ```

    ## Fix safety
    Safe: each mark becomes its English equivalent with English spacing (no space before a
    comma or a closing bracket, one space after it before a word, one space before an
    opening bracket). Book-title marks 《》 become quotation marks in the configured
    style.
    """
    r = fullwidth_punctuation.rule  # type: ignore[attr-defined]
    text = doc.text
    classes = line_classes(doc, ctx)
    n = len(text)
    markers: set[int] | None = None
    quoted: set[int] | None = None
    # the current line: its end, and where its first and last non-blank characters are
    # (found once per line, not once per mark, so a line of blanks costs linear time)
    line_end = -1
    first = last_end = 0
    for m in MARK.finditer(text):
        s, e = m.start(), m.end()
        if classes.is_chinese(s):
            continue
        mark = m.group()
        if mark == "\u3000":
            if s >= line_end:
                ls = text.rfind("\n", 0, s) + 1
                le = text.find("\n", e)
                line_end = n if le == -1 else le
                line = text[ls:line_end]
                first = ls + len(line) - len(line.lstrip())
                last_end = ls + len(line.rstrip())
            if s <= first or e >= last_end:
                continue  # indentation and trailing space belong to PT133 and PT132
        before = text[s - 1] if s > 0 else ""
        after = text[e] if e < n else ""
        if HAN.match(before) and HAN.match(after):
            continue  # inside a run of Chinese text
        if markers is None:
            markers = {p for ms, me in list_marker_spans(doc) for p in range(ms, me)}
            markers.update(m.start("c") for m, certain in comma_markers(doc) if certain)  # PT112's `1，`
            if "（" in text or "）" in text:  # never `(一)`: see PT110
                markers.update(p for b in BRACKETED_HAN_NUMERAL.finditer(text) for p in (b.start(), b.end() - 1))
        if s in markers:
            continue  # list markers (`１、`, `（一）`) and the blanks after them belong to PT110
        if mark in STRAIGHT_BOOK:
            if quoted is None:
                quoted = {p for q in CHINESE_QUOTED.finditer(text) for p in (q.start(), q.end() - 1)}
            if s in quoted:
                continue  # 《法治日报》: the marks of a Chinese title
        rep, kind = _replacement(mark, ctx)
        es, ee = s, e
        if kind in ("stop", "close"):
            while es > 0 and text[es - 1] in HSPACE:
                es -= 1
        if kind in ("stop", "open"):
            while ee < n and text[ee] in HSPACE:
                ee += 1
        nxt = text[ee] if ee < n else ""
        prv = text[es - 1] if es > 0 else ""
        if kind == "stop" and nxt and nxt not in "\r\n" and nxt not in CLOSERS and not (
            rep in ".:," and nxt.isdigit() and prv.isdigit() and mark != "、"  # 1，000, 10：30
        ):
            rep += " "
        elif kind == "close" and nxt and (nxt.isalnum() or nxt in "(“[") and not HAN.match(nxt):
            rep += " "
        elif kind == "open" and prv and prv not in " \t\r\n([{“‘\"'—/" and not HAN.match(prv):
            rep = " " + rep
        shown = mark if mark != "\u3000" else "ideographic space (U+3000)"
        yield r.finding(
            f"full-width {shown!r} in English text; use {rep.strip() or 'a space'!r}",
            s,
            e,
            rep,
            edit_start=es,
            edit_end=ee,
        )


# --------------------------------------------------------------------------- …… as dots, — —

DOTS = rx.compile(r"(?<![.．])\.{5,}(?![.．])")
LEADER_END = rx.compile(r"[ \t]*(?:\d+|[ivxlc]+)[ \t]*$", regex.I)


@rule(
    "PT121",
    "chinese-ellipsis",
    family="typography",
    fix=Applicability.SAFE,
    examples=[
        Example("He said: Wait for me......", "He said: Wait for me…", "He said: Wait for me…"),
        Example("the masses............ and then", "the masses… and then", "the masses… and then"),
        Example("and so on........ in the end", "and so on… in the end", "and so on........ in the end"),
    ],
)
def chinese_ellipsis(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The Chinese ellipsis (……) written as six or twelve full stops.

    ## What it does
    Finds runs of five or more full stops (`......`, `............`), the Chinese six-dot
    ellipsis typed with ASCII dots. Dot leaders of a table of contents (a run followed by a
    page number at the end of its line) are left alone, and so is the English ellipsis of
    three dots (with a full stop: four).

    ## Why it matters
    The Chinese ellipsis takes the space of two characters, six dots; in English text the
    ellipsis is three dots (…), and a run of six or twelve reads as a typing slip.

    ## Example
    ```
    He said: Wait for me......
    ```

    ## Use instead
    ```
    He said: Wait for me…
    ```

    ## Fix safety
    Safe for six or twelve dots (one or two Chinese ellipses): they become one ellipsis
    character (…). Other lengths are reported without a fix.
    """
    r = chinese_ellipsis.rule  # type: ignore[attr-defined]
    text = doc.text
    if "....." not in text:
        return
    classes = line_classes(doc, ctx)
    starts = doc.line_starts
    for m in DOTS.finditer(text):
        s, e = m.span()
        if classes.is_chinese(s):
            continue
        le = doc.line_span(bisect.bisect_right(starts, s))[1]
        if LEADER_END.match(text, e, le):
            continue  # a table of contents: "Chapter 1 .......... 5"
        n = e - s
        fix = "…" if n in (6, 12) else None
        yield r.finding(f"{n} full stops: the Chinese ellipsis (……); use '…'", s, e, fix, suggestions=("…",))


SPLIT_DASH = rx.compile(r"(?P<d>[—–])(?:[ \t\u3000]+(?P=d))+")


@rule(
    "PT122",
    "split-dash",
    family="typography",
    fix=Applicability.SAFE,
    examples=[
        Example("the reform — — the first batch of cases", "the reform — the first batch of cases",
                "the reform — the first batch of cases"),
        Example("the list — — — of cases", "the list — of cases", "the list — of cases"),
    ],
)
def split_dash(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """The Chinese dash (——) split into two dashes with a space between (`— —`).

    ## What it does
    Finds two or more em dashes (or en dashes) separated only by blanks inside a line of
    text: the Chinese two-character dash 破折号 (——) after a conversion that put a space
    inside it. Dashes that stand as table cells (`| — | — |`) or as a line of their own are
    left alone.

    ## Why it matters
    In English one dash does the work of the Chinese double dash; `— —` reads as two
    interruptions with nothing between them.

    ## Example
    ```
    the reform — — the first batch of cases
    ```

    ## Use instead
    ```
    the reform — the first batch of cases
    ```

    ## Fix safety
    Safe: the dashes and the blanks between them become one dash; the spacing around it
    stays.
    """
    r = split_dash.rule  # type: ignore[attr-defined]
    text = doc.text
    if "— " not in text and "– " not in text and "—\u3000" not in text:
        return
    classes = line_classes(doc, ctx)
    starts = doc.line_starts
    prose: dict[int, bool] = {}  # line -> whether it is a line of text (no table row, has letters)
    for m in SPLIT_DASH.finditer(text):
        s, e = m.span()
        if classes.is_chinese(s):
            continue
        li = bisect.bisect_right(starts, s) - 1
        if li not in prose:
            ls, le = doc.line_span(li + 1)
            prose[li] = text.find("|", ls, le) == -1 and rx.compile(r"\p{L}").search(text, ls, le) is not None
        if not prose[li]:
            continue  # a table row, or a line of dashes
        yield r.finding(f"split Chinese dash {m.group()!r}; use {m.group('d')!r}", s, e, m.group("d"))
