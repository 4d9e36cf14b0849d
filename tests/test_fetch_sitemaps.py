"""Sitemap parsing (no network): url sets, indexes, gzip, text sitemaps, and hostile XML."""

from __future__ import annotations

import gzip

import pytest

from procutext.fetch import read_url_list, url_problem
from procutext.fetch.sitemaps import Sitemap, SitemapError, parse_sitemap

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def test_urlset_in_document_order():
    data = (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{NS}">'
            "<url><loc> https://www.example.gov.cn/en/a.html </loc><lastmod>2024-01-01</lastmod></url>"
            "<url><lastmod>2024-01-02</lastmod><loc>https://www.example.gov.cn/en/b.html</loc></url>"
            "<url><loc></loc></url></urlset>").encode()
    assert parse_sitemap(data) == Sitemap("urlset", ["https://www.example.gov.cn/en/a.html",
                                                      "https://www.example.gov.cn/en/b.html"])


def test_index_without_namespace_and_with_a_bom():
    data = "\ufeff<sitemapindex><sitemap><loc>https://x.gov.cn/s1.xml.gz</loc></sitemap></sitemapindex>".encode()
    assert parse_sitemap(data) == Sitemap("index", ["https://x.gov.cn/s1.xml.gz"])


def test_gzip_sitemap():
    data = gzip.compress(f'<urlset xmlns="{NS}"><url><loc>https://x.gov.cn/a</loc></url></urlset>'.encode())
    assert parse_sitemap(data).locs == ["https://x.gov.cn/a"]


def test_a_gzip_bomb_stops_at_the_protocol_limit():
    bomb = gzip.compress(b"<urlset>" + b" " * (60 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    with pytest.raises(SitemapError, match="larger than 50 MiB when decompressed"):
        parse_sitemap(bomb)


def test_broken_gzip():
    with pytest.raises(SitemapError, match="broken gzip data"):
        parse_sitemap(b"\x1f\x8b\x08\x00garbage")


def test_text_sitemap():
    assert parse_sitemap(b"https://x.gov.cn/a\n\nhttps://x.gov.cn/b\r\n") == Sitemap(
        "text", ["https://x.gov.cn/a", "https://x.gov.cn/b"])
    with pytest.raises(SitemapError, match="line 2 of a text sitemap is not a URL"):
        parse_sitemap(b"https://x.gov.cn/a\nhello\n")


@pytest.mark.parametrize("data,words", [
    (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
     b"<urlset><url><loc>&lol2;</loc></url></urlset>", "document type declaration"),
    (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
     b"<urlset><url><loc>&xxe;</loc></url></urlset>", "document type declaration"),
    (b"<html><body>Not found</body></html>", "the root element is <html>"),
    (b"<urlset><url><loc>https://x.gov.cn/a</loc></url>", "not well-formed XML"),
    (b"", "empty"),
    (b"\xff\xfe\x00garbage", "neither XML nor a UTF-8 list"),
])
def test_bad_sitemaps_are_refused_with_a_reason(data, words):
    with pytest.raises(SitemapError, match=words):
        parse_sitemap(data)


def test_url_problems():
    assert url_problem("https://www.spp.gov.cn/spp/en/index.shtml") is None
    assert url_problem("http://127.0.0.1:8080/a?b=c#d") is None
    assert url_problem("http://[::1]:8080/") is None
    assert url_problem("https://例子.中国/") is None
    assert "unsupported scheme (none)" in url_problem("www.spp.gov.cn/en/")
    assert "unsupported scheme (file:)" in url_problem("file:///etc/passwd")
    assert "bad IP address" in url_problem("http://300.1.1.1/")


def test_read_url_list(tmp_path):
    f = tmp_path / "urls.txt"
    f.write_text("\ufeff# the English pages\nhttps://x.gov.cn/a.html  # home\n\n   # indented comment\n"
                 "https://x.gov.cn/b.html#section\n", encoding="utf-8")
    assert read_url_list(str(f)) == [("https://x.gov.cn/a.html", f"{f}:2"), ("https://x.gov.cn/b.html#section", f"{f}:5")]
