"""The journal's records as plain dataclasses, and their raw (JSON) form.

Every record is stored in its table as a plain dict whose keys are the
dataclass field names below. The raw form is what the storage caches, merges
and writes; dataclasses are built only for the few records a screen or a
command actually shows, never for the whole journal.

Common fields (on every record):

- ``id``: a UUID4 hex string, the record's identity across devices.
- ``created_at`` / ``updated_at``: UTC instants, ``YYYY-MM-DDTHH:MM:SS.ffffffZ``
  (fixed width, so they compare correctly as strings). ``updated_at`` is a
  hybrid-logical-clock stamp (see :mod:`journal.hlc`).
- ``device``: the id of the device that wrote this version.
- ``superseded``: keys (``updated_at|device``) of every earlier version this
  record's versions were edited from; tells an ancestor (dropped on merge)
  from a concurrent edit (kept in ``history``). See :mod:`journal.merge`.
- ``deleted``: tombstone flag; a deleted record keeps its content.
- ``history``: earlier versions that lost a concurrent edit (dicts without their
  own ``history``), so nothing a user wrote is ever dropped.

The numerous tables (interactions, reflections) store a version without its
empty fields: see :mod:`journal.sparse`.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

#: Version of the file layout; a file with a greater one opens read-only.
SCHEMA_VERSION = 1

TABLE_STAKEHOLDERS = "stakeholders"
TABLE_INTERACTIONS = "interactions"
TABLE_REFLECTIONS = "reflections"
TABLE_GOALS = "goals"
TABLE_PROMISES = "promises"
TABLE_SHARES = "shares"
TABLE_META = "_meta"

#: Tables holding user records (everything but ``_meta``), in file order.
RECORD_TABLES = (
    TABLE_STAKEHOLDERS,
    TABLE_INTERACTIONS,
    TABLE_REFLECTIONS,
    TABLE_GOALS,
    TABLE_PROMISES,
    TABLE_SHARES,
)

KINDS = ("person", "organization", "group", "association")
STAGES = ("prospect", "new", "active", "partner", "dormant")
CHANNELS = (
    "meeting",
    "call",
    "email",
    "message",
    "coffee",
    "lunch",
    "event",
    "conference",
    "seminar",
    "social",
    "visit",
    "other",
)
#: Channels that count as attending an event for goals and reviews.
EVENT_CHANNELS = frozenset({"event", "conference", "seminar", "lunch-event", "forum"})

#: Fields every record carries; not part of the user-visible content.
SYSTEM_FIELDS = (
    "id",
    "created_at",
    "updated_at",
    "device",
    "superseded",
    "deleted",
    "history",
)


def new_id() -> str:
    """A fresh record id (UUID4, 32 hex digits): ``uuid.uuid4().hex``
    without building the UUID object (an import draws thousands)."""
    data = bytearray(os.urandom(16))
    data[6] = data[6] & 0x0F | 0x40  # version 4
    data[8] = data[8] & 0x3F | 0x80  # the RFC 4122 variant
    return data.hex()


def _copied(value: Any) -> Any:
    kind = type(value)
    if kind is list:
        return [_copied(v) for v in value]
    if kind is dict:
        return {k: _copied(v) for k, v in value.items()}
    if kind is tuple:
        return tuple(_copied(v) for v in value)
    if kind not in _PLAIN and dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    return value


_PLAIN = frozenset({str, int, bool, float, type(None)})


@dataclass(kw_only=True)
class Record:
    """Fields shared by every record."""

    table: ClassVar[str] = ""

    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""
    device: str = ""
    superseded: list[str] = field(default_factory=list)
    deleted: bool = False
    history: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> Self:
        """Build a record from its stored dict, ignoring unknown keys (newer
        minor versions may add fields) and filling missing ones with defaults."""
        names = cls._field_names()
        return cls(**{k: v for k, v in raw.items() if k in names})

    def to_raw(self) -> dict[str, Any]:
        """The stored dict form (a deep copy: safe to mutate). Field values
        are JSON values, so copying lists and dicts is the whole deep copy,
        and several times quicker than ``dataclasses.asdict`` (an import
        writes thousands of records in one change)."""
        plain = _PLAIN
        return {
            name: value if type(value) in plain else _copied(value)
            for name in self._field_order()
            for value in (getattr(self, name),)
        }

    @classmethod
    def new_raw(cls, fields: dict[str, Any]) -> dict[str, Any]:
        """``cls(**fields).to_raw()`` without building the record: the stored
        dict of a new record (an import adds thousands in one change)."""
        template, factories, required = cls._defaults()
        unknown = fields.keys() - template.keys()
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {sorted(unknown)[0]!r}")
        if not fields.keys() >= required:
            raise TypeError(f"{cls.__name__} needs {sorted(required - fields.keys())[0]!r}")
        raw = {**template, **fields}
        for name, factory in factories:
            if name not in fields:
                raw[name] = factory()
        plain = _PLAIN
        for name, value in fields.items():
            if type(value) not in plain:
                raw[name] = _copied(value)
        return raw

    @classmethod
    def _defaults(
        cls,
    ) -> tuple[dict[str, Any], tuple[tuple[str, Any], ...], frozenset[str]]:
        """Each field's default in field order (None where a factory makes
        it), the fields whose default a factory makes, and those without a
        default."""
        cached = cls.__dict__.get("_defaults_cache")
        if cached is None:
            template: dict[str, Any] = {}
            factories, required = [], []
            for f in dataclasses.fields(cls):
                template[f.name] = None if f.default is dataclasses.MISSING else f.default
                if f.default_factory is not dataclasses.MISSING:
                    factories.append((f.name, f.default_factory))
                elif f.default is dataclasses.MISSING:
                    required.append(f.name)
            cached = template, tuple(factories), frozenset(required)
            cls._defaults_cache = cached  # type: ignore[attr-defined]
        return cached

    def content(self) -> dict[str, Any]:
        """The user-visible fields only."""
        raw = self.to_raw()
        for name in SYSTEM_FIELDS:
            raw.pop(name, None)
        return raw

    @classmethod
    def _field_order(cls) -> tuple[str, ...]:
        cached = cls.__dict__.get("_order_cache")
        if cached is None:
            cached = tuple(f.name for f in dataclasses.fields(cls))
            cls._order_cache = cached  # type: ignore[attr-defined]
        return cached

    @classmethod
    def _field_names(cls) -> frozenset[str]:
        cached = cls.__dict__.get("_names_cache")
        if cached is None:
            cached = frozenset(f.name for f in dataclasses.fields(cls))
            cls._names_cache = cached  # type: ignore[attr-defined]
        return cached


@dataclass(kw_only=True)
class Stakeholder(Record):
    """Someone (or some body) the user keeps a relationship with."""

    table: ClassVar[str] = TABLE_STAKEHOLDERS

    name: str
    organization: str = ""
    role: str = ""
    kind: str = "person"
    tags: list[str] = field(default_factory=list)
    #: How often to be in touch, in days; None means no cadence.
    cadence_days: int | None = None
    #: How strategic the relationship is: 1 is the most strategic; None unranked.
    rank: int | None = None
    influence: int | None = None  # 1-5
    interest: int | None = None  # 1-5
    key: bool = False  # key influencer
    stage: str = "active"
    met_how: str = ""
    values: str = ""
    mandate: str = ""
    mandate_direction: str = ""
    critical_issues: str = ""
    assumptions: str = ""
    personal: str = ""
    notes: str = ""
    email: str = ""
    phone: str = ""
    #: ``YYYY-MM-DD``: not due before this date.
    snooze_until: str | None = None
    #: Part of this month's focus set (3-5 relationships to develop).
    focus: bool = False
    #: Earlier values of the tracked profile fields (role, organization,
    #: critical issues, mandate direction), newest last: dicts with ``field``,
    #: ``date`` (ISO, the day of the change) and ``before``. Written by
    #: :func:`journal.changes.note_profile_changes`; see that module.
    profile_log: list[dict[str, Any]] = field(default_factory=list)
    #: Important dates (birthday, term ends...): dicts with ``label``,
    #: ``date`` and ``yearly``; see :mod:`journal.important_dates`.
    dates: list[dict[str, Any]] = field(default_factory=list)
    #: Where the record was imported from and when: ``vcard, 2026-12-07``.
    source: str = ""
    #: Set on the tombstone of a stakeholder folded into another one: the id
    #: of the one that holds them now, and the keys of the versions that were
    #: folded (see :mod:`journal.people_merge`).
    merged_into: str | None = None
    merged_versions: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class FollowUp:
    """Something to do after an interaction."""

    id: str = field(default_factory=new_id)
    text: str = ""
    due: str | None = None  # YYYY-MM-DD
    done: bool = False


@dataclass(kw_only=True)
class Interaction(Record):
    """One contact with one or more stakeholders: a journal entry."""

    table: ClassVar[str] = TABLE_INTERACTIONS

    date: str  # YYYY-MM-DD, local calendar date
    time: str | None = None  # HH:MM
    stakeholders: list[str] = field(default_factory=list)  # stakeholder ids
    formal: bool = True
    business: bool = True  # False: a personal, non-business conversation
    channel: str = "meeting"
    summary: str = ""  # what I said or did (first line is the headline)
    reaction: str = ""  # how they reacted
    needs: str = ""  # needs I anticipated
    expectations: str = ""  # were their expectations met, and how
    their_view: str = ""  # in their shoes: what they felt or thought
    differently: str = ""  # what I would do differently
    next_time: str = ""  # plan for the next contact
    follow_ups: list[dict[str, Any]] = field(default_factory=list)  # FollowUp raw dicts
    shared: str = ""  # information shared with them
    new_person: bool = False  # met someone new
    new_person_name: str = ""
    minutes: int | None = None  # time spent
    #: Whether last contact's "do differently" was applied (None: not asked).
    applied_differently: bool | None = None

    @property
    def headline(self) -> str:
        """First line of the summary."""
        return self.summary.split("\n", 1)[0]


@dataclass(kw_only=True)
class Reflection(Record):
    """An answer to a reflection prompt."""

    table: ClassVar[str] = TABLE_REFLECTIONS

    date: str  # YYYY-MM-DD
    prompt_id: str = ""
    prompt: str = ""  # the prompt's text as it was asked
    answer: str = ""
    stakeholder: str | None = None
    interaction: str | None = None


#: Metrics a counted goal can measure from the journal.
GOAL_METRICS = (
    "informal",  # informal contacts
    "formal",  # formal contacts
    "contacts",  # all contacts
    "new_people",  # new people met
    "events",  # events attended
    "personal",  # non-business conversations
    "shared",  # times information was shared
    "with",  # contacts with one named stakeholder
    "minutes",  # time spent in stakeholder activity
)


@dataclass(kw_only=True)
class Goal(Record):
    """A monthly goal: counted from the journal, or a manual checklist item."""

    table: ClassVar[str] = TABLE_GOALS

    month: str  # YYYY-MM
    text: str = ""
    metric: str | None = None  # one of GOAL_METRICS; None for a manual goal
    target: int = 1
    stakeholder: str | None = None  # for metric "with"
    done: bool = False  # manual goals only
    carried_from: str | None = None  # id of the goal this one continues

    @property
    def manual(self) -> bool:
        return self.metric is None


@dataclass(kw_only=True)
class Promise(Record):
    """A promise between the user and a stakeholder, either way."""

    table: ClassVar[str] = TABLE_PROMISES

    stakeholder: str
    text: str
    due: str | None = None
    theirs: bool = False  # True: they promised me
    done: bool = False
    interaction: str | None = None


@dataclass(kw_only=True)
class Share(Record):
    """A piece of information (article, report, news) shared with stakeholders."""

    table: ClassVar[str] = TABLE_SHARES

    date: str
    title: str
    url: str = ""
    note: str = ""
    stakeholders: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


RECORD_TYPES: dict[str, type[Record]] = {
    cls.table: cls for cls in (Stakeholder, Interaction, Reflection, Goal, Promise, Share)
}
