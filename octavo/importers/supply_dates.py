"""A page's data date supplied when it gives none (octavo.importers.supply): from
--data-as-of, book.toml's research_completed, the import's other pages, or the book's
sections, each of its country (W412 says whence); none to supply is E403."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from octavo.errors import Diagnostic, error, warning
from octavo.importers.page import Page
from octavo.model import YearMonth
from octavo.source.dates import parse_iso_month

__all__ = ["commonest", "no_date", "supplied_date"]

# a volume's own pages, of all its countries: dated as the import's other pages, whatever
# their country (a country's section takes only its country's date)
VOLUME_KINDS = ("foreword", "acknowledgments", "preface")


def supplied_date(
    page: Page,
    known: tuple[dict[str, Counter[YearMonth]], YearMonth | None],
    path: Path,
    supplied: list[str],
    found: list[Diagnostic],
    *,
    data_as_of: YearMonth | None,
    settings: Mapping[str, object],
    book_dates: dict[str, Counter[YearMonth]],
) -> YearMonth | None:
    """A date for a page without one: --data-as-of, book.toml's research_completed, the
    most common of the import's pages of its country, then of the book's sections of
    its country; never another country's, but for a volume's own page (a Preface of
    "Belarus and Moldova" is of both): the import's date, when its pages give one
    (a Preface beside pages of 1995 and 1991 is given none: which study is it of?)."""
    research = parse_iso_month(settings.get("research_completed"))
    country = page.country or ""
    dates_of, agreed = known  # the import's dates by country; its one date, if one
    for date, who in (
        (data_as_of, "--data-as-of"),
        (research, "research_completed in book.toml"),
        (commonest(dates_of.get(country)), f"the other pages of {country} in this import"),
        (commonest(book_dates.get(country)), f"the book's sections of {country}"),
        (agreed if page.kind in VOLUME_KINDS else None, "the other pages of this import"),
    ):
        if date is not None:
            supplied.append(f"data date {date.iso} from {who}")
            found.append(
                warning(
                    "W412",
                    f"no 'Data as of' date: took {date.iso} from {who}",
                    path,
                    # given by the user already: no hint to give it
                    hint=""
                    if who == "--data-as-of"
                    else "pass --data-as-of YYYY-MM to give another",
                )
            )
            return date
    return None


def no_date(path: Path) -> Diagnostic:
    return error(
        "E403",
        "no 'Data as of' date, and none to supply",
        path,
        hint="pass --data-as-of YYYY-MM, or set research_completed in book.toml",
    )


def commonest(dates: Counter[YearMonth] | None) -> YearMonth | None:
    return dates.most_common(1)[0][0] if dates else None
