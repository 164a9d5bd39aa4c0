"""A section under five `parents` or more keeps its level for a reader: in the PDF's
outline it nests under its last parent (its bookmark was at level 6, that parent's
sibling), in a book of parts too (where an h6 was its h5's sibling); Chromium's
accessibility tree gives the EPUB's headings their levels past 6; DAISY Ace stays clean."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pypdf
import pytest

from octavo import api
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.heading_names import heading_names
from tests.support.validators import assert_ace_clean

PARENTS = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
NESTED = [
    "Alpha", ["Beta", ["Gamma", ["Delta", ["Epsilon", ["Deep", "Zeta", ["Deeper"]]]]]],
]  # fmt: skip


def _book(make_book: MakeBook, toml: str = BOOK_TOML) -> Path:
    deep, deeper = str(PARENTS), str([*PARENTS, "Zeta"])
    body = "# Body head\n\nText.\n"
    return make_book({
        "001-a.md": section_source(1, "Deep", parents=deep, total=2, body=body),
        "002-b.md": section_source(2, "Deeper", parents=deeper, total=2),
    }, toml)  # fmt: skip


def _titles(items: list[Any]) -> list[Any]:
    return [_titles(i) if isinstance(i, list) else str(i.title) for i in items]


def _chapter(outline: list[Any], title: str) -> list[Any]:
    """The bookmarks under the one titled `title`, at any depth."""
    for at, item in enumerate(outline):
        if isinstance(item, list):
            if found := _chapter(item, title):
                return found
        elif item == title and at + 1 < len(outline) and isinstance(outline[at + 1], list):
            return list(outline[at + 1])
    return []


@pytest.mark.slow
def test_a_deep_section_nests_in_the_pdf_s_outline(make_book: MakeBook, tmp_path: Path) -> None:
    pdf, _ = api.build_pdf(_book(make_book), tmp_path / "b.pdf")
    outline = _titles(pypdf.PdfReader(pdf).outline)
    assert _chapter(outline, "Chapter 1: The Economy") == NESTED, outline


@pytest.mark.slow
def test_a_deep_section_nests_in_a_book_of_parts(make_book: MakeBook, tmp_path: Path) -> None:
    toml = BOOK_TOML.replace(
        'country = "Testland"\n', 'country = "Testland"\nparts = ["Testland"]\n'
    )
    pdf, _ = api.build_pdf(_book(make_book, toml), tmp_path / "b.pdf")
    outline = _titles(pypdf.PdfReader(pdf).outline)
    assert _chapter(outline, "Chapter 1: The Economy") == NESTED, outline


@pytest.mark.slow
def test_a_deep_section_s_level_is_read_in_the_epub(make_book: MakeBook, tmp_path: Path) -> None:
    epub, _ = api.build_epub(_book(make_book), tmp_path / "b.epub")
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(tmp_path / "epub")
    names = heading_names(tmp_path / "epub" / "EPUB" / "text" / "ch01.xhtml")
    levels = [(level, name.split(" 1")[0].split(" 2")[0]) for level, name in names]
    assert levels[1:] == [
        (2, "Alpha"), (3, "Beta"), (4, "Gamma"), (5, "Delta"), (6, "Epsilon"),
        (7, "Deep"), (8, "Body head"), (7, "Zeta"), (8, "Deeper"),
    ], names  # fmt: skip
    assert_ace_clean(epub)
