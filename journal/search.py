"""Full-text search of the journal: entries, stakeholder profiles,
reflections, promises (both ways) and the sharing log.

The query language is in :mod:`journal.search_query`; the folded text it
looks through, and what is searched of each kind, in
:mod:`journal.search_index`. A search looks for its rarest word with
``str.find`` and only checks the records that hold it; it stops once it has
as many results as asked for, so the blocks a search never reaches are never
folded.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import InputError
from .records import TABLE_STAKEHOLDERS
from .rules import fold, has_tag, normal_tag
from .search_index import (
    FIELDS,
    KINDS,
    field_text,
    index_of,
    newest_first,
    record_date,
)
from .search_query import Query, Snippet, parse_query, snippet

Raw = dict[str, Any]

#: ``--in`` words → kinds.
#: What a result's kind is called where a person reads it (the app's rows,
#: ``sj search``); ``--json`` gives the kind itself. A stakeholder's result
#: is its profile (a stakeholder may be an organization, not a person).
KIND_LABELS = {
    "entry": "entry",
    "stakeholder": "profile",
    "reflection": "reflection",
    "promise": "promise",
    "share": "share",
}
#: Its widest, for a column.
KIND_WIDTH = max(map(len, KIND_LABELS.values()))

IN_WORDS = {
    "entries": "entry",
    "people": "stakeholder",
    "reflections": "reflection",
    "promises": "promise",
    "shares": "share",
}


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
    found.sort(key=newest_first, reverse=True)
    more = bool(limit) and len(found) > limit
    if limit:
        found = found[:limit]
    return Results([_hit(kind, record, query, width) for kind, record in found], more)


def look_ahead(journal: Any, query: Query) -> Iterator[None]:
    """Steps of work (a block of text each) that make the next search of
    ``query`` with more typed quick: see :meth:`SearchIndex.look_ahead`.
    For an app to take between keys, after a search that stopped at its
    limit."""
    index = index_of(journal)
    for kind in KINDS:
        yield from index.look_ahead(kind, query)


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
