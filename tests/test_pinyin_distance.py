"""procutext.places.pinyin: syllable inventory, splitting and the syllable-aware distance."""

from __future__ import annotations

import itertools

import pytest

from procutext.places import pinyin
from procutext.places.pinyin import CLOSE, distance, rank, syllable_distance, syllables

# The county-level divisions of 芜湖市 (340200), as in glossaries/places/divisions.tsv.
WUHU = ["Jinghu", "Jiujiang", "Yijiang", "Wanzhi", "Fanchang", "Nanling", "Wuwei"]


# --- inventory ---------------------------------------------------------------------------

def test_syllable_inventory():
    assert 400 <= len(pinyin.SYLLABLES) <= 420
    for s in ("a", "er", "zhuang", "lü", "lüe", "nü", "nüe", "yuan", "xiong", "shei", "den"):
        assert s in pinyin.SYLLABLES, s
    for s in ("lv", "bay", "dis", "tri", "ng", "m", "biang"):
        assert s not in pinyin.SYLLABLES, s


@pytest.mark.parametrize("spelling, canonical", [
    ("lv", "lü"), ("lü", "lü"), ("lve", "lüe"), ("lue", "lüe"), ("nue", "nüe"), ("nve", "nüe"),
    ("lu", "lu"), ("nu", "nu"), ("ju", "ju"), ("jü", "ju"), ("xüan", "xuan"),
])
def test_spellings(spelling, canonical):
    assert pinyin.SPELLINGS[spelling] == canonical


# --- splitting ---------------------------------------------------------------------------

@pytest.mark.parametrize("word, expected", [
    ("Xian", ["xian"]),                 # fewest syllables
    ("Xi'an", ["xi", "an"]),            # the apostrophe forces a boundary
    ("Xi’an", ["xi", "an"]),            # typographic apostrophe
    ("Xī'ān", ["xi", "an"]),            # tone marks ignored
    ("Wanzhi", ["wan", "zhi"]),
    ("WANZHI", ["wan", "zhi"]),
    ("Jinan", ["ji", "nan"]),           # 济南: a non-initial syllable starting with a vowel needs '
    ("Xingan", ["xin", "gan"]),         # 新干 (兴安 is Xing'an)
    ("Changan", ["chan", "gan"]),       # so without the apostrophe this is chan-gan (长安 is Chang'an)
    ("Chang'an", ["chang", "an"]),
    ("Fangeng", ["fan", "geng"]),
    ("Yan'an", ["yan", "an"]),
    ("Lvliang", ["lü", "liang"]),
    ("Lüliang", ["lü", "liang"]),
    ("Luliang", ["lu", "liang"]),
    ("Shijiazhuang", ["shi", "jia", "zhuang"]),
    ("Hong Kong", ["hong", "kong"]),
    ("Er", ["er"]),
])
def test_syllables(word, expected):
    assert syllables(word) == expected


@pytest.mark.parametrize("word", ["Bay", "District", "Harbin", "Wanzhl", "Tumd Left", "", "'", "x1"])
def test_not_pinyin(word):
    assert syllables(word) is None


def test_segmentations_include_the_alternatives():
    assert pinyin.segmentations("Changan") == (("chan", "gan"), ("chang", "an"))
    assert pinyin.segmentations("Xi'an")[0] == ("xi", "an")
    assert ("xian",) in pinyin.segmentations("Xi'an")
    assert pinyin.segmentations("Bay") == ()


# --- syllable distance -------------------------------------------------------------------

@pytest.mark.parametrize("a, b, expected", [
    ("zhi", "zhi", 0.0),
    ("lv", "lü", 0.0),       # spellings of one syllable
    ("fan", "fang", 0.25),   # same initial, close finals
    ("lu", "lü", 0.25),
    ("zhi", "zi", 0.25),     # close initials, same final
    ("nan", "lan", 0.25),
    ("hu", "fu", 0.25),
    ("zhan", "zang", 0.5),   # close, close
    ("dang", "ding", 0.5),   # same initial, different finals
    ("dang", "chang", 0.5),  # different initials, same final
    ("gui", "wei", 0.5),     # wei is ∅ + ui
    ("yi", "ji", 0.5),
    ("zhi", "zu", 0.75),
    ("dang", "shan", 0.75),
    ("dang", "zhi", 1.0),
    ("wan", "fan", 1.0),     # uan vs an: a medial makes finals different
    ("wan", "wu", 1.0),      # no consonant initial: compared by finals alone
    ("yan", "yang", 0.25),
])
def test_syllable_distance_table(a, b, expected):
    assert syllable_distance(a, b) == expected
    assert syllable_distance(b, a) == expected
    assert syllable_distance(a.upper(), b) == expected


def test_syllable_distance_range_and_symmetry_over_all_pairs():
    sylls = sorted(pinyin.SYLLABLES)
    for a, b in itertools.combinations(sylls, 2):
        d = syllable_distance(a, b)
        assert 0 < d <= 1, (a, b, d)
        assert d == syllable_distance(b, a)
    assert all(syllable_distance(s, s) == 0 for s in sylls)


def test_syllable_distance_falls_back_for_non_syllables():
    assert syllable_distance("bay", "bai") == pytest.approx(1 / 3)
    assert syllable_distance("zzz", "zzz") == 0.0


# --- name distance -----------------------------------------------------------------------

def test_distance_identity_case_and_apostrophes():
    assert distance("Jiujiang", "Jiujiang") == 0
    assert distance("Xi'an", "XIAN") == 0
    assert distance("Chang'an", "changan") == 0
    assert distance("Lüliang", "Lvliang") == 0


def test_distance_is_syllable_aware():
    assert distance("Fanchan", "Fanchang") == 0.25        # an/ang
    assert distance("Wanzi", "Wanzhi") == 0.25            # z/zh
    assert distance("Wandang", "Wanzhi") == 1.0           # one syllable wholly wrong
    assert distance("Wanzhi", "Wan") == 1.0               # one syllable missing
    assert distance("Wandang", "Fanchang") == 1.5         # wan/fan 1 + dang/chang 0.5
    # the alternative splits of an unapostrophed name are all tried
    assert distance("Changan", "Chang'ang") == 0.25


def test_distance_fallback_for_non_pinyin():
    # "Wanzhl" is not pinyin: Levenshtein / 2
    assert distance("Wanzhl", "Wanzhi") == 0.5
    assert distance("Harbin", "Harbni") == pytest.approx(1.0)


def test_distance_symmetric():
    names = WUHU + ["Wandang", "Wanpeng", "Wangui", "Beijing", "Wanzhl", "Xi'an"]
    for a, b in itertools.combinations(names, 2):
        assert distance(a, b) == distance(b, a), (a, b)


def test_rank_orders_by_distance_then_name():
    ranked = rank("Fanchan", ["Wuwei", "Fanchang", "Nanling", "Jinghu"])
    assert [name for name, _ in ranked] == ["Fanchang", "Nanling", "Jinghu", "Wuwei"]
    assert [d for _, d in ranked] == sorted(d for _, d in ranked)
    # ties broken by name
    tied = rank("Wanpeng", ["Yijiang", "Fanchang", "Jinghu"])
    assert [d for _, d in tied] == [2.0, 2.0, 2.0]
    assert [name for name, _ in tied] == ["Fanchang", "Jinghu", "Yijiang"]


# --- acceptance: mistranslations of 湾沚 among the districts of 芜湖 ------------------------

@pytest.mark.parametrize("word", ["Wandang", "Wanpeng", "Wangui"])
def test_wanzhi_ranks_first_by_half_a_syllable_or_more(word):
    ranked = rank(word, WUHU)
    (first, d1), (_, d2) = ranked[0], ranked[1]
    assert first == "Wanzhi"
    assert d2 - d1 >= 0.5, ranked
    # exactly one candidate is close
    assert [name for name, d in ranked if pinyin.is_close(d)] == ["Wanzhi"]
    assert d1 <= CLOSE < d2


def test_expected_distances_for_the_report():
    assert [(n, d) for n, d in rank("Wandang", WUHU)][:2] == [("Wanzhi", 1.0), ("Fanchang", 1.5)]
    assert [(n, d) for n, d in rank("Wanpeng", WUHU)][:2] == [("Wanzhi", 1.0), ("Fanchang", 2.0)]
    assert [(n, d) for n, d in rank("Wangui", WUHU)][:2] == [("Wanzhi", 1.0), ("Wuwei", 1.5)]


def test_jiujiang_exact_and_beijing_far():
    assert dict(rank("Jiujiang", WUHU))["Jiujiang"] == 0
    assert all(d > 1 for _, d in rank("Beijing", WUHU))
    assert not any(pinyin.is_close(d) for _, d in rank("Beijing", WUHU))
