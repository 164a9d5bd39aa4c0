"""The build tasks as a user runs them: last line is the path, no-op rebuilds, preview,
several books at once, check."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

from tests.conftest import ROOT
from tests.support.cli import invoke


def _default_book(tmp_path: Path) -> Path:
    book = tmp_path / "book"
    shutil.copytree(ROOT / "book", book)
    return book


def test_epub_and_pdf_print_their_paths_and_rebuild_only_on_change(tmp_path: Path) -> None:
    book = _default_book(tmp_path)
    epub, pdf = tmp_path / "out" / "b.epub", tmp_path / "out" / "b.pdf"
    epub.parent.mkdir()  # an --out's folder exists (E133)
    first = invoke("epub", "--book", book, "--out", epub)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1] == str(epub)
    built = invoke("pdf", "--book", book, "--out", pdf)
    assert built.stdout.strip().splitlines()[-1] == str(pdf)
    before = pdf.read_bytes(), pdf.stat().st_mtime_ns
    again = invoke("pdf", "--book", book, "--out", pdf)
    assert again.returncode == 0 and "W309" in again.stderr  # warnings replayed
    assert (pdf.read_bytes(), pdf.stat().st_mtime_ns) == before  # nothing rewritten
    (section,) = book.glob("*.md")
    section.write_text(section.read_text().replace("neutral country", "neutral state"))
    edited = invoke("pdf", "--book", book, "--out", pdf)
    assert edited.returncode == 0 and pdf.read_bytes() != before[0]


def test_preview_writes_pages_and_a_contact_sheet(tmp_path: Path) -> None:
    book = _default_book(tmp_path)
    result = invoke(
        "preview", "--book", book, "--pages", "3", "--out", tmp_path / "p", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    sheet = Path(result.stdout.strip().splitlines()[-1])
    assert sheet.name == "contact-sheet.png"
    pages = sorted((tmp_path / "p").glob("page-*.png"))
    assert [p.name for p in pages] == ["page-001.png", "page-002.png", "page-003.png"]
    with Image.open(tmp_path / "p" / "cover.png") as cover:
        assert cover.height >= 1600
    # the EPUB and the PDF were made to render from, not written into build/
    assert [p.name for p in (tmp_path / "build").iterdir()] == [".octavo"]


def test_all_builds_several_books(tmp_path: Path) -> None:
    books = []
    for name in ("one", "two"):
        made = invoke("gen-study", "--sections", "4", "--out", tmp_path / name)
        assert made.returncode == 0, made.stderr
        books += ["--books", str(tmp_path / name)]
    result = invoke("all", *books, "--out", tmp_path / "all", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "all"
    hidden = [
        p for p in out.rglob("*") if any(part.startswith(".") for part in p.relative_to(out).parts)
    ]
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.*") if p not in hidden)
    # each named as `invoke epub` names it (the slug), in its book's folder
    slug = "belarus-a-country-study"
    assert written == [
        f"{book}/{slug}{suffix}" for book in ("one", "two") for suffix in (".epub", ".pdf")
    ]


def test_check_passes_on_the_default_book(tmp_path: Path) -> None:
    book = _default_book(tmp_path)
    result = invoke("check", "--book", book, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 messages" in result.stdout and "all good" in result.stdout
    assert "DAISY Ace: no violations" in result.stdout  # check ran no Ace before


def test_check_fails_on_a_broken_pdf(tmp_path: Path) -> None:
    book = _default_book(tmp_path)
    assert invoke("check", "--book", book, cwd=tmp_path).returncode == 0
    (pdf,) = (tmp_path / "build").glob("*.pdf")
    pdf.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 2])  # damaged after the build
    result = invoke("check", "--book", book, cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # the damaged file was noticed and rebuilt
    assert "all good" in result.stdout


def test_check_tells_the_builds_warnings_and_strict_stops_on_them(tmp_path: Path) -> None:
    """`invoke check --strict`: the build's W208 is told and stops the check, exit 1 with a
    code, no traceback (check took no --strict: "No idea what '--strict' is!")."""
    book = _default_book(tmp_path)
    (section,) = book.glob("*.md")
    section.write_text(section.read_text().replace("---\n", "---\ncolour: red\n", 1))
    result = invoke("check", "--book", book, "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert "W208" in result.stderr and "Traceback" not in result.stderr


def test_check_takes_a_pdf_variant(tmp_path: Path) -> None:
    """`invoke check --pdf-variant pdf/x-1a`: the PDF built as PDF/X-1a and read back as one
    (check read no variant: "No idea what '--pdf-variant' is!")."""
    book = _default_book(tmp_path)
    result = invoke("check", "--book", book, "--pdf-variant", "pdf/x-1a", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "blank pages, pdf/x-1a: all good" in result.stdout
    (pdf,) = (tmp_path / "build").glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-1.4")
