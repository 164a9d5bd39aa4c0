"""Small CSL styles the citation tests set, each for what it shows, and the words a book
citing with one prints."""

from __future__ import annotations

import json
import re

from octavo.render.manuscript import render_manuscript
from octavo.source.sections import read_book
from octavo.text import strip_tags
from tests.conftest import BOOK_TOML, MakeBook, section_source

__all__ = ["AUTHOR_DATE", "NUMERIC", "cited_text"]

# a numeric style whose citation numbers in a row are a range (`collapse="citation-number"`)
NUMERIC = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<citation collapse="citation-number"><sort><key variable="citation-number"/></sort>'
    '<layout prefix="[" suffix="]" delimiter=", "><group delimiter=", ">'
    '<text variable="citation-number"/><text variable="locator"/></group></layout></citation>'
    '<bibliography><layout><text variable="citation-number" prefix="[" suffix="] "/>'
    '<text variable="title"/></layout></bibliography></style>'
)

# an author-date style as Chicago's (pandoc's default): given names `primary-name`, one
# author's cites collapsed (`collapse="year"`), "———" for a repeated author in the list
AUTHOR_DATE = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<macro name="year"><date variable="issued"><date-part name="year"/></date></macro>'
    '<citation disambiguate-add-year-suffix="true" disambiguate-add-givenname="true"'
    ' givenname-disambiguation-rule="primary-name" collapse="year"'
    ' after-collapse-delimiter="; "><layout prefix="(" suffix=")" delimiter="; ">'
    '<group delimiter=" "><names variable="author"><name form="short" and="text"'
    ' delimiter=", " initialize-with=". "/></names><text macro="year"/></group>'
    '<text variable="locator" prefix=", "/></layout></citation>'
    '<bibliography subsequent-author-substitute="———"><sort><key variable="author"/>'
    '<key variable="issued"/><key variable="title"/></sort><layout suffix=".">'
    '<group delimiter=". "><names variable="author"><name name-as-sort-order="first"'
    ' and="text" sort-separator=", " delimiter=", " delimiter-precedes-last="always"/>'
    '</names><text macro="year"/><text variable="title"/></group></layout></bibliography>'
    "</style>"
)


def cited_text(
    make_book: MakeBook,
    refs: dict[str, dict[str, object]],
    body: str,
    style: str,
    toml: str = "",
    language: str = "en",
) -> list[str]:
    """The paragraphs and the list's entries, as text, of a one-section book in `language`
    citing `refs` (key -> CSL-JSON entry) with `style`; no diagnostic."""
    html = cited_html(make_book, refs, body, style, toml, language)
    kept = re.findall(r"<p>(.*?)</p>|<div id=\"ref-[^\"]+\"[^>]*>(.*?)</div>", html, re.DOTALL)
    text = [strip_tags("".join(m)).replace("\u2060", "").strip() for m in kept]
    return [line for line in text if line and "Data as of" not in line]


def cited_html(
    make_book: MakeBook,
    refs: dict[str, dict[str, object]],
    body: str,
    style: str,
    toml: str = "",
    language: str = "en",
) -> str:
    """The HTML of `cited_text`'s book."""
    given: dict[str, str | bytes] = {
        "refs.json": json.dumps([{"id": key, **entry} for key, entry in refs.items()]),
        "style.csl": style,
        "001-a.md": section_source(1, body=body, total=1),
    }
    config = BOOK_TOML.replace('language = "en"', f'language = "{language}"')
    config += 'bibliography = "refs.json"\ncsl = "style.csl"\n' + toml
    book, found = read_book(make_book(given, config))
    assert book is not None, found
    manuscript, more = render_manuscript(book)
    assert not [*found, *more]
    return "\n".join(s.body_html for c in manuscript.chapters for s in c.sections)
