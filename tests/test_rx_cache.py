"""The cache of compiled patterns (procutext.rx): what it returns matches as regex.compile's
pattern does, a second process reads it instead of compiling, and a bad or planted file
is ignored."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from procutext import rx


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """rx with an empty cache directory and no state from earlier compiles."""
    monkeypatch.setenv("PROCUTEXT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("PROCUTEXT_NO_CACHE", raising=False)
    monkeypatch.setattr(rx, "_stored", None)
    monkeypatch.setattr(rx, "_added", {})
    monkeypatch.setattr(rx, "_live", {})
    monkeypatch.setattr(rx, "_registered", True)  # no atexit hook from the tests
    return tmp_path


def _forget(monkeypatch):
    """As a new process: nothing compiled or read yet."""
    monkeypatch.setattr(rx, "_stored", None)
    monkeypatch.setattr(rx, "_live", {})


PATTERNS = [
    (r"(?<![A-Za-z])(?P<word>\p{Han}[\p{Han} ]{1,14})[:：]\s*(?=[A-Za-z])", 0, {}),
    (r"\b(?:procuratorate|court)s?\b", regex.I, {}),
    (r"(?:\L<names>)(?![a-z])", 0, {"names": ["Wanzhi District", "Wuwei City", "Wuhu"]}),
    (r"(?V1)[[:alpha:]--[a-z]]+", 0, {}),
]
TEXT = "项目名称： Wanzhi District and Wuwei City, the COURT and procuratorates, ÀBC abc 湾沚区"


def _results(p):
    return [(m.span(), m.groupdict()) for m in p.finditer(TEXT)]


@pytest.mark.parametrize("pattern,flags,kw", PATTERNS)
def test_a_cached_pattern_matches_as_a_compiled_one(fresh, monkeypatch, pattern, flags, kw):
    direct = regex.compile(pattern, flags, **kw)
    first = rx.compile(pattern, flags, **kw)
    assert rx.compile(pattern, flags, **kw) is first  # once per process
    assert rx.save() == rx.cache_file()
    _forget(monkeypatch)

    def no_compile(*a, **k):
        raise AssertionError("compiled although the cache file has the pattern")

    monkeypatch.setattr(rx.regex, "compile", no_compile)
    again = rx.compile(pattern, flags, **kw)
    assert again is not first
    assert (again.pattern, again.flags) == (direct.pattern, direct.flags)
    assert _results(again) == _results(direct) != []


def test_named_lists_are_part_of_the_key(fresh):
    a = rx.compile(r"\L<w>", w=["alpha"])
    b = rx.compile(r"\L<w>", w=["beta"])
    assert a.search("beta") is None and b.search("beta") is not None


def test_a_damaged_file_is_ignored_and_replaced(fresh, monkeypatch):
    path = rx.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x80\x05not a pickle at all")
    p = rx.compile(r"a+b")
    assert p.fullmatch("aab")
    assert rx.save() == path
    _forget(monkeypatch)
    assert rx._read(path).keys() == {(r"a+b", 0, ())}


def test_a_planted_file_cannot_run_code(fresh, tmp_path):
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    path = rx.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps({(r"x", 0, ()): pickle.dumps(Evil())}))
    assert rx.compile(r"x").fullmatch("x")
    path.write_bytes(pickle.dumps(Evil()))
    rx._stored = None
    rx._live.clear()
    assert rx.compile(r"x").fullmatch("x")
    assert not marker.exists()


def test_no_cache_and_unwritable_directory(fresh, monkeypatch, tmp_path):
    monkeypatch.setenv("PROCUTEXT_NO_CACHE", "1")
    assert rx.cache_file() is None
    rx.compile(r"q+")
    assert rx.save() is None
    monkeypatch.delenv("PROCUTEXT_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("PROCUTEXT_CACHE_DIR", str(blocker / "sub"))
    rx.compile(r"z+")
    assert rx.save() is None  # nothing raised, nothing written


def test_the_cache_is_written_at_exit_and_read_by_the_next_process(tmp_path):
    """Two real processes: the first compiles and saves at exit, the second compiles none
    of the rules' patterns and gives the same findings."""
    env = {**os.environ, "PROCUTEXT_CACHE_DIR": str(tmp_path)}
    env.pop("PROCUTEXT_NO_CACHE", None)
    code = (
        "import regex, json, sys\n"
        "calls = []\n"
        "orig = regex.compile\n"
        "regex.compile = lambda *a, **k: (calls.append(a[0]), orig(*a, **k))[1]\n"
        "import procutext\n"
        "fs = procutext.check('Current location: home page >> Procuratorial window\\n\\n"
        "since this year“ Dandelion ”We analyzed 1、 Focus on Bay 沚 and the hospital.')\n"
        "print(json.dumps([[f.code, f.start, f.end] for f in fs]))\n"
        "print(len(calls), file=sys.stderr)\n"
    )
    # rx calls regex.compile by attribute, so the patch made before the import sees every compile
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert list(tmp_path.glob("patterns-*.pickle"))
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout == second.stdout and first.stdout.count("PT") >= 3
    assert int(first.stderr.split()[-1]) > 100
    assert int(second.stderr.split()[-1]) < int(first.stderr.split()[-1]) / 5
