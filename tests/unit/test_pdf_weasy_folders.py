"""octavo.render.pdf.weasy_folders: a build leaves no WeasyPrint font folder behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from octavo.dev.gen import generate_study
from tests.conftest import ROOT


def test_a_pdf_build_leaves_no_font_folder(tmp_path: Path) -> None:
    """Each build copied octavo's fonts (1.6 MB) into a `weasyprint-*` folder it never
    removed: a command ends without collecting its FontConfigurations."""
    book = generate_study(tmp_path / "book", 3)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), "pdf", "--book", str(book)]
    for jobs in ("1", "2"):
        out = tmp_path / f"b{jobs}.pdf"
        subprocess.run(
            [*command, "--out", str(out), "--jobs", jobs], cwd=tmp_path, env=env, check=True
        )
        assert out.is_file()
    assert sorted(p.name for p in temporary.iterdir()) == []


def test_only_the_maker_removes_a_folder(tmp_path: Path) -> None:
    from octavo.render.pdf import weasy_folders

    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    mine.mkdir()
    theirs.mkdir()
    weasy_folders._made.extend([(os.getpid(), str(mine)), (os.getpid() + 1, str(theirs))])
    try:
        weasy_folders.remove_made()
    finally:
        weasy_folders._made[:] = [m for m in weasy_folders._made if m[1] != str(theirs)]
    assert not mine.exists() and theirs.exists()
