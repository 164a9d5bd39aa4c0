"""The regular expressions octavo and its libraries compile, compiled once and kept as
octavo.codecache keeps the dataclasses' code.

`re` parses and compiles each pattern it has not met in this process in Python (its
`_parser` and `_compiler`), and a build meets some 300: the Markdown parser's, Jinja's,
octavo's own (170 of them, most at import). That was 40-50 ms of a cold `invoke epub` of
81 sections (0.45 s in all), every run alike. The result of that work is plain data: the
`_sre` code (a list of numbers), the flags and the groups' names, which `_sre.compile` turns
into the pattern object. `install` gives `re` a compile that keeps this data in the user's
cache folder by the pattern's type, flags and text, and makes the pattern from it the next
time: the same object (patterns compare equal by their code), a few microseconds instead
of a parse.

What is kept, and where: the patterns of the modules of octavo and of the libraries it
runs (`_PACKAGES`) compiled as a module or class is made, or written in the function that
compiles them; a pattern a function builds (of a book's ids or index terms, say) is
compiled as before, so no book's words reach the cache folder. A pattern whose parse
warns is not kept (it warns each time, as before). The file is this very Python's
(patterns-<bytecode magic>-<digest of sys.version, byte order, sre magic>.marshal): a patch
release may fix what `re` compiles. Each entry carries a checksum (octavo.codecache.Kept):
`_sre` checks the code it is given only in part, and one wrong number crashed every
command. An entry that is damaged, or that `_sre` refuses, is compiled again. The file is
written as the process exits, when it compiled some patterns the file lacked (`_FEW`), and
forgets the patterns no process used in its last writes; a forked process (the EPUB's
writer, the PDF's workers), which ends by os._exit, writes what it compiled itself (`save`;
what it inherited is its parent's to write).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import inspect
import marshal
import os
import sys
import warnings
from importlib.util import MAGIC_NUMBER
from typing import Any

from octavo.codecache import Kept, user_cache

__all__ = ["install"]

# the packages whose patterns are kept: octavo's and those of the libraries its builds run
_PACKAGES = frozenset(
    {
        "octavo",
        "markdown_it",
        "mdit_py_plugins",
        "mdurl",
        "jinja2",
        "ebooklib",
        "weasyprint",
        "tinycss2",
        "cssselect2",
        "pyphen",
        "PIL",
        "fontTools",
        "pydyf",
        "tomllib",
    }
)
# A process that compiled fewer patterns the file lacked writes nothing: markdown-it makes
# one from a set of characters, whose order (so the pattern's text) differs in every
# process (hash randomisation); written each time, it would make every build write the
# file, and age the patterns of the processes that never write it (the EPUB's writer).
_FEW = 3
_FUNCTION = inspect.CO_NEWLOCALS  # a function's code; a module's or class body's is not
_RE = frozenset({"re", "sre_compile"})  # the modules between a caller and here


class _Patterns(Kept):
    def __init__(self, *args: Any, packages: frozenset[str] = _PACKAGES, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.packages = packages
        from re import _compiler, _parser  # type: ignore[attr-defined]

        self.compiler, self.parser = _compiler, _parser
        self.original = _compiler.compile
        self.added = 0  # patterns compiled here that the file lacked

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """`re._compiler.compile` with the work kept, for a pattern given as text."""
        compiler = self.compiler
        if (
            not isinstance(pattern, (str, bytes))
            or flags & compiler.SRE_FLAG_DEBUG
            or not self._ours(pattern)
        ):
            return self.original(pattern, flags)
        key = _key(pattern, flags)
        made = self._read(key, pattern)
        if made is not None:
            self.used[key] = None
            return made
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            parsed = self.parser.parse(pattern, flags)
        if warned:  # not kept: compiled again, so that it warns as it would (every time)
            return self.original(pattern, flags)
        state = parsed.state
        indexgroup = [None] * state.groups
        for name, index in state.groupdict.items():
            indexgroup[index] = name
        code = compiler._code(parsed, flags)
        groups = state.groups - 1
        made = compiler._sre.compile(
            pattern, flags | state.flags, code, groups, state.groupdict, tuple(indexgroup)
        )
        with contextlib.suppress(Exception):  # a cache: compiling next time is the worst
            # plain ints: the opcodes are int subclasses, which marshal does not write
            plain = [int(number) for number in code]
            entry = (int(made.flags), plain, groups, dict(state.groupdict), tuple(indexgroup))
            self.put(key, marshal.dumps(entry))
            self.used[key] = None
            self.added += 1
            self.new = self.added >= _FEW
        return made

    def _read(self, key: str, pattern: str | bytes) -> Any:
        kept = self.take(key)
        if kept is None:
            return None
        with contextlib.suppress(Exception):  # damaged, or refused: compiled again
            flags, code, groups, groupindex, indexgroup = marshal.loads(kept)
            return self.compiler._sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
        return None

    def _ours(self, pattern: str | bytes) -> bool:
        """Whether the pattern is one to keep: asked for by a module of `packages` (the
        first frame out of `re`) as it is imported (a module's or a class's body), or
        written in the asking function (one of its code's constants). A pattern a
        function builds (a book's ids or index terms made into one, markdown-it's
        characters taken from a set) is compiled as before: a book's words are not kept
        in the user's cache folder, nor the file written again for them."""
        frame = sys._getframe(2)
        while frame is not None:
            name = frame.f_globals.get("__name__")
            top = name.partition(".")[0] if isinstance(name, str) else ""
            if top not in _RE:
                if top not in self.packages:
                    return False
                code = frame.f_code
                if not code.co_flags & _FUNCTION:
                    return True
                return any(pattern is c or pattern == c for c in code.co_consts)
            frame = frame.f_back  # type: ignore[assignment]
        return False

    def forked(self) -> None:
        """In a forked process: nothing compiled here yet (the parent writes its own)."""
        self.added, self.new, self.used = 0, False, {}


def _key(pattern: str | bytes, flags: int) -> str:
    if isinstance(pattern, bytes):
        return f"b{int(flags)}:{pattern.decode('latin-1')}"
    return f"s{int(flags)}:{pattern}"


_installed: list[_Patterns] = []


def install() -> None:
    """Give `re` the kept patterns (once a process; not on a Python whose `re` is not
    the one this was written for: CPython's, with `_parser.parse` and `_compiler._code`)."""
    if _installed:
        return
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        sre_magic = _compiler._sre.MAGIC
        assert callable(_parser.parse) and callable(_compiler._code)
    except (ImportError, AttributeError, AssertionError):
        return
    # this very Python: a patch release may change what `re` compiles (and a fix would
    # be hidden by the old code), and a character set's code is in the machine's byte order
    made = hashlib.blake2b(f"{sys.version}|{sys.byteorder}|{sre_magic}".encode(), digest_size=8)
    name = f"patterns-{MAGIC_NUMBER.hex()}-{made.hexdigest()}.marshal"
    patterns = _Patterns(user_cache() / name)
    _installed.append(patterns)
    _compiler.compile = patterns.compile
    atexit.register(patterns.save)
    os.register_at_fork(after_in_child=patterns.forked)


def save() -> None:
    """Write what this process compiled (a forked process that ends by os._exit)."""
    for patterns in _installed:
        patterns.save()
