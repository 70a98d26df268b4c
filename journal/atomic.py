"""Replacing the journal file at once, and the temp files that takes.

A save writes the whole new file under a temporary name in the same folder,
fsyncs it, renames it over the journal and fsyncs the folder: a crash leaves
the old file or the new one, never a mix. The temporary name is one that the
sync clients ignore by their own rules (see :data:`TEMP_PREFIX`), so a save
killed midway never spreads a copy of the journal to other machines; and the
next ``sj`` on this machine removes such a leftover as soon as its writer is
gone.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import time
import uuid
from pathlib import Path

from .private import fsync_folder, write_all

#: Our temp files are ``~syncthing~sj-<journal name>.<device>-<pid>.<random>.tmp``,
#: a name each client's own rules skip: Syncthing never syncs names with its
#: temp-file prefixes (``~syncthing~``, ``.syncthing.``; lib/fs/tempname.go)
#: and deletes day-old ones; Dropbox skips "a tilde ... ending in .tmp",
#: Nextcloud's default exclude list has ``~*.tmp``, OneDrive does not sync
#: ``.tmp`` files, and iCloud Drive is seen to skip them too. Google Drive
#: documents no such rule: there, the next ``sj`` on this machine removes a
#: leftover as soon as its writer is gone.
TEMP_PREFIX = "~syncthing~sj-"
TEMP_SUFFIX = ".tmp"
#: A leftover of another machine or of an unknown writer is removed only
#: when it is this old: a live save never takes that long.
STALE_TEMP_SECONDS = 3600
_REPLACE_RETRIES = 20
_TEMP_NAME = re.compile(
    rf"^{re.escape(TEMP_PREFIX)}(?P<name>.*)\.(?P<device>[0-9A-Za-z_-]+)-(?P<pid>\d+)\.[0-9a-f]+"
    rf"{re.escape(TEMP_SUFFIX)}$"
)


def temp_name(journal: Path, device: str) -> str:
    return (
        f"{TEMP_PREFIX}{journal.name}.{_safe_device(device)}-{os.getpid()}."
        f"{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}"
    )


def _safe_device(device: str) -> str:
    return re.sub(r"[^0-9A-Za-z_-]", "_", device) or "_"


def is_our_temp_file(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def _process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False  # alive (another user's), or cannot tell: keep it
    return False


def _abandoned(tmp: Path, match: re.Match[str] | None, mine: str | None, now: float) -> bool:
    """Whether a temp file's writer is gone: this machine's dead process, or
    anyone's that has not touched it for an hour."""
    dead_writer = (
        match is not None
        and match["device"] == mine
        and int(match["pid"]) != os.getpid()
        and _process_gone(int(match["pid"]))
    )
    return dead_writer or now - tmp.stat().st_mtime >= STALE_TEMP_SECONDS


def abandoned_held_files(
    journal: Path, device: str | None = None, now: float | None = None
) -> list[tuple[Path, str]]:
    """Files next to the journal that a command killed midway was holding
    under a temp name (a conflicted copy being moved away), with the name
    each had: they hold what was written, so they are put back, not removed."""
    resolved = Path(os.path.realpath(journal))
    now = time.time() if now is None else now
    mine = _safe_device(device) if device else None
    found = []
    for tmp in resolved.parent.glob(f"{glob.escape(TEMP_PREFIX)}*{TEMP_SUFFIX}"):
        match = _TEMP_NAME.match(tmp.name)
        if match is None or match["name"] == resolved.name:
            continue  # a save's temp file: remove_stale_temp_files's
        with contextlib.suppress(OSError):
            if _abandoned(tmp, match, mine, now):
                found.append((tmp, match["name"]))
    return found


def remove_stale_temp_files(
    journal: Path, device: str | None = None, now: float | None = None
) -> list[Path]:
    """Remove our temp files left next to the journal by saves that were
    killed midway: at once when the writer was this machine's and its
    process is gone; otherwise once they are an hour old."""
    resolved = Path(os.path.realpath(journal))
    now = time.time() if now is None else now
    mine = _safe_device(device) if device else None
    removed = []
    ours = [*resolved.parent.glob(f"{glob.escape(TEMP_PREFIX + resolved.name)}.*")]
    # Named as older versions named them:
    ours += resolved.parent.glob(f".~sj-{glob.escape(resolved.name)}.*.tmp")
    for tmp in ours:
        match = _TEMP_NAME.match(tmp.name)
        with contextlib.suppress(OSError):
            if _abandoned(tmp, match, mine, now):
                tmp.unlink()
                removed.append(tmp)
    return removed


def atomic_write(path: Path, payload: bytes, mode: int = 0o600, device: str = "") -> int:
    """Replace ``path`` with ``payload`` so that a crash leaves the old file or
    the new one, never a mix; returns the inode of the new file. A symbolic
    link (a journal linked into the synced folder) is kept: the file it
    points to is replaced."""
    path = Path(os.path.realpath(path))
    tmp = path.parent / temp_name(path, device or "local")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            write_all(fd, payload)
            inode = os.fstat(fd).st_ino
        finally:
            os.close(fd)
        os.chmod(tmp, mode)
        for attempt in range(_REPLACE_RETRIES):
            try:
                os.replace(tmp, path)
                break
            except PermissionError:
                # Antivirus and sync clients on some systems hold the file
                # for a moment; refusing for good is rare.
                if attempt == _REPLACE_RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(path.parent)
    return inode
