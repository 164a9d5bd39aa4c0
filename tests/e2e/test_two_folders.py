"""The same book in two folders gives the same bytes: the EPUB, the PDF (one process and laid
out in parts), the handouts and the cover. WeasyPrint names an image in the PDF by a hash of
its URL; octavo gives it the book's files by name (file://book/…), never by path
(octavo.render.url_sandbox)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from octavo import api
from octavo.dev.gen import generate_study
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.build import render_pdf_parallel
from tests.conftest import DATA
from tests.support.weasyprint_log import quietly


@pytest.fixture(autouse=True)
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def elsewhere(book: Path, tmp_path: Path) -> Path:
    """A copy of `book` in another folder, deeper, under another name."""
    return shutil.copytree(book, tmp_path / "elsewhere" / "deeper" / "copy")


def outputs(book: Path, out: Path) -> dict[str, bytes]:
    epub, _ = api.build_epub(book, out / "book.epub")
    pdf, _ = api.build_pdf(book, out / "book.pdf", jobs=1)
    cover, _ = api.build_cover(book, out / "cover.pdf", pages=120)
    handouts, _, _ = api.build_handouts(book, out / "handouts")
    return {path.name: path.read_bytes() for path in (epub, pdf, cover, *handouts)}


def test_a_book_with_images_gives_the_same_bytes_in_another_folder(tmp_path: Path) -> None:
    """tests/data/constructs: a JPEG cover, a JPEG figure, an SVG map; its index makes it a
    one-process PDF."""
    book = shutil.copytree(DATA / "constructs", tmp_path / "a" / "book")
    first = outputs(book, tmp_path / "out-a")
    second = outputs(elsewhere(book, tmp_path), tmp_path / "out-b")
    assert sorted(first) == sorted(second)
    assert len(first) > 4  # the handouts are there
    assert [name for name in first if first[name] != second[name]] == []


def test_a_study_laid_out_in_parts_gives_the_same_bytes_in_another_folder(
    tmp_path: Path,
) -> None:
    book = generate_study(tmp_path / "a" / "study", 20, words=60, constructs=True)
    copy = elsewhere(book, tmp_path)
    assert in_parts(book) == in_parts(copy)


def in_parts(book: Path) -> bytes:
    """The PDF laid out by two processes, with no cache."""
    manuscript, found = api.manuscript(book)
    assert found == () and manuscript.figures
    result, logged = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2))
    assert logged == [] and result.parallel
    return result.pdf
