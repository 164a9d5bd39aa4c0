"""A book folder made by `new` is a project of its own: `invoke epub` works inside it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.support.cli import invoke


def test_invoke_in_a_new_book_builds_that_book(tmp_path: Path) -> None:
    made = invoke("new", tmp_path / "nepal")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip().splitlines()[-1] == str(tmp_path / "nepal")
    environ = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "epub"],
        cwd=tmp_path / "nepal",
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    written = tmp_path / "nepal" / result.stdout.strip().splitlines()[-1]
    assert written == tmp_path / "nepal" / "build" / "nepal-a-country-study.epub"
    assert written.is_file()
