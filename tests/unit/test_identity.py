"""One identifier per book: derived once from the book's content identity, never from the
country alone; W130 for an old country-only identifier, W131 for two books sharing one."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from octavo import api
from octavo.importers.batch import import_pages
from octavo.source.config import load_config
from octavo.source.identity import book_identifier, country_only_identifier
from tests.conftest import BOOK_TOML, SEED, MakeBook

TITLE = "Belarus: A Country Study"


def test_same_content_same_identifier_whatever_the_order_and_spacing() -> None:
    one = book_identifier(TITLE, "Belarus", [(58, "Russia"), (1, "History")], 81)
    two = book_identifier(f" {TITLE} ", "belarus", [(1, "History"), (58, " Russia")], 81)
    assert one == two and one.startswith("urn:uuid:")


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(dict(sections=[(58, "Russia")]), id="an excerpt"),
        pytest.param(dict(country="Ukraine"), id="another country"),
        pytest.param(dict(title="Belarus and Moldova: Country Studies"), id="another title"),
        pytest.param(dict(subtitle="Foreign Relations"), id="a subtitle"),
        pytest.param(dict(total=82), id="another edition"),
    ],
)
def test_different_books_differ(other: dict[str, object]) -> None:
    whole = dict(title=TITLE, country="Belarus", sections=[(n, f"S{n}") for n in range(1, 82)])
    base = {**whole, "total": 81}
    assert book_identifier(**base) != book_identifier(**{**base, **other})  # type: ignore[arg-type]
    assert book_identifier(**base) != country_only_identifier("Belarus")  # type: ignore[arg-type]


def test_import_derives_it_from_the_pages_and_keeps_it(tmp_path: Path) -> None:
    excerpt, whole = tmp_path / "excerpt", tmp_path / "whole"
    import_pages([SEED], excerpt)
    page = SEED.read_text(encoding="utf-8")
    other = tmp_path / "pages" / "other.txt"
    other.parent.mkdir()
    other.write_text(page.replace("Section 58 of 81", "Section 57 of 81"), encoding="utf-8")
    import_pages([SEED, other], whole)
    first = tomllib.loads((excerpt / "book.toml").read_text())["identifier"]
    second = tomllib.loads((whole / "book.toml").read_text())["identifier"]
    assert first != second
    assert country_only_identifier("Belarus") not in (first, second)
    import_pages([other], excerpt)  # the excerpt grows: its identifier stays
    assert tomllib.loads((excerpt / "book.toml").read_text())["identifier"] == first


def test_country_only_identifier_is_W130(make_book: MakeBook) -> None:
    old = country_only_identifier("Testland")
    book = make_book({}, BOOK_TOML.replace("urn:uuid:12345678-1234-5678-9abc-123456789abc", old))
    _, found = load_config(book)
    assert [(d.code, d.line) for d in found] == [("W130", 3)]


def test_two_books_sharing_one_identifier_is_W131(tmp_path: Path) -> None:
    books = []
    for name in ("a", "b", "c"):
        book = tmp_path / name
        book.mkdir()
        toml = BOOK_TOML if name != "c" else BOOK_TOML.replace("12345678-1234", "87654321-4321")
        (book / "book.toml").write_text(toml, encoding="utf-8")
        books.append(book)
    found = api.shared_identifiers(books)
    assert [(d.code, Path(str(d.file)).parent.name) for d in found] == [("W131", "b")]
    assert str(books[0]) in found[0].message


def test_import_names_the_study_and_site_as_source_not_the_folder(tmp_path: Path) -> None:
    book = tmp_path / "book"
    import_pages([SEED], book)
    config = tomllib.loads((book / "book.toml").read_text())
    assert config["source"].startswith("Library of Congress Country Studies")
    assert config["publisher"] == "Federal Research Division, Library of Congress"
    assert SEED.parent.name not in config["source"]


@pytest.mark.parametrize(
    "name", ["", "octavo:country-study:belarus", "Ünïcode — title", "x" * 500], ids=str.__len__
)
def test_the_name_based_uuids_are_the_uuid_modules(name: str) -> None:
    """Made without the uuid module (its import costs every command), the same UUIDs."""
    import uuid

    from octavo.source import identity

    ours = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/octavo/octavo#book-identity")
    kept = (identity.NAMESPACE, identity.NAMESPACE_URL)
    assert kept == (ours.bytes, uuid.NAMESPACE_URL.bytes)
    for namespace in (uuid.NAMESPACE_URL, ours):
        assert identity.uuid5(namespace.bytes, name) == str(uuid.uuid5(namespace, name))
