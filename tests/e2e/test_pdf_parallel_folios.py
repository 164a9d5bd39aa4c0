"""A study of 20 sections and more whose own stylesheet prints its folios in other figures
(the body's in Arabic-Indic, the front matter's in upper-case roman), laid out in parts
(`--jobs 2`) and in one process (`--jobs 1`): the contents, the index and the page labels
say the same numbers both ways, in the figures each page prints.

In parts octavo writes the contents', the page references' and the currency table's
numbers as text (octavo.render.pdf.parallel.jobs, page_refs) and the merge writes the page
labels; in one process WeasyPrint numbers them (target-counter(), restyled by
octavo.render.pdf.folio_targets) and the writer labels the pages: two paths to one
text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from octavo.check.pdf import check_book_pdf
from octavo.shipped import STYLES
from tests.support.pdf_text import page_texts
from tests.support.studies import SECTIONS, Builds, add_divisions, built_both_ways


def own_folios(book: Path) -> None:
    """octavo's book.css as the book's own, its folios in other figures, its
    target-counter()s left as octavo writes them."""
    css = (STYLES / "print" / "book.css").read_text(encoding="utf-8")
    css = css.replace("content: counter(page);", "content: counter(page, arabic-indic);")
    css = css.replace(
        "content: counter(page, lower-roman);", "content: counter(page, upper-roman);"
    )
    (book / "styles" / "print").mkdir(parents=True, exist_ok=True)
    (book / "styles" / "print" / "book.css").write_text(css, encoding="utf-8")


def add_marks(book: Path) -> None:
    """Index marks in body sections of several chapters (two on one page: a range where
    they run on) and in the Preface (its folios upper-case roman)."""
    for n, path in enumerate(sorted(book.glob("0*.md"))[1:SECTIONS:4]):
        extra = f"The capital, [Minsk]{{.index}}, lies on a river (note {n})."
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + extra + "\n")
    preface = next(book.glob("*-preface.md"))
    text = preface.read_text(encoding="utf-8")
    text = text.replace("official statistics", '[official statistics]{index="Statistics"}')
    preface.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return built_both_ways(tmp_path_factory.mktemp("folios"), add_divisions, add_marks, own_folios)


@pytest.fixture(scope="module")
def texts(builds: Builds) -> tuple[list[str], list[str]]:
    return page_texts(builds.one), page_texts(builds.cold_pdf)


def test_laid_out_in_parts(builds: Builds) -> None:
    assert builds.cold.parallel and len(builds.manuscript.sections) >= 20
    assert builds.warnings == ()


def test_both_read_back_clean(builds: Builds) -> None:
    for pdf in (builds.one, builds.cold_pdf):
        assert [str(d) for d in check_book_pdf(pdf, builds.manuscript)] == []


def test_the_contents_say_the_same(texts: tuple[list[str], list[str]]) -> None:
    one, parts = texts
    start = next(i for i, t in enumerate(one) if t.startswith("Contents"))
    assert one[start] == parts[start]
    numbers = [n for n in re.findall(r"\. (\S+)", one[start]) if n != "."]  # after leaders
    assert numbers and not any(re.search("[0-9]", n) for n in numbers), numbers
    assert re.search(r"Preface[ .]+[IVX]+ ", one[start])  # the front's upper-case roman


def test_the_index_says_the_same(texts: tuple[list[str], list[str]]) -> None:
    one, parts = texts
    start = next(i for i, t in enumerate(one) if t.startswith("Index"))
    assert one[start:] == parts[start:]
    index = " ".join(one[start:])
    assert "٢" in index or "٣" in index  # Arabic-Indic figures
    assert re.search(r"\b[IVX]+\b", index)  # the Preface's marks: upper-case roman


def test_the_page_labels_say_the_same(builds: Builds) -> None:
    one, parts = (PdfReader(pdf).page_labels for pdf in (builds.one, builds.cold_pdf))
    assert one == parts
    assert "١" in one and "I" in one and not any(re.search("[0-9]", label) for label in one)
