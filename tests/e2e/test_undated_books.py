"""ut47 bugs 8 and 9: a book with no dated section has no Data Currency appendix, and says
nothing of one; a book of front matter alone numbers its back matter from 1.

Bug 9: an empty appendix (its table's head alone) was printed and listed, the imprint and
the colophon said every section had a data date, and the EPUB's appendix read "All 0
sections of this book have data as of ." Bug 8: a book of one foreword printed the
appendix twice (folios 9 and 1), the contents gave the index folio 11 and it printed 3,
and the EPUB's "Start of text" landmark pointed at the appendix."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber

from octavo import api
from octavo.check.pdf import check_book_pdf
from tests.conftest import MakeBook
from tests.support.weasyprint_log import quietly

UNDATED = (
    "---\ntitle: {title}\ncountry: Testland\nchapter: {chapter}\nparents: []\n"
    "sequence: 1\n{extra}---\n\n{body}\n"
)


def _pages(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [page.extract_text() or "" for page in document.pages]


def _epub(book: Path, out: Path) -> dict[str, str]:
    epub, _ = api.build_epub(book, out)
    with zipfile.ZipFile(epub) as opened:
        return {n: opened.read(n).decode() for n in opened.namelist() if n.endswith("html")}


def test_a_book_with_no_data_date_has_no_appendix(make_book: MakeBook, tmp_path: Path) -> None:
    body = "A section written for the book, with no data date."
    book = make_book({"001-a.md": UNDATED.format(title="Written", chapter=1, extra="", body=body)})
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == []
    text = "\n".join(_pages(pdf))
    assert "Data Currency" not in text and "date of its data" not in text
    rendered, _ = api.manuscript(book)
    assert [str(d) for d in check_book_pdf(pdf, rendered)] == []  # no blank page (E643)
    parallel, _ = api.build_pdf(book, tmp_path / "p.pdf", jobs=2)
    assert parallel.read_bytes() == pdf.read_bytes()
    files = _epub(book, tmp_path / "b.epub")
    assert not any("data-currency" in name for name in files)
    joined = "\n".join(files.values())
    assert "Data Currency" not in joined and "date of its data" not in joined
    assert "data-currency" not in joined and "All 0 sections" not in joined


def test_a_book_of_front_matter_alone(make_book: MakeBook, tmp_path: Path) -> None:
    source = UNDATED.format(
        title="Foreword", chapter=0, extra="kind: foreword\n", body="Only a [Word]{.index}."
    )
    book = make_book({"001-a.md": source})
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == []
    pages = _pages(pdf)
    assert not any("Data Currency" in page for page in pages)
    contents = next(p for p in pages if p.startswith("Contents"))
    assert contents.splitlines()[2].endswith(" 1")  # "Index . . . 1"
    index = [p for p in pages if p.startswith("Index")]
    assert len(index) == 1 and index[0].splitlines()[-1] == "1"  # its folio
    rendered, _ = api.manuscript(book)
    assert [str(d) for d in check_book_pdf(pdf, rendered)] == []
    parallel, _ = api.build_pdf(book, tmp_path / "p.pdf", jobs=2)
    assert parallel.read_bytes() == pdf.read_bytes()
    nav = _epub(book, tmp_path / "b.epub")["EPUB/text/nav.xhtml"]
    assert 'epub:type="bodymatter"' not in nav
    assert 'epub:type="frontmatter" href="foreword.xhtml"' in nav


def test_a_dated_book_of_front_matter_alone_prints_its_appendix_once(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """The appendix was laid out twice (folios 9 and 1) where the body's start was sought
    among chapters only; it now opens the back matter at folio 1, once."""
    source = UNDATED.format(
        title="Foreword",
        chapter=0,
        extra='kind: foreword\ndata_as_of: "1995-06"\n',
        body="Only a [Word]{.index}.",
    )
    book = make_book({"001-a.md": source})
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == []
    pages = _pages(pdf)
    appendix = [p for p in pages if p.startswith("Data Currency")]
    assert len(appendix) == 1 and appendix[0].splitlines()[-1] == "1"
    rendered, _ = api.manuscript(book)
    assert [str(d) for d in check_book_pdf(pdf, rendered)] == []
    nav = _epub(book, tmp_path / "b.epub")["EPUB/text/nav.xhtml"]
    assert 'epub:type="bodymatter"' not in nav
    assert 'epub:type="backmatter" href="data-currency.xhtml"' in nav
