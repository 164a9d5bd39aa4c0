"""A tall wide table cut into parts short enough for a phone's page, each with its head.

A wide table on a phone scrolls sideways in a box (octavo.render.epub.wide_tables), and
there its column heads keep their whole words. A box that scrolls is never split across
pages (CSS Fragmentation: it is monolithic): a paginated reader cut a 46-row table in one
box at its page's foot. Left out of a box, a tall table had to fit the screen, and its heads
were cut inside their words ("Fro|m", "Chur|ch", "Regiona|l"). Cut into parts of at most
`rows` rows, each a table of its own with the head repeated (as print repeats it on each
page a table runs on to), every part fits a page and scrolls in a box of its own.

A cut falls between two rows of one body, never inside a row span (a region's name over
its two rows), and as evenly as those allow (45 rows: three parts of 15, not 19, 19 and
7); the foot (totals) goes with the last part, the column groups with every part, the
table's own id with the first. A grid table's group (a `<tbody>` its subheading opens,
`th scope="rowgroup"`: octavo.render.grid_tables) keeps its heading with its first row,
never the last row of a part, and a part that begins inside a group begins with that
group's heading again, as it begins with the head. A table that cannot be cut so is left
whole: a table inside it, an id in its head (it would be repeated), a head or a span too
tall.
"""

from __future__ import annotations

import re

__all__ = ["parts"]

_NESTED = re.compile(r"<table\b")
_HEAD = re.compile(r"<thead\b.*?</thead>\s*", re.S)
_FOOT = re.compile(r"<tfoot\b.*?</tfoot>\s*", re.S)
_BODY = re.compile(r"(<tbody\b[^>]*>)(.*?)</tbody>\s*", re.S)
_ROW = re.compile(r"<tr\b.*?</tr>\s*", re.S)
_SPAN = re.compile(r'\browspan="(\d+)"')
_ID = re.compile(r'\sid="[^"]*"')
_GROUP = 'scope="rowgroup"'

# A run of rows that stays together: (its body's number, its body's opening tag, its rows
# (the last run's the foot too), how many rows they are, the rows its group's heading
# repeats above it where it begins a part (none for a group's first run))
_Run = tuple[int, str, tuple[str, ...], int, tuple[str, ...]]


def parts(table: str, rows: int) -> tuple[str, ...]:
    """`table` (a `<table>` element's XHTML, without caption) as tables of at most `rows`
    rows each, head rows counted; `(table,)` if it is that short or cannot be cut."""
    opening_end = table.index(">") + 1
    opening, inner = table[:opening_end], table[opening_end : table.rindex("</table>")]
    if table.count("<tr") <= rows or _NESTED.search(inner):
        return (table,)
    head = _HEAD.search(inner)
    bodies = list(_BODY.finditer(inner))
    if head is None or not bodies or _ID.search(head[0]):
        return (table,)
    foot = _FOOT.search(inner)
    before = inner[: head.start()] + head[0]  # the column groups and the head
    ahead = head[0].count("<tr")
    room = rows - ahead
    runs = [run for n, body in enumerate(bodies) for run in _runs(n, body[1], body[2])]
    if not runs:
        return (table,)
    if foot is not None:  # the foot goes with the last run of rows
        n, tag, last, size, lead = runs[-1]
        runs[-1] = (n, tag, (*last, foot[0]), size + foot[0].count("<tr"), lead)
    if max(run[3] + len(run[4]) for run in runs) > room:
        return (table,)
    total = sum(run[3] for run in runs)
    cut = _cut(runs, room)
    even = _cut(runs, -(-total // len(cut)))  # as many parts, as even as the spans allow
    if len(even) == len(cut):
        cut = even
    bare = _ID.sub("", opening, count=1)
    return tuple(
        (opening if n == 0 else bare) + before + _bodies(part) + "</table>"
        for n, part in enumerate(cut)
    )


def _runs(number: int, tag: str, body: str) -> list[_Run]:
    """A body's rows in runs no cut may fall inside (a cell spanning rows holds them; a
    group's heading rows hold the row after them)."""
    found: list[_Run] = []
    run: list[str] = []
    rows = _ROW.findall(body)
    heading = 0  # the group's heading rows, the body's first (a subheading: its own body)
    while heading < len(rows) and _GROUP in rows[heading]:
        heading += 1
    lead = () if _ID.search("".join(rows[:heading])) else tuple(rows[:heading])
    reach = heading  # the last row (counted from the body's first) a span or heading holds
    for n, row in enumerate(rows):
        run.append(row)
        if "rowspan" in row:  # (most rows: none, and no pattern read)
            reach = max([reach, *(n + int(s) - 1 for s in _SPAN.findall(row))])
        reach = max(reach, n)
        if reach == n:
            found.append((number, tag, tuple(run), _rows(run), lead if found else ()))
            run = []
    if run:
        found.append((number, tag, tuple(run), _rows(run), lead if found else ()))
    return found


def _rows(run: list[str]) -> int:
    return sum(row.count("<tr") for row in run)


def _cut(runs: list[_Run], room: int) -> list[list[_Run]]:
    """The runs in parts of at most `room` rows, each part filled before the next."""
    cut: list[list[_Run]] = [[]]
    held = 0
    for run in runs:
        if held + run[3] > room and cut[-1]:
            cut.append([])
            held = len(run[4])  # its group's heading, repeated at the part's top
        cut[-1].append(run)
        held += run[3]
    return cut


def _bodies(part: list[_Run]) -> str:
    """A part's runs, in their bodies again (a run's foot after its body), the first
    run's group heading above it if the part begins inside a group."""
    out: list[str] = []
    body = -1  # the body open (-1: none)
    for n, (number, tag, run, _, lead) in enumerate(part):
        if number != body:
            if body >= 0:
                out.append("</tbody>\n")
            out.append(tag + "\n")
            body = number
            if n == 0:
                out.extend(lead)
        for row in run:
            if row.startswith("<tfoot"):
                out.append("</tbody>\n")
                body = -1
            out.append(row)
    if body >= 0:
        out.append("</tbody>\n")
    return "".join(out)
