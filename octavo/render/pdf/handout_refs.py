"""Page references a handout cannot print (W517, as the EPUB's).

A handout holds one section or one chapter, laid out alone: a page reference to a target
it holds prints that target's page in the handout; one to a target elsewhere in the book
has no page there and shows the target's name, so "on page [](#tbl:b){.page}" read "on
page Table 2" without a word said. Each is now a warning of the handouts' build.
"""

from __future__ import annotations

from octavo.errors import Diagnostic, warning
from octavo.model import Manuscript
from octavo.render.pdf.handouts import handouts_of
from octavo.render.xref import reference_line, shown_page_refs

__all__ = ["outside_page_refs"]


def outside_page_refs(manuscript: Manuscript, by: str) -> tuple[Diagnostic, ...]:
    """A warning for each page reference of a handout (made `by` section or chapter) to a
    target the handout does not hold."""
    found: list[Diagnostic] = []
    for unit in handouts_of(manuscript, by):
        held = unit.ids
        for rs in unit.sections:
            for target, shown in shown_page_refs(rs, "pdf").items():
                if target in held:
                    continue
                section = rs.section
                found.append(
                    warning(
                        "W517",
                        f"page reference to #{target} shows '{shown}' in the "
                        f"handout {unit.name}, which does not hold it",
                        section.path,
                        section.body_line + reference_line(section.body, target),
                        "a handout prints the pages of what it holds: make handouts by "
                        "chapter (--by chapter) when the target is in the same chapter, or "
                        f"name the target alone: [](#{target})",
                    )
                )
    return tuple(found)
