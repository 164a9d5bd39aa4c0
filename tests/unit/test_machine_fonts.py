"""octavo.machine.font_folders in every key (octavo.install.versions): a font installed
since a build (a file added to a folder fontconfig reads) makes the build again, where
`invoke pdf` said it had nothing to do and kept the PDF set without it (W658's Chinese
cover title, a letter WeasyPrint sets in a machine's face)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from octavo import install, machine


@pytest.fixture
def fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's font folder, as fontconfig reads it ($XDG_DATA_HOME/fonts), made empty."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(install, "_known", {})
    folder = tmp_path / "data" / "fonts"
    folder.mkdir(parents=True)
    return folder


def _touched(folder: Path, step: int) -> None:
    """The folder's times moved on, as a file added a moment later moves them."""
    info = folder.stat()
    os.utime(folder, ns=(info.st_atime_ns, info.st_mtime_ns + step * 1_000_000_000))


def test_a_font_added_changes_every_key(fonts: Path) -> None:
    before = install.versions()
    (fonts / "NotoSansCJK-Regular.ttc").write_bytes(b"a font")
    _touched(fonts, 1)
    install._known.clear()
    assert install.versions() != before


def test_a_font_added_in_a_new_folder_changes_every_key(fonts: Path) -> None:
    """A package's fonts come in a folder of their own, under a folder read already."""
    before = machine.font_folders()
    (fonts / "noto" / "cjk").mkdir(parents=True)
    assert machine.font_folders() != before
    between = machine.font_folders()
    (fonts / "noto" / "cjk" / "NotoSansCJK-Regular.ttc").write_bytes(b"a font")
    _touched(fonts / "noto" / "cjk", 1)
    assert machine.font_folders() != between


def test_nothing_changed_is_the_same_key(fonts: Path) -> None:
    assert machine.font_folders() == machine.font_folders()
    before = install.versions()
    install._known.clear()
    assert install.versions() == before


def test_the_font_folder_made_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's first font makes `~/.local/share/fonts` itself: missing, then made."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    before = machine.font_folders()
    (tmp_path / "data" / "fonts").mkdir(parents=True)
    assert machine.font_folders() != before


def test_fontconfigs_own_variables_count(fonts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = machine.font_folders()
    monkeypatch.setenv("FONTCONFIG_FILE", "/elsewhere/fonts.conf")
    assert machine.font_folders() != before
