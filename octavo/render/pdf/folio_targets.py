"""The numbers that point at a page (the contents' lines, the page references, the currency
table's column) in the figures of the folios they point at, in one process as in parts.

A book laid out in one process numbers them with `target-counter(attr(href url), page)`
(styles/print/book.css): decimal unless a style is named, `lower-roman` for a target in the
front matter. A book whose own stylesheet prints its folios in other figures
(`counter(page, arabic-indic)`) and keeps octavo's `target-counter()`s printed "Trade . . 3"
for a chapter whose page printed ٣; laid out in parts, where octavo writes these numbers as
text (octavo.render.pdf.folio_styles), the same contents printed ٣. A reader looks for the
figures the page prints, so both follow the folios: in a book with a stylesheet of its
own, each rule of the print HTML's stylesheets (octavo's too: the folios may be set in
the book's base.css alone), at their top or in an `@media` block, whose `content` holds
such a `target-counter()` is set again, after them and in their order, with the style of
the folios it points at (octavo's `lower-roman`, the front matter's; any other, the
body's). A style already one of the folios' is kept as the book wrote it, its rule set
again all the same, so that it still follows the rules it followed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from octavo.cache import fingerprint
from octavo.render.pdf.folio_styles import Folios, own_sheets, page_folios
from octavo.sandbox import FileRefused, read_file

if TYPE_CHECKING:
    from pathlib import Path

    from octavo.model import Manuscript
    from octavo.project import Project
    from octavo.source.paper import PageSetup

__all__ = ["restyled_sheets", "target_rules"]

_MADE: dict[str, str] = {}  # by the stylesheets' text and the folios' styles


def target_rules(manuscript: Manuscript, page: PageSetup, extra: tuple[str, ...] = ()) -> str:
    """The CSS that sets the book's own `target-counter(…, page)` rules again in the
    figures of the folios (`restyled_sheets`) its print HTML on `page`, with the `extra`
    stylesheets after book.css, prints; "" for a book printed with octavo's stylesheets,
    or whose rules already follow its folios."""
    project = manuscript.book.project
    if not own_sheets(project):
        return ""  # octavo's own: target-counter()s and folios agree
    texts = []
    for path in _in_use(project, extra):
        try:
            texts.append(read_file(path, project.sandbox_roots, "style").decode("utf-8"))
        except (FileRefused, OSError, UnicodeDecodeError):
            continue  # the build that loads it reports it
    if not any("target-counter" in text.lower() for text in texts):
        return ""
    folios = page_folios(manuscript, page, extra)
    key = fingerprint(folios.front, folios.body, *texts)
    if key not in _MADE:
        if len(_MADE) > 8:
            _MADE.clear()  # a watch's edits: not kept for ever
        _MADE[key] = restyled_sheets(tuple(texts), folios)
    return _MADE[key]


def _in_use(project: Project, extra: tuple[str, ...]) -> list[Path]:
    """The print HTML's stylesheets in their order, octavo's among them: a book whose own
    base.css sets its folios keeps octavo's target-counter()s (styles/print/book.css)."""
    from octavo.render.pdf.sheets import sheet_files

    return sheet_files(project, *extra)


def restyled_sheets(texts: tuple[str, ...], folios: Folios) -> str:
    """The rules of the stylesheets `texts`, in their order, whose `content` prints a
    target's page counter (at the top or in an `@media` block, set again inside the same
    `@media`), each again with that declaration alone in the style of the folios it points
    at; "" when none changes. All of them, changed or not: a rule set again comes after
    every sheet, and would win over a later rule of the same specificity left out (the
    front matter's lower-roman after the body's)."""
    import tinycss2

    found: list[str] = []
    changed = False
    for text in texts:
        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        made, changes = _found_in(rules, folios)
        found.append(made)
        changed = changed or changes
    # inside <style>: no "</" may end it early (a string's "\/" is a "/")
    return "".join(found).replace("</", "<\\/") if changed else ""


def _found_in(rules: list[Any], folios: Folios) -> tuple[str, bool]:
    """`restyled_sheets` of a list of rules (a stylesheet's, an `@media` block's), and
    whether any of them changes."""
    import tinycss2

    found = []
    changed = False
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            made, changes = _found_in(inner, folios)
            changed = changed or changes
            if made:
                query = tinycss2.serialize(rule.prelude).strip()
                found.append(f"@media {query} {{\n{made}}}\n")
            continue
        if rule.type != "qualified-rule":
            continue  # an @page's folios are what the others follow
        for item in tinycss2.parse_blocks_contents(
            rule.content, skip_comments=True, skip_whitespace=True
        ):
            if item.type != "declaration" or item.lower_name != "content":
                continue
            restyled = _restyled(item.value, folios)
            if restyled is not None:
                value, changes = restyled
                changed = changed or changes
                important = " !important" if item.important else ""
                selector = tinycss2.serialize(rule.prelude).strip()
                found.append(f"{selector} {{ content: {value}{important}; }}\n")
    return "".join(found), changed


def _restyled(value: list[Any], folios: Folios) -> tuple[str, bool] | None:
    """`value` (a `content` declaration's tokens) with each target-counter() of the page
    counter in the folios' style, and whether that changed it; None when it holds none,
    or names a URL (the rule moves into the document, where a relative one would mean
    another file)."""
    import tinycss2

    targets = changed = False
    parts = []
    for token in value:
        if token.type == "url" or (token.type == "function" and token.lower_name == "url"):
            return None
        if token.type == "function" and token.lower_name == "target-counter":
            args = _arguments(token.arguments)
            if len(args) in (2, 3) and _ident(args[1]) == "page":
                targets = True
                written = _ident(args[2]) if len(args) == 3 else "decimal"
                wanted = _wanted(written, folios)
                if wanted is not None:
                    target = tinycss2.serialize(args[0]).strip()
                    parts.append(f"target-counter({target}, page, {wanted})")
                    changed = True
                    continue
        parts.append(tinycss2.serialize([token]))
    return ("".join(parts).strip(), changed) if targets else None


def _wanted(written: str | None, folios: Folios) -> str | None:
    """The style a target-counter() written in `written` should print; None: as written."""
    if written is None or written in (folios.front, folios.body):
        return None
    return folios.front if written == "lower-roman" else folios.body


def _arguments(tokens: list[Any]) -> list[list[Any]]:
    """A function's arguments, split at its top-level commas."""
    found: list[list[Any]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            found.append([])
        else:
            found[-1].append(token)
    return found


def _ident(tokens: list[Any]) -> str | None:
    """The one identifier (lower case) an argument is; None if it is anything else."""
    words = [t for t in tokens if t.type not in ("whitespace", "comment")]
    if len(words) == 1 and words[0].type == "ident":
        return str(words[0].lower_value)
    return None
