"""A table whose longest words fit the text block is set without hyphenating them
(octavo.render.pdf.whole_words): trial52 repro-7's ten columns printed "Kath-mandu"
and "House-holds" beside columns of empty space."""

from __future__ import annotations

import pytest

from octavo.render.pdf.whole_words import whole_word_tables

LETTER = 468.0  # a letter page's text block, in points

_DISTRICTS = (
    "<tr><th>District</th><th>Population 1971</th><th>Population 1981</th>"
    "<th>Population 1991</th><th>Area (sq km)</th><th>Density 1991</th>"
    "<th>Literacy rate (percent) 1991</th><th>Households</th>"
    "<th>Growth rate 1981-91</th><th>Urban share</th></tr>"
    "<tr><td>Kathmandu</td><td>353,756</td><td>422,237</td><td>675,341</td><td>395</td>"
    "<td>1,710</td><td>70.0</td><td>124,000</td><td>4.8</td><td>80.1</td></tr>"
)
_CAPITALS = (
    "<tr>"
    + "".join(
        f"<th>{w}</th>"
        for w in [
            "TELECOMMUNICATIONS",
            "VNESHEKONOMBANK",
            "MANUFACTURING",
            "INFRASTRUCTURE",
            "AGRICULTURAL",
            "WHOLESALE",
            "WARSAW",
            "MOSCOW",
        ]
    )
    + "</tr>"
)
_LONG = "<tr>" + "<th>Administrative</th>" * 9 + "</tr>"  # 9 × 14 letters: no room whole


@pytest.mark.parametrize(
    ("table", "measure", "classed"),
    [
        pytest.param(f'<table class="table wide">{_DISTRICTS}</table>', LETTER, True, id="ten"),
        pytest.param(
            '<table class="table"><tr><td>Kathmandu</td><td>1</td></tr></table>',
            LETTER,
            True,
            id="narrow",
        ),
        pytest.param(f'<table class="table wide">{_LONG}</table>', LETTER, False, id="no-room"),
        pytest.param(
            f'<table class="table wide">{_DISTRICTS}</table>', 300.0, False, id="a5-no-room"
        ),
        pytest.param(
            f'<table class="table wide landscape">{_DISTRICTS}</table>',
            LETTER,
            False,
            id="landscape",
        ),
        pytest.param(f'<table class="table wide">{_DISTRICTS}</table>', None, False, id="stamp"),
        # review52d: eight columns of words in capitals measured by their length fitted, and
        # ran 25 pt past the margin of a letter page (461 pt) once set whole in bold capitals
        pytest.param(f'<table class="table wide">{_CAPITALS}</table>', 461.0, False, id="capitals"),
    ],
)
def test_a_table_whose_words_fit_whole_is_classed(
    table: str, measure: float | None, classed: bool
) -> None:
    body = f"<p>Before.</p>\n{table}\n<p>After.</p>"
    done = whole_word_tables(body, measure)
    assert ("whole-words" in done) is classed
    assert done.replace(" whole-words", "") == body  # nothing else changed


def test_a_table_keeps_its_id_and_caption() -> None:
    table = '<table class="table" id="tbl:a"><caption>Trade</caption><tr><td>x</td></tr></table>'
    assert whole_word_tables(table, LETTER) == table.replace('"table"', '"table whole-words"')
