"""index.toml: the terms marked wherever they occur; a bad file is E118, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.source.index_terms import load_index_terms


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[terms]\nminsk = "Minsk"\nx = ' + "9" * 5000 + "\n", None),
        ("x = " + "[" * 3000 + "]" * 3000 + "\n", None),
        ('[terms]\nminsk = "Minsk\n', 2),
    ],
    ids=["5000-digits", "3000-brackets", "syntax"],
)
def test_a_file_that_is_not_toml_is_e118(tmp_path: Path, text: str, line: int | None) -> None:
    """A 5,000-digit number (Python's ValueError) and 3,000 nested brackets (a
    RecursionError) are not TOMLDecodeError: every build stopped with a traceback."""
    (tmp_path / "index.toml").write_text(text, encoding="utf-8")
    terms, found = load_index_terms(tmp_path)
    assert terms == ()
    assert [(d.code, d.line) for d in found] == [("E118", line)]
