"""A contents folio too wide for its column, in a book laid out in one process: the front
matter laid out again alone with the wider column and put in place of the whole book's
(octavo.render.pdf.front_again), not the whole book laid out again; the pages the same,
character by character, as the whole book laid out again and as the parallel build's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest

import octavo.render.pdf.front_again as front_again
from octavo import api
from tests.conftest import MakeBook
from tests.support.long_front import long_front_book
from tests.support.weasyprint_log import quietly


def _chars(pdf: Path) -> list[list[tuple[str, float, float, str]]]:
    with pdfplumber.open(pdf) as opened:
        return [
            [(c["text"], round(c["x0"], 2), round(c["top"], 2), c["fontname"]) for c in p.chars]
            for p in opened.pages
        ]


def test_the_front_matter_alone_is_laid_out_again_for_a_wider_column(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = long_front_book(make_book)
    spliced: list[bool] = []
    again = front_again.again

    def spy(*args: Any) -> Any:
        made = again(*args)
        spliced.append(made is not None)
        return made

    monkeypatch.setattr(front_again, "again", spy)
    (alone, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "a.pdf", jobs=1))
    assert logged == []
    assert spliced == [True]  # the column widened, the front matter laid out alone
    monkeypatch.setattr(front_again, "again", lambda *args: None)  # as before: the whole book
    whole, _ = api.build_pdf(book, tmp_path / "w.pdf", jobs=1)
    parts, _ = api.build_pdf(book, tmp_path / "p.pdf", jobs=2)
    pages = _chars(alone)
    assert len(pages) > 40
    assert pages == _chars(whole)
    assert pages == _chars(parts)
