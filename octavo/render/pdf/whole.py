"""Page features of a book's own print styles that need the whole book in one layout.

The PDF is laid out in separate documents where it can: the chapters in parts, then the
running heads and folios as a stamp (octavo.render.pdf.parallel), and, in one process,
the index alone after the rest (octavo.render.pdf.document.render_pdf). Each document
starts its own page count, so what a page's style reads from the whole document differs
in them: an `@page` rule for `:first`, `:blank` or `:nth()` pages matches a part's
pages, `counter(pages)` is a part's (or the stamp's) total, `string()`, `element()` and
the `target-*()` functions see only what a part holds, and a page counter reset or
incremented by a stylesheet is not the one the stamp prints. The shipped styles use such
features only where octavo lays them out right (its heads and folios, the contents'
numbers). A book's own print stylesheet or template (a file that replaces octavo's of the
same name) that uses one more than octavo's file is laid out whole, in one process: its
pages are then those WeasyPrint alone gives its --html. An `@page` rule counts by its
whole selector, so a copied book.css with other colours keeps the parallel layout, and a
rule of the book's own for `:blank` pages counts even where octavo's file has others.

Read: the book's styles/ and templates/ but their EPUB, import, handout and cover files
(documents of their own), as the sandbox reads them (a style's or template's size limit),
never through a linked folder. Not followed: an `@import` of a file outside them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from octavo.project import Project
from octavo.sandbox import FileRefused, read_file
from octavo.shipped import STYLES, TEMPLATES
from octavo.stat_cache import walk_files

__all__ = ["older_template", "own_rules", "whole_book_features"]

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_ARGUMENTS = r"\((?:[^()]|\([^()]*+\))*+\)"  # (...), one level of (...) inside: attr(href)
_PAGE_RULE = re.compile(r"@page\b([^{;]*+)")
_PAGE_SELECTOR = re.compile(rf":(?:first|blank)(?![\w-])|:nth{_ARGUMENTS}", re.IGNORECASE)
_FUNCTION = re.compile(
    rf"\bcounters?\(\s*pages\b[^)]*+\)"
    rf"|\b(?:string|element|running|target-counters?|target-text){_ARGUMENTS}",
    re.IGNORECASE,
)
_COUNTER = re.compile(r"\bcounter-(?:reset|set|increment)\s*:([^;}]*+)", re.IGNORECASE)
_SKIPPED = (
    "epub/",
    "import/",
    "print/handout.",
    "print/handout-",
    "print/cover.",
    "print/cover-page.",
)
_KINDS = {".css": "style", ".html": "template"}


def whole_book_features(project: Project) -> tuple[str, ...]:
    """The features of `project`'s own print styles and templates that octavo's files of
    the same names do not use (see the module's docstring); () for a book without any."""
    found: Counter[str] = Counter()
    for own, shipped in ((project.style_dirs[0], STYLES), (project.template_dirs[0], TEMPLATES)):
        if own == shipped:
            continue  # the book has no such folder of its own
        for relative in _own_files(own):
            found += _features(own, relative, project) - _features(shipped, relative, project)
    return tuple(sorted(found))


def older_template(project: Project, relative: str, word: str) -> bool:
    """Whether `project` has its own template `relative` (under templates/) and it never
    says `word` (a variable octavo's has since: a copy made before it)."""
    own = project.template_dirs[0]
    if own == TEMPLATES or not (own / relative).is_file():
        return False
    return word not in _text(own, relative, project)


def own_rules(project: Project, rule: re.Pattern[str]) -> tuple[str, ...]:
    """The rules (`rule`'s matches, spaces closed up) of `project`'s own print stylesheets
    that octavo's file of the same name does not have; () for a book without any."""
    own = project.style_dirs[0]
    if own == STYLES:
        return ()
    found: Counter[str] = Counter()
    for relative in _own_files(own):
        if relative.endswith(".css"):
            found += _rules(own, relative, project, rule) - _rules(STYLES, relative, project, rule)
    return tuple(sorted(found))


def _rules(folder: Path, relative: str, project: Project, rule: re.Pattern[str]) -> Counter[str]:
    return Counter(_closed(m[0]) for m in rule.finditer(_text(folder, relative, project)))


def _text(folder: Path, relative: str, project: Project) -> str:
    """`folder`/`relative`'s text without its comments, read as the sandbox reads a style
    or template; "" when it is missing or refused (the build that reads it reports that)."""
    try:
        data = read_file(folder / relative, project.sandbox_roots, _KINDS[Path(relative).suffix])
    except (FileRefused, OSError):
        return ""
    return _COMMENT.sub(" ", data.decode("utf-8", "replace"))


def _own_files(folder: Path) -> list[str]:
    """The stylesheets and templates under `folder` (relative, "/"-separated) that the print
    book may read, as the change check walks it (never into a linked folder)."""
    return [
        relative
        for relative, _ in walk_files(folder)
        if Path(relative).suffix in _KINDS and not relative.startswith(_SKIPPED)
    ]


def _features(folder: Path, relative: str, project: Project) -> Counter[str]:
    """The features `folder`/`relative` uses, by their text (lower case, spaces closed up);
    none when it is missing or refused (the build that reads it reports that)."""
    text = _text(folder, relative, project)
    found: Counter[str] = Counter()
    for rule in _PAGE_RULE.finditer(text):
        if _PAGE_SELECTOR.search(rule[1]):  # the whole selector: "@page :blank, body:blank"
            found["@page" + _closed(rule[1])] += 1
    found.update(_closed(m[0]) for m in _FUNCTION.finditer(text))
    for counter in _COUNTER.finditer(text):
        if {"page", "pages"} & set(re.split(r"[\s,]+", counter[1])):
            found[_closed(counter[0])] += 1
    return found


def _closed(text: str) -> str:
    return re.sub(r"\s+", "", text.lower())
