"""The read-back checks can fail: each is shown a PDF that does not match what it expects."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf, check_handout_pdf
from octavo.errors import BuildError
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("catch")
    book = folder / "book"
    shutil.copytree(ROOT / "book", book)
    pdf, _ = api.build_pdf(book, folder / "b.pdf")
    return book, pdf


def test_wrong_title_is_caught_as_metadata_and_handout_header(built: tuple[Path, Path]) -> None:
    book, pdf = built
    manuscript, _ = api.manuscript(book)
    config = dataclasses.replace(manuscript.book.config, title="Moldova: A Country Study")
    project = dataclasses.replace(manuscript.book.project, config=config)
    other = dataclasses.replace(
        manuscript, book=dataclasses.replace(manuscript.book, project=project)
    )
    assert "E616" in {d.code for d in check_book_pdf(pdf, other)}
    codes = {d.code for d in check_handout_pdf(pdf, other, other.sections)}
    assert {"E618", "E619"} <= codes  # not a handout: no study header, no 'page N of M'


def test_a_section_missing_from_the_pdf_is_caught(built: tuple[Path, Path]) -> None:
    book, pdf = built
    manuscript, _ = api.manuscript(book)
    (section,) = manuscript.sections
    ghost = dataclasses.replace(section, id="s099-ghost", note_id="note-s099-ghost")
    chapter = manuscript.chapters[0]
    more = dataclasses.replace(chapter, sections=(*chapter.sections, ghost))
    codes = {d.code for d in check_book_pdf(pdf, dataclasses.replace(manuscript, chapters=(more,)))}
    assert "E617" in codes


def test_no_books_for_all_is_a_user_error() -> None:
    with pytest.raises(BuildError) as caught:
        api.build_all([], Path("out"), 1)
    assert [d.code for d in caught.value.diagnostics] == ["E111"]


def test_check_without_java_is_a_user_error(built: tuple[Path, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    book, _ = built
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(BuildError) as caught:
        api.check(book, book.parent / "c.epub", book.parent / "c.pdf")
    # the check's error, after the warnings of the builds it ran (the book's W309)
    assert [d.code for d in caught.value.diagnostics if d.code[0] == "E"] == ["E802"]


def test_epubcheck_messages_become_e801(built: tuple[Path, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from octavo.check import epub as check_epub

    book, _ = built
    real = check_epub.run_epubcheck

    def noisy(path: Path) -> check_epub.EpubcheckResult:
        result = real(path)
        message = check_epub.EpubcheckMessage("RSC-005", "ERROR", "made up")
        return dataclasses.replace(result, messages=(message,))

    monkeypatch.setattr(check_epub, "run_epubcheck", noisy)
    with pytest.raises(BuildError) as caught:
        api.check(book, book.parent / "d.epub", book.parent / "d.pdf")
    # the check's error, after the warnings of the builds it ran (the book's W309)
    assert [d.code for d in caught.value.diagnostics if d.code[0] == "E"] == ["E801"]


def test_ace_violations_become_e804(built: tuple[Path, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`invoke check` runs DAISY Ace too (it ran EPUBCheck alone): each violation is E804."""
    from octavo.check import epub as check_epub

    book, _ = built
    real = check_epub.run_ace

    def noisy(path: Path, outdir: Path | None = None) -> check_epub.AceResult:
        result = real(path, outdir)
        found = check_epub.AceViolation("EPUB/s001.xhtml", "image-alt", "critical", "made up")
        return dataclasses.replace(result, violations=(found,))

    monkeypatch.setattr(check_epub, "run_ace", noisy)
    with pytest.raises(BuildError) as caught:
        api.check(book, book.parent / "e.epub", book.parent / "e.pdf")
    (ace,) = [d for d in caught.value.diagnostics if d.code[0] == "E"]
    assert ace.code == "E804" and "image-alt" in ace.message and "EPUB/s001.xhtml" in ace.hint


def test_a_check_without_ace_says_so(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without DAISY Ace the check passes, but says the EPUB's accessibility was not
    checked: W805, and on its verdict line (`--strict` stopping on it: test_api)."""
    book, _ = built
    monkeypatch.setenv("OCTAVO_ACE", str(book.parent / "no-ace"))
    checked = api.check(book, book.parent / "f.epub", book.parent / "f.pdf")
    assert "W805" in [d.code for d in checked.found]
    assert any("DAISY Ace: not installed, not run" in line for line in checked.lines)


def test_e604_names_the_note_and_both_pages() -> None:
    from octavo.render.pdf.notes.layout import NotePlacement
    from octavo.render.pdf.notes.place import _unplaced

    problem = _unplaced(NotePlacement("s058-russia", "note-s058-russia", 10, 11))
    assert problem.code == "E604" and "page 12" in problem.message and "page 11" in problem.message


def test_e703_missing_style(built: tuple[Path, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import octavo.project

    book, _ = built
    monkeypatch.setattr(octavo.project, "STYLES", book / "no-styles")
    with pytest.raises(BuildError) as caught:
        api.build_epub(book, book.parent / "e.epub")
    assert [d.code for d in caught.value.diagnostics] == ["E703"]
