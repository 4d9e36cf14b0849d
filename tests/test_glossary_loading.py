"""Loading glossaries for check and fix: every bad row of a file is reported at once, in
every format, and by the command line too."""

from __future__ import annotations

from pathlib import Path

import pytest

from procutext.cli import main
from procutext.glossary import COLUMNS, GlossaryError, load_glossary, read_tsv
from procutext.glossary.formats import read_glossary

HEADER = "\t".join(COLUMNS) + "\n"
DOC = "The county procuratorate filed a charity litigation case.\n"


def write_tsv(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


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


@pytest.fixture
def three_bad(tmp_path: Path) -> Path:
    return write_tsv(
        tmp_path / "bad.tsv",
        "甲\talpha\t\t\tnowhere\tcommon\t\tsrc",   # 2: domain
        "乙\tbeta\t\t\tgeneral\tcommon\t\tsrc",     # 3: fine
        "丙\tgamma\t\tnear-ish:x\tgeneral\tcommon\t\tsrc",  # 4: context grammar
        "丁\ttoo\tfew",                             # 5: cell count
    )


def test_read_tsv_names_every_bad_row(three_bad: Path) -> None:
    with pytest.raises(GlossaryError) as err:
        read_tsv(three_bad)
    problems = err.value.problems
    assert [p.split(": ")[0] for p in problems] == [f"{three_bad}:{n}" for n in (2, 4, 5)]
    message = str(err.value)
    assert message.startswith(f"{three_bad}: 3 bad rows:")
    for text in ("unknown domain 'nowhere'", "bad context condition", "3 cells, the header has 8"):
        assert text in message


def test_one_bad_row_keeps_its_own_message(tmp_path: Path) -> None:
    bad = write_tsv(tmp_path / "one.tsv", "甲\talpha\t\t\tnowhere\tcommon\t\tsrc")
    with pytest.raises(GlossaryError) as err:
        load_glossary(bad)
    assert str(err.value).startswith(f"{bad}:2: unknown domain 'nowhere'")
    assert err.value.problems == (str(err.value),)


def test_xlsx_names_every_bad_row(tmp_path: Path) -> None:
    p = make_xlsx(tmp_path / "bad.xlsx", {"Terms": [
        ["zh", "en", "case", "domain"],
        ["检察院", "procuratorate", "common", "court"],
        ["院", "procuratorate", "common", "institution"],
        ["", "nothing", "common", "institution"],
        ["本院", "this procuratorate", "lower", "institution"],
    ]})
    with pytest.raises(GlossaryError) as err:
        read_glossary(p)
    assert [p_.split(",")[0].split(":")[0] for p_ in err.value.problems] == [
        f"{p} [Terms] row {n}" for n in (2, 4, 5)]


def test_tbx_names_every_bad_concept(tmp_path: Path) -> None:
    concept = ('<conceptEntry id="{id}"><note>procutext-case: {case}</note>'
               '<langSec xml:lang="zh"><termSec><term>{zh}</term></termSec></langSec>'
               '<langSec xml:lang="en"><termSec><term>x{id}</term></termSec></langSec></conceptEntry>\n')
    body = "".join(concept.format(id=i, case=case, zh=zh)
                   for i, (case, zh) in enumerate([("loud", "甲"), ("common", "乙"), ("quiet", "丙")]))
    p = tmp_path / "bad.tbx"
    p.write_text(f'<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n{body}'
                 "</body></text></tbx>\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as err:
        read_glossary(p)
    assert len(err.value.problems) == 2
    assert "'loud'" in err.value.problems[0] and "'quiet'" in err.value.problems[1]
    assert f"{p}:3:" in err.value.problems[0] and f"{p}:5:" in err.value.problems[1]  # the concepts' lines


def test_check_reports_every_bad_row_once_and_exits_2(tmp_path: Path, three_bad: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    docs = []
    for name in ("a.txt", "b.txt"):
        docs.append(tmp_path / name)
        docs[-1].write_text(DOC, encoding="utf-8")
    assert main(["check", "--glossary", str(three_bad), *map(str, docs)]) == 2
    err = capsys.readouterr().err
    for n in (2, 4, 5):
        assert err.count(f"{three_bad}:{n}:") == 1, err
    assert "All checks passed" not in err


def test_glossary_check_lists_every_bad_xlsx_row(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    p = make_xlsx(tmp_path / "bad.xlsx", {"Terms": [
        ["zh", "en", "case", "domain", "source"],
        ["检察院", "procuratorate", "common", "court", "s"],
        ["本院", "this procuratorate", "lower", "institution", "s"],
    ]})
    assert main(["glossary", "check", str(p)]) == 1
    out = capsys.readouterr().out
    assert f"{p} [Terms] row 2, column D (domain): error: unknown domain 'court'" in out
    assert f"{p} [Terms] row 3, column C (case): error: case must be" in out


# -- entries that glossary check calls an error are not used -----------------------------------------
def test_a_self_contradicting_row_is_skipped_with_a_warning(tmp_path: Path) -> None:
    import procutext

    user = write_tsv(tmp_path / "user.tsv",
                     "蒲公英\tDandelion\tDandelion|dandelion flower\t\tgeneral\tcommon\t\tours",
                     "湾沚区\tWanzhi District\tBay Zhi District\t\tgeneral\tproper\t\tours")
    g = load_glossary(user)
    assert "蒲公英" not in g and "湾沚区" in g
    assert g.warnings == [f"{user}:2: glossary entry 蒲公英 skipped: 'dandelion' both approved and wrong "
                          "in the same entry"]
    text = "The “Dandelion” brand of the procuratorate, in Bay Zhi District."
    found = procutext.check(text, select=["PT401"], glossary=g)
    assert [text[f.start:f.end] for f in found] == ["Bay Zhi District"]


@pytest.mark.parametrize("row, why", [
    ("甲\talpha\tcourt\t\tgeneral\tcommon\t\tsrc", "ordinary English"),
    ("甲\t\tbeta\t\tgeneral\tcommon\t\tsrc", "no approved rendering"),
    ("甲\talpha\t\tnear:x\tgeneral\tcommon\t\tsrc", "no wrong rendering it applies to"),
])
def test_every_error_of_glossary_check_skips_the_entry(tmp_path: Path, row: str, why: str) -> None:
    user = write_tsv(tmp_path / "user.tsv", row)
    g = load_glossary(user, default=False)
    assert len(g) == 0 and len(g.warnings) == 1
    assert g.warnings[0].startswith(f"{user}:2: glossary entry 甲 skipped: ") and why in g.warnings[0]


def test_a_conflicting_second_row_is_skipped_and_the_first_used(tmp_path: Path) -> None:
    user = write_tsv(tmp_path / "user.tsv",
                     "甲\talpha\tbeta\t\tgeneral\tcommon\t\tsrc",
                     "甲\tgamma\tbeta\t\tgeneral\tcommon\t\tsrc")
    g = load_glossary(user, default=False)
    assert g["甲"].en == ("alpha",)
    assert [w.split(": ")[0] for w in g.warnings] == [f"{user}:3"]


def test_missing_sources_are_no_reason_to_skip(tmp_path: Path) -> None:
    user = write_tsv(tmp_path / "user.tsv", "甲\talpha\tbeta\t\tgeneral\tcommon\t\t")
    g = load_glossary(user, default=False)
    assert "甲" in g and g.warnings == []


def test_cli_prints_each_skipped_entry_once_and_checks_the_rest(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    user = write_tsv(tmp_path / "user.tsv",
                     "蒲公英\tDandelion\tdandelion\t\tgeneral\tcommon\t\tours",
                     "湾沚区\tWanzhi District\tBay Zhi District\t\tgeneral\tproper\t\tours")
    docs = []
    for name in ("a.txt", "b.txt"):
        docs.append(tmp_path / name)
        docs[-1].write_text("The Dandelion brand in Bay Zhi District.\n", encoding="utf-8")
    assert main(["check", "--select", "PT401", "--glossary", str(user), *map(str, docs)]) == 1
    captured = capsys.readouterr()
    assert captured.err.count(f"warning: {user}:2: glossary entry 蒲公英 skipped") == 1
    assert "Dandelion" not in captured.out and captured.out.count("Bay Zhi District") == 2
    assert main(["fix", "--glossary", str(user), str(docs[0])]) == 0
    assert capsys.readouterr().err.count("蒲公英 skipped") == 1
    assert docs[0].read_text(encoding="utf-8") == "The Dandelion brand in Wanzhi District.\n"


def test_a_glossary_built_by_hand_never_contradicts_itself() -> None:
    import procutext
    from procutext.glossary import Entry, Glossary

    g = Glossary([Entry("蒲公英", ("Dandelion",), ("dandelion", "dandelion flower"), source="t")])
    assert [f.message for f in procutext.check("the Dandelion brand and the dandelion flower", glossary=g,
                                               select=["PT401"])] == [
        "'dandelion flower' mistranslates 蒲公英; use 'Dandelion'"]


def test_no_safe_fix_into_a_rendering_another_entry_always_flags() -> None:
    import procutext
    from procutext.glossary import Entry, Glossary

    # two layers that contradict each other: 甲 says beta is wrong for alpha, 乙 the reverse
    g = Glossary([Entry("甲", ("alpha",), ("beta",), source="t"), Entry("乙", ("beta",), ("alpha",), source="t")])
    text = "alpha and beta"
    found = procutext.check(text, glossary=g, select=["PT401"])
    assert len(found) == 2 and all(f.edit is None for f in found)
    assert [f.suggestions for f in found] == [("beta",), ("alpha",)]
    assert procutext.fix(text, glossary=g).text == text


def test_a_tbx_concept_without_an_english_term_is_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "t.tbx"
    p.write_text('<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
                 '<conceptEntry id="c1"><langSec xml:lang="zh"><termSec><term>甲</term></termSec></langSec>'
                 '</conceptEntry>\n</body></text></tbx>\n', encoding="utf-8")
    g = load_glossary(p, default=False)
    assert len(g) == 0 and len(g.warnings) == 1 and g.warnings[0].startswith(f"{p}:3: skipped concept 'c1'")
