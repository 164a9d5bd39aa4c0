"""Page previews: PNG images of PDF pages and a contact sheet (with the EPUB cover)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from octavo.errors import BuildError, Diagnostic, boundary, error
from octavo.output_folder import write_folder
from octavo.output_guard import guard_output
from octavo.write import atomic_bytes

__all__ = [
    "contact_sheet",
    "preview",
    "render_pages",
]

_SHEET_BACKGROUND = (224, 221, 214)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def page_pngs(pdf: Path | bytes, pages: int, dpi: int = 96) -> tuple[tuple[str, bytes], ...]:
    """The first `pages` pages of `pdf` (a file, or its bytes) as ('page-001.png', PNG), …"""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf) if isinstance(pdf, Path) else pdf)
    made = []
    try:
        for index in range(min(pages, len(document))):
            bitmap = document[index].render(scale=dpi / 72)
            image = bitmap.to_pil().convert("RGB")
            made.append((f"page-{index + 1:03d}.png", _png(image)))
    finally:
        document.close()
    return tuple(made)


def render_pages(pdf: Path | bytes, out: Path, pages: int, dpi: int = 96) -> tuple[Path, ...]:
    """The first `pages` pages of `pdf` (a file, or its bytes) as out/page-001.png, …"""
    return tuple(atomic_bytes(out / name, data) for name, data in page_pngs(pdf, pages, dpi))


def contact_sheet(images: tuple[Path, ...], out: Path, columns: int = 4, height: int = 420) -> Path:
    """Thumbnails side by side, `columns` a row, each `height` pixels tall, with page labels."""
    named = tuple((path.stem, path.read_bytes()) for path in images)
    return atomic_bytes(out, sheet_png(named, columns, height))


def sheet_png(images: tuple[tuple[str, bytes], ...], columns: int = 4, height: int = 420) -> bytes:
    """The contact sheet of `images` (label, image bytes), as PNG bytes."""
    thumbs = []
    for _, data in images:
        with Image.open(io.BytesIO(data)) as image:
            scale = height / image.height
            thumbs.append(
                image.convert("RGB").resize(
                    (max(1, round(image.width * scale)), height), Image.Resampling.LANCZOS
                )
            )
    if not thumbs:
        raise ValueError("no pages to put on a contact sheet")
    gap, label = 16, 22
    width = max(t.width for t in thumbs)
    rows = -(-len(thumbs) // columns)
    sheet = Image.new(
        "RGB",
        (columns * (width + gap) + gap, rows * (height + gap + label) + gap),
        _SHEET_BACKGROUND,
    )
    draw = ImageDraw.Draw(sheet)
    for index, (thumb, (name, _)) in enumerate(zip(thumbs, images, strict=True)):
        x = gap + (index % columns) * (width + gap)
        y = gap + (index // columns) * (height + gap + label)
        sheet.paste(thumb, (x, y))
        draw.text((x, y + height + 4), name, fill=(60, 60, 60))
    return _png(sheet)


def preview(
    book: Path, pages: int, out: Path | None = None, strict: bool = False
) -> tuple[tuple[Path, ...], tuple[Diagnostic, ...]]:
    """`invoke preview`: PNGs of the first PDF pages, and a contact sheet with the cover;
    and what the builds of the PDF and the EPUB found (told as `invoke pdf` and `invoke
    epub` tell it, fatal if `strict`). By default (build/preview/) the PDF and the EPUB are
    built at their default places in build/, if missing or stale, as `invoke cover` builds
    the PDF it counts; for an `--out`, they are made in memory and written nowhere: the
    preview wrote build/<slug>.epub and .pdf, files nobody asked for, beside it."""
    from octavo import api

    if pages < 0:  # `--pages -3` rendered no page and said nothing (as `invoke cover`: E645)
        raise BuildError([error("E645", f"--pages {pages}: a page count is 0 or more")])
    given = api.Sources(book, strict)
    target = out or given.project.build / "preview"
    if out is not None:  # never into the book, never onto a device (docs/security.md)
        guard_output(given.project.root, out, folder=True, example="build/preview")
    pdf: Path | bytes
    if out is None:
        pdf, found = api.build_pdf(given, strict=strict)
    else:
        pdf, found = api.laid_out_pdf(given, strict=strict)
    cover, more = api.epub_cover(given, target, strict, built=out is None)
    with boundary("the preview"):
        made = page_pngs(pdf, pages)
        shown = (*(((cover.stem, cover.read_bytes()),) if cover else ()), *made)
        labelled = tuple((name.removesuffix(".png"), data) for name, data in shown)
        sheet = ("contact-sheet.png", sheet_png(labelled))
        # one set: the pages an earlier preview wrote there and this one does not (fewer
        # --pages, a shorter book) are removed, never a file octavo did not write
        written, kept = write_folder(given.project, target, (*made, sheet), strict)
    return written, tuple(dict.fromkeys(found + more + kept))
