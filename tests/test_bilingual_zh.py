"""The Chinese side (procutext.bilingual.zh): OpenCC only when needed, jieba once and lazily,
terms and places as words."""

from __future__ import annotations

import subprocess
import sys

from procutext.bilingual import zh
from procutext.glossary import Entry, Glossary, default_glossary
from procutext.places import default_gazetteer


def test_traditional_characters_are_detected_and_converted_in_place():
    assert zh.has_traditional("人民檢察院對於")
    assert not zh.has_traditional("人民检察院对于")
    assert not zh.has_traditional("The procuratorate 2023")
    text = "湾沚區人民檢察院辦理案件"
    out = zh.simplified(text)
    assert out == "湾沚区人民检察院办理案件" and len(out) == len(text)


def test_simplified_text_is_returned_as_it_is():
    text = "芜湖市湾沚区人民检察院"
    assert zh.simplified(text) is text


def test_no_opencc_for_simplified_text():
    code = ("import sys\nfrom procutext.bilingual import zh\n"
            "assert zh.simplified('芜湖市湾沚区人民检察院') == '芜湖市湾沚区人民检察院'\n"
            "print('opencc' in sys.modules)\n"
            "zh.simplified('檢察院')\nprint('opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


def test_jieba_keeps_glossary_terms_and_place_names_whole():
    tk = zh.tokenizer(default_glossary(), default_gazetteer())
    words = tk.lcut("芜湖市湾沚区人民检察院依法适用认罪认罚从宽制度")
    assert "湾沚区" in words
    assert any(w.startswith("认罪认罚从宽") for w in words)
    assert zh.tokenizer() is tk  # one tokenizer for the process


def test_jieba_is_loaded_only_when_a_short_term_needs_it():
    code = ("import sys\nfrom procutext.bilingual import zh\nfrom procutext.glossary import default_glossary\n"
            "g = default_glossary()\n"
            "print([h.zh for h in zh.find_terms('最高人民检察院', g)], 'jieba' in sys.modules)\n"
            "print([h.zh for h in zh.find_terms('本院认为', g)], 'jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["['最高人民检察院'] False", "['本院'] True"]


def test_lazy_dictionary_segments_as_the_whole_one(tmp_path):
    """The dictionary cached by first character, cut block by block, gives jieba's words of
    the whole dictionary (first run builds the cache, second reads it; jieba without
    pkg_resources)."""
    texts = ["芜湖市湾沚区人民检察院依法适用认罪认罚从宽制度。日本院线2023年7月11日上映",
             "本院认为:\r\n被告人张某某(男,1985年生)\r\r\n于2021年3月犯盗窃罪,a.b-c_d%e",
             "向法院提起公诉  ,上级院和上级法院 最高人民检察院"]
    code = ("import sys, json\nfrom procutext.bilingual import zh\nfrom procutext.glossary import default_glossary\n"
            "from procutext.places import default_gazetteer\ng, z = default_glossary(), default_gazetteer()\n"
            f"texts = {texts!r}\n"
            "lazy = [zh.Words(t, g, z).spans for t in texts]\n"
            "cached = zh._lazy is not None\n"
            "tk = zh.tokenizer(g, z)\n"
            "whole = [[(s, e) for _w, s, e in tk.tokenize(t)] for t in texts]\n"
            "print(json.dumps([lazy == whole, cached, 'pkg_resources' in sys.modules]))")
    env = dict(__import__("os").environ, PROCUTEXT_CACHE_DIR=str(tmp_path))
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert first.strip() == "[true, false, false]"
    assert second.strip() == "[true, true, false]"


def _glossary(*rows):
    return Glossary([Entry(zh, tuple(en.split("|")), tuple(w.split("|")) if w else ()) for zh, en, w in rows])


def test_terms_by_longest_match():
    g = _glossary(("上级院", "higher-level procuratorate", "superior court"), ("上级法院", "superior court", ""),
                  ("法院", "court", ""), ("人民检察院", "people's procuratorate", ""),
                  ("最高人民检察院", "Supreme People's Procuratorate", ""))
    found = [(h.zh, h.start) for h in zh.find_terms("报上级法院和上级院。最高人民检察院与人民检察院", g)]
    assert found == [("上级法院", 1), ("上级院", 6), ("最高人民检察院", 10), ("人民检察院", 18)]


def test_short_terms_only_as_words():
    g = default_glossary()
    assert [h.zh for h in zh.find_terms("日本院线", g)] == []
    assert [h.zh for h in zh.find_terms("本院认为", g)] == ["本院"]
    assert [h.zh for h in zh.find_terms("向法院提起公诉", g)] == ["提起公诉"]  # not 院 inside 法院


def test_places_full_names_and_short_names_of_provinces_and_prefectures():
    gz = default_gazetteer()

    def names(text):
        return [h.name for h in zh.find_places(text, gz)]

    assert names("安徽省芜湖市湾沚区") == ["安徽省", "芜湖市", "湾沚区"]
    assert names("芜湖的检察官") == ["芜湖"]
    assert names("北京大学的学生") == []  # 北京 is no place name inside 北京大学
    assert names("维护世界和平") == []  # 和平 (Heping District) is an ordinary word here


def test_old_jieba_caches_are_pruned(tmp_path):
    import os

    from procutext.bilingual import zh

    for i in range(7):
        p = tmp_path / f"jieba-0.42.1-old{i}.freq"
        p.write_bytes(b"x")
        os.utime(p, (1_000_000 + i, 1_000_000 + i))
    other = tmp_path / "unrelated.txt"
    other.write_text("kept")
    new = tmp_path / "jieba-0.42.1-new.freq"
    zh._write_cache(new, {"检察院": 10, "院": 5}, 15)
    left = sorted(p.name for p in tmp_path.glob("jieba-*.freq"))
    # the new one and the newest CACHE_KEEP - 1 old ones
    assert left == sorted(["jieba-0.42.1-new.freq"] + [f"jieba-0.42.1-old{i}.freq" for i in (4, 5, 6)])
    assert other.read_text() == "kept"
    assert zh._read_cache(new) is not None
