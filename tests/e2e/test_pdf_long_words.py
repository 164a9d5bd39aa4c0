"""A long word of a real language in a chapter's title and a section's heading: the PDF
breaks it inside the text block (a heading is never hyphenated), as a paragraph's."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from octavo import api
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.weasyprint_log import quietly

WORD = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"  # 63 letters
WIDTH = 612.0  # a letter page, in points
INSIDE = 64.8  # the narrower side margin (styles: the outer margin of a right-hand page)


def test_a_long_word_in_a_heading_stays_inside_the_text_block(
    make_book: MakeBook, tmp_path: Path
) -> None:
    toml = BOOK_TOML.replace('language = "en"', 'language = "de"')
    toml = toml.replace('1 = "The Economy"', f'1 = "Das {WORD}"')
    body = f"Das {WORD} ist lang.\n\n## Über das {WORD}\n\nText.\n"
    book = make_book({"001-a.md": section_source(1, f"Das {WORD}", total=1, body=body)}, toml)
    (pdf, found), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf"))
    assert logged == [] and [d.code for d in found if d.code.startswith("E")] == []
    with pdfplumber.open(pdf) as document:
        right = max(c["x1"] for page in document.pages for c in page.chars)
    assert right <= WIDTH - INSIDE + 0.5  # nothing runs past the text block


def test_a_long_cell_leaves_the_other_columns_words_whole(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A table of two columns, one cell a sequence of 160 letters: every word of a cell
    was a place to break (overflow-wrap: anywhere), and the table gave the other column a
    letter's width: its head and cells set "Na/me", "Sho/rt", "Oth/er"."""
    run = "ACGT" * 40
    body = f"Text.\n\n| Name | Sequence |\n|---|---|\n| Short | {run} |\n| Other | words |\n"
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    (pdf, found), logged = quietly(lambda: api.build_pdf(book, tmp_path / "t.pdf"))
    assert logged == [] and [d.code for d in found] == ["W524"]  # the run, told
    with pdfplumber.open(pdf) as document:
        words = {w["text"] for page in document.pages for w in page.extract_words()}
    assert {"Name", "Sequence", "Short", "Other"} <= words
