"""Skipping builds whose inputs did not change, replaying what they reported."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

from octavo.cache import build_key, is_fresh, record
from octavo.errors import BuildError, Diagnostic, Severity
from octavo.source.config import load_config

__all__ = ["cached_build", "default_output"]

Built = tuple[Path, tuple[Diagnostic, ...]]


def default_output(book: Path, suffix: str) -> Path:
    """build/<slug><suffix>, from book.toml alone (cheap: no sections read)."""
    config, found = load_config(book)
    if config is None:
        raise BuildError(found)
    return Path("build") / f"{config.slug}{suffix}"


def _encode(found: tuple[Diagnostic, ...]) -> str:
    return json.dumps(
        [[d.code, d.severity.value, d.message, str(d.file or ""), d.line, d.hint] for d in found]
    )


def _decode(text: str) -> tuple[Diagnostic, ...]:
    return tuple(
        Diagnostic(code, Severity(severity), message, Path(file) if file else None, line, hint)
        for code, severity, message, file, line, hint in json.loads(text)
    )


def cached_build(
    book: Path,
    out: Path,
    options: Mapping[str, object],
    build: Callable[[], Built],
    extra_outputs: tuple[Path, ...] = (),
) -> Built:
    """Run `build` unless `out` (and every extra output) was built from the same inputs."""
    key = build_key(
        book, {**options, "out": out.resolve(), "extra": [str(p.resolve()) for p in extra_outputs]}
    )
    notes = out.parent / f".{out.name}.diagnostics"
    if is_fresh(out, key) and all(p.exists() for p in extra_outputs) and notes.exists():
        return out, _decode(notes.read_text())
    path, found = build()
    from octavo.write import atomic_text

    atomic_text(notes, _encode(found))
    record(out, key)
    return path, found
