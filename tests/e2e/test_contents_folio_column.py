"""The contents' folios' column holds its widest folio: a long front matter's "xxxviii" was
wider than the column's 2.5 em, and the titles' lines ran on under it (the column as
wide as the widest folio now: octavo.render.pdf.folio_column), read back with pdfplumber,
laid out whole and in parts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from octavo import api
from octavo.source.paper import page_setup
from tests.conftest import MakeBook
from tests.support.long_front import long_front_book
from tests.support.weasyprint_log import quietly

ROMAN = re.compile(r"^[ivxlc]+$")


def _lines(page: Any) -> list[list[dict[str, Any]]]:
    rows: dict[int, list[dict[str, Any]]] = {}
    for char in page.chars:
        rows.setdefault(round(char["bottom"]), []).append(char)
    return [sorted(rows[b], key=lambda c: c["x0"]) for b in sorted(rows)]


def _folio(line: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The folio that ends a contents line after its leader's dots ([] if none)."""
    text = "".join(c["text"] for c in line)
    words = text.split()
    if len(words) < 3 or words[-2] != "." or not (words[-1].isdigit() or ROMAN.match(words[-1])):
        return []
    return line[len(line) - len(words[-1]) :]


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "parts"])
def test_the_folios_column_holds_the_widest_folio(
    make_book: MakeBook, tmp_path: Path, jobs: int
) -> None:
    (pdf, _), logged = quietly(
        lambda: api.build_pdf(long_front_book(make_book), tmp_path / "t.pdf", jobs=jobs)
    )
    assert logged == []
    setup = page_setup("6x9")
    folios: list[tuple[float, float, str]] = []  # (x0, x1, folio) from the text block's edge
    size = 0.0  # the contents' type size
    titles: list[tuple[float, str]] = []  # a title's line without a folio: (x1, text)
    with pdfplumber.open(pdf) as opened:
        contents = [p for p in opened.pages[:8] if sum(bool(_folio(x)) for x in _lines(p)) > 5]
        assert contents, "no contents page"
        for page in contents:  # a recto's outer margin on the right, a verso's inner one
            edge = float(page.width) - (setup.outer if page.page_number % 2 else setup.inner)
            for line in _lines(page)[1:-1]:  # not the heading or running head, nor folio
                text = "".join(c["text"] for c in line)
                folio = _folio(line)
                if folio:
                    number = "".join(c["text"] for c in folio)
                    folios.append((folio[0]["x0"] - edge, folio[-1]["x1"] - edge, number))
                    size = float(folio[0]["size"])
                    dots = [c for c in line if c["text"] == "."]
                    assert max(c["x1"] for c in dots) < folio[0]["x0"], text  # not over them
                elif "." not in text:
                    titles.append((line[-1]["x1"] - edge, text))
    assert all(abs(x1) < 0.5 for _, x1, _ in folios), folios  # flush with the text block
    x0, x1, number = max(folios, key=lambda f: f[1] - f[0])
    assert ROMAN.match(number), number  # the Preface's "xxxvii": with its space, wider than
    assert x1 - x0 + 0.25 * size > 2.5 * size, (number, x1 - x0)  # the column's 2.5 em
    # every title's line stops short of the column the widest folio needs, the space
    # before it included (a quarter em), where the leader's dots meet it
    need = x1 - x0 + 0.25 * size
    assert max(t[0] for t in titles) <= -need + 0.1, (need, sorted(titles)[-3:])
