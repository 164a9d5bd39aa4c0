"""The books the golden tests build: the default book, a small generated study of prose,
and a small one with what a real study holds besides prose (tables, one spanning pages and
one broadside, figures, footnotes, cross-references, front and back matter, an index), so
that the markup of each construct is pinned in the EPUB and in the print HTML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from octavo.dev.gen import generate_study
from tests.conftest import ROOT


def small_study(tmp_path: Path) -> Path:
    return generate_study(tmp_path / "study", 9, words=40)


def rich_study(tmp_path: Path) -> Path:
    return generate_study(tmp_path / "study", 24, words=40, constructs=True, matter=True)


BOOKS: dict[str, Callable[[Path], Path]] = {
    "default": lambda tmp: ROOT / "book",
    "study9": small_study,
    "rich24": rich_study,
}
