"""The Data Currency appendix's rows, as both outputs list them: a division's dated
sections (tests/data/volume: front matter, two parts, back matter)."""

from __future__ import annotations

from dataclasses import replace

from octavo.model import Manuscript, RenderedChapter
from octavo.render.manuscript import render_manuscript
from octavo.shipped import TEMPLATES
from octavo.source.sections import read_book
from tests.conftest import DATA


def _undated(chapter: RenderedChapter) -> RenderedChapter:
    """`chapter` with no section dated (as the reference list octavo makes has none)."""
    sections = tuple(
        replace(rs, section=replace(rs.section, data_as_of=None)) for rs in chapter.sections
    )
    return replace(chapter, sections=sections)


def _volume(*undated: int) -> Manuscript:
    book, found = read_book(DATA / "volume")
    assert book is not None and not found
    manuscript, _ = render_manuscript(book)
    chapters = tuple(
        _undated(c) if at in undated else c for at, c in enumerate(manuscript.chapters)
    )
    return replace(manuscript, chapters=chapters)


def test_a_division_s_rows_are_its_dated_sections() -> None:
    manuscript = _volume(2)
    preface, profile = manuscript.chapters[2], manuscript.chapters[5]
    assert preface.sections and preface.dated_sections == ()
    assert profile.dated_sections == profile.sections


def test_both_outputs_list_a_division_s_dated_sections() -> None:
    """The print and EPUB appendices each filtered a division's sections for the dated
    ones, alike: they take them from the manuscript now."""
    for page in ("print/book.html", "epub/data-currency.xhtml"):
        text = (TEMPLATES / page).read_text(encoding="utf-8")
        assert text.count("dated_sections") == 2, page
        assert 'selectattr("section.dated")' not in text and "section.dated" not in text, page
