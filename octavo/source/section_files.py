"""The Markdown files of a book folder that are its sections."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["SKIPPED_DIRS", "SKIPPED_FILES", "section_files"]

SKIPPED_DIRS = {"templates", "styles", "build", "assets", "images"}
SKIPPED_FILES = {"README.md", "CHANGELOG.md"}


def section_files(root: Path) -> tuple[Path, ...]:
    """The Markdown files of a book, sorted by path, in its subfolders too (a chapter's
    sections may be kept in a folder of their own); skips templates/, styles/, dot files
    and folders (an editor's `.#058-russia.md`, macOS's `._058-russia.md`) and, as Quarto
    does, files and folders whose names begin with `_` (`_drafts/`, `_notes.md`: kept
    beside the book, never in it). A file reached twice (a link to a section of the book,
    `002-b.md -> src/002-b.md`) is one section, read by the first path (ut47 bug 23c)."""
    found = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d for d in dirs if d[:1] not in "._" and not (here == root and d in SKIPPED_DIRS)
        )
        found += [
            here / f
            for f in files
            if f.endswith(".md") and f not in SKIPPED_FILES and f[:1] not in "._"
        ]
    kept: dict[str, Path] = {}
    for path in sorted(found):
        kept.setdefault(os.path.realpath(path), path)
    return tuple(sorted(kept.values()))
