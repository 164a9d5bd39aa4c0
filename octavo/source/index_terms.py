"""index.toml: terms marked for the index wherever they occur, without a span in the text.

    [terms]
    potash = "potash"                                  # the words = the entry
    "Chornobyl'" = "Chornobyl' accident"               # the words -> a named entry
    "the Polatsk principality" = "Polatsk!principality"  # a sub-entry

Whole words, as written (case counts); a span in the text marks its words itself. A bad
file is E118, reported with the book's other problems; a term whose words or entry are
empty once set ("x" = "Belarus!!economy") is W515 at its line here, and left out.
"""

from __future__ import annotations

from pathlib import Path

from octavo.errors import Diagnostic, error, warning
from octavo.limits import MAX_INDEX_LEVELS
from octavo.source.config import key_line
from octavo.source.files import TomlError, load_toml, read_utf8
from octavo.text import index_path, typeset

__all__ = ["load_index_terms"]

NAME = "index.toml"


def load_index_terms(root: Path) -> tuple[tuple[tuple[str, str], ...], tuple[Diagnostic, ...]]:
    """(words, entry) of every term, longest words first; () when the book has no index.toml."""
    path = root / NAME
    if not path.is_file():
        return (), ()
    text, problem = read_utf8(path, root=root, kind="config")
    if text is None:
        return (), (problem,) if problem else ()
    try:
        data = load_toml(text)
    except TomlError as exc:  # a 5,000-digit number, 3,000 brackets: a traceback, before
        return (), (error("E118", f"not valid TOML: {exc}", path, exc.line),)
    terms = data.get("terms", {})
    good = isinstance(terms, dict) and all(
        isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
        for k, v in terms.items()
    )
    if not good or set(data) - {"terms"}:
        return (), (
            error(
                "E118",
                'index.toml must hold one [terms] table of "words" = "entry"',
                path,
                hint='e.g. [terms] potash = "potash"',
            ),
        )
    kept, problems = [], []
    for words, entry in terms.items():
        levels = index_path(entry)
        if typeset(words) and all(levels) and len(levels) <= MAX_INDEX_LEVELS:
            kept.append((words.strip(), entry.strip()))
            continue
        why = (
            "names no entry"
            if len(levels) <= MAX_INDEX_LEVELS
            else f"has {len(levels)} levels, more than {MAX_INDEX_LEVELS}"
        )
        shown = entry if len(levels) <= MAX_INDEX_LEVELS else entry[:60] + "…"
        problems.append(
            warning(
                "W515",
                f"index.toml's term {words!r} = {shown!r} {why}; it is left out of the index",
                path,
                key_line(text, words, "terms") or key_line(text, "terms"),
                'write words = "Entry" or "Entry!sub-entry", each level some words',
            )
        )
    kept.sort(key=lambda t: -len(t[0]))
    return tuple(kept), tuple(problems)
