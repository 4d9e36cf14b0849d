"""Glossary findings carry their entry in Finding.data, for scripts."""

from __future__ import annotations

from pathlib import Path

import procutext
from procutext.glossary import COLUMNS, default_glossary, load_glossary

KEYS = {"zh", "en", "wrong", "source", "domain", "origin", "variant", "institution"}


def test_pt401_data_is_the_entry() -> None:
    text = "The county procuratorate filed a Charity Litigation case."
    [f] = procutext.check(text, select=["PT401"])
    shipped = default_glossary()["公益诉讼"]
    assert f.data == {"zh": "公益诉讼", "en": list(shipped.en), "wrong": "charity litigation",
                      "source": shipped.source, "domain": shipped.domain, "origin": shipped.origin,
                      "variant": list(shipped.variant), "institution": None}
    assert shipped.origin.endswith(f"procuratorial.tsv:{shipped.origin.rsplit(':', 1)[1]}")


def test_pt401_data_of_a_layered_entry_names_the_row_of_the_wrong_rendering(tmp_path: Path) -> None:
    user = tmp_path / "u.tsv"
    user.write_text("\t".join(COLUMNS) + "\n"
                    "公益诉讼\tpublic-interest litigation\tPIL suit\t\tprocedure\tcommon\t\tmy source\n",
                    encoding="utf-8")
    g = load_glossary(user)
    text = "A PIL suit and a charity litigation case."
    a, b = procutext.check(text, select=["PT401"], glossary=g)
    assert a.data is not None and b.data is not None
    assert (a.data["wrong"], a.data["origin"], a.data["en"], a.data["source"]) == (
        "PIL suit", f"{user}:2", ["public-interest litigation"], "my source")
    assert (b.data["wrong"], b.data["origin"]) == ("charity litigation", default_glossary()["公益诉讼"].origin)
    assert b.data["en"] == ["public-interest litigation"]


def test_every_pt401_finding_has_the_keys() -> None:
    text = ("The procuratorate's hospital leaders and police officers met the superior court "
            "about charity litigation and inspection work.")
    found = procutext.check(text, select=["PT401"])
    assert len(found) >= 3
    for f in found:
        assert f.data is not None and set(f.data) == KEYS
        assert f.data["wrong"] and text[f.start:f.end].lower().startswith(f.data["wrong"].lower())
        assert f.message.startswith(f"{text[f.start:f.end]!r} mistranslates {f.data['zh']};")


def test_pt501_data_names_the_term_or_nothing() -> None:
    [f] = procutext.check("The 檢察長 spoke.", select=["PT501"])
    entry = default_glossary()["检察长"]
    assert f.data == {"zh": "检察长", "en": list(entry.en), "wrong": None, "source": entry.source,
                      "domain": entry.domain, "origin": entry.origin, "variant": list(entry.variant),
                      "institution": None}
    [g] = procutext.check("The 某 spoke.", select=["PT501"])
    assert g.data is None
