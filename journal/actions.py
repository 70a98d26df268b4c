"""Every change a user can ask for to the people and their contacts, once.

The command line and the app both come through here: each action takes a
small typed draft (what the user typed, as text where the user types text),
validates it once, writes the new versions, and raises a
:class:`~journal.errors.JournalError` with a one-line reason before anything
is written. No action saves by itself: the face wraps one user action in
``with journal.change():`` and that block ends with one save.

Goals, reflections and the monthly review are in :mod:`journal.coach_actions`;
promises in :mod:`journal.promises`, shares in :mod:`journal.sharing`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from . import rules
from .changes import note_profile_changes
from .dates import parse_cadence, parse_date, parse_due
from .errors import InputError, NotFoundError
from .follow_ups import parse_follow_ups
from .records import KINDS, STAGES, TABLE_INTERACTIONS, TABLE_STAKEHOLDERS, Interaction, Stakeholder
from .rules import described

Raw = dict[str, Any]

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


@dataclass(frozen=True)
class Saved:
    """A written stakeholder, and what the user should know about it."""

    stakeholder: Stakeholder
    #: Set when someone of the same name exists at another organization.
    warning: str | None = None


def _changes(draft: StakeholderDraft, current: Raw) -> Raw:
    """The validated fields of a draft, as stored."""
    changes: Raw = {}
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
    changes = _changes(draft, current)
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
    record = journal.add(Stakeholder(**_changes(draft, {})))
    return Saved(record, warning)


def edit_stakeholder(journal: Any, stakeholder_id: str, draft: StakeholderDraft) -> Saved:
    """Change someone's profile; a tracked field's earlier value is kept
    (:mod:`journal.changes`). Raises when nothing would change."""
    current = _live(journal, stakeholder_id)
    changes = {k: v for k, v in _changes(draft, current).items() if current.get(k) != v}
    if not changes:
        raise InputError("Nothing to change: every field already has that value.")
    warning = check_stakeholder(journal, draft, stakeholder_id)
    changes = note_profile_changes(current, changes, journal.today())
    raw = journal.update(TABLE_STAKEHOLDERS, stakeholder_id, changes)
    return Saved(Stakeholder.from_raw(raw), warning)


def _live(journal: Any, stakeholder_id: str) -> Raw:
    raw = journal.get(TABLE_STAKEHOLDERS, stakeholder_id)
    if raw is None or raw.get("deleted"):
        raise NotFoundError(f"No stakeholder has the id {stakeholder_id}.", hint="names")
    return raw


# -- contacts


@dataclass(frozen=True)
class ContactDraft:
    """A contact (a journal entry) as the user gave it."""

    stakeholders: tuple[str, ...]
    summary: str
    #: ``today``, ``yesterday``, ``3d ago``, a weekday, ``YYYY-MM-DD``.
    on: str = "today"
    time: str | None = None
    channel: str | None = None
    #: An explicit choice; ``None`` lets :func:`journal.rules.is_formal` decide.
    formal: bool | None = None
    personal: bool = False
    #: Follow-ups as typed: ``send the deck@friday``.
    follow_ups: tuple[str, ...] = ()
    minutes: int | None = None
    reaction: str = ""
    needs: str = ""
    expectations: str = ""
    their_view: str = ""
    differently: str = ""
    next_time: str = ""
    shared: str = ""
    new_person: str | None = None
    applied_differently: bool | None = None


def check_contact(draft: ContactDraft, today: dt.date) -> Interaction:
    """The entry a draft makes, validated (nothing is written): a face may
    check what was typed before it opens the journal."""
    summary = draft.summary.strip()
    if not summary:
        raise InputError("Say what happened, in a line or more.")
    if not draft.stakeholders:
        raise InputError("Name at least one stakeholder.", hint="names")
    on = parse_date(draft.on, today)
    if on > today:
        raise InputError(f"{on} is in the future; log contacts that happened (plan follow-ups).")
    if draft.time:
        try:
            dt.time.fromisoformat(draft.time)
        except ValueError:
            raise InputError(f"{draft.time!r} is not a time; use HH:MM, e.g. 14:30.") from None
    if draft.minutes is not None and draft.minutes < 0:
        raise InputError("The minutes spent cannot be negative.")
    formal = rules.is_formal(draft.channel, personal=draft.personal, formal=draft.formal)
    channel = draft.channel.strip().casefold() if draft.channel and draft.channel.strip() else None
    if channel is None:
        channel = rules.DEFAULT_CHANNEL if formal else rules.DEFAULT_INFORMAL_CHANNEL
    texts = {
        f.name: getattr(draft, f.name).strip() for f in fields(ContactDraft) if f.type == "str"
    }
    texts.pop("summary", None)
    texts.pop("on", None)
    return Interaction(
        date=on.isoformat(),
        time=draft.time or None,
        stakeholders=list(dict.fromkeys(draft.stakeholders)),
        formal=formal,
        business=not draft.personal,
        channel=channel,
        summary=summary,
        follow_ups=parse_follow_ups(list(draft.follow_ups), today),
        new_person=draft.new_person is not None,
        new_person_name=(draft.new_person or "").strip(),
        minutes=draft.minutes,
        applied_differently=draft.applied_differently,
        **texts,
    )


def log_contact(journal: Any, draft: ContactDraft) -> Interaction:
    """Log a contact with one or more stakeholders (the full form, `sj log`)."""
    entry = check_contact(draft, journal.today())
    for stakeholder_id in entry.stakeholders:
        _live(journal, stakeholder_id)
    return journal.add(entry)


def quick_log(
    journal: Any, stakeholder_id: str, summary: str, *, formal: bool | None = None
) -> Interaction:
    """A one-line contact today (the app's quick log): the same rule as a full log."""
    return log_contact(
        journal, ContactDraft(stakeholders=(stakeholder_id,), summary=summary, formal=formal)
    )


def edit_contact(journal: Any, entry_id: str, draft: ContactDraft) -> Raw:
    """Replace an entry's fields with a draft's; follow-ups keep their ids
    and their done state when their text is unchanged."""
    current = journal.get(TABLE_INTERACTIONS, entry_id)
    if current is None or current.get("deleted"):
        raise NotFoundError(f"No journal entry has the id {entry_id}.", hint="entries")
    entry = check_contact(draft, journal.today())
    for stakeholder_id in entry.stakeholders:
        _live(journal, stakeholder_id)
    new = entry.to_raw()
    new["follow_ups"] = parse_follow_ups(
        list(draft.follow_ups), journal.today(), current.get("follow_ups") or []
    )
    skip = {"id", "created_at", "updated_at", "device", "history", "superseded", "deleted"}
    changes = {k: v for k, v in new.items() if k not in skip and current.get(k) != v}
    if not changes:
        raise InputError("Nothing to change: the entry already says that.")
    return journal.update(TABLE_INTERACTIONS, entry_id, changes)


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


@dataclass(frozen=True)
class FollowUpItem:
    entry: Raw
    item: Raw


def find_follow_up(journal: Any, prefix: str, *, done: bool | None = False) -> FollowUpItem:
    """The one follow-up whose id starts with ``prefix`` (4 characters or more);
    ``done`` limits the search to open (False) or done (True) ones."""
    key = prefix.strip().casefold()
    if len(key) < 4:
        raise InputError("Give at least 4 characters of the follow-up id.", hint="follow-ups")
    hits = [
        FollowUpItem(entry, item)
        for entry in journal.records(TABLE_INTERACTIONS)
        for item in entry.get("follow_ups") or ()
        if str(item.get("id", "")).startswith(key)
        and (done is None or bool(item.get("done")) == done)
    ]
    if not hits:
        which = {False: "open follow-up", True: "done follow-up", None: "follow-up"}[done]
        raise NotFoundError(f"No {which} has an id starting with {key!r}.", hint="follow-ups")
    if len(hits) > 1:
        raise InputError(f"{key!r} matches {len(hits)} follow-ups; give more of the id.")
    return hits[0]


def set_follow_up_done(journal: Any, entry_id: str, item_id: str, done: bool = True) -> Raw:
    """Mark one follow-up done (or open again); the entry's other follow-ups stay."""
    entry = journal.get(TABLE_INTERACTIONS, entry_id)
    items = list((entry or {}).get("follow_ups") or ())
    if not any(i.get("id") == item_id for i in items):
        raise NotFoundError(f"No follow-up has the id {item_id}.", hint="follow-ups")
    items = [dict(i, done=done) if i.get("id") == item_id else i for i in items]
    updated = journal.update(TABLE_INTERACTIONS, entry_id, {"follow_ups": items})
    return next(i for i in updated["follow_ups"] if i.get("id") == item_id)


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
    journal.restore(table, record_id)
    what = raw.get("name") or raw.get("summary", "").split("\n")[0] or raw.get("date", "")
    return Deleted(table, record_id, what, restored=True)


def find_entry(journal: Any, key: str, *, deleted: bool = False) -> Raw:
    """A journal entry by its id or an id prefix of 6 characters or more
    (``deleted``: among the deleted ones, to bring one back)."""
    text = key.strip().casefold()
    if len(text) < 6:
        raise InputError("Give at least 6 characters of the entry id.", hint="entries")
    hits = [
        r
        for r in journal.records(TABLE_INTERACTIONS, include_deleted=True)
        if str(r.get("id", "")).startswith(text) and bool(r.get("deleted")) == deleted
    ]
    if not hits:
        which = "deleted journal entry" if deleted else "journal entry"
        raise NotFoundError(f"No {which} has an id starting with {text!r}.", hint="entries")
    if len(hits) > 1:
        raise InputError(f"{text!r} matches {len(hits)} entries; give more of the id.")
    return hits[0]


def draft_of(entry: Raw, **changes: Any) -> ContactDraft:
    """A draft holding an entry as it is, with some fields changed: what an
    edit of a few fields starts from."""
    values: dict[str, Any] = {
        f.name: entry.get(f.name)
        for f in fields(ContactDraft)
        if f.name not in ("on", "follow_ups", "new_person", "stakeholders", "personal")
        and entry.get(f.name) is not None
    }
    values["on"] = entry.get("date", "today")
    values["stakeholders"] = tuple(entry.get("stakeholders") or ())
    values["personal"] = entry.get("business") is False
    values["follow_ups"] = tuple(
        f"{i['text']}@{i['due']}" if i.get("due") else i.get("text", "")
        for i in entry.get("follow_ups") or ()
        if not i.get("done")
    )
    if entry.get("new_person"):
        values["new_person"] = entry.get("new_person_name", "")
    values.update(changes)
    return ContactDraft(**values)
