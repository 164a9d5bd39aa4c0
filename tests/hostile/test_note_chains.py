"""review47c C4: a chain of 80 notes, each called in the one before, floats from one call
and must stand at one page's foot: WeasyPrint spent 146 s on it before octavo said E604
(notes on the next page). More than 40 notes called inside one note are refused before
any layout (E647, at the outer note's `[^n0]:` line), in the book's PDF and its
handouts; 40 are set (2.6 s; 60 took 114 s before E604)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from octavo import api
from octavo.errors import BuildError
from octavo.render.pdf.nested_notes import MOST_NESTED
from tests.conftest import MakeBook, section_source


def _chain(inner: int) -> str:
    """A note called in the text, and `inner` notes each called in the one before."""
    notes = "".join(f"[^n{i}]: Note {i}[^n{i + 1}].\n\n" for i in range(inner))
    return f"Text.[^n0]\n\n{notes}[^n{inner}]: The end.\n"


@pytest.mark.parametrize("inner", [MOST_NESTED + 1, 80])
def test_a_long_chain_of_notes_is_refused_at_once(
    make_book: MakeBook, tmp_path: Path, inner: int
) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, body=_chain(inner))})
    started = time.perf_counter()
    with pytest.raises(BuildError) as caught:
        api.build_pdf(book, tmp_path / "b.pdf")
    assert time.perf_counter() - started < 30  # 146 s at 80, before
    (found,) = caught.value.diagnostics
    # the body opens at line 11: "Text.[^n0]", a blank line, "[^n0]: Note 0[^n1]."
    assert (found.code, found.file, found.line) == ("E647", book / "001-a.md", 13)
    assert f"has {inner} notes called inside it" in found.message
    assert not (tmp_path / "b.pdf").exists()
    with pytest.raises(BuildError) as handout:
        api.build_handouts(book, tmp_path / "handouts")
    assert [d.code for d in handout.value.diagnostics] == ["E647"]
    api.build_epub(book, tmp_path / "b.epub")  # a screen's notes are no page's


def test_a_chain_within_the_limit_is_set(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, body=_chain(MOST_NESTED))})
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf")
    assert pdf.stat().st_size > 0
