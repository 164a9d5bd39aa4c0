"""A handout's reference list: the entries its citations cite.

A handout holds one section or one chapter; its citations ("Doe (1999)") linked to the
book's reference list, which it does not hold, so they printed unlinked and named nothing
the reader could look up. A handout that cites now ends with the entries it cites: the
book's own entries, formatted once by citeproc-py (octavo.render.citations), in the
style's order, under the book's list's title, each citation linked to its entry.

The list octavo generates (octavo.source.reference_list: no source page, no data date of
its own) is no handout: every handout that cites carries its entries, so a handout of the
whole list would only repeat the book. A section of the study that holds the list (a
Bibliography with `::: {#refs}`, or the list appended to it) is a handout as any other,
its entries in its text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from octavo.model import Manuscript, RenderedChapter, RenderedSection
from octavo.render.reference_markup import CITED, ENTRY, REFS
from octavo.source.reference_list import is_generated

__all__ = ["BookEntries", "book_entries"]


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    html: str


@dataclass(frozen=True, slots=True)
class BookEntries:
    """The book's reference list: its title and its entries in the style's order."""

    title: str
    entries: tuple[Entry, ...]

    def cited_by(self, sections: Iterable[RenderedSection]) -> tuple[Entry, ...]:
        """The entries the sections cite, in the list's order; none for sections that
        hold the list themselves."""
        cited: set[str] = set()
        for rs in sections:
            if REFS in rs.body_html:
                return ()
            cited.update(CITED.findall(rs.body_html))
            for note in rs.notes:
                cited.update(CITED.findall(note.html))
        return tuple(e for e in self.entries if e.id in cited)


def book_entries(manuscript: Manuscript) -> BookEntries:
    """The book's reference list as its section holds it (none: no entries)."""
    for chapter in manuscript.chapters:
        for rs in chapter.sections:
            if REFS in rs.body_html:
                found = tuple(Entry(i, h) for i, h in ENTRY.findall(rs.body_html))
                return BookEntries(_title(manuscript, chapter, rs), found)
    return BookEntries("", ())


def _title(manuscript: Manuscript, chapter: RenderedChapter, rs: RenderedSection) -> str:
    """The heading the list is under in the book: its Bibliography section's (the
    division's own title where it is the division's one section, as "Bibliography" is for
    the one octavo generates); a list in a section of another kind is "Bibliography"."""
    if chapter.chapter.kind == "bibliography" or is_generated(rs.section):
        return rs.title_text
    return manuscript.labels.format("kind_bibliography")
