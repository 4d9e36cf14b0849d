"""An input with no text to check is reported as not checked, never as a clean file: an empty
draft, a page whose text a script builds (a CI job fetching it gets the served HTML), a
translation file without units. A run of such inputs alone exits 2 ("nothing was checked")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import procutext
from procutext import InputError
from procutext.cli import main
from procutext.runner import check_paths, fix_paths

NO_TEXT = {
    "empty.txt": b"",
    "blank.txt": b"\n \n\t\n",
    "bom_only.txt": b"\xef\xbb\xbf",
    "rule.md": b"---\n\n***\n",
    "numbers.txt": b"2023 - 07 - 11\n",
    "empty.html": b"<!DOCTYPE html><html><head><title></title></head><body></body></html>",
    "app.html": (b"<html><head><title></title><script src='/app.js'></script></head>"
                 b"<body><div id='root'></div><script>render('Current location: home page')</script></body></html>"),
    "no_units.xlf": (b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                     b'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh-CN" '
                     b'target-language="en" datatype="plaintext" original="a.txt"><body></body></file></xliff>\n'),
}


@pytest.mark.parametrize("name", sorted(NO_TEXT))
def test_an_input_without_text_alone_is_not_a_clean_run(tmp_path: Path, name: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(NO_TEXT[name])
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"skipped: {path}:" in err and "Nothing was checked" in err
    assert "passed" not in err
    assert main(["check", str(path), "--output-format", "json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"]["clean"] is False and doc["summary"]["skipped"] == 1
    assert doc["skipped"][0]["path"] == str(path)


def test_reasons_name_what_was_missing(tmp_path: Path) -> None:
    for name in ("empty.txt", "app.html", "no_units.xlf"):
        (tmp_path / name).write_bytes(NO_TEXT[name])
    report = check_paths([str(tmp_path / n) for n in ("empty.txt", "app.html", "no_units.xlf")])
    reasons = dict(report.skipped)
    assert "holds no text" in reasons[str(tmp_path / "empty.txt")]
    assert "if a script builds its text" in reasons[str(tmp_path / "app.html")]
    assert "no translation unit" in reasons[str(tmp_path / "no_units.xlf")]
    assert report.checked == 0 and not report.clean and report.exit_code() == 2


def test_beside_checked_files_it_is_listed_and_the_run_goes_on(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "draft.txt").write_text("The procuratorate held a meeting.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["check", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "1 file checked" in err and "1 input skipped" in err
    (tmp_path / "bad.txt").write_text("1、 Focus on the work\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1


def test_fix_leaves_it_byte_for_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("bom_only.txt", "app.html", "blank.txt"):
        (tmp_path / name).write_bytes(NO_TEXT[name])
    assert main(["fix", str(tmp_path)]) == 2
    for name in ("bom_only.txt", "app.html", "blank.txt"):
        assert (tmp_path / name).read_bytes() == NO_TEXT[name]
    report = fix_paths([str(tmp_path / "blank.txt")])
    assert report.skipped and not report.files


def test_text_without_letters_but_with_findings_is_checked(tmp_path: Path) -> None:
    """No letter, yet defects: full-width punctuation left in an English file is reported."""
    path = tmp_path / "punct.txt"
    path.write_text("2023，7。\n", encoding="utf-8")
    report = check_paths([str(path)])
    assert not report.skipped and report.findings


def test_the_api_on_a_string_and_on_a_path(tmp_path: Path) -> None:
    assert procutext.check("") == []  # a text given to check: nothing to report, as before
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="not checked: the file holds no text"):
        procutext.check_path(path)


def test_corpus_records_with_empty_text_are_skipped_by_line(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A corpus whose records are all empty checked nothing; beside records with text, each
    empty one is named by its line, and a fixed corpus still holds every record."""
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"id": "a", "text": ""}\n{"id": "b", "text": "  \\n "}\n', encoding="utf-8")
    assert main(["check", str(empty), "--corpus"]) == 2
    err = capsys.readouterr().err
    assert f"skipped: {empty}: line 1: not checked: the record's text is empty" in err
    assert f"skipped: {empty}: line 2:" in err and "Nothing was checked" in err
    mixed = tmp_path / "mixed.jsonl"
    lines = ['{"id": "a", "text": "since this year\\u201c Dandelion \\u201dwas launched"}', '{"id": "b", "text": ""}']
    mixed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", str(mixed), "--corpus"]) == 1
    err = capsys.readouterr().err
    assert f"skipped: {mixed}: line 2:" in err and "line 1:" not in err
    assert main(["fix", str(mixed), "--corpus"]) == 0
    fixed = (tmp_path / "mixed.fixed.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(fixed) == 2 and fixed[1] == lines[1] and fixed[0] != lines[0]
