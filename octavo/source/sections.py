"""book/ -> Sections (read) -> Book (assemble). Every problem reported at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from octavo.errors import Diagnostic, error, raise_if_errors, warning
from octavo.limits import MAX_PARENTS, MAX_SECTIONS
from octavo.model import BODY_KIND, CHAPTER_PAGE, KINDS, Book, Section
from octavo.project import Project, open_project
from octavo.source.assemble import assemble
from octavo.source.config import language_ok, near_key
from octavo.source.config_values import control_character
from octavo.source.dates import date_hint, parse_iso_month
from octavo.source.files import read_utf8, shown
from octavo.source.frontmatter import FrontMatterError, split_front_matter
from octavo.source.index_terms import load_index_terms
from octavo.source.labels import load_labels
from octavo.source.quotes import load_quotes
from octavo.source.section_files import section_files
from octavo.source.yaml_hints import yaml_hint
from octavo.text import slugify

__all__ = [
    "load_book",
    "read_book",
    "read_section",
    "read_sections",
    "required",
    "section_files",
]

_FIELDS = {
    "title",
    "country",
    "chapter",
    "parents",
    "sequence",
    "total",
    "data_as_of",
    "last_updated",
    "source",
    "chapter_title",
    "lang",
    "author",
    "kind",  # foreword, preface, profile, chapter ...: where assemble places the section
    "supplied",  # what the importer supplied for the page, and from where (outline shows it)
}
# `total`, the "of M" of a study's page, is for a study's sections: one written for the book
# (a foreword, a glossary, a book of one's own) states none (Section.total None)
_REQUIRED = ("title", "country", "chapter", "parents", "sequence", "data_as_of")


def read_section(path: Path, text: str) -> tuple[Section | None, tuple[Diagnostic, ...]]:
    """Parse one section source (text already decoded)."""
    try:
        fm = split_front_matter(text)
    except FrontMatterError as exc:
        return None, (error(exc.code, exc.message, path, exc.line, exc.hint),)
    data, lines = fm.data, fm.key_lines
    found: list[Diagnostic] = []
    said = yaml_hint(text, lines)

    def bad(code: str, key: str, message: str, hint: str = "") -> None:
        hint = hint or said(key, data.get(key))  # `title: No`: YAML's false
        found.append(error(code, message, path, lines.get(key, 1), hint))

    written = data.get("total") is None and "data_as_of" not in data
    # a section written for the book (no `total:`) may have no data date
    for key in (k for k in _REQUIRED if not (written and k == "data_as_of")):
        if key not in data or data[key] is None:
            found.append(
                error(
                    "E204",
                    f"front matter: '{key}' is missing",
                    path,
                    1,
                    "see the book format in the README",
                )
            )
    warned = [
        warning(
            "W208",
            f"front matter: unknown field '{key}' is ignored",
            path,
            lines.get(key, 1),
            near_key(str(key), _FIELDS, "known fields"),
        )
        for key in sorted(set(data) - _FIELDS)
    ]
    _check_fields(data, bad)
    if found:
        return None, tuple(warned + found)
    sequence, total = data["sequence"], data.get("total")
    if total is not None and sequence > total:
        bad(
            "E303",
            "sequence",
            f"section {sequence} of {data['total']}: number above the total",
            "set `total` to the number of sections of the whole study, or correct this "
            "section's `sequence`; a section written for the book (a foreword, a glossary, "
            "a book written by hand) leaves `total` out",
        )
        return None, tuple(warned + found)
    kind, lang = data.get("kind", BODY_KIND), data.get("lang")
    data_as_of = parse_iso_month(data.get("data_as_of"))  # checked above; None: none given
    updated = parse_iso_month(data.get("last_updated"))
    if (
        updated is not None
        and data_as_of is not None
        and (updated.year, updated.month) < (data_as_of.year, data_as_of.month)
    ):
        warned.append(
            warning(
                "W210",
                f"front matter: last_updated ({updated.iso}) is before data_as_of "
                f"({data_as_of.iso}); printed as given",
                path,
                lines.get("last_updated", 1),
                "a section is updated after the date of its data: check both dates",
            )
        )
    section = Section(
        slug=f"s{sequence:03d}-{slugify(data['title'], 32) or 'section'}",
        title=data["title"].strip(),
        country=data["country"].strip(),
        chapter=data["chapter"],
        parents=tuple(p.strip() for p in data["parents"]),
        sequence=sequence,
        total=total,
        data_as_of=data_as_of,
        last_updated=updated,
        source=str(data.get("source") or ""),
        body=fm.body.strip("\n") + "\n",
        path=path,
        body_line=fm.body_line + len(fm.body) - len(fm.body.lstrip("\n")),
        chapter_title=(data.get("chapter_title") or "").strip() or None,
        field_lines=tuple(sorted(lines.items())),
        lang=lang,
        author=(data.get("author") or "").strip() or None,
        supplied=tuple(data.get("supplied") or ()),
        kind=BODY_KIND if kind == CHAPTER_PAGE else kind,
        chapter_page=kind == CHAPTER_PAGE,
    )
    return section, tuple(warned)


def _check_fields(data: dict[str, Any], bad: Callable[..., None]) -> None:
    """Each known field's value: text (E206), numbers in range (E206), the kind (E209),
    the parents and supplied notes (E206), the language (E206) and the dates (E207)."""
    for key in ("title", "country", "source", "chapter_title", "author", "kind"):
        if data.get(key) is not None and not (isinstance(data[key], str) and data[key].strip()):
            bad("E206", key, f"front matter: '{key}' must be a non-empty string")
    for key in ("country", "chapter_title"):  # shown as typed (a part's, a chapter's heading)
        if isinstance(data.get(key), str) and control_character(data[key]):
            bad(
                "E206",
                key,
                f"front matter: '{key}' holds a control character",
                "remove it: the field is a line of text",
            )
    for key in ("chapter", "sequence", "total"):
        value = data.get(key)
        if value is not None and not (
            type(value) is int and (0 if key == "chapter" else 1) <= value <= MAX_SECTIONS
        ):
            bad(
                "E206",
                key,
                f"front matter: '{key}' must be a whole number"
                + (" (0" if key == "chapter" else " (1")
                + f" to {MAX_SECTIONS:,})",
            )
    if (kind := data.get("kind", BODY_KIND)) not in KINDS:
        bad(
            "E209",
            "kind",
            f"front matter: 'kind' is {kind!r}, not one of the kinds octavo places",
            f"one of {', '.join(KINDS)}",
        )
    parents = data.get("parents")
    if parents is not None and not (
        isinstance(parents, list) and all(isinstance(p, str) and p.strip() for p in parents)
    ):
        bad("E206", "parents", "front matter: 'parents' must be a list of titles ([] at top level)")
    elif parents is not None and len(parents) > MAX_PARENTS:  # the contents nest each level
        bad("E206", "parents", f"front matter: 'parents' holds more than {MAX_PARENTS} levels")
    supplied = data.get("supplied")
    if supplied is not None and not (
        isinstance(supplied, list) and all(isinstance(p, str) for p in supplied)
    ):
        bad("E206", "supplied", "front matter: 'supplied' must be a list of notes")
    if (lang := data.get("lang")) is not None and not (isinstance(lang, str) and language_ok(lang)):
        bad("E206", "lang", 'front matter: \'lang\' must be a language tag like "ru" or "be-BY"')
    for key in ("data_as_of", "last_updated"):
        if data.get(key) is not None and parse_iso_month(data[key]) is None:
            bad(
                "E207",
                key,
                f"front matter: '{key}' is not a date like \"1995-06\"",
                date_hint(key, data[key]),
            )


def read_sections(root: Path) -> tuple[tuple[Section, ...], tuple[Diagnostic, ...]]:
    sections: list[Section] = []
    found: list[Diagnostic] = []
    inside = root.resolve()
    for path in section_files(root):
        shown_path = shown(path)
        text, problem = read_utf8(path, shown_path, inside)
        if text is None:
            found += [problem] if problem else []
            continue
        section, problems = read_section(shown_path, text)
        found += problems
        sections += [section] if section else []
    return tuple(sections), tuple(found)


def read_book(book: Path | Project) -> tuple[Book | None, tuple[Diagnostic, ...]]:
    """Read and assemble a book folder (or an opened project's); all diagnostics, errors and
    warnings: those of book.toml and of every section together."""
    project: Project | None
    if isinstance(book, Project):
        project, found = book, book.found
    else:
        project, found = open_project(book)
    root = book.root if isinstance(book, Project) else book
    if not root.is_dir():
        return None, found
    sections, section_problems = read_sections(root)
    found += section_problems
    if project is None:
        return None, found
    labels, label_problems = load_labels(project.config, project.template_dirs)
    found += label_problems
    quotes, quote_problems = load_quotes(project.config, project.template_dirs)
    found += quote_problems
    assembled, problems = assemble(project, sections, labels, section_problems)
    if assembled is not None:
        assembled = replace(assembled, quotes=quotes)
    terms, term_problems = load_index_terms(project.root)
    found += term_problems
    if assembled is not None and terms:
        assembled = replace(assembled, index_terms=terms)
    if assembled is not None and project.config.bibliography:  # else nothing imported
        from octavo.source.bibliography import load_bibliography
        from octavo.source.reference_list import with_reference_list

        bibliography, bibliography_problems = load_bibliography(project.config, project.root)
        found += bibliography_problems
        if bibliography is not None:
            assembled = with_reference_list(replace(assembled, bibliography=bibliography))
    return assembled, found + problems


def load_book(book: Path | Project, strict: bool = False) -> tuple[Book, tuple[Diagnostic, ...]]:
    """read_book, raising BuildError on any error (or warning, if strict)."""
    root = book.root if isinstance(book, Project) else book
    return required(read_book(book), root, strict)


def required(
    read: tuple[Book | None, tuple[Diagnostic, ...]], root: Path, strict: bool = False
) -> tuple[Book, tuple[Diagnostic, ...]]:
    """A book as read_book read it (from the folder `root`), raising BuildError on any
    error (or warning, if strict)."""
    loaded, found = read
    raise_if_errors(found, strict)
    if loaded is None:
        raise_if_errors([error("E100", "the book could not be read", root)])
    assert loaded is not None
    return loaded, found
