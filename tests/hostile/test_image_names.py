"""ut47 bug 3: an image's address is decoded (markdown-it percent-encodes it) before its
file is looked up, and the sandbox's rules hold for the decoded name: an encoded `../`
(`%2e%2e%2f`) or slash (`%2F`) never reaches a file outside the book."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image as Pil

from octavo import api
from octavo.errors import BuildError
from octavo.render.markdown import Context, render_block
from tests.conftest import MakeBook, section_source

CONTEXT = Context(slug="s001-a", level=2)


@pytest.mark.parametrize(
    "written",
    [
        pytest.param("images/%2e%2e/%2e%2e/etc/passwd", id="encoded-dots"),
        pytest.param("%2e%2e%2fsecret.png", id="encoded-dots-and-slash"),
        pytest.param("%2E%2E%2Fsecret.png", id="encoded-capitals"),
        pytest.param("images%2F..%2F..%2Fsecret.png", id="encoded-slash"),
        pytest.param("images%2fa.png", id="encoded-slash-inside"),
        pytest.param("images%5c..%5csecret.png", id="encoded-backslash"),
        pytest.param("%2Fetc%2Fpasswd", id="encoded-root"),
        pytest.param("images/a%00.png", id="encoded-nul"),
        pytest.param("%2e%2e", id="encoded-parent"),
        pytest.param("file%3A///etc/passwd", id="encoded-scheme"),
        pytest.param("%252e%252e%252fsecret.png", id="encoded-twice"),
    ],
)
def test_an_encoded_escape_is_refused(written: str) -> None:
    fragment = render_block(f"![x]({written})\n", context=CONTEXT)
    assert [i.path for i in fragment.images if ".." in i.path or i.path[:1] == "/"] == []
    if fragment.images:  # decoded once only: '%2e' stays a name, never a step out
        assert [i.path for i in fragment.images] == ["%2e%2e%2fsecret.png"]
    else:
        assert [p.code for p in fragment.problems] == ["E506"]


def test_an_encoded_escape_reads_nothing_outside(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, body="![x](%2e%2e%2fsecret.png)\n")})
    Pil.new("RGB", (40, 40), "red").save(tmp_path / "secret.png")
    with pytest.raises(BuildError) as caught:
        api.build_epub(book, tmp_path / "b.epub")
    assert [d.code for d in caught.value.diagnostics] == ["E506"]
    assert not (tmp_path / "b.epub").exists()


def test_names_with_letters_and_spaces_are_found(make_book: MakeBook, tmp_path: Path) -> None:
    body = "![Umlaut](images/Kärte.png){width=40%}\n\n![Space](<images/Kärte 1.png>)\n"
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    (book / "images").mkdir()
    for name in ("Kärte.png", "Kärte 1.png"):
        Pil.new("RGB", (600, 400), "blue").save(book / "images" / name)
    api.build_epub(book, tmp_path / "b.epub")
    with zipfile.ZipFile(tmp_path / "b.epub") as epub:
        names = epub.namelist()
        text = epub.read("EPUB/text/ch01.xhtml").decode()
    member = "media/images/Karte-1-52e271e3.png"  # plain: EPUBCheck's RSC-020, PKG-010
    assert f"EPUB/{member}" in names, names
    assert f'src="../{member}"' in text
    assert not [name for name in names if " " in name or not name.isascii()]
    api.build_pdf(book, tmp_path / "b.pdf")


def _members(epub: Path) -> list[str]:
    with zipfile.ZipFile(epub) as archive:
        return archive.namelist()


def test_compatibility_dots_never_climb_out_of_the_epub(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A folder named '‥' (U+2025) or '．．' (U+FF0E) is inside the book, but its name in
    ASCII letters (NFKD) was '..': the EPUB held `EPUB/media/images/../../../a-b-….png`,
    which a naive unzip writes above its folder (a reviewer's zip-slip)."""
    folder = "images/\u2025/\uff0e\uff0e/\u2024"
    book = make_book({"001-a.md": section_source(1, total=1, body=f"![x](<{folder}/a b.png>)\n")})
    (book / folder).mkdir(parents=True)
    Pil.new("RGB", (60, 40), "green").save(book / folder / "a b.png")
    made, _ = api.build_epub(book, tmp_path / "b.epub")
    members = _members(made)
    assert all(".." not in m.split("/") and not m.startswith("/") for m in members), members
    image = next(m for m in members if m.endswith(".png") and "cover" not in m)
    with zipfile.ZipFile(made) as archive:
        chapter = archive.read("EPUB/text/ch01.xhtml").decode()
    assert f'src="../{image.removeprefix("EPUB/")}"' in chapter


@pytest.mark.parametrize("name", ["a&b.png", "a%41.png", "a#b.png", "a?b.png"])
def test_the_file_checked_is_the_file_printed(
    make_book: MakeBook, tmp_path: Path, name: str
) -> None:
    """The image read and measured is the one the PDF embeds and the EPUB names: the
    decoded `src` was decoded once more by WeasyPrint (`a%41.png` printed `aA.png`,
    `a#b.png` the file `a`), and the EPUB's chapter named `a&amp;b.png`'s member other than
    its manifest (a reviewer's finds)."""
    from urllib.parse import quote

    written = quote(name)  # as an author writes an address with %, # or ?
    book = make_book({"001-a.md": section_source(1, total=1, body=f"![x](images/{written})\n")})
    (book / "images").mkdir()
    Pil.new("RGB", (60, 40), "green").save(book / "images" / name)
    Pil.new("RGB", (60, 40), "red").save(book / "images" / "aA.png")  # the wrong one
    html = tmp_path / "b.html"
    api.build_pdf(book, tmp_path / "b.pdf", html=html)
    assert f'src="images/{quote(name, safe="/")}"' in html.read_text("utf-8")
    made, _ = api.build_epub(book, tmp_path / "b.epub")
    images = [m for m in _members(made) if "/media/images/" in m]
    with zipfile.ZipFile(made) as archive:
        chapter = archive.read("EPUB/text/ch01.xhtml").decode()
    assert len(images) == 1 and f'src="../{quote(images[0].removeprefix("EPUB/"))}"' in chapter


def test_a_file_named_like_a_fingerprinted_one_never_shares_its_member(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """`images/Kärte 1.png` is spelled `Karte-1-52e271e3.png` in the EPUB: a file of that
    very name beside it was the same member, and one image showed in place of the other
    (review47c C2). Each source has a member of its own, its bytes, named where it shows."""
    import io
    import re
    from urllib.parse import unquote

    from tests.support.validators import assert_epubcheck_clean

    body = "![Blue](<images/Kärte 1.png>)\n\n![Red](images/Karte-1-52e271e3.png)\n"
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    (book / "images").mkdir()
    Pil.new("RGB", (60, 40), "blue").save(book / "images" / "Kärte 1.png")
    Pil.new("RGB", (60, 40), "red").save(book / "images" / "Karte-1-52e271e3.png")
    made, _ = api.build_epub(book, tmp_path / "b.epub")
    members = _members(made)
    assert len(members) == len(set(members)), members
    with zipfile.ZipFile(made) as archive:
        chapter = archive.read("EPUB/text/ch01.xhtml").decode()
        tags = re.findall(r"<img [^>]+>", chapter)
        shown = {
            re.findall(r'alt="([^"]*)"', tag)[0]: archive.read(
                "EPUB/" + unquote(re.findall(r'src="([^"]+)"', tag)[0]).removeprefix("../")
            )
            for tag in tags
        }
    colours = {alt: Pil.open(io.BytesIO(data)).getpixel((0, 0)) for alt, data in shown.items()}
    assert colours == {"Blue": (0, 0, 255), "Red": (255, 0, 0)}
    # the file of a plain name keeps it
    assert "EPUB/media/images/Karte-1-52e271e3.png" in members
    assert_epubcheck_clean(made)
