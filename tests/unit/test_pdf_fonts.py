"""octavo.render.pdf.parallel.fonts: the union of a font's subsets, kept in the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.cache import Store
from octavo.render.pdf.parallel import fonts


@pytest.mark.parametrize("made", [b"OTTO union", None], ids=["filled", "does-not-line-up"])
def test_a_union_is_made_once_for_the_same_subsets(
    made: bytes | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[bytes]] = []

    def union(subsets: list[bytes]) -> bytes | None:
        calls.append(subsets)
        return made

    monkeypatch.setattr(fonts, "_union", union)
    store = Store(tmp_path)
    assert fonts._kept_union([b"a", b"b"], store) == made
    assert fonts._kept_union([b"a", b"b"], store) == made  # from the store
    assert fonts._kept_union([b"a", b"c"], store) == made  # other subsets: made again
    assert calls == [[b"a", b"b"], [b"a", b"c"]]


def test_without_a_store_every_union_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[bytes]] = []

    def union(subsets: list[bytes]) -> bytes:
        calls.append(subsets)
        return b"x"

    monkeypatch.setattr(fonts, "_union", union)
    for _ in range(2):
        assert fonts._kept_union([b"a"], Store(None)) == b"x"
    assert len(calls) == 2
