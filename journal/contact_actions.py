"""Contacts (journal entries) and their follow-ups, once for every face:
log one (the full form, ``sj log``, the quick log), edit it, find it, and
mark a follow-up done or open again. Reached through :mod:`journal.actions`,
the one door for every change; like it, nothing here saves by itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from . import rules
from .dates import parse_date
from .errors import InputError, NotFoundError
from .follow_ups import parse_follow_ups
from .records import TABLE_INTERACTIONS, TABLE_STAKEHOLDERS, Interaction
from .resolve import by_id_prefix

Raw = dict[str, Any]


def _live(journal: Any, stakeholder_id: str) -> Raw:
    raw = journal.get(TABLE_STAKEHOLDERS, stakeholder_id)
    if raw is None or raw.get("deleted"):
        raise NotFoundError(f"No stakeholder has the id {stakeholder_id}.", hint="names")
    return raw


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
    journal: Any,
    stakeholder_id: str,
    summary: str,
    *,
    formal: bool | None = None,
    on: str = "today",
) -> Interaction:
    """A one-line contact (the app's quick log), today unless ``on`` says
    otherwise: the same rules as a full log."""
    return log_contact(
        journal,
        ContactDraft(stakeholders=(stakeholder_id,), summary=summary, formal=formal, on=on),
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


def find_entry(journal: Any, key: str, *, deleted: bool = False) -> Raw:
    """A journal entry by its id or an id prefix of 6 characters or more
    (``deleted``: among the deleted ones, to bring one back)."""
    return by_id_prefix(
        (
            r
            for r in journal.records(TABLE_INTERACTIONS, include_deleted=True)
            if bool(r.get("deleted")) == deleted
        ),
        key,
        what="deleted journal entry" if deleted else "journal entry",
        plural="entries",
        hint="entries",
        min_length=6,
    )


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
