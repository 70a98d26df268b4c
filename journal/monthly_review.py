"""The monthly review: looking back at last month at the start of this one.

Last month's goals achieved or missed, the contact-log review's numbers,
three monthly reflection prompts, and the goals to carry into this month with
adjustable targets (:func:`journal.coach_actions.carry_goals`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import goals as goal_rules
from . import prompts as prompt_library
from .contact_review import Review, count_period, period_entries, review_month
from .records import TABLE_GOALS, Goal


@dataclass(frozen=True, slots=True)
class GoalOutcome:
    """A goal of a month against what the journal counted."""

    id: str
    text: str
    metric: str | None
    value: int
    target: int
    achieved: bool


def goal_outcomes(journal: Any, month: str) -> list[GoalOutcome]:
    """Each live goal of ``month`` with its progress (the goals pane's numbers)."""
    start, end = goal_rules.month_bounds(month)
    counts = count_period(journal, start, end)
    names = journal.names()
    out = []
    for goal in journal.records(TABLE_GOALS):
        if goal.get("month") != month:
            continue
        value, target, achieved = goal_rules.goal_progress(goal, counts)
        label = goal_rules.describe_goal(goal, names.get(goal.get("stakeholder") or ""))
        out.append(
            GoalOutcome(goal.get("id", ""), label, goal.get("metric"), value, target, achieved)
        )
    out.sort(key=lambda g: (g.achieved, g.text.casefold()))
    return out


def monthly_prompts(
    month: str, level: str | None = None, count: int = 3
) -> list[prompt_library.Prompt]:
    """``count`` monthly reflection prompts for ``month``: the same all month,
    rotating through the library's monthly prompts from one month to the next."""
    pool = prompt_library.prompts_for("monthly", level) or prompt_library.prompts_for("monthly")
    year, number = (int(x) for x in goal_rules.month_bounds(month)[0][:7].split("-"))
    offset = ((year * 12 + number) * count) % len(pool)
    return [pool[(offset + i) % len(pool)] for i in range(min(count, len(pool)))]


@dataclass(frozen=True)
class MonthlyReview:
    """Looking back at ``previous`` at the start of ``month``."""

    month: str
    previous: str
    goals: list[GoalOutcome]
    review: Review
    prompts: list[prompt_library.Prompt]
    #: Last month's goals as this month's, not saved yet (see journal.coach_actions.carry_goals).
    carry: list[Goal]
    #: True until this month has goals: the review has not been done yet.
    pending: bool


def monthly_review(
    journal: Any, month: str | None = None, *, level: str | None = None
) -> MonthlyReview:
    """The monthly review at the start of ``month`` (default: this month)."""
    month = month or goal_rules.month_of(journal.today())
    previous = goal_rules.shift_month(month, -1)
    all_goals = list(journal.records(TABLE_GOALS, include_deleted=True))
    return MonthlyReview(
        month=month,
        previous=previous,
        goals=goal_outcomes(journal, previous),
        review=review_month(journal, previous),
        prompts=monthly_prompts(month, level),
        carry=goal_rules.carry_forward(all_goals, previous, month),
        pending=monthly_review_pending(journal, month),
    )


def monthly_review_pending(journal: Any, month: str | None = None) -> bool:
    """Whether to offer the monthly review: ``month`` (default: this month)
    has no goal yet, while last month had goals or contacts. Setting this
    month's goals (:func:`journal.coach_actions.carry_goals`) is what marks it done, on every machine."""
    month = month or goal_rules.month_of(journal.today())
    previous = goal_rules.shift_month(month, -1)
    months = {g.get("month") for g in journal.records(TABLE_GOALS)}
    if month in months:
        return False
    if previous in months:
        return True
    start, end = goal_rules.month_bounds(previous)
    return bool(period_entries(journal, start, end))
