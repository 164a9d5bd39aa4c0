"""octavo.render.pdf.weasy_draw: a text box drawn again on a page (a leader's dots) is
replayed from its first drawing, and the PDF is the same bytes."""

from __future__ import annotations

from typing import Any

import pytest

from octavo import api
from octavo.render.pdf import weasy_draw
from octavo.render.pdf.document import PdfOptions, render_pdf
from tests.conftest import MakeBook, section_source


def test_the_contents_leaders_are_the_same_pdf_with_and_without_the_replay(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint.draw as draw
    from weasyprint.draw import text

    total = 30
    book = make_book(
        {
            f"{n:03d}-s.md": section_source(n, f"Section {n}", total=total, body="A line.\n\nMore.")
            for n in range(1, total + 1)
        }
    )
    manuscript, _ = api.manuscript(book)
    shipped, shaped = text.draw_first_line, []

    def counted(*args: Any, **kwargs: Any) -> Any:
        shaped.append(1)
        return shipped(*args, **kwargs)

    monkeypatch.setattr(text, "draw_first_line", counted)
    shipped_text = getattr(draw.draw_text, "__wrapped__", draw.draw_text)
    monkeypatch.setattr(draw, "draw_text", shipped_text)
    with monkeypatch.context() as plain:
        plain.setattr(weasy_draw, "install", lambda: False)  # WeasyPrint as shipped
        without = render_pdf(manuscript, PdfOptions())
    assert not weasy_draw.installed()
    every = len(shaped)
    shaped.clear()
    replayed = render_pdf(manuscript, PdfOptions())  # load_html installs the replay
    assert weasy_draw.installed()
    assert replayed.pdf == without.pdf
    assert len(shaped) < every / 2  # the dots of the contents: drawn once a page


def test_install_is_refused_for_a_version_not_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.draw import text

    monkeypatch.setattr(weasyprint, "__version__", "99.0")
    assert not weasy_draw._checked(text)
