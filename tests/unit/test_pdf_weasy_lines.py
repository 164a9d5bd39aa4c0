"""octavo.render.pdf.weasy_lines: a line whose words fit but for the space before an inline
element is kept whole (docs/upstream/weasyprint-early-break.md); other lines as shipped."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.render.pdf import weasy_lines
from octavo.render.pdf.document import PdfOptions, render_pdf
from octavo.render.pdf.parallel.part import PartJob, lay_out_part
from octavo.render.pdf.parallel.start import start_workers
from tests.conftest import MakeBook, section_source

# The report's reduced case: page 2's first line, "where … agriculture", is 289.13 px wide
# in DejaVu Serif, a space 3.81 px, the paragraph 290 px; "employs" is a link after it.
PAGE = """<!DOCTYPE html>
<html lang="en">
<style>
@page {{ size: {page}px 60px; margin: 10px 20px }}
body {{ margin: 0; font: 12px/20px serif }}
p {{ margin: 0; width: {width}px; text-align: justify }}
</style>
<p>{text}</p>
<p id="note">Note.</p>
"""
FARMING = "The economy of the country rests on farming, light industry and trade along the river"
REST = "a third of the workforce, and industry is concentrated around the capital."
EARLY = PAGE.format(
    page=330,
    width=290,
    text=f"{FARMING}, and where most people live and work in agriculture "
    f'<a href="#note">employs</a> {REST}',
)
CONTROL = EARLY.replace('<a href="#note">employs</a>', "employs")
# Here the text before the link opens with the comma after an earlier link.
STRETCHED = PAGE.format(
    page=382,
    width=342,
    text=f'{FARMING}; most of its output <a href="#note">Table 3</a>, where most people '
    f'live and work in agriculture <a href="#note">employs</a> {REST}',
)


def _shipped() -> Callable[..., Any]:
    from weasyprint.layout import inline

    function: Callable[..., Any] = inline.split_first_line
    return getattr(function, "__wrapped__", function)


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """WeasyPrint's own split_first_line for the test, the patch put back after."""
    from weasyprint.layout import inline

    monkeypatch.setattr(inline, "split_first_line", _shipped())
    yield


def _pdf(html: str) -> bytes:
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def _words(pdf: bytes) -> list[list[int]]:
    """The words of each line, page by page."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = []
        for page in document.pages:
            rows: dict[int, int] = {}
            for word in page.extract_words():
                rows[round(word["bottom"])] = rows.get(round(word["bottom"]), 0) + 1
            pages.append([rows[bottom] for bottom in sorted(rows)])
    return pages


def test_the_patch_applies_to_this_weasyprint() -> None:
    """Fails once WeasyPrint's split_first_line no longer reads as checked: read the
    defect again (is it fixed?) before changing the shape."""
    assert weasy_lines.install()
    assert weasy_lines.installed()


def test_as_shipped_the_line_before_a_link_is_cut_after_its_first_word(shipped: None) -> None:
    """The defect the patch mends: the tests below mean something while this passes."""
    assert _words(_pdf(EARLY))[1][0] == 1  # "where" alone
    assert _words(_pdf(STRETCHED))[1][0] == 2  # "Table 3," across the line


def test_the_line_before_a_link_keeps_its_eight_words() -> None:
    weasy_lines.install()
    pages = _words(_pdf(EARLY))
    assert pages[1][0] == 8  # "where most people live and work in agriculture"
    assert pages == _words(_pdf(CONTROL))  # as if "employs" were not a link


def test_the_line_after_a_link_keeps_its_ten_words() -> None:
    weasy_lines.install()
    assert _words(_pdf(STRETCHED))[1][0] == 10  # "Table 3, where … agriculture"


def test_a_paragraph_without_the_defect_is_the_same_pdf(
    shipped: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.layout import inline

    without = _pdf(CONTROL)
    monkeypatch.setattr(inline, "split_first_line", weasy_lines._spaced(_shipped()))
    assert _pdf(CONTROL) == without
    assert _words(without)[1][0] == 8


def test_a_book_with_links_and_held_words_is_the_same_pdf_where_no_line_is_cut(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "A paragraph of *justified* text with [a link](#s001-output) in it. " * 40
    body += "\n\n" + "Another *paragraph*, its last word held on its line. " * 12 + "\n"
    manuscript, _ = api.manuscript(
        make_book({"001-a.md": section_source(1, "Output", total=1, body=body)})
    )
    with monkeypatch.context() as plain:
        from weasyprint.layout import inline

        plain.setattr(weasy_lines, "install", lambda: False)
        plain.setattr(inline, "split_first_line", _shipped())
        without = render_pdf(manuscript, PdfOptions())
    with_patch = render_pdf(manuscript, PdfOptions())  # load_html installs the patch
    assert weasy_lines.installed()
    assert with_patch.pdf == without.pdf


def test_the_patch_is_in_place_in_a_worker_once_it_lays_out(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    html = "<html lang='en'><body><p>Some <a href='#x'>words</a>.</p></body></html>"
    job = PartJob("c", "", html, manuscript.book.project, (), ())
    with start_workers(1) as pool:
        laid_out = pool.submit(lay_out_part, job).result()
        assert pool.submit(weasy_lines.installed).result()
    assert laid_out.pdf.startswith(b"%PDF")


def test_an_unchecked_weasyprint_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.layout import inline

    shipped = _shipped()
    monkeypatch.setattr(inline, "split_first_line", shipped)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert weasy_lines.install() is False
    assert inline.split_first_line is shipped


def test_a_changed_width_test_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.layout import inline

    shipped = _shipped()
    monkeypatch.setattr(inline, "split_first_line", shipped)
    monkeypatch.setattr(weasy_lines, "SHAPE", weasy_lines.SHAPE.replace("<=", "<"))
    assert weasy_lines.install() is False
    assert inline.split_first_line is shipped
