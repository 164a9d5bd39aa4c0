"""Quotes curled in the language in force: the table (catalogues, templates/quotes.toml, a
book's overrides) and the text (a section's language, a div's, a heading's, a span's, a
note's at its call, a caption's, a credit's, a title's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.model.language_tags import fallbacks
from octavo.model.quotes import ENGLISH, QuoteTable, marks_of
from octavo.render.markdown import Context, render_block
from octavo.render.titles import title_html
from octavo.shipped import TEMPLATES
from octavo.source.files import field_line
from octavo.source.labels import catalogue_path
from octavo.source.quotes import load_quotes, quotes_problem
from octavo.source.sections import read_book
from tests.conftest import BOOK_TOML, MakeBook, section_source

NNBSP = "\u202f"


def _shipped() -> QuoteTable:
    from octavo.model import BookConfig

    table, found = load_quotes(BookConfig(title="T", language="en", identifier="urn:x"), ())
    assert found == ()
    return table


TABLE = _shipped()


@pytest.mark.parametrize(
    ("language", "marks"),
    [
        pytest.param("en", "“”‘’", id="english"),
        pytest.param("de", "„“‚‘", id="german"),
        pytest.param("de-AT", "„“‚‘", id="austrian"),
        pytest.param("de-CH", "«»‹›", id="swiss-german"),
        pytest.param("fr-CH", "«»‹›", id="swiss-french-unspaced"),
        pytest.param("es", "«»“”", id="spanish-rae"),
        pytest.param("pt", "«»“”", id="portuguese"),
        pytest.param("pt-BR", "“”‘’", id="brazilian"),
        pytest.param("it", "«»“”", id="italian-no-catalogue"),
        pytest.param("ru", "«»„“", id="russian"),
        pytest.param("uk", "«»„“", id="ukrainian"),
        pytest.param("ro", "„”«»", id="romanian"),
        pytest.param("pl", "„”«»", id="polish"),
        pytest.param("sv", "””’’", id="swedish"),
        pytest.param("ja", "「」『』", id="japanese"),
        pytest.param("xx", "“”‘’", id="unknown-is-english"),
        pytest.param("sr_Latn", "„”’’", id="script-dropped"),
    ],
)
def test_each_language_has_its_marks(language: str, marks: str) -> None:
    assert TABLE.marks(language) == tuple(marks)


def test_french_sets_a_narrow_no_break_space_inside_guillemets_only() -> None:
    assert TABLE.marks("fr") == (f"«{NNBSP}", f"{NNBSP}»", "“", "”")
    assert TABLE.marks("fr-CA") == TABLE.marks("fr")
    assert marks_of("«»‹›", "\u00a0") == ("«\u00a0", "\u00a0»", "‹\u00a0", "\u00a0›")


@pytest.mark.parametrize(
    ("key", "value", "bad"),
    [
        pytest.param("quotes", "„“‚‘", False, id="four-marks"),
        pytest.param("quotes", "«»", True, id="two"),
        pytest.param("quotes", "« » “ ”", True, id="spaced"),
        pytest.param("quotes", "ab''", True, id="letters"),
        pytest.param("quotes", "\x01\x02\x03\x04", True, id="controls"),
        pytest.param("quotes", ["«", "»", "“", "”"], True, id="a-list"),
        pytest.param("quote_space", "", False, id="no-space"),
        pytest.param("quote_space", "\u202f", False, id="narrow-no-break"),
        pytest.param("quote_space", " ", True, id="a-breaking-space"),
    ],
)
def test_a_quotes_override_is_checked(key: str, value: object, bad: bool) -> None:
    assert bool(quotes_problem(key, value)) is bad


def _german(body: str) -> str:
    return render_block(body, context=Context(language="de", quotes=TABLE)).html


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        pytest.param(
            "Er sagte: \"Das ist 'ganz' einfach.\"",
            "Er sagte: „Das ist ‚ganz‘ einfach.“",
            id="nested-in-the-section-language",
        ),
        pytest.param(
            "::: {lang=fr}\nIl a dit : \"C'est 'très' simple.\"\n:::",
            f"Il a dit : «{NNBSP}C’est “très” simple.{NNBSP}»",
            id="a-french-div",
        ),
        pytest.param(
            '::: {lang=fr}\nUn [mot "Wort"]{lang=de} "ici".\n:::',
            f'Un <span lang="de">mot „Wort“</span> «{NNBSP}ici{NNBSP}».',
            id="a-span-inside-a-div",
        ),
        pytest.param(
            '"Um [den "Fluss"]{lang=ru} herum"',
            '„Um <span lang="ru">den «Fluss»</span> herum“',
            id="a-span-inside-a-quotation",
        ),
        pytest.param(
            '[ein "Wort"]{lang="no such tag!"}',
            "<span>ein „Wort“</span>",
            id="a-language-no-reader-reads-is-the-one-around-it",
        ),
        pytest.param(
            "Bei 'Ndrangheta, in den '90ern, 5'10\" groß",
            "Bei ’Ndrangheta, in den ’90ern, 5’10” groß",
            id="apostrophes-and-inches-in-every-language",
        ),
    ],
)
def test_quotes_follow_the_language_in_force(body: str, shown: str) -> None:
    assert shown in _german(body)


def test_a_heading_caption_and_credit_take_their_language() -> None:
    html = _german(
        '## Le "titre" {lang=fr title="a b"}\n\n'
        'Table: Eine "Tabelle" {#tbl:t}\n\n| a |\n|---|\n| "b" |\n\n'
        "![Karte](m.png){credit=\"Nach 'X'\"}\n"
    )
    assert f'lang="fr" title="a b" data-label="Le «{NNBSP}titre{NNBSP}»"' in html
    assert "Eine „Tabelle“</caption>" in html and "<td>„b“</td>" in html
    assert '<span class="credit">Nach ‚X‘</span>' in html


def test_a_figure_s_caption_is_typeset_as_the_text_is() -> None:
    """A figure's caption is its image's words, which no rule of the text reached: quotes
    and `--` were left straight in every language, English too (helper-119's find)."""
    english = render_block('![The "old" town, Lumen\'s -- 1990s](a.png)\n').html
    assert "The “old” town, Lumen’s – 1990s</span>" in english  # the caption
    assert 'alt="The “old” town, Lumen’s – 1990s"' in english  # and its alt text
    german = _german('![Die "alte" Stadt](a.png)\n')
    assert "Die „alte“ Stadt</span>" in german


def test_a_note_takes_the_language_at_its_call() -> None:
    fragment = render_block(
        '::: {lang=fr}\nTexte[^1].\n:::\n\nText[^2] ^["inline"].\n\n[^1]: Une "note".\n\n'
        '[^2]: Eine "Anmerkung".\n',
        context=Context(language="de", quotes=TABLE),
    )
    assert [n.html for n in fragment.notes] == [
        f"Une «{NNBSP}note{NNBSP}».",
        "Eine „Anmerkung“.",
        "„inline“",
    ]


def test_english_is_unchanged_by_the_table() -> None:
    body = 'He said "it\'s \'so\'" -- [le "mot"]{lang=fr}.'
    assert render_block(body).html == (
        '<p>He said “it’s ‘so’” – <span lang="fr">le “mot”</span>.</p>\n'
    )
    assert render_block(body, context=Context(quotes=TABLE)).html == (
        f'<p>He said “it’s ‘so’” – <span lang="fr">le «{NNBSP}mot{NNBSP}»</span>.</p>\n'
    )
    assert "\x00" not in render_block("\"a\" 'b'", context=Context(quotes=TABLE)).html


def test_a_title_is_set_in_its_language() -> None:
    assert title_html('Das "Land"', "de", TABLE) == "Das „Land“"
    assert title_html('Das "Land"') == "Das “Land”"  # a title alone: English
    assert title_html('Le "pays"', "fr", TABLE) == f"Le «{NNBSP}pays{NNBSP}»"


def _book(make_book: MakeBook, language: str, labels: str = "", body: str = "Text.\n") -> Path:
    toml = BOOK_TOML.replace('language = "en"', f'language = "{language}"') + labels
    return make_book({"001-a.md": section_source(1, total=1, body=body)}, toml)


def test_a_book_overrides_its_languages_quotes_in_book_toml(make_book: MakeBook) -> None:
    root = _book(make_book, "de", '[labels]\nquotes = "»«›‹"\n')
    book, found = read_book(root)
    assert book is not None and not [d for d in found if d.code == "E116"]
    assert book.quotes.marks("de") == tuple("»«›‹")
    assert book.quotes.marks("de-CH") == tuple("«»‹›")  # a region's own stays


def test_a_bad_quotes_override_is_e116_at_its_line(make_book: MakeBook) -> None:
    root = _book(make_book, "de", '[labels]\nquotes = "«»"\n')
    book, found = read_book(root)
    bad = [d for d in found if d.code == "E116"]
    assert len(bad) == 1 and bad[0].file == root / "book.toml"
    assert bad[0].line == len(BOOK_TOML.splitlines()) + 2
    assert book is not None and book.quotes.marks("de") == tuple("„“‚‘")  # German's own


def test_a_books_own_catalogue_gives_quotes_checked_at_file_and_line(
    make_book: MakeBook,
) -> None:
    root = _book(make_book, "en")
    labels = root / "templates" / "labels"
    labels.mkdir(parents=True)
    (labels / "it.toml").write_text('quotes = "“”‘’"\n', encoding="utf-8")
    (labels / "nl.toml").write_text('# Dutch\n\nquotes = "„”"\n', encoding="utf-8")
    book, found = read_book(root)
    bad = [d for d in found if d.code == "E116"]
    assert [(d.file, d.line) for d in bad] == [(labels / "nl.toml", 3)]
    assert book is not None
    assert book.quotes.marks("it") == ENGLISH  # the book's own over octavo's «»“”
    assert book.quotes.marks("nl") == tuple("“”‘’")  # a bad one is not taken


def test_a_german_books_sections_and_titles_are_curled_in_german(make_book: MakeBook) -> None:
    from octavo.render.manuscript import render_manuscript

    root = _book(make_book, "de", body="Er sagte: \"Das ist 'ganz' einfach.\"\n")
    book, _ = read_book(root)
    assert book is not None
    manuscript, _ = render_manuscript(book)
    section = manuscript.chapters[0].sections[0]
    assert "Er sagte: „Das ist ‚ganz‘ einfach.“" in section.body_html
    assert manuscript.title_html == "Testland: A Country Study"


def test_field_line_finds_a_top_level_key() -> None:
    assert field_line('a = 1\n"quotes" = "x"\n', "quotes") == 2
    assert field_line("quote_space = ''\n", "quotes") is None


def test_a_toml_key_has_its_case_a_bibtex_field_none() -> None:
    """TOML's keys are read with their case (`Quotes` is not the label `quotes`); BibTeX's
    field names without it, as BibTeX and citeproc-py read them (W152's line for the
    field citeproc-py calls 'url', written `URL`): one function, the case its argument."""
    toml = 'Quotes = "«»‹›"\nquotes = "“”‘’"\n'
    assert field_line(toml, "quotes") == 2
    bib = "@book{doe99,\n  title = {Roads},\n  URL = {https://e.org}\n}\n"
    assert field_line(bib, "url", any_case=True) == 3
    assert field_line(bib, "url") is None


@pytest.mark.parametrize(
    ("language", "marks"),
    [
        pytest.param("zh-Hant-TW", "「」『』", id="script-dropped-before-region"),
        pytest.param("zh-Hant", "「」『』", id="traditional-chinese-is-taiwans"),
        pytest.param("zh-Hant-HK", "「」『』", id="traditional-in-another-region"),
        pytest.param("zh-Hans-CN", "“”‘’", id="simplified"),
        pytest.param("de-Latn-CH", "«»‹›", id="swiss-german-with-its-script"),
        pytest.param("de-CH-1996", "«»‹›", id="a-variant-dropped"),
        pytest.param("he", "”“»«", id="hebrew"),
    ],
)
def test_a_tag_is_looked_for_without_its_script_then_its_region(language: str, marks: str) -> None:
    assert TABLE.marks(language) == tuple(marks)


def test_a_tags_fallbacks_follow_bcp_47() -> None:
    assert fallbacks("zh-Hant-TW") == ("zh-hant-tw", "zh-tw", "zh-hant", "zh")
    assert fallbacks("de-Latn-CH-1996") == (
        "de-latn-ch-1996", "de-ch-1996", "de-ch", "de-latn", "de",
    )  # fmt: skip
    assert fallbacks("pt_BR") == ("pt-br", "pt")
    assert fallbacks("x-private") == ("x-private", "x")


def test_labels_find_a_catalogue_by_the_same_fallbacks(tmp_path: Path) -> None:
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "zh-tw.toml").write_text("", encoding="utf-8")
    assert catalogue_path("zh-Hant-TW", (tmp_path,)) == labels / "zh-tw.toml"
    assert catalogue_path("de-Latn-CH", (tmp_path, TEMPLATES)) == TEMPLATES / "labels/de.toml"


@pytest.mark.parametrize(
    "link",
    [
        pytest.param('[He said "yes"](http://x.org){lang=de}', id="external"),
        pytest.param('[He said "yes"](#h){lang=de}', id="internal"),
        pytest.param('[He said "yes"](http://x.org){.c lang=de}', id="with-a-class"),
    ],
)
def test_a_links_lang_sets_its_quotes(link: str) -> None:
    html = render_block(f'## H {{#h}}\n\n{link} "here"\n', context=Context(quotes=TABLE)).html
    assert 'lang="de"' in html and "He said „yes“</a> “here”" in html


def test_a_links_lang_no_reader_reads_is_the_one_around_it() -> None:
    html = _german('[ein "Wort"](http://x.org){lang="no such tag!"}')
    assert "ein „Wort“</a>" in html


def _with_catalogue(make_book: MakeBook, language: str, labels: str = "") -> Path:
    root = _book(make_book, language, labels, body='Er sagte "ja" [und "so"]{lang=de-CH}.\n')
    (root / "templates" / "labels").mkdir(parents=True)
    (root / "templates" / "labels" / "de.toml").write_text('quotes = "»«›‹"\n', encoding="utf-8")
    return root


@pytest.mark.parametrize("language", ["de", "de-CH", "de-Latn-CH"])
def test_a_books_own_catalogue_outranks_a_shipped_region(
    make_book: MakeBook, language: str
) -> None:
    """The book's de.toml is de-CH's catalogue (labels' catalogue_path finds it): its marks
    are taken over templates/quotes.toml's de-ch, as all its other labels are."""
    from octavo.render.manuscript import render_manuscript

    book, _ = read_book(_with_catalogue(make_book, language))
    assert book is not None
    assert book.quotes.marks("de-CH") == book.quotes.marks("de") == tuple("»«›‹")
    assert book.quotes.marks("fr-CH") == tuple("«»‹›")  # another language's region stays
    manuscript, _ = render_manuscript(book)
    html = manuscript.chapters[0].sections[0].body_html
    assert 'Er sagte »ja« <span lang="de-CH">und »so«</span>.' in html


def test_book_toml_outranks_the_books_catalogue_for_the_books_language(
    make_book: MakeBook,
) -> None:
    root = _with_catalogue(make_book, "de-CH", '[labels]\nquotes = "„“‚‘"\n')
    book, _ = read_book(root)
    assert book is not None
    assert book.quotes.marks("de-CH") == tuple("„“‚‘")
    assert book.quotes.marks("de") == tuple("»«›‹")  # the catalogue's, for other tags


def test_a_books_own_catalogue_is_taken_from_the_first_folder(tmp_path: Path) -> None:
    from octavo.model import BookConfig

    first, second = tmp_path / "a", tmp_path / "b"
    for folder, quotes in ((first, "»«›‹"), (second, "«»‹›")):
        (folder / "labels").mkdir(parents=True)
        (folder / "labels" / "de.toml").write_text(f'quotes = "{quotes}"\n', encoding="utf-8")
    config = BookConfig(title="T", language="en", identifier="urn:x")
    table, _ = load_quotes(config, (first, second, TEMPLATES))
    assert table.marks("de") == tuple("»«›‹")  # as catalogue_path picks a/labels/de.toml
    assert table.marks("de-CH") == tuple("»«›‹")


def test_a_shipped_catalogue_s_marks_read_from_their_lines_are_the_whole_file_s() -> None:
    """octavo reads its own catalogues' `quotes` and `quote_space` from their two lines
    (parsing the nine whole cost a cold build 12 ms): the same values as the whole file's."""
    from octavo.project import TEMPLATES
    from octavo.source.labels import read_catalogue
    from octavo.source.quotes import _quote_keys

    for path in sorted((TEMPLATES / "labels").glob("*.toml")):
        whole = read_catalogue(path)
        assert _quote_keys(path) == {
            k: whole[k] for k in ("quotes", "quote_space") if k in whole
        }, path.name


def test_a_table_s_repr_is_short_and_names_what_it_holds() -> None:
    """The table is in every section's cache key: its repr is a digest, the same for two
    tables alike, another for another."""
    one, two = _shipped(), _shipped()
    assert repr(one) == repr(two) and len(repr(one)) < 60
    assert repr(one) != repr(QuoteTable(shipped=one.shipped, book=("de", "»«›‹", None)))
