"""octavo.render.pdf.weasy_arrays: WeasyPrint's sized arrays typed without cffi's parser.

The patch acts on WeasyPrint's FFI as WeasyPrint ships it, whose type names cffi's parser
reads; a process that imported WeasyPrint through octavo's out-of-line declarations
(octavo.render.pdf.weasy_ffi: a PDF build with the user's cache, in an earlier test of the
same worker) has no such parser, and WeasyPrint is imported once a process. So the checks
(`check_*`) run in a fresh interpreter, where WeasyPrint is imported as shipped, whatever
ran before in this one: `test_the_checks_in_a_fresh_interpreter` runs them there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.render.pdf import weasy_arrays
from octavo.render.pdf.document import PdfOptions, render_pdf

ROOT = Path(__file__).resolve().parents[2]
# this module's `check_*` functions, one by one in one process, each outcome reported
CHECKS = ("-q", "-rA", "-n", "0", "-p", "no:cacheprovider", "-o", "python_functions=check_")


def test_the_checks_in_a_fresh_interpreter(tmp_path: Path) -> None:
    """This module's checks, collected by their prefix, in a pytest of their own: all pass,
    none skipped (each one's outcome is in its output)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "XDIST_"))}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *CHECKS, f"--basetemp={tmp_path / 'checks'}", __file__],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in summary and "skipped" not in summary, done.stdout


def check_weasyprint_is_imported_as_shipped() -> None:
    """The premise of the checks below: cffi parses WeasyPrint's type names here."""
    from octavo.render.pdf.weasy_imports import kept, shaped_modules

    assert kept() is None
    assert hasattr(_ffi(), "_parser")
    assert not shaped_modules()


def _ffi() -> Any:
    from weasyprint.text.ffi import ffi

    return ffi


def _parser() -> Any:
    return _ffi()._parser


def _shipped() -> Any:
    """cffi's own parse_type, under the patch and any test's recorder."""
    import inspect

    return inspect.unwrap(_parser().parse_type)


@pytest.mark.parametrize(
    "name",
    ["hb_codepoint_t[2427]", "hb_codepoint_t[1]", "char[4]", "unsigned int[7]", "hb_tag_t[100]"],
)
def check_a_sized_array_is_the_type_the_parser_makes(name: str) -> None:
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
def check_other_names_go_to_the_parser(name: str, asked: list[str]) -> None:
    assert _parser().parse_type(name) == _shipped()(name)
    assert asked == [name]


def check_sizes_after_the_first_are_never_parsed(asked: list[str]) -> None:
    for size in (38, 11, 2427, 38):
        name = f"hb_codepoint_t[{size}]"
        assert _parser().parse_type(name) == _shipped()(name)
    assert asked == ["hb_codepoint_t[]"]


def check_the_pdf_is_the_same_with_and_without(
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


def check_a_cffi_that_reads_otherwise_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = _shipped()
    monkeypatch.setattr(_parser(), "parse_type", shipped)
    monkeypatch.setattr(
        weasy_arrays, "SHAPE", (("cffi.cparser", "Parser", "_get_type_and_quals", "no such line"),)
    )
    assert weasy_arrays.install() is False
    assert _parser().parse_type is shipped


def check_an_unchecked_cffi_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import cffi

    shipped = _shipped()
    monkeypatch.setattr(_parser(), "parse_type", shipped)
    monkeypatch.setattr(cffi, "__version__", "3.0.0")
    assert weasy_arrays.install() is False
    assert _parser().parse_type is shipped


def _array() -> Any:
    from cffi import model

    return model.ArrayType
