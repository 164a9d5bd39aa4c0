"""octavo.render.pdf.weasy_carried: a page that carries notes run on from the page before,
made where WeasyPrint 70 would leave a page `:blank` (a break to a right-hand page, or the
end of the document), prints its `@page` margin boxes as any page of its side; a blank
page without notes is still `:blank`, and a document without such a page is the same
bytes."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from octavo.render.pdf import weasy_carried

# book.css's rule in small: a page's head and folio, none on a blank page
PAGE = """<!DOCTYPE html>
<html><meta charset="utf-8">
<style>
@page {{ size: 100mm 80mm; margin: 15mm;
  @top-left {{ content: "HEAD" }} @bottom-left {{ content: "FOLIO " counter(page) }} }}
@page :blank {{ @top-left {{ content: none }} @bottom-left {{ content: none }} }}
.note {{ float: footnote }}
h1 {{ break-before: right; font-size: 10pt; margin: 0 }}
p {{ margin: 0 }}
</style>
<p>Text.{calls}</p>
<h1>Next</h1>
</html>
"""
CALLED = 12  # seven of them at the foot of the first page, five run on
NOTES = [f"{n + 1}. Note {n}." for n in range(7, CALLED)]


def _calls(count: int) -> str:
    return "".join(f'<span class="note">Note {i}.</span>' for i in range(count))


def _shipped() -> Callable[..., Any]:
    from weasyprint.layout import page

    function: Callable[..., Any] = page.remake_page
    return getattr(function, "__wrapped__", function)


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """WeasyPrint's own remake_page for the test, the patch put back after."""
    from weasyprint.layout import page

    monkeypatch.setattr(page, "remake_page", _shipped())
    yield


def _pdf(calls: int, last: bool = False) -> bytes:
    import weasyprint

    html = PAGE.format(calls=_calls(calls))
    if last:  # nothing after the notes' page: the document ends
        html = html.replace("<h1>Next</h1>", "")
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def _pages(pdf: bytes) -> list[list[str]]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(p.extract_text() or "").splitlines() for p in document.pages]


def test_the_patch_applies_to_this_weasyprint() -> None:
    """Fails once WeasyPrint's remake_page no longer reads as checked: read it again (does
    a page of notes stay `:blank`?) before changing it."""
    assert weasy_carried.install()
    assert weasy_carried.installed()


def test_as_shipped_the_notes_page_has_no_head_or_folio(shipped: None) -> None:
    """The defect the patch mends: the tests below mean something while this passes."""
    pages = _pages(_pdf(CALLED))
    assert pages[0][0] == "HEAD" and pages[0][-1] == "FOLIO 1"
    assert pages[1] == NOTES


@pytest.mark.parametrize("last", [False, True], ids=["before-a-right-hand-page", "at-the-end"])
def test_the_page_notes_run_onto_prints_its_head_and_folio(last: bool) -> None:
    weasy_carried.install()
    pages = _pages(_pdf(CALLED, last))
    assert len(pages) == (2 if last else 3)
    assert pages[1] == ["HEAD", *NOTES, "FOLIO 2"]
    if not last:
        assert pages[2] == ["HEAD", "Next", "FOLIO 3"]


def test_a_blank_page_without_notes_stays_blank() -> None:
    weasy_carried.install()
    pages = _pages(_pdf(1))
    assert pages[1] == [] and pages[2] == ["HEAD", "Next", "FOLIO 3"]


def test_a_document_without_notes_run_on_is_the_same_pdf(
    shipped: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.layout import page

    without = _pdf(3)
    monkeypatch.setattr(page, "remake_page", weasy_carried._unblanked(_shipped()))
    assert _pdf(3) == without


def test_an_unchecked_weasyprint_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.layout import page

    shipped = _shipped()
    monkeypatch.setattr(page, "remake_page", shipped)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert weasy_carried.install() is False
    assert page.remake_page is shipped


def test_a_changed_shape_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.layout import page

    shipped = _shipped()
    monkeypatch.setattr(page, "remake_page", shipped)
    monkeypatch.setattr(weasy_carried, "SHAPE", (("blank = page_type.has_notes",), (), ()))
    assert weasy_carried.install() is False
    assert page.remake_page is shipped
