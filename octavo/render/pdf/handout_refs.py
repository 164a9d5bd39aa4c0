"""References a handout holds to what it does not: page references it cannot print (W517,
as the EPUB's), and where the tables and figures it names are.

A handout holds one section or one chapter, laid out alone: a page reference to a target
it holds prints that target's page in the handout; one to a target elsewhere in the book
has no page there and shows the target's name, so "on page [](#tbl:b){.page}" read "on
page Table 2" without a word said. Each is now a warning of the handouts' build.

A cross-reference to a table or figure the handout does not hold keeps the book's words
and number, as LaTeX's xr gives another document's numbers, and says where it is, since
the reader has the handout alone: "see Table 1 (in “Trade”)", the section that holds it
in the book's quotation marks (`handout_elsewhere` of the labels). It read "see Table 1"
in a handout with no Table 1 (pandoc-crossref, given one file, prints "??"; a book's
number without a place sends the reader looking for it in the handout).
"""

from __future__ import annotations

from html import escape

from octavo.errors import Diagnostic, warning
from octavo.model import Manuscript
from octavo.render.pdf.filters import REF
from octavo.render.xref import reference_line, shown_page_refs

__all__ = ["elsewhere", "outside_page_refs"]

_SECTION = "\ufdd1"  # where the section's title goes (a noncharacter: no text holds it)


def elsewhere(manuscript: Manuscript, held: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(id, words) of each table and figure of the book that a handout (holding the ids
    `held`) does not: `handout_elsewhere` with the title of the section holding it, in the
    book's marks, its reference's words where `REF` stands (octavo.render.pdf.filters.
    away_links puts them there). Plain text of the labels escaped, the title's markup
    kept."""
    book = manuscript.book
    opening, closing, _, _ = book.quotes.marks(book.config.language)
    words = manuscript.labels.format("handout_elsewhere", ref=REF, section=_SECTION)
    template = escape(words, quote=False)
    titles = {rs.id: rs.title_html for rs in manuscript.sections}
    opening, closing = escape(opening, quote=False), escape(closing, quote=False)
    return tuple(
        (n.id, template.replace(_SECTION, opening + titles[n.section] + closing))
        for n in (*manuscript.tables, *manuscript.figures)
        if n.id not in held and n.section in titles
    )


def outside_page_refs(manuscript: Manuscript, by: str) -> tuple[Diagnostic, ...]:
    """A warning for each page reference of a handout (made `by` section or chapter) to a
    target the handout does not hold."""
    from octavo.render.pdf.handouts import handouts_of  # (which imports `elsewhere`)

    found: list[Diagnostic] = []
    files = {r.id: r.section.path for r in manuscript.sections}  # a file link's target
    for unit in handouts_of(manuscript, by):
        held = unit.ids
        for rs in unit.sections:
            for target, shown in shown_page_refs(rs, "pdf").items():
                if target in held:
                    continue
                section = rs.section
                found.append(
                    warning(
                        "W517",
                        f"page reference to #{target} shows '{shown}' in the "
                        f"handout {unit.name}, which does not hold it",
                        section.path,
                        section.body_line
                        + reference_line(section.body, target, section.path, files.get(target)),
                        "a handout prints the pages of what it holds: make handouts by "
                        "chapter (--by chapter) when the target is in the same chapter, or "
                        f"name the target alone: [](#{target})",
                    )
                )
    return tuple(found)
