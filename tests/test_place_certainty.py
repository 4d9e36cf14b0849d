"""Issue 8, point 6: a place finding's message and its fix safety agree.

A safe fix is certain, so its message must not hedge ("may", "probably", "check it",
"confidence medium"); a message that hedges comes with an unsafe fix or suggestions only. For
the rules that pick a candidate (PT301, PT302, PT303, PT306) the converse holds too: a finding
that is not a safe fix says why it is uncertain. Walked over every place finding on varied
inputs: the synthetic cases of bench/place_eval.py (a sample), the rule examples, the seed
article, the negative corpus and hand-written cases for each branch.
"""

from __future__ import annotations

import importlib.util
import random
from collections import Counter
from pathlib import Path

import pytest
import regex

import procutext
from procutext import all_rules
from procutext.places import default_gazetteer

ROOT = Path(__file__).resolve().parents[1]
HEDGE = regex.compile(r"\b(?:may|might|probably|possibly|perhaps|likely|uncertain|unsure|check)\b|"
                      r"\bconfidence (?:medium|low)\b|\?", regex.IGNORECASE)
CANDIDATE_RULES = {"PT301", "PT302", "PT303", "PT306"}
SAMPLE = 12  # every 12th synthetic case: about 400 texts


def _bench():
    spec = importlib.util.spec_from_file_location("place_eval", ROOT / "bench" / "place_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HAND = [
    # PT303: half a syllable off (safe), a whole syllable off with nothing else naming the place
    # (unsafe), corroborated by "Bay 沚" (safe), by the official English (safe), several close
    # (suggestions), a recurrence not used as a place (suggestion), a region that is no
    # misspelling of a district (unsafe at most)
    "The People's Procuratorate of Wanzhe District, Wuhu City held a meeting.",
    "The People's Procuratorate of Wanpeng District, Wuhu City held a meeting.",
    "The People's Procuratorate of Wanpeng District, Wuhu City built the Bay 沚 brand.",
    "The Wanpeng District procuratorate of Wuhu met the Wanzhi District court.",
    "The Haidian prosecutors and the Xiecheng District procuratorate of Beijing met.",
    "Wangui District, Wuhu City. The Wangui Branch met. Later, Wangui prosecutors spoke.",
    "The Wannan District office of Wuhu City held a meeting.",
    # compounds
    "Wandang District of Wuhu City runs the \"Wandangjianyuan\" platform.",
    "Wanzhi District of Wuhu City runs the \"Wanpengjianyuan\" platform.",
    # PT301 in and out of scope, several candidates
    "The Bay 沚 procuratorate of Wuhu City met.",
    "The Bay 沚 procuratorate of Beijing met.",
    "The 朝阳 procuratorate met.",
    # PT302
    "The Wuhu Inaction procuratorate held a meeting.",
    "A delegation of Beijing visited Mirror Lake District.",
    "They visited Peace District.",
    # PT304 with and without the official spelling
    "Lu'an City is in Anhui. The Luan procuratorate held a meeting.",
    "The Luan City procuratorate and the Lu An procuratorate met.",
    # PT305
    "The Pingtan Comprehensive Experimental Zone opened a court. Prosecutors of the Pingtan Comprehensive "
    "Experimental Zone met those of Pingtan Comprehensive Experimental District.",
    # PT306
    "The Bay 沚 procuratorate of Wuhu City improved the Bay Area's work and the Bay's culture.",
    "Wanzhi District, Wuhu City: the Bay Area procuratorial work grew.",
    # bilingual: the source decides
    "湾沚区人民检察院召开检察品牌创建推进会，全院干警参加会议并围绕品牌建设进行了交流发言。\n\n"
    "The People's Procuratorate of Wanpeng District held a meeting on the Bay Area's brands.\n",
]


def _texts(shared: Path) -> list[str]:
    bench = _bench()
    gaz = default_gazetteer()
    rnd = random.Random(5)
    texts = [t for i, (_, _, _, t) in enumerate(bench.misspelling_cases(gaz, rnd)) if t and i % SAMPLE == 0]
    texts += [t for i, (_, _, t) in enumerate(bench.literal_and_mixed_cases(gaz, rnd)) if i % SAMPLE == 0]
    texts += [t for i, (_, _, _, t) in enumerate(bench.compound_cases(gaz, random.Random(6))) if i % SAMPLE == 0]
    texts += [t for _, _, t in bench.clipped_cases(gaz)]
    for r in all_rules():
        if r.family == "places":
            texts += [x for ex in r.examples for x in (ex.bad, ex.good, ex.fixed or "")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "negative").glob("places*.txt"))]
    seed = shared / "corpus" / "seed" / "000_719bd214ec786439.txt"
    if seed.is_file():
        texts.append(seed.read_text(encoding="utf-8"))
    return texts + HAND


@pytest.fixture(scope="module")
def findings() -> list[procutext.Finding]:
    out = []
    for text in _texts(ROOT.parent / "shared"):
        out += procutext.check(text, select=["PT3"])
    return out


def _kind(f: procutext.Finding) -> str:
    return "safe" if f.safe_fix else "unsafe" if f.edit is not None else "suggestion"


def test_the_walk_covers_every_kind_of_finding(findings) -> None:
    kinds = Counter((f.code, _kind(f)) for f in findings)
    for code in ("PT301", "PT302", "PT303"):
        assert kinds[code, "safe"] and kinds[code, "suggestion"], (code, kinds)
    assert kinds["PT303", "unsafe"] and kinds["PT306", "unsafe"] and kinds["PT304", "safe"]
    assert kinds["PT304", "unsafe"] and kinds["PT305", "unsafe"]


def test_a_safe_fix_never_calls_itself_uncertain(findings) -> None:
    bad = [(f.code, f.matched, f.message) for f in findings if f.safe_fix and HEDGE.search(f.message)]
    assert bad == []


def test_an_uncertain_message_never_comes_with_a_safe_fix(findings) -> None:
    hedged = [f for f in findings if HEDGE.search(f.message)]
    assert hedged and all(not f.safe_fix for f in hedged)


def test_a_candidate_that_is_not_certain_says_so(findings) -> None:
    bad = [(f.code, _kind(f), f.message) for f in findings
           if f.code in CANDIDATE_RULES and not f.safe_fix and not HEDGE.search(f.message)]
    assert bad == []


def test_every_place_finding_names_its_division(findings) -> None:
    gaz = default_gazetteer()
    for f in findings:
        assert f.data is not None, f
        if f.code == "PT305":
            assert set(f.data) == {"name", "generic", "generics"} and f.data["generic"] in f.suggestions
            continue
        d = gaz.get(f.data["code"])
        assert d is not None and (f.data["zh"], f.data["en"], f.data["level"]) == (d.zh, d.en, d.level)
        cands = f.data["candidates"]
        assert cands[0]["code"] == d.code
        assert all(set(c) == {"code", "zh", "en", "distance"} and c["distance"] >= 0 for c in cands)
        if f.edit is not None:  # the fix writes the division the data names
            assert f.edit.replacement in (d.en_short, d.en), (f.code, f.matched, f.edit, d)
