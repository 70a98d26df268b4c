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


def _prompt_option(prompt: prompts.Prompt, option_id: str, answered: bool) -> Option:
    """A prompt on offer; once answered, marked so and no longer chosen by Enter
    (past answers are under p)."""
    if not answered:
        return Option(Text(prompt.text), id=option_id)
    text = Text("✓ answered · ", style="bold")
    text.append(prompt.text, style="dim")
    return Option(text, id=option_id, disabled=True)


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
        entry_id = (self.context_entry or {}).get("id")
        # What was answered: a context prompt about this entry, today's prompt today.
        about_entry = {
            r.get("prompt_id") for r in answered if entry_id and r.get("interaction") == entry_id
        }
        answered_today = {r.get("prompt_id") for r in answered if r.get("date") == today}
        options: list[Option | None] = []
        if self.context:
            heading = Text("After your contact with ", style="bold")
            heading.append(clean(self.context_name))
            options.append(Option(heading, disabled=True))
            options.extend(
                _prompt_option(p, f"context:{p.id}", p.id in about_entry) for p in self.context
            )
            options.append(None)
        options.append(Option(Text("Today's prompt", style="bold"), disabled=True))
        daily = self.daily
        options.append(_prompt_option(daily, f"daily:{daily.id}", daily.id in answered_today))
        highlighted = self.options.highlighted
        self.options.clear_options()
        self.options.add_options(options)
        open_ones = [i for i, o in enumerate(options) if o is not None and not o.disabled]
        if highlighted not in open_ones:
            # The next question still open (after the one just answered), if any.
            later = [i for i in open_ones if highlighted is None or i > highlighted]
            highlighted = (later or open_ones or [None])[0]
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
        self,
        journal: Journal,
        entry: dict[str, Any],
        stakeholder: dict[str, Any] | None,
        name: str = "",
    ) -> None:
        """Offer the prompts that follow up the contact just logged."""
        self.context = prompts.after_interaction(entry, stakeholder)
        self.context_entry = entry
        self.context_name = name or (stakeholder or {}).get("name", "")
        self.options.highlighted = None
        self.reload(journal)

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
