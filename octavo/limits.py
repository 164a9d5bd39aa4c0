"""Every limit octavo puts on what a book (or a page to import) may hold, in one place.

docs/security.md lists them; each is enforced before the work it bounds is done."""

from __future__ import annotations

__all__ = [
    "FILE_LIMITS",
    "MAX_DATA_URL",
    "MAX_DEPTH",
    "MAX_GRID_CHARS",
    "MAX_IMAGE_PIXELS",
    "MAX_INDEX_LEVELS",
    "MAX_LINE",
    "MAX_PARENTS",
    "MAX_SECTIONS",
    "MAX_TABLE_SLOTS",
    "MAX_TEXT",
    "TEMPLATE_DIGITS",
    "TEMPLATE_STEPS",
    "TEMPLATE_VALUE",
    "TEMPLATE_WORK",
    "YEARS",
    "MiB",
]

MiB = 1024 * 1024

# The size limit of each kind of file read on a book's behalf (octavo.sandbox): E003.
FILE_LIMITS = {
    "section": 8 * MiB,
    "config": 1 * MiB,
    "template": 1 * MiB,
    "style": 2 * MiB,
    "font": 32 * MiB,
    "image": 16 * MiB,
    "page": 8 * MiB,  # a raw page given to import-pages
    "any": 32 * MiB,
}

# an image's pixels: Pillow's own refusal (a decompression bomb, E507), twice the limit it
# warns at (octavo.render.image_limits keeps that warning off stderr)
MAX_IMAGE_PIXELS = 2 * 89_478_485
MAX_DATA_URL = 2 * MiB  # a data: URL in a stylesheet (E607)
MAX_SECTIONS = 100_000  # a section's sequence and total (E206; E405 for an imported page)
YEARS = range(1, 10_000)  # a date's year (E107, E207)
MAX_PARENTS = 12  # levels between a chapter and its section, a study's two or three (E206)
# an index entry's levels ("Belarus!economy!trade": 3), the studies' two at most: the index
# is sorted and set by recursion, level by level, and 500 passed Python's limit (W515)
MAX_INDEX_LEVELS = 12
# a book.toml string: a line of the title page or the imprint (a 50,000-letter title asked
# the cover for a picture past Pillow's decompression-bomb limit), and the description, a
# blurb on the print cover's back (E123)
MAX_LINE = 1000
MAX_TEXT = 20_000
# raw HTML's elements open at once, past which a start tag is dropped, its text kept
# (WeasyPrint lays nested boxes out by recursion: W502)
MAX_DEPTH = 64
# the slots of an imported table's grid, its spans laid out: a page's colspan (at most 1000)
# and rowspan (at most 65534) could ask for millions; past this its spans are not read, one
# cell a slot (W423). A study's largest tables hold a few thousand.
MAX_TABLE_SLOTS = 100_000
# the characters of a grid table (its lines by its top border's width), traced cell by cell
# (octavo.render.grid_trace): past this it is not read, its text kept (W504). A study's
# largest table, 50 rows of three lines 120 characters wide, is 18,000.
MAX_GRID_CHARS = 400_000

# The work a template may do in one render (octavo.render.budget, E702). Steps: loop turns,
# calls, filters, tests, includes. Work: units of about a byte, made or read (a character,
# 8 an item of a list). A value: one made by an operator, `~`, a filter or a method.
TEMPLATE_STEPS = 10_000_000
TEMPLATE_WORK = 1024 * MiB
TEMPLATE_VALUE = 64 * MiB
TEMPLATE_DIGITS = 4300  # Python's own limit for printing a number (sys.int_info)
