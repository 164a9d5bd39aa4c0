"""A contents folio too wide for its column, in a book laid out in one process: the front
matter laid out again alone with the wider column and put in place of the whole book's
(octavo.render.pdf.front_again), not the whole book laid out again; the same PDF, byte for
byte, as the whole book laid out again, and the same pages as the parallel build's. Where
the front matter alone cannot print what the book prints (a page reference to the body, a
book's own template linking past it), the whole book is laid out again, as before."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest

import octavo.render.pdf.front_again as front_again
from octavo import api
from tests.conftest import MakeBook
from tests.support.long_front import long_front_book
from tests.support.weasyprint_log import quietly

ROOT = Path(__file__).resolve().parents[2]


def _chars(pdf: Path) -> list[list[tuple[str, float, float, str]]]:
    with pdfplumber.open(pdf) as opened:
        return [
            [(c["text"], round(c["x0"], 2), round(c["top"], 2), c["fontname"]) for c in p.chars]
            for p in opened.pages
        ]


def _links(pdf: Path) -> list[tuple[int, str]]:
    """(page, destination) of every link annotation."""
    found = []
    for number, page in enumerate(pypdf.PdfReader(pdf).pages):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") == "/Link":
                found.append((number, str(link.get("/Dest") or link.get("/A"))))
    return found


def _built(book: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[bool]]:
    """`book` built in one process, and whether its front matter was laid out again alone
    (one entry a widening of the column)."""
    spliced: list[bool] = []
    again = front_again.again

    def spy(*args: Any) -> Any:
        made = again(*args)
        spliced.append(made is not None)
        return made

    monkeypatch.setattr(front_again, "again", spy)
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, out, jobs=1))
    assert logged == []
    monkeypatch.setattr(front_again, "again", again)
    return pdf, spliced


def _whole(book: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`book` built in one process as before: laid out whole again for a wider column."""
    with monkeypatch.context() as patched:
        patched.setattr(front_again, "again", lambda *args: None)
        pdf, _ = api.build_pdf(book, out, jobs=1)
    return pdf


def test_the_front_matter_alone_is_laid_out_again_for_a_wider_column(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = long_front_book(make_book)
    alone, spliced = _built(book, tmp_path / "a.pdf", monkeypatch)
    assert spliced == [True]  # the column widened, the front matter laid out alone
    whole = _whole(book, tmp_path / "w.pdf", monkeypatch)
    parts, _ = api.build_pdf(book, tmp_path / "p.pdf", jobs=2)
    pages = _chars(alone)
    assert len(pages) > 40
    assert pages == _chars(parts)
    links = _links(alone)  # the contents link to the body's pages, as the whole book's do
    assert sum(page < 8 for page, _ in links) > 50, links[:5]
    assert links == _links(whole)
    assert alone.read_bytes() == whole.read_bytes()


def _page_ref(book: Path) -> None:
    """The Preface refers to a body section's page."""
    preface = book / "002-preface.md"
    preface.write_text(preface.read_text() + "\nSee the trade, on page [](#trade){.page}.\n")
    body = book / "005.md"
    body.write_text(body.read_text() + "\n## Trade {#trade}\n\nText.\n")


def _own_macros(book: Path) -> None:
    """The book's own print macros from before parts: every contents entry an href."""
    shipped = (ROOT / "templates/print/macros.html").read_text(encoding="utf-8")
    older = re.sub(
        r"\{%- macro target\(id, folios=none, number=true\) -%\}.*?\{%- endmacro %\}",
        '{%- macro target(id, folios=none, number=true) -%}href="#{{ id }}"{%- endmacro %}',
        shipped,
        flags=re.DOTALL,
    )
    assert older != shipped
    (book / "templates/print").mkdir(parents=True)
    (book / "templates/print/macros.html").write_text(older, encoding="utf-8")


@pytest.mark.parametrize("change", [_page_ref, _own_macros], ids=["page-ref", "own-macros"])
def test_a_front_matter_alone_cannot_print_is_laid_out_whole_again(
    make_book: MakeBook,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path], None],
) -> None:
    book = long_front_book(make_book)
    change(book)
    pdf, spliced = _built(book, tmp_path / "a.pdf", monkeypatch)
    assert spliced == [False]  # the whole book laid out again
    whole = _whole(book, tmp_path / "w.pdf", monkeypatch)
    assert pdf.read_bytes() == whole.read_bytes()
    if change is _page_ref:
        with pdfplumber.open(pdf) as opened:
            text = "\n".join(page.extract_text() or "" for page in opened.pages[:40])
        assert re.search(r"on page \d+\.", text), "the reference's folio"
