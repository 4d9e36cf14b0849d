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


INDEXES = ("_by_code", "_children", "_by_zh", "_by_short", "_by_former", "_by_en", "_short_index")


def test_the_cached_gazetteer_is_the_built_one(cache):
    """The gazetteer read lazily from the data cache (rows as text, indexes pickled by row
    number) answers every lookup as the one built from the parsed rows."""
    path = data_dir() / "places" / "divisions.tsv"
    first = places.load(path)  # builds and saves
    assert list(cache.glob("data-gazetteer-*.pickle"))
    again = places.load(path)  # reads the cache
    assert again._lines is not None  # the lazy form
    built = places.Gazetteer(places.parse(path.read_text(encoding="utf-8")), first._townships_path)
    # lookups before anything is read in full: rows made one by one
    for name in ("Wanzhi District", "Wuhu", "Xi'an", "Beijing City", "Shexian", "Nowhere"):
        assert again.by_en(name) == built.by_en(name), name
    assert again.children("340200") == built.children("340200")
    assert again.by_short_name("湾沚") == built.by_short_name("湾沚")
    assert again.short_prefixes() == built.short_prefixes()
    # then everything
    assert again._divisions == built._divisions and len(again) == len(built) and list(again) == list(built)
    for attr in INDEXES:
        assert getattr(again, attr).as_dict() == getattr(built, attr).as_dict(), attr
    assert again.by_en("Wanzhi District") and again.by_en("Wanzhi District") == built.by_en("Wanzhi District")
    for d in built:
        assert again.get(d.code) == d and d.code in again
        assert again.by_zh(d.zh) == built.by_zh(d.zh) and again.by_zh(d.short) == built.by_zh(d.short)
        assert again.by_en(d.en) == built.by_en(d.en) and again.by_en(d.en_short) == built.by_en(d.en_short)
        assert again.children(d.code) == built.children(d.code)
        assert again.chain(d.code) == built.chain(d.code)
        for name, _ in d.former:
            assert again.by_former(name) == built.by_former(name)
    # the same objects each time (rules compare divisions by identity)
    assert again.get("340210") is again.by_en("Wanzhi District")[0]


def test_a_row_that_the_text_form_cannot_hold_is_cached_as_a_tuple(cache, tmp_path):
    src = data_dir() / "places" / "divisions.tsv"
    lines = src.read_text(encoding="utf-8").split("\n")
    header, row = lines[0], lines[1].split("\t")
    odd = row.copy()
    odd[0], odd[1], odd[2], odd[5], odd[6], odd[8] = "990000", "某\x1e地", "某\x1e", "Mou\x1dDi", "Mou", "旧名@1990|x\x1ey@2000"
    path = tmp_path / "divisions.tsv"
    path.write_text("\n".join([header, "\t".join(row), "\t".join(odd)]) + "\n", encoding="utf-8")
    first = places.load(path)
    again = places.load(path)
    built = places.Gazetteer(places.parse(path.read_text(encoding="utf-8")))
    assert again._lines is None and list(again) == list(built) == list(first)
    assert again.by_en("Mou") == built.by_en("Mou") and again.by_former("旧名") == built.by_former("旧名")
    assert again.by_former("x\x1ey") == built.by_former("x\x1ey") != []


def test_the_cached_glosses_are_the_built_ones(cache):
    path = data_dir() / "places" / "glosses.tsv"
    G.load(path)
    again = G.load(path)
    built = G.Glosses(G._read(path))
    assert again._by_zh is None  # the compact form: by_zh read when asked for
    for key in built.by_words:
        assert again.units(key) == built.units(key), key
    assert again.units(("no", "such", "gloss")) == built.units(("no", "such", "gloss")) == frozenset()
    assert again.title_first_words == built.title_first_words
    assert (again.by_zh, again.by_words, again.first_words) == (built.by_zh, built.by_words, built.first_words)
    prefixes = places.default_gazetteer().short_prefixes()
    for words in (["Mirror", "Lake", "District"], ["Wuhu", "Inaction"], ["Bay", "Zhi"], ["Calm"]):
        assert sorted(again.readings(words, prefixes)) == sorted(built.readings(words, prefixes))


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


def test_a_file_whose_key_text_differs_is_not_read(cache, tmp_path):
    """The file name is a short digest of the key; the file holds the key's full text, so
    a file named alike for other sources (a digest collision) is rebuilt, never used."""
    src = tmp_path / "rows.txt"
    src.write_text("a")
    assert datacache.load("t", [src], lambda: ["built once"]) == ["built once"]
    (cached,) = cache.glob("data-t-*.pickle")
    magic, text, data = pickle.loads(cached.read_bytes())
    assert text.endswith(f"{src}\t1\t{src.stat().st_mtime_ns}\n") and data == ["built once"]
    cached.write_bytes(pickle.dumps((magic, text.replace("rows.txt", "other.txt"), ["stale"])))
    assert datacache.load("t", [src], lambda: ["built again"]) == ["built again"]
    assert datacache.load("t", [src], lambda: ["not needed"]) == ["built again"]


def test_the_cached_shipped_glossary_rows_are_the_read_ones(cache):
    """The shipped glossary's rows made again from the data cache's plain form are the rows
    read from the TSV files, field for field (origin and conditions included)."""
    from procutext import glossary as GL

    read = [e for p in GL.shipped_paths() for e in GL.read_tsv(p)]
    first = GL._shipped_entries()  # builds and saves
    assert list(cache.glob("data-glossary-*.pickle"))
    again = GL._shipped_entries()  # from the cache
    for entries in (first, again):
        assert len(entries) == len(read)
        for a, b in zip(entries, read):
            assert a == b and a.origin == b.origin and a.inherited == b.inherited == ()
            assert [(c.kind, c.values, c.phrases) for c in a.context] == [(c.kind, c.values, c.phrases) for c in b.context]
    built, cached = GL.Glossary(read), GL.Glossary(again)
    assert sorted(built.matcher.automaton.keys()) == sorted(cached.matcher.automaton.keys())
    assert sorted(built.shield_matcher.automaton.keys()) == sorted(cached.shield_matcher.automaton.keys())
    text = "The hospital leaders of the superior court met the charity litigation team and the chief prosecutor."
    assert [(m.start, m.end, m.value.text, m.value.origin) for m in built.matcher.finditer(text)] == \
        [(m.start, m.end, m.value.text, m.value.origin) for m in cached.matcher.finditer(text)]


def test_shipped_tsv_rows_from_the_cache_are_the_read_ones(cache):
    from procutext import data

    for name in ("furniture.tsv", "places/pinyin_variants.tsv", "places/divisions.tsv"):
        read = data._read_tsv(data_dir() / name)
        assert data.read_tsv(name) == read  # builds and saves
        assert data.read_tsv(name) == read  # from the cache
    assert len(list(cache.glob("data-tsv-*.pickle"))) == 3


def test_the_cached_shields_of_the_shipped_glossary_are_the_computed_ones(cache, monkeypatch):
    from procutext import glossary as GL

    monkeypatch.setattr(GL, "_default", None)
    g = GL.default_glossary()
    assert g._cache_sources is not None
    computed = g._shield_keys()
    assert computed and sorted(g.shield_matcher.automaton.keys()) == computed  # builds and saves
    assert list(cache.glob("data-glossary-shields-*.pickle"))
    g._shields = None
    assert sorted(g.shield_matcher.automaton.keys()) == computed  # from the cache
    g.add(GL.Entry("测试", ("test term",), ("examination",)))  # a changed glossary computes its own
    assert g._cache_sources is None
    monkeypatch.setattr(GL, "_default", None)
