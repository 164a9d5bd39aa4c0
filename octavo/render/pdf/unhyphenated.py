"""Justified text in a language Pyphen has no hyphenation patterns for (W653), told once.

WeasyPrint hyphenates with Pyphen's dictionaries (`hyphens: auto`, styles/base.css), found
by the language of the text (`pyphen.language_fallback`: "de-AT" takes "de"). A book in a
language Pyphen has none for (Turkish, Swahili, Malay, Georgian, Armenian…) is set
justified without a hyphen: a long word is carried whole to the next line, and the line it
leaves is stretched to the measure, word spaces wide enough to run as rivers down the page.
The build said nothing. `unhyphenated` tells it, once a language: the book's at book.toml's
`language`, a section's own (`lang:`) at its line, when the print stylesheets set the
body's paragraphs justified and hyphenated (octavo's do; a book's own stylesheets are read
as WeasyPrint reads them, from a page laid out with them: templates/print/folios.html).

Scripts whose lines break without hyphens are not told of: Chinese, Japanese and Korean
(a line breaks between any two characters), Thai, Lao, Khmer, Burmese and Tibetan (between
words, no hyphen), Arabic, Hebrew, Syriac, Thaana and Ethiopic (never hyphenated; Arabic
stretches words, not spaces), and Vietnamese (Latin letters, words of one syllable).
"""

from __future__ import annotations

from pathlib import Path

from octavo.errors import Diagnostic, warning
from octavo.model import Manuscript

__all__ = ["hyphenates", "justified", "patterns_for", "unhyphenated"]

UNHYPHENATED_SCRIPTS = frozenset(
    (
        *("Hani", "Hans", "Hant", "Jpan", "Hira", "Kana", "Kore", "Hang"),
        *("Thai", "Laoo", "Khmr", "Mymr", "Tibt"),
        *("Arab", "Hebr", "Syrc", "Thaa", "Ethi", "Nkoo"),
    )
)
# vi: Latin letters, each word one syllable; und, zxx, mul, mis: codes naming no one
# language (undetermined, no linguistic content, several, uncoded): no patterns to miss
UNHYPHENATED_LANGUAGES = frozenset({"vi", "und", "zxx", "mul", "mis"})

Wanted = tuple[str, Path, int | None]  # a language tag, where it is set


def unhyphenated(manuscript: Manuscript) -> tuple[Diagnostic, ...]:
    """W653 for each language of the book (book.toml's, a section's `lang`) that Pyphen has
    no patterns for and whose script hyphenates, when the print sets the body justified
    and hyphenated; at the first place that sets it."""
    config = manuscript.book.config
    wanted: list[Wanted] = [(config.language, config.path, config.language_line)]
    for rs in manuscript.sections:
        section = rs.section
        if section.lang:
            wanted.append((section.lang, section.path, section.line_of("lang")))
    missing: dict[str, Wanted] = {}
    for tag, path, line in wanted:
        key = tag.lower()
        if key not in missing and patterns_for(tag) is None and hyphenates(tag):
            missing[key] = (tag, path, line)
    if not missing or not justified(manuscript):
        return ()
    return tuple(_told(tag, path, line) for tag, path, line in missing.values())


def patterns_for(tag: str) -> str | None:
    """The name of the Pyphen dictionary WeasyPrint hyphenates `tag` with, or None."""
    import pyphen

    found = pyphen.language_fallback(tag)  # as WeasyPrint asks (text/line_break.py)
    return str(found) if found else None


def hyphenates(tag: str) -> bool:
    """Whether the language's script breaks a line inside a word with a hyphen (its
    script as CLDR's likely subtags give it: langcodes)."""
    import langcodes

    try:
        language = langcodes.Language.get(tag)
        script = language.maximize().script
    except (ValueError, LookupError):
        return True  # a tag langcodes cannot read: told, as a Latin one would be
    code = language.language or "und"  # langcodes reads "und" as no language at all
    return code not in UNHYPHENATED_LANGUAGES and script not in UNHYPHENATED_SCRIPTS


def justified(manuscript: Manuscript) -> bool:
    """Whether the print sets a body paragraph justified and hyphenated (`text-align:
    justify`, `hyphens: auto`): octavo's stylesheets do; a book's own are read off the
    layout its folios' styles are read from (octavo.render.pdf.folio_styles, kept once a
    process for the same HTML and sheets: the build's own asks find it)."""
    from octavo.render.pdf.document import PdfOptions
    from octavo.render.pdf.folio_styles import page_folios

    config = manuscript.book.config
    page = PdfOptions(config.paper, margins=config.margins).page
    return page_folios(manuscript, page, ()).justified


def _told(tag: str, path: Path, line: int | None) -> Diagnostic:
    return warning(
        "W653",
        f"no hyphenation patterns for language '{tag}': the PDF's justified text is set "
        "without hyphens, its lines stretched where a long word goes whole to the next",
        path,
        line,
        "set the book ragged right, as a language without hyphenation is set: copy octavo's "
        "styles/print/book.css into the book's styles/print/ and add `p { text-align: left; }` "
        '(README, "Changing the look"); or give long words their breaks with soft hyphens '
        "(&shy;); or check `language` if the book is in another (Pyphen's languages: "
        "python -c 'import pyphen; print(sorted(pyphen.LANGUAGES))')",
    )
