"""Markdown input: what is not prose is not linted, positions point into the file,
inline suppression comments work."""

from __future__ import annotations

import procutext

MD = """# Report of the district procuratorate

The“ Dandelion ”studio opened.

```text
the“ raw ”output ，stays 1、 here
```

    indented code“ block ”stays

Inline `code“ x ”here` and a [link](https://example.org/a,b“c” "t“ x ”") and <https://x.org/“y”>.

<div class="x">html“ block ”</div>
"""


def test_only_prose_is_linted():
    findings = procutext.check(MD, kind="markdown")
    assert {f.line for f in findings} == {3}
    assert [f.code for f in findings] == ["PT102", "PT101", "PT102"]
    f = findings[1]
    assert (f.line, f.column) == (3, 4)
    assert MD.split("\n")[2][f.column - 1] == "“"


def test_fix_leaves_code_alone():
    fixed = procutext.fix(MD, kind="markdown").text
    assert fixed == MD.replace("The“ Dandelion ”studio", "The “Dandelion” studio")


def test_same_text_as_plain_text_is_linted():
    assert len(procutext.check(MD, kind="text")) > 3


def test_kind_from_path():
    assert procutext.check("`a“ b ”c`\n", path="x.md") == []
    assert procutext.check("`a“ b ”c`\n", path="x.txt") != []


def test_disable_enable_block():
    text = (
        "<!-- procutext-disable PT101 -->\n"
        "A “ padded ” quote.\n"
        "<!-- procutext-enable PT101 -->\n"
        "Another “ padded ” quote.\n"
    )
    findings = procutext.check(text, kind="markdown")
    assert [(f.line, f.code) for f in findings] == [(4, "PT101")]


def test_disable_by_name_and_all():
    text = "<!-- procutext-disable padded-quote -->\nA “ padded ” quote , x\n"
    assert [f.code for f in procutext.check(text, kind="markdown")] == ["PT130"]
    text = "<!-- procutext-disable -->\nA “ padded ” quote , x\n"
    assert procutext.check(text, kind="markdown") == []


def test_disable_next_line():
    text = "<!-- procutext-disable-next-line PT1 -->\nA “ padded ” quote.\nA “ padded ” quote.\n"
    assert [f.line for f in procutext.check(text, kind="markdown")] == [3]


def test_suppressed_findings_are_not_fixed():
    text = "<!-- procutext-disable-next-line -->\nA “ padded ” quote.\n"
    assert procutext.fix(text, kind="markdown").text == text


def test_hard_line_break_is_not_trailing_whitespace():
    assert procutext.check("First line  \nsecond line\n", kind="markdown", extend_select=["PT132"]) == []
    assert [f.code for f in procutext.check("First line  \nsecond line\n", kind="text", extend_select=["PT132"])] == ["PT132"]


def test_table_alignment_is_not_multiple_spaces():
    table = "| a  | b |\n|----|---|\n| c  | d |\n"
    assert procutext.check(table, kind="markdown") == []


def test_front_matter_is_not_linted():
    text = "---\ntitle: a“ b ”c\n---\n\nText.\n"
    assert procutext.check(text, kind="markdown") == []
