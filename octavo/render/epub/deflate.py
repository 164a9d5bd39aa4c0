"""The EPUB members' deflate streams, made once for each content and kept between builds.

A member's stream is zipfile's own (raw deflate at COMPRESSLEVEL, octavo.render.epub.container),
so a stream made here, kept, or made by zipfile are the same bytes. After an edit of one
section only the documents that changed are deflated again: the streams of the others
(chapters of 100 kB at level 9: most of the writing's time) are taken from the book's file
in the cache store. That file holds the streams this build used, no others; it is signed
with this user's key (octavo.render.signed), as the state folder may be an untrusted
book's. Streams still to make are made on two threads (zlib works without the GIL), and
each document's begins on one thread as soon as it is rendered (`start`), while the other
documents are rendered and the package is made and written.
"""

from __future__ import annotations

import hashlib
import json
import queue
import threading
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path

from octavo.cache import Store, fingerprint
from octavo.render.signed import sign, verified

__all__ = ["COMPRESSLEVEL", "Deflated", "raw_deflate"]

COMPRESSLEVEL = 9
_SPLIT = 32 * 1024  # below this much left to deflate, a second thread costs more than it saves


def raw_deflate(data: bytes) -> bytes:
    """The stream zipfile writes for `data` (ZIP_DEFLATED at COMPRESSLEVEL)."""
    compressor = zlib.compressobj(COMPRESSLEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _key(name: str, data: bytes) -> str:
    """A member's key: its name (what `check` makes of it depends on it) and its bytes."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=16)
    digest.update(b"\0" + data)
    return digest.hexdigest()


class Deflated:
    """The streams of one book's members by name and content (`streams`); `save` keeps those
    used in `store`'s file `name` (no store: nothing is kept)."""

    def __init__(self, store: Store | None = None, name: str = ""):
        self.store, self.name = store, name
        self.known: dict[str, bytes] = {}
        self.used: dict[str, bytes] = {}
        self.made = 0
        self._waiting: queue.SimpleQueue[tuple[str, bytes] | None] = queue.SimpleQueue()
        self._begun: dict[str, bytes] = {}  # key -> its stream, made since `start`
        self._thread: threading.Thread | None = None
        blob = store.get(name) if store is not None else None
        data = verified(blob) if blob is not None else None  # a planted file is not taken
        if data is not None:
            self.known = _read(data)
        self.kept = frozenset(self.known)  # written (so checked) by an earlier build

    @classmethod
    def of_book(cls, cache: Path | None, identifier: str) -> Deflated:
        """The kept streams of the book `identifier` in the cache store's folder `cache`."""
        if cache is None:
            return cls()
        zlib_version = zlib.ZLIB_RUNTIME_VERSION
        name = f"deflated-{fingerprint(identifier, zlib_version, str(COMPRESSLEVEL))[:16]}.bin"
        return cls(Store(cache), name)

    def streams(
        self, members: Mapping[str, bytes], check: Callable[[str, bytes], None]
    ) -> dict[str, bytes]:
        """Each member's stream by name. A member not deflated before is `check`ed first (a
        kept one was, by the build that kept it); the streams to make are made the largest
        first, on two threads."""
        keys = {name: _key(name, data) for name, data in members.items()}
        for name, key in keys.items():
            if key not in self.kept:
                check(name, members[name])
        self._finish()
        todo = {key: members[name] for name, key in keys.items() if key not in self.known}
        self.known.update(_deflated(todo))
        self.made += len(todo)
        self.used.update((key, self.known[key]) for key in keys.values())
        return {name: self.known[key] for name, key in keys.items()}

    def start(self, members: Mapping[str, bytes]) -> None:
        """Begin deflating those of `members` (member name -> bytes) not known yet, in the
        order given, on one thread (zlib lets go of the GIL: a cold build's documents at
        level 9 take 14-16 ms of one core at 81 sections, 163-176 ms at 800), as this one
        goes on: given each document as it is rendered, the thread deflates while the next
        are rendered. One thread, not two: the parent only waits for the EPUB, so this
        process has two cores, and a second deflating thread took this one's. `streams`
        takes them (deflating what still waits beside the thread), and checks them."""
        for name, data in members.items():
            key = _key(name, data)
            if key in self.known:
                continue
            if self._thread is None:
                self._waiting = queue.SimpleQueue()  # the thread's own
                self._thread = threading.Thread(
                    target=self._deflate_waiting, args=(self._waiting,), daemon=True
                )
                self._thread.start()
            self._waiting.put((key, data))

    def stop(self) -> None:
        """End the thread `start` began (once it has made what it was given), if `streams`
        did not: a render that failed half-way leaves no thread waiting."""
        if self._thread is not None:
            self._waiting.put(None)
            self._thread = None

    def _deflate_waiting(self, waiting: queue.SimpleQueue[tuple[str, bytes] | None]) -> None:
        """The thread: what `start` was given, in turn, until told to stop (None)."""
        while (item := waiting.get()) is not None:
            self._deflate(item)

    def _deflate(self, item: tuple[str, bytes]) -> None:
        """One member `start` was given (its key, its bytes), deflated into `_begun`."""
        self._begun[item[0]] = raw_deflate(item[1])

    def _finish(self) -> None:
        """What `start` was given, made: what still waits is deflated here too, beside the
        thread, which is then stopped."""
        if self._thread is None:
            return
        while True:
            try:
                item = self._waiting.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                self._deflate(item)
        self._waiting.put(None)
        self._thread.join()
        self._thread = None
        self.known.update(self._begun)
        self.made += len(self._begun)
        self._begun = {}

    def save(self) -> None:
        """Keep the streams used (when one was made, or some were not used)."""
        if self.store is None or not (self.made or set(self.used) != set(self.known)):
            return
        index = {key: len(stream) for key, stream in self.used.items()}
        head = json.dumps(index, separators=(",", ":")).encode()
        signed = sign(head + b"\n" + b"".join(self.used.values()))
        if signed is not None:
            self.store.put(self.name, signed, durable=False)


def _read(data: bytes) -> dict[str, bytes]:
    """A saved file's streams; nothing from a damaged one."""
    head, _, blob = data.partition(b"\n")
    try:
        index = json.loads(head)
    except ValueError:
        return {}
    if not isinstance(index, dict):
        return {}
    found: dict[str, bytes] = {}
    at = 0
    for key, size in index.items():
        if not isinstance(size, int) or size < 0 or at + size > len(blob):
            return {}
        found[str(key)] = blob[at : at + size]
        at += size
    return found if at == len(blob) else {}


def _shares(todo: Mapping[str, bytes]) -> list[list[str]]:
    """The keys of `todo`, the largest first, in two shares of about equal bytes (each to
    the lighter); one share when the lighter would be too small to be worth a thread;
    none when there is nothing to do."""
    ordered = sorted(todo, key=lambda k: -len(todo[k]))
    shares: tuple[list[str], list[str]] = ([], [])
    sizes = [0, 0]
    for key in ordered:
        side = 0 if sizes[0] <= sizes[1] else 1
        shares[side].append(key)
        sizes[side] += len(todo[key])
    if min(sizes) < _SPLIT:
        return [ordered] if ordered else []
    return [shares[0], shares[1]]


def _deflated(todo: Mapping[str, bytes]) -> dict[str, bytes]:
    """`raw_deflate` of each value, on two threads when there is enough to share."""
    made: dict[str, bytes] = {}

    def deflate(keys: list[str]) -> None:
        for key in keys:
            made[key] = raw_deflate(todo[key])

    first, *rest = _shares(todo) or [[]]
    helpers = [threading.Thread(target=deflate, args=(share,)) for share in rest]
    for helper in helpers:
        helper.start()
    deflate(first)
    for helper in helpers:
        helper.join()
    return made
