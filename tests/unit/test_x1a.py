"""octavo.check.x1a (and octavo.check.paint, which reads for it): what PDF/X-1a refuses in
what the pages paint, told, from minimal PDFs pikepdf makes, one case each."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pikepdf
import pytest

from octavo.check.variants import check_variant

# minimal PDFs, one case each: what a page paints, through what (pikepdf makes them)


def _made(pages: list[bytes], resources: Callable[[pikepdf.Pdf], dict[str, Any]]) -> bytes:
    """A PDF of `pages` (each its content stream), sharing the resources `resources` makes."""
    with pikepdf.new() as pdf:
        shared = pdf.make_indirect(pikepdf.Dictionary(resources(pdf)))
        for content in pages:
            pdf.add_blank_page(page_size=(100, 100))
            pdf.pages[-1].obj.Resources = shared
            pdf.pages[-1].obj.Contents = pdf.make_stream(content)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _icc(pdf: pikepdf.Pdf, components: int) -> pikepdf.Array:
    return pikepdf.Array([pikepdf.Name.ICCBased, pdf.make_stream(b"profile", N=components)])


def _spaces(pdf: pikepdf.Pdf) -> dict[str, Any]:
    """Named colour spaces as WeasyPrint lists them on every page, used or not."""
    return {
        "/ColorSpace": pikepdf.Dictionary(
            {
                "/srgb": _icc(pdf, 3),
                "/CS1": pikepdf.Name.DeviceRGB,
                "/CS4": _icc(pdf, 4),
                "/Sep": pikepdf.Array(
                    [pikepdf.Name.Separation, pikepdf.Name("/Spot"), pikepdf.Name.DeviceRGB]
                ),
            }
        )
    }


def _form(pdf: pikepdf.Pdf, content: bytes) -> dict[str, Any]:
    form = pdf.make_stream(content, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form)
    form.BBox = pikepdf.Array([0, 0, 10, 10])
    form.Resources = pikepdf.Dictionary(_spaces(pdf))
    return {**_spaces(pdf), "/XObject": pikepdf.Dictionary({"/Fm1": form})}


def _shading(pdf: pikepdf.Pdf, space: Any) -> pikepdf.Dictionary:
    function = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0], C1=[1, 1, 1], N=1)
    return pikepdf.Dictionary(
        ShadingType=2, ColorSpace=space, Coords=[0, 0, 10, 0], Function=function
    )


def _patterns(pdf: pikepdf.Pdf) -> dict[str, Any]:
    tiling = pdf.make_stream(
        b"0.2 0.4 0.6 rg 0 0 5 5 re f",
        Type=pikepdf.Name.Pattern,
        PatternType=1,
        PaintType=1,
        TilingType=1,
        BBox=[0, 0, 10, 10],
        XStep=10,
        YStep=10,
        Resources=pikepdf.Dictionary(),
    )
    shaded = pikepdf.Dictionary(PatternType=2, Shading=_shading(pdf, _icc(pdf, 3)))
    return {
        **_spaces(pdf),
        "/Pattern": pikepdf.Dictionary({"/P1": tiling, "/P2": shaded}),
        "/Shading": pikepdf.Dictionary(
            {"/Sh1": _shading(pdf, pikepdf.Name.DeviceRGB), "/Sh4": _shading(pdf, _icc(pdf, 4))}
        ),
    }


_RGB_PAINTED = [
    (b"/srgb cs 1 0 0 scn 0 0 10 10 re f", _spaces, "in the page content (fill, /srgb: ICCBased"),
    (b"/CS1 CS 0 1 0 SCN 0 0 m 5 5 l S", _spaces, "in the page content (stroke, /CS1: DeviceRGB"),
    (b"/Sep cs 1 scn 0 0 10 10 re f", _spaces, "(fill, /Sep: Separation, alternate DeviceRGB"),
    (b"/Fm1 Do", lambda pdf: _form(pdf, b"0.5 0.5 0.5 rg 0 0 5 5 re f"), "in form /Fm1 (fill"),
    (b"/Fm1 Do", lambda pdf: _form(pdf, b"/srgb CS 1 0 0 SCN"), "in form /Fm1 (stroke, /srgb"),
    (b"/Pattern cs /P1 scn 0 0 10 10 re f", _patterns, "in pattern /P1 (fill, DeviceRGB"),
    (b"/Pattern cs /P2 scn 0 0 10 10 re f", _patterns, "in pattern /P2 (a shading, ICCBased"),
    (b"/Sh1 sh", _patterns, "in the page content (shading /Sh1, DeviceRGB"),
    (
        b"BI /W 2 /H 1 /CS /RGB /BPC 8 ID \x00\x00\x00\xff\xff\xff EI",
        _spaces,
        "an inline image (2×1 px) is RGB (DeviceRGB",
    ),
    (b"BI /W 1 /H 1 /CS /srgb /BPC 8 ID abc EI", _spaces, "inline image (1×1 px) is RGB (/srgb"),
    (
        b"BI /W 1 /H 1 /CS [/I /RGB 1 <000000ffffff>] /BPC 8 ID \x00 EI",
        _spaces,
        "an inline image (1×1 px) is RGB (Indexed on DeviceRGB",
    ),
    (
        b"BI /W 1 /H 1 /CS /I /BPC 8 /D [0 1] ID \x00 EI",
        _spaces,
        "",  # an inline Indexed without its base: no space to read, no false alarm
    ),
]


@pytest.mark.parametrize(
    ("content", "resources", "expected"),
    _RGB_PAINTED,
    ids=[
        "named-icc-fill",
        "named-device-stroke",
        "separation-rgb-alternate",
        "form-rg",
        "form-named-stroke",
        "tiling-pattern",
        "shading-pattern",
        "sh",
        "inline-rgb",
        "inline-named",
        "inline-indexed",
        "inline-indexed-no-base",
    ],
)
def test_rgb_painted_by_name_form_pattern_or_inline_image_is_found(
    content: bytes, resources: Callable[[pikepdf.Pdf], dict[str, Any]], expected: str
) -> None:
    """The check searched the page's own content bytes for `r g b rg` and `/DeviceRGB`: a
    colour set through a named space (`/CS0 cs`), painted in a form or a pattern, a
    shading, or an inline image with `/CS /RGB`, passed."""
    found = [d.message for d in check_variant(_made([content], resources), "pdf/x-1a")]
    rgb = [m for m in found if "RGB" in m and "XMP" not in m]
    if expected:
        assert len(rgb) == 1 and rgb[0].startswith("pdf/x-1a: page 1: "), found
        assert expected in rgb[0], rgb
    else:
        assert rgb == [], found


@pytest.mark.parametrize(
    "content",
    [
        b"/CS4 cs 0 0 0 1 scn 0 0 10 10 re f",  # a named CMYK space
        b"0 0 0 1 k (0 0 1 rg /DeviceRGB) Tj",  # the bytes in a string: text, not colour
        b"/Sh4 sh",  # a CMYK shading
        b"BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI",  # a grey inline image
        b"0.5 g 0 0 10 10 re f",  # grey
    ],
    ids=["named-cmyk", "text-reads-rg", "cmyk-shading", "inline-grey", "grey"],
)
def test_cmyk_and_grey_pass(content: bytes) -> None:
    """What is not RGB is not told, though the page's resources list RGB spaces (as
    WeasyPrint's list sRGB on every page) and its text reads like an operator."""
    found = [d.message for d in check_variant(_made([content], _patterns), "pdf/x-1a")]
    assert [m for m in found if "RGB" in m and "XMP" not in m] == []


def _image(pdf: pikepdf.Pdf) -> dict[str, Any]:
    image = pdf.make_stream(
        b"\x10\x20\x30" * 6,
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=3,
        Height=2,
        ColorSpace=pikepdf.Name.DeviceRGB,
        BitsPerComponent=8,
    )
    return {"/XObject": pikepdf.Dictionary({"/Im1": image})}


def test_an_image_on_every_page_is_told_once_with_its_pages() -> None:
    """One RGB image on each of 8 pages: told once, at the first page that paints it, with
    how many more do and which (the first five)."""
    pages = [b"q 10 0 0 10 0 0 cm /Im1 Do Q"] * 8
    pages[0] = b"0 0 0 1 k"  # the first page paints nothing of it
    found = [d.message for d in check_variant(_made(pages, _image), "pdf/x-1a")]
    told = [m for m in found if "/Im1" in m]
    assert told == [
        "pdf/x-1a: page 2: image /Im1 (3×2 px) is RGB (DeviceRGB; PDF/X-1a is CMYK or grey "
        "only), and on 6 more pages: 3, 4, 5, 6, 7, …"
    ]


def test_rgb_content_is_told_once_with_its_pages() -> None:
    """RGB colour of one kind on pages 2 and 3 is told once, at page 2; another kind is
    told of too (it was the first kind alone)."""
    pages = [b"0 0 0 1 k", b"1 0 0 rg", b"0 1 0 rg /CS1 CS"]
    found = [d.message for d in check_variant(_made(pages, _spaces), "pdf/x-1a")]
    assert [m for m in found if "RGB colour" in m] == [
        "pdf/x-1a: page 2: RGB colour in the page content (fill, DeviceRGB; PDF/X-1a is CMYK "
        "only), and on page 3",
        "pdf/x-1a: page 3: RGB colour in the page content (stroke, /CS1: DeviceRGB; PDF/X-1a "
        "is CMYK only)",
    ]


def _states(pdf: pikepdf.Pdf) -> dict[str, Any]:
    half = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.5)
    whole = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=1, CA=1)
    return {"/ExtGState": pikepdf.Dictionary({"/a0.5": half, "/a1": whole})}


def test_transparency_is_told_at_the_page_that_paints_with_it() -> None:
    """Every page lists every graphics state (WeasyPrint's pages share one resources
    dictionary): a state of alpha 0.5 painted on page 3 alone was told at page 1."""
    pages = [b"/a1 gs 0 0 0 1 k", b"/a1 gs", b"/a0.5 gs 0 0 10 10 re f", b"/a0.5 gs"]
    found = [d.message for d in check_variant(_made(pages, _states), "pdf/x-1a")]
    assert [m for m in found if "transparency" in m] == [
        "pdf/x-1a: page 3: transparency in graphics state /a0.5, and on page 4"
    ]
    unused = [d.message for d in check_variant(_made(pages[:2], _states), "pdf/x-1a")]
    assert [m for m in unused if "transparency" in m] == []


def test_content_that_cannot_be_read_is_told() -> None:
    """A page whose content does not decode is E644 at its page (pypdf read it as empty,
    and passed it)."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(100, 100))
        damaged = pikepdf.Stream(pdf, b"not deflated", Filter=pikepdf.Name.FlateDecode)
        pdf.pages[0].obj.Contents = damaged
        out = io.BytesIO()
        pdf.save(out)
    found = [d.message for d in check_variant(out.getvalue(), "pdf/x-1a")]
    (told,) = [m for m in found if "page 1" in m]
    assert told.startswith("pdf/x-1a: page 1: content that cannot be read (")


def _inheriting(spaces: list[int], painted: bytes = b"/CS0 cs 1 0 0 sc 0 0 5 5 re f") -> bytes:
    """Pages painting one form that has no resources of its own (it paints with its
    painter's, as PDF 1.x allows), each page's resources written in place: its /CS0 of
    `spaces[i]` components."""
    with pikepdf.new() as pdf:
        form = pdf.make_stream(painted, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form)
        form.BBox = pikepdf.Array([0, 0, 10, 10])
        for components in spaces:
            pdf.add_blank_page(page_size=(100, 100))
            pdf.pages[-1].obj.Resources = pikepdf.Dictionary(
                ColorSpace=pikepdf.Dictionary(CS0=_icc(pdf, components)),
                XObject=pikepdf.Dictionary(Fm1=form),
            )
            pdf.pages[-1].obj.Contents = pdf.make_stream(b"/Fm1 Do")
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _told(pdf: bytes) -> list[str]:
    """What PDF/X-1a's read-back tells of what the pages paint ("page N: …")."""
    found = [d.message.removeprefix("pdf/x-1a: ") for d in check_variant(pdf, "pdf/x-1a")]
    return [m for m in found if m.startswith("page ")]


def test_a_form_painting_with_each_page_s_own_resources_is_read_for_each() -> None:
    """A form read once was kept by its painter's resources' object, (0, 0) for resources
    written in place: page 1's reading (CMYK) stood for page 2's, whose /CS0 is RGB, and
    the PDF passed as PDF/X-1a."""
    told = _told(_inheriting([4, 3]))
    assert told == [
        "page 2: RGB colour in form /Fm1 (fill, /CS0: ICCBased, 3 components; "
        "PDF/X-1a is CMYK only)"
    ]
    assert _told(_inheriting([3, 3]))[0].endswith("CMYK only), and on page 2")
    assert _told(_inheriting([3], b"/Fm1 Do /CS0 cs")) == [  # painting itself: read once
        "page 1: RGB colour in form /Fm1 (fill, /CS0: ICCBased, 3 components; "
        "PDF/X-1a is CMYK only)"
    ]
