"""The running heads and folios of the body, laid out once the parts' page counts are known.

templates/print/stamp.html repeats the body's chapters with only as many empty pages as
each one filled, under the book's own @page rules (plus styles/print/stamp.css), so the
margin boxes come out where, and as, a one-process layout prints them; blank pages before
a chapter come from the same `break-before: right`, and a landscape page of a chapter (a
table too wide for the text block, `PageMap.turned`) is a `landscape` page here too.
"""

from __future__ import annotations

from octavo.model import APPENDIX, Manuscript
from octavo.render.headings import body_headings
from octavo.render.pdf.html import PrintChapter, render_print, stylesheets
from octavo.source.paper import PageSetup

__all__ = ["APPENDIX", "Pages", "stamp_html"]

Pages = tuple[str, int, tuple[int, ...]]  # chapter id, pages but blank ones, the turned ones


def stamp_html(manuscript: Manuscript, page: PageSetup, pages: tuple[Pages, ...]) -> str:
    """`pages`: (chapter id, APPENDIX or "index", pages it fills but blank ones, which of
    these are landscape, from 0), in order. A landscape page is stamped as one (the page
    `landscape`, turned as in a one-process layout: templates/print/page.css), so its heads
    and folio are placed as there; a chapter's first page never is (its heading opens it)."""
    project = manuscript.book.project
    by_id = {c.id: PrintChapter(c, body_headings(c)) for c in manuscript.chapters}
    turned = any(t for _, _, t in pages)
    sheets = stylesheets(project, page, "print/stamp.css", landscape=turned)
    stamps = [(by_id.get(ident), ident, count, frozenset(t)) for ident, count, t in pages]
    return render_print(manuscript, "print/stamp.html", sheets, stamps=stamps)
