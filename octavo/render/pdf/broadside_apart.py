"""A book's broadside tables moved as each is moved in its part laid out alone.

octavo.render.pdf.broadside_flow decides a table's move in a layout of the tree holding
it. A book laid out in parts (octavo.render.pdf.parallel) decides it in the layout of the
part holding the table; the one-process build decides it on the same part, laid out alone
(octavo.render.pdf.broadside_parts makes its HTML), and makes the move in the whole book's
tree, not laid out (`settle_apart`). A part whose decision read past a page reference is
decided again once the book's folios are known, given them (`settle_again`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from octavo.render.pdf.broadside_flow import Move, apply_moves, settled, table_places

__all__ = ["Apart", "settle_again", "settle_apart"]


@dataclass(frozen=True, slots=True)
class Apart:
    """The moves of a book's broadside tables decided in its parts (`settle_apart`)."""

    moves: tuple[Move, ...]
    # the parts whose decisions read past an element `cites` marked (broadside_flow
    # .settled): decided again, given other folios, they may move their tables otherwise
    cited: frozenset[str] = frozenset()


def settle_apart(
    html: Any,
    part_of: Callable[[str], str | None],
    load: Callable[[str], Any],
    cites: Callable[[Any], bool] | None = None,
) -> Apart:
    """The moves `settle_broadsides` makes, each table's decided in the layout of the part
    holding its division alone, made in `html` (the whole book, not laid out). `part_of`:
    the name of the part holding a division (by its section's id; None: the table stays);
    `load`: that part's weasyprint.HTML (octavo.render.pdf.broadside_parts). A table is
    matched by its division and its place among the division's broadside tables. Each part
    holding a table that may move is laid out (a round a table of a division, as
    `settle_broadsides`), no other. `cites`: an element whose width may change once the
    book is laid out (a page reference's stand-in folio)."""
    places = table_places(html.etree_element)
    movable = (division for (division, _), may in places if may)
    names = dict.fromkeys(n for division in movable if (n := part_of(division)) is not None)
    decided, cited = _decided(names, load, cites)
    moves = tuple(Move(at, decided.get(place, 0)) for at, (place, _) in enumerate(places))
    apply_moves(html, moves)
    return Apart(moves, cited)


def settle_again(
    html: Any,
    made: tuple[Move, ...],
    names: Iterable[str],
    load: Callable[[str], Any],
    cites: Callable[[Any], bool] | None = None,
) -> Apart:
    """`made`, the moves `settle_apart` made in `html`, with the tables of the parts
    `names` decided again in their layouts (`load`: a part's weasyprint.HTML, given other
    folios), the others' kept; nothing is made in `html`. A moved table keeps its division
    and its place among the division's tables (it never passes another)."""
    places = table_places(html.etree_element)
    decided, cited = _decided(names, load, cites)
    moves = tuple(Move(m.table, decided.get(places[m.table][0], m.after)) for m in made)
    return Apart(moves, cited)


def _decided(
    names: Iterable[str], load: Callable[[str], Any], cites: Callable[[Any], bool] | None
) -> tuple[dict[tuple[str, int], int], frozenset[str]]:
    """The move of each table (by its division and place) of the parts `names`, each part
    laid out alone; the parts whose decisions read past an element `cites` marks."""
    decided: dict[tuple[str, int], int] = {}
    cited: set[str] = set()
    for name in names:
        part = load(name)
        found = [place for place, _ in table_places(part.etree_element)]  # before they move
        moves, read = settled(part, part.render, cites)
        decided |= {found[m.table]: m.after for m in moves}
        cited |= {name} if read else set()
    return decided, frozenset(cited)
