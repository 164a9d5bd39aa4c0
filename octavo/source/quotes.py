"""The quotation marks of every language a book may be written in (octavo.model.quotes).

A tag's `quotes` and `quote_space` are taken from, first first: book.toml's [labels] (for
the book's own language), the book's own templates/labels/<language>.toml (the catalogue
labels' catalogue_path finds for the tag: the book's de.toml for de-CH too), octavo's
shipped catalogues, then templates/quotes.toml (languages without a catalogue, and regions
whose marks differ from their language's: de-CH, fr-CH, pt-BR, which a shipped catalogue of
their language does not outrank). A catalogue's bad `quotes` or `quote_space` is E116 at
its line; book.toml's are checked with the other labels (octavo.source.labels)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from octavo.errors import Diagnostic, error
from octavo.model.language_tags import tag_key
from octavo.model.quotes import QUOTE_SPACES, Given, QuoteTable, over
from octavo.sandbox import FileRefused, read_file
from octavo.settings import BookConfig
from octavo.shipped import TEMPLATES
from octavo.source.files import field_line, load_toml

__all__ = ["QUOTE_KEYS", "load_quotes", "quotes_problem"]

QUOTE_KEYS = ("quotes", "quote_space")


def quotes_problem(key: str, value: object) -> str:
    """Why `value` cannot be the label `key` ("quotes" or "quote_space"), or ""."""
    if key == "quote_space":
        if value in QUOTE_SPACES:
            return ""
        return 'must be "" (no space), "\\u00A0" (no-break) or "\\u202F" (narrow no-break)'
    if not isinstance(value, str) or len(value) != 4:
        given = f"{len(value)} given" if isinstance(value, str) else "not a string"
        return (
            "must be 4 characters, the opening and closing marks of a quotation and then of "
            f'one inside it, as "„“‚‘" ({given})'
        )
    odd = next((c for c in value if c.isspace() or c.isalnum() or _control(c)), None)
    if odd is not None:
        return f"must be 4 quotation marks, not a letter, figure, space or control ({odd!r})"
    return ""


def _control(character: str) -> bool:
    return unicodedata.category(character).startswith("C")


@lru_cache(maxsize=1)
def _shipped() -> tuple[Given, ...]:
    """templates/quotes.toml, then octavo's catalogues over it: (tag, quotes, space)."""
    from octavo.source.labels import read_catalogue

    found: dict[str, Given] = {
        tag: (tag, str(quotes), "") for tag, quotes in read_catalogue(_TABLE).items()
    }
    for path in sorted((TEMPLATES / "labels").glob("*.toml")):
        tag = tag_key(path.stem)
        base = found.get(tag, (tag, "", ""))
        given = _given(tag, _quote_keys(path))
        quotes, space = over((base[1] or "", base[2] or ""), given)
        if quotes:
            found[tag] = (tag, quotes, space)
    return tuple(sorted(found.values()))


_TABLE = TEMPLATES / "quotes.toml"


# a shipped catalogue's lines of `quotes` and `quote_space` (its keys are all top-level)
_QUOTE_LINE = re.compile(r"^(?:quotes|quote_space)[ \t]*=.*$", re.MULTILINE)


def _quote_keys(path: Path) -> dict[str, Any]:
    """`quotes` and `quote_space` of one of octavo's own catalogues, read from their two
    lines, not the whole file: every catalogue is read for its marks, and a cold build
    spent 12 ms parsing the nine whole (tests/unit/test_quotes.py checks the two reads
    agree)."""
    import tomllib

    return tomllib.loads("\n".join(_QUOTE_LINE.findall(path.read_text(encoding="utf-8"))))


def _given(tag: str, catalogue: dict[str, Any]) -> Given:
    """A catalogue's `quotes` and `quote_space`, None where it has none."""
    quotes, space = catalogue.get("quotes"), catalogue.get("quote_space")
    return (tag, None if quotes is None else str(quotes), None if space is None else str(space))


def load_quotes(
    config: BookConfig, template_dirs: tuple[Path, ...]
) -> tuple[QuoteTable, tuple[Diagnostic, ...]]:
    """The book's table of marks; E116 for a bad `quotes` or `quote_space` in one of the
    book's own catalogues (those octavo ships are tested)."""
    from octavo.source.labels import catalogue_path

    own: dict[str, Given] = {}  # by file name: the first folder's, as catalogue_path finds
    problems: list[Diagnostic] = []
    reported = catalogue_path(config.language, template_dirs)  # load_labels read it
    for folder in template_dirs:
        if folder.resolve() == TEMPLATES.resolve():
            continue
        for path in sorted((folder / "labels").glob("*.toml")):
            if tag_key(path.stem) in own:
                continue
            try:
                text = read_file(path, template_dirs, "config").decode("utf-8")
                catalogue = load_toml(text)
            except (FileRefused, UnicodeDecodeError, ValueError):
                continue  # the book's language's is reported by load_labels; others unused
            given = {k: catalogue[k] for k in QUOTE_KEYS if k in catalogue}
            bad = [(k, quotes_problem(k, v)) for k, v in given.items() if quotes_problem(k, v)]
            if path != reported:
                problems += [
                    error("E116", f"{key}: {problem}", path, field_line(text, key))
                    for key, problem in bad
                ]
            own[tag_key(path.stem)] = _given(tag_key(path.stem), {} if bad else given)
    given = {k: v for k, v in config.labels if k in QUOTE_KEYS}
    book = None  # book.toml's, for the book's language (checked, with their lines, by load_labels)
    if given and not any(quotes_problem(k, v) for k, v in given.items()):
        book = _given(tag_key(config.language), given)
    kept = tuple(entry for _, entry in sorted(own.items()) if entry[1:] != (None, None))
    return QuoteTable(_shipped(), kept, book), tuple(problems)
