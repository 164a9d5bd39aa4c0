"""An edit of a chapter of the 81-section study, resumed at the page before it
(octavo.render.pdf.parallel.resume), gives the chapter's full layout: each page's content
stream, the page maps, the bookmarks and the recorded states it keeps."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import pikepdf
import pytest

from octavo import api
from octavo.dev.gen import generate_study
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.jobs import chapter_job
from octavo.render.pdf.parallel.page_states import from_bytes
from octavo.render.pdf.parallel.part import PartJob, PartLayout, lay_out_part
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.resume import resume_part

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
