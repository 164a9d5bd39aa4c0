"""`--out` into a folder that does not exist is E133, nothing written, never a folder made
for it (ut46 bug 15: `--out /nonexistent/x.epub` made /nonexistent); build/ of the current
folder, the default outputs' folder, is made as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.cli.running import output_file, output_folder
from octavo.errors import BuildError


def _refused(given: str, folder: bool = False) -> str:
    with pytest.raises(BuildError) as refused:
        output_folder(given) if folder else output_file(given, ".epub")
    (problem,) = refused.value.diagnostics
    assert problem.code == "E133" and problem.file == Path(given)
    return str(problem)


def test_missing_folder_is_e133(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    told = _refused(f"{tmp_path}/nonexistent/x.epub")
    assert f"the folder {tmp_path}/nonexistent does not exist" in told
    assert f"mkdir -p {tmp_path}/nonexistent" in told and "did you mean" not in told
    assert not (tmp_path / "nonexistent").exists()


def test_a_typo_names_the_folder_meant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outputs").mkdir()
    told = _refused("outptus/x.epub")
    assert "the folder outptus does not exist" in told  # as written: relative
    assert "did you mean --out outputs/x.epub?" in told


def test_the_first_missing_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outputs").mkdir()
    told = _refused("outputs/a/b/x.epub")
    assert "the folder outputs/a does not exist" in told and "mkdir -p outputs/a/b" in told


def test_build_of_the_current_folder_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert output_file("build/x.epub", ".epub") == Path("build/x.epub")
    assert output_folder("build/handouts") == Path("build/handouts")
    _refused("build/sub/x.epub")  # only build/ itself, as the defaults' folder
    _refused(f"{tmp_path}/other/build/x.epub")


def test_a_folder_of_outputs_is_made_in_a_folder_that_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert output_folder("") is None and output_file("", ".epub") is None
    assert output_folder("handouts") == Path("handouts")  # made later, by the task
    assert output_file(f"{tmp_path}/x.epub", ".epub") == Path(f"{tmp_path}/x.epub")
    told = _refused("nowhere/handouts", folder=True)
    assert "the folder nowhere does not exist" in told
