"""A CSL-JSON field's apostrophes and quotation marks as pandoc's citeproc reads them (its
`parseCslJson`), where citeproc-py printed them as typed: "The ’90s", "The parents’
guide", "Rock “n” roll", "“Quoted” words", "A “double” quote"; citeproc-py printed
"The '90s", "The parents' guide", "Rock 'n' roll", "'Quoted' words", 'A "double" quote'
(octavo curled only an apostrophe between two letters).

- **Read** once the bibliography is read (`read_quotes`, octavo.render.citeproc_book):
  in each text field (not a name, a date, an address or an identifier), an apostrophe
  between letters or digits is "’"; a `'` or `"` that a letter (no space) follows opens
  a quotation the same mark closes, marked with two private-use characters; any other
  `'` is "’". A tag (Zotero's rich text: `<i>`, `<span style="font-variant:...">`) is
  copied as it is, its attributes' quotes no quotation.
- **Printed** (`printed_quotes`, octavo.render.citeproc_book): the style's own quotes
  (`quotes="true"`) are private-use characters too (`mark_style_quotes`), so that, once a
  citation or an entry is whole, each quotation is set in the locale's marks, "“…”",
  inside another ("“Roads and ‘rail’”") its inner ones, as pandoc flips them, whatever
  the marks' characters (French "«&#160;", the British "’" that is also the apostrophe);
  its marks are no words of a sort key (octavo.render.citation_sort).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from octavo.model.quotes import ENGLISH

__all__ = [
    "CLOSE",
    "OPEN",
    "STYLE_CLOSE",
    "STYLE_OPEN",
    "mark_style_quotes",
    "printed_quotes",
    "punctuated",
    "quote_marks",
    "read_quotes",
]

OPEN, CLOSE = "\ue0f1", "\ue0f2"  # a quotation of a field's own (no entry prints them)
STYLE_OPEN, STYLE_CLOSE = "\ue0f3", "\ue0f4"  # one the style's `quotes="true"` prints
_OPENS, _CLOSES = OPEN + STYLE_OPEN, CLOSE + STYLE_CLOSE
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # a tag of the field's rich text, copied as it is
_NOT_TEXT = {"url", "doi", "isbn", "issn", "pmid", "pmcid", "id", "citation_key"}


def read_quotes(source: Any) -> None:
    """Each text field of `source` (citeproc-py's, read from CSL-JSON) read as pandoc reads
    its apostrophes and quotation marks."""
    from citeproc import DATES, NAMES

    for reference in source.values():
        for field, value in list(reference.items()):  # a text: citeproc-py's MixedString
            if field in NAMES or field in DATES or field.lower() in _NOT_TEXT:
                continue
            if isinstance(value, list) and any(_marked(str(part)) for part in value):
                reference[field] = type(value)(type(part)(_read(str(part))) for part in value)
            elif type(value) is str and _marked(value):
                reference[field] = _read(value)


def _marked(text: str) -> bool:
    return "'" in text or '"' in text


def _read(text: str) -> str:
    out, at = [], 0
    while at < len(text):
        c = text[at]
        if tag := _TAG.match(text, at):  # its attributes' quotes are no quotation
            out.append(tag[0])
            at = tag.end()
            continue
        between = 0 < at < len(text) - 1 and _word(text[at - 1]) and _word(text[at + 1])
        if c in "'\u2019" and between:
            out.append("\u2019")
        elif c in "'\"" and at + 1 < len(text) and not text[at + 1].isspace():
            end = _closing(text, at)
            if end is None:
                out.append("\u2019" if c == "'" else c)
            else:
                out.append(OPEN + _read(text[at + 1 : end]) + CLOSE)
                at = end
        else:
            out.append("\u2019" if c == "'" else c)
        at += 1
    return "".join(out)


def _closing(text: str, at: int) -> int | None:
    """Where the quotation opened at `at` closes (the same mark, not an apostrophe
    between letters); None where it never does (pandoc then reads the mark alone)."""
    mark = text[at]
    tags = [range(*t.span()) for t in _TAG.finditer(text, at)]
    for end in range(at + 2, len(text)):
        if text[end] != mark or any(end in t for t in tags):
            continue
        inside = mark == "'" and _word(text[end - 1]) and end + 1 < len(text)
        if inside and _word(text[end + 1]):
            continue  # "1990's": an apostrophe, read with its word
        return end
    return None


def _word(c: str) -> bool:
    return c.isalnum()


def printed_quotes(html: str, outer: tuple[str, str], inner: tuple[str, str]) -> str:
    """`html` (an entry or a citation) with its quotations, the fields' own and the
    style's (each marked with private-use characters), in the locale's marks: `outer`
    where no other quotation holds them, `inner` inside one, as pandoc flips them."""
    out, depth = [], 0
    for c in html:
        if c in _OPENS:
            out.append(inner[0] if depth % 2 else outer[0])
            depth += 1
        elif c in _CLOSES:
            depth = max(depth - 1, 0)
            out.append(inner[1] if depth % 2 else outer[1])
        else:
            out.append(c)
    return "".join(out)


def mark_style_quotes(element: Any) -> None:
    """The style's `quotes="true"` printed as private-use characters (read after
    `quote_marks`), so that `printed_quotes` sees each quotation, whatever its marks."""
    for name, mark in (("open-quote", STYLE_OPEN), ("close-quote", STYLE_CLOSE)):
        term = element.get_term(name)
        if term is not None:
            for single in term.findall("cs:single", term.nsmap) or [term]:
                single.text = mark


QuotePairs = tuple[tuple[str, str], tuple[str, str]]  # the outer open and close, the inner


def quote_marks(element: Any) -> QuotePairs:
    """The quotation marks of the locale `element` (a style's layout) reads, as pandoc's
    `lookupQuotes` finds them (American English's where it has none)."""
    names = ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")
    found = []
    for name, default in zip(names, ENGLISH, strict=True):
        term = element.get_term(name)
        found.append((str(term.text or "") if term is not None else "") or default)
    return (found[0], found[1]), (found[2], found[3])


def punctuated(element: Any, quotes: QuotePairs) -> Callable[[str], str]:
    """A whole citation's or entry's HTML with the locale's comma and period inside the
    closing quotes where it says so (`punctuation-in-quote`: octavo.render.quote_punctuation;
    into a field's own quotation only where no tag closes between, as pandoc), then its
    quotations in the locale's marks (`printed_quotes`)."""
    from octavo.render.quote_punctuation import QuotePunctuation

    inside = str(element.get_locale_option("punctuation-in-quote")).lower() == "true"
    own = QuotePunctuation(CLOSE, "", "", across=False)  # first: the innermost, as pandoc
    styles = QuotePunctuation(STYLE_CLOSE, "", "")

    def made(html: str) -> str:
        return printed_quotes(styles(own(html)) if inside else html, *quotes)

    return made
