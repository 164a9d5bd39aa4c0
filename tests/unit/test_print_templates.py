"""octavo's print templates (templates/print/): a piece of markup that several places write
is written once, as a macro of pieces.html (or macros.html), so the places cannot drift
apart; the pieces apart from macros.html, of which a book may hold an earlier copy."""

from __future__ import annotations

import pytest

from octavo.shipped import TEMPLATES

# warm.html is no template: a fixed page laid out to warm WeasyPrint up
TEXTS = {
    path.name: path.read_text(encoding="utf-8")
    for path in (TEMPLATES / "print").glob("*.html")
    if path.name != "warm.html"
}


@pytest.mark.parametrize(
    ("markup", "macro"),
    [
        pytest.param('<span class="data-date note"', "date_note", id="date-note"),
        pytest.param('<h1 class="part-heading"', "part_heading", id="part-heading"),
        pytest.param(
            '<span class="chapter-title"><span class="chapter-title-text"',
            "made_heading",
            id="made-heading",
        ),
    ],
)
def test_a_piece_of_markup_is_written_once(markup: str, macro: str) -> None:
    """The data-date note was written out in a section's heading and a division's; a
    part's heading on the book's title page and the stamp's; the heading of the Data
    Currency appendix and of the index alike, and the stamp's of each division, each in
    full."""
    assert [name for name, text in TEXTS.items() for _ in range(text.count(markup))] == [
        "pieces.html"
    ]
    assert f"macro {macro}(" in TEXTS["pieces.html"]


# the macros of templates/print/macros.html as a book may hold a copy of it (session 42's):
# octavo's own templates call no other of `m`, so such a copy keeps the book building
EARLIER_MACROS = {
    "division", "footnote", "headings", "index_entry", "page_head", "pdf_meta", "section",
    "stylesheet", "target", "toc_chapter", "toc_nodes",
}  # fmt: skip


def test_octavo_calls_no_macro_an_earlier_copy_of_macros_html_lacks() -> None:
    """A book with its own templates/print/macros.html from an earlier octavo: the pieces
    added since (data_head, date_note, part_heading, made_heading) are in pieces.html, so
    that octavo's book.html and stamp.html, calling them, still find them (under Jinja's
    StrictUndefined every print build of such a book failed)."""
    import re

    called = {m for text in TEXTS.values() for m in re.findall(r"\bm\.([a-z_]+)\(", text)}
    assert called <= EARLIER_MACROS, called - EARLIER_MACROS
