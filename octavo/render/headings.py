"""A chapter's body headings, in reading order: the sections and the breadcrumb levels they
open. The EPUB and the print HTML both set a chapter's headings from this one sequence."""

from __future__ import annotations

from dataclasses import dataclass

from octavo.model import RenderedChapter, RenderedSection
from octavo.render.titles import title_html
from octavo.text import strip_tags

__all__ = ["Heading", "body_headings"]


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of a chapter's body: a section, or a breadcrumb level it has no section for."""

    level: int  # its tag's, h2 to h6
    id: str
    title_html: str
    section: RenderedSection | None = None
    path: tuple[str, ...] = ()  # a breadcrumb's levels (title_html) from the chapter down
    depth: int = 0  # its level in the book's outline, past 6 where the tag stops (0: level)

    @property
    def label(self) -> str:
        return strip_tags(self.title_html)

    @property
    def aria_level(self) -> int:
        """Its level for assistive technology and print's bookmarks where its tag cannot
        say it (a section under five `parents` or more is an h6 at level 7, 8…), else 0."""
        return self.depth if self.depth > 6 else 0


def body_headings(chapter: RenderedChapter) -> tuple[Heading, ...]:
    """Sections in reading order, each preceded by the breadcrumb levels it opens.

    A breadcrumb heading's id is ``<chapter>-level-<n>``, n counting them in the chapter.
    """
    found: list[Heading] = []
    open_path: tuple[str, ...] = ()
    for rendered in chapter.sections:
        if rendered is chapter.opening:
            continue
        parents = rendered.section.parents
        for depth in range(_common_prefix(open_path, parents), len(parents)):
            path = rendered.parents_html[: depth + 1] or tuple(
                title_html(p) for p in parents[: depth + 1]
            )
            ident = f"{chapter.id}-level-{sum(h.section is None for h in found) + 1}"
            found.append(Heading(min(depth + 2, 6), ident, path[-1], path=path, depth=depth + 2))
        depth = rendered.section.depth + 1  # the chapter is 1
        found.append(
            Heading(rendered.heading_level, rendered.id, rendered.title_html, rendered, depth=depth)
        )
        open_path = (*parents, rendered.section.title)
    return tuple(found)


def _common_prefix(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    count = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        count += 1
    return count
