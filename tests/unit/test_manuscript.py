"""The format-neutral manuscript: the heading sequence both outputs read."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.render.headings import body_headings
from tests.conftest import BOOK_TOML, MakeBook, section_source


def test_body_items_open_each_breadcrumb_level_once(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    items = body_headings(manuscript.chapters[0])
    assert [(i.level, i.label, i.section is not None) for i in items] == [
        (2, "Land", True),
        (2, "Geography", False),
        (3, "Rivers", True),
        (3, "Lakes", True),
    ]


def test_the_sections_are_rendered_with_the_cycle_collector_paused_then_resumed(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering makes no reference cycles, so the collector is paused meanwhile
    (octavo.collector.paused, whose own tests say it is resumed after, also when the work
    fails, and left off if it was off)."""
    from octavo.render import drafts
    from octavo.render.manuscript import render_manuscript

    seen: list[bool] = []
    shipped = drafts._chapter

    def chapter(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return shipped(*args)

    monkeypatch.setattr(drafts, "_chapter", chapter)
    book, _ = api.read(make_book({"001-a.md": section_source(1, "Output", total=1)}))
    render_manuscript(book)
    assert seen == [False] and gc.isenabled()


@pytest.mark.parametrize("rich", [False, True])
def test_rendering_makes_no_reference_cycles_per_section(make_book: MakeBook, rich: bool) -> None:
    """What lets the collector pause while the sections are rendered: ten times the
    sections leave no more cyclic garbage (else a large book would grow its memory)."""
    from octavo.render.manuscript import render_manuscript

    extra = "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: T.\n\nA note.[^n]\n\n[^n]: N.\n"
    found = []
    for count in (3, 30):
        files: dict[str, str | bytes] = {
            f"{n:03d}-s.md": section_source(n, f"Part {n}", total=count, body=extra if rich else "")
            for n in range(1, count + 1)
        }
        book, _ = api.read(make_book(files))
        render_manuscript(book, None)  # the parsers and caches made
        gc.collect()
        gc.disable()
        try:
            render_manuscript(book, None)
            found.append(gc.collect())
        finally:
            gc.enable()
    assert found[1] <= found[0], found


TABLE = "| a |\n|---|\n| 1 |\n\nTable: {caption} {{#tbl:{label}}}\n"


def test_numbering_by_chapter_sets_front_and_back_matter_apart(make_book: MakeBook) -> None:
    """ut47 bug 12: with `numbering = "chapter"`, a Foreword's table and an Appendix's
    were both "Table 0.1" (a chapter 0 no reader can find), and so were their references.
    As pandoc-crossref and Quarto number them: the front matter's without a chapter number,
    running on through its divisions; the back matter's by the division's letter."""
    front = TABLE.format(caption="Foreword table", label="fw") + "\nSee @tbl:ap and @tbl:ch.\n"
    book = make_book(
        {
            "001-a.md": section_source(
                1, "Fore", chapter=0, total=4, body=front, extra="kind: foreword\n"
            ),
            "002-b.md": section_source(
                2,
                "Pre",
                chapter=0,
                total=4,
                body=TABLE.format(caption="Preface table", label="pr"),
                extra="kind: preface\n",
            ),
            "003-c.md": section_source(
                3, "Trade", total=4, body=TABLE.format(caption="Body table", label="ch")
            ),
            "004-d.md": section_source(
                4,
                "More",
                chapter=0,
                total=4,
                body=TABLE.format(caption="Appendix table", label="ap"),
                extra="kind: appendix\n",
            ),
        },
        toml=BOOK_TOML + 'numbering = "chapter"\n',
    )
    manuscript, _ = api.manuscript(book)
    assert [(t.id, t.label) for t in manuscript.tables] == [
        ("tbl:fw", "Table\u00a01"),
        ("tbl:pr", "Table\u00a02"),
        ("tbl:ch", "Table\u00a01.1"),
        ("tbl:ap", "Table\u00a0A.1"),
    ]
    assert "Table\u00a0A.1</a> and" in manuscript.sections[0].body_html


def test_numbering_by_chapter_in_a_volume_of_parts_names_the_part(make_book: MakeBook) -> None:
    """review47c C3: chapters are numbered per part ("Part II · Moldova", Chapter 1), so
    with `numbering = "chapter"` both parts' chapter-1 tables were "Table 1.1", and so were
    their references. A part's tables and figures now carry its number: "Table I.1.1",
    "Table II.1.1" (part, chapter, table); its profile's and introduction's, which open the
    part before its chapter 1, run on through them as the front matter's do: "Table II.1"."""

    def of(country: str, text: str) -> str:
        return text.replace("country: Testland", f"country: {country}")

    refs = "\nSee @tbl:b1, @tbl:m1, @tbl:mp and @tbl:mi.\n"
    files: dict[str, str | bytes] = {
        "001-a.md": of("Belarus", section_source(1, total=5, body=TABLE.format(
            caption="Belarus table", label="b1") + refs)),
        "002-b.md": of("Moldova", section_source(2, "Profile", chapter=0, total=5,
            body=TABLE.format(caption="Profile table", label="mp"), extra="kind: profile\n")),
        "003-c.md": of("Moldova", section_source(3, "Intro", chapter=0, total=5,
            body=TABLE.format(caption="Intro table", label="mi"), extra="kind: introduction\n")),
        "004-d.md": of("Moldova", section_source(4, total=5, body=TABLE.format(
            caption="Moldova table", label="m1"))),
        "005-e.md": of("Moldova", section_source(5, "Roads", chapter=2, total=5,
            body=TABLE.format(caption="Roads table", label="m2"))),
    }  # fmt: skip
    toml = BOOK_TOML + 'numbering = "chapter"\nparts = ["Belarus", "Moldova"]\n'
    manuscript, _ = api.manuscript(make_book(files, toml=toml))
    assert [(t.id, t.label) for t in manuscript.tables] == [
        ("tbl:b1", "Table\u00a0I.1.1"),
        ("tbl:mp", "Table\u00a0II.1"),
        ("tbl:mi", "Table\u00a0II.2"),
        ("tbl:m1", "Table\u00a0II.1.1"),
        ("tbl:m2", "Table\u00a0II.2.1"),
    ]
    body = manuscript.sections[0].body_html
    for label in ("I.1.1", "II.1.1", "II.1", "II.2"):
        assert f"Table\u00a0{label}</a>" in body, body
