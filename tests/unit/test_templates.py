"""octavo's own templates kept compiled between runs (ShippedBytecode); a book's never."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment

from octavo.errors import BuildError
from octavo.render import templates
from octavo.render.templates import compiled_folder, environment
from octavo.shipped import TEMPLATES
from tests.conftest import BOOK_TOML, MakeBook, section_source

SHIPPED = "epub/pagebreak.xhtml"


@pytest.fixture
def compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names compiled from source, with the user's cache folder in tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    made: list[str] = []
    original = Environment.compile

    def counted(self: Environment, source: str, name: str | None = None, *args: object) -> object:
        made.append(name or "")
        return original(self, source, name, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(Environment, "compile", counted)
    return made


def _fresh(*folders: Path) -> Environment:
    """A new environment (as in a new process): environment() without its lru_cache."""
    fresh: Environment = environment.__wrapped__((*folders, TEMPLATES))
    return fresh


def test_a_shipped_template_is_compiled_once_across_runs(compiled: list[str]) -> None:
    first = _fresh().get_template(SHIPPED).render(folio="vii")
    assert compiled == [SHIPPED]
    assert len(list(compiled_folder().glob("*.jinja"))) == 1
    assert _fresh().get_template(SHIPPED).render(folio="vii") == first
    assert 'id="page-vii"' in first
    assert compiled == [SHIPPED]


def test_a_books_own_template_is_never_kept(compiled: list[str], tmp_path: Path) -> None:
    own = tmp_path / "book" / "templates"
    (own / "epub").mkdir(parents=True)
    (own / SHIPPED).write_text("<p>{{ 1 + 1 }}</p>")
    for _ in range(2):
        assert _fresh(own).get_template(SHIPPED).render() == "<p>2</p>"
    assert compiled == [SHIPPED, SHIPPED]
    assert not compiled_folder().exists()


def test_a_damaged_or_unwritable_cache_only_means_compiling(
    compiled: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    template = _fresh().get_template(SHIPPED)
    (entry,) = compiled_folder().glob("*.jinja")
    entry.write_bytes(b"j2 not bytecode")
    assert _fresh().get_template(SHIPPED).render(folio="1")
    blocked = entry.parent / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(templates, "compiled_folder", lambda: blocked / "templates")
    assert _fresh().get_template(SHIPPED) is not template
    assert compiled == [SHIPPED] * 3


class _Popper:
    pop = "a plain attribute"


@pytest.mark.parametrize("first", ["dict", "object"])
def test_the_sandbox_answers_by_type_whatever_was_asked_before(first: str, tmp_path: Path) -> None:
    """An attribute's safety is kept by (type, name): `pop` of a dict (it would change it)
    is refused, `pop` of another object is not, in either order."""
    env = environment((tmp_path,))
    template = env.from_string("{{ x.pop }}")
    values = {"dict": {}, "object": _Popper()}
    for kind in (first, *(k for k in values if k != first)):
        if kind == "dict":
            with pytest.raises(BuildError) as refused:
                template.render(x=values[kind])
            assert [d.code for d in refused.value.diagnostics] == ["E702"]
        else:
            assert template.render(x=values[kind]) == _Popper.pop


class _Tool:
    def run(self) -> str:
        return "ran"


def test_a_template_reaches_no_path_project_or_foreign_method(tmp_path: Path) -> None:
    """Jinja's sandbox stops at private names, not at a path's public methods: a book's
    template wrote a file outside the book (`root.parent.joinpath('x').write_text(…)`) and
    read one (`project.style('../../x').read_text()`). A path given as such prints as
    text; nothing of it, of a project, or a method of anything but strings, lists, dicts,
    dates, Jinja's and octavo.model's own is reached."""
    from octavo.project import open_project

    book = tmp_path / "book"
    book.mkdir()
    (book / "book.toml").write_text('title = "T"\n', encoding="utf-8")
    victim = tmp_path / "victim.txt"
    env = environment((tmp_path,))
    given = {"root": book, "project": open_project(book), "tool": _Tool()}
    for source in (
        "{{ root.parent.joinpath('victim.txt').write_text('x') }}",
        "{{ root.read_text() }}",
        "{{ project.style('../victim.txt') }}",
        "{{ tool.run() }}",
    ):
        with pytest.raises(BuildError) as refused:
            env.from_string(source).render(**given)
        assert [d.code for d in refused.value.diagnostics] == ["E702"], source
    assert not victim.exists()
    shown = env.from_string("{{ root }} {{ 'a b'.split()|join('+') }} {{ {'k': 1}.get('k') }}")
    assert shown.render(**given) == f"{book} a+b 1"


def test_a_template_prints_no_path_of_the_machine(tmp_path: Path) -> None:
    """`{{ ms.book.root }}` printed the builder's own folder (/home/<user>/…) into an EPUB
    they would hand out: a path or a project reached through what a template is given
    is E702, as its methods are."""
    import shutil

    from octavo.api import Sources, open_book

    book = tmp_path / "book"
    shutil.copytree(Path(__file__).parents[2] / "book", book)
    holder = _Holder(book)
    env = environment((tmp_path,))
    for source in ("{{ holder.root }}", "{{ holder.project }}", "{{ holder.root|string }}"):
        with pytest.raises(BuildError) as refused:
            env.from_string(source).render(holder=holder)
        assert [d.code for d in refused.value.diagnostics] == ["E702"], source
    assert env.from_string("{{ holder.name }}").render(holder=holder) == "book"
    # nor in what a whole object prints: a Book, a Section, its Project (their fields)
    read, _ = Sources(book).read()
    assert read is not None
    for source in (
        "{{ book }}",
        "{{ book|string }}",
        "{{ book.sections[0] }}",
        "{{ book|pprint }}",
    ):
        shown = env.from_string(source).render(book=read)
        assert str(tmp_path) not in shown and "PosixPath" not in shown, source
    assert open_book(book).root == book  # what the holder stands for: a Book's root


class _Holder:
    """What a template is given that holds a path (a Book's `root`, a Section's `path`)."""

    def __init__(self, root: Path):
        from octavo.api import open_book

        self.root, self.name = root, root.name
        self.project = open_book(root)


@pytest.mark.parametrize(
    ("source", "told"),
    [
        ("line one\n{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
        ("{% macro m() %}{{ m() }}{% endmacro %}\n{{ m() }}", "RecursionError"),
        ("{{ " + "9" * 5000 + " }}", "ValueError: Exceeds the limit"),
    ],
    ids=["division", "recursion", "constant-too-long"],
)
def test_a_templates_own_error_is_e702_not_a_traceback(
    source: str, told: str, tmp_path: Path
) -> None:
    (tmp_path / "own.html").write_text(source, encoding="utf-8")
    with pytest.raises(BuildError) as failed:
        environment((tmp_path,)).get_template("own.html").render()
    [found] = failed.value.diagnostics
    assert found.code == "E702" and f"template: {told}" in found.message
    assert found.file is not None and found.file.name == "own.html"


def test_jinja_s_cycler_works_within_the_budget(tmp_path: Path) -> None:
    """The budget counted a cycler as an iterator and hid its `next()` (E702 in a book's
    template striping a table's rows)."""
    env = environment((tmp_path,))
    source = '{% set row = cycler("odd", "even") %}{{ row.next() }} {{ row.current }}'
    assert env.from_string(source).render() == "odd even"


def test_a_title_keeps_its_last_two_words_by_a_filter(tmp_path: Path) -> None:
    """The templates' `no_orphan` filter joins a title's last two words with a no-break
    space, past its markup, and leaves a title of two words as it is."""
    env = environment((tmp_path,))
    render = env.from_string("{{ title | no_orphan | safe }}").render
    assert render(title="A <i>Country</i> Study") == "A <i>Country</i>\u00a0Study"
    assert render(title="Belarus Study") == "Belarus Study"  # two words: left as they are


def test_both_title_pages_show_a_title_with_markup_its_last_words_as_one(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """The title page of each output, rendered: a title and a subtitle that hold what
    is markup in XHTML (`&`, `<…>`, quotes) read as typed (escaped once, never twice nor
    left raw), their last two words joined by a no-break space (no word alone on the
    title's last line). A plain title alike: test_pdf_document's
    test_a_title_page_keeps_the_title_s_last_two_words_together."""
    import zipfile
    from xml.etree import ElementTree

    import tinyhtml5

    from octavo import api
    from octavo.render.pdf.document import PdfOptions, render_print_html

    toml = BOOK_TOML.replace(
        '"Testland: A Country Study"', """'Trade & <Industry>: "Belarus" Today'"""
    )
    book = make_book(
        {"001.md": section_source(1, total=1)}, toml + "subtitle = 'A Study of <Two> Lands'\n"
    )
    title, subtitle = (
        "Trade & <Industry>: \u201cBelarus\u201d\u00a0Today",
        "A Study of <Two>\u00a0Lands",
    )
    manuscript, _ = api.manuscript(book)
    printed = tinyhtml5.parse(render_print_html(manuscript, PdfOptions()))
    assert _title_page(printed) == {("h1", "title"): title, ("p", "subtitle"): subtitle}
    epub, _ = api.build_epub(book, tmp_path / "b.epub")
    with zipfile.ZipFile(epub) as archive:
        page = ElementTree.fromstring(archive.read("EPUB/text/titlepage.xhtml"))
    assert _title_page(page) == {("h1", "title"): title, ("p", "subtitle"): subtitle}


def _title_page(root: Any) -> dict[tuple[str, str], str]:
    """The text of each element of class 'title' or 'subtitle', by its tag and class."""
    return {
        (e.tag.rpartition("}")[2], e.get("class")): "".join(e.itertext())
        for e in root.iter()
        if e.get("class") in ("title", "subtitle")
    }
