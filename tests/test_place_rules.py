"""The place rules PT301–PT304 beyond their docstring examples."""

from __future__ import annotations

import pickle

import procutext
from procutext.context import Context
from procutext.places import Gazetteer, default_gazetteer


def found(text: str, code: str = "PT3") -> list[tuple[str, str, str | None]]:
    out = []
    for f in procutext.check(text, select=[code]):
        out.append((f.code, text[f.start:f.end], f.edit.replacement if f.edit else None))
    return out


def test_half_translated_name_with_pinyin_part() -> None:
    assert found("The Wan 沚 District procuratorate met.") == [("PT301", "Wan 沚", "Wanzhi")]


def test_whole_name_left_in_chinese_is_named() -> None:
    [(code, span, repl)] = found("Prosecutors of 湾沚区 met in Wuhu City.")
    assert (code, span, repl) == ("PT301", "湾沚区", "Wanzhi District")


def test_han_without_a_fitting_name_is_left_to_pt501() -> None:
    assert found("The 某 office of Wuhu City met.") == []


def test_literal_name_needs_confirmation() -> None:
    # "Mirror Lake" alone is an ordinary English name; a generic or the parent confirms it
    assert found("They walked round Mirror Lake.", "PT302") == []
    assert found("They visited Mirror Lake District.", "PT302") == [("PT302", "Mirror Lake", "Jinghu")]
    assert found("The Wuhu Inaction procuratorate met.", "PT302") == [("PT302", "Inaction", "Wuwei")]


def test_misspelling_needs_places_named_in_the_document() -> None:
    assert found("The Wanpeng District procuratorate held a meeting.", "PT303") == []
    assert found("The Wanpeng District procuratorate of Wuhu held a meeting.", "PT303") == [
        ("PT303", "Wanpeng", "Wanzhi")]


def test_misspelling_is_reported_everywhere_it_occurs() -> None:
    text = "Wangui District, Wuhu City. The Wangui Branch met. Later, Wangui prosecutors spoke."
    assert [span for _, span, _ in found(text, "PT303")] == ["Wangui", "Wangui", "Wangui"]


def test_misspelling_with_several_close_candidates_is_only_a_suggestion() -> None:
    # under Beijing, "Xiecheng" is 0.5 from Xicheng and 1.0 from Dongcheng: both close
    text = "The Haidian prosecutors and the Xiecheng District procuratorate of Beijing met."
    [f] = procutext.check(text, select=["PT303"])
    assert text[f.start:f.end] == "Xiecheng"
    assert f.edit is None
    assert f.suggestions == ("Xicheng", "Dongcheng")


def test_real_names_and_former_names_are_not_misspellings() -> None:
    text = ("In 2018 the Sanshan District procuratorate of Wuhu City met the Jiujiang District "
            "procuratorate; Wuhu County is now Wanzhi District.")
    assert found(text) == []


def test_one_place_two_spellings() -> None:
    text = "Wanzhi District is in Wuhu. The Wan Zhi procuratorate met."
    assert found(text, "PT304") == [("PT304", "Wan Zhi", "Wanzhi")]
    # a single unusual spelling is not an inconsistency
    assert found("The Luan procuratorate met.", "PT304") == []
    # same letters, different places: Xingan 新干 and Xing'an 兴安
    assert found("Xingan County and Xing'an League are far apart.", "PT304") == []


def test_fix_replaces_only_the_name() -> None:
    text = "The People's Procuratorate of Wanpeng District, Wuhu City built the Bay 沚 brand.\n"
    result = procutext.fix(text)
    assert result.text == "The People's Procuratorate of Wanzhi District, Wuhu City built the Wanzhi brand.\n"
    assert {f.code for f in result.applied} == {"PT301", "PT303"}


def test_a_custom_gazetteer_in_the_context() -> None:
    full = default_gazetteer()
    small = Gazetteer([d for d in full if d.code.startswith("3402") or d.code == "340000"])
    assert len(small) == 9
    ctx = Context(gazetteer=pickle.loads(pickle.dumps(small)))
    text = "The Wanpeng District procuratorate of Wuhu held a meeting."
    [f] = procutext.check(text, select=["PT303"], context=ctx)
    assert f.edit is not None and f.edit.replacement == "Wanzhi"


BILINGUAL = """湾沚区人民检察院召开检察品牌创建推进会，全院干警参加会议并围绕品牌建设进行了交流发言。

The People's Procuratorate of Wanpeng District held a meeting to promote procuratorial brands.
"""


def test_the_chinese_source_of_a_bilingual_text_decides() -> None:
    # no English place name to draw candidates from: the Chinese line names 湾沚区
    assert found(BILINGUAL, "PT303") == [("PT303", "Wanpeng", "Wanzhi")]
    english_only = BILINGUAL.split("\n\n")[1]
    assert found(english_only, "PT303") == []


def test_the_source_picks_among_several_fitting_divisions() -> None:
    # 鼓楼区 exists in Nanjing, Xuzhou, Fuzhou and Kaifeng; the source names Fuzhou (福州市)
    text = ("福州市鼓楼区人民检察院召开新闻发布会，通报了近年来办理的未成年人保护案例情况。\n\n"
            "The Gulu District procuratorate held a press conference.\n")
    [f] = procutext.check(text, select=["PT303"])
    assert f.edit is not None and f.edit.replacement == "Gulou"
    assert "350102" in f.message or "鼓楼区 Gulou District" in f.message


def test_every_official_name_in_context_raises_nothing() -> None:
    """All 3,214 divisions, each written with its official English under its parent."""
    gaz = default_gazetteer()
    bad = []
    for d in gaz:
        parent = gaz.get(d.parent) if d.parent else None
        text = (f"The {d.en} procuratorate of {parent.en if parent else 'China'} held a meeting, "
                f"and {d.en_short} prosecutors spoke.")
        findings = procutext.check(text, select=["PT3"])
        if findings:
            bad.append((d.zh, [(f.code, text[f.start:f.end]) for f in findings]))
    assert bad == []


def test_every_prefecture_listing_its_divisions_raises_nothing() -> None:
    """Each prefecture and province with all its children, official names, in one text."""
    gaz = default_gazetteer()
    bad = []
    for d in gaz:
        kids = gaz.children(d.code)
        if d.level == "county" or not kids:
            continue
        text = (f"{d.en} administers " + ", ".join(k.en for k in kids) + ". "
                + " ".join(f"{k.en_short} prosecutors met in {d.en_short}." for k in kids))
        findings = procutext.check(text, select=["PT3"])
        if findings:
            bad.append((d.zh, [(f.code, text[f.start:f.end]) for f in findings]))
    assert bad == []


def test_a_persons_name_is_not_a_variant_spelling() -> None:
    text = "Ji'an City prosecutors met. Zhang Jian, the chief procurator, spoke; the Jian procuratorate hosted."
    assert found(text, "PT304") == [("PT304", "Jian", "Ji'an")]  # the second, used as a place
    assert text.index("Jian procuratorate") == procutext.check(text, select=["PT304"])[0].start


def test_an_english_word_that_is_also_a_county_does_not_set_the_scope() -> None:
    # "Guiding" is 贵定县 Guiding County, but here it is an English word
    text = "Guiding principles were adopted by the Wanpeng District procuratorate."
    assert found(text, "PT303") == []
    assert found("Guiding County prosecutors met the Pingdang County procuratorate.", "PT303") != []


def test_one_zone_two_generics() -> None:
    text = ("The Fujian Pingtan Comprehensive Experimental Zone was set up in 2009. Its procuratorate, the "
            "Pingtan Comprehensive Experimental District Procuratorate, and the Pingtan Comprehensive "
            "Experimental Zone court work together.")
    assert found(text, "PT305") == [("PT305", "District", "Zone")]  # an unsafe edit
    [f] = procutext.check(text, select=["PT305"])
    assert f.suggestions == ("Zone",) and f.edit is not None and not f.safe_fix
    # different zones that share their last words are not one name
    other = ("The Wuhu Economic and Technological Development Zone and the Hefei Economic and "
             "Technological Development District signed an agreement.")
    assert found(other, "PT305") == []


def test_a_real_township_under_the_named_places_is_not_a_misspelling() -> None:
    # 万春街道 (Wanchun) is a subdistrict of Wuhu; 1.0 from Wanzhi, but a real place
    assert found("The Wanchun District office of Wuhu City met the procuratorate.", "PT303") == []
    assert found("The Wanpeng District office of Wuhu City met the procuratorate.", "PT303") == [
        ("PT303", "Wanpeng", "Wanzhi")]


def test_a_recurring_misspelling_is_fixed_only_where_it_is_used_as_a_place() -> None:
    text = "Wangui District, Wuhu City. The Wangui Branch met. Later, Wangui prosecutors spoke."
    fixes = [(text[f.start:f.end], f.edit.replacement if f.edit else None)
             for f in procutext.check(text, select=["PT303"])]
    assert fixes == [("Wangui", "Wanzhi"), ("Wangui", "Wanzhi"), ("Wangui", None)]


def test_chinese_beside_its_english_name_is_an_annotation_not_a_half_translation() -> None:
    for text in ("The Wanzhi 湾沚 procuratorate met in Wuhu City.", "湾沚区 Wanzhi District is in Wuhu."):
        assert found(text) == []
        assert "Wanzhi Wanzhi" not in procutext.fix(text).text


def test_a_literal_gloss_beside_the_name_is_left_alone() -> None:
    text = "Jinghu District (Mirror Lake District) lies in the centre of Wuhu City."
    assert found(text, "PT302") == []


# -- issue 8: certainty of PT303, compounds, clipped names (PT306), finding data -------------------

def _one(text: str, code: str) -> procutext.Finding:
    [f] = procutext.check(text, select=[code])
    return f


def test_a_whole_syllable_off_is_unsafe_unless_the_text_names_the_place() -> None:
    alone = _one("The People's Procuratorate of Wanpeng District, Wuhu City held a meeting.", "PT303")
    assert alone.edit is not None and not alone.safe_fix and "probably" in alone.message
    assert "confidence" not in alone.message
    # 皖南 Wannan is a region, not a misspelt district: never a safe fix from the distance alone
    assert not _one("The Wannan District office of Wuhu City held a meeting.", "PT303").safe_fix
    for corroborated in ("The People's Procuratorate of Wanpeng District, Wuhu City built the Bay 沚 brand.",
                         "The Wanpeng District procuratorate of Wuhu met the Wanzhi District court."):
        f = _one(corroborated, "PT303")
        assert f.safe_fix and f.edit.replacement == "Wanzhi" and "this text also writes" in f.message
    half = _one("The People's Procuratorate of Wanzhe District, Wuhu City held a meeting.", "PT303")
    assert half.safe_fix and "(distance 0.50)" in half.message


def test_a_misspelt_name_at_the_start_of_a_compound() -> None:
    text = 'Wandang District of Wuhu City runs the "Wandangjianyuan" platform.'
    fs = procutext.check(text, select=["PT303"])
    assert [(f.matched, f.safe_fix) for f in fs] == [("Wandang", False), ("Wandangjianyuan", False)]
    brand = fs[1]
    assert brand.suggestions == ("Wanzhijianyuan",) and text[brand.edit.start:brand.edit.end] == "Wandang"
    assert procutext.fix(text, unsafe=True, select=["PT303"]).text == (
        'Wanzhi District of Wuhu City runs the "Wanzhijianyuan" platform.')


def test_compounds_that_are_not_misspelt_names_raise_nothing() -> None:
    for text in ('The Wuhu City procuratorate runs the "Wuhujianyuan" platform.',  # a real name
                 'The Wuhu City procuratorate runs the "Wanpengjianyuan" platform.',  # nothing names 湾沚
                 'Wanzhi District of Wuhu City runs the "Wanzhijianyuan" platform.',  # spelt right
                 "Wanzhi District of Wuhu City met the Zhongguojiancha editors."):  # close to nothing
        assert found(text, "PT303") == [], text


def test_clipped_names_in_the_seed_style() -> None:
    text = ("The Bay 沚 procuratorate of Wuhu City improved the Bay Area's work. The culture of the Bay "
            "grew, and Bay Area procuratorial work was praised.")
    got = [(f.matched, f.edit.replacement, f.safe_fix) for f in procutext.check(text, select=["PT306"])]
    assert got == [("the Bay Area", "Wanzhi District", False), ("the Bay", "Wanzhi", False),
                   ("Bay Area", "Wanzhi District", False)]


def test_clipped_names_need_a_division_the_text_names() -> None:
    assert found("The Wuhu City procuratorate improved the Bay Area's work.", "PT306") == []
    assert found("The Bay Area's courts met the Wanzhi court of Beijing.", "PT306") == []


def test_clipped_names_are_not_parts_of_longer_names() -> None:
    base = "Wanzhi District of Wuhu City sent prosecutors. "
    for tail in ("They visited the Greater Bay Area; the Bay Area courts were busy.",
                 "They visited the San Francisco Bay Area. In the Bay Area they met lawyers.",
                 "They crossed the Bay Bridge.", "The Bay of Bengal is far.", "Bay leaves were served.",
                 "They walked by the bay area of the river."):
        assert found(base + tail, "PT306") == [], tail


def test_a_bare_the_gloss_needs_a_misrendering() -> None:
    # the official name alone allows "River Area" but not "the River"
    text = "The Jiangning District People's Procuratorate of Nanjing City protects the River."
    assert found(text, "PT306") == []
    assert found(text.replace("the River.", "the River Area."), "PT306") == [
        ("PT306", "the River Area", "Jiangning District")]


def test_place_findings_carry_the_division() -> None:
    f = _one("The People's Procuratorate of Wanpeng District, Wuhu City held a meeting.", "PT303")
    assert f.data == {"code": "340210", "zh": "湾沚区", "en": "Wanzhi District", "level": "county",
                      "candidates": [{"code": "340210", "zh": "湾沚区", "en": "Wanzhi District", "distance": 1.0}]}
    several = _one("The Haidian prosecutors and the Xiecheng District procuratorate of Beijing met.", "PT303")
    assert [c["en"] for c in several.data["candidates"]] == ["Xicheng District", "Dongcheng District"]
    assert [c["distance"] for c in several.data["candidates"]] == [0.5, 1.0]
    lit = _one("The Wuhu Inaction procuratorate held a meeting.", "PT302")
    assert (lit.data["zh"], lit.data["code"]) == ("无为市", "340281")
    text = ("The Pingtan Comprehensive Experimental Zone opened a court. Prosecutors of the Pingtan "
            "Comprehensive Experimental Zone met those of Pingtan Comprehensive Experimental District.")
    zone = _one(text, "PT305")
    assert zone.data == {"name": "Pingtan Comprehensive Experimental", "generic": "Zone",
                         "generics": {"Zone": 2, "District": 1}}


def test_a_prefecture_named_like_its_county_is_no_evidence_for_the_county() -> None:
    # "Chengde City" names 承德市, not 承德县 (Chengde County): nothing names the county
    text = "The People's Procuratorate of Chengde City runs the \"Chengduojianyuan\" exchange platform."
    assert found(text, "PT303") == []
    # the county named by its own generic is evidence
    county = "Chengde County, Chengde City runs the \"Chengduojianyuan\" exchange platform."
    assert found(county, "PT303") == [("PT303", "Chengduojianyuan", "Chengde")]


def test_a_name_shared_by_several_divisions_is_evidence_under_its_named_parent() -> None:
    # 河东区 is in Tianjin, Linyi and Linfen; the text names Tianjin
    text = "The Hedong District People's Procuratorate of Tianjin improved the River Area's work."
    assert found(text, "PT306") == [("PT306", "the River Area", "Hedong District")]
