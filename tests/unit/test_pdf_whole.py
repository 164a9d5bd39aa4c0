"""The page features of a book's own print styles that need the whole book in one layout."""

from __future__ import annotations

from pathlib import Path

from octavo.api import open_book
from octavo.render.pdf.whole import whole_book_features
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
        BOOK_CSS + "\n@page :FIRST { @top-center { content: 'Draft'; } }\n"
        "@page body:left { @bottom-left { content: counter(page) ' of ' counter( pages ); } }\n"
    )
    assert _features(_book(make_book, {"styles/print/book.css": css})) == (
        ":first",
        "counter(pages)",
    )


def test_one_more_use_of_a_shipped_feature_is_found(make_book: MakeBook) -> None:
    """The shipped file's uses are allowed as many times as it makes them."""
    css = BOOK_CSS + "\n@page back:left { @top-center { content: string(book-title); } }\n"
    assert _features(_book(make_book, {"styles/print/book.css": css})) == ("string(book-title)",)


def test_every_kind_is_found_and_comments_are_not(make_book: MakeBook) -> None:
    css = (
        "/* @page :first { } counter(pages) */\n"
        "@page :blank { @top-center { content: element(head); } }\n"
        "@page :nth(2n) { margin: 1in; }\n"
        "h3 { position: running(head); }\n"
        "a::after { content: target-counter(attr(href), page) target-text(attr(href)); }\n"
        "body { counter-reset: page 5; }\n"
    )
    assert _features(_book(make_book, {"styles/print/extra.css": css})) == (
        ":blank",
        ":nth(2n)",
        "counter-reset:page5",
        "element(head)",
        "running(head)",
        "target-counter(attr(href),page)",
        "target-text(attr(href))",
    )


def test_print_templates_count_and_handouts_and_the_epub_do_not(make_book: MakeBook) -> None:
    """A print template (the page's CSS is one) is read as a stylesheet is; the handouts
    are documents of a chapter each, and the EPUB has no pages."""
    page = (TEMPLATES / "print" / "page.css").read_text(encoding="utf-8")
    files = {
        "templates/print/page.css": page + "\n@page :first { margin-top: 2in; }\n",
        "styles/print/handout.css": "@page :first { margin: 0; }\n",
        "styles/epub/book.css": "p { string-set: x content(); }\n",
    }
    assert _features(_book(make_book, files)) == (":first",)
