"""A generated study with tables, figures, notes and references across chapters, laid out in
parts (`jobs=2`): the same pages as one process, every check of the read-back clean, and a
link between chapters added by the merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.dev.gen import generate_study
from tests.support.weasyprint_log import quietly


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_study(tmp_path_factory.mktemp("study") / "book", 24, words=80, constructs=True)


@pytest.fixture(scope="module")
def builds(study: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The study laid out in one process, and in parts."""
    folder = tmp_path_factory.mktemp("pdfs")
    (one, _), logged = quietly(lambda: api.build_pdf(study, folder / "one.pdf", jobs=1))
    (two, _), more = quietly(lambda: api.build_pdf(study, folder / "two.pdf", jobs=2))
    assert logged == more == []
    return one, two


def test_parts_give_the_one_process_pages_with_every_construct(
    study: Path, builds: tuple[Path, Path]
) -> None:
    one, two = builds
    manuscript, found = api.manuscript(study)
    assert found == ()
    assert manuscript.tables and manuscript.figures and any(s.notes for s in manuscript.sections)
    for pdf in (one, two):
        assert [str(d) for d in check_book_pdf(pdf, manuscript)] == []
    first, second = read_pdf(one), read_pdf(two)
    assert [p.texts() for p in first.pages] == [p.texts() for p in second.pages]
    turned = [p.turned for p in first.pages]
    assert turned.count(True) == 1 and turned == [p.turned for p in second.pages]  # Table 4
    body = range(first.dests[manuscript.chapters[0].id], first.dests["data-currency"])
    crossing = {  # a section's link to a section of another chapter
        (link.page, link.dest)
        for link in first.links
        if link.page in body and abs(first.dests.get(link.dest, link.page) - link.page) > 2
    }
    assert crossing and crossing <= {(link.page, link.dest) for link in second.links}


def test_the_lists_open_on_the_next_page_with_no_head(
    study: Path, builds: tuple[Path, Path]
) -> None:
    """The lists of tables and figures open on the page after the one before them, a
    left-hand page too (the Chicago Manual, 1.4: "recto or verso"), without a running head
    (an opening page has none); the body still opens on a right-hand page. Each opened a
    right-hand page: three blank pages in the front matter where one is due."""
    manuscript, _ = api.manuscript(study)
    for pdf in builds:
        facts = read_pdf(pdf)
        contents, tables, figures = (
            facts.dests[i] for i in ("contents", "list-of-tables", "list-of-figures")
        )
        body = facts.dests[manuscript.chapters[0].id]
        assert (tables, figures) == (contents + 1, contents + 2)  # the contents: one page
        blank = [p.index for p in facts.pages[contents:body] if not p.lines]
        assert blank in ([], [body - 1]) and body % 2 == 0  # 0-based: a right-hand page
        assert [facts.pages[i].head for i in (contents, tables, figures)] == ["", "", ""]
