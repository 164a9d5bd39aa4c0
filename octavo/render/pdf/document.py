"""Manuscript -> print PDF: print HTML, layout with every note placed, PDF bytes.

print_html (templates/print/book.html)
  -> weasyprint.HTML, loading only through the sandbox (octavo.render.url_sandbox)
  -> its broadside tables set after the text that still fits on the page before them
     (octavo.render.pdf.broadside_flow: decided in a layout of the chapter holding one,
     octavo.render.pdf.broadside_parts; a book without one: no layout more)
  -> place_notes: layout, read pages, fix misplaced notes, layout again if needed
  -> a contents folio wider than the folios' column: the column widened to hold it, laid
     out again (octavo.render.pdf.folio_column)
  -> the folios of its broadside pages (a table turned: octavo.render.pdf.broadside) laid
     out (templates/print/broadside.html) and put after its pages
  -> Document.write_pdf (metadata from the HTML head, dates from SOURCE_DATE_EPOCH; the
     broadside pages turned and stamped with their folios)

The print HTML's module (templates, the manuscript's renderer) is imported by the functions
that make HTML: a worker laying out a part imports this module without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from octavo.cache import Store
from octavo.errors import BuildError, error
from octavo.model import Manuscript
from octavo.project import Project
from octavo.render.guarded import guarded
from octavo.render.pdf import (
    weasy_arrays,
    weasy_carried,
    weasy_draw,
    weasy_folders,
    weasy_gc,
    weasy_indent,
    weasy_leaders,
    weasy_lines,
    weasy_margins,
    weasy_pages,
    weasy_speed,
    weasy_stack,
    weasy_styles,
    weasy_text,
)
from octavo.render.pdf.broadside import turned_pages
from octavo.render.pdf.broadside_flow import apply_moves
from octavo.render.pdf.continued import show_continued
from octavo.render.pdf.folio_column import folio_column, hold_column, settle_column
from octavo.render.pdf.folio_styles import folio_styles
from octavo.render.pdf.index_pages import Located, body_start, index_opening, locate
from octavo.render.pdf.libraries import remember_machine
from octavo.render.pdf.notes.place import place_notes
from octavo.render.pdf.notes_cache import cache_key, cached_fixes, fixes_from_json, fixes_to_json
from octavo.render.pdf.page_labels import Label, book_labels, cover_word
from octavo.render.pdf.tree import replace_element, serialize
from octavo.render.pdf.whole import whole_book_features
from octavo.render.url_sandbox import sandboxed_html
from octavo.source.paper import PageSetup, PaperError, page_setup

__all__ = [
    "PdfOptions",
    "PrintResult",
    "cache_key",
    "check_paper",
    "check_variant_name",
    "extra_sheets",
    "fixes_from_json",
    "fixes_to_json",
    "guarded",
    "load_html",
    "render_pdf",
    "render_print_html",
    "write_document",
    "xmp_descriptions",
]


VARIANTS = ("pdf/x-4", "pdf/x-1a", "pdf/a-2b", "pdf/a-3b", "pdf/ua-1")  # WeasyPrint's own


@dataclass(frozen=True, slots=True)
class PdfOptions:
    paper: str = "letter"  # a trim (octavo.source.paper)
    tagged: bool = False  # PDF/UA-1 (tagged PDF): the same as variant "pdf/ua-1"
    margins: tuple[tuple[str, float], ...] = ()  # (side, points)
    bleed: float = 0.0  # points
    marks: tuple[str, ...] = ()
    variant: str = ""  # one of VARIANTS, or "" for a plain PDF

    @property
    def page(self) -> PageSetup:
        """The page; a trim or margins that cannot be used: E605."""
        try:
            return page_setup(self.paper, self.margins, self.bleed, self.marks)
        except PaperError as exc:
            raise BuildError([error("E605", str(exc), hint=exc.hint)]) from exc

    @property
    def pdf_variant(self) -> str:
        return self.variant or ("pdf/ua-1" if self.tagged else "")


@dataclass(frozen=True, slots=True)
class PrintResult:
    pdf: bytes
    html: str  # the HTML as laid out, note fixes included (WeasyPrint alone gives the same
    # pages); "" unless asked for
    pages: int


def check_paper(options: PdfOptions) -> None:
    """E605 for a page that cannot be made, E640 for an unknown PDF variant."""
    options.page  # noqa: B018 - raises BuildError
    check_variant_name(options.variant)


def check_variant_name(variant: str) -> None:
    """E640 for a PDF variant WeasyPrint does not make (as given: `pdf_options` lowers it)."""
    if variant and variant not in VARIANTS:
        raise BuildError(
            [error("E640", f"PDF variant {variant!r} is not one of {', '.join(VARIANTS)}")]
        )


def render_print_html(
    manuscript: Manuscript,
    options: PdfOptions,
    located: Located | None = None,
    index_from: int | None = None,
) -> str:
    """`located`: where the index's terms are (octavo.render.pdf.index_pages); None: the
    index's heading alone, which shows where it opens. `index_from`: the index alone, its
    first page numbered so."""
    from octavo.render.pdf.html import print_html  # the templates: not in a worker

    check_paper(options)
    page, extra = options.page, extra_sheets(options)
    return print_html(manuscript, page, extra=extra, located=located, index_from=index_from)


def extra_sheets(options: PdfOptions) -> tuple[str, ...]:
    """The stylesheets after book.css a variant asks for."""
    return ("print/cmyk.css",) if options.pdf_variant == "pdf/x-1a" else ()


def render_pdf(
    manuscript: Manuscript,
    options: PdfOptions,
    cache: Path | None = None,
    with_html: bool = False,
) -> PrintResult:
    """The PDF of a manuscript, and (`with_html`) the HTML WeasyPrint alone lays out to it.

    `cache`: a folder remembering the note fixes of earlier builds, by HTML, and the moves
    of its broadside tables (octavo.render.pdf.broadside_flow); a rebuild of the same HTML
    starts from them and needs a single layout. A book with an index is laid
    out once with the index's heading alone (where it opens; its entries' numbers are
    read from this layout); the index is then set with its numbers as text and laid out
    alone, in place of the first layout's heading
    (octavo.render.pdf.index_pages): the pages of one layout of the final HTML; or, when
    the book's own styles read the whole document from a page (`@page :first`,
    `counter(pages)`: octavo.render.pdf.whole), the final HTML is laid out whole again.
    """
    from octavo.render.pdf.html import note_pairs

    project = manuscript.book.project
    source = render_print_html(manuscript, options)
    store, name = Store(cache, signed=True), f"notes-{cache_key(source, options)}.json"
    known, remembered = cached_fixes(store, name)
    notes = note_pairs(manuscript.sections)
    remember_machine(cache)  # before WeasyPrint is imported
    from octavo.render.pdf.broadside_parts import lay_out_moved  # templates: not in a worker

    laid = lay_out_moved(source, manuscript, options, notes, known, remembered)
    html, moved, document, fixes = laid.html, laid.moves, laid.document, laid.fixes
    folios = folio_styles(manuscript, options)  # the figures of the folios octavo writes
    # "": every contents folio fits its column; else the front matter laid out again alone
    # with a column that holds the widest (octavo.render.pdf.front_again), or, where that
    # moved a page of it, the whole book, until the folios the wider column moved fit too
    column = folio_column(document.pages)
    whole = whole_book_features(project)  # the book's own styles read the whole document
    front = None
    if column and not whole:
        from octavo.render.pdf.front_again import again

        front = again(manuscript, options, document, moved, column, folios)
    if front is not None:
        column, document = front
        hold_column(html, column)  # the --html WeasyPrint alone lays out to the same pages
    elif column:
        column, (document, fixes) = settle_column(
            html,
            (document, fixes),
            lambda laid: laid[0].pages,
            lambda laid: guarded(lambda: place_notes(html, notes, laid[1])),
        )
    if manuscript.index:
        located = locate(document, manuscript, folios)
        if whole:  # the final HTML laid out whole
            html = load_html(render_print_html(manuscript, options, located), project)
            apply_moves(html, moved)  # the same body
            hold_column(html, column)  # the same contents
            first = fixes
            document, fixes = guarded(lambda: place_notes(html, notes, first))
        else:
            opens, folio = index_opening(document, manuscript)
            alone = load_html(render_print_html(manuscript, options, located, folio), project)
            index = guarded(lambda: alone.render())
            document = document.copy([*document.pages[:opens], *index.pages])
            if with_html:  # the first layout's tree, its index the one laid out alone
                replace_element(html.etree_element, alone.etree_element, "index-section")
    show_continued(document)
    identifier = manuscript.book.config.identifier
    xmp = xmp_descriptions(manuscript, options)
    start, pages = body_start(document, manuscript), len(document.pages)
    labels = book_labels(cover_word(manuscript), start, pages, folios)  # as the folios print
    from octavo.render.pdf.broadside_stamps import broadside_folios

    stamped, document = broadside_folios(manuscript, options, document, start, folios)
    pdf = guarded(lambda: write_document(document, options, identifier, xmp, labels, stamped))
    if fixes != known or (moved and remembered != moved):  # no table: written as before
        store.put(name, fixes_to_json(fixes, moved).encode("utf-8"))
    laid_out = serialize(html.etree_element) if with_html else ""
    return PrintResult(pdf, laid_out, pages)


def load_html(source: str, project: Project) -> Any:
    """weasyprint.HTML of `source`, in a process whose WeasyPrint measures each text once
    per layout (octavo.render.pdf.weasy_speed), computes the styles of pages alike once
    (octavo.render.pdf.weasy_pages), makes each font description once
    (octavo.render.pdf.weasy_text), draws a leader's dots from the first one
    (octavo.render.pdf.weasy_draw), prepares each stylesheet once
    (octavo.render.pdf.weasy_styles), types its font subsets' arrays without cffi's C
    parser (octavo.render.pdf.weasy_arrays), and lays out and draws without mapping memory
    for its calls (octavo.render.pdf.weasy_stack) and without the cyclic garbage
    collector's passes over the layout (octavo.render.pdf.weasy_gc): the same pages, less
    CPU; and which keeps whole a line whose words fit but for the space before an inline
    element (octavo.render.pdf.weasy_lines: a WeasyPrint 70 defect mended), and whose
    dot leaders run on to a folio set past their line's edge (octavo.render.pdf.
    weasy_leaders: a contents entry's folios' column), and whose right-to-left lines take
    their indent at their right (octavo.render.pdf.weasy_indent: a hanging entry), and whose
    right-to-left blocks centred by `auto` margins stay centred (octavo.render.pdf.
    weasy_margins: a figure given a width), and whose page of notes run on past their
    chapter's text prints its running head and folio (octavo.render.pdf.weasy_carried)."""
    weasy_speed.install()
    weasy_pages.install()
    weasy_draw.install()
    weasy_styles.install()
    weasy_stack.install()
    weasy_text.install()
    weasy_lines.install()
    weasy_leaders.install()
    weasy_indent.install()
    weasy_margins.install()
    weasy_carried.install()
    weasy_folders.install()
    weasy_arrays.install()
    weasy_gc.install()
    return sandboxed_html(source, project)


def xmp_descriptions(manuscript: Manuscript, options: PdfOptions, part_of: bool = False) -> bytes:
    """The book's identifiers, language, series (in the book's language, as its imprint
    gives it: BookMeta.series_line) and contributors (its editors beside its authors:
    BookMeta.contributing) for the XMP metadata (templates/print/xmp.xml) of the book's
    PDF and its cover's. `part_of`: a handout's, which names the book as its source and
    whole instead of taking its identifiers and series."""
    from octavo.render.metadata import book_meta
    from octavo.render.pdf.html import print_environment

    template = print_environment(manuscript.book.project).get_template("print/xmp.xml")
    archival = options.pdf_variant.startswith("pdf/a")
    meta = book_meta(manuscript.book)
    contributing = tuple(name for name, _ in meta.contributing)
    config = manuscript.book.config
    return template.render(
        config=config, meta=meta, archival=archival, contributors=contributing, part_of=part_of
    ).encode()


def write_document(
    document: Any,
    options: PdfOptions,
    identifier: str = "",
    xmp: bytes = b"",
    labels: tuple[Label, ...] = (),
    stamped: tuple[int, ...] = (),
) -> bytes:
    """PDF bytes: the variant with its output intent, exact BleedBoxes, a DocumentID made
    from `identifier` (the book's; else the title), page labels, its landscape pages
    turned (octavo.render.pdf.broadside) — octavo.render.pdf.finish; tagged, each
    structure element of an element in another language with its /Lang
    (octavo.render.pdf.weasy_tags). `stamped`: the
    document's last pages are drawn over these ones (octavo.render.pdf.broadside_stamps)
    and left out."""
    from octavo.render.pdf.finish import finisher, variant_options

    variant = options.pdf_variant
    if variant == "pdf/ua-1":  # a structure element's language: /Lang (a WeasyPrint gap)
        from octavo.render.pdf import weasy_tags

        weasy_tags.install()
    seed = identifier or str(document.metadata.title)
    own = len(document.pages) - len(stamped)
    turned = tuple(i for i in turned_pages(document) if i < own)
    pdf: bytes = document.write_pdf(
        finisher=finisher(options.page.bleed, seed, xmp, labels, turned, stamped),
        pdf_tags=variant == "pdf/ua-1",
        **variant_options(variant),
    )
    return pdf
