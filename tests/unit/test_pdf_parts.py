"""Print HTML parts: body items, the tree serializer, the fix cache, paper and --by checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import tinyhtml5

from octavo import api
from octavo.errors import BuildError
from octavo.render.manuscript import body_headings
from octavo.render.pdf.document import PdfOptions, fixes_from_json, fixes_to_json, render_print_html
from octavo.render.pdf.handouts import handouts_of
from octavo.render.pdf.notes.place import Fix
from octavo.render.pdf.tree import element_at, path_of, serialize
from tests.conftest import section_source


@pytest.fixture
def small_book(make_book):  # type: ignore[no-untyped-def]
    return make_book(
        {
            "001-a.md": section_source(1, "Land", total=3),
            "002-b.md": section_source(2, "Rivers", parents="[Geography]", total=3),
            "003-c.md": section_source(
                3, "Lakes", parents="[Geography]", total=3, date='"1994-02"'
            ),
        }
    )


def test_body_items_open_each_breadcrumb_level_once(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    items = body_headings(manuscript.chapters[0])
    assert [(i.level, i.label, i.section is not None) for i in items] == [
        (2, "Land", True),
        (2, "Geography", False),
        (3, "Rivers", True),
        (3, "Lakes", True),
    ]


def test_print_html_has_every_note_in_its_heading(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    tree = tinyhtml5.parse(render_print_html(manuscript, PdfOptions()))
    for rs in manuscript.sections:
        heading = tree.find(f".//*[@id='{rs.id}']")
        assert heading is not None
        note = heading.find(f".//*[@id='{rs.note_id}']")
        assert note is not None and "".join(note.itertext()) == rs.section.note_text


def test_unknown_paper_is_e605(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    with pytest.raises(BuildError) as caught:
        render_print_html(manuscript, PdfOptions(paper="tabloid"))
    assert [d.code for d in caught.value.diagnostics] == ["E605"]


def test_handouts_sort_in_reading_order_and_reject_unknown_by(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    names = [h.name for h in handouts_of(manuscript, "section")]
    assert names == sorted(names) and names[0].startswith("1-")
    assert handouts_of(manuscript, "section")[1].path == ("Chapter 1", "Geography", "Rivers")
    with pytest.raises(BuildError) as caught:
        handouts_of(manuscript, "page")
    assert [d.code for d in caught.value.diagnostics] == ["E606"]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('<p class="a">x &amp; &lt;y&gt; “q”<br>z</p>', id="escapes-and-void"),
        pytest.param('<h2 id="h" data-octavo-fix="keep">T<span>n</span></h2>', id="attributes"),
        pytest.param('<p title="a &quot;b&quot;">c</p>', id="quoted-attribute"),
    ],
)
def test_serialize_round_trips(source: str) -> None:
    page = f"<!DOCTYPE html><html lang=en><head><title>t</title></head><body>{source}</body></html>"
    once = serialize(tinyhtml5.parse(page))
    assert serialize(tinyhtml5.parse(once)) == once


def test_index_paths_find_the_element_again() -> None:
    tree = tinyhtml5.parse("<html><body><div><p>a</p><p id=x>b</p></div></body></html>")
    target = tree.find(".//*[@id='x']")
    assert element_at(tree, path_of(tree, target)) is target


def test_fix_cache_round_trips() -> None:
    fixes = (Fix((1, 4, 2), "keep", "note-a"), Fix((1, 5), "break", "note-b"))
    assert fixes_from_json(fixes_to_json(fixes)) == fixes
