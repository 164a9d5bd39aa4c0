"""The reading engines that install here, driven as a reader would drive them.

- calibre 6 (Debian `calibre`): `ebook-convert` to AZW3, MOBI, PDF and TXT, `ebook-meta`,
  `calibre-debug --inspect-mobi` (what a Kindle file holds: its text, its EXTH cover and
  start offset) and calibre's own Check Book (stylelint inside Qt WebEngine, headless).
- MuPDF (Debian `mupdf-tools`): `mutool draw`, its own HTML/CSS layout engine.
- Chromium, headless: a probe page loads every content document in a frame of a phone or
  tablet width, optionally with a dark reader stylesheet injected the way reading systems
  inject theirs (before the book's own CSS, so a colour the book sets wins), and reports
  computed colours, sizes and overflow as JSON (`--dump-dom`); screenshots for review.

A missing tool skips the test with the reason outside CI; in CI (the `CI` variable set) it
fails, since `.ci/install-system` installs them all.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

__all__ = [
    "DARK_READER_CSS",
    "MobiDump",
    "calibre_check",
    "calibre_metadata",
    "chromium_probe",
    "chromium_screenshot",
    "chromium_sheet",
    "convert",
    "css_errors",
    "ebook_meta",
    "frame_result",
    "inspect_mobi",
    "mutool_errors",
    "mutool_lines",
    "mutool_pages",
    "mutool_text",
    "need",
    "unzip",
]

# What calibre's dark scheme and Foliate's dark theme do: colours on the root, no
# !important, injected before the book's stylesheets (the book's own colours win).
DARK_READER_CSS = "html, body { background-color: #1e1e1e; color: #d9d9d9; } a { color: #8fb8ff; }"
TIMEOUT = 300


def need(*tools: str) -> None:
    """Skip (outside CI) or fail (in CI) when a reading engine is not installed."""
    missing = [t for t in tools if shutil.which(t) is None]
    if not missing:
        return
    message = f"{', '.join(missing)} not installed: run `bash .ci/install-system`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _env() -> dict[str, str]:
    """calibre's Qt WebEngine headless, and without the sandbox that root cannot have."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_DISABLE_SANDBOX": "1"}
    env["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox --disable-gpu"
    return env


def _run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=_env(),
        cwd=cwd,
        check=False,
    )


def convert(epub: Path, out: Path, *options: str) -> str:
    """`ebook-convert EPUB OUT`: the log (stdout and stderr); a failed conversion fails."""
    done = _run("ebook-convert", epub, out, *options)
    log = done.stdout + done.stderr
    assert done.returncode == 0 and out.is_file(), f"ebook-convert {out.suffix} failed:\n{log}"
    return log


# calibre's CSS parser (css_parser) logs "CSSStyleDeclaration: …", "PropertyValue: …",
# "CSSVariable: …" and the like for each declaration it rejects.
_CSS_PROBLEM = re.compile(
    r"^(CSS\w*|PropertyValue|Property|MediaQuery|Selector\w*): .*$|.*\bCSS (error|warning)\b.*$",
    re.MULTILINE | re.IGNORECASE,
)


def css_errors(log: str) -> list[str]:
    return [m.group(0) for m in _CSS_PROBLEM.finditer(log)]


# calibre reads a PDF's metadata with pdfinfo in a worker process it waits 10 s for
# (calibre.utils.ipc.simple_worker); on a loaded machine (CI's two cores, each running a
# build) the worker can be late. calibre then prints the traceback, reports only what the
# file's name says, and exits 0: a CI run lost a PDF's series so, once.
_WORKER_LATE = ("Failed to connect to worker process", "Failed to run pdfinfo")


def ebook_meta(path: Path, tries: int = 3) -> dict[str, str]:
    """`ebook-meta FILE` as {field: value} ('Title', 'Author(s)', 'Identifiers', ...),
    asked again (up to `tries` times) when calibre's worker did not start in time."""
    done = _run("ebook-meta", path)
    for _ in range(tries - 1):
        if not any(late in done.stderr for late in _WORKER_LATE):
            break
        done = _run("ebook-meta", path)
    assert done.returncode == 0, done.stderr
    assert not any(late in done.stderr for late in _WORKER_LATE), done.stderr
    fields = {}
    for line in done.stdout.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip()] = value.strip()
    return fields


_META_SCRIPT = """
import json, sys
from calibre.ebooks.metadata.meta import get_metadata
path = sys.argv[-1]
with open(path, "rb") as f:
    mi = get_metadata(f, path.rpartition(".")[2].lower())
print("META" + json.dumps({"title": mi.title, "authors": mi.authors, "publisher": mi.publisher,
    "languages": mi.languages, "uuid": mi.uuid, "identifiers": mi.get_identifiers(),
    "series": mi.series}))
"""


def calibre_metadata(path: Path, scratch: Path) -> dict[str, Any]:
    """The metadata calibre reads (its `uuid` is the book's urn:uuid, which `ebook-meta`
    does not print: calibre lists only other schemes, such as an ISBN, as identifiers)."""
    script = scratch / "calibre_meta.py"
    script.write_text(_META_SCRIPT, encoding="utf-8")
    done = _run("calibre-debug", script, "--", path)
    line = next((x for x in done.stdout.splitlines() if x.startswith("META")), "")
    assert line, done.stdout + done.stderr
    found: dict[str, Any] = json.loads(line.removeprefix("META"))
    return found


@dataclass(frozen=True)
class MobiDump:
    header: str  # header.txt: the EXTH records among others
    text: bytes  # the book's markup, as the Kindle reads it (raw_text.html or text.html)
    parts: tuple[str, ...]  # KF8: one HTML file per spine item

    def exth(self, name: str) -> int | None:
        match = re.search(rf"^{re.escape(name)} \(\d+\): (\d+)\s*$", self.header, re.MULTILINE)
        return int(match[1]) if match else None


def inspect_mobi(book: Path, folder: Path) -> MobiDump:
    """`calibre-debug --inspect-mobi`: what a Kindle file holds (KF8 for AZW3, MOBI 6 else)."""
    folder.mkdir(parents=True, exist_ok=True)
    done = _run("calibre-debug", "--inspect-mobi", book.resolve(), cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    (dump,) = [p for p in folder.iterdir() if p.is_dir() and p.name.startswith("decompiled")]
    kf8 = dump / "raw_text.html"
    text = (kf8 if kf8.is_file() else dump / "text.html").read_bytes()
    parts = tuple(p.read_text("utf-8") for p in sorted((dump / "files").glob("*.html")))
    return MobiDump((dump / "header.txt").read_text("utf-8", "replace"), text, parts)


_CHECK_SCRIPT = """
import sys
from calibre.ebooks.oeb.polish.container import get_container
from calibre.ebooks.oeb.polish.check.main import run_checks
container = get_container(sys.argv[-1], tweak_mode=True)
for e in run_checks(container):
    print("CHECK", e.level, e.name, e.line, e.msg, getattr(e, "css_rule_id", "") or "", sep="\\t")
"""


def calibre_check(epub: Path, scratch: Path) -> list[tuple[int, str]]:
    """calibre's Check Book: (level, 'file:line: message [rule]'); levels: 2 warning,
    3 error, 4 critical (calibre.ebooks.oeb.polish.check.base)."""
    script = scratch / "calibre_check.py"
    script.write_text(_CHECK_SCRIPT, encoding="utf-8")
    done = _run("calibre-debug", script, "--", epub)
    assert done.returncode == 0, done.stdout + done.stderr
    found = []
    for line in done.stdout.splitlines():
        if line.startswith("CHECK\t"):
            _, level, name, where, message, rule = line.split("\t")
            found.append((int(level), f"{name}:{where}: {message} [{rule}]".rstrip(" []")))
    return found


def mutool_text(epub: Path, width: int = 360, height: int = 640) -> str:
    """The text MuPDF lays out for a screen of width x height CSS pixels, page by page."""
    return _mutool_txt(epub, width, height).stdout


def mutool_errors(epub: Path) -> list[str]:
    """What MuPDF reports while laying the book out ("error: css syntax error: ...")."""
    return [line for line in _mutool_txt(epub).stderr.splitlines() if "error" in line]


def _mutool_txt(
    epub: Path, width: int = 360, height: int = 640
) -> subprocess.CompletedProcess[str]:
    done = _run("mutool", "draw", "-q", "-F", "txt", "-W", str(width), "-H", str(height),
                "-o", "-", epub)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def mutool_pages(epub: Path, out: Path, width: int, height: int, pages: str) -> list[Path]:
    """PNGs of the pages MuPDF lays out (e.g. pages "1-4"), for review."""
    out.mkdir(parents=True, exist_ok=True)
    pattern = out / f"mupdf-{width}x{height}-%d.png"
    done = _run("mutool", "draw", "-q", "-r", "96", "-W", str(width), "-H", str(height),
                "-o", pattern, epub, pages)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return sorted(out.glob(f"mupdf-{width}x{height}-*.png"))


def mutool_page(document: Path, out: Path, width: int, height: int, dpi: int = 96) -> Path:
    """The first page MuPDF lays out of one document (an EPUB's XHTML) as a PNG at `out`."""
    done = _run("mutool", "draw", "-q", "-r", str(dpi), "-W", str(width), "-H", str(height),
                "-o", out, document, "1")  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def mutool_lines(document: Path, width: int, height: int) -> list[tuple[float, float, str]]:
    """The lines MuPDF lays out on the first page of one document (an EPUB's XHTML):
    (left x, baseline y, text) each, in CSS pixels, from its structured text."""
    import xml.etree.ElementTree as ET

    done = _run("mutool", "draw", "-q", "-F", "stext", "-W", str(width), "-H", str(height),
                "-o", "-", document, "1")  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = []
    for line in ET.fromstring(done.stdout).iter("line"):
        chars = list(line.iter("char"))
        if chars:
            first = chars[0]
            text = "".join(c.get("c", "") for c in chars)
            lines.append((float(first.get("x", 0)), float(first.get("y", 0)), text))
    return lines


def unzip(epub: Path, folder: Path) -> Path:
    """The EPUB unpacked; returns its text/ folder (content documents)."""
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(folder)
    return folder / "EPUB" / "text"


def _chromium() -> str:
    return shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"


_CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--allow-file-access-from-files",
    "--no-first-run",
    "--disable-extensions",
)

_PROBE = Path(__file__).with_name("reader_probe.js")


def _probe_page(
    text: Path,
    docs: list[str],
    width: int,
    height: int,
    dark: bool,
    sheet: bool = False,
    sheet_css: str = "",
) -> Path:
    """A page holding `docs` in width x height frames (in a row when `sheet`), measured by
    reader_probe.js once loaded (which injects the dark reader sheet when `dark`)."""
    page = text / f"probe-{width}{'-dark' if dark else ''}{'-sheet' if sheet else ''}.html"
    config = {"docs": docs, "width": width, "height": height,
              "dark": dark, "css": (DARK_READER_CSS if dark else "") + sheet_css}  # fmt: skip
    display = "inline-block;margin-right:8px;vertical-align:top" if sheet else "block"
    frames = "".join(
        f'<iframe src="{name}" width="{width}" height="{height}" '
        f'style="border:0;display:{display}" data-name="{name}"></iframe>'
        for name in docs
    )
    result = "<pre id='result' style='display:none'></pre>" if sheet else "<pre id='result'></pre>"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head>"
        f"<body style='margin:0;background:#777;white-space:nowrap'>{result}{frames}"
        f"<script>const CONFIG = {json.dumps(config)};\n{_PROBE.read_text('utf-8')}</script>"
        "</body></html>",
        encoding="utf-8",
    )
    return page


def chromium_probe(
    text: Path, docs: list[str], width: int, height: int, dark: bool, sheet_css: str = ""
) -> Any:
    """Every document of `docs` (names in `text`) in a width x height frame: computed
    contrast of every heading (and of each element inside it with text of its own), of the
    body text, the note calls' size against a letter of body text, overflow, cover fit.
    `sheet_css`: a reader's own rules, injected first (as the dark sheet is)."""
    page = _probe_page(text, docs, width, height, dark, sheet_css=sheet_css)
    found = _dumped_result(page, width, height, 20000)
    assert found.strip(), "the probe reported nothing"
    from html import unescape

    return json.loads(unescape(found))


def script_result(page: Path, script: str, width: int = 360, height: int = 740) -> str:
    """What `script` (markup put before the page's `</body>`: a `<script>` that writes its
    finding into a `<pre id="result">`) finds in `page`, an XHTML file, laid out width x
    height in Chromium (its `--dump-dom` lays the page out in its own window)."""
    page.write_text(page.read_text("utf-8").replace("</body>", script + "</body>"), "utf-8")
    return _dumped_result(page, width, height, 5000)


def frame_result(page: Path, measure: str, width: int = 360, height: int = 800) -> str:
    """What `measure` (the body of a JavaScript function of `doc` and `win`, the document
    and window of `page` laid out in a width x height frame: a phone's screen, its media
    queries those of its width) returns, as JSON. Headless Chromium's own window is never
    narrower than 500 px, so a page measured in it is laid out for that width."""
    probe = page.with_name(f"frame-{page.stem}.html")
    probe.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body style='margin:0'>"
        f"<pre id='result'></pre><iframe src='{page.name}' width='{width}' height='{height}' "
        "style='border:0'></iframe><script>window.addEventListener('load', () => {"
        "const frame = document.querySelector('iframe');"
        f"const found = ((doc, win) => {{ {measure} }})(frame.contentDocument, frame.contentWindow);"
        "document.getElementById('result').textContent = JSON.stringify(found);"
        "});</script></body></html>",
        encoding="utf-8",
    )
    return _dumped_result(probe, max(width, 500), height, 5000)


def _dumped_result(page: Path, width: int, height: int, budget: int) -> str:
    """The text of `page`'s `<pre id="result">` once its scripts ran, as Chromium dumps it."""
    done = subprocess.run(
        [_chromium(), *_CHROMIUM_FLAGS, f"--virtual-time-budget={budget}",
         f"--window-size={width},{height}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    match = re.search(r"<pre id=\"result\"[^>]*>(.*?)</pre>", done.stdout, re.DOTALL)
    assert match, f"the probe reported nothing:\n{done.stderr[-2000:]}"
    return match[1]


def chromium_sheet(
    text: Path, docs: list[str], width: int, height: int, dark: bool, out: Path
) -> Path:
    """One screenshot of `docs` side by side, each in a width x height frame (one browser
    start for them all), with the dark reader sheet when `dark`: a contact sheet to review."""
    page = _probe_page(text, docs, width, height, dark, sheet=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [_chromium(), *_CHROMIUM_FLAGS, "--virtual-time-budget=20000",
         f"--window-size={len(docs) * (width + 8)},{height}", f"--screenshot={out}",
         page.as_uri()],
        capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert out.is_file() and out.stat().st_size > 0, done.stderr[-2000:]
    return out


def chromium_screenshot(doc: Path, out: Path, width: int, height: int, dark: bool) -> Path:
    """A screenshot of one content document (a copy with the dark reader sheet when `dark`)."""
    target = doc
    if dark:
        target = doc.with_name(f"dark-{doc.name}")
        xhtml = doc.read_text("utf-8")
        style = f"<style>{DARK_READER_CSS}</style>"
        target.write_text(xhtml.replace("<head>", f"<head>{style}", 1), encoding="utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [_chromium(), *_CHROMIUM_FLAGS, f"--window-size={width},{height}",
         f"--screenshot={out}", target.as_uri()],
        capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert out.is_file() and out.stat().st_size > 0, done.stderr[-2000:]
    return out
