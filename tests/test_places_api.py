"""procutext.places: the gazetteer API, lookup and the ``place`` command's run()."""

from __future__ import annotations

import dataclasses
import io
import json
import pickle

import pytest

from procutext.places import (
    CLOSE,
    Division,
    Gazetteer,
    Hit,
    PlaceNameError,
    default_gazetteer,
    describe,
    lookup,
    parse,
)
from procutext.places.cli import count, run


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


# --- loading -----------------------------------------------------------------------------

def test_size_and_levels(gaz):
    assert len(gaz) == 3214
    levels = [d.level for d in gaz]
    assert (levels.count("province"), levels.count("prefecture"), levels.count("county")) == (34, 333, 2847)
    assert all(isinstance(d, Division) for d in gaz)


def test_default_gazetteer_is_cached(gaz):
    assert default_gazetteer() is gaz


def test_division_fields(gaz):
    d = gaz.get("340210")
    assert d == Division(
        code="340210", zh="湾沚区", short="湾沚", type="区", level="county", en="Wanzhi District",
        en_short="Wanzhi", parent="340200", former=(("芜湖县", 2020),), source=d.source,
    )
    assert "国函〔2020〕80号" in d.source
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.en = "Wandang District"  # type: ignore[misc]
    assert gaz.get("999999") is None
    assert "340210" in gaz and "999999" not in gaz


def test_former_names_parsed_newest_first(gaz):
    pudong = gaz.by_zh("浦东新区")[0][0]
    assert pudong.former == (("南汇区", 2009), ("南汇县", 2001), ("川沙县", 1992))


def test_parse_small_table_and_bad_header():
    text = (
        "code\tzh\tshort\ttype\tlevel\ten\ten_short\tparent\tformer\tsource\n"
        "340000\t安徽省\t安徽\t省\tprovince\tAnhui Province\tAnhui\t\t\ts\n"
        "340200\t芜湖市\t芜湖\t市\tprefecture\tWuhu City\tWuhu\t340000\t\ts\n"
        "340210\t湾沚区\t湾沚\t区\tcounty\tWanzhi District\tWanzhi\t340200\t芜湖县@2020|旧名\ts\n"
    )
    small = Gazetteer(parse(text))
    assert len(small) == 3
    assert small.get("340210").former == (("芜湖县", 2020), ("旧名", None))
    assert [d.code for d in small.chain("340210")] == ["340210", "340200", "340000"]
    with pytest.raises(ValueError):
        parse("code\tzh\n110000\t北京市\n")


# --- indexes -----------------------------------------------------------------------------

def test_chain_of_wanzhi(gaz):
    assert [d.zh for d in gaz.chain("340210")] == ["湾沚区", "芜湖市", "安徽省"]
    assert [d.zh for d in gaz.chain("340000")] == ["安徽省"]
    assert gaz.chain("999999") == []
    # county-level units directly under a municipality
    assert [d.zh for d in gaz.chain("110101")] == ["东城区", "北京市"]


def test_children_of_wuhu(gaz):
    kids = gaz.children("340200")
    assert len(kids) == 7
    assert all(d.level == "county" and d.parent == "340200" for d in kids)
    assert [d.en_short for d in kids] == ["Jinghu", "Jiujiang", "Yijiang", "Wanzhi", "Fanchang", "Nanling", "Wuwei"]
    assert gaz.children("340210") == []


def test_descendants(gaz):
    anhui = gaz.descendants("340000")
    codes = {d.code for d in anhui}
    assert "340200" in codes and "340210" in codes and "340000" not in codes
    assert all(c.startswith("34") for c in codes)
    prefectures = gaz.children("340000")
    assert len(anhui) == len(prefectures) + sum(len(gaz.children(p.code)) for p in prefectures)


def test_by_zh_full_short_former(gaz):
    assert [(d.code, how) for d, how in gaz.by_zh("湾沚区")] == [("340210", "zh")]
    assert [(d.code, how) for d, how in gaz.by_zh("湾沚")] == [("340210", "short")]
    assert [(d.code, how) for d, how in gaz.by_zh("芜湖县")] == [("340210", "former")]
    assert [(d.code, y) for d, y in gaz.by_former("芜湖县")] == [("340210", 2020)]
    assert gaz.by_zh("不存在县") == []


def test_by_en(gaz):
    assert "西安市" in {d.zh for d in gaz.by_en("Xian")}
    assert [d.zh for d in gaz.by_en("Xi'an City")] == ["西安市"]
    assert [d.zh for d in gaz.by_en("xi-an city")] == ["西安市"]
    assert [d.code for d in gaz.by_en("Wanzhi")] == ["340210"]
    assert [d.code for d in gaz.by_en("WANZHI DISTRICT")] == ["340210"]
    assert [d.code for d in gaz.by_en("Beijing Municipality")] == ["110000"]
    assert [d.code for d in gaz.by_en("Lvliang City")] == ["141100"]
    assert [d.zh for d in gaz.by_en("Xiangxi Tujia and Miao")] == ["湘西土家族苗族自治州"]
    assert gaz.by_en("Wandang") == []


# --- lookup ------------------------------------------------------------------------------

def test_lookup_former_name(gaz):
    hits = gaz.lookup("芜湖县")
    assert [(h.division.zh, h.match, h.year) for h in hits] == [("湾沚区", "former", 2020)]
    assert hits[0].matched == "芜湖县"
    assert lookup("芜湖县")[0].division.code == "340210"  # module-level function


def test_lookup_traditional(gaz):
    hits = gaz.lookup("灣沚區")
    assert [(h.division.zh, h.match) for h in hits] == [("湾沚区", "zh")]
    assert [h.division.zh for h in gaz.lookup("蕪湖")] == ["芜湖市"]
    # t2s turns 乾 into 干; the mixed form is tried too
    assert [h.division.zh for h in gaz.lookup("乾安縣")] == ["乾安县"]


def test_lookup_chinese_order(gaz):
    hits = gaz.lookup("朝阳", limit=10)
    assert [h.match for h in hits] == ["short"] * 4
    assert hits[0].division.zh == "朝阳市"  # prefecture before counties


def test_lookup_code_and_exact_english(gaz):
    assert [(h.division.zh, h.match) for h in gaz.lookup("340210")] == [("湾沚区", "code")]
    hits = gaz.lookup("Wanzhi District")
    assert [(h.division.code, h.match, h.distance, h.confidence) for h in hits] == [("340210", "en", 0.0, 1.0)]
    # the name spelt exactly as asked first: Xingan is 新干县; 兴安 (Xing'an) also matches
    assert gaz.lookup("Xingan")[0].division.zh == "新干县"
    assert gaz.lookup("Xing'an")[0].division.zh != "新干县"


@pytest.mark.parametrize("word", ["Wandang", "Wanpeng", "Wangui"])
def test_lookup_near_within_wuhu(gaz, word):
    hits = gaz.lookup(word, within="340200")
    assert hits[0].division.en == "Wanzhi District"
    assert hits[0].match == "near"
    assert hits[0].distance == 1.0 and hits[0].close
    assert hits[0].confidence == 0.5
    assert [h for h in hits if h.close] == hits[:1]
    assert all(h.division.parent == "340200" for h in hits)


def test_lookup_wanpeng_everywhere(gaz):
    hits = gaz.lookup("Wanpeng", limit=20)
    assert hits and all(h.match == "near" for h in hits)
    assert [h.distance for h in hits] == sorted(h.distance for h in hits)
    wanzhi = [h for h in hits if h.division.code == "340210"]
    assert wanzhi and wanzhi[0].distance == 1.0
    # across the whole country other names are nearer: 宛城 Wancheng (peng/cheng share -eng)
    assert hits[0].division.en_short == "Wancheng" and hits[0].distance == 0.5
    assert all(0.0 <= h.confidence <= 1.0 for h in hits)


def test_lookup_near_generic_breaks_ties(gaz):
    # "Xian County" is no exact English name; Xi'an at distance 0, whatever the generic
    hits = gaz.lookup("Xian County")
    assert hits[0].match == "near" and hits[0].distance == 0.0
    assert hits[0].division.en_short == "Xi'an"


def test_lookup_non_pinyin_fallback(gaz):
    hits = gaz.lookup("Wanzhl")
    assert hits[0].division.code == "340210" and hits[0].distance == 0.5


def test_lookup_nothing(gaz):
    assert gaz.lookup("Xyzzy") == []
    assert gaz.lookup("某某县") == []
    assert gaz.lookup("") == []
    assert gaz.lookup("Wanpeng", limit=0) == []


def test_hit_is_frozen(gaz):
    hit = gaz.lookup("湾沚区")[0]
    assert isinstance(hit, Hit)
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.match = "near"  # type: ignore[misc]


# --- describe, pickling ------------------------------------------------------------------

def test_describe(gaz):
    assert describe(gaz.get("340210")) == (
        "湾沚区 Wanzhi District (340210, county level) — Wuhu City, Anhui Province; "
        "former name 芜湖县 (until 2020)"
    )
    assert gaz.describe(gaz.get("110000")) == "北京市 Beijing (110000, province level)"
    assert gaz.describe(gaz.by_zh("浦东新区")[0][0]).endswith(
        "— Shanghai; former names 南汇区 (until 2009), 南汇县 (until 2001), 川沙县 (until 1992)")


def test_pickle_round_trip(gaz):
    gaz.lookup("Wanpeng")  # fills the lazy near index, which is not pickled
    clone = pickle.loads(pickle.dumps(gaz))
    assert clone is not gaz and len(clone) == len(gaz)
    assert list(clone) == list(gaz)
    assert clone.get("340210") == gaz.get("340210")
    assert [d.code for d in clone.children("340200")] == [d.code for d in gaz.children("340200")]
    assert [(h.division.code, h.distance) for h in clone.lookup("Wangui", within="340200")] == \
           [(h.division.code, h.distance) for h in gaz.lookup("Wangui", within="340200")]
    d = pickle.loads(pickle.dumps(gaz.get("340210")))
    assert d == gaz.get("340210") and d.former == (("芜湖县", 2020),)


# --- run() -------------------------------------------------------------------------------

def test_run_text():
    out = io.StringIO()
    assert run(["芜湖县", "Wandang"], as_json=False, out=out, within="340200") == 0
    text = out.getvalue()
    assert text.startswith("within 芜湖市 Wuhu City (340200)\n芜湖县: 1 match\n"
                           "  [former name 芜湖县, until 2020] 湾沚区 Wanzhi District (340210, county level)\n")
    assert "      in: 芜湖市 Wuhu City (340200) → 安徽省 Anhui Province (340000)\n" in text
    assert "      former: 芜湖县 (until 2020)\n" in text
    assert "Wandang: 2 candidates\n  [near Wanzhi: distance 1.00, confidence 0.50, close] 湾沚区 Wanzhi District" in text


def test_run_text_no_hit_exits_1():
    out = io.StringIO()
    assert run(["湾沚区", "Xyzzy"], as_json=False, out=out) == 1
    assert out.getvalue().endswith("\nXyzzy: no match\n")


def test_run_json():
    out = io.StringIO()
    assert run(["湾沚区", "Wanpeng", "Xyzzy"], as_json=True, out=out, within="340200") == 1
    data = json.loads(out.getvalue())
    assert [item["query"] for item in data] == ["湾沚区", "Wanpeng", "Xyzzy"]
    first = data[0]["hits"][0]
    assert first["code"] == "340210" and first["zh"] == "湾沚区" and first["en"] == "Wanzhi District"
    assert first["level"] == "county" and first["match"] == "zh" and first["distance"] == 0.0
    assert first["chain"] == [
        {"code": "340200", "zh": "芜湖市", "en": "Wuhu City"},
        {"code": "340000", "zh": "安徽省", "en": "Anhui Province"},
    ]
    assert first["former"] == [{"name": "芜湖县", "year": 2020}]
    near = data[1]["hits"][0]
    assert (near["code"], near["match"], near["distance"], near["close"]) == ("340210", "near", 1.0, True)
    assert data[2]["hits"] == []


def test_run_json_all_found():
    out = io.StringIO()
    assert run(["Beijing"], as_json=True, out=out) == 0
    data = json.loads(out.getvalue())
    assert data[0]["hits"][0]["chain"] == [] and data[0]["hits"][0]["match"] == "en"
    assert CLOSE == 1.0


# --- literal glosses, names for --within, counts (issue 8, points 14 and 15) --------------------

@pytest.mark.parametrize("query,zh,read", [
    ("Wuhu Inaction", "无为市", "无为"),       # the parent's name, then the gloss of the county's
    ("Mirror Lake District", "镜湖区", "镜湖"),  # the gloss, then the generic
    ("Inaction", "无为市", "无为"),
])
def test_lookup_reads_literal_translations_back(gaz, query, zh, read):
    hits = gaz.lookup(query)
    assert [(h.division.zh, h.match, h.matched, h.exact) for h in hits][:1] == [(zh, "gloss", read, False)]


def test_lookup_gloss_readings_respect_generic_and_parent(gaz):
    # 和平 "peace": 和平区 in Tianjin and Shenyang, 和平县 in Guangdong; the generic picks the kind
    assert {h.division.type for h in gaz.lookup("Peace District")} == {"区"}
    assert {h.division.type for h in gaz.lookup("Peace County")} == {"县"}
    assert [h.division.parent for h in gaz.lookup("Tianjin Peace")] == ["120000"]
    assert gaz.lookup("Peace", within="120000")[0].division.code == "120101"


def test_literal_lookup_uses_the_readings_of_pt302(gaz):
    """The same words give PT302's division and the lookup's."""
    import procutext

    for words, text in (("Mirror Lake District", "A delegation visited Mirror Lake District in Wuhu."),
                        ("Wuhu Inaction", "The Wuhu Inaction procuratorate held a meeting.")):
        [f] = procutext.check(text, select=["PT302"])
        assert gaz.lookup(words)[0].division.code == f.data["code"]


@pytest.mark.parametrize("name", ["340200", "芜湖市", "芜湖", "蕪湖市", "Wuhu", "Wuhu City", "wuhu city"])
def test_resolve_a_code_or_a_name(gaz, name):
    assert gaz.resolve(name).code == "340200"


def test_resolve_former_name_and_exact_spelling(gaz):
    assert gaz.resolve("芜湖县").code == "340210"  # the former name of 湾沚区
    assert gaz.resolve("Xingan").zh == "新干县"    # spelt so; 兴安 is Xing'an


def test_resolve_ambiguous_or_unknown(gaz):
    with pytest.raises(PlaceNameError) as e:
        gaz.resolve("Chaoyang")
    assert "names 5 divisions" in str(e.value) and e.value.ambiguous
    assert {d.zh for d in e.value.candidates} == {"朝阳区", "朝阳市", "朝阳县", "潮阳区"}
    with pytest.raises(PlaceNameError) as e:
        gaz.resolve("Jilin")
    assert [d.zh for d in e.value.candidates] == ["吉林省", "吉林市"]
    with pytest.raises(PlaceNameError) as e:
        gaz.resolve("Wuhoo")
    assert "no division is named 'Wuhoo'" in str(e.value) and "芜湖市" in {d.zh for d in e.value.candidates}
    assert not e.value.ambiguous
    with pytest.raises(PlaceNameError, match="no division has the code 999999"):
        gaz.resolve("999999")


def test_counts_are_plural_right():
    assert [count(n, "candidate") for n in (0, 1, 2)] == ["0 candidates", "1 candidate", "2 candidates"]
    assert [count(n, "match") for n in (1, 2)] == ["1 match", "2 matches"]


def test_run_text_counts_candidates_and_matches():
    out = io.StringIO()
    assert run(["Wanpeng", "Wuhu", "Wuhu Inaction"], out=out, within=None) == 0
    heads = [line for line in out.getvalue().splitlines() if not line.startswith(" ")]
    assert heads == ["Wanpeng: 5 candidates", "Wuhu: 1 match", "Wuhu Inaction: 1 candidate"]
    assert "[literal translation of 无为] 无为市 Wuwei City (340281, county level)" in out.getvalue()


def test_run_output_format_and_its_old_spelling():
    a, b = io.StringIO(), io.StringIO()
    run(["湾沚区"], out=a, output_format="json")
    run(["湾沚区"], out=b, as_json=True)
    assert json.loads(a.getvalue()) == json.loads(b.getvalue())
    assert json.loads(a.getvalue())[0]["within"] is None
    with pytest.raises(ValueError):
        run(["湾沚区"], out=a, output_format="xml")


def test_split_of_a_long_ambiguous_run_is_bounded():
    from procutext.places.pinyin import MAX_SPLITS, segmentations, split

    # 8 repetitions have 32,768 fewest-syllable splits; only the first MAX_SPLITS are kept
    piece = "andangjianyuanxingan" * 8
    splits = split(piece)
    assert len(splits) == MAX_SPLITS and all("".join(s) == piece for s in splits)
    assert len(segmentations("W" + piece * 50)) <= MAX_SPLITS + 1
    assert split("xingan")[0] == ("xin", "gan")  # the best split still comes first
