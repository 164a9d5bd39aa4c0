"""The names a screen reader gives a page's headings: Chromium's accessibility tree, read
through the puppeteer that DAISY Ace installs beside itself (where `invoke check` finds
Ace: OCTAVO_ACE, else .tools/ace as .ci/install-system puts it; its node too). A missing node, Chromium or puppeteer skips
the test with the reason outside CI, and fails it in CI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

__all__ = ["heading_names"]

_SCRIPT = Path(__file__).with_name("heading_names.js")


def _puppeteer() -> Path | None:
    from octavo.check.epub import ACE_BIN

    ace = os.environ.get("OCTAVO_ACE") or (
        str(ACE_BIN) if ACE_BIN.is_file() else shutil.which("ace-puppeteer")
    )
    if not ace:
        return None
    folder = Path(ace).resolve().parent.parent / "puppeteer"  # node_modules/.bin/.. : puppeteer
    if not folder.is_dir():  # .bin/ace-puppeteer links into the package: climb to node_modules
        found = [p / "puppeteer" for p in Path(ace).parents if p.name == "node_modules"]
        folder = next((f for f in found if f.is_dir()), folder)
    return folder if folder.is_dir() else None


def heading_names(page: Path) -> list[tuple[int, str]]:
    """Each heading of `page` (an XHTML or HTML file): its level and accessible name (a
    no-break space in it read as a space, as a screen reader speaks it)."""
    from octavo.check.epub import WHEEL_NODE

    node = str(WHEEL_NODE) if WHEEL_NODE.is_file() else shutil.which("node")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    folder = _puppeteer()
    if not (node and chromium and folder):
        message = "node, Chromium and the puppeteer of DAISY Ace (.tools/ace) are needed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run(
        [node, str(_SCRIPT), str(folder), chromium, str(page.resolve())],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return [
        (int(level), str(name).replace("\u00a0", " ")) for level, name in json.loads(done.stdout)
    ]
