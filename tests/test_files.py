"""Finding files: special files, links, kinds procutext cannot read, unreadable directories
(issue 8, "Crashes and files"; writing fixes back is in test_files_write.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from procutext import files

from helpers import run, PERMISSIONS_BIND, posix_only
from procutext.files import discover, read_file

BAD = "Wuhu，Anhui\n"





def run_cli_subprocess(*args, timeout=60):
    """The CLI in a child process, so that a hang fails the test instead of stopping it."""
    return subprocess.run([sys.executable, "-m", "procutext", *args], capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


# -- special files ----------------------------------------------------------------------------------
@posix_only
def test_fifo_is_skipped_never_opened(tmp_path):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    found = discover([str(tmp_path), str(fifo)])
    assert found.files == [str(tmp_path / "a.txt")]
    assert found.skipped == [(str(fifo), "a named pipe (FIFO), not a regular file")] * 2
    assert found.errors == []
    # read_file refuses it at once instead of waiting for a writer
    with pytest.raises(files.InputError, match="named pipe"):
        read_file(fifo)


@posix_only
def test_check_on_a_fifo_finishes_and_says_so(tmp_path):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    for target in (tmp_path, tmp_path / "pipe.txt"):
        r = run_cli_subprocess("check", str(target))
        assert "pipe.txt" in r.stderr and "named pipe" in r.stderr
    r = run_cli_subprocess("check", str(tmp_path))
    assert "PT120" in r.stdout  # the regular file was still checked


@posix_only
def test_socket_is_skipped(tmp_path):
    import socket

    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as s:
        try:
            s.bind(str(path))
        except OSError as e:  # path too long for AF_UNIX on some systems
            pytest.skip(str(e))
        found = discover([str(tmp_path)])
    assert found.files == [] and found.skipped == [(str(path), "a socket, not a regular file")]


def test_devices_are_skipped():
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    found = discover(["/dev/null"])
    assert found.files == [] and found.skipped == [("/dev/null", "a character device, not a regular file")]


# -- links --------------------------------------------------------------------------------------------
@posix_only
def test_symlink_loops_and_broken_links(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    broken = tmp_path / "gone.txt"
    broken.symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "gone.so").symlink_to(tmp_path / "nowhere.so")  # not a file procutext would read: silent
    found = discover([str(tmp_path)])
    assert found.files == []
    assert found.skipped == [(str(tmp_path / "a.txt"), "symbolic link loop"),
                             (str(tmp_path / "b.txt"), "symbolic link loop"),
                             (str(broken), "broken symbolic link"),
                             (str(loop), "symbolic link loop")]
    assert found.errors == []
    # named explicitly: a loop is skipped, a broken link is an error
    found = discover([str(loop), str(broken)])
    assert found.skipped == [(str(loop), "symbolic link loop")]
    assert found.errors == [f"{broken}: broken symbolic link (to {tmp_path / 'nowhere.txt'})"]


@posix_only
def test_links_to_files_are_followed_links_to_directories_are_not(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text(BAD, encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.txt").symlink_to(real / "a.txt")
    (tree / "dirlink").symlink_to(real)
    assert discover([str(tree)]).files == [str(tree / "link.txt")]


# -- unreadable kinds -----------------------------------------------------------------------------------
def test_documents_procutext_cannot_read_are_skipped(tmp_path):
    for name in ("report.docx", "scan.PDF", "old.doc", "a.odt", "b.rtf", "table.xlsx"):
        (tmp_path / name).write_bytes(b"PK\x03\x04 not text")
    (tmp_path / "page.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    found = discover([str(tmp_path)])
    assert found.files == [str(tmp_path / "a.txt"), str(tmp_path / "page.html")]
    assert [Path(p).name for p, _ in found.skipped] == ["a.odt", "b.rtf", "old.doc", "report.docx", "scan.PDF",
                                                        "table.xlsx"]
    assert dict(found.skipped)[str(tmp_path / "report.docx")] == \
        "a Word document (.docx): procutext reads plain text, Markdown and HTML"
    assert found.errors == []
    # named explicitly: skipped too; other explicit names are read whatever their suffix
    found = discover([str(tmp_path / "report.docx"), str(tmp_path / "page.html")])
    assert found.skipped == [(str(tmp_path / "report.docx"),
                              "a Word document (.docx): procutext reads plain text, Markdown and HTML")]
    assert found.files == [str(tmp_path / "page.html")]


def test_excluded_documents_are_not_listed(tmp_path):
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.pdf").write_bytes(b"%PDF")
    assert discover([str(tmp_path)]).skipped == []


def test_exclude_applies_below_the_named_directory_only(tmp_path):
    root = tmp_path / "venv" / "project"  # 'venv' is excluded by default, but it is above the root
    (root / "venv").mkdir(parents=True)
    (root / "a.txt").write_text(BAD, encoding="utf-8")
    (root / "venv" / "b.txt").write_text(BAD, encoding="utf-8")
    assert discover([str(root)]).files == [str(root / "a.txt")]


def test_walk_order_and_patterns_callback(tmp_path):
    for rel in ("b.txt", "a.md", "sub/c.txt", "sub/deeper/d.txt", "z/e.txt", "notes.rst"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x\n", encoding="utf-8")
    found = discover([str(tmp_path), "-"])
    assert found.files == [str(tmp_path / r) for r in ("a.md", "b.txt", "sub/c.txt", "sub/deeper/d.txt",
                                                       "z/e.txt")] + ["-"]
    seen = []

    def patterns(directory):
        seen.append(directory)
        return ("*.rst",), ("sub",)

    assert discover([str(tmp_path)], patterns=patterns).files == [str(tmp_path / "notes.rst")]
    assert seen == [tmp_path]


def test_missing_paths_are_errors(tmp_path):
    found = discover([str(tmp_path / "nope.txt"), str(tmp_path)])
    assert found.errors == [f"{tmp_path / 'nope.txt'}: no such file or directory"]


# -- unreadable directories ---------------------------------------------------------------------------
def _tree_with_locked_dir(tmp_path):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "z.txt").write_text(BAD, encoding="utf-8")
    return locked


def test_unreadable_directory_is_an_error_and_the_walk_goes_on(tmp_path, monkeypatch):
    # as root (CI) chmod cannot lock a directory: make the listing fail the way it fails for a user
    locked = _tree_with_locked_dir(tmp_path)
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = discover([str(tmp_path)])
    assert found.files == [str(tmp_path / "a.txt"), str(tmp_path / "z.txt")]
    assert found.errors == [f"{locked}: cannot read the directory: permission denied"]


def test_file_inside_a_directory_it_cannot_enter(tmp_path, monkeypatch):
    locked = _tree_with_locked_dir(tmp_path)
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        p = Path(path)
        if locked in p.parents:
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    found = discover([str(locked / "inside.txt"), str(tmp_path / "a.txt")])
    assert found.errors == [f"{locked / 'inside.txt'}: permission denied (cannot enter the directory {locked})"]
    assert found.files == [str(tmp_path / "a.txt")]


@pytest.mark.skipif(not PERMISSIONS_BIND, reason="this process (root) reads every directory")
def test_unreadable_directory_for_real(tmp_path, capsys):
    locked = _tree_with_locked_dir(tmp_path)
    locked.chmod(0)
    try:
        found = discover([str(tmp_path), str(locked / "inside.txt")])
        assert found.files == [str(tmp_path / "a.txt"), str(tmp_path / "z.txt")]
        assert found.errors == [f"{locked}: cannot read the directory: permission denied",
                                f"{locked / 'inside.txt'}: permission denied (cannot enter the directory {locked})"]
        code, out, err = run(capsys, "check", str(tmp_path))
        assert code == 2 and str(locked) in err and "Traceback" not in err and "PT120" in out
    finally:
        locked.chmod(0o755)

