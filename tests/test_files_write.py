"""Writing fixes back: through symbolic links, keeping hard links, unwritable directories,
and the leftovers of killed runs (issue 8, "Crashes and files")."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from procutext import files

from helpers import run, PERMISSIONS_BIND, posix_only
from procutext.files import LEFTOVER, WriteError, clean_leftovers, decode, read_file, write_atomic

BAD = "Wuhu，Anhui\n"
FIXED = "Wuhu, Anhui\n"
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0





def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if LEFTOVER.match(p.name))


# -- links --------------------------------------------------------------------------------------------
@posix_only
def test_fix_writes_through_a_symlink(tmp_path, capsys):
    target_dir = tmp_path / "store"
    target_dir.mkdir()
    target = target_dir / "article.txt"
    target.write_text(BAD, encoding="utf-8")
    link_dir = tmp_path / "work"
    link_dir.mkdir()
    link = link_dir / "article.txt"
    link.symlink_to(os.path.relpath(target, link_dir))
    code, _, err = run(capsys, "fix", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == os.path.relpath(target, link_dir)
    assert target.read_text(encoding="utf-8") == FIXED
    assert sorted(p.name for p in target_dir.iterdir()) == ["article.txt"]
    assert sorted(p.name for p in link_dir.iterdir()) == ["article.txt"]


@posix_only
def test_fix_keeps_hard_links(tmp_path, capsys):
    a = tmp_path / "a.txt"
    a.write_text(BAD, encoding="utf-8")
    a.chmod(0o640)
    b = tmp_path / "other-name.txt"
    os.link(a, b)
    inode = a.stat().st_ino
    code, _, err = run(capsys, "fix", str(a))
    assert code == 0, err
    assert a.read_text(encoding="utf-8") == FIXED and b.read_text(encoding="utf-8") == FIXED
    assert a.stat().st_ino == inode == b.stat().st_ino and a.stat().st_nlink == 2
    assert (a.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "other-name.txt"]


@posix_only
def test_failed_in_place_write_restores_the_file(tmp_path, monkeypatch):
    a = tmp_path / "a.txt"
    a.write_text(BAD, encoding="utf-8")
    os.link(a, tmp_path / "b.txt")
    tf = read_file(a)
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:  # the first syncs the backup, the second the rewritten file
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(WriteError) as e:
        write_atomic(tf, "something else entirely\n")
    assert str(a) in str(e.value) and "no space left" in str(e.value) and "restored" in str(e.value)
    assert a.read_text(encoding="utf-8") == BAD == (tmp_path / "b.txt").read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


# -- unwritable directories ---------------------------------------------------------------------------
def test_unwritable_directory_gives_a_write_error(tmp_path, monkeypatch, capsys):
    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")

    def mkstemp(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    with pytest.raises(WriteError) as e:
        write_atomic(read_file(p), FIXED)
    assert isinstance(e.value, OSError)
    assert e.value.path == str(p)
    assert str(e.value) == f"{p}: cannot create a temporary file in {tmp_path}: permission denied"
    assert p.read_text(encoding="utf-8") == BAD
    # the CLI reports it and counts the file as not fixed
    code, _, err = run(capsys, "check", "--fix", str(p))
    assert code == 2 and "permission denied" in err and "Fixed" not in err
    assert p.read_text(encoding="utf-8") == BAD


@pytest.mark.skipif(not PERMISSIONS_BIND, reason="this process (root) writes in every directory")
def test_unwritable_directory_for_real(tmp_path, capsys):
    d = tmp_path / "ro"
    d.mkdir()
    p = d / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    d.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="cannot create a temporary file"):
            write_atomic(read_file(p), FIXED)
        code, _, err = run(capsys, "fix", str(p))
        assert code == 2 and str(p) in err
        assert p.read_text(encoding="utf-8") == BAD
    finally:
        d.chmod(0o755)


def test_unencodable_fix_is_a_write_error(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"plain ascii\n")
    tf = read_file(p, "ascii")
    with pytest.raises(WriteError, match=r"cannot encode the fixed text as ascii: '“' \(U\+201C\) on line 2"):
        write_atomic(tf, "plain\n“ascii”\n")
    assert p.read_bytes() == b"plain ascii\n"


# -- leftovers of killed runs ---------------------------------------------------------------------------------
CHILD = textwrap.dedent("""
    import os, sys, time
    from procutext.files import read_file, write_atomic
    real_fsync = os.fsync
    def hold(fd):  # the temporary file (or backup) is written: say so, then hang until killed
        real_fsync(fd)
        print("written", flush=True)
        time.sleep(600)
    os.fsync = hold
    tf = read_file(sys.argv[1])
    write_atomic(tf, tf.text.replace("，", ", ") * 1)
""")


def _killed_writer(path: Path) -> int:
    """Start a child that writes a fix to ``path`` and SIGKILL it mid-write; its pid."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "written"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)  # reaped: its pid no longer names a process
    assert child.returncode == -signal.SIGKILL
    return child.pid


@posix_only
def test_a_killed_fix_leaves_a_temporary_file_that_the_next_run_removes(tmp_path):
    p = tmp_path / "big.txt"
    text = "Wuhu，Anhui and the Wanzhi procuratorate.\n" * 50_000  # about 2 MB
    p.write_text(text, encoding="utf-8")
    pid = _killed_writer(p)
    left = leftovers(tmp_path)
    assert len(left) == 1 and left[0].startswith(f".big.txt.procutext-{pid}-") and left[0].endswith(".tmp")
    assert p.read_text(encoding="utf-8") == text  # the file itself is untouched

    # files that are not ours to remove: another live process's, a look-alike, a symlink
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        keep = [f".big.txt.procutext-{live.pid}-abcd1234.tmp", ".big.txt.procutext-tmp", "notes.procutext-1-x.tmp"]
        for name in keep:
            (tmp_path / name).write_text("someone else's\n", encoding="utf-8")
        (tmp_path / f".x.procutext-{pid}-zzzz9999.tmp").symlink_to(p)
        keep.append(f".x.procutext-{pid}-zzzz9999.tmp")
        warned: list[str] = []
        warnings = write_atomic(read_file(p), FIXED, warn=warned.append)
        assert warnings == warned and len(warnings) == 1
        assert warnings[0] == (f"removed {tmp_path / left[0]}, a temporary file left by an interrupted "
                               f"procutext run (process {pid})")
        assert sorted(x.name for x in tmp_path.iterdir()) == sorted(["big.txt", *keep])
        assert p.read_text(encoding="utf-8") == FIXED
    finally:
        live.kill()
        live.wait()


@posix_only
@pytest.mark.skipif(not ROOT_USER, reason="needs root to give a file another owner")
def test_leftovers_of_other_users_are_kept(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    pid = _killed_writer(p)
    (left,) = leftovers(tmp_path)
    os.chown(tmp_path / left, 54321, 54321)
    assert clean_leftovers(tmp_path) == []
    assert leftovers(tmp_path) == [left]
    os.chown(tmp_path / left, os.geteuid(), os.getegid())
    assert clean_leftovers(tmp_path) == [f"removed {tmp_path / left}, a temporary file left by an interrupted "
                                         f"procutext run (process {pid})"]


@posix_only
def test_a_killed_in_place_fix_leaves_a_backup_that_is_reported_not_deleted(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    os.link(p, tmp_path / "b.txt")
    pid = _killed_writer(p)  # killed once the backup is on disk, before the file is rewritten
    (bak,) = leftovers(tmp_path)
    assert bak.endswith(".bak") and (tmp_path / bak).read_text(encoding="utf-8") == BAD
    warnings = write_atomic(read_file(p), FIXED)
    assert warnings == [f"{tmp_path / bak} is the backup of a file whose in-place fix was interrupted "
                        f"(process {pid}): compare it with the file, then delete it"]
    assert leftovers(tmp_path) == [bak]
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == FIXED


def test_temporary_names_are_recognised(tmp_path):
    p = tmp_path / ("n" * 300)[:200]
    p.write_text(BAD, encoding="utf-8")
    write_atomic(decode(p.read_bytes(), str(p)), FIXED)  # a long name still fits in a temporary name
    assert p.read_text(encoding="utf-8") == FIXED
    assert LEFTOVER.match(".a.txt.procutext-123-abc_1234.tmp")
    assert LEFTOVER.match(".a.txt.procutext-123-abc_1234.bak")
    assert not LEFTOVER.match("a.txt.procutext-123-abc_1234.tmp")  # not hidden: not ours
    assert not LEFTOVER.match(".a.txt.procutext-x-abc_1234.tmp")


@posix_only
def test_leftover_warnings_are_logged_without_a_hook(tmp_path, caplog):
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(done.stdout)  # that process has exited and been reaped
    stale = tmp_path / f".a.txt.procutext-{pid}-abcd1234.tmp"
    stale.write_text("half a fix", encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text(BAD, encoding="utf-8")
    with caplog.at_level("WARNING", logger="procutext.files"):
        warnings = write_atomic(read_file(p), FIXED)
    assert warnings and [r.getMessage() for r in caplog.records] == [f"warning: {w}" for w in warnings]
    assert not stale.exists()
    # the directory is looked at once per process: a second leftover appearing now waits for the next run
    stale.write_text("half a fix", encoding="utf-8")
    assert write_atomic(read_file(p), FIXED) == []
    assert stale.exists()


def test_a_zombie_process_counts_as_gone():
    """A killed run's pool worker can linger as a zombie (reparented to a PID 1 that does not
    reap): its temporary files are leftovers like a dead process's."""
    import os
    import subprocess
    import sys
    import time

    from procutext.files import _process_gone

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # not waited for: it stays a zombie
        with open(f"/proc/{child.pid}/stat", "rb") as f:
            if f.read().rsplit(b")", 1)[1][1:2] == b"Z":
                break
        time.sleep(0.01)
    try:
        assert _process_gone(child.pid)
    finally:
        child.wait()
    assert _process_gone(child.pid)
    assert not _process_gone(os.getppid())  # a live process is not gone
