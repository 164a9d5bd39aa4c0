"""A page of an import that names no chapter, placed by the pages around it (W417).

A study's chapters are runs of consecutive sections, each opened by its chapter-level page.
So a page read between two pages of chapter 2 is of chapter 2, as a reader of the website
finds it; gathered with other such pages into an 'Introduction' at the front of the book,
'Ethnic Composition' was found far from the chapter the study put it in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from octavo.errors import Diagnostic, warning
from octavo.importers.page import Page
from octavo.importers.subject import Addressed

__all__ = [
    "Neighbour",
    "Placement",
    "page_neighbour",
    "placements",
    "section_neighbour",
    "supply_chapter",
]

# the `supplied:` notes that say a section's chapter was a guess: W408's chapter 0 (under
# the subject its address names, or not), W417's, or W420's (octavo.importers.subject)
_GUESSED = re.compile(
    r"chapter 0(?:, under .+ \(from its address .+\))?"
    r"|chapter \d+ by its (?:neighbours|address)\b.*"
)


@dataclass(frozen=True, slots=True)
class Neighbour:
    """One page of a study in reading order: a page of this import, or a section already in
    the book. `chapter` None: the page was not placed (it named none, or its chapter was
    itself a guess), so it is no evidence of where its own neighbours belong."""

    country: str
    sequence: int
    chapter: int | None
    parents: tuple[str, ...]
    opens: bool  # the chapter-level page: the first of its chapter's sections
    placeable: bool = False  # a page of this import that may be placed by its neighbours


@dataclass(frozen=True, slots=True)
class Placement:
    chapter: int
    parents: tuple[str, ...]  # the previous neighbour's, as the website's reader finds them
    after: int  # the section numbers of the neighbours it was placed by
    before: int
    opening: bool  # `before` opens the next chapter (the neighbours' chapters differ)
    # neighbours of two chapters that place nothing (W408 names them): `before`'s chapter
    undecided: int | None = None

    @property
    def note(self) -> str:
        """What the section's `supplied:` list says (and, later, reads back as a guess)."""
        under = f", under {' > '.join(self.parents)}" if self.parents else ""
        between = f"sections {self.after} and {self.before}"
        return f"chapter {self.chapter} by its neighbours ({between}){under}"

    @property
    def why(self) -> str:
        if self.opening:
            return (
                f"section {self.after} is of chapter {self.chapter}, section {self.before} "
                f"opens chapter {self.chapter + 1}"
            )
        return f"sections {self.after} and {self.before} are both of chapter {self.chapter}"


def _guessed_chapter(supplied: object) -> bool:
    """Was a section's chapter supplied by a guess, as its `supplied:` list says?"""
    return isinstance(supplied, list) and any(
        isinstance(s, str) and _GUESSED.fullmatch(s) for s in supplied
    )


def placements(pages: list[Neighbour | None], book: list[Neighbour]) -> dict[int, Placement]:
    """The placeable pages of this import (by their index in `pages`; None: a page with no
    number or country to read it by) that their neighbours place. The book's sections are
    neighbours too, so a page imported on its own lands where it did among the others, and
    a re-import finds what the first import found; a page of this import replaces the
    book's section of its number."""
    ours = {(p.country, p.sequence) for p in pages if p}
    mine = [(p.country, p.sequence, 0, i, p) for i, p in enumerate(pages) if p]
    theirs = [(b.country, b.sequence, 1, 0, b) for b in book if (b.country, b.sequence) not in ours]
    # by the key alone: two of the book's sections of one number (E301) are no error here
    order = sorted(mine + theirs, key=lambda e: e[:4])
    found: dict[int, Placement] = {}
    for country in dict.fromkeys(c for c, *_ in order):  # sections are numbered per study
        run = [(i, p) for c, _, _, i, p in order if c == country]
        previous = _nearest(run)
        following = _nearest(run[::-1])[::-1]
        for at, (i, page) in enumerate(run):
            before, after = previous[at], following[at]
            if page.placeable and before and after:
                placed = _place(before, after)
                found.update({i: placed} if placed else {})
    return found


def _nearest(run: list[tuple[int, Neighbour]]) -> list[Neighbour | None]:
    """For each page, the nearest placed page before it (in the order given)."""
    out: list[Neighbour | None] = []
    last: Neighbour | None = None
    for _, page in run:
        out.append(last)
        last = page if page.chapter is not None else last
    return out


def _place(before: Neighbour, after: Neighbour) -> Placement | None:
    """Both neighbours of one chapter N (of the body, not front or back matter): the page is
    of chapter N, whatever lies between them. Neighbours that disagree place the page only
    when the next one opens the very next chapter: nothing of chapter N+1 comes before its
    opening page, and no chapter lies between N and N+1, so the page ends chapter N. When
    the next page is any other page of chapter N+1, the page may as well be that chapter's
    first (its opening page, unnamed); when it is of chapter N+2, a whole chapter may lie
    between: a guess either way, which an editor would rather be told of (W408) than find
    made."""
    chapter = before.chapter
    if not chapter or after.chapter is None:
        return None
    if after.chapter == chapter:
        return Placement(chapter, before.parents, before.sequence, after.sequence, False)
    if after.chapter == chapter + 1 and after.opens:
        return Placement(chapter, before.parents, before.sequence, after.sequence, True)
    if after.chapter:  # chapters N and N+1 (not its opening) or later: said, not placed
        return Placement(
            chapter, before.parents, before.sequence, after.sequence, False, after.chapter
        )
    return None


def section_neighbour(data: dict[str, object]) -> Neighbour | None:
    """A section of the book as its front matter places it; a chapter that was a guess
    (W408's chapter 0, W417's) places nothing."""
    sequence, chapter, parents = data.get("sequence"), data.get("chapter"), data.get("parents")
    country = data.get("country")
    if type(sequence) is not int or type(chapter) is not int or not isinstance(country, str):
        return None
    return Neighbour(
        country,
        sequence,
        None if _guessed_chapter(data.get("supplied")) else chapter,
        tuple(str(p) for p in parents) if isinstance(parents, list) else (),
        data.get("kind") == "chapter",
    )


def page_neighbour(page: Page, country: str, possible: bool) -> Neighbour | None:
    """A page of this import in reading order (by its number, which follows the files'
    order when the page had none); none for a page with no possible number or country."""
    if not possible or not (page.country or country):
        return None
    assert page.sequence is not None  # a possible number
    chapter = page.chapter
    if chapter is None and page.kind not in (None, "chapter"):
        chapter = 0  # front or back matter, placed by its kind
    return Neighbour(
        page.country or country,
        page.sequence,
        chapter,
        page.parents or (),
        page.kind == "chapter",
        # a chapter-level page without its number opens some chapter: never the middle of one
        placeable=chapter is None and page.kind is None,
    )


def supply_chapter(
    path: Path,
    page: Page,
    placement: Placement | None,
    supplied: list[str],
    found: list[Diagnostic],
    addressed: Addressed | None = None,
) -> Page:
    """A page's chapter when it names none: by its kind, by its neighbours, by the subject
    its address names (`addressed`), else 0 (under that subject, if it names one)."""
    if page.chapter is not None:
        return replace(page, parents=page.parents if page.parents is not None else ())
    if placement is not None and placement.undecided is None:
        # a manifest's parents (given without a chapter) win over the neighbour's
        parents = page.parents if page.parents is not None else placement.parents
        supplied.append(replace(placement, parents=parents).note)
        found.append(
            warning(
                "W417",
                f"no chapter found: placed in chapter {placement.chapter} by its neighbours "
                f"({placement.why})",
                path,
                hint="check it, or give its chapter and parents in a --manifest",
            )
        )
        return replace(page, chapter=placement.chapter, parents=parents)
    # `addressed` is given only for a page that names no chapter, parents or kind
    if addressed is not None and addressed.chapter is not None:
        supplied.append(addressed.note)
        found.append(
            warning(
                "W420",
                f"no chapter found: placed in chapter {addressed.chapter} "
                f"({addressed.title!r}), whose subject its address names "
                f"({addressed.subject!r} in {addressed.address!r})",
                path,
                hint="check it, or give its chapter and parents in a --manifest",
            )
        )
        return replace(page, chapter=addressed.chapter, parents=())
    if addressed is not None:
        # the heading the site files it under, where it was a heading of its own
        supplied.append(addressed.note)
        found.append(
            warning(
                "W408",
                f"no chapter found: placed in chapter 0, under {addressed.subject!r}, the "
                f"subject its address names ({addressed.address!r})",
                path,
                hint="give its chapter and parents in a --manifest, or its chapter's title "
                f"in book.toml's [chapters]: a chapter whose title names {addressed.subject!r} "
                "takes it",
            )
        )
        return replace(page, chapter=0, parents=(addressed.subject,))
    page = replace(page, chapter=0, parents=page.parents or ())
    if page.kind == "profile" and not page.parents and page.title != "Country Profile":
        # 'Economy', 'Transportation': the parts of the study's Country Profile
        supplied.append("chapter 0, under Country Profile (kind profile)")
        return replace(page, parents=("Country Profile",))
    if page.kind not in (None, "chapter"):
        supplied.append(f"chapter 0 (front or back matter: kind {page.kind})")
    else:
        supplied.append("chapter 0")
        hint = "give its chapter and parents in a --manifest"
        if placement is not None and placement.undecided is not None:
            # what an editor needs to decide it: the pages it lies between
            hint += (
                f": it lies between section {placement.after}, of chapter "
                f"{placement.chapter}, and section {placement.before}, of chapter "
                f"{placement.undecided}"
            )
        found.append(warning("W408", "no chapter found: placed in chapter 0", path, hint=hint))
    return page
