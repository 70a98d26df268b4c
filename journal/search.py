"""Full-text search of the journal: entries, stakeholder profiles,
reflections, promises (both ways) and the sharing log.

The query language is in :mod:`journal.search_query`. Records are searched
in their raw form, as the journal holds them: no record object is built,
and the file is never read again. Each kind's text is folded (case and
accents dropped) into one long string per block of records, newest first,
folded the first time a search reaches that block (or ahead, by an app's
worker). When the journal changes, a folded block is kept as long as its
records are the same objects in the same order (every change is a new
record object), so a change refolds the records around it, not the
journal. A search looks for its rarest word with ``str.find`` and only
checks the records that hold it; it stops once it has as many results as
asked for, so the blocks a search never reaches are never folded.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import operator
import threading
import weakref
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import InputError
from .records import (
    TABLE_INTERACTIONS,
    TABLE_PROMISES,
    TABLE_REFLECTIONS,
    TABLE_SHARES,
    TABLE_STAKEHOLDERS,
)
from .rules import fold, has_tag, normal_tag
from .search_query import FIELD_SEP, RECORD_SEP, Query, Snippet, parse_query, snippet

Raw = dict[str, Any]

#: Kinds of results, in the order they are searched.
KINDS = ("entry", "stakeholder", "reflection", "promise", "share")
#: ``--in`` words → kinds.
IN_WORDS = {
    "entries": "entry",
    "people": "stakeholder",
    "reflections": "reflection",
    "promises": "promise",
    "shares": "share",
}
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


def _ids(kind: str, record: Raw) -> list[str]:
    """The stakeholders a record is about."""
    if kind == "stakeholder":
        return [record.get("id", "")]
    if kind in ("entry", "share"):
        return [s for s in record.get("stakeholders") or () if isinstance(s, str)]
    sid = record.get("stakeholder")
    return [sid] if isinstance(sid, str) and sid else []


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides its words."""

    kinds: tuple[str, ...] = KINDS
    who: str | None = None  # a stakeholder id
    since: dt.date | None = None
    until: dt.date | None = None
    formal: bool | None = None  # entries only
    tag: str | None = None

    def kinds_searched(self) -> tuple[str, ...]:
        if self.formal is not None:  # only entries are formal or not
            return tuple(k for k in self.kinds if k == "entry")
        return self.kinds

    def accepts(self, tagged: set[str] | None) -> Callable[[str, Raw], bool] | None:
        """A test of each candidate record, or None when nothing filters.
        ``tagged``: the ids of the stakeholders with :attr:`tag`."""
        if not (self.who or self.since or self.until or self.formal is not None or self.tag):
            return None
        since = self.since.isoformat() if self.since else ""
        until = self.until.isoformat() if self.until else ""
        tag = normal_tag(self.tag) if self.tag else ""

        def accept(kind: str, record: Raw) -> bool:
            ids = _ids(kind, record)
            if self.who and self.who not in ids:
                return False
            if since or until:
                day = record_date(kind, record) or ""
                if (since and day < since) or (until and day > until):
                    return False
            if self.formal is not None and bool(record.get("formal", True)) != self.formal:
                return False
            return not tag or (
                any(i in (tagged or ()) for i in ids) or (kind == "share" and has_tag(record, tag))
            )

        return accept


@dataclass(frozen=True)
class Hit:
    """One search result. The field it is shown by, and its snippet, are
    found when first asked for: a screen that lists 200 results only asks
    for those of the rows it shows."""

    kind: str
    record: Raw
    date: str | None
    stakeholder_ids: tuple[str, ...]
    query: Query
    #: The snippet's width (0: no snippet, for a caller that makes its own).
    width: int = 72

    @property
    def id(self) -> str:
        return str(self.record.get("id", ""))

    @functools.cached_property
    def _matched(self) -> tuple[str, str]:
        return _field_matched(self.kind, self.record, self.query)

    @property
    def field(self) -> str:
        return self._matched[0]

    @property
    def label(self) -> str:
        if self.kind == "promise":
            return "their promise" if self.record.get("theirs") else "my promise"
        return self._matched[1]

    @functools.cached_property
    def snippet(self) -> Snippet:
        if not self.width:
            return Snippet("", ())
        return snippet(self.query, field_text(self.record, self.field), self.width)


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    #: Whether more records matched than the limit let through.
    more: bool


class _Block:
    """A run of one kind's records (newest first) and their folded text,
    folded when a search first reaches it."""

    __slots__ = ("records", "starts", "text")

    def __init__(self, records: list[Raw]) -> None:
        self.records = records
        self.text: str | None = None
        self.starts = array("q")

    def fold(self, names: tuple[str, ...]) -> None:
        parts = [record_text(r, names) for r in self.records]
        joined = RECORD_SEP.join(parts)
        if joined.isascii():
            self.text = joined.lower()
        else:
            parts = [p.lower() if p.isascii() else fold(p) for p in parts]
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
        records.sort(key=lambda r: _newest_first((kind, r)), reverse=True)
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

    def folded(self) -> int:
        """How many records are folded (for tests and the benchmark)."""
        with self._lock:
            return sum(len(b.records) for p in self._blocks.values() for b in p if b.text)

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
                # Look first for the rarest word (in the newest records, a
                # full block of them), so the fewest records are looked at
                # closely.
                anchor = min(query.words, key=text.count)
                settled = len(records) >= BLOCK // 4
            pos = text.find(anchor)
            while pos >= 0:
                n = bisect.bisect_right(starts, pos) - 1
                end = starts[n + 1] - 1
                record = records[n]
                if query.matches(text, starts[n], end) and (accept is None or accept(kind, record)):
                    yield record
                    found += 1
                    if found == limit:
                        return
                pos = text.find(anchor, end + 1)


_INDEXES: weakref.WeakKeyDictionary[Any, SearchIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def index_of(journal: Any) -> SearchIndex:
    """The journal's search index (one per open journal)."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(journal)
        if index is None:
            index = _INDEXES[journal] = SearchIndex(journal)
        return index


def search(
    journal: Any,
    query: Query | str,
    filters: Filters | None = None,
    *,
    limit: int = 50,
    width: int = 72,
) -> Results:
    """The records matching ``query``, newest first; at most ``limit`` of
    them (0: all). Each with the text around its match, ``width``
    characters; none with ``width`` 0 (for a caller that makes its own)."""
    if isinstance(query, str):
        query = parse_query(query)
    filters = filters or Filters()
    if not query:
        return Results([], False)
    index = index_of(journal)
    tagged = None
    if filters.tag:
        tagged = {
            r.get("id", "") for r in journal.records(TABLE_STAKEHOLDERS) if has_tag(r, filters.tag)
        }
    accept = filters.accepts(tagged)
    wanted = limit + 1 if limit else 0
    found: list[tuple[str, Raw]] = []
    for kind in filters.kinds_searched():
        found.extend((kind, r) for r in index.matching(kind, query, accept, wanted))
    found.sort(key=_newest_first, reverse=True)
    more = bool(limit) and len(found) > limit
    if limit:
        found = found[:limit]
    return Results([_hit(kind, record, query, width) for kind, record in found], more)


def _newest_first(item: tuple[str, Raw]) -> tuple[str, str]:
    kind, record = item
    return (record_date(kind, record) or "", str(record.get("created_at") or ""))


def _hit(kind: str, record: Raw, query: Query, width: int) -> Hit:
    return Hit(
        kind=kind,
        record=record,
        date=record_date(kind, record),
        stakeholder_ids=tuple(_ids(kind, record)),
        query=query,
        width=width,
    )


def _field_matched(kind: str, record: Raw, query: Query) -> tuple[str, str]:
    """The field to show a record by: the one holding the most terms, and
    of those the one holding the latest term typed (a record matches
    through all its fields together, so no field may hold every term)."""
    best, score = FIELDS[kind][0], (0, -1)
    last = len(query.terms) - 1
    for name, label in FIELDS[kind]:
        text = field_text(record, name)
        if not text:
            continue
        folded = fold(text)
        held = [n for n, term in enumerate(query.terms) if term.pattern.search(folded)]
        if held and (len(held), held[-1]) > score:
            best, score = (name, label), (len(held), held[-1])
            if score == (len(query.terms), last):
                break  # no field can do better
    return best


def names_of(hit: Hit, names: dict[str, str]) -> list[str]:
    """The names of the stakeholders a result is about."""
    return [names.get(i, "?") for i in hit.stakeholder_ids]


def kinds_from(words: Iterable[str]) -> tuple[str, ...]:
    """``--in`` words (``entries,people``) → kinds; an unknown word is an
    :class:`InputError`."""
    kinds: list[str] = []
    for word in words:
        key = word.strip().casefold()
        if not key:
            continue
        if key not in IN_WORDS:
            from .resolve import closest_names

            close = closest_names(key, IN_WORDS)
            hint = f"did you mean {close[0]}? " if close else ""
            raise InputError(
                f"{word.strip()!r} is not something to search in; "
                f"{hint}use {', '.join(IN_WORDS)} (comma-separated)."
            )
        if IN_WORDS[key] not in kinds:
            kinds.append(IN_WORDS[key])
    return tuple(k for k in KINDS if k in kinds) or KINDS
