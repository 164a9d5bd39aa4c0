"""A section's citations written in its HTML, in place of the placeholders
octavo.render.citation_syntax left: each item formatted alone by citeproc-py
(octavo.render.citeproc_book), so that each links to its own entry, then ordered, grouped
and joined as the style says (octavo.render.citation_groups) inside its brackets.

`[-@key]` is the item without its names and title (its year and locator); `@key`, the
author in the sentence, is the item's names, then the rest in the style's brackets:
"Doe (1999, p. 33)", the two one link; `@doe99 [-@smith2001]` "Doe (1999; 2001)". A
prefix and a suffix are Markdown, set as the text's. A key the bibliography lacks prints
as pandoc prints it, the key in bold with "?"; a numbered example's `@label`, its number.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape, unescape
from typing import TYPE_CHECKING, Any

from octavo.render.citation_alike import people_field
from octavo.render.citation_groups import (
    Item,
    collapsed,
    grouped,
    letter_ranges,
    lettered,
    ordered,
    ranged,
    separators,
)
from octavo.render.citation_name_forms import printed_count
from octavo.render.citation_names import listed_names, name_parts, people
from octavo.render.citation_suffixes import letter_number, suffixed_year
from octavo.render.reference_markup import biblioref

if TYPE_CHECKING:
    from octavo.model.quotes import QuoteTable
    from octavo.render.citation_syntax import CitationUse, Cite
    from octavo.render.citeproc_book import CiteprocBook

__all__ = ["SectionCitations", "example_number"]

_PLACEHOLDER = re.compile(r'<span class="citation" data-label="(\d+)">(.*?)</span>', re.DOTALL)
_HREF = re.compile(r'<a href="([^"]*)"')


class SectionCitations:
    """A section's citations (`uses`, in its order) written by `book`, a prefix's and a
    suffix's words in `language` with `quotes`."""

    def __init__(
        self,
        book: CiteprocBook,
        uses: tuple[CitationUse, ...],
        examples: dict[str, str],
        language: str,
        quotes: QuoteTable,
    ):
        self.book = book
        self.uses = uses
        self.examples = examples
        self.language = language
        self.quotes = quotes
        self.linked: list[tuple[str, int]] = []  # the prefixes' and suffixes' links: (href, line)

    def fill(self, html: str) -> str:
        """`html` (the body, a note, a heading) with its citations written."""
        if 'class="citation"' not in html:
            return html
        return _PLACEHOLDER.sub(lambda m: self._one(self.uses[int(m[1])]), html)

    def _one(self, use: CitationUse) -> str:
        number = example_number(use, self.examples)
        if number is not None:
            return number
        book, shape = self.book, self.book.shape
        cites = list(use.cites)
        if use.in_text:  # "Doe (1999, 2003)": the author named, then the items in brackets
            cites[0] = replace(cites[0], suppress_author=True)
        items = [self._seen(use, at, cite) for at, cite in enumerate(cites)]
        groups = grouped(ordered(items, book.sorter(use), int(use.in_text)), shape)
        bare = collapsed(groups, shape)
        between = iter(separators(groups, shape))
        ranges = ranged([item for group in groups for item in group], shape)
        ranges |= letter_ranges(groups, shape)  # "2001a–c"
        alone = lettered(groups, shape)  # "2001a; b": b's suffix alone
        wrap = escape(shape.prefix, quote=False), escape(shape.suffix, quote=False)
        first = book.citation(use, 0)
        named, opening = use.in_text and first is not None, ""
        if named:  # the names, then the brackets, in the first item's link
            opening = f"{book.names(first).rstrip(' ,')} {wrap[0]}".lstrip()
            wrap = "", wrap[1]
        words = ""
        for group in groups:
            for item in group:
                after = next(between, "")
                after = ranges.get(item.at, after)  # an en dash after a range's first
                if item.at in ranges and not after:  # inside a range: left out
                    continue
                lead = opening if named and item.at == 0 else ""
                tail = wrap[1] if named and len(cites) == 1 else ""
                bare_as = "letter" if item.at in alone else "bare" if item.at in bare else ""
                shown = self._item(use, item.at, cites[item.at], bare_as, lead, tail)
                words += shown + escape(after, quote=False)
        if use.in_text and len(cites) == 1:  # "Doe (1999)" one link; **doe99?** alone
            return f'<span class="citation">{book.punctuated(words)}</span>'
        return f'<span class="citation">{book.punctuated(wrap[0] + words + wrap[1])}</span>'

    def _seen(self, use: CitationUse, at: int, cite: Cite) -> Item:
        """The item as ordering and grouping see it."""
        citation = self.book.citation(use, at)
        grouping = citation is not None and self.book.shape.group_delimiter is not None
        names, people = self._authors(citation) if grouping else ("", "")
        ranges = citation is not None and self.book.shape.ranges
        number = citation.cites[0].number if ranges else 0  # its place in the list
        year, letter = self._suffix(citation) if citation is not None else (0, "")
        return Item(
            at, names, bool(cite.prefix), bool(cite.suffix), bool(cite.locator), number,
            year, letter_number(letter), people,
        )  # fmt: skip

    def _authors(self, citation: Any) -> tuple[str, str]:
        """Who the item names, for grouping, as pandoc's citeproc compares them (its
        sameNames, `Item.alike`): the variable and the names as they print, with every
        part of each name printed ("Smith et al. " of two works whose later authors
        differ; "Smith " of John and of Robert are two), and the variable and every part
        of each name; for an entry naming nobody, the words before its year ("Anonymous "
        of "Anonymous 1990", "" for a year alone); "" for none (never grouped)."""
        key = citation.cites[0].key
        reference = self.book.source[key]
        if field := people_field(reference):
            everyone = f"{field} {people(reference)}"
            if not (words := self.book.names(citation)):
                return everyone, everyone
            names = listed_names(reference)
            more = self.book.given.more.get(key, 0)
            shown = printed_count(self.book.style, self.book.source, key, len(names), more)
            return f"{field} {words} {[name_parts(n) for n in names[:shown]]}", everyone
        full, rest = self.book.format(citation), self.book.without_names(citation)
        return (f"words {full[: -len(rest)]}" if rest and full.endswith(rest) else ""), ""

    def _suffix(self, citation: Any) -> tuple[int, str]:
        """The item's year and year suffix where the style collapses suffixes and the item
        prints them together ("2001b"); (0, "") else."""
        if self.book.shape.collapse not in ("year-suffix", "year-suffix-ranged"):
            return 0, ""
        year, letter = suffixed_year(self.book.source[citation.cites[0].key])
        found = year and f"{year}{letter}" in self.book.without_names(citation)
        return (year, letter) if found else (0, "")

    def _item(
        self, use: CitationUse, at: int, cite: Cite, bare: str, lead: str = "", tail: str = ""
    ) -> str:
        """An item's words, linked to its entry: without its names where it is suppressed
        (`[-@key]`, an in-text citation's) or collapsed (`bare` "bare": a group's later
        items), its year suffix without its year where it is "letter" ("b" of "2001a; b");
        `lead` and `tail` inside its link (an in-text citation's "Doe (" and ")"). A suffix
        that holds a link of its own is set after the item's."""
        citation = self.book.citation(use, at)
        if citation is None:
            return f"<strong>{escape(cite.key, quote=False)}?</strong>"
        if bare == "letter":
            year, letter = self._suffix(citation)
            shown = self.book.without_names(citation).replace(f"{year}{letter}", letter, 1)
        elif cite.suppress_author or bare:
            shown = self.book.without_names(citation)
        else:
            shown = self.book.format(citation)
        prefix = self._inline(cite.prefix) + " " if cite.prefix else ""
        suffix = self._inline(cite.suffix)
        self.linked += [(unescape(h), use.line) for h in _HREF.findall(prefix + suffix)]
        link = biblioref(self.book.target(cite.key))
        if "<a " in suffix:  # no link inside a link
            return f"{prefix}{link}{lead}{shown}</a>{suffix}{tail}"
        return f"{prefix}{link}{lead}{shown}{suffix}{tail}</a>"

    def _inline(self, words: str) -> str:
        """A prefix's or a suffix's words as Markdown, as the text's are (emphasis, code,
        links, typography, the language's quotes), the spaces around them kept."""
        from octavo.render.markdown import render_inline

        inner = words.strip()
        if not inner:
            return escape(words, quote=False)
        html = render_inline(inner, True, self.language, self.quotes)
        at = words.index(inner)
        return f"{words[:at]}{html}{words[at + len(inner) :]}"


def example_number(use: CitationUse, examples: dict[str, str]) -> str | None:
    """A numbered example's number, where `@label` names one (pandoc's rule: an example's
    label wins over a citation key)."""
    if not use.in_text or len(use.cites) != 1:
        return None
    cite = use.cites[0]
    if cite.locator or cite.suffix:
        return None
    return examples.get(cite.key)
