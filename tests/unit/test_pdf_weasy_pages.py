"""octavo.render.pdf.weasy_pages: pages alike share their computed styles, same bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.render.pdf import weasy_pages
from octavo.render.pdf.document import PdfOptions, render_pdf
from tests.conftest import MakeBook, section_source

DATA = Path(__file__).parents[1] / "data"


def _shipped() -> Callable[..., Any]:
    """WeasyPrint's own set_page_type_computed_styles, as page.py had it before any patch."""
    from weasyprint.layout import page

    function: Callable[..., Any] = page.set_page_type_computed_styles
    return getattr(function, "__wrapped__", function)


def _long_book(make_book: MakeBook) -> Path:
    """Two chapters of several pages each: left and right pages, a chapter's first page, a
    blank page before the second chapter, running heads and folios on every page."""
    text = "The interdependent economies of the region grew slowly. " * 60 + "\n\n"
    return make_book(
        {
            "001-a.md": section_source(1, "Economy", total=2, body=text * 8),
            "002-b.md": section_source(2, "Society", chapter=2, total=2, body=text * 7),
        }
    )


def _both(book: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes, int, int, int]:
    """The book's PDF as shipped and with the patch; how often WeasyPrint computed a page's
    styles in each, and the pages."""
    from weasyprint.layout import page

    manuscript, _ = api.manuscript(book)
    shipped, computed = _shipped(), []

    def counted(page_type: Any, html: Any, style_for: Any) -> None:
        computed.append(page_type)
        shipped(page_type, html, style_for)

    counted.__wrapped__ = shipped  # type: ignore[attr-defined]  # the source install() reads
    monkeypatch.setattr(page, "set_page_type_computed_styles", counted)
    with monkeypatch.context() as plain:
        plain.setattr(weasy_pages, "install", lambda: False)  # WeasyPrint as shipped
        without = render_pdf(manuscript, PdfOptions())
    assert not weasy_pages.installed()
    every = len(computed)
    computed.clear()
    shared = render_pdf(manuscript, PdfOptions())  # load_html installs the patch
    assert weasy_pages.installed()
    return without.pdf, shared.pdf, every, len(computed), shared.pages


def test_pages_alike_share_their_styles_and_the_pdf_is_the_same(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    without, shared, every, computed, pages = _both(_long_book(make_book), monkeypatch)
    assert pages >= 8
    assert shared == without
    assert every >= pages  # as shipped: every page's styles computed (again on a remake)
    assert computed <= every // 2  # the first page, then one per kind of page (left, right,
    # blank, a chapter's first, the front matter's): 10 of 27 here


def test_named_and_landscape_pages_keep_their_own_styles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The constructs book: a landscape table on pages of their own (a named page), the
    contents, lists, notes: the same bytes with the patch as without."""
    without, shared, every, computed, _ = _both(DATA / "constructs", monkeypatch)
    assert shared == without
    assert computed < every


def test_an_unchecked_weasyprint_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.layout import page

    shipped = _shipped()
    monkeypatch.setattr(page, "set_page_type_computed_styles", shipped)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert weasy_pages.install() is False
    assert page.set_page_type_computed_styles is shipped


PAGES_CSS = """
@page { size: A6; margin: 18mm 12mm;
  @top-center { content: string(title) " " counter(page); font-size: 8pt }
  @bottom-right { content: counter(page) " of " counter(pages) } }
@page :first { @top-center { content: none } }
@page :left { margin-left: 16mm; @bottom-left { content: "left " counter(page) } }
@page :blank { @top-center { content: none } @bottom-right { content: none } }
@page :nth(3n+1) { @bottom-center { content: "every third" } }
@page chapter { @top-right { content: "in a chapter" } }
@page chapter:nth(1 of chapter) { @top-right { content: "a chapter opens" } }
@page wide { size: A6 landscape; @top-center { content: "wide " counter(page) } }
section { page: chapter }
aside { page: wide }
h1 { string-set: title content(); break-before: right }
"""


def test_selectors_of_every_kind_give_the_same_pages() -> None:
    """:first, :left, :blank, :nth(), named pages and page groups, a page of another size
    between, counters in margin boxes: WeasyPrint's pages with the patch as without."""
    import weasyprint
    from weasyprint.layout import page

    text = "<p>" + "The economies of the region grew slowly. " * 90 + "</p>"
    chapters = "".join(
        f"<section><h1>Chapter {n}</h1>{text * (n + 1)}</section>" for n in range(1, 4)
    )
    html = f"<html lang='en'><style>{PAGES_CSS}</style><body>{chapters}<aside>{text}</aside>"
    html += f"<h1>After</h1>{text}</body></html>"
    shipped = _shipped()
    pdfs = []
    for function in (shipped, weasy_pages._shared(shipped)):
        original = page.set_page_type_computed_styles
        page.set_page_type_computed_styles = function
        try:
            document = weasyprint.HTML(string=html).render()
            pdfs.append((len(document.pages), document.write_pdf()))
        finally:
            page.set_page_type_computed_styles = original
    assert pdfs[0][0] >= 15
    assert pdfs[1] == pdfs[0]
