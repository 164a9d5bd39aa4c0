"""A written PDF read back: its pages (text lines, characters, boxes, the printed folio and
running head), named destinations, bookmarks, links, metadata and fonts.

Everything here comes from the PDF file (pypdf, pdfplumber, poppler's pdffonts), never
from octavo's own view of the layout; the checks (octavo.check.pdf, content, press,
variants) compare what is read here with the manuscript.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from octavo.check.pdf_fonts import pdffonts, unreadable_fonts

__all__ = [
    "MARGIN",
    "Link",
    "PdfFacts",
    "PdfPage",
    "Unreadable",
    "pdffonts",
    "read_book_pdf",
    "read_pdf",
]

MARGIN = 0.09  # running heads and folios sit in the top and bottom 9 % of the page
ROTATED = 90  # a broadside page's /Rotate (octavo.render.pdf.broadside)


@dataclass(frozen=True, slots=True)
class PdfPage:
    """A page as read back; positions in points from the trim's top-left corner, as a
    viewer shows the page: a broadside page (`turned`, a table turned onto a page of the
    book's size, /Rotate 90) as the table reads, its trim's width and height swapped.
    `printed` gives its text as the sheet is printed, the folio upright in its margin."""

    index: int
    height: float  # of the trim
    lines: tuple[tuple[float, float, str], ...]  # (top, bottom, text), top to bottom
    spans: tuple[tuple[float, float, float, float], ...] = ()  # (x0, top, x1, bottom) of each
    boxes: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()  # PDF coordinates
    width: float = 0.0  # of the trim

    def box(self, name: str) -> tuple[float, float, float, float]:
        """'/MediaBox', '/TrimBox', '/BleedBox': (left, bottom, right, top)."""
        return dict(self.boxes)[name]

    chars: tuple[tuple[float, float, float, float, str], ...] = ()  # (x0, top, x1, bottom, text)
    graphics: int = 0  # images, curves and rectangles drawn on the page
    number: str | None = None  # the folio's number in a folio of the book's wording (`_cited`)
    pictures: int = 0  # images alone
    turned: bool = False  # a broadside page: its /Rotate 90 turns the sheet for the viewer
    foot: str = ""  # a broadside page's folio: the text upright on the sheet, at its foot
    drawn: tuple[tuple[float, float, float, float], ...] = ()  # (x0, top, x1, bottom) of
    # each vector path painted (pdfplumber's lines, rects and curves: a table's rules, an
    # SVG map), as `spans`

    @property
    def printed_size(self) -> tuple[float, float]:
        """The trim's width and height as the sheet is printed."""
        return (self.height, self.width) if self.turned else (self.width, self.height)

    def printed(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box (x0, top, x1, bottom) as the sheet is printed: on a broadside page, turned
        back (the viewer's top is the sheet's left edge)."""
        if not self.turned:
            return box
        x0, top, x1, bottom = box
        return (top, self.width - x1, bottom, self.width - x0)

    @property
    def head(self) -> str:
        if self.turned:
            return ""  # a broadside page prints none (octavo.render.pdf.broadside)
        first = self.lines[0] if self.lines else None
        return first[2] if first and first[1] < self.height * MARGIN + 20 else ""

    @property
    def folio_line(self) -> str:
        """The folio as printed: the page's last line, in its bottom margin (on a
        broadside page, `foot`)."""
        if self.turned:
            return self.foot
        last = self.lines[-1] if self.lines else None
        return last[2] if last and last[0] > self.height * (1 - MARGIN) - 10 else ""

    @property
    def folio(self) -> str:
        """The folio as the contents and the index cite it: "7" of "p. 7 of 137" too."""
        return self.number if self.number is not None else self.folio_line

    def texts(self) -> set[str]:
        return {" ".join(text.split()) for _, _, text in self.lines}


@dataclass(frozen=True, slots=True)
class Link:
    page: int
    top: float
    bottom: float
    dest: str
    x0: float = 0.0
    x1: float = 0.0


@dataclass(frozen=True, slots=True)
class PdfFacts:
    path: Path
    pages: tuple[PdfPage, ...]
    dests: dict[str, int]  # named destination -> 0-based page
    outline: frozenset[tuple[str, int]]  # (title, page) of every bookmark
    links: tuple[Link, ...]
    metadata: dict[str, str]
    fonts: tuple[tuple[str, bool], ...]  # (name, embedded), from pdffonts

    @property
    def page_count(self) -> int:
        return len(self.pages)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A PDF not read past its fonts: its text in `fonts` reads as nothing
    (`read_book_pdf`), so every check of its text would fail."""

    path: Path
    fonts: tuple[str, ...]
    page_count: int


def read_pdf(path: Path) -> PdfFacts:
    from pypdf import PdfReader

    return _facts(path, PdfReader(path))


def read_book_pdf(path: Path) -> PdfFacts | Unreadable:
    """A book's PDF read back once, for all its checks: its facts, or `Unreadable` when
    its text in some fonts reads as nothing (`unreadable_fonts`: W651's boxes), whose
    pages are then not read."""
    reader, unread = _opened(path)
    return unread or _facts(path, reader)


def unreadable(path: Path) -> Unreadable | None:
    """The PDF at `path` (a cover) as `Unreadable` where its text in some fonts reads as
    nothing, its pages not read; None where it reads."""
    return _opened(path)[1]


def _opened(path: Path) -> tuple[Any, Unreadable | None]:
    """The PDF's pypdf reader, and `Unreadable` where its text in some fonts reads as
    nothing (None where it reads): the one reader for both."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    fonts = unreadable_fonts(reader)
    return reader, Unreadable(path, fonts, len(reader.pages)) if fonts else None


def _facts(path: Path, reader: Any) -> PdfFacts:
    """The facts of the PDF at `path`, `reader` its pypdf reader."""
    import pdfplumber

    numbers = {
        name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()
    }
    dests = {name: n for name, n in numbers.items() if n is not None}
    outline = frozenset(_outline(reader, reader.outline))
    with pdfplumber.open(path) as pdf:
        pages = _cited(tuple(_page(i, p, reader.pages[i]) for i, p in enumerate(pdf.pages)))
    links = tuple(_links(reader))
    metadata = {k: str(v) for k, v in (reader.metadata or {}).items()}
    return PdfFacts(path, pages, dests, outline, links, metadata, pdffonts(path))


def _outline(reader: Any, items: list[Any]) -> Iterator[tuple[str, int]]:
    for item in items:
        if isinstance(item, list):
            yield from _outline(reader, item)
        elif (number := reader.get_destination_page_number(item)) is not None:
            yield str(item.title), number


def _page(index: int, page: Any, pdf_page: Any) -> PdfPage:
    boxes = tuple(
        (name, tuple(float(v) for v in pdf_page.get(name, pdf_page.mediabox)))
        for name in ("/MediaBox", "/TrimBox", "/BleedBox")
    )
    turned = int(pdf_page.get("/Rotate", 0)) % 360 == ROTATED
    media, (left, bottom, right, top) = dict(boxes)["/MediaBox"], dict(boxes)["/TrimBox"]
    # pdfplumber measures down from the MediaBox's height, across from x = 0 in PDF units
    across, down, width, height = (
        left,
        float(pdf_page.mediabox.height) - top,
        right - left,
        top - bottom,
    )
    if turned:  # as the viewer shows it: the sheet's left edge on top, its foot on the left
        # (pdfplumber measures a turned page from its MediaBox turned, offset by both sides)
        across = bottom - media[1] + media[0]
        down, width, height = left - media[0] - media[1], height, width
    lines = sorted(page.extract_text_lines(return_chars=False), key=lambda ln: ln["top"])
    chars = tuple((c["x0"], c["top"], c["x1"], c["bottom"], c["text"]) for c in page.chars)
    paths = (*page.lines, *page.rects, *page.curves)
    # on the sheet, in the bottom margin, upright with the book (sideways to the viewer)
    foot = [c for c in page.chars if turned and not c["upright"]]
    foot = [c for c in foot if c["x1"] - across < height * MARGIN + 10]
    folio = "".join(c["text"] for c in sorted(foot, key=lambda c: c["top"])).strip()
    return PdfPage(
        index,
        height,
        tuple((ln["top"] - down, ln["bottom"] - down, ln["text"]) for ln in lines),
        tuple(
            (ln["x0"] - across, ln["top"] - down, ln["x1"] - across, ln["bottom"] - down)
            for ln in lines
        ),
        boxes,  # type: ignore[arg-type]
        width,
        tuple((x0 - across, t - down, x1 - across, bt - down, c) for x0, t, x1, bt, c in chars),
        len(page.images) + len(page.curves) + len(page.rects),
        pictures=len(page.images),
        turned=turned,
        foot=folio,
        drawn=tuple(
            (o["x0"] - across, o["top"] - down, o["x1"] - across, o["bottom"] - down) for o in paths
        ),
    )


# a folio's figures in any script (a book's `counter(page, arabic-indic)`: "p. ١٢"), kept
# as printed, never read as a number here
_NUMBER = re.compile(r"\d+")


def _cited(pages: tuple[PdfPage, ...]) -> tuple[PdfPage, ...]:
    """`pages` with the number of each folio a book's stylesheet words ("p. 7 of 137",
    "— 7 —"): among the folios of one wording (their numbers aside), the number that takes
    the most values from page to page (the first, where one page alone has that wording).
    A bare number or a roman folio is cited as it is printed."""
    read = [(_NUMBER.sub("#", p.folio_line), _NUMBER.findall(p.folio_line)) for p in pages]
    shapes: dict[str, list[list[str]]] = {}
    for (shape, numbers), page in zip(read, pages, strict=True):
        if numbers and not page.folio_line.isdigit():
            shapes.setdefault(shape, []).append(numbers)
    counting = {  # the number with the most values ("Chapter 3, page 17": the page's)
        shape: max(range(len(found[0])), key=lambda at: len({f[at] for f in found}))
        for shape, found in shapes.items()
    }
    return tuple(
        replace(page, number=numbers[counting[shape]]) if shape in counting else page
        for (shape, numbers), page in zip(read, pages, strict=True)
    )


def _links(reader: Any) -> Iterator[Link]:
    """Every link to a named destination, measured as its page's text (`_page`): on a
    broadside page, as the viewer turns it."""
    for index, page in enumerate(reader.pages):
        height = float(page.trimbox.top)  # positions are measured down from the trim's top
        left = float(page.trimbox.left)
        turned = int(page.get("/Rotate", 0)) % 360 == ROTATED
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            dest = annot.get("/Dest")
            if annot.get("/Subtype") == "/Link" and isinstance(dest, str):
                y0, y1 = sorted((float(annot["/Rect"][1]), float(annot["/Rect"][3])))
                x0, x1 = sorted((float(annot["/Rect"][0]), float(annot["/Rect"][2])))
                if turned:  # the sheet's left edge is the viewer's top, its foot the left
                    bottom = float(page.trimbox.bottom)
                    yield Link(index, x0 - left, x1 - left, dest, y0 - bottom, y1 - bottom)
                else:
                    yield Link(index, height - y1, height - y0, dest, x0 - left, x1 - left)
