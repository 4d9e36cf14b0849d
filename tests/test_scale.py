"""Many inputs: the process pool (--jobs), streamed reports, corpora (JSONL, Parquet) and the
incremental cache. The Dask engine is tested in tests/test_dask.py."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

import procutext.parallel as parallel
from procutext.cli import main
from procutext.runner import check_paths

ROOT = Path(__file__).resolve().parents[1]
DRAFT = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")

TEXTS = [
    "since this year“ Dandelion ”was launched\n",
    "1、 Focus on the central work\n二是 strengthen\n",
    "The hospital leaders of 湾沚区 held a meeting.\n",
    "All is well in this text.\n",
    "two thousand and twenty In the year\n",
    "Wulateqian Banner  procuratorate\n",
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for i in range(24):
        (tmp_path / f"d{i:02}.txt").write_text(TEXTS[i % len(TEXTS)] * (1 + i % 3), encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def _rows(report) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(f.path, f.line, f.column, f.code, f.message, f.edit.replacement if f.edit else None)
            for f in report.findings]


def test_pool_gives_the_same_findings_in_the_same_order(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = check_paths([str(tree)], jobs=1)
    monkeypatch.setattr(parallel, "MIN_POOL_BYTES", 0)
    two = check_paths([str(tree)], jobs=2)
    three = check_paths([str(tree)], jobs=3)
    assert one.findings and _rows(one) == _rows(two) == _rows(three)
    assert [fr.path for fr in one.files] == [fr.path for fr in two.files]
    assert one.exit_code() == two.exit_code() == 1


def test_pool_fix_writes_every_file(tree: Path, tmp_path_factory: pytest.TempPathFactory,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    other = tmp_path_factory.mktemp("copy")
    for p in tree.iterdir():
        shutil.copy(p, other / p.name)
    check_paths([str(tree)], fix=True, jobs=1)
    monkeypatch.setattr(parallel, "MIN_POOL_BYTES", 0)
    r = check_paths([str(other)], fix=True, jobs=2)
    assert r.fixed
    for p in tree.iterdir():
        assert (other / p.name).read_bytes() == p.read_bytes(), p.name


def test_small_runs_stay_in_process() -> None:
    assert not parallel.worth_a_pool(2, 1, 10 ** 9)  # one input
    assert not parallel.worth_a_pool(2, 50, parallel.MIN_POOL_BYTES - 1)  # few bytes
    assert not parallel.worth_a_pool(1, 50, 10 ** 9)
    assert parallel.worth_a_pool(2, 2, parallel.MIN_POOL_BYTES)
    with pytest.raises(ValueError):
        parallel.resolve_jobs(-1)
    assert parallel.resolve_jobs(None) == parallel.default_jobs() >= 1


def test_ordered_map_keeps_order_and_raises_in_place() -> None:
    assert list(parallel.ordered_map(abs, range(-50, 0), 2, window=3)) == [abs(i) for i in range(-50, 0)]
    with pytest.raises(ZeroDivisionError):
        list(parallel.ordered_map(_inverse, [1, 2, 0, 4], 2))


def _inverse(x: int) -> float:
    return 1 / x


@pytest.mark.parametrize("fmt", ["concise", "full", "json-lines", "sarif", "github", "html"])
def test_streamed_output_is_the_whole_run_output(tree: Path, fmt: str, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI streams these formats (no RunReport.files kept); the bytes are those of the
    reporter given the whole run, with 1 job and with 2."""
    from procutext.reporters import REPORTERS

    monkeypatch.chdir(tree)
    whole = check_paths(["."], jobs=1)
    buf = io.StringIO()
    REPORTERS[fmt](whole, buf)
    outputs = []
    for jobs in ("1", "2"):
        monkeypatch.setattr(parallel, "MIN_POOL_BYTES", 0)
        assert main(["check", ".", "--output-format", fmt, "--jobs", jobs, "-q"]) == 1
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == buf.getvalue()
    assert buf.getvalue()


def test_pooled_json_lines_are_rendered_by_the_workers(tree: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """With a pool, the workers write the finding lines (FileReport.rendered) and the parent
    only copies them; in process the writer renders them itself. The bytes are the same, for
    check and for fix --diff (whose findings are those left after fixing)."""
    from procutext.reporters import jsonlines

    monkeypatch.chdir(tree)
    seen: list[bool] = []
    real = jsonlines.JsonLinesWriter.file

    def file(self, fr):  # type: ignore[no-untyped-def]
        seen.append(fr.rendered is not None)
        return real(self, fr)

    monkeypatch.setattr(jsonlines.JsonLinesWriter, "file", file)  # the parent's writer only
    for command in (["check"], ["fix", "--diff"]):
        outputs = []
        for jobs in ("1", "2"):
            seen.clear()
            monkeypatch.setattr(parallel, "MIN_POOL_BYTES", 0 if jobs == "2" else 1 << 40)
            main([*command, ".", "--output-format", "json-lines", "--jobs", jobs, "-q"])
            outputs.append(capsys.readouterr().out)
            assert len(seen) == 25
            assert all(seen) if jobs == "2" else not any(seen)
        assert outputs[0] == outputs[1]
        assert '"type":"finding"' in outputs[0]


def test_html_report_of_many_documents_is_the_whole_run_report(tmp_path: Path) -> None:
    """Past 20 documents the sections start closed and go through the spool."""
    from procutext.reporters import REPORTERS
    from procutext.reporters.html import HtmlWriter

    for i in range(30):
        (tmp_path / f"d{i:02}.txt").write_text(TEXTS[i % len(TEXTS)], encoding="utf-8")
    whole = check_paths([str(tmp_path)])
    expected = io.StringIO()
    REPORTERS["html"](whole, expected)
    buf = io.StringIO()
    w = HtmlWriter(buf)
    w.SPOOL_BYTES = 1024  # to disk early
    streamed = check_paths([str(tmp_path)], sink=w.file)
    w.finish(streamed)
    assert buf.getvalue() == expected.getvalue()
    assert ' open>' not in buf.getvalue() and buf.getvalue().count('<details class="doc"') == 25


def test_streamed_run_keeps_no_file_reports(tree: Path) -> None:
    seen: list[str] = []
    r = check_paths([str(tree)], sink=lambda fr: seen.append(fr.path))
    assert r.files == [] and len(seen) == 25 and r.tally is not None
    whole = check_paths([str(tree)])
    assert r.checked == whole.checked == 25
    assert r.counts().findings == len(whole.findings) and r.exit_code() == whole.exit_code()


# -- corpora ------------------------------------------------------------------------------------
def _corpus(path: Path, n: int = 40, bilingual: bool = False) -> Path:
    lines = []
    for i in range(n):
        rec: dict = {"id": f"r{i}", "text": TEXTS[i % len(TEXTS)].rstrip("\n")}
        if bilingual and i % len(TEXTS) == 2:
            rec = {"id": f"r{i}", "en": "The hospital leaders said so.", "zh": "院领导这样说。"}
        lines.append(json.dumps(rec, ensure_ascii=False))
        if i == 5:
            lines.append("")  # a blank line is no record
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_corpus_records_are_documents_with_corpus_lines(tmp_path: Path) -> None:
    c = _corpus(tmp_path / "c.jsonl")
    r = check_paths([str(c)], corpus=True)
    assert r.checked == 40 and not r.all_errors
    by_record = {fr.record: fr for fr in r.files}
    assert set(by_record) == {f"r{i}" for i in range(40)}
    fr = by_record["r7"]  # after the blank line: line 9 of the corpus
    assert fr.first_line == 9 and fr.findings and all(f.line == 9 for f in fr.findings)
    line = c.read_text(encoding="utf-8").splitlines()[8]
    for f in fr.findings:
        assert line[f.column - 1:f.end_column - 1] == f.matched  # columns in the corpus's line


def test_corpus_in_full_and_json_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c = _corpus(tmp_path / "c.jsonl")
    assert main(["check", str(c), "--corpus", "--output-format", "full", "-q"]) == 1
    out = capsys.readouterr().out
    lines = c.read_text(encoding="utf-8").splitlines()
    # each excerpt is the finding's record line of the corpus (line 9: record r7, after the blank)
    assert f"9 | {lines[8][:40]}" in out and f"1 | {lines[0][:40]}" in out
    assert main(["check", str(c), "--corpus", "--output-format", "json", "-q"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["files"]) == 40 and doc["files"][7] | {} == {**doc["files"][7], "record": "r7", "line": 9}
    f = next(f for f in doc["findings"] if f["record"] == "r7")
    assert f["line"] == 9 and f.get("fix", {"edits": [{"line": 9}]})["edits"][0]["line"] == 9


def test_corpus_fix_writes_a_cleaned_corpus_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c = _corpus(tmp_path / "c.jsonl", bilingual=True)
    before = c.read_bytes()
    r = check_paths([str(c)], corpus=True, fix=True)
    out = tmp_path / "c.fixed.jsonl"
    assert r.corpora_written == [(str(c), str(out))]
    assert c.read_bytes() == before  # never in place unless asked
    old, new = before.decode().splitlines(), out.read_text(encoding="utf-8").splitlines()
    assert len(old) == len(new)
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    assert changed
    for i in changed:
        a, b = json.loads(old[i]), json.loads(new[i])
        assert a.keys() == b.keys() and a["id"] == b["id"] and a.get("zh") == b.get("zh")
    assert "leaders of the procuratorate" in out.read_text(encoding="utf-8")
    # the cleaned corpus has nothing left to fix; and the pool writes the same corpus
    again = check_paths([str(out)], corpus=True, fix=True, write=False)
    assert not again.fixed
    monkeypatch.setattr(parallel, "MIN_POOL_BYTES", 0)
    out.unlink()
    check_paths([str(c)], corpus=True, fix=True, jobs=2)
    assert out.read_text(encoding="utf-8").splitlines() == new


def test_corpus_bad_record_is_an_error_and_nothing_is_written(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    c = tmp_path / "c.jsonl"
    c.write_text('{"id": 1, "text": "a  b"}\n{"id": 2, "text": \n', encoding="utf-8")
    assert main(["fix", str(c), "--corpus"]) == 2
    err = capsys.readouterr().err
    assert f"{c}: line 2, column" in err and "not valid JSON Lines" in err
    assert not (tmp_path / "c.fixed.jsonl").exists()


def test_corpus_cli_statistics_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c = _corpus(tmp_path / "c.jsonl")
    assert main(["fix", str(c), "--corpus", "--statistics"]) == 0
    cap = capsys.readouterr()
    assert "PT101" in cap.out and "padded-quote" in cap.out
    assert "of 40 corpus documents" in cap.err and "c.fixed.jsonl" in cap.err


def test_parquet_corpus(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = {"id": [f"r{i}" for i in range(12)], "text": [TEXTS[i % len(TEXTS)] for i in range(12)]}
    p = tmp_path / "c.parquet"
    pq.write_table(pa.table(rows), p)
    j = _corpus(tmp_path / "c.jsonl", 12)
    r = check_paths([str(p)])
    rj = check_paths([str(j)], corpus=True)
    assert [f.code for f in r.findings] == [f.code for f in rj.findings]
    assert {fr.path for fr in r.files} == {f"{p}#r{i}" for i in range(12)}
    check_paths([str(p)], fix=True)
    fixed = pq.read_table(tmp_path / "c.fixed.parquet").to_pydict()
    assert fixed["id"] == rows["id"] and fixed["text"] != rows["text"]
    assert not check_paths([str(tmp_path / "c.fixed.parquet")], fix=True, write=False).fixed


# -- cache --------------------------------------------------------------------------------------
def test_cache_replays_the_same_report(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    cache = tmp_path_factory.mktemp("cache")
    first = check_paths([str(tree)], cache=cache)
    entries = list(cache.rglob("*.bin"))
    assert len(entries) == 25
    second = check_paths([str(tree)], cache=cache)
    assert _rows(first) == _rows(second) and [fr.warnings for fr in first.files] == [fr.warnings for fr in second.files]
    for a in second.files:  # the texts the reporters need come back too
        assert a.text is not None and a.settings is not None
    # a changed file is checked again, the others replayed
    (tree / "d03.txt").write_text("1、 changed\n", encoding="utf-8")
    third = check_paths([str(tree)], cache=cache)
    assert [f for f in third.findings if f.path.endswith("d03.txt")][0].code == "PT110"
    assert len(list(cache.rglob("*.bin"))) == 26
    # other settings are other entries
    fourth = check_paths([str(tree)], cache=cache, ignore=["PT110"])
    assert not [f for f in fourth.findings if f.code == "PT110"]


def test_cache_never_skips_a_fix(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    cache = tmp_path_factory.mktemp("cache")
    check_paths([str(tree)], cache=cache)  # check entries do not serve fix
    r = check_paths([str(tree)], cache=cache, fix=True)
    assert r.fixed and "“ Dandelion ”" not in (tree / "d00.txt").read_text(encoding="utf-8")
    (tree / "d00.txt").write_text(TEXTS[0], encoding="utf-8")  # the same content again
    r = check_paths([str(tree)], cache=cache, fix=True)
    assert [fr.path for fr in r.files if fr.fixed] == [str(tree / "d00.txt")]


def test_cache_key_covers_user_glossaries(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    cache = tmp_path_factory.mktemp("cache")
    g = tmp_path / "g.tsv"
    g.write_text("zh\ten\twrong\tsource\n检察院\tprocuratorate\tprocuratorial house\tour style guide\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("The procuratorial house opened.\n", encoding="utf-8")
    first = check_paths([str(doc)], cache=cache, glossaries=[str(g)])
    g.write_text("zh\ten\twrong\tsource\n检察院\tprocuratorate\tcourt house\tour style guide\n", encoding="utf-8")
    second = check_paths([str(doc)], cache=cache, glossaries=[str(g)])
    assert [f.code for f in first.findings] != [f.code for f in second.findings]


def test_cache_prune_and_broken_entries(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    from procutext.cache import Cache

    cache = tmp_path_factory.mktemp("cache")
    first = check_paths([str(tree)], cache=cache)
    for p in cache.rglob("*.bin"):
        p.write_bytes(b"garbage")  # a damaged entry is a miss, not a crash
    again = check_paths([str(tree)], cache=cache)
    assert _rows(first) == _rows(again)
    c = Cache(cache)
    total = sum(p.stat().st_size for p in cache.rglob("*.bin"))
    assert c.prune(limit=total // 2) > 0
    assert sum(p.stat().st_size for p in cache.rglob("*.bin")) <= total * 3 // 8 + 1


def test_concurrent_runs_share_a_cache(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Two processes filling one cache at once: no half entry is ever read, and both print
    the findings of a run without the cache."""
    import subprocess

    cache = tmp_path_factory.mktemp("cache")
    env = {k: v for k, v in os.environ.items() if k != "PROCUTEXT_NO_CACHE"}
    cmd = [sys.executable, "-m", "procutext", "check", str(tree), "-q", "--jobs", "1", "--cache-dir", str(cache)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    plain = subprocess.run([*cmd[:-2], "--no-cache"], capture_output=True, env=env, timeout=300)
    assert plain.stdout and all(o == plain.stdout for o, _ in outs), [e[-500:] for _, e in outs]
    assert not list(cache.rglob("*.tmp")) and len(list(cache.rglob("*.bin"))) == 25
    again = subprocess.run(cmd, capture_output=True, env=env, timeout=300)
    assert again.stdout == plain.stdout


def test_cli_cache_location(tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("PROCUTEXT_NO_CACHE", raising=False)
    monkeypatch.delenv("PROCUTEXT_CACHE_DIR", raising=False)
    (tree / "procutext.toml").write_text("", encoding="utf-8")
    sub = tree / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    main(["check", "..", "-q"])
    out1 = capsys.readouterr().out
    root = tree / ".procutext_cache"  # in the project root, beside the config
    assert root.is_dir() and (root / "CACHEDIR.TAG").is_file() and (root / ".gitignore").is_file()
    main(["check", "..", "-q"])
    assert capsys.readouterr().out == out1
    monkeypatch.setenv("PROCUTEXT_CACHE_DIR", str(tree / "shared"))
    main(["check", "..", "-q"])
    assert list((tree / "shared" / "results").rglob("*.bin"))  # beside jieba's caches, in a folder of its own
    n = len(list(root.rglob("*.bin")))
    (tree / "d01.txt").write_text("new  text\n", encoding="utf-8")
    main(["check", "..", "-q", "--no-cache"])
    assert len(list(root.rglob("*.bin"))) == n
    capsys.readouterr()


def test_workers_die_with_a_killed_parent(tmp_path):
    """SIGKILL of a run with a pool: its workers go too (they hold the task queue's writing end
    and would wait on it forever), and the run's output pipe closes."""
    import os as _os
    import signal as _signal
    import subprocess as _subprocess
    import sys as _sys
    import time as _time

    body = "The Wuhu procuratorate，Anhui held a meeting，on work.\n" * 1500
    for i in range(12):
        (tmp_path / f"f{i:02d}.txt").write_text(body, encoding="utf-8")
    env = {**_os.environ, "PROCUTEXT_NO_CACHE": "1"}
    child = _subprocess.Popen([_sys.executable, "-m", "procutext", "check", "--jobs", "2", "--exit-zero",
                               str(tmp_path)], stdout=_subprocess.PIPE, stderr=_subprocess.PIPE, env=env)

    def workers() -> list[int]:
        try:
            with open(f"/proc/{child.pid}/task/{child.pid}/children") as f:
                return [int(x) for x in f.read().split()]
        except OSError:
            return []

    deadline = _time.monotonic() + 60
    while not workers() and _time.monotonic() < deadline and child.poll() is None:
        _time.sleep(0.05)
    pids = workers()
    if not pids:
        pytest.skip("the run finished before its workers could be seen")
    child.send_signal(_signal.SIGKILL)
    child.communicate(timeout=30)  # the pipe closes: no worker holds it any more
    _time.sleep(0.5)
    alive = [p for p in pids if _os.path.exists(f"/proc/{p}") and "Z" not in open(f"/proc/{p}/stat").read().split()[2]]
    assert alive == []


def test_sigterm_ends_a_pooled_run_between_tasks(tmp_path):
    """SIGTERM during a run with a pool ends it (exit 143) once the running tasks are done: the
    handler's exception is no longer raised inside the executor, where it hung shutdown."""
    import os as _os
    import signal as _signal
    import subprocess as _subprocess
    import sys as _sys
    import time as _time

    body = "The Wuhu procuratorate，Anhui held a meeting，on work.\n" * 1500
    for i in range(24):
        (tmp_path / f"f{i:02d}.txt").write_text(body, encoding="utf-8")
    env = {**_os.environ, "PROCUTEXT_NO_CACHE": "1"}
    for delay in (0.8, 1.6, 2.4):
        child = _subprocess.Popen([_sys.executable, "-m", "procutext", "fix", "--select", "PT120", "--jobs", "2",
                                   "--quiet", "--diff", str(tmp_path)], stdout=_subprocess.DEVNULL,
                                  stderr=_subprocess.PIPE, env=env)
        _time.sleep(delay)
        child.send_signal(_signal.SIGTERM)
        _, err = child.communicate(timeout=60)  # hung for ever before
        assert child.returncode in (0, 1, 143, -_signal.SIGTERM), err
