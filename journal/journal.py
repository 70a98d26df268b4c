"""An open journal: records, in-memory indexes, and the write path.

Reads come from the storage's cached document through indexes built in one
pass and kept up to date on each write, never from a query per row. Writes
stamp the record (hybrid logical clock, device), change the document in
memory, and save it atomically (unless the caller saves later, e.g. from a
worker thread).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from . import copies
from . import resolve as resolve_rules
from .clock import Clock
from .conflicts import ConflictedCopy
from .copies import CopiesReport, CopyOutcome
from .errors import InputError, NotFoundError
from .hlc import next_stamp
from .indexes import EntryIndexes, Raw
from .merge import MergeResult, version_key
from .paths import LocalDirs
from .records import (
    TABLE_INTERACTIONS,
    TABLE_STAKEHOLDERS,
    Interaction,
    Record,
    Stakeholder,
)
from .resolve import resolve_stakeholder
from .sparse import compact
from .storage import JournalStorage


def resolve_path(file: str | os.PathLike[str] | None, dirs: LocalDirs) -> tuple[Path, bool]:
    """The journal path from ``--file`` or ``SJ_FILE``, else the default; and
    whether the user named it explicitly."""
    chosen = file or os.environ.get("SJ_FILE")
    if chosen:
        return Path(chosen).expanduser(), True
    return dirs.default_journal(), False


class Journal(EntryIndexes):
    """One open journal file."""

    def __init__(self, storage: JournalStorage, clock: Clock) -> None:
        self.storage = storage
        self.clock = clock
        self._generation = -1
        self._doc_ids: dict[str, dict[str, str]] = {}
        self._next_doc: dict[str, int] = {}
        self._init_entry_indexes()
        #: Open :meth:`change` blocks; writes inside one wait for its end.
        self._change_depth = 0
        #: What ends a change: ``None`` saves at once (the command line);
        #: the app sets a callable that saves in its worker instead.
        self.commit_hook: Callable[[], None] | None = None

    # -- one user action, one save

    @contextlib.contextmanager
    def change(self) -> Iterator[Journal]:
        """One user action as one unit of work: every write inside the block
        waits, and the block ends with one save (or the :attr:`commit_hook`).

        The change layer validates before it writes, so a block that raises
        has written nothing; it then commits nothing either."""
        self._require_writable()
        self._change_depth += 1
        try:
            yield self
            if self._change_depth == 1:
                self.settle_merged_people()
        finally:
            self._change_depth -= 1
        if self._change_depth == 0:
            self._commit()

    def _commit(self) -> None:
        if self.commit_hook is not None:
            self.commit_hook()
        else:
            self.save()

    def reading(self) -> contextlib.AbstractContextManager[Any]:
        """Hold the document still while reading many records at once (a
        worker may be putting another machine's version in place)."""
        return self.storage.memory_lock

    # -- opening

    @classmethod
    def open(
        cls,
        file: str | os.PathLike[str] | None = None,
        *,
        clock: Clock | None = None,
        dirs: LocalDirs | None = None,
        read_only: bool = False,
        merge_copies: bool = True,
        create: bool = True,
    ) -> Journal:
        """Open a journal; create it if it is missing and ``create`` is set
        (always at the default location, the first run's).

        ``file`` falls back to ``SJ_FILE`` and then the platform data folder.
        Conflicted copies next to the file are merged in on open. A missing
        file named by the user with ``create`` False raises
        :class:`MissingFileError`: a mistyped path must not start an empty
        journal that looks like all data is gone.
        """
        dirs = dirs or LocalDirs.default()
        path, explicit = resolve_path(file, dirs)
        if not explicit:
            dirs.private(path.parent)
        storage = JournalStorage(
            path, dirs=dirs, create=create or not explicit, read_only=read_only
        )
        journal = cls(storage, clock or Clock.from_env())
        journal.created = storage.created_file
        if merge_copies and not storage.read_only:
            journal.copies_on_open = journal.merge_conflicted_copies()
        else:
            journal.copies_on_open = CopiesReport()
        if not storage.read_only and journal.settle_merged_people():
            journal.save()  # another machine's edit of someone merged: now on KEEP
        if storage.recovered is not None and storage.unsaved:
            # The file lacked versions this machine had saved (an older copy
            # was put in its place): write them back at once, so that the
            # sync client spreads the repaired file, not the older one.
            journal.save()
        return journal

    created: bool = False
    copies_on_open: CopiesReport = CopiesReport()
    #: The storage generation :meth:`settle_merged_people` last looked at.
    _settled_generation: int = -1

    def settle_merged_people(self) -> int:
        """Once per merge of another copy: carry what arrived for stakeholders
        merged into others over to them (see :mod:`journal.people_merge`).
        Returns how many needed it; their new versions wait for the save."""
        from .people_merge import settle

        if self._settled_generation == self.storage.generation:
            return 0
        self._settled_generation = self.storage.generation
        self._change_depth += 1  # its writes wait for the caller's save
        try:
            return settle(self)
        finally:
            self._change_depth -= 1

    @property
    def path(self) -> Path:
        return self.storage.path

    @property
    def device(self) -> str:
        return self.storage.device

    @property
    def read_only_reason(self) -> str | None:
        return self.storage.read_only_reason

    @property
    def store_id(self) -> str:
        return self.storage.store_id

    def today(self) -> dt.date:
        return self.clock.today()

    # -- raw access

    def table(self, name: str) -> dict[str, Raw]:
        """The live raw table (doc id → record). Do not mutate it."""
        return self.storage.document.setdefault(name, {})

    def records(self, name: str, *, include_deleted: bool = False) -> Iterator[Raw]:
        for record in self.table(name).values():
            if include_deleted or not record.get("deleted"):
                yield record

    def get(self, name: str, record_id: str) -> Raw | None:
        doc_id = self._doc_index(name).get(record_id)
        return None if doc_id is None else self.table(name).get(doc_id)

    def _next_doc_id(self, name: str) -> int:
        self._check_generation()
        next_id = self._next_doc.get(name)
        if next_id is None:
            table = self.table(name)
            next_id = max((int(k) for k in table if k.isdigit()), default=0) + 1
        self._next_doc[name] = next_id + 1
        return next_id

    def _doc_index(self, name: str) -> dict[str, str]:
        self._check_generation()
        index = self._doc_ids.get(name)
        if index is None:
            index = {r["id"]: doc_id for doc_id, r in self.table(name).items()}
            self._doc_ids[name] = index
        return index

    def _check_generation(self) -> None:
        if self._generation != self.storage.generation:
            self._generation = self.storage.generation
            self._doc_ids.clear()
            self._next_doc.clear()
            self._forget_entry_indexes()

    # -- stakeholders

    def stakeholders(self, *, include_deleted: bool = False) -> list[Stakeholder]:
        return [
            Stakeholder.from_raw(r)
            for r in self.records(TABLE_STAKEHOLDERS, include_deleted=include_deleted)
        ]

    def stakeholder(self, record_id: str) -> Stakeholder:
        raw = self.get(TABLE_STAKEHOLDERS, record_id)
        if raw is None:
            raise NotFoundError(f"No stakeholder has the id {record_id}.", hint="names")
        return Stakeholder.from_raw(raw)

    def resolve(self, query: str) -> Stakeholder:
        """A stakeholder by id or by a unique, case-insensitive part of the name."""
        # Deleted ones too: a name or id of someone merged into another
        # stakeholder says who that is.
        stakeholders = self.records(TABLE_STAKEHOLDERS, include_deleted=True)
        return Stakeholder.from_raw(resolve_stakeholder(query, stakeholders))

    def names(self) -> dict[str, str]:
        return {r["id"]: r.get("name", "") for r in self.table(TABLE_STAKEHOLDERS).values()}

    def unique_names(self) -> dict[str, str]:
        """Id → what names each live stakeholder unambiguously (see
        :func:`journal.resolve.unique_names`)."""
        return resolve_rules.unique_names(self.table(TABLE_STAKEHOLDERS).values())

    def interaction(self, record_id: str) -> Interaction:
        raw = self.get(TABLE_INTERACTIONS, record_id)
        if raw is None:
            raise NotFoundError(f"No journal entry has the id {record_id}.")
        return Interaction.from_raw(raw)

    # -- writing

    def _stamp(self, raw: Raw, previous: Raw | None) -> None:
        now = self.clock.now()
        raw["updated_at"] = next_stamp(now, previous.get("updated_at") if previous else None)
        raw["device"] = self.device
        if previous is None:
            raw["created_at"] = raw.get("created_at") or raw["updated_at"]
            raw.setdefault("history", [])
            raw.setdefault("superseded", [])
        else:
            raw["history"] = list(previous.get("history", ()))
            raw["superseded"] = sorted({*previous.get("superseded", ()), version_key(previous)})

    def _require_writable(self) -> None:
        if self.storage.read_only_reason is not None:
            from .errors import ReadOnlyError

            raise ReadOnlyError(f"{self.storage.read_only_reason}.")

    def add(self, record: Record, *, save: bool = True) -> Record:
        """Add a new record and (by default) save."""
        raw = self._insert(record)
        if save and not self._change_depth:
            self.save()
        return type(record).from_raw(raw)

    def add_all(self, table: str, raws: Iterable[Raw]) -> int:
        """Add many new records (an import) with one save at the end, or at
        the end of the caller's :meth:`change`; returns how many. Each is
        a stored dict, as :meth:`Record.new_raw` makes it."""
        count = self._insert_all(table, raws)
        if not self._change_depth:
            self.save()
        return count

    def _insert(self, record: Record) -> Raw:
        raw = record.to_raw()
        self._insert_all(record.table, [raw])
        return raw

    def _insert_all(self, table_name: str, raws: Iterable[Raw]) -> int:
        """Put new records in memory, each stamped and noted for the next
        save; how many."""
        self._require_writable()
        count = 0
        with self.storage.memory_lock:
            table = self.table(table_name)
            ids = self._doc_index(table_name)
            for raw in raws:
                if raw["id"] in ids:
                    raise InputError(f"A record with id {raw['id']} already exists.")
                raw["created_at"] = ""
                self._stamp(raw, None)
                compact(raw, table_name)
                doc_id = str(self._next_doc_id(table_name))
                table[doc_id] = raw
                ids[raw["id"]] = doc_id
                self._index_new(table_name, raw)
                self.storage.note_written(table_name, raw)
                count += 1
        return count

    def update(
        self, table: str, record_id: str, changes: dict[str, Any], *, save: bool = True
    ) -> Raw:
        """Change some fields of a record (a new version) and (by default) save."""
        self._require_writable()
        doc_id = self._doc_index(table).get(record_id)
        if doc_id is None:
            raise NotFoundError(f"No record {record_id} in {table}.")
        with self.storage.memory_lock:
            previous = self.table(table)[doc_id]
            raw = {k: v for k, v in previous.items()}
            for key in ("id", "created_at", "updated_at", "device", "history", "superseded"):
                changes.pop(key, None)
            raw.update(changes)
            self._stamp(raw, previous)
            compact(raw, table)
            self.table(table)[doc_id] = raw
            self._index_changed(table, previous, raw)
            self.storage.note_written(table, raw)
        if save and not self._change_depth:
            self.save()
        return raw

    def delete(self, table: str, record_id: str, *, save: bool = True) -> Raw:
        """Delete a record: a tombstone version that keeps its content."""
        return self.update(table, record_id, {"deleted": True}, save=save)

    def restore(self, table: str, record_id: str, *, save: bool = True) -> Raw:
        """Undo a deletion."""
        return self.update(table, record_id, {"deleted": False}, save=save)

    def save(self) -> MergeResult | None:
        """Write pending changes (merging what arrived on disk meanwhile)."""
        return self.storage.save()

    @property
    def unsaved(self) -> bool:
        return self.storage.unsaved

    # -- sync

    def changed_on_disk(self) -> bool:
        return self.storage.changed_on_disk()

    def refresh(self) -> MergeResult | None:
        """Reload if another machine's version arrived; None when unchanged."""
        return self.storage.refresh()

    def conflicted_copies(self) -> list[ConflictedCopy]:
        """The sync services' conflicted copies next to the journal file."""
        return copies.conflicted_copies(self)

    def merge_conflicted_copies(self) -> CopiesReport:
        """Merge the sync services' conflicted copies in (see :mod:`journal.copies`)."""
        return copies.merge_copies(self)

    def foreign_copies(self) -> list[Path]:
        """Conflicted copies that belong to a different journal."""
        return copies.foreign_copies(self)

    def adopt(self, path: str | os.PathLike[str]) -> CopyOutcome:
        """Fold a copy of a *different* journal into this one (see :mod:`journal.copies`)."""
        return copies.adopt(self, path)
