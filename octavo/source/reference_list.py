"""Where a book's reference list goes: pandoc's `::: {#refs}` div, wherever a section
writes one; else at the end of the book's Bibliography where it is one section; else,
in a Bibliography of several sections (a volume's "Belarus" and "Moldova"), a section of
its own after them, "Works Cited" in the book's language (`works_cited`: under the last
section's heading, Belarus's entries read as Moldova's); else a back-matter division of
its own, a Bibliography titled in the book's language (`kind_bibliography`), placed as a
bibliography division is. A book that cites none of its bibliography's entries and lists
none by `nocite` gets neither a section nor a division of it: pandoc prints no list
there, and an empty Bibliography would be a heading over nothing."""

from __future__ import annotations

import re
from dataclasses import replace

from octavo.model import Book, Chapter, Section
from octavo.model.bibliography import CITATION_KEY, folded

__all__ = ["REFS_SLUG", "is_generated", "with_reference_list"]

REFS_SLUG = "references"  # the id of the division octavo adds
GENERATED = "octavo"  # its source
_REFS_DIV = re.compile(r"^:{3,}\s*\{[^}\n]*#refs\b[^}\n]*\}", re.MULTILINE)
_LIST = "\n\n::: {#refs}\n:::\n"


def is_generated(section: Section) -> bool:
    """Whether the section is the one octavo made to hold the list (no page of the study)."""
    return section.slug == REFS_SLUG and section.source == GENERATED


def with_reference_list(book: Book) -> Book:
    """`book` with a place for its reference list (a `#refs` div)."""
    if any(_REFS_DIV.search(s.body) for s in book.sections) or not _cites(book):
        return book
    chapters = list(book.chapters)
    for at, chapter in enumerate(chapters):
        if chapter.kind == "bibliography" and chapter.sections:
            last = chapter.sections[-1]
            if len(chapter.sections) == 1:  # the division is its one section: the list ends it
                grown = replace(last, body=last.body.rstrip("\n") + "\n" + _LIST)
                # and still the division's opening, set under its title alone (the
                # renderer finds it by identity: the old section left it a section of its
                # own, "Bibliography" over "Bibliography")
                opening = grown if chapter.opening is last else chapter.opening
                chapters[at] = replace(chapter, sections=(grown,), opening=opening)
            else:  # a volume's "Belarus" and "Moldova": the list is neither's
                made = _made(book, book.labels.format("works_cited"), last)
                chapters[at] = replace(chapter, sections=(*chapter.sections, made))
            return replace(book, chapters=tuple(chapters))
    title = book.labels.format("kind_bibliography")
    made = _made(book, title, book.sections[0] if book.sections else None)
    division = Chapter(0, title, (made,), kind="bibliography", opening=made)  # no second heading
    # after the appendices, before the glossary (octavo.source.chapters: BACK_KINDS' order)
    place = next(
        (i for i, c in enumerate(chapters) if c.matter == "back" and c.kind == "glossary"),
        len(chapters),
    )
    chapters.insert(place, division)
    return replace(book, chapters=tuple(chapters))


def _cites(book: Book) -> bool:
    """Whether the book could list an entry: `nocite` names one, or a section's text names
    one of the bibliography's keys after an @ (read as citeproc-py reads keys, without
    their case). A key in a code span counts too: a list then stays empty, as before."""
    if book.config.nocite:
        return True
    keys = {folded(key) for key in book.bibliography.keys} if book.bibliography else set()
    return any(
        folded(found[1] or found[2]) in keys
        for section in book.sections
        if "@" in section.body
        for found in CITATION_KEY.finditer(section.body)
    )


def _made(book: Book, title: str, like: Section | None) -> Section:
    """The section octavo makes to hold the list, titled `title`, of `like`'s country."""
    return Section(
        slug=REFS_SLUG,
        title=title,
        country=like.country if like else "",
        chapter=0,
        parents=(),
        sequence=0,
        total=like.total if like else 0,
        data_as_of=None,  # the list has no data of its own: no note, no Data Currency row
        last_updated=None,
        source=GENERATED,
        body=_LIST.lstrip("\n"),
        path=book.config.path,
        body_line=book.config.line_of("bibliography") or 1,
        kind="bibliography",
    )
