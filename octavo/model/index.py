"""The book's index (octavo.render.index): the terms marked where they occur, and the
entries made of them, grouped by letter, as both outputs print them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["IndexEntry", "IndexGroup", "IndexMark"]


@dataclass(frozen=True, slots=True)
class IndexMark:
    """A term marked for the index where it occurs (octavo.render.index_marks)."""

    id: str  # the anchor at the occurrence; "" for a cross-reference only (see=)
    path: tuple[str, ...]  # entry, sub-entry ...
    see: str = ""
    see_also: str = ""
    text: str = ""  # the words marked


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """An entry of the index: its locators (anchors, in reading order), cross-references and
    sub-entries, sorted by the book's language."""

    term: str
    locators: tuple[str, ...]  # anchor ids of its marks, in reading order
    see: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    children: tuple[IndexEntry, ...] = ()
    words: tuple[str, ...] = ()  # the words marked, in the text (for read-back checks)


@dataclass(frozen=True, slots=True)
class IndexGroup:
    letter: str  # "B"
    entries: tuple[IndexEntry, ...]
