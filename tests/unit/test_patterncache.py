"""The regular expressions' compiled data, kept between runs: the same patterns."""

from __future__ import annotations

import marshal
import os
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

from octavo import codecache, patterncache

_HERE = frozenset({__name__.partition(".")[0]})  # this module's package: its patterns kept

_PATTERNS: list[tuple[str | bytes, int]] = [
    (r"^No idea what (.+) is!$", 0),
    (r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(?P<day>\d\d))?", 0),
    (r"[“”„\u00ab\u00bb]+|\x00([\u201c\u201d])", 0),
    (r"(?i)data as of\s+(\w+)", 0),
    (r"^\s*#  a comment\n  (\w+) \s* = \s* (.*)$", re.X | re.M),
    (r"ß|İ", re.I),
    (r"[a-z]+", re.A | re.I),
    (r"<figure\b.*?</figure>", re.S),
    (rb"\x00[\x80-\xff]+(?=END)", 0),
    (r"(a)(b)?(?(2)c|d)", 0),
]


def _patterns(path: Path) -> patterncache._Patterns:
    return patterncache._Patterns(path, packages=_HERE)


def _at_import(patterns: patterncache._Patterns, text: str | bytes, flags: int = 0) -> Any:
    """`text` compiled as a module's body compiles it, as it is imported (kept)."""
    made: dict[str, Any] = {"__name__": __name__, "p": patterns, "text": text, "flags": flags}
    exec("made = p.compile(text, flags)", made)
    return made["made"]


@pytest.mark.parametrize(("text", "flags"), _PATTERNS)
def test_a_pattern_made_from_the_kept_data_is_the_same(
    text: str | bytes, flags: int, tmp_path: Path
) -> None:
    path = tmp_path / "patterns.marshal"
    first = _patterns(path)
    made = _at_import(first, text, flags)
    assert first.known  # kept
    first.added = patterncache._FEW  # as if it were one of many: written
    first.new = True
    first.save()
    again = _patterns(path)
    kept = _at_import(again, text, flags)
    assert again.added == 0  # nothing compiled
    original = re._compiler.compile  # type: ignore[attr-defined]
    if hasattr(original, "__self__"):  # this process's re is octavo's: the one under it
        original = original.__self__.original
    plain = original(text, flags)
    for pattern in (made, kept):
        assert pattern == plain  # compares the flags, the text and the _sre code
        assert pattern.groupindex == plain.groupindex and pattern.groups == plain.groups
        assert pattern.flags == plain.flags


def test_only_the_patterns_of_octavo_and_its_libraries_are_kept(tmp_path: Path) -> None:
    theirs = patterncache._Patterns(tmp_path / "patterns.marshal")  # octavo's libraries
    assert theirs.compile(r"not (ours)", 0).match("not ours")
    assert not theirs.known and not theirs.added


def test_a_few_patterns_new_to_the_file_do_not_write_it(tmp_path: Path) -> None:
    """One of markdown-it's patterns is new in every process (made from a set's order)."""
    path = tmp_path / "patterns.marshal"
    few = _patterns(path)
    for number in range(patterncache._FEW - 1):
        _at_import(few, rf"one {number}")
    few.save()
    assert not path.exists()
    many = _patterns(path)
    for number in range(patterncache._FEW):
        _at_import(many, rf"one {number}")
    many.save()
    assert len(_patterns(path).known) == patterncache._FEW


def test_a_wrong_pattern_raises_as_ever_and_is_not_kept(tmp_path: Path) -> None:
    patterns = _patterns(tmp_path / "patterns.marshal")
    with pytest.raises(re.error, match="missing \\)"):
        _at_import(patterns, r"(unclosed")
    assert not patterns.known


def test_a_damaged_or_refused_entry_is_compiled_again(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    first = _patterns(path)
    for text in ("a+b", "c+d", "e+f"):
        _at_import(first, text)
    first.save()
    writes, table = marshal.loads(path.read_bytes())
    key_ab, key_cd = patterncache._key("a+b", 0), patterncache._key("c+d", 0)
    table[key_ab] = (b"\xfb not marshal", table[key_ab][1])
    kept, stamp = table[key_cd]
    flags, _, *rest = marshal.loads(kept[codecache._SUM :])
    # a code _sre does not check: MARK's opcode made IN's crashed the interpreter; with the
    # old checksum it is not given to _sre
    wrong = marshal.dumps((flags, [13, 1, 1], *rest))
    table[key_cd] = (kept[: codecache._SUM] + wrong, stamp)
    path.write_bytes(marshal.dumps((writes, table)))
    again = _patterns(path)
    assert _at_import(again, "a+b").fullmatch("aab") and _at_import(again, "c+d").match("cd")
    assert _at_import(again, "e+f").match("ef")
    assert again.added == 2  # the two compiled again; the third read


@pytest.mark.parametrize("blob", [b"", b"not marshal", b"\xfb\x00\x00"])
def test_a_damaged_file_only_means_compiling(blob: bytes, tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    path.write_bytes(blob)
    patterns = _patterns(path)
    assert patterns.known == {}
    assert _at_import(patterns, r"x(y)").match("xy")


def test_bytes_and_text_of_one_spelling_are_two_patterns(tmp_path: Path) -> None:
    patterns = _patterns(tmp_path / "patterns.marshal")
    text, data = _at_import(patterns, "ab"), _at_import(patterns, b"ab")
    assert text.match("ab") and data.match(b"ab")
    assert len(patterns.known) == 2


def test_installed_re_compiles_through_it() -> None:
    """octavo installs it as it is imported (octavo/__init__.py), once."""
    patterncache.install()
    compiler = re._compiler  # type: ignore[attr-defined]
    assert compiler.compile == patterncache._installed[0].compile
    assert len(patterncache._installed) == 1
    assert re.compile(r"still (works)").match("still works")


def test_a_pattern_a_function_builds_is_not_kept_one_it_writes_is(tmp_path: Path) -> None:
    """A book's ids or index terms made into a pattern stay out of the cache folder."""
    patterns = _patterns(tmp_path / "patterns.marshal")
    ids = ("a-secret-chapter", "another")
    built = patterns.compile("|".join(re.escape(i) for i in ids), 0)
    assert built.match("another") and not patterns.known
    written = patterns.compile(r"Data as of (\w+)", 0)  # a constant of this function
    assert written.match("Data as of June") and len(patterns.known) == 1


def test_a_pattern_whose_parse_warns_warns_every_time_and_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    for _ in range(2):
        patterns = _patterns(path)
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            _at_import(patterns, "[[a]")
        assert [w.category for w in warned] == [FutureWarning]
        assert not patterns.known
        patterns.save()


def test_a_forked_process_writes_only_what_it_compiled(tmp_path: Path) -> None:
    patterns = _patterns(tmp_path / "patterns.marshal")
    for text in ("a", "b", "c"):
        _at_import(patterns, text)
    assert patterns.new
    patterns.forked()  # as os.register_at_fork runs it in the child
    assert not patterns.new and not patterns.added and not patterns.used
    assert len(patterns.known) == 3  # still read from, as the parent's


def test_the_file_is_this_python_s_own() -> None:
    """Named by the bytecode magic and a digest of sys.version (a patch release may
    change what re compiles) and the byte order."""
    patterncache.install()
    name = patterncache._installed[0].path.name
    assert name.startswith("patterns-") and name.endswith(".marshal")
    assert os.path.dirname(patterncache._installed[0].path).endswith("octavo")
