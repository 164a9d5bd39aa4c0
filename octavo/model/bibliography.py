"""A book's bibliography as read (octavo.source.bibliography): the file's bytes, its keys
and their lines, and the citation style's bytes; formatted by octavo.render.citations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CITATION_KEY", "CSL_NS", "Bibliography", "csl", "folded"]

CSL_NS = "http://purl.org/net/xbiblio/csl"  # the namespace of a citation style's elements

# pandoc's key: a letter, figure or _, then those and punctuation inside it (`doe:99`,
# `a.b`), never at its end ("@doe99." ends a sentence); or any text in braces, `@{a b}`
CITATION_KEY = re.compile(r"@(?:\{([^{}\n]+)\}|(\w(?:\w|[:.#$%&+?<>~/-](?=\w))*))")


def csl(tag: str) -> str:
    """A citation style's element name as lxml spells it: "{…/csl}text" of "text"."""
    return f"{{{CSL_NS}}}{tag}"


def folded(key: str) -> str:
    """A key as citeproc-py reads it, without its case (`@Doe99` cites the entry `doe99`):
    the one rule by which octavo matches a citation's, `nocite`'s and a file's keys."""
    return key.lower()


@dataclass(frozen=True, slots=True)
class Bibliography:
    path: Path = field(repr=False)  # the file, as shown in messages
    data: bytes = field(repr=False)  # CSL-JSON, or BibTeX (`bibtex`)
    bibtex: bool
    keys: tuple[str, ...]  # as written, in the file's order, each once
    style_path: Path | None = field(repr=False)  # the book's CSL file; None: the default
    style: bytes = field(repr=False)  # the style, safely parsed and written again (no DTD)
    language: str = "en-US"  # the CSL locale: the book's language, as citeproc-py names it
    # each key (lower case, as citeproc-py reads keys) and the line of the entry it names
    # (the last given, which is the one read: W151), found once, when the file is read
    lines: tuple[tuple[str, int], ...] = field(default=(), repr=False)

    def line_of(self, key: str) -> int | None:
        """The line of the file where the entry `key` starts, where it was found."""
        return dict(self.lines).get(folded(key))
