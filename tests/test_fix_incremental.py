"""The incremental fix (procutext.engine: after a pass, the paragraph-local rules run again
only on the paragraphs the edits changed) gives what whole passes give: the same fixed
text, the same applied findings and the same remaining findings, on every text of the
shared corpus (as text, Markdown and HTML) and on generated texts mixing the defects."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procutext import engine
from procutext.context import Context
from procutext.registry import select_rules

from test_properties import PIECES

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
RULES = select_rules(None, (), ())
ALL_RULES = select_rules(["ALL"], (), ())
KINDS = {".txt": ("text", "markdown"), ".md": ("markdown",), ".html": ("html",)}


def _corpus() -> list[tuple[str, str]]:
    if not CORPUS.is_dir():
        return []
    return [(str(p.relative_to(CORPUS)), k) for p in sorted(CORPUS.rglob("*"))
            if p.suffix in KINDS for k in KINDS[p.suffix]]


def _shape(f):  # type: ignore[no-untyped-def]
    return tuple(getattr(f, x.name) for x in dataclasses.fields(f))


def _both(text: str, kind: str, rules=RULES, unsafe: bool = False, ctx: Context = Context(),
          local=None):  # type: ignore[no-untyped-def]
    inc = engine.fix_text(text, rules, ctx, kind=kind, unsafe=unsafe, incremental=local)
    full = engine.fix_text(text, rules, ctx, kind=kind, unsafe=unsafe, incremental=frozenset())
    return inc, full


def _assert_same(inc, full) -> None:  # type: ignore[no-untyped-def]
    assert inc.text == full.text
    assert [_shape(f) for f in inc.applied] == [_shape(f) for f in full.applied]
    assert [_shape(f) for f in inc.remaining] == [_shape(f) for f in full.remaining]
    assert inc.passes == full.passes


class _Spy:
    """Counts the units' documents built and the findings carried over."""

    def __init__(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        self.subs = self.moved = self.carried = 0
        real_sub, real_moved = engine._units_document, engine._moved
        real_carried = engine._Incremental._carried

        def carried(*a, **k):  # type: ignore[no-untyped-def]
            got = real_carried(*a, **k)
            self.carried += len(got)
            return got

        def sub(*a, **k):  # type: ignore[no-untyped-def]
            self.subs += 1
            return real_sub(*a, **k)

        def moved(*a, **k):  # type: ignore[no-untyped-def]
            self.moved += 1
            return real_moved(*a, **k)

        monkeypatch.setattr(engine._Incremental, "_carried", carried)
        monkeypatch.setattr(engine, "_units_document", sub)
        monkeypatch.setattr(engine, "_moved", moved)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
@pytest.mark.parametrize("unsafe", [False, True])
def test_incremental_fix_is_the_full_fix_on_the_corpus(unsafe, monkeypatch):
    spy = _Spy(monkeypatch)
    for name, kind in _corpus():
        text = (CORPUS / name).read_text(encoding="utf-8", errors="replace")
        for rules in (RULES, ALL_RULES):
            inc, full = _both(text, kind, rules, unsafe)
            _assert_same(inc, full)
    # the shortcut was taken: units were carried over, others checked on their own
    assert spy.subs > 20 and spy.carried > 300 and spy.moved > 10


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_incremental_fix_with_other_settings(monkeypatch):
    """Curly quotes (PT105 fixes), the Chinese rules with --to-simplified, --lang zh."""
    for name, kind in _corpus()[::3]:
        text = (CORPUS / name).read_text(encoding="utf-8", errors="replace")
        for ctx in (Context(quote_style="curly"), Context(quote_style="straight", to_simplified=True),
                    Context(lang="zh"), Context(lang="en")):
            _assert_same(*_both(text, kind, ALL_RULES, True, ctx))


texts = st.lists(st.sampled_from([*PIECES, "\n\n", "\n\n\n", "\r\n\r\n", "\n \n"]), max_size=120).map("".join)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["text", "markdown"]), st.booleans())
def test_incremental_fix_is_the_full_fix_on_generated_texts(text, kind, unsafe):
    _assert_same(*_both(text, kind, ALL_RULES, unsafe))


FILLER = ["The procuratorate held a meeting on the work of the year."] * 40


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=15).map("".join), min_size=5, max_size=40),
       st.sampled_from(["text", "markdown"]), st.booleans())
def test_incremental_fix_is_the_full_fix_on_long_generated_texts(paras, kind, unsafe):
    """Paragraphs of defects among many clean ones: the changed units are checked in a
    document of their own (a short text, mostly changed, is checked whole)."""
    text = "\n\n".join([p for pair in zip(paras, FILLER) for p in pair] + FILLER[len(paras):])
    _assert_same(*_both(text, kind, ALL_RULES, unsafe))


def test_long_generated_texts_take_the_shortcut(monkeypatch):
    spy = _Spy(monkeypatch)
    paras = ["1、 a“ b ”c", "Bay 沚 and 10 month 8 days", "x" * 10, "（一）Wanpeng District ，"]
    text = "\n\n".join([p for pair in zip(paras * 3, FILLER) for p in pair] + FILLER[12:])
    _assert_same(*_both(text, "text", ALL_RULES, True))
    assert spy.subs >= 1 and spy.carried > 30


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(PIECES[:60]), max_size=12).map("".join), max_size=12))
def test_incremental_fix_is_the_full_fix_on_generated_pages(paras):
    page = "<html><body>" + "".join(f"<p>{p.replace('&', '&amp;').replace('<', '&lt;')}</p>\n" for p in paras) \
        + '<img alt="x.png"></body></html>'
    _assert_same(*_both(page, "html", ALL_RULES, True))


def test_findings_of_untouched_paragraphs_are_carried_over(monkeypatch):
    """Findings without a fix (an unbalanced quotation mark, PT104) in paragraphs no edit
    touches are moved, not found again, and come out as a full fix finds them."""
    spy = _Spy(monkeypatch)
    paras = [f"The “{i} report was read to the court." if i % 3 else f"1、 The{i}“ report ”was read."
             for i in range(30)]
    text = "\n\n".join(paras) + "\n"
    inc, full = _both(text, "text")
    _assert_same(inc, full)
    assert sum(f.code == "PT104" for f in full.remaining) == 20
    assert spy.moved >= 20 and spy.subs == 1


def test_a_rule_declared_local_wrongly_is_caught():
    """The comparison can fail: PT106 (a quotation in single marks where the text quotes in
    double marks) looks at the whole text, and declared local it misses the quotation in a
    paragraph changed by a fix, checked apart from the paragraph with the double marks."""
    text = ("The “one-stop” centre opened.\n\n1、 Since this year ‘Dandelion’ has been launched.\n\n"
            + "The procuratorate held a meeting on the work of the year.\n\n" * 5)
    inc, full = _both(text, "text", RULES, local=engine.PARAGRAPH_LOCAL | {"PT106"})
    assert inc.text == full.text
    assert [f.code for f in full.remaining] == ["PT106"]
    assert [f.code for f in inc.remaining] == []


def test_a_finding_across_paragraphs_falls_back_to_whole_passes():
    """A rule declared local whose finding crosses a blank line makes the fix check whole
    texts from there on, with the full fix's result."""
    from procutext.registry import Rule
    from procutext.model import Severity

    def across(doc, ctx):  # type: ignore[no-untyped-def]
        i = doc.text.find("x\n\ny")
        if i >= 0:
            yield r.finding("across", i, i + 4)

    r = Rule("PT999", "across", "spacing", Severity.WARNING, None, across)
    text = "a“ b ”c\n\nx\n\ny\n\nd“ e ”f\n"
    rules = [*RULES, r]
    inc, full = _both(text, "text", rules, local=engine.PARAGRAPH_LOCAL | {"PT999"})
    _assert_same(inc, full)
    assert "PT999" in [f.code for f in full.remaining]
