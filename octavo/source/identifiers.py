"""A book's public identifiers, checked and normalised: ISBN, LCCN, DOI; and its series.

ISBN: python-stdnum (check digits for ISBN-10 and ISBN-13, the hyphenation ranges of the
International ISBN Agency); an ISBN-10 is kept as its ISBN-13. LCCN: the Library of
Congress's normalisation (https://www.loc.gov/marc/lccn-namespace.html): no blanks, no
hyphen; a serial after a hyphen is padded to six digits; then a prefix of 0-3 letters, a
year of 2 or 4 digits and a 6-digit serial. DOI: "10.<registrant>/<suffix>".
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["IdentifierError", "doi", "isbn", "lccn", "public_keys", "uuid_as_identifier"]

# figures 0-9: an LCCN's, a DOI's prefix, a series position are ASCII in every record
_LCCN = re.compile(r"[a-z]{0,3}(?:[0-9]{2}|[0-9]{4})[0-9]{6}")
_DOI = re.compile(r"10\.[0-9]{4,9}/\S+")


class IdentifierError(ValueError):
    """An identifier that cannot be used; the message says why."""


def isbn(value: object) -> str:
    """'0-8444-0849-2' or '9780844408496' -> '978-0-8444-0849-6' (ISBN-13, hyphenated by
    the agency's ranges); a bad check digit is an error."""
    from stdnum import isbn as stdnum_isbn
    from stdnum.exceptions import InvalidChecksum, ValidationError

    if not isinstance(value, str):
        raise IdentifierError("'isbn' must be a string such as \"978-0-8444-0849-6\"")
    try:
        number = stdnum_isbn.validate(value)
    except InvalidChecksum as exc:
        raise IdentifierError(f"ISBN {value!r}: the check digit is wrong") from exc
    except ValidationError as exc:
        raise IdentifierError(f"ISBN {value!r} is not an ISBN-10 or ISBN-13: {exc}") from exc
    return str(stdnum_isbn.format(number, convert=True))


_IDENTIFIER_HINTS = {
    "isbn": "copy it again from the ISBN agency's record",
    "lccn": 'copy it from the book\'s Library of Congress record: "95-17389" or "2005012345"',
    "doi": 'copy it from its DOI record: "10.1234/abc" ("doi:" or "https://doi.org/" may lead)',
}


def lccn(value: object) -> str:
    """A Library of Congress Control Number, normalised ('95-17389' -> '95017389')."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise IdentifierError("'lccn' must be a string such as \"95-17389\"")
    text = re.sub(r"\s+", "", str(value)).lower().split("/")[0]
    if "-" in text:
        head, _, serial = text.partition("-")
        text = head + serial.rjust(6, "0") if serial.isascii() and serial.isdigit() else text
    if not _LCCN.fullmatch(text):
        raise IdentifierError(f"LCCN {value!r} is not a Library of Congress Control Number")
    return text


def doi(value: object) -> str:
    """'10.1234/abc', also written 'doi:10.…' or 'https://doi.org/10.…' -> '10.1234/abc'."""
    text = value.strip() if isinstance(value, str) else ""
    text = re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", text, flags=re.IGNORECASE)
    if not _DOI.fullmatch(text):
        raise IdentifierError(f'DOI {value!r} is not a DOI such as "10.1234/abc"')
    return text


def public_keys(data: dict[str, Any], bad: Any) -> dict[str, str]:
    """book.toml's isbn, lccn, doi (checked, normalised), the series' number and position,
    the CIP block (`bad` reports a problem at its key, octavo.source.config); E143 (a wrong
    ISBN, with the key's line), E144, E145."""
    found: dict[str, str] = {}
    for key, check in (
        ("isbn", isbn),
        ("lccn", lccn),
        ("doi", doi),
    ):
        if key in data:
            try:
                found[key] = check(data[key])
            except IdentifierError as exc:
                hint = _IDENTIFIER_HINTS[key]
                bad("E143" if key == "isbn" else "E144", key, str(exc), hint)
    for key in ("series_number", "cataloguing"):
        if key in data:
            if isinstance(data[key], str):
                found[key] = data[key].strip()
            else:
                bad("E105", key, f"'{key}' must be a string")
    position = data.get("series_position")
    if position is not None:
        text = str(position).strip() if not isinstance(position, bool) else ""
        if isinstance(position, int | float | str) and re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
            found["series_position"] = text
        else:
            bad("E145", "series_position", "'series_position' must be a number such as 112")
    return found


def uuid_as_identifier(data: dict[str, Any], bad: Any) -> dict[str, Any]:
    """`uuid` is another spelling of `identifier` ("urn:uuid:" may be left out); both given
    and different: E147."""
    given = data.get("uuid")
    if given is None:
        return data
    if not isinstance(given, str):
        bad("E105", "uuid", "'uuid' must be a string")
        return data
    value = given.strip().lower()
    value = value if value.startswith("urn:uuid:") else f"urn:uuid:{value}"
    if "identifier" in data and data["identifier"] != value:
        bad(
            "E147",
            "uuid",
            f"'uuid' {given!r} and 'identifier' {data['identifier']!r} differ",
            "a book has one UUID: keep one of the two keys",
        )
        return data
    return {**data, "identifier": value}
