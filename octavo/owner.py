"""Whose is a default output (build/<slug>.epub, build/handouts/<slug>/)? The book that
last wrote it, as its stamp records it: its folder and its identifier.

Two books with one title have one slug, so one default output: a book never overwrites
another's (E124). A book is its identifier (book.toml: "fixed: never change it"), not its
folder, but one identifier in two folders is two copies that may differ: an output is
this book's when its stamp names this folder, or this identifier and a folder that holds
no book any more (the book moved or renamed). Everything else is refused, with the hint
that fits: another book, a copy of this one, a book no longer there.
"""

from __future__ import annotations

from pathlib import Path

from octavo.errors import Diagnostic, error
from octavo.project import Project

__all__ = ["foreign_owner", "is_ours"]


def _gone(owner: str) -> bool:
    """No book in the folder that wrote it any more (moved, renamed, deleted)."""
    try:
        return not (Path(owner) / "book.toml").exists()
    except OSError:
        return False  # cannot tell: someone's


def is_ours(project: Project, owner: str, identifier: str) -> bool:
    """Whether the book that wrote an output (its folder `owner`, its `identifier`, "" if
    its stamp did not record one) is `project`'s book: in this folder, or moved here."""
    if not owner or owner == str(project.root.resolve()):
        return True
    return bool(identifier) and identifier == project.config.identifier and _gone(owner)


def foreign_owner(
    project: Project, out: Path, owner: str, identifier: str, what: str = "the output"
) -> Diagnostic | None:
    """E124 when the output `out` is another book's (`what`: "the outputs" for a folder)."""
    if is_ours(project, owner, identifier):
        return None
    if identifier and identifier == project.config.identifier:
        message = f"{out} holds {what} of a copy of this book ({owner}, the same identifier)"
        hint = f"build the book from one folder (delete the copy in {owner}), or pass --out"
    elif _gone(owner):
        message = f"{out} holds {what} of another book, once in {owner} (no book there now)"
        hint = f"delete {out} if that book's output is not wanted, or pass --out"
    else:
        message = f"{out} holds {what} of another book ({owner})"
        hint = "pass --out, or give the books different titles"
    return error("E124", f"{message}; not overwritten", out, hint=hint)
