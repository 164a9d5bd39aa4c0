"""The code of the methods dataclasses writes, kept between runs: the same classes."""

from __future__ import annotations

import dataclasses
import marshal
from pathlib import Path

import pytest

from octavo import codecache

_HERE = __name__.partition(".")[0]  # this test module's package: its dataclasses are kept


def _make(codes: codecache._Codes, monkeypatch: pytest.MonkeyPatch) -> type:
    monkeypatch.setattr(dataclasses, "exec", codes.exec, raising=False)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Point:
        x: int
        y: tuple[str, ...] = ()

    return Point


def test_a_dataclass_made_with_kept_code_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "codes.marshal"
    first = codecache._Codes(path, packages=(_HERE,))
    point = _make(first, monkeypatch)
    assert first.new and first.known
    first.save()
    again = codecache._Codes(path, packages=(_HERE,))
    assert again.known.keys() == first.known.keys()
    kept = _make(again, monkeypatch)
    assert not again.new  # nothing compiled
    for made in (point, kept):
        p = made(1, ("a",))
        assert p == made(1, ("a",)) and hash(p) == hash(made(1, ("a",)))
        assert repr(p).endswith("Point(x=1, y=('a',))")
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.x = 2


@pytest.mark.parametrize(
    "blob", [b"", b"not marshal", b"\xfb\x00\x00"], ids=["empty", "text", "cut"]
)
def test_a_damaged_file_only_means_compiling(
    blob: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "codes.marshal"
    path.write_bytes(blob)
    codes = codecache._Codes(path, packages=(_HERE,))
    assert codes.known == {}
    assert _make(codes, monkeypatch)(3).x == 3


def test_only_octavos_own_dataclasses_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another package's dataclass, in a process that imported octavo, is made as before."""
    codes = codecache._Codes(tmp_path / "codes.marshal")  # octavo's modules only
    assert _make(codes, monkeypatch)(1).x == 1
    assert not codes.new and codes.known == {}


def test_importing_octavo_installs_the_kept_codes() -> None:
    """Lost once in a merge without a test failing: the package itself installs them."""
    import octavo  # noqa: F401

    assert getattr(dataclasses, "exec", None) == codecache._installed[0].exec


@pytest.mark.parametrize("given", ["", "cache", "./cache"], ids=["empty", "relative", "dotted"])
def test_the_user_cache_is_never_in_the_working_folder(
    given: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", given)
    assert codecache.user_cache() == tmp_path / "home" / ".cache" / "octavo"


def test_an_absolute_xdg_cache_home_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert codecache.user_cache() == tmp_path / "xdg" / "octavo"


def test_a_code_no_process_used_in_the_last_writes_is_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An earlier version's code leaves the file once later versions wrote it _KEEP times;
    the codes every process uses stay."""
    path = tmp_path / "codes.marshal"
    old = marshal.dumps(compile("x = 1", "<string>", "exec"))
    path.write_bytes(marshal.dumps((5, {"x = 1": (old, 5)})))  # used by the fifth write
    for write in range(6, 6 + codecache._KEEP + 1):
        codes = codecache._Codes(path, packages=(_HERE,))
        assert codes.writes == write - 1
        assert "x = 1" in codes.known
        _make(codes, monkeypatch)
        codes.new = True  # as if this version's code were new: the file is written
        codes.save()
    final = codecache._Codes(path, packages=(_HERE,))
    assert "x = 1" not in final.known  # unused in the last _KEEP + 1 writes: forgotten
    assert final.known and final.known.keys() == codes.used.keys()  # the used ones stay


def test_the_file_of_an_earlier_octavo_is_removed_as_this_one_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file as octavo wrote it before (text -> code, every code of every version): not
    read, removed once the new file is written."""
    before = tmp_path / "dataclass-code-x.marshal"
    before.write_bytes(marshal.dumps({"x = 1": compile("x = 1", "<string>", "exec")}))
    codes = codecache._Codes(tmp_path / "dataclass-codes-x.marshal", (_HERE,), before)
    assert codes.known == {}
    _make(codes, monkeypatch)
    codes.save()
    assert not before.exists() and codes.path.exists()


def test_a_damaged_code_in_the_file_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each code is read when it is needed: one that cannot be read is compiled, the others
    are still taken from the file."""
    path = tmp_path / "codes.marshal"
    first = codecache._Codes(path, packages=(_HERE,))
    _make(first, monkeypatch)
    first.save()
    table = marshal.loads(path.read_bytes())[1]
    damaged = next(iter(table))
    table[damaged] = (b"\xfb not a code", table[damaged][1])
    path.write_bytes(marshal.dumps((1, table)))
    again = codecache._Codes(path, packages=(_HERE,))
    point = _make(again, monkeypatch)
    assert point(2).x == 2
    assert again.new  # the damaged one compiled, and the file to be written again
    kept = again.take(damaged)
    assert kept is not None and isinstance(marshal.loads(kept), type(again.used[damaged]))


def test_an_entry_changed_after_it_was_written_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each entry carries a checksum: one changed in the file (a bit flipped, another
    program's write) is not run, but compiled again."""
    path = tmp_path / "codes.marshal"
    first = codecache._Codes(path, packages=(_HERE,))
    _make(first, monkeypatch)
    first.save()
    writes, table = marshal.loads(path.read_bytes())
    text = next(iter(table))
    kept, stamp = table[text]
    other = marshal.dumps(compile("raise SystemExit('ran')", "<string>", "exec"))
    table[text] = (kept[: codecache._SUM] + other, stamp)  # the old checksum, a new code
    path.write_bytes(marshal.dumps((writes, table)))
    again = codecache._Codes(path, packages=(_HERE,))
    assert again.take(text) is None
    assert _make(again, monkeypatch)(1).x == 1 and again.new


def test_an_entry_of_another_shape_is_left_out_the_others_read(tmp_path: Path) -> None:
    path = tmp_path / "codes.marshal"
    good = marshal.dumps(compile("x = 1", "<string>", "exec"))
    table = {"x = 1": (good, 3), "y = 2": (good, 3, 4), "z = 3": 7, 4: (good, 3)}
    path.write_bytes(marshal.dumps((3, table)))
    codes = codecache._Codes(path)
    assert codes.known == {"x = 1": good} and codes.writes == 3
    path.write_bytes(marshal.dumps(("3", table)))  # writes not a count: read as 0
    assert codecache._Codes(path).writes == 0


def test_what_another_process_wrote_meanwhile_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long-lived process (`invoke watch`) writes the file after others did: their codes
    and stamps stay, and the count of writes goes on from theirs."""
    path = tmp_path / "codes.marshal"
    long_lived = codecache._Codes(path, packages=(_HERE,))
    other = marshal.dumps(compile("y = 2", "<string>", "exec"))
    path.write_bytes(marshal.dumps((5, {"y = 2": (other, 5)})))  # written meanwhile
    _make(long_lived, monkeypatch)
    long_lived.save()
    after = codecache._Codes(path, packages=(_HERE,))
    assert after.writes == 6
    assert after.known["y = 2"] == other and after.stamps["y = 2"] == 5
    assert long_lived.used.keys() <= after.known.keys()
    assert {after.stamps[text] for text in long_lived.used} == {6}
