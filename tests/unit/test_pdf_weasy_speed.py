"""octavo.render.pdf.weasy_speed: WeasyPrint's text measured once per layout, same bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.render.pdf import weasy_speed
from octavo.render.pdf.document import PdfOptions, render_pdf
from octavo.render.pdf.parallel.part import PartJob, lay_out_part
from octavo.render.pdf.parallel.start import start_workers
from tests.conftest import MakeBook, section_source

WORDS = ("Agriculture", "Industry", "Construction", "Transportation", "Communications")


def _shipped() -> Callable[..., Any]:
    """WeasyPrint's own split_first_line, as preferred.py had it before any patch."""
    from weasyprint.layout import preferred

    function: Callable[..., Any] = preferred.split_first_line
    return getattr(function, "__wrapped__", function)


def _table_book(make_book: MakeBook) -> Path:
    """One section whose table (automatic widths, words to hyphenate, recurring figures)
    spans several pages."""
    header = "| Year | " + " | ".join(WORDS) + " |\n|:--|" + "--:|" * len(WORDS) + "\n"
    rows = "".join(
        f"| {1900 + i} | " + " | ".join(f"{(i * 7 + j) % 12},{j}00" for j in range(5)) + " |\n"
        for i in range(110)
    )
    body = "Output by sector of the interdependent economies.\n\n" + header + rows
    return make_book({"001-a.md": section_source(1, "Output", total=1, body=body)})


def test_a_table_across_pages_is_the_same_pdf_with_and_without_the_memo(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.layout import preferred

    manuscript, _ = api.manuscript(_table_book(make_book))
    shipped, measured = _shipped(), []

    def counted(*args: Any, **kwargs: Any) -> Any:
        measured.append(args[0])
        return shipped(*args, **kwargs)

    monkeypatch.setattr(preferred, "split_first_line", counted)
    with monkeypatch.context() as plain:
        plain.setattr(weasy_speed, "install", lambda: False)  # WeasyPrint as shipped
        without = render_pdf(manuscript, PdfOptions())
    assert not weasy_speed.installed()
    every = len(measured)
    measured.clear()
    with_memo = render_pdf(manuscript, PdfOptions())  # load_html installs the memo
    assert weasy_speed.installed()
    assert without.pages >= 3  # the table runs over pages
    assert with_memo.pdf == without.pdf
    assert 0 < len(measured) < every  # the memo answered the repeats


def test_the_memo_is_in_place_in_a_worker_once_it_lays_out(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    html = "<html lang='en'><body><table><tr><td>1,000</td></tr></table></body></html>"
    job = PartJob("c", "", html, manuscript.book.project, (), ())
    with start_workers(1) as pool:
        laid_out = pool.submit(lay_out_part, job).result()
        assert pool.submit(weasy_speed.installed).result()
    assert laid_out.pdf.startswith(b"%PDF")


def test_an_unchecked_weasyprint_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.layout import preferred

    shipped = _shipped()
    monkeypatch.setattr(preferred, "split_first_line", shipped)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert weasy_speed.install() is False
    assert preferred.split_first_line is shipped
