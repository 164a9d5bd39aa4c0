"""octavo's print templates (templates/print/), rendered: a book that holds its own copy
of macros.html from an earlier octavo renders every print document as octavo's own do
(the pieces added since are in pieces.html, which octavo's templates import apart), and a
piece of markup written in several places (a part's heading, a division's heading octavo
makes, a section's data-date note, a title's running head) comes out alike in each.

tests/data/earlier/print/macros.html is templates/print/macros.html as octavo shipped it
at 7995b52 (session 42), before data_head, date_note, part_heading and made_heading: under
Jinja's StrictUndefined, octavo's book.html and stamp.html calling these as `m.…` failed
every print build of a book holding that copy."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from octavo import api
from octavo.model import APPENDIX, Manuscript
from octavo.render.pdf.cover import cover_geometry, cover_html
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.render.pdf.folio_styles import BODY, FRONT
from octavo.render.pdf.handouts import handout_html, handouts_of
from octavo.render.pdf.html import print_environment, render_print
from octavo.render.pdf.parallel.jobs import in_parts
from octavo.render.pdf.parallel.stamp import stamp_html
from octavo.render.pdf.sheets import stylesheets
from octavo.shipped import TEMPLATES
from tests.conftest import DATA

EARLIER = DATA / "earlier" / "print" / "macros.html"
# a title too long for a running head's line: its heads take a data-head (pieces.data_head)
LONG_TITLE = (
    "Belarus and Moldova: Country Studies of Two Republics Between Two Empires, Their Peoples,"
    " Their Economies, Their Governments and Their Neighbours"
)


def _documents(ms: Manuscript) -> dict[str, str]:
    """Every print document whose template imports macros.html, rendered for `ms`."""
    page = PdfOptions().page
    project = ms.book.project
    parts = (*((d.id, 2, ()) for d in in_parts(ms)), ("index", 1, ()), (APPENDIX, 2, ()))
    return {
        "book.html": render_print_html(ms, PdfOptions()),
        "stamp.html": stamp_html(ms, page, parts),
        "handout.html": handout_html(ms, handouts_of(ms, "section")[0], page),
        "cover.html": cover_html(ms, cover_geometry(page, 96, ms.book.config.ppi)),
        "broadside.html": render_print(
            ms,
            "print/broadside.html",
            stylesheets(project, page, "print/broadside.css"),
            folios=(("12", "right"), ("13", "left")),
        ),
        "folios.html": render_print(
            ms, "print/folios.html", stylesheets(project, page), front=FRONT, body=BODY
        ),
    }


def _volume(folder: Path, macros: Path | None = None) -> Manuscript:
    """The test volume (two parts, front and back matter, an index) with a long title,
    and `macros` as its own templates/print/macros.html, rendered."""
    book = shutil.copytree(DATA / "volume", folder / "volume")
    toml = book / "book.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('"Belarus and Moldova: Country Studies"', f'"{LONG_TITLE}"'))
    if macros is not None:
        (book / "templates" / "print").mkdir(parents=True)
        shutil.copy(macros, book / "templates" / "print" / "macros.html")
    ms, _ = api.manuscript(book)
    return ms


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The volume's print documents, with octavo's own templates."""
    return _documents(_volume(tmp_path_factory.mktemp("own")))


def test_a_book_with_an_earlier_macros_html_prints_as_with_octavo_s(
    own: dict[str, str], tmp_path: Path
) -> None:
    """Each print document of the book holding the earlier copy is the one octavo's own
    macros.html makes, byte for byte (the copy is the one used)."""
    ms = _volume(tmp_path, EARLIER)
    earlier = _documents(ms)
    used = print_environment(ms.book.project).get_template("print/macros.html").filename
    assert used is not None and Path(used) == ms.book.root / "templates/print/macros.html"
    assert list(earlier) == list(own)
    # the documents rendered are all those whose templates import macros.html
    importing = {
        t.name
        for t in (TEMPLATES / "print").glob("*.html")
        if '"print/macros.html"' in t.read_text()
    }
    assert importing == set(own)
    for name, html in own.items():
        assert earlier[name] == html, name
    book = own["book.html"]  # what the pieces write is in it
    assert book.count('class="part-heading"') == 2 and 'class="data-date note"' in book
    assert 'data-head="' in book and 'class="chapter-title-text">Index<' in book
    # an appendix's head, set from its heading's id whatever macros.html wrote it
    assert '#appendix .chapter-title-text { string-set: chapter "Appendix A: ' in book


def _headings(html: str, kind: str) -> list[str]:
    return re.findall(rf'<h1 class="{kind}"[^>]*>.*?</h1>', html, re.S)


def _unnamed(heading: str) -> str:
    """A heading without its link target (the stamp's have none)."""
    return re.sub(r' (?:id|data-label)="[^"]*"', "", heading, count=2)


def test_a_part_s_heading_is_alike_on_its_page_and_in_the_stamp(
    own: dict[str, str],
) -> None:
    book, stamp = _headings(own["book.html"], "part-heading"), own["stamp.html"]
    assert len(book) == 2 and [re.sub(r' id="[^"]*"', "", h, count=1) for h in book] == (
        _headings(stamp, "part-heading")
    )


def test_a_made_division_s_heading_is_alike_in_the_book_and_in_the_stamp(
    own: dict[str, str],
) -> None:
    """The Data Currency appendix's heading and the index's, in the book and in the stamp,
    and the stamp's of every division: one shape, the title (and its data-head) apart."""
    stamp = _headings(own["stamp.html"], "chapter-heading")
    made = [
        _unnamed(h)
        for h in _headings(own["book.html"], "chapter-heading")
        if ">Index<" in h or ">Data Currency<" in h
    ]
    assert len(made) == 2 and all(h in stamp for h in made)
    assert len(stamp) > 2 and {_untitled(h) for h in stamp} == {_untitled(made[0])}


def _untitled(heading: str) -> str:
    """A division's heading without its title's text and data-head."""
    return re.sub(r'( data-head="[^"]*")?>[^<]+</span></span></h1>$', ">", heading)


def test_a_data_date_note_is_alike_on_a_section_s_heading_and_a_division_s(
    own: dict[str, str],
) -> None:
    book = own["book.html"]
    notes = re.findall(r'<span class="data-date note"[^>]*>', book)
    shapes = {re.sub(r'(id|data-note)="[^"]*"', r'\1=""', n) for n in notes}
    assert len(notes) > 10 and shapes == {'<span class="data-date note" id="" data-note="">'}
    on_divisions = re.findall(r'<h1 class="chapter-heading"[^>]*>.*?</h1>', book, re.S)
    on_sections = re.findall(r"<h[2-6]\b[^>]*>.*?</h[2-6]>", book, re.S)
    for headings in (on_divisions, on_sections):
        assert any('class="data-date note"' in h for h in headings)


def test_a_title_s_running_head_is_alike_in_the_book_and_in_the_stamp(
    own: dict[str, str],
) -> None:
    heads = {
        name: re.findall(r'<p class="(?:stamp-)?book-title" data-head="([^"]+)"', own[name])
        for name in ("book.html", "stamp.html")
    }
    assert heads["book.html"] and heads["book.html"] == heads["stamp.html"]
    assert heads["book.html"][0] != LONG_TITLE  # cut short for the head's line
