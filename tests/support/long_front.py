"""A book whose contents' folios outgrow the folios' column: a long front matter (the
Preface opens on a page numbered in the thirties) and titles of many lengths (used by the
tests of octavo.render.pdf.folio_column and octavo.render.pdf.front_again)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import BOOK_TOML, MakeBook, section_source

__all__ = ["long_front_book"]

THANKS = "Words of thanks, long enough to fill the front matter's pages. " * 1470 + "\n"


def long_front_book(make_book: MakeBook) -> Path:
    """Acknowledgments of some thirty pages, so that the Preface opens on a page numbered
    in the thirties, and titles of many lengths, so that some title's line runs up to the
    column."""
    after = "of the Republic after its Independence from the Union of Soviet Socialist Republics"
    titles = [f"Trade and Industry {'i' * k} {after}" for k in range(1, 31)]
    total = 2 + len(titles)
    files: dict[str, str | bytes] = {
        "001-thanks.md": section_source(
            1,
            "Acknowledgments",
            chapter=0,
            total=total,
            extra="kind: acknowledgments\n",
            body=THANKS,
        ),
        "002-preface.md": section_source(
            2, "Preface", chapter=0, total=total, extra="kind: preface\n"
        ),
    }
    for n, title in enumerate(titles, start=3):
        files[f"{n:03d}.md"] = section_source(n, title, total=total)
    return make_book(files, BOOK_TOML + 'paper = "6x9"\n')
