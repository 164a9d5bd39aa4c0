"""E616 (octavo.check.pdf_meta.metadata): a PDF whose dates are not the build time the
check reads from the book says why that may be (another build time: sources changed or
committed since, another SOURCE_DATE_EPOCH), where it only quoted the two dates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from octavo import api
from octavo.check.pdf_facts import PdfFacts
from octavo.check.pdf_meta import metadata
from tests.conftest import MakeBook, section_source


def _facts(title: str, date: str) -> PdfFacts:
    meta = {"/Title": title, "/CreationDate": date, "/ModDate": date, "/Subject": "s"}
    return PdfFacts(Path("b.pdf"), (), {}, frozenset(), (), {**meta, "/Keywords": "k"}, ())


def test_a_pdf_of_another_build_time_is_told_why(make_book: MakeBook) -> None:
    manuscript, _ = api.manuscript(make_book({"001-a.md": section_source(1)}))
    built = "D:" + manuscript.book.modified.strftime("%Y%m%d%H%M%S") + "Z"
    assert list(metadata(_facts(manuscript.book.config.title, built), manuscript)) == []
    other = datetime(1999, 1, 1, tzinfo=UTC).strftime("D:%Y%m%d%H%M%SZ")
    found = list(metadata(_facts(manuscript.book.config.title, other), manuscript))
    assert [d.code for d in found] == ["E616", "E616"]
    assert all("SOURCE_DATE_EPOCH" in d.hint for d in found), [d.hint for d in found]
    (titled,) = metadata(_facts("Another", built), manuscript)
    assert titled.code == "E616" and titled.hint == ""
