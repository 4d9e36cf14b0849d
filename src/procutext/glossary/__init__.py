"""Glossary: entries, loading and layering, and many-term matching in English text.

An entry has a Chinese source term, approved English renderings (the first preferred),
non-preferred variants (in professional use, reported as information only), wrong
renderings to flag, the context that makes a wrong rendering wrong, the institution the
entry is about (a court's 本院 is not a procuratorate's), a domain, a case rule and a source
citation. See glossaries/README.md for the file format.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple

if TYPE_CHECKING:
    from .matcher import Matcher

#: the columns every glossary file may have; only ``zh`` and ``en`` are required
COLUMNS = ("zh", "en", "wrong", "context", "domain", "case", "note", "source")
#: optional columns added later, written after ``source`` (by ``write_tsv`` only when an
#: entry uses them, so files without them stay as they were): the non-preferred variants, and
#: the institution an entry is about
EXTRA_COLUMNS = ("variant", "institution")
ALL_COLUMNS = COLUMNS + EXTRA_COLUMNS
#: the institutions an entry can belong to (its ``institution`` cell)
INSTITUTIONS = ("procuratorate", "court", "public-security")
#: what a text can be about, as the institution analysis decides (procutext.analysis.institutions):
#: the values of ``doc:`` and ``not-doc:`` conditions (``other``: a real hospital's world)
ABOUT = INSTITUTIONS + ("other",)
DOMAINS = {"institution", "position", "department", "procedure", "policy", "juvenile",
           "publication", "general", "politics"}
CASES = {"proper", "common"}
CONDITION_KINDS = {"doc", "not-doc", "near", "not-near", "not-before", "not-after"}


class GlossaryError(ValueError):
    """A glossary file is malformed; the message names the file and line.

    When several rows of one file are bad, one error lists them all: ``problems`` holds one
    message per bad row (each starting with ``file:line``), and the message is a count
    followed by those lines."""

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[str, ...] = tuple(problems) or (message,)

    @classmethod
    def of_rows(cls, path: str, errors: "list[GlossaryError]") -> "GlossaryError":
        """One error for every bad row of ``path`` (the row's own error when there is one)."""
        if len(errors) == 1:
            return errors[0]
        problems = [p for e in errors for p in e.problems]
        listing = "".join(f"\n  {p}" for p in problems)
        return cls(f"{path}: {len(problems)} bad rows:{listing}", problems)


@dataclass(frozen=True)
class Condition:
    kind: str
    values: tuple[str, ...]

    @functools.cached_property
    def phrases(self) -> tuple[tuple[str, ...], ...]:
        """The values split into words, as the term rule compares them."""
        return tuple(tuple(v.split()) for v in self.values)

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        return frozenset(p[0] for p in self.phrases if p)

    @functools.cached_property
    def by_first(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The phrases by their first word, so that a window is read once, not once per phrase."""
        out: dict[str, list[tuple[str, ...]]] = {}
        for p in self.phrases:
            if p:
                out.setdefault(p[0], []).append(p)
        return {k: tuple(v) for k, v in out.items()}

    @functools.cached_property
    def phrase_set(self) -> frozenset[tuple[str, ...]]:
        return frozenset(self.phrases)

    @functools.cached_property
    def lengths(self) -> tuple[int, ...]:
        """The distinct phrase lengths, longest first."""
        return tuple(sorted({len(p) for p in self.phrases}, reverse=True))


#: the ``en`` cell that disables an entry, and the first ``wrong`` alternative that drops the
#: wrong renderings of the entries a row overrides
CLEAR = "-"


class WrongSet(NamedTuple):
    """Wrong renderings of one row, with the context under which they are wrong and the row's
    ``file:line``: an entry's own, or those it keeps from a row it overrides (an earlier layer)."""

    wrong: tuple[str, ...]
    context: tuple[Condition, ...] = ()
    origin: str = ""


@dataclass(frozen=True)
class Entry:
    """One glossary row, or in a :class:`Glossary` the entry in force for a term.

    ``wrong`` and ``context`` are the row's own. An entry that overrides an earlier layer's
    entry for the same term keeps that entry's wrong renderings (minus those it approves or
    lists as variants) in ``inherited``, unless its ``wrong`` cell starts with ``-``;
    ``wrong_sets`` and ``all_wrong`` give its own and the inherited ones together.

    Three statuses: ``en`` holds the approved renderings (the first preferred), ``variant``
    the non-preferred ones (correct English in professional use, such as "chief prosecutor"
    for 检察长: PT402 reports them as information when selected, PT401 never reports them and
    nothing is ever fixed into them), ``wrong`` the mistranslations.

    ``institution`` (one of :data:`INSTITUTIONS`, or empty for any) says which institution
    the term belongs to: the same Chinese term can have one entry per institution (本院 of a
    procuratorate is "this procuratorate", of a court "this court"), and an entry's wrong
    renderings are only reported where the text is about its institution."""

    zh: str
    en: tuple[str, ...]
    wrong: tuple[str, ...] = ()
    context: tuple[Condition, ...] = ()
    domain: str = "general"
    case: str = "common"
    note: str = ""
    source: str = ""
    origin: str = field(default="", compare=False)  # file:line it was read from
    inherited: tuple[WrongSet, ...] = field(default=(), compare=False, repr=False)
    variant: tuple[str, ...] = ()
    institution: str = ""

    @property
    def key(self) -> str:
        """What identifies the entry in a :class:`Glossary`: the term, with its institution
        when it has one (``本院``, ``本院@court``)."""
        return f"{self.zh}@{self.institution}" if self.institution else self.zh

    @property
    def preferred(self) -> str:
        return self.en[0] if self.en else ""

    @property
    def clears(self) -> bool:
        """Whether the row drops the wrong renderings of the entries it overrides (``-`` first)."""
        return self.wrong[:1] == (CLEAR,)

    @property
    def own_wrong(self) -> tuple[str, ...]:
        """The row's own wrong renderings, without the ``-`` marker."""
        return self.wrong[1:] if self.clears else self.wrong

    @property
    def wrong_sets(self) -> tuple[WrongSet, ...]:
        """The row's own wrong renderings (with its context), then the inherited ones."""
        own = (WrongSet(self.own_wrong, self.context, self.origin),) if self.own_wrong else ()
        return own + self.inherited

    @property
    def all_wrong(self) -> tuple[str, ...]:
        """Every wrong rendering in force for the term, its own first."""
        return tuple(w for ws in self.wrong_sets for w in ws.wrong)

    def data(self, wrong: str | None = None, origin: str | None = None) -> dict[str, object]:
        """The entry as a finding's ``data``: ``zh``, ``en`` (approved renderings, preferred
        first), ``wrong`` (the wrong rendering matched, or None), ``source`` (of the
        approved renderings), ``domain``, ``origin`` (file:line of the row listing the
        matched wrong rendering, else of the entry), ``variant`` (the non-preferred
        renderings) and ``institution`` (None for an entry of any institution)."""
        return {"zh": self.zh, "en": list(self.en), "wrong": wrong, "source": self.source,
                "domain": self.domain, "origin": origin or self.origin, "variant": list(self.variant),
                "institution": self.institution or None}


class Rendering(NamedTuple):
    """A wrong rendering of an entry as PT401 matches it, with the context under which it is
    wrong and the row (``origin``, file:line) that lists it."""

    entry: Entry
    text: str
    context: tuple[Condition, ...] = ()
    origin: str = ""


def parse_context(cell: str, where: str) -> tuple[Condition, ...]:
    conds = []
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        kind, sep, values = part.partition(":")
        kind = kind.strip()
        if not sep or kind not in CONDITION_KINDS:
            raise GlossaryError(f"{where}: bad context condition {part!r} (kinds: {', '.join(sorted(CONDITION_KINDS))})")
        if any(c.kind == kind for c in conds):
            raise GlossaryError(f"{where}: context condition {kind!r} given twice: join its values with |")
        vals = tuple(v.strip().lower() for v in values.split("|") if v.strip())
        if not vals:
            raise GlossaryError(f"{where}: context condition {kind!r} has no values")
        if kind in ("doc", "not-doc"):
            unknown = [v for v in vals if v not in ABOUT]
            if unknown:
                raise GlossaryError(f"{where}: {kind}: takes institutions ({', '.join(ABOUT)}), "
                                    f"not {', '.join(map(repr, unknown))}")
        conds.append(Condition(kind, vals))
    return tuple(conds)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def entry_from_cells(get, where: str, column=lambda name: "") -> Entry:  # type: ignore[no-untyped-def]
    """An Entry from a row's cells (``get(column) -> str``). A GlossaryError names ``where``
    and then ``column(name)`` for the bad cell (", column D (domain)" in a workbook)."""
    zh = get("zh")
    if not zh:
        raise GlossaryError(f"{where}{column('zh')}: empty zh cell")
    domain = get("domain") or "general"
    case = get("case") or "common"
    if domain not in DOMAINS:
        raise GlossaryError(f"{where}{column('domain')}: unknown domain {domain!r} "
                            f"(known: {', '.join(sorted(DOMAINS))})")
    if case not in CASES:
        raise GlossaryError(f"{where}{column('case')}: case must be 'proper' or 'common', not {case!r}")
    institution = get("institution")
    if institution and institution not in INSTITUTIONS:
        raise GlossaryError(f"{where}{column('institution')}: unknown institution {institution!r} "
                            f"(known: {', '.join(INSTITUTIONS)}, or empty for any)")
    return Entry(
        zh=zh, en=_split(get("en")), wrong=_split(get("wrong")),
        context=parse_context(get("context"), f"{where}{column('context')}"), domain=domain, case=case,
        note=get("note"), source=get("source"), origin=where, variant=_split(get("variant")),
        institution=institution,
    )


def iter_tsv(path: str | Path, delimiter: str = "\t") -> Iterator[tuple[str, "Entry | GlossaryError"]]:
    """(file:line, Entry or the row's error) for each data row, so that a checker can
    report every bad row. A missing file or a bad header raises GlossaryError at once."""
    p = str(path)
    try:
        with open(p, "rb") as fb:
            data = fb.read()
    except OSError as e:
        raise GlossaryError(f"{p}: cannot read: {e.strerror or e}") from None
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise GlossaryError(f"{p}:{line}: not UTF-8 (byte {e.start}, 0x{data[e.start]:02x}: {e.reason}); "
                            f"save the file as UTF-8") from None
    with io.StringIO(content, newline="") as f:
        reader = csv.reader(f, delimiter=delimiter,
                            quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)
        try:
            header = next(reader)
        except StopIteration:
            raise GlossaryError(f"{p}: empty file (a header row is required)") from None
        header = [h.strip().lower() for h in header]
        missing = [c for c in ("zh", "en") if c not in header]
        if missing:
            raise GlossaryError(f"{p}:1: header lacks column(s) {', '.join(missing)} "
                                f"(expected {', '.join(COLUMNS)}, and optionally {', '.join(EXTRA_COLUMNS)})")
        idx = {name: header.index(name) for name in ALL_COLUMNS if name in header}
        lineno = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                raise GlossaryError(f"{p}:{reader.line_num}: {e}") from None
            lineno = reader.line_num
            where = f"{p}:{lineno}"
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != len(header):
                yield where, GlossaryError(f"{where}: {len(row)} cells, the header has {len(header)}")
                continue
            get = lambda name, row=row: row[idx[name]].strip() if name in idx else ""  # noqa: E731
            try:
                yield where, entry_from_cells(get, where)
            except GlossaryError as e:
                yield where, e


def collect(path: str | Path, items: Iterable[tuple[str, "Entry | GlossaryError"]]) -> list[Entry]:
    """The entries of ``items`` (as :func:`iter_tsv` gives them); if any row is bad, one
    GlossaryError that lists every bad row with its file and line."""
    entries: list[Entry] = []
    errors: list[GlossaryError] = []
    for _where, item in items:
        if isinstance(item, GlossaryError):
            errors.append(item)
        else:
            entries.append(item)
    if errors:
        raise GlossaryError.of_rows(str(path), errors)
    return entries


def read_tsv(path: str | Path, delimiter: str = "\t") -> list[Entry]:
    """Entries of a TSV (or CSV with ``delimiter=","``) glossary; header row required.
    Malformed rows raise one GlossaryError that names each of them with file and line."""
    return collect(path, iter_tsv(path, delimiter))


class Glossary:
    """An ordered set of entries keyed by Chinese term; later layers override earlier ones.

    Adding an entry for a term that is already there (a user row over the shipped one):

    - its approved renderings, variants, domain, case, note and source replace the earlier
      entry's;
    - the earlier entry's wrong renderings are kept, each with the context it had there,
      minus the ones the new row approves, lists as variants or lists itself
      (``Entry.inherited``);
    - unless the new row's ``wrong`` cell starts with ``-`` (``-`` alone: no wrong renderings
      at all; ``-|a|b``: only ``a`` and ``b``), which drops them;
    - a row whose ``en`` cell is ``-`` disables the term.

    ``layers(zh)`` gives the rows that were added for a term, in order.

    Entries are keyed by :attr:`Entry.key`: a term and its institution. A row for 本院 with
    the institution ``court`` is another entry than the one for 本院 without an institution,
    and layers over rows for 本院 of the court only. ``glossary[zh]`` is the entry of the term
    for any institution when there is one, else its first entry for a given institution;
    ``senses(zh)`` gives them all.
    """

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._entries: dict[str, Entry] = {}
        self._rows: dict[str, list[Entry]] = {}
        self._senses: dict[str, list[str]] = {}  # zh -> keys of its entries, the plain one first
        self._matcher: "Matcher | None" = None
        self._shields: "Matcher[None] | None" = None
        self._variants: "Matcher[Entry] | None" = None
        #: for the shipped glossary as read (:func:`default_glossary`): the files and code its
        #: derived data depends on, for the data cache; None once anything is added
        self._cache_sources: "list[Path | str] | None" = None
        #: what loading skipped, one message per entry, each starting with its file:line
        #: (see :func:`load_glossary`); the command line prints them on stderr
        self.warnings: list[str] = []
        self.extend(entries)

    def extend(self, entries: Iterable[Entry]) -> None:
        """``add`` each entry, in order."""
        import gc

        gc_was_on = gc.isenabled()
        gc.disable()  # many small acyclic objects (see matcher)
        try:
            for e in entries:
                self.add(e)
        finally:
            if gc_was_on:
                gc.enable()

    def add(self, entry: Entry) -> None:
        """Layer ``entry`` over what the glossary holds for its term (see the class docstring)."""
        self._matcher = self._shields = self._variants = None
        self._cache_sources = None
        key = entry.key
        self._rows.setdefault(key, []).append(entry)
        if entry.en == (CLEAR,):
            if self._entries.pop(key, None) is not None:
                self._senses[entry.zh].remove(key)
            return
        old = self._entries.get(key)
        if entry.clears:
            entry = dataclasses.replace(entry, wrong=entry.own_wrong, inherited=())
        elif old is not None:
            from .matcher import fold_key

            seen = {fold_key(x) for x in (*entry.en, *entry.variant, *entry.wrong)}
            for ws in entry.inherited:
                seen.update(fold_key(w) for w in ws.wrong)
            kept: list[WrongSet] = []
            for ws in old.wrong_sets:
                wrong = []
                for w in ws.wrong:
                    k = fold_key(w)
                    if k not in seen:
                        seen.add(k)
                        wrong.append(w)
                if wrong:
                    kept.append(ws._replace(wrong=tuple(wrong)))
            entry = dataclasses.replace(entry, inherited=entry.inherited + tuple(kept))
        if old is None:
            keys = self._senses.setdefault(entry.zh, [])
            if entry.institution:
                keys.append(key)
            else:
                keys.insert(0, key)
        self._entries[key] = entry

    def layers(self, zh: str, institution: str = "") -> list[Entry]:
        """The rows added for ``zh`` (of ``institution``), earliest first (the shipped row,
        then user rows)."""
        return list(self._rows.get(f"{zh}@{institution}" if institution else zh, ()))

    def senses(self, zh: str) -> list[Entry]:
        """Every entry for the term ``zh``: the one for any institution first, then those
        for a given institution, in the order they were added."""
        return [self._entries[k] for k in self._senses.get(zh, ())]

    def get(self, zh: str, institution: str = "") -> Entry | None:
        """The entry for ``zh`` of ``institution`` (empty: of any institution), or None."""
        return self._entries.get(f"{zh}@{institution}" if institution else zh)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __contains__(self, zh: object) -> bool:
        return bool(self._senses.get(zh)) if isinstance(zh, str) else False

    def __getitem__(self, zh: str) -> Entry:
        keys = self._senses.get(zh)
        if not keys:
            raise KeyError(zh)
        return self._entries[keys[0]]

    def __getstate__(self) -> dict:
        return {"rows": [r for rows in self._rows.values() for r in rows], "warnings": self.warnings}

    def __setstate__(self, state: dict) -> None:
        self.__init__()
        for row in state["rows"]:  # dict order: each term's rows in order, terms as first added
            self.add(row)
        self.warnings = list(state.get("warnings", ()))

    @property
    def matcher(self) -> "Matcher[Rendering]":
        """The wrong renderings of every entry, for PT401. A wrong rendering that is also one
        of its own entry's approved renderings (ignoring case, hyphens and apostrophe forms)
        is left out: procutext never says that a word mistranslates a term and then offers
        the same word."""
        if self._matcher is None:
            import gc

            gc_was_on = gc.isenabled()
            gc.disable()  # hundreds of thousands of small acyclic objects: no cycles to collect
            try:
                self._matcher = self._build_matcher()
            finally:
                if gc_was_on:
                    gc.enable()
            self._shields = None
        return self._matcher

    def _build_matcher(self) -> "Matcher[Rendering]":
        from .matcher import Matcher, fold_keys

        entries = [(e, e.wrong_sets) for e in self]
        texts: list[str] = []  # each entry's approved renderings and variants, then its wrong ones
        for e, sets in entries:
            texts.extend(e.en)
            texts.extend(e.variant)
            for ws in sets:
                texts.extend(ws.wrong)
        keys = fold_keys(texts)
        items: list[tuple[str, Rendering]] = []
        i = 0
        for e, sets in entries:
            n = len(e.en) + len(e.variant)
            approved = keys[i:i + n]
            i += n
            for ws in sets:
                context = _with_institution(ws.context, e.institution)
                for w in ws.wrong:
                    k = keys[i]
                    i += 1
                    if k not in approved:
                        items.append((k, Rendering(e, w, context, ws.origin)))
        return Matcher(items, folded=True)

    @property
    def variant_matcher(self) -> "Matcher[Entry]":
        """The non-preferred variants of every entry, for PT402 (a variant that is also one of
        its entry's approved renderings is left out)."""
        if self._variants is None:
            from .matcher import Matcher, fold_key

            items = []
            for e in self:
                if e.variant:
                    approved = {fold_key(a) for a in e.en}
                    items.extend((k, e) for k in (fold_key(v) for v in e.variant) if k not in approved)
            self._variants = Matcher(items, folded=True)
        return self._variants

    @property
    def shield_matcher(self) -> "Matcher[None]":
        """The approved renderings and variants (of any entry) that contain a wrong rendering
        or a variant and are longer than it: "two establishments" (两个确立) holds "two establishment",
        "Supreme People's Court" holds "court", "judicial police" holds "police". Where one of
        them is written out in a text, the wrong rendering inside it is correct English, not a
        mistranslation.

        A plural or possessive ending after a shield belongs to it ("judicial police officers"
        shields "police officers"), and so does a plural inside it, on the noun before a
        preposition ("Central Commissions for Discipline Inspection", see :func:`inner_plurals`)."""
        if self._shields is None:
            from .matcher import Matcher

            sources = self._cache_sources
            if sources is not None:  # the shipped glossary as read: its shields from the data cache
                from .. import datacache

                keys = datacache.load("glossary-shields", sources, self._shield_keys)
            else:
                keys = self._shield_keys()
            self._shields = Matcher(((a, None) for a in keys), folded=True)
        return self._shields

    def _shield_keys(self) -> list[str]:
        """The folded shields of :attr:`shield_matcher`, sorted."""
        from .matcher import fold_keys

        import bisect

        approved = sorted(set(fold_keys([f for e in self for a in (*e.en, *e.variant)
                                         for f in inner_plurals(a)])))
        joined = "\n".join(approved)  # one pass of the automaton over all of them
        starts, at = [], 0
        for a in approved:
            starts.append(at)
            at += len(a) + 1
        shields = set()
        for matcher in (self.matcher, self.variant_matcher):
            for offset, key in matcher.keys_in(joined):
                a = approved[bisect.bisect_right(starts, offset) - 1]
                if len(key) < len(a):
                    shields.add(a)
        return sorted(shields)

    def approved_cover(self, folded: str) -> "Cover":
        """Where the approved renderings of :attr:`shield_matcher` occur in ``folded`` (a text
        as ``matcher.fold`` folds it)."""
        shields = self.shield_matcher
        return Cover(list(shields.spans_in(folded)) if len(shields) else [])

    def always_flags(self, text: str) -> bool:
        """Whether ``text`` contains a wrong rendering of an entry without a context, one that
        PT401 reports wherever it occurs: a replacement that does is no safe fix."""
        from .matcher import fold

        folded = fold(text)
        cover = self.approved_cover(folded)
        return any(True for _ in self.matcher.finditer(
            text, folded, accept=lambda m: not m.value.context and not cover.longer(m.start, m.end)))


def _with_institution(context: tuple[Condition, ...], institution: str) -> tuple[Condition, ...]:
    """An entry's context with its institution as a condition: the wrong renderings of an
    entry for a court are only wrong where the text is about a court. A ``doc`` condition of
    the row itself decides instead."""
    if not institution or any(c.kind == "doc" for c in context):
        return context
    return (Condition("doc", (institution,)),) + context


_PREPOSITIONS = frozenset({"of", "for", "to", "at", "on", "in", "with", "from", "under", "against"})
_INVARIANT = frozenset({"staff", "personnel", "police", "people", "news", "series", "means"})


def plural_word(word: str) -> str:
    """The plural of an English noun by the regular rules ("court" → "courts", "deputy" →
    "deputies", "policeman" → "policemen"); nouns without a plural form ("staff",
    "personnel") stay as they are."""
    low = word.lower()
    if low in _INVARIANT or not word[-1:].isalpha():
        return word
    if low.endswith("man") and not low.endswith(("human", "german")):
        return word[:-3] + ("MEN" if word.isupper() else "men")
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if low.endswith("y") and low[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return word[:-1] + "ies"
    return word + "s"


def inner_plurals(rendering: str) -> list[str]:
    """``rendering`` and the plurals of it that the matcher's endings (-s, -es, -'s) do not
    give: the ending inside it, on a noun that a preposition follows ("member of the
    procuratorial committee" → "members of the procuratorial committee"), and an irregular
    plural of its last word ("People's Court Daily" → "People's Court Dailies"). A regular
    ending at the very end ("courts") needs no form of its own: the matcher allows it after
    any key."""
    words = rendering.split()
    out = [rendering]
    if words:
        last = plural_word(words[-1])
        if last not in (words[-1], words[-1] + "s", words[-1] + "es"):
            out.append(" ".join([*words[:-1], last]))
    for i in range(len(words) - 1):
        if words[i + 1].lower() in _PREPOSITIONS and words[i].lower() not in _PREPOSITIONS:
            p = plural_word(words[i])
            if p != words[i]:
                out.append(" ".join([*words[:i], p, *words[i + 1:]]))
    return out


class Cover:
    """Spans of a text (approved renderings written out there), asked whether one of them
    covers a given span and is longer than it, in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []  # the farthest end of the spans starting at or before each
        far = -1
        for _, e in spans:
            far = max(far, e)
            self.reach.append(far)

    def longer(self, start: int, end: int) -> bool:
        """Whether a span covers [start, end) and is longer than it."""
        import bisect

        if not self.starts:
            return False
        i = bisect.bisect_right(self.starts, start) - 1  # spans starting at or before start
        if i < 0:
            return False
        if self.reach[i] > end:
            return True
        j = bisect.bisect_left(self.starts, start) - 1  # spans starting before start
        return j >= 0 and self.reach[j] >= end


from ..analysis import HAN_CHAR as _HAN  # noqa: E402
_t2s = None


def to_simplified(text: str) -> str:
    """Traditional characters converted to simplified (OpenCC t2s, loaded on first use)."""
    global _t2s
    if not _HAN.search(text):
        return text
    if _t2s is None:
        import opencc

        _t2s = opencc.OpenCC("t2s")
    return _t2s.convert(text)


def _fold_words(s: str) -> str:
    from .matcher import fold_key

    return fold_key(s)


def lookup(glossary: "Glossary", query: str, limit: int | None = None) -> list[tuple[Entry, str]]:
    """Entries for a Chinese or English query, best first, each with how it matched.

    Chinese (simplified or traditional): ``zh`` (the term itself), ``in-term`` (a term that
    contains the query), ``in-query`` (a term found in the query, so a whole sentence can be
    looked up). English: ``approved``, ``variant`` or ``wrong`` (a rendering equal to the
    query, ignoring case, hyphens and curly apostrophes), then ``approved-part`` /
    ``variant-part`` / ``wrong-part`` (a rendering that contains the query as whole words)."""
    query = query.strip()
    if not query:
        return []
    hits: list[tuple[int, Entry, str]] = []
    if _HAN.search(query):
        q = to_simplified(query)
        for e in glossary:
            if e.zh == q:
                hits.append((0, e, "zh"))
            elif q in e.zh:
                hits.append((1, e, "in-term"))
            elif e.zh in q:
                hits.append((2, e, "in-query"))
    else:
        q = _fold_words(query)
        padded = f" {q} "
        for e in glossary:
            best: tuple[int, str] | None = None
            for rank, how, items in ((0, "approved", e.en), (1, "variant", e.variant),
                                     (2, "wrong", e.all_wrong)):
                for item in items:
                    f = _fold_words(item)
                    if f == q:
                        cand = (rank, how)
                    elif padded in f" {f} ":
                        cand = (rank + 3, f"{how}-part")
                    else:
                        continue
                    if best is None or cand[0] < best[0]:
                        best = cand
            if best is not None:
                hits.append((best[0], e, best[1]))
    # longer terms first among those found in a query, shorter first otherwise
    hits.sort(key=lambda h: (h[0], -len(h[1].zh) if h[0] == 2 and h[2] == "in-query" else len(h[1].zh), h[1].zh))
    out = [(e, how) for _, e, how in hits]
    return out[:limit] if limit is not None else out


_default: Glossary | None = None


#: the shipped glossary files under ``glossaries/``, layered in this order
SHIPPED = ("procuratorial.tsv", "court.tsv")


def shipped_paths() -> list[Path]:
    """The shipped glossary files, in layering order."""
    from ..data import data_dir

    return [data_dir() / name for name in SHIPPED]


def default_glossary() -> Glossary:
    """The shipped glossary (procuratorial and political-legal terms, then court terms),
    read once per process."""
    global _default
    if _default is None:
        from . import matcher

        g = Glossary(_shipped_entries())
        g._cache_sources = [*shipped_paths(), __file__, matcher.__file__]
        _default = g
    return _default


def _shipped_entries() -> list[Entry]:
    """The rows of the shipped files, from the data cache (:mod:`procutext.datacache`) when an
    earlier run read the same files with the same code: the rows' cells as plain data, made
    Entries again without the TSV reading and the checks of every cell (8 ms of a start)."""
    from .. import datacache

    paths = shipped_paths()
    if not datacache.enabled():
        return [e for p in paths for e in read_tsv(p)]

    def build() -> list[tuple]:
        entries = [e for p in paths for e in read_tsv(p)]
        rows = [_entry_row(e) for e in entries]
        # only what the plain form gives back exactly (a read row inherits nothing)
        return rows if all(_row_entry(r) == e and r[-1] == e.origin for r, e in zip(rows, entries)) else []

    rows = datacache.load("glossary", [*paths, __file__], build)
    if not rows:
        return [e for p in paths for e in read_tsv(p)]
    return [_row_entry(r) for r in rows]


#: the fields of an Entry as the data cache keeps them (``origin`` last)
_ROW_FIELDS = ("zh", "en", "wrong", "context", "domain", "case", "note", "source", "variant", "institution", "origin")


def _entry_row(e: Entry) -> tuple:
    if e.inherited:
        return ()
    return (e.zh, e.en, e.wrong, tuple((c.kind, c.values) for c in e.context), e.domain, e.case, e.note, e.source,
            e.variant, e.institution, e.origin)


def _row_entry(r: tuple) -> Entry:
    if not r:
        return Entry("", ())  # never equal to a read row: the plain form is not used
    return Entry(zh=r[0], en=r[1], wrong=r[2], context=tuple(Condition(k, v) for k, v in r[3]), domain=r[4],
                 case=r[5], note=r[6], source=r[7], variant=r[8], institution=r[9], origin=r[10])


_loaded: dict[tuple, "Glossary | GlossaryError"] = {}


def cached_glossary(paths: tuple[str, ...], default: bool = True) -> Glossary:
    """``load_glossary`` memoised per process on the paths, their modification times and
    ``default``, so that checking many files with one configuration reads the files once."""
    key_parts: list[object] = [default]
    for p in paths:
        try:
            key_parts.append((p, Path(p).stat().st_mtime_ns))
        except OSError:
            key_parts.append((p, None))
    key = tuple(key_parts)
    hit = _loaded.get(key)
    if hit is None:
        try:
            hit = load_glossary(*paths, default=default)
        except GlossaryError as e:
            hit = e
        _loaded[key] = hit
    if isinstance(hit, GlossaryError):
        raise hit
    return hit


def load_glossary(*paths: str | Path, default: bool = True) -> Glossary:
    """The shipped glossary (unless ``default=False``) layered with the given files
    (.tsv, .csv, .tbx, .xlsx): a later entry for the same Chinese term overrides an earlier
    one, and an entry whose ``en`` is ``-`` disables it.

    A file with malformed rows raises one GlossaryError that names every one of them. Each
    file is then checked as ``procutext glossary check`` checks it, and an entry it reports
    an error for (approved and wrong at once, a generic word without context ...) is skipped,
    and so is a TBX concept without a Chinese or an English term: ``Glossary.warnings`` says
    which, with file and line."""
    from .formats import read_glossary
    from .validate import usable_entries

    g = Glossary(default_glossary() if default else ())
    for p in paths:
        unreadable: list[str] = []  # TBX concepts without a Chinese or an English term
        entries, skipped = usable_entries(read_glossary(p, report=unreadable))
        g.warnings.extend(unreadable)
        g.warnings.extend(skipped)
        g.extend(entries)
    return g
