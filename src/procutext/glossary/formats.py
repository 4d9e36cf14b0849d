"""Glossary file formats besides the native TSV: TBX termbases, CSV/TSV writing, XLSX reading.

Public functions:

- :func:`read_tbx` reads a TBX termbase (ISO 30042): TBX v3 (``<tbx>``, namespace
  ``urn:iso:std:iso:30042:ed-2``, ``conceptEntry/langSec/termSec``, DCA or DCT style) and the
  older TBX v2 / TBX-Basic ``<martif>`` form (``termEntry/langSet/tig|ntig``) that CAT tools
  (SDL MultiTerm/Trados, memoQ, Wordfast, Smartcat) export.
- :func:`write_tbx` writes TBX v3, TBX-Basic dialect, DCA style.
- :func:`write_tsv` writes the native TSV (or CSV with ``delimiter=","``); the inverse of
  :func:`procutext.glossary.read_tsv`.
- :func:`read_xlsx` reads the first worksheet (or the one named ``glossary``) of an .xlsx workbook.
- :func:`read_glossary` / :func:`write_glossary` choose one of these by the file's suffix.
- :func:`format_context` is the inverse of :func:`procutext.glossary.parse_context`.

Skipped TBX concepts. A concept without a Chinese term, or without any English term, cannot
become an entry and is skipped. ``read_tbx(path, report=lst)`` (and ``read_glossary(path,
report=lst)``) appends one message per skipped concept to ``lst``, each starting with
``file:line``, so ``len(lst)`` is the number of concepts skipped. (A term status the reader does
not know is read as approved, without a message.)
Without ``report`` they are dropped silently. The return value is always a plain entry list.

How procutext's own fields travel through TBX. ``domain`` is the ``subjectField``; approved
renderings are English terms with status ``preferredTerm-admn-sts`` (the first) and
``admittedTerm-admn-sts`` (the others), wrong renderings are ``deprecatedTerm-admn-sts`` terms.
Non-preferred variants are admitted terms too (TBX's "admitted": acceptable beside the
preferred term), marked with ``<termNote type="usageNote">non-preferred</termNote>``, which
other tools show as a usage note; the reader takes an admitted term with that note, or a term
whose status is ``nonPreferredTerm``, ``non-preferred`` or ``variant``, as a variant.
``note`` is a concept-level ``<note>``, ``source`` an ``<admin type="source">``. ``context``,
``case`` and ``institution`` have no TBX-Basic data category, so they are carried in
concept-level notes ``<note>procutext-context: doc:procuratorate;near:...</note>`` (the TSV
context cell, see :func:`format_context`), ``<note>procutext-case: proper</note>`` and
``<note>procutext-institution: court</note>``, which the reader recognises and takes out of
the note. A proper-name entry's approved English terms also carry
``<termNote type="partOfSpeech">properNoun</termNote>``, which other tools understand; in a TBX
file without a ``procutext-case`` note, a ``properNoun`` approved English term makes the entry
``proper``. So TSV -> TBX -> TSV gives back equal entries.

Safety. XML is parsed with defusedxml with DTDs forbidden: a file that declares a DOCTYPE (and so
any file with entity declarations or external entities) is refused with a GlossaryError before
anything in the DTD is read. Note that some older TBX v2 exports start with
``<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">``: delete that line to read them.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr


from . import (ALL_COLUMNS, CASES, COLUMNS, DOMAINS, EXTRA_COLUMNS, INSTITUTIONS, Condition, Entry, GlossaryError,
               collect, entry_from_cells, iter_tsv, parse_context)

__all__ = [
    "format_context", "read_tbx", "write_tbx", "write_tsv", "read_xlsx",
    "read_glossary", "iter_glossary", "write_glossary", "READ_SUFFIXES", "WRITE_SUFFIXES",
]

READ_SUFFIXES = (".tsv", ".tab", ".txt", ".csv", ".tbx", ".xml", ".xlsx")
WRITE_SUFFIXES = (".tsv", ".csv", ".tbx")

TBX_NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONTEXT_NOTE = "procutext-context:"
CASE_NOTE = "procutext-case:"
INSTITUTION_NOTE = "procutext-institution:"
VARIANT_USAGE = "non-preferred"


# --------------------------------------------------------------------------- context


def format_context(conds: Iterable[Condition], where: str = "context") -> str:
    """The context cell for ``conds``: the inverse of ``parse_context``.

    ``parse_context(format_context(c), w) == tuple(c)`` for every condition tuple that
    ``parse_context`` can produce; anything else (a value with ``|`` or ``;``, upper case,
    surrounding spaces, an unknown kind ...) raises GlossaryError, since it could not be read back.
    """
    conds = tuple(conds)
    parts = []
    for c in conds:
        for v in c.values:
            if "|" in v or ";" in v:
                raise GlossaryError(f"{where}: context value {v!r} of {c.kind!r} contains '|' or ';', "
                                    "which separate values and conditions")
        parts.append(f"{c.kind}:{'|'.join(c.values)}")
    cell = ";".join(parts)
    if parse_context(cell, where) != conds:
        raise GlossaryError(f"{where}: context {conds!r} cannot be written as a context cell "
                            f"(values must be non-empty, stripped and lower case)")
    return cell


# --------------------------------------------------------------------------- writing helpers


def _atomic_write(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and ``os.replace``."""
    p = Path(path)
    directory = p.parent if str(p.parent) else Path(".")
    try:
        mode = os.stat(p).st_mode & 0o7777
    except OSError:
        mode = 0o644
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, p)
        tmp = None
    except OSError as e:
        raise GlossaryError(f"{p}: cannot write: {e.strerror or e}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _who(path: str | Path, i: int, e: Entry) -> str:
    origin = f", from {e.origin}" if e.origin else ""
    return f"{path}: entry {i} ({e.zh!r}{origin})"


def _check_entry(path: str | Path, i: int, e: Entry) -> str:
    """Check that ``e`` can be written so that it reads back equal; returns its context cell."""
    who = _who(path, i, e)
    if not e.zh.strip():
        raise GlossaryError(f"{who}: empty zh")
    if e.domain not in DOMAINS:
        raise GlossaryError(f"{who}: unknown domain {e.domain!r}")
    if e.case not in CASES:
        raise GlossaryError(f"{who}: case must be 'proper' or 'common', not {e.case!r}")
    if e.institution and e.institution not in INSTITUTIONS:
        raise GlossaryError(f"{who}: unknown institution {e.institution!r}")
    for name in ("en", "variant", "wrong"):
        for item in getattr(e, name):
            if not item.strip() or "|" in item or item != item.strip():
                raise GlossaryError(f"{who}: {name} item {item!r} cannot be written "
                                    "(items must be non-empty, without '|' or surrounding spaces)")
    for name in ("zh", "note", "source"):
        value = getattr(e, name)
        if value != value.strip():
            raise GlossaryError(f"{who}: {name} {value!r} has surrounding spaces")
    return format_context(e.context, who)


def _cells(e: Entry, context: str, columns: Sequence[str] = COLUMNS) -> list[str]:
    cells = {"zh": e.zh, "en": "|".join(e.en), "wrong": "|".join(e.wrong), "context": context,
             "domain": e.domain, "case": e.case, "note": e.note, "source": e.source,
             "variant": "|".join(e.variant), "institution": e.institution}
    return [cells[c] for c in columns]


def columns_for(entries: Iterable[Entry]) -> tuple[str, ...]:
    """The columns a file of ``entries`` needs: :data:`COLUMNS`, then those of
    :data:`EXTRA_COLUMNS` that some entry uses (so a glossary without variants or institutions
    is written exactly as before they existed)."""
    used = set()
    for e in entries:
        if e.variant:
            used.add("variant")
        if e.institution:
            used.add("institution")
    return COLUMNS + tuple(c for c in EXTRA_COLUMNS if c in used)


# --------------------------------------------------------------------------- TSV / CSV


def write_tsv(entries: Iterable[Entry], path: str | Path, delimiter: str = "\t") -> None:
    """Write ``entries`` as a glossary TSV (or CSV with ``delimiter=","``), header ``COLUMNS``.

    Cells are written as in the shipped ``procuratorial.tsv``: lists joined with ``|``, the context
    with :func:`format_context`; the header is :data:`COLUMNS` and, when an entry uses them, the
    ``variant`` and ``institution`` columns (see :func:`columns_for`). TSV is written UTF-8 with ``\\n`` line ends and no quoting, so a
    cell with a tab or line break is an error; CSV uses standard CSV quoting, ``\\r\\n`` line ends
    and a UTF-8 byte order mark (so that Excel reads the Chinese). The inverse of ``read_tsv``.
    """
    entries = list(entries)
    columns = columns_for(entries)
    rows = []
    for i, e in enumerate(entries, start=1):
        cells = _cells(e, _check_entry(path, i, e), columns)
        if delimiter == "\t":
            for name, cell in zip(columns, cells):
                if "\t" in cell or "\n" in cell or "\r" in cell:
                    what = "a tab" if "\t" in cell else "a line break"
                    raise GlossaryError(f"{_who(path, i, e)}: the {name} cell contains {what}; "
                                        "TSV cells cannot (write .csv instead)")
        rows.append(cells)
    if delimiter == "\t":
        text = "".join("\t".join(r) + "\n" for r in [list(columns), *rows])
        encoding = "utf-8"
    else:
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows(rows)
        text, encoding = buf.getvalue(), "utf-8-sig"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as e:
        raise GlossaryError(f"{path}: cannot write the character U+{ord(e.object[e.start]):04X} "
                            "(a lone surrogate) in UTF-8") from None
    _atomic_write(path, data)


# --------------------------------------------------------------------------- TBX reading

_CONCEPTS = {"conceptEntry", "termEntry"}
_CONCEPT_ENDS = tuple(_CONCEPTS)
_LANGS = {"langSec", "langSet"}
_TERMS = {"termSec", "tig", "ntig"}
_GROUPS = {"descripGrp", "adminGrp", "termNoteGrp", "termGrp"}
_TYPED = {"descrip", "termNote", "admin", "adminNote", "descripNote"}
# core structure that is neither a data category nor a group of them
_STRUCTURE = {"ref", "transacGrp", "transac", "transacNote", "date", "hi", "foreign",
              "termCompList", "termComp", "termCompGrp", "p", "ph", "bpt", "ept", "it", "sc", "ec",
              *_TERMS, *_LANGS}

_SUBJECT = {"subjectfield", "subject field", "subject"}
_NOTE = {"note", "definition"}
_SOURCE = {"source", "xref"}
_STATUS = {"administrativestatus", "normativeauthorization"}
_POS = {"partofspeech"}

# status -> (approved?, rank): rank 0 = preferred, 1 = other approved
_STATUS_VALUES = {
    "preferredterm": (True, 0), "standardizedterm": (True, 0), "preferred": (True, 0),
    "admittedterm": (True, 1), "legalterm": (True, 1), "regulatedterm": (True, 1),
    "admitted": (True, 1), "approved": (True, 1), "permitted": (True, 1),
    "deprecatedterm": (False, 0), "supersededterm": (False, 0), "deprecated": (False, 0),
    "superseded": (False, 0), "forbidden": (False, 0), "notrecommended": (False, 0),
}
#: statuses read as a non-preferred variant (not TBX-Basic values; written by hand or by other tools)
_VARIANT_STATUSES = {"nonpreferredterm", "nonpreferred", "non-preferred", "variant", "variantterm"}
_USAGE = {"usagenote"}

_WS_BREAK = re.compile(r"\s*[\r\n\t]\s*")
_local_names: dict[str, str] = {}


def _local(tag: str) -> str:
    """``tag`` without its ``{namespace}``."""
    try:
        return _local_names[tag]
    except KeyError:
        local = tag.rpartition("}")[2]
        if len(_local_names) < 10_000:
            _local_names[tag] = local
        return local


def _text(elem: ET.Element) -> str:
    """The text of ``elem`` (with inline markup), line breaks and tabs folded to spaces."""
    t = (elem.text or "") if not len(elem) else "".join(elem.itertext())
    if "\n" in t or "\t" in t or "\r" in t:
        t = _WS_BREAK.sub(" ", t)
    return t.strip()


def _lang_kind(code: str) -> str | None:
    """'hans', 'hant', 'en' or None for a language tag, case-insensitively."""
    tags = code.strip().lower().replace("_", "-").split("-")
    if tags[0] == "en":
        return "en"
    if tags[0] != "zh":
        return None
    rest = set(tags[1:])
    if rest & {"hans", "chs"}:
        return "hans"
    if rest & {"hant", "cht", "tw", "hk", "mo"}:
        return "hant"
    return "hans"  # zh, zh-CN, zh-SG, zh-MY


class _Concept:
    """What one concept's data categories say, gathered in document order."""

    __slots__ = ("subjects", "notes", "sources", "context", "case", "institution")

    def __init__(self) -> None:
        self.subjects: list[str] = []
        self.notes: list[str] = []
        self.sources: list[str] = []
        self.context: str | None = None
        self.case: str | None = None
        self.institution: str | None = None


class _Term:
    __slots__ = ("text", "status", "pos", "non_preferred")

    def __init__(self) -> None:
        self.text: str | None = None
        self.status: str | None = None
        self.pos = False
        self.non_preferred = False


def _scan(elem: ET.Element, c: _Concept, term: _Term | None = None) -> None:
    """Gather the data categories directly in ``elem`` (and in its groups) into ``c`` / ``term``."""
    for child in elem:
        local = _local(child.tag)
        if local in _GROUPS:
            _scan(child, c, term)
            continue
        if local in _TYPED:
            name = (child.get("type") or "").strip().lower()
        elif local == "note" or local == "xref":
            name = local
        elif local == "term":
            if term is not None and term.text is None:
                term.text = _text(child)
            continue
        elif local in _STRUCTURE:
            continue
        else:  # DCT style: <basic:subjectField>, <min:administrativeStatus> ...
            name = local.lower()
        if name in _NOTE:
            value = _text(child)
            if value.startswith(CONTEXT_NOTE):
                c.context = value[len(CONTEXT_NOTE):].strip()
            elif value.startswith(CASE_NOTE):
                c.case = value[len(CASE_NOTE):].strip()
            elif value.startswith(INSTITUTION_NOTE):
                c.institution = value[len(INSTITUTION_NOTE):].strip()
            elif value and value not in c.notes:
                c.notes.append(value)
        elif name in _SOURCE:
            value = (child.get("target") or "").strip() if name == "xref" else ""
            value = value or _text(child)
            if value and value not in c.sources:
                c.sources.append(value)
        elif name in _SUBJECT:
            value = _text(child)
            if value:
                c.subjects.append(value)
        elif term is not None:
            if name in _STATUS:
                term.status = _text(child)
            elif name in _POS and _text(child).lower() == "propernoun":
                term.pos = True
            elif name in _USAGE and _text(child).lower().startswith(VARIANT_USAGE):
                term.non_preferred = True


#: elements nested deeper than this are refused (libxml2's default limit; a TBX file nests
#: about eight deep)
MAX_TBX_DEPTH = 256


class _TbxTarget(ET.TreeBuilder):
    """Builds one concept at a time, turns it into entries when it ends and then frees it."""

    def __init__(self, p: str, report: list[str] | None) -> None:
        super().__init__()
        self.p = p
        self.report = report
        self.expat = None
        self.root: str | None = None
        self.line: int | None = None
        self.items: list[tuple[str, Entry | GlossaryError]] = []
        self.depth = 0

    def start(self, tag, attrs):  # type: ignore[override]
        self.depth += 1
        if self.depth > MAX_TBX_DEPTH:
            raise GlossaryError(f"{self.p}:{self.expat.CurrentLineNumber if self.expat is not None else '?'}: "
                                f"refused: elements nested more than {MAX_TBX_DEPTH} deep")
        elem = super().start(tag, attrs)
        if self.root is None:
            self.root = _local(tag)
            if self.root not in ("tbx", "martif"):
                raise GlossaryError(f"{self.p}: not a TBX termbase: the root element is <{self.root}>, "
                                    "expected <tbx> (TBX v3) or <martif> (TBX v2)")
        elif tag.endswith(_CONCEPT_ENDS) and _local(tag) in _CONCEPTS:
            self.line = self.expat.CurrentLineNumber if self.expat is not None else None
        return elem

    def end(self, tag):  # type: ignore[override]
        self.depth -= 1
        elem = super().end(tag)
        if tag.endswith(_CONCEPT_ENDS) and _local(tag) in _CONCEPTS:
            where = f"{self.p}:{self.line}" if self.line is not None else f"{self.p}#{elem.get('id', '')}"
            try:
                self.items.extend((where, e) for e in _concept(self.p, elem, self.line, self.report))
            except GlossaryError as e:  # a bad procutext note: report it with the others
                self.items.append((where, e))
            elem.clear()
        return elem


def _parse_tbx(p: str, report: list[str] | None) -> list[tuple[str, Entry | GlossaryError]]:
    """Parse a TBX file safely, turning each concept into entries as soon as it is read."""
    import pyexpat

    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.ElementTree import DefusedXMLParser

    try:
        f = open(p, "rb")
    except OSError as e:
        raise GlossaryError(f"{p}: cannot read: {e.strerror or e}") from None
    target = _TbxTarget(p, report)
    parser = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True,
                              forbid_external=True)
    target.expat = parser.parser
    line = lambda: parser.parser.CurrentLineNumber  # noqa: E731
    try:
        with f:
            while chunk := f.read(1 << 20):
                parser.feed(chunk)
        parser.close()
    except OSError as e:
        raise GlossaryError(f"{p}: cannot read: {e.strerror or e}") from None
    except ET.ParseError as e:
        ln, col = e.position
        raise GlossaryError(f"{p}:{ln}:{col + 1}: not well-formed XML: "
                            f"{pyexpat.ErrorString(e.code)}") from None
    except DTDForbidden as e:
        raise GlossaryError(f"{p}:{line()}: refused: the file declares a DOCTYPE (<!DOCTYPE {e.name} ...>); "
                            "DTDs and entities are not read, for safety: delete the DOCTYPE") from None
    except EntitiesForbidden as e:
        raise GlossaryError(f"{p}:{line()}: refused: the file declares an entity ({e.name}); "
                            "entities are not read, for safety") from None
    except ExternalReferenceForbidden as e:
        raise GlossaryError(f"{p}:{line()}: refused: the file refers to an external entity "
                            f"({e.sysid or e.pubid}); external entities are not read, for safety") from None
    except GlossaryError:
        raise
    except (LookupError, ValueError) as e:  # the XML declaration names an encoding expat cannot read
        raise GlossaryError(f"{p}:{line()}: cannot read the encoding the XML declaration names ({e}): "
                            "save the termbase as UTF-8") from None
    return target.items


_t2s = None


def _to_simplified(text: str) -> str:
    global _t2s
    if _t2s is None:
        import opencc

        _t2s = opencc.OpenCC("t2s")
    return _t2s.convert(text)


def read_tbx(path: str | Path, report: list[str] | None = None) -> list[Entry]:
    """Entries of a TBX termbase (v3 ``<tbx>`` or v2 ``<martif>``); see the module docstring.

    One entry per Chinese term of each concept (simplified terms; a concept with only traditional
    ones, ``zh-TW``/``zh-Hant``/``zh-HK``, gets them converted with OpenCC ``t2s``). English
    terms with a deprecated or superseded status are the wrong renderings, the others the approved
    ones (preferred ones first). Concepts without a Chinese or an English term are skipped, with a
    message appended to ``report`` when it is given. Unknown term statuses are read as approved.
    Concepts with a bad ``procutext-`` note raise one GlossaryError naming each of them.
    """
    return collect(path, _parse_tbx(str(path), report))


def _concept(p: str, concept: ET.Element, line: int | None, report: list[str] | None) -> list[Entry]:
    cid = concept.get("id", "")
    origin = f"{p}:{line}" if line is not None else f"{p}#{cid}"
    hans: list[str] = []
    hant: list[str] = []
    en: list[tuple[int, str]] = []          # (rank, term) of approved terms
    variant: list[str] = []
    wrong: list[str] = []
    proper_noun = False
    others: list[str] = []
    c = _Concept()

    _scan(concept, c)
    for lang_el in concept:
        if _local(lang_el.tag) not in _LANGS:
            continue
        code = lang_el.get(_XML_LANG) or lang_el.get("lang") or ""
        kind = _lang_kind(code)
        if kind is None:
            if code and code not in others:
                others.append(code)
            continue
        _scan(lang_el, c)
        for term_el in lang_el:
            if _local(term_el.tag) not in _TERMS:
                continue
            t = _Term()
            _scan(term_el, c, t)
            term = t.text
            if not term:
                continue
            if kind == "hans":
                if term not in hans:
                    hans.append(term)
            elif kind == "hant":
                if term not in hant:
                    hant.append(term)
            else:
                approved, rank = True, 1
                value = ""
                if t.status is not None:
                    value = t.status.lower().removesuffix("-admn-sts").replace(" ", "")
                    approved, rank = _STATUS_VALUES.get(value, (True, 1))
                if value in _VARIANT_STATUSES or (approved and rank == 1 and t.non_preferred):
                    variant.append(term)
                elif approved:
                    en.append((rank, term))
                    proper_noun = proper_noun or t.pos
                else:
                    wrong.append(term)

    langs = ", ".join(others) or "none"
    if not hans and hant:
        hans = list(dict.fromkeys(_to_simplified(t) for t in hant))
    if not hans:
        if report is not None:
            report.append(f"{origin}: skipped concept {cid!r}: no Chinese term (other languages: {langs})")
        return []
    if not en and not wrong and not variant:
        if report is not None:
            report.append(f"{origin}: skipped concept {cid!r} ({hans[0]}): no English term "
                          f"(other languages: {langs})")
        return []

    notes = c.notes
    domain = "general"
    if c.subjects:
        if c.subjects[0].lower() in DOMAINS:
            domain = c.subjects[0].lower()
        else:
            notes.insert(0, f"subject field: {c.subjects[0]}")
    if c.case is not None:
        if c.case not in CASES:
            raise GlossaryError(f"{origin}: procutext-case note must be 'proper' or 'common', not {c.case!r}")
        case = c.case
    else:
        case = "proper" if proper_noun else "common"
    context = parse_context(c.context, f"{origin} (procutext-context note)") if c.context else ()
    institution = c.institution or ""
    if institution and institution not in INSTITUTIONS:
        raise GlossaryError(f"{origin}: procutext-institution note must be one of {', '.join(INSTITUTIONS)}, "
                            f"not {institution!r}")
    en.sort(key=lambda rt: rt[0])  # stable: preferred first, document order otherwise
    approved_terms = tuple(t for _, t in en)
    note, source = "; ".join(notes), " ; ".join(c.sources)
    return [Entry(zh=zh, en=approved_terms, wrong=tuple(wrong), context=context, domain=domain,
                  case=case, note=note, source=source, origin=origin, variant=tuple(variant),
                  institution=institution)
            for zh in hans]

# --------------------------------------------------------------------------- TBX writing

_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def write_tbx(entries: Iterable[Entry], path: str | Path) -> None:
    """Write ``entries`` as TBX v3, TBX-Basic dialect, DCA style: one conceptEntry per entry.

    Read back with :func:`read_tbx`, every field (except ``origin``) is unchanged.
    """
    out: list[str] = []
    w = out.append
    count = 0
    for i, e in enumerate(entries, start=1):
        context = _check_entry(path, i, e)
        if not e.en and not e.wrong and not e.variant:
            raise GlossaryError(f"{_who(path, i, e)}: no English rendering, approved or wrong; "
                                "a TBX concept needs one")
        if e.note.startswith((CONTEXT_NOTE, CASE_NOTE, INSTITUTION_NOTE)):
            raise GlossaryError(f"{_who(path, i, e)}: the note starts with {e.note.split(':')[0]}:, "
                                "which would be read back as that field")
        for name, value in (("zh", e.zh), ("en", "".join(e.en)), ("variant", "".join(e.variant)),
                            ("wrong", "".join(e.wrong)),
                            ("note", e.note), ("source", e.source), ("context", context)):
            bad = _XML_ILLEGAL.search(value)
            if bad:
                raise GlossaryError(f"{_who(path, i, e)}: {name} contains the character "
                                    f"U+{ord(bad.group()):04X}, which XML cannot hold")
        count += 1
        w(f'      <conceptEntry id="c{i}">\n')
        w(f'        <descrip type="subjectField">{escape(e.domain)}</descrip>\n')
        if e.note:
            w(f"        <note>{escape(e.note)}</note>\n")
        if context:
            w(f"        <note>{CONTEXT_NOTE} {escape(context)}</note>\n")
        w(f"        <note>{CASE_NOTE} {e.case}</note>\n")
        if e.institution:
            w(f"        <note>{INSTITUTION_NOTE} {e.institution}</note>\n")
        if e.source:
            w(f'        <admin type="source">{escape(e.source)}</admin>\n')
        w('        <langSec xml:lang="zh">\n')
        w(f"          <termSec>\n            <term>{escape(e.zh)}</term>\n          </termSec>\n")
        w("        </langSec>\n")
        w('        <langSec xml:lang="en">\n')
        pos = '            <termNote type="partOfSpeech">properNoun</termNote>\n' if e.case == "proper" else ""
        for k, term in enumerate(e.en):
            status = "preferredTerm-admn-sts" if k == 0 else "admittedTerm-admn-sts"
            w(f"          <termSec>\n            <term>{escape(term)}</term>\n{pos}"
              f'            <termNote type="administrativeStatus">{status}</termNote>\n'
              "          </termSec>\n")
        for term in e.variant:
            w(f"          <termSec>\n            <term>{escape(term)}</term>\n"
              '            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>\n'
              f'            <termNote type="usageNote">{VARIANT_USAGE}</termNote>\n'
              "          </termSec>\n")
        for term in e.wrong:
            w(f"          <termSec>\n            <term>{escape(term)}</term>\n"
              '            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>\n'
              "          </termSec>\n")
        w("        </langSec>\n      </conceptEntry>\n")
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns={quoteattr(TBX_NS)}>\n'
        "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n"
        f"        <p>procutext glossary, {count} entries. Notes starting with {CONTEXT_NOTE}, "
        f"{CASE_NOTE} and {INSTITUTION_NOTE} carry procutext's context, case and institution fields; "
        f"admitted terms with the usage note {VARIANT_USAGE!r} are non-preferred variants.</p>\n"
        "      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n"
        "  <text>\n    <body>\n"
    )
    tail = "    </body>\n  </text>\n</tbx>\n"
    _atomic_write(path, (head + "".join(out) + tail).encode("utf-8"))


# --------------------------------------------------------------------------- XLSX

_ZH_ALIASES = ("zh", "zh cn", "zh hans", "zh sg", "chinese", "source term", "source")
_EN_ALIASES = ("en", "en us", "en gb", "english", "target term", "target")
_NOTE_ALIASES = ("note", "notes")
_VARIANT_ALIASES = ("variant", "variants", "non preferred", "nonpreferred")


_TRADITIONAL = {"traditional", "taiwan", "hong kong", "macau", "macao", "tw", "hk"}


def _norm_header(value: object) -> str:
    """A header cell in lower case, ``_``/``-`` as spaces; ``Chinese (Simplified)`` -> ``chinese``,
    ``English (United States)`` -> ``english`` (a traditional-Chinese header stays as it is)."""
    h = re.sub(r"[\s_-]+", " ", _cell_str(value).lower()).strip()
    m = re.fullmatch(r"(chinese|english) ?\((.*)\)", h)
    if m and not (m.group(1) == "chinese" and any(t in m.group(2) for t in _TRADITIONAL)):
        return m.group(1)
    return h


def _cell_str(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, str):
        s = value
    elif isinstance(value, bool):
        s = "true" if value else "false"
    elif isinstance(value, int):
        s = str(value)
    elif isinstance(value, float):
        s = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, dt.datetime):
        s = value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    elif isinstance(value, (dt.date, dt.time)):
        s = value.isoformat()
    else:
        s = str(value)
    return _WS_BREAK.sub(" ", s).strip()


def _col_letter(i: int) -> str:
    s, n = "", i + 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def read_xlsx(path: str | Path) -> list[Entry]:
    """Entries of an .xlsx workbook; see :func:`iter_xlsx`. Bad rows raise one GlossaryError
    naming each of them."""
    return collect(path, iter_xlsx(path))


def iter_xlsx(path: str | Path) -> list[tuple[str, Entry | GlossaryError]]:
    """The rows of an .xlsx workbook (needs openpyxl), each as ``(where, Entry or its error)``:
    the sheet named ``glossary``, else the first.

    The first non-empty row is the header: the TSV column names, or for zh and en the usual
    CAT-export names (``Chinese``, ``zh-CN``, ``Source``, ``Source term`` / ``English``,
    ``en-US``, ``Target`` ...), case-insensitively. A ``source`` column is the Chinese term only
    when no other column is; otherwise it is the citation column. Columns with other names are
    ignored, empty rows skipped; cells are validated as ``read_tsv`` does.
    """
    p = str(path)
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:
        raise GlossaryError(f"{p}: reading .xlsx needs openpyxl: pip install 'procutext[xlsx]'") from None
    import zipfile

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except OSError as e:
        raise GlossaryError(f"{p}: cannot read: {e.strerror or e}") from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as e:
        raise GlossaryError(f"{p}: not a readable .xlsx workbook: {e}") from None
    try:
        sheets = wb.worksheets
        if not sheets:
            raise GlossaryError(f"{p}: the workbook has no worksheet")
        ws = next((s for s in sheets if s.title.strip().lower() == "glossary"), sheets[0])
        return _read_sheet(p, ws)
    finally:
        wb.close()


def _read_sheet(p: str, ws) -> list[tuple[str, Entry | GlossaryError]]:
    sheet = f"{p} [{ws.title}]"
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # some exporters record a wrong sheet size; read every stored row
    rows = ws.iter_rows(min_row=1, values_only=True)
    header: list[str] | None = None
    header_row = 0
    for n, row in enumerate(rows, start=1):
        if any(_cell_str(v) for v in row):
            header, header_row = [_norm_header(v) for v in row], n
            break
    if header is None:
        raise GlossaryError(f"{sheet}: empty sheet (a header row is required)")

    idx: dict[str, int] = {}
    for i, h in enumerate(header):
        if h in ALL_COLUMNS:
            if h in idx:
                raise GlossaryError(f"{sheet} row {header_row}: column {h!r} appears twice "
                                    f"({_col_letter(idx[h])} and {_col_letter(i)})")
            idx[h] = i

    def alias(name: str, aliases: Sequence[str]) -> None:
        if name in idx:
            return
        for a in aliases:
            hits = [i for i, h in enumerate(header) if h == a]
            if len(hits) > 1:
                raise GlossaryError(f"{sheet} row {header_row}: column {a!r} appears twice")
            if hits:
                idx[name] = hits[0]
                if a == "source":  # the Chinese term, not the citation
                    del idx["source"]
                return

    alias("zh", _ZH_ALIASES[1:])
    alias("en", _EN_ALIASES[1:])
    alias("note", _NOTE_ALIASES[1:])
    alias("variant", _VARIANT_ALIASES[1:])
    missing = [c for c in ("zh", "en") if c not in idx]
    if missing:
        raise GlossaryError(f"{sheet} row {header_row}: header lacks column(s) {', '.join(missing)} "
                            f"(expected {', '.join(COLUMNS)}, or Chinese/English, Source/Target ...)")

    items: list[tuple[str, Entry | GlossaryError]] = []
    for n, row in enumerate(rows, start=header_row + 1):
        cells = [_cell_str(v) for v in row]
        if not any(cells):
            continue
        where = f"{sheet} row {n}"

        def get(name: str) -> str:
            i = idx.get(name)
            return cells[i] if i is not None and i < len(cells) else ""

        def col(name: str) -> str:
            return f", column {_col_letter(idx[name])} ({name})" if name in idx else f", ({name})"

        try:
            items.append((where, entry_from_cells(get, where, col)))
        except GlossaryError as e:
            items.append((where, e))
    return items


# --------------------------------------------------------------------------- dispatch


def _supported(p: str, suffix: str, kinds: Sequence[str]) -> GlossaryError:
    return GlossaryError(f"{p}: unsupported glossary format {suffix or '(no suffix)'} "
                         f"(supported: {', '.join(kinds)})")


def iter_glossary(path: str | Path, report: list[str] | None = None) -> list[tuple[str, Entry | GlossaryError]]:
    """Each row (or TBX concept) of a glossary file of any supported format, as
    ``(file:line, Entry or the row's GlossaryError)``, so that every bad row can be reported.
    A file that cannot be read as a glossary at all (missing, not UTF-8, no header, unsafe or
    broken XML, unknown suffix) raises GlossaryError. ``report`` is passed to :func:`read_tbx`."""
    p = str(path)
    suffix = Path(p).suffix.lower()
    if suffix in (".tsv", ".tab", ".txt"):
        return list(iter_tsv(p))
    if suffix == ".csv":
        return list(iter_tsv(p, ","))
    if suffix in (".tbx", ".xml"):
        return _parse_tbx(p, report)
    if suffix == ".xlsx":
        return iter_xlsx(p)
    raise _supported(p, suffix, READ_SUFFIXES)


def read_glossary(path: str | Path, report: list[str] | None = None) -> list[Entry]:
    """Entries of a glossary file of any supported format, chosen by suffix.

    ``.tsv .tab .txt`` TSV, ``.csv`` CSV, ``.tbx`` TBX, ``.xml`` TBX (the root must be ``<tbx>``
    or ``<martif>``), ``.xlsx`` Excel. ``report`` is passed to :func:`read_tbx`. Bad rows raise
    one GlossaryError that names every one of them with its file and line.
    """
    return collect(path, iter_glossary(path, report))


def write_glossary(entries: Iterable[Entry], path: str | Path) -> None:
    """Write ``entries`` in the format the suffix names: ``.tsv``, ``.csv`` or ``.tbx``."""
    p = str(path)
    suffix = Path(p).suffix.lower()
    if suffix == ".tsv":
        write_tsv(entries, p)
    elif suffix == ".csv":
        write_tsv(entries, p, ",")
    elif suffix == ".tbx":
        write_tbx(entries, p)
    else:
        raise _supported(p, suffix, WRITE_SUFFIXES)
