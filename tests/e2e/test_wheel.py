"""octavo installed from its wheel, as a user installs it: `octavo new`, `octavo epub` and
`octavo pdf` build a book kept anywhere, with the templates, styles and fonts the wheel carries.

The wheel is built from a clean copy of the sources and installed (not editable) into a fresh
virtual environment that sees this interpreter's packages (no downloads for the dependencies);
every command runs from an empty folder, so no checkout is in reach.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from octavo import __version__, api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from tests.conftest import ROOT
from tests.support.validators import assert_epubcheck_clean

pytestmark = pytest.mark.slow  # ~90 s: a wheel built, a venv made, two builds, EPUBCheck

SOURCES = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "octavo",
    "templates",
    "styles",
)


@dataclass(frozen=True)
class Installed:
    venv: Path
    work: Path  # an empty folder to run from

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        environ = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        return subprocess.run(
            [str(self.venv / "bin" / args[0]), *args[1:]],
            cwd=self.work,
            env=environ,
            capture_output=True,
            text=True,
            timeout=600,
        )


def _run(*command: str | Path, cwd: Path) -> None:
    result = subprocess.run(
        list(map(str, command)), cwd=cwd, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = root / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source, cwd=root)
    (wheel,) = dist.glob("octavo-*.whl")
    venv = root / "venv"
    _run(sys.executable, "-m", "venv", "--system-site-packages", venv, cwd=root)
    pip = ("-m", "pip", "install", "-q", "--no-deps", "--no-index", "--ignore-installed")
    _run(venv / "bin" / "python", *pip, wheel, cwd=root)
    work = root / "work"
    work.mkdir()
    return Installed(venv, work)


def test_the_venv_runs_the_wheel_not_the_checkout(installed: Installed) -> None:
    code = "import octavo, octavo.shipped as s; print(octavo.__file__, s.TEMPLATES, s.STYLES)"
    result = installed.run("python", "-c", code)
    assert result.returncode == 0, result.stderr
    for path in result.stdout.split():
        assert Path(path).is_relative_to(installed.venv), result.stdout
    version = installed.run("octavo", "--version")
    assert version.stdout.split() == ["octavo", __version__]


def test_new_book_builds_an_epub_and_a_pdf(installed: Installed) -> None:
    new = installed.run("octavo", "new", "b")
    assert new.returncode == 0, new.stderr
    book = installed.work / "b"
    assert sorted(p.name for p in book.iterdir()) == [
        ".gitignore",
        "001-about.md",
        "book.toml",
        "tasks.py",
    ]
    epub = installed.run("octavo", "epub", "--book", "b")
    assert epub.returncode == 0, epub.stderr
    pdf = installed.run("octavo", "pdf", "--book", "b")
    assert pdf.returncode == 0, pdf.stderr
    epub_path = installed.work / epub.stdout.strip().splitlines()[-1]
    pdf_path = installed.work / pdf.stdout.strip().splitlines()[-1]

    assert_epubcheck_clean(epub_path)
    manuscript, _ = api.manuscript(book)
    reader = PdfReader(pdf_path)
    assert len(reader.pages) >= 4  # half-title, title, imprint, contents, the section
    assert reader.metadata is not None
    assert reader.metadata.title == manuscript.book.config.title == "B: A Country Study"
    assert [str(d) for d in check_book_pdf(pdf_path, manuscript)] == []
    fonts = read_pdf(pdf_path).fonts
    assert fonts and all(embedded for _, embedded in fonts)
    assert any("octavo-serif" in name for name, _ in fonts)  # the face the wheel carries


def test_a_new_book_folder_that_is_not_empty_is_e115(installed: Installed) -> None:
    (installed.work / "full").mkdir()
    (installed.work / "full" / "notes.txt").write_text("mine")
    result = installed.run("octavo", "new", "full")
    assert result.returncode == 1 and "E115" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in (installed.work / "full").iterdir()] == ["notes.txt"]
