"""Fuzzing in the test suite (issue 15, point 1): bounded runs of the targets of fuzz/targets.py.

- hypothesis: for every reader, inputs that mix the project's defect patterns (padded quotes,
  ``1、``, ``（一）``, full-width punctuation, furniture lines, Han runs, CR/CRLF) with random
  Unicode, put where the format keeps its text (an XLIFF target, a PO msgstr, a CSV cell, a
  JSON string, an HTML paragraph) and, as often, where it does not (broken markup, stray
  quotes and escapes). Each target must handle each input: an expected error naming the
  input, or check/fix properties that hold (see fuzz/targets.py).
- every crash the coverage-guided runs found is kept in tests/fuzz_regressions/TARGET/ and
  run here;
- when atheris is installed (the ``fuzz`` extra, which .ci/run installs), a short
  coverage-guided run of all targets at once (``fuzz/run.py any``).

The long runs are by hand: ``nice -n 10 python fuzz/run.py --all --seconds 150``.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "fuzz"))

import seeds  # noqa: E402
import targets  # noqa: E402

REGRESSIONS = ROOT / "tests" / "fuzz_regressions"
FUZZ = settings(max_examples=40, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])

# -- strategies --------------------------------------------------------------------------------
#: random Unicode: every code point class (surrogates are left out: they cannot come out of
#: a decoded file), with the characters that structure the formats weighted up
_ANY = st.characters(exclude_categories=("Cs",))
_STRUCTURE = st.sampled_from(list('<>&;"\'\\,\t\n\r#=:/![]{}|`*') + ["\ufeff", "\x00", "\u2028", "\u0085"])
piece = st.one_of(st.sampled_from(seeds.PATTERNS), st.text(_ANY, min_size=1, max_size=8), _STRUCTURE)
mixed = st.lists(piece, max_size=30).map("".join)


def _xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _strip_illegal_xml(s: str) -> str:
    return "".join(c for c in s if c in "\t\n\r" or 0x20 <= ord(c) <= 0xD7FF or 0xE000 <= ord(c) <= 0xFFFD
                   or ord(c) >= 0x10000)


@st.composite
def escaped_or_raw(draw, escape):  # type: ignore[no-untyped-def]
    """A mixed text, escaped for its format most of the time (so that it parses and reaches
    the rules), raw otherwise (so that the reader's errors are exercised)."""
    text = draw(mixed)
    return escape(text) if draw(st.integers(0, 3)) else text


def _xliff(units):  # type: ignore[no-untyped-def]
    body = "".join(f'<trans-unit id="{i}"><source>{s}</source><target>{t}</target></trans-unit>'
                   for i, (s, t) in enumerate(units))
    return ('<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2"><file source-language="zh-CN" '
            f'target-language="en" datatype="plaintext" original="a"><body>{body}</body></file></xliff>')


def _tmx(units):  # type: ignore[no-untyped-def]
    body = "".join(f'<tu><tuv xml:lang="zh-CN"><seg>{s}</seg></tuv><tuv xml:lang="en"><seg>{t}</seg></tuv></tu>'
                   for s, t in units)
    return f'<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN"/><body>{body}</body></tmx>'


def _po_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def _po(units):  # type: ignore[no-untyped-def]
    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
    return head + "".join(f'msgid "{s}"\nmsgstr "{t}"\n\n' for s, t in units)


def _csv_escape(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _table(units, sep):  # type: ignore[no-untyped-def]
    return f"zh{sep}en\n" + "".join(f"{s}{sep}{t}\n" for s, t in units)


def _jsonl(units):  # type: ignore[no-untyped-def]
    return "".join('{"zh": "%s", "en": "%s"}\n' % (s, t) for s, t in units)


def _json_escape(s: str) -> str:
    return json.dumps(s)[1:-1]


def _html(parts):  # type: ignore[no-untyped-def]
    return "<html><head><title>t</title></head><body>" + "".join(
        f"<p>{a}</p><div class=\"nav\">{b}</div><br>" for a, b in parts) + "</body></html>"


def _units(escape, chinese=True):  # type: ignore[no-untyped-def]
    zh = st.sampled_from(["区检察院召开座谈会。", "检察长说：“好”", "湾沚区人民检察院", "1、一是", ""]) if chinese else mixed
    return st.lists(st.tuples(zh.map(escape), escaped_or_raw(escape)), min_size=1, max_size=4)


def _with_flags(text_strategy):  # type: ignore[no-untyped-def]
    return st.tuples(st.integers(0, 255), text_strategy).map(lambda ft: bytes([ft[0]]) + ft[1].encode("utf-8"))


xml_text = lambda s: _xml_escape(_strip_illegal_xml(s))  # noqa: E731
STRATEGIES = {
    "text": _with_flags(mixed),
    "markdown": _with_flags(st.lists(st.one_of(mixed, st.sampled_from(["```\n", "`", "<!-- x -->", "> ", "* ", "1. "])),
                                     max_size=6).map("\n".join)),
    "html": _with_flags(st.lists(st.tuples(escaped_or_raw(_xml_escape), escaped_or_raw(_xml_escape)),
                                 max_size=4).map(_html)),
    "xliff": _with_flags(_units(xml_text).map(_xliff)),
    "tmx": _with_flags(_units(xml_text).map(_tmx)),
    "po": _with_flags(_units(_po_escape).map(_po)),
    "csv": _with_flags(_units(_csv_escape).map(lambda u: _table(u, ","))),
    "tsv": _with_flags(_units(lambda s: s.replace("\t", " ").replace("\n", " ").replace("\r", " "))
                       .map(lambda u: _table(u, "\t"))),
    "jsonl": _with_flags(_units(_json_escape).map(_jsonl)),
    # bytes as a file: any kind and encoding (the flags), text encoded in several ways
    "file": st.tuples(st.integers(0, 255), mixed,
                      st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "raw"]),
                      st.binary(max_size=16)).map(
        lambda t: bytes([t[0]]) + (t[3] + t[1].encode("utf-8") if t[2] == "raw"
                                   else t[1].encode(t[2], "replace"))),
    "write": None,  # as "file" (below)
    "sitemap": st.one_of(
        st.lists(st.sampled_from(["https://x.cn/a", "http://b.cn/", "ftp://c", " ", "\n", "<", "&a;", "\x00"]))
        .map("".join).map(str.encode),
        st.lists(st.sampled_from(["https://x.cn/a", "x", "&amp;", "<loc>", "</loc>", "]]>"]), max_size=5)
        .map(lambda ls: ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                         + "".join(f"<url><loc>{x}</loc></url>" for x in ls) + "</urlset>").encode()),
        st.binary(max_size=64)),
    "glossary": st.one_of(
        st.tuples(st.integers(0, 255).map(lambda f: f & ~3 | 1), _units(lambda s: s.replace("\t", " ")
                                                                       .replace("\n", " "), chinese=True))
        .map(lambda t: bytes([t[0]]) + ("zh\ten\twrong\tsource\n" + "".join(
            f"{z or '检察'}\tchief procurator\t{w}\thttps://a.cn/\n" for z, w in t[1])).encode()),
        st.tuples(st.integers(0, 255).map(lambda f: f & ~3), mixed.map(xml_text)).map(
            lambda t: bytes([t[0]]) + (
                '<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c">'
                '<langSec xml:lang="zh"><termSec><term>检察长</term></termSec></langSec><langSec xml:lang="en">'
                f'<termSec><term>{t[1]}</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts'
                '</termNote></termSec><termSec><term>chief procurator</term></termSec></langSec>'
                '</conceptEntry></body></text></tbx>').encode())),
}
STRATEGIES["write"] = STRATEGIES["file"]
NAMES = [n for n in targets.TARGETS if n != "any"]


def test_every_target_has_a_strategy_and_seeds():
    assert sorted(STRATEGIES) == sorted(NAMES)
    assert all(seeds.seeds(n) for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_seeds_are_handled(name):
    for s in seeds.seeds(name):
        targets.TARGETS[name](s)


@pytest.mark.parametrize("name", NAMES)
def test_hypothesis_fuzz(name):
    target = targets.TARGETS[name]

    @FUZZ
    @given(STRATEGIES[name])
    def run(data):
        target(data)

    run()


# -- the properties themselves can fail --------------------------------------------------------
class _F:
    def __init__(self, s, e, es, ee):  # type: ignore[no-untyped-def]
        from procutext.model import Edit

        self.start, self.end, self.edit = s, e, Edit(es, ee, "")


def test_outside_unchanged_is_exact():
    ok = targets._outside_unchanged
    assert ok("abc", "abc", [])
    assert not ok("abc", "abd", [])
    assert ok("a , b", "a, b", [_F(1, 3, 1, 2)])
    assert not ok("a , b", "x, b", [_F(1, 3, 1, 2)])       # the 'a' before the span changed
    assert not ok("a , b", "a, bb", [_F(1, 3, 1, 2)])      # text added after the span
    assert ok("x“ a ”y", "x “a” y", [_F(1, 2, 1, 2), _F(5, 6, 5, 6), _F(2, 3, 2, 3), _F(4, 5, 4, 5)])


def test_an_unnamed_error_is_a_violation():
    from procutext.files import InputError

    with pytest.raises(targets.Violation):
        targets._expected(InputError("elsewhere", "bad"))
    targets._expected(InputError(targets.NAME, "bad"))


# -- kept crashes --------------------------------------------------------------------------------
KEPT = sorted(p for p in REGRESSIONS.glob("*/*") if p.is_file() and p.name != "README.md")


def test_regressions_are_kept():
    assert (REGRESSIONS / "README.md").is_file()
    for p in KEPT:
        assert p.parent.name in targets.TARGETS, p


@pytest.mark.parametrize("path", KEPT, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fuzz_regression(path):
    targets.TARGETS[path.parent.name](path.read_bytes())


# -- a bounded coverage-guided run ---------------------------------------------------------------
@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris is not installed (the fuzz extra)")
def test_atheris_bounded_run(tmp_path):
    # every target in one libFuzzer process, for 20 seconds of fuzzing; a crash fails the test
    # with the crash file named (fuzz/run.py writes it under tmp_path/crashes/any)
    cmd = [sys.executable, str(ROOT / "fuzz" / "run.py"), "any", "--work", str(tmp_path), "--",
           "-max_total_time=20", "-print_final_stats=1"]
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=300)
    crashes = sorted((tmp_path / "crashes" / "any").glob("*"))
    assert p.returncode == 0 and not crashes, "\n".join(p.stderr.splitlines()[-40:])
    runs = int(p.stderr.rsplit("Done ", 1)[1].split()[0])
    assert runs > 50, p.stderr[-2000:]
