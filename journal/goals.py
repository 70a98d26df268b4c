"""Monthly goals: months, counts taken from the journal, progress, carry-over.

Counting runs over every interaction of the journal, so it compares ISO date
strings and never parses them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError
from .records import EVENT_CHANNELS, GOAL_METRICS, Goal

_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def _parse_month(month: str) -> tuple[int, int]:
    match = _MONTH.fullmatch(month.strip()) if isinstance(month, str) else None
    if match is None:
        raise InputError(f'"{month}" is not a month: use YYYY-MM, e.g. 2026-03.')
    return int(match[1]), int(match[2])


def month_bounds(month: str) -> tuple[str, str]:
    """The first and last ISO dates of a ``YYYY-MM`` month."""
    year, number = _parse_month(month)
    last = calendar.monthrange(year, number)[1]
    return f"{year:04d}-{number:02d}-01", f"{year:04d}-{number:02d}-{last:02d}"


def month_of(date: dt.date | str) -> str:
    """The ``YYYY-MM`` month of a date or of an ISO date string."""
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date.strip()[:10])
        except ValueError:
            raise InputError(f'"{date}" is not a date: use YYYY-MM-DD.') from None
    return f"{date.year:04d}-{date.month:02d}"


def shift_month(month: str, delta: int) -> str:
    """The month ``delta`` months after ``month`` (before, when negative)."""
    year, number = _parse_month(month)
    index = year * 12 + (number - 1) + delta
    if not 1 <= index // 12 <= 9999:
        raise InputError(f"{month} shifted by {delta} months is out of range.")
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass
class MonthCounts:
    """What the journal records over a period, for goals and reviews."""

    contacts: int = 0
    formal: int = 0
    informal: int = 0
    business: int = 0
    personal: int = 0
    new_people: int = 0
    events: int = 0
    shared: int = 0
    minutes: int = 0
    #: Interactions per stakeholder id.
    per_stakeholder: dict[str, int] = field(default_factory=dict)

    def value(self, metric: str, stakeholder: str | None = None) -> int:
        """The count for one of ``records.GOAL_METRICS``; ``with`` counts the
        contacts with ``stakeholder``."""
        if metric == "with":
            if not stakeholder:
                raise InputError('The "with" metric needs a stakeholder.')
            return self.per_stakeholder.get(stakeholder, 0)
        if metric not in GOAL_METRICS:
            raise InputError(f'"{metric}" is not a goal metric: use {", ".join(GOAL_METRICS)}.')
        return getattr(self, metric)


#: What one interaction adds to the counts, apart from its minutes and its
#: stakeholders: ``(informal, personal, new person met, event, information
#: shared)``. Entries of one kind are counted together (see :func:`tally`).
Kind = tuple[bool, bool, bool, bool, bool]


def kind_of(record: dict[str, Any]) -> Kind:
    """The :data:`Kind` of a raw interaction. Missing flags take the record
    defaults: formal, business."""
    get = record.get
    shared = get("shared")
    return (
        not get("formal", True),
        get("business", True) is False,
        bool(get("new_person")),
        get("channel") in EVENT_CHANNELS,
        bool(shared and shared.strip()),
    )


def minutes_of(record: dict[str, Any]) -> int:
    """The minutes a raw interaction took, 0 when not recorded."""
    minutes = record.get("minutes")
    if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0:
        return minutes
    return 0


def tally(
    kinds: dict[Kind, int], minutes: int, per_stakeholder: dict[str, int], shares: int = 0
) -> MonthCounts:
    """The counts of entries tallied by kind (``kind → entries``), with their
    minutes, their entries per stakeholder and the shares of the period."""
    counts = MonthCounts(minutes=minutes, shared=shares, per_stakeholder=per_stakeholder)
    for (informal, personal, new_person, event, shared), n in kinds.items():
        counts.contacts += n
        if informal:
            counts.informal += n
        else:
            counts.formal += n
        if personal:
            counts.personal += n
        else:
            counts.business += n
        if new_person:
            counts.new_people += n
        if event:
            counts.events += n
        if shared:
            counts.shared += n
    return counts


def count_range(
    interactions: Iterable[dict[str, Any]],
    start_iso: str,
    end_iso: str,
    shares: Iterable[dict[str, Any]] = (),
) -> MonthCounts:
    """Count live interactions (and shares) dated from ``start_iso`` to
    ``end_iso``, both included, in one pass."""
    kinds: dict[Kind, int] = {}
    minutes = 0
    per: dict[str, int] = {}
    for record in interactions:
        date = record.get("date") or ""
        if record.get("deleted") or not start_iso <= date <= end_iso:
            continue
        kind = kind_of(record)
        kinds[kind] = kinds.get(kind, 0) + 1
        minutes += minutes_of(record)
        for sid in record.get("stakeholders") or ():
            per[sid] = per.get(sid, 0) + 1
    shared = sum(
        1
        for share in shares
        if not share.get("deleted") and start_iso <= (share.get("date") or "") <= end_iso
    )
    return tally(kinds, minutes, per, shared)


def count_month(
    interactions: Iterable[dict[str, Any]], month: str, shares: Iterable[dict[str, Any]] = ()
) -> MonthCounts:
    """Count the live interactions and shares of a ``YYYY-MM`` month."""
    start, end = month_bounds(month)
    return count_range(interactions, start, end, shares)


def goal_progress(goal: dict[str, Any], counts: MonthCounts) -> tuple[int, int, bool]:
    """``(value, target, achieved)`` of a raw goal against its month's counts.

    A manual goal (no metric) is ``(1, 1, True)`` when done, else ``(0, 1, False)``.
    """
    metric = goal.get("metric")
    if metric is None:
        done = bool(goal.get("done"))
        return (1 if done else 0, 1, done)
    target = goal.get("target") or 1
    if metric not in GOAL_METRICS or (metric == "with" and not goal.get("stakeholder")):
        # A metric from a newer version of the program, or a damaged goal:
        # show no progress rather than break the goals pane.
        return (0, target, False)
    value = counts.value(metric, goal.get("stakeholder"))
    return (value, target, value >= target)


def carry_forward(goals: Iterable[dict[str, Any]], from_month: str, to_month: str) -> list[Goal]:
    """New goals for ``to_month`` continuing each live goal of ``from_month``.

    The copies keep text, metric, target and stakeholder, start not done and
    point back with ``carried_from``; they are not stamped (the storage
    does that). A goal already carried into ``to_month`` is skipped, so calling
    this twice adds nothing the second time.
    """
    _parse_month(from_month)
    _parse_month(to_month)
    goals = list(goals)
    # Deleted copies count as carried too: the user removed them on purpose.
    carried = {
        g.get("carried_from") for g in goals if g.get("month") == to_month and g.get("carried_from")
    }
    fresh: list[Goal] = []
    for goal in goals:
        if goal.get("deleted") or goal.get("month") != from_month:
            continue
        if goal.get("id") in carried:
            continue
        fresh.append(
            Goal(
                month=to_month,
                text=goal.get("text", ""),
                metric=goal.get("metric"),
                target=goal.get("target") or 1,
                stakeholder=goal.get("stakeholder"),
                done=False,
                carried_from=goal.get("id"),
            )
        )
    return fresh


#: Metric → what one and several of it are called, in a goal's label.
_COUNTED = {
    "informal": ("informal contact", "informal contacts"),
    "formal": ("formal contact", "formal contacts"),
    "contacts": ("contact", "contacts"),
    "new_people": ("new person met", "new people met"),
    "events": ("event attended", "events attended"),
    "personal": ("personal conversation", "personal conversations"),
}


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def format_minutes(minutes: int) -> str:
    """``45m``, ``2h``, ``1h30m``, ``126h``: time spent, the same in every
    face (from ten hours on, whole hours are precise enough)."""
    hours, rest = divmod(max(0, minutes), 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h" if not rest or hours >= 10 else f"{hours}h{rest:02d}m"


def format_progress(metric: str | None, value: int, target: int) -> str:
    """How far a counted goal is, in its own unit: ``3/4``, ``1h30m/10h``."""
    if metric == "minutes":
        return f"{format_minutes(value)}/{format_minutes(target)}"
    return f"{value}/{target}"


def describe_goal(goal: dict[str, Any], stakeholder_name: str | None = None) -> str:
    """The goal's text, or a label built from its metric and target when the
    text is empty: ``4 informal contacts``, ``2 conversations with Ana Ruiz``."""
    text = (goal.get("text") or "").strip()
    if text:
        return text
    metric = goal.get("metric")
    target = goal.get("target") or 1
    if metric is None:
        return "(untitled goal)"
    if metric in _COUNTED:
        return _plural(target, *_COUNTED[metric])
    if metric == "shared":
        return "information shared " + ("once" if target == 1 else f"{target} times")
    if metric == "with":
        who = stakeholder_name or "one stakeholder"
        return _plural(target, "conversation", "conversations") + f" with {who}"
    if metric == "minutes":
        if target % 60 == 0:
            return _plural(target // 60, "hour", "hours") + " with stakeholders"
        return _plural(target, "minute", "minutes") + " with stakeholders"
    return f"{target} {metric}"
