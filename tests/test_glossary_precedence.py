"""Glossary precedence: where wrong renderings of several entries overlap in the text, the
longest one wins (then the leftmost), across entries.

The pairs are generated from the shipped glossary, so a row added later is covered too:
every pair of entries where one wrong rendering contains another as whole words, and every
pair where the end of one is the start of the other ("the hospital" / "hospital leaders").
"""

from __future__ import annotations

from collections import defaultdict

import procutext
from procutext.glossary import Entry, Glossary, default_glossary
from procutext.glossary.matcher import Matcher, fold

Words = tuple[str, ...]


def _words(s: str) -> Words:
    return tuple(fold(s).split())


def _renderings() -> dict[Words, list[tuple[str, Entry]]]:
    """Each wrong rendering of the shipped glossary (as folded words), with the entries listing it."""
    table: dict[Words, list[tuple[str, Entry]]] = defaultdict(list)
    for e in default_glossary():
        for w in e.wrong:
            table[_words(w)].append((w, e))
    return table


def _contains(long: Words, short: Words) -> bool:
    k = len(short)
    return any(long[i:i + k] == short for i in range(len(long) - k + 1))


def _document(entry: Entry, phrase: str) -> tuple[str, int]:
    """A document in which ``entry``'s context holds for ``phrase``, and the phrase's offset.

    The phrase starts its paragraph (so no ``not-after`` word precedes it), is followed by a
    ``near`` word when the entry needs one, then by words that no ``not-before`` or
    ``not-near`` list of the shipped glossary contains; ``doc:procuratorate`` (or the court an
    entry for a court needs) is satisfied by a first paragraph of its own, outside the word
    window: the phrase's own paragraph names no institution, so the document's counts."""
    conds = {c.kind: c for c in entry.context}
    avoid = set()
    for kind in ("not-near", "not-before"):
        if kind in conds:
            avoid |= {w for p in conds[kind].phrases for w in p}
    tail = []
    if "near" in conds:
        tail.append(next(v for v in conds["near"].values if not set(v.split()) & avoid))
    filler = [w for w in ("was", "noted", "again") if w not in avoid]
    para = " ".join([phrase, *tail, *filler]) + "."
    head = f"{_HEADS[_about(entry)]}\n\n"
    return head + para, len(head)


_HEADS = {"procuratorate": "The procuratorate report.", "court": "The Intermediate People's Court report."}


def _about(entry: Entry) -> str:
    """The institution a text must be about for ``entry``'s wrong renderings: its own, or
    the first of its ``doc`` condition (procuratorate when it names both)."""
    doc = next((c.values for c in entry.context if c.kind == "doc"), (entry.institution,) if entry.institution else ())
    return "procuratorate" if not doc or "procuratorate" in doc else doc[0]


def _pt401(text: str, glossary: Glossary | None = None) -> list[procutext.Finding]:
    return [f for f in procutext.check(text, select=["PT401"], glossary=glossary) if f.code == "PT401"]


def _applies(entry: Entry, doc: str, at: int, length: int) -> bool:
    """Whether ``entry`` alone reports the span: its context holds there."""
    return any((f.start, f.end) == (at, at + length) for f in _pt401(doc, Glossary([entry])))


def _expect_winner(failures: list[str], doc: str, at: int, length: int, winners: list[tuple[str, Entry]],
                   label: str) -> None:
    """The only finding overlapping doc[at:at+length] is that span, for one of ``winners``."""
    over = [f for f in _pt401(doc) if f.start < at + length and f.end > at]
    zhs = {e.zh for _, e in winners}
    ok = (len(over) == 1 and (over[0].start, over[0].end) == (at, at + length)
          and any(f"mistranslates {zh};" in over[0].message for zh in zhs))
    if not ok:
        got = [(doc[f.start:f.end], f.message) for f in over]
        failures.append(f"{label}: expected {doc[at:at + length]!r} for one of {sorted(zhs)}, got {got}")


def test_a_wrong_rendering_inside_a_longer_one_of_another_entry_loses_to_it() -> None:
    table = _renderings()
    pairs = 0
    failures: list[str] = []
    for long, owners in table.items():
        long_zh = {e.zh for _, e in owners}
        for short, short_owners in table.items():
            if short == long or not _contains(long, short):
                continue
            if {e.zh for _, e in short_owners} <= long_zh:
                continue  # the same entries: nothing to choose between
            pairs += 1
            text, entry = owners[0]
            doc, at = _document(entry, text)
            label = f"{text!r} ({entry.zh}) over {short_owners[0][0]!r} ({short_owners[0][1].zh})"
            if not _applies(entry, doc, at, len(text)):
                failures.append(f"{label}: the test sentence does not satisfy the context: {doc!r}")
                continue
            _expect_winner(failures, doc, at, len(text), owners, label)
    assert pairs >= 100  # the shipped glossary has hundreds of such pairs
    assert failures == []


def test_overlapping_wrong_renderings_longest_then_leftmost_wins() -> None:
    table = _renderings()
    pairs = applicable = 0
    failures: list[str] = []
    for left, left_owners in table.items():
        for right, right_owners in table.items():
            if left == right or _contains(left, right) or _contains(right, left):
                continue
            if {e.zh for _, e in left_owners} == {e.zh for _, e in right_owners}:
                continue
            for k in range(1, min(len(left), len(right))):
                if left[-k:] != right[:k]:
                    continue
                pairs += 1
                # the left rendering as written, then the rest of the right one
                lw, le = left_owners[0]
                rest = " ".join(right[k:])
                phrase = f"{lw} {rest}"
                lkey, rkey = " ".join(left), " ".join(right)
                if len(rkey) > len(lkey):
                    owners, offset, length = right_owners, len(phrase) - len(rkey), len(rkey)
                else:  # as long or longer: the leftmost wins
                    owners, offset, length = left_owners, 0, len(lw)
                wentry = owners[0][1]
                winner = " ".join(_words(owners[0][0]))
                pwords = _words(phrase)
                if any(len(" ".join(k)) > len(winner) and _contains(pwords, k) for k in table):
                    continue  # a third, longer rendering covers the phrase ("young police officers")
                doc, at = _document(wentry, phrase)
                if not _applies(wentry, doc, at + offset, length):
                    continue  # the other rendering's words rule the winner out ("supreme" before 院)
                applicable += 1
                label = f"{phrase!r}: {lw!r} ({le.zh}) / {right_owners[0][0]!r} ({right_owners[0][1].zh})"
                _expect_winner(failures, doc, at + offset, length, owners, label)
    assert pairs >= 100 and applicable >= pairs // 2, (pairs, applicable)
    assert failures == []


def test_the_hospital_leaders_is_hospital_leaders() -> None:
    # the case: "the hospital" (本院) starts further left, "hospital leaders" (院领导) is longer
    doc = "The district procuratorate held a meeting.\n\nThe hospital leaders attended the meeting."
    [f] = _pt401(doc)
    assert doc[f.start:f.end] == "hospital leaders" and "mistranslates 院领导;" in f.message


def test_matcher_longest_then_leftmost_across_keys() -> None:
    m = Matcher([("the hospital", "本院"), ("hospital leaders", "院领导"), ("leaders", "x"),
                 ("ab cd", 1), ("cd ef", 2)])
    text = "the hospital leaders; ab cd ef"
    assert [(text[x.start:x.end], x.value) for x in m.finditer(text)] == [
        ("hospital leaders", "院领导"), ("ab cd", 1)]  # equally long: the leftmost


def test_a_rejected_match_lets_an_overlapping_one_win_but_shields_what_is_inside_it() -> None:
    m = Matcher([("higher hospital", "上级院"), ("hospital leaders", "院领导"), ("hospital", "院")])
    text = "higher hospital leaders"
    no_leaders = [(text[x.start:x.end], x.value)
                  for x in m.finditer(text, accept=lambda x: x.value != "院领导")]
    assert no_leaders == [("higher hospital", "上级院")]
    only_short = [(text[x.start:x.end], x.value) for x in m.finditer(text, accept=lambda x: x.value == "院")]
    assert only_short == []  # "hospital" lies inside rejected longer candidates


def test_a_real_superior_court_shields_court() -> None:
    from procutext.glossary import Condition

    g = Glossary([
        Entry("上级院", ("higher-level procuratorate",), ("superior court",),
              (Condition("not-near", ("california",)),), source="test"),
        Entry("院", ("procuratorate",), ("court",), source="test"),
    ])
    assert [f.message for f in _pt401("He appealed to the Superior Court of California.", g)] == []
    assert [f.message for f in _pt401("He appealed to the superior court.", g)] == [
        "'superior court' mistranslates 上级院; use 'higher-level procuratorate'"]
    assert [f.message for f in _pt401("The court met.", g)] == ["'court' mistranslates 院; use 'procuratorate'"]


def test_an_approved_rendering_is_never_reported_as_its_own_mistranslation() -> None:
    # "'Two Establishments' mistranslates 两个确立; use 'Two Establishments'" was reported: the
    # wrong rendering "two establishment" matched the approved one with a plural ending
    failures = []
    checked = 0
    for e in default_glossary():
        for a in e.en:
            doc, at = _document(e, a)
            checked += 1
            for f in _pt401(doc):
                if f.start < at + len(a) and f.end > at:
                    assert f.data is not None
                    same_span_other_entry = ((f.start, f.end) == (at, at + len(a))
                                             and (f.data["zh"], f.data["institution"] or "") != (e.zh, e.institution))
                    if not same_span_other_entry:
                        failures.append(f"{a!r} ({e.zh}): {doc[f.start:f.end]!r}: {f.message}")
    assert checked >= 300 and failures == []


def test_two_establishments() -> None:
    doc = "The procuratorate studied the Two Establishments. The Two establishment is MT."
    [f] = _pt401(doc)
    assert doc[f.start:f.end] == "Two establishment" and f.edit is not None
    assert procutext.fix(doc, select=["PT401"]).text == doc.replace("Two establishment ", "Two Establishments ")


def test_cover_finds_longer_spans_around_a_match() -> None:
    from procutext.glossary import Cover

    c = Cover([(10, 30), (40, 45), (50, 60)])
    assert c.longer(10, 20) and c.longer(12, 30) and c.longer(15, 25)
    assert not c.longer(40, 45)  # the same span is not longer
    assert not c.longer(38, 44) and not c.longer(44, 47) and not c.longer(0, 5)
    assert not Cover([]).longer(0, 1)


def test_approved_renderings_of_other_entries_shield_too() -> None:
    # "inspection" (检察) inside the approved name of 中央纪委, "police" (干警) inside 司法警察's
    doc = ("The procuratorate report.\n\n"
           "The Central Commission for Discipline Inspection and the judicial police of the procuratorate met.")
    assert _pt401(doc) == []
    plain = doc.replace("judicial police", "police")
    assert [plain[f.start:f.end] for f in _pt401(plain)] == ["police"]
