"""The EPUB cover: drawn once, kept by hash, drawn again when what it shows changes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from octavo import api
from octavo.render.epub import cover
from octavo.render.epub.cover import COVER_SIZE, cover_text, render_cover
from tests.conftest import BOOK_TOML, ROOT, section_source


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


def test_cover_is_drawn_again_when_what_it_shows_changes(  # type: ignore[no-untyped-def]
    make_book, tmp_path: Path, counted
) -> None:
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


def test_cover_png_is_tall_deterministic_and_undated() -> None:
    manuscript, _ = api.manuscript(ROOT / "book")
    png = render_cover(manuscript)
    assert render_cover(manuscript) == png
    image = Image.open(io.BytesIO(png))
    assert image.size == COVER_SIZE and COVER_SIZE[1] >= 1600
    assert not {b"tIME", b"tEXt", b"iTXt", b"zTXt"} & set(_png_chunks(png))
    alt = cover_text(manuscript).alt
    assert "Belarus: A Country Study" in alt and "Country Studies" in alt


def _png_chunks(png: bytes) -> list[bytes]:
    chunks, at = [], 8
    while at < len(png):
        length = int.from_bytes(png[at : at + 4], "big")
        chunks.append(png[at + 4 : at + 8])
        at += 12 + length
    return chunks
