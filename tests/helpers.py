"""Helpers shared by the test modules (imported as ``helpers``: pytest puts tests/ on the path)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from procutext.cli import main

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file semantics")


def run(capsys, *args):
    """Run the CLI in this process; (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _permissions_bind() -> bool:
    """Whether this process is stopped by a directory's mode (root, or a process with
    CAP_DAC_OVERRIDE, is not: then the chmod tests cannot lock anything)."""
    with tempfile.TemporaryDirectory() as d:
        locked = Path(d) / "locked"
        locked.mkdir()
        locked.chmod(0)
        try:
            os.listdir(locked)
            return False
        except PermissionError:
            return True
        finally:
            locked.chmod(0o700)


PERMISSIONS_BIND = os.name == "posix" and _permissions_bind()
