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
    if not path.exists():
        import tempfile  # once a user: not in every command's imports

        with contextlib.suppress(OSError):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            # written whole under another name, then linked into place: a process that
            # starts meanwhile (the tests on every core) never reads it half written, and
            # of two makers the first one's key stays (a link never replaces a file)
            fd, made = tempfile.mkstemp(dir=folder, prefix="key.", suffix=".part")  # 0600
            key = secrets.token_bytes(32)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(key)
                os.link(made, path)
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links: made in place, as before
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
                with os.fdopen(os.open(path, flags, 0o600), "wb") as out:
                    out.write(key)
            finally:
                os.unlink(made)
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
