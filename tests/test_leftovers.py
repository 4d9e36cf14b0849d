"""PT501: leftover Chinese, and Chinese written on purpose (issue 10 point 4), both sides."""

from __future__ import annotations

import pytest

import procutext


def _pt501(text: str) -> list[str]:
    return [text[f.start:f.end] for f in procutext.check(text, select=["PT501"])]


@pytest.mark.parametrize("text", [
    # licence and filing numbers
    "Copyright 2023 Wuhu Procuratorate 京ICP备12345678号-1",
    "京公网安备 11010502030143号",
    "ICP备案号：皖ICP备05001234号",
    "粤ICP证030173号 All rights reserved",
    # a language switcher
    "English | 中文 | 日本語",
    "中文",
    "简体 / 繁體",
    "Home  News  中文版  Français",
    # a name in both scripts
    "Procurator-General Zhang Jun 张军 attended.",
    "张军 Zhang Jun attended.",
    "Secretary Li Weijun (李伟军) spoke.",
    "the Wanzhi 湾沚 District Procuratorate",
    # a glossary term beside its rendering, a title beside its English title
    "the Legal Daily 《法治日报》 reported",
    "《法治日报》 (Legal Daily) reported",
    "the report “Rule of Law in China” 《中国法治》 was published",
    "cited in the People's Daily (《人民日报》)",
])
def test_chinese_on_purpose_is_not_leftover(text: str) -> None:
    assert _pt501(text) == []


@pytest.mark.parametrize("text,leftover", [
    ("built a brand matrix for the Bay 沚 inspection", "沚"),  # "Bay" is no pinyin
    ("Li 李明 said", "李明"),  # one syllable for two characters
    ("Read the 中文 version of the long report on the procuratorate's work in 2023 today.", "中文"),
    ("The report was published in 《法治日报》 yesterday.", "法治日报"),  # a title alone
    ("The 检察长 spoke.", "检察长"),
    ("the Fengqiao Experience 枫桥经验 was promoted", "枫桥经验"),  # a term: its Chinese goes in brackets
    ("He wrote for 检察日报 (Procuratorial Daily) for ten years.", "检察日报"),
    ("ICP 备案 pending", "备案"),  # no number: not a licence
    ("The procuratorate met on 4 月 3 日.", "月"),
])
def test_leftover_chinese_is_still_reported(text: str, leftover: str) -> None:
    assert leftover in _pt501(text)


def test_chinese_title_marks_around_chinese_are_left_to_pt501() -> None:
    text = "The Legal Daily 《法治日报》 reported it. Wuhu，Anhui"
    codes = [(f.code, text[f.start:f.end]) for f in procutext.check(text)]
    assert codes == [("PT120", "，")]  # the book-title marks of the Chinese title stay
    english = "He read 《The Procuratorate》 twice."
    assert [text_ for code, text_ in ((f.code, english[f.start:f.end]) for f in procutext.check(english))
            if code == "PT120"] == ["《", "》"]
