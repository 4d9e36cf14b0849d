"""The Chinese side of a bilingual document: simplified characters, words, terms and places.

- :func:`simplified` converts traditional characters with OpenCC (``t2s``, from
  opencc-python-reimplemented), offsets kept (a phrase conversion that changes the length
  falls back to character by character). A text without traditional characters is returned
  as it is, without loading OpenCC: :func:`has_traditional` decides with one set
  intersection against OpenCC's own table of traditional characters, read from the installed
  package's data without importing it (``bench/bilingual_zh.py`` measures the saving).
- :func:`tokenizer` is one jieba tokenizer for the process, loaded on first use, with the
  glossary's terms and the gazetteer's names added as words (``jieba.add_word``), so that
  湾沚区 and 认罪认罚从宽 stay whole. :func:`words` gives the words of a text.
- :func:`find_terms` finds glossary terms in Chinese text, longest match first (上级法院
  before 上级院 or 法院), a short term only where jieba puts word boundaries at both ends
  (本院 is not found in 日本院线); :func:`find_places` finds gazetteer names the same way.

Nothing here is imported by an English-only check: the bilingual rules import it when a
document has a Chinese source.
"""

from __future__ import annotations

import bisect
import importlib.util
import threading
import weakref
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NamedTuple, Optional

if TYPE_CHECKING:
    from ..glossary import Entry, Glossary
    from ..places import Division, Gazetteer

_lock = threading.RLock()


# -- traditional characters ----------------------------------------------------------------------
def _opencc_table(name: str) -> Optional[Path]:
    """A dictionary file of the installed opencc package, found without importing it."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "dictionary" / name
        if p.is_file():
            return p
    return None


@lru_cache(maxsize=1)
def _traditional_table() -> tuple[frozenset[str], dict[str, str]]:
    """The characters OpenCC converts to another character in every use (traditional only),
    and the first simplified form of every traditional character (for the character-by-
    character fallback). Empty when the opencc package keeps its tables elsewhere (the C++
    build): :func:`has_traditional` then converts to find out."""
    path = _opencc_table("TSCharacters.txt")
    if path is None:
        return frozenset(), {}
    first: dict[str, str] = {}
    simplified_forms: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, rest = line.partition("\t")
        forms = rest.split()
        if len(trad) != 1 or not forms:
            continue
        first[trad] = forms[0]
        simplified_forms.update(forms)
    only = frozenset(t for t, s in first.items() if s != t and t not in simplified_forms)
    return only, first


_converter = None


def _opencc():  # type: ignore[no-untyped-def]
    global _converter
    with _lock:
        if _converter is None:
            import opencc

            _converter = opencc.OpenCC("t2s")
        return _converter


def has_traditional(text: str) -> bool:
    """Whether ``text`` has a character that OpenCC's t2s always converts."""
    table, _ = _traditional_table()
    if not table:
        return _opencc().convert(text) != text
    return not table.isdisjoint(text)


def simplified(text: str) -> str:
    """``text`` with traditional characters converted to simplified (OpenCC t2s), the same
    length, so that offsets into it are offsets into ``text``; ``text`` itself when it has
    no traditional character (OpenCC is then not loaded)."""
    if not has_traditional(text):
        return text
    out = _opencc().convert(text)
    if len(out) == len(text):
        return out
    _, first = _traditional_table()  # a phrase changed length: convert character by character
    if first:
        return "".join(first.get(c, c) for c in text)
    return "".join(_opencc().convert(c) if len(_opencc().convert(c)) == 1 else c for c in text)


# -- jieba -----------------------------------------------------------------------------------------
# jieba's prefix dictionary (FREQ, about 500,000 words and prefixes) costs a second of CPU to
# load from jieba's own cache, more than everything else a bilingual check of a few thousand
# units does. It is therefore kept here as our own cache, split by the first two characters:
# the dictionary as it stands after the glossary's terms and the gazetteer's names were added
# (:func:`tokenizer`), built once into the user cache directory, keyed by jieba's version,
# its dict.txt and the words added. Every lookup of jieba's DAG, route and HMM fallback is a
# substring of the block being cut: one of its characters, or a key that starts with two of
# its characters side by side. So a character's own entry is loaded the first time a text has
# the character, and the keys that start with a pair the first time a text has the pair (on
# the 5,000 units of the benchmark about 27,000 entries where the characters' whole blocks
# held 312,000); the segmentation is the one the whole dictionary gives. jieba is imported without
# pkg_resources (jieba falls back to opening its files by path; 0.3 s).
_tokenizer = None
_added: "weakref.WeakSet[object]" = weakref.WeakSet()
_added_ids: set[int] = set()
_lazy: "Optional[_LazyFreq]" = None  # the entries not loaded yet (None: FREQ is whole)
_CACHE_FORMAT = 2


def _import_jieba():  # type: ignore[no-untyped-def]
    import sys

    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        spec = importlib.util.find_spec("jieba")
        loc = list(spec.submodule_search_locations or []) if spec is not None else []
        if loc and (Path(loc[0]) / "dict.txt").is_file():
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # ImportError in jieba._compat
            try:
                import jieba
            finally:
                if sys.modules.get("pkg_resources", 0) is None:
                    del sys.modules["pkg_resources"]
            return jieba
    import jieba

    return jieba


class _LazyFreq:
    """The entries of a cached FREQ, loaded into ``freq`` on demand: a character's own entry
    when a text has the character, the entries that start with two characters when a text
    has the two side by side (every key jieba looks up while cutting a text is a substring
    of it: one character, or a key that starts with one of the text's pairs)."""

    __slots__ = ("data", "index", "loaded", "freq", "heads", "pairs")

    def __init__(self, data: memoryview, index: dict, freq: dict) -> None:
        self.data, self.index, self.freq = data, index, freq
        self.loaded: set[str] = set()
        #: per character loaded: the second characters of its keys and their blocks' bounds
        self.heads: dict[str, tuple[str, memoryview]] = {}
        self.pairs: set[str] = set()

    def _head(self, c: str) -> None:
        import marshal

        got = self.index.get(c)
        if got is not None:
            has_single, single, seconds, bounds = marshal.loads(self.data[got[0]:got[1]])
            if has_single:
                self.freq[c] = single
            if seconds:
                self.heads[c] = (seconds, memoryview(bounds).cast("q"))

    def ensure(self, text: str) -> None:
        import marshal

        need = set(text)
        need.difference_update(self.loaded)
        if need:
            for c in need:
                self._head(c)
            self.loaded.update(need)
        if len(text) < 2:
            return
        pairs = set(map(str.__add__, text, text[1:]))
        pairs.difference_update(self.pairs)
        if not pairs:
            return
        heads, data, freq = self.heads, self.data, self.freq
        for pair in pairs:
            h = heads.get(pair[0])
            if h is not None:
                j = h[0].find(pair[1])
                if j >= 0:
                    bounds = h[1]
                    freq.update(marshal.loads(data[bounds[j]:bounds[j + 1]]))
        self.pairs.update(pairs)

    def load_all(self) -> None:
        import marshal

        freq, data = self.freq, self.data
        for c in self.index:
            if c not in self.loaded:
                self._head(c)
                self.loaded.add(c)
        for c, (seconds, bounds) in self.heads.items():
            for j, d in enumerate(seconds):
                if c + d not in self.pairs:
                    freq.update(marshal.loads(data[bounds[j]:bounds[j + 1]]))


def _cache_dir() -> Optional[Path]:
    from ..rx import cache_dir

    return cache_dir()


def _cache_path(jieba, words: list[tuple[str, Optional[int]]]) -> Optional[Path]:  # type: ignore[no-untyped-def]
    import hashlib
    import os

    d = _cache_dir()
    if d is None:
        return None
    try:
        st = os.stat(jieba.DEFAULT_DICT or os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME))
    except OSError:
        return None
    h = hashlib.sha256(f"{_CACHE_FORMAT}\n{jieba.__version__}\n{st.st_size}\n{st.st_mtime_ns}\n".encode())
    for w, f in words:
        h.update(f"{w}\t{f}\n".encode())
    return d / f"jieba-{jieba.__version__}-{h.hexdigest()[:20]}.freq"


def _read_cache(path: Path):  # type: ignore[no-untyped-def]
    import marshal

    try:
        try:  # mapped, not read: only the pages of the characters loaded become resident
            import mmap

            with open(path, "rb") as f:
                data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError, ImportError):
            data = path.read_bytes()
        n = int.from_bytes(data[:8], "little")
        fmt, total, index = marshal.loads(data[8:8 + n])
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if fmt != _CACHE_FORMAT:
        return None
    return total, index, data


def _write_cache(path: Path, freq: dict, total: int) -> None:
    import array
    import marshal
    import os
    import tempfile

    # per first character: its own entry (if any) and its longer keys by second character
    by_first: dict[str, list] = {}
    for k, v in freq.items():
        if not k:
            continue
        slot = by_first.get(k[0])
        if slot is None:
            slot = by_first[k[0]] = [False, 0, {}]
        if len(k) == 1:
            slot[0], slot[1] = True, v
        else:
            slot[2].setdefault(k[1], {})[k] = v
    blocks = []
    index = {}
    at = 0
    for c, (has_single, single, by_second) in by_first.items():
        seconds = "".join(by_second)
        bounds = array.array("q")
        for block in by_second.values():
            b = marshal.dumps(block)
            bounds.append(at)
            at += len(b)
            blocks.append(b)
        bounds.append(at)
        b = marshal.dumps((has_single, single, seconds, bounds.tobytes()))
        index[c] = (at, at + len(b))
        at += len(b)
        blocks.append(b)
    head = marshal.dumps((_CACHE_FORMAT, total, index))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-")
        with os.fdopen(fd, "wb") as f:
            f.write(len(head).to_bytes(8, "little"))
            f.write(head)
            for b in blocks:
                f.write(b)
        os.replace(tmp, path)
    except OSError:
        pass
    else:
        _prune_cache(path)
        return
    try:
        os.unlink(tmp)
    except (OSError, UnboundLocalError):
        pass


#: how many jieba caches a cache directory keeps (one per jieba install and set of added
#: words: another glossary or another virtual environment makes another)
CACHE_KEEP = 4


def _prune_cache(keep: Path) -> None:
    """Remove all but the :data:`CACHE_KEEP` newest jieba caches beside ``keep`` (never
    ``keep`` itself); a process still reading a removed one keeps its open mapping."""
    from ..rx import prune

    prune(keep, "jieba-*.freq", CACHE_KEEP)


def _pending(glossary: "Glossary | None", gazetteer: "Gazetteer | None") -> list[tuple[str, Optional[int]]]:
    """The words to add for the glossary and gazetteer not added yet (each marked seen)."""
    out: list[tuple[str, Optional[int]]] = []
    for source, words in ((glossary, _glossary_words), (gazetteer, _gazetteer_words)):
        if source is None or _seen(source):
            continue
        out.extend((w, None if len(w) > 1 else 1) for w in words(source))
    return out


def _lazy_tokenizer(glossary: "Glossary | None" = None, gazetteer: "Gazetteer | None" = None):  # type: ignore[no-untyped-def]
    """The process's tokenizer, whose FREQ may still lack entries (see :func:`_ensure`)."""
    global _tokenizer, _lazy
    with _lock:
        pending = _pending(glossary, gazetteer)
        if _tokenizer is None:
            import logging

            jieba = _import_jieba()
            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            path = _cache_path(jieba, pending)
            got = _read_cache(path) if path is not None else None
            if got is not None:
                total, index, data = got
                tk.FREQ, tk.total = {}, total
                tk.initialized = True
                _lazy = _LazyFreq(memoryview(data)[8 + int.from_bytes(data[:8], "little"):], index, tk.FREQ)
                _tokenizer = tk
                return tk
            tk.initialize()
            for w, f in pending:
                tk.add_word(w, freq=f)
            if path is not None:
                _write_cache(path, tk.FREQ, tk.total)
            _tokenizer = tk
            return tk
        if pending:
            _whole()
            for w, f in pending:
                _tokenizer.add_word(w, freq=f)
        return _tokenizer


def _whole() -> None:
    global _lazy
    if _lazy is not None:
        _lazy.load_all()
        _lazy = None


def _ensure(text: str) -> None:
    """FREQ has every entry that segmenting ``text`` can look up."""
    lazy = _lazy
    if lazy is not None:
        with _lock:
            lazy.ensure(text)


def tokenizer(glossary: "Glossary | None" = None, gazetteer: "Gazetteer | None" = None):  # type: ignore[no-untyped-def]
    """The process's jieba tokenizer, loaded on first use, with the terms of ``glossary`` and
    the names of ``gazetteer`` added as words (each glossary or gazetteer once); its
    dictionary whole."""
    with _lock:
        tk = _lazy_tokenizer(glossary, gazetteer)
        _whole()
        return tk


def _seen(obj: object) -> bool:
    try:
        if obj in _added:
            return True
        _added.add(obj)
        return False
    except TypeError:  # not weak-referenceable
        if id(obj) in _added_ids:
            return True
        _added_ids.add(id(obj))
        return False


def _glossary_words(glossary: "Glossary") -> Iterable[str]:
    return sorted({simplified(e.zh) for e in glossary if len(e.zh) >= 2})


def _gazetteer_words(gazetteer: "Gazetteer") -> Iterable[str]:
    words = set()
    for d in gazetteer:
        for name in (d.zh, d.short):
            if len(name) >= 2:
                words.add(name)
    return sorted(words)


def segment(text: str, glossary: "Glossary | None" = None, gazetteer: "Gazetteer | None" = None) -> list[tuple[int, int]]:
    """jieba's word spans of ``text`` (``tokenize`` with the tokenizer of :func:`tokenizer`)."""
    tk = _lazy_tokenizer(glossary, gazetteer)
    _ensure(text)
    return [(s, e) for _w, s, e in tk.tokenize(text)]


class Words:
    """jieba's words of a text, asked whether a term found in it is a word of its own. Only
    the blocks of the text that a question touches are segmented (jieba cuts each block on
    its own: the words are those of the whole text)."""

    __slots__ = ("text", "glossary", "gazetteer", "_blocks", "_cut")

    def __init__(self, text: str, glossary: "Glossary | None" = None, gazetteer: "Gazetteer | None" = None) -> None:
        self.text, self.glossary, self.gazetteer = text, glossary, gazetteer
        self._blocks: Optional[list[tuple[int, int]]] = None
        self._cut: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Every word of the text, in order."""
        out = []
        i, n = 0, len(self.text)
        while i < n:
            s, e = self._word(i)
            out.append((s, e))
            i = e
        return out

    def _word(self, p: int) -> tuple[int, int]:
        """The word that holds position ``p``."""
        if self._blocks is None:
            import sys

            _lazy_tokenizer(self.glossary, self.gazetteer)
            jieba = sys.modules["jieba"]
            if jieba.re_skip_default.pattern != "(\r\n|\\s)":  # not the jieba this was written for
                tk = _lazy_tokenizer(self.glossary, self.gazetteer)
                _whole()
                self._blocks = [(0, len(self.text))] if self.text else []
                spans = [(s, e) for _w, s, e in tk.tokenize(self.text)]
                of = [0] * len(self.text)
                for j, (s, e) in enumerate(spans):
                    for i in range(s, e):
                        of[i] = j
                self._cut[0] = (spans, of)
            else:  # jieba cuts each of these blocks on its own
                self._blocks = [m.span() for m in jieba.re_han_default.finditer(self.text)]
        blocks = self._blocks
        k = bisect.bisect_right(blocks, (p, len(self.text) + 1)) - 1
        if k >= 0 and blocks[k][0] <= p < blocks[k][1]:
            bs, be = blocks[k]
            got = self._cut.get(bs)
            if got is None:
                block = self.text[bs:be]
                tk = _lazy_tokenizer(self.glossary, self.gazetteer)
                _ensure(block)
                spans = [(bs + s, bs + e) for _w, s, e in tk.tokenize(block)]
                of = [0] * (be - bs)
                for j, (s, e) in enumerate(spans):
                    for i in range(s - bs, e - bs):
                        of[i] = j
                got = self._cut[bs] = (spans, of)
            spans, of = got
            return spans[of[p - bs]]
        t = self.text
        if t[p] == "\r" and t[p + 1:p + 2] == "\n":
            return (p, p + 2)
        if t[p] == "\n" and p > 0 and t[p - 1] == "\r":
            return (p - 1, p + 1)
        return (p, p + 1)

    def fits(self, start: int, end: int, inside: bool = True) -> bool:
        """Whether ``[start, end)`` is no part of two words: every word it touches lies
        inside it, or one word holds it whole (本院 in 本院认为, 检察长 in 副检察长). A single
        character must be a word by itself (院 alone, not the 院 of 法院). ``inside=False``
        takes whole words only (北京 is no place name inside 北京大学)."""
        if end <= start:
            return False
        w1, w2 = self._word(start), self._word(end - 1)
        if end - start == 1:
            return w1 == (start, end)
        if w1[0] >= start and w2[1] <= end:
            return True  # whole words only
        return inside and w1 == w2  # inside one word


class LazyWords:
    """:class:`Words` made on the first :meth:`fits` (jieba is loaded only for a text with a
    short term or name in it)."""

    __slots__ = ("text", "glossary", "gazetteer", "_words")

    def __init__(self, text: str, glossary: "Glossary | None" = None, gazetteer: "Gazetteer | None" = None) -> None:
        self.text, self.glossary, self.gazetteer = text, glossary, gazetteer
        self._words: Words | None = None

    def fits(self, start: int, end: int, inside: bool = True) -> bool:
        if self._words is None:
            self._words = Words(self.text, self.glossary, self.gazetteer)
        return self._words.fits(start, end, inside)


def words(text: str, glossary: "Glossary | None" = None, gazetteer: "Gazetteer | None" = None) -> Words:
    """jieba's words of ``text`` (the tokenizer loaded with ``glossary`` and ``gazetteer``)."""
    return Words(text, glossary, gazetteer)


# -- terms and places -------------------------------------------------------------------------------
class TermHit(NamedTuple):
    start: int
    end: int
    zh: str
    #: every entry of the term (one per institution it has a sense for)
    entries: tuple["Entry", ...]


class PlaceHit(NamedTuple):
    start: int
    end: int
    name: str
    divisions: tuple["Division", ...]


#: terms this long or longer are taken wherever they occur; shorter ones only on word boundaries
WHOLE_WORD_BELOW = 3

_automata: "weakref.WeakKeyDictionary[object, object]" = weakref.WeakKeyDictionary()


def _term_automaton(glossary: "Glossary"):  # type: ignore[no-untyped-def]
    got = _automata.get(glossary)
    if got is None:
        import ahocorasick

        a = ahocorasick.Automaton()
        by_zh: dict[str, list["Entry"]] = {}
        for e in glossary:
            by_zh.setdefault(simplified(e.zh), []).append(e)
        for zh, entries in by_zh.items():
            if zh:
                a.add_word(zh, (zh, tuple(entries)))
        if by_zh:
            a.make_automaton()
        got = _automata[glossary] = (a, bool(by_zh))
    return got


def _longest(hits: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """The hits that no longer hit overlaps (of two as long, the leftmost), in text order."""
    hits.sort(key=lambda h: (h[0] - h[1], h[0]))
    taken = bytearray(max(e for _, e, _ in hits))
    out = []
    for s, e, v in hits:
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append((s, e, v))
    out.sort(key=lambda h: h[0])
    return out


def find_terms(text: str, glossary: "Glossary", gazetteer: "Gazetteer | None" = None,
               ws: "Words | LazyWords | None" = None) -> list[TermHit]:
    """Glossary terms in ``text`` (simplified first by the caller), longest first where they
    overlap; a term shorter than :data:`WHOLE_WORD_BELOW` characters only where jieba's
    words allow it (:meth:`Words.fits`; ``ws`` is computed when needed)."""
    automaton, ready = _term_automaton(glossary)
    if not ready or not text:
        return []
    raw = [(end + 1 - len(zh), end + 1, (zh, entries)) for end, (zh, entries) in automaton.iter(text)]
    if not raw:
        return []
    out = []
    for s, e, (zh, entries) in _longest(raw):  # type: ignore[misc]
        if e - s < WHOLE_WORD_BELOW:
            if ws is None:
                ws = LazyWords(text, glossary, gazetteer)
            if not ws.fits(s, e):
                continue
        out.append(TermHit(s, e, zh, entries))
    return out


#: the levels whose short names (芜湖 for 芜湖市) are taken as place names; a county's short
#: name is too often an ordinary word (和平, 长安, 新华)
SHORT_NAME_LEVELS = ("province", "prefecture")


def find_places(text: str, gazetteer: "Gazetteer", glossary: "Glossary | None" = None,
                ws: "Words | LazyWords | None" = None) -> list[PlaceHit]:
    """Gazetteer names in ``text``: full names (湾沚区, 芜湖市) of three characters or more
    wherever they occur, a full name of two characters and the short names of provinces and
    prefectures only on jieba word boundaries."""
    out = []
    for s, e, divisions in gazetteer.find_in_chinese(text):
        name = text[s:e]
        full = [d for d in divisions if d.zh == name]
        if full:
            chosen = full
            if len(name) < 3:
                if ws is None:
                    ws = LazyWords(text, glossary, gazetteer)
                if not ws.fits(s, e, inside=False):
                    continue
        else:
            chosen = [d for d in divisions if d.short == name and d.level in SHORT_NAME_LEVELS]
            if not chosen:
                continue
            if ws is None:
                ws = LazyWords(text, glossary, gazetteer)
            if not ws.fits(s, e, inside=False):
                continue
        out.append(PlaceHit(s, e, name, tuple(chosen)))
    return out


def han_count(text: str) -> int:
    """How many Han characters ``text`` has."""
    return sum(1 for c in text if _is_han(c))


def _is_han(c: str) -> bool:
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F
