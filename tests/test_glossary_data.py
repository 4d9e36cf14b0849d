"""Checks on the shipped procuratorial glossary (glossaries/procuratorial.tsv).

The checks are those of `procutext glossary check` (procutext.glossary.validate), strict for
the shipped data; this test runs them on the shipped file and pins a few entries the rules
depend on.
"""

from __future__ import annotations

import csv
from pathlib import Path

from procutext.glossary import DOMAINS
from procutext.glossary.validate import check_file

REPO = Path(__file__).resolve().parent.parent
GLOSSARY = REPO / "glossaries" / "procuratorial.tsv"


def rows() -> dict[str, dict[str, str]]:
    with open(GLOSSARY, encoding="utf-8", newline="") as f:
        return {r["zh"]: r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}


def test_glossary_passes_its_checker() -> None:
    report = check_file(GLOSSARY)
    assert [str(p) for p in report.problems] == []
    assert len(report.entries) >= 150
    assert set(report.domains()) == DOMAINS
    assert all(e.source for e in report.entries)


def test_shipped_data_is_checked_strictly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "zh\ten\twrong\tcontext\tdomain\tcase\tnote\tsource\n"
        "院\tprocuratorate\tcourt\t\tinstitution\tcommon\t\thttp://example.org/\n"
        "甲\talpha \t\t\tgeneral\tcommon\t\t\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in check_file(bad, strict_sources=True).problems]
    assert any(":2: error:" in p and "ordinary English" in p for p in problems)
    assert any(":3: error: no source" in p for p in problems)
    assert any(":3: error: en: padding" in p for p in problems)


def test_key_entries() -> None:
    table = rows()
    assert table["最高人民检察院"]["en"].split("|")[0] == "Supreme People's Procuratorate"
    assert "maple bridge experience" in table["枫桥经验"]["wrong"].split("|")
    assert "charity litigation" in table["公益诉讼"]["wrong"].split("|")
    assert "hospital leaders" in table["院领导"]["wrong"].split("|")
    assert table["院领导"]["context"]  # "hospital" is a real word elsewhere
    assert "police officers" in table["干警"]["wrong"].split("|")
    assert "public security" in table["干警"]["context"]
