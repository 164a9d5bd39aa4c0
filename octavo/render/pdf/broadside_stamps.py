"""The folios of broadside pages (a table turned: octavo.render.pdf.broadside), laid out as
pages of their own (templates/print/broadside.html) and put after a document's pages, so
that `document.write_document` draws each over its page, upright: the book's, laid out in
one process (a book laid out in parts stamps them with its other folios:
octavo.render.pdf.parallel.stamp), and a handout's "page N of M"
(octavo.render.pdf.handouts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from octavo.model import Manuscript
from octavo.model.language_tags import direction
from octavo.render.guarded import guarded
from octavo.render.pdf.broadside import turned_pages
from octavo.render.pdf.document import PdfOptions, extra_sheets, load_html
from octavo.render.pdf.folio_styles import Folios
from octavo.render.pdf.index_pages import book_folio
from octavo.source.paper import PageSetup

__all__ = ["broadside_folios", "stamp_broadsides"]


def broadside_folios(
    manuscript: Manuscript, options: PdfOptions, document: Any, start: int, folios: Folios
) -> tuple[tuple[int, ...], Any]:
    """The pages of `document` that get a broadside page's folio (its turned pages but
    blank ones), and `document` with those folios' pages after its own (`stamp_broadsides`:
    the same folio, in the same place, as a book laid out in parts stamps on them). `start`:
    the 0-based page of the body's folio 1; before it, the front matter's folios (each in
    the figures of its matter's: `folios`)."""

    def folio(index: int) -> str:
        return book_folio(index, start, manuscript, folios)

    return stamp_broadsides(manuscript, options.page, document, folio, extra_sheets(options))


def stamp_broadsides(
    manuscript: Manuscript,
    page: PageSetup,
    document: Any,
    folio: Callable[[int], str],
    extra: tuple[str, ...] = (),
) -> tuple[tuple[int, ...], Any]:
    """The turned pages of `document` but blank ones (octavo.render.pdf.broadside), and
    `document` with a page for each after its own, laid out on `page` from
    templates/print/broadside.html (styles/print/broadside.css, then `extra`): each its
    page's `folio` (by its 0-based index) as text, printed where and as a page of its side
    prints it; `write_document` draws each over its page. The book's (`broadside_folios`)
    and a handout's (octavo.render.pdf.handouts: its "page 2 of 3")."""
    from octavo.render.pdf.html import render_print  # the templates: not in a worker
    from octavo.render.pdf.sheets import stylesheets

    blank = [one._page_box.page_type.blank for one in document.pages]
    stamped = tuple(i for i in turned_pages(document) if not blank[i])
    if not stamped:
        return (), document
    project = manuscript.book.project
    recto, verso = ("left", "right") if _rtl(manuscript) else ("right", "left")
    given = tuple((folio(i), recto if i % 2 == 0 else verso) for i in stamped)
    sheets = stylesheets(project, page, "print/broadside.css", *extra)
    source = render_print(manuscript, "print/broadside.html", sheets, folios=given)
    laid_out = guarded(lambda: load_html(source, project).render())
    stamps = [one for one in laid_out.pages if not one._page_box.page_type.blank]
    return stamped, document.copy([*document.pages, *stamps])


def _rtl(manuscript: Manuscript) -> bool:
    """Whether the book's pages progress right to left, its first page a left-hand one
    (templates/print/book.html: `dir="rtl"` on its root)."""
    return direction(manuscript.book.config.language) == "rtl"
