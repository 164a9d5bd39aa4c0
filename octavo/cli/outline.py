"""invoke outline: the book's tree as text."""

from __future__ import annotations

from pathlib import Path

from octavo.errors import Diagnostic
from octavo.model import BODY_KIND, Book, Section

__all__ = [
    "outline",
    "outline_lines",
]


def _section_line(section: Section) -> str:
    indent = "    " * section.depth
    supplied = f"  (supplied: {'; '.join(section.supplied)})" if section.supplied else ""
    date = f"  [data as of {section.data_as_of.label}]" if section.data_as_of else ""
    total = "" if section.total is None else f"/{section.total}"
    return f"{indent}{section.sequence:>3}{total}  {section.title}{date}{supplied}"


def _count(number: int, noun: str) -> str:
    """'1 section', '2 sections'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def outline_lines(book: Book) -> list[str]:
    """The tree: parts, divisions, sections. The reference list octavo makes (a section or
    a Bibliography of its own, octavo.source.reference_list) is no section file of the
    book: it is named as made, with no number, and not counted (ut47 bug 23a)."""
    from octavo.source.reference_list import is_generated

    config = book.config
    matter = sum(c.kind != BODY_KIND for c in book.chapters)  # a Foreword, a profile, …
    files = sum(not is_generated(s) for s in book.sections)
    counted = f"{_count(files, 'section')} in "
    counted += _count(len(book.chapters) - matter, "chapter")
    if matter:
        counted += f" and {_count(matter, 'other division')}"
    joint = book.labels.format("subtitle_separator")
    lines = [config.title + (joint + config.subtitle if config.subtitle else ""), counted]
    for chapter in book.chapters:
        part = book.parts[chapter.part - 1].title + " / " if chapter.part else ""
        kind = f"  [{chapter.kind}]" if chapter.kind != "section" else ""
        made = f"the works cited, made from {Path(config.bibliography).name}"
        if len(chapter.sections) == 1 and is_generated(chapter.sections[0]):
            lines.append(f"{part}{chapter.heading(book.labels)}  [{chapter.kind}: {made}]")
            continue
        lines.append(part + chapter.heading(book.labels) + kind)
        shown: set[tuple[str, ...]] = set()
        for section in chapter.sections:
            for depth in range(len(section.parents)):
                path = section.parents[: depth + 1]
                if path not in shown and not _present(chapter.sections, path):
                    lines.append(f"{'    ' * (depth + 1)}      {path[-1]}  (not in the book)")
                shown.add(path)
            shown.add((*section.parents, section.title))
            if is_generated(section):  # a Bibliography of several sections: after them
                lines.append(f"{'    ' * section.depth}      {section.title}  ({made})")
                continue
            lines.append(_section_line(section))
    return lines


def _present(sections: tuple[Section, ...], path: tuple[str, ...]) -> bool:
    return any((*s.parents, s.title) == path for s in sections)


def outline(book: Path) -> tuple[list[str], tuple[Diagnostic, ...]]:
    """`invoke outline`: the tree and every diagnostic. It writes nothing: no build/ folder
    where it is run (ut46 bug 17: `octavo outline` from ~ left ~/build/.octavo/cache), no
    cache saved; a cache a build kept there is read, so the render is as quick as a build's.
    octavo's per-user cache (~/.cache/octavo: compiled templates, hyphenation patterns),
    made by any command, is the only place it may write."""
    from octavo import api
    from octavo.errors import BuildError

    given = api.Sources(book, keep=False)  # read once, for the tree and the manuscript both
    loaded, found = given.read()
    if loaded is None:
        raise BuildError(found)
    try:  # what rendering finds too (raw HTML removed, notes never called, …), as a build
        _, rendered = given.manuscript()
    except BuildError as failed:
        rendered = failed.diagnostics
    return outline_lines(loaded), tuple(dict.fromkeys((*found, *rendered)))
