"""Files and folders only this user can read.

The journal is personal data about people, and so is everything the program
keeps beside it on this machine (backups, the log of this machine's saves,
merged copies, exports). Modes are set explicitly, whatever the umask.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(folder: Path) -> Path:
    """Create ``folder`` and any missing parents, each readable only by this
    user; folders that already existed keep their mode."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=FOLDER_MODE)
            os.chmod(path, FOLDER_MODE)
    return folder


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new name in ``folder`` durable (where possible)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform; the file itself is synced
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_all(fd: int, payload: bytes) -> None:
    """Write every byte to ``fd`` (writes may be partial) and fsync it."""
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def write_private(path: Path, payload: bytes, *, make_folder: bool = True) -> None:
    """Replace ``path`` with ``payload`` atomically and durably, mode 0600
    (creating its folder, private, unless ``make_folder`` is false)."""
    if make_folder:
        private_folder(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        try:
            write_all(fd, payload)
        finally:
            os.close(fd)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(path.parent)
