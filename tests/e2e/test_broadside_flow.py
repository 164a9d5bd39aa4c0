"""A broadside table is set after the text that still fits on the page before it
(octavo.render.pdf.broadside_flow): tests/data/landscape has an opening paragraph, the
table, then more text than that page holds. Read back from the PDF, in one process and in
parts: the page before the broadside pages is filled (its last line of text within a
paragraph's height of its notes), with the paragraphs after the table's call; the text
goes on after the broadside pages; what points to the table (the list of tables, a page
reference, its destination) names its page; a rebuild gives the same bytes; the EPUB keeps
the author's order."""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.render.pdf.broadside_flow import Move
from octavo.render.pdf.broadside_parts import part_html
from octavo.render.pdf.build import pdf_options
from octavo.render.pdf.print_parts import PrintPart
from octavo.render.pdf.whole import whole_book_features
from octavo.shipped import STYLES
from tests.conftest import DATA
from tests.support.pdf_text import foot_of, page_texts
from tests.support.weasyprint_log import quietly

AFTER_CALL = "The paragraphs after the table"  # the first paragraph after the call
GOES_ON = "The text goes on after the table"  # the last: more than the page holds before it
REFERENCE = "The table of accounts is on page"


@dataclass(frozen=True)
class Built:
    book: Path
    pdf: Path
    again: Path  # built again: from the cache
    warnings: tuple[str, ...]


def _book(folder: Path) -> Path:
    """tests/data/landscape with a page reference to the table at its end."""
    book = shutil.copytree(DATA / "landscape", folder / "book")
    source = book / "001-accounts.md"
    text = source.read_text(encoding="utf-8").rstrip("\n")
    source.write_text(f"{text}\n\n{REFERENCE} [](#tbl:accounts){{.page}}.\n", encoding="utf-8")
    return book


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's builds keep their caches in its own folder (the working folder's warm
    one would give remembered moves, not decided ones: session 28's lesson)."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module", params=[1, 2], ids=["one-process", "in-parts"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    jobs: int = request.param
    folder = tmp_path_factory.mktemp(f"flow{jobs}")
    book = _book(folder)

    def build() -> tuple[Path, Path, tuple[str, ...]]:
        pdf, found = api.build_pdf(book, folder / "a.pdf", jobs=jobs)
        again, more = api.build_pdf(book, folder / "b.pdf", jobs=jobs)
        return pdf, again, tuple(str(d) for d in (*found, *more))

    with pytest.MonkeyPatch.context() as patch:  # a cache of its own, never a warm one
        patch.chdir(folder)
        (pdf, again, found), logged = quietly(build)
    return Built(book, pdf, again, (*found, *logged))


def test_builds_clean(built: Built) -> None:
    manuscript, _ = api.manuscript(built.book)
    assert built.warnings == ()
    assert [str(d) for d in check_book_pdf(built.pdf, manuscript)] == []


def test_the_page_before_the_table_is_filled_with_the_text_after_its_call(built: Built) -> None:
    facts = read_pdf(built.pdf)
    start = facts.dests["tbl:accounts"]
    turned = [p.index for p in facts.pages if p.turned]
    assert turned == [start, start + 1]
    before, after = foot_of(built.pdf, start - 1), foot_of(built.pdf, start + 2)
    assert any(AFTER_CALL in text for text in before.lines)  # the text runs on before it
    # filled: less room left than the next paragraph's six lines (before: 25 lines empty)
    assert before.lines_left < 5, f"{before.lines_left:.1f} lines left before the table"
    assert any(GOES_ON in text for text in after.lines)  # and goes on after it
    assert not any(AFTER_CALL in text for text in after.lines)


def test_what_points_to_the_table_names_its_page(built: Built) -> None:
    """The list of tables and the page reference print the broadside page's folio."""
    facts = read_pdf(built.pdf)
    folio = facts.pages[facts.dests["tbl:accounts"]].folio
    texts = page_texts(built.pdf)
    listed = next(t for t in texts if t.startswith("Tables Table 1."))
    assert re.search(r"velors\)[ .]*(\d+)", listed)[1] == folio  # type: ignore[index]
    said = next(t for t in texts if REFERENCE in t)
    assert re.search(rf"{REFERENCE} (\d+)\.", said)[1] == folio  # type: ignore[index]


def test_a_rebuild_gives_the_same_bytes(built: Built) -> None:
    """The second build takes the moves (one process) or the parts (in parts) from the
    cache: the same bytes as the first."""
    assert built.again.read_bytes() == built.pdf.read_bytes()


def test_both_builds_give_the_same_pages(
    built: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("other")
    book = _book(folder)
    other = 1 if "flow2" in str(built.pdf) else 2
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, folder / "o.pdf", jobs=other))
    assert logged == [] and page_texts(pdf) == page_texts(built.pdf)


def test_the_epub_keeps_the_authors_order(built: Built, tmp_path: Path) -> None:
    epub, _ = api.build_epub(built.book, tmp_path / "b.epub")
    with zipfile.ZipFile(epub) as archive:
        chapter = archive.read("EPUB/text/ch01.xhtml").decode()
    assert chapter.index('id="tbl:accounts"') < chapter.index(AFTER_CALL)


def test_the_html_alone_lays_out_the_same_pages(tmp_path: Path) -> None:
    """`--html` writes the tree as laid out, the table moved: WeasyPrint alone gives the
    same pages (the broadside ones not turned: that is the writer's)."""
    from weasyprint import HTML

    book = _book(tmp_path)
    html = tmp_path / "book.html"
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "a.pdf", html=html))
    alone = tmp_path / "alone.pdf"
    _, more = quietly(lambda: HTML(filename=html).write_pdf(alone))
    assert logged == more == []
    text = html.read_text(encoding="utf-8")
    assert text.index(AFTER_CALL) < text.index('id="tbl:accounts"')
    turned = {p.index for p in read_pdf(pdf).pages if p.turned}
    ours, theirs = page_texts(pdf), page_texts(alone)
    assert len(ours) == len(theirs)
    differ = [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
    assert [i for i in differ if i not in turned] == []


@pytest.mark.parametrize("whole", [False, True], ids=["index-alone", "laid-out-whole"])
def test_the_index_cites_a_moved_paragraph_on_its_new_page(tmp_path: Path, whole: bool) -> None:
    """An index mark in a paragraph moved before the table is cited on the page it is
    printed on, the page before the table: the index laid out alone, and in a book whose own
    styles have it laid out whole (octavo.render.pdf.whole: the final HTML made again,
    the moves made in it again without a layout)."""
    book = _book(tmp_path)
    source = book / "001-accounts.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("print, as far", "print, as [far]{.index}", 1), "utf-8")
    if whole:
        css = (STYLES / "print" / "book.css").read_text(encoding="utf-8")
        own = book / "styles" / "print" / "book.css"
        own.parent.mkdir(parents=True)
        own.write_text(css + '\n@page :first { @top-center { content: "FIRST"; } }\n', "utf-8")
    manuscript, _ = api.manuscript(book)
    assert bool(whole_book_features(manuscript.book.project)) == whole
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "i.pdf", jobs=1))
    assert logged == []
    facts = read_pdf(pdf)
    before = facts.pages[facts.dests["tbl:accounts"] - 1]
    assert any(AFTER_CALL in t for t in before.texts())
    index = next(t for t in page_texts(pdf) if t.startswith("Index "))
    assert re.search(r"\bfar,? (\d+)", index)[1] == before.folio  # type: ignore[index]


def _two_chapters(folder: Path) -> Path:
    """tests/data/landscape and a second chapter of plain text (some eight pages)."""
    book = _book(folder)
    for path in book.glob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("total: 1\n", "total: 2\n"))
    text = (book / "001-accounts.md").read_text(encoding="utf-8")
    head = text[: text.index("---", 3) + 3]
    head = head.replace("title: National Accounts", "title: Prices").replace(
        "chapter: 1", "chapter: 2"
    )
    head = head.replace("sequence: 1", "sequence: 2").replace("landscape-001", "landscape-002")
    paragraph = "Prices rose by a little less than the money supply in most years. " * 12
    (book / "002-prices.md").write_text(head + "\n\n" + "\n\n".join([paragraph] * 30) + "\n")
    config = book / "book.toml"
    config.write_text(config.read_text(encoding="utf-8") + '2 = "Prices"\n', encoding="utf-8")
    return book


def test_the_one_process_decision_lays_out_the_table_s_chapter_alone(tmp_path: Path) -> None:
    """In one process the table's move is decided, as in parts, in a layout of its chapter
    alone (octavo.render.pdf.broadside_parts): of a book of two chapters, the layout made
    without the broadside table holds the first and not the second nor the front matter
    (the whole-book decision layout it replaced cost the 800-section study 1.62 x
    WeasyPrint alone), and there is one; the book's pages are those of the parts."""
    from weasyprint import HTML

    book = _two_chapters(tmp_path)
    render = HTML.render
    seen: list[tuple[tuple[str, ...], int, int]] = []  # chapters, broadside tables, pages

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        document = render(self, *args, **kwargs)
        root = self.etree_element
        chapters = tuple(
            e.get("id") or ""
            for e in root.iter()
            if str(e.tag).endswith("section") and "chapter" in (e.get("class") or "").split()
        )
        tables = sum(1 for e in root.iter() if "landscape" in (e.get("class") or "").split())
        seen.append((chapters, tables, len(document.pages)))
        return document

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(HTML, "render", counted)
        (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "a.pdf", jobs=1))
    assert logged == []
    whole = [pages for chapters, tables, pages in seen if len(chapters) == 2 and tables]
    decided = [(chapters, pages) for chapters, tables, pages in seen if not tables and chapters]
    assert len(decided) == 1, seen
    ((chapters, pages),) = decided
    manuscript, _ = api.manuscript(book)
    assert chapters == (f"{manuscript.chapters[0].id}-section",), seen
    assert pages < whole[0] / 2  # the chapter alone, not the book
    facts = read_pdf(pdf)
    before = facts.pages[facts.dests["tbl:accounts"] - 1]
    assert any(AFTER_CALL in t for t in before.texts())
    (parts, _), more = quietly(lambda: api.build_pdf(book, tmp_path / "p.pdf", jobs=2))
    assert more == [] and page_texts(parts) == page_texts(pdf)


def _with_preface(folder: Path) -> Path:
    """`_book` and a Preface (front matter) of tests/data/landscape's text: its own broadside
    table (`tbl:preface`), set after the paragraphs that fill the page before it."""
    book = _book(folder)
    for path in book.glob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("total: 1\n", "total: 2\n"))
    text = (DATA / "landscape" / "001-accounts.md").read_text(encoding="utf-8")
    text = text.replace("total: 1\n", "total: 2\n").replace("tbl:accounts", "tbl:preface")
    text = text.replace("title: National Accounts", "title: Preface").replace(
        "sequence: 1", "sequence: 2"
    )
    text = text.replace("chapter: 1\n", "chapter: 0\nkind: preface\n")
    (book / "002-preface.md").write_text(text, encoding="utf-8")
    return book


def test_a_broadside_table_in_the_front_matter_gives_the_same_pages_both_ways(
    tmp_path: Path,
) -> None:
    """A front-matter division's broadside table is moved as a chapter's is, and a book
    laid out in parts has the pages of one laid out in one process: the same text on each
    page (the broadside pages' roman folios too), the same pages turned."""
    book = _with_preface(tmp_path)
    (one, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "one.pdf", jobs=1))
    (parts, _), more = quietly(lambda: api.build_pdf(book, tmp_path / "parts.pdf", jobs=2))
    assert logged == more == []
    facts = read_pdf(one)
    start = facts.dests["tbl:preface"]
    assert [p.index for p in facts.pages if p.turned][:2] == [start, start + 1]
    assert any(AFTER_CALL in t for t in facts.pages[start - 1].texts())  # moved before it
    assert [facts.pages[i].folio for i in (start - 1, start, start + 1)] == ["vii", "viii", "ix"]
    theirs = read_pdf(parts)
    assert [p.turned for p in theirs.pages] == [p.turned for p in facts.pages]
    assert page_texts(parts) == page_texts(one)


def test_a_page_reference_in_the_front_matter_decides_without_a_warning(tmp_path: Path) -> None:
    """The front part laid out alone to decide its table's move gives its page references
    stand-in folios, as a chapter's part does: it holds none of their targets in the body
    (WeasyPrint warned "target points to undefined anchor" and printed no folio). The book
    prints the folio of the reference's target."""
    book = _with_preface(tmp_path)
    preface = book / "002-preface.md"
    text = preface.read_text(encoding="utf-8")
    cited = "the accounts are on page [](#tbl:accounts){.page}."
    preface.write_text(text.replace("row on each.", f"row on each; {cited}"), encoding="utf-8")
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "p.pdf", jobs=1))
    assert logged == []
    facts = read_pdf(pdf)
    before = facts.pages[facts.dests["tbl:preface"] - 1]
    assert any(AFTER_CALL in t for t in before.texts())
    folio = facts.pages[facts.dests["tbl:accounts"]].folio
    assert f"the accounts are on page {folio}." in " ".join(page_texts(pdf))


def _cited_before(folder: Path) -> Path:
    """tests/data/landscape's chapter made of an opening paragraph that ends with a page
    reference to the chapter's heading (folio 1), the table, and forty paragraphs of one
    line: as many of them as the opening page holds are set before the table, so a line
    more or less in the opening paragraph moves one more or one fewer. Its last line holds
    "page 1." but not "page 00." (found by trying sentences: a stand-in's width)."""
    book = shutil.copytree(DATA / "landscape", folder / "book")
    source = book / "001-accounts.md"
    text = source.read_text(encoding="utf-8")
    head = text[: text.index("---", 3) + 3]
    rows = "\n".join(line for line in text.splitlines() if line.startswith(("|", "Table:")))
    opening = (
        "The national accounts of Veloria are kept by fourteen branches of activity, too "
        "many columns for the text block even in the small type of a wide table: the table "
        "below is set on landscape pages of its own, its header row on each. The series "
        "were revised after the census of 1959. The accounts open on page "
        "[](#s001-national-accounts){.page}."
    )
    lines = "\n\n".join(f"Revision {n} of the series is noted here." for n in range(1, 41))
    source.write_text(f"{head}\n\n{opening}\n\n{rows}\n\n{lines}\n", encoding="utf-8")
    return book


def _decided(book: Path, folios: tuple[tuple[str, str], ...]) -> tuple[Move, ...]:
    """The move of the chapter's table decided in its part, its reference given `folios`."""
    from octavo.render.pdf.broadside_flow import settle_broadsides
    from octavo.render.pdf.document import load_html

    manuscript, _ = api.manuscript(book)
    page = pdf_options(manuscript.book.config).page
    part = PrintPart(False, (manuscript.chapters[0].id,), False, (), page_refs=folios)
    html = load_html(part_html(manuscript, page, part), manuscript.book.project)
    return settle_broadsides(html, html.render)


def test_a_page_reference_before_the_table_decides_with_the_folio_printed(
    tmp_path: Path,
) -> None:
    """A decision made with a page reference's stand-in folio ("00", a figure wider than
    the book's "1") sets one paragraph fewer before the table: the one-process build
    decides again with the folio the book prints, as the parallel build does (its part
    laid out again with its target's folio): the same pages both ways, the page before the
    table filled (octavo.render.pdf.broadside_parts)."""
    book = _cited_before(tmp_path)
    stand_in, printed = _decided(book, ()), _decided(book, (("s001-national-accounts", "1"),))
    assert stand_in != printed  # the case: the stand-in's width moves a line
    (one, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "one.pdf", jobs=1))
    (parts, _), more = quietly(lambda: api.build_pdf(book, tmp_path / "parts.pdf", jobs=2))
    assert logged == more == []
    start = read_pdf(one).dests["tbl:accounts"]
    assert "The accounts open on page 1." in page_texts(one)[start - 1]
    (move,) = printed
    assert f"Revision {move.after} of" in foot_of(one, start - 1).lines[-1]
    assert foot_of(one, start - 1).lines_left < 2  # no room for a line more
    assert page_texts(parts) == page_texts(one)
