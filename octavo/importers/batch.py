"""invoke import-pages: pages -> one Markdown source per section, and book.toml.

Every page gets a report: imported, unchanged, or refused with why. Good pages are written
whatever happens to the others. What a page lacks is supplied, and the report says by whom:
the manifest, the file name, --data-as-of, book.toml, or the other pages of the import.
"""

from __future__ import annotations

import glob
import json
import os
import re
import tomllib
import uuid
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from octavo.errors import Diagnostic, error, warning
from octavo.importers.countrystudy import kind_of, parse_page
from octavo.importers.decode import decode_page, looks_like_html
from octavo.importers.html import image_files, link_targets, parse_html_page
from octavo.importers.manifest import Entry
from octavo.importers.page import Block, Page, PageError
from octavo.limits import MAX_SECTIONS
from octavo.model import YearMonth
from octavo.project import octavo_templates
from octavo.sandbox import FileRefused, read_file
from octavo.source.files import read_utf8
from octavo.source.frontmatter import FrontMatterError, split_front_matter
from octavo.source.sections import section_files
from octavo.text import escape_block_start, slugify
from octavo.write import atomic_bytes, atomic_text

__all__ = [
    "ImportResult",
    "PageReport",
    "book_identifier",
    "expand_paths",
    "import_pages",
    "page_files",
    "render_section",
]

_NUMBER = re.compile(r"(\d+)(?!.*\d)")


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


def book_identifier(country: str) -> str:
    """A stable urn:uuid for a country's study."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'octavo:country-study:' + country.lower())}"


def _markdown_blocks(page: Page) -> list[Block]:
    """Lines that could open a Markdown construct get it escaped. A signature's lines are
    joined by hard line breaks (a backslash at the line's end: CommonMark and pandoc alike;
    octavo's renderer has no pandoc line blocks)."""
    starts = {"paragraph", "credit"}
    return [
        replace(b, markdown=escape_block_start(b.markdown))
        if b.kind in starts
        else replace(b, items=tuple(escape_block_start(i) for i in b.items))
        if b.kind == "lines"
        else b
        for b in page.blocks
    ]


def render_section(page: Page, source: str, supplied: tuple[str, ...] = ()) -> str:
    template = octavo_templates().get_template("import/section.md.j2")
    return template.render(
        page=page, blocks=_markdown_blocks(page), source=source, supplied=list(supplied)
    )


def file_name(page: Page) -> str:
    width = max(3, len(str(page.total)))
    return f"{page.sequence:0{width}d}-{slugify(page.title, 40) or 'section'}.md"


def _existing(book: Path) -> tuple[dict[int, Path], Counter[int], dict[str, int]]:
    """Section number -> file, the totals, and page file -> number, of the sections
    already in the book."""
    found: dict[int, Path] = {}
    totals: Counter[int] = Counter()
    sources: dict[str, int] = {}
    for path in section_files(book):
        text, _ = read_utf8(path, root=book)
        try:
            data = split_front_matter(text or "").data
        except FrontMatterError:
            continue
        if type(data.get("sequence")) is int:
            found.setdefault(data["sequence"], path)
            if isinstance(data.get("source"), str):
                sources.setdefault(data["source"], data["sequence"])
        if type(data.get("total")) is int:
            totals[data["total"]] += 1
    return found, totals, sources


@dataclass(frozen=True, slots=True)
class Options:
    """What the user supplies for every page: --manifest, --data-as-of, --force."""

    force: bool = False
    manifest: dict[str, Entry] | None = None
    data_as_of: YearMonth | None = None
    strict: bool = False  # a page that needs a warning is refused


def _book_settings(book: Path) -> dict[str, object]:
    try:
        return tomllib.loads((book / "book.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _entry_for(path: Path, page: Page | None, manifest: dict[str, Entry]) -> Entry | None:
    keys = [path.name, str(path), path.as_posix()]
    keys += [page.address] if page and page.address else []
    return next((manifest[k] for k in keys if k in manifest), None)


def _read(path: Path, known: bool) -> tuple[Page | None, list[Diagnostic]]:
    try:  # a regular file under the size limit, checked before reading (/dev/zero is E005)
        data = read_file(path, (Path("/"),), "page")
    except FileRefused as refused:
        return None, [refused.diagnostic]
    try:
        if looks_like_html(data):
            return parse_html_page(data, path, known), []
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


def _possible(page: Page) -> bool:
    numbers = (page.sequence, page.total)
    return all(type(n) is int and 1 <= n <= MAX_SECTIONS for n in numbers) and (
        (page.sequence or 0) <= (page.total or 0)
    )


class _Batch:
    """The pages of one import, and what each lacks supplied in turn."""

    def __init__(self, book: Path, options: Options):
        self.book, self.options = book, options
        self.settings = _book_settings(book)
        self.existing, self.totals, self.sources = (
            _existing(book) if book.is_dir() else ({}, Counter(), {})
        )

    def supply(
        self, pages: list[tuple[Path, Page, Entry | None]]
    ) -> list[tuple[Path, Page | None, list[str], list[Diagnostic]]]:
        countries = Counter(p.country for _, p, _ in pages if p.country)
        dates = Counter(p.data_as_of for _, p, _ in pages if p.data_as_of)
        country = str(self.settings.get("country") or "") or (
            countries.most_common(1)[0][0] if countries else ""
        )
        numbered: list[tuple[int | None, str]] = []
        for path, page, entry in pages:
            number, how = self._number(path, page, entry)
            if number is not None and how and number in {n for n, _ in numbered}:
                number, how = None, ""  # two file names with one number: number it in order
            numbered.append((number, how))
        taken = set(self.existing) | {n for n, _ in numbered if n}
        next_free = max(taken, default=0) + 1
        for i, (number, _) in enumerate(numbered):
            if number is None:
                numbered[i] = (next_free, "in order after the others")
                next_free += 1
        known_totals = [
            t
            for t in [p.total for _, p, _ in pages] + [e.total for _, _, e in pages if e]
            if t and t <= MAX_SECTIONS
        ]
        total = max([*known_totals, *self.totals, *(n or 0 for n, _ in numbered)], default=1)
        out: list[tuple[Path, Page | None, list[str], list[Diagnostic]]] = []
        for (path, page, entry), (number, how) in zip(pages, numbered, strict=True):
            supplied: list[str] = []
            found: list[Diagnostic] = []
            if how:
                supplied.append(f"section {number}: {how}")
            if how and not (entry and entry.sequence):  # the manifest's number is no guess
                found.append(
                    warning(
                        "W407",
                        f"no section number: numbered {number} ({how})",
                        path,
                        hint="give its number in a --manifest",
                    )
                )
            page = self._fields(path, page, entry, supplied, found)
            page = replace(page, sequence=number, total=page.total or total)
            if not _possible(page):
                found.append(
                    error(
                        "E405",
                        f"'Section {page.sequence} of {page.total}': not a section number of "
                        f"a study (1 to {MAX_SECTIONS:,}, at most the total)",
                        path,
                        hint="correct the page's 'Section N of M' line, or its manifest entry",
                    )
                )
                out.append((path, None, supplied, found))
                continue
            if not page.country:
                page = replace(page, country=country)
            date = page.data_as_of or self._date(dates, path, supplied, found)
            if not page.country:
                found.append(
                    error(
                        "E401",
                        "no country found in the page",
                        path,
                        hint="set 'country' in book.toml",
                    )
                )
            if date is None:
                found.append(self._no_date(path))
                out.append((path, None, supplied, found))
                continue
            out.append((path, replace(page, data_as_of=date), supplied, found))
        return out

    def _number(self, path: Path, page: Page, entry: Entry | None) -> tuple[int | None, str]:
        if entry and entry.sequence:
            return entry.sequence, "from the manifest"
        if page.sequence is not None:
            return page.sequence, ""
        match = _NUMBER.search(path.stem)
        if match and 0 < int(match[1]) < 1000:
            return int(match[1]), f"from the file name {path.name!r}"
        if path.name in self.sources:  # numbered in order when it was imported before
            return self.sources[path.name], "in order after the others"
        return None, ""

    def _fields(
        self,
        path: Path,
        page: Page,
        entry: Entry | None,
        supplied: list[str],
        found: list[Diagnostic],
    ) -> Page:
        if entry:
            given = {
                k: v
                for k, v in (
                    ("title", entry.title),
                    ("chapter", entry.chapter),
                    ("parents", entry.parents),
                    ("total", entry.total),
                    ("kind", entry.kind),
                )
                if v is not None
            }
            page = replace(page, **given)  # type: ignore[arg-type]
            supplied += [f"{k} from the manifest" for k in given]
            if "title" in given and "kind" not in given:
                page = replace(page, kind=page.kind or kind_of(page.title))
        if not page.title:
            page = replace(page, title=path.stem)
            supplied.append("title from the file name")
            found.append(
                warning(
                    "W406",
                    f"no title found: titled {path.stem!r} from the file name",
                    path,
                    hint="give it a title in a --manifest",
                )
            )
        if page.chapter is None:
            page = replace(page, chapter=0, parents=page.parents or ())
            if page.kind not in (None, "chapter"):
                supplied.append(f"chapter 0 (front or back matter: kind {page.kind})")
            else:
                supplied.append("chapter 0")
                found.append(
                    warning(
                        "W408",
                        "no chapter found: placed in chapter 0",
                        path,
                        hint="give its chapter and parents in a --manifest",
                    )
                )
        return replace(page, parents=page.parents if page.parents is not None else ())

    def _date(
        self,
        dates: Counter[YearMonth],
        path: Path,
        supplied: list[str],
        found: list[Diagnostic],
    ) -> YearMonth | None:
        from octavo.source.dates import parse_iso_month

        research = parse_iso_month(self.settings.get("research_completed"))
        for date, who in (
            (self.options.data_as_of, "--data-as-of"),
            (research, "research_completed in book.toml"),
            (dates.most_common(1)[0][0] if dates else None, "the other pages of this import"),
        ):
            if date is not None:
                supplied.append(f"data date {date.iso} from {who}")
                found.append(
                    warning(
                        "W412",
                        f"no 'Data as of' date: took {date.iso} from {who}",
                        path,
                        hint="pass --data-as-of YYYY-MM to give another",
                    )
                )
                return date
        return None

    def _no_date(self, path: Path) -> Diagnostic:
        return error(
            "E403",
            "no 'Data as of' date, and none to supply",
            path,
            hint="pass --data-as-of YYYY-MM, or set research_completed in book.toml",
        )


def import_pages(
    paths: list[Path],
    book: Path,
    force: bool = False,
    options: Options | None = None,
) -> ImportResult:
    options = options or Options(force=force)
    manifest = options.manifest or {}
    batch = _Batch(book, options)
    reports: list[PageReport] = []
    readable: list[tuple[Path, Page, Entry | None]] = []
    for path in page_files(paths):
        known = _entry_for(path, None, manifest) is not None
        page, problems = _read(path, known)
        if page is None:
            reports.append(PageReport(path, "refused", None, "", (), (), tuple(problems)))
            continue
        readable.append((path, page, _entry_for(path, page, manifest)))
    supplied_pages = batch.supply(readable)
    targets = {path.name: file_name(page) for path, page, _, _ in supplied_pages if page}
    for path, page, supplied, found in supplied_pages:
        page = link_targets(page, targets) if page and page.links else page
        reports.append(
            _write(batch, path, page, tuple(supplied), found, options.force, options.strict)
        )
    order = {p: i for i, p in enumerate(page_files(paths))}
    reports.sort(key=lambda r: order.get(r.path, 0))
    imported = [r.target for r in reports if r.status == "imported" and r.target]
    unchanged = [r.target for r in reports if r.status == "unchanged" and r.target]
    pages = [p for _, p, _, _ in supplied_pages if p]
    titles = {
        e.chapter: e.chapter_title for e in manifest.values() if e.chapter and e.chapter_title
    }
    created = _book_toml(book, pages, reports, titles) if pages else None
    found = [d for r in reports for d in r.problems]
    return ImportResult(tuple(imported), tuple(unchanged), tuple(found), created, tuple(reports))


def _write(
    batch: _Batch,
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
    atomic_text(target, text)
    for image in image_files(page):
        atomic_bytes(batch.book / image[0], image[1])
    if old is not None and old != target:
        old.unlink()
    batch.existing[page.sequence] = target
    return replace(report, problems=tuple(found))


def _book_toml(
    book: Path, pages: list[Page], reports: list[PageReport], titles: dict[int, str]
) -> Path | None:
    """Create book.toml from the first page; give it the titles of chapters whose
    chapter-level page was imported, and those the manifest names."""
    chapters = {p.chapter: p.title for p in pages if p.kind == "chapter" and p.chapter and p.title}
    chapters = {**titles, **chapters}
    target = book / "book.toml"
    if not any(r.status == "imported" for r in reports) and not target.exists():
        return None
    if target.exists():
        return _add_chapters(target, chapters)
    first = pages[0]
    research = Counter(p.data_as_of for p in pages if p.data_as_of).most_common(1)
    sources = sorted({r.path.parent.name or "pages" for r in reports})
    text = (
        octavo_templates()
        .get_template("import/book.toml.j2")
        .render(
            country=first.country or "",
            identifier=book_identifier(first.country or "study"),
            source=", ".join(sources) or "scraped pages",
            research=research[0][0] if research else None,
            chapters=sorted(chapters.items()),
        )
    )
    return atomic_text(target, text)


def _add_chapters(target: Path, chapters: dict[int, str]) -> Path | None:
    """Add the chapter titles book.toml lacks to its [chapters] table; change nothing else."""
    text = target.read_text(encoding="utf-8")
    try:
        have = tomllib.loads(text).get("chapters", {})
    except tomllib.TOMLDecodeError:
        return None
    missing = {n: t for n, t in sorted(chapters.items()) if str(n) not in have}
    if not missing:
        return None
    lines = [f"{n} = {json.dumps(t, ensure_ascii=False)}" for n, t in missing.items()]
    if re.search(r"(?m)^\[chapters\]\s*$", text):
        text = re.sub(r"(?m)^\[chapters\]\s*$", "[chapters]\n" + "\n".join(lines), text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n[chapters]\n" + "\n".join(lines) + "\n"
    return atomic_text(target, text)
