"""Three statuses of a rendering: approved (``en``), non-preferred variant (``variant``), wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

import procutext
from procutext.glossary import COLUMNS, Entry, Glossary, GlossaryError, load_glossary, lookup, read_tsv
from procutext.glossary.formats import read_glossary, read_tbx, write_glossary, write_tbx, write_tsv
from procutext.glossary.validate import check_entries, check_file

HEADER = "\t".join(COLUMNS) + "\n"
HEADER_V = "\t".join((*COLUMNS, "variant")) + "\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_a_file_without_the_new_columns_reads_as_before(tmp_path: Path) -> None:
    p = _write(tmp_path, "old.tsv", HEADER + "某词\tgood\tbad\t\tgeneral\tcommon\t\tsrc\n")
    [e] = read_tsv(p)
    assert (e.en, e.variant, e.wrong, e.institution) == (("good",), (), ("bad",), "")
    out = tmp_path / "out.tsv"
    write_tsv([e], out)
    assert out.read_bytes() == p.read_bytes()  # written exactly as before: no new columns


def test_variant_column_in_tsv_and_csv(tmp_path: Path) -> None:
    p = _write(tmp_path, "v.tsv", HEADER_V + "某词\tgood|fine\tbad\t\tgeneral\tcommon\t\tsrc\tso-so|meh\n")
    [e] = read_tsv(p)
    assert e.variant == ("so-so", "meh")
    for name in ("v2.tsv", "v2.csv", "v2.tbx"):
        write_glossary([e], tmp_path / name)
        [back] = read_glossary(tmp_path / name)
        assert (back.en, back.variant, back.wrong) == (e.en, e.variant, e.wrong), name
    assert (tmp_path / "v2.tsv").read_text(encoding="utf-8").splitlines()[0].endswith("\tsource\tvariant")


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <note>procutext-institution: court</note>
      <langSec xml:lang="zh"><termSec><term>院长</term></termSec></langSec>
      <langSec xml:lang="en">
        <termSec><term>president</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>court president</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>chief judge of the court</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          <termNote type="usageNote">non-preferred: in some reports</termNote></termSec>
        <termSec><term>head of the court</term>
          <termNote type="administrativeStatus">nonPreferredTerm</termNote></termSec>
        <termSec><term>dean</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
        <termSec><term>hospital president</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_statuses(tmp_path: Path) -> None:
    [e] = read_tbx(_write(tmp_path, "t.tbx", TBX))
    assert e.en == ("president", "court president")  # preferred first, then admitted
    assert e.variant == ("chief judge of the court", "head of the court")  # admitted + usage note, or the status
    assert e.wrong == ("dean", "hospital president")  # deprecated and superseded
    assert e.institution == "court"
    write_tbx([e], tmp_path / "back.tbx")
    written = (tmp_path / "back.tbx").read_text(encoding="utf-8")
    assert '<termNote type="usageNote">non-preferred</termNote>' in written
    assert "procutext-institution: court" in written
    [back] = read_tbx(tmp_path / "back.tbx")
    assert (back.en, back.variant, back.wrong, back.institution) == (e.en, e.variant, e.wrong, e.institution)


def test_tbx_bad_institution_note(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="procutext-institution note"):
        read_tbx(_write(tmp_path, "t.tbx", TBX.replace("institution: court", "institution: hospital")))


@pytest.mark.parametrize("en,variant,wrong,message", [
    ("good", "good", "", "both approved and a non-preferred variant"),
    ("good", "meh", "meh", "both a non-preferred variant and wrong"),
    ("", "meh", "", "no approved rendering to prefer"),
    ("good", "meh|Meh", "", "variant: repeated rendering"),
])
def test_a_rendering_has_one_status(en: str, variant: str, wrong: str, message: str) -> None:
    e = Entry("某词", tuple(x for x in en.split("|") if x), tuple(x for x in wrong.split("|") if x),
              variant=tuple(variant.split("|")), source="s")
    assert any(message in p.message for p in check_entries([e]))


def test_a_variant_elsewhere_is_not_wrong_without_context() -> None:
    a = Entry("甲", ("alpha",), variant=("alfa",), source="s")
    b = Entry("乙", ("beta",), ("alfa",), source="s")
    [p] = [p for p in check_entries([a, b]) if "alfa" in p.message]
    assert "is wrong here (no context) but a non-preferred variant for 甲" in p.message


def test_pt401_never_reports_a_variant_and_never_fixes_into_one(tmp_path: Path) -> None:
    shipped = procutext.check("The county procuratorate's job crime report.", select=["PT401"])
    assert [f.data["wrong"] for f in shipped if f.data] == ["job crime"]
    # a user row turns a shipped wrong rendering into a variant: PT401 drops it
    user = _write(tmp_path, "u.tsv", HEADER_V + "职务犯罪\tduty-related crime\t\t\tprocedure\tcommon\t\tmine\tjob crime\n")
    g = load_glossary(user)
    assert "job crime" not in g["职务犯罪"].all_wrong
    assert procutext.check("The county procuratorate's job crime report.", select=["PT401"], glossary=g) == []
    [f] = procutext.check("The county procuratorate's job crime report.", select=["PT402"], glossary=g)
    assert f.message == "'job crime' is a non-preferred rendering of 职务犯罪; the glossary prefers 'duty-related crime'"


def test_pt402_is_opt_in_info_with_suggestions() -> None:
    text = "The Chief Prosecutor of the county procuratorate spoke."
    assert [f.code for f in procutext.check(text)] == []
    [f] = procutext.check(text, extend_select=["PT402"])
    assert (f.code, f.severity, f.edit) == ("PT402", procutext.Severity.INFO, None)
    assert text[f.start:f.end] == "Chief Prosecutor"
    assert f.suggestions[0] == "Chief Procurator"  # in the case of the text
    assert f.data is not None and f.data["variant"] == ["chief prosecutor"] and f.data["wrong"] is None
    assert procutext.fix(text, extend_select=["PT402"], unsafe=True).text == text


def test_pt402_inflections_and_approved_cover() -> None:
    g = Glossary([Entry("甲", ("red apple",), variant=("apple",), source="s")])
    text = "Apples, an apple's core, and a red apple."
    assert [text[f.start:f.end] for f in procutext.check(text, select=["PT402"], glossary=g)] == [
        "Apples", "apple's"]


def test_lookup_finds_variants() -> None:
    [(e, how)] = lookup(procutext.load_glossary(), "Job-Related Crime")[:1]
    assert (e.zh, how) == ("职务犯罪", "variant")
    [(e, how)] = lookup(procutext.load_glossary(), "political-legal")[:1]
    assert (e.zh, how) == ("政法委", "variant-part")


def test_shipped_glossary_uses_the_statuses() -> None:
    report = [check_file(p) for p in __import__("procutext.glossary", fromlist=["shipped_paths"]).shipped_paths()]
    entries = [e for r in report for e in r.entries]
    assert sum(1 for e in entries if e.variant) >= 8
    assert all(not r.problems for r in report)


def test_cross_file_problems_of_the_shipped_files(tmp_path: Path) -> None:
    from procutext.glossary.validate import check_shipped

    a = _write(tmp_path, "a.tsv", HEADER + "某词\tgood\t\t\tgeneral\tcommon\t\thttps://a.example\n")
    b = _write(tmp_path, "b.tsv", HEADER + "某词\tfine\t\t\tgeneral\tcommon\t\thttps://b.example\n"
                                           "他词\tother\tgood\t\tgeneral\tcommon\t\thttps://b.example\n")
    reports = [check_file(a, strict_sources=True), check_file(b, strict_sources=True)]
    assert all(not r.problems for r in reports)  # each file alone is fine
    check_shipped(reports)
    messages = [str(p) for r in reports for p in r.problems]
    assert any("conflicting entries for 某词" in m for m in messages)
    assert any("'good' is wrong here (no context) but approved for 某词" in m for m in messages)
