"""The journal storage's write path: one save, under the lock, never torn.

A save takes this machine's lock (kept outside the synced folder), merges
the file on disk first when another machine's save arrived since it was
read, keeps a rolling backup of the file it replaces, logs this machine's new
versions (:mod:`journal.write_log`) before the file is replaced, so before the
save is acknowledged, and then replaces the file atomically. Mixed into
:class:`journal.storage.JournalStorage`, whose state it uses.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import threading
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import atomic_write
from .backups import backups_in, keep_backup
from .document import _CTIME_IS_CREATION, FileIdentity, note_host, read_file, serialize
from .errors import BadFileError, LockTimeout, ReadOnlyError, SaveError
from .merge import Document, MergeResult, merge_documents
from .paths import LocalDirs
from .private import FILE_MODE, private_folder
from .write_log import WriteLog

LOCK_TIMEOUT = 15.0
#: Free space below which ``sj check`` warns that the write log may fail.
LOG_ROOM_NEEDED = 1024 * 1024


class SavePath:
    """The saving half of the storage (see the module's text)."""

    path: Path
    resolved: Path
    dirs: LocalDirs
    device: str
    log: WriteLog
    read_only_reason: str | None
    last_error: str | None
    warnings: list[str]
    generation: int
    _document: Document
    _identity: FileIdentity | None
    _memory: threading.RLock
    _edits: int
    _saved_edits: int
    _pending: list[tuple[str, dict[str, Any]]]
    _trim_log: bool

    if TYPE_CHECKING:  # provided by the storage

        def _disk_matches(self, *, hash_check: bool) -> bool: ...
        def _require_same_journal(self, other: Document) -> None: ...
        def _check_schema(self, document: Document) -> None: ...
        def _remember(self, document: Document) -> None: ...

    def save(self) -> MergeResult | None:
        """Write the in-memory journal to disk, merging the disk's version first
        if it changed. Returns what that merge brought in, if anything.

        On failure raises :class:`SaveError`: nothing of the changes was
        saved; they stay in memory and ``unsaved`` stays true, so a later
        save can retry."""
        if self.read_only_reason is not None:
            raise ReadOnlyError(f"{self.read_only_reason}.")
        try:
            return self._write_locked(None, merge=True)
        except (LockTimeout, BadFileError, ReadOnlyError) as exc:
            self.last_error = str(exc)
            raise
        except OSError as exc:
            self.last_error = _describe_os_error(self.path, exc)
            raise SaveError(self.last_error) from None

    def _write_locked(self, fresh: Document | None, *, merge: bool) -> MergeResult | None:
        from filelock import FileLock, Timeout

        lock_path = self.dirs.lock_file(self.path)
        private_folder(lock_path.parent)
        try:
            with FileLock(str(lock_path), timeout=LOCK_TIMEOUT, mode=FILE_MODE):
                return self._write(fresh, merge=merge)
        except Timeout:
            raise LockTimeout(
                f"another sj on this machine has held {self.path} for {LOCK_TIMEOUT:.0f}s; "
                "close it or try again."
            ) from None

    def _write(self, fresh: Document | None, *, merge: bool) -> MergeResult | None:
        merged: MergeResult | None = None
        if fresh is not None:
            if self.path.exists():
                raise SaveError(
                    f"{self.path} appeared while a new journal was being created; try again."
                )
            with self._memory:
                self._document = fresh
        elif merge and not self._disk_matches(hash_check=True) and self.path.exists():
            disk, _identity = read_file(self.path)
            self._require_same_journal(disk)
            self._check_schema(disk)
            if self.read_only_reason is not None:
                # Another machine upgraded the file meanwhile: never write
                # this version's idea of it over a newer format.
                raise ReadOnlyError(f"{self.read_only_reason}.")
            with self._memory:
                merged = merge_documents(self._document, disk)
                self._document = merged.document
                self.generation += 1
        with self._memory:
            note_host(self._document, self.device)
            payload = serialize(self._document)
            edits = self._edits
            pending, self._pending = self._pending, []
        mode = FILE_MODE
        with contextlib.suppress(OSError):
            mode = self.path.stat().st_mode & 0o777
        self._backup_current()
        # Logged before the file is replaced, so before the save is
        # acknowledged: whatever happens to the file next, this machine can
        # bring these versions back.
        log_size = self._log(pending)
        try:
            inode = atomic_write(self.path, payload, mode, self.device)
        except BaseException:
            if log_size is not None:
                self.log.truncate(log_size)  # nothing was saved: nothing to bring back
            with self._memory:
                self._pending[:0] = pending
            raise
        identity = self._identity_after_save(inode, payload)
        with self._memory:
            self._identity = identity
            self._saved_edits = edits
            self.last_error = None
        self._remember(self._document)
        if self._trim_log:
            self._trim_log = False
            self.log.trim(self._document, self.log.read())
        return merged

    def _log(self, pending: list[tuple[str, dict[str, Any]]]) -> int | None:
        if not pending:
            return None
        try:
            return self.log.append(pending)
        except OSError as exc:
            warning = (
                f"could not write the log of this machine's saves ({self.log.path}: "
                f"{exc.strerror or exc}); the journal was saved, but a sync client putting "
                "an older copy back could now lose this change: free some space there"
            )
            if warning not in self.warnings:
                self.warnings.append(warning)
            return None

    def log_problem(self) -> str | None:
        """Why the log of this machine's writes could not be kept now (a full
        or read-only state folder), in one line; None when it can."""
        folder = self.log.path.parent
        try:
            private_folder(folder)
            fd = os.open(self.log.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
            os.close(fd)
            free = shutil.disk_usage(folder).free
        except OSError as exc:
            return (
                f"the log of this machine's writes cannot be kept in {folder} "
                f"({exc.strerror or exc}); fix that folder, or a sync client putting an older "
                "copy back could lose what this machine writes"
            )
        if free < LOG_ROOM_NEEDED:
            return (
                f"the disk holding {folder} is nearly full ({free // 1024} KB free); free some "
                "space, or the log of this machine's writes stops protecting new entries"
            )
        return None

    def _identity_after_save(self, inode: int, payload: bytes) -> FileIdentity:
        """The identity of the file just written; if something replaced it
        already (a sync client, another machine), one that matches no file,
        so that the next save or poll merges what is there."""
        try:
            st = self.path.stat()
        except OSError:
            st = None
        if st is None or st.st_ino != inode or st.st_size != len(payload):
            return FileIdentity(-1, -1, -1, -1)
        digest = zlib.crc32(payload) if _CTIME_IS_CREATION else None
        return FileIdentity.from_stat(st, len(payload), digest)

    def _backup_current(self) -> None:
        if self.path.exists():
            keep_backup(self.resolved, self.dirs.backup_folder(self.path))

    def backups(self) -> list[Path]:
        """Rolling backups of this journal, oldest first."""
        return backups_in(self.dirs.backup_folder(self.path))


def _describe_os_error(path: Path, exc: OSError) -> str:
    # What was not saved is for each face to say: the command line exits,
    # the app keeps the change and retries.
    if exc.errno == errno.ENOSPC:
        return f"could not save {path}: the disk holding it is full; free some space"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"could not save {path}: permission denied to write in {path.parent}"
    return f"could not save {path}: {exc.strerror or exc}"
