"""Page references in a book laid out in parts: each part given its targets' folios.

A page reference (`[](#id){.page}`) prints its target's folio. Laid out whole, WeasyPrint
counts it (`target-counter`); a part laid out alone cannot: its pages are numbered from
one and its targets may be in other parts. So each chapter's part is given the folios of
the targets its references name, written into its HTML (octavo.render.pdf.html
.given_folios: a folio not known yet, two figures wide), and laid out; the chapters' page
maps then give every target's folio (placed.body_folios), and a part whose references were
given another folio is laid out again with the new ones, until none changes (`settle`;
after `ROUNDS` rounds the one-process build is used). Every build starts from nothing
(the stand-in): the rounds are then the same in a cold build and an incremental one, whose
cache answers each part whose HTML it laid out before, so both end on the same pages even
where two sets of folios would each fit (a part one line longer with "101" than with "99").
An edit in a chapter without references lays it out once; in one with them, twice (its
stand-in round, then its folios), the other chapters coming from the cache. The pages
are those whose folios are the ones they print, as in one process; a part's bytes depend
on its HTML alone.

Only references in the body's parts (chapters, back-matter divisions, parts' title pages:
jobs.in_parts) to targets in them are laid out so; a book with a reference in a
front-matter division (laid out with the contents) or to one of them or to the appendix,
or whose own print stylesheet has rules for page references other than octavo's (a part
prints the folio alone: octavo.render.pdf.html.given_folios), is laid out in one process
(`by_part` is None).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from concurrent.futures import Executor

from octavo.model import Manuscript
from octavo.render.pdf.folio_styles import Folios
from octavo.render.pdf.html import ids_in
from octavo.render.pdf.parallel.jobs import in_parts
from octavo.render.pdf.parallel.merge import Unmergeable
from octavo.render.pdf.parallel.part import PartJob, PartLayout
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.placed import body_folios
from octavo.render.pdf.parallel.started import finish, start
from octavo.render.pdf.whole import own_rules
from octavo.render.xref import page_ref_targets

__all__ = ["ROUNDS", "by_part", "settle"]

ROUNDS = 4  # layouts again of a part before its references are taken as never settling
# a rule for a page reference (`a.page`, `.ref-label`): a book's own differs from octavo's
_STYLED = re.compile(r"[^{}]*(?:\.page\b|\.ref-label\b)[^{}]*\{[^}]*\}")
Given = dict[str, dict[str, str]]  # a part's name -> (target id -> the folio it is given)


def by_part(manuscript: Manuscript) -> dict[str, frozenset[str]] | None:
    """The targets of each body part's page references (by the part's name; {} for a book
    without any); None when a reference is elsewhere or points elsewhere (see above)."""
    found: dict[str, frozenset[str]] = {}
    body: set[str] = set()
    for division in in_parts(manuscript):
        sections = [s for c in manuscript.chapters if c.id == division.id for s in c.sections]
        body |= ids_in(sections) | {division.id}
        found[division.id] = frozenset(t for s in sections for t in page_ref_targets(s))
    elsewhere = any(
        page_ref_targets(s) for c in manuscript.chapters if c.id not in found for s in c.sections
    )
    if elsewhere or any(t not in body for targets in found.values() for t in targets):
        return None
    if not any(found.values()):
        return {}
    if own_rules(manuscript.book.project, _STYLED):
        return None  # the book styles its references itself: laid out whole, as it says
    return found


def settle(
    pool: Executor,
    store: PartStore,
    job: Callable[[str, Mapping[str, str]], PartJob],
    names: tuple[str, ...],
    chapters: tuple[PartLayout, ...],
    refs: Mapping[str, frozenset[str]],
    given: Given,
    folios: Folios,
) -> tuple[PartLayout, ...]:
    """The chapters (`names`, in order) once every reference prints its target's folio:
    a part given another folio than its layouts put its target on laid out again (`job`:
    a part's job with its references' folios; `folios`: the figures of the body's).
    Unmergeable if they never settle."""
    for laid in range(ROUNDS + 1):
        found = body_folios(chapters, folios)
        if any(t not in found for targets in refs.values() for t in targets):
            raise Unmergeable("a page reference's target is on no page of the parts")
        stale = [
            at
            for at, name in enumerate(names)
            if any(given[name].get(t) != found.get(t) for t in refs.get(name, ()))
        ]
        if not stale:
            return chapters
        if laid == ROUNDS:
            break
        started = {}
        for at in stale:
            name = names[at]
            given[name] = {t: found[t] for t in sorted(refs[name]) if t in found}
            started[at] = start(pool, store, store.keyed(job(name, given[name])))
        chapters = tuple(
            finish(store, started[at]) if at in started else part
            for at, part in enumerate(chapters)
        )
    raise Unmergeable("page references did not settle")
