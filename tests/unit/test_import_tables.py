"""HTML tables with rowspan and colspan imported: every cell in its column, the table kept
with its spans as a grid table (octavo.importers.table_kept), or set as a pipe table as
octavo.importers.table_spans says, W423 where a reader could misread it.

The cases are in tests/data/tables/spans.txt (markdown-it-py's fixture shape): each gives
a table, or a whole page (one that opens with `<html` or a doctype), and expects the
table the section holds (to its `Table:` caption) and each W423 at its line of the
case's HTML. The pages are written here, as tests/data/pages/README.md says of HTML
pages: the search corpus holds none of a study's tables as HTML."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from octavo.importers.batch import import_pages
from octavo.render.markdown import render_block
from tests.conftest import DATA
from tests.support.fixtures import Fixture, read_fixtures

CASES = read_fixtures(DATA / "tables" / "spans.txt")
_PAGE = (
    "<html><head><title>Belarus - Population</title></head><body>\n"
    "<p>The population of Belarus in 1994 was about 10.4 million people, living mostly in "
    "the cities of the country and in its larger towns.</p>\n"
    "{table}\n<p>Data as of June 1995</p></body></html>\n"
)
_BEFORE = _PAGE[: _PAGE.index("{table}")].count("\n")  # the page's lines before the case's
_TOLD = re.compile(r"W\d{3} \d+")


def _imported(tmp_path: Path, html: str) -> tuple[str, list[str], tuple[str, ...]]:
    """The section's body from its first table row, the W423s (`W423 <line of the case>`)
    and what --explain says of the page."""
    whole = html.lstrip().lower().startswith(("<html", "<!doctype"))
    page = tmp_path / "pages" / "belarus60.html"
    page.parent.mkdir(parents=True)
    page.write_text(html if whole else _PAGE.format(table=html), encoding="utf-8")
    result = import_pages([page], tmp_path / "book")
    assert result.summary() == "1 imported, 0 unchanged, 0 refused", result.diagnostics
    body = (tmp_path / "book" / "060-population.md").read_text(encoding="utf-8")
    offset = 0 if whole else _BEFORE
    told = [f"{d.code} {(d.line or 0) - offset}" for d in result.diagnostics if d.code == "W423"]
    first = re.search(r"^[|+]", body, re.MULTILINE)  # a pipe table's head, a grid's border
    assert first is not None, body
    return body[first.start() :].strip(), told, result.reports[0].reasons


@pytest.mark.parametrize("case", CASES, ids=[c.title for c in CASES])
def test_a_table_with_spans(tmp_path: Path, case: Fixture) -> None:
    table, told, _ = _imported(tmp_path, case.given)
    lines = case.expected.split("\n")
    expected = "\n".join(line for line in lines if not _TOLD.fullmatch(line)).strip()
    assert (table, told) == (expected, [line for line in lines if _TOLD.fullmatch(line)])


def test_every_table_renders_with_its_columns(tmp_path: Path) -> None:
    """Each case's table, pipe or grid, is one table to octavo's Markdown, with no warning:
    every row as wide as its head, the spans that reach into it counted (a row one short
    had read as a shifted row)."""
    for number, case in enumerate(CASES):
        table, _, _ = _imported(tmp_path / str(number), case.given)
        found = render_block(table)
        assert found.problems == () and found.html.count("<table") == 1, (case.title, table)
        tree = lxml.html.fragment_fromstring(found.html, create_parent="div")
        taken: set[tuple[int, int]] = set()
        widths = set()
        for y, row in enumerate(tree.iter("tr")):
            x = 0
            for cell in row:
                while (y, x) in taken:
                    x += 1
                down, across = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
                taken.update((y + k, x + j) for k in range(down) for j in range(across))
                x += across
            widths.add(max(x for z, x in taken if z == y) + 1)
        assert len(widths) == 1, (case.title, found.html)


def test_explain_says_how_the_spans_were_set(tmp_path: Path) -> None:
    """--explain tells each table's spans, at its line, even those that mislead no one."""
    two_rows = next(c for c in CASES if c.title.startswith("a two-row head"))
    _, _, reasons = _imported(tmp_path, two_rows.given)
    said = [r for r in reasons if "<table>" in r]
    assert said == [
        f"line {_BEFORE + 1}: <table> 'Crop Output (thousands of tons)': kept as a grid table "
        "with its spans: 2 body rows under 2 head rows; 1 spanning rows ('Crop'); 1 spanning "
        "columns ('Output')"
    ]
    overlapping = next(c for c in CASES if c.title.startswith("cells that overlap"))
    _, _, reasons = _imported(tmp_path / "flat", overlapping.given)
    named = f"line {_BEFORE + 1}: <table> 'Region Urban Rural Minsk 1,600 400 Brest'"
    assert [r for r in reasons if "<table>" in r] == [
        f"{named}: 1 cell spanning rows repeated in each ('1,600')",
        f"{named}: 1 cell spanning columns set in the first, the others blank ('Brest')",
    ]


def test_w423_is_refused_under_strict(tmp_path: Path) -> None:
    """A warning like any other: --strict refuses the page (E411) and names it."""
    from octavo.importers.batch import Options

    case = next(c for c in CASES if c.title.startswith("cells that overlap"))
    page = tmp_path / "belarus60.html"
    page.write_text(_PAGE.format(table=case.given), encoding="utf-8")
    result = import_pages([page], tmp_path / "book", options=Options(strict=True))
    (refusal,) = [d for d in result.diagnostics if d.code == "E411"]
    assert "W423" in refusal.message


def test_spans_past_the_limit_are_not_read_and_told(tmp_path: Path) -> None:
    """A hostile page's spans (1000 columns a cell, in each of 200 rows) would ask for a
    grid past MAX_TABLE_SLOTS: the table is read one cell a slot, and W423 says so at its
    line."""
    rows = "<tr><td colspan=1000>x</td><td>1</td></tr>" * 200
    table, told, _ = _imported(tmp_path, f"<table><tr><th>A</th><th>B</th></tr>\n{rows}</table>")
    assert told == ["W423 1"]
    assert table.split("\n")[:3] == ["| A | B |", "|---|---:|", "| x | 1 |"]
    assert table.count("| x | 1 |") == 200


def test_a_table_too_large_for_a_grid_is_read_as_paragraphs_and_told(tmp_path: Path) -> None:
    """One row of 320 cells over 320 rows of one: 102,400 slots one cell a slot. Its
    words are kept, a paragraph each (a pipe table of them would be 320 columns wide), and
    W423 says so at its line."""
    cells = "".join(f"<td>w{n}</td>" for n in range(320))
    rows = "".join(f"<tr><td>r{n}</td></tr>" for n in range(320))
    page = tmp_path / "belarus60.html"
    page.write_text(_PAGE.format(table=f"<table><tr>{cells}</tr>{rows}</table>"))
    result = import_pages([page], tmp_path / "book")
    assert [(d.code, d.line) for d in result.diagnostics if d.code == "W423"] == [
        ("W423", _BEFORE + 1)
    ]
    body = (tmp_path / "book" / "060-population.md").read_text(encoding="utf-8")
    assert "\n|" not in body and "\n\nw0\n\n" in body and "\n\nr319\n" in body
