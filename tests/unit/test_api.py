"""api: output names of `invoke all`."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.errors import BuildError


def test_output_names_are_folder_names_made_unique() -> None:
    books = [Path("/s/belarus/book"), Path("/s/russia/book"), Path("/s/ukraine")]
    assert api.output_names(books) == ["belarus-book", "russia-book", "ukraine"]


def test_a_book_given_twice_is_e112(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        api.output_names([tmp_path / "a", tmp_path / "b" / ".." / "a"])
    assert [d.code for d in caught.value.diagnostics] == ["E112"]
