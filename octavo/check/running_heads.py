"""The running heads of a written PDF, as read back (octavo.check.pdf_facts), against the
manuscript (E613): left pages name the book or its part, right pages the division; a head
cut to its line after a whole word, with an ellipsis (octavo.render.pdf.running_heads); a
head set right to left compared word for word (octavo.check.bidi_words)."""

from __future__ import annotations

from collections.abc import Iterator

from octavo.check.bidi_words import holds_lines, line_words, words
from octavo.check.pdf_facts import PdfFacts, PdfPage
from octavo.errors import Diagnostic, error
from octavo.model import APPENDIX, INDEX, Manuscript
from octavo.project import Project
from octavo.sandbox import FileRefused, read_file
from octavo.shipped import TEMPLATES
from octavo.text import CUT_AFTER, strip_tags

__all__ = ["running_heads"]


def running_heads(facts: PdfFacts, ms: Manuscript) -> Iterator[Diagnostic]:
    """Left pages name the book (in a book of parts, the part), right pages the division
    (its head_text: an appendix's with its letter; none on a division's first page; none
    on a part's title page): the contents' and the lists' pages too."""
    title = strip_tags(ms.title_html)  # as typeset: "Côte d’Ivoire", not "Côte d'Ivoire"
    # a book's own print/book.html from before appendices' heads carried their letter
    # prints an appendix's title alone, as it did then
    older = _titles_alone(ms.book.project)
    parts = {p.part.number: strip_tags(p.heading_html) for p in ms.parts}
    starts = sorted(
        [
            (facts.dests[c.id], c.title_text if older else c.head_text, parts.get(c.part, title))
            for c in ms.chapters
            if c.id in facts.dests
        ]
        + [(facts.dests[p.id], "", "") for p in ms.parts if p.id in facts.dests]
        + [  # the contents and the lists of tables and figures: front-matter divisions
            (facts.dests[ident], ms.labels.format(label), title)
            for ident, label in [
                ("contents", "contents"),
                *((f"list-of-{kind}", f"list_of_{kind}") for kind, _ in ms.lists),
            ]
            if ident in facts.dests
        ]
    )
    # the appendix and the index print their own heads (a book with no dated section has
    # no appendix: its index ends the divisions' pages)
    end = min(
        (facts.dests[i] for i in (APPENDIX, INDEX) if i in facts.dests), default=len(facts.pages)
    )
    for first, (page_index, chapter, left) in enumerate(starts):
        stop = starts[first + 1][0] if first + 1 < len(starts) else end
        for page in facts.pages[page_index + 1 : stop]:
            if not page.lines or not left or not (page.head or page.folio) or page.turned:
                continue  # a blank page, a part's title page, a full-bleed figure's page, a
                # broadside page (no running head: octavo.render.pdf.broadside)
            want = left if page.index % 2 else chapter
            if page.head != want and not _cut_from(page.head, want) and not _head_words(page, want):
                yield error(
                    "E613",
                    f"running head of folio {page.folio!r} is {page.head!r}, expected {want!r}",
                    facts.path,
                )


def _head_words(page: PdfPage, title: str) -> bool:
    """Whether the page's running head is `title` set right to left: its words, each read
    in its order, are the title's (octavo.check.bidi_words), or, where its line holds the
    ellipsis, those of its beginning cut after a whole word (octavo.render.pdf.running_heads:
    the ellipsis is no word). The ellipsis ends the cut: a head whose first line holds it
    is one line; a head wrapped onto two (a book's heads set larger) is the title's
    beginning on its first line, without it, and wrong (E613)."""
    head = line_words(page)[:1]
    cuts = title.split()
    return holds_lines(head, words(title)) or (
        "\u2026" in page.head
        and any(
            holds_lines(head, words(" ".join(cuts[:end]).rstrip(CUT_AFTER)))
            for end in range(len(cuts) - 1, 0, -1)
        )
    )


def _cut_from(head: str, title: str) -> bool:
    """Whether `head` is `title` cut to a running head's line after a whole word, with an
    ellipsis (octavo.render.pdf.running_heads)."""
    stem = head[:-1]
    after = title[len(stem) : len(stem) + 1]  # a space, or the punctuation the cut dropped
    return head.endswith("\u2026") and title.startswith(stem) and after in " " + CUT_AFTER


def _titles_alone(project: Project) -> bool:
    """Whether the book prints an appendix's running head as its title alone: its own
    print/book.html, copied before an appendix's head carried its letter (it never says
    `head_text`), read as the build reads it."""
    own = project.template_dirs[0]
    if own == TEMPLATES:
        return False
    try:
        data = read_file(own / "print" / "book.html", project.sandbox_roots, "template")
    except (FileRefused, OSError):
        return False
    return b"head_text" not in data
