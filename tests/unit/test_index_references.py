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
