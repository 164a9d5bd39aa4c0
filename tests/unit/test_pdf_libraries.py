"""WeasyPrint's libraries, found once: find_library's answers kept in the user's cache."""

from __future__ import annotations

import ctypes.util
from pathlib import Path

import pytest

from octavo.render.pdf.libraries import libraries, remember_libraries


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """find_library replaced by one that records each question (restored after the test);
    the user's cache folder in `tmp_path` (octavo/ in it)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    questions: list[str] = []

    def find(name: str) -> str | None:
        questions.append(name)
        return f"lib{name}.so.0" if name.startswith("pango") else None

    monkeypatch.setattr(ctypes.util, "find_library", find)
    return questions


def test_each_name_is_asked_once_and_answered_the_same(
    asked: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remember_libraries(libraries(tmp_path))
    remember_libraries(libraries(tmp_path))  # once in place, not wrapped again
    first = [ctypes.util.find_library(n) for n in ("pango-1.0", "libpango-1.0-0")]
    again = [ctypes.util.find_library(n) for n in ("pango-1.0", "libpango-1.0-0")]
    assert first == again == ["libpango-1.0.so.0", None]
    assert asked == ["pango-1.0", "libpango-1.0-0"]
    monkeypatch.setenv("LD_LIBRARY_PATH", str(tmp_path))  # another search path: asked again
    assert ctypes.util.find_library("pango-1.0") == "libpango-1.0.so.0"
    assert asked == ["pango-1.0", "libpango-1.0-0", "pango-1.0"]


def test_no_cache_asks_as_before_and_every_book_shares_the_machines_answers(
    asked: list[str], tmp_path: Path
) -> None:
    """The answers are the machine's: kept in the user's cache, never in a book's build
    folder, so another book (or the same one after `rm -r build`) finds them."""
    original = ctypes.util.find_library
    remember_libraries(libraries(None))
    assert ctypes.util.find_library is original
    remember_libraries(libraries(tmp_path / "one" / "build"))
    ctypes.util.find_library("pango-1.0")
    remember_libraries(libraries(None))  # a build without a cache after one with: asks
    ctypes.util.find_library("pango-1.0")
    remember_libraries(libraries(tmp_path / "two" / "build"))  # another book: answered
    ctypes.util.find_library("pango-1.0")
    assert asked == ["pango-1.0"] * 2
    assert len(list((tmp_path / "octavo" / "libraries").iterdir())) == 1
    assert not (tmp_path / "one").exists() and not (tmp_path / "two").exists()


def test_a_cache_that_cannot_be_written_only_asks_again(asked: list[str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    remember_libraries(blocker / "libraries")
    assert ctypes.util.find_library("pango-1.0") == "libpango-1.0.so.0"
    assert ctypes.util.find_library("pango-1.0") == "libpango-1.0.so.0"
    assert asked == ["pango-1.0", "pango-1.0"]


def test_a_kept_answer_naming_a_path_is_never_loaded(asked: list[str], tmp_path: Path) -> None:
    """A planted answer that names a file (a library of someone's own) is not taken; the
    question is asked again."""
    remember_libraries(libraries(tmp_path))
    ctypes.util.find_library("pango-1.0")
    (kept,) = (tmp_path / "octavo" / "libraries").iterdir()
    kept.write_bytes(str(tmp_path / "evil.so").encode())
    assert ctypes.util.find_library("pango-1.0") == "libpango-1.0.so.0"
    assert asked == ["pango-1.0", "pango-1.0"]


def test_an_answer_with_a_folder_is_not_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: "/opt/lib/libpango.dylib")
    remember_libraries(libraries(tmp_path))
    assert ctypes.util.find_library("pango-1.0") == "/opt/lib/libpango.dylib"
    kept = tmp_path / "octavo" / "libraries"
    assert not kept.exists() or not list(kept.iterdir())
