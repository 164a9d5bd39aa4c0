"""Signing what octavo keeps in a working folder with a key only this user has."""

from __future__ import annotations

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
