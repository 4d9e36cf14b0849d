"""Every rule's failing example fails, its passing example passes, and its fix gives the
documented result (the examples live next to the rule, in its registration)."""

from __future__ import annotations

import pytest

import procutext
from procutext import Context, all_rules

#: examples that are raw HTTP responses: rules the runner reports for a page it could not
#: fetch (PT9xx); tests/test_fetch_examples.py serves them from a local server
HTTP = "http"

CASES = [
    pytest.param(r, i, ex, id=f"{r.code}-{r.name}-{i}")
    for r in all_rules()
    for i, ex in enumerate(r.examples)
    if ex.kind != HTTP
]


def test_every_rule_has_examples_that_run_here_or_as_http_responses():
    for r in all_rules():
        kinds = {ex.kind for ex in r.examples}
        assert kinds, r.code
        # only the fetching family may document itself with HTTP responses, and then only so
        assert (HTTP in kinds) == (r.family == "fetching"), r.code
        assert kinds == {HTTP} or HTTP not in kinds, r.code


def _ctx(ex) -> Context:
    return Context(**dict(ex.options))


@pytest.mark.parametrize("rule,i,ex", CASES)
def test_bad_example_is_reported(rule, i, ex):
    findings = procutext.check(ex.bad, kind=ex.kind, select=[rule.code], context=_ctx(ex))
    assert findings, f"{rule.code} did not report its failing example: {ex.bad!r}"
    assert {f.code for f in findings} == {rule.code}


@pytest.mark.parametrize("rule,i,ex", CASES)
def test_good_example_passes(rule, i, ex):
    findings = procutext.check(ex.good, kind=ex.kind, select=[rule.code], context=_ctx(ex))
    assert findings == [], f"{rule.code} reported its passing example: {ex.good!r}"


@pytest.mark.parametrize("rule,i,ex", CASES)
def test_fix_gives_documented_result(rule, i, ex):
    result = procutext.fix(ex.bad, kind=ex.kind, select=[rule.code], unsafe=True, context=_ctx(ex))
    if ex.fixed is None:
        assert rule.fix is None
        assert result.text == ex.bad
        assert not result.applied
    elif ex.fixed == ex.bad and ex.kind == "html" and rule.family == "furniture":
        # furniture is never deleted from a page, even with unsafe fixes: the finding stays, saying why
        assert result.text == ex.bad and not result.applied
        mine = [f for f in result.remaining if f.code == rule.code]
        assert mine and all(f.fix_withheld and f.edit is None for f in mine)
    elif ex.fixed == ex.bad:  # reported with suggestions only
        assert result.text == ex.bad and not result.applied
        assert all(f.suggestions for f in result.remaining if f.code == rule.code)
    else:
        assert result.text == ex.fixed
        assert result.applied and all(f.code == rule.code for f in result.applied)
        # and the fixed text no longer raises the rule
        assert procutext.check(result.text, kind=ex.kind, select=[rule.code], context=_ctx(ex)) == []


@pytest.mark.parametrize("rule,i,ex", [c for c in CASES if c.values[0].fix is not None and
                                        c.values[0].fix.value == "unsafe"])
def test_unsafe_fixes_need_opt_in(rule, i, ex):
    result = procutext.fix(ex.bad, kind=ex.kind, select=[rule.code], context=_ctx(ex))
    assert result.text == ex.bad
