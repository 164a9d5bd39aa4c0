"""The EPUB's cover image (COVER_SIZE pixels, PNG).

The shipped design is drawn with Pillow (octavo.render.epub.cover_draw): no WeasyPrint on
the EPUB path. A book with its own templates/shared/cover.html or styles/cover.css has its
design laid out by WeasyPrint in the URL sandbox, and that PNG is kept by the hash of all
that draws it in the cache store (the cover HTML, its stylesheet, the files it loads, the
versions: octavo.cache.fingerprint).
Deterministic either way: the same text gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from octavo.cache import Store, fingerprint
from octavo.model import BookConfig, Labels, Manuscript
from octavo.project import STYLES, TEMPLATES, Project
from octavo.render.metadata import contributor_lines
from octavo.shipped import BOLD_FACE, FONTS, ITALIC_FACE, REGULAR_FACE
from octavo.text import no_orphan, strip_tags

if TYPE_CHECKING:  # a book's own design only: the shipped one needs no URL sandbox
    from octavo.render.url_sandbox import Sandbox

__all__ = [
    "CoverText",
    "cached_cover",
    "cover_html",
    "cover_key",
    "cover_text",
    "cover_text_of",
    "own_design",
    "prepare_shipped_cover",
    "render_cover",
    "shipped_cover",
]


@dataclass(frozen=True, slots=True)
class CoverText:
    language: str
    title: str  # plain, for the HTML <title> and the image's alt text
    title_html: str
    subtitle_html: str
    country: str
    series: str
    publisher: str
    contributors: tuple[str, ...] = ()  # 'A and B', 'Edited by C' (octavo.render.metadata)

    @property
    def alt(self) -> str:
        """What the cover says (the label cover_alt puts it in a sentence)."""
        subtitle = strip_tags(self.subtitle_html)
        parts = [self.series, self.title, subtitle, *self.contributors, self.publisher]
        return ". ".join(p for p in parts if p) + "."


def cover_text(manuscript: Manuscript) -> CoverText:
    book = manuscript.book
    return cover_text_of(book.config, book.labels, manuscript.title_html, manuscript.subtitle_html)


def cover_text_of(
    config: BookConfig, labels: Labels, title_html: str, subtitle_html: str
) -> CoverText:
    """What the cover says: book.toml's words, the title and subtitle as inline XHTML, and
    who made the book as the title page says it, in the book's language."""
    return CoverText(
        config.language,
        config.title,
        no_orphan(title_html),
        no_orphan(subtitle_html),
        config.country,
        config.series,
        config.publisher,
        contributor_lines(config, labels),
    )


def cover_html(cover: CoverText, project: Project) -> str:
    from octavo.render.url_sandbox import sandbox_url

    template = project.env().get_template("shared/cover.html")
    sheet = sandbox_url(project, project.style("cover.css"))  # file://book/… or file://styles/…
    return template.render(cover=cover, stylesheets=[sheet])


def render_cover(manuscript: Manuscript) -> bytes:
    """The cover as PNG bytes, COVER_SIZE pixels: drawn with Pillow in the shipped design,
    or by WeasyPrint when the book has its own cover template or stylesheet."""
    if not own_design(manuscript.book.project):
        return shipped_cover(cover_text(manuscript))
    return _laid_out_cover(manuscript)


@lru_cache(maxsize=4)
def shipped_cover(text: CoverText) -> bytes:
    """The shipped design drawn (kept in memory: octavo.render.epub.prepare draws it early).
    Pillow is imported here, not by every EPUB build: a cover in the cache needs none."""
    from octavo.render.epub.cover_draw import draw_cover

    return draw_cover(text, FONTS)


def own_design(project: Project) -> bool:
    """Does the book draw its own cover (templates/shared/cover.html or styles/cover.css)?"""
    own_templates = [d for d in project.template_dirs if d != TEMPLATES]
    return project.style("cover.css").parent != STYLES or any(
        (d / "shared" / "cover.html").exists() for d in own_templates
    )


def _laid_out_cover(manuscript: Manuscript) -> bytes:
    """The book's own cover design, laid out by WeasyPrint in the URL sandbox."""
    import pypdfium2

    from octavo.render.epub.cover_draw import COVER_SIZE
    from octavo.render.guarded import guarded
    from octavo.render.url_sandbox import sandboxed_html

    project = manuscript.book.project
    html = cover_html(cover_text(manuscript), project)
    pdf = guarded(lambda: sandboxed_html(html, project).write_pdf())
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        width_pt = page.get_width()
        image = page.render(scale=COVER_SIZE[0] / width_pt).to_pil().convert("RGB")
    finally:
        document.close()
    if image.size != COVER_SIZE:
        image = image.resize(COVER_SIZE)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def cached_cover(manuscript: Manuscript, cache: Path | None) -> bytes:
    """`render_cover`, kept in the cache store's folder `cache` by the fingerprint of all
    that draws it (the shipped design: its words and fonts, octavo's code; a book's own:
    cover_key); the book's previous cover is dropped (other books' are kept)."""
    own = own_design(manuscript.book.project)
    key = cover_key(manuscript) if own else _shipped_key(cover_text(manuscript))
    return _kept(manuscript.book.config, cache, key, lambda: render_cover(manuscript))


def prepare_shipped_cover(config: BookConfig, cache: Path | None, text: CoverText) -> None:
    """Draw the shipped design's cover into the cache (and memory) unless it is there: what
    cached_cover will need, made before the manuscript (octavo.render.epub.prepare)."""
    _kept(config, cache, _shipped_key(text), lambda: shipped_cover(text))


def _kept(config: BookConfig, cache: Path | None, key: str, draw: Callable[[], bytes]) -> bytes:
    if cache is None:
        return draw()
    store = Store(cache, signed=True)  # the PNG goes into the EPUB as it is
    book = fingerprint(config.identifier)[:8]
    name = f"cover-{book}-{key}.png"
    found = store.get(name)
    if found is not None:
        return found
    data = draw()
    store.drop(f"cover-{book}-*.png", keep=name)
    store.put(name, data, durable=False)  # signed: a torn one is drawn again
    return data


def _shipped_key(text: CoverText) -> str:
    """The fingerprint of the shipped design's cover: its words and the faces it is drawn
    in, the machine's for a text octavo's face does not hold (octavo's code, the design's
    geometry included, is in every fingerprint)."""
    from octavo.render.faces import machine_faces

    fonts = sorted(FONTS.glob("*.otf"))
    stats = [font.stat() for font in fonts]
    shipped = tuple(FONTS / name for name in (REGULAR_FACE, ITALIC_FACE, BOLD_FACE))
    texts = (text.series, text.country, text.title, strip_tags(text.subtitle_html))
    machine = machine_faces((*texts, text.publisher, *text.contributors), shipped)
    return fingerprint(
        repr(text),
        _faces(tuple((f, s.st_size, s.st_mtime_ns) for f, s in zip(fonts, stats, strict=True))),
        *((machine,) if machine else ()),  # a Latin cover's key as it was
    )


@lru_cache(maxsize=4)
def _faces(fonts: tuple[tuple[Path, int, int], ...]) -> bytes:
    """The digest of the faces' bytes, read once a process while their sizes and times
    (`fonts`: path, size, mtime) stay: 1.7 MB read and hashed twice a build otherwise."""
    digest = hashlib.sha256()
    for font, _, _ in fonts:
        data = font.read_bytes()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.digest()


def cover_key(manuscript: Manuscript) -> str:
    """The hash of all that draws the cover; every file read through the book's sandbox."""
    from octavo.render.url_sandbox import book_sandbox

    project = manuscript.book.project
    sandbox = book_sandbox(project)
    sheet = project.style("cover.css")
    css = _loaded(sandbox, sheet.absolute().as_uri())
    parts = [cover_html(cover_text(manuscript), project).encode(), css]
    for name in re.findall(rb"""url\(\s*["']?([^"')]+)""", css):
        parts.append(_loaded(sandbox, urljoin(sheet.absolute().as_uri(), name.decode())))
    return fingerprint(*parts)


def _loaded(sandbox: Sandbox, url: str) -> bytes:
    """A file's bytes, or the code of its refusal (drawing the cover then reports it)."""
    from octavo.render.url_sandbox import FetchRefused

    try:
        return sandbox.load(url)[0]
    except FetchRefused as refused:
        return f"refused {refused.diagnostic.code}".encode()
