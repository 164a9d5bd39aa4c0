"""Cross-references, resolved once every section is rendered and every table numbered.

A reference is a link octavo's Markdown rules marked `xref` (octavo.render.blocks):
`#id`, another section's file (`058-russia.md`, `058-russia.md#id`, relative to the
linking file), or `@tbl:label` / `@fig:label` / `@sec:id` (class `auto`: its text becomes
"Table 3", "Figure 4" or the heading's title, its first letter capitalised for
`@Tbl:label`, class `auto-capital`; `[-@tbl:label]`, pandoc-crossref's without
its word, class `auto-number`: "3"), or `#heading:<name>`, a heading of another
section by its name (`[Climate]`, octavo.render.heading_refs: the book's first so named).
Resolved, its href is `#id`: the print HTML uses it as is; the EPUB points it at the right
document (octavo.render.epub).
`[](#id){.page}` (class `page`) is a page reference: print shows the target's folio, the
EPUB, which has no pages, the target's name; the space before it is a no-break space, so
that "page" and its number are never parted by a line's end. What does not resolve loses
its link, keeps its text and is a warning (W512).
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from html import escape, unescape
from typing import TYPE_CHECKING
from urllib.parse import unquote

from octavo.render.in_code import without_code
from octavo.text import strip_tags

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from octavo.model import RenderedSection

__all__ = [
    "CAPITAL",
    "EXAMPLE_REF",
    "EXAMPLE_TARGET",
    "PAGE_REF",
    "WORDED",
    "Targets",
    "Unresolved",
    "holds_page_refs",
    "page_ref_targets",
    "reference_line",
    "resolve_links",
    "shown_page_refs",
    "worded_page_refs",
    "written_link",
]

CAPITAL = "auto-capital"  # the class of `@Tbl:label`'s link: its label's first letter capitalised

# A page reference as `resolve_links` writes it (its href pointed at a document or not, or
# a data-href in a print part: octavo.render.pdf.filters.away_links): the opening tag, the
# target's id, its name (the ref-label), the closing tag.
PAGE_REF = re.compile(
    r'(<a (?:data-)?href="[^"#]*#([^"]+)" class="[^"]*\bpage\b[^"]*"[^>]*>)'
    r'<span class="ref-label">(.*?)</span>(</a>)',
    re.DOTALL,
)


def page_ref_targets(section: RenderedSection) -> list[str]:
    """The ids a section's page references (in its text and its notes) point to."""
    text = section.body_html + "".join(n.html for n in section.notes)
    return [found[2] for found in PAGE_REF.finditer(text)]


def holds_page_refs(sections: Iterable[RenderedSection]) -> bool:
    """Does a section's text or note hold a page reference?"""
    return any(page_ref_targets(s) for s in sections)


# A link octavo marked: found by its literal start, which the regex engine searches for
# quickly; the blanks before it (up to one line's end) are taken by `_blanks_before`. With
# the blanks in the pattern (`[ \t]*\n?[ \t]*<a ...`), every character of the text
# began a try: 64 ms against 1.5 ms for the 81-section study's HTML.
_XREF = re.compile(r'<a ([^>]*\bclass="xref[^"]*"[^>]*)>(.*?)</a>', re.DOTALL)
NBSP = "\u00a0"
# the class of a page reference given words of its own, which print does not show (W529)
WORDED = "worded"
# `@label` of a numbered example another section may hold (octavo.render.example_lists):
# the class of its link, and its href's start (#example:<label>)
EXAMPLE_REF = "example-ref"
EXAMPLE_TARGET = "example:"
_BY_NAME = "heading:"  # octavo.render.heading_refs.PLACEHOLDER, after its '#'

_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
# where an inline link's destination begins: `](#id)`, `](058-russia.md#id)`, `](<a b.md>)`
_DESTINATION = re.compile(r"\]\([ \t]*")
# where a reference-style link's definition's begins, `[r]: 058-russia.md#id` (a note's
# `[^1]: …` is none), and its uses: `[x][r]`, `[r][]`, `[r]` (a label defined in the body;
# not an inline link's text nor a definition)
_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)([^\]]+)\]:[ \t]*", re.MULTILINE)
_REFERENCE = re.compile(r"\[([^\]]*)\]\[([^\]]*)\]|\[([^\]]+)\](?![(\[:])")


@dataclass(frozen=True, slots=True)
class Targets:
    """Everything a reference can point at."""

    labels: dict[str, str]  # id -> its name as text: "Table 3", a heading's title
    files: dict[str, str]  # a section's source, relative to the book folder -> its id
    # what `[Heading text]` calls a heading (octavo.render.heading_refs) -> the ids of the
    # headings so named, in book order (a chapter's, a section's title, a body's headings)
    headings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a numbered example's label -> its number (octavo.render.example_lists)
    examples: dict[str, str] = field(default_factory=dict)
    # a table's or figure's id -> its number alone ("3", "2.1"): `[-@tbl:label]`'s words
    numbers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Unresolved:
    href: str
    why: str


def resolve_links(html: str, folder: str, targets: Targets) -> tuple[str, tuple[Unresolved, ...]]:
    """`html` with every xref link resolved (or unlinked: its words, in a span that keeps
    its id and language if it has them), and those that did not resolve."""
    missed: list[Unresolved] = []

    def one(match: re.Match[str], space: str) -> str:
        attrs = dict(_ATTR.findall(match[1]))
        classes = attrs.get("class", "").split()
        href = unescape(attrs.get("href", ""))
        text = match[2]
        if EXAMPLE_REF in classes:  # `@label`: the example's number, else as written
            label = href.removeprefix("#" + EXAMPLE_TARGET)
            return space + targets.examples.get(label, text)
        # the author's id, lang, dir and title (octavo.render.inline_attributes), after its class
        kept = "".join(f' {k}="{v}"' for k, v in attrs.items() if k not in ("href", "class"))
        ident, why = _target(href, folder, targets)
        if ident is None:
            missed.append(Unresolved(href, why))
            return space + (f"<span{kept}>{text}</span>" if kept else text)
        label = escape(targets.labels.get(ident, ""), quote=False)
        if CAPITAL in classes and ident in targets.numbers:  # `@Tbl:label`, at a sentence's
            # start: "Table 3", "Tableau 3"; a table's or a figure's word only (`@Sec:label`
            # prints its heading's title as written: "eBay and de Gaulle", as pandoc-crossref
            # capitalises its "Sec." word, never the title)
            label = label[:1].upper() + label[1:]
        if "auto-number" in classes:  # `[-@tbl:label]`: "3", as pandoc-crossref writes it
            label = escape(targets.numbers.get(ident, ""), quote=False) or label
        worded = "page" in classes and bool(text.strip()) and WORDED not in classes
        if {"auto", "auto-number"} & set(classes) or ("page" in classes and not text.strip()):
            text = label or text
        if "page" in classes:  # print shows the folio instead (styles/print/book.css)
            classes += [WORDED] if worded else []  # its own words, not shown there (W529)
            text = f'<span class="ref-label">{text}</span>'
            space = space and NBSP  # "page 42" never broken at the line's end (nor its
            # source's: "page" at the end of a hard-wrapped line)
        named = " ".join(c for c in classes if c not in ("auto", "auto-number", CAPITAL))
        return f'{space}<a href="#{escape(ident)}" class="{named}"{kept}>{text}</a>'

    parts: list[str] = []
    done = 0  # the end of the last link replaced
    for match in _XREF.finditer(html):
        start = _blanks_before(html, match.start(), done)
        parts += [html[done:start], one(match, html[start : match.start()])]
        done = match.end()
    return "".join(parts) + html[done:] if parts else html, tuple(missed)


def _blanks_before(html: str, end: int, floor: int) -> int:
    """Where the blanks before `end` begin: spaces and tabs, one line's end, spaces and tabs,
    none before `floor`."""
    start = end
    while start > floor and html[start - 1] in " \t":
        start -= 1
    if start > floor and html[start - 1] == "\n":
        start -= 1
        while start > floor and html[start - 1] in " \t":
            start -= 1
    return start


def _target(href: str, folder: str, targets: Targets) -> tuple[str | None, str]:
    # markdown-it writes a link's letters beyond ASCII as %-escapes: '#s002-минск' (an id
    # made from a Cyrillic heading) arrives as '#s002-%D0%BC…', a file 'минск.md' likewise
    path, _, fragment = (unquote(part) for part in href.partition("#"))
    if not path and fragment.startswith(_BY_NAME):  # `[Climate]`: a heading by its name
        ids = targets.headings.get(fragment.removeprefix(_BY_NAME))
        if ids:
            return ids[0], ""
        return None, f"no heading named '{fragment.removeprefix(_BY_NAME).lower()}' in the book"
    if not path:
        if fragment in targets.labels:
            return fragment, ""
        return None, f"no id '{fragment}' in the book"
    if not path.endswith(".md"):
        return None, "links to files other than sections are not kept"
    source = posixpath.normpath(posixpath.join(folder, path))
    section = targets.files.get(source)
    if section is None:
        return None, f"no section file '{source}' in the book"
    if not fragment:
        return section, ""
    if fragment in targets.labels:
        return fragment, ""
    return None, f"no id '{fragment}' in the book"


def reference_line(
    body: str, ident: str, here: Path | None = None, file: Path | None = None
) -> int:
    """The 0-based line of a section's body that links to `ident` as a page reference (0:
    unknown): where the EPUB's and the handouts' W517 point. Its link as written: `#ident`,
    `058-russia.md#ident`, or, where `ident` is a section's, that section's `file` named
    from the body's own (`here`): `058-russia.md`, `../058-russia.md`; inline, or by
    reference (`[x][r]` with `[r]: 058-russia.md` defined in the body)."""

    def links_to(destination: str) -> bool:
        path, _, fragment = (unquote(part) for part in destination.partition("#"))
        if fragment or not path:
            return fragment == ident
        if here is None or file is None:
            return False
        return os.path.normpath(here.parent / path) == os.path.normpath(file)

    body = without_code(body)  # a link written in code is no link (review47b #5)
    defined = _defined(body)
    lines = body.split("\n")
    linking = [
        index
        for index, line in enumerate(lines)
        if any(links_to(found) for found in _destinations(line, defined))
    ]
    return next((i for i in linking if ".page" in lines[i]), linking[0] if linking else 0)


def written_link(body: str, line: int, href: str) -> str:
    """A link's destination as its author wrote it in `body` (between its `<…>`, if any),
    found from `line` (0-based) to its paragraph's end, where markdown-it's `href` is it
    made a URL: 'café.md' arrives as 'caf%C3%A9.md', `<my café.md>` as 'my%20caf%C3%A9.md',
    `\\\\x.md` as '%5Cx.md'; an author's own 'caf%C3%A9.md' stays so. `href` when none is
    found."""
    from markdown_it.common.normalize_url import normalizeLink
    from markdown_it.common.utils import unescapeAll

    defined = _defined(body)
    for text in body.split("\n")[line:]:
        if not text.strip():
            break
        for found in _destinations(text, defined):
            if found == href or normalizeLink(unescapeAll(found)) == href:
                return found
    return href


def _label(name: str) -> str:
    """A link reference's label as CommonMark matches it: case and runs of spaces aside."""
    return " ".join(name.split()).casefold()


def _destination(text: str, start: int) -> str | None:
    """The link destination that begins at `start` as written (without its `<…>`), as
    CommonMark (markdown-it, octavo's parser) reads one: in `<…>` it may hold spaces, bare
    it may hold balanced parentheses and backslash escapes; None where none begins."""
    from markdown_it.helpers import parseLinkDestination

    read = parseLinkDestination(text, start, len(text))
    if not read.ok:
        return None
    written = text[start : read.pos]
    return written[1:-1] if written.startswith("<") else written


def _defined(body: str) -> dict[str, str]:
    """Each reference label the body defines -> its destination as written (the first
    definition of a label is the one, as CommonMark takes it)."""
    defined: dict[str, str] = {}
    for match in _DEFINITION.finditer(body):
        to = _destination(body, match.end())
        if to is not None:
            defined.setdefault(_label(match[1]), to)
    return defined


def _destinations(line: str, defined: dict[str, str]) -> list[str]:
    """The destinations `line` links to, as written: inline, and by a reference `defined`
    in the body."""
    found = [
        to
        for match in _DESTINATION.finditer(line)
        if (to := _destination(line, match.end())) is not None
    ]
    for text, name, alone in _REFERENCE.findall(line):
        to = defined.get(_label(name or text or alone))
        if to is not None:
            found.append(to)
    return found


# a worded reference's line breaks (written over two lines), not its no-break spaces
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def shown_page_refs(rs: RenderedSection, output: str) -> dict[str, str]:
    """The page references a section's text and notes show in `output` ("pdf", "epub"):
    each target's id (unescaped) -> the name its reference shows, once each."""
    from octavo.render.conditional import for_output

    html = for_output(" ".join((rs.body_html, *(n.html for n in rs.notes))), output)
    return {
        unescape(m[2]): _LINE_BREAKS.sub(" ", strip_tags(m[3])) for m in PAGE_REF.finditer(html)
    }


def worded_page_refs(rs: RenderedSection, output: str) -> dict[str, str]:
    """The page references given words of their own (`[the map](#fig:map){.page}`, class
    `worded`) that a section's text and notes show in `output`: each target's id -> its
    words. Print (and an EPUB with a page list) shows the target's folio in their place."""
    from octavo.render.conditional import for_output

    html = for_output(" ".join((rs.body_html, *(n.html for n in rs.notes))), output)
    return {
        unescape(m[2]): " ".join(strip_tags(m[3]).split())
        for m in PAGE_REF.finditer(html)
        if WORDED in dict(_ATTR.findall(m[1])).get("class", "").split()
    }
