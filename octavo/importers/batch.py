"""invoke import-pages: raw pages -> one Markdown source per section, and book.toml."""

from __future__ import annotations

import glob
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from octavo.errors import Diagnostic, error, warning
from octavo.importers import Page, PageError, decode_page, parse_page
from octavo.limits import MAX_SECTIONS
from octavo.render.templates import environment
from octavo.sandbox import FileRefused, read_file
from octavo.source.files import read_utf8
from octavo.source.frontmatter import FrontMatterError, split_front_matter
from octavo.source.sections import section_files
from octavo.text import escape_paragraph, slugify
from octavo.write import atomic_text

__all__ = [
    "ImportResult",
    "book_identifier",
    "expand_paths",
    "import_pages",
    "page_files",
    "render_section",
]


@dataclass(frozen=True, slots=True)
class ImportResult:
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]
    book_toml: Path | None  # created by this import


def expand_paths(patterns: list[str]) -> tuple[list[Path], tuple[Diagnostic, ...]]:
    """Command-line paths and globs -> paths; a pattern that matches nothing is an error."""
    paths: list[Path] = []
    found: list[Diagnostic] = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        matches = [m for m in matches if Path(m).exists()]
        if not matches:
            found.append(error("E400", "no such page or folder", Path(pattern)))
        paths += [Path(m) for m in matches]
    return paths, tuple(found)


def page_files(paths: list[Path]) -> tuple[Path, ...]:
    """Files given, and the files of folders given (sorted), in order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        else:
            found.append(path)
    return tuple(found)


def book_identifier(country: str) -> str:
    """A stable urn:uuid for a country's study."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'octavo:country-study:' + country.lower())}"


def render_section(page: Page, source: str) -> str:
    template = environment().get_template("import/section.md.j2")
    paragraphs = [escape_paragraph(p) for p in page.paragraphs]
    return template.render(page=page, paragraphs=paragraphs, source=source)


def file_name(page: Page) -> str:
    width = max(3, len(str(page.total)))
    return f"{page.sequence:0{width}d}-{slugify(page.title, 40) or 'section'}.md"


def _existing(book: Path) -> dict[int, Path]:
    """Section number -> file, for the sections already in the book."""
    found: dict[int, Path] = {}
    for path in section_files(book):
        text, _ = read_utf8(path, root=book)
        try:
            sequence = split_front_matter(text or "").data.get("sequence")
        except FrontMatterError:
            continue
        if type(sequence) is int:
            found.setdefault(sequence, path)
    return found


def import_pages(paths: list[Path], book: Path, force: bool = False) -> ImportResult:
    written: list[Path] = []
    unchanged: list[Path] = []
    found: list[Diagnostic] = []
    existing = _existing(book) if book.is_dir() else {}
    first: Page | None = None
    for path in page_files(paths):
        page = _read_page(path, found)
        if page is None:
            continue
        first = first or page
        text = render_section(page, path.name)
        target = book / file_name(page)
        old = existing.get(page.sequence)
        if old is not None and old.read_bytes() == text.encode():
            unchanged.append(old)
            continue
        if not force and old != target and os.path.lexists(target):
            # a file we cannot prove we wrote (its front matter does not parse, or it holds
            # another section): never overwritten without --force
            found.append(
                error(
                    "E402",
                    f"{target} exists and is not section {page.sequence} as imported "
                    "(unreadable front matter, or another section); not overwritten",
                    path,
                    hint="fix or move that file, or pass --force to replace it",
                )
            )
            continue
        if old is not None and not force:
            found.append(
                error(
                    "E402",
                    f"section {page.sequence} exists in {old} with other content; not overwritten",
                    path,
                    hint="pass --force to replace it",
                )
            )
            continue
        atomic_text(target, text)
        if old is not None and old != target:
            old.unlink()
        existing[page.sequence] = target
        written.append(target)
    created = _create_book_toml(book, first, paths) if first else None
    return ImportResult(tuple(written), tuple(unchanged), tuple(found), created)


def _read_page(path: Path, found: list[Diagnostic]) -> Page | None:
    try:  # a regular file under the size limit, checked before reading (/dev/zero is E005)
        data = read_file(path, (Path("/"),), "page")
    except FileRefused as refused:
        found.append(refused.diagnostic)
        return None
    try:
        page = parse_page(decode_page(data))
    except PageError as exc:
        found.append(error("E401", str(exc), path, hint="is this a country-study page?"))
        return None
    if page.data_as_of is None:
        found.append(
            error(
                "E403",
                "no 'Data as of Month Year' line",
                path,
                hint="add the line the page lacks, e.g. 'Data as of June 1995'",
            )
        )
        return None
    numbers = (page.sequence, page.total)
    if not all(type(n) is int and 1 <= n <= MAX_SECTIONS for n in numbers) or (
        page.sequence > page.total
    ):
        found.append(
            error(
                "E405",
                f"'Section {page.sequence} of {page.total}': not a section number of a study "
                f"(1 to {MAX_SECTIONS:,}, at most the total)",
                path,
                hint="correct the page's 'Section N of M' line",
            )
        )
        return None
    if not page.paragraphs:
        found.append(warning("W404", "the page has no body text", path, page.title_line))
    return page


def _create_book_toml(book: Path, page: Page, paths: list[Path]) -> Path | None:
    target = book / "book.toml"
    if target.exists():
        return None
    source = ", ".join(sorted({p.name if p.is_dir() else p.parent.name for p in paths}))
    text = (
        environment()
        .get_template("import/book.toml.j2")
        .render(
            page=page, identifier=book_identifier(page.country), source=source or "scraped pages"
        )
    )
    return atomic_text(target, text)
