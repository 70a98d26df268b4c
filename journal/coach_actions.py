"""The coaching changes, once for every face: monthly goals (counted or a
checklist), reflections, and the monthly review's save.

Like :mod:`journal.actions`, each takes typed input, validates it before it
writes, and does not save: the face commits ``with journal.change():``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import goals as goal_rules
from .errors import InputError
from .records import GOAL_METRICS, TABLE_GOALS, Goal, Reflection
from .resolve import by_id_prefix

Raw = dict[str, Any]


@dataclass(frozen=True)
class GoalDraft:
    """A goal as the user gave it. ``metric`` None is a checklist item."""

    month: str
    metric: str | None = None
    text: str = ""
    target: int | str = 1
    #: The stakeholder id of a "contacts with one stakeholder" goal.
    stakeholder: str | None = None


def target(value: int | str) -> int:
    """A goal's target: a whole number of 1 or more."""
    text = str(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise InputError(f"A goal's target is a whole number of 1 or more, not {text!r}.")
    return int(text)


def _checked(journal: Any, draft: GoalDraft) -> Goal:
    goal_rules.month_bounds(draft.month)  # raises on a bad month
    if draft.metric is not None and draft.metric not in GOAL_METRICS:
        raise InputError(
            f"{draft.metric!r} is not something a goal counts: one of {', '.join(GOAL_METRICS)}."
        )
    text = draft.text.strip()
    if draft.metric is None and not text:
        raise InputError("A checklist goal needs its text.")
    stakeholder = None
    if draft.metric == "with":
        if not draft.stakeholder:
            raise InputError("Whom is this goal about? Name a stakeholder.", hint="names")
        stakeholder = journal.stakeholder(draft.stakeholder).id
    return Goal(
        month=draft.month,
        text=text,
        metric=draft.metric,
        target=target(draft.target) if draft.metric else 1,
        stakeholder=stakeholder,
    )


def check_goal(journal: Any, draft: GoalDraft, goal_id: str = "") -> Goal:
    """The goal a draft makes, validated (nothing is written); a month has
    one goal of each kind: a second one is refused, naming the first."""
    goal = _checked(journal, draft)
    if (twin := _same_goal(journal, goal)) and twin.get("id") != goal_id:
        raise InputError(
            f"{goal_rules.describe_goal(twin)} is already a goal for {goal.month}"
            + (": change its target instead." if goal.metric else "."),
            field="target" if goal.metric else "text",
        )
    return goal


def add_goal(journal: Any, draft: GoalDraft) -> Goal:
    """A new goal for a month; a second goal of a kind the month has is refused."""
    return journal.add(check_goal(journal, draft))


def edit_goal(journal: Any, goal_id: str, draft: GoalDraft) -> Raw:
    current = find_goal(journal, goal_id)
    goal = check_goal(journal, draft, current["id"])
    fields_ = ("month", "text", "metric", "target", "stakeholder")
    changes = {k: getattr(goal, k) for k in fields_ if current.get(k) != getattr(goal, k)}
    if not changes:
        raise InputError("Nothing to change: the goal already says that.")
    return journal.update(TABLE_GOALS, current["id"], changes)


def set_goal_done(journal: Any, goal_id: str, done: bool = True) -> Raw:
    """Check a checklist goal off (or not); a counted goal moves by itself."""
    current = find_goal(journal, goal_id)
    if current.get("metric") is not None:
        raise InputError("This goal is counted from the journal: log contacts to move it.")
    return journal.update(TABLE_GOALS, current["id"], {"done": done})


def find_goal(journal: Any, key: str) -> Raw:
    """A live goal by its id or an id prefix of 4 characters or more."""
    return by_id_prefix(
        journal.records(TABLE_GOALS), key, what="goal", plural="goals", hint="goals"
    )


def _kind(goal: Goal | Raw) -> tuple[Any, ...]:
    get = goal.get if isinstance(goal, dict) else lambda k: getattr(goal, k)
    if get("metric") is None:
        return (None, " ".join((get("text") or "").split()).casefold())
    # Counted goals of one kind differ only by target: one per month.
    return (get("metric"), get("stakeholder"))


def _same_goal(journal: Any, goal: Goal) -> Raw | None:
    kind = _kind(goal)
    return next(
        (
            g
            for g in journal.records(TABLE_GOALS)
            if g.get("month") == goal.month and _kind(g) == kind
        ),
        None,
    )


@dataclass(frozen=True)
class Carried:
    previous: str
    added: list[Goal] = field(default_factory=list)


def carry_goals(
    journal: Any,
    month: str,
    *,
    targets: dict[str, int] | None = None,
    skip: set[str] | frozenset[str] = frozenset(),
) -> Carried:
    """Carry last month's goals into ``month``: idempotent, and never a second
    goal of a kind and target the month already has. ``targets`` maps a
    previous goal's id to its new target; ids in ``skip`` stay behind."""
    previous = goal_rules.shift_month(month, -1)
    targets = targets or {}
    fresh = goal_rules.carry_forward(
        journal.records(TABLE_GOALS, include_deleted=True), previous, month
    )
    present = {_kind(g) for g in journal.records(TABLE_GOALS) if g.get("month") == month}
    added = []
    for goal in fresh:
        if goal.carried_from in skip:
            continue
        goal.target = target(targets.get(goal.carried_from or "", goal.target))
        if _kind(goal) in present:
            continue
        present.add(_kind(goal))
        added.append(goal)
    return Carried(previous, [journal.add(goal) for goal in added])


# -- reflections


def reflect(
    journal: Any,
    answer: str,
    *,
    prompt_id: str = "",
    prompt: str = "",
    stakeholder: str | None = None,
    interaction: str | None = None,
) -> Reflection:
    """Keep a reflection: an answer to a prompt, or a free note (no prompt)."""
    text = answer.strip()
    if not text:
        raise InputError("Write the reflection first (a sentence is plenty).")
    if stakeholder is not None:
        stakeholder = journal.stakeholder(stakeholder).id
    return journal.add(
        Reflection(
            date=journal.today().isoformat(),
            prompt_id=prompt_id,
            prompt=prompt,
            answer=text,
            stakeholder=stakeholder,
            interaction=interaction,
        )
    )


@dataclass(frozen=True)
class ReviewSaved:
    answers: int
    carried: Carried


def save_monthly_review(
    journal: Any,
    month: str,
    answers: list[tuple[str, str, str]],
    *,
    targets: dict[str, int] | None = None,
    skip: set[str] | frozenset[str] = frozenset(),
) -> ReviewSaved:
    """The monthly review: each (prompt id, prompt, answer) kept as a
    reflection, and last month's goals carried as chosen."""
    carried = carry_goals(journal, month, targets=targets, skip=skip)
    kept = [
        reflect(journal, text, prompt_id=prompt_id, prompt=prompt)
        for prompt_id, prompt, text in answers
        if text.strip()
    ]
    return ReviewSaved(len(kept), carried)
