"""The pre-contact brief: what to have in mind before talking to someone.

Everything comes from the stakeholder's profile, their entries (through the
journal's per-stakeholder index, newest first, stopping as soon as each note
is found), their promises and their open follow-ups.

After a contact is logged, :func:`differently_to_check` finds last time's
"do differently" note so a front end can ask whether it was applied, and
:func:`record_applied` stores the answer on the new entry
(``applied_differently``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import changes, important_dates, promises
from .errors import InputError
from .records import TABLE_INTERACTIONS


@dataclass(frozen=True, slots=True)
class Note:
    """A piece of text taken from one journal entry."""

    text: str
    date: str
    interaction_id: str


@dataclass(frozen=True, slots=True)
class LastContact:
    """The latest entry with this stakeholder."""

    id: str
    date: str
    channel: str
    formal: bool
    business: bool
    headline: str
    reaction: str


@dataclass(frozen=True, slots=True)
class OpenFollowUp:
    """A follow-up not done yet."""

    id: str
    text: str
    due: str | None
    interaction_id: str
    date: str


@dataclass(frozen=True)
class Brief:
    """What to know before the next contact with one stakeholder."""

    id: str
    name: str
    organization: str
    role: str
    key: bool
    focus: bool
    last_contact: LastContact | None
    #: Latest "how they reacted" (may be older than the last contact).
    reaction: Note | None
    differently: Note | None
    next_time: Note | None
    my_promises: list[promises.PromiseItem] = field(default_factory=list)
    their_promises: list[promises.PromiseItem] = field(default_factory=list)
    critical_issues: str = ""
    values: str = ""
    personal: str = ""
    mandate_direction: str = ""
    assumptions: str = ""
    #: Date of the last non-business conversation, if any.
    last_personal: str | None = None
    follow_ups: list[OpenFollowUp] = field(default_factory=list)
    #: The role change since the last contact, if one is known.
    role_change: changes.FieldChange | None = None
    #: A suggestion for a non-business opening, or "" when nothing is known.
    opener: str = ""
    #: Important dates, soonest next first: ``birthday 04-15, yearly (next in 3d)``.
    dates: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``--json`` output."""

        def note(n: Note | None) -> dict[str, Any] | None:
            return None if n is None else {"text": n.text, "date": n.date, "id": n.interaction_id}

        last = self.last_contact
        return {
            "id": self.id,
            "name": self.name,
            "organization": self.organization,
            "role": self.role,
            "key": self.key,
            "focus": self.focus,
            "last_contact": None
            if last is None
            else {
                "id": last.id,
                "date": last.date,
                "channel": last.channel,
                "formal": last.formal,
                "business": last.business,
                "headline": last.headline,
                "reaction": last.reaction,
            },
            "reaction": note(self.reaction),
            "differently": note(self.differently),
            "next_time": note(self.next_time),
            "my_promises": [p.to_json() for p in self.my_promises],
            "their_promises": [p.to_json() for p in self.their_promises],
            "critical_issues": self.critical_issues,
            "values": self.values,
            "personal": self.personal,
            "mandate_direction": self.mandate_direction,
            "assumptions": self.assumptions,
            "last_personal": self.last_personal,
            "follow_ups": [
                {"id": f.id, "text": f.text, "due": f.due, "interaction": f.interaction_id}
                for f in self.follow_ups
            ],
            "role_change": None
            if self.role_change is None
            else {"date": self.role_change.date, "before": self.role_change.before},
            "opener": self.opener,
            "dates": self.dates,
        }


def _latest_note(entries: list[dict[str, Any]], name: str) -> Note | None:
    for entry in entries:
        text = (entry.get(name) or "").strip()
        if text:
            return Note(text, entry.get("date", ""), entry.get("id", ""))
    return None


def _opener(personal: str, last_personal: str | None, today: dt.date) -> str:
    # Offered in the project's words: a nudge, not a script.
    interests = " ".join(personal.split())
    if interests:
        return f"Something outside work to open with: {interests}"
    if last_personal is None:
        return "You know little about them outside work: ask what keeps them busy lately."
    return ""


def build_brief(journal: Any, stakeholder_id: str, *, today: dt.date | None = None) -> Brief:
    """The brief for one stakeholder (by id)."""
    today = today or journal.today()
    who = journal.stakeholder(stakeholder_id)
    raw = journal.get("stakeholders", who.id) or {}
    entries = journal.interactions_of(who.id)
    last = None
    if entries:
        e = entries[0]
        last = LastContact(
            id=e.get("id", ""),
            date=e.get("date", ""),
            channel=e.get("channel", ""),
            formal=e.get("formal", True) is not False,
            business=e.get("business", True) is not False,
            headline=(e.get("summary") or "").split("\n", 1)[0],
            reaction=(e.get("reaction") or "").strip(),
        )
    last_personal = next((e.get("date") for e in entries if e.get("business", True) is False), None)
    items = promises.list_promises(journal, stakeholder_id=who.id, today=today)
    follow_ups = [
        OpenFollowUp(
            id=item.get("id", ""),
            text=item.get("text", ""),
            due=item.get("due"),
            interaction_id=entry.get("id", ""),
            date=entry.get("date", ""),
        )
        for entry, item in journal.open_follow_ups(who.id)
    ]
    return Brief(
        id=who.id,
        name=who.name,
        organization=who.organization,
        role=who.role,
        key=who.key,
        focus=who.focus,
        last_contact=last,
        reaction=_latest_note(entries, "reaction"),
        differently=_latest_note(entries, "differently"),
        next_time=_latest_note(entries, "next_time"),
        my_promises=[p for p in items if not p.theirs],
        their_promises=[p for p in items if p.theirs],
        critical_issues=who.critical_issues,
        values=who.values,
        personal=who.personal,
        mandate_direction=who.mandate_direction,
        assumptions=who.assumptions,
        last_personal=last_personal,
        follow_ups=follow_ups,
        role_change=changes.changed_since(raw, "role", last.date) if last else None,
        opener=_opener(who.personal, last_personal, today),
        dates=_dates(who.dates, today),
    )


def _dates(dates: list[dict[str, Any]], today: dt.date) -> list[str]:
    """Coming dates first (soonest first), then the past one-off ones."""
    coming = important_dates.upcoming(dates, today, within=366)
    past = [d for d in dates if all(d is not item for _day, item in coming)]
    return [important_dates.describe(d, today) for d in [*(i for _d, i in coming), *past]]


def differently_to_check(journal: Any, interaction_id: str) -> Note | None:
    """Last time's "do differently" note to ask about after logging the entry
    ``interaction_id``: the latest earlier entry (same stakeholders, dated on
    or before it) with such a note. None when there is none, or when the entry
    already has an answer."""
    entry = journal.get(TABLE_INTERACTIONS, interaction_id)
    if entry is None or entry.get("applied_differently") is not None:
        return None
    best: Note | None = None
    for sid in entry.get("stakeholders") or ():
        for other in journal.interactions_of(sid):
            if other.get("id") == interaction_id or other.get("date", "") > entry.get("date", ""):
                continue
            text = (other.get("differently") or "").strip()
            if text:
                if best is None or other.get("date", "") > best.date:
                    best = Note(text, other.get("date", ""), other.get("id", ""))
                break
    return best


def record_applied(journal: Any, interaction_id: str, applied: bool, *, save: bool = True) -> None:
    """Store whether last time's "do differently" was applied in this entry
    (``save=False``: the caller saves)."""
    if not isinstance(applied, bool):
        raise InputError("Answer yes or no: was last time's plan applied?")
    journal.update(TABLE_INTERACTIONS, interaction_id, {"applied_differently": applied}, save=save)
