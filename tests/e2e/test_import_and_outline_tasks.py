"""The core tasks as a user runs them: import-pages, outline, gen-study."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import SEED, SEED_FRONT
from tests.support.cli import invoke


def test_import_pages_done_when(tmp_path: Path) -> None:
    book = tmp_path / "b"
    result = invoke("import-pages", SEED, "--book", book)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(book)
    (section,) = book.glob("*.md")
    front = yaml.safe_load(section.read_text().split("---\n")[1])
    assert {k: front[k] for k in SEED_FRONT} == SEED_FRONT
    assert len(section.read_text().split("---\n", 2)[2].strip().split("\n\n")) == 5


def test_outline_shows_tree_and_gap_warning(tmp_path: Path) -> None:
    book = tmp_path / "b"
    invoke("import-pages", SEED, "--book", book)
    result = invoke("outline", "--book", book)
    assert result.returncode == 0
    assert "Chapter 8" in result.stdout and "58/81  Russia" in result.stdout
    assert "W309" in result.stderr and "sections 1–57, 59–81 not present" in result.stderr
    strict = invoke("outline", "--book", book, "--strict")
    assert strict.returncode != 0


def test_unrecognised_page_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("hello\n")
    result = invoke("import-pages", bad, "--book", tmp_path / "b")
    assert result.returncode == 1
    assert "bad.txt: E401" in result.stderr and "Traceback" not in result.stderr


def test_broken_book_exits_non_zero_with_file_and_line(tmp_path: Path) -> None:
    book = tmp_path / "b"
    invoke("import-pages", SEED, "--book", book)
    (section,) = book.glob("*.md")
    section.write_text(section.read_text().replace('"1995-06"', '"June 1995"', 1))
    result = invoke("outline", "--book", book)
    assert result.returncode == 1
    assert f"{section.name}:8: E207" in result.stderr and "Traceback" not in result.stderr


def test_gen_study_then_outline(tmp_path: Path) -> None:
    out = tmp_path / "study"
    result = invoke("gen-study", "--sections", "30", "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(out)
    outline = invoke("outline", "--book", out, "--strict")
    assert outline.returncode == 0, outline.stderr
    assert outline.stdout.count("/30  ") == 30


def test_import_reports_each_page_and_exits_1_only_for_a_refusal(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    real = SEED.parent.parent / "pages"
    for name in ("allrefer/nepal10.txt", "country-data.com/r-9052.txt"):
        (pages / Path(name).name).write_bytes((real / name).read_bytes())
    book = tmp_path / "b"
    good = invoke("import-pages", pages, "--book", book, "--explain")
    assert good.returncode == 0, good.stderr
    assert "2 imported, 0 unchanged, 0 refused" in good.stdout
    assert "[allrefer]" in good.stdout and "is the site's" in good.stdout  # --explain
    (pages / "notes.txt").write_text("hello\n")
    mixed = invoke("import-pages", pages, "--book", book)
    assert mixed.returncode == 1
    assert "0 imported, 2 unchanged, 1 refused" in mixed.stdout
    assert "refused   " in mixed.stdout and "notes.txt: E401" in mixed.stdout
    assert "1 page(s) refused" in mixed.stderr and "2 unchanged are in" in mixed.stderr
    assert "Traceback" not in mixed.stderr


def test_outline_shows_what_rendering_finds(tmp_path: Path) -> None:
    """`outline` lists every diagnostic, as the README says: those of the rendering too (a
    note called but never defined, raw HTML removed), not the reading's alone."""
    book = tmp_path / "b"
    invoke("new", book)
    section = book / "001-about.md"
    text = section.read_text(encoding="utf-8")
    section.write_text(text + "\nA call.[^nowhere] <iframe>x</iframe>\n", encoding="utf-8")
    result = invoke("outline", "--book", book)
    assert result.returncode == 0, result.stderr
    assert "W510" in result.stderr and "W502" in result.stderr
    assert invoke("outline", "--book", book, "--strict").returncode == 1


def test_help_after_a_task_with_a_positional_argument() -> None:
    """`invoke import-pages --help`, `invoke new --help` and `invoke gen-study --help`
    print the task's help, as `invoke pdf --help` does: invoke handed `--help` to the
    positional argument, and the import said E400, no such page (gen-study made a study in
    a folder named --help)."""
    tasks = (("import-pages", "--manifest"), ("new", "--country"), ("gen-study", "--seed"))
    for task, option in tasks:
        result = invoke(task, "--help")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Usage: ") and option in result.stdout
        assert result.stderr == ""
