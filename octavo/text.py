"""Small text helpers shared by the stages."""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from html import unescape
from typing import Any

__all__ = [
    "CUT_AFTER",
    "JOINED_DASH",
    "TEXT_ALIGN",
    "alignment",
    "ascii_folded",
    "ascii_key",
    "drop_table_number",
    "escape_block_start",
    "escape_inline",
    "escape_paragraph",
    "escape_prose",
    "first_words",
    "heading_slug",
    "inches",
    "index_path",
    "is_foreign_letter",
    "joined_ranges",
    "no_orphan",
    "own_table_number",
    "slugify",
    "strip_controls",
    "strip_tags",
    "typed_dashes",
    "typeset",
]

# punctuation a running head cut to its line drops before its ellipsis
# (octavo.render.pdf.running_heads), and octavo.check.pdf allows there
CUT_AFTER = ",;:·–—"

_TAG = re.compile(r"<[^>]*>")
# a range of short numbers ("1945\u20131960", "pp. 12\u201314", "1.5\u20132"): at most six
# figures, points or commas a side, nothing of a longer number or word on either
_SHORT_RANGE = re.compile(r"(?<![\w.,])(\d[\d.,]{0,5})\u2013(?=\d[\d.,]{0,5}(?!\w|[.,]\d))")
JOINED_DASH = "\u2060\u2013\u2060"  # a range's en dash, a word joiner each side
_JOINED_RANGE = "\\1" + JOINED_DASH
TEXT_ALIGN = re.compile(r"(?i)\btext-align\s*:\s*([a-z]+)\s*;?")
# a page's own number before a table's caption: "Table 12.", "Table 3-4:", "Table IV." (not
# "Table tennis:" nor "Table 12.3 Tariffs"), alone or in bold or italics, whole or in part
# (Markdown's markers or HTML's tags), its point inside them or after
_NUMBER = r"Table\s+(?P<number>\d[\w.-]*|[IVXLC]+)"
_NUMBERED = {
    "markdown": re.compile(
        rf"\s*(?P<open>[*_]*){_NUMBER}(?P<c1>[*_]*)\s*[.:](?:(?P<c2>[*_]+)|(?=\s|$))\s*", re.I
    ),
    "html": re.compile(
        rf"\s*(?P<open>(?:<(?:b|strong|i|em)>\s*)*){_NUMBER}\s*"
        rf"(?P<c1>(?:</(?:b|strong|i|em)\s*>\s*)*)[.:]"
        r"(?:\s*(?P<c2>(?:</(?:b|strong|i|em)\s*>)+)|(?=\s|$|<))\s*",
        re.I,
    ),
}
# characters ICU's "[:^Latin:] Any-Latin" leaves as they are, in any text: those of the
# Latin, Common and Inherited scripts in Latin-1, the Latin Extended blocks, IPA, combining
# accents, general punctuation, super- and subscripts and currency signs (the Bopomofo tone
# marks U+02EA-U+02EB left out: ICU reads a run of Common marks beside them as Bopomofo,
# 'ˇ˪' -> '3'). Text of only these is slugged without loading ICU (some 50 ms at a start).
_NOT_KEPT_BY_ANY_LATIN = re.compile(r"[^\x00-\u02e9\u02ec-\u036f\u1e00-\u1eff\u2000-\u20cf]")
_LAST_SPACE = re.compile(r" (?=(?:<[^>]*>)*[^ <>]+(?:<[^>]*>)*\s*$)")  # before the last word
# A printed study's '--' is a typed em dash ('poor--projected', 'services-- particular'),
# where Markdown's typography (and pandoc's) reads '--' as an en dash; one standing alone
# ('--' for "none" in a table's cell, ' -- ' between spaces) is left as written.
_TYPED_DASH = re.compile(r"(?<=[^-\s])--(?!-)|(?<!-)--(?=[^-\s])")
_INLINE = re.compile(r"([\\`*_\[\]<^~])|&(?=#?\w+;)")  # ^ ~: pandoc's super- and subscripts
# What starts a block construct at a line's start: headings, quotes, lists, rules, fences
# (~~~), pandoc line blocks (|) and definitions (:).
_LINE_START = re.compile(r"^(\s*)([#>+=~|:-]|[0-9]+(?=[.)]))")
# pandoc's other list markers (octavo.render.fancy_lists reads them): a letter, a roman
# numeral, '#' or an example's '@label' before '.' or ')', or any number in parentheses
_FANCY_START = re.compile(
    r"^(\s*)(\()?([0-9]{1,9}|#|@[\w-]*|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)([.)])(?=([ \t]*)($|\S?))"
)
_ROMAN = re.compile(r"(?=[mdclxvi])m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})", re.I)


def _a_list_marker(match: re.Match[str]) -> bool:
    """Would `match` (of _FANCY_START) start one of pandoc's lists? (Not "A. Smith", which
    needs two spaces, nor "p. 5", nor a bare number, which _LINE_START escapes.)"""
    opening, number, delimiter, spaces = match[2], match[3], match[4], match[5]
    if opening and delimiter != ")":
        return False
    if not opening and number.isdigit():  # 0-9 only: _FANCY_START reads no other figures
        return False
    if len(number) > 1 and number[0].isalpha() and not _ROMAN.fullmatch(number):
        return False
    if len(number) > 1 and number[0].isalpha() and number not in (number.lower(), number.upper()):
        return False
    if not spaces and match[6]:
        return False  # "a.b": a word
    capital = number.isupper() and (len(number) == 1 or number in "IVXLCDM")
    if not opening and delimiter == "." and capital:
        return len(spaces) >= 2 or "\t" in spaces or not match[6]
    return not (number == "p" and delimiter == "." and match[6].isdigit())


def escape_inline(text: str) -> str:
    """Backslash what Markdown would read as inline markup; ordinary prose is unchanged. A
    dollar that would open math (pandoc's `$…$`, octavo.render.math_source) is backslashed
    too, each in turn: "$20 and $30" is no math and stays as it is. The text is escaped
    in Unicode's composed form (NFC), as octavo reads every source: GREEK VARIA (U+1FEF),
    left alone, would be read back as the grave accent it composes to, a backtick opening
    code."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    escaped = _INLINE.sub(lambda m: "\\" + m[0], text)
    if "$" not in escaped:
        return escaped
    from octavo.render.math_source import opens_math

    # A dollar's math is read up to the next dollar (its closing one, or one that stops it:
    # " $", "$5"), so backslashing a dollar can let the one before it open math that now
    # runs on past it ("$0 $0$": the second opens "$0$"; once that is "\$", the first
    # opens "$0 \$0$"). After each dollar backslashed, the one before it is read again
    # (and so on back). A text of more than _DOLLARS dollars (a chain of them, each opening
    # math to the end once the next is backslashed, would be read over and over) has every
    # dollar backslashed that a letter follows, which opens no math either.
    if escaped.count("$") > _DOLLARS:
        return _every_opening(escaped)
    at = _live_dollar(escaped, 0)
    while at >= 0:
        if opens_math(escaped, at):
            escaped = escaped[:at] + "\\" + escaped[at:]
            before = _live_dollar(escaped, at - 1, back=True)
            at = before if before >= 0 else _live_dollar(escaped, at + 2)
            continue
        at = _live_dollar(escaped, at + 1)
    return escaped


_DOLLARS = 200


def _every_opening(text: str) -> str:
    """`text` with every dollar backslashed that is not already and is followed by
    something other than a space: only such a dollar can open math (`$x$`, `$$`)."""
    out = []
    for at, char in enumerate(text):
        if char == "$" and not _escaped(text, at) and text[at + 1 : at + 2].strip():
            out.append("\\")
        out.append(char)
    return "".join(out)


def _live_dollar(text: str, at: int, back: bool = False) -> int:
    """The first dollar not backslashed at or after `at` (`back`: at or before it); -1."""
    while at >= 0:
        at = text.rfind("$", 0, at + 1) if back else text.find("$", at)
        if at < 0 or not _escaped(text, at):
            return at
        at = at - 1 if back else at + 1
    return -1


def _escaped(text: str, at: int) -> bool:
    """Is the character at `at` backslashed (an odd run of backslashes before it)?"""
    run = at
    while run > 0 and text[run - 1] == "\\":
        run -= 1
    return (at - run) % 2 == 1


def typed_dashes(text: str) -> str:
    """A page's typed em dashes ('poor--projected') as pandoc's `---`."""
    return _TYPED_DASH.sub("---", text)


def escape_prose(text: str) -> str:
    """escape_inline() of a page's prose, its typed em dashes made pandoc's `---`."""
    return escape_inline(typed_dashes(text))


def escape_paragraph(text: str) -> str:
    """Backslash only what Markdown would read as markup; ordinary prose is unchanged."""
    return escape_block_start(escape_inline(text))


def escape_block_start(escaped: str) -> str:
    """Backslash a marker at the start of already-escaped text that would open a block."""
    fancy = _FANCY_START.match(escaped)
    if fancy and _a_list_marker(fancy):  # pandoc's `a.`, `(1)`, `iv)`: "c. 1500" is a date
        at = fancy.start(2) if fancy[2] else fancy.start(4)
        return escaped[:at] + "\\" + escaped[at:]
    match = _LINE_START.match(escaped)
    if match:
        marker = match[2]
        if marker.isdigit():  # 0-9 only: _LINE_START reads no other figures
            end = match.end()
            escaped = escaped[:end] + "\\" + escaped[end:]
        else:
            escaped = escaped[: match.start(2)] + "\\" + escaped[match.start(2) :]
    return escaped


def first_words(text: str, most: int = 40) -> str:
    """`text` on one line, quoted, cut to `most` characters with '…' (as --explain shows a
    page's words)."""
    words = " ".join(text.split())
    return repr(words if len(words) <= most else words[: most - 1].rstrip() + "…")


def slugify(text: str, limit: int = 48) -> str:
    """ASCII, lowercase, hyphenated, for a file's name and a section's slug: 'Foreign
    Relations & Trade' -> 'foreign-relations-trade'. A letter of a script other than Latin
    is written in Latin letters first, as ICU's "Any-Latin" writes it ('Беларусь' ->
    'belarus'), so that its words stay in the name; Latin text is made as it always was
    (accents dropped, '’', 'ß' and 'Ł' left out: 'Russia’s' -> 'russias'), so that no
    name or id an existing book has changes."""
    if not text.isascii() and _NOT_KEPT_BY_ANY_LATIN.search(text):
        text = _transliterated(text, "[:^Latin:] Any-Latin")
    return _ascii_words(text).strip("-")[:limit].rstrip("-")


def ascii_key(text: str) -> str:
    """Every letter written in ASCII as ICU's "Any-Latin; Latin-ASCII" writes it, lowercase,
    each run of anything else one hyphen: 'Côte d’Ivoire' and 'cote-d-ivoire' alike (a key
    to match names by, not an id: `slugify` keeps the ids octavo always made)."""
    if not text.isascii():
        text = _transliterated(text, "Any-Latin; Latin-ASCII")
    return _ascii_words(text).strip("-")


def ascii_folded(text: str) -> str:
    """`text` with its accents dropped and what has no ASCII form left out ('Économie'
    -> 'Economie', 'km²' -> 'km2', 'м' -> '')."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _ascii_words(text: str) -> str:
    """octavo's first rule: accents dropped, what has no ASCII form left out, lowercase,
    each run of anything but a-z and 0-9 one hyphen ('km²' -> 'km2')."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_folded(text).lower())


def heading_slug(text: str, limit: int = 48) -> str:
    """A heading's words as an id's stem. A letter of a script other than Latin is kept,
    lowercased, as pandoc's auto_identifiers keep it ('Минск' -> 'минск', 'Ελλάδα' ->
    'ελλάδα'); everything else is made as octavo's ids always were (`slugify`'s Latin
    rule: 'Économie' -> 'economie', 'km²' -> 'km2', 'Russia’s' -> 'russias'), so that a link
    an author wrote to one still finds it."""
    if text.isascii():
        return _ascii_words(text).strip("-")[:limit].rstrip("-")
    pieces: list[str] = []
    for foreign, run in itertools.groupby(unicodedata.normalize("NFC", text), key=_foreign):
        chars = "".join(run)
        if foreign:
            named = _name_character().match
            pieces.append("".join(c.lower() if named(c) else "-" for c in chars))
        else:
            pieces.append(_ascii_words(chars))
    return re.sub(r"-+", "-", "".join(pieces)).strip("-")[:limit].rstrip("-")


def is_foreign_letter(character: str) -> bool:
    """A letter of a script other than Latin that `heading_slug` keeps in an id ('м')."""
    return _foreign(character) and bool(_name_character().match(character))


def _foreign(character: str) -> bool:
    """A letter, digit or mark of a script other than Latin, with no ASCII form of its own
    ('м', 'α', Devanagari's vowel signs; not 'é', 'ß', '²' or '①')."""
    if character.isascii() or not (
        character.isalnum() or unicodedata.category(character).startswith("M")
    ):
        return False
    if unicodedata.normalize("NFKD", character).isascii():
        return False
    return not unicodedata.name(character, "").startswith("LATIN")


@lru_cache(maxsize=1)
def _name_character() -> re.Pattern[str]:
    """What XML 1.0 (fifth edition) lets a name hold beyond ASCII's letters and digits
    (compiled when a heading first needs it: 4 ms, at every build's start before)."""
    return re.compile(
        "[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff\u200c\u200d"
        "\u203f\u2040\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
        "\U00010000-\U000effff]"
    )


@lru_cache(maxsize=2)
def _transliterator(rules: str) -> Any:
    import icu

    return icu.Transliterator.createInstance(rules)


def _transliterated(text: str, rules: str) -> str:
    return str(_transliterator(rules).transliterate(text))


def joined_ranges(text: str) -> str:
    """`text` with a word joiner (U+2060) each side of the en dash of a range of short
    numbers ("1945\u20131960"), which Unicode lets a line end after: the text's
    (octavo.render.markdown) and a citation's and an entry's (octavo.render.citeproc_book)
    kept on one line by this one rule. A range of words or of longer numbers may still
    break after its dash, as pandoc lets every range break."""
    return _SHORT_RANGE.sub(_JOINED_RANGE, text) if "\u2013" in text else text


def strip_tags(html: str) -> str:
    """Plain text of an inline XHTML fragment."""
    return unescape(_TAG.sub("", html))


def no_orphan(html: str) -> str:
    """Inline XHTML with its last two words joined by a no-break space, so a title that
    wraps never leaves its last word alone on a line ('A Country / Study'). Two words or
    fewer are left as they are."""
    if len(strip_tags(html).split()) < 3:
        return html
    return _LAST_SPACE.sub("\u00a0", html, count=1)


def drop_table_number(caption: str, markup: str = "markdown") -> str:
    """A table's caption without the page's own number before it ("Table 12. Trade" ->
    "Trade"; "**Table 12.** Trade", "<b>Table 12</b>. Trade" too): octavo numbers the book's
    tables. What sets the caption in bold or italics beyond the number stays ("**Table 12.
    Trade**" -> "**Trade**", "<i><b>Table 3.</b> Output</i>" -> "<i>Output</i>").
    `markup`: "markdown" (plain text too) or "html"."""
    found = _NUMBERED[markup].match(caption)
    if found is None:
        return caption
    opened, closed = found["open"], found["c1"] + (found["c2"] or "")
    if markup == "markdown":
        kept = opened[: max(0, len(opened) - len(closed))]
    else:
        tags = _TAG.findall(opened)
        kept = "".join(tags[: max(0, len(tags) - len(_TAG.findall(closed)))])
    return kept + caption[found.end() :]


def own_table_number(caption: str, markup: str = "markdown") -> str:
    """The page's own number that `drop_table_number` drops from a caption ("12" of "Table
    12. Trade", "3-4" of "*Table 3-4:* Output"), as written; "" when it opens with none.
    The importer labels the table by it (`{#tbl:12}`), so that the text's "table 12" can
    name the same table in the book (octavo.importers.float_labels)."""
    found = _NUMBERED[markup].match(caption)
    return found["number"] if found else ""


def alignment(style: str, *said: str | None) -> str:
    """A cell's alignment as a page writes it: its `style`'s text-align, else the first of
    `said` given (its `align`, its row's): "left", "right", "center" or ""."""
    found = TEXT_ALIGN.search(style)
    how = (found.group(1) if found else next((s for s in said if s), "")).strip().lower()
    return how if how in ("left", "right", "center") else ""


def strip_controls(text: str) -> str:
    """XML 1.0 forbids most control characters, and C1 controls are never text; drop them."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", "", text)


def typeset(term: str) -> str:
    """An index term as the text's words are set: an apostrophe is ’ in both, and a
    control character is dropped from both (the index's XHTML held "\x01": E704)."""
    return " ".join(strip_controls(term.replace("'", "\u2019")).split())


def index_path(entry: str) -> tuple[str, ...]:
    """An index entry's levels as set ("Belarus!economy": '!' between levels); a level
    left empty ("Belarus!!x", "!") names no entry (W515)."""
    return tuple(typeset(level) for level in entry.split("!"))


def inches(points: float) -> str:
    """A length in points told in inches, to the hundredth, without trailing zeros: '1.54',
    '4' (the unit is the caller's: "1.54 × 4 in", "2.5 in")."""
    return f"{points / 72:.2f}".rstrip("0").rstrip(".")
