"""Sandboxed loading: files under a few allowed folders and `data:` URLs, nothing else.

`Sandbox.resolve(url)` is the rule, usable by any renderer (the PDF now, the EPUB later):
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from octavo.errors import Diagnostic, error

__all__ = ["FetchRefused", "Sandbox", "weasyprint_fetcher"]

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

    def resolve(self, url: str) -> Path:
        """The real path of an allowed `file:` URL, else FetchRefused."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise self.refusal("E602", url, "network and non-file URLs are never fetched")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root.resolve()) for root in self.roots):
            raise self.refusal("E601", url, "outside the book, templates/ and styles/")
        if not path.is_file():
            raise self.refusal("E603", url, "no such file")
        return path

    def load(self, url: str) -> tuple[bytes, str, Path]:
        """(content, MIME type, real path) of an allowed file."""
        path = self.resolve(url)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return path.read_bytes(), mime, path

    def refusal(self, code: str, url: str, why: str) -> FetchRefused:
        return FetchRefused(error(code, f"refused to load {url}: {why}", self.source, hint=HINT))


MAX_DATA_URL = 2 * 1024 * 1024


def weasyprint_fetcher(sandbox: Sandbox) -> Any:
    """A WeasyPrint URLFetcher that loads through `sandbox` and stops on a refusal."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class Refused(FatalURLFetchingError):  # type: ignore[misc]
        def __init__(self, refused: FetchRefused):
            self.diagnostic = refused.diagnostic
            super().__init__(str(refused.diagnostic))

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
            return URLFetcherResponse(path.as_uri(), content, {"Content-Type": mime})

    return SandboxFetcher(allowed_protocols=("file", "data"))
