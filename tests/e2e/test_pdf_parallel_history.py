"""A resumed chapter leaves no trace where the merge would keep its own fonts
(octavo.render.pdf.parallel.spliced_fonts): a .notdef drawn in another chapter keeps the
body face from being written from the pages' records, so the merge takes the union of
the parts' subsets, and a spliced part's subset still held the glyphs of the pages its
edit replaced; an edit that takes away the only use of a font left the old pages naming
it. Either way the edited book was not the cold build's bytes."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from octavo import api
from octavo.dev.gen import generate_study
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.build import render_pdf_parallel
from tests.support.weasyprint_log import logged

RUNE = "ᚠ"  # U+16A0: in no font of the test machines (fonts-dejavu-core), drawn as .notdef
SNOWMAN = "☃"  # U+2603: in DejaVu Sans only, a font no other page draws


def _a_font_has(codepoint: str) -> bool:
    """Whether fontconfig knows a font with `codepoint` (hex)."""
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", f":charset={codepoint}"], capture_output=True, text=True)
    return bool(found.stdout.strip())


Build = Callable[[str], bytes]


@pytest.fixture(autouse=True)
def no_weasyprint_warnings() -> Iterator[None]:
    """The .notdef of the rune is this module's point: WeasyPrint may warn of it, and of
    nothing else."""
    with logged("weasyprint") as messages:
        yield
    assert all("U+16A0" in m for m in messages), messages


def _study(tmp_path: Path) -> tuple[list[Path], Build]:
    root = generate_study(tmp_path / "book", 30, seed=3)

    def pdf(cache: str) -> bytes:
        manuscript, _ = api.manuscript(root)
        with ThreadPoolExecutor(1) as pool:
            return render_pdf_parallel(manuscript, PdfOptions(), 2, tmp_path / cache, pool).pdf

    return sorted(root.glob("*.md")), pdf


def _edit(section: Path, old: str, new: str) -> None:
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edited_is_cold(pdf: Build) -> None:
    with logged("octavo", logging.INFO) as records:
        edited = pdf("cache")
    assert any("resumed at page" in m for m in records), records
    assert any("laid out whole: the merge would keep" in m for m in records), records
    assert edited == pdf("cold")


def test_a_spliced_chapter_whose_font_falls_back_is_laid_out_whole(tmp_path: Path) -> None:
    if _a_font_has("16a0"):
        pytest.skip("a font here draws the rune: no .notdef to make the body face fall back")
    sections, pdf = _study(tmp_path)
    _edit(sections[5], "\n\n", f"\n\nA mark {RUNE} here. ")  # an earlier chapter's .notdef
    _edit(sections[15], "\n\n", "\n\nÞórr and Œdipus wrote. ")  # glyphs the edit takes away
    with logged("weasyprint") as warned:
        pdf("cache")
    assert any("U+16A0" in m for m in warned), "the rune found a font: no .notdef"
    _edit(sections[15], "Þórr and Œdipus wrote. ", "Thor wrote. ")
    _edited_is_cold(pdf)


def test_an_edit_taking_away_a_font_s_only_use_is_the_cold_build(tmp_path: Path) -> None:
    """The snowman is the chapter's only glyph of DejaVu Sans: once it is gone, no page of
    the book draws that font, the merge writes none of it, and the old pages kept naming
    their subset of it (the reviewer's case: 270,041 bytes against 267,089)."""
    sections, pdf = _study(tmp_path)
    _edit(sections[15], "\n\n", f"\n\nA snowman {SNOWMAN} here. ")
    pdf("cache")
    _edit(sections[15], f"A snowman {SNOWMAN} here. ", "A snowman here. ")
    _edited_is_cold(pdf)
