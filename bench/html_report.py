#!/usr/bin/env python3
"""Size of the HTML report, and the time headless Chromium takes to open, render and filter it,
for a large run (default 5,000 findings).

    pip install -e '.[test]'   # selenium; and apt-get install chromium chromium-driver fonts-noto-cjk
    python bench/html_report.py [--findings 5000,20000] [--repeat 3] [--corpus ../shared/corpus]

The run is real: every text of the corpus's dev*/mt folders is checked once, then its file
report is repeated under new names until there are enough findings (so the documents and
findings are those procutext reports on these pages, not synthetic ones). For each size it
prints the time to render the page in Python, its size, and in Chromium (best of --repeat,
each in a fresh tab): DOMContentLoaded, the load event, first contentful paint, the
report's script being ready, one filter click (a rule's checkbox, with the style and layout
it causes), and "expand all" (every document opened and laid out: the worst case, which is
why documents start collapsed). Results also go to bench/out/html_report.json.
Figures are from one machine; nothing here is a timed unit test.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def base_report(corpus: Path):
    from procutext.runner import check_paths

    folders = sorted(p for p in corpus.glob("dev*/mt") if p.is_dir())
    if not folders:
        raise SystemExit(f"no dev*/mt folders under {corpus}")
    report = check_paths([str(p) for p in folders])
    if not report.findings:
        raise SystemExit("the corpus gave no findings")
    return report


def scaled(base, n: int):
    """``base`` with its files repeated under new names until it has ``n`` findings."""
    from procutext.runner import RunReport

    out = RunReport(paths=base.paths)
    with_findings = [fr for fr in base.files if fr.findings]
    k = 0
    while len(out.findings) < n:
        fr = copy.deepcopy(with_findings[k % len(with_findings)])
        copy_no = k // len(with_findings)
        name = f"copy{copy_no:03d}/{Path(fr.path).name}"
        fr.path = name
        room = n - len(out.findings)
        fr.findings = fr.findings[:room]
        for f in fr.findings:
            f.path = name
        out.files.append(fr)
        k += 1
    return out


def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="procutext-bench-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options), profile


MEASURE = """
const nav = performance.getEntriesByType('navigation')[0];
const fcp = performance.getEntriesByName('first-contentful-paint')[0];
return {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, fcp: fcp ? fcp.startTime : null,
        cards: document.querySelectorAll('li.card').length, marks: document.querySelectorAll('mark.m').length,
        nodes: document.getElementsByTagName('*').length};
"""
CLICK = """
const box = document.querySelector('input[name="rule"]');
const t0 = performance.now();
box.click();
document.body.offsetHeight;  // the style and layout the click causes
const t1 = performance.now();
box.click();
document.body.offsetHeight;
return [t1 - t0, +document.body.getAttribute('data-shown')];
"""
EXPAND = """
const t0 = performance.now();
document.querySelector('button[data-act="open"]').click();
document.body.offsetHeight;
return [performance.now() - t0, document.body.scrollHeight];
"""


def measure(page: Path, repeat: int) -> dict:
    d, profile = driver()
    best: dict = {}
    try:
        for _ in range(repeat):
            d.get("about:blank")
            t0 = time.perf_counter()
            d.get(page.as_uri())  # returns after the load event
            wall = (time.perf_counter() - t0) * 1000
            m = d.execute_script(MEASURE)
            click, shown = d.execute_script(CLICK)
            expand, height = d.execute_script(EXPAND)
            row = {"get_ms": wall, "dcl_ms": m["dcl"], "load_ms": m["load"], "fcp_ms": m["fcp"],
                   "click_ms": click, "expand_all_ms": expand}
            for k, v in row.items():
                if v is not None and (k not in best or v < best[k]):
                    best[k] = v
            best.update(cards=m["cards"], marks=m["marks"], nodes=m["nodes"], shown_after_click=shown,
                        height_expanded_px=height)
    finally:
        d.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--findings", default="5000", help="comma-separated sizes (default 5000)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = ap.parse_args()
    from procutext.reporters.html import html_document

    base = base_report(Path(args.corpus))
    print(f"base run: {len(base.findings)} findings in {base.checked} files of {args.corpus}")
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    results = []
    for n in (int(x) for x in args.findings.split(",")):
        report = scaled(base, n)
        t0 = time.perf_counter()
        page = html_document(report)
        render_s = time.perf_counter() - t0
        path = out_dir / f"report-{n}.html"
        path.write_text(page, encoding="utf-8")
        size = path.stat().st_size
        row = {"findings": len(report.findings), "documents": len(report.files), "bytes": size,
               "python_render_s": round(render_s, 3), **measure(path, args.repeat)}
        results.append(row)
        print(f"{row['findings']:>6} findings, {row['documents']:>5} documents: {size / 1e6:.2f} MB, "
              f"rendered in {render_s:.2f} s; Chromium: DOMContentLoaded {row['dcl_ms']:.0f} ms, "
              f"load {row['load_ms']:.0f} ms, first paint {row['fcp_ms'] or 0:.0f} ms, "
              f"filter click {row['click_ms']:.0f} ms, expand all {row['expand_all_ms']:.0f} ms "
              f"({row['nodes']} elements, {row['marks']} marks)")
    (out_dir / "html_report.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
