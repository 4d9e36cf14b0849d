"""The seed article's defects, on a short fixture written for the tests, and (when the
shared corpus is present) on the real seed article."""

from __future__ import annotations

import procutext

FIXTURE = """Current location: home page >> Procuratorial window
Procuratorial window
Building brands - Wandang District Procuratorate held a brand meeting
Time: July 11, 2023 Author: News source: [Font size: large | in | Small

The heads of all departments reported that since this year“ Dandelion ”“ Protect private firms ”“ Party building ”We analysed the problems.

The People's Procuratorate of Wanpeng District, Wuhu City built a brand matrix for the Bay 沚 procuratorial work.

1、 Focus on the central work

2、 Put people first
"""


def codes_by_line(findings):
    out = {}
    for f in findings:
        out.setdefault(f.line, []).append(f.code)
    return out


def test_fixture_findings():
    by_line = codes_by_line(procutext.check(FIXTURE))
    assert by_line[1] == ["PT201"]
    assert by_line[2] == ["PT204"]
    assert by_line[4] == ["PT202"]
    assert sorted(by_line[6]) == ["PT101", "PT101", "PT101", "PT102", "PT102", "PT103", "PT103"]
    assert by_line[3] == ["PT303"]  # Wandang District
    assert by_line[8] == ["PT303", "PT301"]  # Wanpeng District, Bay 沚 (one defect: no PT501 for its 沚)
    assert by_line[10] == ["PT110"] and by_line[12] == ["PT110"]


def test_fixture_fix_changes_only_quote_and_list_lines():
    result = procutext.fix(FIXTURE)
    before, after = FIXTURE.split("\n"), result.text.split("\n")
    assert len(before) == len(after)
    changed = [i + 1 for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed == [3, 6, 8, 10, 12]
    assert after[2] == "Building brands - Wanzhi District Procuratorate held a brand meeting"
    assert after[7] == ("The People's Procuratorate of Wanzhi District, Wuhu City built a brand matrix "
                        "for the Wanzhi procuratorial work.")
    assert after[5] == (
        "The heads of all departments reported that since this year “Dandelion”, "
        "“Protect private firms”, “Party building” We analysed the problems."
    )
    assert after[9] == "1. Focus on the central work"
    # furniture is only removed with unsafe fixes
    unsafe = procutext.fix(FIXTURE, unsafe=True).text
    assert not unsafe.startswith("Current location")
    assert "Font size" not in unsafe and "Procuratorial window" not in unsafe


def test_real_seed_article(shared_corpus):
    path = shared_corpus / "seed" / "000_719bd214ec786439.txt"
    text = path.read_text(encoding="utf-8")
    findings = procutext.check(text)
    codes = [f.code for f in findings]
    assert codes.count("PT101") == 3  # the three padded quotations
    assert codes.count("PT102") == 2  # year“ and ”We
    assert codes.count("PT103") == 2
    assert codes.count("PT110") == 5  # the five 1、 markers
    assert {"PT201", "PT202"} <= set(codes)  # both furniture lines
    assert any(f.code == "PT301" and f.matched == "Bay 沚" for f in findings)
    assert not any(f.code == "PT501" and "沚" in f.matched for f in findings)  # reported once, by PT301
    terms = [text[f.start:f.end].lower() for f in findings if f.code == "PT401"]
    assert terms.count("superior court") == 2  # 上级院
    assert "police officers" in terms  # 干警
    assert "inspection work" in terms and terms.count("inspection") >= 4  # 检察工作, 检察
    places = {f.matched: f.edit.replacement for f in findings if f.code.startswith("PT3") and f.safe_fix}
    assert places == {"Wandang": "Wanzhi", "Wanpeng": "Wanzhi", "Bay 沚": "Wanzhi"}
    # the clipped glosses of 湾沚 (issue 8, point 8): four "Bay Area", one "the Bay", unsafe fixes
    clipped = [(f.line, f.matched, f.edit.replacement) for f in findings
               if f.code == "PT306" and f.edit and not f.safe_fix]
    assert clipped == [(16, "the Bay Area", "Wanzhi District"), (16, "Bay Area", "Wanzhi District"),
                       (30, "the Bay", "Wanzhi"), (32, "the Bay Area", "Wanzhi District"),
                       (32, "the Bay Area", "Wanzhi District")]
    assert all(f.data["code"] == "340210" for f in findings if f.code == "PT306")
    # the misspelt name inside the brand 湾沚检苑: suggested, not fixed safely
    [brand] = [f for f in findings if f.matched == "Wandangjianyuan"]
    assert brand.code == "PT303" and not brand.safe_fix and brand.suggestions == ("Wanzhijianyuan",)
    assert brand.edit is not None and text[brand.edit.start:brand.edit.end] == "Wandang"
    result = procutext.fix(text)
    before, after = text.split("\n"), result.text.split("\n")
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(before) == len(after)
    places = ("Wandang District", "Wanpeng District", "Bay 沚")
    assert all(("“" in before[i]) or "、" in before[i] or any(p in before[i] for p in places) for i in changed)
    for i, line in enumerate(before):
        if any(p in line for p in places):  # title, first paragraph, brand matrix line
            assert i in changed and not any(p in after[i] for p in places) and "Wanzhi" in after[i], after[i]
    assert sum(1 for line in before if any(p in line for p in places)) == 3


def test_real_seed_article_unsafe_fix_names_wanzhi_everywhere(shared_corpus):
    text = (shared_corpus / "seed" / "000_719bd214ec786439.txt").read_text(encoding="utf-8")
    fixed = procutext.fix(text, unsafe=True, select=["PT3"]).text
    for wrong in ("Bay Area", "the Bay ", "Wandang", "Wanpeng", "Bay 沚"):
        assert wrong not in fixed
    assert fixed.count("Wanzhi District's procuratorial work") == 2
    assert '"Wanzhijianyuan"' in fixed and "procuratorial details of Wanzhi by brand" in fixed
    # and nothing else changed: the rest of every line is the same
    assert len(fixed.split("\n")) == len(text.split("\n"))
    assert "bay, inspection and common green" in fixed  # a brand's own words, lower case: left alone
