"""`procutext glossary lookup`: what a translator wants first, the rest under --verbose;
the layering of user glossaries; plurals; JSON on every glossary subcommand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from procutext.cli import main
from procutext.glossary import COLUMNS, default_glossary
from procutext.glossary.show import plural, where

HEADER = "\t".join(COLUMNS) + "\n"
SHIPPED = default_glossary()


def write_tsv(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def lookup(capsys, *args: str) -> str:  # type: ignore[no-untyped-def]
    main(["glossary", "lookup", "--limit", "1", *args])
    return capsys.readouterr().out


def test_plain_lookup_is_term_renderings_wrong_domain_and_one_source(capsys) -> None:  # type: ignore[no-untyped-def]
    e = SHIPPED["院领导"]
    out = lookup(capsys, "院领导")
    first_source = [s for s in e.source.split(" ; ") if not s.startswith("wrong-seen:")][0]
    assert out.splitlines() == [
        f"院领导  {' | '.join(e.en)}   [{e.domain}]",
        f"    wrong: {'; '.join(e.wrong)}",
        f"    source: {first_source}",
    ]
    assert "not-after" not in out and "wrong-seen" not in out and "procuratorial.tsv" not in out


def test_verbose_adds_contexts_note_sources_and_the_row(capsys) -> None:  # type: ignore[no-untyped-def]
    e = SHIPPED["院"]
    out = lookup(capsys, "--verbose", "院")
    assert "    wrong: hospital; court; institute; college\n           wrong only when: doc:procuratorate;" in out
    assert f"    note: {e.note}" in out
    assert out.count("    source: ") == sum(1 for s in e.source.split(" ; ") if not s.startswith("wrong-seen:"))
    assert "    wrong-seen: " in out
    assert f"    from: shipped procuratorial.tsv:{e.origin.rsplit(':', 1)[1]}" in out


def test_more_sources_are_counted(capsys) -> None:  # type: ignore[no-untyped-def]
    out = lookup(capsys, "院")
    assert "(+1 more with --verbose)" in out


def test_lookup_shows_which_rendering_comes_from_which_file(tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_tsv(tmp_path / "mine.tsv",
              "公益诉讼\tpublic-interest litigation\tPIL suit\t\tprocedure\tcommon\t\tmy style guide",
              "干警\tprocuratorial staff\t-\t\tgeneral\tcommon\t\tours")
    shipped_line = SHIPPED["公益诉讼"].origin.rsplit(":", 1)[1]
    out = lookup(capsys, "--glossary", "mine.tsv", "公益诉讼")
    assert out.splitlines() == [
        "公益诉讼  public-interest litigation   [procedure]   from mine.tsv:2",
        "    wrong: PIL suit   (mine.tsv:2)",
        f"           {'; '.join(SHIPPED['公益诉讼'].wrong)}   (shipped procuratorial.tsv:{shipped_line})",
        "    source: my style guide",
        f"    overrides shipped procuratorial.tsv:{shipped_line} (approved there: public interest litigation)",
    ]
    out = lookup(capsys, "--glossary", "mine.tsv", "干警")
    assert "    wrong: (none)" in out and "its wrong renderings dropped with '-'" in out


def test_lookup_json_has_the_wrong_sets_and_layers(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    user = write_tsv(tmp_path / "mine.tsv", "公益诉讼\tpublic-interest litigation\tPIL suit\t\tprocedure\tcommon\t\tx")
    main(["glossary", "lookup", "--limit", "1", "--output-format", "json", "--glossary", str(user), "公益诉讼"])
    [entry] = json.loads(capsys.readouterr().out)[0]["entries"]
    assert entry["wrong"] == ["PIL suit", *SHIPPED["公益诉讼"].wrong]
    assert [ws["origin"] for ws in entry["wrong_sets"]] == [f"{user}:2", SHIPPED["公益诉讼"].origin]
    assert entry["layers"] == [SHIPPED["公益诉讼"].origin, f"{user}:2"] and entry["match"] == "zh"


def test_lookup_prints_skipped_user_entries_on_stderr(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    user = write_tsv(tmp_path / "mine.tsv", "蒲公英\tDandelion\tdandelion\t\tgeneral\tcommon\t\tours")
    assert main(["glossary", "lookup", "--glossary", str(user), "蒲公英"]) == 1
    captured = capsys.readouterr()
    assert "蒲公英: no entry" in captured.out and f"warning: {user}:2: glossary entry 蒲公英 skipped" in captured.err


@pytest.mark.parametrize("n, word, many, text", [
    (0, "entry", "entries", "0 entries"), (1, "entry", "entries", "1 entry"), (2, "entry", "entries", "2 entries"),
    (1, "error", None, "1 error"), (3, "warning", None, "3 warnings"),
])
def test_plural(n: int, word: str, many: str | None, text: str) -> None:
    assert plural(n, word, many) == text


def test_glossary_check_counts_in_words(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    one = write_tsv(tmp_path / "one.tsv", "甲\talpha\talpha\t\tgeneral\tcommon\t\t")
    assert main(["glossary", "check", str(one)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == f"{one}: 1 entry (general 1); 1 error, 1 warning"


def test_convert_json_summary(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    src = write_tsv(tmp_path / "a.tsv", "甲\talpha\t\t\tgeneral\tcommon\t\ts", "乙\tbeta\t\t\tgeneral\tcommon\t\ts")
    out = tmp_path / "a.tbx"
    assert main(["glossary", "convert", "--output-format", "json", str(src), str(out)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"input": str(src), "output": str(out), "entries": 2, "skipped": []}
    assert "Wrote 2 entries" in captured.err


def test_where_is_relative_to_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert where(f"{tmp_path}/sub/g.tsv:3") == "sub/g.tsv:3"
    assert where("/elsewhere/g.tsv:3") == "/elsewhere/g.tsv:3"
    assert where(SHIPPED["院"].origin).startswith("shipped procuratorial.tsv:")
