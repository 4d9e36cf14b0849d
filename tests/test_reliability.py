"""No lost text (issue 15, points 3 and 5): every encoding and line ending round-trips byte for
byte outside the fixes; a file changed by someone else after it was read is not written
over; files over --max-file-size are reported and the run goes on; special files are never
waited on."""

from __future__ import annotations

import os
import threading
import time

import pytest

import procutext
from procutext.config import DEFAULT_MAX_FILE_SIZE, ConfigError, parse_size
from procutext.files import LEFTOVER, FileChanged, InputError, read_file, write_atomic

from helpers import posix_only, run

# -- encodings x line endings, byte for byte --------------------------------------------------
#: lines with defects of the safe fixes (a full-width comma between English words, a padded
#: quotation, a Chinese list marker) and lines that must come through untouched: Chinese (in
#: the characters every one of the encodings has), a trailing blank-free line, no final break
LINES_BEFORE = ["Wuhu，Anhui held “ a meeting ”.", "1、 The procuratorate 檢察院 handled cases.",
                "檢察院依法辦案，保障當事人的合法權利和社會的公平正義。", "It ends here."]
LINES_AFTER = ["Wuhu, Anhui held “a meeting”.", "1. The procuratorate 檢察院 handled cases.",
               "檢察院依法辦案，保障當事人的合法權利和社會的公平正義。", "It ends here."]
#: (--encoding, how the file is encoded, the BOM written before it)
ENCODINGS = {
    "utf-8": (None, "utf-8", b""),
    "utf-8 BOM": (None, "utf-8", b"\xef\xbb\xbf"),
    "gbk": ("gbk", "gbk", b""),
    "gb18030": ("gb18030", "gb18030", b""),
    "big5": ("big5", "big5", b""),
    "utf-16 BOM (LE)": (None, "utf-16-le", b"\xff\xfe"),
    "utf-16 BOM (BE)": (None, "utf-16-be", b"\xfe\xff"),
    "utf-16 without BOM": ("utf-16", "utf-16-le", b""),
}
ENDINGS = {"LF": ["\n"] * 3, "CRLF": ["\r\n"] * 3, "CR": ["\r"] * 3, "mixed": ["\r\n", "\n", "\r"]}


def _join(lines: list[str], breaks: list[str]) -> str:
    return "".join(line + br for line, br in zip(lines, breaks)) + lines[-1]


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("name", ENCODINGS)
def test_fix_round_trips_every_encoding_and_line_ending(tmp_path, capsys, name, ending):
    option, codec, bom = ENCODINGS[name]
    breaks = ENDINGS[ending]
    before = bom + _join(LINES_BEFORE, breaks).encode(codec)
    after = bom + _join(LINES_AFTER, breaks).encode(codec)
    p = tmp_path / "article.txt"
    p.write_bytes(before)
    args = ["fix", str(p)] + (["--encoding", option] if option else [])
    code, _, err = run(capsys, *args)
    assert "error" not in err, err
    assert p.read_bytes() == after  # exactly: encoding, BOM, every line break, the Chinese
    # and nothing to do a second time
    code, _, _ = run(capsys, *args[:1], "--check", *args[1:])
    assert code == 0 and p.read_bytes() == after
    assert sorted(x.name for x in tmp_path.iterdir()) == ["article.txt"]


# -- a file changed between read and write ------------------------------------------------------
BAD = "Wuhu，Anhui\n"
FIXED = "Wuhu, Anhui\n"


def test_write_refuses_a_file_changed_since_it_was_read(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    tf = read_file(p)
    p.write_text("Hefei，Anhui\n", encoding="utf-8")  # another editor saved it
    with pytest.raises(FileChanged) as e:
        write_atomic(tf, FIXED)
    assert str(e.value).startswith(f"{p}: not written: the file changed after procutext read it")
    assert p.read_text(encoding="utf-8") == "Hefei，Anhui\n"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]  # no temporary file left


def test_same_size_and_time_but_other_bytes_is_a_change(tmp_path):
    # a change within the file system's time resolution, of the same length: the digest sees it
    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    st = p.stat()
    tf = read_file(p)
    p.write_text("Wuhu，Anhux\n", encoding="utf-8")
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert p.stat().st_size == st.st_size and p.stat().st_mtime_ns == st.st_mtime_ns
    with pytest.raises(FileChanged):
        write_atomic(tf, FIXED)
    assert p.read_text(encoding="utf-8") == "Wuhu，Anhux\n"


def test_a_touched_but_identical_file_is_a_change_too(tmp_path):
    # only the modification time moved: procutext cannot know that the content is the same
    # without comparing it, and it does: the digest matches, but the time does not, so it stops
    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    tf = read_file(p)
    st = p.stat()
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    with pytest.raises(FileChanged):
        write_atomic(tf, FIXED)
    assert p.read_text(encoding="utf-8") == BAD


def test_a_deleted_file_is_not_recreated(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    tf = read_file(p)
    p.unlink()
    with pytest.raises(FileChanged, match="deleted or renamed"):
        write_atomic(tf, FIXED)
    assert list(tmp_path.iterdir()) == []


@posix_only
def test_a_changed_file_with_hard_links_is_not_rewritten(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    os.link(p, tmp_path / "b.txt")
    tf = read_file(p)
    (tmp_path / "b.txt").write_text("Hefei，Anhui\n", encoding="utf-8")  # through the other name
    with pytest.raises(FileChanged):
        write_atomic(tf, FIXED)
    assert p.read_text(encoding="utf-8") == "Hefei，Anhui\n"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_fix_on_the_command_line_leaves_a_changed_file_alone(tmp_path, capsys, monkeypatch):
    from procutext import engine

    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(BAD, encoding="utf-8")
    real = engine.fix_text

    def fix_text_while_someone_edits(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(text, *args, **kwargs)
        if kwargs.get("path") == str(p):  # between procutext's read and its write
            p.write_text("Someone else's new text，kept\n", encoding="utf-8")
        return result

    monkeypatch.setattr(engine, "fix_text", fix_text_while_someone_edits)
    code, out, err = run(capsys, "fix", str(p), str(other))
    assert code == 2
    assert (f"{p}: cannot write the fixed text: not written: the file changed after procutext read it "
            "(another program wrote to it)") in err
    assert p.read_text(encoding="utf-8") == "Someone else's new text，kept\n"
    assert other.read_text(encoding="utf-8") == FIXED  # the rest of the run went on
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt", "other.txt"]


# -- size limits --------------------------------------------------------------------------------
def test_parse_size():
    assert parse_size("20MB") == 20 * 1024 ** 2 == parse_size("20m") == parse_size(" 20 MiB ")
    assert parse_size("1.5K") == 1536 and parse_size(0) == 0 and parse_size("0") == 0 and parse_size(512) == 512
    for bad in ("-1", "ten", "5 parsecs", True, -3, None):
        with pytest.raises(ValueError):
            parse_size(bad)
    assert DEFAULT_MAX_FILE_SIZE == 50 * 1024 ** 2


def test_files_over_the_limit_are_reported_and_the_run_goes_on(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_text("Wuhu，Anhui\n" * 2000, encoding="utf-8")  # 26,000 bytes
    small = tmp_path / "small.txt"
    small.write_text(BAD, encoding="utf-8")
    code, out, err = run(capsys, "check", "--max-file-size", "10KB", str(tmp_path))
    assert code == 2
    assert (f"{big}: not checked: the file is 25.4 KB, over the limit of 10 KB (raise it with --max-file-size "
            "or the config's max-file-size; 0 turns it off)") in err
    assert f"{small}:1:5: PT120" in out and str(big) + ":1" not in out
    code, out, err = run(capsys, "fix", "--max-file-size", "10KB", str(tmp_path))
    assert code == 2 and small.read_text(encoding="utf-8") == FIXED
    assert big.read_text(encoding="utf-8") == BAD * 2000  # not read, not written
    code, out, err = run(capsys, "check", "--max-file-size", "0", "--select", "PT120", str(big))
    assert code == 1 and out.count("PT120") == 2000


def test_the_limit_from_the_config_and_the_api(tmp_path, capsys):
    (tmp_path / "procutext.toml").write_text('max-file-size = "1KB"\n', encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000, encoding="utf-8")
    code, _, err = run(capsys, "check", str(big))
    assert code == 2 and "over the limit of 1 KB" in err
    assert run(capsys, "check", "--max-file-size", "4KB", str(big))[0] == 0  # the flag wins
    report = procutext.check_paths([big], max_file_size="4KB")
    assert report.exit_code() == 0
    with pytest.raises(InputError, match="over the limit of 1 KB"):
        procutext.check_path(big)
    (tmp_path / "procutext.toml").write_text("max-file-size = -5\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(big))
    assert code == 2 and "`max-file-size` must not be negative" in err


def test_stdin_over_the_limit(capsys):
    report = procutext.check_paths(["-"], stdin=b"a" * 100, max_file_size=10)
    assert report.exit_code() == 2
    assert report.all_errors == ["-: not checked: the input is 100 bytes, over the limit of 10 bytes (raise it with "
                                 "--max-file-size or the config's max-file-size; 0 turns it off)"]


def test_glossary_rows_are_literal_phrases_not_patterns(tmp_path):
    # point 2 of the issue: "user-supplied patterns in glossaries run with a timeout". Glossary
    # rows carry no patterns: renderings and context values are phrases matched word by word
    # (Aho-Corasick), so a row written as a catastrophic regular expression is just text
    g = tmp_path / "ours.tsv"
    g.write_text("zh\ten\twrong\tsource\tdomain\tcontext\n"
                 "检察长\tchief procurator\t(a+)+$ chief|a.*b\thttps://en.spp.gov.cn/\tinstitution\t\n"
                 "检察官\tprosecutor\tprocuratorial inspector\thttps://en.spp.gov.cn/\tinstitution\tnear:(x+x+)+y\n",
                 encoding="utf-8")
    glossary = procutext.load_glossary(g, default=False)
    assert glossary.warnings == []
    text = ("a" * 50_000 + "! The (a+)+$ chief met the aXXb and the a.*b; a procuratorial inspector came. "
            + "x" * 50_000 + "y")
    t = time.perf_counter()
    found = procutext.check(text, glossary=glossary, select=["PT401"])
    assert time.perf_counter() - t < 10
    # each matched as the letters it is: not "aXXb", and the inspector's context is not "xx…y"
    assert [text[f.start:f.end] for f in found] == ["(a+)+$ chief", "a.*b"]


# -- special files ------------------------------------------------------------------------------
@posix_only
def test_a_fifo_is_skipped_never_waited_on(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(BAD, encoding="utf-8")
    result: dict = {}

    def go() -> None:
        result["code"] = run(capsys, "fix", str(fifo), str(good))[0]

    t = threading.Thread(target=go, daemon=True)
    t.start()
    t.join(60)
    assert not t.is_alive(), "procutext waited on a named pipe"
    assert good.read_text(encoding="utf-8") == FIXED
    with pytest.raises(InputError, match="named pipe"):
        read_file(fifo)
    assert not [x for x in tmp_path.iterdir() if LEFTOVER.match(x.name)]


def test_config_error_names_the_key(tmp_path):
    from procutext.config import read_config_file

    cfg = tmp_path / "procutext.toml"
    cfg.write_text('max-file-size = "lots"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="max-file-size.*must be a size"):
        read_config_file(cfg)
