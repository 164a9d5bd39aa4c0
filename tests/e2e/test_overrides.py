"""A book's own templates/ and styles/ override single files of octavo's defaults."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from tests.conftest import DATA, ROOT
from tests.support.cli import invoke
from tests.support.pdf_text import page_texts


def _book(tmp_path: Path) -> Path:
    book = tmp_path / "book"
    shutil.copytree(ROOT / "book", book)
    return book


def test_template_override_changes_the_epub(tmp_path: Path) -> None:
    book = _book(tmp_path)
    own = book / "templates" / "epub" / "colophon.xhtml"
    own.parent.mkdir(parents=True)
    text = (ROOT / "templates" / "epub" / "colophon.xhtml").read_text()
    own.write_text(
        text.replace(
            "{%- block body -%}", "{%- block body -%}<p>Printed for the Minsk seminar.</p>", 1
        )
    )
    out = tmp_path / "b.epub"
    result = invoke("epub", "--book", book, "--out", out)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        texts = [archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml")]
    assert any("Printed for the Minsk seminar." in t for t in texts)
    assert not (ROOT / "build" / "b.epub").exists()


def test_style_override_changes_the_print_html(tmp_path: Path) -> None:
    book = _book(tmp_path)
    own = book / "styles" / "print" / "book.css"
    own.parent.mkdir(parents=True)
    own.write_text(
        (ROOT / "styles" / "print" / "book.css").read_text() + "\n:root { --accent: #004488; }\n"
    )
    html = tmp_path / "b.html"
    result = invoke("pdf", "--book", book, "--out", tmp_path / "b.pdf", "--html", html)
    assert result.returncode == 0, result.stderr
    assert f'href="{own.resolve().as_uri()}"' in html.read_text()


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "in-parts"])
def test_a_book_with_an_earlier_macros_html_builds_its_pdf(tmp_path: Path, jobs: int) -> None:
    """A book holding session 42's templates/print/macros.html (tests/data/earlier): once
    octavo's templates called the macros added since, every print build of it failed
    (E702). The test volume with that copy builds in one process and in parts (each part
    stamped), and its PDF reads back as `invoke check` reads one: each heading on the page
    the contents give, each note on the page of its call; its parts' title pages and its
    data-date notes printed."""
    book = shutil.copytree(DATA / "volume", tmp_path / "volume")
    (book / "templates" / "print").mkdir(parents=True)
    shutil.copy(DATA / "earlier" / "print" / "macros.html", book / "templates" / "print")
    pdf, found = api.build_pdf(book, tmp_path / "volume.pdf", jobs=jobs)
    assert [str(d) for d in found] == []
    manuscript, _ = api.manuscript(book)
    assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []
    pages = page_texts(pdf)
    for part in manuscript.parts:
        assert any(page.strip() == f"{part.label} {part.title_html}" for page in pages), part
    assert sum(page.count("Data as of June 1995.") for page in pages) >= len(manuscript.chapters)
