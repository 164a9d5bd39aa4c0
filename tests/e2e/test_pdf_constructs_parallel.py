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


def test_parts_give_the_one_process_pages_with_every_construct(study: Path, tmp_path: Path) -> None:
    (one, _), logged = quietly(lambda: api.build_pdf(study, tmp_path / "one.pdf", jobs=1))
    (two, _), more = quietly(lambda: api.build_pdf(study, tmp_path / "two.pdf", jobs=2))
    assert logged == more == []
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
