"""Who is due for a contact: the cadence of each relationship.

A stakeholder with a cadence is due ``cadence_days`` after the last contact;
someone never contacted is due from the day they were added. A snooze pushes
that contact date later. An open obligation (a promise I made, a follow-up
with a due date) is a second clock: it can make someone due earlier, even
past a snooze. The two clocks stay apart (``contact_due`` and ``due``) and
``reasons`` says which one speaks: ``promise 3d late``, ``contact due today``.

Everything works on the raw record dicts. ``last_contacts`` runs over every
interaction, so it compares ISO date strings and never parses them; only the
few hundred stakeholder dates are parsed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .dates import stored_date
from .rules import name_order

OVERDUE = "overdue"
DUE_SOON = "due-soon"
OK = "ok"
NO_CADENCE = "no-cadence"

#: Every state, most urgent first.
STATES = (OVERDUE, DUE_SOON, OK, NO_CADENCE)


def last_contacts(interactions: Iterable[dict[str, Any]]) -> dict[str, str]:
    """The latest interaction date (``YYYY-MM-DD``) of each stakeholder id.

    One pass over raw interaction dicts; deleted ones are skipped and an
    interaction with several stakeholders counts for each of them.
    """
    latest: dict[str, str] = {}
    get = latest.get
    for record in interactions:
        if record.get("deleted"):
            continue
        date = record.get("date")
        if not date:
            continue
        for sid in record.get("stakeholders") or ():
            # Fixed-width ISO dates order correctly as strings.
            if date > get(sid, ""):
                latest[sid] = date
    return latest


@dataclass(frozen=True, slots=True)
class CadenceInfo:
    """Where one relationship stands against its cadence."""

    id: str
    name: str
    cadence_days: int | None
    last_contact: str | None
    due: str | None
    days_overdue: int
    days_until: int | None
    state: str
    #: The routine clock alone: cadence after the last contact, and the snooze.
    contact_due: str | None = None
    contact_state: str = NO_CADENCE
    #: What makes them due or late, most urgent first; empty when nothing is.
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``--json`` output and scripts."""
        return {
            "id": self.id,
            "name": self.name,
            "cadence_days": self.cadence_days,
            "last_contact": self.last_contact,
            "due": self.due,
            "days_overdue": self.days_overdue,
            "days_until": self.days_until,
            "state": self.state,
            "contact_due": self.contact_due,
            "contact_state": self.contact_state,
            "reasons": list(self.reasons),
        }


def _cadence(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    return value


def _due_date(
    stakeholder: dict[str, Any], last: str | None, cadence: int | None, today: dt.date
) -> dt.date | None:
    if cadence is None:
        return None
    last_date = stored_date(last)
    if last_date is not None:
        due = last_date + dt.timedelta(days=cadence)
    else:
        # Never contacted: they were added to be contacted, so the first
        # contact is due from the day they were added (today if unstamped,
        # or if the stamp is ahead of today: another machine's fast clock,
        # or a fixed SJ_TODAY in a demo).
        added = stored_date(stakeholder.get("created_at"))
        due = added if added is not None and added < today else today
    snooze = stored_date(stakeholder.get("snooze_until"))
    if snooze is not None and snooze > due:
        due = snooze
    return due


def compute_cadence(
    stakeholders: Iterable[dict[str, Any]],
    last_contact: Mapping[str, str],
    today: dt.date,
    window: int = 3,
    extra_due: Mapping[str, str | Sequence[tuple[str, str]]] | None = None,
) -> list[CadenceInfo]:
    """The cadence state of every live stakeholder, in input order.

    ``last_contact`` comes from :func:`last_contacts`. ``window`` is how many
    days ahead count as due soon. ``extra_due`` maps a stakeholder id to what
    else falls due: ``(what, ISO date)`` pairs (``("promise", "2026-11-25")``),
    or one ISO date of a promise. The earliest pulls the due date earlier,
    even past a snooze, and makes a stakeholder without a cadence due then.
    """
    extra_due = extra_due or {}
    soon = today + dt.timedelta(days=window)

    def state_of(day: dt.date | None) -> str:
        if day is None:
            return NO_CADENCE
        return OVERDUE if day < today else DUE_SOON if day <= soon else OK

    infos: list[CadenceInfo] = []
    for stakeholder in stakeholders:
        if stakeholder.get("deleted"):
            continue
        sid = stakeholder.get("id", "")
        cadence = _cadence(stakeholder.get("cadence_days"))
        last = last_contact.get(sid)
        contact_due = due = _due_date(stakeholder, last, cadence, today)
        clocks = [("contact", contact_due)] if contact_due is not None else []
        clocks += _obligations(extra_due.get(sid))
        # Applied after the snooze on purpose: a snooze quiets the routine
        # check-in, not a promise that falls due.
        for _what, day in clocks:
            if due is None or day < due:
                due = day
        if due is None:
            days_until, days_overdue = None, 0
        else:
            days_until = (due - today).days
            days_overdue = max(0, -days_until)
        reasons = _reasons(clocks, today, soon)
        infos.append(
            CadenceInfo(
                id=sid,
                name=stakeholder.get("name", ""),
                cadence_days=cadence,
                last_contact=last,
                due=due.isoformat() if due else None,
                days_overdue=days_overdue,
                days_until=days_until,
                state=state_of(due),
                contact_due=contact_due.isoformat() if contact_due else None,
                contact_state=state_of(contact_due),
                reasons=reasons,
            )
        )
    return infos


def _obligations(value: str | Sequence[tuple[str, str]] | None) -> list[tuple[str, dt.date]]:
    pairs = [("promise", value)] if isinstance(value, str) else list(value or ())
    return [(what, day) for what, text in pairs if (day := stored_date(text)) is not None]


def _reasons(clocks: list[tuple[str, dt.date]], today: dt.date, soon: dt.date) -> tuple[str, ...]:
    """One reason per kind of clock, its most urgent, most urgent kind first:
    ``follow-up 18d late, 2 more`` rather than a line of every follow-up."""
    by_kind: dict[str, list[dt.date]] = {}
    for what, day in sorted(clocks, key=lambda clock: clock[1]):
        if day <= soon:
            by_kind.setdefault(what, []).append(day)
    return tuple(
        _reason(what, days[0], today) + (f", {len(days) - 1} more" if len(days) > 1 else "")
        for what, days in by_kind.items()
    )


def _reason(what: str, day: dt.date, today: dt.date) -> str:
    """``promise 3d late``, ``follow-up due today``, ``contact due in 2d``."""
    days = (day - today).days
    if days < 0:
        return f"{what} {-days}d late"
    return f"{what} due today" if days == 0 else f"{what} due in {days}d"


def sort_by_urgency(infos: Iterable[CadenceInfo]) -> list[CadenceInfo]:
    """Most overdue first, then due soonest, then the rest by due date, then
    those without a due date by name."""

    def urgency(info: CadenceInfo) -> tuple[int, str, str, str]:
        # An earlier due date is always the more urgent one, so one ordering
        # by due date covers overdue, due soon and ok alike.
        if info.due is None:
            return (1, "", name_order(info.name), info.id)
        return (0, info.due, name_order(info.name), info.id)

    return sorted(infos, key=urgency)
