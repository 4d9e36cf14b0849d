"""Tests for procutext.glossary.formats: TBX read/write, TSV/CSV write, XLSX read, dispatch."""

from __future__ import annotations

import re
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from procutext.glossary import COLUMNS, Condition, Entry, GlossaryError, parse_context, read_tsv
from procutext.glossary.formats import (
    format_context, read_glossary, read_tbx, read_xlsx, write_glossary, write_tbx, write_tsv,
)

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "glossaries" / "procuratorial.tsv"


def all_fields(e: Entry) -> tuple:
    return tuple(getattr(e, f.name) for f in fields(e) if f.name != "origin")


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --------------------------------------------------------------------------- TBX v2 (martif)

MARTIF = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en-US">
  <martifHeader>
    <fileDesc><sourceDesc><p>exported from memoQ</p></sourceDesc></fileDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="e1">
        <descripGrp><descrip type="subjectField">institution</descrip></descripGrp>
        <descrip type="definition">the national procuratorate</descrip>
        <langSet xml:lang="ZH-CN">
          <tig><term>最高人民检察院</term></tig>
          <ntig><termGrp><term>最高检</term></termGrp></ntig>
        </langSet>
        <langSet xml:lang="en-US">
          <ntig>
            <termGrp>
              <term>supreme inspection</term>
              <termNote type="normativeAuthorization">deprecatedTerm</termNote>
            </termGrp>
          </ntig>
          <tig>
            <term>SPP</term>
            <termNote type="normativeAuthorization">admittedTerm</termNote>
          </tig>
          <ntig>
            <termGrp>
              <term>Supreme People's Procuratorate</term>
              <termNote type="normativeAuthorization">preferredTerm</termNote>
              <termNote type="partOfSpeech">properNoun</termNote>
            </termGrp>
            <admin type="source">https://en.spp.gov.cn/</admin>
          </ntig>
        </langSet>
        <langSet xml:lang="de"><tig><term>Oberste Volksstaatsanwaltschaft</term></tig></langSet>
      </termEntry>
      <termEntry id="e2">
        <langSet xml:lang="en-US"><tig><term>orphan</term></tig></langSet>
        <langSet xml:lang="fr"><tig><term>orphelin</term></tig></langSet>
      </termEntry>
      <termEntry id="e3">
        <langSet xml:lang="zh-CN"><tig><term>孤儿</term></tig></langSet>
      </termEntry>
      <termEntry id="e4">
        <descrip type="subjectField">Law</descrip>
        <langSet lang="zh">
          <tig><term>立案</term></tig>
        </langSet>
        <langSet lang="en-GB">
          <tig>
            <term>file a case</term>
            <termNote type="normativeAuthorization">legalTerm</termNote>
            <xref target="https://example.org/law">Criminal Procedure Law</xref>
          </tig>
          <tig>
            <term>register a case</term>
            <termNote type="normativeAuthorization">supersededTerm</termNote>
            <note>older wording</note>
          </tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def test_martif_v2_tig_ntig_and_normative_authorization(tmp_path: Path) -> None:
    p = write(tmp_path, "memoq.tbx", MARTIF)
    entries = read_tbx(p)
    assert [e.zh for e in entries] == ["最高人民检察院", "最高检", "立案"]
    spp, short, case = entries
    assert spp.en == ("Supreme People's Procuratorate", "SPP")  # preferred first
    assert spp.wrong == ("supreme inspection",)
    assert spp.domain == "institution"
    assert spp.case == "proper"  # from partOfSpeech properNoun
    assert spp.note == "the national procuratorate"
    assert spp.source == "https://en.spp.gov.cn/"
    assert spp.origin == f"{p}:8"  # the line of <termEntry id="e1">
    assert all_fields(short)[1:] == all_fields(spp)[1:]  # one entry per Chinese term, same English
    assert case.en == ("file a case",) and case.wrong == ("register a case",)
    assert case.case == "common"


def test_subject_field_outside_domains_becomes_general_and_is_kept_in_note(tmp_path: Path) -> None:
    entries = read_tbx(write(tmp_path, "memoq.tbx", MARTIF))
    case = entries[-1]
    assert case.domain == "general"
    assert case.note == "subject field: Law; older wording"
    assert case.source == "https://example.org/law"  # xref target


def test_skipped_concepts_are_reported(tmp_path: Path) -> None:
    p = write(tmp_path, "memoq.tbx", MARTIF)
    report: list[str] = []
    read_tbx(p, report=report)
    assert len(report) == 2
    assert report[0].startswith(f"{p}:") and "'e2'" in report[0] and "no Chinese term" in report[0]
    assert "fr" in report[0]
    assert "'e3'" in report[1] and "no English term" in report[1]
    assert read_tbx(p) == read_tbx(p, report=[])  # the report does not change the result


# --------------------------------------------------------------------------- TBX v3

TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
      <conceptEntry id="c1">
        <descrip type="subjectField">procedure</descrip>
        <langSec xml:lang="zh-Hans">
          <termSec><term>公益诉讼</term></termSec>
        </langSec>
        <langSec xml:lang="zh-Hant">
          <termSec><term>公益訴訟</term></termSec>
        </langSec>
        <langSec xml:lang="en">
          <termSec>
            <term>public welfare litigation</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>public interest litigation</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>public benefit lawsuit</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>PIL</term>
          </termSec>
        </langSec>
      </conceptEntry>
      <conceptEntry id="c2">
        <descrip type="subjectField">Institution</descrip>
        <langSec xml:lang="zh-TW">
          <termSec><term>檢察院</term></termSec>
        </langSec>
        <langSec xml:lang="en-US">
          <termSec><term>procuratorate</term></termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"""


def test_tbx_v3_administrative_status(tmp_path: Path) -> None:
    entries = read_tbx(write(tmp_path, "v3.tbx", TBX3))
    pil = entries[0]
    assert pil.zh == "公益诉讼"  # the traditional term is not used when a simplified one exists
    assert pil.en == ("public interest litigation", "public welfare litigation", "PIL")
    assert pil.wrong == ("public benefit lawsuit",)
    assert pil.domain == "procedure"
    assert pil.case == "common" and pil.note == "" and pil.source == ""


def test_traditional_only_concept_gets_a_simplified_key(tmp_path: Path) -> None:
    entries = read_tbx(write(tmp_path, "v3.tbx", TBX3))
    assert len(entries) == 2
    assert entries[1].zh == "检察院"
    assert entries[1].en == ("procuratorate",)
    assert entries[1].domain == "institution"  # subject field matched case-insensitively


def test_tbx_without_namespace_and_dct_style(tmp_path: Path) -> None:
    text = """<tbx xmlns:basic="http://www.tbxinfo.net/ns/basic" style="dct">
<text><body>
<conceptEntry id="x">
  <basic:subjectField>juvenile</basic:subjectField>
  <langSec xml:lang="zh"><termSec><term>未检</term></termSec></langSec>
  <langSec xml:lang="en"><termSec><term>juvenile procuratorial work</term>
    <basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec>
    <termSec><term>not yet inspected</term>
    <basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec></langSec>
</conceptEntry>
</body></text></tbx>"""
    [e] = read_tbx(write(tmp_path, "dct.xml", text))
    assert (e.zh, e.en, e.wrong, e.domain) == ("未检", ("juvenile procuratorial work",),
                                                ("not yet inspected",), "juvenile")


def test_unknown_term_status_is_read_as_approved_and_not_counted_as_skipped(tmp_path: Path) -> None:
    text = TBX3.replace("admittedTerm-admn-sts", "maybeTerm-admn-sts")
    report: list[str] = []
    entries = read_tbx(write(tmp_path, "v3.tbx", text), report=report)
    assert entries[0].en == ("public interest litigation", "public welfare litigation", "PIL")
    assert report == []  # the report lists skipped concepts only


# --------------------------------------------------------------------------- XML safety

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tbx><text><body><conceptEntry id="c">
<langSec xml:lang="zh"><termSec><term>&lol9;</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>x</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""

_opened: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and args and isinstance(args[0], (str, bytes)) and "secret" in str(args[0]):
        _opened.append(str(args[0]))


sys.addaudithook(_audit)


def xxe(target: str) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE tbx [ <!ENTITY xxe SYSTEM "{target}"> ]>
<tbx><text><body><conceptEntry id="c">
<langSec xml:lang="zh"><termSec><term>检察院</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>&xxe;</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""


def test_doctype_is_refused(tmp_path: Path) -> None:
    p = write(tmp_path, "old.tbx", '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
                                   "<martif><text><body/></text></martif>\n")
    with pytest.raises(GlossaryError, match=r"old\.tbx:2: refused: the file declares a DOCTYPE"):
        read_tbx(p)


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    p = write(tmp_path, "lol.tbx", BILLION_LAUGHS)
    with pytest.raises(GlossaryError, match="refused.*DOCTYPE.*for safety") as err:
        read_tbx(p)
    assert "lollol" not in str(err.value)


def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    _opened.clear()
    for target in (secret.as_uri(), "file:///etc/passwd"):
        p = write(tmp_path, "xxe.tbx", xxe(target))
        with pytest.raises(GlossaryError, match="refused.*DOCTYPE") as err:
            read_glossary(p)
        assert "TOP-SECRET" not in str(err.value) and "root:" not in str(err.value)
    assert _opened == []


def test_malformed_xml_names_line_and_column(tmp_path: Path) -> None:
    p = write(tmp_path, "bad.tbx", "<tbx>\n<text>\n<body>\n<conceptEntry id='a'>\n</body>\n</text>\n</tbx>\n")
    with pytest.raises(GlossaryError) as err:
        read_tbx(p)
    assert re.fullmatch(rf"{re.escape(str(p))}:5:\d+: not well-formed XML: mismatched tag", str(err.value))


def test_xml_that_is_not_tbx_is_refused(tmp_path: Path) -> None:
    p = write(tmp_path, "page.xml", "<html><body/></html>")
    with pytest.raises(GlossaryError, match=r"not a TBX termbase: the root element is <html>"):
        read_glossary(p)


# --------------------------------------------------------------------------- round trips


def test_shipped_glossary_round_trips_through_tbx_csv_and_tsv(tmp_path: Path) -> None:
    entries = read_tsv(SHIPPED) + read_tsv(SHIPPED.with_name("court.tsv"))
    # the round trip is only meaningful if the data exercises every field
    assert len(entries) > 100
    assert {e.case for e in entries} == {"proper", "common"}
    assert any(e.context for e in entries) and any(e.wrong for e in entries)
    assert any(len(e.en) > 1 for e in entries) and any(e.note for e in entries)
    assert any(e.variant for e in entries) and any(e.institution for e in entries)
    for name in ("g.tbx", "g.csv", "g.tsv"):
        p = tmp_path / name
        write_glossary(entries, p)
        back = read_glossary(p)
        assert [all_fields(e) for e in back] == [all_fields(e) for e in entries], name
        assert back == entries


def test_tsv_writer_formats_cells_like_the_shipped_file(tmp_path: Path) -> None:
    text = ("\t".join(COLUMNS) + "\n"
            "本院\tthis procuratorate|the procuratorate\tthe court|this hospital\t"
            "doc:procuratorate;not-after:people's|supreme\tinstitution\tcommon\t"
            "say \"we\"; first person\thttps://a.example/1 ; wrong-seen: https://b.example/2\n"
            "检察长\tprocurator-general|chief procurator\t\t\tposition\tproper\t\thttps://c.example\n")
    src = write(tmp_path, "in.tsv", text)
    out = tmp_path / "out.tsv"
    write_tsv(read_tsv(src), out)
    assert out.read_bytes() == src.read_bytes()


def test_tbx_round_trip_escapes_markup(tmp_path: Path) -> None:
    e = Entry(zh="检察<院>", en=("A & B <procuratorate>",), wrong=("]]> court",),
              context=(Condition("near", ("x&y", "<b>")),), domain="general", case="proper",
              note='use "A & B"', source="https://x.example/?a=1&b=2")
    p = tmp_path / "esc.tbx"
    write_tbx([e], p)
    assert read_tbx(p) == [e]


def test_format_context_is_the_inverse_of_parse_context() -> None:
    cell = "doc:procuratorate;not-after:people's|supreme;near:patient"
    conds = parse_context(cell, "t")
    assert format_context(conds) == cell
    assert format_context(()) == ""
    with pytest.raises(GlossaryError, match=r"contains '\|' or ';'"):
        format_context((Condition("near", ("a|b",)),))
    with pytest.raises(GlossaryError):
        format_context((Condition("near", ("Upper",)),))  # would read back lower-cased
    with pytest.raises(GlossaryError):
        format_context((Condition("sometimes", ("x",)),))


# --------------------------------------------------------------------------- writer errors


def test_tsv_cell_with_a_tab_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    e = Entry(zh="院", en=("procuratorate",), note="a\tb")
    p = tmp_path / "out.tsv"
    p.write_text("old content", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"out\.tsv: entry 1 \('院'\): the note cell contains a tab"):
        write_tsv([e], p)
    assert p.read_text(encoding="utf-8") == "old content"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["out.tsv"]  # no temporary file left
    csv_path = tmp_path / "out.csv"
    write_tsv([e], csv_path, ",")  # CSV can hold it
    assert read_tsv(csv_path, ",") == [e]


def test_unwritable_entries_are_refused(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="entry 2 .*'|'"):
        write_tsv([Entry(zh="a", en=("b",)), Entry(zh="c", en=("d|e",))], tmp_path / "x.tsv")
    with pytest.raises(GlossaryError, match="unknown domain 'law'"):
        write_glossary([Entry(zh="a", en=("b",), domain="law")], tmp_path / "x.csv")
    with pytest.raises(GlossaryError, match="no English rendering"):
        write_tbx([Entry(zh="a", en=())], tmp_path / "x.tbx")
    with pytest.raises(GlossaryError, match="U\\+0001"):
        write_tbx([Entry(zh="a", en=("b",), note="\x01")], tmp_path / "x.tbx")
    assert not list(tmp_path.iterdir())


# --------------------------------------------------------------------------- XLSX


def make_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_xlsx_with_alias_headers(tmp_path: Path) -> None:
    p = make_xlsx(tmp_path / "g.xlsx", {
        "Notes": [["not", "the", "glossary"]],
        "Glossary": [
            [None],
            ["Chinese (Simplified)", "English (United States)", "Wrong", "Domain", "Case", "Source",
             "Notes", "Comment"],
            ["最高检", "SPP|Supreme People's Procuratorate", "supreme inspection", "institution",
             "proper", "https://en.spp.gov.cn/", 2018, "ignored"],
            [None, None, None],
            ["院", "procuratorate", None, None, None, None, 2.5, None],
            ["起诉", "prosecution\nindictment", None, None, None, None, None, None],
        ],
    })
    entries = read_xlsx(p)
    assert [e.zh for e in entries] == ["最高检", "院", "起诉"]
    first = entries[0]
    assert first.en == ("SPP", "Supreme People's Procuratorate") and first.wrong == ("supreme inspection",)
    assert (first.domain, first.case, first.note) == ("institution", "proper", "2018")
    assert first.source == "https://en.spp.gov.cn/"  # a 'source' column next to 'Chinese' is the citation
    assert first.origin == f"{p} [Glossary] row 3"
    assert (entries[1].domain, entries[1].case, entries[1].note) == ("general", "common", "2.5")
    assert entries[2].en == ("prosecution indictment",)


def test_xlsx_cat_export_source_target_headers(tmp_path: Path) -> None:
    p = make_xlsx(tmp_path / "cat.xlsx", {"Sheet1": [["Source", "Target"], ["检察官", "prosecutor"]]})
    [e] = read_xlsx(p)
    assert (e.zh, e.en, e.source) == ("检察官", ("prosecutor",), "")
    p2 = make_xlsx(tmp_path / "zh.xlsx", {"Sheet1": [["ZH", "en-US", "source"], ["检察官", "prosecutor", "u"]]})
    [e2] = read_xlsx(p2)
    assert (e2.zh, e2.en, e2.source) == ("检察官", ("prosecutor",), "u")


def test_xlsx_error_row_names_sheet_row_and_column(tmp_path: Path) -> None:
    p = make_xlsx(tmp_path / "bad.xlsx", {"Terms": [
        ["zh", "en", "case", "domain"],
        ["检察院", "procuratorate", "common", "institution"],
        ["院", "procuratorate", "common", "court"],
    ]})
    with pytest.raises(GlossaryError, match=re.escape(f"{p} [Terms] row 3, column D (domain): unknown domain 'court'")):
        read_xlsx(p)
    p2 = make_xlsx(tmp_path / "nohead.xlsx", {"Terms": [["foo", "English"], ["a", "b"]]})
    with pytest.raises(GlossaryError, match=r"\[Terms\] row 1: header lacks column\(s\) zh"):
        read_xlsx(p2)


def test_xlsx_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(GlossaryError, match=r"reading \.xlsx needs openpyxl: pip install 'procutext\[xlsx\]'"):
        read_xlsx(tmp_path / "any.xlsx")


# --------------------------------------------------------------------------- dispatch


def test_read_and_write_glossary_dispatch_by_suffix(tmp_path: Path) -> None:
    entries = [Entry(zh="检察院", en=("procuratorate",), wrong=("inspection institute",),
                     context=(Condition("doc", ("procuratorate",)),), domain="institution",
                     case="common", note="n", source="s")]
    for name in ("a.tsv", "a.csv", "a.tbx"):
        write_glossary(entries, tmp_path / name)
        assert read_glossary(tmp_path / name) == entries
    assert (tmp_path / "a.tbx").read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tbx ')
    assert b"\t" in (tmp_path / "a.tsv").read_bytes() and b"\t" not in (tmp_path / "a.csv").read_bytes()
    (tmp_path / "a.xml").write_bytes((tmp_path / "a.tbx").read_bytes())
    (tmp_path / "a.tab").write_bytes((tmp_path / "a.tsv").read_bytes())
    assert read_glossary(tmp_path / "a.xml") == entries == read_glossary(tmp_path / "a.tab")
    make_xlsx(tmp_path / "a.xlsx", {"S": [list(COLUMNS), ["检察院", "procuratorate", "inspection institute",
                                                         "doc:procuratorate", "institution", "common", "n", "s"]]})
    assert read_glossary(tmp_path / "a.xlsx") == entries


def test_unsupported_suffixes(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"unsupported glossary format \.docx \(supported: .*\.tbx.*\.xlsx"):
        read_glossary(tmp_path / "g.docx")
    with pytest.raises(GlossaryError, match=r"unsupported glossary format \.xlsx \(supported: \.tsv, \.csv, \.tbx\)"):
        write_glossary([Entry(zh="a", en=("b",))], tmp_path / "g.xlsx")
    assert not (tmp_path / "g.xlsx").exists()
