"""octavo.render.pdf.weasy_stack: WeasyPrint's layout and drawing run with room for their
frames (no chunk of CPython's frame stack mapped per call), and the PDF is the same bytes."""

from __future__ import annotations

import inspect
import resource
import sys
from collections.abc import Callable
from typing import Any

import pytest

from octavo import api
from octavo.render.pdf import weasy_stack
from octavo.render.pdf.document import PdfOptions, render_pdf
from octavo.render.pdf.weasy_patch import layout_methods
from tests.conftest import MakeBook, section_source

CALLS = 2000


def _faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _leaf() -> int:
    return 1


def _hot() -> int:
    """Page faults while a small function is called CALLS times from here."""
    before = _faults()
    for _ in range(CALLS):
        _leaf()
    return _faults() - before


def _at(depth: int, run: Callable[[Callable[[], int]], int]) -> int:
    return _at(depth - 1, run) if depth else run(_hot)


def _shipped() -> list[tuple[Any, str, Any]]:
    return [
        (cls, name, inspect.unwrap(getattr(cls, name)))  # weasy_gc may wrap the same
        for cls, name in layout_methods()
    ]


def test_a_call_at_a_chunk_edge_maps_memory_and_one_with_room_does_not() -> None:
    """What the patch is for: if no depth makes the plain calls fault, this Python keeps
    its frames otherwise (no longer in chunks freed on return) and the patch can go."""
    plain = [_at(depth, lambda f: f()) for depth in range(300)]
    edge = max(range(300), key=plain.__getitem__)
    assert plain[edge] >= CALLS // 2  # each call at the edge: a fresh chunk, a page fault
    roomy = weasy_stack.roomy(lambda f: f())
    assert max(_at(depth, roomy) for depth in range(edge - 3, edge + 4)) < CALLS // 20


def test_a_book_with_a_table_is_the_same_pdf_with_and_without_the_room(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(
        f"| {1900 + i} | {i * 37 % 1000},{i % 10}00 | Some words here |\n" for i in range(60)
    )
    body = (
        "A paragraph of justified text. " * 40 + "\n\n| Year | Sum | Note |\n|--|--:|--|\n" + rows
    )
    book = make_book({"001-a.md": section_source(1, "Output", total=1, body=body)})
    manuscript, _ = api.manuscript(book)
    with monkeypatch.context() as plain:  # WeasyPrint as shipped
        plain.setattr(weasy_stack, "install", lambda: False)
        for cls, name, shipped in _shipped():
            plain.setattr(cls, name, shipped)
        assert not weasy_stack.installed()
        without = render_pdf(manuscript, PdfOptions())
    with_room = render_pdf(manuscript, PdfOptions())  # load_html installs the patch
    assert weasy_stack.installed()
    assert without.pages >= 2
    assert with_room.pdf == without.pdf


def test_an_unchecked_weasyprint_or_python_is_left_as_shipped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import weasyprint

    for cls, name, shipped in _shipped():
        monkeypatch.setattr(cls, name, shipped)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert not weasy_stack.install()
    monkeypatch.setattr(weasyprint, "__version__", "70.0")
    monkeypatch.setattr(
        weasy_stack, "CHECKED_PYTHON", (sys.version_info[0], sys.version_info[1] + 1)
    )
    assert not weasy_stack.install()
    assert not weasy_stack.installed()
