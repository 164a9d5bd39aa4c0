"""An import's tables and figures and the book's, for the text's references to them: the
pages' labelled by their own numbers (octavo.importers.float_labels), the labels the book's
sections hold, and which of them a page's mention may name once the pages that will be
written are known (octavo.importers.mentions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from octavo.errors import Diagnostic, has_errors
from octavo.importers.float_labels import Float, book_floats, label_pages
from octavo.importers.mentions import Targets
from octavo.importers.mentions_written import stale_mentions
from octavo.importers.page import Page
from octavo.importers.supply import Supplier

__all__ = ["CrossReferences", "cross_references"]

Supplied = tuple[Path, Page | None, list[str], list[Diagnostic]]


@dataclass(frozen=True, slots=True)
class Section:
    """A section already in the book, as its mentions and labels are read."""

    file: Path
    country: str
    sequence: int
    body_line: int  # the file's line of its body's first line
    body: str
    imported: bool  # from a page (its front matter names one: `source`), not written by hand


@dataclass(frozen=True, slots=True)
class CrossReferences:
    """The book's labelled tables and figures (`book`), this import's (`added`), and the
    book's sections."""

    book: tuple[Float, ...]
    added: tuple[Float, ...]
    sections: tuple[Section, ...]

    def targets(self, written: set[int]) -> Targets:
        """What a mention may name when the pages of section numbers `written` are written
        (or found unchanged): their tables and figures, and the book's in the sections they
        do not replace (a refused page's section stays as it is, labels and all)."""
        kept = [f for f in self.book if f.sequence not in written]
        return Targets([*kept, *(f for f in self.added if f.sequence in written)])

    def stale(self, written: set[int]) -> list[Diagnostic]:
        """W425 at the mentions in words, in the book's imported sections this import leaves
        as they are, of a table or figure of their study that it writes (a section written
        by hand is its author's: its "Table 3" may be the book's own)."""
        sections = [
            (s.file, s.country, s.sequence, s.body_line, s.body)
            for s in self.sections
            if s.sequence not in written and s.imported
        ]
        return stale_mentions(sections, [f for f in self.added if f.sequence in written])


def cross_references(
    batch: Supplier, pages: list[Supplied]
) -> tuple[CrossReferences, list[Supplied]]:
    """The import's cross-references, and its pages with their tables and figures labelled
    (those refused already, by reading or supplying, are not labelled: they write none)."""
    imported = set(batch.sources.values())
    sections = tuple(_section(batch, number, imported) for number in sorted(batch.bodies))
    book = book_floats(
        (s.sequence, s.country, f"{s.file.name} in the book", s.body) for s in sections
    )
    usable = [
        at
        for at, (_, page, _, found) in enumerate(pages)
        if page is not None and not has_errors(found)
    ]
    named = [(f"{pages[at][0].name} of this import", pages[at][1]) for at in usable]
    labelled, added = label_pages([(n, p) for n, p in named if p is not None], book)
    out = list(pages)
    for at, page in zip(usable, labelled, strict=True):
        path, _, supplied, found = pages[at]
        out[at] = (path, page, supplied, found)
    return CrossReferences(tuple(book), tuple(added), sections), out


def _section(batch: Supplier, number: int, imported: set[int]) -> Section:
    file, body = batch.bodies[number]
    country, body_line = batch.held.get(number, ("", 1))
    return Section(file, country, number, body_line, body, number in imported)
