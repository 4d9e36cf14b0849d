"""Start-up shortcuts compared with the full computation: the command line's parser for
``check``/``fix`` (only their subcommands built) against the whole parser."""

from __future__ import annotations

import contextlib
import io

import pytest

from procutext import cli

ARGVS = [
    ["check", "a.txt"],
    ["check", "--exit-zero", "--no-cache", "a.txt", "b.md"],
    ["check", "--select", "PT1,PT401", "--ignore", "PT101", "--output-format", "json", "-"],
    ["check", "--fix", "--unsafe-fixes", "--quote-style", "curly", "dir"],
    ["check", "--urls", "list.txt", "--concurrency", "3", "--timeout", "2.5", "--max-page-size", "2MB"],
    ["check", "--baseline", "b.json", "--fail-level", "error", "x"],
    ["check", "--statistics", "x"],
    ["fix", "--diff", "a.txt"],
    ["fix", "--check", "-", "--stdin-filename", "f.md"],
    ["fix", "--unsafe-fixes", "--jobs", "2", "d"],
    # errors: the same message and exit code
    ["check", "--fail-level", "fatal", "x"],
    ["check", "--concurrency", "0", "x"],
    ["fix", "--diff", "--check", "x"],
    ["check", "--no-such-flag"],
    ["check", "--help"],
    ["fix", "-h"],
]


def _parse(parser, argv):  # type: ignore[no-untyped-def]
    out, err = io.StringIO(), io.StringIO()
    code = None
    ns = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            ns = parser.parse_args(argv)
        except SystemExit as e:
            code = e.code
    return ns, code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", ARGVS, ids=[" ".join(a) for a in ARGVS])
def test_the_check_parser_parses_as_the_whole_one(argv):
    small, full = cli._parser_for(argv), cli.build_parser()
    assert small is not full and len(small._subparsers._group_actions[0].choices) == 2  # type: ignore[union-attr]
    assert _parse(small, argv) == _parse(full, argv)


@pytest.mark.parametrize("argv", [[], ["--version"], ["-h"], ["rule"], ["glossary", "check", "x.tsv"],
                                  ["place", "Wuhu"], ["checks", "x"], ["--help", "check"]])
def test_other_command_lines_get_the_whole_parser(argv):
    parser = cli._parser_for(argv)
    assert set(parser._subparsers._group_actions[0].choices) == {"check", "fix", "glossary", "place", "rule"}  # type: ignore[union-attr]
    assert _parse(parser, argv) == _parse(cli.build_parser(), argv)


# -- the data read lazily from the data cache ---------------------------------------------

import dataclasses  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import procutext  # noqa: E402
from procutext import places  # noqa: E402
from procutext.context import Context  # noqa: E402
from procutext.data import data_dir  # noqa: E402
from procutext.places import glosses as G  # noqa: E402

PLACE_PIECES = [
    "Wuhu", "Wanzhi District", "Wanzhi", "Wuhu Inaction", "Mirror Lake District", "Anhui Province", "Anhui",
    "Xi'an", "Xian", "Beijing City", "Beijing Municipality", "Sanshan", "Jinghu (Mirror Lake) District",
    "Guiding County", "Guiding principles", "Harqin", "Saga County", "Wandang District", "Hangzhou West Lake",
    "湾沚区", "芜湖县", "芜湖市无为市", "镜湖区", "the procuratorate", "Procuratorate", "Calm County", "Bay Zhi",
    "Shexian", "She County", "Huizhou City", "Xingtai", "Lüliang", "Lvliang", "Yangzhou City of Jiangsu",
    "People's Procuratorate of", "in", "and", "the", ",", ".", "\n", "\n\n",
]


def _place_check(text: str, ctx: Context) -> list[tuple]:
    return [(f.code, f.start, f.end, f.message, f.edit, f.suggestions, f.data)
            for f in procutext.check(text, select=["places", "PT302", "PT401"], context=ctx)]


@pytest.fixture(scope="module")
def lazy_and_eager(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("PROCUTEXT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    mp.delenv("PROCUTEXT_NO_CACHE", raising=False)
    path = data_dir() / "places" / "divisions.tsv"
    places.load(path)  # builds the cache
    lazy = places.load(path)
    assert lazy._lines is not None
    eager = places.Gazetteer(places.parse(path.read_text(encoding="utf-8")), lazy._townships_path)
    gpath = data_dir() / "places" / "glosses.tsv"
    G.load(gpath)
    lazy_glosses = G.load(gpath)
    assert lazy_glosses._by_zh is None
    eager_glosses = G.Glosses(G._read(gpath))
    yield lazy, eager, lazy_glosses, eager_glosses, mp
    mp.undo()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PLACE_PIECES), min_size=1, max_size=14).map(" ".join))
def test_place_findings_with_the_lazy_cached_data_are_the_eager_ones(lazy_and_eager, text):
    lazy, eager, lazy_glosses, eager_glosses, mp = lazy_and_eager
    mp.setattr(G, "default_glosses", lambda: lazy_glosses)
    got = _place_check(text, dataclasses.replace(Context(), gazetteer=lazy))
    mp.setattr(G, "default_glosses", lambda: eager_glosses)
    want = _place_check(text, dataclasses.replace(Context(), gazetteer=eager))
    assert got == want
