"""Page references given words of their own (W529).

`[](#fig:map){.page}` prints its target's folio; given words, `[the map](#fig:map){.page}`,
it prints the folio in their place: "see 7" for "see the map". The EPUB shows the words
(unless it has a page list, which prints the folio as print does). Each such reference
that print shows is a warning of the builds that print folios: the PDF, the handouts, an
EPUB with a page list (they were lost without a word).
"""

from __future__ import annotations

from octavo.errors import Diagnostic, warning
from octavo.model import Manuscript
from octavo.render.xref import reference_line, worded_page_refs

__all__ = ["unshown_words"]


def unshown_words(manuscript: Manuscript, output: str = "pdf") -> tuple[Diagnostic, ...]:
    """W529 for each page reference with words of its own that `output` ("pdf", or "epub"
    of a book with a page list) shows as its target's folio."""
    if output == "epub" and not manuscript.book.config.page_list:
        return ()  # the EPUB shows the words
    where = "print" if output == "pdf" else "the EPUB, with its page list,"
    found: list[Diagnostic] = []
    files = {r.id: r.section.path for r in manuscript.sections}  # a file link's target
    for rs in manuscript.sections:
        section = rs.section
        for target, words in worded_page_refs(rs, output).items():
            found.append(
                warning(
                    "W529",
                    f"page reference to #{target} has words of its own ('{words}'): {where} "
                    "shows the target's page number in their place, not the words",
                    section.path,
                    section.body_line
                    + reference_line(section.body, target, section.path, files.get(target)),
                    f"write the words outside it: {words} on page [](#{target}){{.page}}; or, "
                    f"for the words alone, a link: [{words}](#{target})",
                )
            )
    return tuple(found)
