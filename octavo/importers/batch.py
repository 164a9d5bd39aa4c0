"""invoke import-pages: pages -> one Markdown source per section, and book.toml.

Every page gets a report: imported, unchanged, or refused with why. Good pages are written
whatever happens to the others. What a page lacks is supplied (octavo.importers.supply), and
the report says by whom.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from octavo.errors import Diagnostic, error, warning
from octavo.importers.countrystudy import parse_page
from octavo.importers.decode import decode_page, looks_like_html, not_text
from octavo.importers.duplicates import Text, duplicates, runs
from octavo.importers.html import image_files, link_targets, parse_html_page
from octavo.importers.manifest import Entry
from octavo.importers.page import Page, PageError
from octavo.importers.section import book_toml, file_name, new_book_leftovers, render_section
from octavo.importers.supply import Options, Supplier
from octavo.sandbox import FileRefused, read_file
from octavo.write import atomic_bytes, atomic_text

__all__ = [
    "ImportResult",
    "Options",
    "PageReport",
    "expand_paths",
    "import_pages",
    "page_files",
    "render_section",
]


@dataclass(frozen=True, slots=True)
class PageReport:
    path: Path
    status: str  # imported, unchanged, refused
    target: Path | None
    profile: str
    reasons: tuple[str, ...]  # why the profile matched
    supplied: tuple[str, ...]  # what the page lacked and who gave it
    problems: tuple[Diagnostic, ...]

    def line(self) -> str:
        if self.status == "refused":
            why = "; ".join(f"{d.code} {d.message}" for d in self.problems if d.code[0] == "E")
            return f"refused   {self.path}: {why}"
        supplied = f" ({'; '.join(self.supplied)})" if self.supplied else ""
        return f"{self.status:<9} {self.path} -> {self.target} [{self.profile}]{supplied}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]
    book_toml: Path | None  # created or given chapter titles by this import
    reports: tuple[PageReport, ...] = ()

    @property
    def refused(self) -> tuple[PageReport, ...]:
        return tuple(r for r in self.reports if r.status == "refused")

    def summary(self) -> str:
        return (
            f"{len(self.written)} imported, {len(self.unchanged)} unchanged, "
            f"{len(self.refused)} refused"
        )


def expand_paths(patterns: list[str]) -> tuple[list[Path], tuple[Diagnostic, ...]]:
    """Command-line paths and globs -> paths; a pattern that matches nothing is an error."""
    paths: list[Path] = []
    found: list[Diagnostic] = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        matches = [m for m in matches if Path(m).exists()]
        if not matches:
            found.append(error("E400", "no such page or folder", Path(pattern)))
        for match in matches:  # an empty folder imported nothing and said it wrote the book
            if Path(match).is_dir() and not page_files([Path(match)]):
                kinds = ", ".join(sorted(s for s in _PAGE_SUFFIXES if s))
                found.append(error("E400", f"no pages in this folder (files {kinds})", Path(match)))
        paths += [Path(m) for m in matches]
    return paths, tuple(found)


_PAGE_SUFFIXES = {".txt", ".htm", ".html", ".xhtml", ".shtml", ".php", ".asp", ""}


def page_files(paths: list[Path]) -> tuple[Path, ...]:
    """Files given, and the page files of folders given (sorted), in order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in _PAGE_SUFFIXES
            )
        else:
            found.append(path)
    return tuple(found)


def _entry_for(path: Path, page: Page | None, manifest: dict[str, Entry]) -> Entry | None:
    keys = [path.name, str(path), path.as_posix()]
    keys += [page.address] if page and page.address else []
    return next((manifest[k] for k in keys if k in manifest), None)


def _cut_short(data: bytes, path: Path) -> list[Diagnostic]:
    """W415 for an HTML page that ends without closing its document: a save or a download
    cut short (lxml reads what there is, and the section would end mid-sentence)."""
    if re.search(rb"</(?:html|body)\s*>", data[-4096:], re.IGNORECASE):
        return []
    return [
        warning(
            "W415",
            "the page ends before </body> or </html>: cut short? its text may end early",
            path,
            hint="save the page again, whole",
        )
    ]


def _read(path: Path, known: bool) -> tuple[Page | None, list[Diagnostic]]:
    try:  # a regular file under the size limit, checked before reading (/dev/zero is E005)
        data = read_file(path, (Path("/"),), "page")
    except FileRefused as refused:
        return None, [refused.diagnostic]
    why = not_text(data)
    if why is not None:
        hint = "save the page from the browser as HTML or as text; the rest of the batch imports"
        return None, [error("E401", f"not a country-study page: {why}", path, hint=hint)]
    try:
        if looks_like_html(data):
            return parse_html_page(data, path, known), _cut_short(data, path)
        return parse_page(decode_page(data), path.name, known=known), []
    except RecursionError:  # elements nested thousands deep: no page of a study
        return None, [error("E401", "not a country-study page: nested too deep to read", path)]
    except PageError as exc:
        return None, [
            error(
                "E401",
                str(exc),
                path,
                hint="name it in a --manifest to import it anyway; the rest of the batch imports",
            )
        ]


def import_pages(
    paths: list[Path],
    book: Path,
    force: bool = False,
    options: Options | None = None,
) -> ImportResult:
    options = options or Options(force=force)
    manifest = options.manifest or {}
    batch = Supplier(book, options)
    reports: list[PageReport] = []
    readable: list[tuple[Path, Page, Entry | None]] = []
    read_with: dict[Path, list[Diagnostic]] = {}  # what reading a page that was read found
    for path in page_files(paths):
        known = _entry_for(path, None, manifest) is not None
        page, problems = _read(path, known)
        if page is None:
            reports.append(PageReport(path, "refused", None, "", (), (), tuple(problems)))
            continue
        read_with[path] = problems
        readable.append((path, page, _entry_for(path, page, manifest)))
    supplied_pages = batch.supply(readable)
    twins = _warn_duplicates(batch, supplied_pages)
    targets = {path.name: file_name(page) for path, page, _, _ in supplied_pages if page}
    for path, page, supplied, found in supplied_pages:
        page = link_targets(page, targets) if page and page.links else page
        found = [*read_with.get(path, []), *found]
        reports.append(
            _write(batch, path, page, tuple(supplied), found, options.force, options.strict)
        )
    refused = {r.path for r in reports if r.status == "refused"}
    reports = [_twin_said(r, twins.get(r.path), refused) for r in reports]
    order = {p: i for i, p in enumerate(page_files(paths))}
    reports.sort(key=lambda r: order.get(r.path, 0))
    imported = [r.target for r in reports if r.status == "imported" and r.target]
    unchanged = [r.target for r in reports if r.status == "unchanged" and r.target]
    pages = [p for _, p, _, _ in supplied_pages if p]
    titles = {
        e.chapter: e.chapter_title for e in manifest.values() if e.chapter and e.chapter_title
    }
    created = book_toml(book, pages, bool(imported), titles) if pages else None
    found = [d for r in reports for d in r.problems]
    found += new_book_leftovers(book, pages) if imported else []
    return ImportResult(tuple(imported), tuple(unchanged), tuple(found), created, tuple(reports))


def _warn_duplicates(
    batch: Supplier, pages: list[tuple[Path, Page | None, list[str], list[Diagnostic]]]
) -> dict[Path, Path]:
    """W418 on each page whose text is another page's or a section's of the book; each
    such page's twin of this import, by page."""
    texts = [
        Text(path, path.name, runs(page.paragraphs), page.sequence)
        for path, page, _, found in pages
        if page is not None and not any(d.code[0] == "E" for d in found)
    ]
    if not texts:
        return {}
    sections = [
        Text(file, f"section {number} ({file.name})", runs([body]), number)
        for number, (file, body) in sorted(batch.bodies.items())
    ]
    said = duplicates(texts, sections)
    for path, _, _, found in pages:
        if path in said:
            found.append(said[path][0])
    return {path: twin for path, (_, twin) in said.items() if twin is not None}


def _twin_said(report: PageReport, twin: Path | None, refused: set[Path]) -> PageReport:
    """The report without its W418 where no twin is written after all: the page itself
    refused for another reason (--strict's E411 keeps it: it says why), or the page of
    this import it names refused."""
    errors = {d.code for d in report.problems if d.code[0] == "E"}
    if not (errors and errors != {"E411"}) and (twin is None or twin not in refused):
        return report
    return replace(report, problems=tuple(d for d in report.problems if d.code != "W418"))


def _write(
    batch: Supplier,
    path: Path,
    page: Page | None,
    supplied: tuple[str, ...],
    found: list[Diagnostic],
    force: bool,
    strict: bool = False,
) -> PageReport:
    refused = PageReport(path, "refused", None, page.profile if page else "", (), supplied, ())
    if page is not None and not page.blocks:
        found.append(warning("W404", "the page has no body text", path, page.title_line))
    for src, why in page.skipped_images if page else ():
        found.append(
            warning(
                "W413",
                f"image {src!r} not copied: {why}; its alt text is kept as a caption",
                path,
                hint="save the image beside the page, as a regular file",
            )
        )
    for line, what in page.table_spans if page else ():
        found.append(
            warning(
                "W423",
                what,
                path,
                line or None,
                hint="check the table in the section; to keep its spans, write it there as a "
                "raw HTML <table> with its rowspan and colspan, which octavo renders as it is",
            )
        )
    warned = sorted({d.code for d in found if d.code[0] == "W"})
    if strict and warned:
        found.append(error("E411", f"refused under --strict: it needs {', '.join(warned)}", path))
    if page is None or any(d.code[0] == "E" for d in found):
        return replace(refused, problems=tuple(found))
    assert page.sequence is not None
    text = render_section(page, path.name, supplied)
    target = batch.book / file_name(page)
    old = batch.existing.get(page.sequence)
    report = PageReport(path, "imported", target, page.profile, page.reasons, supplied, ())
    if old is not None and old.read_bytes() == text.encode():
        return replace(report, status="unchanged", target=old, problems=tuple(found))
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
        return replace(refused, problems=tuple(found))
    if old is not None and not force:
        found.append(
            error(
                "E402",
                f"section {page.sequence} exists in {old} with other content; not overwritten",
                path,
                hint="pass --force to replace it",
            )
        )
        return replace(refused, problems=tuple(found))
    images, problems = _images_to_write(batch.book, image_files(page), force)
    if problems:
        return replace(refused, problems=(*found, *(replace(d, file=path) for d in problems)))
    atomic_text(target, text)
    for image, data in images:
        atomic_bytes(image, data)
    if old is not None and old != target:
        old.unlink()
    batch.existing[page.sequence] = target
    return replace(report, problems=tuple(found))


def _images_to_write(
    book: Path, images: Iterable[tuple[str, bytes]], force: bool
) -> tuple[list[tuple[Path, bytes]], list[Diagnostic]]:
    """The page's images to write (those not already there, byte for byte), or why none
    may be: an image of the book's own with other bytes is never replaced without
    `--force` (nor a link, ever), and none is written through a folder that leads out
    of the book (`images/` a symlink elsewhere)."""
    inside = os.path.realpath(book)
    write: list[tuple[Path, bytes]] = []
    problems: list[Diagnostic] = []
    for name, data in images:
        target = book / name
        folder = os.path.realpath(target.parent)
        if os.path.commonpath([inside, folder]) != inside:
            problems.append(
                error(
                    "E004",
                    f"{target.parent} leads out of the book (to {folder}); the page's image "
                    f"{name} not written",
                    hint="make images/ a folder of the book's own",
                )
            )
        elif target.is_symlink() or (target.exists() and not target.is_file()):
            problems.append(error("E402", f"{target} is not a file of the book's; not overwritten"))
        elif target.is_file() and _same(target, data):
            continue
        elif target.exists() and not force:
            problems.append(
                error(
                    "E402",
                    f"{target} exists with other content; not overwritten",
                    hint="pass --force to replace it",
                )
            )
        else:
            write.append((target, data))
    return write, problems


def _same(path: Path, data: bytes) -> bool:
    """Does the book's file at `path` hold `data`? (read as the sandbox reads an image: one
    past the limit is no match, and is not replaced without --force)"""
    if path.stat().st_size != len(data):
        return False
    try:
        return read_file(path, (path.parent,), "image") == data
    except FileRefused:
        return False
