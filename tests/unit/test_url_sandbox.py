"""The sandbox: files of the allowed roots load; everything else is refused with a code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from octavo import api
from octavo.errors import BuildError
from octavo.render.url_sandbox import FetchRefused, Sandbox, real_urls, weasyprint_fetcher
from octavo.shipped import STYLES
from tests.conftest import MakeBook, section_source


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    root = tmp_path / "book"
    root.mkdir()
    (root / "style.css").write_text("p { color: red }", encoding="utf-8")
    return Sandbox((root,), root)


def test_file_inside_a_root_loads(sandbox: Sandbox) -> None:
    content, mime, path = sandbox.load((sandbox.roots[0] / "style.css").as_uri())
    assert (content, mime, path.name) == (b"p { color: red }", "text/css", "style.css")


@pytest.mark.parametrize(
    ("url", "code"),
    [
        pytest.param("file:///etc/passwd", "E601", id="outside"),
        pytest.param("http://example.com/font.otf", "E602", id="network"),
        pytest.param("https://example.com/a.css", "E602", id="https"),
        pytest.param("ftp://example.com/a.css", "E602", id="ftp"),
        pytest.param("file://otherhost/etc/passwd", "E602", id="remote-file"),
    ],
)
def test_refused(sandbox: Sandbox, url: str, code: str) -> None:
    with pytest.raises(FetchRefused) as caught:
        sandbox.resolve(url)
    assert caught.value.diagnostic.code == code


def test_dot_dot_out_of_the_root_is_refused(sandbox: Sandbox) -> None:
    url = (sandbox.roots[0] / ".." / ".." / "etc" / "passwd").as_uri()
    with pytest.raises(FetchRefused) as caught:
        sandbox.resolve(url)
    assert caught.value.diagnostic.code == "E601"


def test_symlink_out_of_the_root_is_refused(sandbox: Sandbox) -> None:
    link = sandbox.roots[0] / "passwd.css"
    link.symlink_to("/etc/passwd")
    with pytest.raises(FetchRefused) as caught:
        sandbox.resolve(link.as_uri())
    assert caught.value.diagnostic.code == "E601"


IMPORT = '/* the look */\n@import url("file:///etc/passwd");\n'


def test_a_linked_stylesheet_is_named_by_the_link(make_book: MakeBook) -> None:
    """A book's styles/print/book.css that links to ../mine/real.css: its refusal names the
    file the book uses (the link), as a linked section is named (the target was named:
    it comes first in the folder's order)."""
    book = make_book({"001-a.md": section_source(1, "Land", total=1)})
    real = book / "styles" / "mine" / "real.css"
    real.parent.mkdir(parents=True)
    real.write_text(IMPORT, encoding="utf-8")
    link = book / "styles" / "print" / "book.css"
    link.parent.mkdir(parents=True)
    link.symlink_to("../mine/real.css")
    told = Sandbox((book,), book).refusal("E601", "file:///etc/passwd", "outside").diagnostic
    assert (told.file, told.line) == (link, 2)
    with pytest.raises(BuildError) as caught:
        api.build_pdf(book, book.parent / "x.pdf")
    assert [(d.code, d.file, d.line) for d in caught.value.diagnostics] == [("E601", link, 2)]


def test_a_file_no_link_leads_to_is_named_by_itself(make_book: MakeBook) -> None:
    """Only a link's own target is named by the link: another file with the same URL, or
    a link to another file, leaves a file named as it is."""
    book = make_book({"001-a.md": section_source(1, "Land", total=1)})
    real = book / "styles" / "a" / "real.css"
    real.parent.mkdir(parents=True)
    real.write_text(IMPORT, encoding="utf-8")
    other = book / "styles" / "b" / "other.css"
    other.parent.mkdir(parents=True)
    other.write_text("p { color: red }\n", encoding="utf-8")
    (book / "styles" / "c.css").symlink_to("b/other.css")
    told = Sandbox((book,), book).refusal("E601", "file:///etc/passwd", "outside").diagnostic
    assert (told.file, told.line) == (real, 2)


def test_missing_file_is_refused(sandbox: Sandbox) -> None:
    with pytest.raises(FetchRefused) as caught:
        sandbox.resolve((sandbox.roots[0] / "nope.css").as_uri())
    assert caught.value.diagnostic.code == "E603"


def test_weasyprint_stops_on_a_refusal_instead_of_logging(sandbox: Sandbox) -> None:
    from weasyprint import HTML

    from octavo.render.pdf.document import guarded

    html = HTML(
        string='<link rel=stylesheet href="file:///etc/passwd"><p>x</p>',
        base_url=sandbox.roots[0].as_uri() + "/",
        url_fetcher=weasyprint_fetcher(sandbox),
    )
    with pytest.raises(BuildError) as caught:
        guarded(html.render)
    assert [d.code for d in caught.value.diagnostics] == ["E601"]


def test_weasyprint_loads_data_urls(sandbox: Sandbox) -> None:
    from weasyprint import HTML

    css = "data:text/css,p%7Bcolor:blue%7D"
    html = HTML(
        string=f'<link rel=stylesheet href="{css}"><p>x</p>',
        base_url=sandbox.roots[0].as_uri() + "/",
        url_fetcher=weasyprint_fetcher(sandbox),
    )
    assert len(html.render().pages) == 1


def test_oversized_data_url_is_refused(sandbox: Sandbox) -> None:
    from weasyprint.urls import FatalURLFetchingError

    from octavo.limits import MAX_DATA_URL

    fetcher = weasyprint_fetcher(sandbox)
    with pytest.raises(FatalURLFetchingError) as caught:
        fetcher.fetch("data:text/css," + "a" * MAX_DATA_URL)
    assert caught.value.diagnostic.code == "E607"


@pytest.fixture
def named(sandbox: Sandbox) -> Sandbox:
    """The same sandbox with its root named `book` (as octavo.render.url_sandbox.book_sandbox
    names the book, templates/ and styles/)."""
    return Sandbox(sandbox.roots, sandbox.source, places=(("book", sandbox.roots[0]),))


def test_a_named_url_is_the_file_of_its_place(named: Sandbox) -> None:
    assert named.resolve("file://book/style.css") == named.roots[0] / "style.css"
    assert named.load("file://book/style.css")[0] == b"p { color: red }"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        pytest.param("file://book/../../etc/passwd", "E601", id="dot-dot"),
        pytest.param("file://book/nope.css", "E603", id="missing"),
        pytest.param("file://styles/base.css", "E602", id="unknown-name"),
    ],
)
def test_a_named_url_keeps_the_rules(named: Sandbox, url: str, code: str) -> None:
    with pytest.raises(FetchRefused) as caught:
        named.resolve(url)
    assert caught.value.diagnostic.code == code


@pytest.mark.parametrize(
    ("name", "url"),
    [
        pytest.param("style.css", "file://book/style.css", id="file"),
        pytest.param("", "file://book/", id="folder"),
        pytest.param("a b/c.css", "file://book/a%20b/c.css", id="quoted"),
    ],
)
def test_a_file_of_a_place_is_named_without_its_path(named: Sandbox, name: str, url: str) -> None:
    assert named.url(named.roots[0] / name) == url


def test_a_file_of_no_place_keeps_its_path(named: Sandbox, tmp_path: Path) -> None:
    assert named.url(tmp_path / "x.css") == (tmp_path / "x.css").as_uri()


def test_weasyprint_gets_the_named_url_and_the_real_file(named: Sandbox) -> None:
    """The URL is the base of the file's own relative URLs; `path` is where WeasyPrint
    reads a big image again, never a path made of the name."""
    response = weasyprint_fetcher(named).fetch("file://book/style.css")
    assert (response.url, response.path) == (
        "file://book/style.css",
        str(named.roots[0] / "style.css"),
    )


def test_the_print_html_written_out_names_the_real_files(make_book: MakeBook) -> None:
    """`invoke pdf --html`: a file WeasyPrint alone lays out, its stylesheets found."""
    project = api.open_book(make_book({"001-a.md": section_source(1, total=1)}))
    html = '<link rel="stylesheet" href="file://styles/base.css"><img src="file://book/a.png">'
    book = project.root.resolve().as_uri()
    assert real_urls(html + "<p>file://book/</p>", project) == (
        f'<link rel="stylesheet" href="{STYLES.as_uri()}/base.css"><img src="{book}/a.png">'
        "<p>file://book/</p>"
    )


def test_the_print_html_written_out_finds_the_books_images(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A section's relative image URL was resolved against the book's folder: the HTML
    written elsewhere (build/) says so with a <base>, and WeasyPrint alone finds the image
    (it lost every figure of the bench study before)."""
    from weasyprint import HTML

    root = make_book({"001-a.md": section_source(1, total=1)})
    (root / "images").mkdir()
    Image.new("RGB", (40, 20), "red").save(root / "images" / "map.png")
    project = api.open_book(root)
    html = real_urls('<html><head><title>t</title></head><body><img src="images/map.png">', project)
    assert f'<head><base href="{project.root.resolve().as_uri()}/"><title>' in html
    out = tmp_path / "elsewhere" / "b.html"
    out.parent.mkdir()
    out.write_text(html)
    page = HTML(filename=out).render().pages[0]
    images = [b for b in page._page_box.descendants() if type(b).__name__ == "InlineReplacedBox"]
    assert len(images) == 1
    assert real_urls(html, project) == html  # once


def test_a_library_stopping_is_e623_and_octavos_own_bug_keeps_its_traceback() -> None:
    from octavo.model import roman
    from octavo.render.guarded import guarded

    with pytest.raises(BuildError) as told:
        guarded(lambda: json.loads("{", cls=_Broken))  # raised inside a library's frame
    assert "E623" in str(told.value) and "in unit/test_url_sandbox.py" in str(told.value)
    with pytest.raises(TypeError):  # raised in octavo's own code: a bug, not the book's
        guarded(lambda: roman("x"))  # type: ignore[arg-type]


class _Broken(json.JSONDecoder):
    def decode(self, s: str, *args: object) -> object:
        raise NotImplementedError
