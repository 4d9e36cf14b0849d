"""The data cache (procutext.datacache): the gazetteer and glosses read back from it are the
ones built from their files, a changed file is read again, and a planted file runs no code."""

from __future__ import annotations

import os
import pickle

import pytest

from procutext import datacache, places
from procutext.data import data_dir
from procutext.places import glosses as G


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PROCUTEXT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("PROCUTEXT_NO_CACHE", raising=False)
    return tmp_path


INDEXES = ("_divisions", "_by_code", "_children", "_by_zh", "_by_short", "_by_former", "_by_en")


def test_the_cached_gazetteer_is_the_built_one(cache):
    path = data_dir() / "places" / "divisions.tsv"
    first = places.load(path)  # builds and saves
    assert list(cache.glob("data-gazetteer-*.pickle"))
    again = places.load(path)  # reads the cache
    built = places.Gazetteer(places.parse(path.read_text(encoding="utf-8")), first._townships_path)
    for attr in INDEXES:
        assert getattr(again, attr) == getattr(built, attr), attr
    assert again.by_en("Wanzhi District") and again.by_en("Wanzhi District") == built.by_en("Wanzhi District")


def test_the_cached_glosses_are_the_built_ones(cache):
    path = data_dir() / "places" / "glosses.tsv"
    G.load(path)
    again = G.load(path)
    built = G.Glosses(G._read(path))
    assert (again.by_zh, again.by_words, again.first_words) == (built.by_zh, built.by_words, built.first_words)


def test_a_changed_file_is_read_again(cache, tmp_path):
    src = tmp_path / "rows.txt"
    src.write_text("a")
    calls = []

    def build():
        calls.append(1)
        return {"text": src.read_text(), "n": len(calls)}

    assert datacache.load("t", [src], build) == {"text": "a", "n": 1}
    assert datacache.load("t", [src], build) == {"text": "a", "n": 1}  # from the cache
    src.write_text("bb")
    os.utime(src, ns=(src.stat().st_atime_ns, src.stat().st_mtime_ns + 10**9))
    assert datacache.load("t", [src], build) == {"text": "bb", "n": 2}


def test_a_planted_file_runs_no_code_and_is_rebuilt(cache, tmp_path):
    src = tmp_path / "rows.txt"
    src.write_text("a")
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    datacache.load("t", [src], lambda: [1, 2])
    (cached,) = cache.glob("data-t-*.pickle")
    cached.write_bytes(pickle.dumps(Evil()))
    assert datacache.load("t", [src], lambda: [3]) == [3]
    assert not marker.exists()


def test_off_and_unwritable(cache, tmp_path, monkeypatch):
    src = tmp_path / "rows.txt"
    src.write_text("a")
    monkeypatch.setenv("PROCUTEXT_NO_CACHE", "1")
    assert datacache.load("t", [src], lambda: 1) == 1
    assert not list(cache.glob("data-*"))
    monkeypatch.delenv("PROCUTEXT_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("PROCUTEXT_CACHE_DIR", str(blocker / "sub"))
    assert datacache.load("t", [src], lambda: 2) == 2
