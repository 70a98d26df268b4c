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
import operator
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from . import cadence as cadence_rules
from . import copies
from . import resolve as resolve_rules
from .clock import Clock
from .conflicts import ConflictedCopy
from .copies import CopiesReport, CopyOutcome
from .errors import InputError, NotFoundError
from .hlc import next_stamp
from .merge import MergeResult, version_key
from .paths import LocalDirs
from .records import (
    TABLE_INTERACTIONS,
    TABLE_PROMISES,
    TABLE_STAKEHOLDERS,
    Interaction,
    Record,
    Stakeholder,
    compact,
)
from .resolve import resolve_stakeholder
from .storage import JournalStorage

Raw = dict[str, Any]
_DATE_THEN_CREATED = operator.itemgetter("date", "created_at")


def resolve_path(file: str | os.PathLike[str] | None, dirs: LocalDirs) -> tuple[Path, bool]:
    """The journal path from ``--file`` or ``SJ_FILE``, else the default; and
    whether the user named it explicitly."""
    chosen = file or os.environ.get("SJ_FILE")
    if chosen:
        return Path(chosen).expanduser(), True
    return dirs.default_journal(), False


class Journal:
    """One open journal file."""

    def __init__(self, storage: JournalStorage, clock: Clock) -> None:
        self.storage = storage
        self.clock = clock
        self._generation = -1
        self._doc_ids: dict[str, dict[str, str]] = {}
        self._next_doc: dict[str, int] = {}
        self._cadence_cache: tuple[Any, list[cadence_rules.CadenceInfo]] | None = None
        self._by_stakeholder: dict[str, list[Raw]] | None = None
        self._all_interactions: list[Raw] | None = None
        #: Live interactions with follow-ups (built with _by_stakeholder).
        self._followed: list[Raw] | None = None
        self._last_contact: dict[str, str] | None = None
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
            self._by_stakeholder = None
            self._followed = None
            self._all_interactions = None
            self._last_contact = None

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
        return Stakeholder.from_raw(resolve_stakeholder(query, self.records(TABLE_STAKEHOLDERS)))

    def names(self) -> dict[str, str]:
        return {r["id"]: r.get("name", "") for r in self.table(TABLE_STAKEHOLDERS).values()}

    def unique_names(self) -> dict[str, str]:
        """Id → what names each live stakeholder unambiguously (see
        :func:`journal.resolve.unique_names`)."""
        return resolve_rules.unique_names(self.table(TABLE_STAKEHOLDERS).values())

    # -- interactions and cadence

    def last_contacts(self) -> dict[str, str]:
        """Stakeholder id → date of the latest contact (ISO)."""
        self._check_generation()
        if self._last_contact is None:
            self._last_contact = cadence_rules.last_contacts(
                self.table(TABLE_INTERACTIONS).values()
            )
        return self._last_contact

    def cadence(
        self, *, window: int = 3, today: dt.date | None = None
    ) -> list[cadence_rules.CadenceInfo]:
        """Every stakeholder's cadence state, most urgent first (cached until
        the journal or the day changes; do not mutate the list)."""
        today = today or self.today()
        key = (self.storage.version, today, window)
        if self._cadence_cache is not None and self._cadence_cache[0] == key:
            return self._cadence_cache[1]
        infos = cadence_rules.compute_cadence(
            self.table(TABLE_STAKEHOLDERS).values(),
            self.last_contacts(),
            today,
            window=window,
            extra_due=self.obligations(),
        )
        ordered = cadence_rules.sort_by_urgency(infos)
        self._cadence_cache = (key, ordered)
        return ordered

    def obligations(self) -> dict[str, list[tuple[str, str]]]:
        """Stakeholder id → what falls due besides the routine contact:
        ``("promise", date)`` for each open promise I made them and
        ``("follow-up", date)`` for each open follow-up with a due date."""
        due: dict[str, list[tuple[str, str]]] = {}
        for promise in self.records(TABLE_PROMISES):
            if promise.get("done") or promise.get("theirs") or not promise.get("due"):
                continue
            if sid := promise.get("stakeholder"):
                due.setdefault(sid, []).append(("promise", promise["due"]))
        self._check_generation()
        followed = self._followed
        if followed is None:  # one cheap pass rather than the full index
            followed = [
                r
                for r in self.table(TABLE_INTERACTIONS).values()
                if r.get("follow_ups") and not r.get("deleted")
            ]
        for entry in followed:
            for item in entry.get("follow_ups") or ():
                if item.get("done") or not item.get("due"):
                    continue
                for sid in entry.get("stakeholders") or ():
                    due.setdefault(sid, []).append(("follow-up", item["due"]))
        return due

    @staticmethod
    def _newest_first(record: Raw) -> tuple[str, str]:
        return (record.get("date", ""), record.get("created_at", ""))

    @classmethod
    def _sort_newest_first(cls, entries: list[Raw]) -> None:
        try:
            # A C-level key: the sort of 50,000 entries is most of the cost.
            entries.sort(key=_DATE_THEN_CREATED, reverse=True)
        except (KeyError, TypeError):  # a hand-edited record without a date
            entries.sort(key=cls._newest_first, reverse=True)

    def _interaction_index(self) -> dict[str, list[Raw]]:
        self._check_generation()
        if self._by_stakeholder is None:
            # One sort of every live entry, newest first; walking it in that
            # order fills each stakeholder's list already sorted, and the
            # first entry seen for a stakeholder is its last contact.
            entries = [r for r in self.table(TABLE_INTERACTIONS).values() if not r.get("deleted")]
            self._sort_newest_first(entries)
            index: dict[str, list[Raw]] = {}
            followed: list[Raw] = []
            for record in entries:
                if record.get("follow_ups"):
                    followed.append(record)
                for sid in record.get("stakeholders", ()):
                    mine = index.get(sid)
                    if mine is None:
                        index[sid] = [record]
                    else:
                        mine.append(record)
            self._by_stakeholder = index
            self._followed = followed
            self._all_interactions = entries
            if self._last_contact is None:
                self._last_contact = {
                    sid: date for sid, mine in index.items() if (date := mine[0].get("date"))
                }
        return self._by_stakeholder

    def build_indexes(self) -> None:
        """Build the per-stakeholder and all-entries indexes now (an app does
        it once at start, off the UI thread) rather than on first use."""
        self._interaction_index()

    def drop_indexes(self) -> None:
        """Forget every index; they are rebuilt on next use. For callers that
        replaced the document from another thread."""
        with self.storage.memory_lock:
            self._generation = -1
            self._check_generation()

    def interactions_of(self, stakeholder_id: str | None) -> list[Raw]:
        """Raw interactions of one stakeholder (or all, for None), newest first.

        The list is shared with the index: do not mutate it."""
        if stakeholder_id is not None:
            return self._interaction_index().get(stakeholder_id, [])
        self._interaction_index()
        return self._all_interactions or []

    def interaction(self, record_id: str) -> Interaction:
        raw = self.get(TABLE_INTERACTIONS, record_id)
        if raw is None:
            raise NotFoundError(f"No journal entry has the id {record_id}.")
        return Interaction.from_raw(raw)

    def open_follow_ups(self, stakeholder_id: str | None = None) -> list[tuple[Raw, Raw]]:
        """(interaction, follow-up) pairs not done yet, soonest due first."""
        if stakeholder_id is None:
            self._interaction_index()
            entries = self._followed or []
        else:
            entries = self.interactions_of(stakeholder_id)
        pairs = [
            (entry, item)
            for entry in entries
            for item in entry.get("follow_ups", ())
            if not item.get("done")
        ]
        pairs.sort(key=lambda p: (p[1].get("due") or "9999", p[0].get("date", "")))
        return pairs

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
        self._require_writable()
        if self.get(record.table, record.id) is not None:
            raise InputError(f"A record with id {record.id} already exists.")
        raw = record.to_raw()
        raw["created_at"] = ""
        self._stamp(raw, None)
        compact(raw, record.table)
        with self.storage.memory_lock:
            table = self.table(record.table)
            doc_id = str(self._next_doc_id(record.table))
            table[doc_id] = raw
            self._doc_index(record.table)[raw["id"]] = doc_id
            self._index_new(record.table, raw)
            self.storage.note_written(record.table, raw)
        if save and not self._change_depth:
            self.save()
        return type(record).from_raw(raw)

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

    def _index_new(self, table: str, raw: Raw) -> None:
        if table != TABLE_INTERACTIONS:
            return
        if self._last_contact is not None:
            for sid in raw.get("stakeholders", ()):
                if raw["date"] > self._last_contact.get(sid, ""):
                    self._last_contact[sid] = raw["date"]
        if self._by_stakeholder is not None:
            for sid in raw.get("stakeholders", ()):
                self._insert_newest_first(self._by_stakeholder.setdefault(sid, []), raw)
            if self._followed is not None and raw.get("follow_ups"):
                self._followed.append(raw)
        if self._all_interactions is not None:
            self._insert_newest_first(self._all_interactions, raw)

    def _insert_newest_first(self, entries: list[Raw], raw: Raw) -> None:
        # A new entry is nearly always the newest: scan from the front.
        key = self._newest_first(raw)
        pos = 0
        for pos, entry in enumerate(entries):  # noqa: B007
            if self._newest_first(entry) < key:
                break
        else:
            pos = len(entries)
        entries.insert(pos, raw)

    def _index_changed(self, table: str, previous: Raw, raw: Raw) -> None:
        if table == TABLE_INTERACTIONS:
            # Rare (edits, deletions): rebuild lazily rather than patch.
            self._by_stakeholder = None
            self._followed = None
            self._all_interactions = None
            self._last_contact = None

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
