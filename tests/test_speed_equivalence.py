"""Shortcuts taken for speed give the results of the code without them.

Each speed-up that skips work by a necessary condition (a pattern that cannot match
without a month name, a guard in front of an alternation) is compared here with the same
computation done in full, on generated texts built to sit on the edges of the condition,
and on the lines of the shared corpus when it is beside the project."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from procutext.numbers import en
from procutext.rules import layout

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

PIECES = [
    "July", "JULY", "july", "Jan", "Jan.", "Sept", "early", "Mid-", "late ", "the 1990s", "'90s", "’80s",
    "half of", "first half of 2023", "quarter", "third quarter of the year", "2023", "2023-07-11", "2023/7",
    "11 July", "July 11", "11th of July, 2023", "Tuesday, July 11, 2023", "in March", "since 2013", "Sept. 3",
    "１２", "２０２３", "one", "twenty", "12,000", "3.5%", "the", "mİd", "MİD-2023", "ſ", "in 2023", "by 2031",
    "2101", "month", "year", "Kerfont size:", "xJan 5, 2023", "font size", "adjust font size:", "Views 356",
    "Source:", "Time:", "Author:", "www.spp.gov.cn", "gov.cn", "|", "»", " - ", "(Xinhua)", "Hits: 12",
    "10:30", "9am", "2021年4月12日", "4月3日", "Editor: Li", "[Font size: large | in | Small]", "xyzSource:",
]


def _generated(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    seps = ["", " ", ", ", ". ", ": ", " | "]
    return ["".join(rnd.choice(PIECES) + rnd.choice(seps) for _ in range(rnd.randint(1, 9))) for _ in range(n)]


def _corpus_lines(limit: int = 20000) -> list[str]:
    if not CORPUS.is_dir():
        return []
    out: list[str] = []
    for f in sorted(CORPUS.rglob("*.txt")):
        out.extend(x.strip() for x in f.read_text(encoding="utf-8", errors="replace").split("\n") if x.strip())
    return out[:limit]


TEXTS = _generated(6000, 7) + _corpus_lines()


def _quantities(qs):  # type: ignore[no-untyped-def]
    return [(q.start, q.end, q.kind, q.value, q.high, q.unit, q.approx, q.date) for q in qs]


def test_english_dates_skip_only_forms_that_cannot_match(monkeypatch):
    shortcut = [(_quantities(en.find(t)), _quantities(en.digit_numbers(t))) for t in TEXTS]
    monkeypatch.setattr(en, "_date_forms", lambda text: list(en._DATES))
    monkeypatch.setattr(en, "_ANY_YEARISH", regex.compile(r""))  # digit_numbers: every text
    full = [(_quantities(en.find(t)), _quantities(en.digit_numbers(t))) for t in TEXTS]
    assert shortcut == full
    assert sum(len(a) for a, _ in full) > 3000  # the texts do have dates and numbers


def test_the_metadata_guard_finds_the_pieces_of_the_bare_alternation():
    c = layout.compiled()
    bare = regex.compile(c.meta_piece_bare, regex.I)
    pieces = 0
    for t in TEXTS:
        a = [(m.span(), m.lastgroup) for m in c.meta_piece.finditer(t)]
        assert a == [(m.span(), m.lastgroup) for m in bare.finditer(t)], t
        pieces += len(a)
    assert pieces > 10000


@pytest.mark.parametrize("line", ["Kerfont size: large", "xyzJan 5, 2023 Source: spp.gov.cn"])
def test_mid_word_pieces_are_still_found(line):
    c = layout.compiled()
    bare = regex.compile(c.meta_piece_bare, regex.I)
    assert [m.span() for m in c.meta_piece.finditer(line)] == [m.span() for m in bare.finditer(line)] != []


def test_the_footer_hint_substring_test_answers_as_the_pattern():
    from procutext.rules import furniture

    extra = ["COPYRIGHT 2023", "ſecurity", "İCP备", "\u212aontractor", "Host: x", "all rights reſerved", "©", "版权所有",
             "organiſation", "ORGANIZATION", "Support", "supp ort", "İ", "ı", "icp", "ICP"]
    seen = 0
    for t in TEXTS + extra:
        want = furniture.FOOTER_HINT_RE.search(t) is not None
        assert furniture._footer_hint(t) == want, t
        seen += want
    assert seen > 50  # the texts do hold hints (84 with the generated texts alone)


URL_PIECES = ["http://a.cn/x", "https://www.spp.gov.cn/spp/", "www.gov.cn", "WWW.GOV.CN", "ftp://f.org", "a@b.cn",
              "li.wei+x@court.gov.cn", "@", "@@", "x@", "@y.cn", "://", "www.", "mailto:a@b.c", "(see http://a.b/c).",
              "“http://a.cn”", "，http://a.cn。", "\n", "\r\n", "\r", " ", "\t", "word", "_", "-", ".", "é", "检察院",
              "\u3000", "\u00a0", "\u2028", "\x1c", "\x85", "<", ">", "'", '"']


def _url_texts() -> list[str]:
    rnd = random.Random(11)
    out = ["".join(rnd.choice(URL_PIECES) for _ in range(rnd.randint(1, 30))) for _ in range(4000)]
    if CORPUS.is_dir():
        out.extend(f.read_text(encoding="utf-8", errors="replace") for f in sorted(CORPUS.rglob("*"))
                   if f.suffix in (".txt", ".md", ".html"))
    return out


def test_url_spans_scan_only_the_lines_that_can_hold_a_url():
    from procutext.readers import text as reader

    found = 0
    for t in _url_texts():
        got = reader.url_spans(t)
        assert got == reader._url_spans_full(t), t
        found += len(got)
    assert found > 5000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(URL_PIECES), max_size=40).map("".join) | st.text(max_size=80))
def test_url_spans_by_lines_on_generated_text(t):
    from procutext.readers import text as reader

    assert reader.url_spans(t) == reader._url_spans_full(t)
