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
