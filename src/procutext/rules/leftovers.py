"""Chinese left in English text."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Iterator

import regex
from .. import rx

from ..analysis import line_classes
from ..model import Finding, Severity
from ..registry import Example, rule
from .lists import ENUMERATION

#: patterns of the functions below, compiled once (a call of regex.match(...) looks each up in
#: regex's cache at every call)
_BLANKS_OR_HYPHENS = rx.compile(r"[ \t-]+")
_HAN_START = rx.compile(r"\p{Han}")

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document

# a Han run may contain Chinese punctuation and middle dots between its characters
RUN = rx.compile(r"\p{Han}(?:[\p{Han}·・，、：；（）“”]*\p{Han})?")
GLOSS_PAIRS = {"(": ")", "“": "”", '"': '"', "‘": "’", "'": "'", "[": "]"}
TITLE_MARKS = {"《": "》", "「": "」", "『": "』", "〈": "〉"}

# Licence and filing numbers that Chinese law requires on every site, in Chinese by design:
# 京ICP备12345678号-1, 京ICP证030173号, 京公网安备 11010502030143号, "ICP备案号：…"
LICENCE = rx.compile(
    r"(?:(?:ICP\s*备案号|网站备案号?|备案号|经营许可证(?:编号)?)\s*[:：]?\s*)?"
    r"\p{Han}{0,2}\s*(?:ICP\s*(?:备案|备|证|许可证)?|公网安备|网安备)\s*[:：]?\s*\d{4,}\s*号?(?:\s*-\s*\d{1,3})?",
    regex.I,
)
# Names of languages in a language switcher (中文 | English | 日本語), in their own script
MENU_WORDS = ("简体中文", "繁體中文", "繁体中文", "中文版", "中文", "简体", "簡體", "繁體", "繁体", "双语", "雙語",
              "英文", "汉语", "漢語", "日本語", "日本语", "日文", "韩文", "韓文")
MENU_RUN = rx.compile(f"(?:{'|'.join(MENU_WORDS)})+")
OTHER_LANGUAGES = rx.compile(
    r"\b(?:English|EN|Français|Español|Deutsch|Русский|Português|Italiano|Tiếng Việt|Bahasa)\b|العربية|日本語|한국어",
    regex.I,
)
MENU_LINE_WORDS = 8
NONSPACE = rx.compile(r"\S+")
# Capitalised Latin words right before or after a Han run (a name written in both scripts)
WORDS_BEFORE = rx.compile(r"((?:\p{Lu}[\p{Ll}'’]*[ \t-]+){0,3}\p{Lu}[\p{Ll}'’]*)[ \t]*(?:[,/(（–—-][ \t]*)?$")
WORDS_AFTER = rx.compile(r"[ \t]*(?:[,/)）–—-][ \t]*)?(\p{Lu}[\p{Ll}'’]*(?:[ \t-]+\p{Lu}[\p{Ll}'’]*){0,3})")
TITLE_BEFORE = rx.compile(r"(?:\p{Lu}[\p{L}'’-]*[ \t]+(?:(?:of|the|and|for|on|in)[ \t]+)*){1,8}$|[”\"][ \t]*$")
TITLE_AFTER = rx.compile(r"[ \t]*[(（][ \t]*\p{Lu}[^()（）\n]{1,80}[)）]|[ \t]*[“\"]\p{Lu}")


def _is_gloss(text: str, s: int, e: int) -> bool:
    """A Han run that is the whole content of a bracketed or quoted gloss: "(枫桥经验)",
    "(《检察日报》)"."""
    if s > 0 and e < len(text) and TITLE_MARKS.get(text[s - 1]) == text[e]:
        s, e = s - 1, e + 1  # a title inside the brackets
    if s == 0 or e >= len(text):
        return False
    opener, closer = text[s - 1], text[e]
    return GLOSS_PAIRS.get(opener) == closer


def _syllable_counts(word: str) -> set[int]:
    from ..places import pinyin

    return {len(seg) for seg in pinyin.segmentations(word)}


def _romanizes(words: str, n: int) -> bool:
    """Whether ``words`` ("Zhang Jun", "Wanzhi") can be the pinyin of ``n`` characters: every
    word is pinyin and one way of splitting them gives ``n`` syllables."""
    totals = {0}
    for w in _BLANKS_OR_HYPHENS.split(words.strip()):
        counts = _syllable_counts(w)
        if not counts:
            return False
        totals = {t + c for t in totals for c in counts if t + c <= n}
    return n in totals


def _beside_romanization(text: str, s: int, e: int, run: str) -> bool:
    """A name written in both scripts: "Zhang Jun 张军", "张军 Zhang Jun", "Wanzhi 湾沚"."""
    n = len(run)
    if not 2 <= n <= 4 or not all(_HAN_START.match(c) for c in run):
        return False
    before = WORDS_BEFORE.search(text, max(0, s - 60), s)
    after = WORDS_AFTER.match(text, e, min(len(text), e + 60))
    for m in (before, after):
        if m is None:
            continue
        words = _BLANKS_OR_HYPHENS.split(m.group(1))
        # the words nearest the run: "Secretary Zhang Jun 张军" is Zhang Jun
        for k in range(1, len(words) + 1):
            part = " ".join(words[-k:] if m is before else words[:k])
            if _romanizes(part, n):
                return True
    return False


#: a Han run cited and translated on the spot: its meaning in quotes in brackets right after
#: it (检察为民 ("procuratorial work for the people")), or said in words (案结事了, meaning …)
CITED_AFTER = rx.compile(r"[ \t]*(?:[(（][ \t]*(?:[\"“‘'][ \t]*\p{Latin}|(?:meaning|literally|lit\.|i\.e\.)[ \t])"
                         r"|[,，]?[ \t]*(?:meaning|which means|literally)[ \t])", regex.I)
#: ... or the first item of a bracketed gloss, its translation after a comma ((老杨树, the old poplar))
GLOSS_ITEM_AFTER = rx.compile(r"[ \t]*[,，;；][ \t]*[^()（）\n\p{Han}]*?\p{Latin}[^()（）\n\p{Han}]{0,100}[)）]")


def _cited(text: str, s: int, e: int) -> bool:
    """Chinese quoted on purpose and translated where it stands: "检察为民 ("procuratorial work
    for the people")", "案结事了, meaning …", "(老杨树, the old poplar)"."""
    if CITED_AFTER.match(text, e, min(len(text), e + 40)):
        return True
    return s > 0 and text[s - 1] in "(（" and GLOSS_ITEM_AFTER.match(text, e, min(len(text), e + 120)) is not None


def _titled(text: str, s: int, e: int) -> bool:
    """A Chinese title in its book-title marks beside its English title: "Legal Daily
    《法治日报》", "《法治日报》 (Legal Daily)", “Legal Daily” 《法治日报》."""
    if not (s > 0 and e < len(text) and TITLE_MARKS.get(text[s - 1]) == text[e]):
        return False
    return bool(TITLE_BEFORE.search(text, max(0, s - 1 - 120), s - 1)
                or TITLE_AFTER.match(text, e + 1, min(len(text), e + 1 + 100)))


def _menu_item(doc: "Document", s: int, run: str) -> bool:
    """A language name of a language switcher: "English | 中文 | 日本語", a line "中文"
    (each line judged once)."""
    if not MENU_RUN.fullmatch(run):
        return False
    import bisect
    import itertools

    memo: dict[int, bool] = doc.cached("menu_lines", lambda d: {})
    li = bisect.bisect_right(doc.line_starts, s) - 1
    if li not in memo:
        ls, le = doc.line_span(li + 1)
        text = doc.text
        words = sum(1 for _ in itertools.islice(NONSPACE.finditer(text, ls, le), MENU_LINE_WORDS + 1))
        memo[li] = words <= MENU_LINE_WORDS or OTHER_LANGUAGES.search(text, ls, le) is not None
    return memo[li]


def _licences(doc: "Document") -> list[tuple[int, int]]:
    def compute(d: "Document") -> list[tuple[int, int]]:
        t = d.text
        if "ICP" not in t and "icp" not in t and "网安备" not in t:
            return []
        return [m.span() for m in LICENCE.finditer(t)]

    return doc.cached("licence_numbers", compute)


def _describe(run: str) -> str:
    if len(run) <= 4:
        return ", ".join(f"{c} U+{ord(c):04X}" for c in run if _HAN_START.match(c))
    return f"{sum(1 for c in run if unicodedata.category(c) == 'Lo')} Han characters"


@rule(
    "PT501",
    "leftover-han",
    family="leftovers",
    severity=Severity.ERROR,
    examples=[
        Example(
            "built a brand matrix for the Bay 沚 inspection",
            "built a brand matrix for Wanzhi procuratorial work",
        ),
        Example(
            "the Fengqiao Experience 枫桥经验 was promoted",
            "the Fengqiao Experience (枫桥经验) was promoted",
        ),
        Example(  # a glossary term, here in traditional characters: its renderings are suggested
            "The 檢察長 of the county procuratorate spoke.",
            "The chief procurator of the county procuratorate spoke.",
        ),
        Example(  # a name in both scripts and a licence number are Chinese on purpose
            "The article was reposted in 法治日报 yesterday.",
            "Procurator-General Zhang Jun 张军 spoke. 京ICP备12345678号-1",
        ),
        Example(  # so is Chinese cited with its meaning beside it
            "The motto 公正司法 hangs in the hall.",
            "The motto 公正司法 (\"fair justice\") hangs in the hall, beside 有案必查, meaning every case is examined.",
        ),
    ],
)
def leftover_han(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """Chinese characters left untranslated in English text.

    ## What it does
    Reports runs of Han characters inside English text and names them. Chinese written on
    purpose is accepted:

    - the whole content of a gloss in brackets or quotes ("the Fengqiao Experience
      (枫桥经验)", “刑法库”, "(《检察日报》)");
    - whole Chinese lines of a bilingual document (lines of at least 12 Han characters that
      outnumber the Latin letters);
    - licence and filing numbers (京ICP备12345678号-1, 京公网安备 11010502030143号);
    - language names of a language switcher (中文, 简体, 繁體, 日本語 on a short line, or
      beside English, Français …);
    - a name written in both scripts, where the Latin words beside the run are pinyin with
      as many syllables as the run has characters ("Zhang Jun 张军", "张军 Zhang Jun");
    - a title in book-title marks beside its English title ("Legal Daily 《法治日报》",
      "《法治日报》 (Legal Daily)");
    - Chinese cited and translated where it stands: its meaning quoted in brackets right
      after it (检察为民 ("procuratorial work for the people")), given in words (案结事了,
      meaning …), or after a comma in the bracket it opens ("Laoyangshu" (老杨树, the old
      poplar)).

    A title in book-title marks standing alone in English text ("published in 《法治日报》")
    is reported: the reader still cannot read it; so is a term beside its English without
    brackets ("the Fengqiao Experience 枫桥经验"): the Chinese belongs in brackets there.

    ## Why it matters
    MT engines leave characters they cannot translate, typically the rare character of a
    place name ("Bay 沚" for 湾沚) or page labels (发布日期). Readers of the English cannot
    read them, and they hide a mistranslation next to them.

    ## Example
    ```
    built a brand matrix for the Bay 沚 inspection
    ```

    ## Use instead
    ```
    built a brand matrix for Wanzhi procuratorial work
    ```

    ## Fix safety
    No fix: the characters need a translation, which this rule cannot choose. When the run
    is a glossary term (in simplified or traditional characters), its approved renderings
    are given as suggestions, and the finding's ``data`` is the entry (the keys of PT401's,
    with ``wrong`` None).
    """
    r = leftover_han.rule  # type: ignore[attr-defined]
    text = doc.text
    classes = line_classes(doc, ctx)
    if not classes.han_lines:
        return
    licences = _licences(doc)
    for m in RUN.finditer(text):
        s, e = m.start(), m.end()
        if classes.is_chinese(s) or _is_gloss(text, s, e):
            continue
        if ENUMERATION.fullmatch(m.group()):
            continue  # PT111 reports it
        run = m.group()
        if any(ls <= s and e <= le for ls, le in licences):
            continue  # a licence number: 京ICP备12345678号
        if (_menu_item(doc, s, run) or _titled(text, s, e) or _beside_romanization(text, s, e, run)
                or _cited(text, s, e)):
            continue
        entry = _term(run, ctx)
        if entry is not None:
            yield r.finding(f"untranslated Chinese in English text: {run} ({_describe(run)}), the term "
                            f"{entry.zh}: {entry.preferred!r}", s, e, suggestions=entry.en, data=entry.data())
        else:
            yield r.finding(f"untranslated Chinese in English text: {run} ({_describe(run)})", s, e)


def _term(run: str, ctx: "Context"):  # type: ignore[no-untyped-def]
    """The glossary entry for a leftover run, simplified or traditional (檢察長 → 检察长)."""
    glossary = ctx.get_glossary()
    if run in glossary:
        return glossary[run]
    from ..glossary import to_simplified

    simplified = to_simplified(run)
    return glossary[simplified] if simplified != run and simplified in glossary else None
