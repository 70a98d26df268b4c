"""Reach out today: who to contact, ranked, each with reasons a person reads.

Each stakeholder collects reasons; each reason has a weight, and the score is
the sum of the weights times how much the relationship matters. Rules:

========================  =====================================================
rule                      reason (weight)
========================  =====================================================
cadence                   ``3.1x past cadence`` (the ratio, at most 10) once the
                          time since the last contact passes the cadence;
                          ``check-in due in 2d`` / ``due today`` (0.5) inside
                          the window; ``not contacted yet`` (1) when due.
                          A snooze silences this rule only.
my promise                ``your promise "x" is 3d late`` (3 + 0.1 a day, at
                          most 5); ``you promised "x" by Friday`` (2.5 within
                          two days, else 1.5) when due within a week.
their promise             ``they promised "x" by Nov 20: follow up`` (1.5)
                          when their promise is overdue.
follow-up                 ``follow-up "x" is 2d late`` (2) / ``... due in 1d``
                          (1.5) for an open follow-up due within the window.
key, formal only          ``key influencer, only formal contact for 90 days``
                          (1.5): a key influencer contacted in that time, but
                          not informally for at least 60 days.
role change               ``no contact since they changed role`` (2): the role
                          changed after the last contact (see
                          :mod:`journal.changes` for how a change is known).
focus                     ``focus relationship, no contact for 9 days`` (1):
                          in the focus set and not contacted for a week.
========================  =====================================================

Importance multiplies the score: 1, +0.3 for a key influencer, +0.3 for the
focus set, +0.2 for a rank from 1 to 5, +0.1 per influence point above 3
(-0.1 below). The focus set comes first: focus stakeholders with any reason
are listed before everyone else.

Cost: everything comes from the journal's indexes (cadence states, entries
per stakeholder, entries with follow-ups), built in one pass over the
interactions on first use; nothing here walks every interaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import changes, promises
from .dates import format_due, stored_date
from .records import TABLE_STAKEHOLDERS
from .rules import name_order

#: Days without an informal contact before a key influencer is flagged.
FORMAL_ONLY_DAYS = 60
#: Days without contact before a focus relationship is flagged.
FOCUS_STALE_DAYS = 7
#: Days ahead in which a promise of mine counts as coming due.
PROMISE_AHEAD_DAYS = 7
MAX_CADENCE_WEIGHT = 10.0


@dataclass(frozen=True, slots=True)
class Reason:
    """Why to contact someone: a machine code, the sentence, its weight."""

    code: str  # cadence, promise, their-promise, follow-up, formal-only, role, focus
    text: str
    weight: float


@dataclass(frozen=True)
class Suggestion:
    """One stakeholder to reach out to."""

    id: str
    name: str
    score: float
    reasons: list[Reason] = field(default_factory=list)
    organization: str = ""
    key: bool = False
    focus: bool = False
    state: str = ""  # cadence state (see journal.cadence)
    due: str | None = None
    last_contact: str | None = None

    @property
    def reason_texts(self) -> list[str]:
        """The reasons as sentences, strongest first."""
        return [r.text for r in self.reasons]

    def to_json(self) -> dict[str, Any]:
        """The ``sj reach-out --json`` form: name, id, score and reasons."""
        return {"name": self.name, "id": self.id, "score": self.score, "reasons": self.reason_texts}


def when_label(day: dt.date, today: dt.date) -> str:
    """``today``, ``tomorrow``, a weekday name within the week, else ``Dec 4``."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if 1 < days < 7:
        return day.strftime("%A")
    return f"{day:%b} {day.day}"


def _quote(text: str, width: int = 40) -> str:
    line = " ".join(text.split())
    return f'"{line if len(line) <= width else line[: width - 1] + "…"}"'


def importance(stakeholder: dict[str, Any]) -> float:
    """The multiplier of a stakeholder's score (see the module docstring)."""
    value = 1.0
    if stakeholder.get("key"):
        value += 0.3
    if stakeholder.get("focus"):
        value += 0.3
    rank = stakeholder.get("rank")
    if isinstance(rank, int) and not isinstance(rank, bool) and 1 <= rank <= 5:
        value += 0.2
    influence = stakeholder.get("influence")
    if isinstance(influence, int) and not isinstance(influence, bool):
        value += 0.1 * (influence - 3)
    return max(value, 0.5)


def _cadence_reason(info: Any, raw: dict[str, Any], today: dt.date, window: int) -> Reason | None:
    snooze = stored_date(raw.get("snooze_until"))
    # A snooze quiets the routine check-in only; promises still count.
    if info.cadence_days is None or (snooze is not None and snooze > today):
        return None
    last = stored_date(info.last_contact)
    if last is None:
        # Due from the day they were added, never later than today (see
        # journal.cadence): someone with a cadence and no contact is due.
        return Reason("cadence", "not contacted yet", 1.0)
    days = (today - last).days
    ratio = days / info.cadence_days
    if days > info.cadence_days:
        return Reason("cadence", f"{ratio:.1f}x past cadence", min(ratio, MAX_CADENCE_WEIGHT))
    left = info.cadence_days - days
    if left == 0:
        return Reason("cadence", "check-in due today", 0.5)
    if left <= window:
        return Reason("cadence", f"check-in due in {left}d", 0.5)
    return None


def _promise_reasons(items: list[promises.PromiseItem], today: dt.date) -> list[Reason]:
    out = []
    for item in items:
        due = stored_date(item.due)
        if item.theirs:
            if item.status == promises.OVERDUE and due is not None:
                text = f"they promised {_quote(item.text)} by {due:%b} {due.day}: follow up"
                out.append(Reason("their-promise", text, 1.5))
            continue
        if due is None:
            continue
        if item.status == promises.OVERDUE:
            weight = min(3 + 0.1 * item.days_late, 5.0)
            out.append(
                Reason(
                    "promise", f"your promise {_quote(item.text)} is {item.days_late}d late", weight
                )
            )
        elif (due - today).days <= PROMISE_AHEAD_DAYS:
            weight = 2.5 if (due - today).days <= 2 else 1.5
            text = f"you promised {_quote(item.text)} by {when_label(due, today)}"
            out.append(Reason("promise", text, weight))
    return out


def _follow_up_reasons(journal: Any, today: dt.date, window: int) -> dict[str, list[Reason]]:
    """Open follow-ups late or due within ``window`` days, per stakeholder
    (from the journal's index of entries with follow-ups)."""
    limit = (today + dt.timedelta(days=window)).isoformat()
    found: dict[str, list[Reason]] = {}
    for entry, item in journal.open_follow_ups():
        due = item.get("due")
        if not isinstance(due, str) or due > limit:
            continue
        day = stored_date(due)
        if day is None:
            continue
        late = (today - day).days
        what = _quote(item.get("text", ""))
        if late > 0:
            reason = Reason("follow-up", f"follow-up {what} is {format_due(due, today)}", 2.0)
        else:
            label = "due today" if late == 0 else f"due {when_label(day, today)}"
            reason = Reason("follow-up", f"follow-up {what} {label}", 1.5)
        for sid in entry.get("stakeholders") or ():
            found.setdefault(sid, []).append(reason)
    return found


def _fold(reasons: list[Reason]) -> list[Reason]:
    """Strongest first, with several reasons of one kind (follow-ups,
    promises) folded into the strongest: ``... (+2 more)``, weight +0.25 each,
    at most +1."""
    reasons = sorted(reasons, key=lambda r: -r.weight)
    by_code: dict[str, list[Reason]] = {}
    for reason in reasons:
        by_code.setdefault(reason.code, []).append(reason)
    out = []
    for group in by_code.values():
        top = group[0]
        if len(group) > 1:
            extra = len(group) - 1
            top = Reason(
                top.code, f"{top.text} (+{extra} more)", top.weight + min(0.25 * extra, 1.0)
            )
        out.append(top)
    out.sort(key=lambda r: -r.weight)
    return out


def formal_only_days(journal: Any, stakeholder_id: str, today: dt.date) -> int | None:
    """Days since the last informal contact (or, with none, since the first
    contact) when the stakeholder was contacted since, only formally; else None."""
    entries = journal.interactions_of(stakeholder_id)
    if not entries:
        return None
    since = None
    for entry in entries:  # newest first
        if entry.get("formal", True) is False:
            since = entry.get("date")
            break
    if since is None:
        since = entries[-1].get("date")
    elif since == entries[0].get("date"):
        return None  # the latest contact was informal
    day = stored_date(since)
    return None if day is None else (today - day).days


def reach_out_today(
    journal: Any,
    *,
    today: dt.date | None = None,
    window: int = 3,
    limit: int | None = None,
) -> list[Suggestion]:
    """Who to contact today, focus set first, then by score (highest first).

    Only stakeholders with at least one reason are listed. ``window`` is how
    many days ahead a check-in or follow-up counts as coming due.
    """
    today = today or journal.today()
    raws = {r["id"]: r for r in journal.records(TABLE_STAKEHOLDERS)}
    open_promises = promises.open_by_stakeholder(journal, today)
    follow_ups = _follow_up_reasons(journal, today, window)
    out = []
    for info in journal.cadence(window=window, today=today):
        raw = raws.get(info.id)
        if raw is None:
            continue
        reasons: list[Reason] = []
        cadence_reason = _cadence_reason(info, raw, today, window)
        if cadence_reason is not None:
            reasons.append(cadence_reason)
        reasons.extend(_promise_reasons(open_promises.get(info.id, []), today))
        reasons.extend(follow_ups.get(info.id, []))
        if raw.get("key"):
            days = formal_only_days(journal, info.id, today)
            if days is not None and days >= FORMAL_ONLY_DAYS:
                text = f"key influencer, only formal contact for {days} days"
                reasons.append(Reason("formal-only", text, 1.5))
        if info.last_contact and changes.changed_since(raw, "role", info.last_contact):
            reasons.append(Reason("role", "no contact since they changed role", 2.0))
        if raw.get("focus"):
            last = stored_date(info.last_contact)
            if last is None:
                reasons.append(Reason("focus", "focus relationship, not contacted yet", 1.0))
            elif (today - last).days >= FOCUS_STALE_DAYS:
                days = (today - last).days
                reasons.append(
                    Reason("focus", f"focus relationship, no contact for {days} days", 1.0)
                )
        if not reasons:
            continue
        reasons = _fold(reasons)
        score = round(sum(r.weight for r in reasons) * importance(raw), 2)
        out.append(
            Suggestion(
                id=info.id,
                name=info.name,
                score=score,
                reasons=reasons,
                organization=raw.get("organization", ""),
                key=bool(raw.get("key")),
                focus=bool(raw.get("focus")),
                state=info.state,
                due=info.due,
                last_contact=info.last_contact,
            )
        )
    out.sort(key=lambda s: (not s.focus, -s.score, name_order(s.name), s.id))
    return out[:limit] if limit is not None else out
