"""`invoke cover`: the print cover, one PDF page with back, spine and front, for a printer.

Its size comes from the trim, the page count and the paper's thickness: the spine is
pages / ppi inches (book.toml's `ppi`, pages per inch), the cover's trim is back + spine +
front, and the bleed (book.toml's, or 0.125 in: every printer asks for one on a cover)
runs round it. templates/print/cover.html and styles/print/cover.css draw it: the page's
background runs into the bleed, the front shows the book's own cover image (book.toml's
`cover`) or its title, the spine its title when the spine is wide enough to hold a line,
the back the description and a white space for the barcode (2 × 1.2 in, as printers ask).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from octavo.model import Manuscript
from octavo.render.pdf.document import PdfOptions, guarded, load_html, write_document
from octavo.render.pdf.html import render_print
from octavo.render.pdf.sheets import Sheet
from octavo.render.url_sandbox import sandbox_url
from octavo.source.paper import PageSetup

__all__ = ["COVER_BLEED", "CoverGeometry", "cover_geometry", "cover_html", "render_cover"]

COVER_BLEED = 9.0  # points (0.125 in) when the book has no bleed of its own
SPINE_TEXT = 9.0  # points: a narrower spine carries no title (printers: about 100 pages)


@dataclass(frozen=True, slots=True)
class CoverGeometry:
    """The cover's trim (lengths in points): back | spine | front, and the bleed round it."""

    width: float  # of one side: the book's trim
    height: float
    spine: float
    bleed: float
    pages: int
    ppi: float

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
        return self.spine >= SPINE_TEXT

    @property
    def spine_font(self) -> float:
        return min(12.0, self.spine * 0.55)


def cover_geometry(page: PageSetup, pages: int, ppi: float) -> CoverGeometry:
    """`pages` rounded up to an even number (a printed book has two sides to a leaf)."""
    printed = pages + pages % 2
    bleed = page.bleed or COVER_BLEED
    return CoverGeometry(page.width, page.height, printed / ppi * 72, bleed, printed, ppi)


def cover_html(manuscript: Manuscript, geometry: CoverGeometry, cmyk: bool = False) -> str:
    project = manuscript.book.project
    page_css = (
        project.env()
        .get_template("print/cover-page.css")
        .render(cover=geometry, pt=lambda v: f"{v:.3f}".rstrip("0").rstrip(".") + "pt")
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


def render_cover(manuscript: Manuscript, options: PdfOptions, pages: int) -> bytes:
    """The cover PDF for a book of `pages` pages."""
    geometry = cover_geometry(options.page, pages, manuscript.book.config.ppi)
    cmyk = options.pdf_variant == "pdf/x-1a"  # CMYK only: the colours of styles/print/cmyk.css
    html = load_html(cover_html(manuscript, geometry, cmyk), manuscript.book.project)
    document = guarded(lambda: html.render())
    cover_options = replace(options, bleed=geometry.bleed, marks=())
    identifier = manuscript.book.config.identifier
    pdf: bytes = guarded(lambda: write_document(document, cover_options, identifier))
    return pdf
