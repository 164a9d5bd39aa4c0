"""octavo.render.pdf.broadside: the quarter turn that puts a landscape page's content on a
page of the book's size, and what points into the page turned with it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from octavo.render.pdf.broadside import ROTATE, Turn, down_point, down_rect, turn_pages

LETTER = (612.0, 792.0)
LANDSCAPE_TRIM = (0.0, 0.0, 792.0, 612.0)


def test_the_landscape_top_goes_to_the_left_edge_and_its_left_to_the_foot() -> None:
    turn = Turn.of(LANDSCAPE_TRIM)
    assert turn.point(0.0, 612.0) == (0.0, 0.0)  # top-left corner: the sheet's bottom-left
    assert turn.point(792.0, 612.0) == (0.0, 792.0)  # top-right: the sheet's top-left
    assert turn.point(0.0, 0.0) == (612.0, 0.0)  # bottom-left: the sheet's bottom-right
    assert turn.rect(LANDSCAPE_TRIM) == (0.0, 0.0, *LETTER)
    assert turn.matrix == (0.0, 1.0, -1.0, 0.0, 612.0, 0.0)


@pytest.mark.parametrize("bleed", [0.0, 9.0, 18.0], ids=["none", "bleed", "marks"])
def test_every_box_turns_round_the_trim(bleed: float) -> None:
    """The MediaBox and BleedBox hold the trim by the same distance on every side, turned
    too (a print shop trims the sheet as every other)."""
    turn = Turn.of(LANDSCAPE_TRIM)
    media = (-bleed, -bleed, 792.0 + bleed, 612.0 + bleed)
    assert turn.rect(media) == (-bleed, -bleed, 612.0 + bleed, 792.0 + bleed)


@given(
    st.floats(0, 792, allow_nan=False),
    st.floats(0, 612, allow_nan=False),
    st.floats(0, 100, allow_nan=False),
    st.floats(0, 100, allow_nan=False),
)
def test_a_page_map_box_turns_as_its_pdf_rectangle(x: float, y: float, w: float, h: float) -> None:
    """A box measured from the landscape page's top-left corner (a page map's) lands where
    its PDF rectangle turned does, measured from the turned page's top-left corner."""
    turn = Turn.of(LANDSCAPE_TRIM)
    x0, y0, x1, y1 = turn.rect((x, 612.0 - y - h, x + w, 612.0 - y))
    assert down_rect((x, y, w, h), 792.0) == pytest.approx((x0, 792.0 - y1, x1 - x0, y1 - y0))
    px, py = turn.point(x, 612.0 - y)
    assert down_point(x, y, 792.0) == pytest.approx((px, 792.0 - py))


def test_quad_points_turn_pair_by_pair() -> None:
    turn = Turn.of(LANDSCAPE_TRIM)
    assert turn.quads([0.0, 612.0, 792.0, 612.0]) == [0.0, 0.0, 0.0, 792.0]


def test_a_landscape_page_is_turned_with_its_link_destination_and_bookmark() -> None:
    """A small WeasyPrint document: a portrait page and a landscape one holding a heading
    (a bookmark and a destination) and a link to it; the landscape page written on the
    portrait size, /Rotate 90, its link over its text and its destination turned."""
    import pdfplumber
    from pypdf import PdfReader
    from weasyprint import HTML

    html = """<style>@page { size: 612pt 792pt; margin: 72pt }
      @page wide { size: 792pt 612pt } .wide { page: wide } body, h1 { margin: 0 }</style>
      <p>Before.</p><div class="wide"><h1 id="here">Turned</h1><a href="#here">Link</a></div>"""
    document = HTML(string=html).render()
    assert [p._page_box.page_type.name for p in document.pages] == ["", "wide"]

    def finish(_: object, pdf: object) -> None:
        turn_pages(pdf, (1,))

    data = document.write_pdf(finisher=finish)
    reader = PdfReader(io.BytesIO(data))
    assert [tuple(p.mediabox) for p in reader.pages] == [(0, 0, 612, 792)] * 2
    assert [p.get("/Rotate") for p in reader.pages] == [None, ROTATE]
    annotations: Any = reader.pages[1]["/Annots"]
    (link,) = [a.get_object() for a in annotations]
    left, bottom, right, top = (float(v) for v in link["/Rect"])
    destination: Any = reader.named_destinations["here"]
    # the landscape page's top margin (72 pt) is the sheet's left one; its left the foot
    assert float(destination.left) == pytest.approx(72, abs=0.5)
    assert float(destination.top) == pytest.approx(72, abs=0.5)
    marks: Any = reader.outline
    (mark,) = marks
    assert reader.get_destination_page_number(mark) == 1
    assert (float(mark.left), float(mark.top)) == pytest.approx((72, 72), abs=0.5)
    with pdfplumber.open(io.BytesIO(data)) as pdf:  # as a viewer turns it: the text upright
        page = pdf.pages[1]
        assert page.width == 792 and page.extract_text().split() == ["Turned", "Link"]
        word = next(w for w in page.extract_words() if w["text"] == "Link")
    # the viewer's x is the sheet's y, its top the sheet's x: the link holds its word
    assert left <= word["top"] + 1 and word["bottom"] - 1 <= right
    assert bottom <= word["x0"] + 1 and word["x1"] - 1 <= top


def test_a_stamp_is_drawn_over_its_page_and_taken_out() -> None:
    """A tagged document: a landscape page and, after it, a stamp page with a folio. The
    stamp is drawn over the turned page (upright: the sheet's own coordinates), the page
    tree and the structure hold no stamp page, and its tagged text is an artifact."""
    import pdfplumber
    import pikepdf
    from weasyprint import HTML

    html = """<html lang="en"><style>@page { size: 612pt 792pt; margin: 72pt }
      @page wide { size: 792pt 612pt } .wide { page: wide } body { margin: 0 }
      .stamp { page: stamp; break-before: page } @page stamp { @bottom-right { content: "7" } }
      </style><p>Before.</p><p class="wide">Turned</p><p class="stamp"></p></html>"""
    document = HTML(string=html).render()

    def finish(_: object, pdf: object) -> None:
        turn_pages(pdf, (1,), (1,))

    data = document.write_pdf(finisher=finish, pdf_tags=True)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2 and int(pdf.pages[1].Rotate) == ROTATE
        pages = {p.objgen for p in pdf.pages}
        elements = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary)]
        elements = [o for o in elements if o.get("/Type") == "/StructElem" and "/Pg" in o]
        assert elements and all(o.Pg.objgen in pages for o in elements)
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        assert 2 not in [int(nums[i]) for i in range(0, len(nums), 2)]
        stamp = pdf.pages[1].Contents[1].read_bytes()
        assert b"/Artifact\nBMC" in stamp and b"MCID" not in stamp
    with pdfplumber.open(io.BytesIO(data)) as read:
        folio = [c for c in read.pages[1].chars if c["text"] == "7"]
    assert len(folio) == 1 and not folio[0]["upright"]  # sideways to the viewer
