"""An edit of a chapter of the 81-section study, resumed at the page before it
(octavo.render.pdf.parallel.resume), gives the chapter's full layout: each page's content
stream, the page maps, the bookmarks and the recorded states it keeps."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf
import pytest

from octavo import api
from octavo.dev.gen import generate_study
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.build import render_pdf_parallel
from octavo.render.pdf.parallel.jobs import chapter_job
from octavo.render.pdf.parallel.page_states import from_bytes
from octavo.render.pdf.parallel.part import PartJob, PartLayout, lay_out_part
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.resume import resume_part
from tests.support.weasyprint_log import logged

WORDS = (
    "the railway carried grain and timber from the northern provinces to the ports " * 40
).split()


@dataclass(frozen=True)
class Laid:
    store: PartStore
    job: PartJob
    old: PartLayout


@pytest.fixture(scope="module")
def laid(tmp_path_factory: pytest.TempPathFactory) -> Laid:
    folder = tmp_path_factory.mktemp("resume")
    root = generate_study(folder / "book", 81, seed=1, constructs=True, matter=True)
    manuscript, _ = api.manuscript(root)
    store = PartStore(folder / "parts", "salt", "book")
    job = store.keyed(chapter_job(manuscript, PdfOptions(), "ch03"))  # tables, notes
    old = lay_out_part(job)
    store.put(old)
    store.remember([old])
    return Laid(store, job, old)


def _sections(html: str) -> list[int]:
    return [m.start() for m in re.finditer(r'<section class="section"', html)]


def _paragraph(html: str, section: int, plain: bool = False) -> tuple[int, int]:
    """The text of the first paragraph of a section (without markup: `plain`)."""
    at = _sections(html)[section]
    for found in re.finditer(r"<p>(.*?)</p>", html[at:], re.S):
        if not plain or "<" not in found[1]:
            return at + found.start(1), at + found.end(1)
    raise AssertionError("no paragraph")


def _inserted(section: int, text: str) -> Callable[[str], str]:
    def edit(html: str) -> str:
        a, _ = _paragraph(html, section if section >= 0 else len(_sections(html)) - 1)
        return html[:a] + text + html[a:]

    return edit


def _paragraph_more(html: str) -> str:
    _, b = _paragraph(html, len(_sections(html)) // 2)
    return html[:b] + "</p><p>" + " ".join(WORDS[:450]) + html[b:]


def _shorter(html: str) -> str:
    a, _ = _paragraph(html, len(_sections(html)) // 2, plain=True)
    return html[:a] + html[a + 200 :]


def _in_table(html: str) -> str:
    cell = '<td class="align-right">'
    at = html.find(cell, html.find("<tbody>") + 2000)
    assert at > 0
    return html[:at] + cell + "12,345" + html[at + len(cell) + 5 :]


EDITS = {
    "a-word": _inserted(3, "railway "),
    "45-words": _inserted(3, " ".join(WORDS[:45]) + " "),
    "450-words-a-page-more": _paragraph_more,
    "200-characters-fewer": _shorter,
    "in-a-table": _in_table,
    "first-section": _inserted(0, "railway "),
    "last-section": _inserted(-1, "railway "),
}


def _streams(pdf: bytes) -> list[bytes]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [page.Contents.read_bytes() for page in document.pages]


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_resumed_chapter_is_its_full_layout(
    laid: Laid, edit: str, caplog: pytest.LogCaptureFixture
) -> None:
    job = laid.store.keyed(replace(laid.job, html=EDITS[edit](laid.job.html)))
    folder = laid.store.store.folder
    assert folder is not None and job.key != laid.old.key
    with caplog.at_level(logging.INFO, "octavo"):
        resumed = resume_part(job, laid.old.key, folder)
    assert "resumed at page" in caplog.text, caplog.text
    full = lay_out_part(job)
    assert _streams(resumed.pdf) == _streams(full.pdf)
    assert resumed.pages == full.pages
    assert resumed.bookmarks == full.bookmarks
    assert from_bytes(resumed.state) == from_bytes(full.state)


def _pages(pdf: Path) -> list[tuple[bytes, str]]:
    """Each page's content stream and links (rect and destination): the PDF but its fonts."""
    with pikepdf.open(pdf) as document:
        pages = []
        for page in document.pages:
            links = [(list(a.Rect), repr(a.get("/Dest"))) for a in page.get("/Annots", [])]
            contents = page.Contents
            parts = contents if isinstance(contents, pikepdf.Array) else [contents]
            pages.append((b"\n".join(c.read_bytes() for c in parts), repr(links)))
        return pages


def _outline(pdf: Path) -> list[tuple[str, int]]:
    with pikepdf.open(pdf) as document, document.open_outline() as outline:
        found: list[tuple[str, int]] = []

        def walk(items: list[pikepdf.OutlineItem]) -> None:
            for item in items:
                found.append((item.title, len(item.children)))
                walk(item.children)

        walk(outline.root)
        return found


@dataclass(frozen=True)
class Books:
    cold: Path
    edited: Path  # the cold build's cache, after an edit: the chapter resumed
    log: str  # the "octavo" logger's records of the edited build


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Books:
    """The study built in parts (one worker thread: its log is this process's), edited
    as the bench edits it and built again, and built cold."""
    from octavo.dev.scenarios import _edit

    folder = tmp_path_factory.mktemp("resumed-book")
    root = generate_study(folder / "book", 81, seed=1, constructs=True, matter=True)

    def pdf(name: str, cache: str) -> Path:
        manuscript, _ = api.manuscript(root)
        with ThreadPoolExecutor(1) as pool:
            made = render_pdf_parallel(manuscript, PdfOptions(), 2, folder / cache, pool)
        (folder / name).write_bytes(made.pdf)
        return folder / name

    first = pdf("first.pdf", "cache")
    _edit(sorted(root.glob("*.md"))[81 // 2])  # the bench's edit
    with logged("octavo", logging.INFO) as records:
        edited = pdf("edited.pdf", "cache")
    assert first.read_bytes() != edited.read_bytes()
    return Books(pdf("cold.pdf", "cold"), edited, "\n".join(records))


def test_a_book_with_a_resumed_chapter_has_the_cold_builds_pages(books: Books) -> None:
    assert "resumed at page" in books.log, books.log
    assert _pages(books.edited) == _pages(books.cold)
    assert _outline(books.edited) == _outline(books.cold)


def test_a_book_with_a_resumed_chapter_is_the_cold_builds_bytes(books: Books) -> None:
    """The spliced part's two writes leave no trace in the book (resume.splice, the merge's
    book fonts)."""
    assert books.edited.read_bytes() == books.cold.read_bytes()


def test_an_edit_with_a_glyph_no_page_drew_before_is_the_cold_builds_bytes(
    tmp_path: Path,
) -> None:
    """The new pages of a resumed chapter draw a glyph the old layout's fonts lack (Þ, Œ):
    each page of the spliced part keeps its own write's fonts, and the merge writes each
    font once for the book from the pages' glyph records (book_fonts), so the book is the
    cold build's bytes all the same."""
    root = generate_study(tmp_path / "book", 30, seed=3)

    def pdf(cache: str) -> bytes:
        manuscript, _ = api.manuscript(root)
        with ThreadPoolExecutor(1) as pool:
            return render_pdf_parallel(manuscript, PdfOptions(), 2, tmp_path / cache, pool).pdf

    pdf("cache")
    section = sorted(root.glob("*.md"))[15]
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("\n\n", "\n\nÞórr and Œdipus wrote. ", 1), "utf-8")
    with logged("octavo", logging.INFO) as records:
        edited = pdf("cache")
    assert any("resumed at page" in m for m in records), records
    assert edited == pdf("cold")
