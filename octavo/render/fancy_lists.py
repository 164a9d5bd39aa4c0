"""pandoc's fancy_lists and example_lists: ordered lists numbered with letters or roman
numerals (`a.`, `B)`, `(iv)`), `#.` for "the next number", and numbered examples (`(@)`,
`(@label)`, referred to in the text as `@label`: octavo.render.example_lists).

markdown-it's own list rule does the work of a list (its items, nesting, loose or tight);
it finds a marker with its module's `skipOrderedListMarker` and reads the first one's
value with `int()`. `install` gives that module pandoc's reading of both, as pandoc reads
a marker (its Markdown reader's `orderedListStart`):

- a marker is a number, `#`, `@label`, one letter, or a roman numeral, followed by `.` or
  `)`, or inside `( )`; `i`/`I` alone is the roman one, any other single letter a letter
  (`c.` is 3, `v.` 22), so that a list starting `iv.` is roman and one starting `h.` lettered;
- an item continues its list only with a marker of the list's style and delimiter (or
  `#`): `i.` after `h.` is the letter i, and a change of style or delimiter starts a new
  list (`(2)`, then `1.`, are two lists);
- an uppercase letter with a period (and `I.`, `V.`, `X.` … read as roman numerals) needs
  two spaces after it, so that "B. Smith wrote" stays a paragraph; "p. 5" is never a marker;
- a marker markdown-it did not know (all but `1.` and `1)`) never interrupts a paragraph,
  as pandoc's lists need a blank line before them; nor does it start a list with nothing
  after it ("C." alone on a line, a note's text, is a word, where pandoc makes it an empty
  list).

`decorate` then sets what pandoc's HTML writer sets on the list (`type="a"`, `start`), the
delimiter as a class the stylesheets print (`one-paren`: "a)", `two-parens`: "(a)");
octavo.render.example_lists numbers the examples.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.render import example_lists

__all__ = ["Marker", "first_marker", "install", "item_label", "read_marker"]

BlockRule = Callable[[StateBlock, int, int, bool], bool]

# (the opening parenthesis, the number, the delimiter)
# pandoc's (and markdown-it's) figures are 0-9 alone: "١." is no list marker
_MARKER = re.compile(r"(\(?)([0-9]{1,9}|#|@[\w-]*|[A-Za-z]+)([.)])")
_ROMAN = re.compile(r"(?=[mdclxvi])m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_DIGITS = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"),
        strict=True,
    )
)
_TYPES = {"lower-alpha": "a", "upper-alpha": "A", "lower-roman": "i", "upper-roman": "I"}
_LIST_ALT = ["paragraph", "reference", "blockquote"]  # what a list interrupts, as markdown-it's
_KNOWN = re.compile(r"[0-9]{1,9}[.)]")  # the markers markdown-it reads itself


@dataclass(frozen=True, slots=True)
class Marker:
    style: str  # decimal, default (#), example, lower-alpha, upper-alpha, lower-roman, upper-roman
    delimiter: str  # period, one-paren, two-parens
    value: int
    label: str = ""  # an example's (@label)


def read_marker(number: str, delimiter: str, style: str | None = None) -> Marker | None:
    """The marker whose number is `number` (its '(' and delimiter taken off); `style`: the
    style of the list it would continue (then `#` and that style's numbers only)."""
    if number == "#":
        return Marker("default", delimiter, 1)
    found: Marker | None
    if number[0] == "@":
        found = Marker("example", delimiter, 1, number[1:])
    elif number.isascii() and number.isdigit():
        found = Marker("decimal", delimiter, int(number))
    else:
        read = _letters(number, style)
        found = Marker(read[0], delimiter, read[1]) if read else None
    if found is None or (style is not None and found.style != _continued(style)):
        return None
    return found


def _letters(number: str, style: str | None) -> tuple[str, int] | None:
    """A letter's or a roman numeral's style and value."""
    lower = number.lower()
    case = "lower" if number == lower else "upper" if number == number.upper() else ""
    if not case:
        return None
    roman = _ROMAN.fullmatch(lower) is not None
    alpha = len(number) == 1
    if style is not None:  # a list's next item: read as the list reads its numbers
        kind = style.partition("-")[2]
        if kind == "roman" and roman:
            return f"{case}-roman", _roman_value(lower)
        if kind == "alpha" and alpha:
            return f"{case}-alpha", ord(lower) - ord("a") + 1
        return None
    if lower == "i" or (roman and not alpha):  # pandoc: `i.` starts a roman list
        return f"{case}-roman", _roman_value(lower)
    if alpha:
        return f"{case}-alpha", ord(lower) - ord("a") + 1
    return None


def item_label(marker: Marker | None, number: int) -> str:
    """An item's number as its list's marker writes it ("(c)", "iv.", "3)"), where a
    stylesheet cannot number it (a note set as lines)."""
    style = marker.style if marker else "decimal"
    if style.endswith("alpha") and 0 < number <= 26:
        text = chr(ord("a") + number - 1)
    elif style.endswith("roman") and 0 < number < 4000:
        text = _roman(number)
    else:
        text = str(number)
    text = text.upper() if style.startswith("upper") else text
    delimiter = marker.delimiter if marker else "period"
    return (
        f"({text})" if delimiter == "two-parens" else text + ("." if delimiter == "period" else ")")
    )


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN_DIGITS:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _continued(style: str) -> str:
    """The style a list's later markers are read in (`#.` then `2.`: a decimal list)."""
    return "decimal" if style == "default" else style


def _roman_value(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def _delimiter(opening: str, closing: str) -> str | None:
    if opening:
        return "two-parens" if closing == ")" else None
    return "period" if closing == "." else "one-paren"


def install(md: MarkdownIt) -> None:
    """pandoc's markers in markdown-it's list rule, and `decorate` after the block rules."""
    module = importlib.import_module("markdown_it.rules_block.list")
    module.__dict__["skipOrderedListMarker"] = _skip_marker
    module.__dict__["int"] = _marker_value  # the rule's one int(): the first marker's value
    md.block.ruler.at("list", _list(module.list_block), {"alt": _LIST_ALT})
    md.core.ruler.after("block", "fancy_lists", decorate)
    md.core.ruler.after("inline", "example_references", example_lists.refer)


def _list(list_block: BlockRule) -> BlockRule:
    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        """markdown-it's list rule, but a marker it did not know (`a.`, `(1)`) does not
        interrupt a paragraph (pandoc's lists need a blank line before them; a nested
        list in a list item does not)."""
        if (
            silent
            and state.parentType == "paragraph"
            and state.listIndent < 0
            and state.sCount[start] >= state.blkIndent
        ):
            at = state.bMarks[start] + state.tShift[start]
            if not _KNOWN.match(state.src, at) and _skip_marker(state, start) >= 0:
                return False
        return list_block(state, start, end, silent)

    return rule


def _skip_marker(state: StateBlock, line: int) -> int:
    """The position after the ordered-list marker that starts `line`, or -1 (markdown-it's
    contract for `skipOrderedListMarker`)."""
    start = state.bMarks[line] + state.tShift[line]
    end = state.eMarks[line]
    match = _MARKER.match(state.src, start, end)
    if match is None:
        return -1
    delimiter = _delimiter(match[1], match[3])
    if delimiter is None:
        return -1
    after = match.end()
    if after < end and state.src[after] not in " \t":
        return -1  # "a.b" is a word
    if match[0] == "p." and re.match(r"[ \t]+\d", state.src[after:end]):
        return -1  # "p. 5" is a page
    continuing = _list_continued(state)
    if not continuing and not _KNOWN.fullmatch(match[0]) and not state.src[after:end].strip():
        return -1  # "C." alone on a line is a word (pandoc makes it an empty list)
    marker = read_marker(match[2], delimiter, continuing[0] if continuing else None)
    if marker is None or (continuing and continuing[1] != delimiter):
        return -1
    if _initial(marker) and not _two_spaces(state.src, after, end):
        return -1  # "B. Smith": an initial, not a list
    return after


def _initial(marker: Marker) -> bool:
    """A marker that could be someone's initial: a capital letter, or a one-letter roman
    numeral, with a period."""
    if marker.delimiter != "period":
        return False
    return marker.style == "upper-alpha" or (
        marker.style == "upper-roman" and marker.value in (1, 5, 10, 50, 100, 500, 1000)
    )


def _two_spaces(src: str, at: int, end: int) -> bool:
    """Two spaces (or a tab, or the line's end) after the marker."""
    return at >= end or src[at] == "\t" or src[at : at + 2] == "  "


def _list_continued(state: StateBlock) -> tuple[str, str] | None:
    """The style and delimiter of the list whose next item markdown-it is looking for (its
    last token is then the item just closed), None when it looks for a list's start."""
    tokens = state.tokens
    if not tokens or tokens[-1].type != "list_item_close":
        return None
    depth = 0
    for at in range(len(tokens) - 1, -1, -1):
        kind = tokens[at].type
        if kind == "ordered_list_close":
            depth += 1
        elif kind == "ordered_list_open":
            if depth == 0:
                first = first_marker(tokens, at)
                return (first.style, first.delimiter) if first else None
            depth -= 1
    return None


def first_marker(tokens: list[Token], at: int) -> Marker | None:
    """The marker of the first item of the ordered list opened at tokens[at]."""
    item = next((t for t in tokens[at + 1 :] if t.type == "list_item_open"), None)
    if item is None:
        return None
    number = item.info.removeprefix("(")
    delimiter = _delimiter(item.info[:1] if item.info.startswith("(") else "", item.markup)
    if not number or delimiter is None:
        return None
    return read_marker(number, delimiter)


def _marker_value(text: str) -> int:
    """markdown-it's `int(marker)`, for pandoc's markers too: `c` is 3, `(iv` 4, `#` 1."""
    if text.isascii() and text.isdigit():
        return int(text)
    number = text.removeprefix("(")
    marker = read_marker(number, "period") if number else None
    return marker.value if marker else int(text)


def decorate(state: StateCore) -> None:
    """Each ordered list as pandoc's HTML writer sets it (`type`, `start`), its delimiter a
    class; the examples numbered (octavo.render.example_lists)."""
    tokens = state.tokens
    for at, token in enumerate(tokens):
        if token.type != "ordered_list_open":
            continue
        marker = first_marker(tokens, at)
        if marker is None:
            continue
        kind = _TYPES.get(marker.style)
        if kind:
            token.attrSet("type", kind)
        classes = [c for c in (marker.delimiter,) if c != "period"]
        if marker.style == "example":
            classes.insert(0, "example")
        if classes:
            token.attrSet("class", " ".join(classes))
    lists = [i for i, t in enumerate(tokens) if t.type == "ordered_list_open"]  # (few)
    example_lists.number(state, [i for i in lists if _example(tokens, i, tokens[i])])


def _example(tokens: list[Token], at: int, token: Token) -> bool:
    if token.type != "ordered_list_open":
        return False
    marker = first_marker(tokens, at)
    return marker is not None and marker.style == "example"
