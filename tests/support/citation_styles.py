"""Small CSL styles the citation tests set, each for what it shows."""

from __future__ import annotations

__all__ = ["NUMERIC"]

# a numeric style whose citation numbers in a row are a range (`collapse="citation-number"`)
NUMERIC = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<citation collapse="citation-number"><sort><key variable="citation-number"/></sort>'
    '<layout prefix="[" suffix="]" delimiter=", "><group delimiter=", ">'
    '<text variable="citation-number"/><text variable="locator"/></group></layout></citation>'
    '<bibliography><layout><text variable="citation-number" prefix="[" suffix="] "/>'
    '<text variable="title"/></layout></bibliography></style>'
)
