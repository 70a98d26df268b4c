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

For TinyDB's Table API on this storage use :class:`JournalDB`: stock TinyDB
tables cache the next doc id and query results, which go stale when another
process's save arrives (an insert then fails with "Document with ID ... already
exists"). Doc ids are a detail of one copy of the file (a merge may renumber
the records only the other side had); a record's identity is its ``id``
field. Edits through the Table API are not versioned: edit with
:class:`journal.journal.Journal`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import gc
import glob
import os
import shutil
import threading
import time
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from . import __version__
from .errors import BadFileError, LockTimeout, MissingFileError, ReadOnlyError, SaveError
from .merge import Document, MergeResult, merge_documents
from .paths import LocalDirs
from .records import RECORD_TABLES, SCHEMA_VERSION, TABLE_META

DUMP_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
BACKUPS_KEPT = 10
LOCK_TIMEOUT = 15.0
_REPLACE_RETRIES = 20
_CTIME_IS_CREATION = os.name == "nt"
#: The background thread writing each journal's safety copy, by copy path.
_COPY_THREADS: dict[str, threading.Thread] = {}


@dataclass(frozen=True)
class FileIdentity:
    """What tells one version of the file from another; "newer" is never
    trusted (sync clients copy modification times)."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: int | None = None
    #: Change time: no program can set it, so unlike mtime a sync client
    #: cannot copy it. (On Windows it is the creation time instead.)
    ctime_ns: int = 0

    @classmethod
    def of(cls, path: Path, digest: int | None = None) -> FileIdentity | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return cls.from_stat(st, st.st_size, digest)

    @classmethod
    def from_stat(cls, st: os.stat_result, size: int, digest: int | None) -> FileIdentity:
        return cls(st.st_dev, st.st_ino, size, st.st_mtime_ns, digest, st.st_ctime_ns)

    def same_stat(self, other: FileIdentity | None) -> bool:
        return other is not None and (
            self.device,
            self.inode,
            self.size,
            self.mtime_ns,
            self.ctime_ns,
        ) == (other.device, other.inode, other.size, other.mtime_ns, other.ctime_ns)


def new_document(store_id: str | None = None) -> Document:
    """An empty journal."""
    doc: Document = {name: {} for name in RECORD_TABLES}
    doc[TABLE_META] = {
        "1": {
            "schema": SCHEMA_VERSION,
            "store_id": store_id or uuid.uuid4().hex,
            "app_version": __version__,
        }
    }
    return doc


def serialize(document: Document) -> bytes:
    """Deterministic bytes (sorted keys, stable indentation) for small sync diffs."""
    # The newline comes from orjson: `+ b"\n"` would copy the whole file.
    return orjson.dumps(document, option=DUMP_OPTIONS)


def meta_of(document: Document) -> dict[str, Any]:
    return next(iter(document.get(TABLE_META, {}).values()), {})


#: Whether each parsed document is then moved out of the cyclic garbage
#: collector's sight (``gc.freeze``). A parsed journal is large, long-lived
#: and free of cycles, yet every full collection walks all of it (about
#: 100 ms on a 50 MB journal, a pause in the app). The ``sj`` entry point
#: turns it on for its own process; a program using the package decides for
#: its own.
FREEZE_PARSED = False


def loads(payload: bytes) -> Any:
    """``orjson.loads`` with the cyclic collector paused meanwhile: a parse
    makes a million containers and no cycles, and the collections it would
    trigger midway double its time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        document = orjson.loads(payload)
    finally:
        if enabled:
            gc.enable()
    if FREEZE_PARSED:
        gc.freeze()
    return document


def parse_document(path: Path, payload: bytes) -> Document:
    """Parse and validate a journal file's bytes, or raise :class:`BadFileError`."""
    name = str(path)
    if not payload or payload.isspace():
        raise BadFileError(
            f"{name} is empty; restore it from a backup (see `sj check`) or move it away."
        )
    try:
        document = loads(payload)
    except orjson.JSONDecodeError as exc:
        if "utf-8" in str(exc).lower():
            reason = "is not a text file (not UTF-8)"
        elif "end of" in str(exc).lower() or "EOF" in str(exc):
            reason = "is truncated"
        elif "content after document" in str(exc).lower() or "trailing" in str(exc).lower():
            reason = "has extra data after the journal"
        else:
            reason = "is not valid JSON"
        raise BadFileError(
            f"{name} {reason}; it was left untouched: restore it from a backup or move it away."
        ) from None
    if not isinstance(document, dict) or not all(isinstance(t, dict) for t in document.values()):
        raise BadFileError(
            f"{name} is not a Stakeholder Journal file; pass the right file with --file."
        )
    meta = meta_of(document)
    if not isinstance(meta, dict) or not isinstance(meta.get("store_id"), str):
        raise BadFileError(
            f"{name} is not a Stakeholder Journal file (no journal id in _meta); "
            "pass the right file with --file."
        )
    if not isinstance(meta.get("schema"), int):
        raise BadFileError(
            f"{name} has a damaged _meta record (no schema number); restore it from a backup."
        )
    for table_name, table in document.items():
        for doc_id, record in table.items():
            if not isinstance(record, dict) or (
                table_name != TABLE_META and not isinstance(record.get("id"), str)
            ):
                raise BadFileError(
                    f"{name} has a damaged record {table_name}/{doc_id}; restore it from a backup."
                )
    for table_name in RECORD_TABLES:
        document.setdefault(table_name, {})
    return document


def _read_payload(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes, and the status of the very file they were read from."""
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        return f.read(), st


def read_file(path: Path) -> tuple[Document, FileIdentity]:
    """Read and validate the journal at ``path`` (which must exist)."""
    if path.is_dir():
        raise BadFileError(
            f"{path} is a folder, not a journal file; name the .json file with --file."
        )
    try:
        payload, st = _read_payload(path)
    except FileNotFoundError:
        raise MissingFileError(f"{path} does not exist.") from None
    except PermissionError:
        raise BadFileError(
            f"cannot read {path}: permission denied; fix its permissions (chmod u+rw) or pick another file."
        ) from None
    except OSError as exc:
        raise BadFileError(
            f"cannot read {path}: {exc.strerror}; check the drive and try again."
        ) from None
    document = parse_document(path, payload)
    # The status is taken from the open file before reading, so it always
    # names these bytes (a replacement arriving meanwhile shows as a change).
    return document, FileIdentity.from_stat(st, len(payload), zlib.crc32(payload))


def _fsync_folder(folder: Path) -> None:
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


STALE_TEMP_SECONDS = 3600


def remove_stale_temp_files(path: Path, now: float | None = None) -> list[Path]:
    """Remove our own temp files left next to the journal by a save that was
    killed midway (an hour old or more, so never one a live save is writing);
    otherwise the sync client would copy them to every machine."""
    folder = Path(os.path.realpath(path)).parent
    now = time.time() if now is None else now
    removed = []
    for tmp in folder.glob(f".~sj-{glob.escape(Path(os.path.realpath(path)).name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime >= STALE_TEMP_SECONDS:
                tmp.unlink()
                removed.append(tmp)
    return removed


def atomic_write(path: Path, payload: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves the old file or
    the new one, never a mix. A symbolic link (a journal linked into the
    synced folder) is kept: the file it points to is replaced."""
    path = Path(os.path.realpath(path))
    tmp = path.parent / f".~sj-{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
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
    _fsync_folder(path.parent)


class JournalStorage(Storage):
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
        self.dirs = dirs or LocalDirs.default()
        self.device = device or self.dirs.device()
        self.read_only_reason: str | None = "opened read-only" if read_only else None
        self.generation = 0  # bumped whenever the document is replaced or merged
        self._edits = 0  # bumped on every change in memory
        self._saved_edits = 0
        self.last_error: str | None = None
        #: What the file lacked of this machine's last saved version, merged
        #: back on open (see :meth:`_merge_last_saved`); None when nothing.
        self.recovered: MergeResult | None = None
        self._memory = threading.RLock()
        self._saved_payload: tuple[bytes, FileIdentity | None] = (b"", None)
        self.created_file = False  # this open made a new journal file
        self._identity: FileIdentity | None = None
        self._document: Document = self._open(create)

    # -- opening

    def _open(self, create: bool) -> Document:
        if not self.path.exists() and not self.path.is_symlink():
            if self.dirs.was_known(self.path):
                raise MissingFileError(
                    f"{self.path} is missing but was a journal before (an unmounted drive or an "
                    "online-only sync placeholder?); check the folder, or restore it from a backup."
                )
            if not create:
                raise MissingFileError(
                    f"{self.path} does not exist; check the path given with --file."
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
        folder = Path(os.path.realpath(self.path)).parent
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
        self._remember(document)
        if self.read_only_reason is None:
            remove_stale_temp_files(self.path)
            document = self._merge_last_saved(document)
        return document

    def _merge_last_saved(self, document: Document) -> Document:
        """Fold back what this machine last saved if the file lacks it.

        A journal replaced by an older copy (a backup restored by hand, a sync
        client rolling a file back) is not a conflict for the sync client: it
        is just the newest change, so it would silently drop everything newer,
        and the next save would spread the loss to every other machine. The
        merge keeps tombstones, so nothing deleted comes back either."""
        self.wait_for_last_saved()
        if self._identity is None or self._holds_last_saved(self._identity):
            return document
        try:
            saved, _identity = read_file(self.dirs.last_saved_file(self.path))
        except (BadFileError, MissingFileError):
            return document  # none yet, or unusable: it must never stop an open
        if self.store_id_of(saved) != self.store_id_of(document):
            return document
        result = merge_documents(document, saved)
        if not result.total:
            self._mark_holds_last_saved(self._identity)  # skip the merge next time
            return document
        self.recovered = result
        self._edits += 1  # unsaved: the file must get them back
        self.generation += 1
        return result.document

    def _holds_last_saved(self, identity: FileIdentity) -> bool:
        """Is the file with this identity known to hold the last saved version?"""
        mark = self.dirs.last_saved_file(self.path).with_suffix(".held-by")
        try:
            return mark.read_text().split() == [str(identity.size), str(identity.digest)]
        except OSError:
            return False

    def _mark_holds_last_saved(self, identity: FileIdentity) -> None:
        mark = self.dirs.last_saved_file(self.path).with_suffix(".held-by")
        tmp = mark.with_name(f".{mark.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(f"{identity.size} {identity.digest}\n")
            os.replace(tmp, mark)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def _start_keeping_last_saved(self, payload: bytes, identity: FileIdentity | None) -> None:
        """Write the safety copy of a save in the background: the save is
        already durable, so it need not wait for the copy. The thread is not
        a daemon, so a command's process still finishes it before exiting."""
        if not payload:
            return
        thread = threading.Thread(
            target=self._keep_last_saved_locked,
            args=(payload, identity),
            name="sj-last-saved-copy",
        )
        _COPY_THREADS[str(self.dirs.last_saved_file(self.path))] = thread
        thread.start()

    def wait_for_last_saved(self) -> None:
        """Wait until the safety copy of this journal's last save (by any
        storage in this process) is written."""
        thread = _COPY_THREADS.get(str(self.dirs.last_saved_file(self.path)))
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _keep_last_saved_locked(self, payload: bytes, identity: FileIdentity | None) -> None:
        from filelock import FileLock, Timeout

        digest = zlib.crc32(payload)
        if identity is not None:
            identity = dataclasses.replace(identity, digest=digest)
            with self._memory:
                if self._identity is not None and self._identity.same_stat(identity):
                    self._identity = identity
        try:
            with FileLock(str(self.dirs.lock_file(self.path)), timeout=LOCK_TIMEOUT):
                # Another save since this one (here or in another process)
                # keeps its own, newer copy: an older one must not replace it.
                if identity is not None and not identity.same_stat(FileIdentity.of(self.path)):
                    return
                self._keep_last_saved(payload, identity)
        except (Timeout, OSError):
            pass  # the copy is a safety net; the save itself succeeded

    def _keep_last_saved(self, payload: bytes, identity: FileIdentity | None) -> None:
        """Keep a copy of the bytes just saved; never fails a save. A copy,
        not a hard link: restoring a backup with ``cp`` writes into the
        journal's own inode, and would overwrite a link with the older copy."""
        keep = self.dirs.last_saved_file(self.path)
        tmp = keep.with_name(f".{keep.name}.{os.getpid()}.tmp")
        try:
            keep.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                keep.with_suffix(".held-by").unlink()
            tmp.write_bytes(payload)
            os.replace(tmp, keep)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            return
        if identity is not None:
            self._mark_holds_last_saved(identity)

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
            _give_ids(data)
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

    @property
    def unsaved(self) -> bool:
        """True while memory holds changes the file does not have yet."""
        return self._edits != self._saved_edits

    def mark_changed(self) -> None:
        """Record that the in-memory document holds changes not yet saved."""
        with self._memory:
            self._edits += 1

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
            result.changed = _diff_counts(self._document, result.document)
            self._document = result.document
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

    def merge_in(self, other: Document) -> MergeResult:
        """Merge another copy of this journal (same store id) into memory."""
        self._require_same_journal(other)
        with self._memory:
            result = merge_documents(self._document, other)
            if result.total:
                self._document = result.document
                self.generation += 1
                self._edits += 1
        return result

    def save(self) -> MergeResult | None:
        """Write the in-memory journal to disk, merging the disk's version first
        if it changed. Returns what that merge brought in, if anything.

        On failure raises :class:`SaveError`; the data stays in memory and
        ``unsaved`` stays true, so a later save can retry."""
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
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        self.wait_for_last_saved()
        try:
            with FileLock(str(lock_path), timeout=LOCK_TIMEOUT):
                result = self._write(fresh, merge=merge)
            # Outside the lock: the copy takes it again, after this save.
            self._start_keeping_last_saved(*self._saved_payload)
            self._saved_payload = (b"", None)
            return result
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
            payload = serialize(self._document)
            edits = self._edits
        mode = 0o600
        with contextlib.suppress(OSError):
            mode = self.path.stat().st_mode & 0o777
        self._backup_current()
        atomic_write(self.path, payload, mode)
        identity = FileIdentity.of(self.path)
        with self._memory:
            self._identity = identity
            self._saved_edits = edits
            self.last_error = None
        self._remember(self._document)
        self._saved_payload = (payload, identity)
        return merged

    def _backup_current(self) -> None:
        """Keep the version about to be replaced: a hard link costs nothing;
        a copy where links are impossible."""
        if not self.path.exists():
            return
        folder = self.dirs.backup_folder(self.path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # One clock reading for the whole name, so names sort in save order.
            now_ns = time.time_ns()
            stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(now_ns // 10**9))
            target = folder / f"{stamp}-{now_ns % 10**9:09d}.json"
            try:
                os.link(self.path, target)
            except OSError:
                shutil.copy2(self.path, target)
            backups = sorted(folder.glob("*.json"))
            for old in backups[:-BACKUPS_KEPT]:
                old.unlink()
        except OSError:
            pass  # a backup problem must not stop the save itself

    def backups(self) -> list[Path]:
        """Rolling backups of this journal, oldest first."""
        return sorted(self.dirs.backup_folder(self.path).glob("*.json"))


def _give_ids(document: Document) -> None:
    """Records inserted through TinyDB without an ``id`` get one: without it
    the file would no longer open (and could not be merged)."""
    for name, table in document.items():
        if name == TABLE_META or not isinstance(table, dict):
            continue
        for record in table.values():
            if isinstance(record, dict) and not isinstance(record.get("id"), str):
                record["id"] = uuid.uuid4().hex


class JournalTable(Table):
    """A TinyDB table that follows the storage: its query cache and its next
    doc id are dropped whenever the storage loaded or merged another version
    of the file."""

    _seen_generation: int | None = None

    def _follow(self) -> None:
        generation = getattr(self._storage, "generation", None)
        if generation != self._seen_generation:
            self._seen_generation = generation
            self.clear_cache()
            self._next_id = None

    def _get_next_id(self) -> int:
        self._follow()
        return super()._get_next_id()

    def search(self, cond: Any) -> list[Any]:
        self._storage.read()  # may reload: then the cache is dropped
        self._follow()
        return super().search(cond)


class JournalDB(TinyDB):
    """TinyDB on a journal file: ``JournalDB(path, dirs=...)``."""

    table_class = JournalTable
    default_storage_class = JournalStorage


def _diff_counts(before: Document, after: Document) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name, table in after.items():
        if name == TABLE_META:
            continue
        old = before.get(name, {})
        old_by_id = {r.get("id"): r for r in old.values()}
        changed = sum(1 for r in table.values() if old_by_id.get(r.get("id")) != r)
        if changed:
            counts[name] = changed
    return counts


def _describe_os_error(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return (
            f"the disk holding {path} is full; free some space. Your changes are kept until then."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {path.parent} (permission denied); your changes are kept in memory."
    return f"could not save {path}: {exc.strerror or exc}; your changes are kept in memory."
