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
