"""Fuzzing the input side with hypothesis: no uncaught exception, every error located,
every rendered body well-formed XHTML. At least 200 examples a target."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from octavo.importers import PageError, decode_page, parse_page
from octavo.render.markdown import render_block, render_inline
from octavo.source.config import _config
from octavo.source.sections import _FIELDS, read_section
from tests.conftest import SEED
from tests.support.pandoc_grids import ALIGNED, FOOT, HEAD_ROWS, SAMPLE, SPANS
from tests.support.strategies import any_text, construct_bodies, markdown_bodies

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
SEED_LINES = SEED.read_text().split("\n")

EPUB_NS = "http://www.idpf.org/2007/ops"


def _well_formed(fragment: str) -> ElementTree.Element:
    """The fragment inside an element that declares the EPUB namespace, as the chapter's
    document does (a title holding an inline note, `^[link]`, calls it with epub:type)."""
    return ElementTree.fromstring(f'<div xmlns:epub="{EPUB_NS}">{fragment}</div>')


@FUZZ
@given(markdown_bodies)
def test_markdown_bodies_render_to_well_formed_xhtml(body: str) -> None:
    fragment = render_block(body)
    for element in _well_formed(fragment.html).iter():
        assert element.tag not in ("script", "iframe", "img", "object", "style")
        assert not any(name.startswith("on") for name in element.attrib)
        assert not element.get("href", "").lower().lstrip().startswith(("javascript:", "data:"))


@FUZZ
@given(construct_bodies)
def test_construct_bodies_render_to_well_formed_xhtml(body: str) -> None:
    """Tables, figures, notes, attributes, references in any mix: well-formed, ids once,
    images only from inside the book, no handler or script."""
    fragment = render_block(body)
    epub = "http://www.idpf.org/2007/ops"  # note calls carry epub:type
    tree = ElementTree.fromstring(f'<div xmlns:epub="{epub}">{fragment.html}</div>')
    ids = [e.get("id") for e in tree.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    for element in tree.iter():
        assert element.tag not in ("script", "iframe", "object", "style")
        assert not any(name.startswith("on") or name == "data-octavo" for name in element.attrib)
        src = element.get("src", "")
        assert element.tag != "img" or (src and not src.startswith(("/", "..")) and ":" not in src)


@FUZZ
@given(st.one_of(any_text, markdown_bodies))
def test_titles_render_to_well_formed_xhtml(title: str) -> None:
    _well_formed(render_inline(title))


@FUZZ
@given(
    st.lists(st.sampled_from(SEED_LINES), max_size=60),
    st.lists(any_text, max_size=5),
    st.sampled_from(["utf-8", "cp1252", "latin-1"]),
    st.booleans(),
)
def test_importer_never_crashes(
    lines: list[str], noise: list[str], encoding: str, crlf: bool
) -> None:
    text = "\n".join(lines + noise)
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding, errors="replace")
    try:
        page = parse_page(decode_page(data + b"\x00" * (len(noise) % 2)))
    except PageError as exc:
        assert exc.missing
    else:
        assert (page.sequence or 0) >= 0 and page.title is not None


front_values = st.one_of(
    st.none(),
    st.integers(-5, 10**12),
    st.floats(allow_nan=True),
    st.booleans(),
    any_text,
    st.lists(any_text, max_size=3),
    st.just("&a x"),
    st.just("*a"),
    st.just("[unclosed"),
    st.just('"1995-06"'),
    st.just("{a: 1}"),
    st.just("!!python/object:os.system"),
)
front_keys = st.sampled_from([*sorted(_FIELDS), "x"])


@FUZZ
@given(st.dictionaries(front_keys, front_values, max_size=11), any_text)
def test_front_matter_never_crashes(fields: dict[str, object], body: str) -> None:
    text = "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\n" + body
    section, found = read_section(Path("s.md"), text)
    assert (section is None) == bool(found)
    for diagnostic in found:
        assert diagnostic.code and diagnostic.file == Path("s.md") and diagnostic.line


toml_keys = st.sampled_from(
    [
        "title",
        "language",
        "identifier",
        "paper",
        "order",
        "chapters",
        "authors",
        "research_completed",
        "subject",
        "zzz",
    ]
)
toml_values = st.one_of(
    st.integers(),
    any_text,
    st.lists(st.integers(), max_size=3),
    st.lists(any_text, max_size=3),
    st.dictionaries(any_text, any_text, max_size=2),
)


@FUZZ
@given(st.dictionaries(toml_keys, toml_values, max_size=10))
def test_book_toml_never_crashes(data: dict[str, object]) -> None:
    config, found = _config(dict(data), "", Path("book.toml"))
    assert config is not None or any(d.severity.value == "error" for d in found)
    for diagnostic in found:
        assert diagnostic.code and diagnostic.file == Path("book.toml")


controls = st.text(st.sampled_from("ab !'\x01\x0b\x1f\x7f\x85\ufffe"), min_size=1, max_size=8)


@FUZZ
@given(controls, controls, controls, controls)
def test_index_marks_hold_no_control_character(words: str, entry: str, see: str, also: str) -> None:
    """An index mark's words, entry, see and see-also are set as the text is: without the
    control characters the text drops (the index's XHTML held them, and the EPUB stopped
    at E704, which names no file)."""
    quoted = [v.replace("\\", "").replace('"', "") for v in (entry, see, also)]
    body = f'[{words}]{{.index}} [{words}]{{index="{quoted[0]}" seealso="{quoted[2]}"}} '
    body += f'[{words}]{{index="{quoted[0]}" see="{quoted[1]}"}}\n'
    for mark in render_block(body).marks:
        for value in (*mark.path, mark.see, mark.see_also, mark.text):
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", value)


# what str.isdigit() or int() take for a figure: superscripts, other scripts' digits, signs
number_like = st.text(st.sampled_from("0159²³¹٥०５ +-_"), min_size=1, max_size=4)


@FUZZ
@given(st.dictionaries(number_like, st.sampled_from(["T", "", 5]), max_size=3), st.booleans())
def test_chapter_numbers_never_crash(titles: dict[str, object], in_part: bool) -> None:
    """[chapters] (or a part's [chapters.<country>]) with keys a figure's look-alikes:
    a number read, or E109 (`"²"` stopped every build with int()'s ValueError)."""
    data = {
        "title": "T",
        "language": "en",
        "identifier": "urn:uuid:" + "0" * 8 + "-0000" * 3 + "-" + "0" * 12,
        "chapters": {"Belarus": titles} if in_part else titles,
    }
    config, found = _config(data, "", Path("book.toml"))
    assert config is not None or [d.code for d in found] == ["E109"]


def test_toml_syntax_error_is_located(tmp_path: Path) -> None:
    from octavo.source.config import load_config

    (tmp_path / "book.toml").write_text('title = "x"\nlanguage = \n')
    _, found = load_config(tmp_path)
    assert [(d.code, d.line) for d in found] == [("E102", 2)]


_GRIDS = [ALIGNED, FOOT, HEAD_ROWS, SAMPLE, SPANS]
_WORDS = re.compile(r"[^\W\d_]{2,}")  # a grid's words: letters, two or more


@st.composite
def _bent_grids(draw: st.DrawFn) -> str:
    """One of pandoc's own grid tables with a few characters changed for a grid's (`+`,
    `-`, `|`, `=`, `:`) or a space: a border broken, a span opened, a line made ragged."""
    lines = [list(line) for line in draw(st.sampled_from(_GRIDS)).rstrip("\n").split("\n")]
    for _ in range(draw(st.integers(1, 4))):
        y = draw(st.integers(0, len(lines) - 1))
        x = draw(st.integers(0, len(lines[y]) - 1))
        lines[y][x] = draw(st.sampled_from("+-|=: x"))
    return "Text.\n\n" + "\n".join("".join(line) for line in lines) + "\n"


@FUZZ
@given(_bent_grids())
def test_a_bent_grid_is_a_table_or_its_text_told(source: str) -> None:
    """Never a traceback: a table, well-formed, each row as wide as the table; or the text
    kept (every word of the grid shown, in its order) and, where the grid was begun, W504
    at one of its lines."""
    fragment = render_block(source)
    tree = _well_formed(fragment.html)
    tables = tree.findall("table")
    if not tables:
        shown = "".join(tree.itertext())
        assert _WORDS.findall(shown) == _WORDS.findall(source), fragment.html
        told = [p for p in fragment.problems if p.code == "W504"]
        top = source.split("\n")[2]
        assert not (top[:2] in ("+-", "+:") and top.endswith("+")) or told, fragment.problems
        assert all(2 <= p.line < source.count("\n") for p in told)
