"""The one error boundary (octavo.errors.boundary), run as a user runs the tasks: a broken or
missing template, an output that cannot be written (a folder in the way, a folder that cannot
be made, a full disk) and a missing font each end with a coded error naming the file and exit
status 1, never a traceback, for the EPUB, the PDF and the handouts alike."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from octavo import api
from octavo.errors import BuildError
from octavo.shipped import STYLES
from tests.conftest import MakeBook, section_source
from tests.support.cli import invoke

# each output: its task, the template it renders, where --out goes
OUTPUTS = {
    "epub": ("epub/chapter.xhtml", "b.epub"),
    "pdf": ("print/book.html", "b.pdf"),
    "handouts": ("print/handout.html", "handouts"),
}
UNWRITABLE = Path("/sys/octavo-cannot-be-made")  # EPERM even for root; EACCES for others


@pytest.fixture
def book(make_book: MakeBook) -> Path:
    return make_book({"001-a.md": section_source(1, total=1)})


def _run(task: str, book: Path, out: Path, cwd: Path) -> tuple[str, set[str]]:
    """Run the task; it must fail with exit 1 and no traceback. (stderr, codes found)"""
    result = invoke(task, "--book", book, "--out", out, "--quiet", cwd=cwd)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    codes = {word for word in result.stderr.split() if word[:1] in "EW" and word[1:].isdigit()}
    return result.stderr, codes


def _override(book: Path, name: str, text: str) -> Path:
    path = book / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.mark.parametrize("task", list(OUTPUTS))
def test_template_syntax_error_is_E702_at_its_line(task: str, book: Path, tmp_path: Path) -> None:
    template, out = OUTPUTS[task]
    broken = _override(book, template, "<p>\n\n{% if %}\n")
    stderr, codes = _run(task, book, tmp_path / out, tmp_path)
    assert codes == {"E702"}
    assert f"{broken.resolve()}:3: E702" in stderr or f"{broken}:3: E702" in stderr, stderr


@pytest.mark.parametrize("task", list(OUTPUTS))
def test_missing_include_is_E702_naming_the_including_template(
    task: str, book: Path, tmp_path: Path
) -> None:
    template, out = OUTPUTS[task]
    broken = _override(book, template, "<p>\n{% include 'shared/nowhere.html' %}\n")
    stderr, codes = _run(task, book, tmp_path / out, tmp_path)
    assert codes == {"E702"} and "shared/nowhere.html" in stderr
    assert str(broken.resolve()) in stderr or str(broken) in stderr, stderr


@pytest.mark.parametrize("task", ["epub", "pdf"])
def test_out_that_is_a_folder_is_E121(task: str, book: Path, tmp_path: Path) -> None:
    out = tmp_path / OUTPUTS[task][1]
    out.mkdir()
    stderr, codes = _run(task, book, out, tmp_path)
    assert codes == {"E121"} and str(out) in stderr


def test_handouts_out_that_is_a_file_is_E121(book: Path, tmp_path: Path) -> None:
    """Refused before any work, the file kept (it was E701 "File exists" of a handout's
    path inside the file, after every handout was laid out)."""
    out = tmp_path / "handouts"
    out.write_text("a file, not a folder")
    stderr, codes = _run("handouts", book, out, tmp_path)
    assert codes == {"E121"} and f"{out}: E121" in stderr
    assert out.read_text() == "a file, not a folder"


@pytest.mark.parametrize("task", list(OUTPUTS))
def test_output_folder_that_cannot_be_written_is_E701(
    task: str, book: Path, tmp_path: Path
) -> None:
    """A file in a folder that cannot be written is E701 when the file is written; a folder
    of outputs (the handouts') is refused before any work, as a folder of the kernel's
    (E121, session 34: `--out /sys/…` failed after the build)."""
    out = Path("/sys") / OUTPUTS[task][1]
    stderr, codes = _run(task, book, out, tmp_path)
    assert codes == {"E121" if task == "handouts" else "E701"} and str(out) in stderr


@pytest.mark.parametrize("task", list(OUTPUTS))
def test_output_in_a_folder_that_does_not_exist_is_E133(
    task: str, book: Path, tmp_path: Path
) -> None:
    """A folder that does not exist is never made for an `--out` (ut46 bug 15: a typo went
    unnoticed), so one that cannot be made (UNWRITABLE, E701 until session 46) is E133
    before any work, as a missing one is."""
    out = UNWRITABLE / OUTPUTS[task][1]
    stderr, codes = _run(task, book, out, tmp_path)
    assert codes == {"E133"} and str(UNWRITABLE) in stderr


def test_an_html_that_cannot_be_written_is_named_so(book: Path, tmp_path: Path) -> None:
    """`pdf --html` into a folder that cannot be written said "cannot write the PDF" of the
    HTML's path; no PDF is written either (a folder that does not exist: E133)."""
    html = Path("/sys") / "b.html"
    result = invoke(
        "pdf", "--book", book, "--out", tmp_path / "b.pdf", "--html", html, cwd=tmp_path
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{html}: E701 error: cannot write the HTML of the PDF" in result.stderr
    assert not (tmp_path / "b.pdf").exists()


@pytest.mark.parametrize("task", list(OUTPUTS))
def test_missing_output_folder_is_e133_but_build_is_made(
    task: str, book: Path, tmp_path: Path
) -> None:
    """A missing folder was made for an --out (ut46 bug 15: a typo in its name went
    unnoticed); it is E133 now, before any work, with the folder named, as pandoc refuses
    it. build/ of the current folder, where the default outputs go, is still made."""
    out = tmp_path / "not" / "yet" / OUTPUTS[task][1]
    stderr, codes = _run(task, book, out, tmp_path)
    assert codes == {"E133"} and f"{out}: E133" in stderr and "mkdir -p" in stderr
    assert not (tmp_path / "not").exists()
    made = Path("build") / OUTPUTS[task][1]
    result = invoke(task, "--book", book, "--out", made, "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / made).exists()


@pytest.mark.parametrize("task", list(OUTPUTS))
def test_missing_font_file_is_E603(task: str, book: Path, tmp_path: Path) -> None:
    # the EPUB embeds no font, but its cover is drawn with styles/cover.css
    sheet = book / "styles" / ("cover.css" if task == "epub" else "print/fonts.css")
    sheet.parent.mkdir(parents=True, exist_ok=True)
    sheet.write_text(
        '@font-face { font-family: "gone"; src: url("fonts/Gone.otf"); }\n'
        'body { font-family: "gone" }\n'
    )
    stderr, codes = _run(task, book, tmp_path / OUTPUTS[task][1], tmp_path)
    assert codes == {"E603"} and "Gone.otf" in stderr


@pytest.mark.parametrize(("task", "jobs"), [("pdf", "1"), ("pdf", "2"), ("handouts", "")])
def test_a_style_weasyprint_cannot_draw_is_E623(
    task: str, jobs: str, book: Path, tmp_path: Path
) -> None:
    # WeasyPrint 70 (tinycss2) cannot turn device-cmyk() into a gradient's sRGB: a traceback
    sheet = book / "styles" / "print" / "book.css"
    sheet.parent.mkdir(parents=True)
    gradient = "linear-gradient(device-cmyk(0 0 0 0.2), device-cmyk(0 0 0 0.6))"
    sheet.write_text(
        (STYLES / "print" / "book.css").read_text() + f"h2 {{ background: {gradient} }}\n"
    )
    out = tmp_path / OUTPUTS[task][1]
    more = ("--jobs", jobs) if jobs else ()
    result = invoke(task, "--book", book, "--out", out, "--quiet", *more, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "E623 error: WeasyPrint stopped while making the PDF: NotImplementedError" in (
        result.stderr
    ), result.stderr
    assert not out.exists()


@pytest.mark.parametrize("task", list(OUTPUTS))
def test_full_disk_is_E701(
    task: str, book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("octavo.write.os.fsync", full)
    out = tmp_path / OUTPUTS[task][1]
    builds: dict[str, Callable[[Path, Path], object]] = {
        "epub": api.build_epub,
        "pdf": api.build_pdf,
        "handouts": api.build_handouts,
    }
    with pytest.raises(BuildError) as caught:
        builds[task](book, out)
    (found,) = caught.value.diagnostics
    assert found.code == "E701" and "No space left" in found.message
    assert found.hint == "free some disk space" and found.file is not None
    assert not list(tmp_path.rglob("*.part"))


def test_a_full_temporary_folder_is_E701_not_a_file_to_restore(book: Path, tmp_path: Path) -> None:
    """WeasyPrint copies each font into the temporary folder: on a full $TMPDIR (here a
    size limit, EFBIG, as a full disk's ENOSPC) the build stopped with E703 "a file the PDF
    needs cannot be read … restore the file", naming none. It is E701, a write that failed,
    and the output before it is left as it was."""
    import resource
    import subprocess

    from tests.support.cli import command

    out = tmp_path / "b.pdf"
    out.write_bytes(b"%PDF- the build before")

    def limited() -> None:  # 20 kB a file: a font's copy is larger
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = subprocess.run(
        command("pdf", "--book", book, "--out", out, "--quiet"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
        preexec_fn=limited,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "E701" in result.stderr and "E703" not in result.stderr, result.stderr
    assert out.read_bytes() == b"%PDF- the build before"


def test_preview_that_cannot_be_written_is_refused(book: Path, tmp_path: Path) -> None:
    """A folder of the kernel's is E121 before any work (session 34; E701 after it before)."""
    result = invoke("preview", "--book", book, "--out", UNWRITABLE, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "E121" in result.stderr and str(UNWRITABLE) in result.stderr


def test_import_into_a_folder_that_cannot_be_made_is_E701(tmp_path: Path) -> None:
    from tests.conftest import SEED

    result = invoke("import-pages", SEED, "--book", UNWRITABLE / "book", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "E701" in result.stderr and str(UNWRITABLE) in result.stderr


def test_a_working_folder_that_cannot_be_written_still_builds_with_W118(
    book: Path, tmp_path: Path
) -> None:
    out = tmp_path / "b.epub"
    result = invoke("epub", "--book", book, "--out", out, "--quiet", cwd=Path("/sys"))
    assert result.returncode == 0, result.stderr
    assert "W118" in result.stderr and out.is_file()
    assert not (Path("/sys") / "build").exists()
    # --strict makes it fatal, as any warning: nothing written (it was built all the same)
    strict = tmp_path / "strict.epub"
    refused = invoke("epub", "--book", book, "--out", strict, "--strict", cwd=Path("/sys"))
    assert refused.returncode == 1 and "W118" in refused.stderr and not strict.exists()


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (("pdf", "--jobs", "x"), "E126 error: --jobs 'x' is not a whole number"),
        (("cover", "--pages", "abc"), "E126 error: --pages 'abc' is not a whole number"),
        (("pdf", "--jobs", "-3"), "E126 error: --jobs '-3' is not 0 or more"),
        (("gen-study", "--sections=-2"), "E126 error: --sections '-2' is not 0 or more"),
        (("cover", "--pages", "0"), "E126 error: --pages '0' is not 1 or more"),
        (("preview", "--pages", "0"), "E126 error: --pages '0' is not 1 or more"),
        (("gen-study", "--sections", "0", "x"), "E126 error: --sections '0' is not 1 or more"),
    ],
    ids=[
        "jobs",
        "pages",
        "negative-jobs",
        "negative-sections",
        "no-pages",
        "no-preview",
        "no-sections",
    ],
)
def test_an_option_of_the_wrong_kind_is_e126_not_a_traceback(
    args: tuple[str, ...], told: str
) -> None:
    """invoke casts an option to its default's type and let int()'s ValueError out."""
    done = invoke(*args)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == told
