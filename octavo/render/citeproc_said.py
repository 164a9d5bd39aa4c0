"""What citeproc-py says through Python's warnings, told as octavo's (W152): a BibTeX
field its reader does not read (`url`, `doi`, `note` …) printed a line of Python on stderr
(`UserWarning: Unsupported BibTeX field 'url'`), with no file, line or code."""

from __future__ import annotations

import re

from octavo.errors import Diagnostic, warning
from octavo.model.bibliography import Bibliography
from octavo.source.files import field_line

__all__ = ["told"]

_UNREAD_FIELD = re.compile(r"Unsupported BibTeX field '([^']+)'")


def told(bib: Bibliography, messages: list[str]) -> list[Diagnostic]:
    """W152 for each of citeproc-py's warnings, once each: an unread BibTeX field at the
    first line that gives it."""
    found: list[Diagnostic] = []
    text = bib.data.decode("utf-8-sig", "replace")
    for message in dict.fromkeys(messages):
        field = _UNREAD_FIELD.search(message)
        if field is None:
            found.append(warning("W152", f"citeproc-py: {message}", bib.path))
            continue
        name = field[1]
        found.append(
            warning(
                "W152",
                f"BibTeX field '{name}' is not read by citeproc-py: left out of every entry",
                bib.path,
                field_line(text, name, any_case=True),
                hint="leave it, or give the bibliography as CSL-JSON (Zotero, JabRef and "
                "pandoc write it: pandoc refs.bib -t csljson -o refs.json), which keeps it",
            )
        )
    return found
