"""W658: what the EPUB's drawn cover (octavo.render.epub.cover_draw) cannot draw as
written: characters no face of octavo's or of the machine's holds (drawn as empty boxes),
right-to-left text where Pillow has no raqm layout (drawn unjoined, left to right). Told
at book.toml's line of the key whose text it is, whether the cover is drawn or taken
from the cache; a book with its own cover image or design draws none."""

from __future__ import annotations

from octavo.casing import upper
from octavo.errors import Diagnostic, warning
from octavo.model import BookConfig, Manuscript
from octavo.project import STYLES
from octavo.render.epub.cover import cover_text, own_design
from octavo.render.epub.cover_draw import faces
from octavo.render.epub.cover_faces import HELD, face_for, missing, needs_raqm, raqm
from octavo.text import strip_tags

__all__ = ["drawn_cover_warnings"]

_SHOWN = 6  # characters named in one warning


def drawn_cover_warnings(manuscript: Manuscript) -> tuple[Diagnostic, ...]:
    book = manuscript.book
    if manuscript.cover is not None or own_design(book.project):
        return ()
    text, face = cover_text(manuscript), faces(STYLES / "fonts")
    config = book.config
    who = "authors" if config.authors else "editors"
    drawn = (
        ("series", upper(text.series, text.language), face.regular, "regular"),
        ("country", upper(text.country, text.language), face.bold, "bold"),
        ("title", strip_tags(text.title_html), face.regular, "regular"),
        ("subtitle", strip_tags(text.subtitle_html), face.italic, "italic"),
        (who, " ".join(text.contributors), face.regular, "regular"),
        ("publisher", text.publisher, face.regular, "regular"),
    )
    found: list[Diagnostic] = []
    for key, words, shipped, style in drawn:
        if all(ord(c) in HELD or c.isspace() for c in words):
            continue  # a Latin text: the shipped face holds it
        lacking = missing(words, face_for(shipped, words, style))
        if lacking:
            found.append(_boxes(config, key, lacking))
        if needs_raqm(words) and not raqm():
            found.append(_unshaped(config, key, words))
    return tuple(found)


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
