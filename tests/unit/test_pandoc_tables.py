"""pandoc's simple and multiline tables, and its caption and cell forms, read as pandoc
reads them (markdown-it made a paragraph over a rule, or a row a setext heading)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from octavo.render.markdown import render_block
from octavo.render.pandoc_tables import split_cells

SIMPLE = """\
  Right     Left     Center     Default
-------     ------ ----------   -------
     12     12        12            12
    123     123       123          123

Table:  Demonstration of simple table syntax.
"""

MULTILINE = """\
-------------------------------------------------------------
 Centered   Default           Right Left
  Header    Aligned         Aligned Aligned
----------- ------- --------------- -------------------------
   First    row                12.0 Example of a row that
                                    spans multiple lines.

  Second    row                 5.0 Here's another one. Note
                                    the blank line between
                                    rows.
-------------------------------------------------------------

Table: Here's the caption. It, too, may span
multiple lines.
"""

HEADERLESS = """\
-------     ------ ----------   -------
     12     12        12             12
    123     123       123           123
-------     ------ ----------   -------
"""


def _cells(html: str, tag: str) -> list[tuple[str, str]]:
    found = re.findall(rf'<{tag}(?=[ >])(?: class="align-(\w+)")?[^>]*>(.*?)</{tag}>', html, re.S)
    return [(align, " ".join(words.split())) for align, words in found]


def test_a_simple_table_from_pandocs_manual() -> None:
    fragment = render_block(SIMPLE)
    html = fragment.html
    assert html.startswith('<table class="table" id="s-table-1">')
    assert "Demonstration of simple table syntax.</caption>" in html
    assert _cells(html, "th") == [
        ("right", "Right"),
        ("left", "Left"),
        ("center", "Center"),
        ("", "Default"),
    ]
    assert _cells(html, "td")[4:] == [
        ("right", "123"),
        ("left", "123"),
        ("center", "123"),
        ("", "123"),
    ]
    assert [t.number for t in fragment.tables] == ["1"] and "<hr" not in html


def test_a_multiline_table_from_pandocs_manual() -> None:
    html = render_block(MULTILINE).html
    assert "<h" not in html.replace("<hr", "") and "<hr" not in html  # no row a heading
    assert _cells(html, "th") == [
        ("center", "Centered Header"),
        ("", "Default Aligned"),
        ("right", "Right Aligned"),
        ("left", "Left Aligned"),
    ]
    assert _cells(html, "td") == [
        ("center", "First"),
        ("", "row"),
        ("right", "12.0"),
        ("left", "Example of a row that spans multiple lines."),
        ("center", "Second"),
        ("", "row"),
        ("right", "5.0"),
        ("left", "Here\u2019s another one. Note the blank line between rows."),
    ]
    assert "Here\u2019s the caption. It, too, may span\nmultiple lines.</caption>" in html


def test_tables_without_a_header() -> None:
    simple = render_block(HEADERLESS).html
    assert "<thead>" not in simple and len(_cells(simple, "td")) == 8
    assert _cells(simple, "td")[:4] == [
        ("right", "12"),
        ("left", "12"),
        ("center", "12"),
        ("right", "12"),
    ]
    lines = MULTILINE.splitlines()
    multiline = "\n".join([lines[3], *lines[4:10], lines[3]]) + "\n"
    assert [w for _, w in _cells(render_block(multiline).html, "td")][3::4] == [
        "Example of a row that spans multiple lines.",
        "Here\u2019s another one. Note the blank line between rows.",
    ]


def test_captions_where_pandoc_reads_them() -> None:
    """`Table: …` right under a pipe table's last row, and `: …` above a table after a
    paragraph (not a definition list), are the table's caption; a definition list with
    no table after it stays one."""
    under = render_block("| A | B |\n|---|---|\n| 1 | 2 |\nTable: Under the rows.\n").html
    assert "Under the rows.</caption>" in under and len(_cells(under, "td")) == 2
    above = render_block("Intro.\n\n: Above the table.\n\n| A |\n|---|\n| 1 |\n").html
    assert above.startswith("<p>Intro.</p>\n<table") and "Above the table.</caption>" in above
    kept = render_block("A term\n\n: its definition\n\nText.\n").html
    assert kept.startswith("<dl>\n<dt>A term</dt>")


def test_a_pipe_inside_a_code_span_is_in_its_cell() -> None:
    html = render_block("| Code | Value |\n|---|---|\n| `a|b` | x |\n").html
    assert _cells(html, "td") == [("", "<code>a|b</code>"), ("", "x")]
    assert split_cells(r"| a \| b | ``c|`d`` | e") == ["", r" a | b ", " ``c|`d`` ", " e"]


def test_a_rule_and_a_setext_heading_are_still_theirs() -> None:
    html = render_block("Text.\n\n-----\n\nHeading\n-------\n\nMore.\n").html
    assert "<hr />" in html and '<h3 id="s-heading"' in html and "<table" not in html


def test_a_table_is_looked_for_only_where_a_line_or_the_next_begins_with_a_dash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """markdown-it tries the rule at every block's start (issue 17: the bench's study paid
    for it at each paragraph): a table is read only where its first or second line can
    be dashes; the tables are read as before."""
    from octavo.render import pandoc_tables

    tried: list[int] = []
    read = pandoc_tables._read

    def counted(line: Callable[[int], str], start: int, end: int) -> pandoc_tables.Read | None:
        tried.append(start)
        return read(line, start, end)

    monkeypatch.setattr(pandoc_tables, "_read", counted)
    source = "Words.\n\n> quoted\n\n- an item\n\n  -----  ----\n  a      b\n  -----  ----\n"
    assert render_block(source).html.count("<table") == 1
    assert tried == [4, 6]  # the item (the next line, blank, no dash) and the table
