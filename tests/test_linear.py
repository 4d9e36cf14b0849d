"""Regression guards for the linear-time rewrite (issue 8, point 0), without timing anything.

The slow paths were a regex that retried a run of blanks from every position in it (PT130),
a per-mark scan of the mark's line (PT120), and the fixer's per-edit insertion into one
sorted list and per-offset walk over a pass's edits. These tests pin down what the faster
code must keep doing on long runs, and compare the fixer's helpers with the obvious
quadratic definitions on random input. Time against size is measured by bench/linear.py.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import procutext
from procutext.engine import _EditMap, _map_back, _overlaps, apply_edits, select_edits
from procutext.model import Edit, Finding, Severity
from procutext.registry import all_rules

LONG = 20_000


# -- PT130: one attempt per run of blanks ------------------------------------------------
def test_space_before_punctuation_takes_a_long_run_whole():
    for blank in (" ", "\t", " \t"):
        text = "word" + blank * LONG + ", next"
        (f,) = procutext.check(text, select=["PT130"])
        assert (f.start, f.end) == (4, 4 + len(blank) * LONG + 1)
        assert procutext.fix(text, select=["PT130"]).text == "word, next"


def test_space_before_punctuation_ignores_long_runs_before_words():
    assert procutext.check(" " * LONG, select=["PT130"]) == []
    assert procutext.check("a" + " \t" * LONG + "b ,", select=["PT130"])[0].start == 2 * LONG + 2
    # a run that starts the line is indentation, not a space before punctuation
    assert procutext.check("a\n" + " " * LONG + ", b", select=["PT130"]) == []


def test_indented_prose_takes_a_long_indentation_whole():
    text = "\u3000 \t\u00a0" * (LONG // 4) + "Text."
    (f,) = procutext.check(text, select=["PT133"])
    assert (f.start, f.end) == (0, LONG // 4 * 4)
    assert procutext.check(" " * LONG, select=["PT133"]) == []


# -- PT131: a Markdown table row is judged once per line -----------------------------------
def test_multiple_spaces_on_a_long_markdown_line():
    text = "a  " * (LONG // 3) + "b"
    found = procutext.check(text, kind="markdown", select=["PT131"])
    assert [f.start for f in found] == list(range(1, LONG // 3 * 3, 3))
    table = "| a  b |  c  d |\n" * 1000 + "e  f\n"
    (f,) = procutext.check(table, kind="markdown", select=["PT131"])
    assert f.line == 1001


# -- PT120: the ideographic space, judged by its line ------------------------------------
def test_ideographic_space_between_words_on_each_line():
    # per line: leading and trailing U+3000 belong to PT133 and PT132; those between words
    # are PT120's, however many lines and marks there are
    lines = ["\u3000\u3000Lead\u3000word\u3000", "x\u3000y", "\u3000\u3000", "end\u3000\u3000", "a\u3000\u3000b"]
    text = "\n".join(lines * 2000)
    found = procutext.check(text, select=["PT120"])
    per_block = [(0, 6), (1, 1), (4, 1), (4, 2)]  # (line, column) in each block of lines
    expected = []
    for block in range(2000):
        for line, col in per_block:
            expected.append((block * len(lines) + line + 1, col + 1))
    assert [(f.line, f.column) for f in found] == sorted(expected)


def test_ideographic_space_on_one_long_line():
    text = "a" + "\u3000" * LONG + "b" + "\u3000" * LONG
    found = procutext.check(text, select=["PT120"])
    assert len(found) == LONG and found[0].start == 1 and found[-1].end == LONG + 1


# -- the fixer ------------------------------------------------------------------------------
def test_fix_of_long_fullwidth_punctuation():
    n = 5_000
    text = "，。；" * n
    result = procutext.fix(text, extend_select=["ALL"], unsafe=True)
    assert result.text == ",.;" * n
    assert len(result.applied) == 2 * 3 * n - 1  # each mark, then each space it brought
    assert procutext.fix(result.text, extend_select=["ALL"], unsafe=True).applied == []
    # findings of the second pass carry positions in the input
    assert all(0 <= f.start <= f.end <= len(text) and f.line == 1 for f in result.applied)
    assert sorted({f.start for f in result.applied if f.code == "PT120"}) == list(range(3 * n))


def test_fix_of_long_quotes_and_markers():
    n = 3_000
    assert procutext.fix("“ a ”" * n).text == "“a”, " * (n - 1) + "“a”"
    assert procutext.fix("1、 Item\n" * n).text == "1. Item\n" * n


def _old_map_back(offset, edits, side="start"):
    """The definition: walk the edits in order."""
    delta = 0
    for ed in edits:
        new_s = ed.start + delta
        new_e = new_s + len(ed.replacement)
        if offset < new_s:
            return offset - delta
        if offset == new_s and new_s < new_e:
            return ed.start
        if offset < new_e:
            return ed.start if side == "start" else ed.end
        if offset == new_e:
            return ed.start if (side == "start" and new_s == new_e) else ed.end
        delta += len(ed.replacement) - (ed.end - ed.start)
    return offset - delta


@st.composite
def edit_lists(draw):
    """Sorted edits without overlaps over a text of 60 characters."""
    cuts = sorted(draw(st.lists(st.integers(0, 60), max_size=24)))
    edits, pos, last_insertion = [], 0, -1
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < pos or (a == b and a == last_insertion):
            continue
        edits.append(Edit(a, b, draw(st.text("xyz", max_size=4))))
        last_insertion = a if a == b else -1
        pos = b
    return edits


@settings(max_examples=300, deadline=None)
@given(edit_lists(), st.sampled_from(["start", "end"]))
def test_edit_map_matches_the_walk(edits, side):
    new = apply_edits("." * 60, edits)
    emap = _EditMap(edits)
    for offset in range(len(new) + 1):
        assert emap.back(offset, side) == _old_map_back(offset, edits, side)
        assert _map_back(offset, edits, side) == _old_map_back(offset, edits, side)


def _old_select(findings, rules_by_code, unsafe):
    """The definition: in priority order, take an edit when it overlaps none taken."""
    from procutext.engine import FAMILY_PRIORITY

    def priority(f):
        r = rules_by_code.get(f.code)
        return (FAMILY_PRIORITY.get(r.family, 9) if r else 9, f.code, f.start)

    cands = sorted((f for f in findings if f.edit is not None and (unsafe or f.safe_fix)), key=priority)
    taken, chosen = [], []
    for f in cands:
        if any(_overlaps(f.edit.start, f.edit.end, s, e) for s, e in taken):
            continue
        taken.append((f.edit.start, f.edit.end))
        chosen.append(f)
    return chosen


RULES = {r.code: r for r in all_rules()}
CODES = ["PT101", "PT110", "PT120", "PT130", "PT131", "PT201", "PT401", "PT999"]


@st.composite
def candidate_findings(draw):
    out = []
    for _ in range(draw(st.integers(0, 30))):
        s = draw(st.integers(0, 40))
        e = s + draw(st.integers(0, 4))
        # an edit may start before or end after its finding (PT120 takes the blanks around)
        es = max(0, s - draw(st.integers(0, 2)))
        ee = max(es, e + draw(st.integers(-1, 2)))
        app = draw(st.sampled_from(list(procutext.Applicability)))
        code = draw(st.sampled_from(CODES))
        out.append(Finding(code, "x", "m", Severity.WARNING, s, e, Edit(es, ee, "r", app)))
    out.sort(key=Finding.sort_key)
    return out


@settings(max_examples=200, deadline=None)
@given(candidate_findings(), st.booleans())
def test_select_edits_matches_the_definition(findings, unsafe):
    assert select_edits(findings, RULES, unsafe) == _old_select(findings, RULES, unsafe)
