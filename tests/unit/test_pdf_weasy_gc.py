"""octavo.render.pdf.weasy_gc: WeasyPrint lays out and draws with the cyclic garbage
collector held off (octavo.collector.paused), and the PDF is the same bytes."""

from __future__ import annotations

import gc
import inspect
from typing import Any

import pytest

from octavo import api
from octavo.render.pdf import weasy_gc
from octavo.render.pdf.document import PdfOptions, render_pdf
from octavo.render.pdf.weasy_patch import layout_methods
from tests.conftest import MakeBook, section_source


def test_the_collector_is_off_during_a_patched_call_and_as_it_was_after(
    collector: None,
) -> None:
    during: list[bool] = []

    def method(value: str) -> str:
        during.append(gc.isenabled())
        return value

    assert weasy_gc.held_off(method)("done") == "done"
    assert during == [False]
    assert gc.isenabled()


def test_install_wraps_each_method_once() -> None:
    weasy_gc.install()
    wrapped = [getattr(cls, name) for cls, name in layout_methods()]
    assert weasy_gc.install() and weasy_gc.installed()
    assert [getattr(cls, name) for cls, name in layout_methods()] == wrapped


def test_no_collection_runs_while_a_book_is_laid_out_and_drawn_and_the_pdf_is_the_same(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch, collector: None
) -> None:
    """With a collector's threshold of one allocation, a layout as shipped collects
    thousands of times; held off (load_html installs it), not once inside render or
    write_pdf."""
    body = "A paragraph of justified text, long enough to fill lines. " * 60
    book = make_book({"001-a.md": section_source(1, "Output", total=1, body=body)})
    manuscript, _ = api.manuscript(book)
    inside: list[int] = []

    def counted(method: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            runs: list[int] = []
            gc.callbacks.append(tracked := lambda phase, _: runs.append(1))
            try:
                return method(*args, **kwargs)
            finally:
                gc.callbacks.remove(tracked)
                inside.append(len(runs))

        return call

    threshold = gc.get_threshold()
    try:
        gc.set_threshold(1)
        with monkeypatch.context() as plain:  # WeasyPrint as shipped, counted
            plain.setattr(weasy_gc, "install", lambda: False)
            for cls, name in layout_methods():
                plain.setattr(cls, name, counted(inspect.unwrap(getattr(cls, name))))
            shipped = render_pdf(manuscript, PdfOptions())
            assert min(inside) > 0
        inside.clear()
        for cls, name in layout_methods():  # counted, then patched as load_html does
            monkeypatch.setattr(cls, name, counted(inspect.unwrap(getattr(cls, name))))
        held = render_pdf(manuscript, PdfOptions())
    finally:
        gc.set_threshold(*threshold)
    assert weasy_gc.installed()
    assert inside and max(inside) == 0
    assert held.pdf == shipped.pdf
