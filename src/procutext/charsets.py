"""Naming the encoding of a file: labels, UTF-16/32 without a BOM, and ``--encoding auto``.

procutext reads English pages from Chinese sites. Their legacy encoding is almost always one
of the GB family (GB2312, GBK, GB18030); Big5 comes from Taiwan and Hong Kong; Windows-1252
from English editors. A general detector such as charset-normalizer ranks these by how
chaotic the decoded text looks, which says little when the text is English with a handful of
Chinese characters: the seed article saved as GBK (five 、, six curly quotes and 沚) decodes
without error as Big5-HKSCS, and charset-normalizer puts Big5-HKSCS first.

So :func:`guess` decides among the encodings this tool meets with a small likelihood model
of its own, standard library only:

- pure ASCII is UTF-8 (confidence 1.0); mostly-ASCII UTF-16/32 is recognised by its NUL
  pattern (:func:`sniff_wide`, confidence 1.0).
- otherwise every candidate of :data:`PRIORS` (UTF-8, GB18030, Big5 or CP950, Windows-1252)
  that decodes the bytes strictly is scored by the characters it produces (ASCII scores
  nothing, since every candidate reads it alike). A character scores by class: CJK
  punctuation and the GB2312 first level (the 3,755 common hanzi) or the Big5 common block
  (A440–C67E, 5,401 hanzi) are *common*; GB2312's second level, the Big5 less common block
  and accented Latin letters are *uncommon*; characters only GBK or CP950 has (沚 among them)
  are *rare*; anything else (kana read out of Big5 bytes, box drawing, HKSCS, four-byte
  GB18030) is *odd*. UTF-8 takes the best class any of the others would give a character
  (plus Latin Extended-A, Greek and Cyrillic as uncommon), so that valid UTF-8 is not
  believed blindly: two GBK hanzi can be valid UTF-8 (平原 reads as ``ƽԭ``).
- the class weights act as likelihoods; the priors favour UTF-8, then the GB family, as
  mainland pages are the input this tool is made for. A pseudo-candidate :data:`OTHER` (an
  encoding outside the model) scores every non-ASCII byte alike. The posterior of the winner
  is its **confidence**; writing a fix back needs :data:`MIN_WRITE_CONFIDENCE` (checked by
  :func:`procutext.files.write_atomic`).
- when :data:`OTHER` wins (Shift-JIS, for one) charset-normalizer is asked if it is installed
  (``pip install 'procutext[detect]'``), and its answer is taken unless it names an encoding
  the model speaks for (:data:`MODELLED`: it would say Big5-HKSCS for the seed article). Its
  answer carries no calibrated confidence (``confidence`` is None), so a fix is never written
  back on its word alone.

Known limit: a short traditional text in Big5 whose characters all fall in lead bytes B0–C6
reads as valid, common GB2312 hanzi too; the GB prior then wins with confidence 0.75, wrong
but below the write threshold. Measured with ``python bench/encodings.py``.

``gbk`` and ``gb2312`` labels are decoded as ``gb18030``: the same bytes for every character
GBK has, and it also reads the four-byte sequences that Python's ``gbk`` codec rejects.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

#: the encodings :func:`guess` scores, with their prior probability
PRIORS = {"utf-8": 0.9, "gb18030": 0.06, "big5": 0.02, "cp1252": 0.02}
#: a guessed decode below this confidence is not written back (see files.write_atomic)
MIN_WRITE_CONFIDENCE = 0.99
#: the pseudo-candidate "an encoding outside the model": every non-ASCII byte weighs
#: OTHER_BYTE (a double-byte character OTHER_BYTE**2 = 0.05, between rare and uncommon)
OTHER, OTHER_PRIOR, OTHER_BYTE = "other", 0.003, math.sqrt(0.05)
#: codecs the model speaks for: charset-normalizer is not asked to overrule it with these
MODELLED = frozenset({"utf_8", "utf-8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "cp1252",
                      "latin_1", "iso8859-1"})

COMMON, UNCOMMON, RARE, ODD = 1.0, 0.25, 0.03, 0.002

#: punctuation Chinese text uses, simplified or traditional (besides the full-width forms)
CJK_PUNCT = frozenset("、。〃〈〉《》「」『』【】〔〕〖〗“”‘’…—–·～　々〇")
#: symbols that occur in Chinese documents often enough not to count against an encoding
CJK_SYMBOLS = frozenset("①②③④⑤⑥⑦⑧⑨⑩⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⒈⒉⒊⒋⒌ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ℃°×÷±№‰§※→←↑↓■□▲△●○◆◇★☆")
#: non-ASCII characters of English text from a Windows editor
LATIN_PUNCT = frozenset("‘’“”–—…•€™\u00a0°·©®§¶×½¼¾±£")

_GB_LABELS = frozenset({"gbk", "gb2312"})


def canonical(name: str) -> str:
    """The codec procutext decodes a label with: Python's canonical name, with ``gbk`` and
    ``gb2312`` (and their aliases cp936, euc-cn …) read as ``gb18030``. Raises LookupError
    for an unknown label."""
    codec = codecs.lookup(name).name
    return "gb18030" if codec in _GB_LABELS else codec


def _fullwidth(c: str) -> bool:
    return "\uff01" <= c <= "\uff5e" or "\uffe0" <= c <= "\uffe5"


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"


def _weight_gb(c: str) -> float:
    if c in CJK_PUNCT or _fullwidth(c):
        return COMMON
    try:
        b = c.encode("gb2312")
    except UnicodeEncodeError:
        b = b""
    if b:
        if 0xB0 <= b[0] <= 0xD7:
            return COMMON
        if 0xD8 <= b[0] <= 0xF7:
            return UNCOMMON
        if b[0] == 0xA8 and c.isalpha() and not _is_han(c):
            return UNCOMMON  # the pinyin letters (ü ā é ...), as in names: "Lü Qiang", "Lüliang"
        return UNCOMMON if c in CJK_SYMBOLS else RARE
    if _is_han(c):  # a GBK character outside GB2312: traditional forms, rare names (沚)
        return RARE
    return ODD


def _weight_big5(c: str) -> float:
    if c in CJK_PUNCT or _fullwidth(c):
        return COMMON
    try:
        b = c.encode("big5")
    except UnicodeEncodeError:
        b = b""
    if b:
        code = (b[0] << 8) | b[1]
        if 0xA440 <= code <= 0xC67E:
            return COMMON
        if 0xC940 <= code <= 0xF9D5:
            return UNCOMMON
        return UNCOMMON if c in CJK_SYMBOLS else RARE
    if _is_han(c):
        return RARE
    return ODD


def _weight_latin(c: str) -> float:
    if c in LATIN_PUNCT:
        return COMMON
    if c.isalpha():
        return UNCOMMON
    return RARE if unicodedata.category(c)[0] in "PSN" else ODD


def _weight_utf8(c: str) -> float:
    w = max(_weight_gb(c), _weight_big5(c), _weight_latin(c))
    if w < UNCOMMON and ("\u0100" <= c <= "\u017f" or "\u0370" <= c <= "\u03ff" or "\u0400" <= c <= "\u04ff"):
        return UNCOMMON  # Latin Extended-A, Greek, Cyrillic: names and symbols in English text
    return w


_WEIGHTS = {"utf-8": _weight_utf8, "gb18030": _weight_gb, "big5": _weight_big5, "cp1252": _weight_latin}
#: the codec tried for a candidate when the strict one fails (CP950 adds the ETEN extensions)
_WIDER = {"big5": "cp950"}


@dataclass(frozen=True)
class Guess:
    """The outcome of :func:`guess`.

    ``encoding`` is the codec to decode (and write back) with; ``confidence`` the posterior
    probability of that choice (None when charset-normalizer chose it); ``how`` one of
    ``"ascii"``, ``"utf-16"``/``"utf-32"`` (the NUL pattern, see :func:`sniff_wide`),
    ``"scored"`` or ``"charset-normalizer"``; ``scores`` the posterior of every candidate
    that decoded (and of :data:`OTHER`), best first."""

    encoding: str
    confidence: float | None
    how: str
    scores: tuple[tuple[str, float], ...] = ()

    def describe(self) -> str:
        """``gb18030 (guessed, confidence 0.998)`` and the like."""
        if self.confidence is None:
            return f"{self.encoding} (guessed by charset-normalizer)"
        if self.how == "scored":
            return f"{self.encoding} (guessed, confidence {self.confidence:.3f})"
        return f"{self.encoding} ({self.how})"


def sniff_wide(data: bytes, window: int = 4096) -> str | None:
    """``utf-16-le``/``utf-16-be``/``utf-32-le``/``utf-32-be`` when the first ``window``
    bytes have the NUL pattern of mostly-ASCII text in that encoding (and decode in it);
    else None. Text from an English editor saved as UTF-16 without a BOM has a NUL in every
    second byte, on the odd positions (LE) or the even ones (BE)."""
    head = data[:window]
    n = len(head)
    if n < 4 or b"\x00" not in head:
        return None
    for unit, names in ((4, ("utf-32-le", "utf-32-be")), (2, ("utf-16-le", "utf-16-be"))):
        usable = n - n % unit
        if usable < unit:
            continue
        units = usable // unit
        cols = [head[i:usable:unit].count(0) for i in range(unit)]
        if unit == 4:
            # LE: X 0 0 0 ; BE: 0 0 0 X (for BMP text the third byte of LE/second of BE is 0 too)
            le = cols[1] + cols[2] + cols[3] >= 2.7 * units and cols[0] <= 0.1 * units
            be = cols[0] + cols[1] + cols[2] >= 2.7 * units and cols[3] <= 0.1 * units
        else:
            le = cols[1] >= 0.6 * units and cols[0] <= 0.05 * units
            be = cols[0] >= 0.6 * units and cols[1] <= 0.05 * units
        for ok, name in ((le, names[0]), (be, names[1])):
            if not ok:
                continue
            try:
                data[: len(data) - len(data) % unit].decode(name)
            except UnicodeDecodeError:
                continue
            if len(data) % unit == 0:
                return name
    return None


def _decodes(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except UnicodeDecodeError:
        return None


def score(body: bytes) -> list[tuple[str, float]]:
    """Every candidate of :data:`PRIORS` that decodes ``body``, and :data:`OTHER` (an
    encoding outside the model), as (codec, posterior), best first."""
    nonascii = _nonascii(body)
    logs: list[tuple[str, float]] = [(OTHER, math.log(OTHER_PRIOR) + nonascii * math.log(OTHER_BYTE))]
    for name, prior in PRIORS.items():
        codec = name
        text = _decodes(body, codec)
        if text is None and name in _WIDER:
            codec = _WIDER[name]
            text = _decodes(body, codec)
        if text is None:
            continue
        weigh = _WEIGHTS[name]
        total = sum(n * math.log(weigh(c)) for c, n in Counter(text).items() if c >= "\x80")
        logs.append((codec, math.log(prior) + total))
    top = max(ll for _, ll in logs)
    norm = sum(math.exp(ll - top) for _, ll in logs)
    out = [(codec, math.exp(ll - top) / norm) for codec, ll in logs]
    out.sort(key=lambda t: -t[1])
    return out


def _nonascii(body: bytes) -> int:
    return len(body) - len(body.translate(None, _HIGH))


_HIGH = bytes(range(0x80, 0x100))


def guess(body: bytes) -> Guess | None:
    """The most likely encoding of ``body`` (bytes after any BOM), or None when nothing
    fits and charset-normalizer is not installed (or finds nothing either)."""
    if body.isascii():
        return Guess("utf-8", 1.0, "ascii")
    wide = sniff_wide(body)
    if wide is not None:
        return Guess(wide, 1.0, wide[:6])
    ranked = score(body)
    known = [(c, q) for c, q in ranked if c != OTHER]
    if ranked[0][0] == OTHER:
        other = _charset_normalizer(body)
        if other is not None and other not in MODELLED:
            return Guess(other, None, "charset-normalizer", tuple(ranked))
    if not known:
        return None
    return Guess(known[0][0], known[0][1], "scored", tuple(ranked))


def _charset_normalizer(body: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(body).best()
    if best is None:
        return None
    return canonical(best.encoding)


def have_charset_normalizer() -> bool:
    """Whether the ``detect`` extra is installed (without importing it)."""
    import importlib.util

    return importlib.util.find_spec("charset_normalizer") is not None


# -- HTML declarations ------------------------------------------------------------------------
#: how far into a page :func:`html_declared` looks for ``<meta charset>`` (the HTML standard's
#: prescan reads 1024 bytes; pages of these sites put long comments and scripts first)
HTML_PRESCAN = 4096
_HTML_LABELS = {
    # the WHATWG Encoding Standard reads these labels as a wider encoding
    "gbk": "gb18030", "gb2312": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "chinese": "gb18030",
    "csgb2312": "gb18030", "iso-ir-58": "gb18030", "gb_2312-80": "gb18030", "gb_2312": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "cn-big5": "big5hkscs", "csbig5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
    "iso_8859-1": "cp1252", "windows-1252": "cp1252", "cp1252": "cp1252",
    # a <meta> that names UTF-16 in an ASCII-compatible file means UTF-8 (the standard says so)
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}


def html_codec(label: str) -> str:
    """The codec a page's charset label is decoded with: the Encoding Standard's reading
    (``gbk``/``gb2312`` as ``gb18030``, ``big5`` as ``big5hkscs``, ``iso-8859-1`` as
    ``cp1252``), else Python's codec for the label. Raises LookupError for an unknown label."""
    key = label.strip().strip("\"'").lower()
    if key in _HTML_LABELS:
        return _HTML_LABELS[key]
    return canonical(key)


_CHARSET_PARAM = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:+-]+)""", re.I)
_META = re.compile(rb"<meta\b[^>]*>", re.I)
_META_ATTR = re.compile(rb"""([^\s/>=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.S)
_XML_DECL = re.compile(rb"""\A<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:+-]+)["']""", re.I)


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of an HTTP ``Content-Type`` header value, or None."""
    if not content_type:
        return None
    m = _CHARSET_PARAM.search(content_type.encode("latin-1", "replace"))
    return m.group(1).decode("ascii") if m else None


def html_declared(data: bytes, window: int = HTML_PRESCAN) -> tuple[str, str] | None:
    """The charset a page declares in its first ``window`` bytes, as ``(label, how)``: how
    is ``"<meta charset>"``, ``"<meta http-equiv>"`` or ``"<?xml encoding>"``. Comments are
    passed over; the first declaration wins."""
    head = data[:window]
    m = _XML_DECL.match(head)
    if m:
        return m.group(1).decode("ascii"), "<?xml encoding>"
    head = _COMMENT.sub(lambda c: b" " * len(c.group()), head)
    for meta in _META.finditer(head):
        attrs = {}
        for name, value in _META_ATTR.findall(meta.group()[5:]):
            attrs.setdefault(name.lower(), value.strip(b"\"'"))
        if b"charset" in attrs and attrs[b"charset"].strip():
            return attrs[b"charset"].strip().decode("ascii", "replace"), "<meta charset>"
        if attrs.get(b"http-equiv", b"").strip().lower() == b"content-type":
            m = _CHARSET_PARAM.search(attrs.get(b"content", b""))
            if m:
                return m.group(1).decode("ascii"), "<meta http-equiv>"
    return None
