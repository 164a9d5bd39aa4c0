"""Check a written PDF, as read back (octavo.check.pdf_facts), against the manuscript
(E610-E619, E625).

Nothing here comes from octavo's own view of the layout: named destinations say where each
heading landed, the printed folios and running heads are read as text, the contents
numbers are read from the contents lines that carry each link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from octavo.check import bidi_words
from octavo.check.bidi_words import holds_lines, line_words, words
from octavo.check.content import check_content, check_notes
from octavo.check.folios import counted_folio, folio_number, in_figures, reading
from octavo.check.pdf_facts import (
    Link,
    PdfFacts,
    PdfPage,
    Unreadable,
    read_book_pdf,
    read_pdf,
    unreadable,
)
from octavo.check.pdf_index import index_problems
from octavo.check.pdf_meta import bookmarks, fonts, metadata
from octavo.check.running_heads import running_heads
from octavo.check.titles import title_problems
from octavo.errors import Diagnostic, error, warning
from octavo.model import APPENDIX, INDEX, Manuscript, RenderedSection
from octavo.model.language_tags import direction
from octavo.text import strip_tags

__all__ = ["check_book_facts", "check_book_pdf", "check_handout_pdf", "note_line", "unread_text"]


def check_book_pdf(path: Path, manuscript: Manuscript, room: float = 0.0) -> tuple[Diagnostic, ...]:
    """The book's PDF at `path` read back (octavo.check.pdf_facts.read_book_pdf) and
    checked against the manuscript (`check_book_facts`)."""
    return check_book_facts(read_book_pdf(path), manuscript, room)


def check_book_facts(
    facts: PdfFacts | Unreadable, manuscript: Manuscript, room: float = 0.0
) -> tuple[Diagnostic, ...]:
    """The book's PDF as read back, checked against the manuscript; E652 alone for one
    whose text cannot be read (every check of text would fail). `room`: the text block's
    height (points), past which the notes called on one page run onto the following ones
    as print lets them (octavo.check.note_room; 0: never)."""
    if isinstance(facts, Unreadable):
        return (_unreadable(facts),)
    with bidi_words.right_to_left(bidi_words.has_right_to_left(manuscript)):
        return _checked(facts, manuscript, room)


def _checked(facts: PdfFacts, manuscript: Manuscript, room: float) -> tuple[Diagnostic, ...]:
    first_body = min((facts.dests.get(c.id, 0) for c in manuscript.chapters), default=0)
    found = [
        *_missing(facts, manuscript),
        *_contents(
            facts,
            first_body,
            frozenset(p.id for p in manuscript.parts),
            direction(manuscript.book.config.language) == "rtl",
        ),
        *_notes(facts, manuscript),
        *check_content(facts, manuscript, room=room),
        *_chapters(facts, manuscript),
        *title_problems(facts, manuscript),
        *running_heads(facts, manuscript),
        *index_problems(facts, manuscript),
        *bookmarks(facts, manuscript),
        *fonts(facts),
        *metadata(facts, manuscript),
    ]
    return tuple(found)


def unread_text(path: Path) -> tuple[Diagnostic, ...]:
    """E652, once, for a PDF (the print cover) whose text in a font pdfplumber cannot read
    (W651's empty boxes): none if it reads."""
    read = unreadable(path)
    return (_unreadable(read),) if read is not None else ()


def _unreadable(read: Unreadable) -> Diagnostic:
    return error(
        "E652",
        f"the PDF's text in {', '.join(read.fonts)} cannot be read back: WeasyPrint encoded "
        "the font in a way of its own to draw characters no font holds as empty boxes "
        "(W651); the PDF is not checked",
        read.path,
        hint="give the book a font that holds those characters (the build names them, "
        "W651), build it again and check it",
    )


def _problem(code: str, facts: PdfFacts, message: str) -> Diagnostic:
    return error(code, message, facts.path)


def _missing(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    for ident in [c.id for c in ms.chapters] + [s.id for s in ms.sections]:
        if ident not in facts.dests:
            yield _problem("E617", facts, f"no destination for heading #{ident}")


def _contents(
    facts: PdfFacts, first_body: int, parts: frozenset[str], rtl: bool = False
) -> Iterator[Diagnostic]:
    """Each contents line ends with the folio of the page its link goes to (a part's title
    page has no folio, and its line no number); in a book set right to left (`rtl`), its
    end is on the left: the line's first word as read off the page, left to right."""
    contents_page = facts.dests.get("contents")
    seen: set[str] = set()
    for link in facts.links:
        if contents_page is None or not contents_page <= link.page < first_body:
            continue
        if link.dest in seen or link.dest in parts:
            continue
        seen.add(link.dest)
        line = _last_line_in(facts.pages[link.page], link)
        printed = line.split()[0 if rtl else -1] if line.split() else ""
        target = counted_folio(facts, facts.dests[link.dest]) if link.dest in facts.dests else "?"
        if printed != target:
            yield _problem(
                "E610",
                facts,
                f"contents says {printed!r} for #{link.dest}, "
                f"its page is folio {target!r}: {line!r}",
            )


def _last_line_in(page: PdfPage, link: Link) -> str:
    inside = [
        t for top, bottom, t in page.lines if top >= link.top - 2 and bottom <= link.bottom + 2
    ]
    return inside[-1] if inside else ""


def note_line(rs: RenderedSection) -> str:
    return f"{rs.note_number}. {strip_tags(rs.note_html)}"


def _notes(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    for rs in ms.sections:
        if not rs.section.dated:  # no data-date note (the reference list octavo makes)
            continue
        page = facts.dests.get(rs.id)
        if page is not None and not _note_on(facts.pages[page], note_line(rs)):
            yield _problem(
                "E611",
                facts,
                f"note {note_line(rs)!r} of #{rs.id} is not on its "
                f"heading's page (folio {facts.pages[page].folio})",
            )


def _note_on(page: PdfPage, line: str) -> bool:
    """Whether the note `line` is a line of `page`: as written, or (a line set right to
    left, whose words read in another order) its words those of its line
    (octavo.check.bidi_words)."""
    return line in page.texts() or holds_lines(line_words(page), words(line))


def _chapters(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    """Each division that opens on a right-hand page does (the acronyms and a chronology
    open on the next page, left or right: Chapter.opens_recto): on an odd page of the PDF,
    its folio odd, read as the folios of its matter are written (`reading`); where they are
    in a style not read (W649, once a matter), by its page alone."""
    # in a book of front matter alone, the back matter's folios count from 1, as a body's
    opening = [c.id for c in ms.chapters if c.matter != "front"] + [APPENDIX, INDEX]
    body = min((facts.dests[i] for i in opening if i in facts.dests), default=len(facts.pages))
    runs = {
        True: [(i, p.folio) for i, p in enumerate(facts.pages[:body]) if p.folio],
        False: [(i, p.folio) for i, p in enumerate(facts.pages) if i >= body and p.folio],
    }
    systems = {front: reading(run) for front, run in runs.items()}
    unread: set[bool] = set()
    for chapter in ms.chapters:
        page = facts.dests.get(chapter.id)
        if not chapter.opens_recto or page is None:
            continue
        front = page < body
        folio = facts.pages[page].folio
        system = systems[front]
        if system is None and folio and runs[front]:
            unread.add(front)  # in a style not read: its page alone tells
            number: int | None = 1
        else:
            number = folio_number(folio, front, system)
        if number is None or number % 2 == 0 or page % 2:
            yield _problem(
                "E612",
                facts,
                f"chapter #{chapter.id} opens on folio {folio!r}, not on a right-hand (odd) page",
            )
    for front in sorted(unread, reverse=True):
        shown = ", ".join(repr(f) for _, f in runs[front][:3])
        matter = "front matter" if front else "body"
        yield warning(
            "W649",
            f"the {matter}'s folios ({shown}, …) are in a style invoke check does not read "
            "(it reads figures, roman numerals and Latin or Greek letters): its chapters' "
            "right-hand pages are checked by their place in the PDF alone",
            facts.path,
            hint="nothing to do if the folios print as the book means them; a contents "
            "line and the index are still compared with the folios as printed",
        )


# ---- handouts ---------------------------------------------------------------------------


def check_handout_pdf(
    path: Path, manuscript: Manuscript, sections: tuple[RenderedSection, ...]
) -> tuple[Diagnostic, ...]:
    """One handout: header names study and chapter, notes on page 1, 'page N of M' folios."""
    facts = read_pdf(path)
    found: list[Diagnostic] = list(fonts(facts))
    first = facts.pages[0].texts() if facts.pages else set()
    if not any(manuscript.book.config.title in text for text in first):
        found.append(_problem("E618", facts, "the handout's header does not name the study"))
    base = sections[0].note_number - 1 if sections else 0  # a handout numbers notes from 1
    for rs in (s for s in sections if s.section.dated):
        at = facts.dests.get(rs.id)
        line = f"{rs.note_number - base}. {strip_tags(rs.note_html)}"
        if at is None or not _note_on(facts.pages[at], line):
            found.append(_problem("E611", facts, f"note of #{rs.id} not on its heading's page"))
    found += check_notes(facts, sections, base)
    found += check_content(facts, manuscript, sections)
    total = len(facts.pages)
    parts = manuscript.labels.parts("page_of")  # {number}, {total}: either or both
    page_of = re.compile("".join(re.escape(w) + (r"(\d+)" if f else "") for w, f in parts))
    printed = "".join(p.folio_line for p in facts.pages)
    for page in facts.pages:
        match = page_of.fullmatch(page.folio_line)
        expected = [{"number": page.index + 1, "total": total}[f] for _, f in parts if f]
        if not match or [int(n) for n in match.groups()] != expected:
            figures = page.folio_line + printed  # its words in the figures the folios print
            number, count = in_figures(page.index + 1, figures), in_figures(total, figures)
            shown = manuscript.labels.format("page_of", number=number, total=count)
            told = f"folio {page.folio_line!r} on page {page.index + 1}, expected {shown!r}"
            found.append(_problem("E619", facts, told))
    return tuple(found)
