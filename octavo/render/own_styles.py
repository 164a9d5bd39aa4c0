"""A book's own stylesheets beside octavo's: the additive layer, and a replaced book.css.

A file of a book's styles/ replaces octavo's file of the same path (octavo.project), so a
book.css of a few lines drops all of octavo's rules for that output: the print loses the
data-date notes' `float: footnote` and the marks that keep each note on its heading's page
(E604 after six layouts), the EPUB its whole look. The additive layer is what a book
writes instead: `styles/custom.css` (both outputs), `styles/epub/custom.css` and
`styles/print/custom.css`, each laid after octavo's stylesheets (after book.css, before a
document's own: a handout's, the stamp's) when the book has it. octavo ships none, so the
files come only from the book, read as every stylesheet of it is: through the sandbox, in
the change check's walk of styles/, the EPUB's checks and resolution, the print's probe
of page-level features (octavo.render.pdf.whole).

A book.css of the book's own that lacks what the output needs is told (W654), and E604's
hint names it rather than octavo.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from octavo.errors import BuildError, Diagnostic, warning
from octavo.project import Project
from octavo.sandbox import FileRefused, read_file
from octavo.shipped import STYLES

__all__ = ["custom_layers", "lacking_sheet", "rehinted"]

LAYERS = {
    "epub": ("custom.css", "epub/custom.css"),
    "print": ("custom.css", "print/custom.css"),
}
# what each output's book.css must hold (its text, comments out and spaces closed up)
NEEDED = {
    "print": (
        ("float:footnote", "the data-date notes' `float: footnote`"),
        ("[data-octavo-fix~=", "the `[data-octavo-fix~=…]` rules that keep a note on its page"),
    ),
    "epub": (
        (".data-date-note", "the data-date notes' rules (`.data-date-note`)"),
        (".toc", "the contents' rules (`.toc`)"),
        ("table.table", "the tables' rules (`table.table`)"),
    ),
}
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _own(project: Project, name: str) -> Path | None:
    """The book's own style file `name` (e.g. "print/book.css"), if its styles/ holds one:
    never octavo's, nor anything when there is no style folder at all (E703 is told where
    a sheet is read)."""
    own = project.style_dirs[0] if project.style_dirs else STYLES
    return own / name if own != STYLES and (own / name).is_file() else None


def custom_layers(project: Project, target: str) -> tuple[str, ...]:
    """The additive stylesheets (style paths, in their order) that `project`'s book has for
    `target` ("epub" or "print"); () for a book without any."""
    return tuple(name for name in LAYERS[target] if _own(project, name) is not None)


def lacking_sheet(project: Project, target: str) -> tuple[Diagnostic, ...]:
    """W654 when the book's own `<target>/book.css` replaces octavo's and lacks a rule the
    output needs (NEEDED); () otherwise, or when the sandbox refuses the file (the build
    that reads it says so)."""
    name = f"{target}/book.css"
    path = _own(project, name)
    if path is None:
        return ()
    try:
        text = read_file(path, project.sandbox_roots, "style").decode("utf-8", "replace")
    except (FileRefused, OSError):
        return ()
    closed = re.sub(r"\s+", "", _COMMENT.sub(" ", text)).lower()
    missing = [what for needle, what in NEEDED[target] if needle not in closed]
    if not missing:
        return ()
    return (
        warning(
            "W654",
            f"styles/{name} replaces octavo's file and lacks {', '.join(missing)}",
            path,
            hint=(
                f"copy octavo's styles/{name} into the book and change the copy, or move "
                f"the rules to styles/{target}/custom.css (added after octavo's)"
            ),
        ),
    )


def rehinted(failed: BuildError, project: Project) -> BuildError:
    """`failed` with E604's hint (a note not kept on its heading's page) naming the book's
    own styles/print/book.css, and W654 beside it, when the book has one: its rules, not
    octavo, are then the likely cause. `failed` itself otherwise."""
    if _own(project, "print/book.css") is None:
        return failed
    if not any(d.code == "E604" for d in failed.diagnostics):
        return failed
    hint = (
        "the book's own styles/print/book.css replaces octavo's and may lack octavo's note "
        "rules (`float: footnote`, `[data-octavo-fix~=…]`): copy octavo's file and change "
        "it, or put the changes in styles/print/custom.css"
    )
    fixed = [d if d.code != "E604" else replace(d, hint=hint) for d in failed.diagnostics]
    return BuildError((*lacking_sheet(project, "print"), *fixed), failed.written)
