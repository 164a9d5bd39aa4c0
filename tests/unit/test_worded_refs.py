"""octavo.render.worded_refs: a page reference given words of its own (W529).

A user-tester's report: `see [the section on trade](#trade){.page} for more` printed "see 2
for more" in the PDF, the words gone without a word said (the EPUB shows them)."""

from __future__ import annotations

from pathlib import Path

from octavo import api
from octavo.render.worded_refs import unshown_words
from tests.conftest import MakeBook, section_source
from tests.support.weasyprint_log import quietly

BODY = (
    "See [the section on trade](#trade){.page} for more, and page [](#trade){.page}.\n\n"
    '[Also [its words](#trade){.page}.]{.content-visible when-format="epub"}\n\n'
    "## Trade {#trade}\n\nTrade with Russia.\n"
)


def _book(make_book: MakeBook) -> Path:
    return make_book({"001-a.md": section_source(1, "Land", total=1, body=BODY)})


def test_words_print_does_not_show_are_told_at_their_line(make_book: MakeBook) -> None:
    manuscript, problems = api.manuscript(_book(make_book))
    assert problems == ()
    (told,) = unshown_words(manuscript)  # not the one without words, nor the EPUB's own
    assert told.code == "W529" and told.file is not None and told.file.name == "001-a.md"
    assert told.line == 11  # the body's first line (front matter: 8 lines and a blank)
    assert "('the section on trade'): print shows the target's page number" in told.message
    assert told.hint.startswith("write the words outside it: the section on trade on page")
    assert unshown_words(manuscript, "epub") == ()  # the EPUB shows the words


def test_the_pdf_build_tells_it_and_prints_the_folio(make_book: MakeBook, tmp_path: Path) -> None:
    book = _book(make_book)
    (_, found), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf"))
    assert [d.code for d in found] == ["W529"] and logged == []
    (_, found), _ = quietly(lambda: api.build_epub(book, tmp_path / "b.epub"))
    assert "W529" not in [d.code for d in found]  # W517 for the EPUB's, as before
