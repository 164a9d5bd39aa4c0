"""Running `invoke TASK ...` as a user does, from the project folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def command(*args: str | Path) -> list[str]:
    """`invoke ARGS...` as a command line, with octavo's tasks found from anywhere."""
    return [sys.executable, "-m", "invoke", "--search-root", str(ROOT), *map(str, args)]


def invoke(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), cwd=cwd, capture_output=True, text=True, timeout=900)
