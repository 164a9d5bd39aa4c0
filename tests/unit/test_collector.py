"""octavo.collector.paused: the cyclic garbage collector off within, and as it was after."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from octavo.collector import paused
from tests.conftest import MakeBook, section_source


def test_the_collector_is_off_within_and_on_again_after(collector: None) -> None:
    with paused():
        assert not gc.isenabled()
        with paused():  # nested: the inner one leaves it off
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled(collector: None) -> None:
    """As in a process that disabled it itself (the EPUB writer, the rendering helper)."""
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()


def test_the_collector_comes_back_when_the_work_raises(collector: None) -> None:
    with pytest.raises(ValueError, match="a build that fails"), paused():
        raise ValueError("a build that fails")
    assert gc.isenabled()


def test_an_epub_is_built_with_the_collector_paused(
    collector: None, make_book: MakeBook, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """octavo.api.epub: the book read, rendered and written with no collector's passes."""
    import octavo.render.epub.book as epub_book
    from octavo import api

    book = make_book({"001-a.md": section_source(1, "Output", total=1)})
    seen: list[bool] = []
    shipped = epub_book.render_epub

    def render_epub(*args: Any, **kwargs: Any) -> bytes:
        seen.append(gc.isenabled())
        return shipped(*args, **kwargs)

    monkeypatch.setattr(epub_book, "render_epub", render_epub)
    path, _ = api.build_epub(book, tmp_path / "a.epub", jobs=1)
    assert path.is_file() and seen == [False]
    assert gc.isenabled()


def test_what_a_kept_pause_leaves_is_out_of_reach_until_released(collector: None) -> None:
    """paused(kept=True): what is alive as it ends is frozen (no collection traverses it
    while the process writes its output and ends); released() gives it back."""
    from octavo.collector import released

    gc.unfreeze()
    try:
        with paused(kept=True):
            made = [[i] for i in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
        released()
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
