"""ISBN, LCCN and DOI are checked and normalised (octavo.source.identifiers); the build date
tells the truth (octavo.project.Project.build_time)."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from octavo.project import open_project
from octavo.source import identifiers
from tests.conftest import BOOK_TOML


def build_date(root: Path, files: tuple[Path, ...]) -> datetime:
    project, _ = open_project(root)
    assert project is not None
    return project.build_time(())


@pytest.mark.parametrize(
    ("given", "isbn"),
    [
        ("0-8444-0849-2", "978-0-8444-0849-1"),  # ISBN-10 kept as its ISBN-13
        ("9780844408491", "978-0-8444-0849-1"),  # hyphenated by the agency's ranges
        ("978 0 8444 0849 1", "978-0-8444-0849-1"),
    ],
)
def test_isbn_is_normalised(given: str, isbn: str) -> None:
    assert identifiers.isbn(given) == isbn


@pytest.mark.parametrize(
    "bad", ["978-0-8444-0849-2", "0-8444-0849-3", "12345", "ISBN", 9780844408491]
)
def test_a_wrong_isbn_is_refused(bad: object) -> None:
    with pytest.raises(identifiers.IdentifierError):
        identifiers.isbn(bad)


@pytest.mark.parametrize(
    ("given", "lccn"),
    [("95-17389", "95017389"), ("n78-890351", "n78890351"), ("2001012345", "2001012345")],
)
def test_lccn_is_normalised(given: str, lccn: str) -> None:
    assert identifiers.lccn(given) == lccn


def test_doi_takes_its_usual_spellings() -> None:
    for given in ("10.1000/xyz", "doi:10.1000/xyz", "https://doi.org/10.1000/xyz"):
        assert identifiers.doi(given) == "10.1000/xyz"
    with pytest.raises(identifiers.IdentifierError):
        identifiers.doi("11.1000/xyz")


def _sources(tmp_path: Path) -> tuple[Path, ...]:
    book = tmp_path / "book"
    book.mkdir()
    files = (book / "001.md", book / "book.toml")
    for number, path in enumerate(files):
        path.write_text(BOOK_TOML, encoding="utf-8")
        os.utime(path, (1_700_000_000 + number, 1_700_000_000 + number))
    return files


def test_build_date_is_source_date_epoch_when_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "802828800")
    files = _sources(tmp_path)
    assert build_date(files[0].parent, files) == datetime.fromtimestamp(802828800, UTC)


def test_build_date_is_the_newest_source_outside_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above
    files = _sources(tmp_path)
    assert build_date(files[0].parent, files) == datetime.fromtimestamp(1_700_000_001, UTC)


def test_build_date_is_the_last_commit_in_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    files = _sources(tmp_path)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_COMMITTER_DATE": "2024-03-01T12:00:00Z",
        "GIT_AUTHOR_DATE": "2024-03-01T12:00:00Z",
    }
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "book"]):
        subprocess.run(["git", *command], cwd=tmp_path, env=env, check=True)
    assert build_date(files[0].parent, files) == datetime(2024, 3, 1, 12, tzinfo=UTC)
