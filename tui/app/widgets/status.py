"""The status line: which file, how many are overdue, and the sync state."""

from __future__ import annotations

from rich.text import Text

from ..text import clean
from .line import Line

#: Sync state → (symbol, style).
SYNC_STATES = {
    "saved": ("●", "green"),
    "saving": ("◐", "yellow"),
    "unsaved": ("○", "yellow"),
    "changed on disk": ("⟳", "cyan"),
    "save failed": ("✗", "bold red"),
    "unreadable on disk": ("✗", "bold red"),
    "read-only": ("⊘", "bold red"),
}


class StatusLine(Line):
    """One line at the top of the main screen."""

    def show(
        self,
        *,
        file: str,
        overdue: int,
        due_soon: int,
        sync: str,
        detail: str = "",
        demo: bool = False,
    ) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" Stakeholder Journal ", "bold reverse")
        text.append(" ")
        if demo:
            text.append("demo ", "bold magenta")
        text.append(clean(file))
        text.append("  ")
        text.append(f"! {overdue} overdue", "bold red" if overdue else "green")
        text.append("  ")
        text.append(f"~ {due_soon} due soon", "yellow" if due_soon else "")
        text.append("  ")
        symbol, style = SYNC_STATES.get(sync, ("?", ""))
        text.append(f"{symbol} {sync}", style)
        if detail:
            text.append(f": {clean(detail)}", style)
        self.update(text)
