"""Issue 16 items 5, 7, 9, 15 for the importer: a file it cannot prove it wrote is never
overwritten without --force (E402); impossible 'Section N of M' lines are refused (E405);
a page is checked (regular file, size) before it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.importers.batch import import_pages
from tests.conftest import SEED


def _snapshot(book: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in book.iterdir() if p.is_file()}


@pytest.fixture
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "book"
    import_pages([SEED], folder)
    return folder


def _changed(tmp_path: Path, seed_text: str) -> Path:
    page = tmp_path / "changed.txt"
    page.write_text(seed_text.replace("neutral country", "neutral state"))
    return page


def test_a_half_edited_section_is_not_overwritten(
    book: Path, tmp_path: Path, seed_text: str
) -> None:
    section = book / "058-russia.md"
    section.write_text(section.read_text().replace("title: Russia", "title: [Russia") + "MINE\n")
    before = _snapshot(book)
    result = import_pages([_changed(tmp_path, seed_text)], book)
    assert [d.code for d in result.diagnostics] == ["E402"] and not result.written
    assert _snapshot(book) == before
    forced = import_pages([_changed(tmp_path, seed_text)], book, force=True)
    assert forced.written == (section,)


def test_a_file_now_holding_another_section_is_not_overwritten(
    book: Path, tmp_path: Path, seed_text: str
) -> None:
    section = book / "058-russia.md"
    section.write_text(section.read_text().replace("sequence: 58", "sequence: 12"))
    before = _snapshot(book)
    result = import_pages([_changed(tmp_path, seed_text)], book)
    assert [d.code for d in result.diagnostics] == ["E402"] and not result.written
    assert _snapshot(book) == before


def test_the_same_page_again_still_changes_nothing(book: Path) -> None:
    before = _snapshot(book)
    again = import_pages([SEED], book)
    assert again.diagnostics == () and len(again.unchanged) == 1
    assert _snapshot(book) == before


@pytest.mark.parametrize(
    "line",
    ["Section 0 of 0", "Section 8 of 99999999999", "Section 9 of 8", "Section 100001 of 100001"],
    ids=["zero", "huge-total", "above-total", "over-limit"],
)
def test_impossible_section_numbers_are_refused(tmp_path: Path, seed_text: str, line: str) -> None:
    page = tmp_path / "p.txt"
    page.write_text(seed_text.replace("Section 58 of 81", line))
    result = import_pages([page], tmp_path / "book")
    assert [d.code for d in result.diagnostics] == ["E405"] and not result.written


def test_dev_zero_is_refused_before_reading(tmp_path: Path) -> None:
    result = import_pages([Path("/dev/zero")], tmp_path / "book")
    assert [d.code for d in result.diagnostics] == ["E005"] and not result.written


def test_fifo_page_is_refused_without_hanging(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    result = import_pages([fifo], tmp_path / "book")
    assert [d.code for d in result.diagnostics] == ["E005"]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "the file is empty"),
        (b" \n\n\t\r\n", "holds no text, only blank space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "a PDF"),
        (b"PK\x03\x04\x14\x00", "a ZIP archive"),
        (b"\x1f\x8b\x08\x00", "gzip-compressed"),
        (b"Belarus\x00\x01\x02 Data as of June 1995", "binary data"),
    ],
    ids=["empty", "blank", "png", "pdf", "zip", "gzip", "nul"],
)
def test_a_file_that_is_no_page_says_what_it_is(tmp_path: Path, data: bytes, why: str) -> None:
    """Named for what it is, where every one read "no title line naming a country, no 'Data
    as of' line, no site's layout" and advised naming it in a manifest."""
    page = tmp_path / "page.html"
    page.write_bytes(data)
    result = import_pages([page], tmp_path / "book")
    (found,) = result.diagnostics
    assert found.code == "E401" and why in found.message and "manifest" not in found.hint
    assert not result.written


def test_oversized_page_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "big.txt"
    with page.open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)
    result = import_pages([page], tmp_path / "book")
    assert [d.code for d in result.diagnostics] == ["E003"]


@pytest.mark.parametrize("where", ["after", "bottom"])
def test_a_second_breadcrumb_is_not_body_text(tmp_path: Path, seed_text: str, where: str) -> None:
    crumb = "Country Study > Chapter 8 > Foreign Relations > Russia"
    if where == "after":
        text = seed_text.replace(crumb, f"{crumb}\n{crumb}", 1)
    else:
        text = seed_text.replace("Data as of June 1995", f"{crumb}\n\nData as of June 1995", 1)
    page = tmp_path / "p.txt"
    page.write_text(text)
    result = import_pages([page], tmp_path / "book")
    (written,) = result.written
    body = written.read_text().split("---", 2)[2]
    assert "Country Study >" not in body
    assert "Even though Belarus's new constitution" in body


def test_a_page_of_many_blockquotes_is_read_in_linear_time() -> None:
    """Whether a blockquote is the body's only block was asked by walking its siblings:
    20,000 empty paragraphs before 2,000 one-word blockquotes took 3 s (10,000 of them
    after 100,000, over a minute). Counted once for the page: well under a second of CPU
    (this process's CPU time, not the clock: the clock failed it on a loaded machine)."""
    import time

    import lxml.html

    from octavo.importers.html_quotes import find_quotations

    body = "<p></p>" * 50_000 + "<blockquote>q</blockquote>" * 5_000 + "<p>" + "word " * 50_000
    root = lxml.html.document_fromstring(f"<html><body>{body}</p></body></html>").find("body")
    started = time.process_time()
    assert len(find_quotations(root)) == 5_000
    assert time.process_time() - started < 2


_PAGE = """<html><head><title>Belarus - Russia</title></head><body>
<h2>Russia</h2><p>Belarus Table of Contents</p>
<p>Even though Belarus's new constitution declared that it is a neutral country.</p>
<img src="{src}">
<p>Data as of June 1995</p></body></html>"""


@pytest.mark.parametrize(
    "src", ["loop.png", "a%00.png", "a" * 5000 + ".png"], ids=["link-loop", "nul", "too-long"]
)
def test_an_image_no_file_can_be_is_not_copied(tmp_path: Path, src: str) -> None:
    """`<img src>` naming a link to itself beside the page (Path.resolve()'s RuntimeError),
    a NUL (ValueError) or a name longer than a file's may be (E703 for the whole import)
    stopped the import; each is an image not beside the page, as a missing one is."""
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "loop.png").symlink_to(tmp_path / "odd" / "loop.png")
    for name, image in (("odd", src), ("missing", "missing.png")):
        (tmp_path / name).mkdir(exist_ok=True)
        (tmp_path / name / "page.html").write_text(_PAGE.format(src=image), encoding="utf-8")
    odd = import_pages([tmp_path / "odd" / "page.html"], tmp_path / "odd-book")
    missing = import_pages([tmp_path / "missing" / "page.html"], tmp_path / "missing-book")
    assert len(odd.written) == 1
    assert [d.code for d in odd.diagnostics] == [d.code for d in missing.diagnostics]


def test_a_renamed_section_replaced_with_force_is_named(
    book: Path, tmp_path: Path, seed_text: str
) -> None:
    """--force replaces section 58 even where the user renamed and edited its file: the
    report names the file it removed (it said only the file it wrote)."""
    (book / "058-russia.md").rename(book / "russia.md")
    (book / "russia.md").write_text((book / "russia.md").read_text() + "MINE\n")
    forced = import_pages([_changed(tmp_path, seed_text)], book, force=True)
    assert forced.written == (book / "058-russia.md",)
    assert not (book / "russia.md").exists()
    (report,) = forced.reports
    assert report.replaced == book / "russia.md"
    assert f"-> {book / '058-russia.md'} (replaces {book / 'russia.md'}, removed)" in report.line()


def test_a_section_replaced_in_place_names_no_other_file(
    book: Path, tmp_path: Path, seed_text: str
) -> None:
    forced = import_pages([_changed(tmp_path, seed_text)], book, force=True)
    assert forced.reports[0].replaced is None and "replaces" not in forced.reports[0].line()
