"""The later chapters' documents rendered in a process of their own (octavo.render.epub.apart):
the same bytes and the same failures as the writer alone."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from octavo import limits
from octavo.api.opened import sources
from octavo.errors import BuildError
from octavo.model import Manuscript
from octavo.render import budget
from octavo.render.epub import apart
from octavo.render.epub.book import render_epub
from tests.conftest import ROOT, MakeBook, section_source

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="Linux with two cores",
)


def _manuscript(book: Path) -> Manuscript:
    made, _ = sources(book, False).manuscript()
    return made


@pytest.fixture
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any book's later chapters are worth a process here."""
    monkeypatch.setattr(apart, "WORTH", 1)


def _apart(manuscript: Manuscript) -> tuple[bytes, list[Any]]:
    """The EPUB made with the later chapters apart, and what each `take` gave."""
    later = apart.start(manuscript)
    assert later is not None and later.first > 0
    given: list[Any] = []
    real = later.take

    def take(chapter: str) -> Any:
        given.append(real(chapter))
        return given[-1]

    later.take = take  # type: ignore[method-assign]
    try:
        return render_epub(manuscript, apart=later), given
    finally:
        later.close()


@pytest.mark.usefixtures("any_size")
@pytest.mark.parametrize("name", ["volume", "constructs"])
def test_the_later_chapters_made_apart_are_the_same_bytes(name: str) -> None:
    """A volume of two countries (its parts' title pages go with their first chapters)
    and a book of every construct: the same EPUB, its later chapters taken from the
    other process."""
    manuscript = _manuscript(ROOT / "tests" / "data" / name)
    made, given = _apart(manuscript)
    assert given and all(documents for documents in given)
    assert made == render_epub(manuscript)


@pytest.mark.usefixtures("any_size")
def test_a_process_that_fails_leaves_its_chapters_to_the_writer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    manuscript = _manuscript(ROOT / "tests" / "data" / "volume")
    monkeypatch.setattr(apart, "_render", lambda *args: 1)  # sends nothing
    made, given = _apart(manuscript)
    assert given and not any(given)
    assert made == render_epub(manuscript)


def test_a_book_too_small_forks_nothing() -> None:
    assert apart.start(_manuscript(ROOT / "tests" / "data" / "volume")) is None


@pytest.mark.usefixtures("any_size")
def test_an_output_s_budget_overspent_by_the_two_stops_where_one_process_stops(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twenty chapters, each spending a fifth of a render's budget: the writer alone stops
    at a later chapter, the one that overspends the output's four (E702 "one output").
    Apart, each half fits what it was given; together they overspend it, so the writer
    renders the later chapters again and stops at that very chapter, with the same
    words."""
    monkeypatch.setattr(budget, "TEMPLATE_STEPS", limits.TEMPLATE_STEPS // 100)
    monkeypatch.setattr(budget, "TEMPLATE_WORK", limits.TEMPLATE_WORK // 100)
    book = make_book({f"{n:03}-a.md": section_source(n, chapter=n, total=20) for n in range(1, 21)})
    turns = limits.TEMPLATE_STEPS // 100 // 5 // 2  # two operations a turn
    shipped = (ROOT / "templates" / "epub" / "chapter.xhtml").read_text()
    path = book / "templates" / "epub" / "chapter.xhtml"
    path.parent.mkdir(parents=True)
    burn = f"{{% for i in range({turns}) %}}{{{{ '' }}}}{{% endfor %}}"
    path.write_text(shipped.replace("{%- block body -%}", "{%- block body -%}" + burn, 1))
    manuscript = _manuscript(book)
    with pytest.raises(BuildError) as alone:
        render_epub(manuscript)
    received: list[Any] = []
    real = apart._received
    monkeypatch.setattr(apart, "_received", lambda inbox: received.append(real(inbox)))
    with pytest.raises(BuildError) as together:
        _apart(manuscript)
    assert together.value.diagnostics == alone.value.diagnostics
    [(_, steps, _)] = received  # the other half fitted, alone: its renders came whole
    assert steps > 0
    [found] = alone.value.diagnostics
    assert found.code == "E702" and "one output" in found.message
