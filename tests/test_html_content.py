"""--content main|all (issue 9, point 2): the article body found by trafilatura, mapped back
onto the reader's offset text; a clear error without the extra."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import procutext
from procutext.config import ConfigError, parse_table
from procutext.readers import content as content_mod
from procutext.readers.content import ContentExtraMissing, map_paragraphs
from procutext.readers.html import read_html

from helpers import run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from pages import corpus_page  # noqa: E402

ARTICLE = """The heads of all departments reported that since this year“ Dandelion ”was launched.

The procuratorate held a hearing , and 1、 the public attended.
The hospital leaders attended the hearing.

In 2023 the work of the procuratorate was praised by the Provincial People's Congress。"""


def test_paragraphs_map_back_exactly_whatever_the_white_space():
    text = "Menu\n\nThe  first paragraph\nhas two lines.\n\nA second one, quite long indeed, that trafilatura " \
           "rewrote a little in the middle but not at its ends.\n\nFooter"
    m = map_paragraphs(["The first paragraph has two lines.",
                        "A second one, quite long indeed, that trafilatura REWROTE a little in the middle but not "
                        "at its ends.", "Not on the page at all"], text)
    assert (m.whole, m.anchored, m.missed) == (1, 1, 1)
    assert [text[s:e] for s, e in m.spans] == ["The  first paragraph\nhas two lines.",
                                               text[text.index("A second"):text.index("\n\nFooter")]]


def test_list_markers_that_trafilatura_adds_are_ignored():
    m = map_paragraphs(["- item one"], "x\n\nitem one\n\ny")
    assert m.whole == 1 and m.spans == [(3, 11)]


def test_content_main_checks_only_the_article():
    pytest.importorskip("trafilatura")
    p = corpus_page(ARTICLE)
    everything = procutext.check(p.html, kind="html")
    assert any(not p.article_start <= f.file_start < p.article_end for f in everything)  # furniture
    doc = read_html(p.html, content="main")
    main = procutext.engine.run_rules(doc, procutext.select_rules(), procutext.Context())
    inside = [(f.code, f.file_start) for f in everything if p.article_start <= f.file_start < p.article_end]
    got = [(f.code, f.file_start) for f in main]
    # every finding of the article, at the same place in the markup
    assert inside and [x for x in got if x in inside] == inside
    # trafilatura counts the article's own info bar and print/share bar as its content, not
    # the menu, the breadcrumb or the footer; hidden text (the QR layer) stays out
    extra = {f.code for f in main if (f.code, f.file_start) not in inside}
    assert extra <= {"PT202", "PT203"}
    assert not {"PT201", "PT206", "PT207"} & {f.code for f in main}
    assert "this" not in {f.matched.strip("“” ") for f in main}


def test_content_main_on_the_command_line(tmp_path, capsys):
    pytest.importorskip("trafilatura")
    page = tmp_path / "a.html"
    page.write_text(corpus_page(ARTICLE).html, encoding="utf-8")
    code, out_all, _ = run(capsys, "check", str(page))
    code_main, out_main, _ = run(capsys, "check", "--content", "main", str(page))
    assert code == code_main == 1
    assert "PT201" in out_all and "PT201" not in out_main
    assert "PT101" in out_main and out_main.count("\n") < out_all.count("\n")


def test_without_the_extra_content_main_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(content_mod, "have_content_extra", lambda: False)
    page = tmp_path / "a.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    code, out, err = run(capsys, "check", "--content", "main", str(page))
    assert code == 2 and "pip install 'procutext[content]'" in err and "Traceback" not in err
    with pytest.raises(ContentExtraMissing, match="procutext\\[content\\]"):
        read_html("<p>x</p>", content="main")
    report = procutext.check_paths([page], content="main")
    assert report.exit_code() == 2 and "procutext[content]" in report.all_errors[0]
    # plain text is not affected by --content
    txt = tmp_path / "a.txt"
    txt.write_text("A “ b ” c\n", encoding="utf-8")
    assert procutext.check_paths([txt], content="main").exit_code() == 1


def test_content_in_the_config_file(tmp_path):
    assert parse_table({"content": "main"}, tmp_path / "procutext.toml").content == "main"
    with pytest.raises(ConfigError, match="content"):
        parse_table({"content": "article"}, tmp_path / "procutext.toml")
