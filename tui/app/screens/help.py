"""Every key, by pane, with the binding ids the config file can remap."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..widgets.goals import GoalsPane
from ..widgets.journal_pane import JournalPane
from ..widgets.reflection import ReflectionPane
from ..widgets.stakeholders import StakeholderPane

INTRO = (
    "Who is due shows first: ! overdue (red), ~ due soon (yellow), ✓ in touch (green), "
    "· no cadence; ★ marks a key influencer, ◆ this month's focus set (listed first). "
    "A due date marked F is a follow-up's, P a promise's: logging a contact does not "
    "settle those. Log a contact with l, and the contact clock restarts; t shows who "
    "to reach out to today."
)


def sections() -> list[tuple[str, list[Binding]]]:
    from .brief import BriefScreen
    from .contact_review import ContactReviewScreen
    from .main import MainScreen
    from .map import MapScreen
    from .promises import PromisesScreen

    def of(screen: type) -> list[Binding]:
        return [b for b in screen.BINDINGS if isinstance(b, Binding)]

    return [
        ("Everywhere", [b for b in MainScreen.BINDINGS if isinstance(b, Binding)]),
        ("1 Stakeholders", [b for b in StakeholderPane.BINDINGS if isinstance(b, Binding)]),
        ("2 Journal", [b for b in JournalPane.BINDINGS if isinstance(b, Binding)]),
        ("3 Reflection", [b for b in ReflectionPane.BINDINGS if isinstance(b, Binding)]),
        ("4 Goals", [b for b in GoalsPane.BINDINGS if isinstance(b, Binding)]),
        ("Brief", of(BriefScreen)),
        ("Promises", of(PromisesScreen)),
        ("Stakeholder map", of(MapScreen)),
        ("Contact log", of(ContactReviewScreen)),
        (
            "Forms",
            [
                Binding("ctrl+s", "", "Save (Enter too, in one-line fields)", id="form.save"),
                Binding("escape", "", "Cancel (asks if you typed something)", id="form.cancel"),
                Binding("tab", "", "Next field"),
            ],
        ),
    ]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss(None)", "Close", id="help.close"),
    ]

    def __init__(self, keymap: dict[str, str] | None = None, config_path: str = "") -> None:
        super().__init__()
        self.keymap = keymap or {}
        self.config_path = config_path

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(INTRO + "\n")
        for title, bindings in sections():
            text.append(f"\n{title}\n", "bold underline")
            for binding in bindings:
                keys = self.keymap.get(binding.id or "", binding.key)
                shown = ", ".join(
                    self.app.get_key_display(Binding(k.strip(), "")) for k in keys.split(",")
                )
                text.append(f"  {shown:<14}", "bold")
                text.append(f"{binding.description:<22}")
                if binding.id:
                    text.append(binding.id, "dim")
                text.append("\n")
        text.append("\nCommand palette: ctrl+p lists every action by name.\n")
        text.append(
            "Remap keys in the config file, by binding id:\n"
            '  [keys]\n  "stakeholders.quick-log" = "ctrl+l"\n'
        )
        if self.config_path:
            text.append(f"  ({self.config_path})\n", "dim")
        with Vertical(id="help-dialog", classes="dialog"):
            yield Label(Text("Keys", style="bold"), id="form-title")
            with VerticalScroll(id="help-body"):
                yield Static(text)
            yield Static("Esc: close", id="form-hint")
