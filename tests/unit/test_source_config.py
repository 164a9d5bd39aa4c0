"""book.toml: the language's fast path for common tags agrees with the IANA registry; the
publication `date`."""

from __future__ import annotations

import subprocess
import sys

import langcodes
import pytest

from octavo.source.config import language_ok, load_config
from tests.conftest import BOOK_TOML, MakeBook

TAGS = ["en", "ru", "be", "uk", "ro", "fr", "es", "de", "pt", "en-US", "pt-BR", "uk-UA"]


@pytest.mark.parametrize("tag", [*TAGS, "sr-Latn", "zh-Hant-TW", "klingon!! <x>", "xx", "en_US"])
def test_agrees_with_the_registry(tag: str) -> None:
    assert language_ok(tag) == bool(langcodes.tag_is_valid(tag))


def test_a_common_tag_does_not_load_the_registry() -> None:
    code = "import sys; from octavo.source.config import language_ok; language_ok('ru-RU');"
    code += "print('langcodes' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"1995"', "1995"),
        ('"1995-06"', "1995-06"),
        ('" 1995-06-10 "', "1995-06-10"),
        ("1996-02-29", "1996-02-29"),  # a TOML date
    ],
)
def test_date_is_the_epub_dc_date(make_book: MakeBook, value: str, expected: str) -> None:
    config, found = load_config(make_book({}, toml=BOOK_TOML + f"date = {value}\n"))
    assert not found and config is not None
    assert config.date == expected


@pytest.mark.parametrize(
    "value", ['"1995-13"', '"1995-02-30"', '"June 1995"', '"0000"', "1995", "1995-06-10T08:00:00"]
)
def test_a_date_that_is_no_day_is_E148_with_its_line(make_book: MakeBook, value: str) -> None:
    toml = BOOK_TOML + f"date = {value}\n"
    config, found = load_config(make_book({}, toml=toml))
    assert config is None
    assert [(d.code, d.line) for d in found] == [("E148", toml.count("\n"))]


@pytest.mark.parametrize(
    ("line", "code", "hint"),
    [
        ("date = 1995", "E148", 'quote it: date = "1995"'),
        ("date = 1995-06-10T08:00:00", "E148", 'quote it: date = "1995-06-10"'),
        (
            "research_completed = 1995-06-01",
            "E107",
            'quote it, the year and the month: research_completed = "1995-06"',
        ),
        ("research_completed = 1995", "E107", 'write it quoted: research_completed = "1995-06"'),
        ("research_completed = true", "E107", 'write it quoted: research_completed = "1995-06"'),
        ("date = true", "E148", 'write it quoted: date = "1995"'),
        (
            "research_completed = 0995-06-01",
            "E107",
            'quote it, the year and the month: research_completed = "0995-06"',
        ),
        (
            'research_completed = "2026-13"',
            "E107",
            'the month is 01 to 12: research_completed = "2026-06"',
        ),
        (
            'research_completed = "June 1995"',
            "E107",
            'write the year, then the month: research_completed = "1995-06"',
        ),
        ("research_completed = 1995-06", "E102", 'quote the month: research_completed = "1995-06"'),
        (
            "research_completed = 1995-06  # done",
            "E102",
            'quote the month: research_completed = "1995-06"',
        ),
    ],
)
def test_a_date_written_unquoted_is_told_to_quote_it(
    make_book: MakeBook, line: str, code: str, hint: str
) -> None:
    """`date = 1995` was told it is 'not a date like "1995"', and a bare month only TOML's
    own words: the hint gives the line as it must be written. A month's hint is front
    matter's (octavo.source.dates.date_hint): a quoted "2026-13" was told nothing, a
    year before 1000 given in three figures ("995-06"), `true` nothing."""
    toml = "\n".join(x for x in BOOK_TOML.splitlines() if not x.startswith("research_completed"))
    toml += f"\n{line}\n"
    _, found = load_config(make_book({}, toml=toml))
    assert [(d.code, d.line, d.hint) for d in found] == [(code, toml.count("\n"), hint)]


@pytest.mark.parametrize(
    ("table", "code", "hint"),
    [
        (
            '[chapters]\n1 = "The Economy"\npaper = "a4"\n',
            "E109",
            "'paper' is under [chapters] (every key after a [table] line is the table's): "
            "move it above [chapters]",
        ),
        (
            '[margins]\ninner = "1in"\npaper = "a4"\n',
            "E140",
            "every key after the [margins] line is the table's: move paper above [margins]",
        ),
        ('[margins]\nleft = "1in"\n', "E140", ""),
    ],
)
def test_a_book_key_written_under_a_table_is_told_to_move(
    make_book: MakeBook, table: str, code: str, hint: str
) -> None:
    """`paper = "a4"` added at the end of book.toml, whose last line `new` makes a
    [chapters] table, is the table's in TOML: the error said only what [chapters] holds."""
    toml = "\n".join(x for x in BOOK_TOML.splitlines() if not x.startswith("chapters"))
    _, found = load_config(make_book({}, toml=f"{toml}\n{table}"))
    assert [(d.code, d.hint) for d in found if d.severity.value == "error"] == [(code, hint)]


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("subtitel", "did you mean 'subtitle'?"),
        ("reseach_completed", "did you mean 'research_completed'?"),
    ],
)
def test_a_misspelt_key_is_told_the_key_it_is_close_to(
    make_book: MakeBook, key: str, hint: str
) -> None:
    """W103 listed all 40 known keys after 'subtitel', leaving the reader to spot it."""
    _, found = load_config(make_book({}, toml=BOOK_TOML + f'{key} = "x"\n'))
    assert [(d.code, d.hint) for d in found] == [("W103", hint)]


def test_a_key_close_to_none_is_told_every_key(make_book: MakeBook) -> None:
    _, found = load_config(make_book({}, toml=BOOK_TOML + 'colour = "red"\n'))
    assert [d.code for d in found] == ["W103"] and found[0].hint.startswith("known keys: authors")


@pytest.mark.parametrize(
    "key",
    ['"²"', '"٥"', '"1 "', '"-1"'],
    ids=["superscript", "arabic-indic", "spaced", "negative"],
)
def test_a_chapter_number_not_in_figures_is_E109(make_book: MakeBook, key: str) -> None:
    """`"²" = "…"` under [chapters]: isdigit() took it, int() refused it, and every build
    stopped with a ValueError; a chapter's number is written in figures 0 to 9."""
    toml = "\n".join(x for x in BOOK_TOML.splitlines() if not x.startswith("chapters"))
    book = make_book({}, toml=f'{toml}\n[chapters]\n{key} = "The Economy"\n')
    _, found = load_config(book)
    assert [(d.code, d.line) for d in found] == [("E109", 5)]  # [chapters]


@pytest.mark.parametrize(
    ("keys", "at"),
    [
        pytest.param('paper = "a5"\n[margins]\ninner = "2.5in"\nouter = "1in"\n', "[margins]"),
        pytest.param('margins = {top = "6in", bottom = "3in"}\n', "margins = "),
        pytest.param('paper = "1 x 9 in"\n[margins]\ninner = "0.5in"\n', "paper = "),
    ],
    ids=["margins-table", "margins-inline", "paper-wrong"],
)
def test_margins_too_wide_are_e108_at_margins(make_book: MakeBook, keys: str, at: str) -> None:
    """ "margins leave less than 40 % of the page" was told at the paper's line (or at none,
    the paper unset), where the margins were what to change; a paper that is wrong itself
    is still told at `paper`."""
    toml = "\n".join(x for x in BOOK_TOML.splitlines() if not x.startswith("chapters"))
    toml += "\n" + keys
    _, found = load_config(make_book({}, toml=toml))
    line = next(n for n, text in enumerate(toml.split("\n"), 1) if text.startswith(at))
    assert [(d.code, d.line) for d in found if d.severity.value == "error"] == [("E108", line)]


@pytest.mark.parametrize("key", ["title", "language", "identifier"])
def test_a_required_key_of_spaces_is_e104_at_its_line(make_book: MakeBook, key: str) -> None:
    """`title = " "` passed the check for a missing title: a book with no title, a title
    page and an EPUB dc:title of a space."""
    lines = [x for x in BOOK_TOML.splitlines() if not x.startswith(f"{key} =")]
    toml = "\n".join([*lines, f'{key} = "  "']) + "\n"
    _, found = load_config(make_book({}, toml=toml))
    assert [(d.code, d.line) for d in found if d.code == "E104"] == [("E104", len(lines) + 1)]


def test_parts_over_several_lines_w311_at_the_country_line(make_book: MakeBook) -> None:
    """W311 ('parts' names a country no section has) was told at book.toml with no line;
    in a list over several lines it points at the country's own line, a comment with its
    name and a name written with an escape (\\u00f4) taken as TOML takes them."""
    from octavo.source.sections import read_book
    from tests.conftest import section_source

    toml = BOOK_TOML + (
        "parts = [\n"  # line 6
        '  "Testland",  # not "Otherland"\n'
        "  'Otherland',\n"  # line 8
        '  "C\\u00f4te",\n'  # line 9
        "]\n"
    )
    sections: dict[str, str | bytes] = {
        "001-a.md": section_source(1, total=2),
        "002-b.md": section_source(2, total=2),
    }
    _, found = read_book(make_book(sections, toml=toml))
    assert [(d.code, d.line) for d in found if d.code == "W311"] == [("W311", 8), ("W311", 9)]


# Python's \d and isdigit() take every script's figures; TOML, YAML and pandoc read 0-9 only
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    ("key", "value", "code", "hint"),
    [
        ("research_completed", "1995-06", "E107", 'research_completed = "1995-06"'),
        ("date", "1995-06-10", "E148", 'date = "1995-06-10"'),
        ("series_position", "112", "E145", ""),
        ("lccn", "95-17389", "E144", ""),
        ("doi", "10.1234/abc", "E144", ""),
        ("paper", "150 x 230 mm", "E108", ""),
        ("bleed", "3mm", "E141", ""),
    ],
)
def test_a_value_in_another_scripts_figures_is_an_error(
    make_book: MakeBook, key: str, value: str, code: str, hint: str
) -> None:
    """date = "١٩٩٥" went into the EPUB's dc:date as written (no W3CDTF date), and a
    month, a series position, an LCCN, a trim were read as if in 0-9: each is told at its
    line, a date with the same in 0-9."""
    figures = value.translate(ARABIC) if key != "doi" else "10." + value[3:].translate(ARABIC)
    toml = BOOK_TOML + f'{key} = "{figures}"\n'
    config, found = load_config(make_book({}, toml=toml))
    assert config is None
    assert [(d.code, d.line) for d in found] == [(code, toml.count("\n"))]
    assert found[0].hint.startswith(f"write it in the figures 0-9: {hint}" if hint else "")


@pytest.mark.parametrize(
    ("keys", "at"),
    [
        pytest.param('paper = "2 x 2 in"\n', "paper = ", id="small-paper"),
        pytest.param('paper = "6 x 3 in"\n', "paper = ", id="short-paper"),
        pytest.param('paper = "5 x 3.5 in"\n', "paper = ", id="short-and-narrow-landscape"),
        pytest.param(
            'paper = "11 x 4 in"\n[margins]\ninner = "3.1in"\nouter = "3.4in"\n',
            "[margins]",
            id="wide-page-narrow-block",
        ),
        pytest.param(
            'paper = "a5"\n[margins]\ninner = "1in"\ntop = "2.5in"\nbottom = "2.4in"\n',
            "top = ",
            id="top-margin",
        ),
        pytest.param(
            'paper = "3.5 x 8 in"\n[margins]\nouter = "1.2in"\ninner = "0.85in"\n',
            "outer = ",
            id="outer-margin",
        ),
        pytest.param(
            'paper = "a5"\nmargins = {top = "2.5in", bottom = "2.4in", inner = "1in"}\n',
            "margins = ",
            id="inline-margins",
        ),
        pytest.param(
            'paper = "2.5 x 3 in"\n[margins]\ntop = "0.3in"\n', "paper = ", id="paper-and-margin"
        ),
    ],
)
def test_a_text_block_under_the_minimum_is_e149_at_its_key(
    make_book: MakeBook, keys: str, at: str
) -> None:
    """`paper = "2 x 2 in"` passed book.toml's check and the PDF failed at its twelfth page
    (E604, a note a page after its heading); a page too small for a book is now told at the
    key that made it so, with its text block and the minimum."""
    toml = "\n".join(x for x in BOOK_TOML.splitlines() if not x.startswith("chapters"))
    toml += "\n" + keys
    _, found = load_config(make_book({}, toml=toml))
    line = next(n for n, text in enumerate(toml.split("\n"), 1) if text.startswith(at))
    errors = [d for d in found if d.severity.value == "error"]
    assert [(d.code, d.line) for d in errors] == [("E149", line)]
    assert "text block" in errors[0].message and " in at least, or " in errors[0].message
    if "9.5 pt type" in errors[0].message:  # a narrow page's type: the minimum as measured
        assert "1.5 × 4 in at least, or 4.35 × 2.62 in on a wide page" in errors[0].message
    assert errors[0].hint


@pytest.mark.parametrize(
    "paper",
    [
        *("2 x 4.88 in", "2 x 9 in", "6x9", "a5", "letter", "5.5x8.5", "4 x 6 in"),
        *("6 x 3.5 in", "5.8 x 3.5 in", "8 x 4 in", "11 x 4 in", "7 x 4 in"),
    ],
)
def test_a_page_that_holds_the_minimum_is_taken(make_book: MakeBook, paper: str) -> None:
    toml = "\n".join(x for x in BOOK_TOML.splitlines() if not x.startswith("chapters"))
    _, found = load_config(make_book({}, toml=f'{toml}\npaper = "{paper}"\n'))
    assert not found


def test_a_key_after_a_blank_line_is_told_at_its_own_line(make_book: MakeBook) -> None:
    """key_line's `^\\s*` ran over the blank lines above a key, so a key, a table or a label
    set after a blank line (as README's book.toml sets [chapters] and [margins]) was told
    at the first of those blank lines: E105 at line 9 of a `subtitle` on line 11."""
    toml = BOOK_TOML + '\n\nsubtitle = [1]\n\n\ncolour = "red"\n\n[margins]\n\ninner = "wide"\n'
    lines = toml.split("\n")
    _, found = load_config(make_book({}, toml=toml))
    told = {d.code: d.line for d in found}
    assert told == {
        "E105": lines.index("subtitle = [1]") + 1,
        "W103": lines.index('colour = "red"') + 1,
        "E140": lines.index('inner = "wide"') + 1,
    }


@pytest.mark.parametrize(
    ("value", "code"),
    [
        pytest.param("3", "E105", id="a-number"),
        pytest.param('["@a", 3]', "E105", id="a-number-in-the-list"),
        pytest.param('"doe99"', "E105", id="no-at"),
        pytest.param('"@a\\u0007"', "E123", id="a-control-character"),
    ],
)
def test_nocite_names_keys_as_pandoc_does(make_book: MakeBook, value: str, code: str) -> None:
    """pandoc's `nocite`: a string of keys ("@doe99, @smith2001"), a list of them, or
    "@*"; anything else is told at its line."""
    toml = BOOK_TOML + f"nocite = {value}\n"
    config, found = load_config(make_book({}, toml=toml))
    assert config is None
    assert [(d.code, d.line) for d in found] == [(code, toml.count("\n"))]


def test_nocite_keeps_each_string_s_line(make_book: MakeBook) -> None:
    toml = BOOK_TOML + 'nocite = [\n  "@a, @b",\n  "@*",\n]\n'
    config, found = load_config(make_book({}, toml=toml))
    assert not found and config is not None
    start = BOOK_TOML.count("\n")
    assert config.nocite == (("@a, @b", start + 2), ("@*", start + 3))


def test_no_w311_beside_the_error_of_a_section_not_read(make_book: MakeBook) -> None:
    """A broken save of a part's only section told W311 ('parts' names a country no
    section has) beside the section's own error: the country is that section's, not read.
    (A user-tester's report, session 46.)"""
    from octavo.source.sections import read_book
    from tests.conftest import section_source

    toml = BOOK_TOML + 'parts = ["Testland", "Otherland"]\n'
    other = section_source(2, total=2).replace("country: Testland", "country: Otherland")
    sections: dict[str, str | bytes] = {
        "001-a.md": section_source(1, total=2),
        "002-b.md": other.replace("chapter: 1", "chapter: [1"),
    }
    book = make_book(sections, toml=toml)
    _, found = read_book(book)
    codes = [d.code for d in found]
    assert "W311" not in codes and any(c.startswith("E2") for c in codes), codes
    (book / "002-b.md").write_text(other, "utf-8")  # saved whole again: no W311 either
    assert "W311" not in [d.code for d in read_book(book)[1]]
