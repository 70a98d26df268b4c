"""What the four panes of the main screen share."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widget import Widget


class Pane(Vertical):
    """One of the main screen's panes: a number key focuses its main widget."""

    def main_widget(self) -> Widget:
        """The widget that takes the focus when the pane is chosen."""
        raise NotImplementedError

    def focus_main(self) -> None:
        self.main_widget().focus()
