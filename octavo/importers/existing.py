"""What the book an import writes into holds already: its sections (their numbers, files,
totals, sources, countries, dates and text) and book.toml's settings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from octavo.importers.neighbours import Neighbour, section_neighbour
from octavo.model import YearMonth
from octavo.source.dates import parse_iso_month
from octavo.source.files import TomlError, load_toml, read_utf8
from octavo.source.frontmatter import FrontMatterError, split_front_matter
from octavo.source.sections import section_files

__all__ = ["Existing", "book_settings", "existing_sections"]


@dataclass(frozen=True, slots=True)
class Existing:
    """The sections already in the book: number -> file, the totals, page file -> number,
    the countries, and each section as a neighbour of the pages imported beside it."""

    files: dict[int, Path] = field(default_factory=dict)
    totals: Counter[int] = field(default_factory=Counter)
    sources: dict[str, int] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)
    neighbours: list[Neighbour] = field(default_factory=list)
    dates: dict[str, Counter[YearMonth]] = field(default_factory=dict)  # by country
    bodies: dict[int, tuple[Path, str]] = field(default_factory=dict)  # number -> file, body
    # number -> its country and the file's line of its body's first line: the tables and
    # figures each section labels, and its words citing them (octavo.importers.mentions)
    held: dict[int, tuple[str, int]] = field(default_factory=dict)


def existing_sections(book: Path) -> Existing:
    found = Existing()
    for path in section_files(book):
        text, _ = read_utf8(path, root=book)
        try:
            front = split_front_matter(text or "")
        except FrontMatterError:
            continue
        data = front.data
        if type(data.get("sequence")) is int:
            found.files.setdefault(data["sequence"], path)
            found.bodies.setdefault(data["sequence"], (path, front.body))
            country = data.get("country")
            held = (country if isinstance(country, str) else "", front.body_line)
            found.held.setdefault(data["sequence"], held)
            if isinstance(data.get("source"), str):
                found.sources.setdefault(data["source"], data["sequence"])
        if type(data.get("total")) is int:
            found.totals[data["total"]] += 1
        if isinstance(data.get("country"), str) and data["country"]:
            found.countries[data["country"]] += 1
            dated = parse_iso_month(data.get("data_as_of"))
            if dated is not None:
                found.dates.setdefault(data["country"], Counter())[dated] += 1
        neighbour = section_neighbour(data)
        found.neighbours.extend([neighbour] if neighbour else [])
    return found


def book_settings(book: Path) -> dict[str, object]:
    text, _ = read_utf8(book / "book.toml", root=book, kind="config")  # the sandbox's rules
    try:
        return load_toml(text) if text is not None else {}
    except TomlError:
        return {}
