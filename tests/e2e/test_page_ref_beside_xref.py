"""A page reference and a cross-reference to one heading (`[](#sec:merina){.page}` in one
section, `@sec:merina` in another): the read-back check (E621) took every link to the id for
a page reference, so the cross-reference's printed title, "Merina", was a folio printed
wrong: `page reference to #sec:merina prints ['3', '3', 'Merina'], its folio is '3'` for a
correct PDF. A cross-reference's title broken over two lines is two links, one a line each."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from octavo import api
from octavo.check.content import check_content
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from tests.conftest import MakeBook, section_source

_LONG = "The Kingdom of the Merina in the Central Highlands and Its Neighbours Along the Coasts"


def test_a_cross_reference_beside_a_page_reference_is_no_folio(
    make_book: MakeBook, tmp_path: Path
) -> None:
    heading = "Kings.\n\n## Merina {#sec:merina}\n\nThe highlands.\n\n"
    long = f"## {_LONG} {{#sec:coast}}\n\nThe coasts.\n"
    book = make_book(
        {
            "001-a.md": section_source(1, "History", body=heading + long),
            "002-b.md": section_source(
                2, "Society", body="See page [](#sec:merina){.page} and [](#sec:coast){.page}.\n"
            ),
            "003-c.md": section_source(
                3, "Economy", body="As @sec:merina says, and as @sec:coast says at length.\n"
            ),
        }
    )
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf", jobs=1)
    manuscript, _ = api.manuscript(book)
    facts = read_pdf(pdf)
    coast = [link for link in facts.links if link.dest == "sec:coast"]
    assert len({link.top for link in coast}) >= 3  # the page reference, two lines of the title
    assert [str(d) for d in check_book_pdf(pdf, manuscript) if d.code == "E621"] == []
    # a page reference that prints another folio is still caught
    moved = dict(facts.dests, **{"sec:merina": facts.dests["sec:merina"] + 2})
    found = check_content(dataclasses.replace(facts, dests=moved), manuscript)
    assert [d.message.split(" prints")[0] for d in found if d.code == "E621"] == [
        "page reference to #sec:merina"
    ]


def test_a_float_whose_caption_holds_an_index_mark_is_no_false_E621(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """ut47 bug 6: the list of figures' (tables') entry links to the float, a box a piece
    where the caption's index mark splits it, so the mark's one word was read as a folio:
    `page reference to #fig:k prints ['Word', '1', '1'], its folio is '1'`."""
    from io import BytesIO

    from PIL import Image

    picture = BytesIO()
    Image.new("RGB", (600, 400), (30, 120, 200)).save(picture, "PNG")
    body = (
        "See page [](#fig:k){.page} and page [](#tbl:t){.page}.\n\n"
        "![Map with [Word]{.index}](images/k.png){#fig:k width=50%}\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: Caption with [Tword]{.index} {#tbl:t}\n"
    )
    book = make_book(
        {
            "001-a.md": section_source(1, "Land", total=1, body=body),
            "images/k.png": picture.getvalue(),
        }
    )
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf", jobs=1)
    manuscript, _ = api.manuscript(book)
    facts = read_pdf(pdf)
    assert any(link.dest == "fig:k" for link in facts.links)
    assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []
