"""pandoc's grid tables (`+---+` borders, a `+===+` line under the head), read as pandoc
reads them: the same tokens as a pipe table, so captioned, numbered and aligned alike."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from lxml import etree

from octavo.render.grid_trace import Grid, Unread, read_grid
from octavo.render.markdown import render_block
from tests.support.pandoc_grids import FOOT, HEAD_ROWS, SPANS

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
    assert "one" in render_block(source).html  # words kept


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        pytest.param(
            "Text.\n\n+-----+-----+\n| a   | b   |\n+-----+-----+\n| c   | d  |\n+-----+-----+\n",
            5,
            "a line of a grid table is 12 columns wide, its top border 13",
            id="a-ragged-line",
        ),
        pytest.param(
            "+-----+-----+\n| a   | b   |\n+--   +-----+\n| c   | d   |\n+-----+-----+\n",
            2,
            "a grid table's line stops inside a cell (a span not closed)",
            id="a-span-not-closed",
        ),
        pytest.param(
            "+---+\n| a |\n+---+\n| b |\n", 3, "last line is no border", id="no-closing-border"
        ),
        pytest.param(
            "> +-----+\n> | a  |\n> +-----+\n",
            1,
            "a line of a grid table is 6 columns wide, its top border 7",
            id="in-a-quote",
        ),
    ],
)
def test_a_grid_that_cannot_be_read_is_w504_at_its_line_at_fault(
    source: str, line: int, message: str
) -> None:
    """Told once, where the grid goes wrong, and its text kept as a paragraph (not also as
    'a grid table' at the paragraph's first line)."""
    found = render_block(source)
    assert [(p.code, p.line) for p in found.problems] == [("W504", line)], found.problems
    assert message in found.problems[0].message
    assert "<table" not in found.html and "| a" in found.html


def test_a_grid_whose_top_is_a_line_of_equals_is_w504() -> None:
    problems = render_block("+===+\n| a |\n+---+\n").problems
    assert [(p.code, p.line) for p in problems] == [("W504", 0)]
    assert "top border is no line of '-'" in problems[0].message


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


def _cells(row: etree._Element) -> list[tuple[str, dict[str, str]]]:
    """Each cell of a row: its tag and attributes but octavo's trust mark and classes."""
    return [
        (c.tag, {k: v for k, v in c.attrib.items() if k not in ("class", "data-octavo")})
        for c in row
    ]


def test_cells_spanning_columns_and_rows_with_their_scopes() -> None:
    """pandoc's MANUAL: "Property" over two columns heads them as a group (its <colgroup>s
    drawn from the head's first row); "Temperature" down three rows heads them, as the
    row headers of its column."""
    table = _table(SPANS)
    assert [(g.get("span"), len(g)) for g in table.iter("colgroup")] == [("2", 0), (None, 0)]
    head, first, second, third = table.iter("tr")
    assert _cells(head) == [
        ("th", {"colspan": "2", "scope": "colgroup"}),
        ("th", {"scope": "col"}),
    ]
    assert _cells(first) == [("th", {"rowspan": "3", "scope": "row"}), ("td", {}), ("td", {})]
    assert _texts(first) == ["Temperature 1961-1990", "min", "-89.2 °C"]
    assert _texts(second) == ["mean", "14 °C"] and _texts(third) == ["max", "56.7 °C"]
    assert table.get("class") == "table"


def test_a_head_of_two_rows() -> None:
    table = _table(HEAD_ROWS)
    head = table.find("thead")
    assert [_texts(r) for r in head] == [
        ["Location", "Temperature 1961-1990 in degree Celsius"],
        ["min", "mean", "max"],
    ]
    assert _cells(head[0]) == [
        ("th", {"rowspan": "2", "scope": "col"}),
        ("th", {"colspan": "3", "scope": "colgroup"}),
    ]
    assert [c.get("class") for c in head[1]] == [None, None, None]
    assert len(table.find("tbody")) == 2 and table.find("tfoot") is None


def test_a_foot_is_the_table_s_tfoot_after_its_body() -> None:
    table = _table(FOOT + "\nTable: Fruit {#tbl:fruit}\n")
    assert [child.tag for child in table] == ["caption", "thead", "tbody", "tfoot"]
    (total,) = table.find("tfoot")
    assert _cells(total) == [("th", {"scope": "row"}), ("td", {})]
    assert _texts(total) == ["Sum", "$3.44"]
    assert [_texts(r) for r in table.find("tbody")] == [["Bananas", "$1.34"], ["Oranges", "$2.10"]]


def test_a_spanned_cell_holds_inline_markdown() -> None:
    """Emphasis, a note's call and a link in a cell spanning rows or columns, as in a pipe
    table's cell."""
    source = (
        "+-----------------+--------+\n"
        "| *Grain*[^1]     | 7,035  |\n"
        "| with            +--------+\n"
        "| [rye](#rye)     | 6,095  |\n"
        "+-----------------+--------+\n"
        "| **n.a.** across          |\n"
        "+-----------------+--------+\n\n"
        "[^1]: Wheat and barley.\n"
    )
    found = render_block(source)
    ops = 'xmlns:epub="http://www.idpf.org/2007/ops"'
    table = etree.fromstring(f"<div {ops}>{found.html}</div>").find("table")
    grain = table.find("tbody/tr/th")
    assert grain.get("rowspan") == "2" and grain.find("em").text == "Grain"
    assert grain.find("a[@href='#rye']") is not None
    assert any("noteref" in (a.get("class") or "") for a in grain.iter("a"))
    across = table.findall("tbody/tr")[-1][0]
    assert across.tag == "td" and across.get("colspan") == "2"  # across the table: no header
    assert across.find("strong").text == "n.a."
    assert found.problems == ()


def test_a_cell_across_columns_of_figures_is_centred_over_them() -> None:
    """ "n.a." set at the right of two right-aligned columns read as the last one's alone;
    a head over its years too is centred, as a book sets a column group's name."""
    source = (
        "+--------+-------------------+\n"
        "| Crop   | Output            |\n"
        "|        +---------+---------+\n"
        "|        | 1990    | 1991    |\n"
        "+========+========:+========:+\n"
        "| Grain  | 7,035   | 6,095   |\n"
        "+--------+---------+---------+\n"
        "| Flax   | n.a.              |\n"
        "+--------+-------------------+\n"
    )
    table = _table(source)
    assert [c.get("class") for c in table.find("thead")[0]] == [None, "align-center"]
    assert [c.get("class") for c in table.find("thead")[1]] == ["align-right figures"] * 2
    assert [c.get("class") for c in table.findall("tbody/tr")[1]] == [None, "align-center"]


def test_a_table_is_wide_by_its_columns_not_its_head_cells() -> None:
    """Six columns under three head cells spanning them is a wide table (smaller type), and
    five head cells over three columns in two rows is not."""
    six = "+" + "---+" * 6 + "\n| a         | b         |\n" + "+" + "===+" * 6 + "\n"
    six += "|" + " 1 |" * 6 + "\n+" + "---+" * 6 + "\n"
    assert _table(six).get("class") == "table wide"
    assert _table(HEAD_ROWS).get("class") == "table"


def test_a_head_cell_s_scope_is_given_as_any_table_s() -> None:
    """scope="col" is given in one place (octavo.render.floats), to a grid table's head
    cells as to a pipe table's: their attributes alike, the class first (the grid's rule
    gave it too, before the class)."""
    pipe = render_block("| Crop | 1990 |\n|---|--:|\n| Grain | 7,035 |\n").html
    grid = render_block(
        "+--------+--------+\n| Crop   | 1990   |\n+========+=======:+\n"
        "| Grain  | 7,035  |\n+--------+--------+\n"
    ).html
    head = '<th class="align-right figures" scope="col">1990</th>'
    assert head in pipe and head in grid, grid


SUBHEADINGS = """\
+-----------+--------+--------+
| District  | 1990   | 1991   |
+===========+=======:+=======:+
| Minsk                       |
+-----------+--------+--------+
| City      | 1,600  | 1,650  |
+-----------+--------+--------+
| Rural     | 400    | 410    |
+-----------+--------+--------+
| Brest                       |
+-----------+--------+--------+
| City      | 950    | 990    |
+-----------+--------+--------+
|                             |
+-----------+--------+--------+
| n.a. for the rural district |
+-----------+--------+--------+
"""


def test_a_subheading_heads_its_row_group() -> None:
    """A body row of one cell across the table names the rows under it, to the next such
    row: a `th scope="rowgroup"` opening a `<tbody>` of its own, as the HTML table model
    has a row group's header (pandoc 3 writes a `td colspan`, in one body). A last row
    across the table ("n.a. …") heads no rows, and an empty one has no words: cells."""
    table = _table(SUBHEADINGS)
    minsk, brest = table.findall("tbody")
    assert _cells(minsk[0]) == [("th", {"colspan": "3", "scope": "rowgroup"})]
    assert [_texts(r) for r in minsk] == [
        ["Minsk"],
        ["City", "1,600", "1,650"],
        ["Rural", "400", "410"],
    ]
    assert _cells(brest[0]) == [("th", {"colspan": "3", "scope": "rowgroup"})]
    assert [_texts(r)[0] for r in brest] == ["Brest", "City", "", "n.a. for the rural district"]
    assert [c.tag for r in brest[1:] for c in r] == ["td"] * 5


def test_a_run_of_subheadings_heads_one_group() -> None:
    """A run of subheadings, "Minsk" over "City" over its figures: one group, both its
    headings (a group of "Minsk" alone headed no row, and a screen reader heard the
    figures under "City" only)."""
    table = _table(
        "+-----------+--------+\n| District  | 1990   |\n+===========+=======:+\n"
        "| Minsk              |\n+-----------+--------+\n"
        "| City               |\n+-----------+--------+\n"
        "| North     | 1,600  |\n+-----------+--------+\n"
    )
    (group,) = table.findall("tbody")
    assert [_texts(r) for r in group] == [["Minsk"], ["City"], ["North", "1,600"]]
    assert [c.get("scope") for r in group[:2] for c in r] == ["rowgroup", "rowgroup"]


def _rows(count: int, first: str = "| North     | 1,600  |\n") -> str:
    return "".join(first + "+-----------+--------+\n" for _ in range(count))


@pytest.mark.parametrize(("before", "after", "long"), [(8, 8, True), (6, 6, False)])
def test_a_table_of_groups_is_long_by_all_their_rows(before: int, after: int, long: bool) -> None:
    """Print keeps a table of 15 body rows or fewer whole, counting a lone group's rows
    itself (styles/print/book.css); two groups of 8 are 18 rows with their headings, and
    their first group says so (two groups of 15 were kept whole: no group held a 16th)."""
    head = "+-----------+--------+\n| District  | 1990   |\n+===========+=======:+\n"
    minsk = "| Minsk              |\n+-----------+--------+\n"
    brest = "| Brest              |\n+-----------+--------+\n"
    table = _table(head + minsk + _rows(before) + brest + _rows(after))
    first, second = table.findall("tbody")
    assert (first.get("class") == "long") is long and second.get("class") is None


def test_a_grid_is_read_only_from_a_line_that_can_be_its_top_border(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """markdown-it tries the rule at every block's start (issue 17): a line whose first
    character is no `+` (nor a space `strip()` drops: a form feed) is passed by unread."""
    from octavo.render import grid_tables

    tried: list[int] = []
    read = read_grid  # what the rule imported

    def counted(line: Callable[[int], str], start: int, end: int) -> Grid | Unread | None:
        tried.append(start)
        return read(line, start, end)

    monkeypatch.setattr(grid_tables, "read_grid", counted)
    source = "Words.\n\n- an item\n\n+---+\n| a |\n+---+\n\n\f+---+\n\f| b |\n\f+---+\n"
    assert render_block(source).html.count("<table") == 2
    assert tried == [4, 8]


def test_a_raw_tables_groups_are_long_by_all_their_rows() -> None:
    """A raw HTML table of two groups of 10 rows is classed as a grid's is, octavo's own
    class kept (the cleaner dropped it as the page's, and said so)."""
    rows = "<tr><td>a</td><td>1</td></tr>" * 10
    source = f"<table><tbody>{rows}</tbody><tbody>{rows}</tbody></table>\n"
    fragment = render_block(source)
    assert fragment.html.count('<tbody class="long">') == 1 and not fragment.removed
