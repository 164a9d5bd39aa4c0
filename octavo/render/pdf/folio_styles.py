"""The figures of the book's folios, as WeasyPrint reads them from its print stylesheets, so
that every page number octavo writes itself (the index's, the broadside pages' folios, a
parallel build's contents and page references, the EPUB's page list) is in the figures
the folios print.

A book's own print stylesheet may number its pages in another style
(`counter(page, arabic-indic)` prints ١٢, `persian` ۱۲, `georgian` იბ, an `@counter-style`
of its own). A small document of one front-matter page and one body page is laid out with
the book's stylesheets (templates/print/folios.html): the counter style of the `page`
counter in each page's margin boxes is the style of that matter's folios, and WeasyPrint's
own counter styles (its `CounterStyle`, filled from the same stylesheets) write a number
in it; nothing of CSS Counter Styles is written again here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from octavo.cache import fingerprint
from octavo.model import roman
from octavo.sandbox import digest_file
from octavo.shipped import STYLES

if TYPE_CHECKING:
    from octavo.model import Manuscript
    from octavo.project import Project
    from octavo.render.pdf.document import PdfOptions
    from octavo.source.paper import PageSetup

__all__ = ["BODY", "FRONT", "Folios", "folio_styles", "margin_style", "own_sheets", "page_folios"]

FRONT, BODY = "folios-front", "folios-body"  # the ids of the probe's two pages
_READ: dict[str, Folios] = {}  # by the probe's HTML and its stylesheets' bytes


@dataclass(frozen=True, slots=True)
class Folios:
    """The counter styles of the front matter's and the body's folios; `styles`:
    WeasyPrint's CounterStyle that writes them (None: octavo's own, lower-roman and
    decimal, written without it)."""

    front: str = "lower-roman"
    body: str = "decimal"
    styles: Any = field(default=None, compare=False, repr=False)
    # a body paragraph set justified and hyphenated, as read off the same layout
    # (octavo.render.pdf.unhyphenated: W653); octavo's stylesheets set it so
    justified: bool = field(default=True, compare=False, repr=False)

    def folio(self, number: int, front: bool) -> str:
        """`number` as a folio of the front matter (`front`) or of the body prints it."""
        name = self.front if front else self.body
        if self.styles is not None:
            return str(self.styles.render_value(number, name))
        return roman(number).lower() if name == "lower-roman" and number > 0 else str(number)


def margin_style(page: Any) -> str | None:
    """The counter style a laid-out page (weasyprint.Page) prints its `page` counter in,
    in one of its margin boxes; None when it prints none."""
    for box in page._page_box.children:
        if getattr(box, "at_keyword", None) is None:
            continue  # the page's body, not a margin box
        content = box.style["content"]
        if not isinstance(content, tuple):
            continue  # none, normal
        for kind, value in content:
            if kind == "counter()" and value[0] == "page":
                return str(value[1])
    return None


def folio_styles(manuscript: Manuscript, options: PdfOptions) -> Folios:
    """The styles of the book's folios (`page_folios`) as `options` prints them."""
    from octavo.render.pdf.document import extra_sheets

    return page_folios(manuscript, options.page, extra_sheets(options))


def page_folios(manuscript: Manuscript, page: PageSetup, extra: tuple[str, ...]) -> Folios:
    """The styles of the book's folios, read from its print stylesheets as WeasyPrint lays
    out a page of each matter (templates/print/folios.html); a matter whose page prints no
    folio keeps octavo's (lower-roman, decimal). Read once a process for the same HTML
    and stylesheets: a parallel build's jobs ask for them part by part. A book printed with
    octavo's own stylesheets has octavo's folios, known without a layout (a parallel
    build's parent never imports WeasyPrint: its workers lay out)."""
    project = manuscript.book.project
    paths = _found(project)
    if not own_sheets(project):
        return Folios()  # lower-roman and decimal, as styles/print/book.css sets them

    from weasyprint.css.counters import CounterStyle

    from octavo.render.guarded import guarded
    from octavo.render.pdf.document import load_html
    from octavo.render.pdf.html import render_print
    from octavo.render.pdf.sheets import stylesheets

    sheets = stylesheets(project, page, *extra)  # `extra`: a variant's, after book.css
    source = render_print(manuscript, "print/folios.html", sheets, front=FRONT, body=BODY)
    key = fingerprint(source, *(digest_file(p, project.sandbox_roots) for p in paths))
    if key in _READ:
        return _READ[key]
    styles = CounterStyle()
    document = guarded(lambda: load_html(source, project).render(counter_style=styles))
    named: dict[str, str] = {}
    for laid in document.pages:
        style = margin_style(laid)
        for ident in (FRONT, BODY):
            if style is not None and ident in laid.anchors:
                named.setdefault(ident, style)
    if len(_READ) > 8:
        _READ.clear()  # a watch's edits: not kept for ever
    default = Folios()
    front, body = named.get(FRONT, default.front), named.get(BODY, default.body)
    _READ[key] = Folios(front, body, styles, _justified(document))
    return _READ[key]


def _justified(document: Any) -> bool:
    """Whether the body page's first paragraph is set justified and hyphenated."""
    from octavo.render.pdf.box_tree import walk_boxes

    for laid in document.pages:
        if BODY not in laid.anchors:
            continue
        for box in walk_boxes(laid._page_box):
            if getattr(box, "element_tag", "") == "p":
                style = box.style
                return bool(style["text_align_all"] == "justify" and style["hyphens"] == "auto")
    return False


def _found(project: Project) -> list[Path]:
    """The print stylesheets the book's style path holds, a variant's cmyk.css with them
    (it may hold none)."""
    from octavo.render.pdf.sheets import sheet_files

    return sheet_files(project, "print/cmyk.css")


def own_sheets(project: Project) -> list[Path]:
    """The stylesheets the folios are read from that are the book's own, not octavo's."""
    shipped = STYLES.resolve()
    return [p for p in _found(project) if not p.resolve().is_relative_to(shipped)]
