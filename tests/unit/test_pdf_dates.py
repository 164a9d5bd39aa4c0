"""octavo.render.pdf.parallel.dates: the front matter laid out once, whatever the build time."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pikepdf
import pytest

from octavo import api
from octavo.model import Manuscript
from octavo.render.pdf.document import PdfOptions, write_document
from octavo.render.pdf.parallel import jobs, parts_store
from octavo.render.pdf.parallel.dates import STAND_IN, Redated, pdf_date, redate
from octavo.render.pdf.parallel.page_maps import PageMap
from octavo.render.pdf.parallel.part import PartLayout

XMP = b'<rdf:Description rdf:about=""><dc:identifier>urn:x</dc:identifier></rdf:Description>'


def _pdf(timestamp: str, pages: int = 3, dated: bool = True) -> bytes:
    """A PDF as a part is written (octavo's finisher, XMP), its dates `timestamp`."""
    from weasyprint import HTML

    head = "".join(
        f'<meta name="dcterms.{name}" content="{timestamp}">' for name in ("created", "modified")
    )
    body = "".join(f"<h1 style='break-before: page'>Page {i} (é)</h1>" for i in range(pages))
    source = f"<html><head><title>A (b)</title>{head if dated else ''}</head><body>{body}</body>"
    return write_document(HTML(string=source).render(), PdfOptions(), "urn:x", XMP)


STAND_IN_AT = STAND_IN.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize(
    "timestamp",
    ["2026-12-01T21:31:57Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", STAND_IN_AT],
)
@pytest.mark.parametrize("pages", [1, 40])
def test_redated_is_what_weasyprint_writes_at_that_time(timestamp: str, pages: int) -> None:
    assert redate(_pdf(STAND_IN_AT, pages), timestamp) == _pdf(timestamp, pages)


def test_the_dates_read_back() -> None:
    with pikepdf.open(io.BytesIO(redate(_pdf(STAND_IN_AT), "1995-06-10T08:30:00Z"))) as pdf:
        assert pdf.docinfo["/CreationDate"] == pdf.docinfo["/ModDate"] == "D:19950610083000Z"
        xmp = pdf.open_metadata()
        assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == "1995-06-10T08:30:00Z"
    assert pdf_date("1995-06-10T08:30:00Z") == "D:19950610083000Z"


@pytest.mark.parametrize(
    "case",
    ["short date", "no dates", "rewritten by qpdf", "truncated", "not a pdf"],
)
def test_what_is_not_laid_out_as_expected_is_refused(case: str) -> None:
    good = _pdf(STAND_IN_AT)
    if case == "short date":
        pdf, timestamp = good, "1995-06-10"
    elif case == "no dates":
        pdf, timestamp = _pdf(STAND_IN_AT, dated=False), "1995-06-10T00:00:00Z"
    elif case == "rewritten by qpdf":
        out = io.BytesIO()
        with pikepdf.open(io.BytesIO(good)) as document:
            document.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        pdf, timestamp = out.getvalue(), "1995-06-10T00:00:00Z"
    elif case == "truncated":
        pdf, timestamp = good[: len(good) // 2], "1995-06-10T00:00:00Z"
    else:
        pdf, timestamp = b"%PDF-1.7\nstartxref\n3\n%%EOF\n", "1995-06-10T00:00:00Z"
    with pytest.raises(Redated):
        redate(pdf, timestamp)


def _chapters(manuscript: Manuscript) -> tuple[PartLayout, ...]:
    """A page for each chapter with its headings: the folios the contents show."""
    return tuple(
        PartLayout(
            c.id,
            "",
            b"",
            (PageMap(False, c.id, (c.id, *(s.id for s in c.sections)), (), (), ()),),
            (),
            (),
        )
        for c in manuscript.chapters
    )


def _front_key(manuscript: Manuscript) -> str:
    front = jobs.front_job(manuscript, PdfOptions(), _chapters(manuscript))
    return parts_store.PartStore(None, "salt").keyed(front).key


def _at(manuscript: Manuscript, delta: timedelta) -> Manuscript:
    return replace(
        manuscript, book=replace(manuscript.book, modified=manuscript.book.modified + delta)
    )


def test_the_front_key_does_not_change_with_the_build_time_alone(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    at = manuscript.book.modified
    same_day = timedelta(seconds=1 if at.second < 59 else -1)  # a source saved again
    assert _front_key(_at(manuscript, same_day)) == _front_key(manuscript)
    front = jobs.front_job(manuscript, PdfOptions(), _chapters(manuscript))
    assert f'name="dcterms.modified" content="{STAND_IN_AT}"' in front.html
    assert manuscript.book.labels.day(at) in front.html  # the imprint's day is the book's
    # the imprint shows the day: another day is another front matter
    assert _front_key(_at(manuscript, timedelta(days=1))) != _front_key(manuscript)


def test_the_other_parts_do_not_carry_the_build_time(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    later = _at(manuscript, timedelta(days=400))
    for m in (manuscript, later):
        chapters = _chapters(m)
        appendix = jobs.appendix_job(m, PdfOptions(), chapters)
        assert appendix.html == jobs.appendix_job(manuscript, PdfOptions(), chapters).html
        for c in m.chapters:
            assert (
                jobs.chapter_job(m, PdfOptions(), c.id).html
                == jobs.chapter_job(manuscript, PdfOptions(), c.id).html
            )
        stamp = jobs.stamp_job(m, PdfOptions(), chapters)
        assert stamp.html == jobs.stamp_job(manuscript, PdfOptions(), chapters).html
