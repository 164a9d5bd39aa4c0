"""octavo.render.pdf.weasy_arrays: WeasyPrint's sized arrays typed without cffi's parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.render.pdf import weasy_arrays
from octavo.render.pdf.document import PdfOptions, render_pdf


def _parser() -> Any:
    from weasyprint.text.ffi import ffi

    return ffi._parser


def _shipped() -> Any:
    """cffi's own parse_type, under the patch and any test's recorder."""
    import inspect

    return inspect.unwrap(_parser().parse_type)


@pytest.mark.parametrize(
    "name",
    ["hb_codepoint_t[2427]", "hb_codepoint_t[1]", "char[4]", "unsigned int[7]", "hb_tag_t[100]"],
)
def test_a_sized_array_is_the_type_the_parser_makes(name: str) -> None:
    weasy_arrays.install()
    assert weasy_arrays.installed()
    assert _parser().parse_type(name) == _shipped()(name)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The patch over a parser that records each name it is asked (restored after)."""
    names: list[str] = []
    shipped = _shipped()

    def parse(cdecl: str) -> Any:
        names.append(cdecl)
        return shipped(cdecl)

    parse.__wrapped__ = shipped  # type: ignore[attr-defined]
    monkeypatch.setattr(_parser(), "parse_type", weasy_arrays._sized(parse, _array()))
    return names


@pytest.mark.parametrize(
    "name", ["char[010]", "char[0x10]", "int *[3]", "PangoRectangle *", "char[]"]
)
def test_other_names_go_to_the_parser(name: str, asked: list[str]) -> None:
    assert _parser().parse_type(name) == _shipped()(name)
    assert asked == [name]


def test_sizes_after_the_first_are_never_parsed(asked: list[str]) -> None:
    for size in (38, 11, 2427, 38):
        name = f"hb_codepoint_t[{size}]"
        assert _parser().parse_type(name) == _shipped()(name)
    assert asked == ["hb_codepoint_t[]"]


def test_the_pdf_is_the_same_with_and_without(
    small_book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each render from an empty cache of types (cffi keeps every name it typed: else the
    second render would type no array at all), and the sized names typed by the patch."""
    from weasyprint.text.ffi import ffi

    manuscript, _ = api.manuscript(small_book)
    with monkeypatch.context() as plain:
        plain.setattr(_parser(), "parse_type", _shipped())
        plain.setattr(weasy_arrays, "install", lambda: False)  # cffi as shipped
        plain.setattr(ffi, "_parsed_types", {})
        without = render_pdf(manuscript, PdfOptions())
        assert not weasy_arrays.installed()
    monkeypatch.setattr(ffi, "_parsed_types", {})
    with_patch = render_pdf(manuscript, PdfOptions())
    assert weasy_arrays.installed()
    assert [name for name in ffi._parsed_types if weasy_arrays.SIZED.fullmatch(name)]
    assert with_patch.pdf == without.pdf


def test_a_cffi_that_reads_otherwise_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = _shipped()
    monkeypatch.setattr(_parser(), "parse_type", shipped)
    monkeypatch.setattr(
        weasy_arrays, "SHAPE", (("cffi.cparser", "Parser", "_get_type_and_quals", "no such line"),)
    )
    assert weasy_arrays.install() is False
    assert _parser().parse_type is shipped


def test_an_unchecked_cffi_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import cffi

    shipped = _shipped()
    monkeypatch.setattr(_parser(), "parse_type", shipped)
    monkeypatch.setattr(cffi, "__version__", "3.0.0")
    assert weasy_arrays.install() is False
    assert _parser().parse_type is shipped


def _array() -> Any:
    from cffi import model

    return model.ArrayType
