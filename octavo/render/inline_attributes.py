"""What an author's `[words]{…}` span and `[words](address){…}` link keep of the attributes
written on them, and the language each of their elements stands in (split from
octavo.render.inlines, whose walk calls it first, as a heading's label does)."""

from __future__ import annotations

from markdown_it.token import Token

from octavo.render.allow_list import TRUSTED, kept_attribute, kept_hint
from octavo.render.attributes import WRITTEN
from octavo.render.conditional import CONDITION_KEYS, shown_in
from octavo.render.divs import implied
from octavo.render.index_marks import INDEX_KEYS
from octavo.render.tokens import CALLED_IN, OWN, State, child_lines

__all__ = ["author_spans"]


def author_spans(
    state: State,
    inline: Token,
    lines: dict[int, int] | None = None,
    language: str | None = None,
) -> None:
    """An author's `[words]{…}` keeps what pandoc keeps and octavo can carry, as a div and a
    heading do: its id and classes, `lang`, `dir` (each with a value a reader can read) and
    `title`; and what octavo reads off it: an index mark's `index`, `see` and `seealso`, a
    condition's `when-format` or `unless-format` (octavo.render.conditional). Any other is
    W504 at the span's line and left out: a key pandoc writes as `data-`, which the
    cleaner dropped unsaid, and above all `role` and `aria-*`, which went into the book as
    written (every span is trusted) and would hide the words from a screen reader or call
    them a button. octavo's own spans (tokens.own_span) keep theirs. An author's
    `[words](address){…}` keeps the same as a span without a mark or a condition (held in
    its meta by octavo.render.attributes.link_attributes, set here); its address is the
    one in parentheses. Run on a heading's words before its label is made (the contents
    and the nav repeat it), and again by the walk, which finds nothing left to say.

    `language`: the language in force around the inline (a div's, a heading's; None: its
    section's); an element's `lang` is in force within it. A span's `dir` is implied from
    the language around it (`[English]{lang=en}` in `::: {lang=ar}` of an English book is
    set left to right), and a note's call is told the language it stands in
    (`CALLED_IN`: its isolation, octavo.render.footnotes)."""
    line = inline.map[0] if inline.map else 0
    lines = child_lines(inline) if lines is None else lines
    around = [language or state.context.language]
    for child in inline.children or ():
        if child.type == "span_open" and not child.meta.get(OWN):
            _span_attributes(state, child, lines.get(id(child), line), around[-1])
        elif child.type == "link_open" and WRITTEN in child.meta:
            _link_attributes(state, child, child.meta.pop(WRITTEN), lines.get(id(child), line))
        if child.nesting == 1:
            around.append(str(child.attrGet("lang") or around[-1]))
        elif child.nesting == -1 and len(around) > 1:
            around.pop()
        elif child.type == "footnote_ref":
            child.meta.setdefault(CALLED_IN, around[-1])


def _span_attributes(state: State, span: Token, line: int, language: str) -> None:
    classes = str(span.attrGet("class") or "").split()
    index = "index" in classes or "index" in span.attrs
    condition = shown_in(classes, {}) is not None
    given = [(str(k), str(v)) for k, v in span.attrs.items()]
    # an event handler (`onclick`), which the attrs plugin takes off unsaid
    given += [(str(k), str(v)) for k, v in span.meta.pop("insecure_attrs", {}).items()]
    for name, value in given:
        if (
            name in ("id", "class")
            or (index and name in INDEX_KEYS)
            or (condition and name in CONDITION_KEYS)
            or (name, value) == TRUSTED
            or _kept(state, "span", name, value, line)
        ):
            continue
        span.attrs.pop(name, None)
    implied(span, language)  # `[…]{lang=ar}`: its dir, as a div's, from the text's around


def _link_attributes(state: State, link: Token, written: dict[str, str], line: int) -> None:
    for name, value in written.items():
        if name == "class":  # after octavo's own (an autolink's `uri`)
            classes = [*str(link.attrGet("class") or "").split(), *value.split()]
            link.attrSet("class", " ".join(dict.fromkeys(classes)))
        elif name == "id" or _kept(state, "link", name, value, line):
            link.attrSet(name, value)


def _kept(state: State, tag: str, name: str, value: str, line: int) -> bool:
    """Is an author's attribute `name`=`value` on a span or a link kept? W504 if not."""
    if name != "href" and kept_attribute(tag, name, value):
        return True  # lang, dir (readable values), title
    state.problem(
        "W504", f"attribute {name}={value!r} on a {tag} is not kept", line, kept_hint(tag, name)
    )
    return False
