"""Every contents entry's leader runs from its title's last line to its folio, read back with
pdfplumber: on narrow paper, a title whose last line ended near the folios' column had its
leader and folio set on a line of their own (WeasyPrint fitted the leader to the line's
edge, not counting its negative margin; kept whole now, styles/print/book.css)."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from octavo import api
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.weasyprint_log import quietly

FOLIO = re.compile(r"^([0-9]+|[ivxlc]+)$")
DOTS = re.compile(r"^\.+$")
AFTER = "of the Republic after its Independence"


def _book(make_book: MakeBook) -> Path:
    """Titles a letter longer each (an "i" at a time), so that the last lines of some end
    in every place near the column, on A5 paper."""
    titles = [f"Trade and Industry {'i' * k} {AFTER}" for k in range(1, 41)]
    files: dict[str, str | bytes] = {
        f"{n:03d}.md": section_source(n, title, total=len(titles))
        for n, title in enumerate(titles, start=1)
    }
    return make_book(files, BOOK_TOML + 'paper = "a5"\n')


def _lines(page: Any) -> list[list[dict[str, Any]]]:
    """The words of each line of `page`, left to right."""
    rows: dict[int, list[dict[str, Any]]] = {}
    for word in page.extract_words():
        rows.setdefault(round(word["bottom"]), []).append(word)
    return [sorted(rows[b], key=lambda w: w["x0"]) for b in sorted(rows)]


def _entries(pdf: Path) -> list[tuple[int, list[dict[str, Any]]]]:
    """The contents' lines that end in a leader's dots and a folio: (page, words)."""
    found = []
    with pdfplumber.open(pdf) as opened:
        for number, page in enumerate(opened.pages[:12], start=1):
            for line in _lines(page):
                texts = [w["text"] for w in line]
                if len(texts) >= 2 and FOLIO.match(texts[-1]) and DOTS.match(texts[-2]):
                    found.append((number, line))
    return found


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "parts"])
def test_every_leader_runs_from_its_titles_last_line_to_its_folio(
    make_book: MakeBook, tmp_path: Path, jobs: int
) -> None:
    (pdf, _), logged = quietly(
        lambda: api.build_pdf(_book(make_book), tmp_path / "t.pdf", jobs=jobs)
    )
    assert logged == []
    entries = _entries(pdf)
    assert len(entries) >= 40, [" ".join(w["text"] for w in line) for _, line in entries]
    for page, line in entries:
        texts = [w["text"] for w in line]
        said = f"page {page}: {' '.join(texts)}"
        assert not DOTS.match(texts[0]), f"a leader on a line of its own, {said}"
        dots = [w for w in line if DOTS.match(w["text"])]
        title, folio = [w for w in line if w not in dots][-2], line[-1]
        pitch = max((b["x0"] - a["x0"] for a, b in pairwise(dots)), default=6)
        assert dots[0]["x0"] - title["x1"] < 2 * pitch, f"dots stop short of the title, {said}"
        assert folio["x0"] - dots[-1]["x1"] < 2 * pitch, f"dots stop short of the folio, {said}"
