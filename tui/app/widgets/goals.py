"""Pane 4: the month's goals, with progress counted from the journal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import Static

from journal import contact_review
from journal import goals as goal_rules
from journal.journal import Journal
from journal.records import TABLE_GOALS

from .. import keys
from ..messages import GoalsMonthChanged
from ..text import clean
from .line import Line
from .pane import Pane
from .rowlist import RowList

BAR_WIDTH = 10


@dataclass(slots=True)
class GoalRow:
    raw: dict[str, Any]
    label: str
    value: int
    target: int
    achieved: bool


def _count(row: GoalRow) -> str:
    return goal_rules.format_progress(row.raw.get("metric"), row.value, row.target)


class GoalList(RowList):
    COMPONENT_CLASSES: ClassVar[set[str]] = RowList.COMPONENT_CLASSES | {
        "goals--bar",
        "goals--bar-empty",
        "goals--done",
    }

    def render_item(self, row: GoalRow, width: int) -> Text:
        style = self.get_component_rich_style
        done_style = style("goals--done", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        bar = BAR_WIDTH if width >= 40 else BAR_WIDTH // 2
        if row.raw.get("metric") is None:
            text.append("[✓]" if row.achieved else "[ ]", done_style if row.achieved else "")
            text.append(" " * (bar - 3 + 11))
        else:
            filled = min(bar, row.value * bar // max(1, row.target))
            text.append(
                "█" * filled, done_style if row.achieved else style("goals--bar", partial=True)
            )
            text.append("░" * (bar - filled), style("goals--bar-empty", partial=True))
            text.append(f" {_count(row):<9} ", done_style if row.achieved else "")
        text.append(row.label[:width], done_style if row.achieved else "")
        return text


class GoalsPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("goals")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.month = ""

    def compose(self) -> ComposeResult:
        yield Line(id="goals-summary")
        yield GoalList(id="goal-list")
        yield Static(id="goals-empty")

    @property
    def list(self) -> GoalList:
        return self.query_one(GoalList)

    @property
    def selected(self) -> GoalRow | None:
        return self.list.item

    def reload(self, journal: Journal) -> None:
        if not self.month:
            self.month = goal_rules.month_of(journal.today())
        # The month's slice of the journal's date-sorted index, not every entry.
        counts = contact_review.count_period(journal, *goal_rules.month_bounds(self.month))
        names = journal.names()
        rows = []
        for raw in sorted(
            (g for g in journal.records(TABLE_GOALS) if g.get("month") == self.month),
            key=lambda g: (g.get("metric") is None, g.get("created_at", "")),
        ):
            value, target, achieved = goal_rules.goal_progress(raw, counts)
            label = clean(goal_rules.describe_goal(raw, names.get(raw.get("stakeholder") or "")))
            rows.append(GoalRow(raw, label, value, target, achieved))
        self.list.set_items(rows)
        month_name = dt.date.fromisoformat(self.month + "-01").strftime("%B %Y")
        summary = Text(no_wrap=True, overflow="ellipsis")
        summary.append(month_name, "bold")
        if self.month == goal_rules.month_of(journal.today()):
            summary.append(" (this month)")
        if rows:  # "0/0 reached" would claim something of no goals
            done = sum(1 for r in rows if r.achieved)
            summary.append(f" · {done}/{len(rows)} reached")
        summary.append(f" · {counts.informal} informal, {counts.formal} formal")
        self.query_one("#goals-summary", Line).update(summary)
        empty = self.query_one("#goals-empty", Static)
        empty.display = not rows
        if not rows:
            empty.update(
                "No goals for this month. a: add one"
                + ("; c: carry last month's over" if self._last_month_has_goals(journal) else "")
            )

    def _last_month_has_goals(self, journal: Journal) -> bool:
        previous = goal_rules.shift_month(self.month, -1)
        return any(g.get("month") == previous for g in journal.records(TABLE_GOALS))

    def action_month(self, delta: int) -> None:
        self.month = goal_rules.shift_month(self.month, delta)
        self.post_message(GoalsMonthChanged())

    def main_widget(self) -> Widget:
        return self.list
