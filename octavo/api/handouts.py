"""`invoke handouts`: one standalone PDF per section or chapter, written as one set."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from octavo.api.opened import BookArg, sources
from octavo.api.pdf import told_boxes
from octavo.errors import Diagnostic, boundary, raise_if_errors

__all__ = ["Handouts", "build_handouts"]


class Handouts(NamedTuple):
    """What `invoke handouts` made: the handouts written, what the build found, and the
    folder they went to (the task prints it last, though no handout was written)."""

    written: tuple[Path, ...]
    found: tuple[Diagnostic, ...]
    folder: Path


def build_handouts(
    book: BookArg,
    out: Path | None = None,
    by: str = "section",
    paper: str | None = None,
    strict: bool = False,
) -> Handouts:
    """`invoke handouts`: one standalone PDF per section (or chapter), into OUT (default
    build/handouts/<slug>/, E124 when another book of the same title wrote it). The
    folder holds this build's handouts: all written as one set once all are made, and
    those this book's last build wrote that this one does not are removed
    (octavo.output_folder; never a file octavo did not write)."""
    from octavo.output_folder import guard_default_folder, write_folder
    from octavo.output_guard import guard_output
    from octavo.render.long_words import unbroken_runs
    from octavo.render.pdf.handout_refs import outside_page_refs
    from octavo.render.pdf.handouts import render_handouts
    from octavo.render.pdf.missing_glyphs import heard
    from octavo.render.pdf.unhyphenated import unhyphenated
    from octavo.render.worded_refs import unshown_words

    with boundary("the handouts"):
        given = sources(book, strict)
        folder = out or given.project.build / "handouts" / given.project.config.slug
        guard_output(given.project.root, folder, folder=True, example="build/handouts")
        if out is None:
            guard_default_folder(given.project, folder)
        rendered, found = given.manuscript(
            more=lambda m: (
                unbroken_runs(m) + outside_page_refs(m, by) + unhyphenated(m) + unshown_words(m)
            )
        )
        with heard() as boxes:
            made, crowded = render_handouts(rendered, by, paper)
        # notes called on one page that are more than a page of notes, let through (W656),
        # and characters no font holds (W651), as in the book's PDF: none written under
        # --strict
        raise_if_errors((*found, *crowded), strict and bool(crowded))
        found = told_boxes(given, rendered, (*found, *crowded), boxes)
        written, more = write_folder(given.project, folder, made, strict)
        return Handouts(written, found + more, folder)
