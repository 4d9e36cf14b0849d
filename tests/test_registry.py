"""The registry contract: stable codes, kebab-case names, documentation and examples."""

from __future__ import annotations

import re

import pytest

from procutext import all_rules, get_rule, select_rules
from procutext.registry import DOC_SECTIONS, SelectorError

RULES = all_rules()


def test_there_are_rules():
    assert len(RULES) >= 15


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule):
    assert re.fullmatch(r"PT\d{3}", rule.code)
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule.name)
    doc = rule.doc
    for section in DOC_SECTIONS:
        assert f"## {section}\n" in doc, f"{rule.code} docstring lacks '## {section}'"
    assert rule.summary and len(rule.summary) < 120
    assert rule.examples, f"{rule.code} has no examples"
    for ex in rule.examples:
        assert ex.bad != ex.good
        if rule.fix is None:
            assert ex.fixed is None
        else:
            assert ex.fixed is not None, f"{rule.code} has a fix but an example without a fixed form"


def test_codes_and_names_unique():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_fix_safety_section_agrees_with_metadata():
    for r in RULES:
        section = r.doc.split("## Fix safety", 1)[1].strip().lower()
        if r.fix is None:
            assert section.startswith("no fix"), r.code
        else:
            assert section.startswith(r.fix.value), r.code


def test_lookup_by_code_and_name():
    assert get_rule("PT101").name == "padded-quote"
    assert get_rule("padded-quote").code == "PT101"
    assert get_rule("pt101").code == "PT101"
    with pytest.raises(KeyError):
        get_rule("PT999")


def test_selection():
    codes = lambda rs: {r.code for r in rs}  # noqa: E731
    assert codes(select_rules(["PT1"])) == {r.code for r in RULES if r.code.startswith("PT1")}
    assert codes(select_rules(["padded-quote"])) == {"PT101"}
    assert "PT101" not in codes(select_rules(None, ignore=["PT10"]))
    assert codes(select_rules(["PT2"], extend_select=["leftover-han"])) >= {"PT201", "PT501"}
    assert codes(select_rules(["typography"])) == {r.code for r in RULES if r.family == "typography"}
    with pytest.raises(SelectorError):
        select_rules(["PT0"])  # no family has code 0xx (PT9 is the fetching family)
    with pytest.raises(SelectorError):
        select_rules(None, ignore=["no-such-rule"])


def test_rule_docs_page_is_current():
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_rule_docs.py"
    proc = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_importing_one_rules_module_first_keeps_every_rule():
    import subprocess
    import sys

    code = ("import procutext.rules.quotes, procutext  # one family's module first\n"
            "print(len(procutext.all_rules()) > 20, [f.code for f in procutext.check('the Bay 沚 procuratorate')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "['PT301']"]


def test_selections_are_remembered_and_a_rule_registered_later_is_selected():
    """select_rules remembers its result per arguments (the API selects at every call); a
    rule registered afterwards (a plugin) must still be in the next selection."""
    from procutext import registry
    from procutext.registry import rule, select_rules

    first = select_rules()
    assert select_rules() == first and select_rules() is not first  # a copy each time
    try:
        @rule("PT998", "test-only-late-rule", family="typography")
        def late(doc, ctx):  # type: ignore[no-untyped-def]
            """What it does: nothing (a test)."""
            return iter(())

        assert "PT998" in [r.code for r in select_rules()]
        assert "PT998" in [r.code for r in registry.all_rules()]
    finally:
        registry._RULES.pop("PT998", None)
        registry._BY_NAME.pop("test-only-late-rule", None)
        registry._selections.clear()
    assert "PT998" not in [r.code for r in select_rules()]
