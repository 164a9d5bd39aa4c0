"""octavo.render.pdf.parallel.shared_fonts: one font configuration for a worker's parts of
one book, the same bytes, never another book's, its folder removed by its maker."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from octavo.dev.gen import generate_study
from octavo.project import Project, open_project
from octavo.render.pdf.parallel import shared_fonts
from octavo.render.pdf.parallel.part import PartJob, lay_out_part
from octavo.render.pdf.parallel.shared_fonts import Fonts, clean, scope, styles_digest
from octavo.shipped import TEMPLATES
from octavo.zygote import Zygote

WARM = (TEMPLATES / "print" / "warm.html").read_text(encoding="utf-8")


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """WeasyPrint's temporary font folders made here, and nothing shared left behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    clean()
    yield folder
    clean()


def _book(folder: Path) -> Project:
    project, _ = open_project(generate_study(folder, 2))
    assert project is not None
    return project


def _part(project: Project, fonts: str) -> bytes:
    laid_out = lay_out_part(PartJob("warm", "", WARM, project, (), (), fonts=fonts))
    assert laid_out.warnings == ()
    return laid_out.pdf


def test_parts_share_one_configuration_and_give_the_same_bytes(
    tmp_path: Path, temporary: Path
) -> None:
    project = _book(tmp_path / "book")
    fonts = scope(project, styles_digest(project))
    alone = _part(project, "")  # WeasyPrint's own configuration, a new one each time
    gc.collect()  # its folder removed with its document
    assert _part(project, fonts) == alone
    assert _part(project, fonts) == alone
    assert len(shared_fonts._shared) == 1  # one configuration for both parts
    gc.collect()
    assert len(list(temporary.iterdir())) == 1  # its fonts copied once
    clean()
    assert list(temporary.iterdir()) == []


def test_another_book_or_other_styles_get_another_configuration(
    tmp_path: Path, temporary: Path
) -> None:
    first, second = _book(tmp_path / "one"), _book(tmp_path / "two")
    one = scope(first, styles_digest(first))
    assert one != scope(second, styles_digest(second))
    shutil.copytree(first.style_dirs[-1], first.root / "styles", dirs_exist_ok=True)
    (first.root / "styles" / "print" / "book.css").write_text("p { color: black }\n")
    restyled, _ = open_project(first.root)
    assert restyled is not None
    assert scope(restyled, styles_digest(restyled)) != one
    a, b = Fonts(one), Fonts(scope(second, styles_digest(second)))
    assert a.font_map is not b.font_map
    assert Fonts(one).font_map is a.font_map


def test_a_face_added_after_the_fonts_are_used_is_that_document_s_alone(
    tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _book(tmp_path / "book")
    fonts = scope(project, styles_digest(project))
    first = Fonts(fonts)
    assert first.font_map is not None
    config = first._config
    added: list[object] = []
    monkeypatch.setattr(type(config), "add_font_face", lambda self, d, f: added.append(d))
    first.add_font_face({"font_family": "SVG's"}, None)
    assert added == [{"font_family": "SVG's"}]
    assert Fonts(fonts).font_map is not first.font_map  # a new one for the next document


def _layout(project: Project, fonts: str) -> tuple[int, bytes]:
    return os.getpid(), _part(project, fonts)


def test_workers_remove_the_folders_they_made_when_they_end(
    tmp_path: Path, temporary: Path
) -> None:
    project = _book(tmp_path / "book")
    fonts = scope(project, styles_digest(project))
    with Zygote(2, lambda: _part(project, fonts), clean) as pool:
        done = [pool.submit(_layout, project, fonts) for _ in range(4)]
        pdfs = {pdf for _, pdf in (f.result() for f in done)}
        assert len(list(temporary.iterdir())) == 1  # the zygote's, shared by its workers
    assert list(temporary.iterdir()) == []
    assert pdfs == {_part(project, "")}  # as laid out with WeasyPrint's own fonts


def test_clean_removes_each_folder_once(
    tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folders this process made, its shared configuration's and its own documents',
    are removed by `clean`, each once; the shared one not again when WeasyPrint collects
    its configuration."""
    from weasyprint.text import fonts as weasy_fonts

    project = _book(tmp_path / "book")
    _part(project, "")  # a configuration of its own
    fonts = scope(project, styles_digest(project))
    _part(project, fonts)
    (made_here,) = shared_fonts._shared.values()
    shared = made_here.config  # alive after `clean`, then collected
    folder = str(shared._folder)
    del made_here
    made = {str(p) for p in temporary.iterdir()}
    assert folder in made
    removed: list[str] = []
    rmtree = shutil.rmtree

    def recorded(path: Any, *args: Any, **kwargs: Any) -> None:
        removed.append(str(path))
        rmtree(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", recorded)
    monkeypatch.setattr(weasy_fonts, "rmtree", recorded)
    clean()
    assert list(temporary.iterdir()) == []
    assert made <= set(removed) and len(removed) == len(set(removed))
    del shared
    gc.collect()  # the shared configuration collected: its folder is not removed again
    assert removed.count(folder) == 1


def test_a_configuration_made_before_the_folders_are_recorded_is_cleaned(
    tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared configuration made where no document installed the record of font folders
    (octavo.render.pdf.weasy_folders) still has its folder removed by `clean`."""
    from weasyprint.text import fonts as weasy_fonts
    from weasyprint.urls import URLFetcher

    monkeypatch.setattr(weasy_fonts, "mkdtemp", tempfile.mkdtemp)  # as WeasyPrint ships
    project = _book(tmp_path / "book")
    face = sorted(Path(project.style_dirs[-1]).rglob("*.otf"))[0]
    made = Fonts(scope(project, styles_digest(project)))
    made.add_font_face({"src": (("external", face.as_uri()),), "font_family": "b"}, URLFetcher())
    assert made.font_map is not None
    assert len(list(temporary.iterdir())) == 1
    clean()
    assert list(temporary.iterdir()) == []


def _app_fonts(config: Any) -> int:
    from weasyprint.text.ffi import ffi, fontconfig

    found = fontconfig.FcConfigGetFonts(config._config, fontconfig.FcSetApplication)
    return 0 if found == ffi.NULL else int(found.nfont)


def test_a_face_added_in_each_of_two_forked_workers_is_registered_in_both(
    tmp_path: Path, temporary: Path
) -> None:
    from weasyprint.urls import URLFetcher

    project = _book(tmp_path / "book")
    fonts = scope(project, styles_digest(project))
    book, svg = sorted(Path(project.style_dirs[-1]).rglob("*.otf"))[:2]

    def given() -> Fonts:  # a document's fonts: the book's face, then its first use
        made = Fonts(fonts)
        made.add_font_face(
            {"src": (("external", book.as_uri()),), "font_family": "b"}, URLFetcher()
        )
        assert made.font_map is not None
        return made

    made = given()  # the zygote's, made before the workers are forked
    before = _app_fonts(made._config)
    face = {"src": (("external", svg.as_uri()),), "font_family": "SVG's"}
    added = []
    for _ in range(2):  # one worker after the other, both given the same folder on disk
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the worker)
            count = 99
            try:
                inherited = given()
                if inherited._config is made._config:
                    inherited.add_font_face(face, URLFetcher())
                    count = _app_fonts(inherited._config)
                clean()  # its own folder only
            finally:
                os._exit(count)
        _, status = os.waitpid(pid, 0)
        added.append(os.waitstatus_to_exitcode(status) - before)
    assert added == [1, 1]
    assert len(list(temporary.iterdir())) == 1  # the zygote's; each worker removed its own


@pytest.fixture
def asked_again() -> Iterator[None]:
    """`applies` asked afresh here, and afresh after (not this test's answer)."""
    shared_fonts.applies.cache_clear()
    yield
    shared_fonts.applies.cache_clear()


def test_sharing_applies_to_the_weasyprint_it_was_read_against(
    monkeypatch: pytest.MonkeyPatch, asked_again: None
) -> None:
    import weasyprint

    assert shared_fonts.applies(), "fonts are no longer shared: read FontConfiguration again"
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert shared_fonts.applies()  # asked once a process
    shared_fonts.applies.cache_clear()
    assert not shared_fonts.applies()
    monkeypatch.undo()
    shared_fonts.applies.cache_clear()
    monkeypatch.setattr(shared_fonts, "SHAPE", (*shared_fonts.SHAPE, "self._cache = "))
    assert not shared_fonts.applies()


def test_on_another_weasyprint_each_part_has_a_configuration_of_its_own(
    tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _book(tmp_path / "book")
    monkeypatch.setattr(shared_fonts, "applies", lambda: False)
    _part(project, scope(project, styles_digest(project)))
    assert shared_fonts._shared == {}


def _broken_face(project: Project) -> PartJob:
    folder = project.root / "styles"
    (folder / "fonts").mkdir(parents=True, exist_ok=True)
    (folder / "fonts" / "Bad.otf").write_bytes(b"not a font at all" * 10)
    css = '@font-face { font-family: "bad"; src: url("fonts/Bad.otf") format("opentype") }\n'
    (folder / "bad.css").write_text(css, encoding="utf-8")
    link = '<link rel="stylesheet" href="file://book/styles/bad.css">\n</head>'
    return PartJob("warm", "", WARM.replace("</head>", link, 1), project, (), (), fonts="")


def _warnings(job: PartJob) -> tuple[str, ...]:
    return lay_out_part(job).warnings


def test_every_part_given_a_broken_face_warns_as_laid_out_alone(
    tmp_path: Path, temporary: Path
) -> None:
    project = _book(tmp_path / "book")
    job = _broken_face(project)
    alone = _warnings(job)
    assert any("bad" in message for message in alone)
    shared = replace(job, fonts=scope(project, styles_digest(project)))
    assert [_warnings(shared), _warnings(shared)] == [alone, alone]
    with Zygote(2, lambda: _warnings(shared), clean) as pool:
        assert [pool.submit(_warnings, shared).result() for _ in range(3)] == [alone] * 3
    handler = next(h for h in logging.getLogger("weasyprint").handlers if hasattr(h, "records"))
    handler.records.clear()  # expected here
