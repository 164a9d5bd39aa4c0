"""The book's PDF, as read back (octavo.check.pdf_facts), for what a reader's software
shows of it besides its pages (E614-E616): a bookmark to each heading's page, every font
embedded, the metadata (title, dates) the manuscript gives."""

from __future__ import annotations

from collections.abc import Iterator

from octavo.check.pdf_facts import PdfFacts
from octavo.errors import Diagnostic, error
from octavo.model import Manuscript
from octavo.text import strip_tags

__all__ = ["bookmarks", "fonts", "metadata"]


def bookmarks(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    """E614: a bookmark to each chapter's and section's page."""
    # a chapter's as the EPUB's contents name it ('Chapter 1: The Economy')
    wanted = [(c.heading_text or strip_tags(c.title_html), c.id) for c in ms.chapters]
    openings = {c.opening.id for c in ms.chapters if c.opening is not None}  # the chapter's
    wanted += [(s.title_text, s.id) for s in ms.sections if s.id not in openings]
    for label, ident in wanted:
        if ident in facts.dests and (label, facts.dests[ident]) not in facts.outline:
            yield error("E614", f"no bookmark {label!r} to the page of #{ident}", facts.path)


def fonts(facts: PdfFacts) -> Iterator[Diagnostic]:
    """E615: fonts listed, each embedded."""
    if not facts.fonts:
        yield error("E615", "pdffonts lists no fonts", facts.path)
    for name, embedded in facts.fonts:
        if not embedded:
            yield error("E615", f"font {name} is not embedded", facts.path)


def metadata(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    """E616: the title and dates the manuscript gives; a subject and keywords."""
    created = "D:" + ms.book.modified.strftime("%Y%m%d%H%M%S") + "Z"
    want = {"/Title": ms.book.config.title, "/CreationDate": created, "/ModDate": created}
    for key in ("/Subject", "/Keywords"):
        want.setdefault(key, facts.metadata.get(key) or "(missing)")
    for key, value in want.items():
        if facts.metadata.get(key) != value:
            yield error(
                "E616",
                f"PDF metadata {key} is {facts.metadata.get(key)!r}, expected {value!r}",
                facts.path,
                hint=_DATED if key in ("/CreationDate", "/ModDate") else "",
            )


# a PDF's dates are its build time (Project.build_time): one made at another is a PDF of
# other sources, or made under another SOURCE_DATE_EPOCH than the check's
_DATED = (
    "the PDF was made at another build time: build it again as the check reads the book "
    "(the same SOURCE_DATE_EPOCH, or none), or check the PDF its build made"
)
