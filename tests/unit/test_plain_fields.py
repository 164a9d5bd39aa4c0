"""Front matter of plain fields read without YAML's parser (octavo.source.plain_fields): what
it reads is what YAML reads, or it leaves the lines to YAML."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from octavo.source import frontmatter
from octavo.source.plain_fields import plain_fields
from tests.conftest import ROOT


def _yaml(source: str) -> tuple[dict[str, Any], dict[str, int]]:
    """What octavo.source.frontmatter makes of `source` with YAML alone."""
    loader = frontmatter._Loader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    lines = {str(key.value): key.start_mark.line + 2 for key, _ in node.value}
    return {str(k): v for k, v in data.items()}, lines


def _same(source: str) -> None:
    """`plain_fields` reads `source` as YAML does (the values' types too), or not at all."""
    read = plain_fields(source)
    if read is None:
        return
    try:
        expected = _yaml(source)
    except yaml.YAMLError:
        pytest.fail(f"read what YAML refuses: {source!r}")
    assert read == expected, source
    assert [type(v) for v in read[0].values()] == [type(v) for v in expected[0].values()]


TYPICAL = (
    "title: Topic 1.1\ncountry: Belarus\nchapter: 1\nparents: [Topic 1.1, Topic 1.1 Details]\n"
    'sequence: 3\ntotal: 84\ndata_as_of: "1994-03"\nlast_updated: "1994-03"\nsource: 0002.txt'
)


def test_a_section_s_usual_fields_are_read() -> None:
    data, lines = plain_fields(TYPICAL) or ({}, {})
    assert data["parents"] == ["Topic 1.1", "Topic 1.1 Details"] and data["chapter"] == 1
    assert lines["title"] == 2 and lines["source"] == 10
    _same(TYPICAL)


# values plain_fields reads itself, as YAML reads them (the types too)
READ = [
    "1e5",
    "Zürich",
    "Ελλάδα",
    "x " * 40,
    "[ a ,  b ]",
    "[]",
    "[ ]",
    '""',
    '"a, b"',
    "50%",
    "Trade & Industry",
    "Minsk <Capital> 5",
]

# values YAML reads otherwise than as the plain text (a number, a boolean, a
# date, a flow mapping, an anchor), or that a plain reading does not attempt: left to YAML
LEFT = [
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "null",
    "~",
    "",
    "0017",
    "0x1F",
    "1_000",
    "+5",
    "-3",
    "1.5",
    "12:30",
    "1994-03-01",
    "2001-12-14t21:59:43.10-05:00",
    ".inf",
    "=",
    "<<",
    "a: b",
    "a #b",
    "'quoted'",
    '"esc\\"aped"',
    "[a, [b]]",
    "[a, ]",
    "[yes]",
    "[0017, 5]",
    "{a: 1}",
    "&anchor x",
    "*alias",
    "!tag x",
    "|",
    ">",
    "- item",
    "? x",
    "%x",
    "@x",
    "`x",
    "a\tb",
    "a\u00a0b",
    "a\u2028b",
    "a\x85b",
    "a\ufeffb",
    "٣",
    "C#",
    "a\rb",
]


@pytest.mark.parametrize("value", READ)
def test_a_plain_value_is_read_as_yaml_reads_it(value: str) -> None:
    source = f"title: {value}\nchapter: 2"
    assert plain_fields(source) is not None, "left to YAML"
    _same(source)


@pytest.mark.parametrize("value", LEFT)
def test_a_value_yaml_reads_otherwise_is_left_to_it(value: str) -> None:
    assert plain_fields(f"title: {value}\nchapter: 2") is None


@pytest.mark.parametrize("key", ["_x", "y", "n", "x1"])
def test_a_key_yaml_reads_as_a_string_is_read(key: str) -> None:
    """`y` and `n` are strings to YAML 1.1's resolver as PyYAML has it, not booleans."""
    assert plain_fields(f"{key}: value") == ({key: "value"}, {key: 2})
    _same(f"{key}: value")


@pytest.mark.parametrize("key", ["yes", "on", "null", "True"])
def test_a_key_yaml_reads_as_no_string_is_left_to_it(key: str) -> None:
    """str() of YAML's key would hide it: `on:` is the key True."""
    assert plain_fields(f"{key}: value") is None


@pytest.mark.parametrize(
    "source",
    [
        "title: a\ntitle: b",
        "title: a\n\nchapter: 1",
        "# a comment\ntitle: a",
        "title: a # b",
        "  title: a",
        "title:a",
        "title:",
        "title: a\n  b",
        "- a",
        "title: a\r",
        "",
    ],
)
def test_lines_that_are_not_plain_fields_are_left_to_yaml(source: str) -> None:
    assert plain_fields(source) is None


_PIECES = st.sampled_from(
    [
        "a",
        "Z",
        "1",
        "0",
        "9",
        " ",
        "  ",
        ":",
        "#",
        ",",
        "[",
        "]",
        "{",
        "}",
        '"',
        "'",
        "\\",
        "-",
        ".",
        "_",
        "&",
        "*",
        "!",
        "|",
        ">",
        "?",
        "%",
        "@",
        "`",
        "~",
        "+",
        "e",
        "E",
        "x",
        "o",
        "yes",
        "no",
        "on",
        "null",
        "true",
        "\t",
        "\u00a0",
        "é",
        "ß",
        "中",
        "\u2028",
        "/",
    ]
)
_VALUES = st.lists(_PIECES, max_size=8).map("".join)


# values most of which are read: words, numbers, YAML's special words, lists, quoted text
_WORDS = st.sampled_from(
    [
        "a",
        "Minsk",
        "1",
        "0",
        "007",
        "12",
        "1.5",
        "e5",
        "yes",
        "No",
        "on",
        "null",
        "True",
        "x",
        "é",
        "中",
        "1994",
        "03",
        "-",
        ".",
        "+",
        "_",
        "&",
        "!",
        "%",
        "@",
        "(c)",
        "/",
        "<b>",
    ]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join) | st.lists(
    _WORDS, min_size=1, max_size=4
).map("".join)
_READ = (
    _TEXT
    | st.lists(_TEXT, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
    | _TEXT.map(lambda text: f'"{text}"')
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["title", "chapter", "a_b"]), _READ), max_size=4))
def test_plain_lines_are_read_as_yaml_reads_them(fields: list[tuple[str, str]]) -> None:
    _same("\n".join(f"{key}: {value}" for key, value in fields))


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["title", "chapter", "yes", "a_b"]), _VALUES), max_size=4)
)
def test_any_plain_looking_lines_are_read_as_yaml_reads_them(
    fields: list[tuple[str, str]],
) -> None:
    _same("\n".join(f"{key}: {value}" for key, value in fields))


def test_every_section_of_the_repository_reads_as_it_did() -> None:
    """Each Markdown file with front matter here (the books, the fixtures' expected
    sections): split_front_matter gives the same with and without the plain reading."""
    read = 0
    for path in sorted(ROOT.glob("**/*.md")):
        if ".git" in path.parts or not path.read_bytes().startswith(b"---"):
            continue
        text = path.read_text("utf-8", "replace")
        source = text.split("\n---", 1)[0][4:]
        if plain_fields(source) is None:
            continue
        read += 1
        _same(source)
        assert frontmatter.split_front_matter(text).data == _yaml(source)[0]
    assert read > 10


def test_the_reading_is_the_one_split_front_matter_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    text = f"---\n{TYPICAL}\n---\n\nBody.\n"
    plain = frontmatter.split_front_matter(text)
    monkeypatch.setattr(frontmatter, "plain_fields", lambda source: None)
    assert frontmatter.split_front_matter(text) == plain
