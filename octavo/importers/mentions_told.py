"""What is told of the text's mentions of the study's tables and figures
(octavo.importers.mentions): each `Mention` as --explain says it (`explained`), and W424 for
a table or figure the text cites that the book will not have (`w424`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from octavo.errors import Diagnostic, warning
from octavo.importers.float_labels import Float

__all__ = ["Mention", "explained", "kind_noun", "w424"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One number a text cites: its words ("Table 12"), its kind and number, its line, and
    the table or figure of the book it names (None: none)."""

    words: str
    kind: str  # "tbl" or "fig"
    number: str
    line: int
    names: Float | None
    read: bool = True  # False: words read as no number nor range ("Tables 3 to 5 and 7")


def kind_noun(kind: str) -> str:
    return "table" if kind == "tbl" else "figure"


def explained(mention: Mention, sequence: int) -> str:
    """What --explain says of a mention."""
    at = f"line {mention.line}: " if mention.line else ""
    noun = kind_noun(mention.kind)
    if not mention.read:
        return (
            f"{at}{mention.words!r} kept as the page's words: read as no range of the "
            f"study's {noun}s alone (W424)"
        )
    if mention.names is None:
        return (
            f"{at}{mention.words!r} kept as the page's words: neither this import nor the "
            f"book has the study's {noun} {mention.number} (W424)"
        )
    whose = "this page" if mention.names.sequence == sequence else mention.names.where
    return f"{at}{mention.words!r} is @{mention.names.ident}, the {noun} of {whose}"


def w424(source: Path, mentions: list[Mention]) -> Diagnostic:
    """W424 for the mentions of one table or figure the book will not have, at the first."""
    first = mentions[0]
    noun = kind_noun(first.kind)
    times = f", {len(mentions)} times" if len(mentions) > 1 else ""
    if not first.read:
        return warning(
            "W424",
            f"the text cites {first.words!r}{times}, the study's {noun}s in words octavo "
            f"reads as no range alone (one backwards or of one {noun}, or with a list): its "
            f"words are kept, but the book numbers its {noun}s itself, so a reader takes "
            f"them for the book's, other {noun}s or none",
            source,
            first.line or None,
            hint=f'reword the text in the section: a range alone ("{noun.title()}s 3 to '
            f'5") or a list ("{noun.title()}s 3, 4 and 5") names the book\'s {noun}s',
        )
    return warning(
        "W424",
        f"the text cites {first.words!r}{times}, a {noun} of the study that neither this "
        f"import nor the book holds: its words are kept, but the book numbers its {noun}s "
        f"itself, so a reader takes them for the book's {noun.title()} {first.number}, "
        "another or none",
        source,
        first.line or None,
        hint="import the page that holds it with this one"
        + (" (the study's Appendix holds its statistical tables)" if first.kind == "tbl" else "")
        + ", or reword the text in the section",
    )
