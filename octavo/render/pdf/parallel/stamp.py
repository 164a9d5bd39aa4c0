"""The running heads and folios of the body, laid out once the parts' page counts are known.

templates/print/stamp.html repeats the body's chapters with only as many empty pages as
each one filled, under the book's own @page rules (plus styles/print/stamp.css), so the
margin boxes come out where, and as, a one-process layout prints them; blank pages before
a chapter come from the same `break-before: right`, and a broadside page of a chapter (a
table too wide for the text block, turned: `PageMap.turned`) is a `broadside` page here,
of the book's size: no running head, its folio in its place (octavo.render.pdf.broadside;
the one-process build stamps the same folio: templates/print/broadside.html). In a
book of parts of countries, each part's title page and chapters are repeated in its
`.part-matter`, as the book sets them: its title page's page (no head, no folio; the first
one's starts the body's folios) and the part's name in its chapters' left-hand heads.
"""

from __future__ import annotations

from dataclasses import dataclass

from octavo.model import APPENDIX, Manuscript, RenderedPart
from octavo.render.headings import body_headings
from octavo.render.pdf.html import render_print
from octavo.render.pdf.print_parts import PrintChapter
from octavo.render.pdf.sheets import stylesheets, text_measure
from octavo.source.paper import PageSetup

__all__ = ["APPENDIX", "Pages", "Stamp", "stamp_html"]

Pages = tuple[str, int, tuple[int, ...]]  # chapter id, pages but blank ones, the turned ones


@dataclass(frozen=True, slots=True)
class Stamp:
    """What templates/print/stamp.html repeats of one division of the body."""

    chapter: PrintChapter | None  # None: the appendix, the index or a part's title page
    ident: str  # the chapter's id, APPENDIX, "index" or the part's id
    pages: int  # the pages it fills but blank ones
    turned: frozenset[int] = frozenset()  # which of these are broadside ones, from 0
    part: RenderedPart | None = None  # a part's title page: its part
    closes: bool = False  # the last division of a part (its `.part-matter` ends here)


def stamp_html(manuscript: Manuscript, page: PageSetup, pages: tuple[Pages, ...]) -> str:
    """`pages`: (chapter id, APPENDIX, "index" or a part's id, pages it fills but blank
    ones, which of these are broadside ones, from 0), in order. A broadside page is
    stamped as a `broadside` page (styles/print/stamp.css): its folio alone, where the
    pages of its side print theirs; a chapter's first page never is one (its heading
    opens it)."""
    project = manuscript.book.project
    by_id = {c.id: PrintChapter(c, body_headings(c)) for c in manuscript.chapters}
    parts = {p.id: p for p in manuscript.parts}
    sheets = stylesheets(project, page, "print/stamp.css")

    def country(ident: str) -> str:
        """The id of the part `ident` is in (or is), or ""."""
        if ident in parts:
            return ident
        pc = by_id.get(ident)
        part = manuscript.part_of(pc.chapter) if pc is not None else None
        return part.id if part is not None else ""

    stamps = []
    for index, (ident, count, turned) in enumerate(pages):
        after = pages[index + 1][0] if index + 1 < len(pages) else ""
        here = country(ident)
        closes = bool(here) and (after in parts or country(after) != here)
        chapter, part = by_id.get(ident), parts.get(ident)
        stamps.append(Stamp(chapter, ident, count, frozenset(turned), part, closes))
    head = text_measure(page)  # its running heads cut as the book's (render_print)
    return render_print(manuscript, "print/stamp.html", sheets, head=head, stamps=stamps)
