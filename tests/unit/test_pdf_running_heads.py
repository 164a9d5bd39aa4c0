"""Running heads cut to one line (octavo.render.pdf.running_heads)."""

from __future__ import annotations

import re

from octavo import api
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.render.pdf.parallel import jobs
from octavo.render.pdf.parallel.part import PageMap, PartLayout
from octavo.render.pdf.running_heads import running_head
from octavo.render.pdf.sheets import text_measure
from tests.conftest import BOOK_TOML, MakeBook, section_source

LONG = (
    "La economía, las relaciones exteriores y la política de seguridad nacional de la "
    "República de Belarús después de la independencia"
)


def test_a_head_that_fits_is_left_whole() -> None:
    assert running_head("La economía", 333.0) == ""
    assert running_head(LONG, None) == ""  # no measure: nothing cut


def test_a_long_head_is_cut_after_a_whole_word_with_an_ellipsis() -> None:
    head = running_head(LONG, 333.0)  # a 6x9 in page's text block
    assert head.endswith("…") and LONG.startswith(head[:-1])
    assert LONG[len(head) - 1] == " "  # after a whole word
    assert running_head(head, 333.0) == ""  # and it fits
    assert len(head) > len(LONG) // 2


def test_the_cut_drops_the_punctuation_before_it() -> None:
    head = running_head("Economía, " * 20 + "fin", 60.0)
    assert head == "Economía, Economía…" or head == "Economía…"
    assert ",…" not in head


def test_a_cut_head_is_written_by_one_macro_at_every_site(make_book: MakeBook) -> None:
    """The `data-head` a cut running head is read from was written out at five sites of
    three templates (the half-title, a division's title, the stamp's book title twice and
    its division's title): one macro now (templates/print/macros.html, `data_head`), which
    writes it where the title is cut, and nothing where it fits: each site's head, rendered,
    is the title cut by `running_head`."""
    toml = BOOK_TOML.replace('"Testland: A Country Study"', f'"{LONG}"').replace(
        '1 = "The Economy"', f'1 = "{LONG}"'
    )
    book = make_book({"001-a.md": section_source(1, "Land", total=1)}, toml)
    manuscript, _ = api.manuscript(book)
    html = render_print_html(manuscript, PdfOptions())
    heads = re.findall(r' data-head="([^"]*)"', html)  # the half-title's, the chapter's
    assert len(heads) == 2 and heads[0] == heads[1] == running_head(
        LONG, text_measure(PdfOptions().page)
    )
    (ident,) = (c.id for c in manuscript.chapters)
    page = PageMap(False, ident, (), (), (), (), (612.0, 792.0))
    stamp = jobs.stamp_job(manuscript, PdfOptions(), (PartLayout(ident, "", b"", (page,), (), ()),))
    assert re.findall(r' data-head="([^"]*)"', stamp.html) == heads  # the book's, the chapter's
    short = make_book({"001-a.md": section_source(1, "Land", total=1)})
    assert "data-head" not in render_print_html(api.manuscript(short)[0], PdfOptions())
