"""`octavo new DIR`: a book folder to start from, made from templates/new/."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

from octavo.cli.country_name import country_name
from octavo.errors import BuildError, error
from octavo.limits import MAX_LINE
from octavo.project import octavo_templates
from octavo.source.config_values import control_character
from octavo.write import atomic_text

__all__ = ["FILES", "new_book"]

# template (in templates/new/) -> the file it becomes in the new book
FILES = (
    ("book.toml.j2", "book.toml"),
    ("001-about.md.j2", "001-about.md"),
    ("tasks.py.j2", "tasks.py"),
    ("gitignore.j2", ".gitignore"),
)


def new_book(folder: Path, country: str = "") -> tuple[Path, ...]:
    """Write a book folder: book.toml, one example section, a tasks.py delegating to octavo's
    tasks (so `invoke epub` works there), and a .gitignore for build/. A folder that exists
    and is not empty, or one that cannot be written, is E115."""
    # lexists: a link, even to itself (which exists() calls missing), takes the name too
    if os.path.lexists(folder) and (not folder.is_dir() or any(folder.iterdir())):
        raise BuildError(
            [
                error(
                    "E115",
                    "the folder for a new book exists and is not empty",
                    folder,
                    hint="name a new folder, or an empty one",
                )
            ]
        )
    typed = country or folder.resolve().name
    named = country or country_name(typed)
    _check_country(named, typed, given=bool(country))
    values = {
        "country": named,
        "identifier": f"urn:uuid:{uuid.uuid4()}",
        "month": datetime.now(UTC).strftime("%Y-%m"),
    }
    env = octavo_templates()
    texts = [
        (folder / name, env.get_template(f"new/{template}").render(values))
        for template, name in FILES
    ]
    try:
        return tuple(atomic_text(path, text) for path, text in texts)
    except OSError as exc:
        raise BuildError(
            [error("E115", f"cannot write the new book: {exc.strerror or exc}", folder)]
        ) from None


_TITLE = ": A Country Study"  # what templates/new/book.toml.j2 adds to the country


def _check_country(country: str, typed: str, given: bool) -> None:
    """E129 for a country no book could be built with: empty, holding a control character,
    or making a title longer than book.toml takes (E123, E206 at the first build). Told by
    what the user `typed`: --country, or the folder's name the country is made of (which
    names none without a letter: `octavo new '!!!'`, as `octavo new ---`)."""
    if not country.strip() or not (given or any(c.isalpha() for c in country)):
        why = "is empty" if given else "holds no word to name a country by"
    elif control_character(country):
        why = "holds a control character"
    elif len(country + _TITLE) > MAX_LINE:
        why = f"makes a title longer than {MAX_LINE:,} characters"
    else:
        return
    source = f"--country {typed[:40]!r}" if given else f"the folder's name {typed[:40]!r}"
    hint = "give it as one line of text: --country Belarus"
    if not given:
        hint = "octavo new FOLDER --country Belarus, or name the folder after the country"
    raise BuildError(
        [error("E129", f"{source} {why}: a new book needs its country's name", hint=hint)]
    )
