"""The labels catalogues: every language has every label, with the same placeholders."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from octavo.model import YearMonth
from octavo.model.elision import elisions_problem
from octavo.shipped import TEMPLATES
from octavo.source.labels import LANGUAGES, MONTHS, placeholders, read_catalogue
from octavo.source.quotes import QUOTE_KEYS, quotes_problem
from octavo.source.sections import read_book

ENGLISH = read_catalogue(TEMPLATES / "labels" / "en.toml")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_has_every_label_with_its_placeholders(language: str) -> None:
    catalogue = read_catalogue(TEMPLATES / "labels" / f"{language}.toml")
    assert set(catalogue) == set(ENGLISH)
    for key, text in ENGLISH.items():
        if key in MONTHS:
            assert len(catalogue[key]) == 12 and all(catalogue[key])
        elif key in QUOTE_KEYS:  # quote_space may be none
            assert quotes_problem(key, catalogue[key]) == "", key
        elif key == "elisions":  # none but in French
            assert elisions_problem(catalogue[key]) == "", key
        else:
            assert catalogue[key].strip(), key
            assert placeholders(catalogue[key]) == placeholders(text), key


def test_every_shipped_catalogue_is_listed() -> None:
    assert {p.stem for p in (TEMPLATES / "labels").glob("*.toml")} == set(LANGUAGES)


def _book(make_book, language: str, labels: str = ""):  # type: ignore[no-untyped-def]
    from tests.conftest import BOOK_TOML, section_source

    toml = BOOK_TOML.replace('language = "en"', f'language = "{language}"') + labels
    root = make_book({"001-a.md": section_source(1, total=1)}, toml)
    return read_book(root)


def test_russian_dates_and_words(make_book) -> None:  # type: ignore[no-untyped-def]
    book, found = _book(make_book, "ru")
    assert book is not None and not found
    labels = book.labels
    assert labels.month_year(YearMonth(1995, 6)) == "июнь 1995 г."
    assert labels.day(datetime(1995, 6, 10, tzinfo=UTC)) == "10 июня 1995 г."
    assert labels.chapter(8) == "Глава 8" and labels.part(2) == "Часть II"
    assert labels["contents"] == "Содержание"


@pytest.mark.parametrize("language", ["ru", "uk", "be"])
def test_the_data_currency_range_reads_right_in_slavic_languages(make_book, language: str) -> None:  # type: ignore[no-untyped-def]
    """Russian's EPUB said 'данные с декабрь 1994 г. по июнь 1995 г..': the month after
    'с' wants the genitive the label could not give, and the date's own 'г.' ran into the
    sentence's period. The range is a dash between two dates now, and one period ends it."""
    book, _ = _book(make_book, language)
    labels = book.labels
    dates = [labels.month_year(YearMonth(1994, 12)), labels.month_year(YearMonth(1995, 6))]
    text = labels.format("currency_range", count=4, oldest=dates[0], newest=dates[1])
    assert f"{dates[0]} — {dates[1]}" in text and text.endswith(dates[1])
    same = labels.format("currency_same", count=4, date=dates[1])
    assert same.endswith(dates[1]) and not same.endswith("..")


def test_spanish_dates_its_data_as_a_spanish_editor_writes_it(make_book) -> None:  # type: ignore[no-untyped-def]
    """'Datos de junio de 1995' reads as data *from* June (a Spanish reader asks: of what?)
    and a column headed 'Datos de' is cut short; 'Data as of' is 'Datos a' (the note) and
    'Datos actualizados a' (the Data Currency's column, the imprint's row), as Spanish
    statistics and the Library of Congress's own Spanish pages write it."""
    book, _ = _book(make_book, "es")
    labels = book.labels
    june = labels.month_year(YearMonth(1995, 6))
    assert labels.format("data_as_of", date=june) == "Datos a junio de 1995."
    assert labels["column_data_as_of"] == "Datos actualizados a"
    same = labels.format("currency_same", count=4, date=june)
    assert same == "Secciones: 4; datos actualizados a junio de 1995."
    one = labels.format("currency_one", date=june)
    assert one == "Su única sección tiene datos actualizados a junio de 1995."
    # the note is a footnote on the title wherever a text names it (colophon_notes and
    # currency_intro said "una nota en su título", a note in the title's words)
    for key in ("imprint_note", "colophon_notes", "currency_intro"):
        assert "nota al pie de su título" in labels[key], key
    assert not any("Datos de " in text for key, text in labels.words if key != "cataloguing")


def test_a_label_s_period_after_a_value_s_own_is_one(make_book) -> None:  # type: ignore[no-untyped-def]
    book, _ = _book(make_book, "en")
    labels = book.labels
    assert labels.format("colophon_source", source="Acme Inc.") == "Source: Acme Inc."
    assert labels.format("colophon_source", source="the web...") == "Source: the web..."


def test_a_region_subtag_finds_its_language(make_book) -> None:  # type: ignore[no-untyped-def]
    book, found = _book(make_book, "fr-CA")
    assert book is not None and not found and book.labels["index"] == "Index"
    assert book.labels.month_year(YearMonth(1995, 8)) == "août 1995"


def test_book_toml_overrides_a_label(make_book) -> None:  # type: ignore[no-untyped-def]
    book, found = _book(make_book, "en", '\n[labels]\nchapter_label = "Ch. {number}"\n')
    assert book is not None and not found
    assert book.chapters[0].label(book.labels) == "Ch. 1"


def test_an_unknown_language_falls_back_to_english(make_book) -> None:  # type: ignore[no-untyped-def]
    book, found = _book(make_book, "sw")
    assert [d.code for d in found] == ["W117"]
    assert book is not None and book.labels["contents"] == "Contents"


@pytest.mark.parametrize(
    "labels",
    [
        '\n[labels]\nchapter_label = "Kapitel {num}"\n',
        '\n[labels]\nchapterlabel = "Kapitel"\n',
        '\n[labels]\nmonths = ["a", "b"]\n',
        "\n[labels]\ncontents = 3\n",
        '\n[labels]\ncontents = "a } b"\n',
        '\n[labels]\ndata_as_of = "Data as of {date:>1000000000000}."\n',
        '\n[labels]\nchapter_heading = "{label:d}: {title}"\n',
        '\n[labels]\ncolophon_made = "Made {version!z} on {date}."\n',
        '\n[labels]\nchapter_label = "Chapter {}"\n',
        '\n[labels]\ncontents = "Contents\\u0001"\n',
        '\n[labels]\nmonths = ["Jan\\u0085", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"]\n',
        '\n[labels]\nhandout_elsewhere = "(in {section})"\n',
    ],
    # a placeholder's format or conversion: a terabyte of padding (MemoryError), a
    # format its value cannot take or a conversion Python has not (ValueError)
    ids=[
        "placeholder",
        "unknown",
        "months",
        "type",
        "brace",
        "width",
        "format",
        "conversion",
        "positional",  # `{}`: no name to fill it by (IndexError, a traceback, in the build)
        "control",  # the EPUB's package refused it: lxml's ValueError, a traceback
        "month-control",
        "required",  # a handout's "see Table 1 (in …)" lost its reference's words
    ],
)
def test_a_bad_override_is_E116(make_book, labels: str) -> None:  # type: ignore[no-untyped-def]
    _, found = _book(make_book, "en", labels)
    assert [d.code for d in found] == ["E116"]
    assert Path(str(found[0].file)).name == "book.toml"


def test_a_books_own_catalogue_is_held_to_the_same_rules(make_book) -> None:  # type: ignore[no-untyped-def]
    """templates/labels/<language>.toml of the book's own: a placeholder with a format is
    E116 at that file, and the label is the shipped one."""
    from tests.conftest import section_source

    own = {"templates/labels/en.toml": 'data_as_of = "Data as of {date:>99}."\n'}
    book = make_book({"001-a.md": section_source(1, total=1), **own})
    _, found = read_book(book)
    assert [(d.code, Path(str(d.file)).name) for d in found] == [("E116", "en.toml")]


@pytest.mark.parametrize(
    ("form", "between"),
    [("{label}: {title}", ": "), ("{label}. {title}", ". "), ("{title} ({label})", " ")],
)
def test_the_separator_is_the_books_own(make_book, form: str, between: str) -> None:  # type: ignore[no-untyped-def]
    """What the contents and a heading read without styles put between 'Chapter 1' and
    the title: the words of the book's `chapter_heading` (a space if the label is not
    first)."""
    book, found = _book(make_book, "en", f'\n[labels]\nchapter_heading = "{form}"\n')
    assert book is not None and not found
    assert book.labels.separator("chapter_heading") == between
    assert book.labels.separator("part_heading") == " · "


def test_a_books_own_catalogue_tomllib_cannot_read_is_e116(make_book) -> None:  # type: ignore[no-untyped-def]
    """3,000 nested brackets in templates/labels/en.toml: a RecursionError, where the
    catalogue's TOMLDecodeError was E116."""
    from tests.conftest import section_source

    own = {"templates/labels/en.toml": "x = " + "[" * 3000 + "]" * 3000 + "\n"}
    book = make_book({"001-a.md": section_source(1, total=1), **own})
    _, found = read_book(book)
    assert [(d.code, Path(str(d.file)).name) for d in found] == [("E116", "en.toml")]


@pytest.mark.parametrize(
    ("language", "three", "two"),
    [
        ("en", "A, B, and C", "A and B"),
        ("en-GB", "A, B and C", "A and B"),
        ("es", "A, B y C", "A y B"),
        ("fr", "A, B et C", "A et B"),
        ("ru", "A, B и C", "A и B"),
    ],
)
def test_names_are_listed_as_the_language_lists(  # type: ignore[no-untyped-def]
    make_book, language: str, three: str, two: str
) -> None:
    """A title page's names were joined with commas in every language ("Edición de A, B,
    C"): the last two are joined by the language's own word, as ICU's list patterns say."""
    book, found = _book(make_book, language)
    assert book is not None and not found
    assert book.labels.names(("A", "B", "C")) == three
    assert book.labels.names(("A", "B")) == two
    assert book.labels.names(("A",)) == "A" and book.labels.names(()) == ""


def test_a_title_page_credits_the_authors_and_the_editors(make_book) -> None:  # type: ignore[no-untyped-def]
    """A book with authors and editors named only its authors on its title pages: the
    editors were in the EPUB's metadata and nowhere a reader could see them."""
    from octavo.render.metadata import book_meta

    people = 'authors = ["María Gómez", "Luis Ortega"]\neditors = ["Helen Fedor", "Ana López"]\n'
    book, _ = _book(make_book, "es", people)
    assert book is not None
    assert book_meta(book).contributors == (
        "María Gómez y Luis Ortega",
        "Edición de Helen Fedor y Ana López",
    )
    editors_only, _ = _book(make_book, "es", 'editors = ["Helen Fedor"]\n')
    assert editors_only is not None
    assert book_meta(editors_only).contributors == ("Edición de Helen Fedor",)
    nobody, _ = _book(make_book, "es")
    assert nobody is not None and book_meta(nobody).contributors == ()


@pytest.mark.parametrize(
    ("language", "first", "tenth"),
    [
        ("fr", "1er décembre 2026", "10 décembre 2026"),
        ("en", "1 December 2026", "10 December 2026"),
        ("es", "1 de diciembre de 2026", "10 de diciembre de 2026"),
    ],
)
def test_the_first_of_a_month_as_the_language_writes_it(  # type: ignore[no-untyped-def]
    make_book, language: str, first: str, tenth: str
) -> None:
    """A French imprint said "Composition avec octavo, 1 décembre 2026": French writes the
    first of a month as an ordinal, "1er décembre" (`first_of_month`), the other days as
    numbers."""
    book, _ = _book(make_book, language)
    assert book is not None
    assert book.labels.day(datetime(2026, 12, 1, tzinfo=UTC)) == first
    assert book.labels.day(datetime(2026, 12, 10, tzinfo=UTC)) == tenth


def test_french_elides_de_before_a_vowel(make_book) -> None:  # type: ignore[no-untyped-def]
    """A user-tester's report: "Données de octobre 2026.", "de août"; French elides:
    "d’octobre", "d’août", "d’avril", the Data Currency's range too; not before a
    consonant, h or y, nor in another language's labels."""
    book, found = _book(make_book, "fr")
    assert book is not None and not found
    labels = book.labels
    month = labels.month_year
    assert labels.format("data_as_of", date=month(YearMonth(2026, 10))) == "Données d’octobre 2026."
    assert labels.format("data_as_of", date=month(YearMonth(2026, 8))) == "Données d’août 2026."
    assert labels.format("data_as_of", date=month(YearMonth(2026, 4))) == "Données d’avril 2026."
    assert labels.format("data_as_of", date=month(YearMonth(2026, 6))) == "Données de juin 2026."
    assert (
        labels.format("currency_range", count=3, oldest="août 2026", newest="octobre 2026")
        == "Sections\u00a0: 3\u202f; données d’août 2026 à octobre 2026."
    )
    assert labels.format("cover_of", title="Haïti") == "Couverture de Haïti"
    assert labels.format("cover_of", title="Éthiopie") == "Couverture d’Éthiopie"
    assert labels.around("handout_from", "title", "Irak") == ("Extrait d’", "")
    assert labels.around("handout_from", "title", "Niger") == ("Extrait de ", "")
    assert labels["subtitle_separator"] == "\u00a0: "
    spanish, _ = _book(make_book, "es")
    assert spanish is not None
    assert spanish.labels.format("cover_of", title="Ucrania") == "Cubierta de Ucrania"
    assert spanish.labels["subtitle_separator"] == ": "


def test_a_books_own_labels_elide_as_the_catalogue_says(make_book) -> None:  # type: ignore[no-untyped-def]
    """A book's [labels] words elide by its language's `elisions`; a book sets its own
    (Italian's, in a catalogue of its own or [labels]); one not word=elided is E116."""
    book, found = _book(make_book, "fr", '\n[labels]\ndata_as_of = "Chiffres de {date}."\n')
    assert book is not None and not found
    when = book.labels.month_year(YearMonth(1995, 4))
    assert book.labels.format("data_as_of", date=when) == "Chiffres d’avril 1995."
    italian = '\n[labels]\nelisions = "di=d’"\ndata_as_of = "Dati di {date}."\n'
    book, found = _book(make_book, "en", italian)
    assert book is not None and not found
    assert book.labels.format("data_as_of", date="aprile 1995") == "Dati d’aprile 1995."
    assert book.labels.format("data_as_of", date="giugno 1995") == "Dati di giugno 1995."
    _, found = _book(make_book, "fr", '\n[labels]\nelisions = "de"\n')
    assert [(d.code, d.line) for d in found] == [("E116", 8)]


def test_a_books_own_handout_elsewhere_without_ref_is_e116(make_book) -> None:  # type: ignore[no-untyped-def]
    """templates/labels/en.toml of the book's own whose `handout_elsewhere` lacks `{ref}`:
    a handout's "see Table 1 (in “Trade”)" printed "see (in “Trade”)" without a word; E116
    at its line now, and the label is the shipped one."""
    from tests.conftest import section_source

    own = {"templates/labels/en.toml": 'contents = "Contents"\nhandout_elsewhere = "({section})"\n'}
    book = make_book({"001-a.md": section_source(1, total=1), **own})
    read, found = read_book(book)
    assert [(d.code, Path(str(d.file)).name, d.line) for d in found] == [("E116", "en.toml", 2)]
    assert read is not None and read.labels["handout_elsewhere"] == "{ref} (in {section})"


def test_a_lacking_override_quotes_the_books_language(make_book) -> None:  # type: ignore[no-untyped-def]
    """A French book's `handout_elsewhere` without `{ref}`: E116 quotes the French label it
    keeps, not the English (a reviewer's find)."""
    _, found = _book(make_book, "fr", '\n[labels]\nhandout_elsewhere = "(dans {section})"\n')
    assert [d.code for d in found] == ["E116"]
    assert "'{ref} (dans {section})'" in found[0].message, found[0].message
