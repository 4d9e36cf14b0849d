"""`procutext place` through the main command line."""

from __future__ import annotations

import json

from procutext.cli import main


def test_place_by_chinese_traditional_and_former(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["place", "湾沚区", "灣沚區", "芜湖县"]) == 0
    out = capsys.readouterr().out
    assert out.count("湾沚区 Wanzhi District (340210") == 3
    assert "芜湖市 Wuhu City (340200) → 安徽省 Anhui Province (340000)" in out
    assert "芜湖县 (until 2020)" in out


def test_place_misspelling_within_a_city_json(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["place", "--json", "--within", "340200", "Wanpeng"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    hit = result["hits"][0]
    assert (hit["zh"], hit["en"], hit["match"], hit["close"]) == ("湾沚区", "Wanzhi District", "near", True)
    assert [c["zh"] for c in hit["chain"]] == ["芜湖市", "安徽省"]


def test_place_without_any_hit_exits_1(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["place", "不存在的地方"]) == 1
    assert "no match" in capsys.readouterr().out


def test_place_finds_townships_with_their_county_chain(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["place", "--json", "--limit", "20", "虹桥街道"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    shanghai = [h for h in result["hits"] if h["code"] == "310105009"]
    assert shanghai and shanghai[0]["match"] == "township"
    assert [c["zh"] for c in shanghai[0]["chain"]] == ["长宁区", "上海市"]
