"""Checks on the shipped procuratorial glossary (glossaries/procuratorial.tsv).

The format checks live in scripts/check_glossary_tsv.py (standard library only); this test runs
them on the shipped file and pins a few entries the rules depend on.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GLOSSARY = REPO / "glossaries" / "procuratorial.tsv"


def load_checker():
    spec = importlib.util.spec_from_file_location("check_glossary_tsv", REPO / "scripts" / "check_glossary_tsv.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows() -> dict[str, dict[str, str]]:
    with open(GLOSSARY, encoding="utf-8", newline="") as f:
        return {r["zh"]: r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}


def test_glossary_passes_its_checker() -> None:
    errors, domains, entries = load_checker().check_file(GLOSSARY)
    assert errors == []
    assert entries >= 160
    assert set(domains) == load_checker().DOMAINS


def test_checker_rejects_a_generic_wrong_word_without_context(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "zh\ten\twrong\tcontext\tdomain\tcase\tnote\tsource\n"
        "院\tprocuratorate\tcourt\t\tinstitution\tcommon\t\thttp://example.org/\n",
        encoding="utf-8",
    )
    errors, _, _ = load_checker().check_file(bad)
    assert any("need a context" in e for e in errors)


def test_key_entries() -> None:
    table = rows()
    assert table["最高人民检察院"]["en"].split("|")[0] == "Supreme People's Procuratorate"
    assert "maple bridge experience" in table["枫桥经验"]["wrong"].split("|")
    assert "charity litigation" in table["公益诉讼"]["wrong"].split("|")
    assert "hospital leaders" in table["院领导"]["wrong"].split("|")
    assert table["院领导"]["context"]  # "hospital" is a real word elsewhere
    assert "police officers" in table["干警"]["wrong"].split("|")
    assert "public security" in table["干警"]["context"]
