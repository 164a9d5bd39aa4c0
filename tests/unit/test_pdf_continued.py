"""The hidden row that names a table on the pages it runs on to (octavo.render.pdf.continued)."""

from __future__ import annotations

from octavo.render.markdown import render_block
from octavo.render.pdf.continued import ROW_CLASS, continued_heads

FORM = (("", "label"), (" (continued)", ""))


def _html(markdown: str) -> str:
    return render_block(markdown).html


def test_a_captioned_table_gets_a_row_as_wide_as_its_head() -> None:
    body = _html("| A | B | C |\n|---|---|--:|\n| 1 | 2 | 3 |\n\nTable: Population.\n")
    made = continued_heads(body, FORM)
    row = (
        f'<tr class="{ROW_CLASS}"><th colspan="3"><span class="caption-label">Table\u00a01</span>'
        " (continued)</th></tr>"
    )
    assert '<caption class="continues">' in made and f"<thead>{row}" in made
    assert made.replace(row, "").replace(' class="continues"', "") == body


def test_tables_without_a_caption_or_a_head_are_left_as_they_are() -> None:
    """A table without a caption has no name to repeat; one without a head has no row that
    repeats, and the next table's caption is never reached for (one regex match a table)."""
    bare = _html("| A |\n|---|\n| 1 |\n")
    assert continued_heads(bare, FORM) == bare
    headless = (
        '<table class="table" id="s-table-1"><caption><span class="caption-label">Table 1.'
        "</span> One.</caption><tbody><tr><td>1</td></tr></tbody></table>"
    )
    after = _html("| A | B |\n|---|---|\n| 1 | 2 |\n\nTable: Two.\n")
    made = continued_heads(headless + after, FORM)
    assert made.startswith(headless)
    assert 'colspan="2"><span class="caption-label">Table\u00a01</span>' in made  # the second's


def test_the_books_words_and_a_spanned_head() -> None:
    body = (
        '<table class="table wide landscape" id="t"><caption><span class="caption-label">'
        'Tableau 2 :</span> Régions</caption><thead><tr><th colspan="2">A</th><th>B</th>'
        "</tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"
    )
    made = continued_heads(body, (("", "label"), (" (suite) <i>", "")))
    assert (
        '<th colspan="3"><span class="caption-label">Tableau 2</span> (suite) &lt;i&gt;</th>'
        in made
    )


def test_a_grid_table_s_column_groups_and_head_of_two_rows() -> None:
    """A grid table's <colgroup>s stand between its caption and its head: the row that
    names it still goes first in the head, as wide as the head's first row (its spans
    counted), not its second."""
    body = _html(
        "+------+-------------+\n| Crop | Output      |\n|      +------+------+\n"
        "|      | 1990 | 1991 |\n+======+======+======+\n| Rye  | 1    | 2    |\n"
        "+------+------+------+\n\nTable: Crops.\n"
    )
    assert "<colgroup" in body
    made = continued_heads(body, FORM)
    assert f'<thead><tr class="{ROW_CLASS}"><th colspan="3">' in made
