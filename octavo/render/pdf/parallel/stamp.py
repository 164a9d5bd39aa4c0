"""The running heads and folios of the body, laid out once the parts' page counts are known.

templates/print/stamp.html repeats the body's chapters with only as many empty pages as
each one filled, under the book's own @page rules (plus styles/print/stamp.css), so the
margin boxes come out where, and as, a one-process layout prints them; blank pages before
a chapter come from the same `break-before: right`.
"""

from __future__ import annotations

from octavo.model import APPENDIX, Manuscript
from octavo.render.headings import body_headings
from octavo.render.pdf.html import PrintChapter, render_print, stylesheets
from octavo.source.paper import PageSetup

__all__ = ["APPENDIX", "stamp_html"]


def stamp_html(manuscript: Manuscript, page: PageSetup, pages: tuple[tuple[str, int], ...]) -> str:
    """`pages`: (chapter id, APPENDIX or "index", pages it fills but blank ones), in order."""
    project = manuscript.book.project
    by_id = {c.id: PrintChapter(c, body_headings(c)) for c in manuscript.chapters}
    sheets = stylesheets(project, page, "print/stamp.css")
    stamps = [(by_id.get(ident), ident, count) for ident, count in pages]
    return render_print(manuscript, "print/stamp.html", sheets, stamps=stamps)
