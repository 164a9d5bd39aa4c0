"""api: output names of `invoke all`; one Project and one manuscript per command."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.api import epub as api_epub
from octavo.errors import BuildError, error, warning
from octavo.project import Project
from tests.conftest import MakeBook, section_source


def _counting(calls: dict[str, int], name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    """`real`, counting its calls in `calls[name]`."""

    def call(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return real(*args, **kwargs)

    return call


def test_output_names_are_folder_names_made_unique() -> None:
    books = [Path("/s/belarus/book"), Path("/s/russia/book"), Path("/s/ukraine")]
    assert api.output_names(books) == ["belarus-book", "russia-book", "ukraine"]


def test_a_book_given_twice_is_e112(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        api.output_names([tmp_path / "a", tmp_path / "b" / ".." / "a"])
    assert [d.code for d in caught.value.diagnostics] == ["E112"]


def test_both_outputs_open_and_render_the_book_once(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke watch`'s rebuild (and check, preview, all) make several outputs from one
    Sources: book.toml read once, the manuscript rendered once; nothing when fresh."""
    import octavo.render.manuscript as manuscript
    import octavo.source.config as config

    book = make_book({"001-a.md": section_source(1, total=1)})
    monkeypatch.chdir(tmp_path)
    calls = {"config": 0, "render": 0}

    counted = partial(_counting, calls)

    monkeypatch.setattr(config, "load_config", counted("config", config.load_config))
    render = counted("render", manuscript.render_manuscript)
    monkeypatch.setattr(manuscript, "render_manuscript", render)
    written, _ = api.build_both(book)
    assert [p.suffix for p in written] == [".epub", ".pdf"]
    assert calls == {"config": 1, "render": 1}
    api.build_both(book)
    assert calls == {"config": 2, "render": 1}  # fresh: opened, not rendered


def test_an_epub_with_nothing_to_do_starts_no_writer(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from octavo.render.epub import beside

    started: list[Path] = []
    real = beside.beside

    @contextlib.contextmanager
    def counted(project: Project, cache: Path | None) -> Iterator[beside.Beside | None]:
        started.append(project.root)
        with real(project, cache) as writer:
            yield writer

    monkeypatch.setattr(beside, "beside", counted)
    monkeypatch.chdir(tmp_path)
    book = make_book({"001-a.md": section_source(1, total=1)})
    out = tmp_path / "x.epub"
    api.build_epub(book, out, jobs=0)
    assert len(started) == 1  # no output yet: started at once
    api.build_epub(book, out, jobs=0)
    assert len(started) == 1  # nothing to do: nothing started
    (book / "001-a.md").write_text(section_source(1, total=1, body="Changed.\n"))
    api.build_epub(book, out, jobs=0)
    assert len(started) == 2  # the check found work: started then


def test_an_edited_book_starts_its_writer_before_the_change_check(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from octavo import outputs, stamps
    from octavo.render.epub import beside

    events: list[str] = []
    real_beside, real_check = beside.beside, outputs.check_build

    @contextlib.contextmanager
    def counted(project: Project, cache: Path | None) -> Iterator[beside.Beside | None]:
        events.append("writer")
        with real_beside(project, cache) as writer:
            yield writer

    def checked(*args: Any) -> Any:
        events.append("check")
        return real_check(*args)

    monkeypatch.setattr(beside, "beside", counted)
    monkeypatch.setattr(api_epub, "check_build", checked)
    monkeypatch.chdir(tmp_path)
    book = make_book({"001-a.md": section_source(1, total=1)})
    out = tmp_path / "x.epub"
    api.build_epub(book, out, jobs=0)
    events.clear()
    edited = book / "001-a.md"
    edited.write_text(section_source(1, total=1, body="Edited.\n"))
    stamp, _ = stamps.read_stamp(stamps.stamp_of(api.open_book(book), out))
    later = stamp["recorded"] + 10**6  # past the stamp, whatever the clock's grain
    os.utime(edited, ns=(later, later))
    api.build_epub(book, out, jobs=0)
    assert events == ["writer", "check"]  # an edit: started at once, beside the check
    events.clear()
    api.build_epub(book, out, jobs=0)
    assert events == ["check"]  # nothing to do: nothing started


def test_a_strict_cover_does_not_replay_a_lenient_one(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke cover --strict` after `invoke cover` of the same book: its warning is an
    error, as for the EPUB and the PDF. The cover's build key left --strict out, so the
    lenient build's stamp was replayed: the warning shown, and the command succeeded."""
    book = make_book({"001-a.md": section_source(1, total=1, extra="colour: red\n")})
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "cover.pdf"
    _, found = api.build_cover(book, out, pages=100)
    assert [d.code for d in found] == ["W208"]
    with pytest.raises(BuildError) as caught:
        api.build_cover(book, out, pages=100, strict=True)
    assert [d.code for d in caught.value.diagnostics] == ["W208"]


def test_check_tells_its_builds_warnings_and_fails_on_them_when_strict(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke check` builds the EPUB and the PDF it checks: their warnings (W208, an
    unknown field) are told as `invoke epub` and `invoke pdf` tell them, and `--strict`
    fails on them. They were dropped, and check took no --strict. `out`: the folder the
    checked outputs are built in (build/ by default)."""
    from octavo.api import checks

    monkeypatch.setattr(
        checks, "_check", lambda rendered, epub, pdf, variant, cover: (("checked",), ())
    )
    book = make_book({"001-a.md": section_source(1, total=1, extra="colour: red\n")})
    monkeypatch.chdir(tmp_path)
    checked = api.check(book)
    assert checked.lines == ("checked",)
    assert [d.code for d in checked.found] == ["W208"]
    assert (checked.epub, checked.pdf) == (
        Path("build/testland-a-country-study.epub"),
        Path("build/testland-a-country-study.pdf"),
    )
    with pytest.raises(BuildError) as caught:
        api.check(book, strict=True)
    assert [d.code for d in caught.value.diagnostics] == ["W208"]
    kept = api.check(book, out=tmp_path / "kept")
    assert (kept.epub, kept.pdf) == (
        tmp_path / "kept/testland-a-country-study.epub",
        tmp_path / "kept/testland-a-country-study.pdf",
    )
    assert kept.epub.is_file() and kept.pdf.is_file()
    assert [d.code for d in kept.found] == ["W208"]


def test_check_stops_on_a_check_it_could_not_run_when_strict(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check that could not run (W805: no DAISY Ace) is told, and `--strict` stops on it."""
    from octavo.api import checks

    unchecked = (warning("W805", "the EPUB's accessibility was not checked"),)
    monkeypatch.setattr(
        checks, "_check", lambda rendered, epub, pdf, variant, cover: (("checked",), unchecked)
    )
    book = make_book({"001-a.md": section_source(1, total=1)})
    monkeypatch.chdir(tmp_path)
    assert [d.code for d in api.check(book).found] == ["W805"]
    with pytest.raises(BuildError) as caught:
        api.check(book, strict=True)
    assert [d.code for d in caught.value.diagnostics] == ["W805"]


def test_check_tells_ace_when_the_epub_check_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """DAISY Ace runs beside EPUBCheck: when the EPUB's check failed (E802, no EPUBCheck),
    Ace's violations (E804) and its W805 were waited for, then dropped; both are told."""
    from octavo.api import checks

    def failed(*args: Any) -> None:
        raise BuildError([error("E802", "EPUBCheck is not installed")])

    ace = (error("E804", "DAISY Ace critical image-alt"), warning("W805", "not checked"))
    monkeypatch.setattr(checks, "_read_back", failed)
    monkeypatch.setattr(checks, "_ace", lambda epub: ("ace", ace))
    with pytest.raises(BuildError) as caught:
        checks._check(None, Path("b.epub"), Path("b.pdf"), "", None)  # type: ignore[arg-type]
    assert [d.code for d in caught.value.diagnostics] == ["E802", "E804", "W805"]


def test_outline_reads_the_book_once(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke outline` read the book twice (api.read for the tree, then api.manuscript for
    what rendering finds): book.toml and every section. Once now, with the same tree and
    diagnostics; a book with an error still shows its tree and its error, once."""
    import octavo.source.config as config
    import octavo.source.sections as sections
    from octavo.cli.outline import outline

    calls = {"config": 0, "sections": 0}

    counted = partial(_counting, calls)

    monkeypatch.setattr(config, "load_config", counted("config", config.load_config))
    monkeypatch.setattr(sections, "read_sections", counted("sections", sections.read_sections))
    monkeypatch.chdir(tmp_path)
    book = make_book({"001-a.md": section_source(1, total=2, extra="colour: red\n")})
    lines, found = outline(book)
    assert lines[-1].strip() == "1/2  Trade  [data as of June 1995]"
    assert [d.code for d in found] == ["W208", "W309"]
    assert calls == {"config": 1, "sections": 1}
    (book / "002-b.md").write_text(section_source(2, "Aid", total=2, date='"0000-01"'))
    calls.update(config=0, sections=0)
    lines, found = outline(book)
    assert [d.code for d in found].count("E207") == 1
    assert lines[-1].strip() == "1/2  Trade  [data as of June 1995]"
    assert calls == {"config": 1, "sections": 1}


def test_strict_tells_every_warning_at_once(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke epub --strict` stopped at the warnings of reading the book (W208, a field
    octavo does not know) before rendering it, so a warning of the render (W510, a note
    called but not defined) was told only by the next run, once the first was fixed: a
    CI run per warning. Every warning is told in one run, and the build still stops."""
    monkeypatch.chdir(tmp_path)
    body = "A call to a note never written.[^gone]\n"
    book = make_book({"001-a.md": section_source(1, total=1, extra="colour: red\n", body=body)})
    for build in (api.build_epub, api.build_pdf):
        with pytest.raises(BuildError) as caught:
            build(book, tmp_path / "out", strict=True)
        assert sorted(d.code for d in caught.value.diagnostics) == ["W208", "W510"]
        assert not (tmp_path / "out").exists()


def _blank_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.write(path)
    return path


def test_check_reads_the_book_s_pdf_once(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke check` read the book's PDF three times (its fonts, then all of it for the
    manuscript's checks, and all of it again for the press's), and a fourth for its page
    count when it checked a cover: once now, every check given what was read."""
    from types import SimpleNamespace

    import pdfplumber
    import pypdf

    from octavo.api import checks
    from octavo.check import epub as check_epub

    opened = {"pypdf": 0, "pdfplumber": 0}

    class Reader(pypdf.PdfReader):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            opened["pypdf"] += 1
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pypdf, "PdfReader", Reader)
    monkeypatch.setattr(pdfplumber, "open", _counting(opened, "pdfplumber", pdfplumber.open))
    done = SimpleNamespace(messages=[], version="5")
    monkeypatch.setattr(check_epub, "run_epubcheck", lambda path: done)
    manuscript, _ = api.manuscript(make_book({"001-a.md": section_source(1, total=1)}))
    pdf = _blank_pdf(tmp_path / "book.pdf")
    _, problems = checks._read_back(manuscript, tmp_path / "book.epub", pdf, "", None)
    assert problems  # a blank page is no book: what it found does not matter here
    assert opened == {"pypdf": 1, "pdfplumber": 1}


def test_check_measures_no_pdf_whose_text_it_cannot_read(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF whose text reads as nothing (W651's boxes) is E652 alone, and the press's
    checks are not run on it: because it was read so (`Unreadable`), not because E652 was
    found among the diagnostics of another check."""
    from types import SimpleNamespace

    from octavo.api import checks
    from octavo.check import epub as check_epub
    from octavo.check import pdf_facts, press

    pdf = tmp_path / "book.pdf"
    monkeypatch.setattr(
        pdf_facts, "read_book_pdf", lambda path: pdf_facts.Unreadable(pdf, ("Serif",), 3)
    )
    monkeypatch.setattr(press, "check_press", lambda *args: pytest.fail("measured"))
    done = SimpleNamespace(messages=[], version="5")
    monkeypatch.setattr(check_epub, "run_epubcheck", lambda path: done)
    manuscript, _ = api.manuscript(make_book({"001-a.md": section_source(1, total=1)}))
    _, problems = checks._read_back(manuscript, tmp_path / "book.epub", pdf, "", None)
    assert [(d.code, "Serif" in d.message) for d in problems] == [("E652", True)]
