"""The functions tasks.py calls: one per task, raising BuildError on a user's mistake.

One module a kind of task: `opened` (a command's book, opened and rendered once), `epub`,
`pdf` (the book, its cover), `handouts`, `books` (both outputs, of one book or several),
`checks`, `importing`. Each imports the stages inside its functions: a no-op rebuild must
not pay for them.
"""

from __future__ import annotations

from octavo.api.books import build_all, build_both, output_names, shared_identifiers
from octavo.api.checks import Checked, check
from octavo.api.epub import build_epub, epub_cover
from octavo.api.handouts import Handouts, build_handouts
from octavo.api.importing import run_import
from octavo.api.opened import Sources, manuscript, open_book, read, sources
from octavo.api.pdf import build_cover, build_pdf, laid_out_pdf

__all__ = [
    "Checked",
    "Handouts",
    "Sources",
    "build_all",
    "build_both",
    "build_cover",
    "build_epub",
    "build_handouts",
    "build_pdf",
    "check",
    "epub_cover",
    "laid_out_pdf",
    "manuscript",
    "open_book",
    "output_names",
    "read",
    "run_import",
    "shared_identifiers",
    "sources",
]
