"""Footnotes (`[^label]`): calls numbered after the chapter's notes so far, texts kept apart
(octavo.model.Note); a call without a note, or a note never called, is reported."""

from __future__ import annotations

from html import escape
from typing import Any

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.model.language_tags import direction
from octavo.render.allow_list import TRUSTED
from octavo.render.fancy_lists import Marker, first_marker, item_label
from octavo.render.raw import RAW_HINT
from octavo.render.sanitize import clean_fragment, find_removals
from octavo.render.tokens import (
    CALLED_IN,
    IN_HEADING,
    NoteUse,
    State,
    child_lines,
    inline_html,
    octavo_state,
    trust,
)
from octavo.text import strip_tags

__all__ = [
    "add_notes",
    "call_languages",
    "note_lines",
    "note_links",
    "order_notes",
    "render_note_ref",
    "take_notes",
    "unused_notes",
]


def _state(core: StateCore) -> State | None:
    return octavo_state(core.env)


def note_lines(core: StateCore) -> None:
    """Each note's line, for what is reported of it; a note defined twice is W525: the
    last text is the note's (as pandoc's, which warns too), the first was dropped unsaid."""
    state = _state(core)
    if state is None:
        return
    for token in core.tokens:
        if token.type == "footnote_reference_open" and token.map:
            label = token.meta["label"]
            first = state.note_lines.get(label)
            if first is not None:
                state.problem(
                    "W525",
                    f"footnote [^{label}] is defined again here, {token.map[0] - first} "
                    "line(s) below the first: this text is the note's, the first is dropped",
                    token.map[0],
                    "give each note a label of its own, or remove one of the two",
                )
            state.note_lines[label] = token.map[0]


def take_notes(tokens: list[Token]) -> list[tuple[list[Token], int]]:
    """Take the footnote texts out of the stream: (their tokens, the note's id)."""
    notes: list[tuple[list[Token], int]] = []
    start = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), None)
    if start is None:
        return notes
    current: list[Token] = []
    ident = 0
    for token in tokens[start + 1 :]:
        if token.type == "footnote_open":
            current, ident = [], int(token.meta["id"])
        elif token.type == "footnote_close":
            notes.append((current, ident))
        elif token.type != "footnote_anchor":
            current.append(token)
    del tokens[start:]
    return notes


def unused_notes(core: StateCore, state: State) -> None:
    footnotes = core.env.get("footnotes", {}) if isinstance(core.env, dict) else {}
    for key, ident in footnotes.get("refs", {}).items():
        if ident == -1:
            label = key.removeprefix(":")
            state.problem(
                "W511",
                f"footnote [^{label}] is defined but never called",
                state.note_lines.get(label, 0),
                f"call it with [^{label}] in the text, or remove it",
            )


def _note_id(state: State, ident: int) -> str:
    return f"fn-{state.context.slug}-{ident + 1}"


# What a note (a span at the page's foot in print, a paragraph in the EPUB) cannot hold as
# it is: each set as lines of its words, none lost (W520)
_BLOCKS = {
    "bullet_list_open",
    "ordered_list_open",
    "blockquote_open",
    "code_block",
    "fence",
    "table_open",
    "html_block",
    "heading_open",
    "dl_open",
}


def _note_html(core: StateCore, tokens: list[Token]) -> str:
    """A note's paragraphs, one line each; a list's items with their bullet or number, a
    code block's lines as code, a raw HTML block's words."""
    lines: list[str] = []
    # the open lists: an ordered one's marker ("(a)") and next number
    lists: list[tuple[Marker | None, int] | None] = []
    mark = ""
    for at, token in enumerate(tokens):
        if token.type == "bullet_list_open":
            lists.append(None)
        elif token.type == "ordered_list_open":
            lists.append((first_marker(tokens, at), int(token.attrGet("start") or 1)))
        elif token.type in ("bullet_list_close", "ordered_list_close") and lists:
            lists.pop()
        elif token.type == "list_item_open" and lists:
            numbered = lists[-1]
            mark = "\u2022\u00a0" if numbered is None else item_label(*numbered) + "\u00a0"
            if numbered is not None:
                lists[-1] = (numbered[0], numbered[1] + 1)
        elif token.type == "inline":
            html = inline_html(core, token)
            if html:
                lines.append(mark + html)
                mark = ""
        elif token.type in ("code_block", "fence"):
            code = escape(token.content.rstrip("\n"), quote=False).split("\n")
            kept = (line.lstrip(" ").rjust(len(line), "\u00a0") for line in code)  # indents
            lines.append("<br/>".join(f"<code>{line}</code>" for line in kept))
        elif token.type == "html_block":
            words = " ".join(strip_tags(clean_fragment(token.content)[0]).split())
            if words:
                lines.append(escape(words, quote=False))
    return "<br/>".join(lines)


def render_note_ref(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    state = octavo_state(env)
    if state is None:
        return ""
    token = tokens[idx]
    ident = int(token.meta["id"])
    note = _note_id(state, ident)
    number = state.note_number(ident)
    first = int(token.meta.get("subId", 0)) == 0
    call = f' id="ref-{note}" epub:type="noteref" role="doc-noteref"' if first else ""
    # in right-to-left text the call is isolated by a `dir` of its own (EPUB's CSS may not
    # say unicode-bidi), as a heading's data-date call is: after a figure ('عام 1990.')
    # its digits joined the number's run, "1990.2", set before it
    if direction(str(token.meta.get(CALLED_IN) or state.context.language)) == "rtl":
        call += ' dir="ltr"'
    trust = f'{TRUSTED[0]}="{TRUSTED[1]}"'
    # in a heading, a no-break space before the call, as before a heading's data-date call
    # (templates/epub/chapter.xhtml): of no width on the page (.call-space), but there for
    # a screen reader's name of the heading, "Population 1994 2", not "19942"
    space = f'<span {trust} class="call-space">\u00a0</span>' if token.meta.get(IN_HEADING) else ""
    return f'{space}<a {trust} class="noteref" href="#{note}"{call}>{number}</a>'


def call_languages(tokens: list[Token], called: dict[int, str]) -> dict[int, str]:
    """`called` with the language at each note's first call in `tokens` (an inline's, or
    blocks'; as octavo.render.inline_attributes.author_spans tells it), for the notes it lacks."""
    for token in tokens:
        for child in token.children or ():
            if child.type == "footnote_ref" and CALLED_IN in child.meta:
                called.setdefault(int(child.meta["id"]), str(child.meta[CALLED_IN]))
    return called


def add_notes(
    core: StateCore,
    state: State,
    notes: list[tuple[list[Token], int]],
    places: dict[int, tuple[int, int]],
    called: dict[int, str] | None = None,
) -> None:
    """Each note's text kept apart, numbered, with the lines of its first call and its
    definition (`places`: octavo.render.note_places); in the language at its call
    (`called`: by the note's id), where that is not its section's: the EPUB sets the note
    apart from its call, and says its `lang` and, where it differs from the section's, its
    direction (an Arabic passage's note in an English book is right to left, as print sets
    it at its call)."""
    section = state.context.language
    for note_tokens, ident in notes:
        trust(note_tokens)
        number = state.note_number(ident)
        html = _note_html(core, note_tokens)
        lang = (called or {}).get(ident, section)
        lang = "" if lang.lower() == section.lower() else lang
        way = direction(lang) if lang and direction(lang) != direction(section) else ""
        call, defined = places.get(ident, (0, 0))
        state.notes.append(NoteUse(_note_id(state, ident), number, html, lang, way, defined, call))
        _removals(state, note_tokens, call)
        if any(t.type in _BLOCKS for t in note_tokens):
            line = next((t.map[0] for t in note_tokens if t.map), 0)
            state.problem(
                "W520",
                "a note holds a list, a quote, code or a table: set as lines of its text",
                line,
                "a note is one or more paragraphs at the page's foot; put the rest in the text",
            )
    state.notes.sort(key=lambda n: n.number)


def _removals(state: State, tokens: list[Token], call: int) -> None:
    """W502 for what the cleaner takes out of a note's raw HTML, as of the text's (a
    `<script>` or `<font>` in a note was dropped unsaid): at its own line, as the text's
    is told; in an inline note (whose words have no lines of their own), its call's."""
    for token in tokens:
        line = token.map[0] if token.map else call
        if token.type == "html_block":
            pieces, lines = [token], {}
        else:
            pieces, lines = list(token.children or ()), child_lines(token) if token.map else {}
        for piece in pieces:
            if piece.type in ("html_block", "html_inline"):
                at = lines.get(id(piece), line)
                for removal in find_removals(piece.content, at):
                    state.problem("W502", f"raw HTML removed: {removal.what}", at, RAW_HINT)


def note_links(
    notes: list[tuple[list[Token], int]], places: dict[int, tuple[int, int]]
) -> list[tuple[str, int]]:
    """(href, 0-based line) of each link in the notes' texts, which `take_notes` took out
    of the stream the text's links are found in (a W512 in a note was told at the body's
    first line): at the note's own line; in an inline note (no lines of its own), its
    call's (`places`: octavo.render.note_places)."""
    links: list[tuple[str, int]] = []
    for tokens, ident in notes:
        call = places.get(ident, (0, 0))[0]
        for token in tokens:
            if not any(child.type == "link_open" for child in token.children or ()):
                continue
            line = token.map[0] if token.map else call
            lines = child_lines(token) if token.map else {}
            links += [
                (str(child.attrGet("href") or ""), lines.get(id(child), line))
                for child in token.children or ()
                if child.type == "link_open"
            ]
    return links


def order_notes(
    tokens: list[Token], state: State, notes: list[tuple[list[Token], int]] | None = None
) -> None:
    """The place of each note's first call in the text as it will be printed (a caption
    moved before its table's cells, say), which numbers the notes; a note called inside
    another (`notes`: their texts) just after that one, as print sets it
    (octavo.render.pdf.nested_notes) and a reader reads it."""
    texts = {ident: note_tokens for note_tokens, ident in notes or ()}
    for token in tokens:
        if token.type == "footnote_ref" and int(token.meta.get("subId", 0)) == 0:
            ident = int(token.meta["id"])
            if ident not in state.note_order:
                state.note_order[ident] = len(state.note_order)
                order_notes(texts.get(ident, []), state, notes)
        children = token.children  # most are one text (a table's cell): not walked
        if children and (
            len(children) > 1 or children[0].children or children[0].type == "footnote_ref"
        ):
            order_notes(children, state, notes)
