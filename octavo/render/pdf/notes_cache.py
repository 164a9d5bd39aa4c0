"""The note fixes and the broadside tables' moves a print layout found, remembered in the
build cache (octavo.cache) under the print HTML's key: a book built again lays out once
(octavo.render.pdf.document.render_pdf)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from octavo.cache import Store, fingerprint
from octavo.render.pdf.broadside_flow import Move
from octavo.render.pdf.notes.place import Fix

if TYPE_CHECKING:
    from octavo.render.pdf.document import PdfOptions

__all__ = [
    "NOTES_FORMAT",
    "cache_key",
    "cached_fixes",
    "fixes_from_json",
    "fixes_to_json",
    "moves_from_json",
]

NOTES_FORMAT = "notes-7"  # bump when the note fixes change meaning (2: orphans marks, held;
# 3: paths in the tree with its broadside tables moved, and those moves; 4: widows marks, a
# hyphenated line sent on to the next page: octavo.render.pdf.notes.hyphens; 5: the moves
# again, each decided in its chapter's part laid out alone: broadside_parts; 6: decided
# again with the folios the page references print; 7: a table calling a note stops at a
# block calling one)


def cached_fixes(store: Store, name: str) -> tuple[tuple[Fix, ...], tuple[Move, ...] | None]:
    """The note fixes and the broadside tables' moves remembered (None: not known)."""
    data = store.get(name)
    if data is None:
        return (), None
    try:
        kept = json.loads(data.decode("utf-8"))  # read once for both
        return _fixes(kept), _moves(kept)
    except (ValueError, KeyError, TypeError):
        return (), None  # a damaged cache only costs layouts


def cache_key(source: str, options: PdfOptions) -> str:
    """The note fixes' key: the print HTML, the options, the versions (octavo.cache)."""
    return fingerprint(NOTES_FORMAT, source, str(options))


def fixes_to_json(fixes: tuple[Fix, ...], moves: tuple[Move, ...] = ()) -> str:
    rows = [{"path": list(f.path), "mark": f.mark, "reason": f.reason} for f in fixes]
    turned = [{"table": m.table, "after": m.after} for m in moves]
    return json.dumps({"fixes": rows, "broadsides": turned}, indent=1) + "\n"


def fixes_from_json(text: str) -> tuple[Fix, ...]:
    return _fixes(json.loads(text))


def moves_from_json(text: str) -> tuple[Move, ...]:
    return _moves(json.loads(text))


def _fixes(kept: Any) -> tuple[Fix, ...]:
    return tuple(Fix(tuple(r["path"]), r["mark"], r["reason"]) for r in kept["fixes"])


def _moves(kept: Any) -> tuple[Move, ...]:
    return tuple(Move(r["table"], r["after"]) for r in kept["broadsides"])
