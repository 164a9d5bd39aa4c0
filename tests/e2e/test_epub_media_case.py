"""Two images whose names differ only in case (`Map.png`, `map.png`) are two EPUB members
unlike in any case: they were `media/images/Map.png` and `media/images/map.png`, one file
where the EPUB is unpacked on macOS or Windows (the second written over the first), and
EPUBCheck's OPF-060. Now the second has a fingerprint, each picture its own."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from PIL import Image

from octavo import api
from tests.conftest import MakeBook, section_source
from tests.support.validators import assert_epubcheck_clean


def _png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 200), colour).save(out, "PNG")
    return out.getvalue()


def test_images_named_alike_but_for_case_are_members_unlike_in_any_case(
    make_book: MakeBook, tmp_path: Path
) -> None:
    body = "![Red map](images/Map.png)\n\n![Blue map](images/map.png)\n"
    book = make_book({
        "001-a.md": section_source(1, "Maps", total=1, body=body),
        "images/Map.png": _png((200, 0, 0)),
        "images/map.png": _png((0, 0, 200)),
    })  # fmt: skip
    epub, _ = api.build_epub(book, tmp_path / "b.epub")
    with zipfile.ZipFile(epub) as archive:
        members = [n for n in archive.namelist() if n.startswith("EPUB/media/")]
        assert len({n.lower() for n in members}) == len(members) == 2, members
        xhtml = archive.read("EPUB/text/ch01.xhtml").decode()
        shown = dict(re.findall(r'<img src="\.\./([^"]+)" alt="(\w+) map"', xhtml))
        pixels = {
            colour: Image.open(io.BytesIO(archive.read(f"EPUB/{src}"))).getpixel((0, 0))
            for src, colour in shown.items()
        }
    assert pixels == {"Red": (200, 0, 0), "Blue": (0, 0, 200)}, shown
    assert_epubcheck_clean(epub)
