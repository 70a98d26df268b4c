"""A yes/no question in a small modal dialog."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from .. import keys


class ConfirmDialog(ModalScreen[bool]):
    """Dismisses with True (yes) or False (no, escape)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("confirm")

    def __init__(self, question: Text | str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question if isinstance(question, Text) else Text(question)
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes", compact=True)
                yield Button(f"{self.no} (n)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
