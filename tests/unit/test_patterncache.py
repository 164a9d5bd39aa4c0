"""The regular expressions' compiled data, kept between runs: the same patterns."""

from __future__ import annotations

import marshal
import re
from pathlib import Path

import pytest

from octavo import patterncache

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


@pytest.mark.parametrize(("text", "flags"), _PATTERNS)
def test_a_pattern_made_from_the_kept_data_is_the_same(
    text: str | bytes, flags: int, tmp_path: Path
) -> None:
    path = tmp_path / "patterns.marshal"
    first = _patterns(path)
    made = first.compile(text, flags)
    assert first.known  # kept
    first.added = patterncache._FEW  # as if it were one of many: written
    first.new = True
    first.save()
    again = _patterns(path)
    kept = again.compile(text, flags)
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
        few.compile(rf"one {number}", 0)
    few.save()
    assert not path.exists()
    many = _patterns(path)
    for number in range(patterncache._FEW):
        many.compile(rf"one {number}", 0)
    many.save()
    assert len(_patterns(path).known) == patterncache._FEW


def test_a_wrong_pattern_raises_as_ever_and_is_not_kept(tmp_path: Path) -> None:
    patterns = _patterns(tmp_path / "patterns.marshal")
    with pytest.raises(re.error, match="missing \\)"):
        patterns.compile(r"(unclosed", 0)
    assert not patterns.known


def test_a_damaged_or_refused_entry_is_compiled_again(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    first = _patterns(path)
    for text in ("a+b", "c+d", "e+f"):
        first.compile(text, 0)
    first.save()
    writes, table = marshal.loads(path.read_bytes())
    key_ab, key_cd = patterncache._key("a+b", 0), patterncache._key("c+d", 0)
    table[key_ab] = (b"\xfb not marshal", table[key_ab][1])
    flags, code, *rest = marshal.loads(table[key_cd][0])
    table[key_cd] = (marshal.dumps((flags, [999, *code], *rest)), table[key_cd][1])  # bad code
    path.write_bytes(marshal.dumps((writes, table)))
    again = _patterns(path)
    assert again.compile("a+b", 0).fullmatch("aab") and again.compile("c+d", 0).match("cd")
    assert again.compile("e+f", 0).match("ef")
    assert again.added == 2  # the two compiled again; the third read


@pytest.mark.parametrize("blob", [b"", b"not marshal", b"\xfb\x00\x00"])
def test_a_damaged_file_only_means_compiling(blob: bytes, tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    path.write_bytes(blob)
    patterns = _patterns(path)
    assert patterns.known == {}
    assert patterns.compile(r"x(y)", 0).match("xy")


def test_bytes_and_text_of_one_spelling_are_two_patterns(tmp_path: Path) -> None:
    patterns = _patterns(tmp_path / "patterns.marshal")
    text, data = patterns.compile("ab", 0), patterns.compile(b"ab", 0)
    assert text.match("ab") and data.match(b"ab")
    assert len(patterns.known) == 2


def test_installed_re_compiles_through_it() -> None:
    """octavo installs it as it is imported (octavo/__init__.py), once."""
    patterncache.install()
    compiler = re._compiler  # type: ignore[attr-defined]
    assert compiler.compile == patterncache._installed[0].compile
    assert len(patterncache._installed) == 1
    assert re.compile(r"still (works)").match("still works")
