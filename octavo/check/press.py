"""Read a written PDF back for the printer (E641-E643): boxes, text inside the margins,
blank pages left blank. Everything comes from the file (octavo.check.pdf_facts.read_pdf).

- E641: the TrimBox is the trim on every page (a broadside page's too: a table turned
  onto a page of the book's size), the BleedBox the trim plus the bleed, the MediaBox
  holds both (and the marks, when there are any).
- E642: the text of a page lies inside the text block (the trim less the margins); the
  running head and the folio, in the margins, stay 9 pt (1/8 in) inside the trim, so a
  trimming off by that much cuts none of them. Measured on the sheet as printed: a
  broadside page's turned table inside the same text block as its neighbours' text.
- E643: a page with nothing but a running head or a folio (a blank page that kept them):
  nothing in its text block, neither text nor an image nor a drawing (a vector path: a
  table's rules, an SVG map); in its margins, a head's own rule is the head's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from octavo.check.boxes import TOLERANCE, close, grow, pts
from octavo.check.pdf_facts import PdfFacts, PdfPage
from octavo.errors import Diagnostic, error

__all__ = [
    "PageSetup",
    "check_press",
]


class PageSetup(Protocol):
    """What the page should be (octavo.source.paper.PageSetup has it; not imported, so the
    check does not share the code it checks). Lengths in points."""

    @property
    def name(self) -> str: ...
    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def bottom(self) -> float: ...
    @property
    def inner(self) -> float: ...
    @property
    def outer(self) -> float: ...
    @property
    def bleed(self) -> float: ...
    @property
    def css_bleed(self) -> float: ...


SAFE = 9.0  # points inside the trim for what is printed in the margins


def check_press(facts: PdfFacts, page: PageSetup, rtl: bool = False) -> tuple[Diagnostic, ...]:
    """`rtl`: the book is set right to left, its pages progressing so, its first page a
    left-hand one bound on its right (its text block mirrored: `_block`)."""
    return (*_boxes(facts, page), *_inside(facts, page, rtl), *_blank(facts, page, rtl))


def _boxes(facts: PdfFacts, setup: PageSetup) -> Iterator[Diagnostic]:
    for page in facts.pages:
        trim = page.box("/TrimBox")
        size = (trim[2] - trim[0], trim[3] - trim[1])
        wanted = {
            "/TrimBox": (size, (setup.width, setup.height)),
            "/BleedBox": (page.box("/BleedBox"), grow(trim, setup.bleed)),
            "/MediaBox": (page.box("/MediaBox"), grow(trim, setup.css_bleed)),
        }
        for name, (found, want) in wanted.items():
            if not close(tuple(found), tuple(want)):
                yield error(
                    "E641",
                    f"page {page.index + 1}: {name} is {pts(found)}, expected {pts(want)} "
                    f"({setup.name}, bleed {setup.bleed:g} pt)",
                    facts.path,
                )
                return  # one page says it; the others are made the same way


def _block(page: PdfPage, setup: PageSetup, rtl: bool) -> tuple[float, float, float, float]:
    """The text block (x0, top, x1, bottom) from the trim's top-left of the sheet as
    printed; recto pages (odd page numbers, even indexes) have the inner margin on the
    left, or in a book set right to left (`rtl`: bound on the right, its recto pages
    left-hand ones, as CSS's page progression makes them) on the right."""
    recto = page.index % 2 == 0
    inner_left = recto != rtl
    left = setup.inner if inner_left else setup.outer
    right = setup.outer if inner_left else setup.inner
    width, height = page.printed_size
    return (left, setup.top, width - right, height - setup.bottom)


def _in_margin(span: tuple[float, float, float, float], block: tuple[float, ...]) -> bool:
    return span[3] <= block[1] + TOLERANCE or span[1] >= block[3] - TOLERANCE


def _inside(facts: PdfFacts, setup: PageSetup, rtl: bool) -> Iterator[Diagnostic]:
    for page in facts.pages:
        block = _block(page, setup, rtl)
        width, height = page.printed_size
        for seen, (_, _, text) in zip(page.spans, page.lines, strict=True):
            span = page.printed(seen)
            x0, top, x1, bottom = span
            safe = (SAFE, SAFE, width - SAFE, height - SAFE)
            limits = safe if _in_margin(span, block) else block
            if (
                x0 < limits[0] - TOLERANCE
                or top < limits[1] - TOLERANCE
                or x1 > limits[2] + TOLERANCE
                or bottom > limits[3] + TOLERANCE
            ):
                yield error(
                    "E642",
                    f"page {page.index + 1}: {text[:40]!r} lies at {pts(span)}, outside "
                    f"{pts(limits)} (points from the trim's top-left)",
                    facts.path,
                )


def _blank(facts: PdfFacts, setup: PageSetup, rtl: bool) -> Iterator[Diagnostic]:
    for page in facts.pages:
        block = _block(page, setup, rtl)
        # a page whose body is a picture alone (an image without a caption) is not blank,
        # nor one whose body is a drawing alone (an SVG map: vector paths, no image)
        spans = [page.printed(s) for s in page.spans]
        drawn = [page.printed(d) for d in page.drawn]
        if spans and not page.pictures and all(_in_margin(s, block) for s in (*spans, *drawn)):
            shown = " / ".join(text for _, _, text in page.lines)
            yield error(
                "E643",
                f"page {page.index + 1} is blank but for a running head or folio: {shown!r}",
                facts.path,
            )
