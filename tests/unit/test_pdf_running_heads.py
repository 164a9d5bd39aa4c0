"""Running heads cut to one line (octavo.render.pdf.running_heads)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from octavo import api
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.render.pdf.parallel import jobs
from octavo.render.pdf.parallel.page_maps import PageMap
from octavo.render.pdf.parallel.part import PartLayout
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


ARABIC = (
    "المقدمة والتاريخ الطويل جدا لمصر منذ العصور القديمة حتى يومنا هذا في القرن العشرين "
    "الميلادي الماضي"
)


def test_a_cut_title_of_the_other_direction_ends_in_its_ellipsis() -> None:
    """session 48: the ellipsis, a neutral, took the heads' line's direction: an Arabic
    title cut in an English book had it at the title's beginning (its right), an English
    one in an Arabic book at its left. A mark of the title's own direction after the
    ellipsis (of no width) keeps it at the title's end; none where the directions agree."""
    for text, own, mark in ((ARABIC, "rtl", "\u200f"), (LONG, "ltr", "\u200e")):
        other = "ltr" if own == "rtl" else "rtl"
        same, crossed = running_head(text, 200.0, own), running_head(text, 200.0, other)
        assert same.endswith("…") and text.startswith(same[:-1]), same
        assert crossed == same + mark


def test_a_title_the_shipped_face_lacks_is_measured_in_the_face_it_is_set_in() -> None:
    """session 48: an Arabic title was measured in the shipped italic, which has none of
    its letters (a box's width each, unshaped), so it was cut where it fits, or left whole
    where it does not; it is measured in the machine's face WeasyPrint sets it in
    (fontconfig's, octavo.render.faces), shaped by raqm where Pillow has it."""
    from PIL import ImageFont

    from octavo.render.faces import face_for, raqm
    from octavo.render.pdf import running_heads
    from octavo.shipped import STYLES

    face = face_for(STYLES / "fonts" / "LinLibertine_RI.otf", ARABIC, "italic")
    if not face.fallback or not raqm():
        pytest.skip("no face of the machine's holds Arabic, or Pillow has no raqm")
    raqm_layout = ImageFont.Layout.RAQM
    font = ImageFont.truetype(str(face.path), 900, index=face.index, layout_engine=raqm_layout)
    real = font.getlength(ARABIC, direction="rtl") / 100  # as set, 9 pt
    shipped = running_heads._face().getlength(ARABIC) / 100  # boxes
    if abs(real - shipped) < 2:
        pytest.skip("the two measures agree: nothing to tell apart")
    room = running_heads.ROOM
    if real < shipped:  # fits as set, not in boxes: whole
        assert running_head(ARABIC, real / room + 1) == ""
    else:  # fits in boxes, not as set: cut
        assert running_head(ARABIC, shipped / room + 1) != ""


MIXED = (
    "Relations with Egypt (مصر) and the Arab League in the Years of the Long Peace "
    "Process and After, 1979–1995"
)


def _machine_face_or_skip(text: str) -> None:
    from octavo.render.faces import face_for, raqm
    from octavo.shipped import STYLES

    if (
        not face_for(STYLES / "fonts" / "LinLibertine_RI.otf", text, "italic").fallback
        or not raqm()
    ):
        pytest.skip("no face of the machine's holds Arabic, or Pillow has no raqm")


def test_a_latin_title_with_one_arabic_word_is_measured_run_by_run() -> None:
    """session 48 review: one Arabic word in an English title had the whole title measured
    in the machine's face (DejaVu Sans, 492.6 pt for 383.2 in the shipped italic), so it
    was cut though it fits. The shipped italic measures what it holds; the machine's face
    only the Arabic word."""
    from octavo.render.pdf import running_heads

    _machine_face_or_skip(MIXED)
    shipped = running_heads._face().getlength(MIXED) / 100  # 383.2 pt
    assert running_head(MIXED, (shipped + 10) / running_heads.ROOM) == ""  # 387.3 as set


def test_a_title_the_shipped_face_holds_is_measured_as_before() -> None:
    from octavo.render.pdf import running_heads

    assert running_heads._fallback(LONG) is None  # no fontconfig
    assert running_heads._width(LONG, None) == running_heads._face().getlength(LONG) / 100


def test_the_machine_s_face_is_looked_up_once_a_title(monkeypatch: pytest.MonkeyPatch) -> None:
    """session 48 review: one `fc-match` a cut (each cut's characters another set, missed
    by the cache): 29 runs, 0.61 s of a 10-chapter Arabic book's 3.1 s build."""
    import subprocess

    from octavo.render import faces

    _machine_face_or_skip(ARABIC)
    runs = []
    real = subprocess.run

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(args)
        return real(*args, **kwargs)

    faces._fallback.cache_clear()
    monkeypatch.setattr(subprocess, "run", counted)  # the module octavo.render.faces runs
    assert running_head(ARABIC + " ؟", 120.0, "rtl").endswith("…")
    assert len(runs) == 1


def test_the_ellipsis_mark_is_of_the_direction_at_the_cut() -> None:
    """session 48 review: "Egypt: <Arabic words>" cut in its Arabic words in an English
    book had no mark (its first letter is Latin): the ellipsis stood at the Arabic run's
    right, its beginning. The mark is of the last letter before the ellipsis."""
    head = running_head("Egypt: " + ARABIC, 200.0, "ltr")
    assert head.endswith("…\u200f"), head
    assert running_head("Egypt: " + ARABIC, 200.0, "rtl").endswith("…")  # the book's: none
    assert running_head("مصر: " + LONG, 200.0, "ltr").endswith("…")  # cut in Latin
    assert running_head("مصر: " + LONG, 200.0, "rtl").endswith("…\u200e")


@pytest.mark.parametrize(
    "language, written, head",
    [
        pytest.param("en", "Appendix C: Cities", "Appendix A: Cities", id="en"),
        pytest.param("fr", "Villes", "Annexe A\u00a0: Villes", id="fr"),
        # Cyrillic А (U+0410), GOST 7.32's first letter (octavo.model.labels.appendix_letter)
        pytest.param("ru", "Приложение В. Города", "Приложение \u0410. Города", id="ru"),
    ],
)
def test_an_appendix_s_head_carries_its_letter(
    make_book: MakeBook, language: str, written: str, head: str
) -> None:
    """Chicago: an appendix's running head names it by its letter, in the book's words
    (RenderedChapter.head_text), where a chapter's is its title alone, whatever label its
    author wrote in its title ("Appendix C"): set from its heading's id in the book (a
    <style> of its head), as its data-head in the stamp laid over the pages laid out in
    parts; a no-break space of the book's words kept (a CSS escape)."""
    toml = BOOK_TOML.replace('language = "en"', f'language = "{language}"')
    appendix = section_source(2, f'"{written}"', chapter=0, total=2, extra="kind: appendix\n")
    book = make_book({"001-a.md": section_source(1, "Land", total=2), "002-b.md": appendix}, toml)
    manuscript, _ = api.manuscript(book)
    chapter, division = manuscript.chapters
    assert (chapter.head_text, division.head_text) == (chapter.title_text, head)
    html = render_print_html(manuscript, PdfOptions())
    assert "data-head" not in html  # the titles fit
    rules = re.findall(r'#(\S+) \.chapter-title-text \{ string-set: chapter "([^"]*)"; \}', html)
    assert rules == [(division.id, head.replace("\u00a0", "\\A0 "))]
    pages = [
        PartLayout(c.id, "", b"", (PageMap(False, c.id, (), (), (), (), (612.0, 792.0)),), (), ())
        for c in manuscript.chapters
    ]
    stamp = jobs.stamp_job(manuscript, PdfOptions(), tuple(pages)).html
    assert re.findall(r' data-head="([^"]*)"', stamp) == [head]


def test_an_appendix_s_long_head_is_cut_after_its_letter(make_book: MakeBook) -> None:
    """An appendix's head too long for its line is cut as a title is, its letter kept."""
    appendix = section_source(2, f'"{LONG}"', chapter=0, total=2, extra="kind: appendix\n")
    book = make_book({"001-a.md": section_source(1, "Land", total=2), "002-b.md": appendix})
    manuscript, _ = api.manuscript(book)
    html = render_print_html(manuscript, PdfOptions())
    (head,) = re.findall(r'\.chapter-title-text \{ string-set: chapter "([^"]*)"; \}', html)
    assert head == running_head(f"Appendix A: {LONG}", text_measure(PdfOptions().page))
    assert head.startswith("Appendix A: La economía") and head.endswith("…")


def test_an_appendix_s_head_is_typeset_as_its_heading(make_book: MakeBook) -> None:
    """The head is the heading as printed, its quotes curled and its dashes set (review50c:
    the first version gave the title as typed, `Coast's "Cities" --`)."""
    typed = 'Appendix C: Ivory Coast\'s \\"Cities\\" -- and towns'
    appendix = section_source(2, f'"{typed}"', chapter=0, total=2, extra="kind: appendix\n")
    book = make_book({"001-a.md": section_source(1, "Land", total=2), "002-b.md": appendix})
    manuscript, _ = api.manuscript(book)
    head = manuscript.chapters[1].head_text
    assert head == "Appendix A: Ivory Coast\u2019s \u201cCities\u201d \u2013 and towns"


def test_a_chapter_s_heading_text_is_typeset_as_its_heading(make_book: MakeBook) -> None:
    """The EPUB's contents and the PDF's bookmarks name a division as its heading prints
    it: "Côte d’Ivoire", not the title as typed ("Côte d'Ivoire")."""
    toml = BOOK_TOML.replace('1 = "The Economy"', '1 = "Côte d\'Ivoire -- a Survey"')
    section = section_source(1, total=1)
    manuscript, _ = api.manuscript(make_book({"001-a.md": section}, toml))
    (chapter,) = manuscript.chapters
    assert chapter.heading_text == "Chapter 1: Côte d\u2019Ivoire \u2013 a Survey"
