"""Issue 16 items 1-2: a book's templates run no code and read nothing outside the template
folders; the EPUB cover is drawn through the URL sandbox."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from jinja2 import Environment, UndefinedError
from jinja2.exceptions import SecurityError

from octavo import api
from octavo.errors import BuildError
from octavo.model import Manuscript
from octavo.render.epub.cover import cover_text, render_cover
from tests.conftest import ROOT, MakeBook, section_source

ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('echo PWNED').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{% set x = [] %}{{ x.append('PWNED') }}",
]


@pytest.fixture
def book(make_book: MakeBook) -> Path:
    return make_book({"001-a.md": section_source(1, total=1)})


def _override(book: Path, name: str, text: str) -> Path:
    path = book / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _env(book: Path) -> Environment:
    return api.open_book(book).env()


def _codes(action: Callable[[], object]) -> list[str]:
    with pytest.raises(BuildError) as caught:
        action()
    return [d.code for d in caught.value.diagnostics]


@pytest.mark.parametrize("attack", ESCAPES, ids=["popen", "mro", "globals", "mutate"])
def test_a_template_cannot_escape_the_sandbox(book: Path, attack: str) -> None:
    _override(book, "shared/x.html", attack)
    with pytest.raises(BuildError) as caught:
        _env(book).get_template("shared/x.html").render()
    assert "PWNED" not in str(caught.value)
    assert [d.code for d in caught.value.diagnostics] == ["E702"]
    assert isinstance(caught.value.__cause__, (SecurityError, UndefinedError))


def test_a_broken_print_template_is_E702_with_its_line(book: Path, tmp_path: Path) -> None:
    _override(book, "print/book.html", "{% extends 'print/base.html' %}\n{% if %}\n")
    with pytest.raises(BuildError) as caught:
        api.build_pdf(book, tmp_path / "b.pdf")
    (found,) = caught.value.diagnostics
    assert (found.code, found.line) == ("E702", 2)


def test_epub_template_running_code_is_a_diagnostic(book: Path, tmp_path: Path) -> None:
    _override(
        book,
        "epub/colophon.xhtml",
        "{% extends 'epub/page.xhtml' %}{% block body %}" + ESCAPES[0] + "{% endblock %}",
    )
    assert _codes(lambda: api.build_epub(book, tmp_path / "b.epub")) == ["E702"]
    assert not (tmp_path / "b.epub").exists()


def test_a_template_symlinked_out_is_refused(book: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("SECRET")
    link = book / "templates" / "print" / "book.html"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    assert _codes(lambda: _env(book).get_template("print/book.html")) == ["E004"]


def test_an_include_symlinked_out_is_refused(book: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    _override(book, "shared/x.html", "{% include 'shared/leak.txt' %}")
    (book / "templates" / "shared" / "leak.txt").symlink_to(secret)
    template = _env(book).get_template("shared/x.html")
    assert _codes(template.render) == ["E004"]


def test_a_template_that_is_a_fifo_is_refused(book: Path) -> None:
    import os

    fifo = book / "templates" / "shared" / "cover.html"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    assert _codes(lambda: _env(book).get_template("shared/cover.html")) == ["E005"]


def test_templates_folder_symlinked_out_of_the_book_is_not_searched(
    book: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere" / "shared"
    elsewhere.mkdir(parents=True)
    (elsewhere / "cover.html").write_text("SECRET")
    (book / "templates").symlink_to(tmp_path / "elsewhere")
    env = _env(book)
    assert env.loader is not None
    assert "SECRET" not in env.loader.get_source(env, "shared/cover.html")[0]


@pytest.mark.parametrize("folder", ["templates", "styles"])
def test_a_book_s_own_folder_linked_out_is_E004_not_left_out_unsaid(
    book: Path, tmp_path: Path, folder: str
) -> None:
    """A series' house style shared by a link (`styles -> ../house/styles`) is never read
    (above), but the book built in octavo's look without a word: now E004 at the folder,
    and no output is made."""
    elsewhere = tmp_path / "house" / folder
    (elsewhere / "print").mkdir(parents=True)
    (elsewhere / "print" / "book.css").write_text("p { color: red; }")
    (book / folder).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(BuildError) as caught:
        api.build_epub(book, tmp_path / "b.epub")
    assert [(d.code, d.file) for d in caught.value.diagnostics] == [("E004", book / folder)]
    assert not (tmp_path / "b.epub").exists()


def _manuscript(book: Path) -> Manuscript:
    rendered, _ = api.manuscript(book)
    return rendered


@pytest.mark.parametrize(
    "css",
    [
        "html body.cover-page { background-image: url(file:///etc/passwd) }",
        "html body.cover-page { background-image: url(http://127.0.0.1:9/x.png) }",
        "@import url(http://127.0.0.1:9/x.css);",
        "html body.cover-page { background-image: url(../../outside.png) }",
    ],
    ids=["file", "http-url", "http-import", "traversal"],
)
def test_the_cover_is_drawn_through_the_sandbox(book: Path, tmp_path: Path, css: str) -> None:
    (tmp_path / "outside.png").write_bytes((ROOT / "docs" / "preview.png").read_bytes())
    sheet = book / "styles" / "cover.css"
    sheet.parent.mkdir(parents=True)
    shipped = (ROOT / "styles" / "cover.css").read_text()
    sheet.write_text(css + "\n" + shipped if css.startswith("@") else shipped + "\n" + css)
    codes = _codes(lambda: render_cover(_manuscript(book)))
    assert codes and set(codes) <= {"E601", "E602", "E603"}


def test_cover_template_loading_outside_image_is_refused(book: Path, tmp_path: Path) -> None:
    _override(
        book,
        "shared/cover.html",
        (ROOT / "templates" / "shared" / "cover.html")
        .read_text()
        .replace("</body>", '<img src="file:///etc/passwd"></body>'),
    )
    assert _codes(lambda: api.build_epub(book, tmp_path / "b.epub")) == ["E601"]


def test_cover_text_still_draws(book: Path) -> None:
    assert render_cover(_manuscript(book))[:8] == b"\x89PNG\r\n\x1a\n"
    assert cover_text(_manuscript(book)).title


@pytest.mark.parametrize(
    "rule",
    [
        "@import url(http://127.0.0.1:9/x.css);",
        "p { background: url(file:///etc/passwd) }",
        "p { background: url(http://127.0.0.1:9/x.png) }",
    ],
    ids=["import", "file", "http"],
)
def test_epub_css_is_checked_like_print_css(book: Path, tmp_path: Path, rule: str) -> None:
    sheet = book / "styles" / "epub" / "book.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(rule + "\n" + (ROOT / "styles" / "epub" / "book.css").read_text())
    codes = _codes(lambda: api.build_epub(book, tmp_path / "b.epub"))
    assert codes and set(codes) <= {"E601", "E602", "E608"}


def test_epub_css_symlinked_out_is_not_packed(book: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("/* SECRET */")
    sheet = book / "styles" / "epub" / "book.css"
    sheet.parent.mkdir(parents=True)
    sheet.symlink_to(secret)
    assert _codes(lambda: api.build_epub(book, tmp_path / "b.epub")) == ["E004"]
    out = tmp_path / "b.epub"
    if out.exists():
        with zipfile.ZipFile(out) as archive:
            assert all(b"SECRET" not in archive.read(n) for n in archive.namelist())


def test_a_new_override_is_seen_by_a_cached_environment(book: Path) -> None:
    """`invoke watch` (or a new book where an old one was) adds templates/shared/cover.html:
    the environment's cached copy of octavo's own must not shadow it."""
    (book / "templates").mkdir(exist_ok=True)
    env = _env(book)
    before = env.get_template("shared/cover.html").filename
    _override(book, "shared/cover.html", "MINE")
    after = _env(book).get_template("shared/cover.html")
    assert before != after.filename and after.render() == "MINE"


def test_a_missing_include_in_a_print_template_is_E702(book: Path, tmp_path: Path) -> None:
    shipped = (ROOT / "templates" / "print" / "book.html").read_text()
    _override(book, "print/book.html", "{% include 'print/nothing.html' %}\n" + shipped)
    with pytest.raises(BuildError) as caught:
        api.build_pdf(book, tmp_path / "b.pdf")
    assert [d.code for d in caught.value.diagnostics] == ["E702"]


LEAK = "{x.format.__globals__[dataclass].__globals__[sys].modules[os].environ[HOME]}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_catalogues_own_label_reads_no_attribute(book: Path, language: str) -> None:
    """A label of the book's own catalogue that octavo has none of (its templates may read
    one) is checked as any: str.format reads attributes and items of what a label is given
    (`labels.format('mine', x=labels)` printed the process's $HOME), French books too
    since elide formats each field with str.format (a reviewer's repro)."""
    from octavo.project import open_project
    from octavo.source.labels import load_labels

    (book / "book.toml").write_text(
        (book / "book.toml").read_text().replace('language = "en"', f'language = "{language}"')
    )
    catalogue = f'# mine\nmine = "Données de {LEAK}"\nplain = "Données de {{x}}"\n'
    _override(book, f"labels/{language}.toml", catalogue)
    project, _ = open_project(book)
    assert project is not None
    labels, found = load_labels(project.config, project.template_dirs)
    assert [(d.code, d.line) for d in found] == [("E116", 2)]
    assert "placeholder {x.format.__globals__[dataclass]" in found[0].message
    with pytest.raises(KeyError):
        labels["mine"]
    assert labels.format("plain", x="Minsk").endswith("Minsk")


def test_a_label_with_an_attribute_is_refused_as_it_is_formatted() -> None:
    """The catalogue's check aside, `Labels.format` never lets str.format read an attribute
    or an item (ValueError, which a template's render reports as E702)."""
    from octavo.model import Labels

    labels = Labels("fr", (("elisions", "de=d’"), ("mine", "de " + LEAK)), (), ())
    with pytest.raises(ValueError, match="not a name alone"):
        labels.format("mine", x=labels)
    english = Labels("en", (("mine", "{x.__class__}"),), (), ())
    with pytest.raises(ValueError, match="not a name alone"):
        english.format("mine", x=labels)


def test_a_catalogues_own_list_is_checked_item_by_item(book: Path) -> None:
    """A list of the book's own catalogue was taken unchecked (a reviewer's find): each of
    its strings is checked as a label is."""
    from octavo.project import open_project
    from octavo.source.labels import load_labels

    catalogue = 'mine = ["plain {x}", "{x.__class__}"]\nnamed = "{0} and {}"\n'
    _override(book, "labels/en.toml", catalogue)
    project, _ = open_project(book)
    assert project is not None
    _, found = load_labels(project.config, project.template_dirs)
    assert [(d.code, d.line) for d in found] == [("E116", 1), ("E116", 2)]
    assert "{x.__class__} with an attribute" in found[0].message
    assert "{0} without its name" in found[1].message
