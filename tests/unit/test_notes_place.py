"""octavo.render.pdf.notes.place and .layout: notes called on one page that are more than a
page of notes are let through after one layout (W656), or stop it at once when a page's
notes are taller than the page (E657; in a book laid out in parts, named at the PDF's
page as one process names it: octavo.render.pdf.parallel.spilled); notes that would fit
are laid out again, six layouts at most (E604), as before."""

from __future__ import annotations

import pickle
from concurrent.futures import Future
from typing import Any

import pytest
from lxml import etree

from octavo.errors import BuildError
from octavo.render.pdf.notes import place
from octavo.render.pdf.notes.layout import (
    NotePlacement,
    PageLayout,
    away_from_calls,
    note_placements,
    overfull,
)
from octavo.render.pdf.parallel.page_maps import PageMap
from octavo.render.pdf.parallel.part import PartLayout
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.spilled import PartSpilled, chapters_laid_out
from octavo.render.pdf.parallel.started import Started

ROOM = 600.0


def _pages(
    called: int, on_first: int, height: float, spilled: bool = False
) -> tuple[PageLayout, ...]:
    """`called` notes called on page 0 ("ref-a"), each `height` tall, `on_first` of them
    on page 0, the rest on page 1."""
    notes = [f"n{i}" for i in range(called)]
    first, rest = notes[:on_first], notes[on_first:]
    return (
        PageLayout(0, ("ref-a",), tuple(first), None, False, (height,) * len(first), ROOM),
        PageLayout(1, (), tuple(rest), None, False, (height,) * len(rest), ROOM, spilled),
    )


def _pairs(called: int) -> tuple[tuple[str, str], ...]:
    return tuple(("ref-a", f"n{i}") for i in range(called))


@pytest.mark.parametrize(
    ("called", "height", "crowded"),
    [
        pytest.param(200, 12.0, 1, id="200-notes-more-than-a-page"),
        pytest.param(40, 12.0, 0, id="40-notes-fit-a-page"),
        pytest.param(50, 12.0, 0, id="exactly-a-page"),
    ],
)
def test_overfull_groups_by_the_page_of_the_calls(called: int, height: float, crowded: int) -> None:
    pages = _pages(called, 30, height)
    groups = overfull(pages, note_placements(pages, _pairs(called)))
    assert len(groups) == crowded
    assert all(len(group) == called for group in groups)


class _Html:
    """A weasyprint.HTML stand-in: its tree, and a count of its layouts."""

    def __init__(self) -> None:
        self.etree_element = etree.fromstring(
            '<html><body><p><a id="ref-a">1</a></p></body></html>'
        )
        self.layouts = 0

    def render(self, font_config: Any = None) -> Any:
        self.layouts += 1
        return object()


def _placed(monkeypatch: pytest.MonkeyPatch, pages: tuple[PageLayout, ...], called: int) -> Any:
    html = _Html()
    monkeypatch.setattr(place, "read_layout", lambda document, headings: pages)
    with place.let_through() as through:
        try:
            place.place_notes(html, _pairs(called))
        except BuildError as failed:
            return html.layouts, through, [d.code for d in failed.diagnostics]
    return html.layouts, through, []


def test_more_than_a_page_of_notes_is_let_through_after_one_layout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layouts, through, codes = _placed(monkeypatch, _pages(200, 50, 12.0), 200)
    assert (layouts, codes) == (1, [])
    (group,) = through
    assert group.spilled is None and len(group.notes) == 200
    assert sum(p.misplaced for p in group.notes) == 150


def test_notes_set_over_a_pages_text_stop_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    html = _Html()
    monkeypatch.setattr(place, "read_layout", lambda *_: _pages(200, 50, 12.0, spilled=True))
    with place.let_through() as through, pytest.raises(place.Spilled) as failed:
        place.place_notes(html, _pairs(200))
    assert (html.layouts, [d.code for d in failed.value.diagnostics]) == (1, ["E657"])
    assert failed.value.group.spilled == 1 and len(failed.value.group.notes) == 200
    assert through == []  # told by the build from the error's group, not let through


def test_e657_comes_back_from_a_worker_with_its_notes() -> None:
    """A part laid out in a worker process raises it: pickled, its group goes with it, so
    the build names the notes' first call (octavo.render.pdf.notes.lines)."""
    group = place.LetThrough((NotePlacement("ref-a", "n0", 3, 4),), 4)
    back = pickle.loads(pickle.dumps(place.Spilled(group)))
    assert isinstance(back, place.Spilled) and back.group == group
    assert [d.code for d in back.diagnostics] == ["E657"] and "page 5" in str(back)


def test_notes_that_would_fit_are_laid_out_again_then_e604(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layouts, through, codes = _placed(monkeypatch, _pages(40, 30, 12.0), 40)
    assert (layouts, through) == (place.MAX_PASSES, [])
    assert set(codes) == {"E604"} and len(codes) == 10


def test_a_placement_is_misplaced_off_its_calls_page() -> None:
    assert NotePlacement("ref-a", "n0", 0, 1).misplaced


def test_a_book_laid_out_in_parts_hands_its_notes_let_through_on() -> None:
    """The parts' pages (each page's call ids and note ids, one part after another): the
    notes called on a page that holds not all of them, with the others called there."""
    pages = [
        (("ref-a",), ("n0", "n1")),  # part 1: 3 notes called, 2 set, one on the next page
        ((), ("n2",)),
        (("ref-b",), ("m0",)),  # part 2: its note at home
    ]
    pairs = (*_pairs(3), ("ref-b", "m0"), ("ref-c", "lost"))  # a pair no part laid out
    (group,) = away_from_calls(pages, pairs)
    assert [(p.note_id, p.note_page) for p in group] == [("n0", 0), ("n1", 0), ("n2", 1)]
    with place.let_through() as through:
        place.record_let_through([group])
    assert [t.notes for t in through] == [group]
    place.record_let_through([group])  # outside a build's let_through: nowhere


def _part(name: str, count: int) -> PartLayout:
    return PartLayout(name, name, b"", (PageMap(False, name, (), (), (), ()),) * count, (), ())


def _spilled_in(name: str, count: int, page: int) -> Future[PartLayout]:
    """A part laid out in a worker that stopped on E657 at its page `page` (0-based)."""
    group = place.LetThrough((NotePlacement("ref-a", "n0", page - 1, page),), page)
    failed: Future[PartLayout] = Future()
    failed.set_exception(
        pickle.loads(pickle.dumps(PartSpilled(group, name, _part(name, count).pages)))
    )
    return failed


def test_e657_of_a_part_names_the_pdf_s_page_as_one_process_does() -> None:
    """A part's E657 counted its page from the part's first (`page 2`): the build waits for
    the other chapters, lays the front matter out with the folios they give (the spilled
    part's pages among them) and names the PDF's page, the part placed as the merge
    places it: front matter 5 pages and a blank one, chapter 1 pages 7 to 9, chapter 2
    from page 11 (a right-hand one), its second page the PDF's page 12. A later part's
    E657 is not the one named: one process names the first such page."""
    given: list[tuple[PartLayout, ...]] = []

    def front(chapters: tuple[PartLayout, ...]) -> PartLayout:
        given.append(chapters)
        return _part("front", 5)

    started: list[Started] = [_part("ch01", 3), _spilled_in("ch02", 4, 1)]
    started.append(_spilled_in("ch03", 2, 0))
    with pytest.raises(place.Spilled) as failed:
        chapters_laid_out(PartStore(None, "salt"), started, front)
    assert not isinstance(failed.value, PartSpilled)  # placed: told as it is
    group = failed.value.group
    assert group.spilled == 11 and "the PDF's page 12 " in str(failed.value)
    assert [(p.heading_page, p.note_page) for p in group.notes] == [(10, 11)]
    (chapters,) = given
    assert [(c.name, len(c.pages)) for c in chapters] == [("ch01", 3), ("ch02", 4), ("ch03", 2)]


def test_chapters_without_e657_are_laid_out_without_the_front() -> None:
    def front(chapters: tuple[PartLayout, ...]) -> PartLayout:
        raise AssertionError("no front matter is laid out for chapters that fit")

    started = [_part("ch01", 3), _part("ch02", 1)]
    laid = chapters_laid_out(PartStore(None, "salt"), started, front)
    assert [c.name for c in laid] == ["ch01", "ch02"]
