"""`invoke handouts`: one standalone PDF per section (or chapter), in reading order.

A handout's file name says what it is to a person with a folder of them, and sorts in
reading order: its place ("26-", "03-") and the section's id ("26-s026-agriculture.pdf")
or the chapter's ("03-p2-ch02.pdf"), and in a volume of several countries its part's
country ("26-moldova-s026-agriculture.pdf", "13-p2-moldova-ch02.pdf", Part.country_slug):
Moldova's chapter 2 and Belarus's were told apart by "p1"/"p2" alone. A chapter's file
was its id alone, which sorts "acknowledgments" before "foreword" and "p10" before "p2".
Only the file names: ids and anchors are the book's."""

from __future__ import annotations

from dataclasses import dataclass, replace

from octavo.errors import BuildError, Diagnostic, error
from octavo.model import Manuscript, RenderedChapter, RenderedPart, RenderedSection
from octavo.render.budget import one_output
from octavo.render.guarded import guarded
from octavo.render.headings import Heading, body_headings
from octavo.render.pdf.broadside_flow import settle_broadsides
from octavo.render.pdf.broadside_stamps import stamp_broadsides
from octavo.render.pdf.continued import show_continued
from octavo.render.pdf.document import (
    PdfOptions,
    check_paper,
    load_html,
    write_document,
    xmp_descriptions,
)
from octavo.render.pdf.folio_styles import folio_styles
from octavo.render.pdf.handout_entries import BookEntries, Entry, book_entries
from octavo.render.pdf.handout_refs import elsewhere
from octavo.render.pdf.html import ids_in, note_pairs, render_print
from octavo.render.pdf.nested_notes import crowded_notes
from octavo.render.pdf.notes.lines import let_through_told
from octavo.render.pdf.notes.place import Spilled, let_through, place_notes
from octavo.render.pdf.sheets import has_landscape, stylesheets, text_measure
from octavo.source.paper import PageSetup
from octavo.source.reference_list import is_generated
from octavo.text import strip_tags

__all__ = [
    "BY",
    "Handout",
    "handout_html",
    "handouts_of",
    "render_handout",
    "render_handouts",
]

BY = ("section", "chapter")
HANDOUT = "print/handout.css"  # over print/book.css: a handout's pages
# then, in a handout holding a table too wide for its text block (and in its broadside
# pages' folios), the rules of its broadside pages
BROADSIDE = "print/handout-broadside.css"


@dataclass(frozen=True, slots=True)
class Handout:
    name: str  # file name; sorts in reading order
    title: str
    path: tuple[str, ...]  # study is in the header; then chapter, breadcrumb, section
    items: tuple[Heading, ...]
    sections: tuple[RenderedSection, ...]
    entries: tuple[Entry, ...] = ()  # what it cites, at its end (octavo.render.pdf.handout_entries)
    entries_title: str = ""

    @property
    def ids(self) -> frozenset[str]:
        """Every id it holds: links elsewhere keep their words only."""
        return ids_in(self.sections) | {e.id for e in self.entries}

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(
                s.section.source
                for s in self.sections
                if s.section.source and not is_generated(s.section)
            )
        )


def handouts_of(manuscript: Manuscript, by: str) -> tuple[Handout, ...]:
    if by not in BY:
        raise BuildError([error("E606", f"--by '{by}' is not one of {', '.join(BY)}")])
    listed = book_entries(manuscript)
    if by == "chapter":
        chapters = [c for c in manuscript.chapters if not all(_generated(rs) for rs in c.sections)]
        places = len(str(len(chapters)))
        return tuple(
            _cites(_chapter(c, manuscript.part_of(c), number, places), listed)
            for number, c in enumerate(chapters, start=1)
        )
    pairs = [(c, rs) for c in manuscript.chapters for rs in c.sections if not _generated(rs)]
    width = len(str(len(pairs)))
    return tuple(
        _cites(_section(c, manuscript.part_of(c), rs, number, width), listed)
        for number, (c, rs) in enumerate(pairs, start=1)
    )


def _generated(rs: RenderedSection) -> bool:
    """The reference list octavo made is no handout: each handout holds what it cites."""
    return is_generated(rs.section)


def _cites(unit: Handout, listed: BookEntries) -> Handout:
    entries = listed.cited_by(unit.sections)
    return replace(unit, entries=entries, entries_title=listed.title) if entries else unit


def _chapter_name(chapter: RenderedChapter) -> str:
    return chapter.heading_text


def _path(part: RenderedPart | None) -> tuple[str, ...]:
    """The path's first step in a volume of several countries, "Part II · Moldova": a
    handout of Moldova's "Agriculture" named neither the country nor its part."""
    return (part.heading_text,) if part else ()


def _country(part: RenderedPart | None) -> str:
    return part.part.country_slug if part else ""


def _chapter(
    chapter: RenderedChapter, part: RenderedPart | None, number: int, width: int
) -> Handout:
    opening = chapter.opening
    first = (Heading(2, opening.id, opening.title_html, opening),) if opening else ()
    return Handout(
        f"{number:0{width}d}-{chapter.chapter.named_slug(_country(part))}.pdf",
        strip_tags(chapter.title_html),
        (*_path(part), _chapter_name(chapter)),
        (*first, *body_headings(chapter)),
        chapter.sections,
    )


def _section(
    chapter: RenderedChapter,
    part: RenderedPart | None,
    rs: RenderedSection,
    number: int,
    width: int,
) -> Handout:
    item = Heading(2, rs.id, rs.title_html, rs)
    steps = (*_path(part), _chapter_name(chapter), *rs.section.parents, rs.title_text)
    # a division of one section, its title the chapter's ("Preface"), is one step, not
    # "Preface › Preface"
    path = tuple(s for i, s in enumerate(steps) if i == 0 or s != steps[i - 1])
    named = "-".join(n for n in (f"{number:0{width}d}", _country(part), rs.id) if n)
    return Handout(f"{named}.pdf", rs.title_text, path, (item,), (rs,))


def handout_html(
    manuscript: Manuscript, unit: Handout, page: PageSetup, figures: str = "decimal"
) -> str:
    """The handout's print HTML; `figures`: the counter style of its "page N of M", the
    book's body folios' (octavo.render.pdf.folio_styles). A table too wide for the text
    block goes on a landscape page, as in the book (octavo.render.pdf.landscape); the
    landscape page and `BROADSIDE` are in its styles only if a table of the handout needs
    them (as in a part of the book): every other handout is laid out as before."""
    turned = has_landscape(manuscript, page, unit.sections)
    extra = (HANDOUT, BROADSIDE) if turned else (HANDOUT,)
    sheets = stylesheets(manuscript.book.project, page, *extra, landscape=turned)
    return render_print(
        manuscript,
        "print/handout.html",
        sheets,
        measure=text_measure(page),
        elsewhere=elsewhere(manuscript, unit.ids),
        unit=unit,
        figures=figures,
    )


def render_handout(
    manuscript: Manuscript, unit: Handout, options: PdfOptions
) -> tuple[bytes, tuple[Diagnostic, ...]]:
    """The handout's PDF, and W656 for its notes called on one page that are more than a
    page of notes (run onto the following pages; E657, raised, where some would be set
    over a page's text: both at the notes' first call, as the book's PDF tells them,
    octavo.render.pdf.notes.lines). Its broadside tables are set as the book sets them:
    after the text that still fits on the page before them
    (octavo.render.pdf.broadside_flow, the handout laid out as a part of the book is), on
    landscape pages turned onto pages of the handout's size with their "page N of M"
    stamped on upright, where the other pages print it (octavo.render.pdf.broadside,
    broadside_stamps); no running head. Its XMP metadata names the book as its source and
    whole (octavo.render.pdf.document.xmp_descriptions), in the book's language, with the
    book's creators and date."""
    page = options.page.without_print_marks()  # a handout is printed on a desk printer
    folios = folio_styles(manuscript, options)  # "page ٢ of ٣" in a book that prints ٢
    source = handout_html(manuscript, unit, page, folios.body)
    html = load_html(source, manuscript.book.project)
    guarded(lambda: settle_broadsides(html, html.render))  # no table: no layout
    crowded = crowded_notes(unit.sections)  # E647: before any layout
    if crowded:
        raise BuildError(crowded)
    notes = note_pairs(unit.sections)
    with let_through() as through:
        try:
            document, _ = guarded(lambda: place_notes(html, notes))
        except Spilled as failed:
            raise BuildError(let_through_told(unit.sections, [failed.group], unit.name)) from None
    show_continued(document)
    total = folios.folio(len(document.pages), False)

    def page_of(index: int) -> str:
        number = folios.folio(index + 1, False)
        return manuscript.labels.format("page_of", number=number, total=total)

    stamped, document = stamp_broadsides(manuscript, page, document, page_of, (HANDOUT, BROADSIDE))
    xmp = xmp_descriptions(manuscript, options, part_of=True)  # the book: its source
    pdf: bytes = guarded(lambda: write_document(document, options, xmp=xmp, stamped=stamped))
    return pdf, let_through_told(unit.sections, through)


@one_output()  # its documents share a budget (octavo.render.budget)
def render_handouts(
    manuscript: Manuscript, by: str, paper: str | None
) -> tuple[tuple[tuple[str, bytes], ...], tuple[Diagnostic, ...]]:
    """(file name, PDF bytes) of every handout, in reading order; and what their layouts
    found (W656: render_handout)."""
    config = manuscript.book.config
    options = PdfOptions(paper or config.paper, margins=config.margins)
    check_paper(options)
    units = handouts_of(manuscript, by)
    made = [(u.name, render_handout(manuscript, u, options)) for u in units]
    found = tuple(d for _, (_, told) in made for d in told)
    return tuple((name, pdf) for name, (pdf, _) in made), found
