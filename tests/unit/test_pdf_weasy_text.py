"""octavo.render.pdf.weasy_text: each font description and each can-break answer made once
a process, and the PDF is the same bytes."""

from __future__ import annotations

from typing import Any

import pytest

from octavo import api
from octavo.render.pdf import weasy_text
from octavo.render.pdf.document import PdfOptions, render_pdf
from tests.conftest import MakeBook, section_source


def _shipped() -> list[tuple[Any, str, Any]]:
    """(module, name, WeasyPrint's own function) of each name the patch replaces."""
    from weasyprint.layout import inline, preferred
    from weasyprint.text import line_break

    names = (
        (line_break, "get_font_description"),
        (preferred, "can_break_text"),
        (inline, "can_break_text"),
    )
    return [(m, n, getattr(getattr(m, n), "__wrapped__", getattr(m, n))) for m, n in names]


def test_a_book_with_headings_notes_and_a_table_is_the_same_pdf_with_and_without_the_memos(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(
        f"| {1900 + i} | {i * 37 % 1000},{i % 10}00 | *Some* words |\n" for i in range(40)
    )
    body = (
        "A paragraph of **justified** text with a note.[^1] " * 30
        + "\n\n| Year | Sum | Note |\n|--|--:|--|\n"
        + rows
        + "\n[^1]: The note, in its own size.\n"
    )
    book = make_book({"001-a.md": section_source(1, "Output", total=1, body=body)})
    manuscript, _ = api.manuscript(book)
    described: list[Any] = []
    with monkeypatch.context() as plain:  # WeasyPrint as shipped, its descriptions counted
        plain.setattr(weasy_text, "install", lambda: False)
        for module, name, shipped in _shipped():
            plain.setattr(module, name, shipped)
        module, _, describe = _shipped()[0]

        def counted(style: Any) -> Any:
            described.append(style)
            return describe(style)

        plain.setattr(module, "get_font_description", counted)
        without = render_pdf(manuscript, PdfOptions())
        assert not weasy_text.installed()
    with_memo = render_pdf(manuscript, PdfOptions())  # load_html installs the memos
    assert weasy_text.installed()
    assert with_memo.pdf == without.pdf
    fonts = {tuple(repr(s[k]) for k in weasy_text.FONT_KEYS) for s in described}
    assert len(described) > 10 * len(fonts)  # one description a layout, a few fonts


def test_an_unchecked_weasyprint_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    for module, name, shipped in _shipped():
        monkeypatch.setattr(module, name, shipped)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert not weasy_text.install()
    assert all(getattr(m, n) is shipped for m, n, shipped in _shipped())


def test_a_font_description_reading_another_value_is_left_as_shipped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for module, name, shipped in _shipped():
        monkeypatch.setattr(module, name, shipped)
    monkeypatch.setattr(weasy_text, "FONT_KEYS", weasy_text.FONT_KEYS[:-1])
    assert not weasy_text.install()
    assert not weasy_text.installed()


def test_values_equal_across_types_are_kept_apart() -> None:
    made: list[Any] = []

    def describe(style: Any) -> int:
        made.append(style)
        return len(made)

    described = weasy_text._described(describe)
    style = dict.fromkeys(weasy_text.FONT_KEYS, "normal") | {"font_family": ["serif"]}
    assert described(style | {"font_size": 12}) == described(style | {"font_size": 12}) == 1
    assert described(style | {"font_size": 12.0}) == 2
    assert described(style | {"font_family": ("serif",)}) == 3
    assert described(style | {"font_variation_settings": (("wght", 400),)}) == 4
    assert described(style | {"font_variation_settings": (("wght", 400.0),)}) == 5
    assert described(style | {"font_family": [["serif"]]}) == 6  # unhashable: as shipped
    assert described(style | {"font_family": [["serif"]]}) == 7


def test_the_key_is_made_of_the_values_the_description_reads() -> None:
    import inspect
    import re

    read = re.findall(r'style\["(\w+)"\]', inspect.getsource(weasy_text._font))
    assert sorted(read) == sorted(weasy_text.FONT_KEYS)
