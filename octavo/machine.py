"""What this machine gives a build: the cores it may run on, and the fonts fontconfig finds
there (WeasyPrint sets a letter octavo's faces lack in one of them; the drawn cover and the
running heads' measure ask fontconfig too)."""

from __future__ import annotations

import hashlib
import os

__all__ = ["cores", "font_folders"]

# Where fontconfig looks for fonts and its own configuration (its fonts.conf's `<dir>`s
# on Linux and the BSDs, and the folders of macOS and Windows); a missing one is noted as
# missing, so that creating it counts
_SYSTEM = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/etc/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:\\Windows\\Fonts",
)
_WALKED = 2000  # folders at most: a machine with more is taken by its first 2000


def cores() -> int:
    """The cores this process may run on (a container's or `taskset`'s share, not the
    machine's: os.cpu_count() would count cores a CI runner never gives)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on Linux)
        return os.cpu_count() or 1


def font_folders() -> str:
    """A digest of the stats of every folder where fontconfig finds fonts or reads its
    configuration, and of the variables that move them: installing a font adds a file to
    one of them (a package's own folder, or `~/.local/share/fonts`), which changes that
    folder's modification time, so a build made before is made again. Folders only, never
    a font's bytes: ~0.2 ms for Debian's five folders."""
    home = os.path.expanduser("~")
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
    local = os.environ.get("LOCALAPPDATA", "")
    roots = (
        *_SYSTEM,
        os.path.join(data, "fonts"),
        os.path.join(home, ".fonts"),
        os.path.join(home, "Library", "Fonts"),
        *((os.path.join(local, "Microsoft", "Windows", "Fonts"),) if local else ()),
    )
    digest = hashlib.sha256()
    for name in ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT"):
        digest.update(f"{name}={os.environ.get(name, '')}\0".encode(errors="surrogateescape"))
    walked = 0
    for root in roots:
        if not os.path.isdir(root):
            digest.update(f"{root}\0missing\0".encode(errors="surrogateescape"))
            continue
        for folder, folders, _ in os.walk(root):
            folders.sort()
            walked += 1
            if walked > _WALKED:
                folders.clear()
                continue
            try:
                info = os.stat(folder)
            except OSError:
                continue
            stat = f"{folder}\0{info.st_mtime_ns} {info.st_ino} {info.st_ctime_ns}\0"
            digest.update(stat.encode(errors="surrogateescape"))
    return digest.hexdigest()[:16]
