"""Pane 3: today's prompt, the prompts that follow a logged contact, and the
way to past reflections."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from journal import prompts
from journal.journal import Journal
from journal.records import TABLE_REFLECTIONS
from journal.wording import count

from .. import keys
from ..messages import AnswerPrompt, ReflectionContextCleared
from ..text import clean, first_line
from .line import Line
from .pane import Pane


class ReflectionPane(Pane):
    """The prompts on offer (Enter answers one) and a line about past answers."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("reflection")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context: list[prompts.Prompt] = []
        self.context_entry: dict[str, Any] | None = None
        self.context_name = ""
        self.daily: prompts.Prompt | None = None

    def compose(self) -> ComposeResult:
        yield OptionList(id="prompt-list")
        yield Line(id="past-summary")

    @property
    def options(self) -> OptionList:
        return self.query_one(OptionList)

    def reload(self, journal: Journal) -> None:
        self.daily = prompts.prompt_of_the_day(journal.today())
        answered = sorted(
            journal.records(TABLE_REFLECTIONS), key=lambda r: r.get("created_at", ""), reverse=True
        )
        today = journal.today().isoformat()
        options: list[Option | None] = []
        if self.context:
            heading = Text("After your contact with ", style="bold")
            heading.append(clean(self.context_name))
            options.append(Option(heading, disabled=True))
            options.extend(Option(Text(p.text), id=f"context:{p.id}") for p in self.context)
            options.append(None)
        options.append(Option(Text("Today's prompt", style="bold"), disabled=True))
        options.append(Option(Text(self.daily.text), id=f"daily:{self.daily.id}"))
        highlighted = self.options.highlighted
        self.options.clear_options()
        self.options.add_options(options)
        first = next(i for i, o in enumerate(options) if o is not None and not o.disabled)
        if highlighted is None or highlighted >= len(options) or options[highlighted] is None:
            highlighted = first
        self.options.highlighted = highlighted
        summary = Text(no_wrap=True, overflow="ellipsis")
        done_today = sum(1 for r in answered if r.get("date") == today)
        summary.append(count(len(answered), "reflection"), "bold")
        if done_today:
            summary.append(f" · {done_today} today")
        if answered:
            summary.append(" · last: ")
            summary.append(first_line(answered[0].get("answer")), "italic")
        summary.append(" · p: past")
        self.query_one("#past-summary", Line).update(summary)

    def show_context(
        self, journal: Journal, entry: dict[str, Any], stakeholder: dict[str, Any] | None
    ) -> None:
        """Offer the prompts that follow up the contact just logged."""
        self.context = prompts.after_interaction(entry, stakeholder)
        self.context_entry = entry
        self.context_name = (stakeholder or {}).get("name", "")
        self.reload(journal)
        self.options.highlighted = 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(AnswerPrompt())

    def action_clear_context(self) -> None:
        self.context = []
        self.context_entry = None
        self.post_message(ReflectionContextCleared())

    @property
    def selected(self) -> tuple[prompts.Prompt, dict[str, Any] | None] | None:
        """The highlighted prompt and the entry it is about (context prompts)."""
        index = self.options.highlighted
        if index is None:
            return None
        option = self.options.get_option_at_index(index)
        if option.id is None:
            return None
        source, _, prompt_id = option.id.partition(":")
        entry = self.context_entry if source == "context" else None
        return prompts.get(prompt_id), entry

    def main_widget(self) -> Widget:
        return self.options
