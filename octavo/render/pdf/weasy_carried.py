"""WeasyPrint 70 sets notes carried over from a full page on a page it counts as `:blank`,
when no text is left to go there: such a page prints its notes without its running head
or folio. Here a page that carries notes is never `:blank` to its `@page` rules.

Why it matters: notes called on one page that are more than a page of notes run onto the
following pages (W656: octavo.render.pdf.notes.place). When the text of their chapter has
ended, the page they run onto is the one a chapter's right-hand start makes blank (or, at
the end of a document, one made for the notes alone: a chapter laid out in parts), and
`remake_page` gives it a `:blank` page type. styles/print/book.css clears the running
heads and folios of `:blank` pages (Chicago: none on a blank page), so the notes' page
printed none, and `invoke check` said E613. CSS Paged Media calls a page `:blank` when it
has no content from the document; its notes are the document's.

What it patches: the name `remake_page` in `weasyprint.layout.page`, which
`make_all_pages` calls for each page (octavo.render.pdf.parallel.page_states wraps the
same name while a part is laid out: it then wraps this patch). The wrapper calls the
shipped function; when the page it made is `:blank` and its footnote area holds notes, the
page is given the same page type but not blank, and named as the page before it, whose
notes it carries (WeasyPrint names a blank page after the element that follows: a part's
title page), its `@page` styles computed as for any page of that side, name and place,
which `make_margin_boxes` reads for its running head and folio; and it is marked
(`carried`), so that the parallel build knows a part that ends on such a page. The
page's own content (none but the notes) is laid out as shipped. A book
whose notes never run onto a blank page is the same bytes.

Checked against: WeasyPrint 70.0. `install()` patches only a 70.x whose `remake_page`,
`make_page` and `make_margin_boxes` read as here (`SHAPE`); otherwise WeasyPrint runs as
shipped (the notes' page has no head or folio). Report:
docs/upstream/weasyprint-blank-footnote-page.md.

To remove it (once WeasyPrint counts a page with notes as not blank): delete this module
and the `install()` call in octavo.render.pdf.document.load_html.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from octavo.render.pdf.weasy_patch import checked_sources, is_patched, replace

__all__ = ["carried", "carries_notes", "install", "installed"]

CHECKED = "70."
SHAPE = (
    (  # remake_page: a page blank for its side, or for the notes left at the end
        "(context.reported_footnotes and resume_at is None))",
        "page_type = PageType(side, blank, name, index, groups)",
        "set_page_type_computed_styles(page_type, html, context.style_for)",
        "return page, resume_at",
    ),
    (  # make_page: a blank page keeps no text, its notes in the footnote area
        "root_box = root_box.copy_with_children([])",
        "page.children = [root_box, footnote_area, note_area]",
    ),
    ("style = context.style_for(page.page_type, at_keyword)",),  # make_margin_boxes
)


def install() -> bool:
    """Patch this process's WeasyPrint if it is a version checked here (once; cheap after);
    True if the patch is in place."""
    from weasyprint.layout import page

    if installed():
        return True
    names = ("remake_page", "make_page", "make_margin_boxes")
    sources = checked_sources(CHECKED, *((page, name) for name in names))
    if sources is None:
        return False
    shapes = zip(sources, SHAPE, strict=True)
    if not all(source.count(s) == 1 for source, wanted in shapes for s in wanted):
        return False
    return replace(page, "remake_page", _unblanked)


def installed() -> bool:
    return is_patched("weasyprint.layout.page", "remake_page", "octavo_carried")


def carries_notes(page_box: Any) -> bool:
    """Whether a laid-out page's footnote area holds notes."""
    from weasyprint.formatting_structure import boxes

    return any(
        isinstance(child, boxes.FootnoteAreaBox) and bool(child.children)
        for child in page_box.children
    )


def carried(page_box: Any) -> str:
    """The side ("left", "right") of a laid-out page WeasyPrint made `:blank` that carries
    notes past its document's text (given its page type here); "" for any other page."""
    return str(page_box.page_type.side) if getattr(page_box, "octavo_carried", False) else ""


def _unblanked(remake: Callable[..., Any]) -> Callable[..., Any]:
    """`remake` (WeasyPrint's remake_page), its `:blank` pages that carry notes given their
    page type but not blank, named as the page before them (see the module's docstring)."""
    from weasyprint.layout import page as pages

    def remake_page(index: int, context: Any, root_box: Any, html: Any) -> Any:
        page, resume_at = remake(index, context, root_box, html)
        made = context.__dict__.setdefault("octavo_page_types", {})
        if page.page_type.blank and carries_notes(page):
            # named as the page whose notes it carries (its chapter's), not as the next
            # element (a part's title page: review50b), if that page was made here
            before = made.get(index - 1)
            shown = page.page_type._replace(blank=False)
            if before is not None:
                shown = shown._replace(name=before.name, groups=before.groups)
            pages.set_page_type_computed_styles(shown, html, context.style_for)
            page.page_type = shown
            page.octavo_carried = True  # read by the parallel build (parallel.page_maps)
        made[index] = page.page_type
        return page, resume_at

    remake_page.octavo_carried = True  # type: ignore[attr-defined]
    remake_page.__wrapped__ = remake  # type: ignore[attr-defined]
    return remake_page
