"""Hostile input found by hand while fuzzing (issue 15, point 1): each reader either reads it
or refuses it with the file, the place and the reason; nothing crashes."""

from __future__ import annotations

import pytest

import procutext
from procutext.bilingual.formats import FormatError


def test_jsonl_nested_deeper_than_python_reads_is_refused():
    text = '{"zh": "区检察院", "en": "The procuratorate", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    with pytest.raises(FormatError) as e:
        procutext.check('{"zh": "区", "en": "ok"}\n' + text, kind="jsonl", path="deep.jsonl")
    assert str(e.value).startswith("deep.jsonl: JSON Lines refused: line 2, column 1: arrays or objects nested "
                                   "too deeply to read")
    obj = '{"zh": "区", "en": "x", "m": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}\n"
    with pytest.raises(FormatError, match="nested too deeply"):
        procutext.check(obj, kind="jsonl", path="deep.jsonl")


def test_jsonl_integers_longer_than_int_converts_are_read():
    # valid JSON: Python's int() refuses more than 4300 digits (a ValueError that crashed the
    # reader); such numbers are kept as their digits, and the targets are checked
    digits = "9" * 100_000
    for line in (f'{{"zh": "区", "en": "a  b", "n": {digits}}}\n', f'{{"id": {digits}, "zh": "区", "en": "a  b"}}\n',
                 f'{{"zh": "区", "en": "a  b", "x": {{"n": [{digits}]}}}}\n'):
        assert [f.code for f in procutext.check(line, kind="jsonl")] == ["PT131"]
        assert procutext.fix(line, kind="jsonl").text == line.replace("a  b", "a b")


@pytest.mark.parametrize("kind, text", [
    ("csv", 'zh,en\n区检察院,"' + "a  " * 70_000 + '"\n'),
    ("tsv", "zh\ten\n区检察院\t" + "a  " * 70_000 + "\n"),
    ("po", 'msgid "a"\nmsgstr ""\n' + '"x  "\n' * 50_000),
    ("html", "<p>a</p><!--" + "x" * 300_000),
    ("html", '<p title="' + "“ x ”" * 20_000 + '">x</p>'),
    ("markdown", "|" + "a  |" * 50_000 + "\n|" + "-|" * 50_000 + "\n"),
    ("text", "a\x00b“ c ”\ufeff\u2028d\U0010ffff"),
])
def test_large_or_odd_input_is_read(kind, text):
    result = procutext.fix(text, kind=kind, path="x", unsafe=True, extend_select=["ALL"])
    assert procutext.fix(result.text, kind=kind, path="x", unsafe=True, extend_select=["ALL"]).text == result.text
