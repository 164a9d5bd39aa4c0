"""An entry's URL and DOI as links, as pandoc's citeproc links them.

citeproc-py prints an entry's `URL` and `DOI` as text ("Available at:
https://doi.org/10.1234/x"); pandoc links them. Each is linked where the entry prints it:
the URL as written, the DOI as the style prints it (`https://doi.org/…`, `doi:…` or bare),
its link `https://doi.org/…`. Only an `http:` or `https:` address is ever a link (a
`javascript:` URL in a bibliography stays words, as the raw-HTML allow-list keeps only
those: octavo.render.allow_list); its words get the places a line may end in it
(octavo.render.addresses: a phone's column breaks a long DOI there, never inside "://").
"""

from __future__ import annotations

import re
from html import escape
from typing import Any
from urllib.parse import quote

from octavo.render.addresses import parts

__all__ = ["linked"]

_WEB = re.compile(r"https?://[^\s<>\"]+\Z", re.IGNORECASE)
_DOI = re.compile(r"10\.\d{4,9}/\S+\Z")
# how a style prints a DOI: the resolver's address, or the DOI after "doi:" or alone
_DOI_FORMS = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/")


def linked(html: str, reference: Any) -> str:
    """`html`, an entry as cleaned, with its reference's URL and DOI linked where it prints
    them (`reference`: citeproc-py's, its fields `URL` and `DOI`)."""
    url = str(reference.get("URL") or "").strip()
    if _WEB.match(url):
        html = _link(html, url, url)
    doi = str(reference.get("DOI") or "").strip()
    if _DOI.match(doi):
        target = "https://doi.org/" + quote(doi, safe="/:;()._-")
        for shown in (*(f + doi for f in _DOI_FORMS), doi):
            if escape(shown, quote=False) in html:
                return _link(html, shown, target)
    return html


def _link(html: str, shown: str, target: str) -> str:
    """The first `shown` in the entry's text (not already in a link) as a link to
    `target`, its words breakable where an address breaks."""
    text = escape(shown, quote=False)
    at = html.find(text)
    if at < 0 or html.rfind("<a ", 0, at) > html.rfind("</a>", 0, at):
        return html
    words = "<wbr />".join(escape(p, quote=False) for p in parts(shown))
    link = f'<a href="{escape(target)}" class="uri"><span class="address">{words}</span></a>'
    return html[:at] + link + html[at + len(text) :]
