"""The sandbox: files of the allowed roots load; everything else is refused with a code."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.errors import BuildError
from octavo.render.url_sandbox import FetchRefused, Sandbox, weasyprint_fetcher


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
