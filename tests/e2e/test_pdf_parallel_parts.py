"""A book of parts of countries laid out in parts: each part's title page a part of its
own, its chapters laid out in its `.part-matter` (their bookmarks one level down, put
under the part's by the merge), the stamp giving them the part's name in their left-hand
heads (octavo.render.pdf.parallel.jobs.in_parts, .stamp). The same pages as the
one-process build: tests/data/volume (two countries, front- and back-matter divisions, an
index) and a generated study with parts (tables, figures, notes, links, a broadside table
in a country's chapter; a Preface and a Glossary)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from octavo.check.pdf import check_book_pdf
from octavo.model import APPENDIX
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.jobs import in_parts, nested
from octavo.render.pdf.parallel.stamp import stamp_html
from tests.conftest import DATA
from tests.support.pdf_text import page_texts
from tests.support.studies import Builds, add_divisions, add_parts, built_both_ways, edited

BOOKS = ["volume", "study"]


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return built_both_ways(tmp_path_factory.mktemp("volume"), book=DATA / "volume")


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return built_both_ways(tmp_path_factory.mktemp("parts"), add_divisions, add_parts)


@pytest.fixture(params=BOOKS)
def builds(request: pytest.FixtureRequest) -> Builds:
    found: Builds = request.getfixturevalue(request.param)
    return found


def _outline(path: Path) -> list[tuple[int, str, int | None]]:
    """(depth, title, 0-based page) of every bookmark, in order."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    found: list[tuple[int, str, int | None]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item)
                found.append((depth, str(item.title), page))

    walk(reader.outline, 0)
    return found


def test_the_books_have_parts(volume: Builds, study: Builds) -> None:
    for builds in (volume, study):
        ms = builds.manuscript
        assert [p.heading_text for p in ms.parts] == ["Part I · Belarus", "Part II · Moldova"]
        assert all(ms.part_of(c) for c in ms.chapters if c.matter == "body")
        assert {c.matter for c in ms.chapters} == {"front", "body", "back"}
    assert volume.manuscript.index and study.manuscript.tables


def test_laid_out_in_parts(builds: Builds) -> None:
    assert builds.cold.parallel and builds.cold.reused == ()
    parts = {p.id for p in builds.manuscript.parts}
    assert parts | {"front", APPENDIX, "stamp"} <= set(builds.cold.laid_out)


def test_no_weasyprint_warning(builds: Builds) -> None:
    assert builds.warnings == ()


def test_same_pages_as_one_process(builds: Builds) -> None:
    """The text of every page: running heads and folios, the contents' numbers, the
    currency table's pages, the index's; the part title pages where they were."""
    one, parallel = page_texts(builds.one), page_texts(builds.cold_pdf)
    assert len(parallel) == len(one) == builds.cold.pages + 1  # pdftotext ends with \f
    assert [i for i, (a, b) in enumerate(zip(one, parallel, strict=True)) if a != b] == []
    # what the comparison covers: each part's title page on a right-hand page (an even
    # 0-based index), no head and no folio on it, its back blank
    titles = [i for i, p in enumerate(parallel) if re.fullmatch(r"Part I+ (Belarus|Moldova)", p)]
    assert len(titles) == 2 and all(i % 2 == 0 for i in titles)
    assert [parallel[i + 1] for i in titles] == ["", ""]
    # a country's left-hand pages are headed with its part's name (their folios and the
    # heads' places: check_book_pdf, `test_reads_back_clean`)
    bounds = [*titles, len(parallel)]
    for n, name in enumerate(("Part I · Belarus", "Part II · Moldova")):
        assert any(p.startswith(name) for p in parallel[bounds[n] + 2 : bounds[n + 1]])
    contents = " ".join(p for p in parallel if p.startswith("Contents"))
    assert re.search(r"Part I · Belarus [A-Z][a-z]", contents)  # a part's line: no number


def test_same_boxes_and_broadside_pages_as_one_process(builds: Builds) -> None:
    """Every page's boxes and /Rotate: the study's broadside table, in a chapter of a part
    of a country (a `country-landscape` page), turned in its part as one process turns it."""
    from pypdf import PdfReader

    def boxes(path: Path) -> list[tuple[object, ...]]:
        return [
            (tuple(p.mediabox), tuple(p.trimbox), p.get("/Rotate")) for p in PdfReader(path).pages
        ]

    one = boxes(builds.one)
    assert boxes(builds.cold_pdf) == one
    turned = [i for i, b in enumerate(one) if b[2] == 90]
    broadside = any(t.id == "tbl:t24" for t in builds.manuscript.tables)  # octavo.dev.gen
    assert len(turned) == (1 if broadside else 0)


def test_outline_as_one_process(builds: Builds) -> None:
    """The parts at the top of the outline, their chapters under them, the back matter
    at the top again: bookmarks, levels and pages as WeasyPrint makes them in one process."""
    one, parallel = _outline(builds.one), _outline(builds.cold_pdf)
    assert parallel == one
    parts = [(d, t) for d, t, _ in parallel if t.startswith("Part ")]
    assert parts == [(0, "Part I · Belarus"), (0, "Part II · Moldova")]
    after = parallel[[t for _, t, _ in parallel].index("Part I · Belarus") + 1]
    assert after[0] == 1


def test_reads_back_clean(builds: Builds) -> None:
    """check_book_pdf: heads (the part's name on a country's left-hand pages), folios,
    the contents' numbers, the index's."""
    assert [str(d) for d in check_book_pdf(builds.cold_pdf, builds.manuscript)] == []


@pytest.mark.parametrize("longer", [False, True], ids=["same-pages", "pages-moved"])
def test_editing_one_section_lays_out_its_chapter_alone(
    volume: Builds, tmp_path: Path, longer: bool
) -> None:
    """A section of Moldova's first chapter edited: that chapter laid out again, and the
    front matter, appendix and stamp only when a page number moved (the chapter grew a
    page); the same bytes as a cold build of the edited book."""
    ms = volume.manuscript
    chapter = next(c for c in ms.chapters if c.part == 2 and c.kind == "section")
    addition = " One more sentence, about the railway.\n"
    if longer:
        addition += ("\n\n" + "The railway carries the transit trade to the Black Sea. " * 30) * 4
    done = edited(volume, tmp_path, chapter.sections[1].section.path.name, addition)
    result, manuscript = done.result, done.manuscript
    divisions = {c.id for c in manuscript.chapters} | {p.id for p in manuscript.parts}
    assert result.parallel
    assert [name for name in result.laid_out if name in divisions] == [chapter.id]
    tail = set(result.laid_out) - divisions
    assert tail <= {"front", APPENDIX, "stamp"} and (tail != set()) == longer
    assert (result.pages > volume.cold.pages) == longer
    assert [str(d) for d in check_book_pdf(done.pdf, manuscript)] == [] and done.warnings == []
    assert done.cold == result.pdf


def _wide_table_in_the_glossary(book: Path) -> None:
    """The 14-column table of tests/data/landscape (landscape pages) in the middle of the
    Glossary: back matter, in no part of a country."""
    lines = (DATA / "landscape" / "001-accounts.md").read_text(encoding="utf-8").splitlines()
    rows = "\n".join(line for line in lines if line.startswith("|"))
    caption = next(line for line in lines if line.startswith("Table:"))
    glossary = next(book.glob("*-glossary.md"))
    paragraphs = glossary.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    half = len(paragraphs) // 2 + 1
    text = "\n\n".join([*paragraphs[:half], rows, caption, *paragraphs[half:]])
    glossary.write_text(text + "\n", encoding="utf-8")


def test_parts_and_a_landscape_table_outside_them(tmp_path: Path) -> None:
    """Both kinds of page together: the volume with a landscape table in its Glossary is
    laid out in parts, with the same pages (broadside ones where one process turns them) as
    the one-process build. (One in a country's chapter: the study's, above.)"""
    from pypdf import PdfReader

    builds = built_both_ways(tmp_path, _wide_table_in_the_glossary, book=DATA / "volume")
    assert builds.cold.parallel and builds.warnings == ()
    one, parallel = page_texts(builds.one), page_texts(builds.cold_pdf)
    assert len(parallel) == len(one)
    assert [i for i, (a, b) in enumerate(zip(one, parallel, strict=True)) if a != b] == []

    def turned(path: Path) -> list[int]:
        """The broadside pages: the book's size, /Rotate 90 (octavo.render.pdf.broadside)."""
        pages = PdfReader(path).pages
        assert len({tuple(p.mediabox) for p in pages}) == 1
        return [i for i, p in enumerate(pages) if p.get("/Rotate") == 90]

    assert turned(builds.one) == turned(builds.cold_pdf) != []
    assert [str(d) for d in check_book_pdf(builds.cold_pdf, builds.manuscript)] == []


def test_each_part_title_page_is_a_part_before_its_chapters(volume: Builds) -> None:
    ms = volume.manuscript
    order = [d.id for d in in_parts(ms)]
    assert order == [
        "part1",
        *(c.id for c in ms.chapters if c.part == 1),
        "part2",
        *(c.id for c in ms.chapters if c.part == 2),
        *(c.id for c in ms.chapters if c.matter == "back"),
    ]
    assert nested(ms) == {c.id: f"part{c.part}" for c in ms.chapters if c.part}


def test_the_stamp_sets_each_part_as_the_book_does(volume: Builds) -> None:
    """Each part's title page opens its `.part-matter` (the first one's page starts the
    folios), which holds its chapters and closes before the next part and the back
    matter."""
    ms = volume.manuscript
    pages = (*((d.id, 2, ()) for d in in_parts(ms)), (APPENDIX, 2, ()))
    html = stamp_html(ms, PdfOptions().page, pages)
    body = html[html.index("<main") :]
    assert body.count('class="part-title-page first-part"') == 1
    countries = re.findall(r'<div class="part-matter">(.*?)</section></div>', body, re.DOTALL)
    assert len(countries) == 2
    for number, inside in enumerate(countries, start=1):
        assert re.findall(r'data-label="([^"]+)"', inside) == [ms.parts[number - 1].heading_text]
        shown = re.findall(r'<span class="chapter-title-text">([^<]+)</span>', inside)
        assert shown == [c.title_html for c in ms.chapters if c.part == number]
    assert body.rindex(
        "</section></div>", 0, body.index('<div class="back-matter">')
    ) > body.rindex('<div class="part-matter">')
