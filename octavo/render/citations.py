"""The book's citations formatted by citeproc-py, once every section is rendered: each
citation a link to its entry, the reference list (the entries cited, and those `nocite`
names, sorted by the style) in the `#refs` div (octavo.source.reference_list).

citeproc-py's bibliography of the book (octavo.render.citeproc_book) is made once, every
section's citations registered in reading order, then each section's written
(octavo.render.citation_words) and the list placed. A key the bibliography lacks is W527;
what citeproc-py cannot read or format, E150 at the file's line (the entry's, which
octavo.source.bibliography found when it read the file); what it says through Python's
warnings, W152 (octavo.render.citeproc_said).
"""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from octavo.errors import Diagnostic, error, warning
from octavo.render.citeproc_book import DEFAULT_STYLE, Unformatted
from octavo.render.reference_markup import entry_id

if TYPE_CHECKING:
    from pathlib import Path

    from octavo.model import Book
    from octavo.model.bibliography import Bibliography
    from octavo.model.manuscript import RenderedSection
    from octavo.render.citation_words import SectionCitations
    from octavo.render.citeproc_book import CiteprocBook
    from octavo.render.drafts import ChapterDraft, Draft

__all__ = ["DEFAULT_STYLE", "cite_book", "entry_id"]

_REFS = re.compile(r'<div id="refs"([^>]*)>')
_LINK = re.compile(r"</?a\b[^>]*>")
_DATA_LABEL = re.compile(r'\sdata-label="[^"]*"')


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
        out, anchors, found = _cite_book(book, drafts, examples)
    return out, anchors, [*found, *told(bib, [str(w.message) for w in said])]


def _cite_book(
    book: Book, drafts: tuple[ChapterDraft, ...], examples: dict[str, str]
) -> tuple[tuple[ChapterDraft, ...], tuple[tuple[str, str], ...], list[Diagnostic]]:
    from octavo.render.citation_name_forms import check_counts
    from octavo.render.citation_words import example_number
    from octavo.render.citeproc_book import CiteprocBook

    bib = book.bibliography
    assert bib is not None
    found: list[Diagnostic] = []
    try:
        cites = CiteprocBook(bib)
        check_counts(cites.style)  # else told of whichever entry is printed first
    except Exception as exc:  # citeproc-py's own errors have no common class
        found.append(_unread(bib, exc))
        return drafts, (), found

    def unknown(what: str, key: str, path: Path, line: int | None) -> Diagnostic:
        message = f"{what} key '{key}' is not in {bib.path.name}"
        return warning("W527", message, path, line, hint=cites.nearest(key))

    for chapter in drafts:
        for draft in chapter.sections:
            section = draft.rendered.section
            for use in draft.fragment.citations:
                if example_number(use, examples) is not None:
                    continue
                for missing in cites.register(use):
                    at = section.body_line + use.line
                    found.append(unknown("citation", missing, section.path, at))
    for words, line in book.config.nocite:
        for missing in cites.register_uncited(words):
            found.append(unknown("nocite", missing, book.config.path, line))
    try:
        cites.sort()
        out, anchors = _filled(book, cites, drafts, examples)
    except Exception as exc:  # an entry's field of a type citeproc-py cannot format
        # the entry of the citation that failed; else (the list) the first that fails alone
        key = exc.key if isinstance(exc, Unformatted) else cites.culprit()
        cause = exc.__cause__ if isinstance(exc, Unformatted) else exc
        found.append(
            error(
                "E150",
                f"citeproc-py cannot format entry '{key}': {type(cause).__name__}: {cause}",
                bib.path,
                bib.line_of(key),
                hint="check that entry's fields against CSL-JSON's: names are lists of "
                '{"family": …, "given": …}, dates {"date-parts": [[1999]]}, the rest text',
            )
        )
        return drafts, (), found
    return out, anchors, found


def _filled(
    book: Book, cites: CiteprocBook, drafts: tuple[ChapterDraft, ...], examples: dict[str, str]
) -> tuple[tuple[ChapterDraft, ...], tuple[tuple[str, str], ...]]:
    from octavo.render.citation_words import SectionCitations

    out, anchors, placed = [], [], False
    for chapter in drafts:
        sections = []
        for draft in chapter.sections:
            rs = draft.rendered
            language = rs.section.lang or book.config.language
            words = SectionCitations(
                cites, draft.fragment.citations, examples, language, book.quotes
            )
            body = words.fill(rs.body_html)
            notes = tuple(replace(n, html=words.fill(n.html)) for n in rs.notes)
            rs, body = _titles(words, draft, body)
            if not placed and (found_at := _REFS.search(body)):
                own = chapter.chapter.kind == "bibliography"
                listed = cites.references(found_at[1], own)
                body = body[: found_at.start()] + listed + body[found_at.end() :]
                anchors += [(entry_id(k), chapter.chapter.slug) for k in cites.cited()]
                placed = True
            # the prefixes' and suffixes' links too, for W512's line
            fragment = replace(draft.fragment, links=(*draft.fragment.links, *words.linked))
            rendered = replace(rs, body_html=body, notes=notes)
            sections.append(replace(draft, rendered=rendered, fragment=fragment))
        out.append(replace(chapter, sections=tuple(sections)))
    return tuple(out), tuple(anchors)


def _titles(words: SectionCitations, draft: Draft, body: str) -> tuple[RenderedSection, str]:
    """The section's headings and captions with their citations formatted, unlinked, as the
    contents, the lists of tables and figures and the PDF's bookmarks (a heading's
    `data-label` in `body`, its heading found by its id) show a heading's words: they
    showed `[@doe99]`."""
    rs = draft.rendered

    def filled(html: str) -> str:
        return _LINK.sub("", words.fill(html))

    headings = tuple(replace(h, title_html=filled(h.title_html)) for h in rs.headings)
    for before, after in zip(rs.headings, headings, strict=True):
        if before.title_html != after.title_html:
            body = _labelled(body, after.id, after.label)
    tables = tuple(replace(t, caption_html=filled(t.caption_html)) for t in rs.tables)
    figures = tuple(replace(f, caption_html=filled(f.caption_html)) for f in rs.figures)
    return replace(rs, headings=headings, tables=tables, figures=figures), body


def _labelled(body: str, ident: str, label: str) -> str:
    """`body` with the `data-label` of its heading `ident` (the PDF bookmark's words) set
    to `label`, written as the cleaned body writes an attribute; added last where the
    heading has none (it kept none, silently: no bookmark words with the citation)."""
    found = re.search(rf'<h[1-6]\b[^>]*\sid="{re.escape(escape(ident))}"[^>]*>', body)
    if found is None:
        return body
    written = f' data-label="{escape(label)}"'
    opening, changed = _DATA_LABEL.subn(lambda _: written, found[0], count=1)
    if not changed:
        opening = f"{opening[:-1]}{written}>"
    return body[: found.start()] + opening + body[found.end() :]


def _unread(bib: Bibliography, exc: Exception) -> Diagnostic:
    """E150 for a bibliography or style citeproc-py cannot read: at the entry of a BibTeX
    file it cannot read alone, with that entry's LaTeX macros, where there is one."""
    from octavo.render.bibtex_letters import letters, unreadable

    entry = unreadable(letters(bib.data.decode("utf-8-sig"))) if bib.bibtex else None
    if entry is None:
        return error("E150", f"citeproc-py cannot read it: {exc}", bib.style_path or bib.path)
    key, line, macros = entry
    why = f"LaTeX it does not know ({', '.join(macros)})" if macros else str(exc)
    return error(
        "E150",
        f"citeproc-py cannot read entry '{key}': {why}",
        bib.path,
        line,
        hint="write its words without LaTeX's macros (\\textit{word}: word), or give the "
        "bibliography as CSL-JSON (pandoc refs.bib -t csljson -o refs.json)",
    )
