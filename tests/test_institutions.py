"""What a text is about (procutext.analysis.institutions), and terms checked against it per match."""

from __future__ import annotations

from pathlib import Path

import pytest

import procutext
from procutext.analysis import institutions
from procutext.glossary import COLUMNS, Condition, Entry, Glossary, GlossaryError, default_glossary, parse_context
from procutext.model import Document


def _at(text: str, phrase: str, occurrence: int = 1) -> frozenset[str]:
    start = -1
    for _ in range(occurrence):
        start = text.index(phrase, start + 1)
    return institutions(Document(text)).at(start, start + len(phrase))


def _pt401(text: str, glossary: Glossary | None = None) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.message) for f in procutext.check(text, select=["PT401"], glossary=glossary)]


@pytest.mark.parametrize("line,expected", [
    ("The Wuhu County People's Procuratorate held a meeting.", {"procuratorate"}),
    ("Prosecutors reviewed the case.", {"procuratorate"}),
    ("The Intermediate People's Court heard the appeal.", {"court"}),
    ("Two judges of the Criminal Trial Division spoke.", {"court"}),
    ("The Xiaotang police station and the traffic police joined in.", {"public-security"}),
    ("Officers of the county public security bureau came.", {"public-security"}),
    ("The patients thanked the doctors and nurses of the ward.", {"other"}),
    ("The procuratorate and the Higher People's Court signed it.", {"procuratorate", "court"}),
])
def test_cues_on_a_line(line: str, expected: set[str]) -> None:
    assert institutions(Document(line)).at(0) == expected


@pytest.mark.parametrize("line", [
    "The whole hospital studied the report.",          # MT for 全院: says nothing
    "The court police officers of the municipal court met.",  # bare court, police
    "Our hospital leaders visited the police officers.",
])
def test_words_that_machine_translation_produces_are_no_cue(line: str) -> None:
    assert institutions(Document(line)).at(0) == frozenset()


def test_line_then_paragraph_then_document() -> None:
    text = ("The county procuratorate reviewed its year.\n\n"
            "The whole hospital studied the report.\n"
            "The judges of the Intermediate People's Court came too.\n\n"
            "The hospital leaders spoke.")
    assert _at(text, "The whole hospital") == {"court"}  # its paragraph names the court
    assert _at(text, "judges") == {"court"}
    assert _at(text, "The hospital leaders") == {"procuratorate", "court"}  # the document's
    doc = institutions(Document(text))
    assert doc.document == {"procuratorate", "court"}


def test_the_document_is_about_what_it_names_most() -> None:
    text = ("The procuratorate prosecuted. Prosecutors appealed. The procuratorate won.\n\n"
            "The public security bureau had transferred the case.\n\nThe hospital leaders spoke.")
    assert institutions(Document(text)).document == {"procuratorate"}
    assert institutions(Document("The hospital leaders spoke.")).document == frozenset()


def test_the_span_under_judgment_is_no_evidence() -> None:
    text = "The procuratorate report.\n\nThe provincial people's court was noted again."
    span = "provincial people's court"
    # its own words name a court: not counted, so the document decides (both named once)
    assert _at(text, span) == {"procuratorate", "court"}
    assert institutions(Document(text)).at(text.index("was noted")) == {"court"}


def test_doc_condition_values_are_institutions() -> None:
    assert parse_context("doc:procuratorate|court;not-doc:public-security", "x") == (
        Condition("doc", ("procuratorate", "court")), Condition("not-doc", ("public-security",)))
    with pytest.raises(GlossaryError, match="takes institutions"):
        parse_context("doc:hospital", "x")


def test_context_is_checked_for_each_match_not_once_per_document() -> None:
    # before, doc:procuratorate held for the whole document once it mentioned a procuratorate
    text = ("The procuratorate's hospital leaders met on Monday.\n\n"
            "At the Intermediate People's Court, the hospital leaders were judges.")
    found = _pt401(text)
    assert [t for t, _ in found] == ["hospital leaders", "hospital leaders"]
    first, second = (m for _, m in found)
    assert "院领导; use 'leaders of the procuratorate'" in first
    assert "院领导; use 'court leaders'" in second  # the court's own entry, with the court's English


def test_the_hospital_of_a_court() -> None:
    text = "The Nanguan District People's Court held a meeting of the whole hospital; all judges attended."
    [(span, message)] = _pt401(text)
    assert span == "the whole hospital" and "use 'the whole court'" in message


def test_court_staff_are_not_police() -> None:
    text = ("The judges of the Nanguan Court and policemen from relevant departments attended.\n"
            "Courts at all levels trained some 493,000 police officials.")
    assert [(t, m.split("; use ")[1]) for t, m in _pt401(text)] == [
        ("policemen", "'court staff'"), ("police officials", "'court staff'")]
    real = ("The judges of the Nanguan Court thanked the traffic police.\n"
            "Police officers of the district public security bureau arrested him; the court sentenced him.")
    assert _pt401(real) == []


def test_the_enforcement_bureau_of_a_court() -> None:
    text = "The Intermediate People's Court's Executive Bureau concluded 300 cases of judgment enforcement."
    assert _pt401(text) == [("Executive Bureau", "'Executive Bureau' mistranslates 执行局; use 'Enforcement Bureau'")]
    assert _pt401("The Executive Bureau of the federation met in Geneva.") == []


def test_law_police_and_judicial_police() -> None:
    assert [t for t, _ in _pt401("Two law police escorted the defendant.")] == ["law police"]
    assert _pt401("Two judicial police officers escorted the defendant into the court.") == []


def test_a_procuratorate_that_calls_itself_a_court() -> None:
    own = "The Chief Procurator of the Jiujiang District People's Court, Wang Wei, met the procuratorial committee."
    assert [t for t, _ in _pt401(own)] == ["People's Court"]
    real = [
        "The procuratorate filed a public prosecution with the Jiujiang District People's Court.",
        "The chief procurator attended the judicial committee of the people's court at the same level.",
        "The Jiujiang District People's Court sentenced him; prosecutors had asked for five years.",
    ]
    for text in real:
        assert _pt401(text) == [], text


def test_a_foreign_attorney_general() -> None:
    text = ("On February 5, the Supreme People's Procuratorate Attorney General Cao Jianming met "
            "Singaporean Attorney General Lucien Wong in Beijing.")
    assert [(t, text.index(t)) for t, _ in _pt401(text)] == [("Attorney General", text.index("Attorney"))]


def test_an_entry_for_an_institution_is_wrong_only_about_it(tmp_path: Path) -> None:
    g = Glossary([Entry("法庭", ("tribunal",), ("court room",), institution="court", source="s")])
    assert _pt401("The judges of the Intermediate People's Court sat in the court room.", g) != []
    assert _pt401("The procuratorate's prosecutors sat in the court room.", g) == []
    assert _pt401("The court room was empty.", g) == []  # about nothing


def test_institution_column_and_homonyms(tmp_path: Path) -> None:
    user = tmp_path / "u.tsv"
    user.write_text("\t".join((*COLUMNS, "institution")) + "\n"
                    "本院\tthis court\tour clinic\tnot-near:patients\tinstitution\tcommon\t\tmine\tcourt\n",
                    encoding="utf-8")
    g = procutext.load_glossary(user)
    shipped = default_glossary()
    assert g["本院"] == shipped["本院"]  # the entry of any institution stays the plain one
    court = g.get("本院", "court")
    assert court is not None and court.en == ("this court",)
    assert "our clinic" in court.all_wrong and "our hospital" in court.all_wrong  # layered over the shipped court row
    assert [e.institution for e in g.senses("本院")] == ["", "court"]
    assert len(g.layers("本院", "court")) == 2 and len(g.layers("本院")) == 1
    bad = tmp_path / "bad.tsv"
    bad.write_text("\t".join((*COLUMNS, "institution")) + "\n本院\tthis court\t\t\tinstitution\tcommon\t\tmine\thospital\n",
                   encoding="utf-8")
    with pytest.raises(GlossaryError, match="unknown institution 'hospital'"):
        procutext.load_glossary(bad)


def test_shipped_files_have_no_entry_in_common() -> None:
    from procutext.glossary import read_tsv, shipped_paths

    keys = [e.key for p in shipped_paths() for e in read_tsv(p)]
    assert len(keys) == len(set(keys))
    assert {e.institution for e in default_glossary()} == {"", "court", "procuratorate"}


def test_the_one_pass_cue_finder_finds_what_the_expressions_find() -> None:
    import regex

    from procutext.analysis import INSTITUTION_CUES, find_cues

    texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "negative").glob("*.*"))]
    texts.append("The People’s Court, the peoples court, the Ministry of Public Security and the MPS; "
                 "entry-exit police, anti-fraud police, SPC judges, 检察院, 法院, 公安局, 派出所, 医院; "
                 "the high people's court and the Higher People's Court; a mid-judge and hospitalised patients.")
    for text in texts:
        plain = sorted((m.start(), m.end(), name) for name, cue in INSTITUTION_CUES.items()
                       for m in cue.finditer(text))
        assert find_cues(text) == plain
    assert all(isinstance(c, regex.Pattern) for c in INSTITUTION_CUES.values())
