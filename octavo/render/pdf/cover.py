"""`invoke cover`: the print cover, one PDF page with back, spine and front, for a printer.

Its size comes from the trim, the page count and the paper's thickness: the spine is
pages / ppi inches (book.toml's `ppi`, pages per inch), the cover's trim is back + spine +
front, and the bleed (book.toml's, or 0.125 in: every printer asks for one on a cover)
runs round it. templates/print/cover.html and styles/print/cover.css draw it: the page's
background runs into the bleed, the front shows the book's own cover image (book.toml's
`cover`) or its title, the spine its title when the spine is wide enough for a line of
5.5 pt type 1/16 in clear of each fold (KDP's rule; it prints spine text over 79 pages),
the back the description and a white space for the barcode (2 × 1.2 in, as printers ask).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from octavo.errors import BuildError, Diagnostic, error, warning
from octavo.model import Manuscript
from octavo.render.guarded import guarded
from octavo.render.pdf.box_tree import walk_boxes
from octavo.render.pdf.document import PdfOptions, load_html, write_document, xmp_descriptions
from octavo.render.pdf.html import render_print
from octavo.render.pdf.sheets import Sheet, css_pt
from octavo.render.url_sandbox import sandbox_url
from octavo.settings import BookConfig
from octavo.source.paper import PageSetup
from octavo.text import inches

__all__ = [
    "COVER_BLEED",
    "MAX_SPINE",
    "PDF_PAGE_LIMIT",
    "CoverGeometry",
    "cover_geometry",
    "cover_html",
    "fits_a_page",
    "is_bound",
    "render_cover",
]

COVER_BLEED = 9.0  # points (0.125 in) when the book has no bleed of its own
SPINE_CLEAR = 4.5  # points (1/16 in) between the spine's text and each fold (KDP's rule)
SPINE_TYPE = 5.5  # points: the spine's smallest type (agate, the smallest set for reading)
SPINE_LINE = 1.14  # ems: the face's ascent + descent (Linux Libertine, 0.894 + 0.246), every
# glyph's height: the spine's line, centred between the folds
SPINE_TEXT = SPINE_TYPE * SPINE_LINE + 2 * SPINE_CLEAR  # 15.3 pt (0.21 in): thinner, none
SPINE_ENDS = 36.0  # points (0.5 in) at the head and the foot of the spine, left empty
BARCODE = (144.0, 86.4)  # points: the barcode's space, 2 x 1.2 in, as printers ask
SAFE = 18.0  # points (0.25 in): text and the barcode's space keep inside the trim by it
SIDE = (432.0, 648.0)  # a 6 x 9 in side: the design's spacing at full size
PDF_PAGE_LIMIT = 14_400.0  # points (200 in): a PDF page's widest (ISO 32000, Annex C)
# points (2.75 in): the widest spine a paperback is bound with. IngramSpark binds up to 1,200
# pages of 50 lb white paper, 0.002252 in a page: 2.7 in; KDP 828 pages of white (1.86 in),
# 776 of cream, 0.0025 in (1.94 in)
MAX_SPINE = 198.0


@dataclass(frozen=True, slots=True)
class CoverGeometry:
    """The cover's trim (lengths in points): back | spine | front, and the bleed round it.
    `spine_text`: what the spine prints, "both" (title and publisher), "title" or ""."""

    width: float  # of one side: the book's trim
    height: float
    spine: float
    bleed: float
    pages: int
    ppi: float
    spine_text: str = "both"

    @property
    def trim_width(self) -> float:
        """back + spine + front."""
        return 2 * self.width + self.spine

    @property
    def media_width(self) -> float:
        """back + spine + front + 2 × bleed: the width of the PDF page."""
        return self.trim_width + 2 * self.bleed

    @property
    def spine_title(self) -> bool:
        return bool(self.spine_text)

    @property
    def spine_font(self) -> float:
        """Up to 12 pt, its line (every glyph's height) 1/16 in clear of each fold."""
        return min(12.0, (self.spine - 2 * SPINE_CLEAR) / SPINE_LINE)

    @property
    def spine_room(self) -> float:
        """The length of the spine's line: its height less the empty head and foot."""
        return self.height - 2 * SPINE_ENDS

    @property
    def barcode(self) -> bool:
        """Whether the back holds the barcode's space, 0.25 in from the spine and the edge."""
        return self.width >= BARCODE[0] + 2 * SAFE

    @property
    def scale(self) -> float:
        """The front's and the back's spacing against a 6 x 9 in side's (1 at that or more)."""
        return min(1.0, self.width / SIDE[0], self.height / SIDE[1])

    @property
    def type_scale(self) -> float:
        """The cover's type against a 6 x 9 in side's: as `scale`, never under 0.8."""
        return max(0.8, self.scale)

    @property
    def title_scale(self) -> float:
        """The front title's size against a 6 x 9 in side's: as `scale`, never under 0.75."""
        return max(0.75, self.scale)


def cover_geometry(page: PageSetup, pages: int, ppi: float) -> CoverGeometry:
    """`pages` rounded up to an even number (a printed book has two sides to a leaf)."""
    printed = pages + pages % 2
    bleed = page.bleed or COVER_BLEED
    spine = printed / ppi * 72
    text = "both" if spine >= SPINE_TEXT else ""
    return CoverGeometry(page.width, page.height, spine, bleed, printed, ppi, text)


def cover_html(manuscript: Manuscript, geometry: CoverGeometry, cmyk: bool = False) -> str:
    project = manuscript.book.project
    page_css = (
        project.env()
        .get_template("print/cover-page.css")
        .render(
            cover=geometry,
            spine_ends=SPINE_ENDS,
            pt=css_pt,
        )
    )
    sheets = (
        Sheet(sandbox_url(project, project.style("print/fonts.css"))),
        Sheet(text=page_css),
        Sheet(sandbox_url(project, project.style("print/cover.css"))),
        *((Sheet(sandbox_url(project, project.style("print/cmyk.css"))),) if cmyk else ()),
    )
    return render_print(
        manuscript,
        "print/cover.html",
        sheets,
        description=manuscript.book.config.description,
        image=manuscript.cover.path if manuscript.cover else "",
        cover=geometry,
    )


def fits_a_page(geometry: CoverGeometry) -> None:
    """E645 for a cover wider than a PDF page may be: `--pages 999999999` (a slip of the
    keys) wrote a cover 2.25 million inches wide, and 100000000000000000000 pages a PDF of
    no page, both without a word."""
    if geometry.media_width <= PDF_PAGE_LIMIT:
        return
    inches = geometry.media_width / 72
    raise BuildError(
        [
            error(
                "E645",
                f"--pages {geometry.pages}: a spine of {geometry.spine / 72:,.0f} in at "
                f"{geometry.ppi:g} pages per inch makes the cover {inches:,.0f} in wide; "
                "a PDF page is at most 200 in",
                hint="give the book's page count, or leave --pages out to count its PDF's",
            )
        ]
    )


def is_bound(geometry: CoverGeometry, config: BookConfig, counted: bool) -> None:
    """E650 for a spine wider than a paperback is bound with (MAX_SPINE): `--pages 9000`
    made a 20 in spine without a word. Told at book.toml's `ppi` when it sets one;
    `counted`: the pages are the book PDF's, not `--pages`."""
    if geometry.spine <= MAX_SPINE:
        return
    ppi = config.line_of("ppi")
    pages = f"{geometry.pages:,} pages" if counted else f"--pages {geometry.pages}"
    paper = "check 'ppi' in book.toml (the paper's pages per inch: white about 444, cream 400)"
    hint = (
        f"{paper}; a book this long is printed in volumes"
        if counted
        else f"give the book's page count, or leave --pages out to count its PDF's; {paper}"
    )
    raise BuildError(
        [
            error(
                "E650",
                f"{pages} at {geometry.ppi:g} pages per inch make a spine of "
                f"{_inches(geometry.spine)}: no paperback is bound wider than "
                f"{_inches(MAX_SPINE)} (IngramSpark: 1,200 pages, 2.7 in; KDP: 828 pages of "
                "white paper, 1.86 in)",
                config.path if counted or ppi else None,
                ppi,
                hint=hint,
            )
        ]
    )


def render_cover(
    manuscript: Manuscript, options: PdfOptions, geometry: CoverGeometry
) -> tuple[bytes, CoverGeometry, tuple[Diagnostic, ...]]:
    """The cover PDF of `geometry`, the geometry as laid out (its spine's text narrowed to
    what fits), and what it could not hold: W647, a spine too short for the title
    (printed blank), W648, a back too narrow for the barcode's space (the ISBN printed as
    a line instead)."""
    config = manuscript.book.config
    cmyk = options.pdf_variant == "pdf/x-1a"  # CMYK only: the colours of styles/print/cmyk.css
    document, geometry, found = _laid_out(manuscript, geometry, cmyk)
    if not geometry.barcode:
        from_toml = options.paper == config.paper  # else --paper: no line of book.toml
        found = (*found, _no_barcode(manuscript, geometry, from_toml))
    cover_options = replace(options, bleed=geometry.bleed, marks=())
    xmp = xmp_descriptions(manuscript, cover_options)  # the book's, as its PDF has it
    pdf: bytes = guarded(lambda: write_document(document, cover_options, config.identifier, xmp))
    return pdf, geometry, found


def _layout(manuscript: Manuscript, geometry: CoverGeometry, cmyk: bool) -> Any:
    html = load_html(cover_html(manuscript, geometry, cmyk), manuscript.book.project)
    return guarded(lambda: html.render())


def _laid_out(
    manuscript: Manuscript, geometry: CoverGeometry, cmyk: bool
) -> tuple[Any, CoverGeometry, tuple[Diagnostic, ...]]:
    """The cover laid out with as much on its spine as its length holds: the title and the
    publisher, else the title alone, else nothing (W647), measured in WeasyPrint's layout."""
    document = _layout(manuscript, geometry, cmyk)
    if not geometry.spine_text:
        return document, geometry, ()
    title, publisher = _spine_lengths(document)
    gap = geometry.spine_font  # 1 em between the title and the publisher
    if title + (publisher + gap if publisher else 0.0) <= geometry.spine_room:
        return document, geometry, ()
    fits = title <= geometry.spine_room
    narrowed = replace(geometry, spine_text="title" if fits else "")
    found = () if fits else (_spine_too_short(manuscript, geometry, title),)
    return _layout(manuscript, narrowed, cmyk), narrowed, found


def _spine_lengths(document: Any) -> tuple[float, float]:
    """The lengths (points) of the spine's title and publisher as laid out, before the
    spine's turn: the width of each one's box (0 for one not printed)."""
    lengths = {"spine-title": 0.0, "spine-publisher": 0.0}
    for box in walk_boxes(document.pages[0]._page_box):
        element = getattr(box, "element", None)
        classes = (element.get("class") or "").split() if element is not None else ()
        for name in lengths.keys() & set(classes):
            if getattr(box, "element_tag", "") == "span" and hasattr(box, "margin_width"):
                lengths[name] = max(lengths[name], box.margin_width())
    return lengths["spine-title"], lengths["spine-publisher"]


def _inches(points: float) -> str:
    return f"{inches(points)} in"


def _spine_too_short(manuscript: Manuscript, geometry: CoverGeometry, title: float) -> Diagnostic:
    config = manuscript.book.config
    return warning(
        "W647",
        f"the spine ({_inches(geometry.spine)} by {_inches(geometry.height)}) is too short "
        f"for the title: {_inches(title)} at {geometry.spine_font:.3g} pt, "
        f"{_inches(geometry.spine_room)} of room; the spine is printed blank",
        config.path,
        config.line_of("title"),
        hint="a shorter title, or a taller trim, prints it",
    )


def _no_barcode(manuscript: Manuscript, geometry: CoverGeometry, from_toml: bool) -> Diagnostic:
    config = manuscript.book.config
    need = BARCODE[0] + 2 * SAFE
    return warning(
        "W648",
        f"the back of the cover is {_inches(geometry.width)} wide, too narrow for the "
        f"barcode's space ({_inches(BARCODE[0])} by {_inches(BARCODE[1])}, "
        f"{_inches(SAFE)} from the spine and from the edge: {_inches(need)}); "
        "the cover has none, and prints the ISBN as a line",
        config.path if from_toml else None,
        config.line_of("paper") if from_toml else None,
        hint=f"a trim {_inches(need)} wide or more has the barcode's space",
    )
