"""This machine's backups of a journal, listed and put back.

A backup is the version of the file that a save replaced (see
:mod:`journal.backups`). Putting one back never loses anything: the file as
it is now is first kept aside, privately; then a readable journal takes the
backup in as a save takes another machine's version (a merge: every record
keeps its latest version, deletions stay deleted), while a damaged or
missing one is replaced by the backup, and the next open brings back what
this machine wrote since (the log of its writes).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .atomic import atomic_write
from .backups import backups_in
from .clock import Clock
from .document import meta_of, read_file, serialize
from .errors import (
    BadFileError,
    InputError,
    MissingFileError,
    NotFoundError,
    ReadOnlyError,
    SaveError,
)
from .journal import Journal, resolve_path
from .merge import Document
from .paths import LocalDirs
from .private import FILE_MODE, write_private
from .records import SCHEMA_VERSION, TABLE_INTERACTIONS, TABLE_STAKEHOLDERS

#: The folder, beside the backups, where a restore keeps the file it replaced.
SET_ASIDE = "set-aside"


@dataclass(frozen=True)
class Backup:
    """One backup, numbered from 1 for the newest."""

    number: int
    path: Path
    #: When the save that replaced this version ran (UTC).
    kept_at: dt.datetime
    size: int
    #: Live stakeholders and journal entries in it; None when it cannot be read.
    people: int | None = None
    entries: int | None = None
    #: Why it cannot be read, in one line; None when it can (or was not read).
    problem: str | None = None


@dataclass
class Restored:
    """What ``restore`` did."""

    backup: Backup
    #: The journal file.
    path: Path
    #: Where the file as it was went (None: there was no file, or nothing changed).
    set_aside: Path | None = None
    #: The journal could not be read (or was missing): the backup replaced it.
    replaced: bool = False
    #: Records the backup brought back, by table (a readable journal), or
    #: records this machine wrote since the backup, merged back (a replaced one).
    changed: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.changed.values())


def journal_path(file: str | os.PathLike[str] | None, dirs: LocalDirs) -> Path:
    """The journal a command names (``--file``, ``SJ_FILE`` or the default)."""
    return resolve_path(file, dirs)[0]


def backup_folder(path: Path, dirs: LocalDirs) -> Path:
    return dirs.backup_folder(path)


def set_aside_folder(path: Path, dirs: LocalDirs) -> Path:
    return dirs.backup_folder(path) / SET_ASIDE


def list_backups(path: Path, dirs: LocalDirs, *, read: bool = True) -> list[Backup]:
    """This machine's backups of the journal at ``path``, newest first;
    with ``read``, each is parsed to count what it holds."""
    found = backups_in(dirs.backup_folder(path))[::-1]
    backups = []
    for number, file in enumerate(found, 1):
        try:
            size = file.stat().st_size
        except OSError:
            continue  # rotated away by a save meanwhile
        backup = Backup(number, file, _kept_at(file), size)
        if read:
            backup = _counted(backup)
        backups.append(backup)
    return backups


def _kept_at(file: Path) -> dt.datetime:
    try:
        return dt.datetime.strptime(file.name[:15], "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)
    except ValueError:  # a file put there by hand: its own time
        return dt.datetime.fromtimestamp(file.stat().st_mtime, dt.UTC)


def _counted(backup: Backup) -> Backup:
    try:
        document, _identity = read_file(backup.path)
    except BadFileError as exc:
        return replace(backup, problem=str(exc))
    people, entries = (_live(document, name) for name in (TABLE_STAKEHOLDERS, TABLE_INTERACTIONS))
    return replace(backup, people=people, entries=entries)


def _live(document: Document, table: str) -> int:
    return sum(1 for r in document.get(table, {}).values() if not r.get("deleted"))


def choose(path: Path, dirs: LocalDirs, number: str) -> Backup:
    """The backup numbered ``number`` (as typed), or a one-line refusal."""
    backups = list_backups(path, dirs, read=False)
    if not backups:
        raise NotFoundError(
            f"there are no backups of {path} on this machine (one is kept at each save, "
            f"in {dirs.backup_folder(path)})."
        )
    typed = number.strip()
    if not typed.isdigit() or not 1 <= int(typed) <= len(backups):
        raise InputError(
            f'"{typed}" is not a backup number: use 1 (the newest) to {len(backups)}.',
            hint="backups-list",
        )
    return backups[int(typed) - 1]


def restore(
    file: str | os.PathLike[str] | None,
    number: str,
    *,
    dirs: LocalDirs | None = None,
    clock: Clock | None = None,
) -> Restored:
    """Put backup ``number`` (1 is the newest) back into the journal.

    Nothing is written when the number, the backup or the journal cannot be
    used. Otherwise the file as it is now is first kept aside (private, in
    :func:`set_aside_folder`), unless a readable journal already holds
    everything the backup does, in which case nothing changes."""
    dirs = dirs or LocalDirs.default()
    clock = clock or Clock.from_env()
    path = journal_path(file, dirs)
    backup = choose(path, dirs, number)
    document = _read_backup(backup)
    try:
        try:
            journal = Journal.open(path, dirs=dirs, clock=clock, create=False)
        except MissingFileError:
            return _replace(path, backup, document, dirs, clock, damaged=None)
        except BadFileError as exc:
            return _replace(path, backup, document, dirs, clock, damaged=exc)
        return _merge(journal, backup, document)
    except OSError as exc:  # the set-aside copy or the new file could not be written
        raise SaveError(
            f"could not restore backup {backup.number}: {exc.strerror or exc}"
        ) from None


def _read_backup(backup: Backup) -> Document:
    try:
        document, _identity = read_file(backup.path)
    except BadFileError as exc:
        raise BadFileError(
            f"backup {backup.number} cannot be put back ({exc}); choose another one.",
            hint="backups-list",
        ) from None
    if meta_of(document).get("schema", 0) > SCHEMA_VERSION:
        raise BadFileError(
            f"backup {backup.number} was written by a newer version of sj; upgrade sj to put it back."
        )
    return document


def _merge(journal: Journal, backup: Backup, document: Document) -> Restored:
    restored = Restored(backup, journal.path)
    if journal.read_only_reason:
        raise ReadOnlyError(f"{journal.read_only_reason}.")
    theirs = str(meta_of(document).get("store_id", ""))
    if theirs != journal.store_id:
        raise InputError(
            f"backup {backup.number} holds a different journal (id "
            f"{theirs[:8]}) from {journal.path} (id "
            f"{journal.store_id[:8]}): {backup.path}",
            hint="adopt-backup",
        )
    result = journal.storage.merge_in(document)
    if not result.total:
        return restored  # it holds nothing the journal lacks: nothing to write
    restored.set_aside = _set_aside(journal.path, journal.storage.dirs, journal.clock)
    journal.save()
    restored.changed = dict(result.changed)
    return restored


def _replace(
    path: Path,
    backup: Backup,
    document: Document,
    dirs: LocalDirs,
    clock: Clock,
    *,
    damaged: BadFileError | None,
) -> Restored:
    """The journal cannot be read (or is gone): the backup takes its place,
    under the journal's lock, once the file as it is has been kept aside."""
    from filelock import FileLock, Timeout

    from .saving import LOCK_TIMEOUT

    restored = Restored(backup, path, replaced=True)
    if damaged is not None and not (path.is_file() and os.access(path, os.R_OK)):
        raise damaged  # a folder, a pipe, a file it may not read: not for a backup to fix
    lock_path = dirs.lock_file(path)
    dirs.private(lock_path.parent)
    try:
        with FileLock(str(lock_path), timeout=LOCK_TIMEOUT, mode=FILE_MODE):
            _still_unusable(path)
            if path.exists():
                restored.set_aside = _set_aside(path, dirs, clock)
            if not path.parent.is_dir():
                raise MissingFileError(
                    f"the folder {path.parent} is not there (an unmounted drive?); "
                    "nothing was written."
                )
            atomic_write(path, serialize(document), FILE_MODE, dirs.device())
    except Timeout:
        raise BadFileError(
            f"another sj on this machine has held {path} for {LOCK_TIMEOUT:.0f}s; "
            "close it or try again."
        ) from None
    # The normal open: what this machine wrote since the backup comes back
    # from the log of its writes, and is saved.
    journal = Journal.open(path, dirs=dirs, clock=clock, create=False)
    if journal.storage.recovered is not None:
        restored.changed = dict(journal.storage.recovered.changed)
    return restored


def _still_unusable(path: Path) -> None:
    """Under the lock: the file must still be damaged or missing (another
    process may have put a good journal there meanwhile)."""
    try:
        read_file(path)
    except BadFileError:
        return
    raise BadFileError(f"{path} became readable meanwhile; nothing was written: run it again.")


def _set_aside(path: Path, dirs: LocalDirs, clock: Clock) -> Path:
    """A private copy of the journal file as it is now, named after it and
    the time: ``journal-before-restore-20261207-191007.json``."""
    folder = set_aside_folder(path, dirs)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    payload = path.read_bytes()
    target = folder / f"{path.stem}-before-restore-{stamp}{path.suffix}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-before-restore-{stamp}-{n}{path.suffix}"
    write_private(target, payload)
    return target
