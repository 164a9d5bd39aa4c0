"""A chapter's title read back whole on its opening page (E655).

A title of 250 letters ran past its opening page's foot: its last words printed at the top
of the next page under a running head, and `invoke check` said "all good" (ut47 bug 21).
Print now sets a long title smaller (octavo.render.pdf.title_fit); one too long even so,
or set in a book's own larger type, is told here: the title's words read on its page, its
last ones on the next page's first lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from octavo.check.pdf_facts import PdfFacts, PdfPage
from octavo.errors import Diagnostic, error
from octavo.model import Manuscript
from octavo.text import strip_tags

__all__ = ["title_problems"]

_FIRST_LINES = 6  # of the next page: its running head, then the title's last lines


def title_problems(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    """E655 for each chapter whose title runs on from its opening page to the next."""
    for chapter in ms.chapters:
        page = facts.dests.get(chapter.id)
        title = strip_tags(chapter.title_html).split()
        if page is None or page + 1 >= len(facts.pages) or len(title) < 2:
            continue
        here = _words(facts.pages[page], None)
        if _holds(here, title):
            continue
        after = _words(facts.pages[page + 1], _FIRST_LINES)
        for cut in range(len(title) - 1, 0, -1):
            if _holds(here, title[:cut]) and _holds(after, title[cut:]):
                folio = facts.pages[page + 1].folio or str(page + 2)
                yield error(
                    "E655",
                    f"the title of chapter #{chapter.id} runs on to folio {folio!r} "
                    f"({' '.join(title[cut:])!r} is there)",
                    facts.path,
                    hint="shorten the title (book.toml [chapters]), or set it smaller in the "
                    "book's styles/print/book.css (.chapter-heading .chapter-title)",
                )
                break


def _words(page: PdfPage, lines: int | None) -> list[str]:
    return " ".join(text for _, _, text in page.lines[:lines]).split()


def _holds(words: list[str], run: list[str]) -> bool:
    """Whether `run` is in `words`, word after word."""
    size = len(run)
    return any(words[i : i + size] == run for i in range(len(words) - size + 1))
