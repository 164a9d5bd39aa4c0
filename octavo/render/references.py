"""The book's cross-references: every id of the book as a target (its name, the chapter
holding it), each section's links resolved against them (octavo.render.xref), and what
does not resolve, or resolves to one of several, reported where it is written."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from octavo.errors import Diagnostic, error, warning
from octavo.model import RenderedSection
from octavo.render.heading_refs import PLACEHOLDER, heading_name
from octavo.render.xref import Targets, resolve_links, written_link

if TYPE_CHECKING:
    from octavo.render.drafts import ChapterDraft, Draft

__all__ = ["book_targets", "resolved_section"]


def book_targets(
    drafts: tuple[ChapterDraft, ...], found: list[Diagnostic], examples: dict[str, str]
) -> tuple[Targets, tuple[tuple[str, str], ...]]:
    """Every id of the book with its name and the chapter holding it, and `examples` (each
    numbered example's label -> its number); E513 for an id twice."""
    labels: dict[str, str] = {}
    anchors: dict[str, str] = {}
    files: dict[str, str] = {}
    owner: dict[str, Path] = {}
    headings: dict[str, list[str]] = {}  # a heading's name -> the ids so named, in book order
    numbers: dict[str, str] = {}  # a table's or figure's id -> its number ("3")
    for chapter in drafts:
        here = chapter.chapter.slug
        labels[here], anchors[here] = chapter.chapter.title, here
        headings.setdefault(heading_name(chapter.chapter.title), []).append(here)
        for draft in chapter.sections:
            rs, section = draft.rendered, draft.rendered.section
            files[draft.folder + section.path.name] = rs.id
            for name, ident in (
                (heading_name(section.title), rs.id),
                *((h.name, h.id) for h in draft.fragment.headings),
            ):
                headings.setdefault(name, []).append(ident)
            names = {h.id: h.label for h in rs.headings}
            names.update({t.id: t.label for t in (*rs.tables, *rs.figures)})
            numbers.update({t.id: t.number for t in (*rs.tables, *rs.figures)})
            for ident, line in ((rs.id, -1), *draft.fragment.ids):
                if ident in owner:
                    if line >= 0:
                        found.append(
                            error(
                                "E513",
                                f"id '{ident}' is also used in {owner[ident]}",
                                section.path,
                                section.body_line + line,
                                hint="every id of the book must be different",
                            )
                        )
                    continue
                owner[ident] = section.path
                labels[ident] = names.get(ident, rs.title_text)
                anchors[ident] = here
    headings.pop("", None)
    named = {name: tuple(ids) for name, ids in headings.items()}
    return Targets(labels, files, named, examples, numbers), tuple(anchors.items())


def resolved_section(draft: Draft, targets: Targets, found: list[Diagnostic]) -> RenderedSection:
    """`draft`'s section with the links of its body and notes resolved; W512 for a reference
    that does not resolve, W521 for a link by name to one of several headings."""
    rs, section = draft.rendered, draft.rendered.section
    lines = dict(reversed(draft.fragment.links))
    found += _shared_names(draft, targets, lines)
    # each link's own line: a miss takes the next line of its href (all of an href's
    # links miss alike, and are told alike at their lines: their order is no matter)
    places: dict[str, list[int]] = {}
    for href, line in reversed(draft.fragment.links):
        places.setdefault(href, []).append(line)
    body, missed = resolve_links(rs.body_html, draft.folder, targets)
    notes = []
    for note in rs.notes:
        html, more = resolve_links(note.html, draft.folder, targets)
        notes.append(replace(note, html=html))
        missed += more
    for miss in missed:
        left = places.get(miss.href) or places.get(f"#{miss.href}") or [0]
        line = left.pop() if len(left) > 1 else left[0]
        written = written_link(section.body, line, miss.href)  # not markdown-it's %-escapes
        found.append(
            warning(
                "W512",
                f"reference '{written}' does not resolve: {miss.why}; its text is kept",
                section.path,
                section.body_line + line,
                hint=_nearest(unquote(miss.href), targets)
                or f"link to a section's file (as {section.path.name}) or an {{#id}} of the book",
            )
        )
    return replace(rs, body_html=body, notes=tuple(notes))


def _shared_names(draft: Draft, targets: Targets, lines: dict[str, int]) -> list[Diagnostic]:
    """W521 for a link by name (`[Climate]`) to another section's heading, where the book
    has several headings of that name: it links to the first."""
    found = []
    section = draft.rendered.section
    for href, line in lines.items():
        ids = targets.headings.get(href.removeprefix(PLACEHOLDER), ())
        if href.startswith(PLACEHOLDER) and len(ids) > 1:
            title = targets.labels.get(ids[0], "")
            found.append(
                warning(
                    "W521",
                    f"{len(ids)} headings of the book are named '{title}': "
                    f"[{title}] links to the first",
                    section.path,
                    section.body_line + line,
                    hint="give the one meant an id ({#id}) and link to it: [words](#id)",
                )
            )
    return found


def _nearest(href: str, targets: Targets) -> str:
    """'did you mean …?' for a reference that does not resolve, when one id or section file
    of the book is close to it ("" when none is)."""
    import difflib

    path, _, fragment = href.partition("#")
    if fragment:
        close = difflib.get_close_matches(fragment, list(targets.labels), n=1, cutoff=0.75)
        shown = f"{path}#{close[0]}" if close else ""
    else:
        names = {Path(f).name: f for f in targets.files}
        close = difflib.get_close_matches(Path(path).name, list(names), n=1, cutoff=0.75)
        shown = close[0] if close else ""
    return f"did you mean '{shown}'?" if shown else ""
