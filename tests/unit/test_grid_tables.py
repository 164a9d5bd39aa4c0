"""pandoc's grid tables (`+---+` borders, a `+===+` line under the head), read as pandoc
reads them: the same tokens as a pipe table, so captioned, numbered and aligned alike."""

from __future__ import annotations

import pytest
from lxml import etree

from octavo.render.markdown import render_block

WITH_HEAD = """\
+-------------+----------:+:-------:+
| Region      | Output    | Year    |
| (oblast)    |           |         |
+=============+==========:+:=======:+
| Minsk       | 1,600     | 1990    |
+-------------+-----------+---------+
| Brest       | 950       | 1991    |
+-------------+-----------+---------+

Table: Output by region {#tbl:out}
"""


def _table(source: str) -> etree._Element:
    html = render_block(source).html
    tree = etree.fromstring(f"<div>{html}</div>")
    table = tree.find("table")
    assert table is not None, html
    return table


def _texts(row: etree._Element) -> list[str]:
    return [" ".join("".join(cell.itertext()).split()) for cell in row]


def test_a_grid_table_with_a_head_its_caption_and_alignments() -> None:
    table = _table(WITH_HEAD)
    assert table.get("id") == "tbl:out"
    assert "".join(table.find("caption").itertext()) == "Table\u00a01. Output by region"
    head, *rows = table.iter("tr")
    assert _texts(head) == ["Region (oblast)", "Output", "Year"]  # a head of two lines
    assert [_texts(r) for r in rows] == [["Minsk", "1,600", "1990"], ["Brest", "950", "1991"]]
    assert [c.get("class") for c in head] == [None, "align-right", "align-center"]
    assert [c.get("scope") for c in head] == ["col"] * 3
    assert [c.get("class") for c in rows[0]] == [None, "align-right", "align-center"]


def test_a_grid_table_without_a_head_takes_its_alignments_from_its_top() -> None:
    table = _table(
        "+:----+-----:+\n| a   | 1    |\n+-----+------+\n| b   | 2    |\n+-----+------+\n"
    )
    assert table.find("thead") is None
    assert [_texts(r) for r in table.iter("tr")] == [["a", "1"], ["b", "2"]]
    assert [c.get("class") for c in next(table.iter("tr"))] == ["align-left", "align-right"]


def test_a_grid_table_ends_where_its_last_border_does() -> None:
    html = render_block("+---+\n| a |\n+---+\nAfter it.\n").html
    assert "<td>a</td>" in html and "<p>After it.</p>" in html


@pytest.mark.parametrize(
    ("source", "message"),
    [
        pytest.param(
            "+-----+-----+\n| a   | b   |\n+-----+-----+\n| a span    |\n+-----+-----+\n",
            "grid table whose lines do not meet",
            id="spanned-cell",
        ),
        pytest.param(
            "+---+\n| a |\n+===+\n| b |\n+===+\n| c |\n+---+\n",
            "grid table whose lines do not meet",
            id="a-foot",
        ),
        pytest.param(
            "+---+\n| a |\n+---+\n| b |\n",
            "grid table whose lines do not meet",
            id="no-closing-border",
        ),
        pytest.param(
            "+--------+\n| - one  |\n| - two  |\n+--------+\n",
            "a list or paragraphs in a grid table's cell",
            id="a-list-in-a-cell",
        ),
        pytest.param(
            "+--------+\n| one    |\n|        |\n| two    |\n+--------+\n",
            "a list or paragraphs in a grid table's cell",
            id="paragraphs-in-a-cell",
        ),
    ],
)
def test_what_a_grid_cannot_hold_is_w504(source: str, message: str) -> None:
    problems = render_block(source).problems
    assert [p.code for p in problems if message in p.message] == ["W504"], problems
    assert "one" not in source or "one" in render_block(source).html  # words kept


def test_a_pipe_table_whose_delimiters_miss_its_header_is_w504() -> None:
    """markdown-it reads a paragraph (a line block; GFM's rule, where pandoc cuts the table
    to the delimiter row's cells, dropping words); octavo says why."""
    problems = render_block("| a | b |\n|---|\n| 1 | 2 |\n").problems
    assert [(p.code, p.line) for p in problems] == [("W504", 0)]
    assert "1 cell(s) for its header's 2" in problems[0].message


@pytest.mark.parametrize(
    ("source", "rows"),
    [
        pytest.param(
            "+------+---+\n| 中文 | b |\n+------+---+\n", [["中文", "b"]], id="wide-characters"
        ),
        pytest.param(
            "+--------+---+\n| Bre\u0301st  | b |\n+--------+---+\n",
            [["Bre\u0301st", "b"]],
            id="a-combining-mark",
        ),
        pytest.param("+---+\n| a |\n+---+\n+1 more\n", [["a"]], id="a-line-under-it"),
        pytest.param("+---+---+\n|   | b |\n+---+---+\n", [["", "b"]], id="an-empty-cell"),
    ],
)
def test_what_pandoc_reads_as_a_grid_table(source: str, rows: list[list[str]]) -> None:
    """Columns counted as pandoc counts them (a wide character two, a combining mark
    none); a line under the last border that is no row ends the table, as in pandoc."""
    assert [_texts(r) for r in _table(source).iter("tr")] == rows
    assert render_block(source).problems == ()


def test_words_that_look_like_a_list_in_one_line_of_a_cell_are_words() -> None:
    """'1990. Est' wrapped under 'Total', or '- 5 %' alone, is no list (pandoc reads one
    paragraph): no W504, which failed a --strict build."""
    for cell in (["Total    ", "1990. Est"], ["- 5 %    "]):
        lines = "".join(f"| {text} |\n" for text in cell)
        source = f"+-----------+\n{lines}+-----------+\n"
        assert render_block(source).problems == (), cell


def test_a_head_cell_s_problem_is_told_at_its_line() -> None:
    source = "para\n\n+--------+\n| - one  |\n| - two  |\n+========+\n| x      |\n+--------+\n"
    assert [(p.code, p.line) for p in render_block(source).problems] == [("W504", 3)]
