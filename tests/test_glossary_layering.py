"""Layering user glossaries over the shipped one: a user row replaces the approved
renderings, keeps the shipped wrong renderings (each under its own context) minus those it
approves, adds its own, and drops the shipped ones only when its wrong cell starts with '-'."""

from __future__ import annotations

import pickle
from pathlib import Path

import procutext
from procutext.cli import main
from procutext.glossary import COLUMNS, Entry, Glossary, default_glossary, load_glossary

HEADER = "\t".join(COLUMNS) + "\n"
SHIPPED = default_glossary()


def write_tsv(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def pt401(text: str, g: Glossary) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.message) for f in procutext.check(text, select=["PT401"], glossary=g)]


def test_a_user_row_without_wrong_renderings_keeps_the_shipped_ones(tmp_path: Path) -> None:
    user = write_tsv(tmp_path / "u.tsv", "公益诉讼\tpublic-interest litigation\t\t\tprocedure\tcommon\t\tours")
    g = load_glossary(user)
    e = g["公益诉讼"]
    assert e.en == ("public-interest litigation",) and e.wrong == ()
    assert e.all_wrong == SHIPPED["公益诉讼"].wrong
    assert [ws.origin for ws in e.wrong_sets] == [SHIPPED["公益诉讼"].origin]
    text = "The procuratorate filed a charity litigation case."
    [f] = procutext.check(text, select=["PT401"], glossary=g)
    assert f.edit is not None and f.edit.replacement == "public-interest litigation"


def test_own_wrong_renderings_are_added_and_approved_ones_taken_out(tmp_path: Path) -> None:
    user = write_tsv(tmp_path / "u.tsv",
                     "公益诉讼\tpublic interest litigation|public welfare litigation\tpublic good lawsuit\t\t"
                     "procedure\tcommon\t\tours")
    e = load_glossary(user)["公益诉讼"]
    assert e.all_wrong[0] == "public good lawsuit"
    assert "charity litigation" in e.all_wrong and "public welfare litigation" not in e.all_wrong
    text = "A public good lawsuit, a charity litigation case and a public welfare litigation case."
    found = [m for m, _ in pt401(text, load_glossary(user))]
    assert found == ["public good lawsuit", "charity litigation"]


def test_a_dash_first_in_wrong_drops_the_shipped_wrong_renderings(tmp_path: Path) -> None:
    user = write_tsv(tmp_path / "u.tsv",
                     "公益诉讼\tpublic interest litigation\t-\t\tprocedure\tcommon\t\tours",
                     "干警\tprocuratorial staff\t-|cadre police\tdoc:procuratorate\tgeneral\tcommon\t\tours")
    g = load_glossary(user)
    assert g["公益诉讼"].all_wrong == () and g["公益诉讼"].wrong == ()
    assert g["干警"].all_wrong == ("cadre police",)
    text = "The procuratorate's police officers and cadre police filed a charity litigation case."
    assert [m for m, _ in pt401(text, g)] == ["cadre police"]


def test_inherited_wrong_renderings_keep_their_context(tmp_path: Path) -> None:
    # the user's row for 院 has no context: its own "yard" is always wrong, the shipped
    # "hospital" is wrong only where the shipped context holds
    user = write_tsv(tmp_path / "u.tsv", "院\tprocuratorate\tyard\t\tinstitution\tcommon\t\tours")
    g = load_glossary(user)
    assert [ws.context for ws in g["院"].wrong_sets][0] == ()
    assert g["院"].wrong_sets[1].context == SHIPPED["院"].context
    head = "The procuratorate report.\n\n"
    assert [m for m, _ in pt401(head + "He was treated at the county hospital near the yard.", g)] == ["yard"]
    assert [m for m, _ in pt401(head + "A hospital meeting was held in the yard.", g)] == ["hospital", "yard"]
    assert [m for m, _ in pt401("He was treated at the county hospital near the yard.", g)] == ["yard"]


def test_three_layers(tmp_path: Path) -> None:
    first = write_tsv(tmp_path / "1.tsv", "公益诉讼\tcharity litigation\t\t\tprocedure\tcommon\t\tours")
    second = write_tsv(tmp_path / "2.tsv", "公益诉讼\tpublic interest litigation\tPIL suit\t\tprocedure\tcommon\t\tours")
    g = load_glossary(first, second)
    e = g["公益诉讼"]
    assert "charity litigation" not in e.all_wrong  # the first user layer approved it
    assert e.all_wrong[0] == "PIL suit" and "public welfare litigation" in e.all_wrong
    assert [r.origin for r in g.layers("公益诉讼")] == [SHIPPED["公益诉讼"].origin, f"{first}:2", f"{second}:2"]


def test_layering_survives_pickling(tmp_path: Path) -> None:
    user = write_tsv(tmp_path / "u.tsv", "公益诉讼\tpublic-interest litigation\tPIL suit\t\tprocedure\tcommon\t\tours")
    g = load_glossary(user)
    g2 = pickle.loads(pickle.dumps(g))
    assert g2["公益诉讼"].all_wrong == g["公益诉讼"].all_wrong and len(g2) == len(g)
    assert len(g2.layers("公益诉讼")) == 2


def test_the_api_layers_the_same_way() -> None:
    g = Glossary([Entry("甲", ("alpha",), ("beta", "gamma"), source="s"),
                  Entry("甲", ("beta",), ("delta",), source="t")])
    assert g["甲"].all_wrong == ("delta", "gamma")
    g.add(Entry("甲", ("-",)))
    assert "甲" not in g
    g.add(Entry("甲", ("epsilon",)))
    assert g["甲"].all_wrong == ()  # disabled in between: nothing to inherit


def test_glossary_check_explains_the_layering(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    user = write_tsv(tmp_path / "u.tsv",
                     "公益诉讼\tpublic-interest litigation\t\t\tprocedure\tcommon\t\tours",
                     "干警\tprocuratorial staff\t-\t\tgeneral\tcommon\t\tours",
                     "院领导\tleadership\tboss|-\t\tgeneral\tcommon\t\tours")
    assert main(["glossary", "check", str(user)]) == 1  # the misplaced '-'
    out = capsys.readouterr().out
    n = len(SHIPPED["公益诉讼"].wrong)
    assert (f"{user}:2: info: overrides the shipped entry for 公益诉讼 ({SHIPPED['公益诉讼'].origin}): your "
            f"approved renderings replace its own; its {n} wrong renderings still apply") in out
    assert f"{user}:3: info: overrides the shipped entry for 干警 ({SHIPPED['干警'].origin}) and drops" in out
    assert f"{user}:4: error: wrong: '-' (drop the inherited wrong renderings) must come first" in out
