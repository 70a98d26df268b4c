"""Merging two copies of a journal: the rule that makes syncing safe.

A record's state is a set of versions. Identity is the record's ``id``; a
version is identified by its key ``updated_at|device|content-hash`` (the hash
keeps two different versions apart even when a frozen or coarse clock gave
them the same stamp on one device; files written before it carry two-part
keys ``updated_at|device``, which still name every version with that stamp
and device). Merging two states is
a set union, so it is commutative, associative and idempotent:

- every version either side has seen is kept, except versions that some edit
  was made from (their keys are in the record's ``superseded`` list, which is
  itself a union): those are ancestors, already folded into a later version;
- the version with the greatest ``(updated_at, device)`` wins and is the
  record; the remaining versions (the losing sides of concurrent edits, a
  deletion that lost to an edit, an edit that lost to a deletion) are kept in
  ``history``, so nothing a user wrote is ever lost;
- a deletion is a version like any other (``deleted: true``, content kept), so
  a tombstone is never forgotten and a deleted record never comes back from an
  older copy.

Because an edit stamps a time later than the version it edited (see
:mod:`journal.hlc`), a machine with a slow clock still supersedes what it saw.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from .records import RECORD_TABLES, TABLE_META

Raw = dict[str, Any]
Table = dict[str, Raw]
Document = dict[str, Table]

_SKIP_IN_VERSION = ("history", "superseded")


def version_key(version: Mapping[str, Any]) -> str:
    """The key naming one version of a record (its ``history`` and
    ``superseded`` lists are not part of the version)."""
    content = orjson.dumps(_bare(version), option=orjson.OPT_SORT_KEYS)
    return f"{version.get('updated_at', '')}|{version.get('device', '')}|{zlib.crc32(content):08x}"


def _is_superseded(key: str, superseded: set[str] | frozenset[str]) -> bool:
    # A two-part key (written before keys carried a hash) names every version
    # with that stamp and device.
    return key in superseded or key.rpartition("|")[0] in superseded


def held_keys(record: Mapping[str, Any]) -> _HeldKeys:
    """What a stored record holds: its versions and every version they were
    made from. A version whose key is in it is in the record or superseded
    by something that is."""
    return _HeldKeys(record)


class _HeldKeys:
    __slots__ = ("_keys", "_superseded")

    def __init__(self, record: Mapping[str, Any]) -> None:
        self._superseded = frozenset(record.get("superseded", ()))
        self._keys = {version_key(record), *(version_key(v) for v in record.get("history", ()))}

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._keys or _is_superseded(key, self._superseded))


def _order(version: Mapping[str, Any]) -> tuple[str, str, bytes]:
    # Content breaks the (practically impossible) tie of two different
    # versions stamped in the same microsecond on the same device, so every
    # replica still picks the same winner.
    return (
        version.get("updated_at", ""),
        version.get("device", ""),
        orjson.dumps(version, option=orjson.OPT_SORT_KEYS),
    )


def _bare(record: Mapping[str, Any]) -> Raw:
    return {k: v for k, v in record.items() if k not in _SKIP_IN_VERSION}


def merge_record(a: Raw, b: Raw) -> Raw:
    """Merge two states of the same record (same ``id``)."""
    if a is b or a == b:
        return a
    superseded = set(a.get("superseded", ())) | set(b.get("superseded", ()))
    versions: dict[str, list[Raw]] = {}
    for state in (a, b):
        for version in (_bare(state), *state.get("history", ())):
            key = version_key(version)
            if _is_superseded(key, superseded):
                continue
            same_key = versions.setdefault(key, [])
            if version not in same_key:
                same_key.append(version)
    candidates = [v for group in versions.values() for v in group]
    if not candidates:  # cannot happen for well-formed states; stay total anyway
        candidates = [_bare(a), _bare(b)]
    candidates.sort(key=_order)
    winner = dict(candidates[-1])
    winner["history"] = candidates[:-1]
    winner["superseded"] = sorted(superseded)
    return winner


def merge_table(local: Table, other: Table) -> tuple[Table, int]:
    """Merge ``other`` into ``local`` by record id.

    Returns the merged table and how many records changed compared to
    ``local``. Doc ids of ``local`` are kept (so TinyDB users see stable ids);
    records only ``other`` has get the next free doc ids, in a stable order.
    """
    by_id: dict[str, str] = {}
    for doc_id, record in local.items():
        rid = record.get("id")
        if isinstance(rid, str):
            by_id[rid] = doc_id
    merged: Table = dict(local)
    changed = 0
    incoming: list[Raw] = []
    for record in other.values():
        rid = record.get("id")
        if not isinstance(rid, str):
            continue
        doc_id = by_id.get(rid)
        if doc_id is None:
            incoming.append(record)
            continue
        current = merged[doc_id]
        result = merge_record(current, record)
        if result is not current and result != current:
            # ``other`` held a version ``local`` lacks (an ancestor of the
            # local version merges back to an equal record: not a change).
            merged[doc_id] = result
            changed += 1
    if incoming:
        next_doc = max((int(k) for k in merged if k.isdigit()), default=0) + 1
        incoming.sort(key=lambda r: (r.get("created_at", ""), r["id"]))
        for record in incoming:
            # One record may arrive twice from a malformed copy: merge it.
            doc_id = by_id.get(record["id"])
            if doc_id is not None:
                merged[doc_id] = merge_record(merged[doc_id], record)
                continue
            merged[str(next_doc)] = record
            by_id[record["id"]] = str(next_doc)
            next_doc += 1
            changed += 1
    return merged, changed


@dataclass
class MergeResult:
    """What a merge of two documents did."""

    document: Document
    changed: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.changed.values())


def merge_documents(local: Document, other: Document, tables: Iterable[str] = ()) -> MergeResult:
    """Merge two whole journals (same ``store_id``; the caller checks).

    Every table of either side is merged; ``_meta`` keeps the local record but
    takes the greater schema and app version.
    """
    names = [t for t in (*RECORD_TABLES, *tables) if t in local or t in other]
    names += sorted(t for t in {*local, *other} if t not in names and t != TABLE_META)
    document: Document = {}
    result = MergeResult(document)
    for name in names:
        table, changed = merge_table(local.get(name, {}), other.get(name, {}))
        document[name] = table
        if changed:
            result.changed[name] = changed
    document[TABLE_META] = _merge_meta(local.get(TABLE_META, {}), other.get(TABLE_META, {}))
    return result


def _merge_meta(local: Table, other: Table) -> Table:
    mine = dict(next(iter(local.values()), {}))
    theirs = next(iter(other.values()), {})
    if not mine:
        return {"1": dict(theirs)} if theirs else {}
    for key in ("schema", "app_version"):
        if key in theirs and _version_tuple(theirs[key]) > _version_tuple(mine.get(key)):
            mine[key] = theirs[key]
    hosts = _merge_hosts(mine.get("hosts"), theirs.get("hosts"))
    if hosts:
        mine["hosts"] = hosts
    return {"1": mine}


def _merge_hosts(a: Any, b: Any) -> dict[str, str]:
    """The computers (device id → host name) either side names; a device
    renamed keeps the greater name, so every replica agrees."""
    merged = dict(a) if isinstance(a, dict) else {}
    for device, name in b.items() if isinstance(b, dict) else ():
        if device not in merged or str(name) > str(merged[device]):
            merged[device] = name
    return merged


def _version_tuple(value: Any) -> tuple[int, ...]:
    if isinstance(value, int):
        return (value,)
    if isinstance(value, str):
        return tuple(int(p) for p in value.split(".") if p.isdigit())
    return ()
