"""The contact-log review.

For a month or any range of days: contacts in total and per stakeholder
(formal or informal, business or personal, new people met, information
shared), a calendar heatmap (day → contacts), a weekly series per stakeholder
for a sparkline, and the balance signal (key or focus stakeholders met only
formally). Counting is the monthly goals' own (:func:`journal.goals.kind_of`
and :func:`journal.goals.tally`, the parts of ``count_range``), in one pass
over the period's slice of the journal's date-sorted index (found by binary
search), so a month costs what its entries cost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import goals as goal_rules
from .errors import InputError
from .records import TABLE_SHARES, TABLE_STAKEHOLDERS
from .rules import name_order


@dataclass(frozen=True)
class StakeholderReview:
    """One stakeholder's numbers over the period."""

    id: str
    name: str
    counts: goal_rules.MonthCounts
    key: bool = False
    focus: bool = False
    #: Contacts per week, from the week holding the start (Monday first).
    weekly: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class BalanceFlag:
    """A key or focus stakeholder met only formally during the period."""

    id: str
    name: str
    formal: int
    text: str


@dataclass(frozen=True)
class Review:
    """The contact-log review of a period (both ends included)."""

    start: str
    end: str
    totals: goal_rules.MonthCounts
    stakeholders: list[StakeholderReview]
    #: Every day of the period → contacts that day.
    heatmap: dict[str, int]
    #: The Monday of each week of the sparkline series.
    week_starts: list[str]
    balance: list[BalanceFlag]

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``--json`` output."""
        return {
            "start": self.start,
            "end": self.end,
            "totals": _counts_json(self.totals),
            "stakeholders": [
                {
                    "id": s.id,
                    "name": s.name,
                    "key": s.key,
                    "focus": s.focus,
                    **_counts_json(s.counts),
                    "weekly": s.weekly,
                }
                for s in self.stakeholders
            ],
            "heatmap": self.heatmap,
            "week_starts": self.week_starts,
            "balance": [{"id": b.id, "name": b.name, "text": b.text} for b in self.balance],
            "balance_note": balance_note(self),
        }


def _counts_json(counts: goal_rules.MonthCounts) -> dict[str, int]:
    return {
        name: getattr(counts, name)
        for name in (
            "contacts",
            "formal",
            "informal",
            "business",
            "personal",
            "new_people",
            "events",
            "shared",
            "minutes",
        )
    }


def _iso(value: dt.date | str) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except (AttributeError, ValueError):
        raise InputError(f'"{value}" is not a date: use YYYY-MM-DD.') from None


def period_entries(journal: Any, start: str, end: str) -> list[dict[str, Any]]:
    """Live interactions dated ``start`` to ``end`` (ISO, both included),
    newest first: a slice of the journal's date-sorted index."""
    entries = journal.interactions_of(None)  # newest first

    def first(predicate: Any) -> int:
        lo, hi = 0, len(entries)
        while lo < hi:
            mid = (lo + hi) // 2
            if predicate(entries[mid].get("date", "")):
                hi = mid
            else:
                lo = mid + 1
        return lo

    top = first(lambda date: date <= end)
    bottom = first(lambda date: date < start)
    return entries[top:bottom]


def _shares(journal: Any, start: str, end: str) -> list[dict[str, Any]]:
    return [s for s in journal.records(TABLE_SHARES) if start <= (s.get("date") or "") <= end]


def count_period(journal: Any, start: dt.date | str, end: dt.date | str) -> goal_rules.MonthCounts:
    """The period's counts (interactions and shares), as the goals count them."""
    start, end = _iso(start), _iso(end)
    return goal_rules.count_range(
        period_entries(journal, start, end), start, end, _shares(journal, start, end)
    )


def review_range(journal: Any, start: dt.date | str, end: dt.date | str) -> Review:
    """The contact-log review of the days ``start`` to ``end``."""
    start, end = _iso(start), _iso(end)
    if start > end:
        raise InputError(f"The review starts ({start}) after it ends ({end}).")
    entries = period_entries(journal, start, end)
    shares = _shares(journal, start, end)
    first_day, last_day = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    monday = first_day - dt.timedelta(days=first_day.weekday())
    weeks = (last_day - monday).days // 7 + 1
    heatmap = {
        (first_day + dt.timedelta(days=n)).isoformat(): 0
        for n in range((last_day - first_day).days + 1)
    }
    # One pass: each entry is tallied by kind (goals.kind_of) once for the
    # total and once for each of its stakeholders; goals.tally turns the
    # tallies into counts, as goals.count_range does.
    total_kinds: dict[goal_rules.Kind, int] = {}
    total_minutes = 0
    total_per: dict[str, int] = {}
    kinds_of: dict[str, dict[goal_rules.Kind, int]] = {}
    minutes_of: dict[str, int] = {}
    # For entries with several stakeholders: each one's co-participants.
    together: dict[str, dict[str, int]] = {}
    week_of: dict[str, int] = {}
    weekly: dict[str, list[int]] = {}
    for entry in entries:
        date = entry.get("date", "")
        heatmap[date] = heatmap.get(date, 0) + 1
        week = week_of.get(date)
        if week is None:
            week = week_of[date] = (dt.date.fromisoformat(date) - monday).days // 7
        kind = goal_rules.kind_of(entry)
        minutes = goal_rules.minutes_of(entry)
        total_kinds[kind] = total_kinds.get(kind, 0) + 1
        total_minutes += minutes
        who = entry.get("stakeholders") or ()
        for sid in who:
            total_per[sid] = total_per.get(sid, 0) + 1
            tallied = kinds_of.get(sid)
            if tallied is None:
                tallied = kinds_of[sid] = {}
                minutes_of[sid] = 0
                weekly[sid] = [0] * weeks
            tallied[kind] = tallied.get(kind, 0) + 1
            minutes_of[sid] += minutes
            weekly[sid][week] += 1
        if len(who) > 1:
            for sid in who:
                others = together.setdefault(sid, {})
                for other in who:
                    others[other] = others.get(other, 0) + 1
    shares_of: dict[str, int] = {}
    for share in shares:
        for sid in share.get("stakeholders") or ():
            shares_of[sid] = shares_of.get(sid, 0) + 1
    totals = goal_rules.tally(total_kinds, total_minutes, total_per, len(shares))
    rows = []
    for raw in journal.records(TABLE_STAKEHOLDERS):
        sid = raw["id"]
        if sid not in kinds_of and sid not in shares_of and not raw.get("focus"):
            continue
        per = dict(together.get(sid, ()))
        if sid in total_per:
            per[sid] = total_per[sid]
        counts = goal_rules.tally(
            kinds_of.get(sid, {}), minutes_of.get(sid, 0), per, shares_of.get(sid, 0)
        )
        rows.append(
            StakeholderReview(
                id=sid,
                name=raw.get("name", ""),
                counts=counts,
                key=bool(raw.get("key")),
                focus=bool(raw.get("focus")),
                weekly=weekly.get(sid, [0] * weeks),
            )
        )
    rows.sort(key=lambda r: (not r.focus, -r.counts.contacts, name_order(r.name), r.id))
    return Review(
        start=start,
        end=end,
        totals=totals,
        stakeholders=rows,
        heatmap=heatmap,
        week_starts=[(monday + dt.timedelta(weeks=n)).isoformat() for n in range(weeks)],
        balance=balance_signal(rows),
    )


def review_month(journal: Any, month: str) -> Review:
    """The contact-log review of a ``YYYY-MM`` month."""
    start, end = goal_rules.month_bounds(month)
    return review_range(journal, start, end)


def balance_signal(rows: list[StakeholderReview]) -> list[BalanceFlag]:
    """Key influencers and focus stakeholders contacted in the period only
    formally (no informal contact at all), most contacted first."""
    flags = []
    for row in rows:
        if (row.key or row.focus) and row.counts.contacts and not row.counts.informal:
            n = row.counts.formal
            what = "key influencer" if row.key else "focus relationship"
            text = f"{what}: {n} formal contact{'s' if n != 1 else ''}, none informal"
            flags.append(BalanceFlag(row.id, row.name, n, text))
    flags.sort(key=lambda f: (-f.formal, name_order(f.name)))
    return flags


def balance_note(review: Review) -> str | None:
    """The balance in one line when nobody was met only formally, counting
    the key and focus relationships that were in touch; None when there is
    nothing true to say (none of them had a contact, so none could be met
    only formally) or when the flags say it."""
    if review.balance:
        return None
    met = sum(1 for r in review.stakeholders if (r.key or r.focus) and r.counts.contacts)
    if not met:
        return None
    if met == 1:
        return "The one key or focus relationship in touch had an informal contact too."
    return f"All {met} key and focus relationships in touch had an informal contact too."
