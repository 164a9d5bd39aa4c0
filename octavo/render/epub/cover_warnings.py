"""W658: what the EPUB's drawn cover (octavo.render.epub.cover_draw) cannot draw as
written: characters no face of octavo's or of the machine's holds (drawn as empty boxes;
in a text of more scripts, each script run asked of the face it is drawn in),
right-to-left text where Pillow has no raqm layout (drawn unjoined, left to right). Told
at book.toml's line of the key whose text it is, whether the cover is drawn or taken
from the cache; a book with its own cover image or design draws none."""

from __future__ import annotations

from octavo.errors import Diagnostic, warning
from octavo.model import BookConfig, Manuscript
from octavo.render.faces import HELD, missing, needs_raqm, raqm, set_in
from octavo.shipped import FONTS
from octavo.text import strip_tags

__all__ = ["drawn_cover_warnings"]

_SHOWN = 6  # characters named in one warning


def drawn_cover_warnings(manuscript: Manuscript) -> tuple[Diagnostic, ...]:
    book = manuscript.book
    if manuscript.cover is not None:
        return ()
    from octavo.render.epub.cover import cover_text, own_design

    text = cover_text(manuscript)
    config = book.config
    who = "authors" if config.authors else "editors"
    written = (
        ("series", text.series, "regular", True),
        ("country", text.country, "bold", True),
        ("title", strip_tags(text.title_html), "regular", False),
        ("subtitle", strip_tags(text.subtitle_html), "italic", False),
        (who, " ".join(text.contributors), "regular", False),
        ("publisher", text.publisher, "regular", False),
    )
    if _shipped_holds(written, text.language) or own_design(book.project):
        return ()  # a Latin book, as every build of one asks: neither ICU nor Pillow loaded
    from octavo.casing import upper
    from octavo.render.epub.cover_draw import faces

    face = faces(FONTS)
    shipped = {"regular": face.regular, "bold": face.bold, "italic": face.italic}
    found: list[Diagnostic] = []
    for key, words, style, capitals in written:
        drawn = upper(words, text.language) if capitals else words
        if _held(drawn):
            continue  # the shipped face holds it
        runs = set_in(shipped[style], drawn, style)  # each script run in its face, as drawn
        lacking = tuple(dict.fromkeys(c for run, face in runs for c in missing(run, face)))
        if lacking:
            found.append(_boxes(config, key, lacking))
        if needs_raqm(drawn) and not raqm():
            found.append(_unshaped(config, key, drawn))
    return tuple(found)


# languages whose capitals ICU writes otherwise than Python's str.upper() (octavo.casing)
_OWN_CAPITALS = frozenset({"tr", "az", "lt", "el", "hy", "ka"})


def _held(words: str) -> bool:
    return all(ord(c) in HELD or c.isspace() for c in words)


def _shipped_holds(written: tuple[tuple[str, str, str, bool], ...], language: str) -> bool:
    """Does octavo's face hold every character the cover draws? Asked without ICU: the
    words, and their capitals as Python writes them where ICU writes the same."""
    if language.split("-")[0].lower() in _OWN_CAPITALS:
        return False
    return all(
        _held(words) and (not capitals or _held(words.upper())) for _, words, _, capitals in written
    )


def _boxes(config: BookConfig, key: str, lacking: tuple[str, ...]) -> Diagnostic:
    named = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in lacking[:_SHOWN])
    more = f" and {len(lacking) - _SHOWN} more" if len(lacking) > _SHOWN else ""
    return warning(
        "W658",
        f"no font holds {named}{more} of '{key}': the EPUB's drawn cover prints each as an "
        "empty box",
        config.path,
        config.line_of(key),
        hint="install a font that holds them (fontconfig finds it: `fc-list "
        f":lang={config.language}`), or give the book a `cover` image",
    )


def _unshaped(config: BookConfig, key: str, words: str) -> Diagnostic:
    return warning(
        "W658",
        f"'{key}' ({words[:40]!r}) is right to left, and Pillow has no raqm layout: the "
        "EPUB's drawn cover prints its letters unjoined, left to right",
        config.path,
        config.line_of(key),
        hint="install Pillow with libraqm (`PIL.features.check('raqm')`), or give the book "
        "a `cover` image",
    )
