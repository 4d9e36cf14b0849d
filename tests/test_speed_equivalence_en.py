"""Shortcuts of the English-side rules (issue 13) give the results of the code without them.

Each quick test added for speed (a substring test before a split, a bound on how far a
search looks) is compared here with the same function run in full, with the quick test
replaced by one that always passes: on generated lines built from the pieces the rules look
for, on hypothesis-generated text mixing them with random characters, and on the lines of
the shared corpus when it is beside the project (tests/test_speed_equivalence.py)."""

from __future__ import annotations

import random

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procutext.rules import layout
from test_speed_equivalence import TEXTS as BASE_TEXTS

#: the pieces of furniture lines and of the prose around them
FURNITURE = [
    "Home", "home page", "News", "Current location:", " > ", ">>", " » ", " › ", " → ", "》", " / ", "/", " | ", "|",
    "｜", " · ", "·", " • ", "•", "   ", "\u3000", "\u3000\u3000", " - ", "-", " – ", "—", " — ", "\t-\t", "\xa0-\xa0",
    "Traditional Culture Encyclopedia", "Xinhuanet", "People's Daily Online", "Join Us", "Contact Us", "About",
    "Updated", "Source:", "Time:", "Author:", "By", "by", "from", "Views 356", "Hits: 12", "(Xinhua)", "Xinhua)",
    "2023-07-11", "July 11, 2023", "11:01", "28-Jun-2018", "9am", "2021年4月12日", "www.spp.gov.cn", "spp.gov.cn",
    "Adjust font size:", "[more]", "[详细]", "0", "1633", "hotcomm", "首页", "检察动态", "English", "中文",
    "The procuratorate filed the case.", "the meeting was held", "Zhang Jun", "Tong Jianming", "a", "of", "the",
    "well-known", "and/or", "1979", "procuratorial organs", "**", "<", "~", "_", ",", ".", ":", "：", "(", ")",
]


def _furniture_lines(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(FURNITURE) for _ in range(rnd.randint(1, 14))) for _ in range(n)]


ITEMS = ["Home", "News", "Join Us", "Contact Us", "Procuratorial window", "Traditional Culture Encyclopedia",
         "procuratorial work", "Zhang Jun", "首页", "检察动态", "The case was filed.", "2023", "Photos", "a b c d e f g"]
SEPARATORS = [" > ", ">>", " » ", "›", " / ", " | ", "｜", " · ", " • ", "   ", "\u3000", " - ", " – ", "\t—\t", "-", "/"]


def _runs(n: int, seed: int) -> list[str]:
    """Items between separators, one kind of separator a line, or two kinds mixed."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        seps = rnd.sample(SEPARATORS, rnd.choice([1, 1, 2]))
        items = [rnd.choice(ITEMS) for _ in range(rnd.randint(2, 6))]
        out.append(items[0] + "".join(rnd.choice(seps) + x for x in items[1:]))
    return out


TEXTS = BASE_TEXTS + _furniture_lines(6000, 13) + _runs(3000, 17)

line_text = st.lists(st.one_of(st.sampled_from(FURNITURE), st.text(max_size=4)), max_size=16).map("".join)


def _full_separator_run(monkeypatch):  # type: ignore[no-untyped-def]
    """separator_run with its quick tests made to pass always (every split done)."""
    monkeypatch.setattr(layout, "_has_any", lambda content, chars: True)
    monkeypatch.setattr(layout, "_WIDE", regex.compile(r""))


def test_the_separator_quick_tests_skip_only_lines_without_a_run(monkeypatch):
    nexts = ["", "Procuratorial work in Kaifeng", "Join Us"]
    quick = [layout.separator_run(t, nexts[i % 3]) for i, t in enumerate(TEXTS)]
    _full_separator_run(monkeypatch)
    full = [layout.separator_run(t, nexts[i % 3]) for i, t in enumerate(TEXTS)]
    assert quick == full
    assert sum(r is not None for r in full) > 500  # the texts do hold runs of each kind
    assert {r[0] for r in full if r} == {"breadcrumb", "navbar"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line_text, st.sampled_from(["", "Home", "Procuratorial work in Kaifeng"]))
def test_the_separator_quick_tests_on_generated_text(monkeypatch, line, next_line):
    quick = layout.separator_run(line, next_line)
    with monkeypatch.context() as m:
        _full_separator_run(m)
        assert layout.separator_run(line, next_line) == quick


def test_metadata_pieces_bounded_as_in_full():
    c = layout.compiled()
    found = kept = 0
    for t in (t for t in TEXTS if len(t) <= 200 and layout._metaish(t)):  # the lines meta_line reads on
        quick = layout._pieces(t, c)
        assert quick == layout._pieces_full(t, c), t
        if quick is not None:
            kept += 1
            found += layout.meta_line(t) is not None
    assert kept > 3000 and found > 300  # lines the bound lets through, and metadata lines among them


@settings(max_examples=300, deadline=None)
@given(line_text)
def test_metadata_pieces_bounded_on_generated_text(line):
    c = layout.compiled()
    assert layout._pieces(line, c) == layout._pieces_full(line, c)


def test_meta_line_with_the_full_search(monkeypatch):
    sample = TEXTS[::3]  # meta_line judges what _pieces returns, compared in full above
    quick = [layout.meta_line(t) for t in sample]
    monkeypatch.setattr(layout, "_pieces", layout._pieces_full)
    assert [layout.meta_line(t) for t in sample] == quick
    assert sum(x is not None for x in quick) > 100


def test_the_metadata_quick_test_answers_as_its_pattern():
    extra = ["", ".", "a.b", "a. b", "\ue000", "١", "x.\u0663", "_._", "é.é", "2"]
    seen = 0
    for t in TEXTS + extra:
        want = layout._METAISH.search(t) is not None
        assert layout._metaish(t) == want, t
        seen += want
    assert seen > 3000


@given(line_text)
def test_the_metadata_quick_test_on_generated_text(line):
    assert layout._metaish(line) == (layout._METAISH.search(line) is not None)


def _info_bar_full(p, content):  # type: ignore[no-untyped-def]
    """furniture._is_info_bar as it was before the colon count."""
    if ":" not in content and "：" not in content:
        return "date/source line" if p.meta.fullmatch(content) else None
    labels = [m.group("label") for m in p.label.finditer(content)]
    distinct = {x.lower() for x in labels}
    words = len(content.split())
    if len(distinct) >= 2:
        return ", ".join(dict.fromkeys(labels))
    if len(distinct) == 1 and words <= 12:
        first = p.label.search(content)
        if first.start() <= 2 or ("|" in content and words <= 14):
            return labels[0]
    if p.meta.fullmatch(content):
        return "date/source line"
    return None


def _footer_full(p, content):  # type: ignore[no-untyped-def]
    """furniture._is_footer as it was before the colon count."""
    from procutext.rules import furniture

    if furniture._footer_hint(content) and p.footer.fullmatch(content):
        return True
    if ":" not in content and "：" not in content:
        return False
    labels = {m.group("label").lower() for m in p.footer_label.finditer(content)}
    return len(labels) >= 2 and len(content.split()) <= 40


LABELLED = TEXTS + [
    "Source: Xinhua " + "word " * 12, "Time: 2023 Author: Li " + "word " * 12, "Tel：010 Fax：020 " + "w " * 20,
    "Address: Beijing Tel: 010-1234 Postcode: 100000", "主办：最高人民检察院 承办：检察日报社",
    "Source:People's Daily | Editor:Li Wei", "x" * 5 + ":" + " y" * 12, "Time：" + " y" * 13,
]


def test_the_colon_counts_answer_as_the_label_searches():
    from procutext.rules import furniture

    p = furniture.patterns()
    bars = footers = 0
    for t in LABELLED:
        want = _info_bar_full(p, t)
        assert furniture._is_info_bar(p, t) == want, t
        foot = _footer_full(p, t)
        assert furniture._is_footer(p, t) == foot, t
        bars += want is not None
        footers += foot
    assert bars > 100 and footers > 3


@given(st.lists(st.sampled_from(FURNITURE + ["Tel:", "Fax：", "Address:", "主办：", "Editor:", " word" * 6]),
                max_size=14).map("".join))
def test_the_colon_counts_on_generated_text(line):
    from procutext.rules import furniture

    p = furniture.patterns()
    assert furniture._is_info_bar(p, line) == _info_bar_full(p, line)
    assert furniture._is_footer(p, line) == _footer_full(p, line)


BULLETED = ["◆ Strengthen political building", "■Serve the overall situation", "  ● Protect minors", "> ★ Note",
            "□ Yes □ No", "★★★☆☆", "text ◆ inside", "\t◇\t(1) item", "※【Notice】", "▪ ", "◆", "\u3000\u3000◆ work"]
LINE_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\x85", "\x0b", "\x0c", "\n\n"]


TABLED = ["| a | b |", "|---|---|", "--- | ---", "| :-: | -- |", "> | - |", "|  |", "a | b", "x|-", "| 1、 item |"]
COMMA_LED = ["1, Strengthen", "１，加强 work", "  2，“Quote", "# 3, Heading", "> 4,(a)", "12, x", "123, x", "1,000 people"]


def _line_starts_patterns():  # type: ignore[no-untyped-def]
    from procutext.rules import lists

    return [(lists.CHINESE_BULLET, lists.BULLET_GLYPHS), (lists.DELIMITER_ROW, "|"),
            (lists.COMMA_MARKER, (",", "，"))]


def _mixed_lines(rnd, n):  # type: ignore[no-untyped-def]
    own = BULLETED + TABLED + COMMA_LED
    parts = [rnd.choice(own) if rnd.random() < 0.6 else rnd.choice(TEXTS) for _ in range(n)]
    return "".join(p + rnd.choice(LINE_BREAKS) for p in parts)


def test_line_start_patterns_at_the_lines_with_their_characters_as_the_full_search():
    from procutext.rules import lists

    rnd = random.Random(5)
    found = [0, 0, 0]
    for _ in range(3000):
        text = _mixed_lines(rnd, rnd.randint(1, 8))
        for k, (pattern, needles) in enumerate(_line_starts_patterns()):
            want = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in lists._at_line_starts(pattern, text, needles)] == want, text
            found[k] += len(want)
    assert min(found) > 150, found  # bullets, delimiter rows, comma markers


@given(st.lists(st.one_of(st.sampled_from(BULLETED + TABLED + COMMA_LED + LINE_BREAKS + FURNITURE),
                          st.text(max_size=5)), max_size=12).map("".join))
def test_line_start_patterns_on_generated_text(text):
    from procutext.rules import lists

    for pattern, needles in _line_starts_patterns():
        assert ([(m.span(), m.groupdict()) for m in lists._at_line_starts(pattern, text, needles)]
                == [(m.span(), m.groupdict()) for m in pattern.finditer(text)])


SPACED = ["   Dear delegates,", "\u3000\u3000Now I report.", "\t\tTabbed", "\xa0Nbsp", "  ", " \ue000x", "x , y", "a . b",
          "end .", "wait ...", "x\t;", "a :\n", "q ?\u201d", "(see ! )", " .NET", " .5", "  1. item"]


def test_indents_at_line_feeds_and_blanks_as_the_full_search():
    from procutext.rules import spacing

    rnd = random.Random(9)
    indents = 0
    for _ in range(3000):
        parts = [rnd.choice(SPACED) if rnd.random() < 0.6 else rnd.choice(TEXTS) for _ in range(rnd.randint(1, 8))]
        text = "".join(p + rnd.choice(LINE_BREAKS + [" ", ""]) for p in parts)
        want = [m.span() for m in spacing.INDENT.finditer(text)]
        assert [m.span() for m in spacing._indents(text)] == want, text
        indents += len(want)
    assert indents > 1000


@given(st.lists(st.one_of(st.sampled_from(SPACED + LINE_BREAKS + FURNITURE), st.text(max_size=5)),
                max_size=12).map("".join))
def test_indents_on_generated_text(text):
    from procutext.rules import spacing

    assert [m.span() for m in spacing._indents(text)] == [m.span() for m in spacing.INDENT.finditer(text)]
