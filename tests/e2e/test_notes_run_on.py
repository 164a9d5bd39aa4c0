"""Notes that run on (W656) past the end of their chapter's text: the page they run onto,
the one a chapter's right-hand start would leave blank, prints its running head and folio
as a page of its chapter does (octavo.render.pdf.weasy_carried), in one process and laid
out in parts (its head and folio stamped: octavo.render.pdf.parallel.stamp); `invoke check`
is clean. It printed neither, and the check said E613. A handout tells W656 as the book's
PDF does (it said nothing), and prints its "page N of M" on that page; E657 (notes set over
a page's text) names the line of the notes' call in a handout and in a book laid out in
parts too (they named none)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from octavo import api
from octavo.errors import BuildError
from tests.conftest import MakeBook, section_source
from tests.support.weasyprint_log import quietly

CALLED = 60  # letter pages: 56 of them at the foot of their calls' page, 4 run on
NOTE = "A note of some words, long enough to take a line or two of the foot of a page."
SPILLED = 120  # short notes: WeasyPrint sets the 64 carried over on one page, over its text
BODY_LINE = 11  # section_source's front matter is 9 lines and a blank one


def _book(make_book: MakeBook, called: int = CALLED, note: str = NOTE) -> Path:
    """Chapter 1 ends with `called` notes called in one line (its body's first);
    chapter 2 opens on the next right-hand page."""
    calls = "".join(f"[^n{i}]" for i in range(called))
    notes = "".join(f"[^n{i}]: {note} {i}.\n\n" for i in range(called))
    first = section_source(1, total=2, body=f"Text.{calls}\n\n{notes}")
    second = section_source(2, "Finance", chapter=2, total=2, body="Other text.\n")
    return make_book({"001-a.md": first, "002-b.md": second})


def _lines(page: pdfplumber.page.Page) -> list[str]:
    return (page.extract_text() or "").splitlines()


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "in-parts"])
def test_the_page_notes_run_onto_has_its_head_and_folio(
    make_book: MakeBook, tmp_path: Path, jobs: int
) -> None:
    book = _book(make_book)
    out = tmp_path / "out"
    pdf = out / "testland-a-country-study.pdf"
    (_, found), logged = quietly(lambda: api.build_pdf(book, pdf, jobs=jobs))
    assert logged == []
    assert [d.code for d in found] == ["W656"]
    last = f"{CALLED + 1}. {NOTE} {CALLED - 1}."  # the data-date note is 1
    with pdfplumber.open(pdf) as document:
        at = next(i for i, p in enumerate(document.pages) if last in _lines(p))
        calls, run_on, after = (_lines(p) for p in document.pages[at - 1 : at + 2])
    assert calls[0] == "The Economy" and calls[-1] == "3"  # the calls' page, a right one
    assert run_on[0] == "Testland: A Country Study"  # a left-hand page's head
    assert run_on[-1] == "4"
    assert run_on[1:-1] == [f"{n}. {NOTE} {n - 2}." for n in range(CALLED - 2, CALLED + 2)]
    assert after[:2] == ["Chapter 2", "Government and Politics"]
    # `invoke check` reads this PDF (fresh: not built again) and finds nothing
    checked, logged = quietly(lambda: api.check(book, out=out))
    assert logged == []
    assert [d.code for d in checked.found if d.code != "W805"] == ["W656"]


def test_a_handout_tells_w656_and_prints_its_folio_on_the_notes_page(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = _book(make_book)
    (written, found, _), logged = quietly(lambda: api.build_handouts(book, tmp_path / "h"))
    assert logged == []
    (told,) = found
    assert (told.code, told.file, told.line) == ("W656", book / "001-a.md", BODY_LINE)
    assert "60 notes are called on one page" in told.message
    last = f"{CALLED + 1}. {NOTE} {CALLED - 1}."
    with pdfplumber.open(written[0]) as document:
        pages = [_lines(p) for p in document.pages]
    assert pages[-1][-2:] == [last, f"page {len(pages)} of {len(pages)}"]
    assert pages[-1][0] == "Testland: A Country Study"


@pytest.mark.slow
@pytest.mark.parametrize("build", ["in-parts", "handout"])
def test_e657_names_the_line_of_the_notes_call(
    make_book: MakeBook, tmp_path: Path, build: str
) -> None:
    book = _book(make_book, SPILLED, "Note.")
    with pytest.raises(BuildError) as failed:
        if build == "in-parts":
            quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=2))
        else:
            quietly(lambda: api.build_handouts(book, tmp_path / "h"))
    (told,) = [d for d in failed.value.diagnostics if d.code == "E657"]
    assert (told.file, told.line) == (book / "001-a.md", BODY_LINE)
    assert f"{SPILLED} notes are called on one page" in told.message


@pytest.mark.slow
def test_e657_names_the_same_page_in_parts_as_in_one_process(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """Laid out in parts, E657 named the page counted from its part's first ("page 5", of
    chapter 1's part, where one process names the PDF's page 11): the build now places the
    part as the merge does, after the front matter it lays out, and names the PDF's page,
    as one process does."""
    book = _book(make_book, SPILLED, "Note.")
    told = []
    for jobs in (1, 2):
        with pytest.raises(BuildError) as failed:
            quietly(partial(api.build_pdf, book, tmp_path / f"{jobs}.pdf", jobs=jobs))
        told += [d for d in failed.value.diagnostics if d.code == "E657"]
    one, parts = told
    assert (parts.message, parts.file, parts.line) == (one.message, one.file, one.line)
    assert "the PDF's page 11 " in one.message


@pytest.mark.slow
def test_e657_in_the_front_matter_is_told_in_parts_as_in_one_process(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A preface that calls 120 notes in one line: its part (and its sketch, on a cold
    build) laid out apart sets some of them on no page (they cannot run on into a chapter),
    and gave 120 E604s without a file after six layouts, 6 to 9 minutes (review51b). A
    part that drops notes now makes the book one process's at once, which tells E657 at
    the call's line and the PDF's page."""
    calls = "".join(f"[^n{i}]" for i in range(SPILLED))
    notes = "".join(f"[^n{i}]: Note. {i}.\n\n" for i in range(SPILLED))
    preface = section_source(1, "Preface", total=3, body=f"Text.{calls}\n\n{notes}")
    preface = preface.replace("chapter: 1\n", "chapter: 0\nkind: preface\n", 1)
    book = make_book(
        {
            "000-p.md": preface,
            "001-a.md": section_source(2, "Trade", chapter=1, total=3, body="Text.\n"),
            "002-b.md": section_source(3, "Finance", chapter=2, total=3, body="Text.\n"),
        }
    )
    told = []
    for jobs in (1, 2):
        with pytest.raises(BuildError) as failed:
            quietly(partial(api.build_pdf, book, tmp_path / f"{jobs}.pdf", jobs=jobs))
        assert not [d for d in failed.value.diagnostics if d.code == "E604"]
        told += [d for d in failed.value.diagnostics if d.code == "E657"]
    one, parts = told
    assert (parts.message, parts.file, parts.line) == (one.message, one.file, one.line)
    assert one.file == book / "000-p.md"


def test_e657_names_the_notes_set_over_the_text_not_an_earlier_group(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """review50b: 60 long notes called at the body's first line run on harmlessly; 120
    short ones called pages later are set over a page's text. E657 named the first group
    (its line, "60 notes"), not the one set over the text."""
    calls = "".join(f"[^n{i}]" for i in range(CALLED))
    notes = "".join(f"[^n{i}]: {NOTE} {i}.\n\n" for i in range(CALLED))
    many = "".join(f"[^m{i}]" for i in range(SPILLED))
    short = "".join(f"[^m{i}]: Note. {i}\n\n" for i in range(SPILLED))
    words = "Words of plain running text to fill the page. " * 12 + "\n\n"
    body = f"Text.{calls}\n\n{notes}" + words * 8 + f"Later.{many}\n\n{short}"
    first = section_source(1, total=2, body=body)
    second = section_source(2, "Finance", chapter=2, total=2, body="Other text.\n")
    book = make_book({"001-a.md": first, "002-b.md": second})
    with pytest.raises(BuildError) as failed:
        quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    (told,) = [d for d in failed.value.diagnostics if d.code == "E657"]
    later = BODY_LINE + body[: body.index("Later.")].count("\n")
    assert (told.file, told.line) == (book / "001-a.md", later)
    assert f"{SPILLED} notes are called on one page" in told.message


PARTS_TOML = """title = "Two Lands: Country Studies"
country = "Testland and Otherland"
language = "en"
identifier = "urn:uuid:12345678-1234-5678-9abc-123456789abc"
paper = "letter"
parts = ["Testland", "Otherland"]

[chapters.Testland]
1 = "The Economy"
2 = "Trade Policy"

[chapters.Otherland]
1 = "Government"
"""


def _part_section(sequence: int, title: str, country: str, chapter: int, body: str) -> str:
    return (
        f"---\ntitle: {title}\ncountry: {country}\nchapter: {chapter}\nparents: []\n"
        f'sequence: {sequence}\ntotal: 3\ndata_as_of: "1995-06"\n---\n\n{body}'
    )


def _on_a_left_page(make_book: MakeBook) -> Path:
    """The notes are called on a left-hand page: the whole book sets the four it carries at
    the foot of chapter 2's opening page (the next, a right one)."""
    calls = "".join(f"[^n{i}]" for i in range(CALLED))
    notes = "".join(f"[^n{i}]: {NOTE} {i}.\n\n" for i in range(CALLED))
    words = "Words of plain running text to fill the page. " * 12 + "\n\n"
    first = section_source(1, total=2, body=words * 16 + f"Text.{calls}\n\n{notes}")
    second = section_source(2, "Finance", chapter=2, total=2, body="Other text.\n")
    return make_book({"001-a.md": first, "002-b.md": second})


def _before_a_part(make_book: MakeBook) -> Path:
    """The last chapter of a country's part ends with the notes; the next part's title page
    follows."""
    calls = "".join(f"[^n{i}]" for i in range(CALLED))
    notes = "".join(f"[^n{i}]: {NOTE} {i}.\n\n" for i in range(CALLED))
    files: dict[str, str | bytes] = {
        "001-a.md": _part_section(1, "Trade", "Testland", 1, "Some text.\n"),
        "002-b.md": _part_section(2, "Tariffs", "Testland", 2, f"Text.{calls}\n\n{notes}"),
        "003-c.md": _part_section(3, "Parliament", "Otherland", 1, "Third text.\n"),
    }
    return make_book(files, PARTS_TOML)


@pytest.mark.slow
@pytest.mark.parametrize("made", [_on_a_left_page, _before_a_part], ids=["left", "parts"])
def test_run_on_notes_print_the_same_pages_in_parts_as_in_one_process(
    make_book: MakeBook, tmp_path: Path, made: Any
) -> None:
    """review50b: notes called on a left-hand page got a right-hand page of their own in
    parts (the next chapter two pages later, every folio after it off by two: the part is
    now Unmergeable, laid out whole); and in a book of parts the page they run onto was
    named as the next part's title page (the book's head, not "Part I · Testland")."""
    book = made(make_book)
    texts = []
    for jobs in (1, 2):
        built = partial(api.build_pdf, book, tmp_path / f"{jobs}.pdf", jobs=jobs)
        (pdf, _), logged = quietly(built)
        assert logged == []
        with pdfplumber.open(pdf) as document:
            texts.append([_lines(p) for p in document.pages])
    assert texts[0] == texts[1]
    if made is _before_a_part:
        run_on = next(p for p in texts[0] if p[1:2] == [f"{CALLED - 2}. {NOTE} {CALLED - 4}."])
        assert run_on[0] == "Part I · Testland"
