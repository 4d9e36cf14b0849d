"""The fixer: non-overlapping edits, priorities, fixed point, positions."""

from __future__ import annotations

import procutext
from procutext.engine import _map_back, _overlaps, apply_edits
from procutext.model import Document, Edit, Severity


def test_overlap_semantics():
    assert _overlaps(0, 5, 4, 6)
    assert not _overlaps(0, 5, 5, 6)
    assert not _overlaps(5, 5, 0, 5)  # insertion at the end of a span
    assert not _overlaps(5, 5, 5, 9)  # insertion at the start of a span
    assert _overlaps(5, 5, 4, 6)
    assert _overlaps(5, 5, 5, 5)  # two insertions at one point


def test_apply_and_map_back():
    text = "abcdef"
    edits = [Edit(1, 2, "XX"), Edit(4, 4, "-"), Edit(5, 6, "")]
    new = apply_edits(text, edits)
    assert new == "aXXcd-e"
    assert _map_back(0, edits) == 0
    assert _map_back(3, edits) == 2  # "c"
    assert _map_back(len(new), edits, "end") == len(text)
    assert _map_back(1, edits, "start") == 1 and _map_back(2, edits, "end") == 2


def test_furniture_deletion_wins_over_edits_inside_the_line():
    text = "Time: July 11, 2023 Author: News source: “ x ”\nBody text.\n"
    result = procutext.fix(text, unsafe=True)
    assert result.text == "Body text.\n"
    assert [f.code for f in result.applied] == ["PT202"]


def test_fix_reaches_fixed_point_and_reports_original_positions():
    text = "Wuhu ，Anhui  Province（China）。\n"
    result = procutext.fix(text)
    assert result.text == "Wuhu, Anhui Province (China).\n"
    again = procutext.fix(result.text)
    assert again.text == result.text and not again.applied
    for f in result.applied:
        assert text[f.start:f.end].strip() != "" or f.code.startswith("PT13")
        assert 1 <= f.column <= len(text)


def test_remaining_positions_refer_to_fixed_text():
    text = "1、 The 某 office\n"
    result = procutext.fix(text)
    assert result.text == "1. The 某 office\n"
    (f,) = result.remaining
    assert f.code == "PT501" and result.text[f.start:f.end] == "某"


def test_masked_text_is_never_written_back():
    # the quotation contains a URL, which the reader masks
    text = "See “ https://example.org/x ” now.\n"
    result = procutext.fix(text)
    assert result.text == "See “https://example.org/x” now.\n"
    assert Document.MASK not in result.text


def test_chinese_lines_are_left_alone():
    text = ("人民检察院通过行使检察权，追诉犯罪，维护国家安全和社会秩序。\n"
            "The people’s procuratorates prosecute crimes.\n")
    assert procutext.check(text) == []
    assert procutext.fix(text).text == text


def test_short_chinese_in_english_line_is_leftover():
    findings = procutext.check("The 发布日期 was given.\nText.\n")
    assert [f.code for f in findings] == ["PT501"]


def test_chinese_inside_furniture_is_reported_once():
    # the info bar is the defect; its Chinese labels are not reported again as PT501
    findings = procutext.check("发布日期:2021-04-12 浏览次数:\nText.\n")
    assert [f.code for f in findings] == ["PT202"]


def test_one_defect_one_finding_by_the_most_specific_rule():
    cases = {
        "The Bay 沚 procuratorate met.": ["PT301"],
        "（一）Fight crime": ["PT110"],
        "图片2_副本.png\nYing Yong met the ambassador.": ["PT205"],
        "Time：July 11, 2023 Author: News source：\nText.": ["PT202"],  # its full-width colons too
    }
    for text, codes in cases.items():
        assert [f.code for f in procutext.check(text)] == codes, text
    # PT301 carries the severity of the leftover Chinese it subsumes
    assert procutext.check("The Bay 沚 procuratorate met.")[0].severity is procutext.Severity.ERROR


def test_generic_finding_returns_when_the_specific_rule_is_off():
    assert [f.code for f in procutext.check("（一）Fight crime", select=["PT501"])] == ["PT501"]
    assert [f.code for f in procutext.check("（一）Fight crime", ignore=["PT110"])] == ["PT501"]


def test_concurrent_checks_leave_the_collector_as_they_found_it():
    import gc
    import threading

    import procutext

    before = gc.get_threshold()
    barrier = threading.Barrier(4)

    def work() -> None:
        barrier.wait()
        for _ in range(20):
            procutext.check("A “ padded ” quote and 1、 a marker.")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.get_threshold() == before


def test_rules_run_with_rare_young_collections_and_no_full_ones():
    import gc

    from procutext import engine
    from procutext.context import Context
    from procutext.registry import Rule, select_rules

    seen = []

    def spy(doc, ctx):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold())
        return iter(())

    rules = [*select_rules(["PT101"]), Rule("PT998", "spy", "spacing", Severity.WARNING, None, spy)]
    before = gc.get_threshold()
    try:
        for t0 in (700, 0, 50_000):
            gc.set_threshold(t0, before[1], before[2])
            engine.run_rules(engine.load_document("a“ b ”c"), rules, Context())
            engine.fix_text("a“ b ”c", rules, Context())
            assert gc.get_threshold() == (t0, before[1], before[2])
        young = [t[0] for t in seen]
        assert young == [engine.GC_YOUNG_THRESHOLD] * 3 + [0] * 3 + [50_000] * 3  # 0 (collection off) stays off
        assert all(t[2] >= 1_000_000 for t in seen)
    finally:
        gc.set_threshold(*before)
