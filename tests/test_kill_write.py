"""Real kills of a fix being written (issue 15, point 3): whatever moment a process dies at,
each file is its old text or its new text, never a truncated or mixed one; a temporary
file a SIGKILL leaves is removed by the next run; SIGTERM leaves none.

Two kinds of test: a child that stops at a chosen moment of ``write_atomic`` (the temporary
file just created, half written, synced, given its mode, just before and just after the
rename) and is SIGKILLed there; and ``procutext fix`` on a directory killed (SIGKILL and
SIGTERM) after delays spread over its run, with no hook at all."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from procutext.files import LEFTOVER, read_file, write_atomic

from helpers import posix_only

pytestmark = posix_only

OLD = "Wuhu，Anhui held a meeting，on work.\n" * 3000
NEW = "Wuhu, Anhui held a meeting, on work.\n" * 3000

CHILD = textwrap.dedent("""
    import os, sys, tempfile, time
    from procutext import files
    from procutext.files import read_file, write_atomic

    moment = sys.argv[2]

    def stop():
        print("stopped", flush=True)
        time.sleep(600)

    real_mkstemp, real_fdopen, real_fsync = tempfile.mkstemp, os.fdopen, os.fsync
    real_chmod, real_replace = os.chmod, os.replace

    def mkstemp(*a, **k):
        fd, name = real_mkstemp(*a, **k)
        if moment == "created":
            stop()
        return fd, name

    class HalfWriter:
        def __init__(self, f):
            self.f = f
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.f.__exit__(*exc)
        def write(self, data):
            self.f.write(data[: len(data) // 2])
            self.f.flush()
            os.fsync(self.f.fileno())
            stop()
        def __getattr__(self, name):
            return getattr(self.f, name)

    def fdopen(fd, *a, **k):
        f = real_fdopen(fd, *a, **k)
        return HalfWriter(f) if moment == "half-written" else f

    def fsync(fd):
        real_fsync(fd)
        if moment == "synced":
            stop()

    def chmod(*a, **k):
        real_chmod(*a, **k)
        if moment == "mode-set":
            stop()

    def replace(src, dst):
        if moment == "before-rename":
            stop()
        real_replace(src, dst)
        if moment == "after-rename":
            stop()

    files.tempfile.mkstemp = mkstemp
    os.fdopen, os.fsync, os.chmod, os.replace = fdopen, fsync, chmod, replace
    tf = read_file(sys.argv[1])
    write_atomic(tf, tf.text.replace("，", ", "))
    print("done", flush=True)
""")

MOMENTS = {  # moment: the file's text after the kill
    "created": OLD, "half-written": OLD, "synced": OLD, "mode-set": OLD, "before-rename": OLD, "after-rename": NEW,
}


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if LEFTOVER.match(p.name))


@pytest.mark.parametrize("moment", MOMENTS)
def test_sigkill_at_each_moment_of_a_write(tmp_path, moment):
    p = tmp_path / "article.txt"
    p.write_text(OLD, encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(p), moment], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "stopped"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert p.read_text(encoding="utf-8") == MOMENTS[moment]  # old or new, whole
    left = leftovers(tmp_path)
    assert len(left) == (0 if moment == "after-rename" else 1)
    if left and moment != "created":  # the temporary file holds what was written so far
        assert len((tmp_path / left[0]).read_bytes()) in (len(NEW.encode()) // 2, len(NEW.encode()))
    # the next run removes the temporary file and writes the fix
    warnings = write_atomic(read_file(p), NEW)
    assert len(warnings) == len(left)
    assert p.read_text(encoding="utf-8") == NEW
    assert sorted(x.name for x in tmp_path.iterdir()) == ["article.txt"]


# -- procutext fix on a directory, killed at random moments -------------------------------------------
N_FILES = 16
BODY_OLD = "The Wuhu procuratorate，Anhui held a meeting，on work.\n" * 600  # 33 KB of UTF-8
BODY_NEW = BODY_OLD.replace("，", ", ")
CMD = [sys.executable, "-m", "procutext", "fix", "--select", "PT120", "--quiet"]


def _make(directory: Path) -> None:
    directory.mkdir()
    for i in range(N_FILES):
        (directory / f"f{i:02d}.txt").write_text(BODY_OLD, encoding="utf-8")


def _states(directory: Path) -> list[str]:
    out = []
    for i in range(N_FILES):
        data = (directory / f"f{i:02d}.txt").read_text(encoding="utf-8")
        out.append("old" if data == BODY_OLD else "new" if data == BODY_NEW else "BROKEN")
    return out


def test_killing_fix_at_random_moments(tmp_path):
    first = tmp_path / "timing"
    _make(first)
    t = time.perf_counter()
    subprocess.run([*CMD, str(first)], check=True, capture_output=True)
    whole = time.perf_counter() - t
    assert _states(first) == ["new"] * N_FILES
    rng = random.Random(15)
    # delays spread over the run (the interpreter's start included): early, middle and late
    delays = [whole * f for f in (0.15, 0.35, 0.55, 0.75, 0.9)] + [rng.uniform(0.1, 0.95) * whole for _ in range(3)]
    seen_new = seen_old = 0
    for n, delay in enumerate(delays):
        sig = signal.SIGKILL if n % 2 == 0 else signal.SIGTERM
        d = tmp_path / f"run{n}"
        _make(d)
        child = subprocess.Popen([*CMD, str(d)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        child.send_signal(sig)
        _, err = child.communicate(timeout=120)
        states = _states(d)
        assert "BROKEN" not in states, (delay, sig, states)
        seen_new += states.count("new")
        seen_old += states.count("old")
        if sig == signal.SIGTERM:
            assert leftovers(d) == [], (delay, err)  # cleaned up on the way out
            # ended by the handler (143); or by the default action, before the interpreter had
            # installed the handler (nothing written yet) or after it restored the default on its
            # way out (everything written); or it had finished already
            assert child.returncode in (0, 1, 128 + signal.SIGTERM, -signal.SIGTERM), err
            if child.returncode == -signal.SIGTERM:
                assert states in (["old"] * N_FILES, ["new"] * N_FILES)
        else:
            assert len(leftovers(d)) <= 1
        # the next run finishes the job and leaves nothing behind
        subprocess.run([*CMD, str(d)], check=False, capture_output=True)
        assert _states(d) == ["new"] * N_FILES
        assert leftovers(d) == []
    assert seen_new and seen_old  # the kills did land in the middle of the run
