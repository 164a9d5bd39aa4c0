"""Pyphen's hyphenation patterns read once, not at every build's first hyphenated word.

WeasyPrint hyphenates with Pyphen (and the EPUB's table heads are hyphenated with it:
octavo.render.epub.heads), which parses a dictionary's text file (hyph_en_US.dic:
11,015 patterns) into a dict the first time a process needs it: ~0.07 s, in the zygote
of a parallel build before any chapter can start (octavo.render.pdf.parallel.start), and
in a one-process build before its first page. `remember_patterns` keeps what that parse
makes (the patterns and their longest key) in the user's cache folder, beside the
libraries WeasyPrint loads (octavo.render.pdf.libraries), keyed by Pyphen's version and
the dictionary file's path, size and time: read back with `marshal` in ~8 ms. The patterns
are the same dict, so the same words break at the same places. Only plain patterns are
kept (a dictionary with nonstandard hyphenation, whose values carry data, is parsed as
shipped), checked to be of that shape as they are kept, and signed with the user's key
(octavo.render.signed): what is read back is taken only if its signature holds, else
parsed again. (Checking the shape of every pattern as it was read back, and naming the
entry by octavo's fingerprint, which a worker had not made yet, cost ~55 ms of the first
hyphenated word of an edited chapter, on the edit's critical path.)
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from octavo.cache import Store, marshalled_pair

__all__ = ["patterns_folder", "remember_patterns"]

CHECKED = "0.18."  # the Pyphen versions read (HyphDict's attributes: patterns, maxlen, cache)
PATTERNS = "patterns-2"  # bump when what is kept changes shape


@dataclass(slots=True)
class _Memo:
    """What `_init` works with; set by `remember_patterns` (mutable: one a process)."""

    store: Store | None = None  # where patterns are kept (None: parsed as shipped)
    parse: Callable[[Any, Any], None] | None = None  # Pyphen's own HyphDict.__init__


_memo = _Memo()


def remember_patterns(folder: Path | None) -> None:
    """From now on this process, and the workers it forks, take Pyphen's parsed patterns
    from `folder` (a cache store) and keep there those it parses; None: parse as shipped.
    A Pyphen of another version than `CHECKED` is left as shipped."""
    import pyphen

    if not str(getattr(pyphen, "__version__", "")).startswith(CHECKED):
        return
    if _memo.parse is None:
        _memo.parse = pyphen.HyphDict.__init__
        pyphen.HyphDict.__init__ = _init
    _memo.store = Store(folder, signed=True) if folder is not None else None


def patterns_folder(cache: Path | None) -> Path | None:
    """Where a build keeps them: the user's cache folder when it keeps a cache at all."""
    from octavo.codecache import machine_folder

    return machine_folder(cache, "hyphenation")


def _init(self: Any, path: Any) -> None:
    """Pyphen's HyphDict.__init__ with the memo: the parsed patterns of the dictionary at
    `path` read back from the store, else parsed as shipped and kept (plain ones only)."""
    store = _memo.store
    entry = _entry(path) if store is not None else None
    if store is not None and entry is not None:
        kept = _loads(store.get(entry))
        if kept is not None:
            self.maxlen, self.patterns = kept
            self.cache = {}
            return
    parse = _memo.parse
    if parse is None:  # not reached: `remember_patterns` keeps it before `_init` is in place
        raise RuntimeError("Pyphen's own HyphDict.__init__ was not kept")
    parse(self, path)
    if store is not None and entry is not None:
        made = (self.maxlen, self.patterns)
        if _plain(made):
            with suppress(OSError, ValueError):  # a cache that cannot be written
                store.put(entry, marshal.dumps(made))  # signed: a torn one is parsed again


def _entry(path: Any) -> str | None:
    """The store's name for the dictionary at `path` as it is now (None: not a file): by
    Pyphen's version, the path and what tells one version of a file from another."""
    import pyphen

    from octavo.cache import digest_of
    from octavo.stat_cache import stat_text

    try:
        info = os.stat(str(path))
    except (OSError, ValueError):
        return None
    return "patterns-" + digest_of(PATTERNS, pyphen.__version__, str(path), stat_text(info))


def _loads(data: bytes | None) -> tuple[int, dict[str, tuple[int, tuple[int, ...]]]] | None:
    """Patterns read back: signed when kept (`_plain` then), so only their outline is
    checked here."""
    found = marshalled_pair(data) if data is not None else None  # else parsed again
    if found is not None and type(found[0]) is int and type(found[1]) is dict:
        return found[0], found[1]
    return None


def _plain(found: Any) -> bool:
    """(longest key, {pattern: (offset, values)}) of plain ints only, as Pyphen's parse
    makes them for a dictionary without nonstandard hyphenation."""
    if not (isinstance(found, tuple) and len(found) == 2 and type(found[0]) is int):
        return False
    patterns = found[1]
    if type(patterns) is not dict or found[0] != max(map(len, patterns), default=-1):
        return False  # the longest key is what `positions` slices by: it must be right
    return all(
        type(key) is str
        and type(value) is tuple
        and len(value) == 2
        and type(value[0]) is int
        and type(value[1]) is tuple
        and all(type(v) is int for v in value[1])
        for key, value in patterns.items()
    )
