"""What octavo's install is: the digest of its code and the versions of the libraries that
can change an output (`versions`), kept in the user's cache folder (`install_state`) by the
stats of what they are read from, so that a build reads none of it again while none
changes. Every key octavo keeps things by starts from it (octavo.cache.fingerprint).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path

from octavo.codecache import user_cache
from octavo.machine import font_folders
from octavo.shipped import PACKAGE
from octavo.stat_cache import folder_digests, kept_text

__all__ = ["VERSIONED", "install_state", "versions"]

# The libraries whose version can change an output's bytes (with octavo's own code).
VERSIONED = (
    "weasyprint",
    "pydyf",
    "ebooklib",
    "markdown-it-py",
    "jinja2",
    "pillow",
    "fonttools",
    "pypdf",
    "pypdfium2",
    "pikepdf",  # writes the merged parallel PDF (object streams)
    "tinycss2",
    "pyicu",  # the index's collation
    "pyphen",  # the hyphenation dictionaries: where the PDF's lines break
)


_known: dict[str, str] = {}  # versions() of this process


def versions(state: Path | None = None) -> str:
    """What changes every output besides its inputs: a digest of octavo's code and the
    version of each library in VERSIONED, ICU's own (`_icu`) and WeasyPrint's text
    libraries' (`_native`), and the machine's font folders' stats
    (octavo.machine.font_folders). Made once a process;
    `state` given (octavo's state folder): what it took to make is kept
    (octavo.stat_cache), so that a build reads none of octavo's code, asks no library's
    metadata and imports no ICU: the same answer. It is kept in
    the user's cache folder (`install_state`), not in `state`: octavo's code and the
    libraries are this user's install, not the book's, so every build shares them, a cold
    one too (build/.octavo/ removed: 40 to 55 ms of reading octavo's 120 modules and asking
    twelve libraries' metadata, before anything else could start)."""
    if "versions" not in _known:
        keep = install_state() if state is not None else None
        code = hashlib.sha256()
        for relative, digest in folder_digests(PACKAGE, keep):
            if relative.endswith(".py"):
                code.update(f"{relative}\0".encode() + digest)
        # kept by what is asked too (a library added to VERSIONED or _NATIVE is asked at
        # once, and so is everything when _ASKED changes); by the import path, so that two
        # environments (venvs, checkouts) keep one each; and by the variables that tell
        # the dynamic linker (and WeasyPrint on Windows) where the text libraries are
        path = tuple(sys.path)
        chosen = tuple(os.environ.get(name, "") for name in _LIBRARY_PATHS)
        asked = repr((_ASKED, VERSIONED, _NATIVE, path, chosen))
        listed = hashlib.sha256(asked.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        # and by the folders of ICU's and the text libraries' files, which a system
        # upgrades in place
        native = kept_text(keep, f"native-folders-{listed}", path, _native_folders)
        libraries = kept_text(
            keep, f"libraries-{listed}", (*path, *native.splitlines()), _libraries
        )
        # and by the machine's fonts, which WeasyPrint falls back on (asked each process:
        # a font installed since makes every output again, the cached parts and cover too)
        fonts = font_folders()
        _known["versions"] = f"octavo={code.hexdigest()};{libraries};fonts={fonts}"
    return _known["versions"]


def install_state() -> Path:
    """Where what is known of octavo's install (its code's digests, the libraries'
    versions) is kept: the user's cache folder (octavo.codecache.user_cache), beside the
    compiled templates and the signing key; never in or beside a book, whose state folder
    may be planted (and what is kept there is signed all the same)."""
    return user_cache()


def _libraries() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in VERSIONED:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=none")
    return ";".join((*found, _icu(), _native()))


def _icu() -> str:
    """ICU's own versions: the index's letters, its capitals and its order come from ICU's
    data (CLDR, Unicode), which PyICU's version does not name (one PyICU is built against
    many ICUs). The collator's own version is not asked: PyICU does not give it, and it
    moves with ICU's (its root order and tailorings are ICU's data)."""
    try:
        import icu
    except ImportError:
        return "icu=none"
    return f"icu={icu.ICU_VERSION};unicode={icu.UNICODE_VERSION}"


# WeasyPrint's text libraries, by the names weasyprint.text.ffi loads them (Linux, macOS,
# Windows): Pango breaks the lines, HarfBuzz shapes them and cuts the fonts a PDF embeds
# (libharfbuzz-subset, by the name octavo's own binding loads it; fontTools cuts them
# where it is missing: octavo.render.pdf.parallel.font_subset), fontconfig finds the faces.
# A laid-out part, a font subset or a build stamp kept under one version is not another's.
_NATIVE: tuple[tuple[str, tuple[str, ...], str, type], ...] = (
    (
        "pango",
        ("libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll"),
        "pango_version_string",
        str,
    ),
    (
        "harfbuzz",
        ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"),
        "hb_version_string",
        str,
    ),
    ("harfbuzz-subset", ("libharfbuzz-subset.so.0",), "hb_version_string", str),
    (
        "fontconfig",
        ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll"),
        "FcGetVersion",
        int,
    ),
)
_NATIVE_FILES = ("libicu", "libpango", "libharfbuzz", "libfontconfig")
_LIBRARY_PATHS = (
    "LD_LIBRARY_PATH",
    "DYLD_LIBRARY_PATH",
    "DYLD_FALLBACK_LIBRARY_PATH",
    "WEASYPRINT_DLL_DIRECTORIES",
)
_ASKED = 2  # how the versions are asked: 2, the text libraries too (session 38)


def _native() -> str:
    """The text libraries' own versions (`_NATIVE`), each asked of the library; "none"
    where it cannot be loaded. (libharfbuzz-subset answers with HarfBuzz's function.)"""
    import ctypes

    found = []
    for name, files, function, answers in _NATIVE:
        version = "none"
        for file in files:
            try:
                ask = getattr(ctypes.CDLL(file), function)
            except (OSError, AttributeError):
                continue
            ask.restype = ctypes.c_int if answers is int else ctypes.c_char_p
            answer = ask()
            version = (
                answer.decode("ascii", "replace") if isinstance(answer, bytes) else str(answer)
            )
            break
        found.append(f"{name}={version}")
    return ";".join(found)


def _native_folders() -> str:
    """The folders of ICU's and the text libraries' files (`_NATIVE_FILES`), loaded, one a
    line, as the process's map of its files names them (Linux; elsewhere none): a library
    upgraded there replaces a file, so the folder's stat changes."""
    with contextlib.suppress(ImportError):
        import icu  # noqa: F401  (loads ICU's libraries)
    _native()  # loads the text libraries
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="surrogateescape") as maps:
            files = {line.split(maxsplit=5)[-1].strip() for line in maps}
    except OSError:
        return ""
    found = {os.path.dirname(f) for f in files if os.path.basename(f).startswith(_NATIVE_FILES)}
    return "\n".join(sorted(found))
