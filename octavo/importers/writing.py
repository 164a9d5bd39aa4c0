"""What importing one page does to the book: decided first (a plan: its report, its text,
its images, the file it replaces, or why it is refused), written after. Deciding every
page before writing any lets the batch make its pages' references name only tables and
figures that will be in the book (octavo.importers.batch): a page refused writes none."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from octavo.errors import Diagnostic, Severity, error, has_errors, warning
from octavo.importers.html import image_files
from octavo.importers.page import Page
from octavo.importers.section import file_name, render_section
from octavo.importers.supply import Supplier
from octavo.sandbox import FileRefused, read_file
from octavo.write import atomic_bytes, atomic_text

__all__ = ["LEFT_OUT", "PageReport", "Plan", "commit", "left_out", "plan"]

LEFT_OUT = "left out"  # a page whose text the book holds, or will (W418): not written


@dataclass(frozen=True, slots=True)
class PageReport:
    path: Path
    status: str  # imported, unchanged, left out (W418: the book holds its text), refused
    target: Path | None
    profile: str
    reasons: tuple[str, ...]  # why the profile matched
    supplied: tuple[str, ...]  # what the page lacked and who gave it
    problems: tuple[Diagnostic, ...]
    replaced: Path | None = None  # the section's file of another name this one replaces

    def line(self) -> str:
        if self.status == "refused":
            why = "; ".join(
                f"{d.code} {d.message}" for d in self.problems if d.severity is Severity.ERROR
            )
            return f"refused   {self.path}: {why}"
        if self.status == LEFT_OUT:
            said = "; ".join(f"{d.code} {d.message}" for d in self.problems if d.code == "W418")
            return f"{LEFT_OUT}  {self.path}: {said}"
        supplied = f" ({'; '.join(self.supplied)})" if self.supplied else ""
        gone = f" (replaces {self.replaced}, removed)" if self.replaced else ""
        return f"{self.status:<9} {self.path} -> {self.target}{gone} [{self.profile}]{supplied}"


@dataclass(frozen=True, slots=True)
class Plan:
    """What importing one page will do, decided before anything is written: its report,
    and for a page to write, its text, file and images (and the file it replaces)."""

    report: PageReport
    page: Page | None = None
    text: str = ""
    images: tuple[tuple[Path, bytes], ...] = ()
    old: Path | None = None


def plan(
    batch: Supplier,
    path: Path,
    page: Page | None,
    supplied: tuple[str, ...],
    found: list[Diagnostic],
    force: bool,
    strict: bool = False,
    before: Callable[[str], bool] | None = None,
    planned: Mapping[int, tuple[Path, str]] | None = None,
) -> Plan:
    """`before`: whether a text is the page as this import would have written it with the
    references that text holds (octavo.importers.mentions_written.earlier_targets): a section's
    file that differs only so was written by an import when the book held other tables and
    figures, no hand changed it, and it is replaced without --force. `planned`: the file
    and text that pages planned before this one write, by section number: a second page of
    one number finds the first's section as if it were written (as when pages were written
    one by one: unchanged if the same, else E402)."""
    refused = PageReport(path, "refused", None, page.profile if page else "", (), supplied, ())
    if page is not None and not page.blocks:
        found.append(warning("W404", "the page has no body text", path, page.title_line))
    for src, why in page.skipped_images if page else ():
        found.append(
            warning(
                "W413",
                f"image {src!r} not copied: {why}; its alt text is kept as a caption",
                path,
                hint="save the image beside the page, as a regular file",
            )
        )
    for line, what in page.table_spans if page else ():
        found.append(
            warning(
                "W423",
                what,
                path,
                line or None,
                hint="check the table in the section; to keep its spans, write it there as a "
                "raw HTML <table> with its rowspan and colspan, which octavo renders as it is",
            )
        )
    warned = sorted({d.code for d in found if d.severity is Severity.WARNING})
    if strict and warned:
        found.append(error("E411", f"refused under --strict: it needs {', '.join(warned)}", path))
    if page is None or has_errors(found):
        return Plan(replace(refused, problems=tuple(found)))
    assert page.sequence is not None
    text = render_section(page, path.name, supplied)
    target = batch.book / file_name(page)
    old, old_text = batch.existing.get(page.sequence), None
    if planned and page.sequence in planned:
        old, old_text = planned[page.sequence]
    report = PageReport(path, "imported", target, page.profile, page.reasons, supplied, ())
    held = _text_of(old, old_text, batch.book) if old is not None else None
    if old is not None and held == text:
        return Plan(replace(report, status="unchanged", target=old, problems=tuple(found)), page)
    if not force and old != target and os.path.lexists(target):
        # a file we cannot prove we wrote (its front matter does not parse, or it holds
        # another section): never overwritten without --force
        found.append(
            error(
                "E402",
                f"{target} exists and is not section {page.sequence} as imported "
                "(unreadable front matter, or another section); not overwritten",
                path,
                hint="fix or move that file, or pass --force to replace it",
            )
        )
        return Plan(replace(refused, problems=tuple(found)))
    if old is not None and not force and before and held is not None and before(held):
        report = replace(report, reasons=(*report.reasons, _REPLACED))
    elif old is not None and not force:
        found.append(
            error(
                "E402",
                f"section {page.sequence} exists in {old} with other content; not overwritten",
                path,
                hint="pass --force to replace it",
            )
        )
        return Plan(replace(refused, problems=tuple(found)))
    images, problems = _images_to_write(batch.book, image_files(page), force)
    if problems:
        found += [replace(d, file=path) for d in problems]
        return Plan(replace(refused, problems=tuple(found)))
    if old is not None and old != target:  # said: a file of the user's naming goes
        report = replace(report, replaced=old)
    return Plan(replace(report, problems=tuple(found)), page, text, tuple(images), old)


_REPLACED = (
    "its section's file differs only in its references to the book's tables and figures, "
    "which it held otherwise when the page was imported: replaced"
)


def left_out(planned: Plan) -> Plan:
    """The plan of a page whose text the book holds, or this import writes (W418): one
    that would be written (or found unchanged) is left out, nothing written; one refused
    stays refused (its refusal says more)."""
    report = planned.report
    if report.status not in ("imported", "unchanged"):
        return planned
    return Plan(replace(report, status=LEFT_OUT, target=None), planned.page)


def _text_of(old: Path, planned: str | None, book: Path) -> str | None:
    """The text of the section in `old`: what an earlier page of the import writes there,
    else the file's, read under the sandbox's rules as the book's sections are (None: not
    UTF-8, or not read: a link out of the book, a FIFO, a file past the section's limit)."""
    if planned is not None:
        return planned
    try:
        return read_file(old, (book,), "section").decode("utf-8")
    except (FileRefused, OSError, UnicodeDecodeError):
        return None


def commit(batch: Supplier, planned: Plan) -> PageReport:
    """Write what the plan says: the section, its images; the file it replaces removed."""
    report, page = planned.report, planned.page
    if not planned.text or page is None or page.sequence is None or report.target is None:
        return report
    atomic_text(report.target, planned.text)
    for image, data in planned.images:
        atomic_bytes(image, data)
    if planned.old is not None and planned.old != report.target:
        planned.old.unlink()
    batch.existing[page.sequence] = report.target
    return report


def _images_to_write(
    book: Path, images: Iterable[tuple[str, bytes]], force: bool
) -> tuple[list[tuple[Path, bytes]], list[Diagnostic]]:
    """The page's images to write (those not already there, byte for byte), or why none
    may be: an image of the book's own with other bytes is never replaced without
    `--force` (nor a link, ever), and none is written through a folder that leads out
    of the book (`images/` a symlink elsewhere)."""
    inside = os.path.realpath(book)
    write: list[tuple[Path, bytes]] = []
    problems: list[Diagnostic] = []
    for name, data in images:
        target = book / name
        folder = os.path.realpath(target.parent)
        if os.path.commonpath([inside, folder]) != inside:
            problems.append(
                error(
                    "E004",
                    f"{target.parent} leads out of the book (to {folder}); the page's image "
                    f"{name} not written",
                    hint="make images/ a folder of the book's own",
                )
            )
        elif target.is_symlink() or (target.exists() and not target.is_file()):
            problems.append(error("E402", f"{target} is not a file of the book's; not overwritten"))
        elif target.is_file() and _same(target, data):
            continue
        elif target.exists() and not force:
            problems.append(
                error(
                    "E402",
                    f"{target} exists with other content; not overwritten",
                    hint="pass --force to replace it",
                )
            )
        else:
            write.append((target, data))
    return write, problems


def _same(path: Path, data: bytes) -> bool:
    """Does the book's file at `path` hold `data`? (read as the sandbox reads an image: one
    past the limit is no match, and is not replaced without --force)"""
    if path.stat().st_size != len(data):
        return False
    try:
        return read_file(path, (path.parent,), "image") == data
    except FileRefused:
        return False
