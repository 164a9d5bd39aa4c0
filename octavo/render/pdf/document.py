"""Manuscript -> print PDF: print HTML, layout with every note placed, PDF bytes.

print_html (templates/print/book.html)
  -> weasyprint.HTML, loading only through the sandbox (octavo.render.url_sandbox)
  -> place_notes: layout, read pages, fix misplaced notes, layout again if needed
  -> Document.write_pdf (metadata from the HTML head, dates from SOURCE_DATE_EPOCH)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from octavo import __version__
from octavo.cache import touch
from octavo.errors import BuildError, error
from octavo.model import Manuscript
from octavo.project import Project
from octavo.render.pdf.html import note_pairs, print_html
from octavo.render.pdf.notes.place import Fix, place_notes
from octavo.render.pdf.tree import serialize
from octavo.render.url_sandbox import Sandbox, book_sandbox, guarded, sandboxed_html
from octavo.source.paper import PageSetup, PaperError, page_setup
from octavo.write import atomic_text

__all__ = [
    "PdfOptions",
    "PrintResult",
    "fixes_from_json",
    "fixes_to_json",
    "guarded",
    "load_html",
    "render_pdf",
    "render_print_html",
    "sandbox_for",
    "write_document",
]


NOTES_FORMAT = "notes-2"  # bump when the note fixes change meaning (2: orphans marks, held)


VARIANTS = ("pdf/x-4", "pdf/x-1a", "pdf/a-2b", "pdf/a-3b", "pdf/ua-1")  # WeasyPrint's own


@dataclass(frozen=True, slots=True)
class PdfOptions:
    paper: str = "letter"  # a trim (octavo.source.paper)
    tagged: bool = False  # PDF/UA-1 (tagged PDF): the same as variant "pdf/ua-1"
    margins: tuple[tuple[str, float], ...] = ()  # (side, points)
    bleed: float = 0.0  # points
    marks: tuple[str, ...] = ()
    variant: str = ""  # one of VARIANTS, or "" for a plain PDF

    @property
    def page(self) -> PageSetup:
        """The page; a trim or margins that cannot be used: E605."""
        try:
            return page_setup(self.paper, self.margins, self.bleed, self.marks)
        except PaperError as exc:
            raise BuildError([error("E605", str(exc))]) from exc

    @property
    def pdf_variant(self) -> str:
        return self.variant or ("pdf/ua-1" if self.tagged else "")


@dataclass(frozen=True, slots=True)
class PrintResult:
    pdf: bytes
    html: str  # the HTML as laid out, note fixes included: WeasyPrint alone gives the same
    pages: int
    fixes: tuple[Fix, ...]  # the note fixes the layout carries
    key: str  # hash of the HTML before fixes, options and versions: the fix cache's key


def sandbox_for(project: Project) -> Sandbox:
    """What a print build may read: the book, octavo's templates/ and styles/."""
    return book_sandbox(project)


def check_paper(options: PdfOptions) -> None:
    """E605 for a page that cannot be made, E640 for an unknown PDF variant."""
    options.page  # noqa: B018 - raises BuildError
    if options.variant and options.variant not in VARIANTS:
        raise BuildError(
            [error("E640", f"PDF variant {options.variant!r} is not one of {', '.join(VARIANTS)}")]
        )


def render_print_html(manuscript: Manuscript, options: PdfOptions) -> str:
    check_paper(options)
    extra = ("print/cmyk.css",) if options.pdf_variant == "pdf/x-1a" else ()
    return print_html(manuscript, options.page, extra=extra)


def render_pdf(
    manuscript: Manuscript, options: PdfOptions, cache: Path | None = None
) -> PrintResult:
    """The PDF of a manuscript.

    `cache`: a folder remembering the note fixes of earlier builds, by HTML; a rebuild of
    the same HTML starts from them and needs a single layout.
    """
    source = render_print_html(manuscript, options)
    key = cache_key(source, options)
    known = _cached(cache, key)
    notes = note_pairs(manuscript.sections)
    html = load_html(source, manuscript.book.project)
    document, fixes = guarded(lambda: place_notes(html, notes, known))
    identifier = manuscript.book.config.identifier
    xmp = xmp_descriptions(manuscript, options)
    pdf = guarded(lambda: write_document(document, options, identifier, xmp))
    if cache is not None and fixes != known:
        atomic_text(cache / f"notes-{key}.json", fixes_to_json(fixes))
    return PrintResult(pdf, serialize(html.etree_element), len(document.pages), fixes, key)


def _cached(cache: Path | None, key: str) -> tuple[Fix, ...]:
    path = cache / f"notes-{key}.json" if cache is not None else None
    if path is None or not path.is_file():
        return ()
    try:
        fixes = fixes_from_json(path.read_text(encoding="utf-8"))
        touch(path)  # used: the last to be pruned
        return fixes
    except (ValueError, KeyError, TypeError):
        return ()  # a damaged cache only costs layouts


def load_html(source: str, project: Project) -> Any:
    return sandboxed_html(source, project)


def xmp_descriptions(manuscript: Manuscript, options: PdfOptions) -> bytes:
    """The book's identifiers and series for the XMP metadata (templates/print/xmp.xml)."""
    from octavo.render.pdf.html import print_environment

    template = print_environment(manuscript.book.project).get_template("print/xmp.xml")
    archival = options.pdf_variant.startswith("pdf/a")
    return template.render(config=manuscript.book.config, archival=archival).encode()


def write_document(
    document: Any, options: PdfOptions, identifier: str = "", xmp: bytes = b""
) -> bytes:
    """PDF bytes: the variant with its output intent, exact BleedBoxes, a DocumentID made
    from `identifier` (the book's; else the title) — octavo.render.pdf.finish."""
    from octavo.render.pdf.finish import finisher, variant_options

    variant = options.pdf_variant
    seed = identifier or str(document.metadata.title)
    pdf: bytes = document.write_pdf(
        finisher=finisher(options.page.bleed, seed, xmp),
        pdf_tags=variant == "pdf/ua-1",
        **variant_options(variant),
    )
    return pdf


def cache_key(source: str, options: PdfOptions) -> str:
    import weasyprint

    digest = hashlib.sha256()
    versions = (weasyprint.__version__, __version__, NOTES_FORMAT)
    for part in (source, str(options), *versions):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def fixes_to_json(fixes: tuple[Fix, ...]) -> str:
    rows = [{"path": list(f.path), "mark": f.mark, "reason": f.reason} for f in fixes]
    return json.dumps(rows, indent=1) + "\n"


def fixes_from_json(text: str) -> tuple[Fix, ...]:
    return tuple(Fix(tuple(r["path"]), r["mark"], r["reason"]) for r in json.loads(text))
