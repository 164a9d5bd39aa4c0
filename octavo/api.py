"""The functions tasks.py calls: one per task, raising BuildError on a user's mistake."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from octavo.errors import BuildError, Diagnostic, boundary, error, raise_if_errors
from octavo.outputs import (
    Made,
    Planned,
    as_stamped,
    cache_of,
    cached_build,
    check_build,
    edited_since,
    guard_default,
)
from octavo.project import Project, open_project

if TYPE_CHECKING:
    from octavo.importers.batch import ImportResult
    from octavo.model import Book, Manuscript
    from octavo.render.epub.beside import Beside
    from octavo.render.markdown_cache import SectionCache
    from octavo.render.pdf.parallel.start import KeptWorkers

# The stages are imported inside the functions: a no-op rebuild must not pay for them.

__all__ = [
    "Sources",
    "build_all",
    "build_both",
    "build_cover",
    "build_epub",
    "build_handouts",
    "build_pdf",
    "check",
    "epub_cover",
    "manuscript",
    "open_book",
    "output_names",
    "read",
    "run_import",
    "shared_identifiers",
    "sources",
]


def run_import(
    patterns: list[str],
    book: Path,
    force: bool = False,
    strict: bool = False,
    manifest: str = "",
    data_as_of: str = "",
) -> ImportResult:
    """Import pages; raises BuildError only for what stops the whole import (no such page,
    a broken manifest, a bad --data-as-of). Refused pages are in the result's reports."""
    from octavo.importers.batch import Options, expand_paths, import_pages
    from octavo.importers.manifest import Entry, load_manifest
    from octavo.source.dates import parse_iso_month

    paths, found = expand_paths(patterns)
    entries: dict[str, Entry] = {}
    problems = list(found)
    if manifest:
        entries, bad = load_manifest(Path(manifest))
        problems += bad
    date = parse_iso_month(data_as_of) if data_as_of else None
    if data_as_of and date is None:
        problems.append(error("E410", f"--data-as-of {data_as_of!r} is not a month like 1995-06"))
    if book.exists() and not book.is_dir():  # else E701 'File exists' on <file>/009-economy.md
        problems.append(
            error(
                "E100", "the book folder is a file", book, hint="pass --book a folder (new or not)"
            )
        )
    if problems:
        raise BuildError(problems)
    options = Options(force=force, manifest=entries, data_as_of=date, strict=strict)
    with boundary("the import"):
        return import_pages(paths, book, options=options)


class Sources:
    """One command's book: its Project opened once, its manuscript made at most once, so a
    command that makes several outputs (watch, check, preview, all) reads and renders the
    book once. Every function below takes a book folder, a Project or a Sources."""

    def __init__(self, book: Path | Project, strict: bool = False):
        self.project = book if isinstance(book, Project) else open_book(book)
        self.strict = strict
        self._made: tuple[Manuscript, tuple[Diagnostic, ...]] | None = None
        self._unsaved: SectionCache | None = None
        # raster images measured elsewhere (the EPUB writer's process), if it has said so
        self.measured: Callable[[], Mapping[str, Any]] | None = None
        # a cold build's sections rendered on two cores (octavo.render.split) once this
        # can be read (the EPUB writer's process prepared); -1: on one
        self.prepared = -1

    @property
    def made(self) -> bool:
        """Was the manuscript rendered already?"""
        return self._made is not None

    def manuscript(
        self,
        save_later: bool = False,
        more: Callable[[Manuscript], tuple[Diagnostic, ...]] | None = None,
    ) -> tuple[Manuscript, tuple[Diagnostic, ...]]:
        """Read, assemble and render the book (the first time only). `save_later`: the
        sections' cache is saved by `save`, not now (the EPUB writer's second process
        starts on the manuscript first). `more`: what one output alone finds in the
        manuscript (the EPUB's W517), reported with the rest and fatal with them under
        --strict (not kept for the other output)."""
        if self._made is not None:
            extra = more(self._made[0]) if more is not None else ()
            raise_if_errors(extra, self.strict)
            return self._made[0], self._made[1] + extra
        from octavo.render.manuscript import render_manuscript
        from octavo.render.markdown_cache import SectionCache
        from octavo.render.split import helping
        from octavo.source.sections import load_book

        loaded, found = load_book(self.project, self.strict)
        sections = SectionCache.of_book(cache_of(self.project), loaded.root)
        sections.measured = self.measured
        # a cold build (nothing kept) is rendered on two cores, the EPUB writer's once
        # it is prepared
        two = self.prepared >= 0 and not sections.old
        with helping(loaded, self.prepared) if two else nullcontext() as split:
            sections.split = split
            rendered, problems = render_manuscript(loaded, sections)
        sections.split = None
        self._unsaved = sections
        if not save_later:
            self.save()
        extra = more(rendered) if more is not None else ()
        raise_if_errors(found + problems + extra, self.strict)
        self._made = rendered, found + problems
        return self._made[0], self._made[1] + extra

    def save(self) -> None:
        """Save the sections' cache, if the manuscript was made with `save_later`."""
        sections, self._unsaved = self._unsaved, None
        if sections is not None:
            sections.save()


BookArg = Path | Project | Sources


def open_book(book: Path) -> Project:
    """The book folder's Project; BuildError with every problem when it cannot be opened
    (book.toml's and the sections' together)."""
    project, _ = open_project(book)
    if project is None:
        from octavo.source.sections import read_book

        raise BuildError(read_book(book)[1])
    return project


def sources(book: BookArg, strict: bool = False) -> Sources:
    return book if isinstance(book, Sources) else Sources(book, strict)


def read(book: Path | Project) -> tuple[Book, tuple[Diagnostic, ...]]:
    """The book as read and every diagnostic; raises only when it cannot be read at all."""
    from octavo.source.sections import read_book

    loaded, found = read_book(book)
    if loaded is None:
        raise BuildError(found)
    return loaded, found


def manuscript(book: BookArg, strict: bool = False) -> tuple[Manuscript, tuple[Diagnostic, ...]]:
    """Read, assemble and render a book; the shared first half of every build."""
    return sources(book, strict).manuscript()


def build_pdf(
    book: BookArg,
    out: Path | None = None,
    paper: str | None = None,
    html: Path | None = None,
    strict: bool = False,
    tagged: bool = False,
    jobs: int = 1,
    variant: str = "",
    bleed: str | None = None,
    marks: str | None = None,
    kept: KeptWorkers | None = None,
) -> tuple[Path, tuple[Diagnostic, ...]]:
    """`invoke pdf`: the print PDF (and, if asked, the HTML WeasyPrint laid out).

    A rebuild whose inputs did not change does no work (octavo.outputs). `jobs` > 1 lays
    chapters out in parallel and reuses unchanged ones: the same PDF, sooner. `variant`:
    a PDF variant (pdf/x-4, pdf/x-1a, pdf/a-2b, pdf/a-3b, pdf/ua-1); `bleed` and `marks`
    replace book.toml's. `kept`: workers kept warm between the builds of this process
    (`invoke watch`), used when the PDF is laid out in parts."""
    with boundary("the PDF"):
        given = sources(book, strict)
        target = out or _default(given.project, ".pdf")

        def make() -> Made:
            from octavo.render.pdf.parallel.start import early_pool

            # workers first: they import WeasyPrint while the book is read and rendered
            with_html = html is not None
            with early_pool(given.project, jobs, with_html, variant, tagged, kept) as pool:
                from octavo.render.pdf.build import render_book_pdf

                rendered, found = given.manuscript()
                cache = cache_of(given.project)
                pdf, laid_out = render_book_pdf(
                    rendered,
                    cache,
                    paper,
                    html is not None,
                    tagged,
                    jobs,
                    variant,
                    bleed,
                    marks,
                    pool,
                )
            files = ((html, laid_out.encode("utf-8")),) if html and laid_out is not None else ()
            return (*files, (target, pdf)), found

        options = {
            "kind": "pdf",
            "paper": paper,
            "html": html,
            "strict": strict,
            "tagged": tagged,
            "variant": variant,
            "bleed": bleed,
            "marks": marks,
        }
        return cached_build(given.project, target, options, make, (html,) if html else ())


def build_cover(
    book: BookArg,
    out: Path | None = None,
    pages: int = 0,
    paper: str | None = None,
    bleed: str | None = None,
    variant: str = "",
    strict: bool = False,
) -> tuple[Path, tuple[Diagnostic, ...]]:
    """`invoke cover`: the print cover (back, spine, front) for the trim, the page count
    (`pages`, else the book's PDF, built first if it is missing or stale) and `ppi`."""
    with boundary("the cover"):
        given = sources(book, strict)
        target = out or given.project.output("-cover.pdf")
        if pages < 0:
            raise BuildError([error("E645", f"--pages {pages}: a page count is 1 or more")])
        if not pages:
            from pypdf import PdfReader

            book_pdf = target.parent / given.project.output(".pdf").name  # beside the cover
            pdf, _ = build_pdf(given, book_pdf, paper=paper, strict=strict)
            pages = len(PdfReader(pdf).pages)

        def make() -> Made:
            from octavo.render.pdf.build import pdf_options
            from octavo.render.pdf.cover import render_cover

            rendered, found = given.manuscript()
            options = pdf_options(rendered.book.config, paper, False, variant, bleed, "none")
            return ((target, render_cover(rendered, options, pages)),), found

        options = {
            "kind": "cover",
            "pages": pages,
            "paper": paper,
            "bleed": bleed,
            "variant": variant,
        }
        return cached_build(given.project, target, options, make)


def build_handouts(
    book: BookArg,
    out: Path | None = None,
    by: str = "section",
    paper: str | None = None,
    strict: bool = False,
) -> tuple[tuple[Path, ...], tuple[Diagnostic, ...]]:
    """`invoke handouts`: one standalone PDF per section (or chapter)."""
    from octavo.outputs import guard_output
    from octavo.render.pdf.handouts import render_handouts
    from octavo.write import atomic_bytes

    with boundary("the handouts"):
        given = sources(book, strict)
        if out is not None:
            guard_output(given.project.root, out, folder=True)
        rendered, found = given.manuscript()
        folder = out or given.project.build / "handouts" / given.project.config.slug
        made = render_handouts(rendered, by, paper)
        return tuple(atomic_bytes(folder / name, pdf) for name, pdf in made), found


def _default(project: Project, suffix: str) -> Path:
    """build/<slug><suffix>, unless another book (of the same title) built it (E124)."""
    target = project.output(suffix)
    guard_default(project, target)
    return target


def build_epub(
    book: BookArg, out: Path | None = None, strict: bool = False, jobs: int = 1
) -> tuple[Path, tuple[Diagnostic, ...]]:
    """Build the EPUB 3 to OUT (default build/<slug>.epub); a failure writes nothing.

    `jobs` 0 or 2+: the EPUB writer starts in a second process and prepares while this one
    renders the manuscript (octavo.render.epub.beside): the same bytes, sooner on two
    cores. It starts at once, beside the change check, when the output is surely made
    (missing, changed since its stamp, or a file of the book modified since: an edit);
    else once the check finds work to do, so a build with nothing to do starts nothing."""
    from contextlib import ExitStack

    with boundary("the EPUB"), ExitStack() as stack:
        given = sources(book, strict)
        target = out if out is not None else _default(given.project, ".epub")
        cache = cache_of(given.project)

        def writer() -> Beside | None:
            from octavo.render.epub.beside import beside

            return stack.enter_context(beside(given.project, cache))

        early = jobs != 1 and not given.made and not given.project.config.page_list
        surely = early and (
            not as_stamped(given.project, target) or edited_since(given.project, target)
        )
        ahead = writer() if surely else None
        checked = check_build(given.project, target, {"kind": "epub", "strict": strict})
        if not isinstance(checked, Planned):
            return checked
        helper = ahead if surely else writer() if early else None
        given.measured = helper.measured if helper is not None else None
        given.prepared = helper.prepared if helper is not None else -1
        from octavo.render.epub.page_refs import unprinted_page_refs

        try:  # with what only the EPUB warns of: page references it cannot print (W517)
            rendered, found = given.manuscript(save_later=True, more=unprinted_page_refs)
            if helper is not None:
                helper.send(rendered)
        finally:
            given.measured, given.prepared = None, -1
            given.save()  # while the writer works (what it found is reported)
        data = helper.receive() if helper is not None else None
        return checked.write((((target, data or _epub(given, cache)),), found))


def _epub(given: Sources, cache: Path | None) -> bytes:
    """The EPUB's bytes, made here."""
    from octavo.render.epub.book import render_epub

    rendered, _ = given.manuscript()
    if rendered.book.config.page_list:
        from octavo.render.pdf.document import PdfOptions
        from octavo.render.pdf.page_map import print_pages

        config = rendered.book.config
        options = PdfOptions(config.paper, False, config.margins, config.bleed)
        pages = print_pages(rendered, options)
        return render_epub(rendered, cache, pages.starts, folios=dict(pages.folios))
    return render_epub(rendered, cache)


def _build_one(book: Path, name: str, out: Path, strict: bool) -> tuple[Path, ...]:
    """Both formats of one book into OUT/NAME/ (a worker of build_all)."""
    folder = out / name
    given = Sources(book, strict)
    epub, _ = build_epub(given, folder / f"{name}.epub", strict)
    pdf, _ = build_pdf(given, folder / f"{name}.pdf", strict=strict)
    return epub, pdf


def output_names(books: list[Path]) -> list[str]:
    """A folder name per book: its own name, with as many parents as make it unique
    (studies/belarus/book and studies/russia/book → belarus-book, russia-book)."""
    paths = [book.resolve() for book in books]
    twice = sorted({str(p) for p in paths if paths.count(p) > 1})
    if twice:
        raise BuildError(
            [error("E112", f"book given twice: {t}", hint="name each book once") for t in twice]
        )
    depths = [1] * len(paths)
    while True:
        names = [
            "-".join(p.parts[-d:]).lstrip("/") or "book" for p, d in zip(paths, depths, strict=True)
        ]
        clashing = [i for i, name in enumerate(names) if names.count(name) > 1]
        if not clashing:
            return names
        for i in clashing:
            depths[i] += 1


def build_all(
    books: list[Path], out: Path, jobs: int, strict: bool = False
) -> tuple[tuple[Path, ...], tuple[Diagnostic, ...]]:
    """`invoke all`: EPUB and PDF of several books, `jobs` books at a time (< 1: one a
    core); every failure is reported, the other books still build. Two books with one
    identifier are a warning (W131): reading systems would take them for one book."""

    from octavo import workers

    if not books:
        raise BuildError([error("E111", "no books given: pass --books DIR (repeatable)")])
    names = output_names(books)
    shared = shared_identifiers(books)
    if strict and shared:
        raise BuildError(shared)
    written: list[Path] = []
    failed: list[Diagnostic] = [
        error("E100", "book folder not found", book, hint="check the --books DIR given")
        for book in books
        if not book.is_dir()
    ]
    with workers.pool(jobs if jobs > 0 else workers.cores()) as pool:
        futures = [
            pool.submit(_build_one, book, name, out, strict)
            for book, name in zip(books, names, strict=True)
            if book.is_dir()
        ]
        for future in futures:
            try:
                written += future.result()
            except BuildError as exc:
                failed += exc.diagnostics
    if failed:  # the paths that were written are still told
        raise BuildError(shared + tuple(failed), written)
    return tuple(written), shared


def shared_identifiers(books: list[Path]) -> tuple[Diagnostic, ...]:
    """W131 for each book whose identifier an earlier book of the list has already."""
    from octavo.errors import warning
    from octavo.source.config import load_config

    first: dict[str, Path] = {}
    found = []
    for book in books:
        config, _ = load_config(book)  # a bad book.toml is reported by its own build
        if config is None:
            continue
        other = first.setdefault(config.identifier, book)
        if other != book:
            found.append(
                warning(
                    "W131",
                    f"'identifier' {config.identifier} is also {other}'s: reading systems "
                    "would take the two for one book (one place, one set of notes)",
                    config.path,
                    hint="give each book its own identifier in its book.toml",
                )
            )
    return tuple(found)


def build_both(
    book: BookArg, strict: bool = False, kept: KeptWorkers | None = None
) -> tuple[list[Path], tuple[Diagnostic, ...]]:
    """The EPUB and the PDF to their default places (`invoke watch`'s rebuild), each as
    `invoke epub` and `invoke pdf` make it by default (two cores; the PDF laid out in
    parts, unchanged chapters reused, by `kept` workers if given)."""
    given = sources(book, strict)
    epub, found = build_epub(given, strict=strict, jobs=0)
    pdf, more = build_pdf(given, strict=strict, jobs=0, kept=kept)
    return [epub, pdf], tuple(dict.fromkeys(found + more))


def epub_cover(book: BookArg, folder: Path) -> Path | None:
    """The EPUB's cover image, taken from the built EPUB."""
    import zipfile

    from octavo.write import atomic_bytes

    epub, _ = build_epub(book)
    with boundary("the preview"), zipfile.ZipFile(epub) as archive:
        names = [n for n in archive.namelist() if "cover" in n and n.endswith(".png")]
        return atomic_bytes(folder / "cover.png", archive.read(names[0])) if names else None


def check(book: BookArg, epub: Path | None = None, pdf: Path | None = None) -> tuple[str, ...]:
    """`invoke check`: EPUBCheck (usage messages on) and the PDF read-back checks on the built
    files (built first if missing or stale). Raises BuildError listing every problem."""
    given = sources(book)
    epub_path, _ = build_epub(given, epub)
    pdf_path, _ = build_pdf(given, pdf)
    rendered, _ = given.manuscript()
    with boundary("the check"):
        return _check(rendered, epub_path, pdf_path)


def _check(rendered: Manuscript, epub_path: Path, pdf_path: Path) -> tuple[str, ...]:
    from octavo.check.epub import ToolMissing, run_epubcheck
    from octavo.check.pdf import check_book_pdf
    from octavo.check.pdf_facts import read_pdf
    from octavo.check.press import check_press
    from octavo.render.pdf.build import pdf_options

    try:
        result = run_epubcheck(epub_path)
    except ToolMissing as exc:
        raise BuildError([error("E802", str(exc))]) from exc
    problems = [
        error("E801", f"EPUBCheck {m.severity} {m.id}: {m.message}", epub_path, hint=m.location)
        for m in result.messages
    ]
    try:
        problems += check_book_pdf(pdf_path, rendered)
        problems += check_press(read_pdf(pdf_path), pdf_options(rendered.book.config).page)
    except ImportError as exc:  # pdfplumber is a test extra
        raise BuildError(
            [
                error(
                    "E802",
                    f"the PDF checks need {exc.name or 'pdfplumber'}, which is not installed",
                    hint='pip install -e ".[test]"',
                )
            ]
        ) from exc
    if problems:
        raise BuildError(problems)
    return (
        f"{epub_path}: EPUBCheck {result.version}: 0 messages (usage included)",
        f"{pdf_path}: contents numbers, notes on their pages, chapters on odd pages, tables, "
        "page references, figures, running heads, bookmarks, fonts, metadata, boxes, margins, "
        "blank pages: all good",
    )
