"""The glossary engine: reading, layering, matching."""

from __future__ import annotations

import pickle

import pytest

import procutext
from procutext.context import Context
from procutext.glossary import Entry, Glossary, GlossaryError, load_glossary, read_tsv
from procutext.glossary.matcher import Matcher

HEADER = "zh\ten\twrong\tcontext\tdomain\tcase\tnote\tsource\n"


def test_shipped_glossary_loads_with_sources():
    g = load_glossary()
    assert len(g) >= 150
    assert all(e.source for e in g)
    assert g["上级院"].wrong and "superior court" in g["上级院"].wrong


def test_layering_overrides_and_disables(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text(HEADER + "公益诉讼\tpublic-interest litigation\tcharity lawsuit\t\tprocedure\tcommon\t\tours\n"
                    "上级院\t-\t\t\tinstitution\tcommon\t\tours\n", encoding="utf-8")
    base = load_glossary()
    g = load_glossary(user)
    assert len(g) == len(base) - 1
    assert g["公益诉讼"].en == ("public-interest litigation",)
    assert "上级院" not in g
    assert len(load_glossary(user, default=False)) == 1


def test_malformed_rows_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text(HEADER + "院\tprocuratorate\tcourt\tnear-ish:x\tinstitution\tcommon\t\tsrc\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.tsv:2: bad context condition"):
        read_tsv(bad)
    bad.write_text(HEADER + "院\tprocuratorate\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.tsv:2: 2 cells"):
        read_tsv(bad)
    bad.write_text("chinese\tenglish\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.tsv:1: header lacks"):
        read_tsv(bad)


def test_matcher_longest_match_word_boundaries_and_inflection():
    m = Matcher([("court", 1), ("superior court", 2), ("inspection", 3)])
    text = "The Superior Court's view; a courtyard; re-inspection; inspections."
    hits = [(text[x.start:x.full_end], x.value) for x in m.finditer(text)]
    assert hits == [("Superior Court's", 2), ("inspections", 3)]


def test_matcher_hyphen_and_apostrophe_variants():
    m = Matcher([("one-stop", 1), ("people's court", 2)])
    text = "a one stop centre and the people’s court"
    assert [x.value for x in m.finditer(text)] == [1, 2]


def test_glossary_is_picklable_and_matches_after_unpickling():
    g = load_glossary()
    g2 = pickle.loads(pickle.dumps(g))
    assert len(g2) == len(g)
    ctx = pickle.loads(pickle.dumps(Context(glossary=g2)))
    assert [f.code for f in procutext.check("a charity litigation case", context=ctx)] == ["PT401"]


def test_check_takes_a_glossary():
    g = Glossary([Entry("本院", ("this procuratorate",), ("our hospital",), domain="institution",
                        source="test")])
    fs = procutext.check("Our hospital handled 30 cases.", context=Context(glossary=g))
    assert [f.code for f in fs] == ["PT401"]
    assert fs[0].edit is not None and fs[0].edit.replacement == "This procuratorate"


@pytest.mark.parametrize("text", [
    "The Wuhu Intermediate People's Court sentenced him to three years.",
    "Police officers of the Wuhu Public Security Bureau detained the suspect.",
    "He was treated at the county hospital.",
    "The court ruled that the contract was void.",
])
def test_real_courts_police_and_hospitals_in_procuratorate_news(text):
    doc = "The district procuratorate approved the arrest. " + text
    assert [f for f in procutext.check(doc) if f.code == "PT401"] == []


@pytest.mark.parametrize("text,wrong", [
    ("The procuratorate invited seven hospital leaders to the school.", "hospital leaders"),
    ("The procuratorate will listen to the guidance of the superior court.", "superior court"),
    ("The Huoshan County Procuratorate trained young police officers in case handling.", "police officers"),
])
def test_mistranslations_in_procuratorate_news(text, wrong):
    fs = [f for f in procutext.check(text) if f.code == "PT401"]
    assert len(fs) == 1 and text[fs[0].start:fs[0].end].lower().endswith(wrong)
