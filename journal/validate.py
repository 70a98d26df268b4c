"""Checking the kind of value in every field of every record when a journal
is read.

A record whose field holds the wrong kind of value (a stakeholder's name that
is a number, a list of stakeholders that is a string, a deletion flag that is
``"yes"``) would otherwise pass the file checks and then make every command
and the app fail later with a traceback. :func:`check_document` refuses such
a file when it is read, with one line naming the record and the field; like
every refused file, it is never written.

What each field may hold comes from the record dataclasses in
:mod:`journal.records` (their annotations, read at import), so this table
cannot drift from them. Where an annotation says too little
(``list[dict[str, Any]]``), the shape of the dicts is given here: follow-ups
are :class:`~journal.records.FollowUp` dicts, ``history`` holds earlier
versions of the same record, and ``profile_log`` holds ``{field, date,
before}`` entries.

The rules:

- a field the table does not know is allowed (a newer version of sj may add
  fields), and so is a missing one (sparse tables leave empty fields out);
- ``null`` is allowed only where the field's default is ``None``;
- kinds are compared exactly: ``true`` is not a number, ``1`` is not true or
  false, and a whole-number field does not take ``2.5``.

This runs on every load of the journal, so it is written for speed: one pass
over each record's fields with a dict lookup and an identity test each
(:func:`_fits`); the slower :func:`_bad_field` explains the first record
that failed.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BadFileError
from .records import RECORD_TYPES, FollowUp

_NONE = type(None)

#: What the items of a list field are.
TEXTS = "texts"  # list[str]
OBJECTS = "objects"  # dicts of a shape given here
VERSIONS = "versions"  # ``history``: earlier versions of the same record

#: The dicts of ``Stakeholder.profile_log`` (see :mod:`journal.changes`).
PROFILE_LOG_ENTRY = {"field": (str,), "date": (str,), "before": (str,)}

#: The dicts of ``Stakeholder.dates`` (see :mod:`journal.important_dates`).
IMPORTANT_DATE = {"label": (str,), "date": (str,), "yearly": (bool,)}


class _ListField:
    """The "usual type" of a list field (see :attr:`Shape.usual`)."""


def _usual(allowed: tuple[type, ...]) -> type:
    if list in allowed:
        return _ListField
    return next((t for t in allowed if t is not _NONE), _NONE)


@dataclass
class Shape:
    """What the fields of one kind of dict may hold."""

    #: Field -> the exact types its value may have.
    types: dict[str, tuple[type, ...]]
    #: List fields -> what their items are, and the items' shape for dicts.
    lists: dict[str, tuple[str, Shape | None]] = field(default_factory=dict)
    #: Field -> the type its value has in nearly every record (the first
    #: allowed one other than None): the fast path's one identity test. List
    #: fields map to :class:`_ListField`, which no value has, so that a list
    #: always takes the path that checks its items.
    usual: dict[str, type] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.usual = {name: _usual(allowed) for name, allowed in self.types.items()}

    def describe(self, name: str) -> str:
        """What the field should hold, in plain words."""
        words: list[str] = []
        for t in self.types[name]:
            if t is list:
                words.append(_LIST_WORDS[self.lists[name][0]])
            else:
                words += _TYPE_WORDS[t]
        return " or ".join(words) if len(words) < 3 else f"{', '.join(words[:-1])} or {words[-1]}"


_TYPE_WORDS = {str: ["text"], int: ["a whole number"], bool: ["true", "false"], _NONE: ["null"]}
_LIST_WORDS = {
    TEXTS: "a list of texts",
    OBJECTS: "a list of objects",
    VERSIONS: "a list of earlier versions",
}


def _allowed(hint: Any, where: str) -> tuple[tuple[type, ...], bool]:
    """The exact types a value of this annotation may have, and whether it is
    a list of texts (as opposed to a list of dicts)."""
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        allowed: list[type] = []
        texts = False
        for arg in typing.get_args(hint):
            more, arg_texts = _allowed(arg, where)
            allowed += more
            texts = texts or arg_texts
        return tuple(allowed), texts
    if hint is None or hint is _NONE:
        return (_NONE,), False
    if hint in (str, bool, int):
        return (hint,), False
    if typing.get_origin(hint) is list:
        [item] = typing.get_args(hint) or (Any,)
        if item is str:
            return (list,), True
        if item is dict or typing.get_origin(item) is dict:
            return (list,), False
    raise TypeError(f"journal.validate cannot check {where}: {hint!r}; add it to the table")


def shape_of(cls: type, items: Mapping[str, tuple[str, Shape | None]] | None = None) -> Shape:
    """The shape of a dataclass's dicts, from its fields' annotations.

    ``items`` gives, for each list-of-dicts field, what its items are
    (``OBJECTS`` with their shape, or ``VERSIONS``)."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, tuple[type, ...]] = {}
    lists: dict[str, tuple[str, Shape | None]] = {}
    for item in dataclasses.fields(cls):
        where = f"{cls.__name__}.{item.name}"
        allowed, texts = _allowed(hints[item.name], where)
        fields[item.name] = allowed
        if list in allowed:
            if set(allowed) - {list, _NONE}:
                raise TypeError(f"journal.validate cannot check {where}: a list or something else")
            if texts:
                lists[item.name] = (TEXTS, None)
            elif items is not None and item.name in items:
                lists[item.name] = items[item.name]
            else:
                raise TypeError(f"journal.validate needs the shape of the items of {where}")
    return Shape(fields, lists)


def _record_shape(cls: type) -> Shape:
    shape = shape_of(
        cls,
        {
            "follow_ups": (OBJECTS, shape_of(FollowUp)),
            "profile_log": (OBJECTS, Shape(dict(PROFILE_LOG_ENTRY))),
            "dates": (OBJECTS, Shape(dict(IMPORTANT_DATE))),
            "history": (VERSIONS, None),
        },
    )
    # The versions in ``history`` have the record's own shape.
    if "history" in shape.lists:
        shape.lists["history"] = (VERSIONS, shape)
    return shape


#: Table -> the shape of its records.
SHAPES: dict[str, Shape] = {table: _record_shape(cls) for table, cls in RECORD_TYPES.items()}


def check_document(path: Path | str, document: Mapping[str, Any]) -> None:
    """Raise :class:`BadFileError` for the first record of a known table that
    is not a dict with a text ``id``, or that has a field holding the wrong
    kind of value. ``document`` is a dict of dicts (see
    :func:`journal.storage.parse_document`, which checks the other tables)."""
    for table_name, shape in SHAPES.items():
        table = document.get(table_name)
        if not table or _fits(table.values(), shape, need_id=True):
            continue
        # Rare, and never on a sound file: find the record and say why.
        for doc_id, record in table.items():
            if type(record) is not dict or type(record.get("id")) is not str:
                raise BadFileError(
                    f"{path} has a damaged record {table_name}/{doc_id}; restore it from a backup.",
                    hint="backups",
                )
            bad = _bad_field(record, shape)
            if bad is not None:
                raise BadFileError(_message(path, table_name, doc_id, record, bad), hint="backups")


def _fits(records: Iterable[Any], shape: Shape, *, need_id: bool = False) -> bool:
    """Whether every one of ``records`` is a dict of this shape (with a text
    ``id`` if ``need_id``: the records of a table, not their follow-ups).

    The fast path, as few steps per field as can be: a field holding its
    usual type costs one dict lookup and one identity test. Other types
    (None, a second allowed type, a list, whose items are checked) look
    further; a record with a field this version does not know is checked by
    :func:`_bad_field`, which follows the same rules and explains a record
    that does not fit."""
    usual = shape.usual
    allowed_for = shape.types
    lists = shape.lists
    for record in records:
        if type(record) is not dict or (need_id and type(record.get("id")) is not str):
            return False
        try:
            for name, value in record.items():
                if type(value) is not usual[name]:
                    kind = type(value)
                    if kind not in allowed_for[name]:
                        return False
                    if kind is list and value:
                        items, item_shape = lists[name]
                        if items is TEXTS:
                            for item in value:
                                if type(item) is not str:
                                    return False
                        elif not _fits(value, item_shape):  # type: ignore[arg-type]
                            return False
        except KeyError:  # a field this version does not know (allowed)
            if _bad_field(record, shape) is not None:
                return False
    return True


@dataclass
class BadField:
    """Where a record goes wrong: the path to the field, what it should
    hold and what it holds."""

    path: list[str]
    expected: str
    found: str


def _bad_field(record: dict[str, Any], shape: Shape) -> BadField | None:
    """Explain the first field of ``record`` that does not fit ``shape``."""
    for name, value in record.items():
        allowed = shape.types.get(name)
        if allowed is None:
            continue  # a field this version does not know: allowed
        if type(value) not in allowed:
            return BadField([name], shape.describe(name), _kind(value))
        if type(value) is not list:
            continue
        items, item_shape = shape.lists[name]
        for index, item in enumerate(value, 1):
            if items == TEXTS:
                if type(item) is not str:
                    return BadField([name], shape.describe(name), f"a list holding {_kind(item)}")
                continue
            if type(item) is not dict:
                return BadField([name], shape.describe(name), f"a list holding {_kind(item)}")
            inner = _bad_field(item, item_shape)  # type: ignore[arg-type]
            if inner is not None:
                label = "version" if items == VERSIONS else "item"
                inner.path[:0] = [name, f"{label} {index}"]
                return inner
    return None


def _message(
    path: Path | str, table: str, doc_id: str, record: dict[str, Any], bad: BadField
) -> str:
    rid = record.get("id")
    if isinstance(rid, str) and rid:
        where = f"{table} {rid[:8]}{'…' if len(rid) > 8 else ''} (entry {doc_id})"
    else:
        where = f"{table} entry {doc_id}"
    # ["history", "version 2", "name"] -> field "name" of history version 2
    name = f'"{bad.path[-1]}"'
    for i in range(len(bad.path) - 3, -1, -2):
        name += f" of {bad.path[i]} {bad.path[i + 1]}"
    return (
        f"{path} has a damaged record: {where} field {name} should be {bad.expected}, "
        f"not {bad.found}; fix it by hand or restore it from a backup."
    )


def _kind(value: Any) -> str:
    """The kind of a JSON value, in plain words."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    return {
        int: "a number",
        float: "a decimal number",
        str: "text",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)
