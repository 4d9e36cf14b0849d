"""Fetching published pages to check them: URLs, URL lists and sitemaps.

The network part (:mod:`procutext.fetch.client`) needs the ``procutext[web]`` extra
(aiohttp, protego, tqdm); this module is standard library only, so that checking a local
file never imports it. :func:`fetch_pages` is the entry point::

    with fetch_pages([("https://www.example.gov.cn/en/", None)], [], FetchOptions()) as pages:
        for page in pages:          # in completion order; page.index gives the input order
            if page.ok: ...         # page.body, page.media_type, page.charset
            else: ...               # page.reason (a Reason value) and page.message

What the client does, with the :class:`FetchOptions` that set it:

- ``concurrency`` requests at a time (default 8), each under one total deadline
  (``timeout``, default 30 s: connecting, headers and the whole body; a server that drips
  the body byte by byte is cut off at the deadline);
- ``retries`` more attempts (default 2) on a 5xx status, a timeout or a broken connection,
  after ``backoff`` × 2ⁿ seconds (or ``Retry-After``, up to ``timeout``); a DNS failure, a
  4xx or a too-large body is not retried. A page thus takes at most about
  (retries + 1) × timeout per redirect hop, plus the back-off;
- redirects followed by hand, at most ``max_redirects`` (default 10), each hop checked
  against the hosts and robots.txt; a loop is reported as a loop;
- bodies read up to ``max_page_size`` (default 10 MiB, decompressed size): a
  ``Content-Length`` over it is refused before reading, a longer body is cut off;
- only the hosts of the URLs given (command line, ``--urls`` file, ``--sitemap``) and
  ``allow_hosts`` (``example.org`` or ``*.example.org``): a sitemap entry or a redirect to
  another host is not fetched;
- robots.txt honoured for the token ``procutext`` (RFC 9309 matching by protego, with
  ``*`` and ``$``); a 4xx robots.txt allows everything, a 5xx or unreachable one disallows
  the site, as the RFC says (``ignore_robots`` to override);
- pages must be HTML, XHTML, plain text or Markdown (or carry no Content-Type); a body
  that is binary (NUL bytes, a PDF or image signature) is refused whatever its type says;
- sitemaps: XML url sets and sitemap indexes (nested up to :data:`MAX_SITEMAP_DEPTH`), gzip
  compressed or not, and plain-text sitemaps; at most ``max_pages`` pages from sitemaps.

A page that cannot be fetched is not an exception: it comes out as a :class:`Page` whose
``reason`` says why, and the runner turns it into a PT901 finding.
"""

from __future__ import annotations

import enum
import ipaddress
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence, TextIO
from urllib.parse import unquote, urldefrag, urlsplit

from .. import __version__

if TYPE_CHECKING:
    from .client import PageStream

__all__ = ["FetchOptions", "Page", "Reason", "HostPolicy", "WebUnavailable", "FetchCrashed", "fetch_pages", "is_url",
           "url_problem", "read_url_list", "require_web", "USER_AGENT", "ROBOTS_TOKEN"]

#: the product token robots.txt groups are matched against
ROBOTS_TOKEN = "procutext"
USER_AGENT = f"procutext/{__version__} (checks the English of published pages; python aiohttp)"

DEFAULT_CONCURRENCY = 8
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_PAGE_SIZE = 10 * 1024 * 1024
DEFAULT_MAX_PAGES = 5000
DEFAULT_RETRIES = 2
DEFAULT_MAX_REDIRECTS = 10
#: a sitemap index may list sitemap indexes this deep (the protocol allows none; some sites nest)
MAX_SITEMAP_DEPTH = 3

#: media types checked, and the reader kind each is checked as
PAGE_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}


class Reason(str, enum.Enum):
    """Why a page was not checked (``Page.reason``; PT901's ``data["reason"]``)."""

    HTTP_STATUS = "http-status"
    TIMEOUT = "timeout"
    DNS = "dns"
    CONNECTION = "connection"
    REDIRECT_LOOP = "redirect-loop"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    TOO_LARGE = "too-large"
    ROBOTS = "robots"
    CONTENT_TYPE = "content-type"
    BINARY = "binary"
    DECODE = "decode"
    INVALID_URL = "invalid-url"
    OFF_HOST = "off-host"
    SITEMAP = "sitemap"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


class WebUnavailable(Exception):
    """The ``procutext[web]`` extra is not installed."""


class FetchCrashed(RuntimeError):
    """The fetching thread stopped on an unexpected error (a bug): ``str()`` says which."""


def require_web() -> None:
    """Raise :class:`WebUnavailable` with the install command unless aiohttp and protego import."""
    missing = []
    for name in ("aiohttp", "protego"):
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise WebUnavailable(
            f"checking URLs and sitemaps needs the web extra: pip install 'procutext[web]' "
            f"({' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not installed)")


@dataclass(frozen=True)
class FetchOptions:
    """How pages are fetched (see the module documentation for what each does)."""

    concurrency: int = DEFAULT_CONCURRENCY
    timeout: float = DEFAULT_TIMEOUT
    max_page_size: int = DEFAULT_MAX_PAGE_SIZE
    max_pages: int = DEFAULT_MAX_PAGES
    allow_hosts: tuple[str, ...] = ()
    ignore_robots: bool = False
    retries: int = DEFAULT_RETRIES
    backoff: float = 0.5
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    user_agent: str = USER_AGENT
    #: honour HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY from the environment, as curl does
    trust_env: bool = True

    def __post_init__(self) -> None:
        for name in ("concurrency", "max_page_size", "max_pages"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive whole number, not {value!r}")
        for name in ("retries", "max_redirects"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be a whole number ≥ 0, not {value!r}")
        for name in ("timeout", "backoff"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not value >= 0 or \
                    (name == "timeout" and value == 0):
                raise ValueError(f"{name} must be a positive number of seconds, not {value!r}")
        if isinstance(self.allow_hosts, str):
            raise TypeError("allow_hosts must be a list of host names, not a string")
        object.__setattr__(self, "allow_hosts", tuple(self.allow_hosts))
        for name in self.allow_hosts:
            problem = host_problem(name) if isinstance(name, str) else "not a string"
            if problem:
                raise ValueError(f"allow_hosts: {name!r}: {problem}")


@dataclass
class Page:
    """One fetched page, or why it could not be fetched (``reason`` and ``message``).

    ``url`` is the URL as it was asked for (given, listed in a file or in a sitemap);
    ``final_url`` the URL the body came from after redirects (None when not fetched or not
    redirected). ``index`` is the page's place in the input order; ``source`` where the URL
    came from (``urls.txt:3``, ``sitemap https://…/sitemap.xml``), None for a URL given
    directly."""

    url: str
    index: int = 0
    source: str | None = None
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    body: bytes | None = None
    reason: Reason | None = None
    message: str | None = None
    attempts: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.reason is None

    @property
    def media_type(self) -> str | None:
        return parse_content_type(self.content_type)[0]

    @property
    def charset(self) -> str | None:
        return parse_content_type(self.content_type)[1]


def fail(url: str, reason: Reason, message: str, **kw: object) -> Page:
    return Page(url=url, reason=reason, message=message, **kw)  # type: ignore[arg-type]


# -- URLs ---------------------------------------------------------------------------------------
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_BLANK = re.compile(r"[\s\x00-\x1f\x7f]")
_LABEL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$")


def is_url(text: str) -> bool:
    """Whether a command-line path is meant as a URL (``scheme://…``)."""
    return bool(_SCHEME.match(text))


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be fetched (not http/https, no host, a bad port or host name,
    spaces), or None when it is a fetchable URL."""
    if not url:
        return "empty URL"
    if _BLANK.search(url):
        return "it contains a space or a control character (percent-encode it: %20)"
    try:
        parts = urlsplit(url)
    except ValueError as e:
        return str(e)
    if parts.scheme.lower() not in ("http", "https"):
        scheme = f"{parts.scheme}:" if parts.scheme else "none"
        return f"unsupported scheme ({scheme}): only http and https pages are fetched"
    host = parts.hostname
    if not host:
        return "no host name"
    try:
        parts.port
    except ValueError as e:
        return f"bad port: {e}"
    if ":" in host or host.replace(".", "").isdigit():
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return f"bad IP address {host!r}"
        return None
    try:
        ascii_host = norm_host(host)
    except UnicodeError:
        return f"bad host name {host!r}"
    labels = ascii_host.rstrip(".").split(".")
    if not all(_LABEL.match(label) for label in labels):
        return f"bad host name {host!r}"
    return None


def strip_fragment(url: str) -> str:
    return urldefrag(url)[0]


def norm_host(host: str) -> str:
    """A host name for comparison: lower case, no trailing dot, IDNA (punycode) for
    non-ASCII names. Raises UnicodeError for a name IDNA refuses."""
    host = host.strip().lower().rstrip(".")
    if host.isascii():
        return host
    return host.encode("idna").decode("ascii")


def host_of(url: str) -> str:
    """The host of a URL for comparison ("" for a URL that has none or cannot be parsed)."""
    try:
        return norm_host(urlsplit(url).hostname or "")
    except (ValueError, UnicodeError):
        return ""


def url_path(url: str) -> str:
    """The decoded path of a URL (``/en/news/1.html``; "" when it cannot be parsed)."""
    try:
        return unquote(urlsplit(url).path)
    except ValueError:
        return ""


def host_problem(name: str) -> str | None:
    """Why an ``--allow-host`` value is not a host name (``example.org``, ``*.example.org``,
    or a URL, taken for its host), or None."""
    name = name.strip()
    if "://" in name:
        try:
            name = urlsplit(name).hostname or ""
        except ValueError as e:
            return str(e)
    if name.startswith("*."):
        name = name[2:]
    if not name:
        return "no host name"
    try:
        ipaddress.ip_address(name.strip("[]"))
        return None
    except ValueError:
        pass
    try:
        labels = norm_host(name).split(".")
    except UnicodeError:
        return "not a valid host name"
    if not all(_LABEL.match(label) for label in labels):
        return "not a valid host name"
    return None


class HostPolicy:
    """The hosts pages may come from: those of the URLs given, plus ``--allow-host`` names
    (``example.org``, or ``*.example.org`` for its subdomains and itself)."""

    def __init__(self, hosts: Iterable[str] = (), allowed: Iterable[str] = ()) -> None:
        self.exact: set[str] = set()
        self.suffixes: set[str] = set()
        for h in hosts:
            self.add(h)
        for a in allowed:
            self.allow(a)

    def add(self, host: str) -> None:
        try:
            self.exact.add(norm_host(host))
        except UnicodeError:
            pass

    def allow(self, name: str) -> None:
        """An ``--allow-host`` value; a URL is taken for its host."""
        name = name.strip()
        if host_problem(name):
            return
        if "://" in name:
            name = urlsplit(name).hostname or ""
        name = name.strip("[]")
        if name.startswith("*."):
            base = norm_host(name[2:])
            self.exact.add(base)
            self.suffixes.add("." + base)
        elif name:
            self.exact.add(norm_host(name))

    def allows(self, host: str) -> bool:
        try:
            h = norm_host(host)
        except UnicodeError:
            return False
        return h in self.exact or any(h.endswith(s) for s in self.suffixes)

    def describe(self) -> str:
        names = sorted(self.exact) + sorted("*" + s for s in self.suffixes)
        shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
        return shown or "none"


def read_url_list(path: str) -> list[tuple[str, str]]:
    """The URLs of a ``--urls`` file with where each came from (``urls.txt:3``): one URL per
    line; blank lines and lines whose first non-blank character is ``#`` are skipped, and
    text after whitespace and ``#`` is a comment. Raises InputError (unreadable, empty)."""
    from ..files import InputError, read_file

    tf = read_file(path)
    out = []
    for n, line in enumerate(tf.text.splitlines(), 1):
        item = re.split(r"\s+#", line.strip(), maxsplit=1)[0].strip()
        if item and not item.startswith("#"):
            out.append((item, f"{path}:{n}"))
    if not out:
        raise InputError(path, "no URL in this file (one URL per line; # starts a comment)")
    return out


# -- bodies -------------------------------------------------------------------------------------
def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """(media type in lower case, charset) of a Content-Type header; (None, None) when absent."""
    if not value:
        return None, None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").strip() or None
    return (media.strip().lower() or None), charset


#: signatures of binary formats that sites serve with a text Content-Type
MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx, .xlsx)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls)"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)


def sniff_binary(body: bytes) -> str | None:
    """What binary content ``body`` is (``a PDF document``, ``binary data (NUL bytes)``), or
    None when it may be text. UTF-16/32 text (with a BOM, or recognised by its NUL pattern)
    is text."""
    from .. import charsets
    from ..files import BOMS, SNIFF

    for magic, what in MAGIC:
        if body.startswith(magic):
            return what
    if any(body.startswith(mark) for mark, _ in BOMS):
        return None
    head = body[:SNIFF]
    if b"\x00" in head and charsets.sniff_wide(head) is None:
        return "binary data (NUL bytes)"
    return None


def fetch_pages(urls: Sequence[tuple[str, str | None]], sitemaps: Sequence[str] = (),
                options: FetchOptions | None = None, *, progress: TextIO | None = None) -> "PageStream":
    """Fetch ``urls`` (each with where it came from, or None) and the pages ``sitemaps``
    list, in a background thread; iterate over the returned stream (a context manager) to
    get each :class:`Page` as it arrives. ``progress``: a stream to draw a progress bar on
    (only when it is a terminal). Raises WebUnavailable without the web extra."""
    require_web()
    from .client import PageStream

    return PageStream(list(urls), list(sitemaps), options or FetchOptions(), progress=progress)

