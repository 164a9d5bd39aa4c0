"""The Data Currency appendix's divisions (octavo.model.currency), as both outputs list
them: the divisions with a dated section, a part's heading before its first, the first
division after the parts' marked (tests/data/volume: front matter, two parts, back matter)."""

from __future__ import annotations

from dataclasses import replace
from xml.etree import ElementTree

import pytest
import tinyhtml5

from octavo import api
from octavo.model import APPENDIX, Manuscript, RenderedChapter
from octavo.render.epub.cover import cover_text
from octavo.render.epub.documents import documents
from octavo.render.epub.plan import plan_epub
from octavo.render.manuscript import render_manuscript
from octavo.render.metadata import book_meta
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.source.sections import read_book
from octavo.text import strip_tags
from tests.conftest import DATA, MakeBook, section_source


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
    rows themselves, alike: they take them from the manuscript now. Rendered: each lists
    the manuscript's rows (the Preface and Moldova's profile, undated, left out, and an undated section of
    a dated division; Part II's
    heading before its next division; the back matter marked after the parts)."""
    manuscript = _volume(2, 9)
    at, mixed = next((n, c) for n, c in enumerate(manuscript.chapters) if len(c.sections) > 2)
    undated = replace(_undated(mixed).sections[1], title_html="Undated")  # its second only
    mixed = replace(mixed, sections=(mixed.sections[0], undated, *mixed.sections[2:]))
    chapters = (*manuscript.chapters[:at], mixed, *manuscript.chapters[at + 1 :])
    manuscript = replace(manuscript, chapters=chapters)
    plan = plan_epub(manuscript)
    expected = []
    for row in manuscript.currency_rows(plan.chapters):
        chapter = row.division.chapter
        if row.part:
            expected.append(("currency-part", [strip_tags(row.part.heading_html)]))
        shown = [] if chapter.lone else [strip_tags(chapter.heading_html)]
        shown += [strip_tags(row.title_html(rs)) for rs in chapter.dated_sections]
        classes = ["currency-after-parts"] * row.after_parts + ["currency-lone"] * chapter.lone
        expected.append((" ".join(classes), shown))
    printed, epub = _rows(manuscript)
    assert printed == epub == expected
    shown = [title for _, rows in printed for title in rows]  # Belarus's profile alone
    assert "Preface" not in shown and shown.count("Country Profile") == 1
    assert "Undated" not in shown and strip_tags(mixed.sections[2].title_html) in shown


def _appendix(root: ElementTree.Element) -> list[tuple[str, list[str]]]:
    """The data-currency table's row groups: each its class and the first cell's text of
    each of its rows."""
    (table,) = [e for e in root.iter() if e.get("class") == "currency-table"]
    return [
        (group.get("class") or "", ["".join(row[0].itertext()).strip() for row in group])
        for group in table
        if group.tag.endswith("tbody")
    ]


def _rows(manuscript: Manuscript) -> tuple[list[tuple[str, list[str]]], ...]:
    """The data-currency table's row groups as the print and the EPUB render them."""
    plan = plan_epub(manuscript)
    (document,) = [
        d
        for d in documents(plan, book_meta(manuscript.book), cover_text(manuscript))
        if d.name == f"{APPENDIX}.xhtml"
    ]
    printed = _appendix(tinyhtml5.parse(render_print_html(manuscript, PdfOptions())))
    return printed, _appendix(ElementTree.fromstring(document.xhtml))


def _appendix_page(sequence: int, title: str, parents: str = "[]") -> str:
    return section_source(
        sequence, f'"{title}"', chapter=0, parents=parents, total=4, extra="kind: appendix\n"
    )


def test_an_appendix_is_listed_by_what_the_book_shows(make_book: MakeBook) -> None:
    """A lone appendix's page titled "Appendix C: Cities" by its author was listed under
    the heading "Appendix A: Cities" by that title, a label the book shows nowhere: it is
    one row now, named by its heading, as the contents name it (`lone`), in the print and
    the EPUB alike; an appendix of several pages lists its opening by the appendix's title
    ("Trade", under "Appendix B: Trade"), its other pages by their own."""
    book = make_book(
        {
            "001-a.md": section_source(1, "Land", total=4),
            "002-b.md": _appendix_page(2, "Appendix C: Cities"),
            "003-c.md": _appendix_page(3, "Appendix D: Trade", '["Appendix D: Trade"]'),
            "004-d.md": _appendix_page(4, "Exports", '["Appendix D: Trade"]'),
        }
    )
    manuscript, _ = api.manuscript(book)
    cities, trade = manuscript.chapters[1:]
    assert cities.lone and not trade.lone and trade.opening is not None
    printed, epub = _rows(manuscript)
    assert (
        printed
        == epub
        == [
            ("", ["Chapter 1: The Economy", "Land"]),
            ("currency-lone", ["Appendix A: Cities"]),
            ("", ["Appendix B: Trade", "Trade", "Exports"]),
        ]
    )


@pytest.mark.parametrize(
    "title, rows",
    [
        pytest.param("Land", [("", ["Chapter 1: The Economy", "Land"])], id="a-section"),
        pytest.param("The Economy", [("currency-lone", ["Chapter 1: The Economy"])], id="opening"),
    ],
)
def test_a_chapter_of_one_page_is_one_row_where_the_page_opens_it(
    make_book: MakeBook, title: str, rows: list[tuple[str, list[str]]]
) -> None:
    """A chapter whose one page is its chapter-level page (titled as the chapter) is that
    page: one row, named by its heading, not "Chapter 1: The Economy" over "The Economy";
    one page of its own under the chapter's heading is listed under it."""
    manuscript, _ = api.manuscript(make_book({"001-a.md": section_source(1, title, total=1)}))
    printed, epub = _rows(manuscript)
    assert printed == epub == rows


def test_an_untitled_chapter_s_pages_are_listed_by_their_own_titles(make_book: MakeBook) -> None:
    """A chapter with no title (W310) is headed "Chapter 5", a stand-in that names none of
    its pages: they are listed by their own titles under it. A chapter page (`kind:
    chapter`) titles its chapter (README: "else from its chapter-level page"): "Summary",
    a chapter's one page, is that chapter, listed once by its heading, in the print and the
    EPUB alike."""
    page = "kind: chapter\n"  # the chapter page (book.toml titles chapters 1 to 3 alone)
    book = make_book(
        {
            "001-a.md": section_source(1, "Land", total=4),
            "002-b.md": section_source(2, "Overview", chapter=5, total=4),
            "003-c.md": section_source(3, "Ports", chapter=5, total=4),
            "004-d.md": section_source(4, "Summary", chapter=6, total=4, extra=page),
        }
    )
    manuscript, found = api.manuscript(book)
    assert [d.code for d in found] == ["W310"]
    printed, epub = _rows(manuscript)
    assert (
        printed
        == epub
        == [
            ("", ["Chapter 1: The Economy", "Land"]),
            ("", ["Chapter 5", "Overview", "Ports"]),
            ("currency-lone", ["Chapter 6: Summary"]),
        ]
    )
