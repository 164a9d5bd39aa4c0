"""A tall wide table cut into parts of a phone's page (octavo.render.epub.table_parts): its
head in each part, its foot in the last, never a cut inside a row span, parts as even as
the spans allow, a table that cannot be cut left whole."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from octavo.render.epub.table_parts import parts

HEAD = '<thead>\n<tr>\n<th scope="col">Year</th>\n<th scope="col">Out­put</th>\n</tr>\n</thead>\n'


def _rows(first: int, count: int) -> str:
    return "".join(
        f"<tr>\n<td>{n}</td>\n<td>{n * 7}</td>\n</tr>\n" for n in range(first, first + count)
    )


def _table(
    body: str, head: str = HEAD, foot: str = "", opening: str = '<table class="table wide">'
) -> str:
    return f"{opening}<colgroup></colgroup>\n{head}{body}{foot}</table>"


def _cells(table: str) -> list[str]:
    return re.findall(r"<td>(\d+)</td>\n<td>", table)


@pytest.mark.parametrize(
    ("rows", "sizes"), [(19, [19]), (20, [10, 10]), (45, [15, 15, 15]), (46, [16, 16, 14])], ids=str
)
def test_a_tall_table_is_cut_into_even_parts_each_with_its_head(
    rows: int, sizes: list[int]
) -> None:
    table = _table(f"<tbody>\n{_rows(0, rows)}</tbody>\n")
    got = parts(table, 20)
    assert [len(_cells(p)) for p in got] == sizes
    assert [c for p in got for c in _cells(p)] == _cells(table)  # every row once, in order
    for part in got:
        ElementTree.fromstring(part)  # each part a table of its own, well-formed
        assert part.startswith('<table class="table wide"><colgroup></colgroup>\n<thead>')
        assert part.count("<thead>") == 1 and part.count("<tr>") <= 20
    if len(got) == 1:
        assert got == (table,)  # as it was


def test_a_cut_never_falls_inside_a_row_span_and_the_foot_goes_last() -> None:
    """A grid table's region over its two rows stays whole; its totals end the last part."""
    pairs = "".join(
        f'<tr>\n<th rowspan="2" scope="row">R{n}</th>\n<td>{n}</td>\n</tr>\n'
        f'<tr class="spanned">\n<td>{n}</td>\n</tr>\n'
        for n in range(12)
    )
    foot = '<tfoot>\n<tr>\n<th scope="row">Total</th>\n<td>9</td>\n</tr>\n</tfoot>\n'
    got = parts(_table(f"<tbody>\n{pairs}</tbody>\n", foot=foot), 10)
    assert len(got) == 3
    for part in got:
        ElementTree.fromstring(part)
        body = part[part.index("<tbody>") : part.index("</tbody>")]
        assert body.count("<tr>") == body.count('<tr class="spanned">')  # whole pairs
    assert [p.count("<tfoot>") for p in got] == [0, 0, 1]
    assert got[-1].index("</tbody>") < got[-1].index("<tfoot>")


def test_bodies_stay_bodies_and_the_table_s_own_id_stays_on_the_first_part() -> None:
    """Two row groups (a subheading over each): a part holding rows of both has both."""
    body = f'<tbody>\n{_rows(0, 6)}</tbody>\n<tbody class="b">\n{_rows(6, 6)}</tbody>\n'
    got = parts(_table(body, opening='<table class="table wide" id="tbl:x">'), 5)
    assert len(got) == 3
    assert got[0].startswith('<table class="table wide" id="tbl:x">')
    assert sum(p.count('id="tbl:x"') for p in got) == 1
    assert (
        sum(p.count("<tbody>") for p in got) == 2
        and sum(p.count('<tbody class="b">') for p in got) == 2
    )
    for part in got:
        ElementTree.fromstring(part)


@pytest.mark.parametrize(
    "table",
    [
        _table(
            f"<tbody>\n{_rows(0, 30)}</tbody>\n".replace(
                "<td>0</td>", "<td><table><tr><td>x</td></tr></table></td>"
            )
        ),
        _table(
            f"<tbody>\n{_rows(0, 30)}</tbody>\n",
            head=HEAD.replace('scope="col">Year', 'scope="col" id="y">Year'),
        ),
        _table(f"<tbody>\n{_rows(0, 30)}</tbody>\n", head=""),
        _table(
            f"<tbody>\n{_rows(0, 30)}</tbody>\n".replace("<td>0</td>", '<td rowspan="25">0</td>')
        ),
    ],
    ids=["table-inside", "id-in-head", "no-head", "span-taller-than-a-page"],
)
def test_a_table_that_cannot_be_cut_is_left_whole(table: str) -> None:
    assert parts(table, 20) == (table,)


def _groups(sizes: tuple[int, ...]) -> str:
    """A grid table's bodies: each group's subheading (th scope="rowgroup", as
    octavo.render.grid_tables writes it) opening its own tbody, over its rows."""
    out, first = [], 0
    for n, size in enumerate(sizes, 1):
        heading = f'<tr>\n<th colspan="2" scope="rowgroup">Group {n}</th>\n</tr>\n'
        out.append(f"<tbody>\n{heading}{_rows(first, size)}</tbody>\n")
        first += size
    return "".join(out)


@pytest.mark.parametrize(
    ("sizes", "rows"),
    [((1, 6, 10), 20), ((1, 6, 10), 10), ((3,) * 7, 10), ((12, 2, 9), 8), ((25,), 10)],
    ids=str,
)
def test_a_group_s_heading_stays_with_its_rows_and_heads_each_part_it_runs_on_to(
    sizes: tuple[int, ...], rows: int
) -> None:
    """A grid table's subheading never ends a part alone (groups of 1, 6 and 10 rows at 20
    a part: the first part ended with "Group 3", its rows in the next part without it), and a
    part that begins inside a group begins with its heading again, as with the head."""
    table = _table(_groups(sizes))
    got = parts(table, rows)
    assert len(got) > 1
    assert [c for p in got for c in _cells(p)] == _cells(table)  # every row once, in order
    for part in got:
        ElementTree.fromstring(part)
        assert part.count("<tr>") <= rows
        body_rows = re.findall(r"<tr>.*?</tr>", part.split("</thead>")[1], re.S)
        assert "rowgroup" in body_rows[0], part  # each part begins with a group's heading
        assert "rowgroup" not in body_rows[-1], part  # and never ends with one
    group = [n for n, size in enumerate(sizes, 1) for _ in range(size)]  # each row's
    for part in got:  # a part's first heading: its first row's group's (repeated if need be)
        first = int(_cells(part)[0])
        assert re.search(r"Group (\d+)", part)[1] == str(group[first]), part  # type: ignore[index]
