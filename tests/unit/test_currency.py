"""The Data Currency appendix's divisions (octavo.model.currency), as both outputs list
them: the divisions with a dated section, a part's heading before its first, the first
division after the parts' marked (tests/data/volume: front matter, two parts, back matter)."""

from __future__ import annotations

from dataclasses import replace

from octavo.model import Manuscript, RenderedChapter
from octavo.render.epub.plan import plan_epub
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


def test_the_appendix_lists_the_dated_divisions_under_their_parts() -> None:
    """The Preface (front matter) and Moldova's profile (the first division of Part II)
    have no dated section: no rows; Part II's heading then opens on its next division, and
    the Appendix, first after the parts, is marked so."""
    manuscript = _volume(2, 9)
    ids = [c.id for c in manuscript.chapters]
    first, second = (p.id for p in manuscript.parts)
    rows = manuscript.currency_rows(plan_epub(manuscript).chapters)
    found = [(r.division.chapter.id, r.part.id if r.part else "", r.after_parts) for r in rows]
    assert (
        found
        == [
            *((ident, "", False) for ident in ids[:2] + ids[3:5]),  # the front matter
            (ids[5], first, False),
            *((ident, "", False) for ident in ids[6:9]),
            (ids[10], second, False),  # Part II's first division with rows
            *((ident, "", False) for ident in ids[11:13]),
            (ids[13], "", True),  # the back matter, after the parts
            *((ident, "", False) for ident in ids[14:]),
        ]
    )
    assert [c.matter for c in manuscript.chapters[13:]] == ["back"] * len(ids[13:])


def test_both_outputs_list_the_divisions_the_manuscript_gives() -> None:
    """The print and EPUB appendices each filtered the divisions and worked out the parts'
    rows themselves, alike: they take them from the manuscript now."""
    for page in ("print/book.html", "epub/data-currency.xhtml"):
        text = (TEMPLATES / page).read_text(encoding="utf-8")
        assert "currency_rows(" in text and "dated_sections" in text, page
        assert "loop.previtem" not in text and 'selectattr("section.dated")' not in text, page
