"""Assertions for end-to-end tests that ask the real validators about a built EPUB.

Import from a test:

    from tests.support.validators import assert_ace_clean, assert_epubcheck_clean

A missing validator raises ``octavo.check.epub.ToolMissing`` (a failure, never a
skip): run ``bash .ci/install-system`` first, as ``.ci/run`` does.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from pathlib import Path

from octavo.check.epub import AceResult, EpubcheckResult, run_ace, run_epubcheck

__all__ = [
    "assert_ace_clean",
    "assert_epubcheck_clean",
    "assert_reproducible",
    "assert_zip_layout",
    "epub_members",
]


def assert_epubcheck_clean(epub: Path, allow: Collection[str] = ()) -> EpubcheckResult:
    """EPUBCheck (usage messages on) reports nothing, except message ids in ``allow``."""
    result = run_epubcheck(epub, usage=True)
    left = [m for m in result.messages if m.id not in allow]
    assert not left, f"EPUBCheck {result.version}, {len(left)} message(s):\n" + "\n".join(
        str(m) for m in left
    )
    return result


def assert_ace_clean(
    epub: Path, allow: Collection[str] = (), outdir: Path | None = None
) -> AceResult:
    """DAISY Ace finds no violation, except rules (e.g. "color-contrast") in ``allow``.
    Its report is kept (and named) only when it finds one, or in ``outdir`` if given."""
    folder = outdir if outdir is not None else Path(tempfile.mkdtemp(prefix="ace-"))
    left = None
    try:
        result = run_ace(epub, folder)
        left = [v for v in result.violations if v.rule not in allow]
    finally:
        if not left and outdir is None:  # nothing to read (Ace missing, or clean)
            shutil.rmtree(folder, ignore_errors=True)
    assert not left, f"Ace, {len(left)} violation(s) (report: {result.report}):\n" + "\n".join(
        str(v) for v in left
    )
    return result


def epub_members(epub: Path) -> dict[str, bytes]:
    """Every member of the EPUB by name, in zip order."""
    with zipfile.ZipFile(epub) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def assert_zip_layout(epub: Path, when: datetime | None = None) -> None:
    """OCF and reproducibility rules: mimetype first, stored, no extra field; then
    names sorted, deflated, mode 0644, all dated ``when`` (UTC) if given."""
    with zipfile.ZipFile(epub) as archive:
        infos = archive.infolist()
        first = infos[0]
        assert first.filename == "mimetype", f"first member is {first.filename}"
        assert first.compress_type == zipfile.ZIP_STORED, "mimetype is compressed"
        assert not first.extra, "mimetype has an extra field"
        assert archive.read(first) == b"application/epub+zip"
    names = [i.filename for i in infos[1:]]
    assert names == sorted(names), f"members not sorted: {names}"
    stamp = when.astimezone(UTC).timetuple()[:6] if when is not None else infos[0].date_time
    for info in infos:
        assert info.date_time == tuple(stamp), f"{info.filename} dated {info.date_time}"
        assert info.external_attr >> 16 == 0o100644, (
            f"{info.filename} mode {info.external_attr >> 16:o}"
        )
        if info is not first:
            assert info.compress_type == zipfile.ZIP_DEFLATED, f"{info.filename} not deflated"


def assert_reproducible(build: Callable[[Path], None], tmp_path: Path) -> bytes:
    """``build(out)`` twice into different files gives the same bytes; returns them."""
    first, second = tmp_path / "first.epub", tmp_path / "second.epub"
    build(first)
    build(second)
    one, two = first.read_bytes(), second.read_bytes()
    if one != two:
        a, b = epub_members(first), epub_members(second)
        differ = sorted(n for n in a.keys() | b.keys() if a.get(n) != b.get(n))
        raise AssertionError(f"two builds differ; members that differ: {differ or 'zip metadata'}")
    return one
