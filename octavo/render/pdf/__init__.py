"""PDF writer: Manuscript -> print PDF bytes.

html (the print HTML from templates/print/) -> document (WeasyPrint layout in the URL
sandbox) -> notes/ (every note on the page of its call) -> PDF; parallel/ lays chapters out
in several processes and merges them; handouts are one PDF a section or chapter."""
