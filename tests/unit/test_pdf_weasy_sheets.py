"""octavo.render.pdf.weasy_sheets: the stylesheets WeasyPrint prepared, kept between
processes in the user's cache; the same PDF bytes as preparing them anew. Each build is a
fresh interpreter (a process prepares a stylesheet once and remembers it)."""

from __future__ import annotations

import collections
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from octavo.render.pdf import weasy_sheets
from octavo.render.signed import sign
from tests.conftest import ROOT

# a fresh interpreter: the book's PDF laid out in one process with the user's cache at
# argv[1]; how many stylesheets were found kept, and the PDF's digest, on the last line
_PROBE = """
import hashlib, json, sys
from pathlib import Path
from octavo.render.pdf import weasy_sheets
found = []
shipped = weasy_sheets.kept
def counted(key, *size):
    got = shipped(key, *size)
    found.append(got is not None)
    return got
weasy_sheets.kept = counted
from octavo import api
path, _ = api.build_pdf(Path(sys.argv[2]), Path(sys.argv[3]), jobs=1)
print(json.dumps({"kept": sum(found), "asked": len(found),
                  "pdf": hashlib.sha256(path.read_bytes()).hexdigest()}))
"""


def _probe(book: Path, user_cache: Path, out: Path) -> dict[str, object]:
    env = {**os.environ, "XDG_CACHE_HOME": str(user_cache), "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(user_cache), str(book), str(out)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_kept_stylesheets_give_the_same_bytes(small_book: Path, tmp_path: Path) -> None:
    users = tmp_path / "user"
    first = _probe(small_book, users, tmp_path / "a.pdf")
    folder = users / "octavo" / "stylesheets"
    entries = sorted(p.name for p in folder.iterdir())
    assert first["kept"] == 0 and entries  # prepared, then kept
    for path in (small_book / "build").rglob("*"):  # the book's own state: a cold build
        if path.is_file():
            path.unlink()
    again = _probe(small_book, users, tmp_path / "b.pdf")
    assert again["kept"] == len(entries) and again["pdf"] == first["pdf"]
    for entry in folder.iterdir():  # none kept: prepared as shipped, the same bytes
        entry.unlink()
    for path in (small_book / "build").rglob("*"):
        if path.is_file():
            path.unlink()
    env_none = _probe(small_book, tmp_path / "other-user", tmp_path / "c.pdf")
    assert env_none["kept"] == 0 and env_none["pdf"] == first["pdf"]


def _prepared() -> tuple[Any, ...]:
    """A stylesheet of octavo's prepared by WeasyPrint: (matcher, page rules, font faces)."""
    import weasyprint

    css = weasyprint.CSS(string="@page { size: A5 } h1 { color: red } p.a > em { margin: 1em }")
    return css.matcher, tuple(css.page_rules), ()


def test_a_kept_stylesheet_reads_back_alike(tmp_path: Path) -> None:
    weasy_sheets.remember_sheets(tmp_path)
    try:
        prepared = _prepared()
        key = ("h1 { color: red }", "file:///x.css", None, None, "print", False)
        assert weasy_sheets.kept(key) is None
        weasy_sheets.keep(key, prepared)
        found = weasy_sheets.kept(key)
        assert found is not None
        matcher, rules, faces = found
        assert faces == () and len(rules) == len(prepared[1]) == 1
        shipped = prepared[0]
        assert matcher.order == shipped.order
        kinds = sorted(matcher.lower_local_name_selectors)
        assert kinds == sorted(shipped.lower_local_name_selectors)
        test = matcher.lower_local_name_selectors["h1"][0][0]
        assert (
            test.__code__.co_code == shipped.lower_local_name_selectors["h1"][0][0].__code__.co_code
        )
    finally:
        weasy_sheets.remember_sheets(None)


def _global(module: str, name: str) -> bytes:
    """A pickle (protocol 4) of the 3-tuple (module.name, (), ()), written by hand: pickle
    follows a dotted name through the module's attributes."""
    encoded = [part.encode() for part in (module, name)]
    names = b"".join(b"\x8c" + bytes([len(part)]) + part for part in encoded)
    return b"\x80\x04" + names + b"\x93))\x87."


@pytest.mark.parametrize(
    "planted",
    [
        b"not signed",
        pickle.dumps(("unsigned", (), ())),
        sign(b"signed, not a pickle") or b"",
        # signed, of the shape read, but naming what is never read: a class of another
        # module, a name followed through a module's own imports to its builtins, a name
        # a module imports but does not define
        sign(pickle.dumps((collections.OrderedDict(), (), ()))) or b"",
        sign(_global("weasyprint.css", "__builtins__.get")) or b"",
        sign(_global("weasyprint.css", "fetch")) or b"",
        sign(_global("weasyprint.css", "_parse_layer")) or b"",
    ],
)
def test_an_entry_not_read_whole_is_prepared_again(planted: bytes, tmp_path: Path) -> None:
    weasy_sheets.remember_sheets(tmp_path)
    try:
        key = ("p { margin: 0 }", None, None, None, "print", True)
        weasy_sheets.keep(key, _prepared())
        (entry,) = tmp_path.iterdir()
        entry.write_bytes(planted)
        assert weasy_sheets.kept(key) is None
    finally:
        weasy_sheets.remember_sheets(None)


def test_no_more_than_the_kept_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weasy_sheets, "KEPT_FILES", 3)
    weasy_sheets.remember_sheets(tmp_path)
    try:
        prepared = _prepared()
        for i in range(5):
            weasy_sheets.keep((f"p {{ margin: {i}px }}", None, None, None, "print", True), prepared)
            entry = max(tmp_path.iterdir(), key=lambda p: p.stat().st_mtime_ns)
            os.utime(entry, ns=(i * 10**9 + 10**12, i * 10**9 + 10**12))
        assert len(list(tmp_path.iterdir())) == 3
        newest = ("p { margin: 4px }", None, None, None, "print", True)
        assert weasy_sheets.kept(newest) is not None
    finally:
        weasy_sheets.remember_sheets(None)


def test_the_user_agent_sheet_is_made_once_then_read_back(tmp_path: Path) -> None:
    import weasyprint

    text = "h1 { color: red } @counter-style thumbs { system: cyclic; symbols: '+' }"
    weasy_sheets.remember_sheets(tmp_path)
    try:
        counters: dict[str, Any] = {}
        first = weasy_sheets.user_agent_sheet(
            lambda: weasyprint.CSS(string=text, counter_style=counters), text, counters
        )
        assert "thumbs" in counters and len(list(tmp_path.iterdir())) == 1

        def never() -> Any:
            raise AssertionError("made again")

        again: dict[str, Any] = {}
        second = weasy_sheets.user_agent_sheet(never, text, again)
        assert isinstance(second, weasyprint.CSS) and sorted(vars(second)) == sorted(vars(first))
        assert list(again) == list(counters) and again["thumbs"] == counters["thumbs"]
        assert sorted(second.matcher.lower_local_name_selectors) == ["h1"]
    finally:
        weasy_sheets.remember_sheets(None)


def test_the_user_agent_sheet_is_kept_while_weasyprint_tells_its_progress(
    tmp_path: Path,
) -> None:
    """octavo's progress display has WeasyPrint tell its steps (INFO on its progress
    logger): a step told while the sheet is made is no warning, and the sheet is kept."""
    import logging

    import weasyprint

    progress = logging.getLogger("weasyprint.progress")
    level = progress.level
    progress.setLevel(logging.INFO)  # (clears the loggers' cached answers, as setting it must)
    told: list[str] = []

    class Told(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            told.append(record.getMessage())

    handler = Told(logging.INFO)
    progress.addHandler(handler)
    weasy_sheets.remember_sheets(tmp_path)
    try:
        counters: dict[str, Any] = {}
        text = "h2 { color: blue }"
        weasy_sheets.user_agent_sheet(
            lambda: weasyprint.CSS(string=text, counter_style=counters), text, counters
        )
        assert told  # a step was told while it was made

        def never() -> Any:
            raise AssertionError("not kept: made again")

        assert isinstance(weasy_sheets.user_agent_sheet(never, text, {}), weasyprint.CSS)
    finally:
        progress.removeHandler(handler)
        progress.setLevel(level)
        weasy_sheets.remember_sheets(None)


def test_the_sheets_live_in_the_users_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    found = weasy_sheets.sheets_folder(tmp_path / "book" / "build")
    assert found == tmp_path / "octavo" / "stylesheets"
    assert weasy_sheets.sheets_folder(None) is None
