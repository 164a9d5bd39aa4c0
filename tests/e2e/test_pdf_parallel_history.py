"""A resumed chapter leaves no trace in a book whose fonts fall back to the parts' own
(octavo.render.pdf.parallel.spliced_fonts): a .notdef drawn in another chapter keeps the
body face from being written from the pages' records, so the merge takes the union of
the parts' subsets, and a spliced part's subset still held the glyphs of the pages its
edit replaced: the edited book was not the cold build's bytes."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from octavo import api
from octavo.dev.gen import generate_study
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.build import render_pdf_parallel
from tests.support.weasyprint_log import logged

RUNE = "ᚠ"  # U+16A0: in no font of the test machines (fonts-dejavu-core), drawn as .notdef


@pytest.fixture(autouse=True)
def no_weasyprint_warnings() -> Iterator[None]:
    """The .notdef of the rune is this module's point: WeasyPrint may warn of it, and of
    nothing else."""
    with logged("weasyprint") as messages:
        yield
    assert all("U+16A0" in m for m in messages), messages


def test_a_spliced_chapter_is_laid_out_whole_when_its_fonts_fall_back(tmp_path: Path) -> None:
    root = generate_study(tmp_path / "book", 30, seed=3)
    sections = sorted(root.glob("*.md"))

    def pdf(cache: str) -> bytes:
        manuscript, _ = api.manuscript(root)
        with ThreadPoolExecutor(1) as pool:
            return render_pdf_parallel(manuscript, PdfOptions(), 2, tmp_path / cache, pool).pdf

    def edit(section: Path, old: str, new: str) -> None:
        text = section.read_text(encoding="utf-8")
        section.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit(sections[5], "\n\n", f"\n\nA mark {RUNE} here. ")  # an earlier chapter's .notdef
    edit(sections[15], "\n\n", "\n\nÞórr and Œdipus wrote. ")  # glyphs the edit takes away
    with logged("weasyprint") as warned:
        pdf("cache")
    assert any("U+16A0" in m for m in warned), "the rune found a font: no .notdef"
    edit(sections[15], "Þórr and Œdipus wrote. ", "Thor wrote. ")
    with logged("octavo", logging.INFO) as records:
        edited = pdf("cache")
    assert any("resumed at page" in m for m in records), records
    assert any("laid out whole: a font of it" in m for m in records), records
    assert edited == pdf("cold")
