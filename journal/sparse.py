"""Sparse tables: in the numerous tables (interactions, reflections), a
version is stored without the fields that hold their empty default (``""``,
``None``, ``[]``, ``false`` where the default is false): :func:`compact`,
applied when a version is written, never to a version already stored (a
version keeps one form for good, so merges compare like with like). A quick
log leaves most of an entry's questions empty; left out, a 50,000-entry
journal is a third smaller on disk and in memory. A reader takes a missing
field as its default (``Record.from_raw`` does; raw readers use ``.get``).
Files with every field written, as earlier versions wrote them, read the
same.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .records import RECORD_TYPES, TABLE_INTERACTIONS, TABLE_REFLECTIONS, Record

#: The tables whose versions are stored sparse.
SPARSE_TABLES = (TABLE_INTERACTIONS, TABLE_REFLECTIONS)


def _is_empty(value: Any) -> bool:
    return value is None or value is False or (type(value) in (str, list, dict) and not value)


def _empty_defaults(cls: type[Record]) -> dict[str, Any]:
    out = {}
    for item in dataclasses.fields(cls):
        if item.default is not dataclasses.MISSING:
            default = item.default
        elif item.default_factory is not dataclasses.MISSING:
            default = item.default_factory()
        else:
            continue
        if _is_empty(default) and item.name != "id":
            out[item.name] = default
    return out


#: Sparse table → field → its empty default.
EMPTY_DEFAULTS: dict[str, dict[str, Any]] = {
    table: _empty_defaults(RECORD_TYPES[table]) for table in SPARSE_TABLES
}


def compact(raw: dict[str, Any], table: str) -> dict[str, Any]:
    """Leave out, in place, the fields of a new version of a sparse table
    that hold their empty default (the same value of the same type: an
    explicit ``false`` where the default is ``None`` stays). Other tables'
    records are returned as they are."""
    empties = EMPTY_DEFAULTS.get(table)
    if empties:
        drop = [
            name
            for name, default in empties.items()
            if name in raw and type(raw[name]) is type(default) and raw[name] == default
        ]
        for name in drop:
            del raw[name]
    return raw


def with_defaults(raw: dict[str, Any], table: str) -> dict[str, Any]:
    """A copy of a raw record with every field a sparse table left out put
    back at its default (fresh lists): for code that compares field by field."""
    cls = RECORD_TYPES.get(table)
    if cls is None:
        return dict(raw)
    full = cls.from_raw({k: v for k, v in raw.items() if k != "id"}).to_raw()
    full.pop("id", None)
    return {**full, **raw}
