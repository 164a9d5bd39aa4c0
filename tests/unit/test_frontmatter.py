"""A section's front matter that cannot be read says what to do (octavo.source.frontmatter):
a maker's walk found E201 (no closing '---') and E202 (a title with a colon or a bracket)
with a line and no hint, where every other front-matter error gives one."""

from __future__ import annotations

import pytest

from octavo.source.frontmatter import FrontMatterError, split_front_matter
from tests.conftest import MakeBook, section_source


@pytest.mark.parametrize(
    ("text", "code", "line", "hint"),
    [
        ("---\ntitle: A\n\nBody.\n", "E201", 1, "'---'"),
        ("---\ntitle: Russia: Trade\n---\nBody.\n", "E202", 2, 'title: "Russia: Trade"'),
        ("---\ntitle: [Glossary\nkind: glossary\n---\n", "E202", 3, "quote a value"),
        # a user's walk: the error was told at line 8, where YAML met the next quote
        (
            '---\ntitle: "Alpha\nchapter: 1\nsequence: 1\ndata_as_of: "1995-06"\n---\n',
            "E202",
            2,
            "close the quote",
        ),
        ("---\ntitle: 'Alpha\nchapter: 1\nnote: 'x'\n---\n", "E202", 2, "close the quote"),
        # quoted and closed (a quote within escaped, or doubled): told where YAML fails
        ('---\ntitle: "A \\"B\\""\nkind: [x\n---\n', "E202", 4, "quote a value"),
        ("---\ntitle: 'It''s'\nkind: [x\n---\n", "E202", 4, "quote a value"),
        # a value quoted over two lines, closed: YAML's own, not the fault (a review's find)
        ('---\ntitle: "Alpha\n  beta"\ncountry: T\nchapter: [1\n---\n', "E202", 6, "quote a value"),
    ],
    ids=[
        "not-closed",
        "colon-in-title",
        "open-bracket",
        "unclosed-double-quote",
        "unclosed-single-quote",
        "escaped-double-quote",
        "doubled-single-quote",
        "quoted-over-two-lines",
    ],
)
def test_a_front_matter_that_cannot_be_read_says_what_to_do(
    text: str, code: str, line: int, hint: str
) -> None:
    with pytest.raises(FrontMatterError) as raised:
        split_front_matter(text)
    assert (raised.value.code, raised.value.line) == (code, line)
    assert hint in raised.value.hint


@pytest.mark.parametrize(
    ("field", "value", "hint"),
    [
        ("data_as_of", '"\u0661\u0669\u0669\u0665-\u0660\u0666"', 'data_as_of: "1995-06"'),
        ("data_as_of", "\u0661\u0669\u0669\u0665-\u0660\u0666", 'data_as_of: "1995-06"'),
        ("last_updated", '"\u0967\u096f\u096f\u096c-\u0966\u0968"', 'last_updated: "1996-02"'),
    ],
    ids=["arabic-indic-quoted", "arabic-indic-bare", "devanagari"],
)
def test_a_date_in_another_scripts_figures_is_e207(
    make_book: MakeBook, field: str, value: str, hint: str
) -> None:
    """`data_as_of: "١٩٩٥-٠٦"` was read as June 1995 (\\d and int() take every script's
    figures; YAML and pandoc read 0-9 only): it is E207 at its line, the hint giving the
    same date in 0-9."""
    from octavo.source.sections import read_book

    date = value if field == "data_as_of" else '"1995-06"'
    extra = f"{field}: {value}\n" if field != "data_as_of" else ""
    source = section_source(1, total=1, date=date, extra=extra)
    line = next(n for n, text in enumerate(source.split("\n"), 1) if text.startswith(field))
    _, found = read_book(make_book({"001-a.md": source}))
    assert [(d.code, d.line) for d in found] == [("E207", line)]
    assert found[0].hint == f"write it in the figures 0-9: {hint}"


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ('"2026-13"', 'the month is 01 to 12: data_as_of: "2026-06"'),
        ('"0000-06"', 'the year is 1 to 9999, written in four figures: data_as_of: "1995-06"'),
        ('"June 1995"', 'write the year, then the month: data_as_of: "1995-06"'),
        ("1995-06-01", 'quote it, the year and the month: data_as_of: "1995-06"'),
        ("199506", 'write it quoted: data_as_of: "1995-06"'),
    ],
    ids=["month-13", "year-0", "month-name", "a-day", "a-number"],
)
def test_e207_s_hint_fits_what_was_written(make_book: MakeBook, value: str, hint: str) -> None:
    """`data_as_of: "2026-13"`, quoted already, was told to quote it: the hint now says
    what is wrong with the date written."""
    from octavo.source.sections import read_book

    _, found = read_book(make_book({"001-a.md": section_source(1, total=1, date=value)}))
    assert [d.code for d in found] == ["E207"]
    assert found[0].hint == hint
