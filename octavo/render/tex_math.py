"""Where TeX math in dollars begins and ends in a text (pandoc's `tex_math_dollars`, as
octavo.render.math_source reads it), without a Markdown parser; and a math's letters as an
index sorts them.

An index term written as math (`[$\\alpha$]{.index}`) prints as the text prints math, its
TeX source in its dollars (octavo renders no math, W504). Sorted as that source, every
such term went under '#' (a dollar is a sign); it sorts by its letters instead: `$y$` with
y, `$\\mathbf{v}$` with v, and a Greek letter's command by its letter where the book's
language sorts Greek letters as letters of its own (`$\\alpha$` under Α in a Greek book),
else by its name (under A in an English one: ICU heads the Greek letter's group with
'Α', which looks like the Latin A it would stand after Z, and indexes in Latin script
alphabetize Greek letters spelled out). Other commands (`\\infty`, `\\,`) and braces are
no letters; math of none keeps its source (`\\infty`, under '#').
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["GREEK", "closing", "math_end", "sorted_as"]

_NAMES = (
    ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("epsilon", "ε"),
    ("zeta", "ζ"), ("eta", "η"), ("theta", "θ"), ("iota", "ι"), ("kappa", "κ"),
    ("lambda", "λ"), ("mu", "μ"), ("nu", "ν"), ("xi", "ξ"), ("omicron", "ο"), ("pi", "π"),
    ("rho", "ρ"), ("sigma", "σ"), ("tau", "τ"), ("upsilon", "υ"), ("phi", "φ"),
    ("chi", "χ"), ("psi", "ψ"), ("omega", "ω"),
)  # fmt: skip
# a Greek letter's command (`\alpha`, `\Gamma`, `\varphi`) -> (its letter, its name)
GREEK: dict[str, tuple[str, str]] = {
    **{name: (letter, name) for name, letter in _NAMES},
    **{name.capitalize(): (letter.upper(), name.capitalize()) for name, letter in _NAMES},
    **{f"var{name}": (letter, name) for name, letter in _NAMES},  # `\varphi`: φ, phi
}
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


def math_end(src: str, at: int) -> int:
    """Where the math that the `$` at `at` opens ends, after its closing dollars (as
    octavo.render.math_source reads it); -1 if none opens there or it does not close."""
    if src[at] != "$" or (at and src[at - 1] == "\\"):
        return -1
    display = src.startswith("$$", at)
    opening = at + (2 if display else 1)
    if opening >= len(src) or (not display and src[opening].isspace()):
        return -1
    return closing(src, opening, len(src), display)


def closing(src: str, at: int, end: int, display: bool) -> int:
    """Where the math that begins at `at` ends, after its closing dollars; -1 if it does
    not close."""
    while at < end:
        char = src[at]
        if char == "\\":
            at += 2
            continue
        if char == "\n" and src.startswith("\n", at + 1):  # a blank line ends a paragraph
            return -1
        if display and src.startswith("$$", at):
            return at + 2 if src[at - 1 : at] != "$" or at > 0 else -1
        if not display and char == "$":
            if src[at - 1].isspace() or src[at + 1 : at + 2].isdigit():
                return -1
            return at + 1
        at += 1
    return -1


def sorted_as(term: str, own_letter: Callable[[str], bool]) -> str:
    """`term` as an index sorts it: each math in it read as its letters (a Greek letter's
    command as its letter where `own_letter(letter)`, the book's language sorting it as a
    letter of its own, else as its name); `term` itself when it holds no math."""
    if "$" not in term:
        return term
    parts, done, at = [], 0, term.find("$")
    while at >= 0:
        end = math_end(term, at)
        if end < 0:
            at = term.find("$", at + 1)
            continue
        marks = 2 if term.startswith("$$", at) else 1
        parts += [term[done:at], _letters(term[at + marks : end - marks], own_letter)]
        done = end
        at = term.find("$", end)
    return " ".join("".join([*parts, term[done:]]).split())


def _letters(tex: str, own_letter: Callable[[str], bool]) -> str:
    def read(command: re.Match[str]) -> str:
        greek = GREEK.get(command[1])
        if greek is None:
            return " "  # `\mathbf`, `\infty`, `\,`: no letter
        return greek[0] if own_letter(greek[0]) else greek[1]

    letters = " ".join(_COMMAND.sub(read, tex).replace("{", "").replace("}", "").split())
    return letters if any(c.isalnum() for c in letters) else tex.strip()
