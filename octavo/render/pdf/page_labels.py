"""The PDF's page labels: the numbers a viewer shows for its pages and goes to, the folios
printed on them, so that "page 45" finds folio 45 and not the 45th sheet of the file.

The book's pages, as styles/print/book.css numbers them: a cover and its blank back (a
book with its own cover: `@page :nth(1 of cover) { counter-reset: page -1 }`) labelled
with the book's word for a cover, the front matter in lower-case roman from i on the
half-title, the body in arabic from 1 on its first page (octavo.render.pdf.index_pages:
`front_folio`, `body_start`). A one-process build writes all of them; in a parallel one the
front part carries the cover's and the roman range and the merge adds the body's
(octavo.render.pdf.parallel.merge).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from octavo.model import Manuscript

__all__ = ["Label", "book_labels", "cover_word", "front_labels", "pydyf_labels"]

Label = tuple[int, str, str]  # first page (0-based), style ("r", "D" or "" for none), prefix


def cover_word(manuscript: Manuscript) -> str:
    """The label of a book's own cover's pages, in its language; "" for a book without."""
    return manuscript.labels["cover"] if manuscript.cover else ""


def front_labels(cover: str) -> tuple[Label, ...]:
    """The front matter's ranges; `cover`: the word labelling a cover's two pages ("" for a
    book without its own cover)."""
    return ((0, "", cover), (2, "r", "")) if cover else ((0, "r", ""),)


def book_labels(cover: str, body: int, total: int) -> tuple[Label, ...]:
    """Every range of a book of `total` pages whose body begins on page `body` (the front
    matter's ranges that begin before it: a book's own template may have none)."""
    front = tuple(label for label in front_labels(cover) if label[0] < body)
    return (*front, (body, "D", "")) if body < total else front


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
