"""The book's citations formatted by citeproc-py, once every section is rendered: each
citation a link to its entry, the reference list (the entries cited, sorted by the style)
in the `#refs` div (octavo.source.reference_list).

citeproc-py is the CSL processor for Python (it reads CSL styles, CSL-JSON and BibTeX);
it is imported only for a book with a bibliography. What it lacks of pandoc's citeproc is
made here from what it has: each item of a citation is formatted alone (so that each links
to its own entry) and the items joined with the style's delimiter inside its prefix and
suffix; `[-@key]` is the item formatted without its names and title (its year and
locator), and `@key`, the author in the sentence, the item's names, then the rest in the
style's brackets: "Doe (1999, p. 33)". A key the bibliography lacks is W527, printed as
pandoc prints it, the key in bold with "?".
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from html import escape, unescape
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from octavo.errors import Diagnostic, error, warning
from octavo.render.citation_groups import Item, Shape, collapsed, grouped, ordered, separators
from octavo.render.citation_links import linked
from octavo.render.reference_markup import REFS, biblioref, entry_open
from octavo.text import strip_tags

if TYPE_CHECKING:
    from collections.abc import Callable

    from octavo.model import Book
    from octavo.model.bibliography import Bibliography
    from octavo.model.manuscript import RenderedSection
    from octavo.model.quotes import QuoteTable
    from octavo.render.citation_syntax import CitationUse, Cite
    from octavo.render.drafts import ChapterDraft, Draft

__all__ = ["DEFAULT_STYLE", "cite_book", "entry_id"]

# The style citeproc-py ships, the only one it does: Cite Them Right's Harvard, an
# author-date style as pandoc's default (Chicago author-date) is, kept up by the CSL project.
DEFAULT_STYLE = "harvard-cite-them-right"
_PLACEHOLDER = re.compile(r'<span class="citation" data-label="(\d+)">(.*?)</span>', re.DOTALL)
_REFS = re.compile(r'<div id="refs"([^>]*)>')
_CLASS = re.compile(r' class="[^"]*"')
_LINK = re.compile(r"</?a\b[^>]*>")
_HREF = re.compile(r'<a href="([^"]*)"')
# a range of numbers ("pp. 33–35") kept on one line, as the text's are (octavo.render.markdown)
_RANGE = re.compile(r"(?<=\d)\u2013(?=\d)")
_JOINED = "\u2060\u2013\u2060"
# a typed apostrophe inside a word ("St. Martin's"), curled as the text's and pandoc's are (the
# cleaned HTML's attributes hold none: clean_fragment writes it &#x27;)
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_SMALL_CAPS = '<span style="font-variant:small-caps;">'  # citeproc.formatter.html's
_PEOPLE = ("author", "editor", "translator", "composer", "director")
_NAMES = (  # what names an item where its author would: left out for `[-@key]`
    *_PEOPLE,
    "title",
    "container_title",
    "title_short",
    "container_title_short",
    "collection_title",
    "publisher",
)


def entry_id(key: str) -> str:
    """The id of a key's entry in the reference list (an XML name, as EPUB wants it)."""
    return "ref-" + re.sub(r"[^\w.-]", "_", key)


def cite_book(
    book: Book, drafts: tuple[ChapterDraft, ...], examples: dict[str, str]
) -> tuple[tuple[ChapterDraft, ...], tuple[tuple[str, str], ...], list[Diagnostic]]:
    """The drafts with their citations formatted and the reference list in place, the
    anchors of its entries (id -> chapter), and W527 for each key not in the bibliography.
    What citeproc-py says through Python's warnings (a BibTeX field it does not read,
    `url` among them) is W152 at the field's line, not a line of Python on stderr."""
    bib = book.bibliography
    if bib is None:
        return drafts, (), []
    import warnings

    from octavo.render.citeproc_said import told

    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        out, anchors, found = _cite_book(book, bib, drafts, examples)
    return out, anchors, [*found, *told(bib, [str(w.message) for w in said])]


def _cite_book(
    book: Book, bib: Bibliography, drafts: tuple[ChapterDraft, ...], examples: dict[str, str]
) -> tuple[tuple[ChapterDraft, ...], tuple[tuple[str, str], ...], list[Diagnostic]]:
    found: list[Diagnostic] = []
    try:
        cites = _Citer(bib, book.quotes)
    except Exception as exc:  # citeproc-py's own errors have no common class
        found.append(
            error("E150", f"citeproc-py cannot read it: {exc}", bib.style_path or bib.path)
        )
        return drafts, (), found
    for chapter in drafts:
        for draft in chapter.sections:
            section = draft.rendered.section
            for use in draft.fragment.citations:
                for missing in cites.register(use, examples):
                    found.append(
                        warning(
                            "W527",
                            f"citation key '{missing}' is not in {bib.path.name}",
                            section.path,
                            section.body_line + use.line,
                            hint=cites.nearest(missing),
                        )
                    )
    for words, line in book.config.nocite:
        for missing in cites.register_uncited(words):
            message = f"nocite key '{missing}' is not in {bib.path.name}"
            hint = cites.nearest(missing)
            found.append(warning("W527", message, book.config.path, line, hint=hint))
    try:
        cites.sort()
        out, anchors = _filled(cites, drafts, examples)
    except Exception as exc:  # an entry's field of a type citeproc-py cannot format
        key = cites.key or cites.culprit()
        found.append(
            error(
                "E150",
                f"citeproc-py cannot format entry '{key}': {type(exc).__name__}: {exc}",
                bib.path,
                _line_of(bib, key),
                hint="check that entry's fields against CSL-JSON's: names are lists of "
                '{"family": …, "given": …}, dates {"date-parts": [[1999]]}, the rest text',
            )
        )
        return drafts, (), found
    return out, anchors, found


def _titles(
    cites: _Citer, draft: Draft, body: str, examples: dict[str, str]
) -> tuple[RenderedSection, str]:
    """The section's headings and captions with their citations formatted, unlinked, as the
    contents, the lists of tables and figures and the PDF's bookmarks (a heading's
    `data-label` in `body`) show a heading's words: they showed `[@doe99]`."""
    rs, uses = draft.rendered, draft.fragment.citations

    def filled(html: str) -> str:
        return _LINK.sub("", cites.fill(html, uses, examples))

    headings = tuple(replace(h, title_html=filled(h.title_html)) for h in rs.headings)
    for before, after in zip(rs.headings, headings, strict=True):
        if before.title_html != after.title_html:
            label = 'data-label="{}"'
            old, new = (escape(strip_tags(h.title_html), quote=True) for h in (before, after))
            body = body.replace(label.format(old), label.format(new), 1)
    tables = tuple(replace(t, caption_html=filled(t.caption_html)) for t in rs.tables)
    figures = tuple(replace(f, caption_html=filled(f.caption_html)) for f in rs.figures)
    return replace(rs, headings=headings, tables=tables, figures=figures), body


def _filled(
    cites: _Citer, drafts: tuple[ChapterDraft, ...], examples: dict[str, str]
) -> tuple[tuple[ChapterDraft, ...], tuple[tuple[str, str], ...]]:
    out, anchors, placed = [], [], False
    for chapter in drafts:
        sections = []
        for draft in chapter.sections:
            rs = draft.rendered
            cites.language = rs.section.lang or cites.book_language
            uses = draft.fragment.citations
            body = cites.fill(rs.body_html, uses, examples)
            notes = tuple(replace(n, html=cites.fill(n.html, uses, examples)) for n in rs.notes)
            rs, body = _titles(cites, draft, body, examples)
            if not placed and _REFS.search(body):
                own = chapter.chapter.kind == "bibliography"
                found_at = _REFS.search(body)
                assert found_at is not None
                cites.key = ""
                listed = cites.references(found_at[1], own)
                body = body[: found_at.start()] + listed + body[found_at.end() :]
                anchors += [(entry_id(k), chapter.chapter.slug) for k in cites.cited()]
                placed = True
            links = (*draft.fragment.links, *cites.linked)  # its affixes' too: W512's line
            cites.linked.clear()
            fragment = replace(draft.fragment, links=links)
            rendered = replace(rs, body_html=body, notes=notes)
            sections.append(replace(draft, rendered=rendered, fragment=fragment))
        out.append(replace(chapter, sections=tuple(sections)))
    return tuple(out), tuple(anchors)


class _Citer:
    """citeproc-py's bibliography of the book, its citations registered in reading order."""

    def __init__(self, bib: Bibliography, quotes: QuoteTable):
        from citeproc import CitationStylesBibliography, CitationStylesStyle, formatter
        from citeproc.source.bibtex import BibTeX
        from citeproc.source.json import CiteProcJSON

        text = bib.data.decode("utf-8-sig")
        if bib.bibtex:
            self.source: Any = BibTeX(io.StringIO(text))
        else:
            self.source = CiteProcJSON(json.loads(text))
        style = bib.style or (files("citeproc") / f"data/styles/{DEFAULT_STYLE}.csl").read_bytes()
        self.style = CitationStylesStyle(io.BytesIO(style), _locale(bib.language), validate=False)
        citation = self.style.root.citation
        attributes = dict(citation.layout.attrib)
        for name in ("prefix", "suffix", "delimiter"):
            citation.layout.attrib.pop(name, None)
        # each item is formatted alone, then ordered, grouped and joined as the style says
        self.shape = Shape.of(dict(citation.attrib), attributes)
        self.punctuated = _quote_punctuation(citation.layout)
        self.bibliography = CitationStylesBibliography(self.style, self.source, formatter.html)
        self.keys = {k.lower(): k for k in bib.keys}
        self.made: dict[tuple[int, int], Any] = {}  # (use, cite) -> its citeproc Citation
        self.key = ""  # the key being formatted, for a message where citeproc-py fails
        self.quotes = quotes  # a prefix's and a suffix's, as the text's (octavo.render.quotes)
        self.book_language = bib.language
        self.linked: list[tuple[str, int]] = []  # the affixes' links: (href, line)
        self.language = bib.language  # the section's being filled (its `lang`, else the book's)
        self.names: dict[
            str, str
        ] = {}  # key -> its authors as printed (octavo.render.citation_groups)

    def register(self, use: CitationUse, examples: dict[str, str]) -> list[str]:
        """The use's items registered; the keys the bibliography lacks."""
        if _example(use, examples) is not None:
            return []
        from citeproc import Citation, CitationItem
        from citeproc.source import Locator

        missing = []
        for at, cite in enumerate(use.cites):
            if cite.key.lower() not in self.source:
                missing.append(cite.key)
                continue
            item = (
                CitationItem(cite.key, locator=Locator(cite.label, cite.locator))
                if cite.locator
                else CitationItem(cite.key)
            )
            citation = Citation([item])
            self.bibliography.register(citation)
            self.made[id(use), at] = citation
        return missing

    def register_uncited(self, words: str) -> list[str]:
        """The entries pandoc's `nocite` names registered after the cited ones (`@*`: all,
        in the file's order); the keys the bibliography lacks."""
        from citeproc import Citation, CitationItem

        from octavo.render.citation_syntax import keys_in

        keys = keys_in(words)
        listed = [*self.keys.values()] if "*" in keys else keys
        for key in listed:
            if key.lower() in self.source:
                self.bibliography.register(Citation([CitationItem(key)]))
        return [k for k in keys if k != "*" and k.lower() not in self.source]

    def nearest(self, key: str) -> str:
        import difflib

        close = difflib.get_close_matches(key.lower(), list(self.keys), n=1, cutoff=0.7)
        return f"did you mean '{self.keys[close[0]]}'?" if close else "add it to the bibliography"

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
                return str(self.keys.get(key, key))
        return ""

    def sort(self) -> None:
        self.bibliography.sort()

    def cited(self) -> list[str]:
        return [self.keys.get(k, k) for k in self.bibliography.keys]

    def fill(self, html: str, uses: tuple[CitationUse, ...], examples: dict[str, str]) -> str:
        if 'class="citation"' not in html:
            return html
        return _PLACEHOLDER.sub(lambda m: self._one(uses[int(m[1])], examples), html)

    def _one(self, use: CitationUse, examples: dict[str, str]) -> str:
        number = _example(use, examples)
        if number is not None:
            return number
        cites = list(use.cites)
        if use.in_text:  # "Doe (1999, 2003)": the author named, then the items in brackets
            cites[0] = replace(cites[0], suppress_author=True)
        items = [self._seen(use, at, cite) for at, cite in enumerate(cites)]
        groups = grouped(ordered(items, self._sorted(use), int(use.in_text)), self.shape)
        bare = collapsed(groups, self.shape)
        between = iter(separators(groups, self.shape))
        wrap = escape(self.shape.prefix, quote=False), escape(self.shape.suffix, quote=False)
        named, opening = use.in_text and (id(use), 0) in self.made, ""
        if named:  # the names, then the brackets, in the first item's link
            opening = f"{self._in_text_names(use)} {wrap[0]}".lstrip()
            wrap = "", wrap[1]
        words = ""
        for group in groups:
            for item in group:
                lead = opening if named and item.at == 0 else ""
                tail = wrap[1] if named and len(cites) == 1 else ""
                shown = self._item(use, item.at, cites[item.at], item.at in bare, lead, tail)
                words += shown + escape(next(between, ""), quote=False)
        if use.in_text and len(cites) == 1:  # "Doe (1999)" one link; **doe99?** alone
            return f'<span class="citation">{self.punctuated(words)}</span>'
        return f'<span class="citation">{self.punctuated(wrap[0] + words + wrap[1])}</span>'

    def _in_text_names(self, use: CitationUse) -> str:
        """The names an in-text citation opens with: "Doe" of "Doe (1999)"."""
        citation = self.made[id(use), 0]
        full, rest = self._format(citation), self._without_names(citation)
        return full[: -len(rest)].rstrip(" ,") if rest and full.endswith(rest) else ""

    def _seen(self, use: CitationUse, at: int, cite: Cite) -> Item:
        """The item as ordering and grouping see it."""
        citation = self.made.get((id(use), at))
        grouping = citation is not None and self.shape.group_delimiter is not None
        names = self._names(citation) if grouping else ""
        return Item(at, names, bool(cite.prefix), bool(cite.suffix), bool(cite.locator))

    def _names(self, citation: Any) -> str:
        """The item's authors as the style prints them ("" where its entry names none)."""
        key = citation.cites[0].key
        if key not in self.names:
            reference = self.source[key]
            full, rest = self._format(citation), self._without_names(citation)
            names = full[: -len(rest)] if rest and full.endswith(rest) else full
            self.names[key] = names if any(n in reference for n in _PEOPLE) else ""
        return self.names[key]

    def _sorted(self, use: CitationUse) -> Callable[[list[Item]], list[Item]]:
        """The style's `<citation><sort>` over the use's items (those of keys the
        bibliography lacks last)."""
        citation = self.style.root.citation

        def by_style(items: list[Item]) -> list[Item]:
            known = {id(c.cites[0]): i for i in items if (c := self.made.get((id(use), i.at)))}
            unknown = [i for i in items if self.made.get((id(use), i.at)) is None]
            if citation.sort is None:
                return [*known.values(), *unknown]
            cited = [self.made[id(use), i.at].cites[0] for i in known.values()]
            return [known[id(c)] for c in citation.sort.sort(cited, citation.layout)] + unknown

        return by_style

    def _item(
        self, use: CitationUse, at: int, cite: Cite, bare: bool, lead: str = "", tail: str = ""
    ) -> str:
        """An item's words, linked to its entry: without its names where it is suppressed
        (`[-@key]`, an in-text citation's) or collapsed (a group's later items); `lead` and
        `tail` inside its link (an in-text citation's "Doe (" and ")"). A suffix that holds
        a link of its own is set after the item's."""
        citation = self.made.get((id(use), at))
        if citation is None:
            return f"<strong>{escape(cite.key, quote=False)}?</strong>"
        target = entry_id(self.keys.get(cite.key.lower(), cite.key))
        if cite.suppress_author or bare:
            shown = self._without_names(citation)
        else:
            shown = self._format(citation)
        prefix = self._inline(cite.prefix) + " " if cite.prefix else ""
        suffix = self._inline(cite.suffix)
        hrefs = _HREF.findall(prefix + suffix)
        self.linked += [(unescape(h), use.line) for h in hrefs]
        if "<a " in suffix:  # no link inside a link
            return f"{prefix}{biblioref(target)}{lead}{shown}</a>{suffix}{tail}"
        return f"{prefix}{biblioref(target)}{lead}{shown}{suffix}{tail}</a>"

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

    def _format(self, citation: Any) -> str:
        key = citation.cites[0].key
        self.key = self.keys.get(key.lower(), key)
        return _clean(str(self.bibliography.cite(citation, lambda item: None)))

    def _without_names(self, citation: Any) -> str:
        """The item formatted without its names and title: its year and locator."""
        reference = self.source[citation.cites[0].key]
        kept = {name: reference.pop(name) for name in _NAMES if name in reference}
        try:
            return self._format(citation)
        finally:
            reference.update(kept)

    def references(self, attributes: str, own: bool) -> str:
        """The reference list's opening and entries, in the `#refs` div; `own`: in a
        Bibliography division (whose section is the doc-bibliography already)."""
        entries = "".join(
            f"{entry_open(entry_id(self.keys.get(k, k)))}"
            f"{linked(self.punctuated(_clean(str(entry))), self.source[k])}</div>\n"
            for k, entry in zip(
                self.bibliography.keys, self.bibliography.bibliography(), strict=True
            )
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


def _clean(html: str) -> str:
    """citeproc-py's HTML, cleaned as a source's raw HTML is (octavo.render.sanitize): it
    writes an entry's fields as the file has them, a CSL-JSON title's `<i>` (Zotero's rich
    text), a URL's `&`, and a `<script>` too; its small capitals are the `smallcaps` class
    (pandoc's, styled in base.css), and a range is kept on one line."""
    from octavo.render.allow_list import TRUSTED
    from octavo.render.sanitize import clean_fragment

    marked = f'<span {TRUSTED[0]}="{TRUSTED[1]}" class="smallcaps">'
    cleaned, _ = clean_fragment(html.replace(_SMALL_CAPS, marked))
    return _APOSTROPHE.sub("\u2019", _RANGE.sub(_JOINED, cleaned))


def _quote_punctuation(element: Any) -> Callable[[str], str]:
    """The locale's comma and period inside a closing quote, where it says so
    (`punctuation-in-quote`: octavo.render.quote_punctuation); else the HTML as it is."""
    if str(element.get_locale_option("punctuation-in-quote")).lower() != "true":
        return str
    from octavo.render.quote_punctuation import QuotePunctuation

    terms = ("close-quote", "open-inner-quote", "close-inner-quote")
    found = [element.get_term(name) for name in terms]
    return QuotePunctuation(*(str(t.text or "") if t is not None else "" for t in found))


def _line_of(bib: Bibliography, key: str) -> int | None:
    """The line of the file where the entry `key` starts, where it can be found."""
    text = bib.data.decode("utf-8-sig", "replace")
    name = re.escape(key)
    shape = rf"@\w+\s*[{{(]\s*{name}\s*," if bib.bibtex else rf'"id"\s*:\s*"?{name}\b'
    at = re.search(shape, text) if key else None
    return text.count("\n", 0, at.start()) + 1 if at else None


def _example(use: CitationUse, examples: dict[str, str]) -> str | None:
    """A numbered example's number, where `@label` names one (pandoc's rule: an example's
    label wins over a citation key)."""
    if not use.in_text or len(use.cites) != 1:
        return None
    cite = use.cites[0]
    if cite.locator or cite.suffix:
        return None
    return examples.get(cite.key)


def _locale(language: str) -> str:
    """citeproc-py's locale for a BCP 47 tag: the tag, else its language's primary dialect
    (`ru` -> `ru-RU`), else American English."""
    from citeproc import PRIMARY_DIALECTS

    parts = language.replace("_", "-").split("-")
    tag = parts[0].lower() + ("-" + parts[-1].upper() if len(parts) > 1 else "")
    for candidate in (tag, PRIMARY_DIALECTS.get(parts[0].lower(), "")):
        if (
            candidate
            and (files("citeproc") / "data" / "locales" / f"locales-{candidate}.xml").is_file()
        ):
            return candidate
    return "en-US"
