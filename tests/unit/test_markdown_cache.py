"""Each section's rendering kept between builds: a hit is what rendering would make."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from octavo.errors import Diagnostic
from octavo.model import Book, Manuscript
from octavo.render import markdown_cache
from octavo.render.manuscript import render_manuscript
from octavo.render.markdown import Context, render_block
from octavo.render.markdown_cache import SectionCache, dump_fragment, load_fragment
from octavo.render.signed import sign, verified
from octavo.source.sections import load_book
from tests.conftest import DATA


@pytest.fixture
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "constructs"
    shutil.copytree(DATA / "constructs", folder)
    return folder


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown of every section actually rendered (not taken from the cache)."""
    made: list[str] = []

    def counted(text: str, context: Context, folder: str) -> object:
        made.append(text)
        return render_block(text, context=context, folder=folder)

    monkeypatch.setattr(
        markdown_cache, "render_block", lambda text, context, folder: counted(text, context, folder)
    )
    return made


def test_a_fragment_reads_back_equal_through_json(book: Path) -> None:
    for path in sorted(book.glob("*.md")):
        fragment = render_block(path.read_text(), context=Context(slug=path.stem, chapter="2"))
        assert load_fragment(json.loads(json.dumps(dump_fragment(fragment)))) == fragment


def test_a_second_build_renders_nothing_and_makes_the_same_manuscript(
    book: Path, tmp_path: Path, renders: list[str]
) -> None:
    cache = tmp_path / "cache"
    loaded, _ = load_book(book)
    plain = render_manuscript(loaded)
    first = render_manuscript(loaded, cache)
    assert len(renders) == 2 * 5
    renders.clear()
    assert render_manuscript(loaded, cache) == first == plain
    assert renders == []


def test_an_edit_renders_that_section_and_those_whose_numbers_moved(
    book: Path, tmp_path: Path, renders: list[str]
) -> None:
    cache = tmp_path / "cache"
    render_manuscript(load_book(book)[0], cache)
    renders.clear()
    edited = book / "003-geography.md"  # 004-hills follows it in chapter 3
    edited.write_text(edited.read_text() + "\nOne more sentence.\n")
    loaded, _ = load_book(book)
    assert render_manuscript(loaded, cache) == render_manuscript(loaded)
    assert len(renders) == 1 + 5  # the edited one, then all five without the cache
    renders.clear()
    edited.write_text(edited.read_text() + "\nAnd a note.[^more]\n\n[^more]: Its text.\n")
    loaded, _ = load_book(book)
    assert render_manuscript(loaded, cache) == render_manuscript(loaded)
    chapter = next(c for c in loaded.chapters if any(s.path == edited for s in c.sections))
    after = [s for s in chapter.sections if s.path.name > edited.name]
    # the notes of its chapter after it are renumbered: those sections are rendered again
    assert after and len(renders) == 1 + len(after) + 5


def _kept(
    book: Path, cache: Path
) -> tuple[Book, tuple[Manuscript, tuple[Diagnostic, ...]], Path, dict[str, Any]]:
    """The book read, its manuscript (and diagnostics) rendered without a cache, and the cache file (and its
    entries) a build with `cache` leaves."""
    loaded, _ = load_book(book)
    plain = render_manuscript(loaded)
    render_manuscript(loaded, cache)
    (entry,) = cache.glob("sections-*.json")
    return loaded, plain, entry, json.loads(verified(entry.read_bytes()) or b"")


def test_a_damaged_cache_is_made_again(book: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    loaded, plain, entry, data = _kept(book, cache)
    first = next(iter(data))
    data[first] = ["not", "a", "fragment"]
    entry.write_bytes(sign(json.dumps(data).encode()) or b"")
    assert render_manuscript(loaded, cache) == plain
    entry.write_bytes(sign(b"{not json") or b"")
    assert render_manuscript(loaded, cache) == plain
    assert json.loads(verified(entry.read_bytes()) or b"").keys() == data.keys()


def test_an_entry_whose_notes_lack_their_lines_is_made_again(book: Path, tmp_path: Path) -> None:
    """An entry kept before session 51 holds each note as five fields, without the lines of
    its definition and call (octavo.render.note_places): it is rendered again, never read
    as a note at the body's first line."""
    cache = tmp_path / "cache"
    loaded, plain, entry, data = _kept(book, cache)
    noted = [
        value for value in data.values() if isinstance(value, list) and len(value) > 8 and value[8]
    ]
    assert noted
    for value in noted:
        value[8] = [row[:5] for row in value[8]]
    entry.write_bytes(sign(json.dumps(data).encode()) or b"")
    again = render_manuscript(loaded, cache)
    assert again == plain
    assert any(n.line for s in again[0].sections for n in s.notes)


def test_a_file_the_book_planted_is_not_taken(book: Path, tmp_path: Path) -> None:
    """The state folder may be an untrusted book's: an unsigned (or otherwise signed) file
    of entries with the right keys is ignored, so no HTML gets past the cleaner."""
    cache = tmp_path / "cache"
    loaded, plain, entry, data = _kept(book, cache)
    for value in data.values():
        if isinstance(value, list):
            value[0] = "<script>alert(1)</script>"
    planted = json.dumps(data).encode()
    for blob in (planted, b"octavo-signed-1\n" + b"0" * 64 + b"\n" + planted):
        entry.write_bytes(blob)
        again = render_manuscript(loaded, cache)
        assert again == plain
        assert "<script>" not in repr(again)


def test_without_a_cache_folder_nothing_is_kept(book: Path) -> None:
    sections = SectionCache.of_book(None, book)
    sections.render("Some *text*.", Context(), "")
    sections.save()
    assert sections.made == 1


def test_an_images_format_and_size_are_kept_so_pillow_is_not_asked_again(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    loaded, plain, _, data = _kept(book, cache)
    assert sorted(v for k, v in data.items() if k.startswith("image:")) == [
        ["JPEG", 1500, 1000],
        ["JPEG", 1600, 2071],
    ]

    def measured(_: bytes) -> object:
        raise AssertionError("an image measured again")

    monkeypatch.setattr(markdown_cache, "raster_size", measured)
    assert render_manuscript(loaded, cache) == plain
