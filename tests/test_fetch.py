"""Checking published pages: URLs, --urls files and sitemaps, against a real HTTP server on
127.0.0.1 that these tests start (no other network: the DNS case uses the reserved
``.invalid`` domain)."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytest.importorskip("aiohttp")
pytest.importorskip("protego")

from helpers import run  # noqa: E402

from procutext import check_paths  # noqa: E402
from procutext.fetch import USER_AGENT, FetchOptions, Reason  # noqa: E402

ARTICLE = "The Bay 沚 procuratorate held a meeting.\n"
GBK_BODY = ("<html><body><p>The Bay 沚 procuratorate held a meeting.</p>\n"
            "<p>湾沚区人民检察院召开会议。</p></body></html>\n").encode("gbk")
META_GBK_PAGE = ("<!doctype html>\n<html><head><meta charset=\"gbk\"><title>News</title>\n"
                 "<script>var x = \"1、 a，b\";</script></head>\n<body>\n<p>The procuratorate of Wuhu City "
                 "met in the Bay 沚 district.</p>\n</body></html>\n").encode("gbk")
CLEAN = "<html><body><p>The procuratorate held a meeting on the work report.</p></body></html>\n"
ROBOTS = ("User-agent: procutext\nDisallow: /private/\nAllow: /private/public.html\nDisallow: /*/draft-*.html$\n\n"
          "User-agent: *\nDisallow: /\n")


def _urlset(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' \
           f"{items}</urlset>\n".encode()


class Site:
    """The pages the server serves, and what it saw (hits per path, User-Agents, the most
    requests in flight at once)."""

    def __init__(self) -> None:
        self.hits: dict[str, int] = {}
        self.agents: set[str] = set()
        self.inflight = 0
        self.max_inflight = 0
        self.proxied: list[str] = []
        self.lock = threading.Lock()
        self.base = ""

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path.startswith("http://"):  # a request sent to us as a proxy
            self.proxied.append(path)
            path = "/" + path.split("/", 3)[3]
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            n = self.hits[path]
            self.agents.add(h.headers.get("User-Agent", ""))
            self.inflight += 1
            self.max_inflight = max(self.max_inflight, self.inflight)
        h.in_flight = True  # type: ignore[attr-defined]
        try:
            self.route(h, path, n)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self.answered(h)

    def answered(self, h: BaseHTTPRequestHandler) -> None:
        """The request is no longer in flight: called before its response is written (once
        the client has the response it may send the next request, which must not find this
        one still counted while its thread waits to be scheduled)."""
        with self.lock:
            if getattr(h, "in_flight", False):
                h.in_flight = False  # type: ignore[attr-defined]
                self.inflight -= 1

    def route(self, h: BaseHTTPRequestHandler, path: str, n: int) -> None:  # noqa: C901 - one table
        def send(status: int, body: bytes = b"", ctype: str | None = "text/html; charset=utf-8",
                 headers: dict[str, str] | None = None, length: bool = True) -> None:
            self.answered(h)
            h.send_response(status)
            if ctype:
                h.send_header("Content-Type", ctype)
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            if length:
                h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)

        b = self.base
        path = path if path == "/news/draft-1.html?v=2" else path.split("?")[0]
        if path == "/robots.txt":
            return send(200, ROBOTS.encode(), "text/plain")
        if path in ("/ok", "/private/public.html", "/news/draft-1.html?v=2") or path.startswith("/page/"):
            return send(200, CLEAN.encode())
        if path in ("/private/secret.html", "/news/draft-1.html"):
            return send(200, CLEAN.encode())
        if path == "/article.txt":
            return send(200, ARTICLE.encode(), "text/plain; charset=utf-8")
        if path == "/notes.md":
            return send(200, b"# Notes\n\nThe Bay \xe6\xb2\x9a procuratorate held a meeting.\n", "text/markdown")
        if path == "/gbk.html":
            return send(200, GBK_BODY, "text/html; charset=gbk")
        if path == "/meta-gbk.html":  # charset only in the page, markup around the article
            return send(200, META_GBK_PAGE, "text/html")
        if path == "/wrong.html":
            return send(200, GBK_BODY, "text/html; charset=utf-8")
        if path == "/missing":
            return send(404, b"<p>Not found</p>")
        if path == "/flaky":
            return send(500, b"busy") if n == 1 else send(200, ARTICLE.encode(), "text/plain; charset=utf-8")
        if path == "/down":
            return send(503, b"down", headers={"Retry-After": "0"})
        if path == "/hang-once":
            if n == 1:
                time.sleep(2.5)
            return send(200, ARTICLE.encode(), "text/plain; charset=utf-8")
        if path == "/slow":  # headers at once, then one byte every 0.2 s for a minute
            h.send_response(200)
            h.send_header("Content-Type", "text/plain; charset=utf-8")
            h.send_header("Content-Length", "300")
            h.end_headers()
            for _ in range(300):
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(0.2)
            return None
        if path == "/big":
            return send(200, b"<p>" + b"word " * 400_000 + b"</p>")
        if path == "/big-unsized":  # no Content-Length: the body ends when the connection closes
            return send(200, b"<p>" + b"word " * 400_000 + b"</p>", length=False)
        if path == "/report.pdf":
            return send(200, b"%PDF-1.7\n...", "application/pdf")
        if path == "/image.html":
            return send(200, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/html")
        if path == "/nul.html":
            return send(200, b"\x00\x01\x02\x03 garbage \x00\x00", "text/html")
        if path == "/loop/a":
            return send(302, headers={"Location": "/loop/b"})
        if path == "/loop/b":
            return send(302, headers={"Location": f"{b}/loop/a"})
        if path == "/moved":
            return send(301, headers={"Location": "/article.txt"})
        if path == "/away":
            port = b.rsplit(":", 1)[1]
            return send(302, headers={"Location": f"http://localhost:{port}/ok"})
        if path == "/slowpage":
            time.sleep(0.15)
            return send(200, CLEAN.encode())
        if path == "/sitemap_index.xml":
            body = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<sitemap><loc>{b}/sitemap-1.xml.gz</loc></sitemap>"
                    f"<sitemap><loc>{b}/sitemap-2.xml</loc></sitemap></sitemapindex>").encode()
            return send(200, body, "application/xml")
        if path == "/sitemap-1.xml.gz":
            return send(200, gzip.compress(_urlset(b, ["/article.txt", "/gbk.html"])), "application/gzip")
        if path == "/sitemap-2.xml":
            return send(200, _urlset(b, ["/ok", "/missing", "/article.txt"]), "application/xml")
        if path == "/sitemap-big.xml":
            return send(200, _urlset(b, [f"/page/{i}" for i in range(30)]), "text/xml")
        if path == "/sitemap-foreign.xml":
            return send(200, _urlset(b, ["/ok"]) .replace(b"</urlset>", b"<url><loc>http://localhost/x</loc></url>"
                                                                         b"</urlset>"), "text/xml")
        if path == "/sitemap-dtd.xml":
            body = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
                    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol;</loc></url></urlset>')
            return send(200, body, "application/xml")
        if path == "/sitemap-broken.xml":
            return send(200, b"<urlset><url><loc>x</loc></url>", "application/xml")
        return send(404, b"no route")


@pytest.fixture(scope="module")
def site():
    s = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            s.handle(self)

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that hung up on a slow page

    server = Server(("127.0.0.1", 0), Handler)
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield s
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


FAST = FetchOptions(timeout=5, retries=1, backoff=0.01)


def _check(*urls, options=FAST, **kw):
    return check_paths(list(urls), fetch=options, **kw)


def _by_path(report):
    return {fr.path: fr for fr in report.files}


def _reason(fr):
    assert [f.code for f in fr.findings] == ["PT901"], fr.findings
    f = fr.findings[0]
    assert (f.line, f.column, f.path, f.severity.name) == (1, 1, fr.path, "ERROR")
    return f.data["reason"], f.message


# -- pages that are checked -----------------------------------------------------------------------
def test_gbk_page_declared_in_the_header(site):
    report = _check(site.base + "/gbk.html")
    fr = report.files[0]
    assert fr.checked and fr.encoding == "gb18030" and "HTTP header" in fr.encoding_description
    han = [f for f in fr.findings if "沚" in f.matched]
    assert han and (han[0].line, han[0].column) == (1, GBK_BODY.decode("gbk").index("Bay 沚") + 1)
    assert han[0].path == site.base + "/gbk.html"
    assert report.exit_code() == 1


def test_page_is_read_as_html_with_its_meta_charset(site):
    report = _check(site.base + "/meta-gbk.html")
    fr = report.files[0]
    assert fr.checked and fr.encoding == "gb18030" and fr.encoding_source == "meta"
    found = {(f.code, f.matched) for f in fr.findings}
    assert ("PT301", "Bay 沚") in found
    assert not any("var x" in f.matched or "，" in f.matched for f in fr.findings)  # the script is not text
    f = next(f for f in fr.findings if f.code == "PT301")
    page = META_GBK_PAGE.decode("gbk")
    line = page.count("\n", 0, page.index("Bay 沚")) + 1
    assert f.line == line  # a position in the page's markup


def test_wrongly_declared_page_falls_back_to_detection_and_says_so(site):
    report = _check(site.base + "/wrong.html")
    fr = report.files[0]
    assert fr.checked and fr.encoding == "gb18030"
    assert any("沚" in f.matched for f in fr.findings)
    assert any(site.base + "/wrong.html" in w and "utf-8" in w for w in report.warnings), report.warnings


def test_plain_text_and_markdown_pages(site):
    report = _check(site.base + "/article.txt", site.base + "/notes.md")
    frs = _by_path(report)
    assert [f.code for f in frs[site.base + "/article.txt"].findings] == ["PT301"]
    md = frs[site.base + "/notes.md"]
    assert [(f.code, f.line) for f in md.findings] == [("PT301", 3)]


def test_a_redirect_is_followed_and_the_report_keeps_the_url_asked_for(site):
    fr = _check(site.base + "/moved").files[0]
    assert fr.path == site.base + "/moved" and fr.final_url == site.base + "/article.txt"
    assert fr.findings and all(f.path == site.base + "/moved" for f in fr.findings)


def test_user_agent_names_procutext(site):
    _check(site.base + "/ok")
    assert USER_AGENT in site.agents and USER_AGENT.startswith("procutext/")


def test_a_500_that_recovers_on_retry_is_checked(site):
    before = site.hits.get("/flaky", 0)
    fr = _check(site.base + "/flaky").files[0]
    assert fr.checked and [f.code for f in fr.findings] == ["PT301"]
    assert site.hits["/flaky"] - before == 2


def test_a_timeout_is_retried(site):
    fr = _check(site.base + "/hang-once", options=FetchOptions(timeout=1, retries=1, backoff=0.01)).files[0]
    assert fr.checked and site.hits["/hang-once"] == 2


# -- pages that are not ---------------------------------------------------------------------------
def test_404(site):
    report = _check(site.base + "/missing")
    assert _reason(report.files[0]) == ("http-status", "not fetched: HTTP 404 Not Found")
    assert report.exit_code() == 1 and report.findings[0].data["status"] == 404


def test_5xx_is_retried_a_bounded_number_of_times(site):
    before = site.hits.get("/down", 0)
    report = _check(site.base + "/down", options=FetchOptions(retries=2, backoff=0.01))
    reason, message = _reason(report.files[0])
    assert reason == "http-status" and "503" in message and "3 attempts" in message
    assert site.hits["/down"] - before == 3


def test_redirect_loop(site):
    reason, message = _reason(_check(site.base + "/loop/a").files[0])
    assert reason == "redirect-loop"
    assert message.count("/loop/a") == 2 and "/loop/b" in message


def test_too_many_redirects(site):
    reason, message = _reason(_check(site.base + "/moved", options=FetchOptions(max_redirects=0)).files[0])
    assert reason == "too-many-redirects" and "more than 0 redirects" in message


def test_slow_drip_page_is_cut_off_at_the_deadline(site):
    t0 = time.monotonic()
    report = _check(site.base + "/slow", options=FetchOptions(timeout=1, retries=0))
    elapsed = time.monotonic() - t0
    reason, message = _reason(report.files[0])
    assert reason == "timeout" and "1 s" in message
    assert elapsed < 5, f"the slow page held the run for {elapsed:.1f} s"  # it would drip for 60 s


def test_oversized_page_with_and_without_content_length(site):
    options = FetchOptions(max_page_size=1024 * 1024)
    frs = _by_path(_check(site.base + "/big", site.base + "/big-unsized", options=options))
    r1, m1 = _reason(frs[site.base + "/big"])
    r2, m2 = _reason(frs[site.base + "/big-unsized"])
    assert r1 == r2 == "too-large"
    assert "Content-Length" in m1 and "1 MiB" in m1
    assert "stopped reading" in m2
    # and with a larger cap the same page is read
    assert _check(site.base + "/big-unsized", options=FetchOptions(max_page_size=4 * 1024 * 1024)).files[0].checked


def test_robots_txt_is_honoured_with_rfc_9309_matching(site):
    urls = [site.base + p for p in ("/private/secret.html", "/private/public.html", "/news/draft-1.html",
                                    "/news/draft-1.html?v=2", "/ok")]
    before = site.hits.get("/private/secret.html", 0)
    frs = _by_path(_check(*urls))
    assert _reason(frs[urls[0]])[0] == "robots"
    assert "--ignore-robots" in _reason(frs[urls[0]])[1]
    assert _reason(frs[urls[2]])[0] == "robots"  # Disallow: /*/draft-*.html$ (a wildcard and an end anchor)
    for u in (urls[1], urls[3], urls[4]):  # the longer Allow wins; $ does not match a query
        assert frs[u].checked and frs[u].findings == []
    assert site.hits.get("/private/secret.html", 0) == before  # never requested
    assert _check(urls[0], options=FetchOptions(ignore_robots=True)).files[0].checked


def test_content_type_that_is_not_html_or_text(site):
    reason, message = _reason(_check(site.base + "/report.pdf").files[0])
    assert reason == "content-type" and "application/pdf" in message


@pytest.mark.parametrize("path,what", [("/image.html", "a PNG image"), ("/nul.html", "NUL bytes")])
def test_binary_response_served_as_html(site, path, what):
    reason, message = _reason(_check(site.base + path).files[0])
    assert reason == "binary" and what in message and "text/html" in message


@pytest.mark.parametrize("url,why", [
    ("http://exa mple.org/", "space"),
    ("ftp://example.org/file.txt", "unsupported scheme"),
    ("http://[::1/", "IPv6"),
    ("https:///path", "no host"),
    ("http://example..org/", "bad host name"),
    ("http://example.org:99999/", "bad port"),
])
def test_invalid_url(url, why):
    report = _check(url)
    reason, message = _reason(report.files[0])
    assert reason == "invalid-url" and why in message, message
    assert report.files[0].path == url


def test_dns_failure():
    reason, message = _reason(_check("http://nonexistent.invalid/page.html", options=FetchOptions(retries=0)).files[0])
    assert reason == "dns" and "nonexistent.invalid" in message


def test_connection_refused():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    reason, message = _reason(_check(f"http://127.0.0.1:{port}/", options=FetchOptions(retries=0)).files[0])
    assert reason == "connection" and "cannot connect" in message


def test_a_redirect_to_another_host_needs_allow_host(site):
    reason, message = _reason(_check(site.base + "/away").files[0])
    assert reason == "off-host" and "--allow-host localhost" in message
    fr = _check(site.base + "/away", options=FetchOptions(allow_hosts=("localhost",))).files[0]
    assert fr.checked and fr.final_url.startswith("http://localhost:")


def test_a_mix_checks_the_other_pages(site, tmp_path, capsys):
    listing = tmp_path / "urls.txt"
    listing.write_text("# pages of the English site\n\n"
                       f"{site.base}/article.txt   # the seed article\n"
                       f"{site.base}/missing\n"
                       "http://nonexistent.invalid/\n"
                       "not a url\n"
                       f"{site.base}/report.pdf\n"
                       f"{site.base}/ok\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--urls", str(listing), "--retries", "0", "--timeout", "5")
    assert code == 1
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert lines[0].startswith(f"{site.base}/article.txt:1:") and "PT301" in lines[0]
    assert f"{site.base}/missing:1:1: PT901 not fetched: HTTP 404 Not Found" in lines
    assert any(line.startswith("http://nonexistent.invalid/:1:1: PT901 not fetched: DNS lookup failed") for line in lines)
    assert any(line.startswith("not a url:1:1: PT901 not fetched: invalid URL") for line in lines)
    assert any(line.startswith(f"{site.base}/report.pdf:1:1: PT901") for line in lines)
    assert not any(line.startswith(f"{site.base}/ok:") for line in lines)
    assert "4 pages that could not be fetched (PT901)" in err and "2 files" in err


# -- sitemaps ---------------------------------------------------------------------------------------
def test_sitemap_index_with_a_gzip_sitemap(site):
    report = check_paths(sitemaps=[site.base + "/sitemap_index.xml"], fetch=FAST)
    paths = [fr.path for fr in report.files]
    # every page once, in sitemap order; the duplicate /article.txt is fetched once
    assert paths == [site.base + p for p in ("/article.txt", "/gbk.html", "/ok", "/missing")]
    frs = _by_path(report)
    assert frs[site.base + "/gbk.html"].encoding == "gb18030"
    assert _reason(frs[site.base + "/missing"])[0] == "http-status"
    assert frs[site.base + "/missing"].findings[0].data["source"] == f"sitemap {site.base}/sitemap-2.xml"
    assert report.exit_code() == 1


def test_max_pages_cuts_a_sitemap_and_says_so(site):
    report = check_paths(sitemaps=[site.base + "/sitemap-big.xml"], fetch=FetchOptions(max_pages=7))
    assert [fr.path for fr in report.files] == [f"{site.base}/page/{i}" for i in range(7)]
    assert any("--max-pages" in w and "7" in w for w in report.warnings)
    assert report.exit_code() == 0


def test_sitemap_entries_on_another_host_are_not_fetched(site):
    frs = _by_path(check_paths(sitemaps=[site.base + "/sitemap-foreign.xml"], fetch=FAST))
    assert frs[site.base + "/ok"].checked
    assert _reason(frs["http://localhost/x"])[0] == "off-host"


@pytest.mark.parametrize("path,reason,words", [
    ("/sitemap-dtd.xml", "sitemap", "document type declaration"),
    ("/sitemap-broken.xml", "sitemap", "not well-formed XML"),
    ("/missing", "http-status", "HTTP 404"),
])
def test_a_sitemap_that_cannot_be_read(site, path, reason, words):
    report = check_paths(sitemaps=[site.base + path], fetch=FAST)
    got, message = _reason(report.files[0])
    assert got == reason and message.startswith("sitemap not read") and words in message
    assert report.exit_code() == 1


# -- limits and options -----------------------------------------------------------------------------
def test_concurrency_bounds_the_requests_in_flight(site):
    urls = [f"{site.base}/slowpage?{i}" for i in range(8)]
    for concurrency in (1, 4):
        site.max_inflight = 0
        report = _check(*urls, options=FetchOptions(concurrency=concurrency))
        assert all(fr.checked for fr in report.files)
        assert [fr.path for fr in report.files] == urls  # the input order, whatever the completion order
        assert site.max_inflight == concurrency


def test_fetch_options_are_validated():
    for bad in ({"concurrency": 0}, {"timeout": 0}, {"retries": -1}, {"max_page_size": 0}, {"allow_hosts": "x.org"},
                {"allow_hosts": ("a b",)}, {"allow_hosts": ("x..org",)}):
        with pytest.raises((ValueError, TypeError)):
            FetchOptions(**bad)


def test_proxy_from_the_environment(site, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", site.base)
    fr = check_paths(["http://proxied.invalid/article.txt"], fetch=FAST).files[0]
    assert fr.checked and [f.code for f in fr.findings] == ["PT301"]
    assert site.proxied[-2:] == ["http://proxied.invalid/robots.txt", "http://proxied.invalid/article.txt"]
    monkeypatch.setenv("NO_PROXY", "proxied.invalid")
    fr = check_paths(["http://proxied.invalid/article.txt"], fetch=FAST).files[0]
    assert fr.findings[0].data["reason"] == "dns"
    monkeypatch.delenv("NO_PROXY")
    direct = check_paths(["http://proxied.invalid/article.txt"], fetch=FetchOptions(trust_env=False, retries=0))
    assert direct.files[0].findings[0].data["reason"] == "dns"


def test_per_file_ignores_match_the_url_path(site, tmp_path, monkeypatch):
    (tmp_path / "procutext.toml").write_text('[per-file-ignores]\n"*.txt" = ["PT3", "PT5"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    fr = check_paths([site.base + "/article.txt"], fetch=FAST).files[0]
    assert fr.checked and fr.findings == []


def test_ignoring_pt901_turns_unfetched_pages_into_warnings(site):
    report = check_paths([site.base + "/missing"], fetch=FAST, ignore=["PT901"])
    assert report.findings == [] and any("HTTP 404" in w and "PT901" in w for w in report.warnings)


def test_local_files_and_pages_in_one_run(site, tmp_path):
    local = tmp_path / "a.txt"
    local.write_text(ARTICLE, encoding="utf-8")
    report = check_paths([str(local), site.base + "/ok"], fetch=FAST)
    assert [fr.path for fr in report.files] == [str(local), site.base + "/ok"]
    assert report.paths == (str(local), site.base + "/ok")
    by_keyword = check_paths([str(local)], urls=[site.base + "/ok"], fetch=FAST)
    assert [fr.path for fr in by_keyword.files] == [str(local), site.base + "/ok"]


def test_pages_alone_do_not_check_the_current_directory(site, tmp_path, monkeypatch, capsys):
    (tmp_path / "draft.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [fr.path for fr in check_paths(urls=[site.base + "/ok"], fetch=FAST).files] == [site.base + "/ok"]
    code, out, err = run(capsys, "check", "--sitemap", site.base + "/sitemap-2.xml")
    assert "draft.txt" not in out and f"{site.base}/missing:1:1: PT901" in out and code == 1


def test_fixing_a_page_in_place_is_refused(site):
    report = check_paths([site.base + "/article.txt"], fix=True, fetch=FAST)
    assert report.exit_code() == 2 and "cannot be written to a fetched page" in report.errors[0]
    dry = check_paths([site.base + "/article.txt"], fix=True, write=False, fetch=FAST)
    assert dry.files[0].checked and dry.exit_code() in (0, 1)


def test_fix_diff_shows_the_fixes_of_a_page(site, capsys):
    code, out, err = run(capsys, "fix", "--diff", site.base + "/gbk.html")
    assert "Traceback" not in err and code in (0, 1)
    assert out == "" or out.startswith(f"--- a/{site.base}/gbk.html")


# -- the command line ---------------------------------------------------------------------------------
def test_cli_url_argument_and_json(site, capsys):
    import json

    code, out, err = run(capsys, "check", "--output-format", "json", site.base + "/missing", site.base + "/ok")
    doc = json.loads(out)
    assert code == 1
    assert [(f["path"], f["code"], f["line"], f["column"], f["data"]["reason"]) for f in doc["findings"]] == \
           [(site.base + "/missing", "PT901", 1, 1, "http-status")]


def test_cli_flags_reach_the_fetcher(site, capsys):
    code, out, err = run(capsys, "check", "--timeout", "1", "--retries", "0", "--max-page-size", "1MB",
                         site.base + "/slow", site.base + "/big")
    assert code == 1
    assert "no complete response within 1 s" in out and "over 1 MiB" in out


def test_cli_rejects_bad_flag_values(capsys):
    for flag, value in (("--concurrency", "0"), ("--timeout", "-1"), ("--max-page-size", "lots"),
                        ("--allow-host", "bad..host")):
        code, out, err = run(capsys, "check", flag, value, "http://127.0.0.1/")
        assert code == 2 and out == "" and flag in err and "Traceback" not in err


def test_cli_urls_file_problems(tmp_path, capsys):
    empty = tmp_path / "urls.txt"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--urls", str(empty))
    assert code == 2 and f"{empty}: no URL in this file" in err
    code, _, err = run(capsys, "check", "--urls", str(tmp_path / "absent.txt"))
    assert code == 2 and "absent.txt: no such file" in err and "Traceback" not in err


def test_progress_bar_only_on_a_terminal(site):
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, tty = io.StringIO(), Terminal()
    check_paths([site.base + "/ok", site.base + "/article.txt"], fetch=FAST, progress=quiet)
    check_paths([site.base + "/ok", site.base + "/article.txt"], fetch=FAST, progress=tty)
    assert quiet.getvalue() == ""
    assert "fetching" in tty.getvalue() and "/2" in tty.getvalue()


def test_missing_web_extra_is_a_clear_error(monkeypatch, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "aiohttp", None)
    code, out, err = run(capsys, "check", "https://www.example.gov.cn/en/")
    assert code == 2 and "pip install 'procutext[web]'" in err and "aiohttp is not installed" in err
    assert "Traceback" not in err


def test_checking_a_local_file_does_not_import_the_web_stack(tmp_path):
    import subprocess
    import sys

    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    code = ("import sys, procutext.cli as c\n"
            f"c.main(['check', '--exit-zero', {str(f)!r}])\n"
            "print(sorted(m for m in ('aiohttp', 'protego', 'tqdm', 'yarl', 'procutext.fetch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_reason_values_are_documented_in_pt901():
    from procutext import get_rule

    doc = get_rule("PT901").doc
    assert all(f"`{r.value}`" in doc for r in Reason)


def test_fetching_from_inside_an_event_loop(site):
    import asyncio

    async def main():
        return check_paths([site.base + "/ok"], fetch=FAST)

    assert asyncio.run(main()).files[0].checked


def test_the_stream_can_be_left_early(site):
    from procutext.fetch import fetch_pages

    urls = [(f"{site.base}/slowpage?early{i}", None) for i in range(20)]
    with fetch_pages(urls, [], FetchOptions(concurrency=2)) as stream:
        first = next(iter(stream))
    assert first.ok
    assert sum(1 for k in site.hits if "early" in k) < 20


def test_page_body_helpers():
    from procutext.fetch import parse_content_type, sniff_binary

    assert parse_content_type('text/HTML; Charset="GBK"') == ("text/html", "GBK")
    assert parse_content_type(None) == (None, None)
    assert sniff_binary("English text".encode("utf-16")) is None
    assert sniff_binary("English text".encode("utf-16-le")) is None
    assert sniff_binary(b"%PDF-1.4") == "a PDF document"


def test_pt901_finds_nothing_in_text():
    import procutext  # PT901 comes from the runner only

    assert procutext.check("HTTP/1.1 404 Not Found: not fetched", select=["PT901"]) == []

