"""The short forms: quick log, snooze, goal, a reflection's answer, and a
range of dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from journal import coach_actions
from journal.actions import CLEAR_SNOOZE
from journal.dates import parse_date, parse_due
from journal.errors import InputError, JournalError
from journal.journal import Journal
from journal.prompts import Prompt
from journal.records import GOAL_METRICS

from .. import keys
from ..text import clean
from ..widgets.formality import FormalityToggle
from .form import FieldError, FormScreen
from .interaction_form import contact_day


class QuickLogForm(FormScreen[dict[str, Any]]):
    """Formal or informal, one line, Enter: dismisses with formal, summary
    and the day (today unless changed)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("quick-log")
    HINT = "↑↓: formal / informal · Tab: when · Enter: log · Esc: cancel"

    def __init__(self, name: str, today: dt.date, formal: bool = False) -> None:
        self.formal = formal
        self.today = today
        super().__init__(Text("Quick log · ", style="bold") + Text(clean(name)))

    def fields(self) -> Iterable[Widget]:
        yield self.row("Kind", FormalityToggle(self.formal, id="formality"))
        yield from self.field("summary", "What happened", placeholder="one line, then Enter")
        yield from self.field(
            "date", "When", "today", placeholder="today, yesterday, monday", check=self._day
        )

    def _day(self, text: str) -> dt.date:
        return contact_day(text, self.today)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#summary", Input).focus()

    def action_toggle_formal(self) -> None:
        toggle = self.query_one(FormalityToggle)
        toggle.formal = not toggle.formal

    def build(self) -> dict[str, Any]:
        summary = self.text("summary")
        if not summary:
            raise FieldError("summary", "Type a line about the contact, then Enter.")
        return {
            "formal": self.query_one(FormalityToggle).formal,
            "summary": summary,
            "on": self._day(self.text("date")).isoformat(),
        }


class SnoozeForm(FormScreen[str | None]):
    """Dismisses with the ISO date to snooze until ('' clears the snooze)."""

    def __init__(self, name: str, today: dt.date, current: str | None) -> None:
        self.today = today
        self.current = current
        super().__init__(Text("Snooze · ", style="bold") + Text(clean(name)))

    def fields(self) -> Iterable[Widget]:
        yield Static("Not due before this date. Empty clears a snooze.", classes="form-note")
        yield from self.field(
            "until",
            "Until",
            self.current or "in 2w",
            placeholder="in 2w, friday, 2026-12-15, none",
            check=self._until,
        )

    def _until(self, text: str) -> str:
        if text.strip().casefold() in CLEAR_SNOOZE:
            return ""
        day = parse_due(text, self.today)  # a weekday is the next one, as `sj snooze` reads it
        if day <= self.today:
            raise InputError(f"{day} is not after today: snooze to a later date, e.g. in 2w.")
        return day.isoformat()

    def build(self) -> str:
        return self._until(self.text("until"))


#: The longest range the contact-log screen shows (its heatmap's width);
#: `sj contact-review --from --to` takes any range.
MAX_RANGE_DAYS = 366


class DateRangeForm(FormScreen[tuple[str, str]]):
    """Dismisses with the ISO first and last days of a range (both included)."""

    HINT = "Enter or ctrl+s: show these dates · Esc: cancel"
    SUBMIT_LABEL = "Show"

    def __init__(self, today: dt.date, start: str, end: str) -> None:
        self.today = today
        self.start, self.end = start, end
        super().__init__(Text("Contact log · choose the dates", style="bold"))

    def fields(self) -> Iterable[Widget]:
        yield Static("Any dates up to a year apart, both days included.", classes="form-note")
        placeholder = "2026-09-15, 6w ago, monday, today"
        yield from self.field("from", "From", self.start, placeholder=placeholder, check=self._day)
        yield from self.field("to", "To", self.end, placeholder=placeholder, check=self._day)

    def _day(self, text: str) -> str:
        if not text:
            raise InputError("Type a date: 2026-09-15, 6w ago, monday or today.")
        return parse_date(text, self.today).isoformat()

    def build(self) -> tuple[str, str]:
        start, end = self._day(self.text("from")), self._day(self.text("to"))
        if start > end:
            raise FieldError(
                "to", f"{end} is before {start}: the range ends on or after it starts."
            )
        days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1
        if days > MAX_RANGE_DAYS:
            raise FieldError(
                "to",
                f"That is {days} days: up to a year here; `sj contact-review` takes any range.",
            )
        return start, end


METRIC_LABELS = {
    "informal": "informal contacts",
    "formal": "formal contacts",
    "contacts": "contacts of any kind",
    "new_people": "new people met",
    "events": "events attended",
    "personal": "personal conversations",
    "shared": "times information was shared",
    "with": "contacts with one stakeholder",
    "minutes": "minutes with stakeholders",
}


class GoalForm(FormScreen[dict[str, Any]]):
    """A counted goal (metric and target) or a manual item to check off."""

    def __init__(
        self, journal: Journal, month: str, original: dict[str, Any] | None = None
    ) -> None:
        self.journal = journal
        self.month = month
        self.original = original or {}
        label = dt.date.fromisoformat(month + "-01").strftime("%B %Y")
        super().__init__(
            Text(("Edit goal" if original else "New goal") + f" · {label}", style="bold")
        )

    def fields(self) -> Iterable[Widget]:
        raw = self.original
        options = [("a checklist item (check it off myself)", "manual")]
        options += [(f"count: {METRIC_LABELS.get(m, m)}", m) for m in GOAL_METRICS]
        yield self.row(
            "Goal kind",
            Select(
                options,
                value=raw.get("metric") or "manual",
                id="metric",
                compact=True,
                allow_blank=False,
            ),
        )
        yield from self.field(
            "text", "Text", raw.get("text", ""), placeholder="empty: from the count"
        )
        yield from self.field(
            "target", "Target", str(raw.get("target") or 1), check=coach_actions.target
        )
        sid = raw.get("stakeholder")
        yield from self.field(
            "who",
            "With whom",
            self.journal.names().get(sid, "") if sid else "",
            placeholder="a name, for a goal about one stakeholder",
        )

    def build(self) -> dict[str, Any]:
        metric = self.choice("metric")
        metric = None if metric == "manual" else metric
        text = self.text("text")
        if metric is None and not text:
            raise FieldError("text", "A checklist goal needs its text.")
        stakeholder = None
        if metric == "with":
            who = self.text("who")
            if not who:
                raise FieldError("who", "Whom is this goal about? Type a name.")
            try:
                stakeholder = self.journal.resolve(who).id
            except JournalError as exc:
                raise FieldError("who", str(exc)) from None
        return {
            "month": self.month,
            "text": text,
            "metric": metric,
            "target": coach_actions.target(self.text("target")) if metric else 1,
            "stakeholder": stakeholder,
        }


class ReflectionForm(FormScreen[str]):
    """Shows the prompt; dismisses with the answer."""

    SUBMIT_ON_ENTER = False
    HINT = "ctrl+s: save · Esc: cancel (Enter starts a new line)"

    def __init__(self, prompt: Prompt, about: str = "") -> None:
        self.prompt = prompt
        heading = Text("Reflect", style="bold")
        if about:
            heading.append(" · ")
            heading.append(clean(about))
        super().__init__(heading)

    def fields(self) -> Iterable[Widget]:
        yield Static(Text(self.prompt.text, style="italic"), id="prompt-text")
        yield TextArea(id="answer", soft_wrap=True, show_line_numbers=False)
        yield Static("", id="answer-error", classes="field-error")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#answer", TextArea).focus()

    def build(self) -> str:
        answer = self.query_one("#answer", TextArea).text.strip()
        if not answer:
            raise FieldError("answer", "Write an answer first (a sentence is plenty).")
        return answer
