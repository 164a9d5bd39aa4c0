"""The print HTML document: notes in their headings, the paper check, the fix cache."""

from __future__ import annotations

from pathlib import Path

import pytest
import tinyhtml5

from octavo import api
from octavo.errors import BuildError
from octavo.render.pdf.document import PdfOptions, fixes_from_json, fixes_to_json, render_print_html
from octavo.render.pdf.notes.place import Fix
from tests.conftest import MakeBook


def test_print_html_has_every_note_in_its_heading(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    tree = tinyhtml5.parse(render_print_html(manuscript, PdfOptions()))
    for rs in manuscript.sections:
        heading = tree.find(f".//*[@id='{rs.id}']")
        assert heading is not None
        note = heading.find(f".//*[@id='{rs.note_id}']")
        assert note is not None and "".join(note.itertext()) == manuscript.labels.note(rs.section)


def test_unknown_paper_is_e605(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    with pytest.raises(BuildError) as caught:
        render_print_html(manuscript, PdfOptions(paper="tabloid"))
    assert [d.code for d in caught.value.diagnostics] == ["E605"]


def test_fix_cache_round_trips() -> None:
    fixes = (Fix((1, 4, 2), "keep", "note-a"), Fix((1, 5), "break", "note-b"))
    assert fixes_from_json(fixes_to_json(fixes)) == fixes


def test_contents_and_bookmarks_name_a_chapter_as_its_heading_does(make_book) -> None:  # type: ignore[no-untyped-def]
    """'Chapter 1. The Economy' in the contents (the label's words, the book's separator) and in
    the bookmark, as the EPUB's contents and the data-currency appendix give it: the
    contents set ' · ' of its own, the bookmarks the title alone."""
    from tests.conftest import BOOK_TOML, section_source

    toml = BOOK_TOML + '\n[labels]\nchapter_heading = "{label}. {title}"\n'
    book = make_book({"001-a.md": section_source(1, "Land", total=1)}, toml)
    manuscript, _ = api.manuscript(book)
    tree = tinyhtml5.parse(render_print_html(manuscript, PdfOptions()))
    line = tree.find(".//*[@id='contents']//*[@class='toc-chapter']/*")
    assert line is not None and "".join(line.itertext()) == "Chapter 1. The Economy"
    heading = tree.find(".//*[@class='chapter-heading']")
    assert heading is not None and heading.get("data-label") == "Chapter 1. The Economy"


def test_the_contents_lists_the_lists_of_tables_and_figures(make_book) -> None:  # type: ignore[no-untyped-def]
    """'Tables' in the contents, first of the front matter that follows it (a book's contents
    lists what comes after it): the list of tables was in the bookmarks only."""
    from tests.conftest import section_source

    body = "| A | B |\n|---|---|\n| 1 | 2 |\n\nTable: Population.\n"
    book = make_book({"001-a.md": section_source(1, "Land", total=1, body=body)})
    manuscript, _ = api.manuscript(book)
    tree = tinyhtml5.parse(render_print_html(manuscript, PdfOptions()))
    lines = tree.findall(".//*[@id='contents']//*[@class='toc-chapter toc-front toc-list']/*")
    assert [(a.get("href"), "".join(a.itertext())) for a in lines] == [
        ("#list-of-tables", "Tables")
    ]


@pytest.mark.parametrize("bleed", ["9in", "0.6in", "2cm", "1000pt"])
def test_a_bleed_past_half_an_inch_is_e605_on_the_command_line(
    small_book: Path, bleed: str
) -> None:
    """`--bleed` takes what book.toml's `bleed` takes (E141 there): a bleed of inches made
    a letter page a 26 x 29 in sheet, and the cover one of 30 x 26 in."""
    from octavo.render.pdf.build import PrintChoices, pdf_options
    from octavo.source.paper import BLEED_MOST

    config = api.open_book(small_book).config
    with pytest.raises(BuildError) as caught:
        pdf_options(config, PrintChoices(bleed=bleed))
    assert [d.code for d in caught.value.diagnostics] == ["E605"]
    assert pdf_options(config, PrintChoices(bleed="0.5in")).bleed == BLEED_MOST


def test_a_title_page_keeps_the_title_s_last_two_words_together(make_book: MakeBook) -> None:
    """ "Belarús y Moldavia: estudios de país" wrapped on the printed title page with "país"
    alone on its line, a word the drawn EPUB cover keeps with the one before it: both
    outputs' title pages (and the half-title) set the title's last two words as one."""
    from tests.conftest import BOOK_TOML, section_source

    toml = BOOK_TOML.replace(
        '"Testland: A Country Study"', '"Belarús y Moldavia: estudios de país"'
    )
    book = make_book(
        {"001.md": section_source(1, total=1)}, toml + 'subtitle = "Una edición española"\n'
    )
    manuscript, _ = api.manuscript(book)
    tree = tinyhtml5.parse(render_print_html(manuscript, PdfOptions()))
    ns = "{http://www.w3.org/1999/xhtml}"
    shown = [
        "".join(e.itertext())
        for e in tree.iter()
        if e.get("class") in ("book-title", "title", "subtitle") and e.tag != f"{ns}title"
    ]
    assert shown == [
        "Belarús y Moldavia: estudios de país",  # the half-title: the left running heads'
        "Belarús y Moldavia: estudios de\u00a0país",
        "Una edición\u00a0española",
    ]
    epub, _ = api.build_epub(book, book.parent / "b.epub")
    import zipfile

    page = zipfile.ZipFile(epub).read("EPUB/text/titlepage.xhtml").decode()
    assert "estudios de\u00a0país</h1>" in page and "Una edición\u00a0española</p>" in page
