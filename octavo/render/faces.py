"""The faces a text is set in where octavo lays it out itself: the EPUB's drawn cover
(octavo.render.epub.cover_draw) draws each text in one, and a print running head is
measured in one to be cut to its line (octavo.render.pdf.running_heads), as WeasyPrint,
through fontconfig, sets it.

The shipped face (Linux Libertine) holds Latin, Greek and Cyrillic, no Arabic, Hebrew or
Chinese: an Arabic or Chinese title was drawn as a row of empty boxes, without a word. A
text the shipped face does not hold is drawn in a face of the machine's that does, found
as fontconfig finds one (`fc-match -s 'serif:charset=…'`, the faces it sorts first,
their character maps read to be sure): the same machine's fonts give the same face, and
the same face the same bytes (nothing of its path is drawn or kept in the image). A
fallback face is laid out by Pillow's raqm engine, where Pillow has it: Arabic joined and
shaped, a right-to-left text in its order. What the cover cannot draw so, W658 tells: a
character no face holds (drawn as a box), right-to-left text without raqm (drawn
unjoined, left to right).

A text of more than one script (a Latin title with an Arabic, Armenian or Abkhaz word) is
set as a font stack sets it, each script run (`script_runs`) in the first face that holds
it, the shipped face first, the machine's after (`set_in`): one face for the whole,
when one character was missing from the shipped face, drew every word in the fallback.

A book's Latin cover never reaches fontconfig or the character maps: its characters are
all in `HELD`, which every shipped face holds (tests/unit/test_faces.py).
"""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from octavo.model.language_tags import has_rtl_letter

__all__ = [
    "HELD",
    "Face",
    "face_for",
    "first_holding",
    "machine_faces",
    "missing",
    "needs_raqm",
    "raqm",
    "script_runs",
    "set_in",
    "stack_for",
]

HELD = frozenset(
    (
        *range(0x20, 0x7F),  # ASCII
        *range(0xA0, 0x180),  # Latin-1, Latin Extended-A
        *range(0x400, 0x460),  # Cyrillic
        *(0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026),  # dashes, quotes, …
    )
)
_STYLES = {"regular": "", "bold": ":weight=bold", "italic": ":slant=italic"}
_FONT_FILES = (".ttf", ".otf", ".ttc", ".otc")
_TRIED = 32  # of the faces fontconfig sorts first: their character maps read at most


@dataclass(frozen=True, slots=True)
class Face:
    """A face to draw in: a font file (and its index in a collection); `fallback`: the
    machine's, not the shipped one: laid out by raqm where Pillow has it, untracked."""

    path: Path
    index: int = 0
    fallback: bool = False


def face_for(shipped: Path, text: str, style: str = "regular") -> Face:
    """The shipped face if it holds every character of `text`, else the machine's face
    that holds the most of them (all, as a rule), else the shipped one."""
    wanted = _wanted(text)
    if not wanted or wanted <= HELD or wanted <= _held(shipped, 0):
        return Face(shipped)
    return _fallback(tuple(sorted(wanted)), style) or Face(shipped)


def set_in(shipped: Path, text: str, style: str = "regular") -> tuple[tuple[str, Face], ...]:
    """`text`'s script runs, each with the face it is set in (`first_holding` in
    `stack_for`'s faces). One run, in `face_for`'s face, for a text of one script or one the
    shipped face holds."""
    wanted = _wanted(text)
    if wanted <= HELD or wanted <= _held(shipped, 0):  # a Latin text: no script looked up
        return ((text, Face(shipped)),)
    runs = script_runs(text)
    if len(runs) < 2:
        return ((text, face_for(shipped, text, style)),)
    stack = stack_for(shipped, text, style)
    return tuple((run, first_holding(stack, run)) for run in runs)


def stack_for(shipped: Path, text: str, style: str = "regular") -> tuple[Face, ...]:
    """The faces `text` is set in, as a font stack lists them: the shipped face, then the
    machine's for each script run no face before it holds (in the order met)."""
    stack = [Face(shipped)]
    for run in script_runs(text):
        wanted = _wanted(run)
        if wanted <= HELD or any(wanted <= _held(f.path, f.index) for f in stack):
            continue
        found = _fallback(tuple(sorted(wanted)), style)
        if found is not None and found not in stack:
            stack.append(found)
    return tuple(stack)


def first_holding(stack: tuple[Face, ...], run: str) -> Face:
    """The first face of `stack` that holds every character of `run`, else the first of
    those that hold most of them."""
    wanted = _wanted(run)
    if wanted <= HELD:
        return stack[0]
    held = [len(wanted & _held(f.path, f.index)) for f in stack]
    return stack[held.index(max(held))]


_OPENING = dict(zip("([{«‹", ")]}»›", strict=True))
_NO_SCRIPT = frozenset(("Zyyy", "Zinh", "Zzzz"))  # Common, Inherited, Unknown


def script_runs(text: str) -> tuple[str, ...]:
    """`text` cut where its script changes (Unicode's Script property), as a shaper cuts it
    (UAX #24): a character of no script of its own (a space, a figure, punctuation, a mark)
    goes with the run before it (the first run's script at the start); an opening bracket
    with what it opens ('Misr (مصر)' and 'مصر (Egypt)' keep their brackets a pair), a
    closing one with its opening one."""
    from fontTools.unicodedata import script

    owns = [None if (s := script(c)) in _NO_SCRIPT else s for c in text]
    scripts: list[str | None] = []
    opened: list[tuple[str, str | None]] = []  # closing bracket wanted, script of its pair
    current: str | None = None
    for at, char in enumerate(text):
        own = owns[at]
        if own is None and char in _OPENING:
            own = next((s for s in owns[at + 1 :] if s is not None), current)
            opened.append((_OPENING[char], own))
        elif own is None and any(close == char for close, _ in opened):
            while opened[-1][0] != char:
                opened.pop()
            own = opened.pop()[1]
        current = own = own or current
        scripts.append(own)
    first = next((s for s in scripts if s is not None), None)
    runs: list[str] = []
    previous: object = object()
    for char, own in zip(text, scripts, strict=True):
        own = own or first
        if runs and own == previous:
            runs[-1] += char
        else:
            runs.append(char)
        previous = own
    return tuple(runs)


def machine_faces(texts: tuple[str, ...], shipped: tuple[Path, ...]) -> str:
    """The machine's faces the drawn cover of `texts` would take (in each shipped face's
    style: regular, italic, bold), by path, size and time, for the cached cover's key: a
    font installed or removed draws it again. Nothing of it is drawn; '' for a Latin one."""
    found = set()
    for text in texts:
        if all(ord(c) in HELD or c.isspace() for c in text):
            continue
        for path, style in zip(shipped, ("regular", "italic", "bold"), strict=True):
            for _, face in set_in(path, text, style):
                if face.fallback:
                    stat = face.path.stat()
                    found.add((str(face.path), face.index, stat.st_size, stat.st_mtime_ns))
    return repr(sorted(found)) if found else ""


def missing(text: str, face: Face) -> tuple[str, ...]:
    """The characters of `text` that `face` does not hold, in the order met."""
    wanted = _wanted(text)
    if wanted <= HELD and not face.fallback:
        return ()
    held = _held(face.path, face.index)
    return tuple(dict.fromkeys(c for c in text if ord(c) in wanted and ord(c) not in held))


def needs_raqm(text: str) -> bool:
    """Whether `text` holds right-to-left letters (Arabic, Hebrew, Syriac, Thaana, N'Ko):
    drawn shaped and in order only by raqm."""
    return has_rtl_letter(text)


@cache
def raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


def _wanted(text: str) -> frozenset[int]:
    return frozenset(ord(c) for c in text if not c.isspace() and unicodedata.category(c)[0] != "C")


@cache
def _fallback(wanted: tuple[int, ...], style: str) -> Face | None:
    pattern = f"serif:charset={' '.join(f'{c:x}' for c in wanted)}{_STYLES.get(style, '')}"
    command = ["fc-match", "-s", "--format", "%{file}\t%{index}\n", pattern]
    try:
        listed = subprocess.run(command, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):  # no fontconfig: the shipped face
        return None
    best: tuple[int, Face] | None = None
    for line in listed.splitlines()[:_TRIED]:
        file, _, index = line.partition("\t")
        path = Path(file)
        if path.suffix.lower() not in _FONT_FILES or not path.is_file():
            continue
        face = Face(path, int(index or 0), fallback=True)
        held = len(set(wanted) & _held(path, face.index))
        if held and (best is None or held > best[0]):
            best = (held, face)
        if held == len(wanted):
            break
    return best[1] if best else None


@cache
def _held(path: Path, index: int) -> frozenset[int]:
    """The characters the face maps to glyphs (its cmap), none if it cannot be read."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), fontNumber=index, lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except (OSError, TTLibError, KeyError, AssertionError):
        return frozenset()
