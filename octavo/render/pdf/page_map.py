"""Where each printed page begins, for the EPUB's page list (book.toml `page_list = true`),
and the printed page of every place the EPUB also has, for its page references.

The print layout is made (as for the PDF, without writing it) and each page gives the first
place of the body on it that the EPUB also has: a section, a heading, a table or figure, an
index mark. The EPUB sets a page-break marker there, named by the page's folio, so that a
citation of "p. 42" of the printed book can be found in the e-book. A page with no such
place (a page of running text only) has no marker; its citation is found at the previous one.
A page reference (`[](#id){.page}`) prints its target's folio in the PDF; in such an EPUB it
prints the same folio, that of the printed page its page list names.
"""

from __future__ import annotations

from dataclasses import dataclass

from octavo.model import INDEX, Manuscript
from octavo.render.pdf.broadside_parts import lay_out_moved
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.render.pdf.folio_styles import folio_styles
from octavo.render.pdf.html import note_pairs
from octavo.render.pdf.index_pages import book_folio

__all__ = ["PrintPages", "page_starts", "print_pages"]


@dataclass(frozen=True, slots=True)
class PrintPages:
    starts: tuple[tuple[str, str], ...]  # (id of a page's first shared place, its folio)
    folios: tuple[tuple[str, str], ...]  # (every shared id, the folio of its page)


def page_starts(manuscript: Manuscript, options: PdfOptions) -> tuple[tuple[str, str], ...]:
    """(id of the first shared place on a page, the page's folio), in page order."""
    return print_pages(manuscript, options).starts


def print_pages(manuscript: Manuscript, options: PdfOptions) -> PrintPages:
    """Where each printed page begins, and the printed page of every shared place."""
    source = render_print_html(manuscript, options)  # laid out as the PDF's pages
    document = lay_out_moved(source, manuscript, options, note_pairs(manuscript.sections)).document
    # the body's places, and the openings of the data-currency appendix and the index,
    # which both outputs name alike
    shared = {ident for ident, _ in manuscript.anchors} | {manuscript.appendix_id, INDEX}
    starts = [c.id for c in manuscript.chapters if c.matter != "front"]
    starts = [p.id for p in manuscript.parts] + starts
    body = next(
        (i for i, page in enumerate(document.pages) if any(s in page.anchors for s in starts)),
        len(document.pages),
    )
    found: list[tuple[str, str]] = []
    folios: dict[str, str] = {}
    used: set[str] = set()
    styles = folio_styles(manuscript, options)  # the figures the folios print
    for index, page in enumerate(document.pages):
        folio = book_folio(index, body, manuscript, styles)
        first = next((a for a in page.anchors if a in shared and a not in used), None)
        if first is not None:
            used.add(first)
            found.append((first, folio))
        for anchor in page.anchors:
            if anchor in shared:
                folios.setdefault(anchor, folio)
    return PrintPages(tuple(found), tuple(folios.items()))
