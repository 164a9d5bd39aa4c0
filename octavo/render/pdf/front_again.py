"""The front matter laid out again alone where the contents' folios' column widens (a book
laid out in one process).

A contents folio wider than its column (octavo.render.pdf.folio_column: "1172" in bold,
or a long front matter's "xxxviii") widens the column, and the book was laid out whole
again for it: at 800 sections (1,172 pages) a second layout of every page, 1.35 x
WeasyPrint alone where the parallel build, which lays its front part out again alone,
took 0.43. The column is a padding of the contents' entries: it moves nothing past the
front matter but the folios of the front-matter divisions after the contents (a contents
a page longer), and the body's folios count from its own first page. So where the column
widens, the front matter is laid out alone (`again`), as the parallel build lays out its
front part (octavo.render.pdf.parallel.jobs.front_job: the body's folios given as text,
read off the whole book's layout), its column settled there, and its pages put in place
of the whole layout's: where every page of the front matter holds the same anchors as it
did (a heading, a table of a front-matter division) and the body opens on the same page,
nothing the rest of the book prints has moved. Its links past the front matter (the
contents' entries, a cross-reference) are hrefs again, as in the whole book's tree
(`linked_again`): the written PDF is the same, byte for byte, as the whole book laid out
again. Else the book is laid out whole again as before (`None`): a division moved to a
later page; a page reference of the front matter to the body (its folio a
`target-counter()` the front matter alone has nothing for); a book's own print template
whose links point past the front matter already (one from before parts); or the book's own
styles read the whole document (octavo.render.pdf.whole).
"""

from __future__ import annotations

from typing import Any

from octavo.model import Manuscript
from octavo.render.guarded import guarded
from octavo.render.pdf.broadside_flow import Move, apply_moves, broadside_tables
from octavo.render.pdf.document import PdfOptions, extra_sheets, load_html
from octavo.render.pdf.folio_column import hold_column, settle_column
from octavo.render.pdf.folio_styles import Folios
from octavo.render.pdf.html import ids_in, note_pairs
from octavo.render.pdf.index_pages import body_start
from octavo.render.pdf.notes.place import place_notes
from octavo.render.pdf.print_parts import PrintPart
from octavo.render.xref import page_ref_targets

__all__ = ["again", "body_folios", "linked_again", "splice"]


def again(
    manuscript: Manuscript,
    options: PdfOptions,
    document: Any,
    moves: tuple[Move, ...],
    column: str,
    folios: Folios,
) -> tuple[str, Any] | None:
    """The column the contents' folios need (at least `column`: what the whole book's
    layout `document` asked for) and `document` with its front matter's pages laid out
    again alone with it; None where that moved an anchor of the front matter (the book is
    then laid out whole again). `moves`: the whole book's broadside tables' moves."""
    from octavo.render.pdf.broadside_parts import part_html

    front = [s for c in manuscript.chapters if c.matter == "front" for s in c.sections]
    here = ids_in(front)
    if any(t not in here for s in front for t in page_ref_targets(s)):
        return None  # a page reference out of the front matter: its folio is the book's
    body = body_start(document, manuscript)
    part = PrintPart(True, (), False, body_folios(document, body, folios))
    html = load_html(
        part_html(manuscript, options.page, part, extra=extra_sheets(options)),
        manuscript.book.project,
    )
    if not linked_again(html.etree_element):
        return None  # a book's own template links past the front matter (its folios lost)
    shown = len(broadside_tables(html.etree_element))  # the front's come first in the book
    apply_moves(html, tuple(m for m in moves if m.table < shown))
    notes = note_pairs(front)
    hold_column(html, column)
    laid = guarded(lambda: place_notes(html, notes))
    wider, (alone, _) = settle_column(
        html,
        laid,
        lambda laid: laid[0].pages,
        lambda laid: guarded(lambda: place_notes(html, notes, laid[1])),
    )
    spliced = splice(alone.pages, document.pages, body)
    return None if spliced is None else (wider or column, document.copy(spliced))


def splice(front: list[Any], pages: list[Any], body: int) -> list[Any] | None:
    """The book's `pages` (weasyprint.Page) with the front matter's (before `body`, the
    body's first page) `front` in their place; None where a page of `front` holds other
    anchors than the page it replaces, or `front` is longer than the front matter, or
    shorter by more than its blank pages."""
    if len(front) > body or any(
        set(page.anchors) != set(was.anchors)
        for page, was in zip(front, pages[: len(front)], strict=True)
    ):
        return None
    if not all(_blank(was) for was in pages[len(front) : body]):
        return None  # a page of the front matter left out
    return [*front, *pages[len(front) :]]


def linked_again(root: Any) -> bool:
    """Give every link of the front matter's tree `root` to a place past it (its `data-href`:
    a contents entry, a cross-reference; the parallel build's merge links them,
    octavo.render.pdf.parallel) its `href` again, as the whole book's tree has it: the
    spliced pages link to the body's, as the whole layout's do. False where a link of the
    tree points past it already (a book's own print template from before parts): its
    folio, a `target-counter()`, has nothing to count in the front matter alone."""
    ids = {element.get("id") for element in root.iter()}
    for element in root.iter():
        href = element.get("href") or ""
        if href.startswith("#") and href[1:] not in ids:
            return False
    for element in root.iter():
        away = element.get("data-href")
        if away is not None and element.get("href") is None:
            element.set("href", away)
    return True


def body_folios(document: Any, body: int, folios: Folios) -> tuple[tuple[str, str], ...]:
    """(id, folio) of every anchor on the pages of `document` from its body's first page
    (`body`), in the body's figures: the folios the front matter's contents print."""
    found: dict[str, str] = {}
    for index, page in enumerate(document.pages[body:]):
        folio = folios.folio(index + 1, False)
        for anchor in page.anchors:
            found.setdefault(anchor, folio)
    return tuple(found.items())


def _blank(page: Any) -> bool:
    """Whether `page` (weasyprint.Page) is a blank page (one made to bring the next to its
    side: `@page :blank`)."""
    return bool(page._page_box.page_type.blank)
