"""A book's own stylesheets: the additive layer (custom.css, after octavo's), W654 for a
book.css that replaces octavo's without what the output needs, and E604's hint then."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from octavo import api
from octavo.api import open_book
from octavo.errors import BuildError, error
from octavo.render.epub.rendering import epub_layers
from octavo.render.epub.styles import epub_stylesheets
from octavo.render.own_styles import lacking_sheet, rehinted
from octavo.render.pdf.sheets import sheet_files, stylesheets
from octavo.render.pdf.whole import whole_book_features
from octavo.shipped import STYLES
from octavo.source.paper import page_setup
from tests.conftest import MakeBook, section_source

ONE_LINE = "h1 { color: navy; }\n"


def _book(make_book: MakeBook, files: dict[str, str]) -> Path:
    return make_book({"001-a.md": section_source(1, total=1), **files})


def test_the_print_adds_the_books_custom_sheets_after_octavos(make_book: MakeBook) -> None:
    project = open_book(
        _book(make_book, {"styles/custom.css": ONE_LINE, "styles/print/custom.css": ONE_LINE})
    )
    page = page_setup("6x9")
    hrefs = [s.href for s in stylesheets(project, page, "print/handout.css") if s.href]
    ends = [h.split("/styles/", 1)[1] for h in hrefs]
    assert ends == [
        "base.css",
        "print/fonts.css",
        "print/book.css",
        "custom.css",
        "print/custom.css",
        "print/handout.css",
    ]
    assert hrefs[3] == "file://book/styles/custom.css"  # the book's, not octavo's
    assert [p.name for p in sheet_files(project)][-2:] == ["custom.css", "custom.css"]


def test_a_book_without_custom_sheets_keeps_octavos_layers(make_book: MakeBook) -> None:
    assert epub_layers(open_book(_book(make_book, {}))) == (
        ("base.css", "base.css"),
        ("epub/book.css", "book.css"),
    )
    project = open_book(_book(make_book, {"styles/epub/custom.css": ONE_LINE}))
    assert len([s for s in stylesheets(project, page_setup("6x9")) if s.href]) == 3


def test_the_epub_packs_the_custom_sheets_after_octavos(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = _book(
        make_book,
        {"styles/custom.css": "p { color: var(--ink); }\n", "styles/epub/custom.css": ONE_LINE},
    )
    _, found = api.build_epub(book, tmp_path / "b.epub")
    assert not [d for d in found if d.code == "W654"]
    with zipfile.ZipFile(tmp_path / "b.epub") as epub:
        names = epub.namelist()
        text = next(epub.read(n).decode() for n in names if n.endswith("titlepage.xhtml"))
        custom = epub.read("EPUB/css/custom.css").decode()
    links = [line for line in text.splitlines() if "stylesheet" in line]
    assert [link.split('href="')[1].split('"')[0] for link in links] == [
        "../css/base.css",
        "../css/book.css",
        "../css/custom.css",
        "../css/custom-epub.css",
    ]
    assert "EPUB/css/book.css" in names
    assert "var(" not in custom  # resolved from base.css as octavo's own sheets are


def test_a_custom_sheet_is_checked_as_the_books_sheets_are(make_book: MakeBook) -> None:
    project = open_book(_book(make_book, {"styles/epub/custom.css": "@import 'x.css';\n"}))
    with pytest.raises(BuildError) as failed:
        epub_stylesheets(epub_layers(project), project)
    assert [d.code for d in failed.value.diagnostics] == ["E608"]


def test_a_page_feature_in_a_custom_sheet_lays_the_book_out_whole(make_book: MakeBook) -> None:
    css = "@page :first { @top-center { content: 'Draft'; } }\n"
    project = open_book(_book(make_book, {"styles/print/custom.css": css}))
    assert whole_book_features(project) == ("@page:first",)


@pytest.mark.parametrize("target", ["print", "epub"])
def test_a_one_line_book_css_is_told(make_book: MakeBook, target: str) -> None:
    project = open_book(_book(make_book, {f"styles/{target}/book.css": ONE_LINE}))
    told = lacking_sheet(project, target)
    assert [d.code for d in told] == ["W654"]
    assert f"styles/{target}/custom.css" in told[0].hint


@pytest.mark.parametrize("target", ["print", "epub"])
def test_a_copy_of_octavos_book_css_is_not_told(make_book: MakeBook, target: str) -> None:
    assert lacking_sheet(open_book(_book(make_book, {})), target) == ()
    css = (STYLES / target / "book.css").read_text(encoding="utf-8") + ONE_LINE
    project = open_book(_book(make_book, {f"styles/{target}/book.css": css}))
    assert lacking_sheet(project, target) == ()


def test_e604_blames_the_books_own_sheet_not_octavo(make_book: MakeBook) -> None:
    failed = BuildError([error("E604", "note n stays on page ?", hint="report this book")])
    own = open_book(_book(make_book, {"styles/print/book.css": ONE_LINE}))
    told = rehinted(failed, own).diagnostics
    assert [d.code for d in told] == ["W654", "E604"]
    assert "report this book" not in told[1].hint
    assert "styles/print/book.css" in told[1].hint


def test_the_one_line_print_sheet_fails_naming_the_sheet(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """The tester's book: a print book.css of one line; the notes' rules gone, E604."""
    book = _book(make_book, {"styles/print/book.css": ONE_LINE})
    with pytest.raises(BuildError) as failed:
        api.build_pdf(book, tmp_path / "b.pdf")
    told = failed.value.diagnostics
    assert "W654" in [d.code for d in told]
    assert all("report this book" not in d.hint for d in told)


def test_a_custom_print_sheet_builds_the_same_pdf_twice(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = _book(make_book, {"styles/print/custom.css": ONE_LINE})
    first, found = api.build_pdf(book, tmp_path / "a.pdf")
    data = first.read_bytes()
    first.unlink()
    import shutil

    shutil.rmtree(book / "build", ignore_errors=True)
    again, _ = api.build_pdf(book, tmp_path / "b.pdf")
    assert again.read_bytes() == data
    assert not [d for d in found if d.code == "W654"]


def test_an_edit_of_a_custom_sheet_is_seen_by_the_change_check(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = _book(make_book, {"styles/epub/custom.css": ONE_LINE})
    out = tmp_path / "b.epub"
    api.build_epub(book, out)
    before = out.read_bytes()
    (book / "styles/epub/custom.css").write_text("h1 { color: maroon; }\n", encoding="utf-8")
    api.build_epub(book, out)
    with zipfile.ZipFile(out) as epub:
        assert "maroon" in epub.read("EPUB/css/custom-epub.css").decode()
    assert out.read_bytes() != before
