"""Preview: the contact sheet of page images."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops

from octavo.cli.preview import contact_sheet

COLOURS = ((200, 30, 30), (30, 160, 30), (30, 30, 200))


def _box(sheet: Image.Image, colour: tuple[int, int, int]) -> tuple[int, int, int, int] | None:
    """The bounding box of the pixels of exactly `colour`."""
    solid = Image.new("RGB", sheet.size, colour)
    differ = ImageChops.difference(sheet, solid).convert("L")
    return differ.point(lambda v: 255 if v == 0 else 0).getbbox()


def test_contact_sheet_shows_every_page_scaled_in_reading_order(tmp_path: Path) -> None:
    pages = []
    for index, colour in enumerate(COLOURS):
        path = tmp_path / f"page-{index + 1:03d}.png"
        Image.new("RGB", (400, 600), colour).save(path)
        pages.append(path)
    sheet_path = contact_sheet(tuple(pages), tmp_path / "sheet.png", columns=2, height=300)
    with Image.open(sheet_path) as image:
        sheet = image.convert("RGB")
    boxes = [_box(sheet, colour) for colour in COLOURS]
    assert all(box is not None for box in boxes), boxes
    first, second, third = (box for box in boxes if box is not None)
    for left, top, right, bottom in (first, second, third):
        assert (right - left, bottom - top) == (200, 300)  # 400×600 at 300 px tall
    assert second[0] > first[2] and second[1] == first[1]  # page 2 to the right of page 1
    assert third[0] == first[0] and third[1] > first[3]  # page 3 starts the next row
    label = sheet.crop((first[0], first[3], first[2], third[1])).convert("L")
    assert (
        label.point(lambda v: 255 if v < 120 else 0).getbbox() is not None
    )  # a dark page label under page 1
