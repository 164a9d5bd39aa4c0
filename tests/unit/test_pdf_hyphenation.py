"""Pyphen's patterns parsed once: kept in the user's cache, read back as the same dict."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyphen
import pytest

from octavo.render import hyphenation
from octavo.render.hyphenation import patterns_folder, remember_patterns
from octavo.render.signed import sign

WORDS = ("agriculture", "transportation", "interdependent", "communications", "hyphenation")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Pyphen's own parse, counted (the memo's state and Pyphen's class restored after)."""
    parsed: list[Path] = []
    shipped = hyphenation._memo.parse or pyphen.HyphDict.__init__

    def counted(self: Any, path: Any) -> None:
        parsed.append(Path(str(path)))
        shipped(self, path)

    monkeypatch.setattr(pyphen.HyphDict, "__init__", counted)
    monkeypatch.setattr(hyphenation, "_memo", hyphenation._Memo())
    yield parsed


def _positions(dictionary: Any) -> list[list[int]]:
    return [list(dictionary.positions(w)) for w in WORDS]


def test_patterns_are_parsed_once_and_read_back_the_same(
    parses: list[Path], tmp_path: Path
) -> None:
    remember_patterns(tmp_path)
    remember_patterns(tmp_path)  # once in place, not wrapped again
    english = pyphen.LANGUAGES["en_US"]
    first = pyphen.HyphDict(english)
    again = pyphen.HyphDict(english)
    assert parses == [Path(str(english))]
    assert again.patterns == first.patterns and again.maxlen == first.maxlen
    assert again.cache == {}
    assert _positions(again) == _positions(first)
    assert [p for p in _positions(first) if p]  # these words do break


def test_no_cache_parses_as_shipped(parses: list[Path], tmp_path: Path) -> None:
    assert patterns_folder(None) is None
    remember_patterns(None)
    pyphen.HyphDict(pyphen.LANGUAGES["en_US"])
    pyphen.HyphDict(pyphen.LANGUAGES["en_US"])
    assert len(parses) == 2
    assert not list(tmp_path.iterdir())


def test_a_damaged_or_odd_entry_is_parsed_again(parses: list[Path], tmp_path: Path) -> None:
    remember_patterns(tmp_path)
    english = pyphen.LANGUAGES["en_US"]
    first = pyphen.HyphDict(english)
    (entry,) = tmp_path.iterdir()
    wrong_length = _marshalled((first.maxlen + 1, first.patterns))  # positions would differ
    # unsigned (a file put there, not kept by octavo), or signed but not patterns
    planted = [b"\x00garbage", _marshalled((3, {"ab": (0, ("1",))})), wrong_length, b""]
    signed = [sign(b"\x00garbage"), sign(_marshalled([3, {}])), sign(_marshalled((3, [])))]
    planted += [data for data in signed if data is not None]
    assert len(planted) == 7
    for data in planted:
        entry.write_bytes(data)
        again = pyphen.HyphDict(english)
        assert again.patterns == first.patterns
    assert len(parses) == 1 + len(planted)


def test_a_dictionary_with_nonstandard_hyphenation_is_not_kept(
    parses: list[Path], tmp_path: Path
) -> None:
    remember_patterns(tmp_path)
    hungarian = pyphen.LANGUAGES["hu_HU"]  # patterns with alternatives: values carry data
    pyphen.HyphDict(hungarian)
    pyphen.HyphDict(hungarian)
    assert len(parses) == 2
    assert not list(tmp_path.iterdir())


def test_the_patterns_live_in_the_users_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert patterns_folder(tmp_path / "book" / "build") == tmp_path / "octavo" / "hyphenation"


def _marshalled(value: Any) -> bytes:
    import marshal

    return marshal.dumps(value)


def test_an_unchecked_pyphen_is_left_as_shipped(
    parses: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pyphen, "__version__", "1.0.0")
    shipped = pyphen.HyphDict.__init__
    remember_patterns(tmp_path)
    assert pyphen.HyphDict.__init__ is shipped
    pyphen.HyphDict(pyphen.LANGUAGES["en_US"])
    assert not list(tmp_path.iterdir())
