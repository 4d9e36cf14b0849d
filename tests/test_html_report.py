"""The HTML report: self-contained, escaped, the findings marked in the text; and opened in
headless Chromium (Debian's chromium, driven by selenium through chromium-driver) to check
the DOM, a filter click and the console, with a screenshot kept in tests/artifacts/.

Where chromium cannot be installed the browser test skips, saying why; .ci/run installs it
and sets PROCUTEXT_REQUIRE_BROWSER=1, which turns that skip into a failure."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

import report_fixtures as rf
from procutext.reporters import html as html_mod
from procutext.runner import FileReport, RunReport, check_paths

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def render(report) -> str:
    buf = io.StringIO()
    html_mod.html(report, buf)
    return buf.getvalue()


@pytest.fixture
def sample(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return rf.sample_report(tmp_path)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict]]:
    p = Tags()
    p.feed(page)
    return p.tags


# -- the file ------------------------------------------------------------------------------------
def test_self_contained(sample):
    page = render(sample)
    found = tags(page)
    assert not [t for t, a in found if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for t, a in found if t == "script" and "src" in a]
    assert "@import" not in page and "url(" not in page
    csp = [a["content"] for t, a in found if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0].startswith("default-src 'none'")
    assert len([t for t, _ in found if t == "svg"]) == 2  # the charts are inline SVG


def test_findings_are_marked_and_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "<script>alert(1)</script> & the“ Seed ”project .\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    report = check_paths(["a.txt"])
    page = render(report)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; th" in page
    found = tags(page)
    cards = [a for t, a in found if t == "li" and "card" in a.get("class", "")]
    assert len(cards) == len(report.findings)
    marks = [a for t, a in found if t == "mark"]
    covered = {int(i) for a in marks for i in a["data-f"].split()}
    assert covered == set(range(len(report.findings)))  # every finding has its span marked
    # the padded quote and the two glued quotes overlap: a piece names every finding over it
    assert any(len(a["data-f"].split()) > 1 for a in marks)


def test_marked_text_round_trips():
    text = "abc “ Seed ” de\nsecond line"
    spans = [(4, 12, 0), (3, 5, 1), (14, 14, 2)]
    out = html_mod._marked(text, spans, 0, 15)
    plain = re.sub(r"<[^>]+>", "", out)
    assert plain == html_mod.esc(text[:15])
    assert '<mark class="m z" data-f="2"></mark>' in out
    assert '<mark class="m" data-f="0 1">“</mark>' in out


def test_findings_without_a_position_and_files_without_text():
    import procutext

    f = procutext.check("1、 Item\n")[0]
    f.line = f.column = f.end_line = f.end_column = 0
    report = RunReport(files=[FileReport(path="https://example.org/x.html", findings=[f], text="1、 Item\n"),
                              FileReport(path="gone.html", error="gone.html: HTTP 404")],
                       errors=[], paths=("https://example.org/x.html",))
    page = render(report)
    assert page.count('class="card') == 1 and "gone.html: HTTP 404" in page
    assert 'href="https://example.org/x.html"' in page  # a page links to its URL, and loads nothing


def test_large_reports_start_collapsed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = "The “ Seed ” project .\n"
    (tmp_path / "big.txt").write_text(line * (html_mod.OPEN_LIMIT + 1), encoding="utf-8")
    (tmp_path / "small.txt").write_text(line, encoding="utf-8")
    big = render(check_paths(["big.txt", "small.txt"]))
    assert [a for t, a in tags(big) if t == "details" and "doc" in a.get("class", "").split() and "open" in a] == []
    small = render(check_paths(["small.txt"]))
    assert [a for t, a in tags(small) if t == "details" and "doc" in a.get("class", "").split() and "open" in a]


def test_rule_documentation_is_in_the_page_once_per_rule(sample):
    page = render(sample)
    codes = {f.code for f in sample.findings}
    for code in codes:
        assert page.count(f'<template id="doc-{code}">') == 1
        assert page.count(f'id="rule-{code.lower()}"') == 2  # the Rules section and the template
    assert "<h4>What it does</h4>" in page


# -- in the browser --------------------------------------------------------------------------------
def _browser_problem() -> str | None:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        return f"{CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    fc = shutil.which("fc-list")
    if fc is None or not subprocess.run([fc, ":lang=zh"], capture_output=True, text=True).stdout.strip():
        return "no CJK font is installed (apt-get install fonts-noto-cjk)"
    return None


@pytest.fixture(scope="module")
def browser():
    problem = _browser_problem()
    if problem:
        if os.environ.get("PROCUTEXT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"the browser test must run here (PROCUTEXT_REQUIRE_BROWSER=1): {problem}")
        pytest.skip(problem)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="procutext-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,2600", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(driver, path: Path, max_height: int = 2600) -> None:
    """The top of the page (beyond the window), through the DevTools protocol."""
    import base64

    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], max_height), "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                             "clip": clip})
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


def _shown(driver) -> int:
    return int(driver.find_element("tag name", "body").get_attribute("data-shown"))


def _visible_cards(driver, rule: str | None = None) -> int:
    sel = f'li.card[data-rule="{rule}"]' if rule else "li.card"
    return driver.execute_script(f"return Array.from(document.querySelectorAll('{sel}')).filter(c => !c.hidden).length")


def test_report_in_chromium(browser, sample, tmp_path):
    from selenium.webdriver.support.ui import WebDriverWait

    page = tmp_path / "report.html"
    page.write_text(render(sample), encoding="utf-8")
    t0 = time.perf_counter()
    browser.get(page.as_uri())
    assert browser.find_element("tag name", "body").get_attribute("data-ready") == "1"
    opened = time.perf_counter() - t0
    total = len(sample.findings)
    n501 = sum(1 for f in sample.findings if f.code == "PT501")
    assert len(browser.find_elements("css selector", "li.card")) == total
    assert _shown(browser) == total and _visible_cards(browser) == total
    assert browser.find_element("id", "shown").text == f"Showing {total} of {total} findings in 4 of 4 documents."
    assert "检察院" in browser.find_element("id", "d0").text  # the Chinese text is there ...
    han = browser.execute_script("""
        const m = Array.from(document.querySelectorAll('mark.m')).find(m => m.textContent === '检察院');
        const r = m.getBoundingClientRect(); return [r.width, r.height];""")
    assert han[0] > 20 and han[1] > 10  # ... and laid out with a width (a CJK font is there)
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    screenshot(browser, ARTIFACTS / "html-report.png")
    assert (ARTIFACTS / "html-report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # a filter click: PT501 off
    box = browser.find_element("css selector", 'input[name="rule"][value="PT501"]')
    box.click()
    assert _shown(browser) == total - n501 and _visible_cards(browser, "PT501") == 0
    assert browser.find_element("id", "shown").text.startswith(f"Showing {total - n501} of {total} findings")
    lit = browser.execute_script("""return Array.from(document.querySelectorAll('mark.m'))
        .filter(m => m.textContent === '检察院')[0].classList.contains('off')""")
    assert lit is True  # its mark is no longer highlighted
    # severity: warnings off too
    browser.find_element("css selector", 'input[name="sev"][value="warning"]').click()
    left = sum(1 for f in sample.findings if f.code != "PT501" and str(f.severity) != "warning")
    assert _shown(browser) == left
    # none, then all
    browser.find_element("css selector", 'button[data-act="none"]').click()
    assert _shown(browser) == 0
    hidden_docs = browser.execute_script("return Array.from(document.querySelectorAll('details.doc')).filter(d => d.hidden).length")
    assert hidden_docs == 3  # the unreadable file's section stays: it has no findings to filter
    browser.find_element("css selector", 'button[data-act="all"]').click()
    browser.find_element("css selector", 'input[name="sev"][value="warning"]').click()
    assert _shown(browser) == total

    # a rule's documentation opens inside a card
    doc = browser.find_element("css selector", 'li.card[data-rule="PT101"] details.ruledoc')
    doc.find_element("tag name", "summary").click()
    WebDriverWait(browser, 5).until(lambda d: "What it does" in doc.text)  # "toggle" fires after the click
    assert "Use instead" in doc.text
    browser.find_element("css selector", 'input[name="compact"]').click()
    box.click()  # PT501 off again, for the picture
    screenshot(browser, ARTIFACTS / "html-report-filtered.png")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    assert opened < 30
