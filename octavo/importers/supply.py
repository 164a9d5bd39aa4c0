"""What a page of an import lacks, supplied in turn: from the manifest, the file name,
--data-as-of, book.toml, or the other pages of the import; each note says by whom."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from octavo.errors import Diagnostic, error, warning
from octavo.importers.countries import named_in_text, named_note
from octavo.importers.existing import Existing, book_settings, existing_sections
from octavo.importers.manifest import Entry
from octavo.importers.neighbours import page_neighbour, placements, supply_chapter
from octavo.importers.page import Page
from octavo.importers.page_fields import page_fields
from octavo.importers.profiles.sites import SITES
from octavo.importers.subject import Addressed, address_subject, chapter_named
from octavo.importers.supply_dates import commonest, no_date, supplied_date
from octavo.limits import MAX_SECTIONS
from octavo.model import YearMonth
from octavo.source.config_values import chapter_number

__all__ = ["Options", "Supplier"]

_NUMBER = re.compile(r"(\d+)(?!.*\d)")  # the last number in a file name


@dataclass(frozen=True, slots=True)
class Options:
    """What the user supplies for every page: --manifest, --data-as-of, --force."""

    force: bool = False
    manifest: dict[str, Entry] | None = None
    manifest_file: Path | None = None  # where `manifest` was read, for its messages
    data_as_of: YearMonth | None = None
    strict: bool = False  # a page that needs a warning is refused


def _naming(countries: Counter[str], book: Counter[str]) -> str:
    if countries:
        return f" (this import's pages name {', '.join(sorted(countries))})"
    return f" (the book's sections name {', '.join(sorted(book))})" if book else ""


def _possible(page: Page) -> bool:
    """A section number of a study: 1 to MAX_SECTIONS, at most the total where one is known
    (a page whose study's total no page, manifest or section states has none)."""
    numbers = (page.sequence, page.total) if page.total is not None else (page.sequence,)
    return all(type(n) is int and 1 <= n <= MAX_SECTIONS for n in numbers) and (
        page.total is None or (page.sequence or 0) <= page.total
    )


class Supplier:
    """The pages of one import, and what each lacks supplied in turn."""

    def __init__(self, book: Path, options: Options):
        self.book, self.options = book, options
        self.settings = book_settings(book)
        known = existing_sections(book) if book.is_dir() else Existing()
        self.existing, self.totals, self.sources, self.countries = (
            known.files,
            known.totals,
            known.sources,
            known.countries,
        )
        self.neighbours = known.neighbours
        self.dates = known.dates
        self.bodies = known.bodies  # the book's sections' text (W418)
        self.held = known.held  # their countries and body lines (octavo.importers.mentions)

    def supply(
        self, pages: list[tuple[Path, Page, Entry | None]]
    ) -> list[tuple[Path, Page | None, list[str], list[Diagnostic]]]:
        own = str(self.settings.get("country") or "")
        pages, named = named_in_text(pages, (*self.countries, *([own] if own else [])))
        countries = Counter(p.country for _, p, _ in pages if p.country)
        country, whence = self._country(countries)
        # a page of Belarus takes the date of Belarus's pages, never Nepal's (a Belarus page
        # imported beside a Nepal one was dated September 1991); a page that names no
        # country lends its date under the country it is given (W414, the import's one),
        # none where it is given none (refused, E401: a 2005 country profile of no named
        # country dated the 1995 pages imported with it); nor does a page dated by a line
        # of its own (Page.own_date: that 2005 profile, now found to be Nepal's by its text,
        # W419, is no page of Nepal's 1991 study)
        dates_of: dict[str, Counter[YearMonth]] = {}
        for _, p, _ in pages:
            if p.data_as_of and (p.country or country) and not p.own_date:
                dates_of.setdefault(p.country or country, Counter())[p.data_as_of] += 1
        every: Counter[YearMonth] = sum(dates_of.values(), Counter())
        agreed = commonest(every) if len(every) == 1 else None  # the import's one date
        numbered: list[tuple[int | None, str]] = []
        for path, page, entry in pages:
            number, how = self._number(path, page, entry)
            if number is not None and how and number in {n for n, _ in numbered}:
                number, how = None, ""  # two file names with one number: number it in order
            numbered.append((number, how))
        taken = set(self.existing) | {n for n, _ in numbered if n}
        next_free = max(taken, default=0) + 1
        for i, (number, _) in enumerate(numbered):
            if number is None:
                numbered[i] = (next_free, "in order after the others")
                next_free += 1
        known_totals = [
            t
            for t in [p.total for _, p, _ in pages] + [e.total for _, _, e in pages if e]
            if t and t <= MAX_SECTIONS
        ]
        # the study's "of M" where a page, the manifest or the book's sections state it; else
        # none: the highest number of the import is no total (it was written as one, and
        # W309 then named as missing sections of a study that never had them)
        total = max([*known_totals, *self.totals], default=None)
        # first what each page has or is given (its number, the manifest's fields, a title),
        # then its chapter: a page that names none is placed by the others around it
        given: list[tuple[Path, Page, list[str], list[Diagnostic]]] = []
        for (path, page, entry), (number, how) in zip(pages, numbered, strict=True):
            supplied: list[str] = []
            found: list[Diagnostic] = []
            if path in named:  # W419
                note, diagnostic = named_note(path, page.country, named[path])
                supplied.append(note)
                found.append(diagnostic)
            if how:
                supplied.append(f"section {number}: {how}")
            if how and not (entry and entry.sequence):  # the manifest's number is no guess
                found.append(
                    warning(
                        "W407",
                        f"no section number: numbered {number} ({how})",
                        path,
                        hint="give its number in a --manifest",
                    )
                )
            page = page_fields(path, page, entry, supplied, found, (number, country))
            page = replace(page, sequence=number, total=page.total or total)
            given.append((path, page, supplied, found))
        placed = placements(
            [page_neighbour(p, country, _possible(p)) for _, p, _, _ in given], self.neighbours
        )
        out: list[tuple[Path, Page | None, list[str], list[Diagnostic]]] = []
        titles: dict[str, dict[int, str]] = {}  # a country's known chapter titles (W420)
        for i, (path, page, supplied, found) in enumerate(given):
            addressed = self._addressed(path, page, country, given, titles)
            page = supply_chapter(path, page, placed.get(i), supplied, found, addressed)
            if not _possible(page):
                found.append(
                    error(
                        "E405",
                        f"'Section {page.sequence} of {page.total}': not a section number of "
                        f"a study (1 to {MAX_SECTIONS:,}, at most the total)",
                        path,
                        hint="correct the page's 'Section N of M' line, or its manifest entry",
                    )
                )
                out.append((path, None, supplied, found))
                continue
            if not page.country and country:
                page = replace(page, country=country)
                if whence:
                    supplied.append(f"country {country} from {whence}")
                    found.append(
                        warning(
                            "W414",
                            f"no country found in the page: took {country} from {whence}",
                            path,
                            hint="check it: a page of another study needs a book of its own",
                        )
                    )
            date = page.data_as_of or supplied_date(
                page,
                (dates_of, agreed),
                path,
                supplied,
                found,
                data_as_of=self.options.data_as_of,
                settings=self.settings,
                book_dates=self.dates,
            )
            if not page.country:
                found.append(
                    error(
                        "E401",
                        "no country found in the page" + _naming(countries, self.countries),
                        path,
                        hint="import it alone into a book whose book.toml sets its 'country'",
                    )
                )
            if date is None:
                found.append(no_date(path))
                out.append((path, None, supplied, found))
                continue
            out.append((path, replace(page, data_as_of=date), supplied, found))
        return out

    def _addressed(
        self,
        path: Path,
        page: Page,
        country: str,
        pages: list[tuple[Path, Page, list[str], list[Diagnostic]]],
        titles: dict[str, dict[int, str]],
    ) -> Addressed | None:
        """For a page that names no chapter, parents or kind: the subject its address
        names, with the chapter of its study whose known title names it. `titles`: each
        country's chapter titles, made at its first page that needs them and kept for the
        import's others (they were made again for every such page)."""
        if page.chapter is not None or page.parents is not None or page.kind is not None:
            return None
        own = page.country or country
        named = any(p.subject_in_name for p in SITES if p.name == page.profile)
        addressed = address_subject(page.address, path.name if named else "", own, page.title)
        if addressed is None:
            return None
        if own not in titles:
            titles[own] = self._chapter_titles(own, country, pages)
        return chapter_named(addressed, titles[own])

    def _chapter_titles(
        self, own: str, country: str, pages: list[tuple[Path, Page, list[str], list[Diagnostic]]]
    ) -> dict[int, str]:
        """The titles of the chapters of `own`'s study that this import knows: book.toml's
        [chapters], the import's chapter-level pages, the manifest's chapter titles (the
        later of two for one chapter wins). `country`: the import's, for a page naming none."""
        table = self.settings.get("chapters")
        table = table if isinstance(table, dict) else {}
        part = table.get(own)  # a book of parts: [chapters.Belarus]; else the book's own
        if not isinstance(part, dict):
            part = table if str(self.settings.get("country") or own) == own else {}
        numbered = ((chapter_number(n), t) for n, t in part.items())
        titles = {n: t for n, t in numbered if n is not None and isinstance(t, str)}
        for _, other, _, _ in pages:
            if other.chapter_title and other.chapter and (other.country or country) == own:
                titles[other.chapter] = other.chapter_title
        for entry in (self.options.manifest or {}).values():
            if entry.chapter and entry.chapter_title:
                titles[entry.chapter] = entry.chapter_title
        return titles

    def _country(self, countries: Counter[str]) -> tuple[str, str]:
        """The country for a page that names none, and where it came from ("" for the
        book's own): the one country this import's pages name (said, the same at every
        import of them); with none named, book.toml's, unless it is a volume's (its
        sections name other countries: the import wrote "Belarus and Moldova", no page's
        country). Pages of several countries give none: a page is never given a country
        by a count of the others (a page of Nepal imported beside pages of Belarus was
        given Belarus, silently)."""
        if len(countries) == 1:
            return next(iter(countries)), "the other pages of this import"
        own = str(self.settings.get("country") or "")
        if not countries and own and set(self.countries) <= {own}:
            return own, ""
        return "", ""

    def _number(self, path: Path, page: Page, entry: Entry | None) -> tuple[int | None, str]:
        if entry and entry.sequence:
            return entry.sequence, "from the manifest"
        if page.sequence is not None:
            return page.sequence, ""
        match = _NUMBER.search(path.stem)
        if match and 0 < int(match[1]) < 1000:
            return int(match[1]), f"from the file name {path.name!r}"
        if path.name in self.sources:  # numbered in order when it was imported before
            return self.sources[path.name], "in order after the others"
        return None, ""
