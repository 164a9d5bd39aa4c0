"""Page references in a book laid out in parts (octavo.render.pdf.parallel.page_refs).

Every reference prints its target's folio (read back: E621), the pages are those one
process lays out, an edit that moves no target lays out the edited chapter once, and an
incremental build equals a cold one, also when an edit moves a target to another page.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.dev.gen import generate_study
from octavo.model import Manuscript
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.build import ParallelResult, render_pdf_parallel
from octavo.render.pdf.parallel.page_refs import by_part
from tests.support.pdf_text import page_texts
from tests.support.weasyprint_log import quietly


@dataclass(frozen=True)
class Built:
    root: Path
    manuscript: Manuscript
    cold: ParallelResult
    cold_pdf: Path
    one: Path
    cache: Path
    warnings: tuple[str, ...]


def _refer(root: Path, notes_only: bool = False) -> None:
    """References across the book's two chapters, forward and back, in text and notes; all
    in the first chapter (an edit in the second lays out no chapter that holds one)."""
    files = sorted(root.glob("*.md"))
    labels = [m for f in files for m in re.findall(r"\{#((?:tbl|fig):[\w-]+)\}", f.read_text())]
    first, last = labels[0], labels[-1]
    for at, words in (
        (1, f"As the table shows (page [](#{last}){{.page}}), output fell; see page [](#{first}){{.page}}."),
        (5, f"See page [](#{last}){{.page}}.[^p]\n\n[^p]: And page [](#{first}){{.page}}."),
        (8, f"The figures[^q] are disputed.\n\n[^q]: Page [](#{last}){{.page}} gives them."),
    ):  # fmt: skip
        if notes_only:
            words = f"As the ministry says.[^n{at}]\n\n[^n{at}]: See page [](#{first}){{.page}}."
        text = files[at].read_text()
        head, _, body = text.partition("\n---\n")
        files[at].write_text(f"{head}\n---\n\n{words}\n{body}")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("page-refs")
    root = generate_study(folder / "book", 24, constructs=True)
    _refer(root)
    manuscript, _ = api.manuscript(root)
    cache = folder / "cache"
    cold, first = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, cache))
    cold_pdf = folder / "cold.pdf"
    cold_pdf.write_bytes(cold.pdf)
    with pytest.MonkeyPatch.context() as patch:  # a cache of its own, never a warm one
        patch.chdir(folder)  # (the working folder's notes cache hid a fault: session 28)
        (one, _), second = quietly(lambda: api.build_pdf(root, folder / "one.pdf"))
    return Built(root, manuscript, cold, cold_pdf, one, cache, (*first, *second))


def test_laid_out_in_parts_every_reference_its_target_s_folio(built: Built) -> None:
    """They were laid out in one process, whole, every time (12.5 s at 81 sections, edits
    too); in parts a chapter's references are given their folios."""
    assert built.cold.parallel and built.warnings == ()
    assert by_part(built.manuscript) is not None
    assert [str(d) for d in check_book_pdf(built.cold_pdf, built.manuscript)] == []
    assert len(re.findall(r"(?i)page \d+", " ".join(page_texts(built.cold_pdf)))) == 5


def test_the_same_pages_as_one_process(built: Built) -> None:
    one, parts = page_texts(built.one), page_texts(built.cold_pdf)
    assert [i for i, (a, b) in enumerate(zip(one, parts, strict=True)) if a != b] == []


def test_an_edit_lays_out_its_chapter_once_and_equals_a_cold_build(
    built: Built, tmp_path: Path
) -> None:
    """An edit in a chapter without references, that moves no target, lays it out alone,
    once (the chapter that holds them, given the same folios, comes from the cache)."""
    book = tmp_path / "book"
    shutil.copytree(built.root, book)
    cache = tmp_path / "cache"
    quietly(lambda: render_pdf_parallel(api.manuscript(book)[0], PdfOptions(), 2, cache))
    # a paragraph at the book's end: after every target (the last table is in its section)
    edited = book / built.manuscript.chapters[-1].sections[-1].section.path.name
    edited.write_text(edited.read_text().rstrip("\n") + "\n\nOne more sentence.\n")
    manuscript, _ = api.manuscript(book)
    result, warnings = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, cache))
    chapters = [c.id for c in manuscript.chapters]
    assert [n for n in result.laid_out if n in chapters] == [chapters[-1]] and warnings == []
    cold, _ = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, None))
    assert cold.pdf == result.pdf


def test_an_edit_that_moves_a_target_lays_its_referrers_out_again(
    built: Built, tmp_path: Path
) -> None:
    """Two pages more before the last table: its folio moves, and the parts that refer to
    it are laid out again with the new one; the same bytes as a cold build."""
    book = tmp_path / "book"
    shutil.copytree(built.root, book)
    section = built.manuscript.chapters[1].sections[1].section.path.name
    text = (book / section).read_text()
    head, _, body = text.partition("\n---\n")
    (book / section).write_text(f"{head}\n---\n\n{'More words on the matter. ' * 300}\n{body}")
    manuscript, _ = api.manuscript(book)
    result, warnings = quietly(
        lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, built.cache)
    )
    out = tmp_path / "moved.pdf"
    out.write_bytes(result.pdf)
    assert [str(d) for d in check_book_pdf(out, manuscript)] == [] and warnings == []
    assert result.laid_out.count(manuscript.chapters[0].id) == 1  # given the new folio
    cold, _ = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, None))
    assert cold.pdf == result.pdf


def test_a_reference_in_the_front_matter_is_laid_out_in_one_process(
    built: Built, tmp_path: Path
) -> None:
    """A Preface is laid out with the contents, whose folios come after the chapters': a
    reference there (or to a target there) keeps the book in one process."""
    book = tmp_path / "book"
    shutil.copytree(built.root, book)
    section = book / built.manuscript.chapters[-1].sections[-2].section.path.name
    head, _, body = section.read_text().partition("\n---\n")
    section.write_text(
        f"{head}\nkind: preface\n---\n\nThe tables (page [](#tbl:t6){{.page}}) are old.\n{body}"
    )
    manuscript, _ = api.manuscript(book)
    assert any(c.kind == "preface" for c in manuscript.chapters)
    assert by_part(manuscript) is None


def test_a_book_that_styles_its_references_itself_is_laid_out_in_one_process(
    built: Built, tmp_path: Path
) -> None:
    """A part prints the folio alone: a book's own copy of print/book.css with other rules
    for `a.page` (its words, "p. 7") keeps the book whole; an identical copy does not."""
    from octavo.shipped import STYLES

    book = tmp_path / "book"
    shutil.copytree(built.root, book)
    (book / "styles" / "print").mkdir(parents=True)
    shipped = (STYLES / "print" / "book.css").read_text()
    (book / "styles" / "print" / "book.css").write_text(shipped)
    assert by_part(api.manuscript(book)[0]) is not None
    restyled = shipped.replace(
        "a.page::after { content: target-counter(", 'a.page::after { content: "p. " target-counter('
    )
    assert restyled != shipped
    (book / "styles" / "print" / "book.css").write_text(restyled)
    assert by_part(api.manuscript(book)[0]) is None


def test_references_in_notes_alone_are_given_their_folios(tmp_path: Path) -> None:
    """A book whose only references are in notes was not found to hold any: its parts
    printed a part's own page number, or nothing (found in review)."""
    from octavo.render.xref import holds_page_refs

    book = generate_study(tmp_path / "book", 24, constructs=True)
    _refer(book, notes_only=True)
    manuscript, _ = api.manuscript(book)
    assert holds_page_refs(manuscript.sections) and by_part(manuscript) is not None
    assert not any("xref page" in s.body_html for s in manuscript.sections)
    result, warnings = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, None))
    out = tmp_path / "notes.pdf"
    out.write_bytes(result.pdf)
    assert result.parallel and warnings == []
    assert [str(d) for d in check_book_pdf(out, manuscript)] == []
