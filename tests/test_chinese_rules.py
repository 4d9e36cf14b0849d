"""The Chinese-side cleanup rules (PT8xx), the language of each line, --lang and --to-simplified."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import procutext
from procutext import Context
from procutext.analysis import line_classes
from procutext.cli import main
from procutext.readers import load_document

from helpers import run

ZH = Context(lang="zh")
CHINESE = ["chinese"]


def findings(text: str, ctx: Context = ZH, select=CHINESE, **kw) -> list[tuple[str, str]]:
    return [(f.code, f.matched) for f in procutext.check(text, select=select, context=ctx, **kw)]


def fixed(text: str, ctx: Context = ZH, select=CHINESE, **kw) -> str:
    return procutext.fix(text, select=select, context=ctx, **kw).text


# -- which lines are Chinese -------------------------------------------------------------------------

BILINGUAL = (
    "最高人民检察院发布了一批典型案例,要求各级检察机关加强协作。\n"
    "\n"
    "The Supreme People's Procuratorate released a batch of typical cases , asking procuratorates to cooperate。\n"
)


#: a mostly Chinese text with an English paragraph (more Han characters than Latin letters)
CHINESE_WITH_ENGLISH = (
    "最高人民检察院发布了一批典型案例,要求各级检察机关加强协作,依法惩治危害生产安全犯罪,"
    "切实保障人民群众生命财产安全。\n"
    "\n"
    "Prosecutors , cooperate。\n"
)


def test_auto_gives_chinese_lines_the_chinese_rules_and_english_lines_the_english_ones():
    got = procutext.check(CHINESE_WITH_ENGLISH, extend_select=["ALL"])
    by_line = {(f.line, f.code) for f in got}
    assert (1, "PT801") in by_line  # the ASCII commas of the Chinese paragraph
    assert all(f.line == 1 for f in got if f.code.startswith("PT8"))
    assert {f.code for f in got if f.line == 3} >= {"PT130", "PT120"}  # " ," and "。" in the English
    assert not any(f.line == 1 and not f.code.startswith("PT8") for f in got)


def test_the_chinese_lines_of_an_english_text_are_left_as_published():
    # a bilingual page, mostly English: its Chinese line is neither leftover Chinese nor a
    # Chinese source to clean (the dictionary pages of the corpus write ASCII commas there)
    got = procutext.check(BILINGUAL, extend_select=["ALL"])
    assert not any(f.line == 1 for f in got)
    assert {f.code for f in got if f.line == 3} >= {"PT130", "PT120"}


def test_lang_zh_runs_only_the_chinese_rules_on_the_whole_text():
    got = procutext.check(BILINGUAL, extend_select=["ALL"], context=ZH)
    assert got and all(f.code.startswith("PT8") for f in got)
    assert {f.line for f in got} == {1}  # the English line has no Chinese context to clean


def test_lang_en_makes_no_line_chinese():
    en = Context(lang="en")
    got = procutext.check(BILINGUAL, extend_select=["ALL"], context=en)
    assert not any(f.code.startswith("PT8") for f in got)
    assert any(f.code == "PT501" and f.line == 1 for f in got)  # the Chinese is now leftover Chinese


def test_a_chinese_sentence_quoting_english_is_chinese():
    # more Latin letters than Han characters, but it opens with Han and ends with 。
    text = "检察官在庭上引用了一句英文格言：“Justice delayed is justice denied.”意思是迟来的正义非正义。"
    doc = load_document(text, None, None)
    assert line_classes(doc, Context()).is_chinese(0)
    assert procutext.check(text, extend_select=["ALL"], ignore=["PT402"]) == []


def test_an_english_sentence_with_leftover_chinese_stays_english():
    text = "The 最高人民检察院关于办理案件的若干规定 says that prosecutors shall review the files."
    doc = load_document(text, None, None)
    assert not line_classes(doc, Context()).is_chinese(0)
    assert [f.code for f in procutext.check(text, select=["PT501"])] == ["PT501"]


def test_short_chinese_in_english_is_not_cleaned():
    # a gloss: fewer Han characters than a Chinese paragraph has, in an English document
    assert findings("The procuratorate (检察院,本院) held a meeting.", Context()) == []


def test_lang_is_validated():
    with pytest.raises(ValueError, match="lang must be one of auto, en, zh"):
        Context(lang="fr")

def test_lang_override_is_validated(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("检察院\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lang must be one of"):
        procutext.check_paths([p], lang="fr")


# -- PT801 ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,want", [
    ("本院依法提起公诉,法院判决有罪.", "本院依法提起公诉，法院判决有罪。"),
    ("检察院决定:不起诉;理由如下", "检察院决定：不起诉；理由如下"),
    ("这是真的吗?!", "这是真的吗？！"),
    ("人数为5,比去年增加", "人数为5，比去年增加"),
    ("会议使用了iPhone,并且", "会议使用了iPhone，并且"),
    ("CEO:张三", "CEO：张三"),
    ("规定 , 保障权利", "规定，保障权利"),
    ("他说“好”.然后走了", "他说“好”。然后走了"),
    ("制定本法.", "制定本法。"),
    ("检察院(以下简称本院)", "检察院（以下简称本院）"),
    ("(2024)皖0221刑初123号", "（2024）皖0221刑初123号"),
    ("检察院(Procuratorate)", "检察院（Procuratorate）"),
    ("本院（以下简称检察院)决定", "本院（以下简称检察院）决定"),  # a half-width partner of a full-width bracket
    ("访问网址:http://www.spp.gov.cn", "访问网址：http://www.spp.gov.cn"),
])
def test_pt801_fixes(text, want):
    assert fixed(text, select=["PT801"]) == want


@pytest.mark.parametrize("text", [
    "增长3.5%，共计1,234件，上午9:30开始，比分3:2",
    "访问http://www.spp.gov.cn/xwfbh/index.shtml?id=1,2或者www.12309.gov.cn",
    "下载附件《报告.pdf》和百度.com的页面",
    "邮箱jubao@example.gov.cn",
    "该公司的英文名称为 Huaxin Technology Co., Ltd.，注册地在深圳",
    "他引用了“Hello, world. How are you?”这句话",
    "他用Yahoo!搜索",
    "一.总则",
    "1. 加强培训；2. 完善机制",
    "Title: 中华人民共和国人民检察院组织法",
    "他使用 iPhone (苹果手机) 拨打电话",  # brackets after an English word, a Chinese gloss inside
    "第一条 为了规范",
    "单独的(括号",
])
def test_pt801_leaves_half_width_where_it_belongs(text):
    if text == "他使用 iPhone (苹果手机) 拨打电话":
        # Han inside: the brackets are Chinese; the blank beside the English word stays, the one
        # between the bracket and Chinese goes
        assert fixed(text, select=["PT801"]) == "他使用 iPhone （苹果手机）拨打电话"
        return
    assert findings(text, select=["PT801"]) == []


def test_pt801_keeps_indentation_and_line_ends():
    assert fixed("  (一)总则 ,\n", select=["PT801"]) == "  （一）总则，\n"


# -- PT802 ---------------------------------------------------------------------------------------------

def test_pt802_pairs_nested_and_single_quotes():
    assert fixed('他说:"我们要依法办案"。', select=["PT802"]) == "他说:“我们要依法办案”。"
    assert fixed('“他说"不要"就走了”', select=["PT802"]) == "“他说‘不要’就走了”"
    assert fixed("他说'不要放弃'。", select=["PT802"]) == "他说‘不要放弃’。"


def test_pt802_unpaired_quote_is_reported_without_a_fix():
    got = procutext.check('他说:"我们要依法办案。', select=["PT802"], context=ZH)
    assert [f.code for f in got] == ["PT802"] and got[0].edit is None
    assert fixed('他说:"我们要依法办案。', select=["PT802"]) == '他说:"我们要依法办案。'


@pytest.mark.parametrize("text", [
    "最高人民检察院的英文名称是Supreme People's Procuratorate，简称SPP",
    '代码写作print("x")即可，这是示例',
    '他说"OK" means yes这句话',  # an English phrase: no Han inside, English beside
])
def test_pt802_leaves_english_quotes_and_apostrophes(text):
    if text.startswith("他说"):
        # Han right before the opening quote: the quotation belongs to the Chinese sentence
        assert fixed(text, select=["PT802"]) == '他说“OK” means yes这句话'
        return
    assert findings(text, select=["PT802"]) == []


# -- PT803 ---------------------------------------------------------------------------------------------

def test_pt803_joins_letter_spaced_runs_only():
    assert fixed("湾 沚 区 人 民 检 察 院", select=["PT803"]) == "湾沚区人民检察院"
    assert fixed("会议由检察长主持。起 诉 书", select=["PT803"]) == "会议由检察长主持。起诉书"


@pytest.mark.parametrize("text", [
    "第一条 为了规范检察工作",
    "第一章 总则",
    "（1979年7月1日会议通过 根据1983年9月2日的决定修正）",
    "本院于 2023 年 7 月起诉了 3 名被告人",
    "他使用 iPhone 手机拨打了电话",
    "目 录",  # two characters: a heading's spacing
    "起\u3000诉\u3000书",  # the ideographic space: deliberate layout
    "检 察院",
])
def test_pt803_leaves_word_spaces_and_spaces_around_numbers(text):
    assert findings(text, select=["PT803"]) == []


def test_pt803_run_touching_more_han_has_suggestion_not_fix():
    got = procutext.check("湾 沚 区人民检察院召开会议", select=["PT803"], context=ZH)
    assert len(got) == 1 and got[0].edit is None and got[0].suggestions == ("湾沚区",)


# -- PT807 ---------------------------------------------------------------------------------------------

def test_pt807_finds_blanks_inside_words():
    got = procutext.check("维护国家安全和社 会秩序,最高人民 检察院发布", select=["PT807"], context=ZH)
    assert [f.message for f in got] == ["blank inside the Chinese word '社会秩序'",
                                        "blank inside the Chinese word '最高人民检察院'"]
    assert all(f.edit is not None and f.edit.applicability is procutext.Applicability.UNSAFE for f in got)
    assert fixed("检察 机关依法办案", select=["PT807"], unsafe=True) == "检察机关依法办案"


@pytest.mark.parametrize("text", [
    "第一条 为了规范检察工作",
    "第一章 总则",
    "（1979年7月1日会议通过 根据1983年9月2日的决定修正）",
    "首页 要闻",
    "新华社北京10月26日电 记者 张三 通讯员 李四",
    "湾沚区人民检察院 检察长 张三出席会议",
    "湾 沚 区 人 民 检 察 院",  # letter spacing: PT803's
    "检察\u3000机关",  # the ideographic space
])
def test_pt807_leaves_blanks_between_words(text):
    assert findings(text, select=["PT807"]) == []


def test_jieba_is_loaded_only_for_blanks_between_han(tmp_path):
    p = tmp_path / "zh.txt"
    p.write_text("本院依法提起公诉,法院判决被告人有罪,案件已经审结完毕。\n", encoding="utf-8")
    code = (
        "import sys, procutext.cli as c\n"
        f"c.main(['check', '--exit-zero', {str(p)!r}])\n"
        "print('jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"


# -- PT804 ---------------------------------------------------------------------------------------------

def test_pt804_half_width_digits_and_letters():
    assert fixed("２０２３年ＡＢＣ公司增长３．５％，第１．总则", select=["PT804"]) == "2023年ABC公司增长3.5%，第1．总则"
    # full-width punctuation is Chinese punctuation
    assert findings("检察院（本院）：“依法办案”！", select=["PT804"]) == []


def test_pt804_does_not_touch_english_lines():
    # in English text PT120 reports the full-width forms
    assert findings("Article １ of the law", Context(), select=["PT804"]) == []
    assert [f.code for f in procutext.check("Article １ of the law", select=["PT120", "PT804"])] == ["PT120"]


# -- PT805 and --to-simplified ---------------------------------------------------------------------------

def test_pt805_is_opt_in_and_unsafe_without_to_simplified():
    text = "最高人民檢察院發佈典型案例。"
    assert findings(text, select=None) == []
    got = procutext.check(text, select=["PT805"], context=ZH)
    assert [(f.matched, f.edit.replacement) for f in got] == [("檢察院發佈", "检察院发布")]
    assert got[0].edit.applicability is procutext.Applicability.UNSAFE
    assert fixed(text, select=["PT805"]) == text
    assert fixed(text, select=["PT805"], unsafe=True) == "最高人民检察院发布典型案例。"


def test_to_simplified_makes_the_conversion_safe():
    ctx = Context(lang="zh", to_simplified=True)
    assert fixed("頭髮和發展", ctx, select=["PT805"]) == "头发和发展"


def test_pt805_leaves_simplified_text_alone():
    text = Path(__file__).parent.joinpath("negative", "chinese_procuratorate.txt").read_text(encoding="utf-8")
    assert findings(text + "\n乾坤未定，他走了。", Context(), select=["PT805"]) == []


def test_to_simplified_setting_selects_pt805():
    s = procutext.Settings(to_simplified=True)
    assert "PT805" in s.extend_select
    assert s.context().to_simplified and s.context().lang == "auto"
    got = procutext.check("最高人民檢察院的工作人员依法履行职责。", settings=s)
    assert [f.code for f in got] == ["PT805"]


# -- the CLI ---------------------------------------------------------------------------------------------

def test_cli_fix_lang_zh_and_to_simplified(tmp_path, capsys):
    p = tmp_path / "source.zh.txt"
    p.write_text('最高人民檢察院發佈:"依法懲治犯罪,保護人民" .\n２０２３年 檢 察 院:共辦理案件.\n', encoding="utf-8")
    code, out, err = run(capsys, "fix", "--lang", "zh", "--to-simplified", str(p))
    assert code == 0, out + err
    assert p.read_text(encoding="utf-8") == "最高人民检察院发布：“依法惩治犯罪，保护人民”。\n2023年检察院：共办理案件。\n"


def test_cli_check_lang_en_and_bad_config(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("本院依法提起公诉,法院判决被告人有罪,案件已经审结完毕。\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--select", "chinese", str(p))
    assert code == 1 and out.count("PT801") == 2
    code, out, _ = run(capsys, "check", "--select", "chinese", "--lang", "en", str(p))
    assert code == 0 and "PT801" not in out
    (tmp_path / "procutext.toml").write_text('lang = "fr"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", str(p))
    assert code == 2 and "`lang` must be one of auto, en, zh, not 'fr'" in err and "procutext.toml" in err


def test_config_lang_and_to_simplified(tmp_path, capsys):
    (tmp_path / "procutext.toml").write_text('lang = "zh"\nto-simplified = true\n', encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text("檢察院,依法辦案\n", encoding="utf-8")
    code, out, err = run(capsys, "fix", str(p))
    assert code == 0, out + err
    assert p.read_text(encoding="utf-8") == "检察院，依法办案\n"


def test_english_input_imports_neither_jieba_nor_opencc(tmp_path):
    p = tmp_path / "en.txt"
    p.write_text("The Supreme People's Procuratorate held a meeting ,and it was long。\n", encoding="utf-8")
    code = (
        "import sys, procutext.cli as c\n"
        f"c.main(['check', '--exit-zero', '--extend-select', 'ALL', '--to-simplified', {str(p)!r}])\n"
        "import json; print(json.dumps(sorted(m for m in ('jieba', 'opencc') if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == []


# -- the whole family ------------------------------------------------------------------------------------

MESSY = ('检察官表示 : "要依法办案" , 做到 ‘三个效果’相统一.\n'
         "２０２３年,本院共办理案件１２３件,增长３．５％(同比).\n"
         "检 察 院 ,上午9:30召开会议 。 会议由检察长主持!\n")
CLEAN = ("检察官表示：“要依法办案”，做到‘三个效果’相统一。\n"
         "2023年，本院共办理案件123件，增长3.5%（同比）。\n"
         "检察院，上午9:30召开会议。会议由检察长主持！\n")


def test_fix_cleans_a_messy_source_and_is_idempotent():
    once = procutext.fix(MESSY, context=ZH)
    assert once.text == CLEAN
    assert procutext.fix(once.text, context=ZH).text == once.text
    assert procutext.check(CLEAN, context=ZH, extend_select=["ALL"]) == []


def test_markdown_code_is_not_touched():
    text = "本院的规定如下,请参阅代码 `a,b;c` 和链接 [网站](http://x.cn/a,b) 的说明。\n"
    assert fixed(text, kind="markdown") == "本院的规定如下，请参阅代码 `a,b;c` 和链接 [网站](http://x.cn/a,b) 的说明。\n"


HAN = st.sampled_from(list("检察院法律监督人民公诉案件依照规定"))
PIECE = st.one_of(
    HAN, st.sampled_from([",", ".", ";", ":", "?", "!", "(", ")", '"', "'", " ", "  ", "１", "Ａ", "3.5", "9:30",
                          "iPhone", "A股", "，", "。", "“", "”", "（", "）", "http://a.cn/x", "2023"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECE, min_size=1, max_size=40))
def test_fix_keeps_every_character_but_marks_and_blanks(pieces):
    """The Chinese fixes change punctuation, blanks and character width only: the Han
    characters, digits and letters come out in the same order, and a second fix changes
    nothing."""
    text = "".join(pieces)
    out = procutext.fix(text, context=ZH, select=CHINESE).text

    def core(s: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKC", s) if c.isalnum())

    assert core(out) == core(text)
    assert procutext.fix(out, context=ZH, select=CHINESE).text == out
