"""The Dask engine on a real LocalCluster of two worker processes: the same results as the
local engine, and the Python API for Dask collections. One cluster for the module (its start
is the cost), so the whole file stays within seconds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
dask_bag = pytest.importorskip("dask.bag")

from procutext.runner import check_paths  # noqa: E402

TEXTS = [
    "since this year“ Dandelion ”was launched\n",
    "1、 Focus on the central work\n",
    "The hospital leaders of 湾沚区 held a meeting.\n",
    "All is well in this text.\n",
]


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           memory_limit="2GiB")
    c = Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def _rows(report):  # type: ignore[no-untyped-def]
    return [(f.path, f.line, f.column, f.code, f.message) for f in report.findings]


def test_dask_engine_matches_the_local_engine_on_files(tmp_path: Path, client) -> None:  # type: ignore[no-untyped-def]
    for i in range(20):
        (tmp_path / f"d{i:02}.txt").write_text(TEXTS[i % 4] * (1 + i % 2), encoding="utf-8")
    local = check_paths([str(tmp_path)])
    on_dask = check_paths([str(tmp_path)], engine="dask", scheduler=client.scheduler.address)
    assert local.findings and _rows(local) == _rows(on_dask)
    assert len(client.scheduler_info()["workers"]) == 2


def test_dask_engine_on_a_corpus_with_a_user_glossary(tmp_path: Path, client) -> None:  # type: ignore[no-untyped-def]
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\twrong\tsource\n检察院\tprocuratorate\tprocuratorial house\tour style guide\n",
                 encoding="utf-8")
    c = tmp_path / "c.jsonl"
    c.write_text("".join(json.dumps({"id": i, "text": TEXTS[i % 4] + " The procuratorial house."},
                                    ensure_ascii=False) + "\n" for i in range(300)), encoding="utf-8")
    local = check_paths([str(c)], corpus=True, glossaries=[str(g)])
    on_dask = check_paths([str(c)], corpus=True, glossaries=[str(g)], engine="dask", scheduler=client)
    assert _rows(local) == _rows(on_dask)
    assert any("procuratorial house" in f.matched for f in on_dask.findings)  # the glossary reached the workers
    # fix on the cluster writes the same cleaned corpus
    check_paths([str(c)], corpus=True, fix=True, glossaries=[str(g)])
    first = (tmp_path / "c.fixed.jsonl").read_bytes()
    check_paths([str(c)], corpus=True, fix=True, glossaries=[str(g)], engine="dask", scheduler=client)
    assert (tmp_path / "c.fixed.jsonl").read_bytes() == first


def test_check_bag_and_fix_bag(client) -> None:  # type: ignore[no-untyped-def]
    import procutext
    from procutext.dask import check_bag, fix_bag

    texts = TEXTS * 5
    bag = dask_bag.from_sequence(texts, npartitions=4)
    found = check_bag(bag).compute()
    expected = [(i, f.code) for i, t in enumerate(texts) for f in procutext.check(t)]
    sizes = [len(p) for p in dask_bag.from_sequence(texts, npartitions=4).map_partitions(lambda p: [list(p)]).compute()]
    starts = [sum(sizes[:k]) for k in range(len(sizes))]
    got = [(starts[f["record"][0]] + f["record"][1], f["code"]) for f in found]
    assert got == expected and got
    records = dask_bag.from_sequence([{"id": f"x{i}", "text": t} for i, t in enumerate(texts)], npartitions=3)
    assert {f["record"] for f in check_bag(records).compute()} == {f"x{i}" for i, t in enumerate(texts)
                                                                   if procutext.check(t)}
    assert fix_bag(bag).compute() == [procutext.fix(t).text for t in texts]


def test_check_dataframe(client) -> None:  # type: ignore[no-untyped-def]
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    import procutext
    from procutext.dask import check_dataframe

    frame = pd.DataFrame({"id": [f"r{i}" for i in range(8)], "text": TEXTS * 2})
    out = check_dataframe(dd.from_pandas(frame, npartitions=2), id_field="id").compute()
    expected = [(f"r{i}", f.code) for i, t in enumerate(TEXTS * 2) for f in procutext.check(t)]
    assert list(zip(out["record"], out["code"])) == expected
