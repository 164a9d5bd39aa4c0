"""The EPUB's stylesheets, read through the sandbox and checked like print CSS.

The EPUB packs only its stylesheets: a rule that would load anything else (`@import`, a
`url()` to a file or the network) could not work in a reading system, and would be a way to
reach out of the book. Such a stylesheet is refused (E602 for the network, E608 otherwise);
`data:` URLs are kept, up to the same size as in print (E607).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tinycss2

from octavo.errors import BuildError, Diagnostic, error
from octavo.limits import MAX_DATA_URL
from octavo.project import Project
from octavo.sandbox import FileRefused, read_file

__all__ = ["epub_stylesheet"]

HINT = "the EPUB packs only its stylesheets: use a data: URL, or drop the rule"


def epub_stylesheet(name: str, project: Project) -> bytes:
    """The bytes of style `name` (the book's override first), or BuildError."""
    path = project.style(name)
    try:
        data = read_file(path, project.sandbox_roots, "style")
    except FileRefused as refused:
        raise BuildError([refused.diagnostic]) from refused
    problems = list(_reaching_out(data.decode("utf-8", "replace"), path))
    if problems:
        raise BuildError(problems)
    return data


def _reaching_out(css: str, path: Path) -> Iterator[Diagnostic]:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for node in _walk(rules):
        if node.type == "at-rule" and node.lower_at_keyword == "import":
            yield error("E608", "@import in an EPUB stylesheet", path, node.source_line, HINT)
        url = _url(node)
        if url is None or (url.lower().startswith("data:") and len(url) <= MAX_DATA_URL):
            continue
        if url.lower().startswith("data:"):
            yield error("E607", "data: URL over 2048 KiB", path, node.source_line, HINT)
        elif ":" in url.split("/")[0]:
            yield error("E602", f"refused to load {url[:80]}", path, node.source_line, HINT)
        else:
            yield error(
                "E608", f"url({url[:80]}) in an EPUB stylesheet", path, node.source_line, HINT
            )


def _url(node: Any) -> str | None:
    if node.type == "url":
        return str(node.value)
    if node.type == "function" and node.lower_name in ("url", "src", "image-set", "image"):
        strings = [a.value for a in node.arguments if a.type == "string"]
        return str(strings[0]) if strings else ""
    return None


def _walk(nodes: Any) -> Iterator[Any]:
    for node in nodes or ():
        yield node
        for child in ("prelude", "content", "arguments"):
            yield from _walk(getattr(node, child, None))
        if node.type in ("() block", "[] block", "{} block"):
            yield from _walk(node.content)
