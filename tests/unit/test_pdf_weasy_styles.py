"""octavo.render.pdf.weasy_styles: each stylesheet prepared once a process, same bytes."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.render.pdf import weasy_styles
from octavo.render.pdf.document import PdfOptions, render_pdf


def _shipped() -> Any:
    """WeasyPrint's own CSS.__init__, as it was before any patch."""
    import weasyprint

    function = weasyprint.CSS.__init__
    return getattr(function, "__wrapped__", function)


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stylesheets tinycss2 parses from now on (bytes and strings alike)."""
    import tinycss2

    parsed: list[str] = []
    for name in ("parse_stylesheet", "parse_stylesheet_bytes"):
        function = getattr(tinycss2, name)

        def counted(*args: Any, _function: Any = function, **kwargs: Any) -> Any:
            parsed.append(str(args[0])[:40])
            return _function(*args, **kwargs)

        monkeypatch.setattr(tinycss2, name, counted)
    return parsed


def test_a_book_laid_out_again_is_the_same_pdf_with_its_stylesheets_prepared_once(
    small_book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint

    manuscript, _ = api.manuscript(small_book)
    with monkeypatch.context() as plain:  # WeasyPrint as shipped
        plain.setattr(weasy_styles, "install", lambda: False)
        plain.setattr(weasyprint.CSS, "__init__", _shipped())
        without = render_pdf(manuscript, PdfOptions())
    first = render_pdf(manuscript, PdfOptions())  # load_html installs the memo
    assert weasy_styles.installed()
    parsed = _parses(monkeypatch)
    again = render_pdf(manuscript, PdfOptions())
    assert parsed == []  # the print stylesheets and the page's <style>: all from the memo
    assert first.pdf == again.pdf == without.pdf  # the fonts of @font-face embedded alike


def test_page_rules_and_font_faces_go_to_each_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    weasy_styles.install()
    added: list[Any] = []
    monkeypatch.setattr(FontConfiguration, "add_font_face", lambda _, d, __: added.append(d))
    css = "@font-face { font-family: x; src: url(x.otf) } @page { margin: 1in } p { color: red }"
    parsed = _parses(monkeypatch)
    sheets: list[Any] = []
    rules: list[list[Any]] = []
    for _ in range(2):
        rules.append([])
        sheets.append(
            weasyprint.CSS(
                string=css,
                base_url="file:///nowhere/",
                font_config=FontConfiguration(),
                page_rules=rules[-1],
            )
        )
    assert len(parsed) <= 1  # prepared once (or by an earlier test of this process)
    assert sheets[0].matcher is sheets[1].matcher
    assert len(rules[0]) == len(rules[1]) == 1 and rules[0] == rules[1]
    assert len(added) == 2 and added[0] is added[1]  # the face, once per document


@pytest.mark.parametrize(
    "css",
    [
        "@counter-style stars { system: cyclic; symbols: '*'; } li { color: red }",
        '@import url("data:text/css,p%7Bcolor:red%7D"); li { color: blue }',
        "p { colr: red }",  # WeasyPrint warns: told again each time
    ],
    ids=["counter-style", "import", "warned"],
)
def test_a_stylesheet_that_changes_more_or_warns_is_prepared_every_time(
    css: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint

    weasy_styles.install()
    parsed = _parses(monkeypatch)
    sheets = [weasyprint.CSS(string=css, base_url="file:///nowhere/") for _ in range(2)]
    assert len(parsed) >= 2  # each time (an @import: the imported sheet too)
    assert sheets[0].matcher is not sheets[1].matcher
    handler = next(h for h in logging.getLogger("weasyprint").handlers if hasattr(h, "records"))
    assert len(handler.records) == (2 if "colr" in css else 0)
    handler.records.clear()  # told each time, as expected here


def test_an_unchecked_weasyprint_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    monkeypatch.setattr(weasyprint.CSS, "__init__", _shipped())
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert not weasy_styles.install()
    assert weasyprint.CSS.__init__ is _shipped()
