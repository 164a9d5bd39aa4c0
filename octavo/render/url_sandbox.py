"""Sandboxed loading: files under a few allowed folders and `data:` URLs, nothing else.

`Sandbox.resolve(url)` is the rule for every renderer (the PDF, the EPUB cover):
a `file:` URL whose real path (symlinks followed) lies under one of the allowed roots
gives that path; the network, `file:///etc/passwd`, a symlink out of the book or a
missing file raise `FetchRefused`, which carries a Diagnostic (E601-E603).

`weasyprint_fetcher(sandbox)` adapts it to WeasyPrint's `url_fetcher`. There the refusal
is raised as WeasyPrint's `FatalURLFetchingError`, which stops the rendering; any other
exception would only be logged and skipped, and the book would silently lose a font or
a stylesheet.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from octavo.errors import Diagnostic, error
from octavo.limits import MAX_DATA_URL
from octavo.render.image_depth import eight_bit
from octavo.render.image_limits import quiet_large_images
from octavo.sandbox import FileRefused, read_file

if TYPE_CHECKING:
    from octavo.project import Project

__all__ = [
    "FetchRefused",
    "Sandbox",
    "book_sandbox",
    "real_urls",
    "sandbox_url",
    "sandboxed_html",
    "weasyprint_fetcher",
]

HINT = "refer only to files of the book, templates/ or styles/"


class FetchRefused(Exception):
    """A URL the sandbox will not load; `diagnostic` says which and why."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


@dataclass(frozen=True, slots=True)
class Sandbox:
    """The folders a build may read from."""

    roots: tuple[Path, ...]
    source: Path | None = None  # the file or folder named in diagnostics
    # (book folder, octavo's folder): a file a book's override refers to by a relative URL
    # that the book lacks is taken from octavo's folder at the same place (a copied
    # styles/print/fonts.css keeps finding ../fonts/)
    fallbacks: tuple[tuple[Path, Path], ...] = ()
    # (name, folder): `file://name/rest` is folder/rest, a URL that is the same wherever
    # the folder lies (the host of a file: URL is otherwise refused as the network)
    places: tuple[tuple[str, Path], ...] = ()

    def resolve(self, url: str) -> Path:
        """The real path of an allowed `file:` URL, else FetchRefused."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            raise self.refusal("E602", url, "network and non-file URLs are never fetched")
        if parts.netloc in ("", "localhost"):
            named = Path(unquote(parts.path))
        else:
            folder = dict(self.places).get(parts.netloc)
            if folder is None:
                raise self.refusal("E602", url, "network and non-file URLs are never fetched")
            named = folder / unquote(parts.path).lstrip("/")
        path = self._fallback(named)
        real = path.resolve()
        if not any(real.is_relative_to(root.resolve()) for root in self.roots):
            raise self.refusal("E601", url, "outside the book, templates/ and styles/")
        if not real.is_file():
            raise self.refusal("E603", url, "no such file")
        return path

    def url(self, path: Path) -> str:
        """The `file:` URL of `path`: by the name of its place if it lies in one (the same
        URL wherever that folder is), else by its real path."""
        real = path.resolve()
        for name, folder in self.places:
            if real.is_relative_to(folder.resolve()):
                rest = real.relative_to(folder.resolve()).as_posix()
                return f"file://{name}/{quote('' if rest == '.' else rest)}"
        return real.as_uri()

    def _fallback(self, path: Path) -> Path:
        if path.exists() or path.is_symlink():
            return path
        for own, shipped in self.fallbacks:
            if path.is_relative_to(own) and (shipped / path.relative_to(own)).is_file():
                return shipped / path.relative_to(own)
        return path

    def load(self, url: str) -> tuple[bytes, str, Path]:
        """(content, MIME type, real path) of an allowed file, read by octavo.sandbox's rules
        (regular files only, size limits, checked before reading)."""
        path = self.resolve(url)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        kind = (
            "font"
            if mime.startswith("font") or path.suffix in (".otf", ".ttf", ".woff", ".woff2")
            else "any"
        )
        kind = "style" if path.suffix == ".css" else "image" if mime.startswith("image") else kind
        try:
            content = read_file(path, self.roots, kind, self.source)
        except FileRefused as refused:
            raise FetchRefused(refused.diagnostic) from refused
        return content, mime, path.resolve()

    def refusal(self, code: str, url: str, why: str) -> FetchRefused:
        file, line = _written(self.source, url) if self.source else (None, None)
        told = error(code, f"refused to load {url}: {why}", file or self.source, line, hint=HINT)
        return FetchRefused(told)


def _written(source: Path, url: str) -> tuple[Path | None, int | None]:
    """Where a book's own stylesheet or template writes `url` (or the last part of its
    path, as written before WeasyPrint resolved it), when `source` is the book's folder:
    the file and line a refusal names, not the folder alone. (None, None) if not found.
    A file that a link of those folders leads to is named by the link, the file the book
    uses (`styles/print/book.css` linked to `../mine/real.css`), as a linked section is."""
    if not source.is_dir():
        return None, None
    tail = url.rstrip("/").rsplit("/", 1)[-1]
    for folder in (source / "styles", source / "templates"):
        paths = sorted(folder.rglob("*")) if folder.is_dir() else []
        for path in paths:
            if path.suffix not in (".css", ".html", ".xhtml") or not path.is_file():
                continue
            try:
                kind = "style" if path.suffix == ".css" else "template"
                text = read_file(path, (source,), kind).decode("utf-8", "replace")
            except FileRefused:
                continue
            for wanted in (url, tail):
                at = text.find(wanted) if wanted else -1
                if at >= 0:
                    return _link_to(path, paths), text.count("\n", 0, at) + 1
    return None, None


def _link_to(path: Path, paths: list[Path]) -> Path:
    """The first of `paths` that is a link leading to `path` (itself a file, not a link),
    else `path`."""
    if path.is_symlink():
        return path
    real = path.resolve()
    return next((p for p in paths if p.is_symlink() and p.resolve() == real), path)


def weasyprint_fetcher(sandbox: Sandbox) -> Any:
    """A WeasyPrint URLFetcher that loads through `sandbox` and stops on a refusal."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class Refused(FatalURLFetchingError):  # type: ignore[misc]
        def __init__(self, refused: FetchRefused):
            self.diagnostic = refused.diagnostic
            super().__init__(str(refused.diagnostic))

    class Response(URLFetcherResponse):  # type: ignore[misc]
        """`path` (where WeasyPrint reads a big image again) is the real file, never
        one made of a `file://name/` URL."""

        def __init__(self, url: str, real: Path | None, content: bytes, mime: str):
            super().__init__(url, content, {"Content-Type": mime})
            self.real = real

        @property
        def path(self) -> str | None:  # None: the content is not the file's (converted)
            return None if self.real is None else str(self.real)

    class SandboxFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if urlsplit(url).scheme.lower() == "data":
                if len(url) > MAX_DATA_URL:
                    refused = sandbox.refusal(
                        "E607", url[:40] + "…", f"data: URL over {MAX_DATA_URL // 1024} KiB"
                    )
                    raise Refused(refused)
                return super().fetch(url, headers)
            try:
                content, mime, path = sandbox.load(url)
            except FetchRefused as refused:
                raise Refused(refused) from refused
            real: Path | None = path
            if mime == "image/svg+xml":  # no scripts, nothing loaded from outside
                content = _clean_svg(content)
            elif mime.startswith("image/"):
                quiet_large_images()  # WeasyPrint opens it next, with Pillow
                if (grey := eight_bit(content)) is not None:
                    content, real = grey, None  # WeasyPrint prints 16-bit grey as noise
            # the base of the file's own relative URLs: by its place's name, as WeasyPrint
            # names the images it loads by their URLs
            return Response(sandbox.url(path), real, content, mime)

    return SandboxFetcher(allowed_protocols=("file", "data"))


def _clean_svg(content: bytes) -> bytes:
    from octavo.render.svg import SvgError, clean_svg

    try:
        return clean_svg(content)[0]
    except SvgError:  # the manuscript reported it (E507); WeasyPrint shows nothing
        return b'<svg xmlns="http://www.w3.org/2000/svg"/>'


def book_sandbox(project: Project) -> Sandbox:
    """What a build may read on a book's behalf (Project.sandbox_roots): the book, octavo's
    templates/ and styles/."""
    from octavo.project import STYLES, TEMPLATES

    book = project.root.absolute()
    return Sandbox(
        project.sandbox_roots,
        project.root,
        ((book / "styles", STYLES), (book.resolve() / "styles", STYLES)),
        (("book", book.resolve()), ("templates", TEMPLATES), ("styles", STYLES)),
    )


def sandbox_url(project: Project, path: Path) -> str:
    """The URL WeasyPrint is given for a file of the book or of octavo (`file://book/…`,
    `file://styles/…`): the same wherever the book lies and octavo is installed."""
    return book_sandbox(project).url(path)


def real_urls(html: str, project: Project) -> str:
    """`html` with its `href` and `src` URLs of sandbox_url by the files' paths again, for
    `invoke pdf --html`: a file WeasyPrint alone (or a browser) lays out, stylesheets and all.
    Its relative URLs (a section's `images/map.png`) were resolved against the book's folder
    (sandboxed_html's base URL): a `<base>` says so, or WeasyPrint alone, given the file
    where it was written (`build/`), lost every image (the 800-section study: 1090 pages
    against the book's 1146)."""
    for name, folder in book_sandbox(project).places:
        html = re.sub(rf'(\s(?:href|src)=")file://{name}/', rf"\g<1>{folder.as_uri()}/", html)
    if "<base " in html:
        return html
    base = escape(project.root.resolve().as_uri() + "/")
    return re.sub(r"<head\b[^>]*>", lambda m: f'{m[0]}<base href="{base}">', html, count=1)


def sandboxed_html(source: str, project: Project) -> Any:
    """weasyprint.HTML of `source`, loading only through the book's sandbox (every
    WeasyPrint call on a book's behalf starts here)."""
    from weasyprint import HTML

    return HTML(
        string=source,
        base_url=sandbox_url(project, project.root),  # file://book/
        url_fetcher=weasyprint_fetcher(book_sandbox(project)),
    )
