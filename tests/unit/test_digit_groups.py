"""octavo.render.digit_groups: a table cell of one figure in digit groups ("12 345") kept
on one line by the no-break space its language groups digits with (ut46 bug 4)."""

from __future__ import annotations

import re

import pytest

from octavo.render.digit_groups import GROUPED, group_separator
from octavo.render.markdown import Context, render_block

NNBSP, NBSP = "\u202f", "\u00a0"


def cells(cell: str, language: str = "fr", body: str = "") -> list[str]:
    source = f"| A | B |\n|---|---:|\n| x | {cell} |\n{body}"
    html = render_block(source, context=Context(slug="s010-trade", language=language)).html
    return re.findall(r"<td[^>]*>(.*?)</td>", html)[1:]


@pytest.mark.parametrize(
    ("language", "separator"),
    [
        pytest.param("fr", NNBSP, id="french-narrow"),
        pytest.param("fr-CA", NBSP, id="canadian-french-no-break"),
        pytest.param("ru", NBSP, id="russian-no-break"),
        pytest.param("en", NBSP, id="english-groups-with-commas-the-space-kept-joined"),
        pytest.param("de", NBSP, id="german-groups-with-points"),
    ],
)
def test_the_language_s_own_no_break_space(language: str, separator: str) -> None:
    assert group_separator(language) == separator
    assert cells("12 345", language) == [f"12{separator}345"]


@pytest.mark.parametrize(
    ("cell", "joined"),
    [
        pytest.param("1 234 567", f"1{NNBSP}234{NNBSP}567", id="three-groups"),
        pytest.param("\u22121 234,5", f"\u22121{NNBSP}234,5", id="minus-and-decimals"),
        pytest.param("+12 345.25", f"+12{NNBSP}345.25", id="plus-and-point"),
        pytest.param(f"12{NBSP}345", f"12{NNBSP}345", id="no-break-space-made-the-language-s"),
        pytest.param("**12 345**", f"<strong>12{NNBSP}345</strong>", id="in-bold"),
    ],
)
def test_a_cell_of_one_grouped_figure_is_joined(cell: str, joined: str) -> None:
    assert cells(cell) == [joined]


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param("1995 345", id="four-figures-first-two-numbers"),
        pytest.param("12 34", id="a-group-of-two"),
        pytest.param("12 3456", id="a-group-of-four"),
        pytest.param("12 345 habitants", id="words-after"),
        pytest.param("env. 12 345", id="words-before"),
        pytest.param("12 345 – 12 400", id="a-range"),
    ],
)
def test_a_cell_of_more_than_one_figure_is_left(cell: str) -> None:
    assert cells(cell) == [cell.replace("–", "\u2013")]


def test_a_cell_with_a_note_s_call_is_left() -> None:
    (cell,) = cells("12 345[^n]", body="\n[^n]: Estimate.\n")
    assert cell.startswith("12 345<")


def test_running_text_is_left_where_two_numbers_may_stand_a_space_apart() -> None:
    html = render_block("En 1995 345 personnes ; 12 345 habitants.\n").html
    assert "1995 345" in html and "12 345" in html


@pytest.mark.parametrize("text", ["12 345", "1 234 567,89", "-999 000"])
def test_grouped(text: str) -> None:
    assert GROUPED.fullmatch(text)


def test_an_html_table_s_cell_is_joined_too() -> None:
    source = '<table><tr><th>A</th></tr><tr><td align="right">12 345</td></tr></table>\n'
    html = render_block(source, context=Context(slug="s010-trade", language="ru")).html
    assert f">12{NBSP}345</td>" in html, html
