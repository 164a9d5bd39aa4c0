"""The reference list's markup, written by octavo.render.citations and read back by the
handouts (octavo.render.pdf.handout_entries), which take each handout's entries from the
book's list: one place for both sides, so that a change to what is written cannot leave
the reading behind without a word."""

from __future__ import annotations

import re

__all__ = ["CITED", "ENTRY", "REFS", "biblioref", "entry_id", "entry_open"]

REFS = '<div id="refs"'  # the list's opening (pandoc's id)


def entry_id(key: str) -> str:
    """The id of a key's entry in the reference list (an XML name, as EPUB wants it)."""
    return "ref-" + re.sub(r"[^\w.-]", "_", key)


def entry_open(ident: str) -> str:
    """An entry's opening tag."""
    return f'<div id="{ident}" class="csl-entry" role="listitem">'


def biblioref(target: str) -> str:
    """A citation's link to its entry, opened."""
    return f'<a href="#{target}" role="doc-biblioref">'


ENTRY = re.compile(
    re.escape(entry_open("@")).replace("@", '(ref-[^"]+)') + r"(.*?)</div>\n", re.DOTALL
)
CITED = re.compile(re.escape(biblioref("@")).replace("@", '(ref-[^"]+)'))
