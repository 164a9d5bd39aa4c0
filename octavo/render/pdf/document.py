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
from octavo.errors import BuildError, error
from octavo.model import Manuscript
from octavo.render.pdf.html import PAPERS, note_pairs, print_html
from octavo.render.pdf.notes.place import Fix, place_notes
from octavo.render.pdf.tree import serialize
from octavo.render.url_sandbox import Sandbox, book_sandbox, guarded, sandboxed_html
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


@dataclass(frozen=True, slots=True)
class PdfOptions:
    paper: str = "letter"
    tagged: bool = False  # PDF/UA-1 (tagged PDF)


@dataclass(frozen=True, slots=True)
class PrintResult:
    pdf: bytes
    html: str  # the HTML as laid out, note fixes included: WeasyPrint alone gives the same
    pages: int
    fixes: tuple[Fix, ...]  # the note fixes the layout carries
    key: str  # hash of the HTML before fixes, options and versions: the fix cache's key


def sandbox_for(root: Path) -> Sandbox:
    """What a print build may read: the book, octavo's templates/ and styles/."""
    return book_sandbox(root)


def check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise BuildError([error("E605", f"paper '{paper}' is not one of {', '.join(PAPERS)}")])


def render_print_html(manuscript: Manuscript, options: PdfOptions) -> str:
    check_paper(options.paper)
    return print_html(manuscript, options.paper)


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
    html = load_html(source, manuscript.book.root)
    document, fixes = guarded(lambda: place_notes(html, notes, known))
    pdf = guarded(lambda: write_document(document, options))
    if cache is not None and fixes != known:
        atomic_text(cache / f"notes-{key}.json", fixes_to_json(fixes))
    return PrintResult(pdf, serialize(html.etree_element), len(document.pages), fixes, key)


def _cached(cache: Path | None, key: str) -> tuple[Fix, ...]:
    path = cache / f"notes-{key}.json" if cache is not None else None
    if path is None or not path.is_file():
        return ()
    try:
        return fixes_from_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError):
        return ()  # a damaged cache only costs layouts


def load_html(source: str, root: Path) -> Any:
    return sandboxed_html(source, root)


def write_document(document: Any, options: PdfOptions) -> bytes:
    extra: dict[str, Any] = {"pdf_variant": "pdf/ua-1"} if options.tagged else {}
    pdf: bytes = document.write_pdf(pdf_tags=options.tagged, **extra)
    return pdf


def cache_key(source: str, options: PdfOptions) -> str:
    import weasyprint

    digest = hashlib.sha256()
    versions = (weasyprint.__version__, __version__, NOTES_FORMAT)
    for part in (source, options.paper, str(options.tagged), *versions):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def fixes_to_json(fixes: tuple[Fix, ...]) -> str:
    rows = [{"path": list(f.path), "mark": f.mark, "reason": f.reason} for f in fixes]
    return json.dumps(rows, indent=1) + "\n"


def fixes_from_json(text: str) -> tuple[Fix, ...]:
    return tuple(Fix(tuple(r["path"]), r["mark"], r["reason"]) for r in json.loads(text))
