"""PT7xx on short pairs of our own: the weaknesses that bench/bilingual_inject.py found."""

from __future__ import annotations

import procutext


def _check(zh: str, en: str, code: str) -> list[tuple[str, str]]:
    text = f"{zh}\n=>\n{en}"
    return [(f.code, text[f.start:f.end]) for f in procutext.check(text, kind="pair", select=[code])]


def test_a_period_part_must_agree():
    zh = "今年上半年，全市共起诉案件37件。"
    assert _check(zh, "In the second half of the year, the city prosecuted 37 cases.", "PT703") == [
        ("PT703", "the second half of the year")]
    assert _check(zh, "In the first half of the year, the city prosecuted 37 cases.", "PT703") == []


def test_a_quarter_without_its_year_is_the_source_quarter():
    zh = "该院第一季度共受理案件近三千件。"
    assert _check(zh, "In the first quarter, the procuratorate accepted nearly 3,000 cases.", "PT703") == []
    found = _check(zh, "In the third quarter, the procuratorate accepted nearly 3,000 cases.", "PT703")
    assert [c for c, _ in found] == ["PT703"]


def test_a_rounding_is_no_more_precise_than_its_source():
    zh = "被告人向1.2万余名群众非法吸收公众存款。"
    assert _check(zh, "The defendant illegally took deposits from more than 12,000 people.", "PT703") == []
    found = _check(zh, "The defendant illegally took deposits from more than 12,009 people.", "PT703")
    assert [c for c, _ in found] == ["PT703"]
    # a figure stated exactly in the source may still be rounded in words
    assert _check("共追缴12,345元。", "More than 12,000 yuan was recovered.", "PT703") == []


def test_a_date_whose_year_went_wrong():
    zh = "2023年7月11日，检察院召开会议。"
    assert _check(zh, "On July 11, 223, the procuratorate held a meeting.", "PT703") == [("PT703", "223")]
    assert _check(zh, "On July 11, the procuratorate held a meeting.", "PT703") == []  # the year left out


def test_a_small_ordinal_gone_wrong():
    zh = "该法于1983年9月2日第一次修正。"
    assert _check(zh, "The law was amended for the second time on September 2, 1983.", "PT703") == [
        ("PT703", "second")]
    assert _check(zh, "The law was amended for the first time on September 2, 1983.", "PT703") == []
    assert _check("该院第一时间介入案件。", "The procuratorate intervened in the case at once.", "PT703") == []


def test_of_equal_values_the_nearest_is_taken():
    zh = "该院共受理案件125件，其中提起公诉152件。"
    en = "The procuratorate accepted 152 cases, and initiated public prosecutions in 152 of them."
    text = f"{zh}\n=>\n{en}"
    found = procutext.check(text, kind="pair", select=["PT703"])
    assert [(f.code, f.start - text.index("=>") - 3) for f in found] == [("PT703", en.index("152"))]


def _file_pair(zh: str, en: str, code: str) -> list[str]:
    from procutext.bilingual.pair import PairSource, read_pair
    from procutext.context import Context
    from procutext.engine import run_rules
    from procutext.registry import select_rules

    doc = read_pair(en, PairSource.read(zh, "a.zh.txt"), path="a.en.txt")
    return [en[f.start:f.end] for f in run_rules(doc, select_rules(select=[code]), Context())]


ZH = ("2023年7月11日，芜湖市人民检察院召开新闻发布会。\n\n"
      "今年上半年，全市检察机关共起诉非法集资犯罪案件37件112人，涉案金额3亿元，同比下降百分之十五。\n\n"
      "繁昌区人民检察院依法提起公诉，法院判处主犯有期徒刑十二年。\n")
EN_OK = ("On July 11, 2023, the Wuhu Municipal People's Procuratorate held a press conference.\n\n"
         "In the first half of the year, the city's procuratorial organs prosecuted 37 cases involving 112 people, "
         "with 300 million yuan involved, down 15 percent year on year.\n\n"
         "The Fanchang District People's Procuratorate initiated a public prosecution, and the court sentenced "
         "the principal offender to 12 years in prison.\n")


def test_a_copied_source_the_aligner_left_unpaired():
    copied = "今年上半年，全市检察机关共起诉非法集资犯罪案件37件112人，涉案金额3亿元，同比下降百分之十五。"
    paras = EN_OK.split("\n\n")
    en = "\n\n".join([paras[0], copied, paras[2]])
    assert _file_pair(ZH, en, "PT706") == [copied]
    assert _file_pair(ZH, EN_OK, "PT706") == []


def test_a_heading_left_in_chinese_is_no_second_translation():
    zh = "第一章 总则\n\n第一条 为了规范检察院的设置，制定本法。\n\n第一章 总则\n"
    en = ("Chapter I General Provisions\n\nArticle 1 This Law is enacted to regulate the establishment of "
          "procuratorates.\n\n第一章 总则\n")
    assert _file_pair(zh, en, "PT709") == []
    en2 = en.replace("第一章 总则", "Chapter 1 General Rules")
    assert _file_pair(zh, en2, "PT709") == ["Chapter 1 General Rules"]


def test_a_sentence_left_in_chinese_in_a_file_pair_is_untranslated():
    # the English file keeps one sentence in Chinese, with the ASCII punctuation engines
    # write when they pass a sentence through: it still aligns with its source (a short
    # Chinese label such as 【法规全文】 is what may stay unaligned)
    zh = ("芜湖市检察机关依法严惩非法集资犯罪\n\n"
          "2023年7月11日，芜湖市人民检察院召开新闻发布会。\n\n"
          "今年上半年，全市检察机关共起诉非法集资犯罪案件37件112人，涉案金额3亿元，同比下降百分之十五。\n\n"
          "检察官提醒群众提高防范意识。\n")
    en = ("Wuhu Procuratorates Punish Illegal Fund-Raising Crimes\n\n"
          "On July 11, 2023, the Wuhu Municipal People's Procuratorate held a press conference.\n\n"
          "今年上半年, 全市检察机关共起诉非法集资犯罪案件37件112人, 涉案金额3亿元, 同比下降百分之十五.\n\n"
          "Prosecutors reminded the public to be on guard.\n")
    found = _check(zh, en, "PT705")
    assert [c for c, _ in found] == ["PT705"] and found[0][1].startswith("今年上半年")
    translated = en.replace("今年上半年, 全市检察机关共起诉非法集资犯罪案件37件112人, 涉案金额3亿元, 同比下降百分之十五.",
                            "In the first half of the year, the city's procuratorates prosecuted 37 cases of illegal "
                            "fund-raising involving 112 people and 300 million yuan, down 15 percent year on year.")
    assert _check(zh, translated, "PT705") == []


def test_an_approved_word_inside_the_wrong_rendering_is_not_the_term_translated():
    zh = "院长工作开展情况良好。"
    assert _check(zh, "The work of the hospital president went well.", "PT702") == [
        ("PT702", "hospital president")]
    assert _check(zh, "The work of the president went well.", "PT702") == []
    # the approved rendering also stands on its own: the term is translated there
    assert _check(zh, "The president, once called the hospital president, spoke.", "PT702") == []


def test_an_ordinal_word_of_a_name_is_the_source_ordinal():
    zh = "该院将第九检察部纳入年度考核。"
    assert _check(zh, "The procuratorate included the Ninth Procuratorial Department in its assessment.",
                  "PT703") == []
    assert _check(zh, "The procuratorate included the Eighth Procuratorial Department in its assessment.",
                  "PT703") == [("PT703", "Eighth")]
