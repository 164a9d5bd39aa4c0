"""Page references an EPUB cannot print (W517).

`[](#id){.page}` prints its target's folio in the PDF. An EPUB with a page list prints the
same folio (octavo.render.epub.rendering.page_references); one without has no pages and
shows the target's name, so "on page [](#fig:map){.page}" reads "on page Figure 2". Each
such reference is a warning of the EPUB's build (the PDF's is as meant), unless its words
are marked for print only (octavo.render.conditional).
"""

from __future__ import annotations

from octavo.errors import Diagnostic, warning
from octavo.model import Manuscript
from octavo.render.xref import reference_line, shown_page_refs

__all__ = ["unprinted_page_refs"]


def unprinted_page_refs(manuscript: Manuscript) -> tuple[Diagnostic, ...]:
    """A warning for each page reference the EPUB would show as its target's name."""
    if manuscript.book.config.page_list:
        return ()
    found: list[Diagnostic] = []
    files = {r.id: r.section.path for r in manuscript.sections}  # a file link's target
    for rs in manuscript.sections:
        for target, shown in shown_page_refs(rs, "epub").items():
            section = rs.section
            found.append(
                warning(
                    "W517",
                    f"page reference to #{target} shows '{shown}' in the EPUB, which has no pages",
                    section.path,
                    section.body_line
                    + reference_line(section.body, target, section.path, files.get(target)),
                    "set page_list = true in book.toml (the EPUB then prints the folio), or "
                    f"keep its words for print: [on page [](#{target}){{.page}}]"
                    '{.content-visible when-format="pdf"}',
                )
            )
    return tuple(found)
