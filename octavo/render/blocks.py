"""What octavo adds to markdown-it's token stream, as core rules after parsing.

- headings of a body go below the section's own heading, with ids (`{#id}` or generated);
- tables and figures are numbered with their captions (octavo.render.floats);
- footnotes become note calls, their texts kept apart (octavo.render.footnotes), a raw
  HTML table's calls too (octavo.render.table_calls);
- `@tbl:label` references, links, line blocks, what is not rendered (octavo.render.inlines),
  an author's span and link attributes kept or told (octavo.render.inline_attributes);
- `[Heading text]` linked to this body's heading of that name (octavo.render.heading_refs);
- fenced divs get their id and classes, or are kept for one output (octavo.render.divs);
- fenced code blocks their `{#id .language .class}`.

Every element made here is marked trusted (octavo.render.allow_list.TRUSTED), so that the
cleaner lets its ids and classes through while raw HTML stays on the plain allow-list.
"""

from __future__ import annotations

import functools
import re
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs.parse import ParseError

from octavo.render import (
    divs,
    floats,
    footnotes,
    heading_refs,
    html_tables,
    index_marks,
    inlines,
    raw_blocks,
    table_calls,
)
from octavo.render.allow_list import kept_attribute, kept_hint
from octavo.render.attributes import BLOCK, pandoc_attrs
from octavo.render.heading_ids import heading_stem
from octavo.render.heading_ranks import heading_ranks
from octavo.render.inline_attributes import author_spans
from octavo.render.note_places import note_places
from octavo.render.raw import PASSED
from octavo.render.tokens import (
    CALLED_IN,
    IN_HEADING,
    Caption,
    HeadingUse,
    ImageUse,
    NoteUse,
    Problem,
    State,
    attributes,
    given_id,
    inline_html,
    new_id,
    octavo_state,
    trust,
)
from octavo.render.unrendered import unrendered_block
from octavo.text import strip_tags

_NOTE_CALL = re.compile(r"\[\^[^\]\s]+\]")  # '[^trade]' in '## Trade[^trade]'
_ATTRIBUTES = re.compile(rf"(?<=\]){BLOCK}")  # '{.index}' in '## [Trade]{.index}'
# pandoc's raw code, '`\\hfill`{=latex}': its words in the id if they are shown (raw HTML's
# text), else none (another format's, left out)
_RAW_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1\{[ \t]*=([A-Za-z0-9_-]+)[ \t]*\}")

__all__ = ["Caption", "HeadingUse", "ImageUse", "NoteUse", "Problem", "State", "install"]


def install(md: MarkdownIt) -> None:
    md.core.ruler.before("footnote_tail", "octavo_note_lines", footnotes.note_lines)
    md.core.ruler.before("footnote_tail", "octavo_table_calls", table_calls.read_calls)
    md.core.ruler.push("octavo_blocks", _blocks)
    md.add_render_rule("footnote_ref", footnotes.render_note_ref)
    md.add_render_rule("html_block", table_calls.render_html_block)
    for name in ("footnote_block_open", "footnote_block_close"):
        md.add_render_rule(name, lambda *args: "")


def _state(core: StateCore) -> State | None:
    return octavo_state(core.env)


def _blocks(core: StateCore) -> None:
    state = _state(core)
    if state is None:
        return
    notes = footnotes.take_notes(core.tokens)
    places = note_places(core, state, notes)  # as parsed, before the stream is reshaped
    footnotes.unused_notes(core, state)
    core.tokens = tokens = divs.divs(
        core.tokens,
        lambda attrs, line: given_id(state, attrs, line),
        lambda held, line: state.problem(
            "W516",
            f"words for one output {held}: shown in both",
            line,
            "keep headings, tables, figures, notes, ids and index marks outside it",
        ),
        lambda code, message, hint, line: state.problem(code, message, line, hint),
        state.context.language,
    )
    ranks = heading_ranks(state, tokens)
    i = 0
    one_output: list[bool] = []  # the divs around the token: each for one output alone?
    language = [state.context.language]  # in force: the section's, each div's `lang` within it
    while i < len(tokens):
        token = tokens[i]
        if token.type == "div_open":
            one_output.append("only-" in str(token.attrGet("class") or ""))
            language.append(str(token.attrGet("lang") or language[-1]))
        elif token.type == "div_close" and one_output:
            one_output.pop()
            language.pop()
        if token.type == "heading_open":
            _heading(core, state, tokens, i, ranks[i], language[-1])
        elif token.type == "fence" and token.info.lstrip().startswith("{"):
            _fence(state, token)
        elif token.type == "table_open":
            i = floats.table(core, state, tokens, i)
        elif token.type == "html_block":
            raw_blocks.keep_words(token)  # removed elements' words in paragraphs
            walk = functools.partial(_inline, core, state, language=language[-1])  # the div's
            i = html_tables.html_table(core, state, tokens, i, walk)
            for call in tokens[i].children or ():  # its calls (table_calls) stand in the div's
                call.meta.setdefault(CALLED_IN, language[-1])
        elif token.type == "paragraph_open" and floats.lone_image(tokens, i):
            floats.figure(core, state, tokens, i)
        elif token.type == "paragraph_open" and inlines.line_block(tokens[i + 1]):
            token.attrSet("class", "line-block")
        elif token.type == "inline":
            heading = i > 0 and tokens[i - 1].type == "heading_open"
            # no automatic index mark in words for one output: the other would lose its place
            around = str(tokens[i - 1].attrGet("lang") or language[-1]) if heading else language[-1]
            _inline(core, state, token, heading, auto=not any(one_output), language=around)
        i += 1
    # a note's text is text like any other; its marks too (automatic terms, index_terms,
    # are looked for in the text only: a note's words are indexed where marked); its
    # language the one at its call (footnotes.call_languages)
    called = footnotes.call_languages(tokens, {})
    state.note_links = footnotes.note_links(notes, places)
    for note_tokens, ident in notes:
        for token in note_tokens:
            if token.type == "inline":
                inlines.walk(core, state, token, language=called.get(ident))
                index_marks.mark_spans(state, token)
        footnotes.call_languages(note_tokens, called)  # the notes it calls: its language
    _heading_links(state, [*tokens, *(t for note_tokens, _ in notes for t in note_tokens)])
    trust(tokens)
    footnotes.order_notes(tokens, state, notes)
    footnotes.add_notes(core, state, notes, places, called)


def _heading_links(state: State, tokens: list[Token]) -> None:
    """`[Heading text]` pointed at this body's heading of that name (octavo.render.heading_refs),
    W521 where two headings have it."""
    headings: dict[str, list[str]] = {}
    for heading in state.headings:
        headings.setdefault(heading.name, []).append(heading.id)
    ambiguous: list[tuple[str, int]] = []
    heading_refs.link_local(tokens, headings, ambiguous)
    titles = {h.id: strip_tags(h.title_html) for h in state.headings}
    for name, line in ambiguous:
        first = titles[headings[name][0]]
        state.problem(
            "W521",
            f"{len(headings[name])} headings are named '{first}': [{first}] links to the first",
            line,
            "give the one meant an id ({#id}) and link to it: [words](#id)",
        )


def _inline(
    core: StateCore,
    state: State,
    token: Token,
    heading: bool = False,
    auto: bool = True,
    language: str | None = None,
) -> None:
    """An inline's words walked (references, problems, words for one output), index-marked;
    `language`: the one in force around its words (a div's, a heading's own)."""
    inlines.walk(core, state, token, heading=heading, language=language)
    for child in token.children or () if heading else ():
        if child.type == "footnote_ref":  # its call set apart from the heading's last word
            child.meta[IN_HEADING] = True
    if auto:
        index_marks.auto_mark(state, token)
    children = token.children
    if children and (len(children) > 1 or children[0].type != "text"):  # one text: no span
        index_marks.mark_spans(state, token)
    unrendered_block(state, token)


def _fence(state: State, token: Token) -> None:
    """pandoc's attributes on a fenced code block (```` ```{#id .python} ````): the first
    class its language, the id and other classes the block's (markdown-it took `{#id` for
    the language)."""
    try:
        _, attrs = pandoc_attrs(token.info.strip())
    except ParseError:
        return
    language, *classes = attrs.get("class", "").split() or [""]
    token.info = language
    ident = given_id(state, attrs, token.map[0] if token.map else 0)
    if ident:
        token.attrSet("id", ident)
    if classes:
        token.attrSet("class", " ".join(classes))


def _kept_attributes(state: State, opening: Token, attrs: dict[str, str], line: int) -> None:
    """pandoc's `{lang=fr dir=rtl title="…"}` on a heading: what the raw-HTML allow-list
    keeps on a heading (octavo.render.sanitize) is kept; the rest, which pandoc's HTML
    writes as `data-` attributes, is a warning (W504)."""
    for name, value in attrs.items():
        if name in ("id", "class"):
            continue
        if kept_attribute(opening.tag, name, value):
            opening.attrSet(name, value)
        else:
            state.problem(
                "W504",
                f"attribute {name}={value!r} on a heading is not kept",
                line,
                kept_hint("heading", name),
            )


def _in_its_language(opening: Token, title: str) -> str:
    """A heading's title as the contents, the nav and a link naming it repeat it: in the
    heading's own language and direction, if it has them (a French heading was read aloud
    as English in the EPUB's table of contents)."""
    kept = [(name, opening.attrGet(name)) for name in ("lang", "dir")]
    said = " ".join(f'{name}="{escape(str(value))}"' for name, value in kept if value)
    return f"<span {said}>{title}</span>" if said else title


def _shown_raw(found: re.Match[str]) -> str:
    return strip_tags(found[2]) if found[3].lower() in PASSED else ""


def _heading(
    core: StateCore, state: State, tokens: list[Token], i: int, rank: int, around: str
) -> None:
    """`around`: the language in force where the heading stands (its div's, its section's)."""
    opening, inline, closing = tokens[i], tokens[i + 1], tokens[i + 2]
    line = opening.map[0] if opening.map else 0
    attrs = attributes(inline, state, line)
    level = state.context.level + rank  # octavo.render.heading_ranks
    opening.tag = closing.tag = f"h{min(level, 6)}"
    if level > 6:  # HTML's deepest is h6: its own level for assistive technology, and the
        opening.attrSet("aria-level", str(level))  # nav nests it (ut47 bug 17)
    # the id is made from the title's words alone: no note call, span's attributes or address
    words = _RAW_CODE.sub(_shown_raw, inline.content)
    words = _ATTRIBUTES.sub("", heading_refs.ADDRESS.sub(r"\1", _NOTE_CALL.sub("", words)))
    ident = given_id(state, attrs, line) or new_id(state, heading_stem(words) or "heading")
    opening.attrSet("id", ident)
    classes = ["body-heading", *attrs.get("class", "").split()]
    if level > state.context.toc_depth:
        classes.append("unlisted")
    opening.attrSet("class", " ".join(dict.fromkeys(classes)))
    _kept_attributes(state, opening, attrs, line)
    divs.implied(opening, around)  # `{lang=ar}`: its dir, as a div's
    listed = "unlisted" not in classes
    # before the label: the nav repeats its spans
    author_spans(state, inline, language=str(opening.attrGet("lang") or around))
    title = inline_html(core, inline, label=True)
    opening.attrSet("data-label", strip_tags(title))  # the PDF bookmark's text
    title = _in_its_language(opening, title)
    state.headings.append(
        HeadingUse(ident, level, title, line, listed, heading_refs.heading_name(words))
    )
