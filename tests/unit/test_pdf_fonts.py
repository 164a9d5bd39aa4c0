"""octavo.render.pdf.parallel.fonts: the union of a font's subsets, kept in the cache."""

from __future__ import annotations

import io
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

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


def _subset(text: str) -> bytes:
    """A subset of the book's font as WeasyPrint makes one: glyph ids kept, desubroutinized."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(Path(__file__).parents[2] / "styles" / "fonts" / "LinLibertine_R.otf")
    options = subset.Options(retain_gids=True, desubroutinize=True)
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@pytest.mark.parametrize("where", ["at-loading", "read-lazily"])
def test_a_damaged_subset_ends_its_union_as_none_kept(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A subset fontTools cannot read, found when it is loaded or when the glyphs the base
    lacks are read from it: no union (its font stays unshared), kept as such in the cache,
    never an exception met again at every build."""
    from fontTools.ttLib import TTLibError

    base, other = _subset("ab"), _subset("abc")
    assert fonts._union([base, other]) is not None  # undamaged: a union
    if where == "at-loading":
        other = other[:40]  # its table directory cut short
    else:

        def damaged(*args: object) -> bool:
            raise TTLibError("a damaged table")

        monkeypatch.setattr(fonts, "_fill", damaged)  # where its glyphs are read
    store = Store(tmp_path)
    assert fonts._kept_union([base, other], store) is None
    monkeypatch.setattr(fonts, "_union", lambda subsets: pytest.fail("tried again"))
    assert fonts._kept_union([base, other], store) is None


class _Now(Executor):
    """An executor that runs each call at once, in this process, and records it."""

    def __init__(self) -> None:
        self.calls: list[Any] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.calls.append(args)
        done: Future[Any] = Future()
        done.set_result(fn(*args, **kwargs))
        return done


def test_a_union_begun_is_taken_only_for_the_same_subsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts, "_union", lambda subsets: b"+".join(subsets))
    begun: Future[bytes | None] = Future()
    begun.set_result(b"begun")
    guessed: Future[bytes | None] = Future()
    guessed.set_result(b"a wrong guess")
    names = fonts._names([[b"a", b"b"], [b"a", b"d"]])
    made = fonts._kept_unions(
        [[b"a", b"b"], [b"a", b"c"]], Store(None), None, {names[0]: begun, names[1]: guessed}
    )
    assert made == [b"begun", b"a+c"]


def test_unions_are_submitted_the_biggest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_union", lambda subsets: b"".join(subsets))
    pool = _Now()
    subsets = [[b"a", b"b"], [b"c" * 9, b"d"], [b"e" * 4, b"f"]]
    assert fonts._kept_unions(subsets, Store(None), pool) == [b"ab", b"c" * 9 + b"d", b"eeeef"]
    assert pool.calls == [(subsets[1],), (subsets[2],), (subsets[0],)]


@pytest.mark.parametrize(
    ("code", "empty"),
    [
        (b"\x0e", True),  # endchar
        (bytes([139, 14]), True),  # 0 endchar: a width
        (bytes([247, 0, 14]), True),  # 108 endchar
        (bytes([28, 1, 0, 14]), True),  # 256 endchar
        (bytes([255, 0, 1, 0, 0, 14]), True),  # 1.0 (fixed) endchar
        (bytes([139, 139, 14]), False),  # two numbers: not a width alone
        (bytes([247, 14]), False),  # a number cut short
        (bytes([139, 139, 21, 14]), False),  # a rmoveto: drawn
        (b"", False),
        (bytes([139]), False),  # no endchar
    ],
)
def test_an_empty_charstring_is_known_from_its_bytes(code: bytes, empty: bool) -> None:
    assert fonts._empty_code(code) is empty


def test_empty_from_bytes_agrees_with_the_decompiled_program() -> None:
    """On every glyph of a real CFF font (and its empty stand-ins, as a subset with glyph ids
    kept has them): what the bytes call empty, the decompiled program calls empty."""
    from fontTools.misc.psCharStrings import T2CharString
    from fontTools.ttLib import TTFont

    font = TTFont(Path(__file__).parents[2] / "styles" / "fonts" / "LinLibertine_R.otf")
    top = font["CFF "].cff.topDictIndex[0]
    charstrings = top.CharStrings
    stand_ins = [bytes([139, 14]), b"\x0e", bytes([248, 20, 14])]
    checked = 0
    for code in [charstrings[n].bytecode for n in font.getGlyphOrder()[:400]] + stand_ins:
        glyph = T2CharString(bytecode=code, private=top.Private, globalSubrs=top.GlobalSubrs)
        said = fonts._empty_code(code)
        glyph.decompile()
        assert not said or fonts._empty(glyph), code
        checked += said
    assert checked >= len(stand_ins)
