"""Issue 16, done when: random hostile book folders (symlinks in and out, FIFOs, devices, dot
files, huge and malformed numbers, bad encodings, broken and escaping templates, styles that
reach out) never give a traceback, never make octavo read outside the book, never write
outside the output folder, and never change a source file.

Reads are watched with an audit hook (`open` events: Python's open() and os.open()); the
secret file outside the book must never be opened, and its marker must never reach an
output.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from octavo import api
from octavo.errors import BuildError
from tests.conftest import BOOK_TOML, ROOT, section_source

MARKER = "SECRET-MARKER-7f3a"

_opened: list[str] = []
_watching = False


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _watching and event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@contextmanager
def _watch_opens() -> Iterator[list[str]]:
    global _watching
    _opened.clear()
    _watching = True
    try:
        yield _opened
    finally:
        _watching = False


NUMBERS = st.sampled_from(
    ["1", "2", "0", "-1", "100001", "300000000", "9" * 5000, "1e9", "0x10", "'3'", "[1]", "~"]
)
DATES = st.sampled_from(['"1995-06"', '"0000-01"', '"9999-12"', '"1995-13"', "1995-06", "null"])
TEXTS = st.sampled_from(
    ["Trade", "Côte d'Ivoire's", "<b>x", "{{ 7*7 }}", "\x01ctl", "x" * 300, '"quoted"']
)


@st.composite
def sections(draw: st.DrawFn) -> tuple[str, bytes]:
    number = draw(st.integers(1, 3))
    text = section_source(number, draw(TEXTS).replace("\x01", ""), total=3, date=draw(DATES))
    if draw(st.booleans()):
        key = draw(st.sampled_from(["sequence", "total", "chapter"]))
        value = draw(NUMBERS)
        text = "\n".join(
            f"{key}: {value}" if line.startswith(f"{key}:") else line for line in text.split("\n")
        )
    body = draw(
        st.sampled_from(
            [
                "Plain prose.\n",
                "<iframe src='file:///etc/passwd'>\n\nRest.\n",
                "![x](../secret.txt)\n",
                "<embed src=x> words\n",
            ]
        )
    )
    data = (text + body).encode()
    if draw(st.integers(0, 5)) == 0:
        data = data.replace(b"Plain", b"Pl\xe9\xffin")  # not UTF-8
    return f"{number:03d}-{draw(st.sampled_from(['a', 'b', 'c']))}.md", data


SOURCE_NAMES = (
    "symlink-out",
    "symlink-in",
    "dangling",
    "fifo",
    "dev-zero-link",
    "device",
    "toml-link-out",
    "toml-huge-number",
    "toml-control",
    "toml-language",
    "toml-year-zero",
)
RENDER_NAMES = (
    "dot-file",
    "dot-garbage",
    "template-broken",
    "template-escape",
    "template-link-out",
    "template-include-out",
    "style-link-out",
    "style-url-file",
    "style-import-http",
    "epub-style-url",
    "harmless",
)
SOURCE_ENTRIES = st.sampled_from(SOURCE_NAMES)
RENDER_ENTRIES = st.sampled_from(RENDER_NAMES)
GOOD = [
    (f"00{n}-good.md", section_source(n, f"Good {n}", total=3).encode() + b"Some prose.\n")
    for n in (1, 2, 3)
]


def _make(root: Path, secret: Path, files: list[tuple[str, bytes]], entries: list[str]) -> Path:
    book = root / "book"
    book.mkdir()
    (book / "book.toml").write_text(BOOK_TOML)
    for name, data in files:
        (book / name).write_bytes(data)

    def put(relative: str, text: str) -> Path:
        path = book / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not os.path.lexists(path):
            path.write_text(text)
        return path

    def link(relative: str, target: Path | str) -> None:
        path = book / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not os.path.lexists(path):
            path.symlink_to(target)

    shipped = ROOT / "templates"
    for entry in entries:
        if entry == "symlink-out":
            link("009-out.md", secret)
        elif entry == "symlink-in":
            link("008-in.md", book / "book.toml")
        elif entry == "dangling":
            link("007-gone.md", book / "nothing.md")
        elif entry == "fifo" and not os.path.lexists(book / "006-pipe.md"):
            os.mkfifo(book / "006-pipe.md")
        elif entry == "dev-zero-link":
            link("005-zero.md", "/dev/zero")
        elif entry == "device" and os.geteuid() == 0 and not os.path.lexists(book / "004-dev.md"):
            os.mknod(book / "004-dev.md", stat.S_IFCHR | 0o644, os.makedev(1, 5))
        elif entry == "dot-file":
            put(".#001-a.md", "garbage")
        elif entry == "dot-garbage":
            (book / "._001-a.md").write_bytes(b"\x00\x05\x16\x07\xff")
        elif entry == "template-broken":
            put("templates/print/book.html", "{% if %}")
        elif entry == "template-escape":
            original = (shipped / "epub" / "colophon.xhtml").read_text()
            put(
                "templates/epub/colophon.xhtml",
                original.replace(
                    "</section>",
                    "{{ cycler.__init__.__globals__.os.popen('id').read() }}</section>",
                ),
            )
        elif entry == "template-link-out":
            link("templates/shared/cover.html", secret)
        elif entry == "template-include-out":
            link("templates/shared/leak.html", secret)
            original = (shipped / "epub" / "colophon.xhtml").read_text()
            put(
                "templates/epub/colophon.xhtml",
                original.replace("</section>", "{% include 'shared/leak.html' %}</section>"),
            )
        elif entry == "style-link-out":
            link("styles/print/book.css", secret)
        elif entry == "style-url-file":
            css = (ROOT / "styles" / "cover.css").read_text()
            put(
                "styles/cover.css",
                css + f"\nhtml body.cover-page {{ background: url({secret.as_uri()}) }}",
            )
        elif entry == "style-import-http":
            css = (ROOT / "styles" / "print" / "book.css").read_text()
            put("styles/print/book.css", "@import url(http://127.0.0.1:9/x.css);\n" + css)
        elif entry == "epub-style-url":
            css = (ROOT / "styles" / "epub" / "book.css").read_text()
            put("styles/epub/book.css", css + f"\np {{ background: url({secret.as_uri()}) }}\n")
        elif entry.startswith("toml-"):
            toml = book / "book.toml"
            if toml.is_symlink():
                continue
            if entry == "toml-link-out":
                toml.unlink()
                toml.symlink_to(secret)
            elif entry == "toml-huge-number":
                toml.write_text(toml.read_text() + "order = [" + "9" * 5000 + "]\n")
            elif entry == "toml-control":
                toml.write_text(toml.read_text().replace("Testland:", "Test\\u0007land:"))
            elif entry == "toml-language":
                toml.write_text(toml.read_text().replace('"en"', '"klingon!! <x>"'))
            elif entry == "toml-year-zero":
                toml.write_text(toml.read_text() + 'research_completed = "0000-01"\n')
    return book


def _snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every entry under `folder` by its type and (regular files) content, links unfollowed."""
    found: dict[str, tuple[int, str]] = {}
    for here, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(here) / name
            info = path.lstat()
            kind = stat.S_IFMT(info.st_mode)
            if stat.S_ISREG(info.st_mode):
                content = hashlib.sha256(path.read_bytes()).hexdigest()
            elif stat.S_ISLNK(info.st_mode):
                content = os.readlink(path)
            else:
                content = ""
            found[str(path.relative_to(folder))] = (kind, content)
    return found


def _outputs_text(out: Path) -> str:
    text = []
    for path in out.rglob("*"):
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as archive:
                text += [archive.read(n).decode("latin-1") for n in archive.namelist()]
        elif path.is_file():
            text.append(path.read_bytes().decode("latin-1"))
    return "\n".join(text)


def _check(root: Path, files: list[tuple[str, bytes]], entries: list[str], pdf: bool) -> set[str]:
    """Build a hostile book; the codes it gave ("ok" for a build that succeeded)."""
    outside = root / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(f"{MARKER}\n---\ntitle: x\n---\n")
    book = _make(root, secret, files, entries)
    out = root / "out"
    before_book, before_outside = _snapshot(book), _snapshot(outside)
    codes: set[str] = set()
    here = Path.cwd()
    os.chdir(root)  # octavo's state folder (build/.octavo) lands here, where it can be seen
    try:
        with _watch_opens() as opened:
            for build, suffix in ((api.build_epub, ".epub"), (api.build_pdf, ".pdf"))[: 1 + pdf]:
                try:
                    build(book, out / f"b{suffix}")
                    codes.add("ok")
                except BuildError as exc:
                    assert exc.diagnostics and all(d.code for d in exc.diagnostics)
                    codes |= {d.code for d in exc.diagnostics}
    finally:
        os.chdir(here)
    assert not [p for p in opened if os.path.realpath(p) == str(secret)], "read outside the book"
    assert _snapshot(book) == before_book, "a source changed"
    assert _snapshot(outside) == before_outside, "a file outside the book changed"
    assert {p.name for p in root.iterdir()} <= {"book", "outside", "out", "build"}, "written"
    if (root / "build").exists():  # octavo's own state, and nothing else
        assert [p.name for p in (root / "build").iterdir()] == [".octavo"]
    if out.exists():
        assert MARKER not in _outputs_text(out), "the secret reached an output"
    shutil.rmtree(root, ignore_errors=True)
    return codes


ALL = sorted({*SOURCE_NAMES, *RENDER_NAMES} - {"harmless"})
EXPECTED = {  # what each attack alone must give (besides no read, no write, no change)
    "symlink-out": "E004",
    "fifo": "E005",
    "dev-zero-link": "E004",
    "dangling": "E001",
    "template-escape": "E702",
    "template-broken": "E702",
    "template-link-out": "E004",
    "template-include-out": "E004",
    "style-link-out": "E601",
    "style-url-file": "E601",
    "style-import-http": "E602",
    "toml-link-out": "E004",
    "toml-huge-number": "E102",
    "toml-control": "E123",
    "toml-language": "E122",
    "toml-year-zero": "E107",
    "dot-file": "ok",
    "dot-garbage": "ok",
}


@pytest.mark.parametrize("entry", ALL)
def test_each_attack_alone(tmp_path: Path, entry: str) -> None:
    codes = _check(tmp_path, GOOD, [entry], pdf=entry.startswith(("style", "template")))
    if entry in EXPECTED:
        assert EXPECTED[entry] in codes, codes


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(
    files=st.one_of(st.just(GOOD), st.lists(sections(), min_size=0, max_size=3)),
    entries=st.one_of(
        st.lists(RENDER_ENTRIES, min_size=1, max_size=3),
        st.lists(st.one_of(SOURCE_ENTRIES, RENDER_ENTRIES), min_size=1, max_size=4),
    ),
    pdf=st.booleans(),
)
def test_random_hostile_books(
    tmp_path_factory: pytest.TempPathFactory,
    files: list[tuple[str, bytes]],
    entries: list[str],
    pdf: bool,
) -> None:
    _check(tmp_path_factory.mktemp("hostile"), files, entries, pdf)
