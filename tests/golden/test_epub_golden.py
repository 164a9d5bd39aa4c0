"""Golden EPUBs: every member of the built EPUB, unzipped and pretty-printed, volatile
values (dates, octavo's version, the cover's pixels) normalised, compared with
tests/golden/epub/<book>/.

Regenerate after an intended change, then review the diff:

    pytest tests/golden --regen-golden
    git diff tests/golden/epub
"""

from __future__ import annotations

import difflib
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from octavo import __version__, api
from tests.support.golden_books import BOOKS

GOLDEN = Path(__file__).resolve().parent / "epub"
XML = (".xhtml", ".opf", ".ncx", ".xml")
VOLATILE = (
    (re.compile(r'(property="dcterms:modified">)[^<]+'), r"\1MODIFIED"),
    (re.compile(r"(<dc:date>)[^<]+"), r"\1DATE"),
    (re.compile(rf"octavo {re.escape(__version__)}"), "octavo VERSION"),
)


def normalised(name: str, data: bytes) -> str:
    """One member as reviewable text."""
    if name.endswith(".png"):
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            return f"PNG {image.width}x{image.height} {image.mode}\n"
    if name.endswith(XML):
        parser = etree.XMLParser(remove_blank_text=True)
        tree = etree.fromstring(data, parser)
        text = str(etree.tostring(tree, pretty_print=True, encoding="unicode"))
    else:
        text = data.decode("utf-8")
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def golden_name(name: str) -> str:
    return f"{name}.txt" if name.endswith(".png") else name


def members(epub: Path) -> dict[str, str]:
    with zipfile.ZipFile(epub) as archive:
        return {
            golden_name(i.filename): normalised(i.filename, archive.read(i))
            for i in archive.infolist()
        }


@pytest.mark.parametrize("name", sorted(BOOKS))
def test_epub_matches_golden(name: str, tmp_path: Path, regen_golden: bool) -> None:
    out, _ = api.build_epub(BOOKS[name](tmp_path), tmp_path / f"{name}.epub")
    got = members(out)
    folder = GOLDEN / name
    if regen_golden:
        shutil.rmtree(folder, ignore_errors=True)
        for member, text in got.items():
            (folder / member).parent.mkdir(parents=True, exist_ok=True)
            (folder / member).write_text(text, encoding="utf-8")
        return
    expected = {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    assert sorted(got) == sorted(expected), "members differ (pytest tests/golden --regen-golden)"
    for member, text in got.items():
        if text != expected[member]:
            diff = difflib.unified_diff(
                expected[member].splitlines(),
                text.splitlines(),
                f"golden/{member}",
                f"built/{member}",
                lineterm="",
                n=2,
            )
            pytest.fail("\n".join(list(diff)[:80]) + "\n(pytest tests/golden --regen-golden)")
