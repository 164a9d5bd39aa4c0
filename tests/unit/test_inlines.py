"""A problem inside a paragraph is reported on its own line of the file, not on the
paragraph's first (octavo.render.inlines, octavo.render.tokens.child_lines): a walk found
a broken link on a paragraph's third line reported two lines above it, where the author
looked for it in vain."""

from __future__ import annotations

import pytest

from octavo import api
from octavo.errors import BuildError
from octavo.render.markdown import render_block
from tests.conftest import MakeBook, section_source


def test_each_problem_of_a_paragraph_is_on_its_own_line(make_book: MakeBook) -> None:
    body = (
        "Intro.\n\n"  # the body's first line is the file's 11th
        "A paragraph opens here,\n"  # 13
        "goes on to [x](#nowhere) and\n"  # 14
        "to ![](images/none.png) and a call[^nope],\n"  # 15
        "then @tbl:none\n"  # 16
        "and [y](\n"  # 17
        "002-b.md) at last.\n"  # 18: the address's line
    )
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    with pytest.raises(BuildError) as raised:  # the missing image
        api.manuscript(book)
    lines = sorted(
        (d.code, d.line)
        for d in raised.value.diagnostics
        if d.code in ("W509", "W510", "W512", "E505")
    )
    assert lines == [
        ("E505", 15),
        ("W509", 15),
        ("W510", 15),
        ("W512", 14),
        ("W512", 16),
        ("W512", 18),
    ]


def test_lines_count_the_breaks_of_a_list_item_and_a_raw_tag() -> None:
    text = "- one\n  two [a](#a)\n\nSome <span\ntitle='x'>words</span> and [b](#b).\n"
    assert render_block(text).links == (("#a", 1), ("#b", 4))


def test_an_inline_of_one_text_is_read_as_any() -> None:
    """A table's cell or a one-line paragraph (one text token, walked the short way): its
    cross-reference linked, its display math and citations told, its index span marked."""
    source = (
        "| a | b |\n|---|---|\n| see @tbl:gdp | $$x^2$$ |\n| [@doe99] | [GDP]{.index} |\n\n"
        "Table: GDP {#tbl:gdp}\n\nAlone: $$y$$\n"
    )
    fragment = render_block(source)
    assert 'href="#tbl:gdp"' in fragment.html
    assert sorted(p.code for p in fragment.problems) == ["W504", "W504", "W504"]
    assert [m.text for m in fragment.marks] == ["GDP"]
