#!/usr/bin/env python3
"""Pages per second against a local server: fetching alone, and fetching and checking.

    pip install -e '.[web]'
    python bench/fetch.py [--pages 1000] [--concurrency 1,8] [--type html|text] [--repeat 3]
                          [--latency MS] [--corpus ../shared/corpus/dev/mt]

A child process runs an aiohttp.web server on 127.0.0.1 (so that the server does not
share the client's interpreter lock) serving --pages pages, each one corpus text (the
files of --corpus in turn, without their ``# source:`` line), as text/html in a page
template with a nav menu, a breadcrumb and a footer, or as text/plain; plus robots.txt
and a sitemap listing every page. Two measurements, each the best of --repeat runs, per
concurrency:

- fetch: :func:`procutext.fetch.fetch_pages` over the page URLs (robots.txt, redirects
  and size checks included), bodies read and dropped;
- check: :func:`procutext.check_paths` with ``sitemaps=[…/sitemap.xml]``: the sitemap
  fetched and parsed, every page fetched, decoded and checked with the default rules.

Rules and data are loaded before the clock starts. Loopback has no network latency, so the
fetch figure is an upper bound of the client's own cost; against a real site the latency
of each request dominates, which is what --concurrency hides: --latency MS makes the
server wait that long before each page, to show it. Figures are from one
machine; nothing here is a timed unit test.
"""

from __future__ import annotations

import argparse
import html
import multiprocessing as mp
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[1] / "shared" / "corpus" / "dev" / "mt"

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/css/site.css"><script src="/js/jquery.min.js"></script></head>
<body><div class="nav"><ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li>
<li><a href="/about/">About Us</a></li></ul></div>
<div class="crumb">Current location: <a href="/">home page</a> &gt;&gt; <a href="/news/">News</a></div>
<div class="article"><h1>{title}</h1>
{paragraphs}
</div>
<div class="footer">Copyright © Procuratorate. All rights reserved.</div></body></html>
"""


def _texts(corpus: Path) -> list[str]:
    out = []
    for p in sorted(corpus.glob("*.txt")):
        lines = p.read_text(encoding="utf-8").splitlines()
        if lines and lines[0].startswith("# source:"):
            lines = lines[1:]
        out.append("\n".join(lines).strip() + "\n")
    if not out:
        raise SystemExit(f"no .txt files in {corpus}")
    return out


def _page(text: str, kind: str) -> bytes:
    if kind == "text":
        return text.encode("utf-8")
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    title = html.escape(paras[0][:80]) if paras else "Article"
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return TEMPLATE.format(title=title, paragraphs=body).encode("utf-8")


def _serve(pages: int, kind: str, corpus: str, latency: float, port_out: "mp.Queue[int]") -> None:
    import asyncio

    from aiohttp import web

    texts = _texts(Path(corpus))
    bodies = [_page(texts[i % len(texts)], kind) for i in range(pages)]
    ctype = "text/html; charset=utf-8" if kind == "html" else "text/plain; charset=utf-8"

    async def page(request: web.Request) -> web.Response:
        i = int(request.match_info["n"])
        if not 0 <= i < pages:
            raise web.HTTPNotFound()
        if latency:
            await asyncio.sleep(latency)
        return web.Response(body=bodies[i], headers={"Content-Type": ctype})

    async def robots(request: web.Request) -> web.Response:
        return web.Response(text="User-agent: *\nDisallow: /private/\n")

    async def sitemap(request: web.Request) -> web.Response:
        base = f"http://{request.host}"
        locs = "".join(f"<url><loc>{base}/page/{i}.html</loc></url>" for i in range(pages))
        xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
        return web.Response(text=xml, content_type="application/xml")

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/page/{n}.html", page)
        app.router.add_get("/robots.txt", robots)
        app.router.add_get("/sitemap.xml", sitemap)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port_out.put(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        await asyncio.Event().wait()

    asyncio.run(main())


def _fetch_only(base: str, pages: int, concurrency: int) -> tuple[float, int]:
    from procutext.fetch import FetchOptions, fetch_pages

    urls = [(f"{base}/page/{i}.html", None) for i in range(pages)]
    t0 = time.perf_counter()
    ok = 0
    with fetch_pages(urls, [], FetchOptions(concurrency=concurrency, retries=0)) as stream:
        for p in stream:
            ok += p.ok
    return time.perf_counter() - t0, ok


def _check(base: str, concurrency: int) -> tuple[float, int, int]:
    from procutext import check_paths
    from procutext.fetch import FetchOptions

    t0 = time.perf_counter()
    report = check_paths(sitemaps=[f"{base}/sitemap.xml"], fetch=FetchOptions(concurrency=concurrency, retries=0))
    return time.perf_counter() - t0, report.checked, len(report.findings)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--concurrency", default="1,8", help="comma-separated (default 1,8)")
    ap.add_argument("--type", choices=["html", "text"], default="html")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--latency", type=float, default=0.0, metavar="MS", help="server delay before each page")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = ap.parse_args()
    levels = [int(c) for c in args.concurrency.split(",")]

    ctx = mp.get_context("spawn")
    port_q: "mp.Queue[int]" = ctx.Queue()
    server = ctx.Process(target=_serve, args=(args.pages, args.type, args.corpus, args.latency / 1000, port_q), daemon=True)
    server.start()
    try:
        base = f"http://127.0.0.1:{port_q.get(timeout=60)}"
        import procutext

        procutext.check("warm up: load the rules, the glossary and the gazetteer 沚")  # not timed
        _fetch_only(base, min(args.pages, 20), 2)  # warm the imports and the server
        size = sum(len(_page(t, args.type)) for t in _texts(Path(args.corpus)))
        per_page = size / len(_texts(Path(args.corpus)))
        print(f"{args.pages} pages of {args.type} ({per_page / 1024:.1f} KB each on average) from {base}; "
              f"best of {args.repeat}" + (f"; {args.latency:g} ms server latency per page" if args.latency else ""))
        print(f"{'concurrency':>11}  {'fetch pages/s':>13}  {'check pages/s':>13}  checked  findings")
        for c in levels:
            fetch_best = min(_fetch_only(base, args.pages, c)[0] for _ in range(args.repeat))
            runs = [_check(base, c) for _ in range(args.repeat)]
            check_best = min(r[0] for r in runs)
            checked, findings = runs[0][1], runs[0][2]
            print(f"{c:>11}  {args.pages / fetch_best:>13.0f}  {args.pages / check_best:>13.0f}  "
                  f"{checked:>7}  {findings:>8}")
    finally:
        server.terminate()
        server.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
