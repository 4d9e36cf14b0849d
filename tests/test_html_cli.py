"""Pages on the command line: --type html and --stdin-filename choose the HTML reader, JSON
offsets and fix positions point into the markup, and a page's encoding is reported."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import run

PAGE = ('<html><head><meta charset="gbk"><script>var s = "“ a ”";</script></head>\n<body>\n'
        "<p>The “ Dandelion ” plan works.</p>\n</body></html>\n")


def _cli(*args: str, data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "procutext", *args], input=data, capture_output=True, timeout=60)


def test_stdin_as_a_page_by_type_or_by_name():
    data = PAGE.encode("gbk")
    for flags in (["--type", "html"], ["--stdin-filename", "page.html"]):
        proc = _cli("check", *flags, "-", data=data)
        assert proc.returncode == 1, proc.stderr
        out = proc.stdout.decode()
        assert out.count("PT101") == 1 and ":3:8:" in out  # the script is not checked
    proc = _cli("check", "-", data=PAGE.encode("utf-8"))  # as plain text: the script is "checked"
    assert proc.stdout.decode().count("PT101") == 2


def test_fix_stdin_writes_the_fixed_page():
    proc = _cli("fix", "--type", "html", "-", data=PAGE.encode("gbk"))
    assert proc.returncode == 0, proc.stderr
    # the fixed text goes to stdout in stdout's encoding (UTF-8 here), as for any stdin input
    assert proc.stdout.decode("utf-8") == PAGE.replace("The “ Dandelion ”", "The “Dandelion”")


def test_json_offsets_and_fix_positions_are_the_markup_s(tmp_path, capsys):
    page = tmp_path / "a.html"
    page.write_bytes(PAGE.encode("gbk"))
    code, out, err = run(capsys, "check", "--output-format", "json", "--select", "PT101", str(page))
    doc = json.loads(out)
    f, = doc["findings"]
    assert PAGE[f["start_offset"]:f["end_offset"]] == "“ Dandelion ”"
    (ed,) = f["fix"]["edits"]
    assert PAGE[ed["start_offset"]:ed["end_offset"]] == " Dandelion "
    assert (ed["line"], ed["column"]) == (3, 9)
    assert doc["files"][0]["encoding_source"] == "meta" and doc["files"][0]["encoding"] == "gb18030"


def test_verbose_names_the_declaration(tmp_path, capsys):
    page = tmp_path / "a.html"
    page.write_bytes(PAGE.encode("gbk"))
    _, _, err = run(capsys, "check", "--verbose", str(page))
    assert "gb18030 (gbk by <meta charset>)" in err
