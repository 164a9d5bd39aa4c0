"""Page features of a book's own print styles that need the whole book in one layout.

The PDF is laid out in separate documents where it can: the chapters in parts, then the
running heads and folios as a stamp (octavo.render.pdf.parallel), and, in one process,
the index alone after the rest (octavo.render.pdf.document.render_pdf). Each document
starts its own page count, so what a page's style reads from the whole document differs
in them: `@page :first` matches the first page of every part, `:nth()` and `:blank`
count and see a part's pages, `counter(pages)` is a part's (or the stamp's) total,
`string()`, `element()` and the `target-*()` functions see only what a part holds, and a
page counter reset or incremented by a stylesheet is not the one the stamp prints. The
shipped styles use such features only where octavo lays them out right (its heads and
folios, the contents' numbers). A book's own stylesheet (styles/base.css, styles/print/,
and the print templates: a file that replaces octavo's) that uses one more than the
shipped file of the same name is laid out whole, in one process: its pages are then
those WeasyPrint alone gives its --html (a copied book.css with other colours keeps the
parallel layout).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from octavo.project import Project
from octavo.sandbox import FileRefused, read_file
from octavo.shipped import STYLES, TEMPLATES

__all__ = ["whole_book_features"]

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_ARGUMENTS = r"\((?:[^()]|\([^()]*\))*\)"  # (...), one level of (...) inside: attr(href)
_FEATURE = re.compile(
    rf""":first\b|:blank\b|:nth{_ARGUMENTS}"""
    rf"""|\bcounters?\(\s*pages\b[^)]*\)"""
    rf"""|\b(?:string|element|running|target-counters?|target-text){_ARGUMENTS}"""
    r"""|\bcounter-(?:reset|set|increment)\s*:[^;}]*\bpages?\b[^;}]*""",
    re.IGNORECASE,
)
# what a book may replace that the print book reads (the handouts are documents of their
# own, a chapter each: their styles may use every feature)
_STYLES = ("base.css", "print")
_TEMPLATES = ("print",)
_HANDOUTS = ("print/handout.css", "print/handout.html")


def whole_book_features(project: Project) -> tuple[str, ...]:
    """The features of `project`'s own print styles and templates that the shipped files
    of the same names do not use (see the module's docstring); () for a book without any."""
    found: Counter[str] = Counter()
    for own, shipped, names in (
        (project.style_dirs[0], STYLES, _STYLES),
        (project.template_dirs[0], TEMPLATES, _TEMPLATES),
    ):
        if own == shipped:
            continue  # the book has no such folder of its own
        for relative in _own_files(own, names):
            found += _features(own, relative, project) - _features(shipped, relative, project)
    return tuple(sorted(found))


def _own_files(folder: Path, names: tuple[str, ...]) -> list[str]:
    """The files under `folder` (relative, "/"-separated) that the print book may read."""
    found = []
    for name in names:
        path = folder / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            relative = file.relative_to(folder).as_posix()
            if file.suffix in (".css", ".html") and relative not in _HANDOUTS:
                found.append(relative)
    return found


def _features(folder: Path, relative: str, project: Project) -> Counter[str]:
    """The features `folder`/`relative` uses, by their text (lower case, spaces closed up);
    none when it is missing or refused (the build that reads it reports that)."""
    try:
        text = read_file(folder / relative, project.sandbox_roots).decode("utf-8", "replace")
    except (FileRefused, OSError):
        return Counter()
    text = _COMMENT.sub(" ", text)
    return Counter(re.sub(r"\s+", "", m.group(0).lower()) for m in _FEATURE.finditer(text))
