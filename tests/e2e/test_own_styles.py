"""A book's additive stylesheets (styles/custom.css, styles/epub/custom.css) keep the EPUB
clean for EPUBCheck and DAISY Ace, and the same bytes build after build."""

from __future__ import annotations

import shutil
from pathlib import Path

from octavo import api
from tests.conftest import MakeBook, section_source
from tests.support.validators import assert_ace_clean, assert_epubcheck_clean


def test_an_epub_with_custom_sheets_is_clean_and_reproducible(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = make_book(
        {
            "001-a.md": section_source(1, total=1),
            "styles/custom.css": "p { color: var(--ink); }\n",
            "styles/epub/custom.css": "h1 { color: navy; }\n",
        }
    )
    first, found = api.build_epub(book, tmp_path / "a.epub")
    assert not [d for d in found if d.code == "W654"]
    shutil.rmtree(book / "build", ignore_errors=True)
    again, _ = api.build_epub(book, tmp_path / "b.epub")
    assert first.read_bytes() == again.read_bytes()
    assert_epubcheck_clean(first)  # usage messages too
    assert_ace_clean(first)
