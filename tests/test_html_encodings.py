"""Encodings of pages (issue 9, point 3): BOM, then the caller's encoding, then the HTTP
Content-Type charset, then <meta charset>/http-equiv, then detection; gbk/gb2312 read as
gb18030 and big5 as big5hkscs; a wrong declaration falls back to detection and says so."""

from __future__ import annotations

import codecs

import pytest

from procutext import charsets
from procutext.files import InputError, decode_html
from procutext.runner import check_paths

ARTICLE = ("<p>The procuratorate of Wuhu built a brand for the Bay 沚 procuratorial work：“ Dandelion ” was "
           "launched in 湾沚区, 芜湖市.</p>")
BIG5_ARTICLE = "<p>The 檢察院 of 臺灣 held a meeting：“ Dandelion ” was launched.</p>"


def page(body: str, meta: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{meta}<title>T</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("label", ["gbk", "GB2312", "gb18030", "x-gbk"])
def test_gb_pages_with_meta_charset(label):
    src = page(ARTICLE, f'<meta charset="{label}">')
    tf = decode_html(src.encode("gb18030"), "a.html")
    assert (tf.text, tf.encoding, tf.declared_by) == (src, "gb18030", "meta")
    assert tf.declaration == f"{label} by <meta charset>" and tf.note is None
    assert tf.describe_encoding() == f"gb18030 ({label} by <meta charset>)"


def test_gb18030_four_byte_characters_in_a_gbk_page():
    src = page("<p>Tian 𠮷 and café in 湾沚区</p>", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    data = src.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gbk")
    tf = decode_html(data, "a.html")
    assert tf.text == src and tf.declared_by == "meta" and "http-equiv" in tf.declaration
    assert tf.encode(tf.text) == data


def test_big5_label_reads_as_big5hkscs():
    src = page(BIG5_ARTICLE + "<p>香港 HKSCS: 㗎</p>", '<meta charset="big5">')
    data = src.encode("big5hkscs")
    with pytest.raises(UnicodeDecodeError):
        data.decode("big5")  # 㗎 is an HKSCS character
    tf = decode_html(data, "a.html")
    assert (tf.text, tf.encoding, tf.declared_by) == (src, "big5hkscs", "meta")


@pytest.mark.parametrize("encoding,text", [("gb18030", ARTICLE), ("big5", BIG5_ARTICLE)])
def test_pages_without_a_declaration_are_detected(encoding, text):
    src = page(text * 3)
    tf = decode_html(src.encode(encoding), "a.html")
    assert tf.text == src and tf.declared_by == "detected" and tf.detected
    assert charsets.canonical(tf.encoding) in (charsets.canonical(encoding), "cp950", "big5hkscs")


def test_a_wrong_declaration_falls_back_to_detection_and_says_so():
    src = page(ARTICLE * 3, '<meta charset="big5">')
    tf = decode_html(src.encode("utf-8"), "a.html")
    assert tf.text == src and tf.encoding == "utf-8" and tf.declared_by == "detected"
    assert tf.declaration == "big5 by <meta charset>"
    assert "declares big5 (<meta charset>) but its bytes are not big5hkscs" in tf.note
    assert "read as utf-8 (detected" in tf.note
    assert "the page declares big5 by <meta charset>, wrongly" in tf.describe_encoding()


def test_an_unknown_label_falls_back_too():
    tf = decode_html(page(ARTICLE, '<meta charset="no-such">').encode("utf-8"), "a.html")
    assert tf.encoding == "utf-8" and "unknown encoding 'no-such'" in tf.note


def test_order_bom_option_header_meta():
    src = page(ARTICLE, '<meta charset="big5">')
    gb = src.encode("gb18030")
    # the HTTP header wins over <meta>
    tf = decode_html(gb, "u", content_type='text/html; charset="GBK"')
    assert (tf.encoding, tf.declared_by, tf.declaration) == ("gb18030", "header", "GBK by the HTTP header")
    # a wrong header gives way to the meta, and the note says so
    tf = decode_html(src.encode("big5hkscs", "replace"), "u", content_type="text/html; charset=utf-8")
    assert tf.declared_by == "meta" and "the HTTP header" in tf.note
    # the caller's encoding wins over both
    tf = decode_html(gb, "u", content_type="text/html; charset=big5", encoding="gbk")
    assert (tf.encoding, tf.declared_by) == ("gb18030", "option")
    # a BOM wins over everything
    tf = decode_html(codecs.BOM_UTF8 + src.encode("utf-8"), "u", content_type="text/html; charset=gbk",
                     encoding="big5")
    assert (tf.encoding, tf.declared_by, tf.text) == ("utf-8", "bom", src)
    # "auto" is no choice: the declarations decide
    assert decode_html(gb, "u", "text/html; charset=gbk", "auto").declared_by == "header"


def test_declarations_in_comments_or_too_late_are_not_read():
    assert charsets.html_declared(b"<!-- <meta charset=big5> --><meta charset=gbk>") == ("gbk", "<meta charset>")
    assert charsets.html_declared(b" " * 5000 + b"<meta charset=gbk>") is None
    assert charsets.html_declared(b'<?xml version="1.0" encoding="GB2312"?><html>') == ("GB2312", "<?xml encoding>")
    assert charsets.html_declared(b'<meta name="x" content="charset=big5"><p>') is None
    assert charsets.header_charset("text/html") is None
    assert charsets.header_charset("text/html; Charset='big5'") == "big5"


def test_a_binary_page_and_a_wrong_option_are_input_errors():
    with pytest.raises(InputError, match="binary"):
        decode_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.html")
    with pytest.raises(InputError, match="x.html"):
        decode_html(page(ARTICLE).encode("gb18030"), "x.html", encoding="utf-8")


def test_the_runner_reads_pages_by_their_declaration_and_warns_on_a_wrong_one(tmp_path):
    good = tmp_path / "good.html"
    good.write_bytes(page(ARTICLE, '<meta charset="gb2312">').encode("gb18030"))
    bad = tmp_path / "bad.htm"
    bad.write_bytes(page(ARTICLE * 3, '<meta charset="big5">').encode("utf-8"))
    report = check_paths([tmp_path])
    by_name = {fr.path.rsplit("/", 1)[-1]: fr for fr in report.files}
    assert by_name["good.html"].encoding_source == "meta"
    assert by_name["good.html"].encoding_description == "gb18030 (gb2312 by <meta charset>)"
    assert by_name["bad.htm"].encoding_source == "detected"
    assert any("bad.htm" in w and "declares big5" in w for w in by_name["bad.htm"].warnings)
    assert any("declares big5" in w for w in report.warnings)
    # both pages are checked, with positions in the markup
    for fr in by_name.values():
        assert {f.code for f in fr.findings} >= {"PT101", "PT120"}
    f = next(f for f in by_name["good.html"].findings if f.code == "PT101")
    assert fr.text is not None and by_name["good.html"].text.split("\n")[f.line - 1][f.column - 1] == "“"
