"""A short table of tall rows, as a book sets it (octavo.render.table_length): ten rows of
five lines or so each (a gazetteer's descriptions) are no short table, so it is not kept
whole. Its heading, caption and first two rows are set on the page the text before it
leaves room on, the rest on the next. Kept whole (print counted rows alone), the table went
to the next page with its heading, 230 pt left empty under the text on an A5 page and
336 pt on a letter one, and on A5, where it is taller than a page, WeasyPrint left the
heading alone on one page and the caption alone on the next. Read back with pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.weasyprint_log import quietly

LEAD = 4  # paragraphs before the heading: the table's first rows fit under them, not all
DESCRIPTION = (
    "A long description of the district's roads and bridges that runs on for several lines "
    "of the narrow column, as a gazetteer's cell does. "
) * 3
HEADING = "Roads by district"
CAPTION = "Lengths of the roads"
# the text block's foot (the page's height less its foot margin: octavo.source.paper)
FOOT = {"a5": 595.28 - 17 * 72 / 25.4, "letter": 792.0 - 1.2 * 72}


def _body() -> str:
    before = "\n\n".join(f"Paragraph {k} of the text before the table." for k in range(LEAD))
    rows = "".join(f"| Z{r:02d} | {DESCRIPTION} | {r * 7} |\n" for r in range(10))
    table = f"| Zone | Roads | Km |\n|---|---|--:|\n{rows}\nTable: {CAPTION}.\n"
    return f"{before}\n\n### {HEADING}\n\n{table}\nAfter the table.\n"


@pytest.mark.parametrize("paper", ["a5", "letter"])
def test_a_short_table_of_tall_rows_starts_under_its_text(
    make_book: MakeBook, tmp_path: Path, paper: str
) -> None:
    book = make_book(
        {"001-s.md": section_source(1, total=1, body=_body())}, f'paper = "{paper}"\n' + BOOK_TOML
    )
    (pdf, found), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == [] and [str(d) for d in found] == []
    manuscript, _ = api.manuscript(book)
    assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []  # notes, headings' pages

    import pdfplumber

    with pdfplumber.open(pdf) as read:
        texts = [" ".join((page.extract_text() or "").split()) for page in read.pages]
        last = max(i for i, t in enumerate(texts) if f"Paragraph {LEAD - 1} of" in t)
        wanted = [f"Paragraph {LEAD - 1} of", HEADING, CAPTION, "Z00", "Z01"]
        assert [w for w in wanted if w not in texts[last]] == []
        assert "Z09" not in texts[last] and "Z09" in texts[last + 1]
        # the page is filled: less than a row of five lines left under the table's rows
        chars = [c for c in read.pages[last].chars if c["bottom"] < FOOT[paper] - 1]
        body = max(c["bottom"] for c in chars if c["size"] >= 8.4)
        notes = [c["top"] for c in chars if c["size"] < 8.4 and c["top"] > body]
        assert min(notes, default=FOOT[paper]) - body < 72
