"""Signing what octavo keeps in a working folder with a key only this user has."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from octavo.render import signed
from octavo.render.signed import sign, user_cache, verified


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return tmp_path


def test_what_this_user_signed_reads_back() -> None:
    blob = sign(b"data")
    assert blob is not None and verified(blob) == b"data"
    assert (user_cache() / "key").stat().st_mode & 0o777 == 0o600
    assert [p.name for p in user_cache().iterdir()] == ["key"]  # its draft linked, removed


def test_a_key_another_process_made_meanwhile_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes making the key at once (the tests on every core): the first one's
    stays, and neither reads it half written (it is linked into place whole)."""
    theirs = b"k" * 32
    link = os.link

    def after_them(source: str, target: Path) -> None:
        target.write_bytes(theirs)  # the other process's key, linked first
        link(source, target)

    monkeypatch.setattr(os, "link", after_them)
    assert signed._key(user_cache()) == theirs
    assert [p.name for p in user_cache().iterdir()] == ["key"]


def test_another_key_or_a_changed_byte_is_refused(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blob = sign(b"data")
    assert blob is not None
    assert verified(blob[:-1] + b"e") is None
    assert verified(b"data") is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "someone-else"))
    assert verified(blob) is None


def test_no_key_signs_and_takes_nothing(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = home / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    signed._key.cache_clear()
    assert sign(b"data") is None
    assert verified(b"octavo-signed-1\n" + b"0" * 64 + b"\ndata") is None
