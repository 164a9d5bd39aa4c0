"""A page of an import that names no chapter, placed by the subject its address names (W420).

photius files each section under its chapter's subject, in its address and in its file's
name: photius.com/countries/nepal/economy/nepal_economy_other_modes_of_trans~10117.html,
belarus_society_ethnic_composition.html. Where the page itself names no chapter (no
breadcrumb, no manifest entry) and its neighbours place it nowhere, the subject names its
chapter when the title of one chapter of its study is known to name it (book.toml, the
import's chapter-level pages, the manifest: "Society" is "The Society and Its
Environment"); else it is the heading the section is set under in chapter 0 ("Society >
Ethnic Composition", where it was a heading of its own after the last chapter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

__all__ = ["Addressed", "address_subject", "chapter_named"]

_SAME = 5  # a subject's word names a title's word that starts with the same five letters


@dataclass(frozen=True, slots=True)
class Addressed:
    """What a page's address says of its chapter: the subject, as words ('Society'), the
    address that says it, and the chapter whose title names it, if one is known."""

    subject: str
    address: str
    chapter: int | None = None
    title: str = ""

    @property
    def note(self) -> str:
        """What the section's `supplied:` list says (and, later, reads back as a guess)."""
        if self.chapter is None:
            return f"chapter 0, under {self.subject} (from its address {self.address!r})"
        return f"chapter {self.chapter} by its address ({self.subject!r} in {self.address!r})"


def _words(name: str) -> str:
    """'national_security' -> 'National Security'."""
    return " ".join(w.capitalize() for w in re.split(r"[_\s-]+", name) if w)


def address_subject(url: str, file: str, country: str, title: str) -> Addressed | None:
    """The subject between the country and the title in a page's address: the folder after
    the country's in its web address ('/countries/nepal/economy/…'), else the words of its
    file's name between the country and the title ('belarus_society_ethnic_composition',
    titled 'Ethnic Composition'; `file` is given for a site that so names its pages, as
    photius does). None where the address names none ('nepal10.html',
    '/history/nepal/nepal-the_rana_oligarchy.html': the site's, not the chapter's)."""
    own = country.lower()
    if not own:
        return None
    parts = [p for p in url.split("?")[0].split("/") if p]
    folders = [p.lower() for p in parts[:-1]]
    if own in folders and folders.index(own) + 1 < len(folders):
        return Addressed(_words(folders[folders.index(own) + 1]), url)
    stem = PurePath(file).stem.lower()
    slug = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")
    if slug and stem.startswith(own + "_"):
        rest = stem[len(own) + 1 :]
        cut = rest.find("_" + slug[:8])  # the title may be cut short: 'other_modes_of_trans'
        if cut > 0:
            return Addressed(_words(rest[:cut]), PurePath(file).name)
    return None


def _names(subject: str, title: str) -> bool:
    """Does each word of the subject name a word of the title ('History' names 'Historical
    Setting', 'Society' names 'The Society and Its Environment')?"""
    words = [w[:_SAME] for w in title.lower().split()]
    return all(w.lower()[:_SAME] in words for w in subject.split())


def chapter_named(addressed: Addressed, titles: dict[int, str]) -> Addressed:
    """The addressed subject with the one chapter whose title names it; none where no
    title, or two, name it."""
    named = [(n, t) for n, t in sorted(titles.items()) if n and _names(addressed.subject, t)]
    if len(named) != 1:
        return addressed
    ((number, title),) = named
    return Addressed(addressed.subject, addressed.address, number, title)
