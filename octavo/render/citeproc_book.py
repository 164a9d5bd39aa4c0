"""citeproc-py's bibliography of the book: its entries read, its citations registered in
reading order (and `nocite`'s after them), each item formatted alone, and the reference
list. What the words of a citation are made of these is octavo.render.citation_words.

citeproc-py is the CSL processor for Python (it reads CSL styles, CSL-JSON and BibTeX);
this module imports it only when a book with a bibliography is rendered. Its names'
particles are read as pandoc reads them (citation_particles); its HTML is cleaned
(citeproc_html) and set as pandoc's citeproc sets it where citeproc-py does not: a range
kept on one line, an apostrophe curled, the locale's comma inside the quote
(octavo.render.quote_punctuation), an entry's URL and DOI linked (citation_links).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from octavo.model.bibliography import folded
from octavo.render.bibtex_letters import letters
from octavo.render.citation_alike import PEOPLE, as_cited, cited_as, list_entry, unsuffixed
from octavo.render.citation_groups import Item, Shape
from octavo.render.citation_links import linked
from octavo.render.citation_list_names import plain_listed
from octavo.render.citation_names import GivenNames, given_names, listed_names
from octavo.render.citation_particles import bibtex_particles, json_particles, unparsed
from octavo.render.citation_quotes import (
    mark_style_quotes,
    punctuated,
    quote_marks,
    read_quotes,
)
from octavo.render.citation_sort import sort_list, sorted_items
from octavo.render.citation_sort_names import install as sort_names
from octavo.render.citation_substitute import substituted
from octavo.render.citation_suffixes import year_suffixes
from octavo.render.citation_suppress import install as suppress_substituted
from octavo.render.citeproc_html import cleaned
from octavo.render.reference_markup import REFS, entry_id, entry_open

if TYPE_CHECKING:
    from octavo.model.bibliography import Bibliography
    from octavo.render.citation_syntax import CitationUse

__all__ = ["DEFAULT_STYLE", "CiteprocBook", "Unformatted"]

# The style citeproc-py ships, the only one it does: Cite Them Right's Harvard, an
# author-date style as pandoc's default (Chicago author-date) is, kept up by the CSL project.
DEFAULT_STYLE = "harvard-cite-them-right"
_CLASS = re.compile(r' class="[^"]*"')
_NAMES = (  # what names an item where its author would: left out for `[-@key]`
    *PEOPLE,
    "title",
    "container_title",
    "title_short",
    "container_title_short",
    "collection_title",
    "publisher",
)


class Unformatted(Exception):
    """citeproc-py failed to format a citation of the entry `key` (its error the cause)."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


class CiteprocBook:
    """citeproc-py's bibliography of the book, its citations registered in reading order."""

    def __init__(self, bib: Bibliography):
        from citeproc import CitationStylesBibliography, CitationStylesStyle, formatter
        from citeproc.source.bibtex import BibTeX
        from citeproc.source.json import CiteProcJSON

        suppress_substituted()  # a variable standing in for the author printed once
        sort_names()  # a sort key's names printed as pandoc prints them in a key
        text = bib.data.decode("utf-8-sig")
        if bib.bibtex:
            text = letters(text)  # `{\ss}`: ß (citeproc-py's LaTeX stops on it)
            self.source: Any = BibTeX(io.StringIO(text))
            bibtex_particles(self.source, text)  # names' particles as pandoc reads them
        else:
            entries = json.loads(text)
            kept = unparsed(entries)  # `"parse-names": false`: as given
            self.source = CiteProcJSON(entries)
            json_particles(self.source, kept)
            read_quotes(self.source)  # its apostrophes and quotations as pandoc reads them
        style = bib.style or (files("citeproc") / f"data/styles/{DEFAULT_STYLE}.csl").read_bytes()
        # citeproc-py's locale (its terms, its dates); the list is collated in the book's
        # own language, as pandoc collates it, where citeproc-py has no locale for it
        # (Belarusian's "Ус" before "Ўлас", where American English's is after)
        self.collation = bib.language
        self.style = CitationStylesStyle(io.BytesIO(style), _locale(bib.language), validate=False)
        citation = self.style.root.citation
        attributes = dict(citation.layout.attrib)
        for name in ("prefix", "suffix", "delimiter"):  # each item formatted alone, then
            citation.layout.attrib.pop(name, None)  # ordered, grouped and joined as it says
        self.shape = Shape.of(dict(citation.attrib), attributes)
        self.punctuated = punctuated(citation.layout, quote_marks(citation.layout))
        mark_style_quotes(citation.layout)  # printed once a citation or an entry is whole
        self.bibliography = CitationStylesBibliography(self.style, self.source, formatter.html)
        self.written = {folded(k): k for k in bib.keys}  # each as the file writes it, in order
        # by id, each kept with its object (a freed object's id may be another's)
        self.made: dict[tuple[int, int], tuple[CitationUse, Any]] = {}  # (use, cite)
        self.words: dict[tuple[int, bool], tuple[Any, str]] = {}  # (citation, without names)
        self.sorted = False  # format() reads the list's order and suffixes: after sort()
        self.named: dict[str, str] = {}  # key -> names()
        self.given = GivenNames({}, {}, {}, None)  # the names telling entries apart (sort())

    def register(self, use: CitationUse) -> list[str]:
        """The use's items registered; the keys the bibliography lacks."""
        from citeproc import Citation, CitationItem
        from citeproc.source import Locator

        missing = []
        for at, cite in enumerate(use.cites):
            if not self.entry(cite.key):
                missing.append(cite.key)
                continue
            item = (
                CitationItem(cite.key, locator=Locator(cite.label, cite.locator))
                if cite.locator
                else CitationItem(cite.key)
            )
            citation = Citation([item])
            self.bibliography.register(citation)
            self.made[id(use), at] = use, citation
        return missing

    def register_uncited(self, words: str) -> list[str]:
        """The entries pandoc's `nocite` names registered after the cited ones (`@*`: all,
        in the file's order); the keys the bibliography lacks."""
        from citeproc import Citation, CitationItem

        from octavo.render.citation_syntax import keys_in

        keys = keys_in(words)
        listed = [*self.written.values()] if "*" in keys else keys
        for key in listed:
            if self.entry(key):
                self.bibliography.register(Citation([CitationItem(key)]))
        return [k for k in keys if k != "*" and not self.entry(k)]

    def entry(self, key: str) -> str:
        """The key of the entry `key` cites, as the bibliography writes it ("" where it has
        none): a key is read without its case, as citeproc-py reads it (bibliography.folded)."""
        found = folded(key)
        return self.written.get(found, found) if found in self.source else ""

    def nearest(self, key: str) -> str:
        import difflib

        close = difflib.get_close_matches(folded(key), list(self.written), n=1, cutoff=0.7)
        return (
            f"did you mean '{self.written[close[0]]}'?" if close else "add it to the bibliography"
        )

    def culprit(self) -> str:
        """The first cited key whose entry citeproc-py cannot format alone ("" for none)."""
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter

        for key in self.bibliography.keys:
            alone = CitationStylesBibliography(self.style, self.source, formatter.html)
            citation = Citation([CitationItem(key)])
            alone.register(citation)
            try:
                alone.sort()
                alone.cite(citation, lambda item: None)
                alone.bibliography()
            except Exception:  # the entry that fails
                return self.entry(key)
        return ""

    def sort(self) -> None:
        """The list sorted as pandoc sorts it (citation_sort), then the given names telling
        people apart (citation_names) and the year suffixes (citation_suffixes) in its order."""
        lettered = sort_list(self.style, self.bibliography, [*self.written], self.collation)
        keys = [item.key for item in lettered]
        self.given = given = given_names(self.style, self.source, keys)
        year_suffixes(self.style, self.source, keys, given.cited, given.more, given.alone)
        self.sorted = True

    def cited(self) -> list[str]:
        return [self.entry(k) for k in self.bibliography.keys]

    def citation(self, use: CitationUse, at: int) -> Any:
        """The use's item `at` as registered; None for a key the bibliography lacks."""
        kept, citation = self.made.get((id(use), at), (None, None))
        return citation if kept is use else None

    def target(self, key: str) -> str:
        """The id of `key`'s entry (as the bibliography writes the key)."""
        return entry_id(self.entry(key))

    def format(self, citation: Any) -> str:
        """One item, as the style sets it alone, without the layout's brackets."""
        return self._words(citation, False)

    def without_names(self, citation: Any) -> str:
        """The item formatted without its names and title: its year and locator."""
        return self._words(citation, True)

    def names(self, citation: Any) -> str:
        """The names the item prints before the rest: "Doe, " of "Doe, 1999" ("" where
        the rest is not its end); read once for each entry, from its first item asked for."""
        key = citation.cites[0].key
        if key not in self.named:
            full, rest = self.format(citation), self.without_names(citation)
            self.named[key] = full[: -len(rest)] if rest and full.endswith(rest) else ""
        return self.named[key]

    def _words(self, citation: Any, bare: bool) -> str:
        """The item's words (`bare`: without its names and title), formatted once."""
        assert self.sorted, "an item formatted before the bibliography is sorted"
        made, key = (id(citation), bare), citation.cites[0].key
        if self.words.get(made, (None, ""))[0] is not citation:
            reference = self.source[key]
            with cited_as(self.style, self.source, self.given.cited, self.given.more, key):
                kept = {name: reference.pop(name) for name in _NAMES if bare and name in reference}
                try:
                    html = cleaned(str(self.bibliography.cite(citation, lambda i: None)))
                    self.words[made] = citation, html
                except Exception as exc:  # citeproc-py's own errors have no common class
                    raise Unformatted(self.entry(key)) from exc
                finally:
                    reference.update(kept)
        return self.words[made][1]

    def sorter(self, use: CitationUse) -> Callable[[list[Item]], list[Item]]:
        """The style's `<citation><sort>` over the use's items (those of keys the
        bibliography lacks last)."""
        citation = self.style.root.citation

        def by_style(items: list[Item]) -> list[Item]:
            known = {id(c.cites[0]): i for i in items if (c := self.citation(use, i.at))}
            unknown = [i for i in items if self.citation(use, i.at) is None]
            if citation.sort is None:
                return [*known.values(), *unknown]
            cited = [self.citation(use, i.at).cites[0] for i in known.values()]
            with unsuffixed(self.source, [c.key for c in cited]):  # as pandoc sorts them
                order = sorted_items(citation.sort, cited, citation.layout, self.collation)
                in_order = order(cited)
            return [known[id(c)] for c in in_order] + unknown

        return by_style

    def references(self, attributes: str, own: bool) -> str:
        """The reference list's opening and entries, in the `#refs` div; `own`: in a
        Bibliography division (whose section is the doc-bibliography already)."""
        items = self.bibliography.items

        def entry(item: Any) -> str:
            return list_entry(self.style, item, self.given.more)

        keys = self.bibliography.keys
        named = {k: names for k in keys if (names := listed_names(self.source[k]))}
        plain = plain_listed(self.style, self.source, named)  # "毛泽东", "smith, zed"
        shown = plain | self.given.listed
        with as_cited(self.source, shown, keys):
            made = [*map(entry, items)]
        texts = substituted(self.style, self.source, items, made, entry)  # the file's names
        listed = zip(self.bibliography.keys, texts, strict=True)
        entries = "".join(
            f"{entry_open(entry_id(self.entry(k)))}"
            + linked(self.punctuated(cleaned(str(e))), self.source[k])
            + "</div>\n"
            for k, e in listed
        )
        given = re.search(r'class="([^"]*)"', attributes)
        classes = "references csl-bib-body" + (f" {given[1]}" if given else "")
        opening = f'{REFS} class="{classes}"{_CLASS.sub("", attributes)}'
        if own:
            return f'{opening} role="list">\n{entries}'
        return (
            f'{opening} epub:type="bibliography"'
            f' role="doc-bibliography">\n<div role="list">\n{entries}</div>\n'
        )


def _locale(language: str) -> str:
    """citeproc-py's locale for a BCP 47 tag: the tag, else its language's primary dialect
    (`ru` -> `ru-RU`), else American English."""
    from citeproc import PRIMARY_DIALECTS

    parts = language.replace("_", "-").split("-")
    tag = parts[0].lower() + ("-" + parts[-1].upper() if len(parts) > 1 else "")
    for candidate in (tag, PRIMARY_DIALECTS.get(parts[0].lower(), "")):
        locale = files("citeproc") / "data" / "locales" / f"locales-{candidate}.xml"
        if candidate and locale.is_file():
            return candidate
    return "en-US"
