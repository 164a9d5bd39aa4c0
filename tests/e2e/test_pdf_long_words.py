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
