"""WeasyPrint 70 writes a tagged PDF's language once, in the catalog (from `<html lang>`),
and never on a structure element: here the structure element of an HTML element that
names its own language (`lang`) carries it as /Lang.

Why it matters: a screen reader reads a tagged PDF's text in the language of its structure
element, inherited down the tree from the catalog's (PDF 1.7, 14.9.2; PDF/UA-1, 7.2). A
Russian name in an English book (`[Moskva]{lang=ru}`), a French quotation (`::: {lang=fr}`)
or a section whose front matter sets `lang` is marked in the HTML WeasyPrint lays out,
and the EPUB says so; the PDF spoke it all in English
(docs/upstream/weasyprint-structure-lang.md).

What it patches: the name `_build_box_tree` in `weasyprint.pdf.tags`, the generator that
makes the structure elements of a box and its descendants (`add_tags` calls it, and it
calls itself, by that name) and yields the elements it made for the box. Each element it
yields for a box made for an HTML element (not an anonymous box, nor a pseudo-element's
`::marker`, which share their element's) with its own `lang` (or `xml:lang`) gets that
language, unless an element deeper down gave it one already (the `<html>` and `<body>`
boxes yield their children's elements: `<html lang>` is the catalog's, never repeated on
them). Only the structure elements' dictionaries gain a key: no object is added, so a PDF
without such elements is the same bytes, and one with them the same bytes run to run.

Checked against: WeasyPrint 70.0. `install()` patches only a 70.x whose tree builder still
has the signature read here and calls itself by its name (`SHAPE`, `CALL`); otherwise
WeasyPrint runs as shipped (the PDF is still tagged, without the elements' languages).

To remove it (once WeasyPrint writes /Lang on structure elements): delete this module and
its `install()` call in octavo.render.pdf.document.write_document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from octavo.render.pdf.weasy_patch import checked_sources, is_patched, replace

__all__ = ["install", "installed", "own_language"]

CHECKED = "70."
SHAPE = "def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):"
CALL = "= _build_box_tree(\n"  # how it calls itself (and add_tags calls it): by the name
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def install() -> bool:
    """Patch this process's WeasyPrint if it is a version checked here (once; cheap after);
    True if the patch is in place."""
    from weasyprint.pdf import tags

    if installed():
        return True
    sources = checked_sources(CHECKED, (tags, "_build_box_tree"), (tags, "add_tags"))
    if sources is None:
        return False
    build, adds = sources
    if SHAPE not in build or CALL not in build or CALL not in adds or "yield element" not in build:
        return False
    return replace(tags, "_build_box_tree", _with_languages)


def installed() -> bool:
    return is_patched("weasyprint.pdf.tags", "_build_box_tree", "octavo_tags")


def own_language(box: Any) -> str | None:
    """The language `box`'s HTML element names itself, if the box is that element's own
    (not anonymous, not a pseudo-element's) and the element is not the root; else None."""
    from weasyprint.css import AnonymousStyle
    from weasyprint.layout.absolute import AbsolutePlaceholder

    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    element = getattr(box, "element", None)
    style = getattr(box, "style", None)
    if element is None or style is None or isinstance(style, AnonymousStyle):
        return None
    if getattr(style, "pseudo_type", None) or box.element_tag == "html":
        return None
    found = element.get("lang")
    if found is None:
        found = element.get(XML_LANG)
    return None if found is None else str(found).strip()


def _with_languages(build: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """`build` (WeasyPrint's _build_box_tree), its elements given their box's own
    language."""
    import pydyf

    def _build_box_tree(
        box: Any,
        parent: Any,
        pdf: Any,
        page_number: Any,
        nums: Any,
        annotations: Any,
        tags: Any,
    ) -> Iterator[Any]:
        language = own_language(box)
        for element in build(box, parent, pdf, page_number, nums, annotations, tags):
            if language is not None and "Lang" not in element:
                element["Lang"] = pydyf.String(language)
            yield element

    _build_box_tree.octavo_tags = True  # type: ignore[attr-defined]
    _build_box_tree.__wrapped__ = build  # type: ignore[attr-defined]
    return _build_box_tree
