"""octavo.render.pdf.parallel.overlay: the stamp drawn as pypdf's `merge_page` draws it, as a
form XObject over the page's own content, untouched."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from octavo.render.pdf.parallel.overlay import FORM, Overlay


def _font(name: str) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(name),
        }
    )


def _page(writer: PdfWriter, fonts: dict[str, str], text: bytes, annots: bool = False) -> Any:
    page = writer.add_blank_page(612, 792)
    content = DecodedStreamObject()
    content.set_data(text)
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject(
                {NameObject(k): writer._add_object(_font(v)) for k, v in fonts.items()}
            ),
            NameObject("/ProcSet"): ArrayObject([NameObject("/Text"), NameObject("/PDF")]),
        }
    )
    if annots:
        link = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject(NumberObject(v) for v in (0, 0, 9, 9)),
            }
        )
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return page


def _pdf(pages: list[tuple[dict[str, str], bytes]], annots: bool = False) -> bytes:
    writer = PdfWriter()
    for fonts, text in pages:
        _page(writer, fonts, text, annots)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# the page's content leaves its state changed (a scale, a colour): the stamp is drawn as if
# on a fresh page; the same names stand for other fonts in the stamp (/f0), or the same
BODY = [
    (
        {"/f0": "/Times-Roman", "/f1": "/Helvetica-Bold"},
        b"0.5 0 0 0.5 0 0 cm 1 0 0 rg BT /f0 20 Tf 144 1400 Td (Body) Tj /f1 18 Tf [(A) -20 (b)]"
        b" TJ ET",
    ),
    ({"/f0": "/Times-Roman"}, b"q 0.5 0 0 RG 1 0 0 1 0 0 cm 0 0 10.25 20 re S Q"),
    ({}, b""),
]
STAMP = [
    (
        {"/f0": "/Helvetica-Oblique", "/f1": "/Helvetica-Bold"},
        b"BT /f0 8 Tf 72 750 Td (Head) Tj /f1 8 Tf (1) Tj ET",
    ),
    ({"/f0": "/Times-Roman"}, b"BT /f0 8 Tf 300 30 Td (2) Tj ET"),
    ({"/f2": "/Helvetica-Oblique"}, b"BT /f2 8 Tf 300 30 Td (\\(3\\)) Tj ET"),
]


def _merged(merge: Callable[[Any, Any], None] | None = None, annots: bool = False) -> bytes:
    """BODY stamped with STAMP by `merge` (None: an `Overlay` of the writer)."""
    writer = PdfWriter(clone_from=io.BytesIO(_pdf(BODY)))
    stamp = PdfReader(io.BytesIO(_pdf(STAMP, annots)))
    lay = merge or Overlay(writer)
    for page, over in zip(writer.pages, stamp.pages, strict=True):
        lay(page, over)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _merge_page(page: Any, over: Any) -> None:
    page.merge_page(over)
    page.compress_content_streams()


def _drawn(pdf: bytes) -> list[list[tuple[Any, ...]]]:
    """What each page shows, as pdfminer reads it: each character's font, size, place and
    colour; each rectangle's place."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            sorted(
                [
                    (
                        c["text"],
                        c["fontname"],
                        round(c["size"], 2),
                        round(c["x0"], 2),
                        round(c["top"], 2),
                        str(c["non_stroking_color"]),
                    )
                    for c in page.chars
                ]
                + [("rect", round(r["x0"], 2), round(r["top"], 2)) for r in page.rects]
            )
            for page in document.pages
        ]


@pytest.mark.parametrize("annots", [False, True], ids=["form", "annotated"])
def test_drawn_as_merge_page_draws_it(annots: bool) -> None:
    """The same characters in the same fonts, sizes, places and colours as `merge_page`
    gives: the stamp's /f0 is its own font, not the page's; the page's scale and colour do
    not reach the stamp. A stamp page with links goes to `merge_page` itself."""
    expected = _drawn(_merged(_merge_page, annots))
    assert _drawn(_merged(None, annots)) == expected
    assert ("H", "Helvetica-Oblique", 8.0, 72.0, 35.66, "(0,)") in expected[0]
    assert ("B", "Times-Roman", 10.0, 72.0, 84.17, "(1.0, 0.0, 0.0)") in expected[0]


def test_the_page_content_kept_as_it_is() -> None:
    """The page's own content stream is the same object, its bytes untouched (never
    decoded, never compressed again), between the two streams every page shares; the
    stamp's content is a form XObject of its bytes as they were."""
    writer = PdfWriter(clone_from=io.BytesIO(_pdf(BODY)))
    stamp = PdfReader(io.BytesIO(_pdf(STAMP)))
    own = [page.raw_get("/Contents") for page in writer.pages[:2]]
    lay = Overlay(writer)
    for page, over in zip(writer.pages, stamp.pages, strict=True):
        lay(page, over)
    contents: list[Any] = [page.raw_get("/Contents").get_object() for page in writer.pages]
    assert [c[1] for c in contents[:2]] == own
    assert len(contents[2]) == 3  # an empty content stream is kept as it is too
    assert len({c[0].idnum for c in contents}) == len({c[-1].idnum for c in contents}) == 1
    assert contents[0][-1].get_object().get_data() == f"\nQ\n{FORM} Do\n".encode()
    resources: Any = writer.pages[0]["/Resources"]
    form = resources["/XObject"][FORM].get_object()
    assert form["/Subtype"] == "/Form" and list(form["/BBox"]) == [0, 0, 612, 792]
    given: Any = stamp.pages[0]["/Contents"]
    assert form._data == given.get_object()._data


def test_a_name_taken_and_shared_resources() -> None:
    """A page that has an XObject of the form's name keeps it (the form takes another
    name); resources two pages share are not changed under the other."""
    writer = PdfWriter(clone_from=io.BytesIO(_pdf(BODY[:2])))
    first: Any
    second: Any
    first, second = writer.pages
    taken = DictionaryObject({NameObject(FORM): NumberObject(7)})
    resources = first["/Resources"].get_object()
    resources[NameObject("/XObject")] = taken
    second[NameObject("/Resources")] = first.raw_get("/Resources")
    stamp = PdfReader(io.BytesIO(_pdf(STAMP[:2])))
    lay = Overlay(writer)
    lay(first, stamp.pages[0])
    objects = first["/Resources"]["/XObject"]
    assert objects[FORM] == 7 and f"{FORM}x" in objects
    assert list(second["/Resources"]["/XObject"]) == [FORM]  # as it was
    assert first["/Contents"][-1].get_object().get_data().endswith(f"{FORM}x Do\n".encode())
