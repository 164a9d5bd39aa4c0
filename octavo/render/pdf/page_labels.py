"""The PDF's page labels: the numbers a viewer shows for its pages and goes to, the folios
printed on them, so that "page 45" finds folio 45 and not the 45th sheet of the file.

The book's pages, as styles/print/book.css numbers them: a cover and its blank back (a
book with its own cover: `@page :nth(1 of cover) { counter-reset: page -1 }`) labelled
with the book's word for a cover, the front matter from 1 on the half-title, the body from
1 on its first page (octavo.render.pdf.index_pages: `front_folio`, `body_start`), each in
the style its folios print (octavo.render.pdf.folio_styles). A PDF numbers a range of pages
in decimal (D), roman (r, R) or letters (a, A) only: a matter whose folios are in another
style (`counter(page, arabic-indic)`, an `@counter-style`) is labelled page by page with
the folio as printed (a prefix and no style), so that a viewer's page box shows what the
page prints. A one-process build writes them; a parallel one's merge writes the same
labels over the front part's (octavo.render.pdf.parallel.merge).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from octavo.render.pdf.folio_styles import Folios

if TYPE_CHECKING:
    from octavo.model import Manuscript

__all__ = ["Label", "book_labels", "cover_word", "front_labels", "pydyf_labels", "pypdf_labels"]

# first page (0-based), style ("D", "r", "R", "a", "A" or "" for none), prefix
Label = tuple[int, str, str]

# a CSS counter style -> the PDF's label style that writes its numbers up to a limit alike
# (CSS's roman stops at 3999; its letters run a-z, aa, ab where a PDF's run a-z, aa, bb)
_PDF_STYLES = {
    "decimal": ("D", None),
    "lower-roman": ("r", 3999),
    "upper-roman": ("R", 3999),
    "lower-alpha": ("a", 26),
    "lower-latin": ("a", 26),
    "upper-alpha": ("A", 26),
    "upper-latin": ("A", 26),
}


def cover_word(manuscript: Manuscript) -> str:
    """The label of a book's own cover's pages, in its language; "" for a book without."""
    return manuscript.labels.format("cover") if manuscript.cover else ""


def front_labels(cover: str) -> tuple[Label, ...]:
    """The front matter's ranges; `cover`: the word labelling a cover's two pages ("" for a
    book without its own cover)."""
    return ((0, "", cover), (2, "r", "")) if cover else ((0, "r", ""),)


def book_labels(
    cover: str, body: int, total: int, folios: Folios | None = None
) -> tuple[Label, ...]:
    """Every range of a book of `total` pages whose body begins on page `body` (the front
    matter's ranges that begin before it: a book's own template may have none), in the
    styles of `folios` (None: octavo's, lower-roman and decimal)."""
    folios = folios or Folios()
    first = 2 if cover else 0  # the half-title, folio 1 of the front matter
    found: list[Label] = [(0, "", cover)] if cover and body > 0 else []
    found += _matter(first, body - first, folios, True)
    return (*found, *_matter(body, total - body, folios, False))


def _matter(first: int, count: int, folios: Folios, front: bool) -> list[Label]:
    """The labels of `count` pages from page `first`, numbered from 1 in the style of the
    front matter's (`front`) or the body's folios: one range, or a label a page."""
    if count <= 0:
        return []
    style, limit = _PDF_STYLES.get(folios.front if front else folios.body, ("", 0))
    if style and (limit is None or count <= limit):
        return [(first, style, "")]
    return [(first + n, "", folios.folio(n + 1, front)) for n in range(count)]


def pydyf_labels(labels: tuple[Label, ...]) -> Any:
    """The catalog's /PageLabels number tree, as WeasyPrint's PDF writer (pydyf) takes it."""
    import pydyf

    nums: list[Any] = []
    for first, style, prefix in labels:
        entry = pydyf.Dictionary()
        if style:
            entry["S"] = f"/{style}"
        if prefix:
            entry["P"] = pydyf.String(prefix)
        nums += [first, entry]
    return pydyf.Dictionary({"Nums": pydyf.Array(nums)})


def pypdf_labels(labels: tuple[Label, ...]) -> Any:
    """The catalog's /PageLabels number tree as pypdf's writer takes it (the parallel
    build's merge)."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    nums = ArrayObject()
    for first, style, prefix in labels:
        entry = DictionaryObject()
        if style:
            entry[NameObject("/S")] = NameObject(f"/{style}")
        if prefix:
            entry[NameObject("/P")] = TextStringObject(prefix)
        nums += [NumberObject(first), entry]
    return DictionaryObject({NameObject("/Nums"): nums})
