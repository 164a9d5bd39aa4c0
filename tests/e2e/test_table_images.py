"""An image in a table cell is no taller than a third of the text block (ut47 bug 23(d)):
one given no size was the column's width, 4.8 in tall, and a table of two such rows (a
table breaks after its second row at the soonest) went whole to the next page, its
section's heading with it, leaving the chapter's opening page with its title alone."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
from PIL import Image

from octavo import api
from octavo.check.pdf_facts import PdfFacts, read_book_pdf
from octavo.source.paper import page_setup
from tests.conftest import MakeBook, section_source

BODY = """| Flag | Country |
|------|---------|
| ![Flag of X](images/k.png){width=1in} | X |
| ![Flag of Y](images/k.png) | Y |

Table: Flags

Text after the table.
"""
PAGE = page_setup("letter")
TEXT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 100, 50)).save(out, "PNG")
    return out.getvalue()


def test_a_table_of_tall_images_opens_on_its_chapters_page(
    make_book: MakeBook, tmp_path: Path
) -> None:
    source = section_source(1, "Cells", total=1, body=BODY)
    book = make_book({"001-a.md": source, "images/k.png": _png()})
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf")
    facts = read_book_pdf(pdf)
    assert isinstance(facts, PdfFacts)
    opening = facts.dests["ch01"]
    assert facts.dests["s001-cells"] == opening  # the section's heading under the title
    with pdfplumber.open(pdf) as opened:
        boxes = [
            (round(i["x1"] - i["x0"], 2), round(i["bottom"] - i["top"], 2))
            for i in opened.pages[opening].images
        ]
    assert len(boxes) == 2
    assert boxes[0] == (72.0, 54.0)  # width=1in, as given
    width, height = boxes[1]
    assert height <= TEXT_HEIGHT / 3 + 0.01 and round(width / height, 2) == round(800 / 600, 2)
