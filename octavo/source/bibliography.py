"""book.toml's `bibliography` (CSL-JSON, or BibTeX by its `.bib` name) and `csl` (a
citation style), read inside the book folder through the sandbox (octavo.sandbox), checked
before anything is rendered: E150 for a file missing, outside the book or malformed (at the
file's line where its parser says), W151 for a key given twice. Each entry's line is found
here, once, and kept (Bibliography.line_of: E150 at an entry citeproc-py cannot format).

A CSL style is XML from an untrusted book: it is parsed here with no DTD loaded, no entity
expanded and no network, refused if it declares a DOCTYPE, and written again, so that
citeproc-py's own parser (which would expand entities) only ever sees the clean copy.
Without `csl`, the style citeproc-py ships is used (octavo.render.citeproc_book.DEFAULT_STYLE).
Nothing here imports citeproc-py; a book without `bibliography` never imports this module.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

from octavo.errors import Diagnostic, error, warning
from octavo.model.bibliography import CSL_NS, Bibliography, csl, folded
from octavo.sandbox import FileRefused, read_file
from octavo.settings import BookConfig
from octavo.source.files import composed, line_of_offset, shown

__all__ = ["load_bibliography"]
_BIB_KEY = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,")
_NOT_ENTRIES = ("comment", "preamble", "string")
_JSON_ID = re.compile(r'"id"\s*:\s*("(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?)')


def load_bibliography(
    config: BookConfig, root: Path
) -> tuple[Bibliography | None, tuple[Diagnostic, ...]]:
    """The book's bibliography and style, or None (none set, or a problem: told)."""
    if not config.bibliography:
        return None, ()
    found: list[Diagnostic] = []
    data = _read(config, root, "bibliography", "section", found)
    if data is not None:  # in NFC, as the sections are (a text not UTF-8 is told below)
        with contextlib.suppress(UnicodeDecodeError):
            text = data.decode("utf-8-sig")
            data = data if composed(text) is text else composed(text).encode()
    style_path = shown(root / config.csl) if config.csl else None
    style = _read(config, root, "csl", "style", found) if config.csl else b""
    if data is None or style is None:
        return None, tuple(found)
    path = shown(root / config.bibliography)
    bibtex = path.suffix.lower() == ".bib"
    keyed = _bib_keys(data, path, found) if bibtex else _json_keys(data, path, found)
    if style_path is not None:
        style = _clean_style(style, style_path, found)
    if keyed is None or style is None:
        return None, tuple(found)
    keys, lines = _unique(keyed, path, found)
    language = config.language
    return Bibliography(path, data, bibtex, keys, style_path, style, language, lines), tuple(found)


def _read(
    config: BookConfig, root: Path, key: str, kind: str, found: list[Diagnostic]
) -> bytes | None:
    name = str(getattr(config, key))
    try:
        return read_file(root / name, (root.resolve(),), kind, root / name)
    except FileRefused as refused:
        why = refused.diagnostic.message
        found.append(
            error(
                "E150",
                f"{key} '{name}': {why}",
                config.path,
                config.line_of(key),
                hint="name a file inside the book folder, relative to it: "
                f'{key} = "{"refs.json" if key == "bibliography" else "style.csl"}"',
            )
        )
        return None


def _text(data: bytes, path: Path, found: list[Diagnostic]) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = line_of_offset(data, exc.start)
        found.append(error("E150", "not UTF-8", path, line, hint="save the file as UTF-8"))
        return None


Keyed = list[tuple[str, int | None]]  # each entry's key, and its line


def _json_keys(data: bytes, path: Path, found: list[Diagnostic]) -> Keyed | None:
    text = _text(data, path, found)
    if text is None:
        return None
    try:
        entries = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        why = getattr(exc, "msg", str(exc))
        found.append(error("E150", f"not valid CSL-JSON: {why}", path, line))
        return None
    except RecursionError:  # `[[[[…` thousands deep: Python's parser gives up
        found.append(error("E150", "not valid CSL-JSON: nested too deep", path, 1))
        return None
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("id"), str | int) for e in entries
    ):
        found.append(
            error(
                "E150",
                'CSL-JSON must be a list of entries, each with an "id"',
                path,
                1,
                hint='[{"id": "doe99", "type": "book", "title": "…"}]',
            )
        )
        return None
    ids = [str(e["id"]) for e in entries]
    written = [(_id(m[1]), text.count("\n", 0, m.start()) + 1) for m in _JSON_ID.finditer(text)]
    if [key for key, _ in written] == ids:
        return list(written)
    last = dict(written)  # an "id" of another field's object among them
    return [(key, last.get(key)) for key in ids]


def _id(token: str) -> str:
    """An "id"'s value, as written (`"doe99"`, `1999`), as the entries' ids are read."""
    try:
        return str(json.loads(token))
    except ValueError:
        return token


def _bib_keys(data: bytes, path: Path, found: list[Diagnostic]) -> Keyed | None:
    text = _text(data, path, found)
    if text is None:
        return None
    keyed: Keyed = [
        (match[2], text.count("\n", 0, match.start()) + 1)
        for match in _BIB_KEY.finditer(text)
        if match[1].lower() not in _NOT_ENTRIES
    ]
    if not keyed and text.strip():
        found.append(error("E150", "no BibTeX entry (@book{key, …}) found", path, 1))
        return None
    return keyed


def _unique(
    keyed: Keyed, path: Path, found: list[Diagnostic]
) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """Each key once, and the line of its entry (the last given: the one citeproc-py
    reads); W151 for a key given again (citeproc-py reads keys without their case: `Doe99`
    and `doe99` are one key)."""
    seen: dict[str, str] = {}
    lines: dict[str, int] = {}
    for key, line in keyed:
        if folded(key) in seen:
            found.append(
                warning(
                    "W151",
                    f"key '{key}' is given again (as '{seen[folded(key)]}'): the last is used",
                    path,
                    line,
                    hint="give each entry a key of its own (keys are read without their case)",
                )
            )
        seen[folded(key)] = key
        if line is not None:
            lines[folded(key)] = line
    return tuple(dict.fromkeys(k for k, _ in keyed)), tuple(lines.items())


def _clean_style(data: bytes, path: Path, found: list[Diagnostic]) -> bytes | None:
    """The style, parsed safely and written again; None (E150) if it is not a CSL style."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True,
    )  # fmt: skip
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        found.append(error("E150", f"not well-formed XML: {exc.msg}", path, exc.lineno))
        return None
    if tree.docinfo.doctype:
        found.append(
            error(
                "E150",
                "a CSL style may not declare a DOCTYPE (its entities are never read)",
                path,
                1,
                hint="remove the <!DOCTYPE …> line",
            )
        )
        return None
    root = tree.getroot()
    if root.tag != csl("style") or root.find(csl("citation")) is None:
        found.append(
            error(
                "E150",
                'not a CSL style: its root must be <style xmlns="' + CSL_NS + '"> '
                "with a <citation>",
                path,
                root.sourceline,
            )
        )
        return None
    return bytes(etree.tostring(root, encoding="utf-8"))
