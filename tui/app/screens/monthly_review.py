"""The monthly review: last month's goals and numbers, three questions, and
this month's goals carried forward with their targets adjustable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from journal import coach_actions
from journal import goals as goal_rules
from journal import monthly_review as reviews
from journal.journal import Journal
from journal.wording import count

from ..text import clean
from ..widgets.formality import Tick
from .contact_review import _numbers
from .form import FieldError, FormScreen


def _month_name(month: str) -> str:
    return dt.date.fromisoformat(month + "-01").strftime("%B %Y")


class MonthlyReviewScreen(FormScreen[dict[str, Any]]):
    """Dismisses with the answers, the targets and the goals left out."""

    TALL = True
    SUBMIT_ON_ENTER = False
    HINT = "Tab: next · ctrl+s: save answers and goals · Esc: not now"
    AUTO_FOCUS = "#form-fields"

    def __init__(self, journal: Journal, review: reviews.MonthlyReview) -> None:
        self.journal = journal
        self.review = review
        super().__init__(Text(f"Monthly review · {_month_name(review.month)}", style="bold"))

    def fields(self) -> Iterable[Widget]:
        review = self.review
        yield self.section(f"Looking back at {_month_name(review.previous)}")
        outcomes = Text()
        if not review.goals:
            outcomes.append("No goals were set for that month.\n", "dim")
        for goal in review.goals:
            outcomes.append(
                "✓ reached " if goal.achieved else "✗ missed  ", "green" if goal.achieved else "red"
            )
            outcomes.append(clean(goal.text))
            if goal.metric is not None:
                progress = goal_rules.format_progress(goal.metric, goal.value, goal.target)
                outcomes.append(f"  {progress}", "dim")
            outcomes.append("\n")
        outcomes.append("\n")
        outcomes.append_text(_numbers(review.review.totals))
        if review.review.balance:
            names = ", ".join(clean(f.name) for f in review.review.balance[:4])
            outcomes.append("\nMet only formally: ", "bold yellow")
            outcomes.append(names)
        yield Static(outcomes, id="review-outcomes")

        yield self.section("Three questions for the month")
        for n, prompt in enumerate(review.prompts):
            yield Static(Text(f"{n + 1}. {prompt.text}", style="italic"), classes="month-prompt")
            yield TextArea(id=f"answer-{n}", soft_wrap=True, classes="month-answer")

        yield self.section(f"Goals for {_month_name(review.month)}")
        if not review.carry:
            yield Static(
                "Nothing to carry over: add goals in pane 4 (a there).", classes="form-note"
            )
        names = self.journal.names()
        for n, goal in enumerate(review.carry):
            label = goal_rules.describe_goal(goal.to_raw(), names.get(goal.stakeholder or ""))
            widgets: list[Widget] = [Tick(clean(label), True, id=f"keep-{n}")]
            if goal.metric is not None:
                widgets += [
                    Label("target", classes="carry-label"),
                    Input(str(goal.target), id=f"target-{n}", compact=True, classes="carry-target"),
                ]
            yield Horizontal(*widgets, classes="field-row carry-row")
        yield Static("", id="target-error", classes="field-error")

    def build(self) -> dict[str, Any]:
        answers = []
        for n, prompt in enumerate(self.review.prompts):
            text = self.query_one(f"#answer-{n}", TextArea).text.strip()
            if text:
                answers.append((prompt.id, prompt.text, text))
        targets: dict[str, int] = {}
        skip: set[str] = set()
        for n, goal in enumerate(self.review.carry):
            source = goal.carried_from or ""
            if not self.query_one(f"#keep-{n}", Tick).value:
                skip.add(source)
                continue
            if goal.metric is not None:
                value = self.query_one(f"#target-{n}", Input).value.strip()
                if not value.isdigit() or int(value) < 1:
                    raise FieldError(
                        "target", f"A target is a whole number of 1 or more, not {value!r}."
                    )
                targets[source] = int(value)
        return {
            "month": self.review.month,
            "answers": answers,
            "targets": targets,
            "skip": skip,
        }

    def show_error(self, field_id: str, message: str | None) -> None:
        if field_id == "target":
            error = self.query_one("#target-error", Static)
            error.update(Text(message or ""))
            error.display = bool(message)
            return
        super().show_error(field_id, message)

    def action_submit(self) -> None:
        try:
            result = self.build()
        except FieldError as exc:
            self.show_error(exc.field, str(exc))
            return
        self.dismiss(result)


def save_monthly_review(journal: Journal, result: dict[str, Any]) -> str:
    """Store the answers and carry the goals (:mod:`journal.coach_actions`);
    returns what was done."""
    saved = coach_actions.save_monthly_review(
        journal,
        result["month"],
        result["answers"],
        targets=result["targets"],
        skip=result["skip"],
    )
    parts = []
    if saved.answers:
        parts.append(f"{count(saved.answers, 'answer')} saved")
    parts.append(
        f"{count(len(saved.carried.added), 'goal')} set for {_month_name(result['month'])}"
    )
    return "Monthly review: " + ", ".join(parts) + "."
