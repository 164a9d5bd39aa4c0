"""citeproc-py's HTML of a citation or an entry, as octavo sets it
(octavo.render.citeproc_book): cleaned as a source's raw HTML is, its small capitals
pandoc's class, a range kept on one line, a typed apostrophe curled, and a particle joined
to its name without a space (octavo.render.citation_particles); its quotations stay marked
with private-use characters, printed once the citation or the entry is whole
(octavo.render.citation_quotes)."""

from __future__ import annotations

import re

from octavo.render.citation_particles import JOINED

__all__ = ["cleaned"]

# a typed apostrophe inside a word ("St. Martin's"), curled as the text's and pandoc's are (the
# cleaned HTML's attributes hold none: clean_fragment writes it &#x27;)
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_SMALL_CAPS = '<span style="font-variant:small-caps;">'  # citeproc.formatter.html's


def cleaned(html: str) -> str:
    """citeproc-py's HTML, cleaned as a source's raw HTML is (octavo.render.sanitize): it
    writes an entry's fields as the file has them, a CSL-JSON title's `<i>` (Zotero's rich
    text), a URL's `&`, and a `<script>` too; its small capitals are the `smallcaps` class
    (pandoc's, styled in base.css), and a range is kept on one line."""
    from octavo.render.allow_list import TRUSTED
    from octavo.render.sanitize import clean_fragment
    from octavo.text import joined_ranges

    marked = f'<span {TRUSTED[0]}="{TRUSTED[1]}" class="smallcaps">'
    joined = html.replace(JOINED + " ", "").replace(JOINED, "")  # "d’Alembert"
    out, _ = clean_fragment(joined.replace(_SMALL_CAPS, marked))
    return _APOSTROPHE.sub("\u2019", joined_ranges(out))
