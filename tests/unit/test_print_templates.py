"""octavo's print templates (templates/print/): a piece of markup that several places write
is written once, as a macro of macros.html, so the places cannot drift apart."""

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
        pytest.param('<span class="chapter-title-text">{{', "made_heading", id="made-heading"),
    ],
)
def test_a_piece_of_markup_is_written_once(markup: str, macro: str) -> None:
    """The data-date note was written out in a section's heading and a division's; a
    part's heading on the book's title page and the stamp's; the heading of the Data
    Currency appendix and of the index alike, each in full."""
    assert [name for name, text in TEXTS.items() for _ in range(text.count(markup))] == [
        "macros.html"
    ]
    assert f"macro {macro}(" in TEXTS["macros.html"]
