"""This machine's rolling backups of a journal: the version each save is
about to replace, kept outside the synced folder, readable only by you."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from .private import FILE_MODE, fsync_folder, private_folder

BACKUPS_KEPT = 10


def keep_backup(journal: Path, folder: Path) -> None:
    """Keep the version of ``journal`` about to be replaced: a hard link costs
    nothing; a copy where links are impossible. Never raises: a backup
    problem must not stop the save itself."""
    try:
        private_folder(folder)
        # One clock reading for the whole name, so names sort in save order.
        now_ns = time.time_ns()
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(now_ns // 10**9))
        target = folder / f"{stamp}-{now_ns % 10**9:09d}.json"
        try:
            os.link(journal, target)
        except OSError:
            shutil.copyfile(journal, target)
            os.chmod(target, FILE_MODE)
            with open(target, "rb+") as f:
                os.fsync(f.fileno())
        fsync_folder(folder)
        for old in backups_in(folder)[:-BACKUPS_KEPT]:
            old.unlink()
    except OSError:
        pass


def backups_in(folder: Path) -> list[Path]:
    """The backups in ``folder``, oldest first."""
    return sorted(folder.glob("*.json"))
