"""User glossaries: the API, --glossary / --no-default-glossary, config, and the
`procutext glossary check | lookup | convert` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import procutext
from procutext.cli import main
from procutext.glossary import COLUMNS, default_glossary

HEADER = "\t".join(COLUMNS) + "\n"
TEXT = "The county procuratorate filed a charity litigation case in Bay Zhi District.\n"


def write_tsv(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def user_tsv(tmp_path: Path) -> Path:
    return write_tsv(
        tmp_path / "user.tsv",
        "湾沚区\tWanzhi District\tBay Zhi District\t\tgeneral\tproper\t\thttp://example.org/wanzhi",
    )


def codes(findings) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in findings]


# -- API ---------------------------------------------------------------------------------------
def test_load_glossary_layers_user_entries(user_tsv: Path) -> None:
    g = procutext.load_glossary(user_tsv)
    assert len(g) == len(default_glossary()) + 1
    found = procutext.check(TEXT, select=["PT401"], glossary=g)
    assert [TEXT[f.start:f.end] for f in found] == [
        "charity litigation", "Bay Zhi District"]
    assert procutext.fix(TEXT, glossary=g).text.endswith("in Wanzhi District.\n")


def test_user_entry_disables_a_shipped_one(tmp_path: Path) -> None:
    off = write_tsv(tmp_path / "off.tsv", "公益诉讼\t-\t\t\tgeneral\tcommon\t\t")
    g = procutext.load_glossary(off)
    assert "公益诉讼" not in g and len(g) == len(default_glossary()) - 1
    assert procutext.check(TEXT, select=["PT401"], glossary=g) == []


def test_user_entry_overrides_a_shipped_one(tmp_path: Path) -> None:
    over = write_tsv(tmp_path / "over.tsv",
                     "公益诉讼\tpublic-interest litigation\tcharity litigation\t\tprocedure\tcommon\t\tours")
    g = procutext.load_glossary(over)
    [f] = procutext.check(TEXT, select=["PT401"], glossary=g)
    assert f.edit is not None and f.edit.replacement == "public-interest litigation"


def test_without_the_default_glossary_only_user_entries_count(user_tsv: Path) -> None:
    g = procutext.load_glossary(user_tsv, default=False)
    assert len(g) == 1
    assert codes(procutext.check(TEXT, select=["PT401"], glossary=g)) == ["PT401"]


@pytest.mark.parametrize("matched, expected", [
    ("CHARITY LITIGATION cases rose.", "PUBLIC INTEREST LITIGATION cases rose."),
    ("Charity litigation cases rose.", "Public interest litigation cases rose."),
    ("Our Charity Litigation Work Report", "Our Public Interest Litigation Work Report"),
    ("our charity litigation work", "our public interest litigation work"),
])
def test_replacement_follows_the_case_of_the_match(matched: str, expected: str) -> None:
    assert procutext.fix(matched, select=["PT401"]).text == expected


def test_traditional_forms_are_found(tmp_path: Path) -> None:
    from procutext.glossary import lookup

    [(entry, how), *_] = lookup(default_glossary(), "檢察長")
    assert (entry.zh, how) == ("检察长", "zh")


# -- check / fix flags and config -----------------------------------------------------------------
def test_cli_glossary_flag(tmp_path: Path, user_tsv: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert main(["check", "--select", "PT401", str(doc)]) == 1
    assert "Bay Zhi" not in capsys.readouterr().out
    assert main(["check", "--select", "PT401", "--glossary", str(user_tsv), str(doc)]) == 1
    out = capsys.readouterr().out
    assert "Bay Zhi District" in out and "charity litigation" in out
    assert main(["check", "--select", "PT401", "--glossary", str(user_tsv), "--no-default-glossary", str(doc)]) == 1
    out = capsys.readouterr().out
    assert "Bay Zhi District" in out and "charity litigation" not in out


def test_config_glossaries_are_relative_to_the_config_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    proj = tmp_path / "proj"
    (proj / "terms").mkdir(parents=True)
    write_tsv(proj / "terms" / "ours.tsv",
              "湾沚区\tWanzhi District\tBay Zhi District\t\tgeneral\tproper\t\tours")
    (proj / "procutext.toml").write_text('glossaries = ["terms/ours.tsv"]\ndefault-glossary = false\n',
                                         encoding="utf-8")
    doc = proj / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert main(["check", "--select", "PT401", "--output-format", "json", str(doc)]) == 1
    data = json.loads(capsys.readouterr().out)["findings"]
    assert [f["message"].split("'")[1] for f in data] == ["Bay Zhi District"]


def test_bad_glossary_is_exit_2_with_file_and_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = write_tsv(tmp_path / "bad.tsv", "湾沚区\tWanzhi District\t\t\tnowhere\tproper\t\tours")
    docs = []
    for name in ("a.txt", "b.txt"):
        docs.append(tmp_path / name)
        docs[-1].write_text(TEXT, encoding="utf-8")
    assert main(["check", "--glossary", str(bad), *map(str, docs)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2: unknown domain 'nowhere'" in err
    assert err.count("unknown domain") == 1  # reported once, not once per file
    assert "All checks passed" not in err and "Nothing was checked (1 error" in err


def test_missing_glossary_file_is_exit_2(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert main(["check", "--glossary", str(tmp_path / "nope.tsv"), str(doc)]) == 2
    assert "nope.tsv: cannot read" in capsys.readouterr().err


# -- glossary check -----------------------------------------------------------------------------------
def test_glossary_check_passes_the_shipped_glossary(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["glossary", "check"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()  # one summary per shipped file
    assert [line.split(":")[0].rsplit("/", 1)[-1] for line in lines] == ["procuratorial.tsv", "court.tsv"]
    assert sum(int(line.split(": ")[1].split()[0]) for line in lines) == len(default_glossary())
    assert all(line.endswith("; 0 errors, 0 warnings") for line in lines)


def test_glossary_check_reports_every_bad_row(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = write_tsv(
        tmp_path / "bad.tsv",
        "甲\talpha\t\t\tgeneral\tcommon\t\tsrc",
        "乙\tbeta\t\t\tnowhere\tcommon\t\tsrc",              # 3: bad domain
        "丙\tgamma\tgamma\t\tgeneral\tcommon\t\tsrc",        # 4: approved and wrong
        "甲\talpha2\t\t\tgeneral\tcommon\t\tsrc",            # 5: conflicting duplicate
        "丁\tdelta\tcourt\t\tgeneral\tcommon\t\tsrc",        # 6: generic wrong without context
        "戊\tepsilon\t\t\tgeneral\tcommon\t\t",              # 7: no source (warning for users)
        "己\tzeta\t\tnear:x\tgeneral\tcommon\t\tsrc",        # 8: context without wrong
        "庚\talpha\tdelta\t\tgeneral\tcommon\t\tsrc",        # 9: wrong here, approved on 6
        "辛\ttoo\tfew",                                      # 10: cell count
    )
    assert main(["glossary", "check", str(bad)]) == 1
    out = capsys.readouterr().out
    for line, text in [(3, "unknown domain"), (4, "both approved and wrong"), (5, "conflicting entries"),
                       (6, "ordinary English"), (7, "warning: no source"), (8, "no wrong rendering"),
                       (9, "approved for 丁"), (10, "3 cells")]:
        assert any(ln.startswith(f"{bad}:{line}:") and text in ln for ln in out.splitlines()), (line, text, out)


def test_glossary_check_compares_with_the_shipped_glossary(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    user = write_tsv(tmp_path / "u.tsv",
                     "检察长\tchief prosecutor\t\t\tposition\tcommon\t\tours",
                     "某某\tcharity litigation\t\t\tgeneral\tcommon\t\tours")
    assert main(["glossary", "check", str(user)]) == 0  # warnings and info do not fail
    out = capsys.readouterr().out
    assert f"{user}:2: info: overrides the shipped entry for 检察长" in out
    assert f"{user}:3: warning: approves 'charity litigation'" in out


def test_glossary_check_json(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["glossary", "check", "--output-format", "json"]) == 0
    reports = json.loads(capsys.readouterr().out)  # one per shipped file
    assert [Path(r["path"]).name for r in reports] == ["procuratorial.tsv", "court.tsv"]
    assert sum(r["entries"] for r in reports) == len(default_glossary())
    assert all(r["errors"] == 0 for r in reports)


# -- glossary lookup -----------------------------------------------------------------------------------
def test_lookup_by_chinese_and_english(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["glossary", "lookup", "檢察長", "superior court"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("检察长  chief procurator | Prosecutor General")
    assert out.splitlines()[1] == "    non-preferred: chief prosecutor"
    assert out.splitlines()[0].endswith("   [position]")
    assert "上级院  higher-level procuratorate | procuratorate at the higher level   [institution; wrong rendering]" in out


def test_lookup_json_and_no_hit(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["glossary", "lookup", "--output-format", "json", "公益诉讼", "zzzz qqqq"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data[0]["entries"][0]["zh"] == "公益诉讼"
    assert "charity litigation" in data[0]["entries"][0]["wrong"]
    assert data[1]["entries"] == []


def test_lookup_sees_user_glossaries(user_tsv: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["glossary", "lookup", "--glossary", str(user_tsv), "Bay Zhi District"]) == 0
    assert capsys.readouterr().out.startswith("湾沚区  Wanzhi District   [general; wrong rendering]")


# -- glossary convert -------------------------------------------------------------------------------
def test_convert_round_trip_through_tbx_and_csv(tmp_path: Path, user_tsv: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    tbx, csv_path, back = tmp_path / "u.tbx", tmp_path / "u.csv", tmp_path / "back.tsv"
    assert main(["glossary", "convert", str(user_tsv), str(tbx)]) == 0
    assert "Wrote 1 entry" in capsys.readouterr().err
    assert main(["glossary", "convert", str(tbx), str(csv_path)]) == 0
    assert main(["glossary", "convert", str(csv_path), str(back)]) == 0
    assert back.read_text(encoding="utf-8") == user_tsv.read_text(encoding="utf-8")
    # the TBX is usable as a glossary directly
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert main(["check", "--select", "PT401", "--no-default-glossary", "--glossary", str(tbx), str(doc)]) == 1
    assert "Bay Zhi District" in capsys.readouterr().out


def test_convert_refuses_unsafe_xml_and_unknown_formats(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    evil = tmp_path / "evil.tbx"
    evil.write_text('<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x "boom">]>\n<tbx>&x;</tbx>\n', encoding="utf-8")
    assert main(["glossary", "convert", str(evil), str(tmp_path / "out.tsv")]) == 2
    assert "DOCTYPE" in capsys.readouterr().err
    assert not (tmp_path / "out.tsv").exists()
    assert main(["glossary", "convert", str(evil), str(tmp_path / "out.docx")]) == 2


def test_glossary_check_of_an_unreadable_file_is_exit_2(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    latin1 = tmp_path / "latin1.tsv"
    latin1.write_bytes(HEADER.encode() + "甲\talpha\t\t\tgeneral\tcommon\t\tsrc\n".encode()
                       + "乙\tcafé\t\t\tgeneral\tcommon\t\tsrc\n".encode("gb18030"))
    assert main(["glossary", "check", str(latin1), str(tmp_path / "missing.tsv")]) == 2
    out = capsys.readouterr().out
    assert f"{latin1}:3: error: not UTF-8 (byte" in out
    assert f"{tmp_path / 'missing.tsv'}: error: cannot read" in out
    assert out.count("not read as a glossary") == 2


def test_leftover_term_gets_its_renderings_in_either_script() -> None:
    for text in ("The 檢察長 spoke.", "The 检察长 spoke."):
        [f] = procutext.check(text, select=["PT501"])
        assert f.suggestions[0] == "chief procurator" and "the term 检察长" in f.message
    [f] = procutext.check("The 某 spoke.", select=["PT501"])
    assert f.suggestions == ()


def test_glossary_check_flags_one_wrong_rendering_under_two_contexts(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = write_tsv(tmp_path / "two.tsv",
                    "甲\talpha\tbeta gamma\tdoc:procuratorate\tgeneral\tcommon\t\tsrc",
                    "乙\tdelta\tbeta gamma\t\tgeneral\tcommon\t\tsrc")
    assert main(["glossary", "check", str(bad)]) == 0  # a warning for a user file
    out = capsys.readouterr().out
    assert f"{bad}:3: warning: 'beta gamma' is also a wrong rendering of 甲" in out
