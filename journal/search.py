"""Full-text search of the journal: entries, stakeholder profiles,
reflections, promises (both ways) and the sharing log.

The query language is in :mod:`journal.search_query`. Records are searched
in their raw form, as the journal holds them: no record object is built,
and the file is never read again. Each kind's text is folded (case and
accents dropped) into one long string per block of records, newest first,
built the first time a search reaches that block and kept until the
journal changes (:attr:`journal.storage.JournalStorage.version`). A search
looks for its rarest word with ``str.find`` and only checks the records
that hold it; it stops once it has as many results as asked for, so the
blocks a search never reaches are never built.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
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
    """One search result."""

    kind: str
    record: Raw
    date: str | None
    stakeholder_ids: tuple[str, ...]
    field: str
    label: str
    snippet: Snippet

    @property
    def id(self) -> str:
        return str(self.record.get("id", ""))


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    #: Whether more records matched than the limit let through.
    more: bool


class _Block:
    __slots__ = ("records", "starts", "text")

    def __init__(self, records: list[Raw], names: tuple[str, ...]) -> None:
        parts = [record_text(r, names) for r in records]
        joined = RECORD_SEP.join(parts)
        if joined.isascii():
            self.text = joined.lower()
        else:
            parts = [fold(p) for p in parts]
            self.text = RECORD_SEP.join(parts)
        self.records = records
        # Where each record starts, as machine integers (a list of Python
        # ints would take four times the memory).
        self.starts = array("q", [0])
        self.starts.extend(itertools.accumulate(len(p) + 1 for p in parts))


class SearchIndex:
    """The folded text of one journal, built block by block as searches
    reach it. Safe to share between the UI thread and one worker."""

    def __init__(self, journal: Any) -> None:
        self.journal = journal
        self._version: object = None
        self._records: dict[str, list[Raw]] = {}
        self._blocks: dict[str, list[_Block]] = {}
        self._lock = threading.RLock()

    def _check_version(self) -> None:
        version = self.journal.storage.version
        if version != self._version:
            self._version = version
            self._records.clear()
            self._blocks.clear()

    def _kind_records(self, kind: str) -> list[Raw]:
        records = self._records.get(kind)
        if records is None:
            if kind == "entry":
                records = self.journal.interactions_of(None)  # live, newest first
            else:
                records = [r for r in self.journal.records(TABLES[kind])]
                records.sort(key=lambda r: _newest_first((kind, r)), reverse=True)
            self._records[kind] = records
        return records

    def blocks(self, kind: str) -> Iterator[_Block]:
        """The kind's blocks in order, each built when first reached."""
        names = tuple(name for name, _label in FIELDS[kind])
        index = 0
        while True:
            with self.journal.reading(), self._lock:
                self._check_version()
                built = self._blocks.setdefault(kind, [])
                if index < len(built):
                    block = built[index]
                else:
                    records = self._kind_records(kind)
                    chunk = records[index * BLOCK : (index + 1) * BLOCK]
                    if not chunk:
                        return
                    block = _Block(chunk, names)
                    built.append(block)
            yield block
            index += 1

    def build(self) -> None:
        """Fold everything now (an app does it in a worker, ahead of use)."""
        for kind in KINDS:
            for _block in self.blocks(kind):
                pass

    def matching(
        self, kind: str, query: Query, accept: Callable[[str, Raw], bool] | None, limit: int
    ) -> Iterator[Raw]:
        """The kind's records that match, in order; at most ``limit`` (0: all)."""
        anchor = ""
        found = 0
        for block in self.blocks(kind):
            text, starts, records = block.text, block.starts, block.records
            if not anchor:
                # Look first for the rarest word (in the newest records), so
                # the fewest records are looked at closely.
                anchor = min(query.words, key=text.count)
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
    name, label = _field_matched(kind, record, query)
    text = field_text(record, name)
    if kind == "promise":
        label = "their promise" if record.get("theirs") else "my promise"
    return Hit(
        kind=kind,
        record=record,
        date=record_date(kind, record),
        stakeholder_ids=tuple(_ids(kind, record)),
        field=name,
        label=label,
        snippet=snippet(query, text, width) if width else Snippet("", ()),
    )


def _field_matched(kind: str, record: Raw, query: Query) -> tuple[str, str]:
    """The first field a term matches in (a record matches through all
    its fields together, so some fields may hold none)."""
    for name, label in FIELDS[kind]:
        text = field_text(record, name)
        if text and any(t.pattern.search(fold(text)) for t in query.terms):
            return name, label
    return FIELDS[kind][0]


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
            raise InputError(
                f"{word.strip()!r} is not something to search in; "
                f"use {', '.join(IN_WORDS)} (comma-separated)."
            )
        if IN_WORDS[key] not in kinds:
            kinds.append(IN_WORDS[key])
    return tuple(k for k in KINDS if k in kinds) or KINDS
