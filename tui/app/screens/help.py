"""Every key, by pane, with the binding ids the config file can remap."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from .. import keys

INTRO = (
    "Who is due shows first: ! overdue (red), ~ due soon (yellow), ✓ in touch (green), "
    "· no cadence; ★ marks a key influencer, ◆ this month's focus set (listed first). "
    "A due date marked F is a follow-up's, P a promise's: logging a contact does not "
    "settle those. Log a contact with l, and the contact clock restarts; t shows who "
    "to reach out to today."
)


def sections() -> list[tuple[str, list[keys.AppAction]]]:
    """The help's sections, from the one table of actions."""
    return [
        (title, [a for place in places for a in keys.at(place) if a.keys])
        for title, places in keys.SECTIONS
    ]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("help")

    def __init__(self, keymap: dict[str, str] | None = None, config_path: str = "") -> None:
        super().__init__()
        self.keymap = keymap or {}
        self.config_path = config_path

    def _keys(self, binding: Binding) -> str:
        keys = self.keymap.get(binding.id or "", binding.key)
        return ", ".join(
            self.app.get_key_display(Binding(k.strip(), "")) for k in keys.split(",") if k.strip()
        )

    def compose(self) -> ComposeResult:
        quick_log = self._keys(Binding("l", "", id="stakeholders.quick-log"))
        parts: list[Any] = [Text(INTRO.replace("with l,", f"with {quick_log},") + "\n")]
        for title, actions in sections():
            parts.append(Text(f"\n{title}", "bold underline"))
            table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
            table.add_column("keys", style="bold", no_wrap=True, min_width=12)
            table.add_column("what", ratio=1, overflow="fold")
            table.add_column("id", style="dim", no_wrap=True)
            for action in actions:
                what = Text(action.label)
                if action.help:
                    what.append(f" · {action.help}", "dim")
                shown_id = action.id if action.action else ""
                table.add_row(self._keys(action.binding()), what, shown_id)
            parts.append(table)
        where = self.config_path or "config.toml in your config folder"
        parts.append(
            Text(
                "\nCommand palette: ctrl+p lists every action by name, and goes to a\n"
                "stakeholder by name (Go to Ana…; typos and accents are forgiven).\n"
                "The grey names are what to write in the config file to change a key:\n"
                '  [keys]\n  "stakeholders.quick-log" = "ctrl+l"\n'
                f"  ({where})\n"
            )
        )
        #: What the help says, as one renderable (tests read it too).
        self.body = Group(*parts)
        with Vertical(id="help-dialog", classes="dialog"):
            yield Label(Text("Keys", style="bold"), id="form-title")
            with VerticalScroll(id="help-body"):
                yield Static(self.body)
            yield Static("Esc: close", id="form-hint")
