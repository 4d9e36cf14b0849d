"""The HTTP side of :mod:`procutext.fetch`: aiohttp for requests, protego for robots.txt.

An event loop runs in a background thread (so that the caller may itself be inside an event
loop, and so that checking a page overlaps fetching the next ones); pages are handed to the
caller through a queue as they arrive, at most :data:`WINDOW` × concurrency of them waiting.
"""

from __future__ import annotations

import asyncio
import itertools
import queue
import threading
import time
import urllib.request
from dataclasses import dataclass
from typing import Any, Iterator, TextIO

import aiohttp
from protego import Protego
from yarl import URL

from . import (MAX_SITEMAP_DEPTH, FetchCrashed, PAGE_TYPES, ROBOTS_TOKEN, FetchOptions, HostPolicy, Page, Reason, fail,
               host_of, parse_content_type, sniff_binary, strip_fragment, url_problem)
from .sitemaps import MAX_BYTES as SITEMAP_MAX_BYTES
from .sitemaps import SitemapError, parse_sitemap

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: RFC 9309 §2.5: parse at least 500 KiB of a robots.txt (the rest is ignored)
ROBOTS_MAX_BYTES = 512 * 1024
#: RFC 9309 §2.3.1.2: follow at least five redirects for robots.txt
ROBOTS_REDIRECTS = 5
#: pages fetched ahead of the caller, per unit of concurrency
WINDOW = 4
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1"


class _Failure(Exception):
    def __init__(self, reason: Reason, message: str, status: int | None = None, retry: bool = False) -> None:
        super().__init__(message)
        self.reason, self.message, self.status, self.retry = reason, message, status, retry


@dataclass
class _Response:
    status: int
    reason: str
    headers: Any
    body: bytes | None


def _size(n: int) -> str:
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


def _origin(url: str) -> str:
    u = URL(url)
    return str(u.origin())


class Fetcher:
    """Fetches one URL at a time (many concurrently) within the options' limits."""

    def __init__(self, session: aiohttp.ClientSession, options: FetchOptions, hosts: HostPolicy) -> None:
        self.session = session
        self.options = options
        self.hosts = hosts
        self._robots: dict[str, asyncio.Task[tuple[Protego | None, _Failure | None]]] = {}
        # HTTP(S)_PROXY / ALL_PROXY / NO_PROXY read once: aiohttp's own trust_env looks them
        # (and ~/.netrc) up in a thread for every request, which halves the throughput
        self._proxies = urllib.request.getproxies_environment() if options.trust_env else {}
        self._proxy_cache: dict[str, str | None] = {}

    async def fetch(self, url: str, *, want: str = "page") -> Page:
        """The page at ``url`` (``want``: ``"page"`` or ``"sitemap"``); never raises for a
        network or HTTP problem: the Page says what went wrong."""
        t0 = time.monotonic()
        page = Page(url=url)
        try:
            await self._follow(page, want)
        except _Failure as f:
            page.reason, page.message, page.body = f.reason, f.message, None
            if f.status is not None:
                page.status = f.status
        page.seconds = time.monotonic() - t0
        return page

    def _proxy(self, url: str) -> str | None:
        if not self._proxies:
            return None
        origin = _origin(url)
        if origin not in self._proxy_cache:
            u = URL(url)
            proxy = self._proxies.get(u.scheme) or self._proxies.get("all")
            if proxy and urllib.request.proxy_bypass_environment(u.host or "", self._proxies):
                proxy = None
            self._proxy_cache[origin] = proxy
        return self._proxy_cache[origin]

    # -- one page, following redirects ------------------------------------------------------
    async def _follow(self, page: Page, want: str) -> None:
        opts = self.options
        problem = url_problem(page.url)
        if problem:
            raise _Failure(Reason.INVALID_URL, f"invalid URL: {problem}")
        current = strip_fragment(page.url)
        chain = [current]
        for hop in range(opts.max_redirects + 1):
            host = host_of(current)
            if not self.hosts.allows(host):
                how = "redirected to" if hop else "on"
                raise _Failure(Reason.OFF_HOST, f"{how} host {host}, which is not a host of the URLs given "
                                                f"({self.hosts.describe()}); --allow-host {host} to check it")
            if not opts.ignore_robots:
                await self._check_robots(current)
            resp = await self._request(current, page, want)
            page.status = resp.status
            if resp.status in REDIRECT_STATUSES:
                location = resp.headers.get("Location")
                if not location:
                    raise _Failure(Reason.HTTP_STATUS, f"HTTP {resp.status} redirect without a Location header",
                                   resp.status)
                try:
                    nxt = strip_fragment(str(URL(current).join(URL(location))))
                except (ValueError, TypeError) as e:
                    raise _Failure(Reason.INVALID_URL, f"redirected to an invalid URL {location!r}: {e}") from None
                problem = url_problem(nxt)
                if problem:
                    raise _Failure(Reason.INVALID_URL, f"redirected to an invalid URL {location!r}: {problem}")
                if nxt in chain:
                    loop = [*chain[chain.index(nxt):], nxt]
                    raise _Failure(Reason.REDIRECT_LOOP, f"redirect loop: {' → '.join(loop)}", resp.status)
                chain.append(nxt)
                current = nxt
                continue
            if not 200 <= resp.status < 300:
                raise _Failure(Reason.HTTP_STATUS, f"HTTP {resp.status} {resp.reason}".rstrip(), resp.status)
            page.final_url = current if current != strip_fragment(page.url) else None
            page.content_type = resp.headers.get("Content-Type")
            page.body = resp.body
            return
        raise _Failure(Reason.TOO_MANY_REDIRECTS,
                       f"more than {opts.max_redirects} redirects, from {chain[0]} to {chain[-1]}")

    async def _request(self, url: str, page: Page, want: str) -> _Response:
        """One hop, retried on 5xx, timeouts and broken connections."""
        opts = self.options
        for attempt in range(opts.retries + 1):
            page.attempts += 1
            delay = opts.backoff * (2 ** attempt)
            last = attempt == opts.retries
            tries = f" ({attempt + 1} attempts)" if attempt else ""
            try:
                resp = await self._attempt(url, want)
            except _Failure as f:
                if not f.retry or last:
                    if f.retry and attempt:
                        f.message += tries
                    raise
            else:
                if resp.status < 500:
                    return resp
                if last:
                    raise _Failure(Reason.HTTP_STATUS, f"HTTP {resp.status} {resp.reason}".rstrip() + tries, resp.status)
                delay = max(delay, _retry_after(resp.headers.get("Retry-After"), opts.timeout))
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def _attempt(self, url: str, want: str) -> _Response:
        opts = self.options
        host = host_of(url)
        try:
            async with asyncio.timeout(opts.timeout):
                async with self.session.get(url, allow_redirects=False, proxy=self._proxy(url)) as resp:
                    body = None
                    if 200 <= resp.status < 300:
                        ctype = resp.headers.get("Content-Type")
                        if want == "page":
                            media = parse_content_type(ctype)[0]
                            if media is not None and media not in PAGE_TYPES:
                                raise _Failure(Reason.CONTENT_TYPE, f"not HTML or text: Content-Type {ctype}",
                                               resp.status)
                        cap = {"page": opts.max_page_size, "sitemap": SITEMAP_MAX_BYTES}.get(want, ROBOTS_MAX_BYTES)
                        body = await _read_capped(resp, cap, truncate=want == "robots", what=want)
                        if want == "page":
                            what = sniff_binary(body)
                            if what:
                                raise _Failure(Reason.BINARY, f"binary content ({what}) served as "
                                                              f"{ctype or 'a page without a Content-Type'}", resp.status)
                    return _Response(resp.status, resp.reason or "", resp.headers, body)
        except _Failure:
            raise
        except TimeoutError:
            raise _Failure(Reason.TIMEOUT, f"no complete response within {opts.timeout:g} s (--timeout)",
                           retry=True) from None
        except aiohttp.ClientConnectorDNSError as e:
            why = e.os_error.strerror if getattr(e, "os_error", None) and e.os_error.strerror else str(e)
            raise _Failure(Reason.DNS, f"DNS lookup failed for {host}: {why}") from None
        except (aiohttp.ClientConnectorCertificateError, aiohttp.ClientConnectorSSLError, aiohttp.ClientSSLError) as e:
            raise _Failure(Reason.CONNECTION, f"TLS error with {host}: {e}") from None
        except aiohttp.ClientConnectorError as e:
            why = e.os_error.strerror if getattr(e, "os_error", None) and e.os_error.strerror else str(e)
            raise _Failure(Reason.CONNECTION, f"cannot connect to {host}:{e.port}: {why}", retry=True) from None
        except aiohttp.InvalidURL as e:
            raise _Failure(Reason.INVALID_URL, f"invalid URL: {e}") from None
        except aiohttp.ClientResponseError as e:
            raise _Failure(Reason.HTTP_STATUS, f"malformed HTTP response: {e.message or e}", retry=True) from None
        except (aiohttp.ClientError, OSError) as e:
            why = str(e) or type(e).__name__
            raise _Failure(Reason.CONNECTION, f"connection to {host} broken: {why}", retry=True) from None

    # -- robots.txt -------------------------------------------------------------------------
    async def _check_robots(self, url: str) -> None:
        origin = _origin(url)
        task = self._robots.get(origin)
        if task is None:
            task = self._robots[origin] = asyncio.ensure_future(self._load_robots(origin))
        rules, failure = await asyncio.shield(task)
        if failure is not None:
            raise failure
        if rules is not None and not rules.can_fetch(url, ROBOTS_TOKEN):
            raise _Failure(Reason.ROBOTS, f"robots.txt of {origin} disallows this URL for {ROBOTS_TOKEN} "
                                          "(--ignore-robots to check it anyway)")

    async def _load_robots(self, origin: str) -> tuple[Protego | None, _Failure | None]:
        """(the parsed rules, or None for "everything allowed"; a failure every page of
        the origin gets instead)."""
        url = origin + "/robots.txt"
        probe = Page(url=url)
        for _ in range(ROBOTS_REDIRECTS + 1):
            try:
                resp = await self._request(url, probe, "robots")
            except _Failure as f:
                if f.reason in (Reason.DNS, Reason.CONNECTION):
                    return None, f  # the host cannot be reached: every page of it fails alike
                if f.reason is Reason.TIMEOUT:
                    return None, _Failure(f.reason, f"robots.txt: {f.message}; RFC 9309 says to assume the site "
                                                    "disallows crawling while robots.txt is unreachable")
                return None, None
            if resp.status in REDIRECT_STATUSES and resp.headers.get("Location"):
                try:
                    url = str(URL(url).join(URL(resp.headers["Location"])))
                except (ValueError, TypeError):
                    return None, None
                if url_problem(url):
                    return None, None
                continue
            if 200 <= resp.status < 300:
                text = (resp.body or b"").decode("utf-8", "replace")
                return Protego.parse(text), None
            if resp.status >= 500:
                return None, _Failure(Reason.ROBOTS, f"robots.txt of {origin} answers HTTP {resp.status}: RFC 9309 "
                                                     "says to assume complete disallow (--ignore-robots to check anyway)")
            return None, None  # 4xx (and anything odd): robots.txt unavailable, everything allowed
        return None, None  # too many redirects: unavailable (RFC 9309 §2.3.1.2)


def _retry_after(value: str | None, cap: float) -> float:
    if not value:
        return 0.0
    try:
        return min(max(float(value.strip()), 0.0), cap)
    except ValueError:
        return 0.0  # an HTTP date: not worth parsing, the back-off applies


async def _read_capped(resp: aiohttp.ClientResponse, cap: int, *, truncate: bool, what: str) -> bytes:
    length = resp.content_length
    limit = "--max-page-size" if what == "page" else "the sitemap protocol's limit"
    if length is not None and length > cap and not truncate:
        raise _Failure(Reason.TOO_LARGE, f"too large: {_size(length)} (Content-Length), over {_size(cap)} "
                                         f"({limit}); not read", resp.status)
    buf = bytearray()
    async for chunk in resp.content.iter_chunked(64 * 1024):
        buf += chunk
        if len(buf) > cap:
            if truncate:
                return bytes(buf[:cap])
            raise _Failure(Reason.TOO_LARGE, f"too large: more than {_size(cap)} ({limit}); stopped reading",
                           resp.status)
    return bytes(buf)


# -- the stream -------------------------------------------------------------------------------
_DONE = object()


class PageStream:
    """Pages as they are fetched (see :func:`procutext.fetch.fetch_pages`). Use it as a
    context manager; leaving it early stops the fetching. ``warnings`` collects notices
    (a sitemap cut at ``max_pages``) once the stream is exhausted."""

    def __init__(self, urls: list[tuple[str, str | None]], sitemaps: list[str], options: FetchOptions, *,
                 progress: TextIO | None = None) -> None:
        self.urls = urls
        self.sitemaps = sitemaps
        self.options = options
        self.progress = progress
        self.warnings: list[str] = []
        self._queue: queue.Queue[Any] = queue.Queue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._main_task: asyncio.Task[None] | None = None
        self._window: asyncio.Semaphore | None = None
        self._thread: threading.Thread | None = None
        self._bar: Any = None
        self._known = 0
        self._index = itertools.count()
        self._seen: set[str] = set()
        self._from_sitemaps = 0
        self._cut = False
        hosts = HostPolicy(allowed=options.allow_hosts)
        for url, _ in urls:
            if not url_problem(url):
                hosts.add(host_of(url))
        for url in sitemaps:
            if not url_problem(url):
                hosts.add(host_of(url))
        self.hosts = hosts

    # -- caller side --------------------------------------------------------------------------
    def __enter__(self) -> "PageStream":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        if self._thread is not None:
            return
        if self.progress is not None:
            try:
                from tqdm import tqdm
            except ImportError:
                tqdm = None
            if tqdm is not None:
                self._bar = tqdm(total=len(self.urls) or None, unit="page", desc="fetching", file=self.progress, disable=None,
                                 leave=False, dynamic_ncols=True)
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), name="procutext-fetch", daemon=True)
        self._thread.start()
        ready.wait()

    def __iter__(self) -> Iterator[Page]:
        self.start()
        while True:
            item = self._queue.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise FetchCrashed(f"internal error while fetching: {type(item).__name__}: {item}") from item
            page, known = item
            if self._loop is not None and self._window is not None:
                try:
                    self._loop.call_soon_threadsafe(self._window.release)
                except RuntimeError:  # the loop has finished
                    pass
            if self._bar is not None:
                self._bar.total = max(known, self._bar.n + 1)
                self._bar.update(1)
            yield page

    def close(self) -> None:
        loop, task = self._loop, self._main_task
        if loop is not None and task is not None and not task.done():
            try:
                loop.call_soon_threadsafe(task.cancel)
            except RuntimeError:
                pass
        if self._thread is not None:
            self._thread.join()
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    # -- loop side ------------------------------------------------------------------------------
    def _run(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            self._main_task = loop.create_task(self._main())
            ready.set()
            loop.run_until_complete(self._main_task)
        except asyncio.CancelledError:
            pass
        except BaseException as e:  # a bug: the caller reports it, the thread must not die silently
            self._queue.put(e)
        finally:
            ready.set()
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                loop.close()
            self._queue.put(_DONE)

    async def _main(self) -> None:
        opts = self.options
        self._window = asyncio.Semaphore(opts.concurrency * WINDOW)
        connector = aiohttp.TCPConnector(limit=opts.concurrency, ttl_dns_cache=300)
        timeout = aiohttp.ClientTimeout(total=opts.timeout)
        headers = {"User-Agent": opts.user_agent, "Accept": ACCEPT}
        async with aiohttp.ClientSession(connector=connector, timeout=timeout, headers=headers) as session:
            fetcher = Fetcher(session, opts, self.hosts)
            jobs: asyncio.Queue[tuple[int, str, str | None] | None] = asyncio.Queue()
            workers = [asyncio.create_task(self._worker(fetcher, jobs)) for _ in range(opts.concurrency)]
            try:
                for url, source in self.urls:
                    self._add(jobs, url, source)
                for url in self.sitemaps:
                    await self._expand(fetcher, jobs, url, None, 0)
                for _ in workers:
                    jobs.put_nowait(None)
                await asyncio.gather(*workers)
            finally:
                for w in workers:
                    w.cancel()
        if self._cut:
            self.warnings.append(f"the sitemaps list more than {opts.max_pages} pages: only the first "
                                 f"{opts.max_pages} were checked (--max-pages)")

    def _add(self, jobs: "asyncio.Queue[Any]", url: str, source: str | None) -> bool:
        key = strip_fragment(url)
        if key in self._seen:
            return False
        self._seen.add(key)
        self._known += 1
        jobs.put_nowait((next(self._index), url, source))
        return True

    async def _emit(self, page: Page) -> None:
        assert self._window is not None
        await self._window.acquire()
        self._queue.put((page, self._known))

    async def _worker(self, fetcher: Fetcher, jobs: "asyncio.Queue[Any]") -> None:
        while True:
            job = await jobs.get()
            if job is None:
                return
            index, url, source = job
            try:
                page = await fetcher.fetch(url)
            except Exception as e:  # a bug in this module or an unexpected aiohttp error
                page = fail(url, Reason.ERROR, f"internal error while fetching: {type(e).__name__}: {e}")
            page.index, page.source = index, source
            await self._emit(page)

    async def _failed(self, url: str, reason: Reason, message: str, source: str | None, **kw: Any) -> None:
        self._known += 1
        await self._emit(fail(url, reason, message, index=next(self._index), source=source, **kw))

    async def _expand(self, fetcher: Fetcher, jobs: "asyncio.Queue[Any]", url: str, parent: str | None,
                      depth: int) -> None:
        """Queue the pages a sitemap (or, recursively, a sitemap index) lists."""
        opts = self.options
        if self._cut or strip_fragment(url) in self._seen:
            return
        self._seen.add(strip_fragment(url))
        source = f"sitemap {parent}" if parent else None
        if depth > MAX_SITEMAP_DEPTH:
            await self._failed(url, Reason.SITEMAP, f"sitemap not read: sitemap indexes nested more than "
                                                    f"{MAX_SITEMAP_DEPTH} deep", source)
            return
        sm = await fetcher.fetch(url, want="sitemap")
        if not sm.ok:
            await self._failed(url, sm.reason or Reason.ERROR, f"sitemap not read: {sm.message}", source,
                               status=sm.status)
            return
        try:
            parsed = parse_sitemap(sm.body or b"")
        except SitemapError as e:
            await self._failed(url, Reason.SITEMAP, f"sitemap not read: {e}", source, status=sm.status)
            return
        base = sm.final_url or strip_fragment(url)
        for loc in parsed.locs:
            if parsed.kind == "index":
                await self._expand(fetcher, jobs, loc, base, depth + 1)
                continue
            if strip_fragment(loc) in self._seen:
                continue
            if self._from_sitemaps >= opts.max_pages:
                self._cut = True
                return
            self._from_sitemaps += 1
            self._add(jobs, loc, f"sitemap {base}")
