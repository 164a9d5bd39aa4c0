"""The page features of a book's own print styles that need the whole book in one layout."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from octavo.api import open_book
from octavo.render.pdf.whole import older_template, whole_book_features
from octavo.shipped import STYLES, TEMPLATES
from tests.conftest import MakeBook, section_source

BOOK_CSS = (STYLES / "print" / "book.css").read_text(encoding="utf-8")


def _features(book: Path) -> tuple[str, ...]:
    return whole_book_features(open_book(book))


def _book(make_book: MakeBook, files: dict[str, str]) -> Path:
    return make_book({"001-a.md": section_source(1, total=1), **files})


def test_a_book_without_styles_of_its_own_has_none(make_book: MakeBook) -> None:
    assert _features(_book(make_book, {})) == ()


def test_a_copy_of_the_shipped_stylesheet_with_other_colours_has_none(
    make_book: MakeBook,
) -> None:
    """The README's way to change the look: copy book.css, edit it. Its :nth() and string()
    are the shipped ones, which octavo lays out right in parts."""
    css = BOOK_CSS.replace("var(--rule)", "#c00") + "\nh2 { color: navy; }\n"
    assert _features(_book(make_book, {"styles/print/book.css": css})) == ()


def test_first_pages_and_the_page_total_are_found(make_book: MakeBook) -> None:
    css = (
        BOOK_CSS + "\n@page:FIRST { @top-center { content: 'Draft'; } }\n"
        "@page body:left { @bottom-left { content: counter(page) ' of ' counter( pages ); } }\n"
    )
    assert _features(_book(make_book, {"styles/print/book.css": css})) == (
        "@page:first",
        "counter(pages)",
    )


def test_a_stylesheet_of_its_own_making_is_compared_rule_by_rule(make_book: MakeBook) -> None:
    """octavo's book.css has a dozen :blank pages in one rule; a book's own rule for blank
    pages is another rule all the same."""
    css = "@page :blank { @top-center { content: 'Blank'; } }\n@page :first { margin: 0; }\n"
    assert _features(_book(make_book, {"styles/print/book.css": css})) == (
        "@page:blank",
        "@page:first",
    )


def test_one_more_use_of_a_shipped_feature_is_found(make_book: MakeBook) -> None:
    """The shipped file's uses are allowed as many times as it makes them."""
    css = BOOK_CSS + "\n@page back:left { @top-center { content: string(book-title); } }\n"
    assert _features(_book(make_book, {"styles/print/book.css": css})) == ("string(book-title)",)


def test_every_kind_is_found_and_comments_are_not(make_book: MakeBook) -> None:
    css = (
        "/* @page :first { } counter(pages) */\n"
        "@page :nth(2n) { @top-center { content: element(head); } }\n"
        "h3 { position: running(head); }\n"
        "a::after { content: target-counter(attr(href), page) target-text(attr(href)); }\n"
        "body { counter-reset: page 5; } h2 { counter-set: chapter 1 pages 2; }\n"
        "p::after { content: counters(pages, '.'); }\n"
    )
    assert _features(_book(make_book, {"styles/print/extra.css": css})) == (
        "@page:nth(2n)",
        "counter-reset:page5",
        "counter-set:chapter1pages2",
        "counters(pages,'.')",
        "element(head)",
        "running(head)",
        "target-counter(attr(href),page)",
        "target-text(attr(href))",
    )


def test_what_does_not_read_the_whole_book_is_not_found(make_book: MakeBook) -> None:
    """First children and letters, nth children, the page's own folio, a counter named
    like the page's, a page rule for left pages: the same in a part as in the book."""
    css = (
        "p:first-child, p:first-of-type::first-letter, li:nth-child(2n) { color: red; }\n"
        "@page :left { @bottom-left { content: counter(page); } }\n"
        "h2 { counter-increment: chapter-page; } h3::before { content: counter(page); }\n"
    )
    assert _features(_book(make_book, {"styles/print/extra.css": css})) == ()


def test_a_hostile_stylesheet_is_read_in_linear_time(make_book: MakeBook) -> None:
    """Runs of openings that never close (a regex that backtracks would take minutes)."""
    css = "counter-reset:" * 20000 + "string(" * 20000 + "@page :nth(" * 20000
    assert _features(_book(make_book, {"styles/print/book.css": css})) == ()


def test_a_linked_folder_is_not_walked(make_book: MakeBook, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "book.css").write_text("@page :first { margin: 0; }\n")
    book = _book(make_book, {"styles/base.css": "p { color: red; }\n"})
    (book / "styles" / "print").symlink_to(outside, target_is_directory=True)
    assert _features(book) == ()


def test_print_templates_count_and_handouts_covers_and_the_epub_do_not(
    make_book: MakeBook,
) -> None:
    """A print template (the page's CSS is one) is read as a stylesheet is; the handouts
    and the cover are documents of their own, and the EPUB has no pages."""
    page = (TEMPLATES / "print" / "page.css").read_text(encoding="utf-8")
    first = "\n@page :first { margin-top: 2in; }\n"
    files = {
        "templates/print/page.css": page + first,
        "styles/print/handout.css": first,
        "styles/print/handout-broadside.css": first,
        "styles/print/cover.css": first,
        "templates/print/cover-page.css": first,
        "styles/epub/book.css": first,
    }
    assert _features(_book(make_book, files)) == ("@page:first",)


def test_a_copy_of_book_html_from_before_the_appendix_heads_is_older(
    make_book: MakeBook,
) -> None:
    """A book's own print/book.html copied before the appendix printed its own heads
    (`heads_from`): the parallel build lays the book out in one process from the start
    (octavo.render.pdf.parallel.build), not after laying out every chapter."""
    shipped = (TEMPLATES / "print" / "book.html").read_text(encoding="utf-8")
    assert not older_template(open_book(_book(make_book, {})), "print/book.html", "heads_from")
    current = _book(make_book, {"templates/print/book.html": shipped})
    assert not older_template(open_book(current), "print/book.html", "heads_from")
    before = "\n".join(line for line in shipped.splitlines() if "heads_from" not in line)
    older = _book(make_book, {"templates/print/book.html": before})
    assert older_template(open_book(older), "print/book.html", "heads_from")


def test_a_copy_of_book_html_from_before_the_appendix_letter_is_laid_out_whole(
    make_book: MakeBook, caplog: pytest.LogCaptureFixture
) -> None:
    """A book's own print/book.html copied before it set an appendix's running head with
    its letter (`head_text`) heads the appendix by its title alone, where the stamp of
    the parallel build would give it its letter: the book is laid out in one process,
    its pages the same whatever --jobs."""
    from octavo.api import manuscript
    from octavo.render.pdf.document import PdfOptions
    from octavo.render.pdf.parallel.build import render_pdf_parallel

    shipped = (TEMPLATES / "print" / "book.html").read_text(encoding="utf-8")
    before = re.sub(r"\{#- a division's running head .*?\{%- endfor %\}\n", "", shipped, flags=re.S)
    assert "head_text" in shipped and "head_text" not in before
    appendix = section_source(2, "Cities", chapter=0, total=2, extra="kind: appendix\n")
    files = {"002-b.md": appendix, "templates/print/book.html": before}
    book = make_book({"001-a.md": section_source(1, total=2), **files})
    assert older_template(open_book(book), "print/book.html", "head_text")
    with caplog.at_level(logging.INFO, logger="octavo"):
        result = render_pdf_parallel(manuscript(book)[0], PdfOptions(), 2)
    assert not result.parallel and "without head_text" in caplog.text


def test_a_book_template_from_before_the_index_groups_still_sets_its_index(
    make_book: MakeBook,
) -> None:
    """A book's own print/book.html copied before `index_groups` loops over `ms.index` and
    calls octavo's index macro whatever is known: a layout that cannot number the index
    gives it entries without numbers (the shipped template gives none), not an E702."""
    from octavo.api import manuscript
    from octavo.render.pdf.document import PdfOptions, render_print_html

    own = (TEMPLATES / "print" / "book.html").read_text(encoding="utf-8")
    own = own.replace("{%- for group in index_groups %}", "{%- for group in ms.index %}")
    body = "The capital, [Minsk]{.index}, lies here.\n"
    book = _book(make_book, {"001-a.md": section_source(1, total=1, body=body)})
    (book / "templates" / "print").mkdir(parents=True)
    (book / "templates" / "print" / "book.html").write_text(own, encoding="utf-8")
    rendered, _ = manuscript(book)
    html = render_print_html(rendered, PdfOptions())
    assert '<p class="index-entry">Minsk</p>' in html
