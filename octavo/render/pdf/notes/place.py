"""Keep every data-date note on the page of its heading.

WeasyPrint 70 sometimes sets a `float: footnote` note one or two pages after its call
(upstream #2502, #1564): to squeeze one more line of a paragraph that straddles the page
bottom (widows/orphans), it moves the page's notes to the next page. The steps here:

1. lay out once with that move held back (octavo.render.pdf.notes.hold) and mark each paragraph
   where WeasyPrint would have made it `orphans-N` (one more than its orphans): WeasyPrint
   alone then takes the same decision, so `--html` lays out to the same pages; in the same
   layout no page ends with a hyphenated word (octavo.render.pdf.notes.hyphens: `widows-N`);
2. read from the pages where every heading and every note landed; done if all are home
   (every book measured so far: 81 and 300 sections, one layout);
3. otherwise (or when WeasyPrint's code has changed shape), lay out again with fixes: the
   section holding the paragraph at the bottom of the note's page becomes a one-column box,
   or that paragraph is kept whole, or the heading starts a page; until every note is home.

Notes called on one page that are more than a page of notes (200 calls in a line) can never
all be set on that page: they are let through as WeasyPrint sets them, running onto the
following pages, and not laid out again for (six layouts of 200 notes took 390 s before
E604); `let_through` hands them to the build, which warns (W656). When WeasyPrint then
sets a page's notes taller than the page (over its text, or some off it: it takes all the
notes it carries over onto one page), the build stops at once (`Spilled`, E657).

The marks are attributes (`data-octavo-fix`) styled by styles/print/book.css. Known marks
can be handed in (`known`) so a rebuild of the same HTML starts from them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from octavo.errors import BuildError, error
from octavo.render.pdf.notes.hold import Held, held
from octavo.render.pdf.notes.hyphens import Moved, hyphens_held
from octavo.render.pdf.notes.layout import (
    NotePlacement,
    PageLayout,
    note_placements,
    overfull,
    read_layout,
)
from octavo.render.pdf.tree import element_at, path_of, paths_of

__all__ = [
    "Fix",
    "LetThrough",
    "NotesLost",
    "Spilled",
    "let_through",
    "place_notes",
    "record_let_through",
]

FIX = "data-octavo-fix"
MAX_PASSES = 6


@dataclass(frozen=True, slots=True)
class LetThrough:
    """Notes called on one page that are more than a page of notes (`overfull`)."""

    notes: tuple[NotePlacement, ...]
    spilled: int | None = None  # a page (0-based) whose notes are taller than the page


class Spilled(BuildError):
    """E657: notes called on one page that are more than a page of notes, `group`, some
    set over a page's text. Its diagnostic names the page; the build that knows the
    sections tells it at the notes' first call instead (octavo.render.pdf.notes.lines:
    the book's PDF, laid out in one process or in parts, and a handout). Pickled with its
    group, from a worker laying out a part; `document`, the layout that set them so, is
    kept in this process alone (a part's pages are read from it: parallel.spilled)."""

    def __init__(self, group: LetThrough, written: Iterable[Path] = (), document: Any = None):
        self.group = group
        self.document = document
        super().__init__([_spilled(group.spilled or 0)], written)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.group, self.written))


class NotesLost(BuildError):
    """Notes a part's layout set on no page at all: more notes called near its end than its
    last pages hold, which WeasyPrint drops where one process runs them on into the next
    chapter (E657 there). No fix brings them back: the build lays the book out in one
    process, which tells them (review51b: 120 notes called on one line of a preface gave
    120 E604s without a file after six layouts of the front matter, 6 to 9 minutes)."""


_through: list[LetThrough] | None = None


@contextmanager
def let_through() -> Iterator[list[LetThrough]]:
    """Within: the groups of notes the last layout placed let through, by the page of
    their calls (a layout that set some over a page's text stops: Spilled, E657)."""
    global _through
    groups: list[LetThrough] = []
    _through, before = groups, _through
    try:
        yield groups
    finally:
        _through = before


def record_let_through(groups: Iterable[tuple[NotePlacement, ...]]) -> None:
    """Hand `let_through` the groups of a layout made elsewhere (a book laid out in parts,
    read from their pages: notes.layout.away_from_calls)."""
    if _through is not None:
        _through[:] = [LetThrough(group) for group in groups]


@dataclass(frozen=True, slots=True)
class Fix:
    path: tuple[int, ...]  # index path of the element in the parsed document
    mark: str  # "orphans-N", "widows-N", "column", "keep" or "break"
    reason: str  # the note that needed it


def place_notes(
    html: Any,
    notes: tuple[tuple[str, str], ...],
    known: tuple[Fix, ...] = (),
    fonts: Callable[[], Any] = lambda: None,
    part: bool = False,
) -> tuple[Any, tuple[Fix, ...]]:
    """Render `html` (a weasyprint.HTML) until every note is on its heading's page; the
    document, and every mark it carries (the known ones included). `fonts`: each layout's
    font configuration (None: WeasyPrint's own, a new one). `part`: a part of a book laid
    out apart (parallel.part), which gives up at once (`NotesLost`) when a note is on no
    page at all."""
    root = html.etree_element
    fixes = list(known)
    for fix in known:
        _mark(element_at(root, fix.path), fix.mark)
    headings = frozenset(h for h, _ in notes)
    layouts = 0
    hold = True
    while True:
        layouts += 1
        if hold:
            document, holds, moved = _render_held(html, fonts())
            fixes.extend(_hold_marks(root, holds))
            fixes.extend(_moved_marks(root, moved))
            hold = False
        else:
            document = html.render(font_config=fonts())
        pages = read_layout(document, headings)
        placements = note_placements(pages, notes)
        crowded = overfull(pages, placements)
        through = {p.note_id for group in crowded for p in group}
        bad = [p for p in placements if p.misplaced and p.note_id not in through]
        if not bad:
            away = [LetThrough(g) for g in crowded if any(p.misplaced for p in g)]
            spilled = next((page.index for page in pages if page.spilled), None) if away else None
            if spilled is not None:  # WeasyPrint set them over a page's text
                group = LetThrough(_spilling(away, spilled).notes, spilled)
                raise Spilled(group, document=document)
            if _through is not None:
                _through[:] = away
            return document, tuple(fixes)
        if part and any(p.note_page is None for p in bad):
            raise NotesLost([_unplaced(p) for p in bad])
        if layouts >= MAX_PASSES:
            raise BuildError([_unplaced(p) for p in bad])
        fixes.extend(_fix(root, pages, p) for p in _one_per_page(bad))


def _spilling(away: list[LetThrough], spilled: int) -> LetThrough:
    """Of the groups let through, the one whose notes the page `spilled` holds (set over its
    text): one with a note on it, else the last called before it (review50b: the first
    group, called pages earlier, was named, its line and its count)."""
    on = [g for g in away if any(p.note_page == spilled for p in g.notes)]
    before = [g for g in away if g.notes and (g.notes[0].heading_page or 0) <= spilled]
    return on[0] if on else before[-1] if before else away[0]


def _render_held(html: Any, fonts: Any) -> tuple[Any, list[Held], list[Moved]]:
    with held() as holds, hyphens_held() as moved:
        document = html.render(font_config=fonts)
    return document, holds or [], list((moved or {}).values())


def _hold_marks(root: Any, holds: list[Held]) -> list[Fix]:
    """Mark each held paragraph `orphans-N`: WeasyPrint alone then moves it whole too."""
    return _marked(root, [(h.element, f"orphans-{h.orphans + 1}", h.note_id) for h in holds])


def _moved_marks(root: Any, moved: list[Moved]) -> list[Fix]:
    """Mark each paragraph whose hyphenated line went on to the next page (`widows-N`: the
    lines it has there; `orphans-N` too when it went whole): WeasyPrint alone then breaks
    it at the same line."""
    reason = "a hyphen at a page's foot"
    return _marked(root, [(m.element, mark, reason) for m in moved for mark in m.marks])


def _marked(root: Any, wanted: list[tuple[Any, str, str]]) -> list[Fix]:
    """Each (element, mark, reason) not marked so yet marked, as a Fix."""
    paths = paths_of(root, [element for element, _, _ in wanted])
    fixes = []
    for element, mark, reason in wanted:
        if mark not in _marks(element):
            _mark(element, mark)
            fixes.append(Fix(paths[element], mark, reason))
    return fixes


def _one_per_page(bad: list[NotePlacement]) -> list[NotePlacement]:
    """The first misplaced note of each page: one fix a page, then look again."""
    seen: dict[int | None, NotePlacement] = {}
    for placement in bad:
        seen.setdefault(placement.heading_page, placement)
    return list(seen.values())


def _fix(root: Any, pages: tuple[PageLayout, ...], placement: NotePlacement) -> Fix:
    heading = _block_of(root, root.find(f".//*[@id='{placement.heading_id}']"))
    target, mark = _choose(root, heading, _last_block(pages, placement))
    _mark(target, mark)
    return Fix(path_of(root, target), mark, placement.note_id)


def _last_block(pages: tuple[PageLayout, ...], placement: NotePlacement) -> tuple[Any, bool]:
    if placement.heading_page is None:
        return None, False
    page = pages[placement.heading_page]
    return page.last_block, page.last_block_continues


def _choose(root: Any, heading: Any, last: tuple[Any, bool]) -> tuple[Any, str]:
    """The gentlest mark not tried yet that frees room on the heading's page.

    1. lay the section of the page's last paragraph out as one column: the same lines,
       but WeasyPrint does not move notes away to squeeze a line in inside columns;
    2. keep the paragraph straddling the page bottom whole;
    3. push the page's last paragraph over (unless it is the one held to the heading);
    4. break the page before the heading.
    """
    block, continues = last
    if block is None:
        return heading, "break"
    section = _section_of(root, block)
    if section is not None and "column" not in _marks(section):
        return section, "column"
    if not _marks(block):
        if continues:
            return block, "keep"
        heading_path, block_path = path_of(root, heading), path_of(root, block)
        held = block_path[:-1] == heading_path[:-1] and block_path[-1] <= heading_path[-1] + 2
        if block_path > heading_path and not held:
            return block, "break"
    return heading, "break"


_INLINE = {"span", "a", "em", "strong", "i", "b", "sup", "sub", "small", "cite", "abbr", "code"}


def _block_of(root: Any, element: Any) -> Any:
    """The element itself, or the block holding it when it is inline (a note's call)."""
    parents = {child: parent for parent in root.iter() for child in parent}
    node = element
    while node is not None and str(node.tag).rpartition("}")[2] in _INLINE:
        node = parents.get(node)
    return node if node is not None else element


def _section_of(root: Any, element: Any) -> Any:
    """The nearest enclosing `section` element (a book section or chapter)."""
    parents = {child: parent for parent in root.iter() for child in parent}
    node = element
    while node is not None and not str(node.tag).endswith("section"):
        node = parents.get(node)
    return node


def _marks(element: Any) -> set[str]:
    return set((element.get(FIX) or "").split())


def _mark(element: Any, mark: str) -> None:
    element.set(FIX, " ".join(sorted(_marks(element) | {mark})))


def _unplaced(placement: NotePlacement) -> Any:
    return error(
        "E604",
        f"note {placement.note_id} stays on page {_human(placement.note_page)}, its heading "
        f"is on page {_human(placement.heading_page)}, after {MAX_PASSES} layouts",
        hint="report this book to octavo; a shorter section title or paragraph may help",
    )


def _human(index: int | None) -> str:
    return "?" if index is None else str(index + 1)


def _spilled(page: int) -> Any:
    """E657 as the layout sees it (octavo.render.pdf.notes.lines names the call's line)."""
    return error(
        "E657",
        f"notes called on one page are more than a page of notes, and the PDF's page "
        f"{page + 1} holds more of them than it has room for: they would be set over its text",
    )
