"""An index cross-reference naming no entry (W519): "Hanseatic League, see Hanse" with no
Hanse in the index is a dead end for the reader (found by an author's walk)."""

from __future__ import annotations

from octavo import api
from tests.conftest import MakeBook, section_source


def test_a_see_naming_no_entry_is_a_warning(make_book: MakeBook) -> None:
    body = (
        "Intro.\n\n"  # the body's first line is the file's 11th
        'The [Hanse]{index="Hanseatic League" see="Hanse"}, [trade]{.index seealso="Commerce"}\n'
        'and [ports]{index="Ports" seealso="Hanseatic League"} and [Lumen]{index="Towns!Lumen"}\n'
        'and [the capital]{index="Capital" see="Towns!Lumen"}.\n'
    )
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    _, found = api.manuscript(book)
    dead = [(d.code, d.line, d.message.split("'")[1]) for d in found if d.code == "W519"]
    assert dead == [("W519", 13, "Commerce"), ("W519", 13, "Hanse")]  # each's line in the file


def test_a_reference_that_does_not_resolve_names_the_nearest(make_book: MakeBook) -> None:
    """W512 says which id or section file was probably meant (found by an author's walk:
    '{#charters}' linked as '@sec:charters' said only 'no id')."""
    body = (
        "See [x](#sec:charter), [y](002-ports.md), @tbl:gpd and [z](#zzzz).\n\n"
        "## Charters {#sec:charters}\n\nText.\n\nTable: GDP {#tbl:gdp}\n\n| a |\n|---|\n| 1 |\n"
    )
    book = make_book(
        {
            "001-a.md": section_source(1, "Trade", total=2, body=body),
            "002-port.md": section_source(2, "Port", total=2),
        }
    )
    _, found = api.manuscript(book)
    hints = [d.hint for d in found if d.code == "W512"]
    assert hints[:3] == [
        "did you mean '#sec:charters'?",
        "did you mean '002-port.md'?",
        "did you mean '#tbl:gdp'?",
    ]
    assert "did you mean" not in hints[3]


def test_a_reference_that_does_not_resolve_is_quoted_as_written(make_book: MakeBook) -> None:
    """W512 quotes the link as its author wrote it, at its line: markdown-it hands a link's
    letters beyond ASCII over %-escaped ('caf%C3%A9.md' for 'café.md'), and an author's own
    %-escapes must not come back decoded."""
    body = (
        "See [x](café.md) and\n"
        "[y](caf%C3%A9s.md), [z](#r%C3%A9sum%C3%A9) and [w][r].\n\n"
        "[r]: sub/thé.md#n°1\n"
    )
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    _, found = api.manuscript(book)
    quoted = [(d.line, d.message.split("'")[1]) for d in found if d.code == "W512"]
    assert quoted == [
        (11, "café.md"),
        (12, "caf%C3%A9s.md"),
        (12, "#r%C3%A9sum%C3%A9"),
        (12, "sub/thé.md#n°1"),
    ]


def test_a_reference_in_a_note_is_quoted_as_written_at_its_own_line(make_book: MakeBook) -> None:
    """session 49: a link in a note's text was quoted %-escaped and told at the body's first
    line (the notes' links were not among the text's); a link written `<my café.md>` or
    `\\\\x.md` was quoted %-escaped too (the destination's pattern stopped at the space,
    and knew no backslash escape); and an author's own `caf%C3%A9.md` was told at the
    line of the first link to the same address. Each is quoted as written, at its line
    (an inline note's at its call's)."""
    body = (
        "Intro [a](café.md) here.\n\n"  # 11
        "Called[^a] and ^[inline [q](né.md) note].\n\n"  # 13
        "[^a]: A note with [x](café.md) link\n"  # 15
        "    and [y](caf%C3%A9.md) second.\n\n"  # 16
        "Last [z](<my café.md>), <not a link.md>,\n"  # 18
        '[w](\\\\x.md) and [v](a(b).md "T").\n'  # 19
    )
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    _, found = api.manuscript(book)
    quoted = sorted((d.line, d.message.split("'")[1]) for d in found if d.code == "W512")
    assert quoted == [
        (11, "café.md"),
        (13, "né.md"),
        (15, "café.md"),
        (16, "caf%C3%A9.md"),
        (18, "my café.md"),
        (19, "\\\\x.md"),
        (19, "a(b).md"),
    ]
