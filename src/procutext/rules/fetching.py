"""Inputs that could not be read: pages that were not fetched (PT9xx).

These rules are reported by the runner (:mod:`procutext.runner`) for an input it could not
turn into a Document, not by scanning text: their functions find nothing in a text. Their
examples are raw HTTP responses (``kind="http"``) that tests/test_fetch_examples.py serves
from a local server and checks through the runner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ..model import Finding, Severity
from ..registry import Example, rule

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Document

_OK_PAGE = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            "<p>The procuratorate held a meeting on the work report.</p>\n")


@rule(
    "PT901",
    "page-not-fetched",
    family="fetching",
    severity=Severity.ERROR,
    examples=[
        Example("HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Not found</p>\n",
                _OK_PAGE, kind="http"),
        Example("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n",
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                "The procuratorate held a meeting on the work report.\n", kind="http"),
        Example("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n\x00\x01\x02binary\x00\x00",
                _OK_PAGE, kind="http"),
        Example("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\n\r\n", _OK_PAGE, kind="http"),
    ],
)
def page_not_fetched(doc: "Document", ctx: "Context") -> Iterator[Finding]:
    """A page that was asked for could not be fetched or read, so none of its text was checked.

    ## What it does
    Reports, at 1:1 of the page's URL (as given, listed in a `--urls` file or in a
    sitemap), why the page was not checked: an HTTP error status (a 5xx after the retries),
    a timeout (no complete response within `--timeout`), a DNS failure or a refused
    connection, a redirect loop or too many redirects, a body over `--max-page-size`, a
    path robots.txt disallows, a content type that is not HTML or text, a binary body, a
    body that does not decode, an invalid URL, a host that is not one of the hosts given
    (`--allow-host`), or a sitemap that cannot be read. The finding's `data` has `reason`
    (`http-status`, `timeout`, `dns`, `connection`, `redirect-loop`, `too-many-redirects`,
    `too-large`, `robots`, `content-type`, `binary`, `decode`, `invalid-url`, `off-host`,
    `sitemap`, `error`), `status` (the last HTTP status, or null), `source` (where the URL
    came from) and `attempts`.

    The runner reports it; it finds nothing in a text.

    ## Why it matters
    A CI job that skipped the pages it could not fetch would pass without checking them: a
    dead link in the sitemap, a page caught in a redirect loop or a server error would hide
    every defect of that page. The severity is error, so it fails the build at every
    `--fail-level`.

    ## Example
    A server that answers `https://www.example.gov.cn/en/news/0512.html` with
    `HTTP/1.1 404 Not Found`:
    ```text
    https://www.example.gov.cn/en/news/0512.html:1:1: PT901 not fetched: HTTP 404 Not Found
    ```

    ## Use instead
    Fix the page or the list of pages: take dead URLs out of the sitemap or the `--urls`
    file, repair the redirect. For a path the site's robots.txt disallows, `--ignore-robots`
    (when the site is yours); for a page on another host, `--allow-host HOST`; for a slow
    server, a longer `--timeout`. `--ignore PT901` reports unfetched pages as warnings on
    stderr instead, without failing the run.

    ## Fix safety
    No fix: the page is not procutext's to change.
    """
    return iter(())


def not_fetched_finding(url: str, reason: str, message: str, data: dict[str, Any] | None = None) -> Finding:
    """The PT901 finding for ``url``, at 1:1."""
    r = page_not_fetched.rule  # type: ignore[attr-defined]
    prefix = "" if message.startswith(("not fetched", "not checked", "sitemap not read")) else "not fetched: "
    f = r.finding(prefix + message, 0, 0,
                  data={"reason": reason, **(data or {})})
    f.line = f.column = f.end_line = f.end_column = 1
    f.path = url
    return f
