"""The journal file on disk: a TinyDB ``Storage`` that is safe under sync clients.

Stock ``JSONStorage`` re-parses the whole file on every query, rewrites it in
place (a crash leaves it torn) and keeps reading a handle the sync client has
replaced. This storage instead:

- parses once (orjson) and serves the cached document; it reloads only when
  the file's identity changed (device, inode, size, mtime_ns, content hash);
- saves atomically: a temp file in the same folder that sync clients ignore,
  fsync, ``os.replace``, fsync of the folder, the file's mode kept;
- merges the version on disk first when it changed since it was read
  (another machine's save arrived), so neither side's writes are lost;
- serializes writers on this machine with a lock kept outside the synced
  folder, and keeps the last saves as local rolling backups;
- refuses, with a one-line reason, any file it cannot fully understand, and
  never writes to it.

The file stays a plain TinyDB document that stock ``tinydb.TinyDB(path)`` can
open and query.

The layers: :mod:`journal.document` (the file's identity, reading, parsing),
this module (opening, refreshing and merging), :mod:`journal.saving` (saving
under the lock, backups),
:mod:`journal.write_log` (this machine's writes, merged back when the file
lacks them), and :mod:`journal.tinydb_compat` (TinyDB's Table API). Doc ids
are a detail of one copy of the file (a merge may renumber the records only
the other side had); a record's identity is its ``id`` field.
"""

from __future__ import annotations

import contextlib
import os
import threading
import zlib
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .atomic import remove_stale_temp_files
from .document import (
    _CTIME_IS_CREATION,
    FileIdentity,
    diff_counts,
    give_ids,
    meta_of,
    new_document,
    read_file,
)
from .errors import BadFileError, MissingFileError
from .merge import Document, MergeResult, merge_documents
from .paths import LocalDirs, resolved_path
from .records import SCHEMA_VERSION, TABLE_META
from .saving import SavePath
from .write_log import TRIM_AT_LEAST, WriteLog, changed_records


class JournalStorage(SavePath, Storage):
    """TinyDB storage for one journal file. See the module docstring."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        dirs: LocalDirs | None = None,
        device: str | None = None,
        create: bool = True,
        read_only: bool = False,
        **_ignored: Any,
    ) -> None:
        self.path = Path(path).expanduser()
        #: The file itself (links resolved): what every local thing is keyed on.
        self.resolved = resolved_path(self.path)
        self.dirs = dirs or LocalDirs.default()
        self.device = device or self.dirs.device()
        self.read_only_reason: str | None = "opened read-only" if read_only else None
        self.generation = 0  # bumped whenever the document is replaced or merged
        self._edits = 0  # bumped on every change in memory
        #: Changes in memory per table, and those of no known table.
        self._table_edits: dict[str, int] = {}
        self._other_edits = 0
        self._saved_edits = 0
        self.last_error: str | None = None
        #: What the file lacked of the versions this machine wrote (see
        #: :mod:`journal.write_log`), merged back on open; None when nothing.
        self.recovered: MergeResult | None = None
        #: Things the user should hear of once (the file at this path is now
        #: a different journal...), in plain words.
        self.notices: list[str] = []
        #: Problems that did not stop a save but weaken the safety net (the
        #: log of this machine's writes could not be written).
        self.warnings: list[str] = []
        self.log = WriteLog(self.dirs.written_log(self.path))
        #: Versions written in memory since the last save, logged by the save.
        self._pending: list[tuple[str, dict[str, Any]]] = []
        self._trim_log = False
        self._memory = threading.RLock()
        self.created_file = False  # this open made a new journal file
        self._identity: FileIdentity | None = None
        self._document: Document = self._open(create)

    # -- opening

    def _open(self, create: bool) -> Document:
        if not self.path.exists() and not self.path.is_symlink():
            if self.dirs.was_known(self.path):
                raise MissingFileError(
                    f"{self.path} is missing but was a journal before (an unmounted drive or an "
                    "online-only sync placeholder?); check the folder, or restore it from a backup.",
                    hint="backups",
                )
            if not create:
                raise MissingFileError(
                    f"No journal at {self.path}: check the path (a typo?); nothing was created.",
                    hint="new-journal",
                )
            if not self.path.parent.is_dir():
                raise MissingFileError(
                    f"the folder {self.path.parent} does not exist; create it first or pick another file."
                )
            document = new_document()
            if self.read_only_reason is None:
                self._write_locked(document, merge=False)
                self.created_file = True
            else:
                self._identity = None
            return document
        document, self._identity = read_file(self.path)
        self._check_schema(document)
        folder = self.resolved.parent
        if self.read_only_reason is None and not os.access(self.path, os.W_OK):
            self.read_only_reason = (
                f"{self.path} is read-only; make it writable (chmod u+w) to save changes"
            )
        elif self.read_only_reason is None and not os.access(folder, os.W_OK | os.X_OK):
            # Saving replaces the file, which takes a writable folder.
            self.read_only_reason = (
                f"{self.path} is in a read-only folder ({folder}); make the folder "
                "writable to save changes"
            )
        if self.read_only_reason is None:
            remove_stale_temp_files(self.path, self.device)
            known = self.dirs.known_store_id(self.path)
            document = self._merge_logged(document)
            current = self.store_id_of(document)
            if known and known != current:
                brought = (
                    f"; {self.recovered.total} records this machine wrote were merged into it"
                    if self.recovered is not None
                    else ""
                )
                self.notices.append(
                    f"{self.path} now holds a different journal (id {current[:8]}) from the one "
                    f"this machine used there before (id {known[:8]}){brought}"
                )
        self._remember(document)
        return document

    def _merge_logged(self, document: Document) -> Document:
        """Fold back the versions this machine wrote that the file lacks.

        A journal replaced by an older copy (a backup restored by hand, a sync
        client rolling a file back, another machine's save landing between
        this one's check and its replace) is not a conflict for the sync
        client: it is just the newest change, so it would silently drop what
        this machine wrote, and the next save would spread the loss. The
        merge keeps tombstones, so nothing deleted comes back either."""
        versions = self.log.read()
        if not versions:
            return document
        self._trim_log = self._trim_log or len(versions) >= TRIM_AT_LEAST
        missing = self.log.missing_from(document, versions)
        if not missing:
            return document
        result = merge_documents(document, missing)
        if not result.total:
            return document
        if self.recovered is None:
            self.recovered = result
        else:
            for name, n in result.changed.items():
                self.recovered.changed[name] = self.recovered.changed.get(name, 0) + n
        self._edits += 1  # unsaved: the file must get them back
        self.generation += 1
        return result.document

    def _check_schema(self, document: Document) -> None:
        schema = meta_of(document).get("schema", 0)
        if schema > SCHEMA_VERSION:
            self.read_only_reason = (
                f"{self.path} was written by a newer version of sj (format {schema}); "
                "it is open read-only: upgrade sj to edit it"
            )

    def _remember(self, document: Document) -> None:
        with contextlib.suppress(OSError):
            self.dirs.remember_journal(self.path, self.store_id_of(document))

    @staticmethod
    def store_id_of(document: Document) -> str:
        return str(meta_of(document).get("store_id", ""))

    # -- TinyDB Storage API

    def read(self) -> Document:
        # TinyDB reads through here: follow another process's saves, as stock
        # JSONStorage does, for the price of one stat.
        if self.changed_on_disk():
            self.refresh()
        return self._document

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        with self._memory:
            give_ids(data)
            self._document = data
            self.generation += 1
            self._edits += 1
        self.save()

    def close(self) -> None:
        pass

    # -- the project's API

    @property
    def document(self) -> Document:
        return self._document

    @property
    def store_id(self) -> str:
        return self.store_id_of(self._document)

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def memory_lock(self) -> threading.RLock:
        """Held while the in-memory document is changed or serialized."""
        return self._memory

    @property
    def version(self) -> tuple[int, int]:
        """Changes whenever the in-memory document does (for caches)."""
        return (self.generation, self._edits)

    def table_version(self, table: str) -> tuple[int, int, int]:
        """Changes whenever the table does in memory (for one table's caches)."""
        return (self.generation, self._other_edits, self._table_edits.get(table, 0))

    @property
    def unsaved(self) -> bool:
        """True while memory holds changes the file does not have yet."""
        return self._edits != self._saved_edits

    def mark_changed(self) -> None:
        """Record that the in-memory document holds changes not yet saved."""
        with self._memory:
            self._edits += 1
            self._other_edits += 1

    def note_written(self, table: str, record: dict[str, Any]) -> None:
        """Record a new version this machine wrote in memory: the next save
        logs it before it is acknowledged (see :mod:`journal.write_log`)."""
        with self._memory:
            self._pending.append((table, record))
            self._edits += 1
            self._table_edits[table] = self._table_edits.get(table, 0) + 1

    def changed_on_disk(self) -> bool:
        """Cheap check (one stat): has another program replaced the file?"""
        return not self._disk_matches(hash_check=False)

    def _disk_matches(self, *, hash_check: bool) -> bool:
        current = FileIdentity.of(self.path)
        if self._identity is None:
            return current is None
        if not self._identity.same_stat(current):
            return False
        if hash_check and _CTIME_IS_CREATION and self._identity.digest is not None:
            # Same stat, but a sync client may have rewritten it in place with
            # a copied mtime, and this platform's ctime cannot tell: compare
            # the content too before overwriting.
            try:
                payload = self.path.read_bytes()
            except OSError:
                return False
            return (
                zlib.crc32(payload) == self._identity.digest and len(payload) == self._identity.size
            )
        return True

    def refresh(self) -> MergeResult | None:
        """Reload the file if it changed on disk, merging unsaved changes in.

        Returns what the merge brought in, or None when nothing changed.
        Raises :class:`BadFileError` (the in-memory journal is kept) when the
        new file cannot be used.
        """
        if not self.changed_on_disk():
            return None
        if not self.path.exists():
            return None  # a sync client between delete and rename; keep ours
        disk, identity = read_file(self.path)
        self._require_same_journal(disk)
        with self._memory:
            # Always a merge, never a plain reload: the new file may lack
            # versions this process already saved (another machine saved
            # before it received them, and its sync client put its copy
            # back). Dropping them from memory would lose them for good at
            # the next save.
            result = merge_documents(disk, self._document)
            if result.total:
                self._edits += 1  # the file lacks some of ours: save them again
            # And those another process of this machine wrote and saw lost.
            document = self._merge_logged(result.document)
            result.changed = diff_counts(self._document, document)
            result.document = document
            self._document = document
            self._identity = identity
            self.generation += 1
        self._check_schema(self._document)
        return result

    def _require_same_journal(self, other: Document) -> None:
        if self.store_id_of(other) != self.store_id:
            raise BadFileError(
                f"{self.path} was replaced by a different journal; nothing was saved over it. "
                "Move it away to keep working with this one."
            )

    def merge_in(self, other: Document, *, any_journal: bool = False) -> MergeResult:
        """Merge another copy of this journal (same store id, unless
        ``any_journal``: a different journal adopted into this one, every
        record keeping its id) into memory. What it brings is logged with
        the next save, as this machine's writes: the copy is moved away
        once merged, so the log is then its only other trace."""
        if not any_journal:
            self._require_same_journal(other)
        with self._memory:
            before = self._document
            result = merge_documents(before, {k: v for k, v in other.items() if k != TABLE_META})
            if result.total:
                self._document = result.document
                self._pending += changed_records(before, result.document)
                self.generation += 1
                self._edits += 1
        return result
