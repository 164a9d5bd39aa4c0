"""Issue 17's spike (octavo.dev.resume, octavo.dev.resume_check): a layout resumed at a page
before an edit gives the bytes of a full layout of the edited HTML; after the edit, not."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.dev.resume import lay_out_from, recording
from octavo.dev.resume_check import resumed_bytes
from octavo.render.pdf.document import PdfOptions, load_html, write_document
from octavo.render.pdf.notes.hold import held
from octavo.render.pdf.notes.hyphens import hyphens_held
from octavo.render.pdf.parallel.part import PartJob

WORDS = (
    "The republic's trade with its neighbours grew after the treaty, and the ministry "
    "published its figures for every region, village and city in the year that followed. "
)


def _chapter(edit: str) -> str:
    rows = "".join(f"<tr><td>{i}</td><td>{i * 37}</td><td>row {i}</td></tr>" for i in range(70))
    table = (
        "<table><thead><tr><th>Year</th><th>Tons</th><th>Note</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    sections = []
    for n in range(8):
        note = f'<span class="note" id="note-{n}">Data as of {1990 + n}.</span>'
        first = f"<p>{edit}{WORDS}</p>" if n == 6 else ""
        body = "".join(f"<p>{WORDS * (2 + i % 3)}</p>" for i in range(5))
        sections.append(
            f'<section><h2 id="h{n}">Topic {n}{note}</h2>{first}{body}'
            f"{table if n == 2 else ''}</section>"
        )
    return (
        "<html lang='en'><head><style>"
        "@page { size: 360pt 480pt; margin: 36pt }"
        ".note { float: footnote } td, th { border: 1px solid; padding: 1pt 4pt }"
        "</style></head><body>" + "".join(sections) + "</body></html>"
    )


@pytest.fixture
def job(small_book: Path) -> PartJob:
    manuscript, _ = api.manuscript(small_book)
    notes = tuple((f"h{n}", f"note-{n}") for n in range(8))
    return PartJob("ch", "", _chapter("Edit number 1. "), manuscript.book.project, notes, ())


@pytest.mark.parametrize("pruned", [False, True], ids=["whole-tree", "pruned"])
def test_a_layout_resumed_and_stopped_where_the_breaks_meet_writes_the_same_bytes(
    job: PartJob, pruned: bool
) -> None:
    made = resumed_bytes(job, _chapter("Edit number 2. "), pruned=pruned)
    assert 2 < made.start < made.kept < made.pages  # after the table; the last pages kept
    assert made.resumed == made.full


def test_a_layout_resumed_to_the_end_writes_the_same_bytes(job: PartJob) -> None:
    edited = _chapter("Edit number 2. " + "Many more words in this paragraph now. " * 9)
    made = resumed_bytes(job, edited, stop=False)
    assert made.start > 2 and made.kept == made.pages
    assert made.resumed == made.full


def test_a_layout_resumed_after_the_edit_differs(job: PartJob) -> None:
    edited = _chapter("Edit number 2. " + "Many more words in this paragraph now. " * 9)
    html = load_html(job.html, job.project)
    with recording() as recorder, held(), hyphens_held():
        old = html.render()
    recorded = recorder.recorded(old)
    options = PdfOptions()
    with held(), hyphens_held():
        new = load_html(edited, job.project).render()
    late = len(old.pages) - 2  # the pages after the edit moved
    resumed, _ = lay_out_from(load_html(edited, job.project), recorded, late, None)
    ours = write_document(resumed, options)
    assert ours != write_document(new.copy(new.pages[late:]), options)
