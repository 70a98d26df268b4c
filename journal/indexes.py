"""The journal's in-memory indexes of its entries.

Built in one pass over the interactions (every live entry sorted newest
first, each stakeholder's entries, the entries with follow-ups, each
stakeholder's last contact) and kept up to date on each write, so a read is
never a query per row. The cadence of every stakeholder is cached until the
file or the day changes. Mixed into :class:`journal.journal.Journal`, whose
storage and generation check these use.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from . import cadence as cadence_rules
from .records import TABLE_INTERACTIONS, TABLE_PROMISES, TABLE_STAKEHOLDERS

Raw = dict[str, Any]
_DATE_THEN_CREATED = operator.itemgetter("date", "created_at")


class EntryIndexes:
    """The index half of a journal (see the module's text)."""

    storage: Any

    def _init_entry_indexes(self) -> None:
        self._cadence_cache: tuple[Any, list[cadence_rules.CadenceInfo]] | None = None
        self._by_stakeholder: dict[str, list[Raw]] | None = None
        self._all_interactions: list[Raw] | None = None
        #: Live interactions with follow-ups (built with _by_stakeholder).
        self._followed: list[Raw] | None = None
        self._last_contact: dict[str, str] | None = None

    def _forget_entry_indexes(self) -> None:
        self._by_stakeholder = None
        self._followed = None
        self._all_interactions = None
        self._last_contact = None

    if TYPE_CHECKING:  # provided by the journal

        def table(self, name: str) -> dict[str, Raw]: ...
        def records(self, name: str, *, include_deleted: bool = False) -> Iterator[Raw]: ...
        def today(self) -> dt.date: ...
        def _check_generation(self) -> None: ...

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
            self._forget_entry_indexes()
