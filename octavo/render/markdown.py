"""Markdown -> XHTML fragments (markdown-it-py), with typography at render time.

pandoc's syntax where pandoc has one: pipe tables with a `Table: …` caption, implicit
figures (a lone image in a paragraph), `{#id .class key=value}` attributes, footnotes
(`[^label]`), definition lists, lettered and roman lists and numbered examples
(octavo.render.fancy_lists), `[Heading text]` links (octavo.render.heading_refs), task
lists (octavo.render.task_lists), `@tbl:label` references (octavo.render.blocks does the
work on the token stream). Typography changes characters, never words: straight quotes
become curly, '--' an en dash, '---' an em dash, '...' an ellipsis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.smartquotes import process_inlines
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from octavo.model.quotes import DEFAULT_TABLE, ENGLISH, Marks, QuoteTable
from octavo.render import (
    addresses,
    attributes,
    blocks,
    crossref_syntax,
    divs,
    escapes,
    fancy_lists,
    grid_tables,
    heading_refs,
    link_spans,
    markdown_core,
    math_source,
    pandoc_tables,
    quotes,
    raw,
    task_lists,
)
from octavo.render.allow_list import DEEP
from octavo.render.index_marks import MarkUse
from octavo.render.renderer import Renderer
from octavo.render.sanitize import Removal, clean_fragment, find_removals
from octavo.render.tokens import child_lines
from octavo.text import joined_ranges

if TYPE_CHECKING:
    from octavo.render.citation_syntax import CitationUse

__all__ = ["Context", "Fragment", "render_block", "render_inline"]

_DASHES = (
    (re.compile(r"(?<!-)---(?!-)"), "\u2014"),
    (re.compile(r"(?<!-)--(?!-)"), "\u2013"),
    (re.compile(r"\.\.\."), "\u2026"),
)


def typeset_words(core: StateCore, words: str, marks: Marks = ENGLISH) -> str:
    """Words shown as text that no Markdown rule reads (a figure's `credit`) set by the
    text's own rules, in their order: octavo's dashes and ellipses, markdown-it's smart
    quotes (`marks`: the language's in force there), then what is left of `'` an
    apostrophe."""
    token = Token("text", "", 0)
    token.content = words
    typeset_tokens(core, [token], marks)
    return token.content


def typeset_tokens(core: StateCore, tokens: list[Token], marks: Marks = ENGLISH) -> None:
    """Inline tokens no rule of the text reaches (a figure's caption: its image's own
    children) set by the text's rules, as `typeset_words` sets words."""
    _dashes(tokens)
    process_inlines(tokens, core)
    for token in tokens:
        if token.type == "text":
            token.content = quotes.set_marks(token.content, marks)
    quotes.leftover_quotes(tokens)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a section's body sits in the book: what its numbers and ids start from."""

    slug: str = "s"  # the section's slug: prefix of generated ids
    level: int = 2  # the section heading's level (past 6 too); a body's '#' is one below it
    notes_before: int = 0  # notes of the chapter before this body's first footnote
    tables_before: int = 0
    figures_before: int = 0
    # set: tables and figures numbered "chapter.n" ("2.1"; an appendix's "A.1": drafts)
    chapter: str | None = None
    # the same as the ids of its tables and figures write it, in ASCII ("A" of "Б": drafts)
    chapter_id: str | None = None
    toc_depth: int = 6  # body headings deeper than this are left out of nav and bookmarks
    table_word: str = "Table"  # the labels' words for "Table 3", "Figure 2"
    figure_word: str = "Figure"
    index_terms: tuple[tuple[str, str], ...] = ()  # index.toml: marked wherever they occur
    # names of the book's headings that the body holds in brackets (`[Climate]`): linked
    # by name to another section's heading (octavo.render.heading_refs)
    heading_names: tuple[str, ...] = ()
    # numbered examples (`(@)`) of the book before this body: its own go on from there
    examples_before: int = 0
    # `@label` of an example not in this body is left for the book (octavo.render.xref):
    # pandoc numbers examples through the whole text, and refers to them anywhere in it
    examples_in_book: bool = False
    language: str = "en"  # the section's language: its quotes (an element's `lang` in it, its own)
    quotes: QuoteTable = DEFAULT_TABLE  # each language's quotation marks (octavo.model.quotes)
    # the book has a bibliography: `[@key]` and `@key` are citations (octavo.render.citation_syntax)
    citations: bool = False


@dataclass(frozen=True, slots=True)
class Fragment:
    html: str  # well-formed XHTML, raw HTML cleaned to the allow-list
    images: tuple[blocks.ImageUse, ...]  # every image, with its 0-based line
    links: tuple[tuple[str, int], ...]  # (href, 0-based line) of every link
    removed: tuple[Removal, ...]  # raw HTML the cleaner dropped
    too_deep: int | None = None  # 0-based line where nesting passed the parser's limit
    headings: tuple[blocks.HeadingUse, ...] = ()
    tables: tuple[blocks.Caption, ...] = ()
    figures: tuple[blocks.Caption, ...] = ()
    notes: tuple[blocks.NoteUse, ...] = ()
    ids: tuple[tuple[str, int], ...] = ()  # every id the source gives, with its line
    problems: tuple[blocks.Problem, ...] = field(default=())
    marks: tuple[MarkUse, ...] = ()  # index marks, in reading order
    examples: tuple[str, ...] = ()  # each numbered example's label ("" for none), in order
    citations: tuple[CitationUse, ...] = ()  # in the body's order (Context.citations)


def _addresses(state: StateCore) -> None:
    """An autolink's text (`<https://a.org/x--y>`) printed as typed: made `text_special`,
    which typography passes by (markdown-it's `text_join` makes it text again); the link
    classed as pandoc classes it, `uri` or `email` (its text given its line breaks when
    rendered: octavo.render.addresses)."""
    for block in state.tokens:
        if not block.children or "<" not in block.content:
            continue  # an autolink is written `<…>`
        address = False
        for token in block.children:
            if token.type in ("link_open", "link_close") and token.info == "auto":
                address = token.type == "link_open"
                if address:
                    mail = str(token.attrGet("href") or "").lower().startswith("mailto:")
                    token.attrSet("class", "email" if mail else "uri")
            elif address and token.type == "text":
                token.type = "text_special"


def _punctuation(state: StateCore) -> None:
    for block in state.tokens:
        if block.type == "inline" and block.children:
            _dashes(block.children)


def _dashes(tokens: list[Token]) -> None:
    for token in tokens:
        if token.type == "text" and ("-" in token.content or "..." in token.content):
            for pattern, replacement in _DASHES:
                token.content = pattern.sub(replacement, token.content)


_WORD_JOINER = "\u2060"
_CLOSED_DASH = re.compile(r"(?<=[^\s\u2060])\u2014")  # an em dash set close to a word


def _dash_joins(state: StateCore) -> None:
    """A word joiner (U+2060) before an em dash set close to its word ("Minsk—the
    capital"): a line may end after the dash, never begin with it (Unicode's line breaking
    allows both; a line at 390 px began "—the capital"), as Standard Ebooks sets it. And
    one on each side of the en dash of a range of short numbers ("1945–1960"), which
    Unicode lets a line end after (at 360 px a line ended "1971–", "1979" below it); a
    range of words ("January–March", "Marxism–Leninism") may still break after its dash,
    as a long compound must in a narrow table cell. Last of the rules, so that index terms
    and ids are made from the text without it; not in headings nor titles (render_inline):
    their text is the PDF's bookmarks, the nav's and the NCX's labels."""
    if state.inlineMode:
        return
    for number, block in enumerate(state.tokens):
        if block.type != "inline" or not block.children:
            continue
        if number and state.tokens[number - 1].type == "heading_open":
            continue
        last = " "  # the character set last before the token, in this block
        for token in block.children:
            if token.type == "text" and "\u2014" in token.content:
                content = _CLOSED_DASH.sub(_WORD_JOINER + "\u2014", token.content)
                if content[0] == "\u2014" and not last.isspace():
                    content = _WORD_JOINER + content  # `*Minsk*—the`: after an element
                token.content = content
            if token.type == "text" and "\u2013" in token.content:  # (else none to join)
                token.content = joined_ranges(token.content)  # octavo.text's one rule
            if token.type in ("text", "text_special", "code_inline") and token.content:
                last = token.content[-1]
            elif token.type in ("softbreak", "hardbreak", "image", "footnote_ref"):
                last = " "


@lru_cache(maxsize=4)
def _parser(typography: bool, citations: bool = False) -> MarkdownIt:
    """`citations`: with pandoc's citations read (a book without a bibliography never
    makes this parser, nor pays for its rule)."""
    options = {"typographer": typography, "html": True, "xhtmlOut": True}
    # smart quotes write placeholders, each set in the language in force (octavo.render.quotes)
    md = MarkdownIt("commonmark", {**options, "quotes": quotes.PLACEHOLDERS}, renderer_cls=Renderer)
    md.enable(["table", "strikethrough"])
    pandoc_tables.install(md)  # simple and multiline tables, captions as pandoc reads them
    grid_tables.install(md)  # +---+ grid tables
    fancy_lists.install(md)  # `a.`, `(iv)`, `#.`, `(@)`: pandoc's ordered lists
    heading_refs.install(md)  # `[Heading text]`: a link to that heading
    math_source.install(md)  # `$\{x\}$`: its TeX as written, not read as Markdown
    task_lists.install(md)  # `- [x] done`: a marked item
    md.use(footnote_plugin, inline=True).use(deflist_plugin)
    if citations:
        from octavo.render import citation_syntax

        citation_syntax.install(md)  # `[@doe99, p. 33]`, `@doe99`: before links, notes' too
    crossref_syntax.install(md)  # `[see @tbl:gdp]`: "see 3", as pandoc-crossref prints it
    attributes.install(md)  # pandoc's bare values: {width=80%}; a link's {…} held apart
    md.use(attrs_plugin, spans=True, after=attributes.PLUGIN_AFTER)
    link_spans.install(md)  # `[[Minsk]{lang=be}](a.md)`: a link holding a span
    md.use(sub_plugin).use(superscript_plugin)
    escapes.install(md)  # `Mr.\\ Smith`: a no-break space, as pandoc reads it
    raw.install(md)  # ```{=html} and `…`{=html}: raw HTML; another format's dropped (W526)
    markdown_core.install(md)  # plain words one text token, not parsed; a quicker normalize
    md.core.ruler.after("inline", "octavo_addresses", _addresses)  # before typography
    if typography:
        md.enable("smartquotes")
        md.core.ruler.before("smartquotes", "octavo_punctuation", _punctuation)
        md.core.ruler.after("smartquotes", "octavo_quotes", quotes.curl)
    divs.install(md)
    blocks.install(md)
    addresses.install(md)  # an address's text given the places a line may end in it
    if typography:
        md.core.ruler.push("octavo_dash_joins", _dash_joins)
    return md


def render_block(
    text: str, typography: bool = True, context: Context | None = None, folder: str = ""
) -> Fragment:
    """`folder`: the source's folder inside the book ("" or "sub/"), for image paths."""
    context = context or Context()
    md = _parser(typography, context.citations)
    env: dict[str, Any] = {"octavo": blocks.State(context, folder)}
    tokens = md.parse(text, env)
    state: blocks.State = env["octavo"]
    links: list[tuple[str, int]] = []
    removed: list[Removal] = []
    for block in tokens:
        line = block.map[0] if block.map else 0
        if block.type == "html_block":
            removed += find_removals(block.content, line)
            removed += [Removal(what, line) for what in block.meta.get("removed", ())]
        lines: dict[int, int] | None = None  # its children's lines, counted at the first asked
        for token in block.children or ():
            if token.type == "link_open":
                lines = child_lines(block) if lines is None else lines
                links.append((str(token.attrGet("href") or ""), lines.get(id(token), line)))
            elif token.type == "html_inline":
                lines = child_lines(block) if lines is None else lines
                removed += find_removals(token.content, lines.get(id(token), line))
    html, cleaned = clean_fragment(md.renderer.render(tokens, md.options, env))
    if DEEP in cleaned and not any(r.what == DEEP for r in removed):  # inline tags, each
        # clean alone, nest past the limit only together: at the block holding the most
        deepest = max(tokens, key=lambda b: sum(c.type == "html_inline" for c in b.children or ()))
        removed.append(Removal(DEEP, deepest.map[0] if deepest.map else 0))
    limit = int(md.options["maxNesting"]) - 1
    deep = next((t.map[0] if t.map else 0 for t in tokens if t.level >= limit), None)
    return Fragment(
        html,
        tuple(state.images),
        (*links, *state.note_links),  # the text's, then its notes' (footnotes.note_links)
        tuple(removed),
        deep,
        tuple(state.headings),
        tuple(state.tables),
        tuple(state.figures),
        tuple(state.notes),
        tuple(state.ids),
        tuple(state.problems),
        tuple(state.marks),
        tuple(state.examples),
        tuple(state.citations),
    )


def render_inline(
    text: str, typography: bool = True, language: str = "en", quotes: QuoteTable = DEFAULT_TABLE
) -> str:
    """One line (a title) as inline XHTML, its quotes those of `language` in `quotes`."""
    md = _parser(typography, False)  # the key render_block gives it: one parser, not two
    env: dict[str, Any] = {"octavo": blocks.State(Context(language=language, quotes=quotes))}
    html, _ = clean_fragment(md.renderInline(text, env).strip())
    return html
