"""The labels catalogue of the book's language: every word octavo generates.

templates/labels/<language>.toml on the template search path (a book's own templates/
first), then book.toml's [labels] over it. A language without a catalogue falls back to
English (W117); a bad override is E116.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from octavo.errors import Diagnostic, error, warning
from octavo.model import BookConfig, Labels
from octavo.model.elision import elisions_problem
from octavo.model.labels import unplain_field
from octavo.model.language_tags import fallbacks
from octavo.sandbox import FileRefused, read_file
from octavo.shipped import TEMPLATES
from octavo.source.config_values import control_character
from octavo.source.files import field_line, load_toml
from octavo.source.quotes import QUOTE_KEYS, quotes_problem

__all__ = ["LANGUAGES", "catalogue_path", "load_labels", "placeholders", "read_catalogue"]

LANGUAGES = ("en", "ru", "be", "uk", "ro", "fr", "es", "de", "pt")  # shipped catalogues
MONTHS = ("months", "months_of")
# the fields a label's override must keep, and what the reader would lose without them
_NEEDED = {"handout_elsewhere": {"ref": "where a handout puts the reference ('Table 1')"}}


def catalogue_path(language: str, template_dirs: tuple[Path, ...] = (TEMPLATES,)) -> Path | None:
    """The catalogue of 'ru-RU' is ru-ru.toml, else ru.toml, on the template search path
    (each name in every folder before the next name: octavo.model.language_tags.fallbacks)."""
    for name in fallbacks(language):
        for folder in template_dirs:
            path = folder / "labels" / f"{name}.toml"
            if name and path.is_file():
                return path
    return None


def read_catalogue(path: Path, roots: tuple[Path, ...] = (TEMPLATES,)) -> dict[str, Any]:
    """A labels catalogue, read through the sandbox (a book's own is untrusted input:
    FileRefused, UnicodeDecodeError or TomlError when it is not one)."""
    return load_toml(read_file(path, roots, "config").decode("utf-8"))


def placeholders(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def load_labels(
    config: BookConfig, template_dirs: tuple[Path, ...]
) -> tuple[Labels, tuple[Diagnostic, ...]]:
    found: list[Diagnostic] = []
    base = read_catalogue(TEMPLATES / "labels" / "en.toml")  # every label, shipped
    path = catalogue_path(config.language, template_dirs)
    if path is None:
        found.append(
            warning(
                "W117",
                f"no labels for language '{config.language}': generated words are in English",
                config.path,
                config.language_line,
                hint=f"add templates/labels/{config.language}.toml, or set them in [labels]; "
                f"shipped: {', '.join(LANGUAGES)}",
            )
        )
        data = dict(base)
    else:
        try:
            text = read_file(path, template_dirs, "config").decode("utf-8")
            catalogue = load_toml(text)
            data = dict(base)
            for key, value in catalogue.items():
                given = tuple(value) if isinstance(value, list) else value  # (months)
                problem = _bad_override(key, given, base) if key in base else _bad_own(given)
                if problem:
                    found.append(error("E116", f"{key}: {problem}", path, field_line(text, key)))
                else:
                    data[key] = value
        except FileRefused as refused:
            found.append(refused.diagnostic)
            data = dict(base)
        except (UnicodeDecodeError, ValueError) as exc:  # TomlError is a ValueError
            found.append(error("E116", f"not a labels catalogue: {exc}", path))
            data = dict(base)
    for key, value in config.labels:
        problem = _bad_override(key, value, base, data)
        if problem:
            line = dict(config.label_lines).get(key)
            found.append(error("E116", f"[labels] {key}: {problem}", config.path, line))
        else:
            data[key] = value
    words = tuple(sorted((k, str(v)) for k, v in data.items() if k not in MONTHS))
    months = tuple(str(m) for m in data["months"])
    labels = Labels(config.language, words, months, tuple(str(m) for m in data["months_of"]))
    return labels, tuple(found)


_CONTROL = "holds a control character (a label is words of one line)"


def _bad_own(value: object) -> str:
    """E116's words for a label of a book's catalogue that octavo has none of (one its own
    templates read): a string of one line whose placeholders are names alone ("" if so)."""
    if isinstance(value, tuple):
        if not all(isinstance(v, str) for v in value):
            return "must be a list of strings"
        return next((problem for v in value if (problem := _bad_own(v))), "")
    if not isinstance(value, str):
        return "must be a string"
    if control_character(value):
        return _CONTROL
    try:
        field = unplain_field(value)
    except ValueError:
        return "unbalanced { or } (write {{ or }} for a brace)"
    if field is not None and (not field or field.isdigit()):
        return f"a placeholder {{{field}}} without its name (labels are given values by name)"
    if field is not None:
        return (
            f"placeholder {{{field}}} with an attribute, index, format or conversion "
            "(write a name alone)"
        )
    return ""


def _bad_override(
    key: str, value: object, base: dict[str, Any], shown: dict[str, Any] | None = None
) -> str:
    """Why `value` cannot be label `key` ("" when it can); `base`: the English catalogue,
    every label's placeholders; `shown`: the labels of the book's language, quoted where a
    field is lacking (a French book's "{ref} (dans {section})", not the English)."""
    if key not in base:
        return f"no such label (known: {', '.join(sorted(base))})"
    if key in QUOTE_KEYS:  # what straight quotes become (octavo.source.quotes)
        return quotes_problem(key, value)
    if key in MONTHS:
        if not (
            isinstance(value, tuple) and len(value) == 12 and all(isinstance(v, str) for v in value)
        ):
            return "must be a list of 12 month names"
        return _CONTROL if any(control_character(v) for v in value) else ""
    if not isinstance(value, str):
        return "must be a string"
    if control_character(value):  # the EPUB's package refused it, a ValueError of lxml's
        return _CONTROL
    if key == "elisions":
        return elisions_problem(value)
    try:
        wanted, given = placeholders(base[key]), placeholders(value)
    except ValueError:
        return "unbalanced { or } (write {{ or }} for a brace)"
    if given - wanted:
        return (
            f"unknown placeholder {{{sorted(given - wanted)[0]}}} (this label has {sorted(wanted)})"
        )
    lost = [(name, what) for name, what in _NEEDED.get(key, {}).items() if name not in given]
    if lost:
        return f"lacks {{{lost[0][0]}}}, {lost[0][1]}; octavo's: {(shown or base)[key]!r}"
    if any(name == "" for _, name, _, _ in string.Formatter().parse(value)):
        # `{}` asks for a value by position, and labels are given theirs by name only
        return f"a placeholder {{}} without its name (this label has {sorted(wanted)})"
    shaped = next(
        (name for _, name, spec, told in string.Formatter().parse(value) if spec or told), None
    )
    if shaped is not None:  # `{date:>1000000000000}` asked for a terabyte of spaces
        return f"placeholder {{{shaped}}} with a format or conversion (write {{{shaped}}} alone)"
    return ""
