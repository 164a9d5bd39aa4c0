"""Shared fixtures: the seed page, small book factories, a guard on WeasyPrint's logger."""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "raw" / "000_05991aae0ec902ad.txt"
# the required front matter the importer writes for SEED
SEED_FRONT = {
    "title": "Russia",
    "country": "Belarus",
    "chapter": 8,
    "parents": ["Foreign Relations"],
    "sequence": 58,
    "total": 81,
    "data_as_of": "1995-06",
}

os.environ.setdefault("SOURCE_DATE_EPOCH", "802828800")  # 1995-06-10, for reproducible output

# Property tests explore new examples on a developer's machine (and keep the failures they
# find in .hypothesis/); in CI they run the same examples every time, so a submission's
# verdict never depends on the draw.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


BOOK_TOML = """title = "Testland: A Country Study"
language = "en"
identifier = "urn:uuid:12345678-1234-5678-9abc-123456789abc"
country = "Testland"
chapters = { 1 = "The Economy", 2 = "Government and Politics", 3 = "National Security" }
"""


def section_source(
    sequence: int,
    title: str = "Trade",
    *,
    chapter: int = 1,
    parents: str = "[]",
    total: int = 3,
    date: str = '"1995-06"',
    body: str = "Some text.\n",
    extra: str = "",
) -> str:
    return (
        f"---\ntitle: {title}\ncountry: Testland\nchapter: {chapter}\nparents: {parents}\n"
        f"sequence: {sequence}\ntotal: {total}\ndata_as_of: {date}\n{extra}---\n\n{body}"
    )


class MakeBook(Protocol):
    """The type of the `make_book` fixture."""

    def __call__(self, files: dict[str, str | bytes], toml: str = ...) -> Path: ...


@pytest.fixture
def make_book(tmp_path: Path) -> MakeBook:
    """make_book({"001-a.md": text, ...}) -> a book folder with a valid book.toml."""

    def make(files: dict[str, str | bytes], toml: str = BOOK_TOML) -> Path:
        root = tmp_path / "book"
        root.mkdir(exist_ok=True)
        (root / "book.toml").write_text(toml, encoding="utf-8")
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


class _FailOnWarning(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def ctime_settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files aged with os.utime as if their ctime were as old: a test cannot set a ctime,
    and the racy rule (octavo.stat_cache.changed_at) counts it."""
    from octavo import stamps, stat_cache

    def mtime_only(info: os.stat_result) -> int:
        return info.st_mtime_ns

    monkeypatch.setattr(stat_cache, "changed_at", mtime_only)
    monkeypatch.setattr(stamps, "changed_at", mtime_only)


@pytest.fixture
def collector() -> Iterator[None]:
    """Python's cyclic garbage collector enabled, as a process starts it, and as it was
    after the test (octavo.collector)."""
    enabled = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if enabled else gc.disable)()


@pytest.fixture(autouse=True)
def no_weasyprint_warnings() -> Iterator[None]:
    """Any warning WeasyPrint logs (CSS problems, failed loads) fails the test."""
    handler = _FailOnWarning()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    messages = [r.getMessage() for r in handler.records]
    assert not messages, f"WeasyPrint warned: {messages}"
