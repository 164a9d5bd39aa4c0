"""A table a page breaks, as a book sets it: never its caption or head alone at a page's
foot, never a single row left at the foot or carried over to the next page (a table's
orphans and widows: two rows at least on each side of a break), and named again at the head
of each page it runs on to, "Table 3 (continued)" (octavo.render.pdf.continued)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from octavo import api
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.pdf_text import page_texts
from tests.support.weasyprint_log import quietly

CHAPTERS = 18  # a chapter opens a page: each table starts a line further down than the last


def _chapter(n: int) -> str:
    lines = "\n\n".join(f"Line {k}." for k in range(12 + n))
    rows = "\n".join(f"| T{n:02d}R{r:02d} | {r * 7} |" for r in range(40 + n))
    table = f"| Region | Count |\n|---|--:|\n{rows}\n\nTable: Population of set {n:02d}.\n"
    return section_source(
        n + 1, f"Set {n}", chapter=n + 1, total=CHAPTERS, body=f"{lines}\n\n{table}"
    )


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "parts"])
def test_a_split_table_keeps_its_caption_and_two_rows_each_side(
    make_book: MakeBook, tmp_path: Path, jobs: int
) -> None:
    chapters = ", ".join(f'{n + 1} = "Chapter {n + 1}"' for n in range(CHAPTERS))
    toml = BOOK_TOML.replace(BOOK_TOML.splitlines()[4], f"chapters = {{ {chapters} }}")
    book = make_book({f"{n + 1:03d}-s.md": _chapter(n) for n in range(CHAPTERS)}, toml)
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=jobs))
    assert logged == []
    pages = page_texts(pdf)
    wrong = []
    for n in range(CHAPTERS):
        rows = [re.findall(rf"T{n:02d}R(\d\d)", page) for page in pages]
        held = [len(r) for r in rows if r]
        # the last page that names it (the list of tables names it first)
        caption = max(i for i, p in enumerate(pages) if f"Population of set {n:02d}" in p)
        first = next(i for i, r in enumerate(rows) if r)
        if caption != first:
            wrong.append(f"table {n}: its caption on page {caption}, its rows from {first}")
        if min(held) < 2:
            wrong.append(f"table {n}: rows a page {held}")
        label = re.findall(rf"(Table [\d.]+)\. Population of set {n:02d}", pages[caption])
        spans = [i for i, r in enumerate(rows) if r]
        named = [i for i in spans if f"{label[0]} (continued)" in pages[i]]
        if named != spans[1:]:
            wrong.append(f"table {n}: on pages {spans}, named as continued on {named}")
    assert wrong == []


def _short_table_chapter(n: int) -> str:
    lines = "\n\n".join(f"Line {k}." for k in range(16 + 2 * n))
    rows = "\n".join(f"| S{n:02d}R{r:02d} | {r * 7} |" for r in range(12))
    table = f"| Region | Count |\n|---|--:|\n{rows}\n\nTable: Roads of set {n:02d}.\n"
    return section_source(
        n + 1, f"Short {n}", chapter=n + 1, total=SHORT, body=f"{lines}\n\n{table}\n\nAfter."
    )


SHORT = 12  # a chapter each: each table starts two lines further down than the last


def test_a_short_table_is_never_broken(make_book: MakeBook, tmp_path: Path) -> None:
    """Twelve rows go whole to the next page when the rest of this one cannot hold them (a
    reader's review found a 12-row table split four and eight across a page turn)."""
    chapters = ", ".join(f'{n + 1} = "Chapter {n + 1}"' for n in range(SHORT))
    toml = BOOK_TOML.replace(BOOK_TOML.splitlines()[4], f"chapters = {{ {chapters} }}")
    book = make_book({f"{n + 1:03d}-s.md": _short_table_chapter(n) for n in range(SHORT)}, toml)
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == []
    pages = page_texts(pdf)
    spans = {
        n: [i for i, page in enumerate(pages) if re.search(rf"S{n:02d}R\d\d", page)]
        for n in range(SHORT)
    }
    assert {n: len(found) for n, found in spans.items()} == dict.fromkeys(range(SHORT), 1)
    assert not [p for p in pages if "(continued)" in p]
