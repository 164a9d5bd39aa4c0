"""The mentions in sections the book holds already: what a section's page was imported with
(`earlier_targets`: importing it again gives the same text when no hand changed it), and
which cite in words a table or figure this import adds (`stale_mentions`, W425). The
mentions are read as a page's are (octavo.importers.mentions)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from octavo.errors import Diagnostic, warning
from octavo.importers.float_labels import Float, label_number
from octavo.importers.mentions import RANGE, Reading, Targets
from octavo.importers.mentions_told import kind_noun
from octavo.importers.page import Page

__all__ = ["earlier_targets", "stale_mentions"]

# a section's line that is no text a mention is read in: a heading, a caption, a table's row,
# a figure (cite reads none of these either)
_NOT_TEXT = re.compile(r"\s*(?:#|Table:|: (?! )|\||!\[|\+[-=])")
_REFERENCE = re.compile(r"(?<![\w@])@((tbl|fig):([\w:.-]*\w))")  # as octavo reads one
# a range the import wrote, "[-@tbl:3]–[-@tbl:5]" or "[-@tbl:3] through [-@tbl:5]": its ends
_RANGE_WRITTEN = re.compile(
    r"\[-@(tbl|fig):([\w:.-]*\w)\](?:\u2013|\s+(?:through|thru|to)\s+)\[-@\1:([\w:.-]*\w)\]"
)


def earlier_targets(text: str, page: Page) -> Targets:
    """The targets a section's `text` was imported with from `page`: the page's own tables
    and figures, and whatever its references name. Importing the page again with these
    gives that text back when no hand changed it (octavo.importers.writing): the file then
    differs from a new import only in what the book held at the time, and is replaced
    without --force, as a section the import wrote."""
    sequence = page.sequence or 0
    floats = [
        Float(kind, number, page.country, f"{kind}:{label}", -1, "the book")
        for _, kind, label in _REFERENCE.findall(text)
        if (number := label_number(label, page.country, sequence))
    ]
    floats += _between(text, page.country, sequence)
    own = [
        Float(b.ident[:3], label_number(b.ident[4:], page.country, sequence), page.country,
              b.ident, sequence, "this page")
        for b in page.blocks
        if b.ident
    ]  # fmt: skip
    return Targets([*floats, *own])


def _between(text: str, country: str, sequence: int) -> list[Float]:
    """The tables (figures) between a written range's ends, which the text names by its
    ends alone: the import wrote the range so where the book had each one."""
    found: list[Float] = []
    for written in _RANGE_WRITTEN.finditer(text):
        kind, start, end = written.groups()
        first = label_number(start, country, sequence)
        last = label_number(end, country, sequence)
        if not (first.isdigit() and last.isdigit() and int(first) < int(last) < int(first) + RANGE):
            continue
        prefix = start.removesuffix(first)  # "belarus-" of "belarus-3"
        found += [
            Float(kind, str(n), country, f"{kind}:{prefix}{n}", -1, "the book")
            for n in range(int(first) + 1, int(last))
        ]
    return found


def stale_mentions(
    sections: Iterable[tuple[Path, str, int, int, str]], added: Iterable[Float]
) -> list[Diagnostic]:
    """W425 at each line of a section of the book (its file, country, section number, its
    body's first line in the file, its body) that cites in words a table or figure of its
    study that this import adds (`added`): the book numbers that one itself now, so the
    words may name another; its page imported again with this one would name it."""
    targets = Targets(added)
    told: list[Diagnostic] = []
    for path, country, sequence, first, body in sections if targets.by_number else ():
        for at, text in enumerate(body.split("\n")):
            if _NOT_TEXT.match(text):
                continue
            reading = Reading(targets, country, sequence, [], first + at)
            reading.rewrite(text)
            for mention in reading.found:
                if mention.names is None:
                    continue
                ident, noun = mention.names.ident, kind_noun(mention.kind)
                told.append(
                    warning(
                        "W425",
                        f"cites {mention.words!r} in the page's words, and this import adds "
                        f"the study's {noun} {mention.number} ({mention.names.where}), which "
                        "the book numbers itself: the words may name another",
                        path,
                        mention.line,
                        hint="import this section's page again with that one (--force if "
                        f"you edited it), or write @{ident} for the words",
                    )
                )
    return told
