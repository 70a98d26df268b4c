"""Every change a user can ask for to the people and their contacts, once.

The command line and the app both come through here: each action takes a
small typed draft (what the user typed, as text where the user types text),
validates it once, writes the new versions, and raises a
:class:`~journal.errors.JournalError` with a one-line reason before anything
is written. No action saves by itself: the face wraps one user action in
``with journal.change():`` and that block ends with one save.

Contacts (journal entries) and their follow-ups are in
:mod:`journal.contact_actions`, and reached from here too; goals,
reflections and the monthly review are in :mod:`journal.coach_actions`;
promises in :mod:`journal.promises`, shares in :mod:`journal.sharing`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import important_dates, rules
from .changes import note_profile_changes
from .contact_actions import (
    ContactDraft,
    FollowUpItem,
    _live,
    check_contact,
    draft_of,
    edit_contact,
    find_entry,
    find_follow_up,
    log_contact,
    quick_log,
    set_follow_up_done,
)
from .dates import parse_cadence, parse_due
from .errors import InputError, NotFoundError
from .records import KINDS, STAGES, TABLE_STAKEHOLDERS, Stakeholder
from .rules import described

Raw = dict[str, Any]

__all__ = [
    "CLEAR_SNOOZE",
    "ContactDraft",
    "DateSet",
    "Deleted",
    "FollowUpItem",
    "Saved",
    "Snoozed",
    "StakeholderDraft",
    "add_stakeholder",
    "check_contact",
    "check_stakeholder",
    "delete",
    "draft_of",
    "edit_contact",
    "edit_stakeholder",
    "find_entry",
    "find_follow_up",
    "log_contact",
    "quick_log",
    "remove_date",
    "restore",
    "set_date",
    "set_follow_up_done",
    "snooze",
]

#: Free-text profile fields a draft carries as typed.
PROFILE_TEXT = (
    "organization",
    "role",
    "met_how",
    "values",
    "mandate",
    "mandate_direction",
    "critical_issues",
    "assumptions",
    "personal",
    "notes",
    "email",
    "phone",
)


@dataclass(frozen=True)
class StakeholderDraft:
    """A stakeholder's fields as the user gave them; ``None`` is "not given"
    (an edit leaves it unchanged, an add takes the default)."""

    name: str | None = None
    organization: str | None = None
    role: str | None = None
    kind: str | None = None
    stage: str | None = None
    #: ``2w``, ``monthly``, ``none``... (``""`` or ``none``: no cadence), or days.
    every: str | int | None = None
    rank: int | str | None = None
    influence: int | str | None = None
    interest: int | str | None = None
    key: bool | None = None
    #: The whole set of tags (replaces them); or tags to add and to remove.
    tags: tuple[str, ...] | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    met_how: str | None = None
    values: str | None = None
    mandate: str | None = None
    mandate_direction: str | None = None
    critical_issues: str | None = None
    assumptions: str | None = None
    personal: str | None = None
    notes: str | None = None
    email: str | None = None
    phone: str | None = None
    #: The whole list of important dates as one line (``birthday: 04-15
    #: yearly; term ends: 2027-06-30``); see :mod:`journal.important_dates`.
    dates: str | None = None


@dataclass(frozen=True)
class Saved:
    """A written stakeholder, and what the user should know about it."""

    stakeholder: Stakeholder
    #: Set when someone of the same name exists at another organization.
    warning: str | None = None


def _changes(draft: StakeholderDraft, current: Raw, today: dt.date) -> Raw:
    """The validated fields of a draft, as stored."""
    changes: Raw = {}
    if draft.dates is not None:
        changes["dates"] = important_dates.parse_dates(draft.dates, today)
    if draft.name is not None:
        name = " ".join(draft.name.split())
        if not name:
            raise InputError("A stakeholder needs a name: the person's or the body's.")
        changes["name"] = name
    for name in PROFILE_TEXT:
        value = getattr(draft, name)
        if value is not None:
            changes[name] = value.strip()
    for name, allowed in (("kind", KINDS), ("stage", STAGES)):
        value = getattr(draft, name)
        if value is not None:
            if value not in allowed:
                raise InputError(
                    f"{name.capitalize()} is one of {', '.join(allowed)}, not {value!r}."
                )
            changes[name] = value
    if isinstance(draft.every, int):
        changes["cadence_days"] = draft.every if draft.every > 0 else None
    elif draft.every is not None:
        changes["cadence_days"] = parse_cadence(draft.every) if draft.every.strip() else None
    for name, check in (
        ("rank", rules.rank),
        ("influence", lambda v: rules.score(v, "Influence")),
        ("interest", lambda v: rules.score(v, "Interest")),
    ):
        value = getattr(draft, name)
        if value is not None:
            try:
                changes[name] = check(value)
            except InputError as exc:
                raise InputError(str(exc), field=name) from None
    if draft.key is not None:
        changes["key"] = draft.key
    if draft.tags is None and not draft.add_tags and not draft.remove_tags:
        return changes  # tags not given: left as they are, in their order
    tags = set(rules.normal_tags(current.get("tags") or ()))
    if draft.tags is not None:
        tags = set(rules.normal_tags(draft.tags))
    tags |= set(rules.normal_tags(draft.add_tags))
    tags -= set(rules.normal_tags(draft.remove_tags))
    if sorted(tags) != list(current.get("tags") or ()):
        changes["tags"] = sorted(tags)
    return changes


def _check_identity(journal: Any, name: str, organization: str, skip: str = "") -> str | None:
    """Refuse a second record of the same person; warn of a namesake elsewhere."""
    same, namesakes = rules.same_name(
        name, organization, journal.records(TABLE_STAKEHOLDERS), skip=skip
    )
    if same is not None:
        raise InputError(
            f"{described(same)} is already in the journal: change that record.", field="name"
        )
    if namesakes:
        others = "; ".join(described(r) for r in namesakes[:3])
        return f"Also in the journal under the same name: {others}."
    return None


def check_stakeholder(
    journal: Any, draft: StakeholderDraft, stakeholder_id: str = ""
) -> str | None:
    """Validate a draft without writing (a form checks before it closes):
    raises what :func:`add_stakeholder` or :func:`edit_stakeholder` would,
    returns the namesake warning they would give."""
    current = _live(journal, stakeholder_id) if stakeholder_id else {}
    if not stakeholder_id and draft.name is None:
        raise InputError("A stakeholder needs a name: the person's or the body's.", field="name")
    changes = _changes(draft, current, journal.today())
    if stakeholder_id and not ({"name", "organization"} & changes.keys()):
        return None
    return _check_identity(
        journal,
        changes.get("name", current.get("name", "")),
        changes.get("organization", current.get("organization", "")),
        skip=stakeholder_id,
    )


def add_stakeholder(journal: Any, draft: StakeholderDraft) -> Saved:
    """Add someone; the same name and organization twice is refused."""
    warning = check_stakeholder(journal, draft)
    record = journal.add(Stakeholder(**_changes(draft, {}, journal.today())))
    return Saved(record, warning)


def edit_stakeholder(journal: Any, stakeholder_id: str, draft: StakeholderDraft) -> Saved:
    """Change someone's profile; a tracked field's earlier value is kept
    (:mod:`journal.changes`). Raises when nothing would change."""
    current = _live(journal, stakeholder_id)
    changes = {
        k: v for k, v in _changes(draft, current, journal.today()).items() if current.get(k) != v
    }
    if not changes:
        raise InputError("Nothing to change: every field already has that value.")
    warning = check_stakeholder(journal, draft, stakeholder_id)
    changes = note_profile_changes(current, changes, journal.today())
    raw = journal.update(TABLE_STAKEHOLDERS, stakeholder_id, changes)
    return Saved(Stakeholder.from_raw(raw), warning)


# -- important dates


@dataclass(frozen=True)
class DateSet:
    name: str
    #: The date as kept; None when removed.
    item: Raw | None
    #: The date it replaced (same label), if any.
    replaced: Raw | None = None


def set_date(
    journal: Any, stakeholder_id: str, label: str, date: str, *, yearly: bool = False
) -> DateSet:
    """Add an important date, or change the one of the same label."""
    raw = _live(journal, stakeholder_id)
    item = important_dates.make_date(label, date, journal.today(), yearly=yearly)
    current = list(raw.get("dates") or ())
    key = item["label"].casefold()
    replaced = next((d for d in current if str(d.get("label", "")).casefold() == key), None)
    if replaced == item:
        raise InputError(f"{raw.get('name', '')} already has that {item['label']} date.")
    dates = important_dates.with_date(current, item)
    journal.update(TABLE_STAKEHOLDERS, stakeholder_id, {"dates": dates})
    return DateSet(raw.get("name", ""), item, replaced)


def remove_date(journal: Any, stakeholder_id: str, label: str) -> DateSet:
    raw = _live(journal, stakeholder_id)
    current = list(raw.get("dates") or ())
    dates = important_dates.without_date(current, label)
    gone = next(d for d in current if d not in dates)
    journal.update(TABLE_STAKEHOLDERS, stakeholder_id, {"dates": dates})
    return DateSet(raw.get("name", ""), None, gone)


# -- snooze, follow-ups, deletion

#: What clears a snooze when typed as its date.
CLEAR_SNOOZE = frozenset({"", "none", "clear", "off"})


@dataclass(frozen=True)
class Snoozed:
    name: str
    #: The ISO day it lasts until; None when cleared.
    until: str | None
    #: What still makes them due before then (a snooze quiets only the
    #: routine contact): ``a promise due 2026-11-25``.
    still_due: str | None = None


def snooze(journal: Any, stakeholder_id: str, until: str) -> Snoozed:
    """Not due before ``until`` (``in 2w``, ``friday``, a date); ``none``
    (or nothing) clears the snooze. A weekday is the next one."""
    raw = _live(journal, stakeholder_id)
    today = journal.today()
    if until.strip().casefold() in CLEAR_SNOOZE:
        day = None
    else:
        day = parse_due(until, today)
        if day <= today:
            raise InputError(f"{day} is not after today: snooze to a later date, e.g. in 2w.")
    value = day.isoformat() if day else None
    journal.update(TABLE_STAKEHOLDERS, stakeholder_id, {"snooze_until": value})
    sooner = sorted(
        (date, what)
        for what, date in journal.obligations().get(stakeholder_id, ())
        if value and date < value
    )
    still = f"a {sooner[0][1]} due {sooner[0][0]}" if sooner else None
    return Snoozed(raw.get("name", ""), value, still)


@dataclass
class Deleted:
    table: str
    record_id: str
    what: str
    restored: bool = field(default=False)


def delete(journal: Any, table: str, record_id: str) -> Deleted:
    """Delete a record (a tombstone that keeps its content): :func:`restore`
    brings it back."""
    raw = journal.get(table, record_id)
    if raw is None or raw.get("deleted"):
        raise NotFoundError(f"Nothing to delete: no record has the id {record_id}.")
    journal.delete(table, record_id)
    what = raw.get("name") or raw.get("summary", "").split("\n")[0] or raw.get("date", "")
    return Deleted(table, record_id, what)


def restore(journal: Any, table: str, record_id: str) -> Deleted:
    raw = journal.get(table, record_id)
    if raw is None or not raw.get("deleted"):
        raise NotFoundError(f"Nothing to bring back: no deleted record has the id {record_id}.")
    if raw.get("merged_into"):
        into = journal.get(table, raw["merged_into"]) or {}
        raise InputError(
            f"{raw.get('name', '')} was merged into {into.get('name', 'another stakeholder')}, "
            "who holds their entries now."
        )
    journal.restore(table, record_id)
    what = raw.get("name") or raw.get("summary", "").split("\n")[0] or raw.get("date", "")
    return Deleted(table, record_id, what, restored=True)
