"""Pieces of the speed work: the cover kept by hash, output folders of `invoke all`."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.errors import BuildError
from octavo.render.epub import cover
from tests.conftest import BOOK_TOML, section_source


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the drawing of the cover by a stub that counts its calls."""
    calls: list[str] = []

    def fake(manuscript):  # type: ignore[no-untyped-def]
        calls.append(manuscript.book.config.title)
        return f"png of {manuscript.book.config.title}".encode()

    monkeypatch.setattr(cover, "render_cover", fake)
    return calls


def _manuscript(root: Path):  # type: ignore[no-untyped-def]
    return api.manuscript(root)[0]


def test_cover_is_drawn_once_then_read_from_the_cache(make_book, tmp_path: Path, counted) -> None:  # type: ignore[no-untyped-def]
    root = make_book({"001-a.md": section_source(1)})
    cache = tmp_path / "cache"
    first = cover.cached_cover(_manuscript(root), cache)
    again = cover.cached_cover(_manuscript(root), cache)
    assert first == again and len(counted) == 1
    assert len(list(cache.glob("cover-*.png"))) == 1


def test_cover_is_drawn_again_when_what_it_shows_changes(
    make_book, tmp_path: Path, counted
) -> None:  # type: ignore[no-untyped-def]
    root = make_book({"001-a.md": section_source(1)})
    cache = tmp_path / "cache"
    cover.cached_cover(_manuscript(root), cache)
    (root / "book.toml").write_text(BOOK_TOML.replace("Testland: A", "Otherland: A"))
    assert cover.cached_cover(_manuscript(root), cache) == b"png of Otherland: A Country Study"
    assert len(counted) == 2
    assert len(list(cache.glob("cover-*.png"))) == 1  # the old one is gone


def test_cover_is_drawn_again_when_its_style_changes(make_book, tmp_path: Path, counted) -> None:  # type: ignore[no-untyped-def]
    root = make_book({"001-a.md": section_source(1)})
    cache = tmp_path / "cache"
    manuscript = _manuscript(root)
    key = cover.cover_key(manuscript)
    cover.cached_cover(manuscript, cache)
    shipped = Path(__file__).parents[2] / "styles" / "cover.css"
    (root / "styles").mkdir()
    (root / "styles" / "cover.css").write_text(shipped.read_text().replace("#6b2d1f", "#1f2d6b"))
    assert cover.cover_key(_manuscript(root)) != key
    cover.cached_cover(_manuscript(root), cache)
    assert len(counted) == 2


def test_output_names_are_folder_names_made_unique() -> None:
    books = [Path("/s/belarus/book"), Path("/s/russia/book"), Path("/s/ukraine")]
    assert api.output_names(books) == ["belarus-book", "russia-book", "ukraine"]


def test_a_book_given_twice_is_e112(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        api.output_names([tmp_path / "a", tmp_path / "b" / ".." / "a"])
    assert [d.code for d in caught.value.diagnostics] == ["E112"]
