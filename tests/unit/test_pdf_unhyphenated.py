"""Justified text in a language Pyphen has no hyphenation patterns for (W653), told once."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.render.pdf.unhyphenated import hyphenates, patterns_for, unhyphenated
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.weasyprint_log import quietly


def _book(make_book: MakeBook, language: str, *sections: str) -> Path:
    toml = BOOK_TOML.replace('language = "en"', f'language = "{language}"')
    files: dict[str, str | bytes] = {"001-a.md": section_source(1, "Trade", total=9)}
    for number, lang in enumerate(sections, start=2):
        files[f"00{number}.md"] = section_source(number, total=9, extra=f"lang: {lang}\n")
    return make_book(files, toml)


def _told(book: Path) -> list[tuple[str, str | None, int | None]]:
    manuscript, _ = api.manuscript(book)
    return [(d.code, d.file.name if d.file else None, d.line) for d in unhyphenated(manuscript)]


@pytest.mark.parametrize(
    ("tag", "has", "breaks"),
    [
        ("de-AT", True, True),  # German's patterns, as WeasyPrint falls back
        ("tr", False, True),
        ("sw", False, True),
        ("ka", False, True),  # Georgian: its own script, hyphenated
        ("ja", False, False),  # a line breaks between any two characters
        ("zh-Hant", False, False),
        ("ar", False, False),  # never hyphenated
        ("he", False, False),
        ("vi", False, False),  # Latin letters, words of one syllable
        ("zxx", False, False),  # no linguistic content: no patterns to miss
        ("und", False, False),  # undetermined
    ],
)
def test_which_languages_lack_patterns_and_hyphenate(tag: str, has: bool, breaks: bool) -> None:
    assert (patterns_for(tag) is not None) is has
    assert hyphenates(tag) is breaks


def test_a_turkish_book_is_told_once_at_its_language(make_book: MakeBook) -> None:
    """A Turkish book was set justified without a hyphen and the build said nothing."""
    book = _book(make_book, "tr", "tr")
    line = BOOK_TOML.splitlines().index('language = "en"') + 1
    assert _told(book) == [("W653", "book.toml", line)]


def test_a_section_in_another_language_is_told_at_its_lang(make_book: MakeBook) -> None:
    book = _book(make_book, "en", "sw", "sw", "de")
    assert _told(book) == [("W653", "002.md", 9)]  # once, at the first section's `lang:`


@pytest.mark.parametrize("language", ["en", "de", "ja", "ar", "vi"])
def test_a_language_with_patterns_or_no_hyphens_is_not_told(
    make_book: MakeBook, language: str
) -> None:
    assert _told(_book(make_book, language)) == []


def test_a_book_set_ragged_right_is_not_told(make_book: MakeBook) -> None:
    """The hint's remedy: the book's own book.css sets its paragraphs ragged right (read
    as WeasyPrint reads it)."""
    from octavo.shipped import STYLES

    book = _book(make_book, "tr")
    (book / "styles" / "print").mkdir(parents=True)
    css = (STYLES / "print" / "book.css").read_text() + "\np { text-align: left; }\n"
    (book / "styles" / "print" / "book.css").write_text(css)
    assert _told(book) == []
    (book / "styles" / "print" / "book.css").write_text(css + "p { text-align: justify; }\n")
    assert [code for code, *_ in _told(book)] == ["W653"]


def test_the_pdf_build_tells_it_and_strict_stops(make_book: MakeBook, tmp_path: Path) -> None:
    from octavo.errors import BuildError

    book = _book(make_book, "tr")
    (_, found), _ = quietly(lambda: api.build_pdf(book, tmp_path / "t.pdf", jobs=1))
    assert [d.code for d in found].count("W653") == 1  # once (W117, W309 beside it)
    with pytest.raises(BuildError) as caught:
        api.build_pdf(book, tmp_path / "strict.pdf", strict=True)
    assert "W653" in [d.code for d in caught.value.diagnostics]
