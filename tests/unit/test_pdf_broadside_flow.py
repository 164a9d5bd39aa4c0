"""octavo.render.pdf.broadside_flow: a broadside table moved after the blocks that still end
on the page before it, laid out by WeasyPrint on small pages (30 lines of text a page)."""

from __future__ import annotations

from typing import Any

import pytest

from octavo.render.pdf.broadside_apart import settle_again, settle_apart
from octavo.render.pdf.broadside_flow import Move, apply_moves, settle_broadsides, settled

STYLE = """<style>
@page { size: 300pt 400pt; margin: 20pt; }
@page landscape { size: 400pt 300pt; }
html { font: 10pt/12pt serif; }
body, p, h1, h2 { margin: 0; }
h1, h2 { font-size: 10pt; }
table.landscape { page: landscape; }
a.page::after { content: target-counter(attr(href), page); }
</style>"""


def _lines(ident: str, count: int) -> str:
    """A paragraph of `count` lines (each word a line: the page is narrower than none)."""
    return f'<p id="{ident}">' + "<br>".join(["line"] * count) + "</p>"


def _table(ident: str) -> str:
    return f'<table class="table wide landscape" id="{ident}"><tr><td>1</td></tr></table>'


def _html(*blocks: str) -> Any:
    from weasyprint import HTML

    body = "".join(blocks)
    return HTML(string=f'{STYLE}<section class="chapter"><h1 id="c">C</h1>{body}</section>')


def _order(html: Any) -> list[str]:
    return [e.get("id") for e in html.etree_element.iter() if e.get("id")]


def _settled(html: Any) -> tuple[Move, ...]:
    return settle_broadsides(html, html.render)


def test_the_table_goes_after_the_blocks_that_end_on_the_page_before_it() -> None:
    """20 lines on the first page after the heading and one line: two paragraphs of 3 end
    on it; the long one after them does not, and the table is set before it."""
    html = _html(_lines("b", 1), _table("t"), _lines("a1", 3), _lines("a2", 3), _lines("x", 40))
    assert _settled(html) == (Move(0, 2),)
    assert _order(html) == ["c", "b", "a1", "a2", "t", "x"]


@pytest.mark.parametrize(
    ("stop", "after"),
    [
        ('<h2 id="h">H</h2>', 1),
        ('<figure id="f"><p>F</p></figure>', 1),
        ('<div id="d"><h2>H</h2></div>', 1),
        ('<table id="n"><tr><td>2</td></tr></table>', 1),
        ('<section id="s"><p>S</p></section>', 1),
    ],
    ids=["heading", "figure", "a-block-holding-a-heading", "another-table", "section"],
)
def test_the_table_never_moves_past_a_heading_or_another_float(stop: str, after: int) -> None:
    html = _html(_lines("b", 1), _table("t"), _lines("a1", 3), stop, _lines("a2", 3))
    assert _settled(html) == (Move(0, after),)
    order = _order(html)
    assert order.index("t") == order.index("a1") + 1


_NOTE = '<span class="note" data-note="{n}">N</span>'


@pytest.mark.parametrize(
    ("table_note", "after"),
    [(True, 1), (False, 2)],
    ids=["a-table-calling-a-note-stops-there", "a-table-without-notes-moves-past"],
)
def test_a_table_calling_a_note_never_moves_past_another_call(table_note: bool, after: int) -> None:
    """ut46: set after a paragraph that calls a note, a table's own note got the next
    number in print (page order) but the one before in the EPUB (the author's order), and
    `check` said E611. A table that calls a note stops at a block that calls one."""
    note = _NOTE.format(n=2) if table_note else ""
    table = f'<table class="table wide landscape" id="t"><tr><td>1{note}</td></tr></table>'
    called = '<p id="a2">line' + _NOTE.format(n=3) + "</p>"
    html = _html(_lines("b", 1), table, _lines("a1", 3), called, _lines("x", 40))
    assert _settled(html) == (Move(0, after),)


def test_the_decision_lays_out_only_up_to_the_page_after_the_turn() -> None:
    """The pages after the one following the turn decide nothing: the decision's layout
    stops there (3 of 8 pages: the block before the table ends on page 2, page 3 is read),
    and the move is the one a whole layout gives."""
    blocks = (_lines("p", 40), _lines("b", 1), _table("t"), _lines("a1", 3), _lines("x", 150))
    pages: list[int] = []

    def counted(html: Any) -> Any:
        document = html.render()
        pages.append(len(document.pages))
        return document

    html = _html(*blocks)
    assert settle_broadsides(html, lambda: counted(html)) == (Move(0, 1),)
    whole = _html(*blocks)
    assert len(whole.render().pages) == 8 and pages == [3]
    assert _order(html) == ["c", "p", "b", "a1", "t", "x"]


def test_where_nothing_fits_nothing_moves() -> None:
    html = _html(_lines("b", 26), _table("t"), _lines("a1", 5), _lines("a2", 3))
    assert _settled(html) == (Move(0, 0),)
    assert _order(html) == ["c", "b", "t", "a1", "a2"]


def test_the_table_stays_in_its_section() -> None:
    """The blocks after the end of its section (the next section's heading) are not its."""
    html = _html(
        '<section id="s1">',
        _lines("b", 1),
        _table("t"),
        _lines("a1", 2),
        '</section><section id="s2">',
        _lines("n", 3),
        "</section>",
    )
    assert _settled(html) == (Move(0, 1),)
    assert _order(html) == ["c", "s1", "b", "a1", "t", "s2", "n"]


def test_two_tables_of_a_chapter_are_settled_one_after_the_other() -> None:
    """The second table's page before is laid out with the first moved (its own round)."""
    html = _html(
        _lines("b", 1),
        _table("t1"),
        _lines("a1", 3),
        _lines("x", 30),
        _table("t2"),
        _lines("a2", 3),
        _lines("y", 40),
    )
    assert _settled(html) == (Move(0, 1), Move(1, 1))
    assert _order(html) == ["c", "b", "a1", "t1", "x", "a2", "t2", "y"]


def test_the_moves_made_again_without_a_layout() -> None:
    blocks = (_lines("b", 1), _table("t"), _lines("a1", 3), _lines("a2", 3), _lines("x", 40))
    moves = _settled(_html(*blocks))
    again = _html(*blocks)
    apply_moves(again, moves)
    assert _order(again) == ["c", "b", "a1", "a2", "t", "x"]


def _never() -> None:
    raise AssertionError("laid out")


def test_a_document_without_a_broadside_table_is_not_laid_out() -> None:
    assert settle_broadsides(_html(_lines("b", 1)), _never) == ()


def test_a_table_ending_its_section_stays_without_a_layout() -> None:
    """Nothing after it may go before it (as in octavo's generated studies): no layout."""
    html = _html(_lines("b", 1), _table("t"), '<h2 id="h">H</h2>', _lines("a", 1))
    assert settle_broadsides(html, _never) == (Move(0, 0),)
    assert _order(html) == ["c", "b", "t", "h", "a"]


def test_the_ids_of_the_table_are_kept_while_it_is_out() -> None:
    """A link or a list of tables that points into the table finds its target in the
    layout made without it (WeasyPrint would log an undefined anchor)."""
    seen: list[list[str]] = []
    html = _html(
        '<p>See page <a class="page" href="#cell"></a>.</p>',
        _lines("b", 1),
        _table("t").replace("<td>1", '<td id="cell">1'),
        _lines("a1", 3),
    )

    def lay_out() -> Any:
        seen.append(_order(html))
        return html.render()

    settle_broadsides(html, lay_out)
    assert seen == [["c", "b", "t", "cell", "a1"]]


def _chapter(ident: str, *blocks: str) -> str:
    return f'<section class="chapter" id="{ident}-section"><h1 id="{ident}">C</h1>{"".join(blocks)}</section>'


def test_each_table_is_decided_in_its_part_alone() -> None:
    """The whole book is never laid out: the part holding a table that may move is, once
    (a round), and its moves are made in the book's tree, matched by division and order;
    a part whose tables all stay (one ending its section) or that holds none is not even
    made."""
    from weasyprint import HTML

    one = (_lines("b", 1), _table("t1"), _lines("a1", 3), _lines("a2", 3), _lines("x", 40))
    two = (_lines("d", 2), _table("t2"), '<h2 id="h">H</h2>', _lines("e", 3))
    three = (_lines("f", 50),)
    chapters = {
        "c1": _chapter("c1", *one),
        "c2": _chapter("c2", *two),
        "c3": _chapter("c3", *three),
    }
    book = HTML(string=STYLE + "".join(chapters.values()))
    book.render = _never
    loaded: list[str] = []
    layouts: list[str] = []

    def load(name: str) -> Any:
        loaded.append(name)
        part = HTML(string=STYLE + chapters[name])
        render = part.render

        def counted() -> Any:
            layouts.append(name)
            return render()

        part.render = counted
        return part

    moves = settle_apart(book, lambda division: division.removesuffix("-section"), load).moves
    assert moves == (Move(0, 2), Move(1, 0))
    assert (loaded, layouts) == (["c1"], ["c1"])
    assert _order(book) == [
        *("c1-section", "c1", "b", "a1", "a2", "t1", "x"),
        *("c2-section", "c2", "d", "t2", "h", "e"),
        *("c3-section", "c3", "f"),
    ]


def test_a_table_outside_the_parts_stays() -> None:
    """A division no part holds (`part_of` None): its table is not decided, nothing is
    laid out."""
    blocks = (_lines("b", 1), _table("t"), _lines("a1", 3))
    book = _html(*blocks)
    moves = settle_apart(book, lambda division: None, lambda name: _never()).moves
    assert moves == (Move(0, 0),)
    assert _order(book) == ["c", "b", "t", "a1"]


def _cites(element: Any) -> bool:
    return "cite" in (element.get("class") or "").split()


@pytest.mark.parametrize(
    ("where", "cited"),
    [("b", True), ("a1", True), ("x", True), ("y", False)],
    ids=["before-the-table", "set-before-it", "the-first-not-set", "after-those-read"],
)
def test_a_decision_says_whether_it_read_past_a_cited_element(where: str, cited: bool) -> None:
    """`settled` says whether an element it is asked about (a page reference: its folio's
    width may turn a line) stands before the end of the last block a decision read: the
    one before the table, those set before it, the first that was not (x); one after
    them (y) is laid out after them and changes no decision."""
    blocks = {"b": _lines("b", 1), "a1": _lines("a1", 3), "x": _lines("x", 40)}
    blocks["y"] = _lines("y", 2)
    blocks[where] = blocks[where].replace("</p>", '<span class="cite">00</span></p>')
    html = _html(blocks["b"], _table("t"), blocks["a1"], _lines("a2", 3), blocks["x"], blocks["y"])
    assert settled(html, html.render, _cites) == ((Move(0, 2),), cited)


def test_a_part_decided_again_changes_its_own_moves_alone() -> None:
    """`settle_again`: the tables of the parts named are decided again in their layouts
    (the part's first block longer here, as a wider folio makes it), the others keep
    their moves, and the book's tree is not touched."""
    from weasyprint import HTML

    one = (_lines("b", 1), _table("t1"), _lines("a1", 3), _lines("a2", 3), _lines("x", 40))
    two = (_lines("d", 1), _table("t2"), _lines("e", 3), _lines("z", 40))
    chapters = {"c1": _chapter("c1", *one), "c2": _chapter("c2", *two)}
    book = HTML(string=STYLE + "".join(chapters.values()))
    book.render = _never
    made = settle_apart(
        book, lambda d: d.removesuffix("-section"), lambda n: HTML(string=STYLE + chapters[n])
    )
    assert made.moves == (Move(0, 2), Move(1, 1)) and made.cited == frozenset()
    order = _order(book)
    longer = _chapter("c1", _lines("b", 24), *one[1:])
    again = settle_again(book, made.moves, ["c1"], lambda n: HTML(string=STYLE + longer))
    assert again.moves == (Move(0, 1), Move(1, 1))
    assert _order(book) == order
