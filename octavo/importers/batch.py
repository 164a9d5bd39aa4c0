"""invoke import-pages: pages -> one Markdown source per section, and book.toml.

Every page gets a report: imported, unchanged, or refused with why. Good pages are written
whatever happens to the others. What a page lacks is supplied (octavo.importers.supply), and
the report says by whom. Its tables and figures are labelled by the page's own numbers, and
its text's mentions of them made references to those the book will hold
(octavo.importers.references): so every page is planned before any is written
(octavo.importers.writing).
"""

from __future__ import annotations

import glob
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from octavo.errors import Diagnostic, Severity, error, warning
from octavo.importers.chapter_titles import imported_titles, kept_titles
from octavo.importers.countrystudy import parse_page
from octavo.importers.decode import decode, looks_like_html, not_text
from octavo.importers.decode_warnings import decode_warnings
from octavo.importers.duplicates import said_twins, to_copies_kept
from octavo.importers.foreign import foreign_pages
from octavo.importers.html import link_targets, parse_html_page
from octavo.importers.manifest import Entry, unused_rows
from octavo.importers.mentions import cite
from octavo.importers.mentions_written import earlier_targets
from octavo.importers.page import Page, PageError
from octavo.importers.references import CrossReferences, cross_references
from octavo.importers.section import book_toml, file_name, new_book_leftovers, render_section
from octavo.importers.supply import Options, Supplier
from octavo.importers.writing import LEFT_OUT, PageReport, Plan, commit, left_out, plan
from octavo.sandbox import FileRefused, read_file

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
class ImportResult:
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]
    book_toml: Path | None  # created or given chapter titles by this import
    reports: tuple[PageReport, ...] = ()

    @property
    def refused(self) -> tuple[PageReport, ...]:
        return tuple(r for r in self.reports if r.status == "refused")

    @property
    def left_out(self) -> tuple[PageReport, ...]:  # W418: the book holds their text
        return tuple(r for r in self.reports if r.status == LEFT_OUT)

    def summary(self) -> str:
        twins = f"{len(self.left_out)} left out (W418), " if self.left_out else ""
        return (
            f"{len(self.written)} imported, {len(self.unchanged)} unchanged, "
            f"{twins}{len(self.refused)} refused"
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


def _key_for(path: Path, page: Page | None, manifest: dict[str, Entry]) -> str | None:
    """The manifest's name for the page: its file name, its path as given, or its address."""
    keys = [path.name, str(path), path.as_posix()]
    keys += [page.address] if page and page.address else []
    return next((k for k in keys if k in manifest), None)


def _entry_for(path: Path, page: Page | None, manifest: dict[str, Entry]) -> Entry | None:
    key = _key_for(path, page, manifest)
    return None if key is None else manifest[key]


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
    decoded = decode(data)
    try:
        if looks_like_html(data):
            return parse_html_page(data, path, known), [
                *decode_warnings(decoded, path),
                *_cut_short(data, path),
            ]
        return parse_page(decoded.text, path.name, known=known), decode_warnings(decoded, path)
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
    reports: list[PageReport] = []
    readable: list[tuple[Path, Page, Entry | None]] = []
    read_with: dict[Path, list[Diagnostic]] = {}  # what reading a page that was read found
    named: set[str | None] = set()  # the manifest's rows that name a page of this import
    for path in page_files(paths):
        named.add(_key_for(path, None, manifest))
        page, problems = _read(path, _entry_for(path, None, manifest) is not None)
        if page is None:
            reports.append(PageReport(path, "refused", None, "", (), (), tuple(problems)))
            continue
        read_with[path] = problems
        named.add(_key_for(path, page, manifest))
        readable.append((path, page, _entry_for(path, page, manifest)))
    used = {key: e for key, e in manifest.items() if key in named}  # W426: the others give none
    batch = Supplier(book, replace(options, manifest=used))
    supplied_pages = batch.supply(readable)
    foreign_pages(str(batch.settings.get("country") or ""), batch.countries, supplied_pages)
    twins = said_twins(supplied_pages, batch.bodies, batch.sources, batch.held)
    targets = {path.name: file_name(page) for path, page, _, _ in supplied_pages if page}
    targets = to_copies_kept(targets, twins)
    linked = [
        (path, link_targets(page, targets) if page and page.links else page, supplied, found)
        for path, page, supplied, found in supplied_pages
    ]
    cross, linked = cross_references(batch, linked)
    plans = _plans(batch, cross, linked, read_with, options, twins)
    reports += [commit(batch, planned) for planned in plans]
    refused = {r.path for r in reports if r.status == "refused"}
    reports = [_twin_said(r, twins.get(r.path), refused) for r in reports]
    order = {p: i for i, p in enumerate(page_files(paths))}
    reports.sort(key=lambda r: order.get(r.path, 0))
    imported = [r.target for r in reports if r.status == "imported" and r.target]
    unchanged = [r.target for r in reports if r.status == "unchanged" and r.target]
    pages = [p for _, p, _, _ in supplied_pages if p]
    titles = {e.chapter: e.chapter_title for e in used.values() if e.chapter and e.chapter_title}
    created = book_toml(book, pages, bool(imported), titles) if pages else None
    found = [d for r in reports for d in r.problems]
    found += cross.stale({p.page.sequence for p in plans if p.page and p.page.sequence})
    found += new_book_leftovers(book, pages) if imported else []
    found += kept_titles(book, imported_titles(pages, titles)) if pages else []
    found += unused_rows(manifest, named, options.manifest_file)
    return ImportResult(tuple(imported), tuple(unchanged), tuple(found), created, tuple(reports))


def _twin_said(report: PageReport, twin: Path | None, refused: set[Path]) -> PageReport:
    """The report without its W418 where no twin is written after all: the page itself
    refused for another reason (--strict's E411 keeps it: it says why), or the page of
    this import it names refused."""
    errors = {d.code for d in report.problems if d.severity is Severity.ERROR}
    if not (errors and errors != {"E411"}) and (twin is None or twin not in refused):
        return report
    return replace(report, problems=tuple(d for d in report.problems if d.code != "W418"))


def _plans(
    batch: Supplier,
    cross: CrossReferences,
    pages: list[tuple[Path, Page | None, list[str], list[Diagnostic]]],
    read_with: dict[Path, list[Diagnostic]],
    options: Options,
    twins: dict[Path, Path | None],
) -> list[Plan]:
    """Each page's plan, its text's mentions of the study's tables and figures made
    references to those the book will hold (octavo.importers.mentions). A page refused
    (E402 over a section edited by hand, --strict) writes no table: the plans are made
    again without its labels (its section's, if the book keeps one, stay), until no page
    refused names one, so that no reference the import writes fails to resolve. A page
    W418 names is left out (unless refused: that says more), but where the twin it names
    is a page refused: it is then the only copy (`twins`: each said page's twin, None for
    a section of the book)."""
    refused: set[Path] = set()
    while True:
        left = {p for p, twin in twins.items() if twin is None or twin not in refused}
        written = {p.sequence or 0 for path, p, _, _ in pages if p and path not in refused | left}
        targets = cross.targets(written)
        plans = []
        planned: dict[int, tuple[Path, str]] = {}  # what the pages before write, by number
        for path, page, supplied, found in pages:
            problems = [*read_with.get(path, []), *found]
            before = _as_imported(page, path, tuple(supplied)) if page else None
            if page is not None:
                cited = cite(page, targets, path)
                page = replace(cited.page, reasons=(*cited.page.reasons, *cited.said))
                problems += cited.problems
            planned_page = plan(
                batch,
                path,
                page,
                tuple(supplied),
                problems,
                options.force,
                options.strict,
                before,
                planned,
            )
            plans.append(left_out(planned_page) if path in left else planned_page)
            made = plans[-1]
            if made.text and made.page and made.page.sequence and made.report.target:
                planned[made.page.sequence] = (made.report.target, made.text)
        newly = {p.report.path for p in plans if p.report.status == "refused"} - refused
        if not newly:
            return plans
        refused |= newly


def _as_imported(page: Page, path: Path, supplied: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a text is `page` imported with the references that text holds."""

    def same(text: str) -> bool:
        cited = cite(page, earlier_targets(text, page), path)
        return render_section(cited.page, path.name, supplied) == text

    return same
