"""TinyDB's own API on a journal file: ``JournalDB(path, dirs=...)``.

Stock TinyDB tables cache the next doc id and query results, which go stale
when another process's save arrives (an insert then fails with "Document
with ID ... already exists"); these follow the storage instead. Edits through
the Table API are not versioned: edit with :class:`journal.journal.Journal`.
"""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from .storage import JournalStorage


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
