"""A plural or possessive of an approved rendering is never reported as a wrong rendering."""

from __future__ import annotations

import pytest

import procutext
from procutext.glossary import Entry, Glossary, default_glossary, inner_plurals, plural_word
from procutext.glossary.matcher import fold


def _forms(rendering: str) -> list[str]:
    """The rendering, its plurals (the last word, or the noun before a preposition) and its
    possessives, as running text writes them."""
    words = rendering.split()
    last = " ".join([*words[:-1], plural_word(words[-1])])
    out = [last, last + "'", last + "’"] if last != rendering else []
    for form in inner_plurals(rendering):
        out += [form, form + "'s", form + "’s"]
    return list(dict.fromkeys(out))


def test_plural_word() -> None:
    assert [plural_word(w) for w in ("court", "deputy", "policeman", "box", "staff", "day", "Commission")] == [
        "courts", "deputies", "policemen", "boxes", "staff", "days", "Commissions"]


def test_inner_plurals() -> None:
    assert inner_plurals("member of the procuratorial committee") == [
        "member of the procuratorial committee", "members of the procuratorial committee"]
    assert inner_plurals("Central Commission for Discipline Inspection") == [
        "Central Commission for Discipline Inspection", "Central Commissions for Discipline Inspection"]
    assert inner_plurals("public interest litigation") == ["public interest litigation"]
    assert inner_plurals("People's Court Daily") == ["People's Court Daily", "People's Court Dailies"]


def test_no_wrong_rendering_lies_uncovered_inside_an_inflected_approved_one() -> None:
    """Structurally, whatever the contexts say: every wrong rendering that occurs inside a
    plural or possessive of an approved rendering is covered by that approved rendering."""
    g = default_glossary()
    failures = []
    checked = 0
    for e in g:
        for a in e.en:
            for form in _forms(a):
                checked += 1
                text = f"x {form} x"
                folded = fold(text)
                cover = g.approved_cover(folded)
                for m in g.matcher.finditer(text, folded):
                    if (m.start, m.end) == (2, 2 + len(a)) and m.value.entry.key != e.key:
                        continue  # the rendering itself is wrong for another entry, under a context
                    if not cover.longer(m.start, m.end):
                        failures.append(f"{form!r} ({e.zh}) holds {text[m.start:m.full_end]!r} "
                                        f"({m.value.entry.zh})")
    assert checked > 900
    assert failures == []


FRAMES: dict[str, list[str]] = {
    "": ["The county procuratorate said that {} were praised by our procuratorate's prosecutors.",
         "{} of the people's procuratorate and its procuratorial staff met."],
    "court": ["The Intermediate People's Court said that {} were praised by our judges.",
              "{} of the Intermediate People's Court and its judges met."],
}
FRAMES["procuratorate"] = FRAMES[""]


@pytest.mark.parametrize("frame", [0, 1])
def test_no_inflected_approved_rendering_is_reported(frame: int) -> None:
    """End to end, in texts about the entry's institution (a procuratorate for most; there
    the contexts of most wrong renderings hold): nothing is reported inside an inflected
    approved rendering, except the rendering itself as the wrong rendering of another entry
    ("this court", approved for a court's 本院, is wrong for a procuratorate's)."""
    failures = []
    checked = 0
    for e in default_glossary():
        for a in e.en:
            for form in _forms(a):
                template = FRAMES[e.institution][frame]
                shown = form[0].upper() + form[1:] if template.startswith("{}") else form
                text = template.format(shown)
                at = text.index(shown)
                checked += 1
                for f in procutext.check(text, select=["PT401"]):
                    assert f.data is not None
                    if ((f.start, f.end) == (at, at + len(a))
                            and (f.data["zh"], f.data["institution"] or "") != (e.zh, e.institution)):
                        continue
                    if f.start < at + len(shown) and f.end > at:
                        failures.append(f"{shown!r} ({e.zh}): {text[f.start:f.end]!r}: {f.message}")
    assert checked > 900
    assert failures == []


def test_judicial_police_officers_are_not_police_officers() -> None:
    # the plural of the approved 司法警察 rendering "judicial police officer" was reported as
    # "police officers" (干警): the cover of an approved rendering ended before its plural "s"
    text = "Our procuratorate's judicial police officers attended the procuratorial training."
    assert procutext.check(text, select=["PT401"]) == []
    wrong = text.replace("judicial police officers", "police officers")
    assert [wrong[f.start:f.end] for f in procutext.check(wrong, select=["PT401"])] == ["police officers"]


def test_a_shield_takes_its_possessive_and_plural_endings() -> None:
    g = Glossary([Entry("甲", ("red apple",), source="test"), Entry("乙", ("x",), ("apple",), source="test")])
    for text in ("red apples were eaten", "the red apple's core", "the red apples' cores"):
        folded = fold(text)
        cover = g.approved_cover(folded)
        assert [m for m in g.matcher.finditer(text, folded) if not cover.longer(m.start, m.end)] == [], text
    folded = fold("an apple")
    assert len([m for m in g.matcher.finditer("an apple", folded)
                if not g.approved_cover(folded).longer(m.start, m.end)]) == 1
