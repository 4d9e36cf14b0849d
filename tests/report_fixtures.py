"""A run with something of everything, for the reporter tests (imported as ``report_fixtures``).

Files with safe, unsafe and no fixes, Chinese characters (columns count code points), an
info finding, a clean file, an undecodable file (an error), a skipped Word document, a
missing path, and a page fetched over HTTP (its path is its URL)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import procutext
from procutext.runner import FileReport, RunReport, check_paths

ARTICLE = (
    "Current location: home page >> Procuratorial News\n"
    "Since this year“ Dandelion ”studio has served 1,200 minors in Wuhu 沚 District.\n"
    "1、 Focus on the central work of the 检察院 and protect minors .\n"
    "The hospital leaders met the press. \n"
    "It was reported on 2024-03-01.\n"
)
NOTES = "# Notes\n\nThe case of 张某 was heard  twice.   \n"
CLEAN = "A clean line of English.\n"
PAGE_URL = "https://www.example.gov.cn/jcdt/2024/0301.html?id=7&lang=en"
PAGE = "Since this year“ Spring Seedling ”project was launched in 湾沚 District.\n"

PATHS = ["news/a.txt", "news/b.md", "news/clean.txt", "news/bad.txt", "news/notes.docx", "news/gone.txt"]


def make_tree(root: Path) -> None:
    news = root / "news"
    news.mkdir(parents=True, exist_ok=True)
    (news / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (news / "b.md").write_text(NOTES, encoding="utf-8")
    (news / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (news / "bad.txt").write_bytes(b"PNG\x00\x00\x01\x02 not text")
    (news / "notes.docx").write_bytes(b"PK\x03\x04 not really a document")


def page_report(url: str = PAGE_URL, text: str = PAGE) -> FileReport:
    """A page as the URL reader would report it: the path is the URL."""
    findings = procutext.check(text)
    for f in findings:
        f.path = url
    return FileReport(path=url, findings=findings, text=text, original=text, encoding="utf-8",
                      encoding_source="default", encoding_description="utf-8 (default)")


def sample_report(root: Path) -> RunReport:
    """The run over the sample tree, from ``root`` (the working directory must be ``root``)."""
    make_tree(root)
    assert Path.cwd() == root.resolve()
    # PT132 (off by default) gives the sample an info-level finding
    report = check_paths(PATHS, extend_select=["PT132"])
    report.files.append(page_report())
    report.paths = (*report.paths, PAGE_URL)
    report.seconds = 0.0
    for fr in report.files:
        fr.seconds = 0.0
    return report


def normalise(text: str, root: Path) -> str:
    """Remove what depends on the machine: the working directory and the version."""
    root_s = str(root.resolve())
    text = text.replace(root.resolve().as_uri(), "file:///ROOT")
    text = text.replace(root_s, "/ROOT")
    text = text.replace(f'"{procutext.__version__}"', '"VERSION"')
    text = text.replace(f"procutext {procutext.__version__}", "procutext VERSION")
    # glossary findings name the row of the shipped glossary they come from, by its path
    text = re.sub(r'[^"\s>]*[/\\]glossaries[/\\]', "GLOSSARIES/", text)
    return re.sub(r'time="[0-9.]+"', 'time="0.000"', text)


def update_snapshots() -> bool:
    return os.environ.get("PROCUTEXT_UPDATE_SNAPSHOTS") == "1"
