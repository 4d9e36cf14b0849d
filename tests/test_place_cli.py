"""`procutext place` through the main command line."""

from __future__ import annotations

import json

import pytest

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


def test_place_output_format_json_and_the_json_alias(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["place", "--output-format", "json", "湾沚区"]) == 0
    new = json.loads(capsys.readouterr().out)
    assert main(["place", "--json", "湾沚区"]) == 0
    assert json.loads(capsys.readouterr().out) == new
    assert main(["place", "--output-format", "text", "湾沚区"]) == 0
    assert capsys.readouterr().out.startswith("湾沚区: 1 match\n")


def test_place_reads_literal_glosses(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["place", "Wuhu Inaction", "Mirror Lake District"]) == 0
    out = capsys.readouterr().out
    assert "Wuhu Inaction: 1 candidate\n  [literal translation of 无为] 无为市 Wuwei City (340281" in out
    assert "Mirror Lake District: 1 candidate\n  [literal translation of 镜湖] 镜湖区 Jinghu District (340202" in out


@pytest.mark.parametrize("within", ["340200", "芜湖市", "Wuhu", "Wuhu City"])
def test_place_within_takes_codes_and_names(capsys, within) -> None:  # type: ignore[no-untyped-def]
    assert main(["place", "--json", "--within", within, "Wanpeng"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["within"] == "340200"
    assert result["hits"][0]["code"] == "340210" and all(h["code"].startswith("3402") for h in result["hits"])


def test_place_within_ambiguous_or_unknown_is_a_usage_error(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["place", "--within", "Chaoyang", "Wanpeng"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "error: --within: 'Chaoyang' names 5 divisions; use a code or a fuller name." in captured.err
    assert "  211300 朝阳市 Chaoyang City (prefecture level, in Liaoning Province)" in captured.err
    assert main(["place", "--within", "Wuhoo", "Wanpeng"]) == 2
    err = capsys.readouterr().err
    assert "no division is named 'Wuhoo'. It may be one of:" in err and "340200 芜湖市 Wuhu City" in err
    assert main(["place", "--within", "999999", "Wanpeng"]) == 2
    assert "no division has the code 999999" in capsys.readouterr().err
