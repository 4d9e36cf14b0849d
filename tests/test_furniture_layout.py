"""Page furniture by layout (issue 10, point 1): the line shapes of rules/layout.py and the
rules that use them with a line's neighbours and its place in the page. Each behaviour is
shown on a small text written for the test; correct English of the same shapes (bylines,
datelines, captions, bare dates, lists of names, headings) must stay silent."""

from __future__ import annotations

import pytest

import procutext
from procutext.rules import layout

FURNITURE = ["furniture"]


def found(text: str, select: list[str] = FURNITURE, kind: str = "text") -> list[tuple[str, str]]:
    return [(f.code, f.matched) for f in procutext.check(text, select=select, kind=kind)]


def codes_on(text: str, line: str) -> set[str]:
    return {code for code, matched in found(text) if matched and matched in line}


# -- metadata lines: a date or time with a field that is not article text -----------------
@pytest.mark.parametrize("line", [
    "16:34, June 1, 2023|",
    "2022-04-20 0 By",
    "2025/04/0206:15:37 hotcomm 1633",
    "September 19,2016   By:CSHRS",
    "Updated 11:01, 28-Jun-2018",
    "(Xinhua) 12:53, August 24, 2021",
    "Xinhua) 11:44, March 02, 2023",
    "Xinhua, May 17, 2016 Adjust font size:",
    "In December 2018 06, 08:06 source: - Yunnan channel",
    "Last update time:2020-09-01 09:13:12",
    "2010-09-15来源:和谐英语",
    "Posted on 12 March 2021 by admin | 3 Comments",
    "date 2019-02-22 Home » Nation",
    "en.spp.gov.cn| May 13, 2023",
])
def test_metadata_lines_in_any_order(line):
    assert layout.meta_line(line), line


@pytest.mark.parametrize("line", [
    "2018-01-12 09:24:38",  # a bare date line is article text (dev2 conventions)
    "July 4, 2014",
    "June 5, 2025",
    "BEIJING, May 31 (Xinhua) --",  # a dateline
    "Xinhua News Agency, Beijing, March 8 -",
    "Beijing | 10 a.m. July 18, 2022",  # place and time of a press conference
    "14:00 Session 2",  # a schedule
    "9:30 a.m. Opening of the hearing",
    "The night before work till 11:30 in the evening",
    "Photo by Zhang San on May 3, 2021",  # a credit
    "June 1, 2023 – The new rules took effect.",
    "2021",
    "Date:",
    "January 18 196,000",  # a table's row as text: month, workers, yuan
    "March 64 702,500",
    "0553-1234567 (weekdays, 8:30 a.m. to 5 p.m.)",  # a telephone number and its hours
])
def test_dates_that_are_article_text(line):
    assert layout.meta_line(line) is None, line


def test_credits_are_named_and_bracketed_whole():
    assert layout.is_credit("(Web editor: Shi Xi, Liang Jun)")
    assert layout.is_credit("(CCTV reporter Zhang Sai)")
    assert layout.is_credit("By Zhang Yan and Li Wei")
    assert not layout.is_credit("Photos")  # a sidebar heading names no one
    assert not layout.is_credit("[Work Report] Work Report of Anhui Provincial People's Procuratorate (January 2011)")


def test_a_table_of_months_and_amounts_is_not_an_info_bar():
    """A bare number after a date is a counter only beside a lowercase slug or another field
    (found on a correct page: a table of wages recovered by month raised PT202 on each row)."""
    table = ("Wages recovered, January to June 2023\n\nMonth Workers Amount (yuan)\n"
             "January 18 196,000\nMarch 64 702,500\nJune 44 481,500\n")
    assert found(table) == []
    assert found("Wages recovered\n\n2025/04/0206:15:37 hotcomm 1633\n\nThe court heard the case.\n") == \
        [("PT202", "2025/04/0206:15:37 hotcomm 1633")]


def test_a_label_before_a_written_out_markdown_link_is_the_authors():
    before, after = "The cases involve huge assets.\n\n", "\n\nThe cases come in three types.\n"
    linked = before + "See also: [Procuratorates handle more cases](https://example.gov.cn/a.html)" + after
    assert found(linked, kind="markdown") == []
    copied = before + "See also: Procuratorates handle more cases" + after  # a link copied as its text
    assert found(copied, kind="markdown") == [("PT210", "See also: Procuratorates handle more cases")]


def test_counter_and_source_lines_without_a_date():
    assert layout.meta_line("Views 356   Comments 2") == "counters"
    assert layout.meta_line("News**: Justice.com") == "source line"
    assert layout.meta_line("Reads 1,024") == "counters"
    assert layout.meta_line("Chapter 3") is None


def test_metadata_lines_are_reported_as_info_bars():
    text = ("Highlights of the work report\nUpdated 11:01, 28-Jun-2018\n\n"
            "Zhou Qiang delivered the report of the court to the legislators in Beijing on Sunday.\n")
    assert found(text) == [("PT202", "Updated 11:01, 28-Jun-2018")]
    bare = text.replace("Updated 11:01, 28-Jun-2018", "2018-01-12 09:24:38")
    assert found(bare) == []


def test_a_label_without_its_value_is_a_field_only_among_fields():
    header = "Promulgation Date: 2018-10-26\nDocument Number:\nExpiration date:\n\nArticle 1 This law is enacted.\n"
    assert [c for c, _ in found(header)] == ["PT202", "PT202", "PT202"]
    transcript = ("Chen Wenjun, spokesperson of the Publicity Department\n\nDate:\n\nJuly 18, 2022\n\n"
                  "Chen Wenjun:\n\nLadies and gentlemen, good morning, and welcome to this press conference.\n")
    assert found(transcript) == []


# -- navigation runs ---------------------------------------------------------------------
def test_runs_of_items_between_separators():
    assert layout.separator_run("About People's Daily Online | Join Us | Contact Us")[0] == "navbar"
    assert layout.separator_run("HOME > NEWS > Home News > National lecturing team of “rule of law...")[0] == "breadcrumb"
    assert layout.separator_run("所在位置: 查字典英语网 > 双语阅读 > 时事 > 国内英语资讯:Chinas top news")[0] == "breadcrumb"
    ticker = ("China to boost aviation industry  • Spotlight: Refugee city pins hope on summit  "
              "• Spanish treasury places bonds on market  • Rio Games heat up Olympic economy")
    assert layout.separator_run(ticker)[0] == "navbar"
    crumb = "Traditional Culture Encyclopedia - Traditional customs - Procuratorial work in Kaifeng"
    assert layout.separator_run(crumb)[0] == "breadcrumb"  # the first step is a site's name
    assert layout.separator_run("Zhang Wei - Li Na - Chen Gang", "Title") is None  # dashes alone are no trail


@pytest.mark.parametrize("line", [
    "Zhang Jun · Tong Jianming · Sun Qian",  # names
    "filing > review > trial",  # lower case: a process
    "| Year | Cases | People |",  # a table row
    "Anhui | 1,234 | 5,678",
    "civil / administrative / public interest",
    "Beijing | 10 a.m. July 18, 2022",
    "For Tomorrow· Youth Escort and Benefit",
    "Tong Jianming - deputy procurator-general - said",
])
def test_lines_with_separators_that_are_not_navigation(line):
    assert layout.separator_run(line) is None, line


def test_navigation_bar_and_breadcrumb_rules():
    text = ("HOME > NEWS > Home News > National lecturing team comes to Dalian\n"
            "National lecturing team comes to Dalian\n\n"
            "On April 20, the national lecturing team came to a middle school in Dalian to give lessons.\n\n"
            "About Dalian Government | Join Us | Contact Us\n")
    assert [c for c, _ in found(text)] == ["PT201", "PT209"]


def test_language_switcher():
    assert layout.language_switcher("Global EditionASIA 中文双语Français")
    assert layout.language_switcher("English | 中文 | 日本語")
    assert not layout.language_switcher("English and Chinese")
    assert not layout.language_switcher("The English and French versions are equally authentic.")


# -- the page's head and tail ---------------------------------------------------------------
ARTICLE = ("BEIJING, May 31 (Xinhua) -- China's procuratorial organs will strengthen guardianship in cases "
           "involving minors, the Supreme People's Procuratorate said on Monday.")


def test_short_lines_above_the_title_of_an_info_bar_are_column_or_site_names():
    text = f"People's Network\nPeople's Network\n\nThe court trains its judges\n\n16:34, June 1, 2023|\n\n{ARTICLE}\n"
    assert found(text) == [("PT204", "People's Network"), ("PT204", "People's Network"),
                           ("PT202", "16:34, June 1, 2023|")]


def test_a_byline_under_a_title_is_not_a_column_name():
    text = (f"Fengxian procurators use public interest litigation\n\nZhu Yuting\n{ARTICLE}\nZhu Yuting\n\n"
            f"{ARTICLE}\n")
    assert found(text) == []
    with_bar = f"Court news\nThe court trains its judges\nBy Zhang San\nUpdated: 2023-06-01\n\n{ARTICLE}\n"
    assert found(with_bar) == [("PT204", "Court news"), ("PT202", "Updated: 2023-06-01")]


def test_short_lines_above_the_page_navigation():
    text = f"Off the wire\nHome > China > Society\n\nSPP vows telecom fraud crackdown\n\n{ARTICLE}\n"
    assert found(text) == [("PT204", "Off the wire"), ("PT201", "Home > China > Society")]


def test_a_line_between_two_gallery_controls_inside_the_article_is_a_heading_of_the_article():
    text = (f"{ARTICLE}\n\nSwipe left and right to see more\n\nSafe construction warms people's hearts\n\n"
            f"Swipe left and right to see more\n\n{ARTICLE}\n")
    assert [c for c, _ in found(text)] == ["PT203", "PT203"]


def test_related_list_heading_items_and_a_sidebar_heading_in_the_tail():
    text = (f"{ARTICLE}\n(Web editor: Shi Xi, Liang Jun)\nPhotos\nRelated Stories\n"
            "- China's procuratorate orders arrest of former vice governor\n"
            "- China sees fewer arrests, indictments related to school violence, bullying\n"
            "Copyright © 2021 People's Daily Online. All Rights Reserved.\n")
    got = found(text)
    assert [c for c, _ in got] == ["PT210", "PT210", "PT210", "PT210", "PT206"]
    assert "(Web editor: Shi Xi, Liang Jun)" not in [m for _, m in got]  # a credit stays


def test_the_issuers_name_above_the_print_bar_is_a_signature():
    text = f"{ARTICLE}\n\nHuoshan County People's Procuratorate\n【Print this page】【Close window】\n"
    assert found(text) == [("PT203", "【Print this page】【Close window】")]


def test_related_items_end_at_the_next_sentence():
    text = (f"{ARTICLE}\n\nRelated readings:\nProsecutors told to set up briefing system\n\n"
            "In a document issued to local procuratorates, the SPP said press conferences should be held.\n")
    assert [m for _, m in found(text)] == ["Related readings:", "Prosecutors told to set up briefing system"]


def test_read_more_link():
    text = f"{ARTICLE}\n\nREAD MORE: China Mobile has a third of global 4G base stations\n\n{ARTICLE}\n"
    assert found(text) == [("PT210", "READ MORE: China Mobile has a third of global 4G base stations")]


# -- repeated headline ---------------------------------------------------------------------------
def test_the_title_repeated_as_a_caption_or_glued_to_related_links():
    text = (f"Sprinkle love on every child\n\n{ARTICLE}\n\nSprinkle love on every child\n\n{ARTICLE}\n\n"
            "Sprinkle love on every child Prosecutors open a care centre for minors\n")
    assert [(c, m[:28]) for c, m in found(text)] == [("PT211", "Sprinkle love on every child"),
                                                      ("PT211", "Sprinkle love on every child")]


def test_a_heading_repeated_under_the_title_and_a_sentence_opening_with_it_stay():
    law = ("Organic Law of the People's Procuratorates\n\nUpdated: 2018-10-26\n\n"
           "Organic Law of the People's Procuratorates\n\n(Adopted at the Second Session of the Fifth National "
           "People's Congress on July 1, 1979, and amended in 1983, 1986 and 2018.)\n")
    assert found(law) == [("PT202", "Updated: 2018-10-26")]
    lead = ("China prosecutes 564 for telecom fraud\n\n"
            "China prosecutes 564 for telecom fraud in nine cases, the Supreme People's Procuratorate said.\n")
    assert found(lead) == []


# -- glued metadata ------------------------------------------------------------------------------
def test_a_date_or_source_field_glued_before_the_text():
    text = " date 2023-01-25 Throughout 2022, China's procuratorates provided judicial assistance to 82,000 people.\n"
    # the field takes the blank before it: the scraper's, at the start of the line
    assert found(text) == [("PT208", " date 2023-01-25")]
    fixed = procutext.fix(text, select=FURNITURE, unsafe=True).text
    assert fixed == "Throughout 2022, China's procuratorates provided judicial assistance to 82,000 people.\n"
    assert [f.code for f in procutext.check(text)] == ["PT208"]  # not PT133 for that blank too
    source = "Source: People's Public Security News has a kind of poverty that is trapped in the mountains.\n"
    assert found(source) == [("PT208", "Source: People's Public Security News")]


def test_the_sites_name_after_a_title():
    text = ("A hospital was reported for selling birth certificates – Xinhuanet\n\n"
            "Six suspects have been arrested by the procuratorate, the report said on Tuesday.\n")
    assert found(text) == [("PT208", "– Xinhuanet")]
    assert procutext.fix(text, select=FURNITURE, unsafe=True).text.startswith(
        "A hospital was reported for selling birth certificates\n")
    credit = "Six suspects have been arrested by the procuratorate, the report said. - Xinhua\n"
    assert found(credit) == []
    assert found("The procuratorate – Daily work\n") == []  # a short line, not a title with its site


# -- markup residue -----------------------------------------------------------------------------
@pytest.mark.parametrize("line", ["p>", "</div>", "&nbsp;", "[]", "【】", "~~~~~~~~~~~~", "/html/anlijingxuan/", "[图片]"])
def test_residue_lines(line):
    assert found(f"{ARTICLE}\n{line}\n{ARTICLE}\n") == [("PT212", line)]


def test_residue_glued_to_text():
    assert found("htmlOn the morning of October 20, the branch held a study meeting.") == [("PT212", "html")]
    text = "# Report # Introduction Work report is a common report used to report daily work."
    assert found(text) == [("PT212", "# Report # Introduction")]
    assert found(text, kind="markdown") == []  # a heading there
    assert found("#MeToo #TimesUp spread on social media in 2018, the article said.") == []
    assert found("The procuratorate will open special training courses for ethnic procurators. |") == [("PT212", "|")]


@pytest.mark.parametrize("line", ["★", "......", "* * *", "and/or", "(1) Rely on the masses to facilitate reporting;"])
def test_punctuation_lines_that_are_not_residue(line):
    assert [c for c, _ in found(f"{ARTICLE}\n{line}\n{ARTICLE}\n") if c == "PT212"] == []


# -- Chinese interface text ---------------------------------------------------------------------------
def test_chinese_interface_lines_around_an_english_article():
    text = (f"和谐英语\n\n您现在的位置是:首页 > 英语新闻 > 国内英语新闻\n\n正文\n\n"
            f"国内英语新闻:China's prosecutors to come under public supervision\n\n{ARTICLE}\n\n"
            "推荐文章\n分类\n  • 年级\n不限\n")
    got = [(c, m.strip()) for c, m in found(text)]
    assert got == [("PT213", "和谐英语"), ("PT201", "您现在的位置是:首页 > 英语新闻 > 国内英语新闻"),
                   ("PT213", "正文"), ("PT213", "国内英语新闻:"), ("PT210", "推荐文章"),
                   ("PT213", "分类"), ("PT213", "• 年级"), ("PT213", "不限")]
    # the leftover-Chinese rule does not report the same characters again
    assert not [f for f in procutext.check(text) if f.code == "PT501"]


def test_chinese_inside_the_article_and_on_bilingual_pages_is_not_interface_text():
    inside = f"{ARTICLE}\n\n基本案情\n\n{ARTICLE}\n"
    assert found(inside) == []
    assert [f.code for f in procutext.check(inside)] == ["PT501"]
    bilingual = ("检察官与公众\nProcurators and the public\n"
                 "检察官每月与公众见面，听取他们对检察工作的意见和建议。\n"
                 "Procurators meet members of the public every month to hear their views on the work.\n")
    assert found(bilingual) == []
    quoted = f"“刑法库”\n\n{ARTICLE}\n"
    assert found(quoted) == []


# -- fixes ---------------------------------------------------------------------------------------
def test_a_deleted_paragraph_takes_its_blank_line():
    text = f"{ARTICLE}\n\np>\n\n{ARTICLE}\n"
    assert procutext.fix(text, select=FURNITURE, unsafe=True).text == f"{ARTICLE}\n\n{ARTICLE}\n"
    tight = f"{ARTICLE}\np>\n\n{ARTICLE}\n"  # not a paragraph of its own: the blank line stays
    assert procutext.fix(tight, select=FURNITURE, unsafe=True).text == f"{ARTICLE}\n\n{ARTICLE}\n"
    first = f"Off the wire\n\nHome > China > Society\n\n{ARTICLE}\n"
    assert procutext.fix(first, select=FURNITURE, unsafe=True).text == f"{ARTICLE}\n"


def test_furniture_by_layout_is_never_deleted_from_a_page():
    page = ("<html><body><h1>The court trains its judges</h1><p>16:34, June 1, 2023|</p>"
            f"<p>{ARTICLE}</p><h3>Related Stories</h3><ul><li>China sees fewer arrests</li></ul>"
            "<p>About Us | Join Us | Contact Us</p></body></html>")
    result = procutext.fix(page, kind="html", select=FURNITURE, unsafe=True)
    assert result.text == page and not result.applied
    codes = [f.code for f in result.remaining]
    assert codes == ["PT202", "PT210", "PT210", "PT209"]
    assert all(f.fix_withheld for f in result.remaining)


def test_a_headline_above_its_deck_is_not_a_column_name():
    text = ("Protection of minors a priority\nWork reports of top procuratorate, court highlight achievements\n"
            f"Updated: 2021-03-09\n\n{ARTICLE}\n")
    assert found(text) == [("PT202", "Updated: 2021-03-09")]


def test_a_title_between_the_breadcrumb_and_the_share_bar_stays():
    text = f"Home > News > China\n\nProcurators Protect Minors\n\nShare | Print | Close\n\n{ARTICLE}\n"
    assert [m for _, m in found(text)] == ["Home > News > China", "Share | Print | Close"]


def test_a_related_list_ends_at_a_blank_line():
    text = (f"{ARTICLE}\n\nRelated News\n\nProcurators hold a hearing on fraud\nCourts train judges on enforcement\n\n"
            f"Prosecutors Expand Their Work\n\n{ARTICLE}\n")
    assert [m for _, m in found(text)] == ["Related News", "Procurators hold a hearing on fraud",
                                           "Courts train judges on enforcement"]


def test_every_furniture_row_has_a_known_kind_a_pattern_that_compiles_and_a_source():
    import regex

    from procutext.data import read_tsv

    rows = read_tsv("furniture.tsv")
    assert len(rows) > 100
    for row in rows:
        assert row["kind"] in layout.KINDS, row
        assert row["pattern"] and row["source"], row
        regex.compile(row["pattern"], regex.I | regex.V0)
