"""Issue 16 items 9 (pdfplumber missing) and 11 (apostrophes in titles) for `invoke check`."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.errors import BuildError
from tests.conftest import BOOK_TOML, MakeBook, section_source

LONG = "\n\n".join(["A paragraph of the study, long enough to fill a page. " * 12] * 14) + "\n"


@pytest.fixture
def ivoire(make_book: MakeBook) -> Path:
    toml = BOOK_TOML.replace("Testland: A Country Study", "Côte d'Ivoire: A Country Study")
    return make_book(
        {
            "001-a.md": section_source(1, "The Nation's Land", total=2, body=LONG),
            "002-b.md": section_source(2, "Belarus's Rivers", chapter=2, total=2, body=LONG),
        },
        toml=toml,
    )


def test_check_passes_a_title_with_an_apostrophe(ivoire: Path, tmp_path: Path) -> None:
    pdf, _ = api.build_pdf(ivoire, tmp_path / "b.pdf")
    rendered, _ = api.manuscript(ivoire)
    assert [d.code for d in check_book_pdf(pdf, rendered)] == []


def test_check_without_pdfplumber_is_E802(
    ivoire: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import octavo.check.epub

    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    monkeypatch.setattr(
        octavo.check.epub, "run_epubcheck", lambda _: SimpleNamespace(messages=[], version="x")
    )
    with pytest.raises(BuildError) as caught:
        api.check(ivoire, tmp_path / "b.epub", tmp_path / "b.pdf")
    # with it, DAISY Ace's findings (W805 where it is not installed): told, not dropped
    assert [d.code for d in caught.value.diagnostics if d.code[0] == "E"] == ["E802"]


def test_an_unknown_variant_is_e640_before_anything_is_built(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """`invoke check --out DIR --pdf-variant pdf/x-9` built and wrote the EPUB into DIR,
    then stopped at the PDF with E640: a failed command left an output. The variant is
    checked first, as `invoke pdf` checks it before laying out."""
    book = make_book({"001-a.md": section_source(1, total=1)})
    with pytest.raises(BuildError) as caught:
        api.check(book, out=tmp_path / "checked", variant="pdf/x-9")
    assert [d.code for d in caught.value.diagnostics] == ["E640"]
    assert not (tmp_path / "checked").exists()
