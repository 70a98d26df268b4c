"""The folded text that :mod:`journal.search` looks through: what is
searched of each kind of record, and that text kept per journal.

Records are searched in their raw form, as the journal holds them: no record
object is built, and the file is never read again. Each kind's text is folded
(case and accents dropped) into one long string per block of records, newest
first, folded the first time a search reaches that block (or ahead, by an
app's worker). When the journal changes, a folded block is kept as long as
its records are the same objects in the same order (every change is a new
record object), so a change refolds the records around it, not the journal.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import threading
import weakref
from array import array
from collections.abc import Callable, Iterator
from typing import Any

from .records import (
    TABLE_INTERACTIONS,
    TABLE_PROMISES,
    TABLE_REFLECTIONS,
    TABLE_SHARES,
    TABLE_STAKEHOLDERS,
)
from .rules import fold
from .search_query import FIELD_SEP, RECORD_SEP, Query

Raw = dict[str, Any]

#: Kinds of results, in the order they are searched.
KINDS = ("entry", "stakeholder", "reflection", "promise", "share")
TABLES = {
    "entry": TABLE_INTERACTIONS,
    "stakeholder": TABLE_STAKEHOLDERS,
    "reflection": TABLE_REFLECTIONS,
    "promise": TABLE_PROMISES,
    "share": TABLE_SHARES,
}
#: Each kind's searched fields, with the label a result shows.
FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "entry": (
        ("summary", "what I said or did"),
        ("reaction", "their reaction"),
        ("needs", "needs"),
        ("expectations", "expectations"),
        ("their_view", "their view"),
        ("differently", "do differently"),
        ("next_time", "plan"),
        ("follow_ups", "follow-ups"),
        ("shared", "shared"),
        ("new_person_name", "new person"),
    ),
    "stakeholder": (
        ("name", "name"),
        ("organization", "organization"),
        ("role", "role"),
        ("tags", "tags"),
        ("values", "values"),
        ("mandate", "mandate"),
        ("mandate_direction", "mandate direction"),
        ("critical_issues", "critical issues"),
        ("assumptions", "assumptions"),
        ("personal", "personal interests"),
        ("met_how", "how we met"),
        ("notes", "notes"),
    ),
    "reflection": (("answer", "reflection"),),
    "promise": (("text", "promise"),),
    "share": (("title", "title"), ("note", "note"), ("url", "link"), ("tags", "tags")),
}
#: Records per block of folded text.
BLOCK = 2048
#: How much of a block's text tells which word of a query is rarest.
SAMPLE = 1 << 16
#: How many words each block remembers the records of (see _Block.holding).
HELD_WORDS = 8


def field_text(record: Raw, name: str) -> str:
    """A field's searchable text: lists (tags, follow-ups) one item a line."""
    value = record.get(name)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        items = (v.get("text") if isinstance(v, dict) else v for v in value)
        # Tags read as a list; each follow-up is a line of its own.
        between = ", " if name == "tags" else "\n"
        return between.join(v for v in items if isinstance(v, str))
    return ""


def record_text(record: Raw, names: tuple[str, ...]) -> str:
    """Every searched field of a record, one after the other."""
    get = record.get
    try:
        # Most fields hold text, or are left out (sparse records): one C call.
        return FIELD_SEP.join(filter(None, map(get, names)))
    except TypeError:  # a list (tags, follow-ups) or another value
        return FIELD_SEP.join(filter(None, (field_text(record, n) for n in names)))


def record_date(kind: str, record: Raw) -> str | None:
    """The day a result belongs to: an entry's, a reflection's or a share's
    date, the day a promise was made, the day a profile was last changed."""
    field = {"promise": "created_at", "stakeholder": "updated_at"}.get(kind, "date")
    value = record.get(field)
    return value[:10] if isinstance(value, str) and value else None


def newest_first(item: tuple[str, Raw]) -> tuple[str, str]:
    kind, record = item
    return (record_date(kind, record) or "", str(record.get("created_at") or ""))


class _Block:
    """A run of one kind's records (newest first) and their folded text,
    folded when a search first reaches it."""

    __slots__ = ("_holding", "records", "starts", "text")

    def __init__(self, records: list[Raw]) -> None:
        self.records = records
        self.text: str | None = None
        self.starts = array("q")
        #: The last words looked for → the records whose text holds them.
        self._holding: dict[str, array[int]] = {}

    def holding(self, word: str) -> Iterator[int]:
        """The positions of the records whose folded text holds ``word``
        (anywhere, as a substring), in order. Kept for the last few words
        looked for all through the block: typing ``moose pe``, ``moose
        per``... looks for ``moose`` each time. A search that stops early
        (it has its results) keeps nothing."""
        found = self._holding.get(word)
        if found is not None:
            yield from found
            return
        text, starts = self.text or "", self.starts
        found = array("i")
        pos = text.find(word)
        while pos >= 0:
            n = bisect.bisect_right(starts, pos) - 1
            found.append(n)
            yield n
            pos = text.find(word, starts[n + 1])
        if len(self._holding) >= HELD_WORDS:
            del self._holding[next(iter(self._holding))]
        self._holding[word] = found

    def remembers(self, word: str) -> bool:
        """Whether the records holding ``word`` are known without a scan."""
        return word in self._holding

    def fold(self, names: tuple[str, ...]) -> None:
        parts = [record_text(r, names) for r in self.records]
        joined = RECORD_SEP.join(parts)
        if joined.isascii():  # the common case: one call folds it all
            self.text = joined.lower()
        else:
            parts = [fold(p) for p in parts]
            self.text = RECORD_SEP.join(parts)
        # Where each record starts, as machine integers (a list of Python
        # ints would take four times the memory).
        self.starts = array("q", [0])
        self.starts.extend(itertools.accumulate(len(p) + 1 for p in parts))


def _runs(records: list[Raw], start: int, end: int) -> list[_Block]:
    """``records[start:end]`` as unfolded blocks of at most :data:`BLOCK`."""
    return [_Block(records[at : min(at + BLOCK, end)]) for at in range(start, end, BLOCK)]


def _replan(old: list[_Block], records: list[Raw]) -> list[_Block]:
    """The blocks of ``records`` (the kind's records after a change), keeping
    each folded block whose records are all still there, the same objects
    in the same order: the journal writes a new record object for every
    change, so an unchanged object holds unchanged text. What is new, or
    sits between changes, becomes new blocks, folded when reached. Logging
    an entry refolds a handful of records, not the journal."""
    plan: list[_Block] = []
    done = 0
    for block in old:
        size = len(block.records)
        if block.text is None or size < BLOCK // 4:
            continue  # refolded with its neighbours
        # Records keep their order, so a kept block starts at or after the
        # end of the last one, shifted by what was added or removed before
        # it: look a few blocks' worth ahead for its first record.
        first = block.records[0]
        at = next(
            (i for i in range(done, min(len(records), done + 4 * BLOCK)) if records[i] is first),
            None,
        )
        if at is None:
            continue
        now = records[at : at + size]
        if len(now) == size and all(map(operator.is_, now, block.records)):
            plan.extend(_runs(records, done, at))
            plan.append(block)
            done = at + size
    plan.extend(_runs(records, done, len(records)))
    return plan


class SearchIndex:
    """The folded text of one journal, folded block by block as searches
    reach it (or all at once, ahead, in an app's worker), and kept across
    changes for the records that did not change. Safe to share between the
    UI thread and one worker."""

    def __init__(self, journal: Any) -> None:
        self.journal = journal
        self._blocks: dict[str, list[_Block]] = {}
        #: The version of its table each kind's blocks were planned for.
        self._versions: dict[str, object] = {}
        self._lock = threading.RLock()

    def _kind_records(self, kind: str) -> list[Raw]:
        if kind == "entry":
            return self.journal.interactions_of(None)  # live, newest first
        records = list(self.journal.records(TABLES[kind]))
        records.sort(key=lambda r: newest_first((kind, r)), reverse=True)
        return records

    def _plan(self, kind: str) -> list[_Block]:
        """The kind's blocks for the journal as it is now (call with the
        journal and the index locked)."""
        version = self.journal.storage.table_version(TABLES[kind])
        plan = self._blocks.get(kind)
        if plan is None or self._versions.get(kind) != version:
            plan = _replan(plan or [], self._kind_records(kind))
            self._blocks[kind] = plan
            self._versions[kind] = version
        return plan

    def blocks(self, kind: str) -> Iterator[_Block]:
        """The kind's blocks in order (newest records first), each folded
        when first reached."""
        names = tuple(name for name, _label in FIELDS[kind])
        index = 0
        while True:
            with self.journal.reading(), self._lock:
                plan = self._plan(kind)
                if index >= len(plan):
                    return
                block = plan[index]
                if block.text is None:
                    block.fold(names)
            yield block
            index += 1

    def build(self) -> None:
        """Fold everything now (an app does it in a worker, ahead of use)."""
        for kind in KINDS:
            for _block in self.blocks(kind):
                pass

    def look_ahead(self, kind: str, query: Query) -> Iterator[None]:
        """Steps, one folded block each, that find the records holding the
        word a search for ``query`` looks for first, and leave them
        remembered (see :meth:`_Block.holding`). A search that stopped at
        its limit looked through the newest blocks only; taken between two
        keys, these steps spare the next query (the same words and one more
        letter) a scan of the whole journal. Blocks not folded yet are left
        alone."""
        with self.journal.reading(), self._lock:
            plan = list(self._plan(kind))
        if not plan or plan[0].text is None or not query:
            return
        word = rarest(query, plan[0].text)
        for block in plan:
            if block.text is not None and not block.remembers(word):
                for _n in block.holding(word):
                    pass
                yield

    def matching(
        self, kind: str, query: Query, accept: Callable[[str, Raw], bool] | None, limit: int
    ) -> Iterator[Raw]:
        """The kind's records that match, in order; at most ``limit`` (0: all)."""
        anchor = ""
        settled = False
        found = 0
        for block in self.blocks(kind):
            text, starts, records = block.text or "", block.starts, block.records
            if not settled:
                anchor = rarest(query, text)
                settled = len(records) >= BLOCK // 4
            for n in block.holding(anchor):
                record = records[n]
                if query.matches(text, starts[n], starts[n + 1] - 1) and (
                    accept is None or accept(kind, record)
                ):
                    yield record
                    found += 1
                    if found == limit:
                        return


def rarest(query: Query, text: str) -> str:
    """The word of ``query`` to look for first: the rarest at the start of
    ``text`` (the newest records), so the fewest records are looked at
    closely."""
    return min(query.words, key=lambda word: text.count(word, 0, SAMPLE))


_INDEXES: weakref.WeakKeyDictionary[Any, SearchIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def index_of(journal: Any) -> SearchIndex:
    """The journal's search index (one per open journal)."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(journal)
        if index is None:
            index = _INDEXES[journal] = SearchIndex(journal)
        return index
