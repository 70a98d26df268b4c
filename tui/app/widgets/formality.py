"""A two-way choice between a formal and an informal contact."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Checkbox

from .. import keys


class FormalityToggle(Widget, can_focus=True):
    """``◉ Formal  ○ Informal``: space, arrows or a click switch it."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("formality")
    DEFAULT_CSS = """
    FormalityToggle { height: 1; width: auto; padding: 0 1; }
    FormalityToggle:focus { background: $boost; text-style: bold; }
    """

    formal: reactive[bool] = reactive(False)

    def __init__(self, formal: bool = False, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(FormalityToggle.formal, formal)

    def render(self) -> Text:
        text = Text()
        for label, chosen in (("Formal", self.formal), ("Informal", not self.formal)):
            text.append("◉ " if chosen else "○ ", "bold" if chosen else "dim")
            text.append(label, "bold underline" if chosen else "dim")
            text.append("   ")
        return text

    def action_toggle(self) -> None:
        self.formal = not self.formal

    def on_click(self, event: events.Click) -> None:
        self.formal = event.x < len("◉ Formal ") + 1


class Tick(Checkbox):
    """A checkbox whose mark shows only when it is ticked, so its state reads
    without colour too."""

    def __init__(self, label: str, value: bool = False, *, id: str | None = None) -> None:
        super().__init__(label, value, id=id, compact=True)
        self.BUTTON_INNER = "✓" if value else " "

    def watch_value(self, value: bool) -> None:
        self.BUTTON_INNER = "✓" if value else " "
        super().watch_value()  # the -on class and the Changed message
        self.refresh()
