"""A chapter's part resumed after an edit (octavo.render.pdf.parallel.resume) is its full
layout: pages, page maps, bookmarks and recorded states; what it cannot resume exactly is
laid out whole. A small chapter with notes and a long table (the 81-section study's
chapters: tests/e2e/test_pdf_parallel_resume.py)."""

from __future__ import annotations

import io
import logging
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest

from octavo import api
from octavo.render.pdf.parallel.page_states import from_bytes
from octavo.render.pdf.parallel.part import PartJob, PartLayout, lay_out_part
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.resume import resume_part
from tests.support.weasyprint_log import weasyprint_warnings

WORDS = (
    "The republic's trade with its neighbours grew after the treaty, and the ministry "
    "published its figures for every region, village and city in the year that followed. "
)


def _chapter(edit: str, extra: str = "") -> str:
    rows = "".join(f"<tr><td>{i}</td><td>{i * 37}</td><td>row {i}</td></tr>" for i in range(70))
    table = (
        "<table><thead><tr><th>Year</th><th>Tons</th><th>Note</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    sections = []
    for n in range(8):
        note = f'<span class="note" id="note-{n}">Data as of {1990 + n}.</span>'
        first = f"<p>{edit}{WORDS}</p>{extra}" if n == 6 else ""
        body = "".join(f"<p>{WORDS * (2 + i % 3)}</p>" for i in range(5))
        sections.append(
            f'<section><h2 id="h{n}">Topic {n}{note}</h2>{first}{body}'
            f"{table if n == 2 else ''}</section>"
        )
    return (
        "<html lang='en'><head><style>"
        "@page { size: 360pt 480pt; margin: 36pt }"
        ".note { float: footnote } td, th { border: 1px solid; padding: 1pt 4pt }"
        "h2 { bookmark-level: 2 }"
        "</style></head><body>" + "".join(sections) + "</body></html>"
    )


@pytest.fixture
def laid(small_book: Path, tmp_path: Path) -> tuple[PartStore, PartJob, PartLayout]:
    manuscript, _ = api.manuscript(small_book)
    notes = tuple((f"h{n}", f"note-{n}") for n in range(8))
    html = _chapter("Edit number 1. ")
    job = PartJob("ch", "", html, manuscript.book.project, notes, ("h0",), states=True)
    store = PartStore(tmp_path / "parts", "salt", "book")
    old = lay_out_part(store.keyed(job))
    store.put(old)
    store.remember([old])
    return store, store.keyed(job), old


def _streams(pdf: bytes) -> list[bytes]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [page.Contents.read_bytes() for page in document.pages]


def _same(resumed: PartLayout, full: PartLayout) -> None:
    assert _streams(resumed.pdf) == _streams(full.pdf)
    assert resumed.pages == full.pages
    assert resumed.bookmarks == full.bookmarks
    assert from_bytes(resumed.state) == from_bytes(full.state)


@pytest.mark.parametrize(
    ("edit", "extra"),
    [
        ("Edit number 2. ", ""),
        ("Edit number 2. " + "Many more words in this paragraph now. " * 9, ""),
        ("Edit. ", f"<p>{WORDS * 4}</p>"),  # a paragraph more: the blocks after move
    ],
    ids=["a-word", "longer", "a-paragraph-more"],
)
def test_a_resumed_part_is_its_full_layout(
    laid: tuple[PartStore, PartJob, PartLayout],
    edit: str,
    extra: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store, job, old = laid
    edited = store.keyed(replace(job, html=_chapter(edit, extra)))
    assert store.resumable("ch") == old.key
    folder = store.store.folder
    assert folder is not None
    with caplog.at_level(logging.INFO, "octavo"):
        resumed = resume_part(edited, old.key, folder)
    assert "resumed at page" in caplog.text, caplog.text
    _same(resumed, lay_out_part(edited))


def test_what_cannot_be_resumed_is_laid_out_whole(
    laid: tuple[PartStore, PartJob, PartLayout], caplog: pytest.LogCaptureFixture
) -> None:
    store, job, old = laid
    folder = store.store.folder
    assert folder is not None
    styled = job.html.replace("padding: 1pt 4pt", "padding: 1pt 5pt")  # in <head>
    early = store.keyed(replace(job, html=styled))
    with caplog.at_level(logging.INFO, "octavo"):
        resumed = resume_part(early, old.key, folder)
        missing = resume_part(early, "0" * 64, folder)
    assert "the head changed" in caplog.text
    assert "not in the cache" in caplog.text
    full = lay_out_part(early)
    _same(resumed, full)
    _same(missing, full)


def test_a_planted_state_is_never_read(laid: tuple[PartStore, PartJob, PartLayout]) -> None:
    """The states are pickles: only those this user's octavo signed are taken."""
    store, _, old = laid
    folder = store.store.folder
    assert folder is not None
    (folder / f"{old.key}.state").write_bytes(b"not signed")
    assert store.store.get(f"{old.key}.state") is None


class _Pool:
    """Records what is submitted (a stand-in for the workers' executor)."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []
        self.futures: list[Future[object]] = []

    def submit(self, fn: object, *args: object) -> Future[object]:
        self.calls.append((fn, *args))
        self.futures.append(Future())
        return self.futures[-1]


def test_the_parent_resumes_a_chapter_whose_states_are_kept(
    laid: tuple[PartStore, PartJob, PartLayout],
) -> None:
    from octavo.render.pdf.parallel.started import start

    store, job, old = laid
    edited = store.keyed(replace(job, html=_chapter("Edit number 2. ")))
    pool = _Pool()
    start(pool, store, edited)  # type: ignore[arg-type]
    start(pool, store, replace(edited, states=False))  # type: ignore[arg-type]
    other = store.keyed(replace(edited, name="other"))
    start(pool, store, other)  # type: ignore[arg-type]  # no last layout of its own
    found = start(pool, store, job)  # type: ignore[arg-type]
    assert isinstance(found, PartLayout) and found.pdf == old.pdf  # the cache's
    assert [c[0] for c in pool.calls] == [resume_part, lay_out_part, lay_out_part]
    assert pool.calls[0][1:] == (edited, old.key, store.store.folder, False)


def test_the_build_s_process_splices_what_a_worker_resumed(
    laid: tuple[PartStore, PartJob, PartLayout], monkeypatch: pytest.MonkeyPatch
) -> None:
    """octavo.render.pdf.parallel.resumed_here: the worker sends the new pages alone, the
    build's process splices them into the old part: the part the worker would have made;
    one that cannot be spliced is laid out whole in a worker."""
    from concurrent.futures import ThreadPoolExecutor

    from octavo.render.pdf.parallel import resumed_here

    store, job, old = laid
    folder = store.store.folder
    assert folder is not None
    edited = store.keyed(replace(job, html=_chapter("Edit number 2. ")))
    with weasyprint_warnings() as logged:
        there = resume_part(edited, old.key, folder)
        alone = resume_part(edited, old.key, folder, splice=False)
        with ThreadPoolExecutor(1) as pool:
            here = resumed_here.resume_started(pool, edited, old.key, folder).result()

            def refused(*_: object) -> bytes:
                raise ValueError("a resource named by a count (/x0): not resumed")

            monkeypatch.setattr(resumed_here, "spliced", refused)
            whole = resumed_here.resume_started(pool, edited, old.key, folder).result()
        # refused, with no worker left to lay it out whole: the build is told, not left
        # waiting
        fake = _Pool()
        late = resumed_here.resume_started(fake, edited, old.key, folder)  # type: ignore[arg-type]

        def shut(*_: object) -> Future[object]:
            raise RuntimeError("cannot submit a task after shutdown")

        monkeypatch.setattr(fake, "submit", shut)
        fake.futures[0].set_result(alone)
        assert isinstance(late.exception(timeout=5), RuntimeError)
    assert not logged
    assert alone.unspliced is not None and alone.pdf != there.pdf
    assert here.unspliced is None and here == there
    assert whole.pdf == lay_out_part(edited).pdf and whole.unspliced is None


def _texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("edit", ["Edit number 2. ", "Þórr's edit. "])
def test_a_resumed_part_reads_as_its_full_layout_on_its_own(
    laid: tuple[PartStore, PartJob, PartLayout], edit: str
) -> None:
    """Each page of a spliced part keeps its own write's fonts (resume.splice), so the
    part reads right before the merge writes each font for the book, with a glyph the old
    layout never drew too (Þ)."""
    store, job, old = laid
    edited = store.keyed(replace(job, html=_chapter(edit)))
    folder = store.store.folder
    assert folder is not None
    resumed, full = resume_part(edited, old.key, folder), lay_out_part(edited)
    assert resumed.pdf != full.pdf
    assert _texts(resumed.pdf) == _texts(full.pdf)


def test_a_page_inside_the_edited_paragraph_is_not_resumed_at() -> None:
    """Where a page ends inside a paragraph follows the lines after it (widows): an edit in
    a phrase of the paragraph's next page may move it, so that page is never resumed at
    (the review's case: 18 + 2 lines before; 19 on one page after; resumed, 18 + 1)."""
    from weasyprint import HTML

    from octavo.render.pdf.parallel.page_states import recording
    from octavo.render.pdf.parallel.resumed_layout import resume_page
    from octavo.render.pdf.parallel.tree_diff import diff, tree_of

    css = (
        "<style>@page { size: A7; margin: 1cm } body { font: 10pt/12pt serif }"
        "p { margin: 0; widows: 2; orphans: 2 }</style>"
    )

    def html(count: int, tail: str) -> str:
        words = " ".join(f"w{i}" for i in range(count))
        return f"{css}<body><p>{words} <em>e</em> {tail}</p></body>"

    tried = 0
    for count in range(60, 200):
        old = HTML(string=html(count, "tail words here and some more words to fill"))
        with recording() as recorder:
            document = old.render()
        if len(document.pages) != 2:
            continue
        tried += 1
        recorded = recorder.recorded(document)
        new = HTML(string=html(count, "x"))
        change = diff(recorded.tree, tree_of(new.etree_element))
        assert change is not None
        assert resume_page(recorded, change.first, change.old_last) in (None, 0)
    assert tried


def test_a_chapter_made_shorter_keeps_none_of_its_old_last_pages(
    laid: tuple[PartStore, PartJob, PartLayout], caplog: pytest.LogCaptureFixture
) -> None:
    """The new layout ends before the old one did: no old page follows it (the review's
    case: the old last page was put after the new ones)."""
    store, job, _ = laid
    longer = store.keyed(replace(job, html=_chapter("Edit number 1. ", f"<p>{WORDS * 14}</p>")))
    old = lay_out_part(longer)
    store.put(old)
    store.remember([old])
    shorter = store.keyed(replace(job, html=_chapter("Edit number 1. ", "<p>Short.</p>")))
    folder = store.store.folder
    assert folder is not None
    with caplog.at_level(logging.INFO, "octavo"):
        resumed = resume_part(shorter, old.key, folder)
    full = lay_out_part(shorter)
    assert len(full.pages) < len(old.pages)
    assert "resumed at page" in caplog.text, caplog.text
    _same(resumed, full)


def test_resources_named_by_a_count_are_not_spliced(
    laid: tuple[PartStore, PartJob, PartLayout], caplog: pytest.LogCaptureFixture
) -> None:
    """WeasyPrint names an opacity group by a count in each document (x0, x1, ...): the
    same name in the old write and the new can be two things, so the part is laid out
    whole (the review's case: an old page's group drew the new page's colour)."""
    store, job, _ = laid
    seen = '<p style="opacity: .5; background: red">Half seen.</p>'
    old = lay_out_part(store.keyed(replace(job, html=_chapter("Edit number 1. ", seen))))
    store.put(old)
    store.remember([old])
    edited = _chapter("Edit number 2. ", seen.replace("red", "blue"))
    job2 = store.keyed(replace(job, html=edited))
    folder = store.store.folder
    assert folder is not None
    with caplog.at_level(logging.INFO, "octavo"):
        resumed = resume_part(job2, old.key, folder)
    assert "laid out whole" in caplog.text, caplog.text
    assert resumed.pdf == lay_out_part(job2).pdf
