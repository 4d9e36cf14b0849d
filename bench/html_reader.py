#!/usr/bin/env python3
"""The HTML reader, measured (issue 9).

    python bench/html_reader.py [--repeat 3] [--size-mb 1]

1. Throughput: the reader of pages (``read_html``) beside the plain-text reader
   (``read_text``) on the same text, in MB/s of input, best of ``--repeat`` runs; with the
   bare stdlib parser (``html.parser`` with ``convert_charrefs=False`` and no handlers) for
   reference, and a whole check (reader and every rule) of both.
2. The corpus comparison: every ``../shared/corpus/dev*/mt`` text in the page template of
   ``bench/pages.py``; the findings inside the article against those on the plain text
   (what ``tests/test_html_corpus.py`` asserts), and whether every finding's position
   points at its text in the markup.
3. ``--content main``: how well trafilatura's paragraphs map back onto the reader's text
   (found whole, by their ends, missed), and how much of the article the kept spans cover
   (recall) and how much of what they keep is article (precision), in characters.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pages import corpus_page, corpus_text  # noqa: E402

import procutext  # noqa: E402
from procutext.readers.html import read_html  # noqa: E402
from procutext.readers.text import read_text  # noqa: E402

CORPUS = HERE.parents[1] / "shared" / "corpus"
BY_DESIGN = {"PT131", "PT132", "PT133", "PT204"}


def best(fn, repeat: int) -> float:
    """The least CPU time of ``repeat`` runs (CPU time: a shared machine's load does not
    inflate it as it does wall time)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


class _Bare(HTMLParser):
    pass


def bare_parse(src: str) -> None:
    p = _Bare(convert_charrefs=False)
    p.feed(src)
    p.close()


def throughput(texts: list[str], size_mb: float, repeat: int) -> None:
    plain_parts, page_parts = [], []
    size = 0
    i = 0
    while size < size_mb * 1e6:
        t = texts[i % len(texts)]
        plain_parts.append(t)
        page_parts.append(corpus_page(t).html)
        size += len(page_parts[-1].encode())
        i += 1
    plain = "\n\n".join(plain_parts)
    page = "\n".join(page_parts)
    pmb, hmb = len(plain.encode()) / 1e6, len(page.encode()) / 1e6
    print(f"1. throughput: {i} articles; plain text {pmb:.2f} MB, the same as pages {hmb:.2f} MB "
          f"(least CPU time of {repeat} runs)")
    rows = [
        ("read_text (plain text)", pmb, best(lambda: read_text(plain), repeat)),
        ("read_html (pages)", hmb, best(lambda: read_html(page), repeat)),
        ("  html.parser alone (no handlers)", hmb, best(lambda: bare_parse(page), repeat)),
        ("check, plain text", pmb, best(lambda: procutext.check(plain), repeat)),
        ("check, pages", hmb, best(lambda: procutext.check(page, kind="html"), repeat)),
    ]
    for name, mb, secs in rows:
        print(f"   {name:<36} {secs * 1000:8.1f} ms  {mb / secs:7.2f} MB/s")
    text_chars = len(read_html(page).source)
    print(f"   (the pages' text is {text_chars / 1e6:.2f} M characters; read_html gives "
          f"{text_chars / 1e6 / rows[1][2]:.2f} M text characters/s)")


def norm(s: str) -> str:
    return " ".join(s.split())


TAG = re.compile(r"<[^>]*>")


def comparison(files: list[Path]) -> None:
    procutext.all_rules()
    from procutext.rules.terms import ABOUT_PROCURATORATE

    same = subset = other = 0
    compared = ws_only = pt204 = positioned = total = 0
    for path in files:
        text = corpus_text(path)
        page = corpus_page(text)
        plain_all = procutext.check(text)
        plain = Counter((f.code, norm(f.matched)) for f in plain_all if f.code not in BY_DESIGN)
        ws_only += sum(1 for f in plain_all if f.code in {"PT131", "PT132", "PT133"})
        pt204 += sum(1 for f in plain_all if f.code == "PT204")
        found = procutext.check(page.html, kind="html")
        inside = Counter((f.code, norm(f.matched)) for f in found
                         if page.article_start <= f.file_start < page.article_end and f.code not in BY_DESIGN)
        compared += sum(plain.values())
        if inside == plain:
            same += 1
        elif not plain - inside:
            subset += 1
            extra = inside - plain
            why = "not about a procuratorate" if not ABOUT_PROCURATORATE.search(text) else "?"
            print(f"   {path.name}: page adds {dict(extra)} ({why}: the template names one)")
        else:
            other += 1
            print(f"   {path.name}: DIFFERS: plain only {dict(plain - inside)}, page only {dict(inside - plain)}")
        for f in found:
            total += 1
            shown = norm(html.unescape(TAG.sub("", page.html[f.file_start:f.file_end])).replace("\xa0", " "))
            positioned += shown == norm(f.matched.replace("\xa0", " "))
    print(f"2. corpus: {len(files)} texts as pages; {compared} findings compared (excluded by design: {ws_only} "
          f"white-space findings, {pt204} PT204)")
    print(f"   identical inside the article: {same}; page adds findings: {subset}; other differences: {other}")
    print(f"   findings whose file span shows their text: {positioned}/{total}")


def content_main(files: list[Path]) -> None:
    from procutext.readers.content import extract_paragraphs, have_content_extra, map_paragraphs

    if not have_content_extra():
        print("3. --content main: skipped (pip install 'procutext[content]')")
        return
    whole = anchored = missed = chars = mapped = 0
    art_total = art_kept = kept_total = 0
    t0 = time.perf_counter()
    for path in files:
        page = corpus_page(corpus_text(path))
        doc = read_html(page.html)
        m = map_paragraphs(extract_paragraphs(page.html), doc.source)
        whole, anchored, missed = whole + m.whole, anchored + m.anchored, missed + m.missed
        chars, mapped = chars + m.chars, mapped + m.chars_mapped
        a0, a1 = doc.text_offset(page.article_start), doc.text_offset(page.article_end)
        article = {i for i in range(a0, a1) if not doc.source[i].isspace()}
        kept = {i for s, e in m.spans for i in range(s, e) if not doc.source[i].isspace()}
        art_total += len(article)
        art_kept += len(article & kept)
        kept_total += len(kept)
    secs = time.perf_counter() - t0
    n = whole + anchored + missed
    print(f"3. --content main on {len(files)} pages ({len(files) / secs:.1f} pages/s with trafilatura): "
          f"{n} paragraphs, {whole} found whole, {anchored} by their ends, {missed} missed "
          f"({mapped / max(chars, 1):.1%} of their characters mapped)")
    print(f"   article characters kept (recall) {art_kept}/{art_total} = {art_kept / max(art_total, 1):.2%}; "
          f"kept characters that are article (precision) {art_kept}/{kept_total} = "
          f"{art_kept / max(kept_total, 1):.2%} (non-space characters)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--size-mb", type=float, default=1.0)
    args = ap.parse_args()
    files = sorted(CORPUS.glob("dev*/mt/*.txt"))
    if not files:
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    texts = [corpus_text(p) for p in files]
    throughput(texts, args.size_mb, args.repeat)
    comparison(files)
    content_main(files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
