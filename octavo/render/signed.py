"""What octavo keeps in a working folder, signed with a key only this user has.

octavo's state (`build/.octavo/`) is in the working folder, which may be an untrusted book's:
a book could ship a `build/.octavo/cache/` of its own. An entry that holds rendered XHTML
(octavo.render.markdown_cache) is put in the outputs as it is, past the cleaner, so it is
only taken if it carries the HMAC of this user's key, kept in the user's cache folder
($XDG_CACHE_HOME, else ~/.cache: octavo/key, mode 0600), never in or beside a book. No key
(a read-only home): nothing is signed or taken, everything is made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from functools import lru_cache
from pathlib import Path

from octavo.codecache import user_cache

__all__ = ["sign", "user_cache", "verified"]

_MAGIC = b"octavo-signed-1\n"


@lru_cache(maxsize=4)
def _key(folder: Path) -> bytes | None:
    path = folder / "key"
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as out:
                out.write(secrets.token_bytes(32))
    try:
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def _mac(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).hexdigest().encode()


def sign(data: bytes) -> bytes | None:
    """`data` with this user's signature, or None when there is no key."""
    key = _key(user_cache())
    return None if key is None else _MAGIC + _mac(key, data) + b"\n" + data


def verified(blob: bytes) -> bytes | None:
    """The data `sign` signed, if this user signed it; else None."""
    key = _key(user_cache())
    if key is None or not blob.startswith(_MAGIC):
        return None
    mac, _, data = blob[len(_MAGIC) :].partition(b"\n")
    return data if hmac.compare_digest(mac, _mac(key, data)) else None
