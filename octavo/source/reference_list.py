"""Where a book's reference list goes: pandoc's `::: {#refs}` div, wherever a section
writes one; else at the end of the book's Bibliography (its last `kind: bibliography`
section); else a back-matter division of its own, a Bibliography titled in the book's
language (`kind_bibliography`), placed as a bibliography division is."""

from __future__ import annotations

import re
from dataclasses import replace

from octavo.model import Book, Chapter, Section

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
    if any(_REFS_DIV.search(s.body) for s in book.sections):
        return book
    chapters = list(book.chapters)
    for at, chapter in enumerate(chapters):
        if chapter.kind == "bibliography" and chapter.sections:
            last = chapter.sections[-1]
            grown = replace(last, body=last.body.rstrip("\n") + "\n" + _LIST)
            chapters[at] = replace(chapter, sections=(*chapter.sections[:-1], grown))
            return replace(book, chapters=tuple(chapters))
    sections = book.sections
    title = book.labels["kind_bibliography"]
    made = Section(
        slug=REFS_SLUG,
        title=title,
        country=sections[0].country if sections else "",
        chapter=0,
        parents=(),
        sequence=0,
        total=sections[0].total if sections else 0,
        data_as_of=max(s.data_as_of for s in sections),
        last_updated=None,
        source=GENERATED,
        body=_LIST.lstrip("\n"),
        path=book.config.path,
        body_line=book.config.line_of("bibliography") or 1,
        kind="bibliography",
    )
    division = Chapter(0, title, (made,), kind="bibliography", opening=made)  # no second heading
    # after the appendices, before the glossary (octavo.source.chapters: BACK_KINDS' order)
    place = next(
        (i for i, c in enumerate(chapters) if c.matter == "back" and c.kind == "glossary"),
        len(chapters),
    )
    chapters.insert(place, division)
    return replace(book, chapters=tuple(chapters))
