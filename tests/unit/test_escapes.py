"""pandoc's backslash-escaped space (octavo.render.escapes): `Mr.\\ Smith` is a no-break space
wherever inline Markdown is read; pandoc's other backslashes read as before."""

from __future__ import annotations

import pytest

from octavo.render.markdown import render_block, render_inline

NBSP = "\u00a0"
WJ = "\u2060"  # octavo's word joiner round a range's dash


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("Mr.\\ Smith paid 100\\ lumens.", f"<p>Mr.{NBSP}Smith paid 100{NBSP}lumens.</p>"),
        ("a\\\nb", "<p>a<br />\nb</p>"),  # a backslash ending a line: a hard break
        ("a\\\\ b", "<p>a\\ b</p>"),  # an escaped backslash, then a space
        ("\\*a\\* \\. \\#", "<p>*a* . #</p>"),  # escaped punctuation
        ("`a\\ b` and \\ x", f"<p><code>a\\ b</code> and {NBSP}x</p>"),  # code keeps it
        ("end\\", "<p>end\\</p>"),  # a backslash ending the paragraph
        ('"Mr.\\ Smith"', f"<p>\u201cMr.{NBSP}Smith\u201d</p>"),  # quotes curled round it
        ("1945--1960\\ AD", f"<p>1945{WJ}\u2013{WJ}1960{NBSP}AD</p>"),  # octavo's joins kept
        ("**10\\ km**", f"<p><strong>10{NBSP}km</strong></p>"),
    ],
    ids=["spaces", "hard-break", "escaped-backslash", "punctuation", "code", "last", "quotes",
         "dash", "strong"],
)  # fmt: skip
def test_escaped_space(source: str, html: str) -> None:
    assert render_block(source).html == html + "\n"


def test_in_a_heading_its_id_and_label() -> None:
    fragment = render_block("# Mr.\\ Smith\n\nSee [Mr.\\ Smith].\n")
    heading = fragment.headings[0]
    assert heading.id == "s-mr-smith" and heading.title_html == f"Mr.{NBSP}Smith"
    assert f'data-label="Mr.{NBSP}Smith"' in fragment.html  # the PDF bookmark's text
    assert '<a href="#s-mr-smith" class="xref">Mr.' in fragment.html


def test_in_a_table_cell_a_caption_a_note_and_an_index_mark() -> None:
    body = (
        "| a | b |\n|---|---|\n| 100\\ km | x |\n\nTable: Length in 5\\ km {#tbl:x}\n\n"
        "Simple  Table\n------  -----\n12\\ km  x\n\n"
        "[Mr.\\ Jones]{.index} wrote.[^n]\n\n[^n]: See p.\\ 5.\n"
    )
    fragment = render_block(body)
    assert f"<td>100{NBSP}km</td>" in fragment.html and f"<td>12{NBSP}km</td>" in fragment.html
    assert fragment.tables[0].caption_html == f"Length in 5{NBSP}km"
    assert fragment.notes[0].html == f"See p.{NBSP}5."
    assert fragment.marks[0].path == ("Mr. Jones",)  # one entry with "Mr. Jones"


def test_in_a_title() -> None:
    assert render_inline("Trade with Mr.\\ Smith") == f"Trade with Mr.{NBSP}Smith"
