"""A broadside table set after the text that still fits on the page before it (print only).

A table set on a landscape page (octavo.render.pdf.landscape, octavo.render.pdf.broadside)
forces a page break: where it stands in the author's order, the page before it ends where
the text before it ends, up to half a page empty. Books let the text run on to fill that
page and set the broadside table on the next one (the Chicago Manual's tables, LaTeX's
floats). Here the print tree is changed as the note fixes change it (before the layout
that is written, so that `--html` lays out to the same pages): each broadside table is
moved after the blocks that follow it and still end on the page before it.

1. The broadside tables not settled yet are taken out of the tree and the document laid out
   (with WeasyPrint's note reporting held back and no hyphen left at a page's foot, as the
   first layout of octavo.render.pdf.notes.place is), up to the page after the one each
   table's block before it ends on (octavo.render.pdf.broadside_pages): the text after
   each table runs on where the table stood.
2. For the first such table of each chapter (the page before it is then laid out as it
   will be: every table before it in its chapter is settled, and a chapter opens a page),
   the page where the block before it ends is the page before the table; the blocks after
   it that end on that page too are the ones it is set after. A paragraph cannot be split
   around a forced break, so at most the rest of one paragraph is left blank.
3. The tables go back, each settled one after its blocks; the next round settles the next
   table of each chapter (a round a table: most chapters hold one).

A table with nothing after it that it may be set after (the last block of its section, as
in octavo's generated studies) stays where it is without a layout: a book whose broadside
tables all end their sections costs no layout more.

A table moves only among its siblings (never out of its section), and never past a
heading, a section, another table or figure, or a block holding one: it stays in its
topic and the floats keep their order (their numbers, the list of tables). A table that
calls a note never moves past a block that calls one either: the notes are numbered in
the order of their calls (a counter in print, the author's order in the EPUB), and a
note's number is the same in both outputs and rises from page to page. Everything
that points to it is read from the layout of the changed tree: its page in the contents'
list, page references, bookmarks, the index's pages, a part's page map. A book laid out
in parts moves its tables in each part (`settle_broadsides` on the part's layout); the
one-process build decides on the same parts, each holding a table that may move laid out
alone, and makes their moves in the whole book's tree (octavo.render.pdf.broadside_apart,
octavo.render.pdf.broadside_parts): a layout of a chapter, never one of the book. The
EPUB keeps the author's order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from octavo.render.pdf.broadside_pages import last_pages, up_to_turns

__all__ = [
    "Move",
    "apply_moves",
    "broadside_tables",
    "settle_broadsides",
    "settled",
    "table_places",
]

_STOPS = frozenset(
    ("h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "section", "table", "figure", "nav")
)
_CHAPTERS = frozenset(("chapter", "appendix", "part-title-page"))


@dataclass(frozen=True, slots=True)
class Move:
    """A broadside table set after the `after` blocks that follow it."""

    table: int  # its place among the document's broadside tables, in document order
    after: int


def _local(tag: Any) -> str:
    return str(tag).rpartition("}")[2]


def broadside_tables(root: Any) -> list[Any]:
    """The tables of the tree set on landscape pages (classed `landscape`), in order."""
    return [
        element
        for element in root.iter()
        if _local(element.tag) == "table" and "landscape" in (element.get("class") or "").split()
    ]


def settle_broadsides(html: Any, lay_out: Callable[[], Any]) -> tuple[Move, ...]:
    """Move each broadside table of `html` (a weasyprint.HTML) after the blocks that still
    end on the page before it (see the module's docstring); its move (0: none) for each,
    in document order. `lay_out`: one layout of `html` (its document)."""
    return settled(html, lay_out)[0]


def settled(
    html: Any, lay_out: Callable[[], Any], cites: Callable[[Any], bool] | None = None
) -> tuple[tuple[Move, ...], bool]:
    """`settle_broadsides`, and whether an element `cites` marks (a page reference: its
    folio's width may turn a line) stands before the end of a block a decision read
    (`_read`): given another width, the decision may differ."""
    from octavo.render.pdf.notes.hold import held
    from octavo.render.pdf.notes.hyphens import hyphens_held

    root = html.etree_element
    tables = broadside_tables(root)
    moves: list[Move] = []
    cited = False
    waiting = list(tables)
    while waiting:
        parents = _parents(root)
        fixed = [t for t in waiting if not _movable(t, parents[t])]  # no layout needed
        moves += [Move(tables.index(t), 0) for t in fixed]
        waiting = [t for t in waiting if t not in fixed]
        if not waiting:
            break
        now = list({_chapter(t, parents): t for t in reversed(waiting)}.values())
        befores = [_before(t, parents[t]) for t in now]
        with _taken_out(waiting, parents), held(), hyphens_held(), up_to_turns(befores):
            document = lay_out()  # as the first layout, up to the pages that decide
        ends = last_pages(document, _candidates(now, parents))
        for table in now:
            after = _fitting(table, parents[table], ends)
            cited = cited or (
                cites is not None and _read(root, table, parents[table], after, cites)
            )
            _move(table, parents[table], after)
            moves.append(Move(tables.index(table), after))
        waiting = [t for t in waiting if t not in now]
    return tuple(sorted(moves, key=lambda m: m.table)), cited


def _read(root: Any, table: Any, parent: Any, after: int, cites: Callable[[Any], bool]) -> bool:
    """Whether an element `cites` marks stands before the end of the last block `_fitting`
    read for `table` (`after` of them fit: the next did not, or was the last). One after
    it is laid out after the blocks that decide and cannot change their pages; one before
    it (a page reference whose folio's width turns a line) may."""
    read = list(_following(table, parent))[: after + 1]
    last = read[-1] if read else table
    end = list(last.iter())[-1]
    for element in root.iter():
        if cites(element):
            return True
        if element is end:
            return False
    return False


def _parents(root: Any) -> dict[Any, Any]:
    return {child: parent for parent in root.iter() for child in parent}


def table_places(root: Any) -> list[tuple[tuple[str, int], bool]]:
    """Each broadside table of the tree (in order): its division (its section's id; ""
    outside any) and its place among that division's tables, and whether it may move
    (a block before it, one after it that it may be set after)."""
    parents = _parents(root)
    found: list[tuple[tuple[str, int], bool]] = []
    for table in broadside_tables(root):
        chapter = _chapter(table, parents)
        division = "" if chapter is None else chapter.get("id") or ""
        place = (division, sum(1 for (d, _), _ in found if d == division))
        found.append((place, _movable(table, parents[table])))
    return found


def apply_moves(html: Any, moves: tuple[Move, ...]) -> None:
    """The moves `settle_broadsides` made in a document of the same body, made again in
    `html` without laying it out."""
    root = html.etree_element
    tables = broadside_tables(root)
    parents = _parents(root)
    for move in moves:
        table = tables[move.table]
        _move(table, parents[table], move.after)


def _chapter(table: Any, parents: dict[Any, Any]) -> Any:
    """The chapter (or appendix) section holding `table`; None outside any."""
    node = parents.get(table)
    while node is not None:
        classes = (node.get("class") or "").split()
        if _local(node.tag) == "section" and _CHAPTERS.intersection(classes):
            return node
        node = parents.get(node)
    return None


@contextmanager
def _taken_out(tables: list[Any], parents: dict[Any, Any]) -> Iterator[None]:
    """Within, each table replaced by a stand-in that takes no room but holds its ids (the
    list of tables, a page reference, a link still find their target); back after."""
    places = [(parents[t], t, _stand_in(t)) for t in tables]
    for parent, table, stand_in in places:
        parent[list(parent).index(table)] = stand_in
    try:
        yield
    finally:
        for parent, table, stand_in in places:
            parent[list(parent).index(stand_in)] = table


_NONE = "display: block; height: 0; margin: 0; padding: 0; border: 0"


def _stand_in(table: Any) -> Any:
    """An empty block holding an empty block for each id of `table` (side by side: a table
    of many index marks makes no deep tree)."""
    namespace = str(table.tag)[: -len(_local(table.tag))]
    outer = table.makeelement(namespace + "div", {"style": _NONE})
    outer.tail = table.tail
    for ident in [e.get("id") for e in table.iter() if e.get("id")]:
        outer.append(outer.makeelement(namespace + "div", {"id": ident, "style": _NONE}))
    return outer


def _following(table: Any, parent: Any) -> Iterator[Any]:
    """The blocks after `table` it may be set after: up to the first that is or holds a
    heading, a section or another float, or (when `table` calls a note) calls a note."""
    children = list(parent)
    notes = _calls_note(table)
    for sibling in children[children.index(table) + 1 :]:
        if any(_local(e.tag) in _STOPS for e in sibling.iter()):
            return
        if notes and _calls_note(sibling):
            return  # set after it, the table's notes would be numbered after its own
        yield sibling


def _calls_note(element: Any) -> bool:
    """Whether `element` is or holds a note (a data date's or an author's: `data-note`)."""
    return any(e.get("data-note") is not None for e in element.iter())


def _movable(table: Any, parent: Any) -> bool:
    """Whether `table` has a block before it and one after it that it may be set after."""
    if _before(table, parent) is None or (table.tail or "").strip():
        return False
    return next(_following(table, parent), None) is not None


def _candidates(tables: list[Any], parents: dict[Any, Any]) -> set[Any]:
    """The blocks whose pages decide the tables' moves: the one before each, those after."""
    found: set[Any] = set()
    for table in tables:
        before = _before(table, parents[table])
        if before is not None:
            found.add(before)
            found.update(_following(table, parents[table]))
    return found


def _before(table: Any, parent: Any) -> Any:
    children = list(parent)
    at = children.index(table)
    return children[at - 1] if at > 0 else None


def _fitting(table: Any, parent: Any, ends: dict[Any, int]) -> int:
    """How many of the blocks after `table` (`_movable`) end on the page where the block
    before it ends, laid out without it."""
    before = _before(table, parent)
    if before not in ends:
        return 0
    page = ends[before]
    count = 0
    for at, block in enumerate(_following(table, parent), start=1):
        if block not in ends:
            continue  # no box (nothing to lay out): it goes where its neighbours go
        if ends[block] != page or (block.tail or "").strip():
            break
        count = at
    return count


def _move(table: Any, parent: Any, after: int) -> None:
    if after <= 0:
        return
    children = list(parent)
    target = children[children.index(table) + after]
    parent.remove(table)
    parent.insert(list(parent).index(target) + 1, table)
