"""A one-line text widget that repaints without a layout pass.

``Static.update`` asks for a new layout of the whole screen; these summary
lines have a fixed height of one, so a repaint is all they need, which keeps
moving through 500 stakeholders quick.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class Line(Widget):
    """One line of text; what does not fit ends in ``…`` rather than being
    cut off where it reads like the whole line."""

    DEFAULT_CSS = "Line { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }"

    def __init__(self, text: Text | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text or Text()

    def update(self, text: Text) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        return self._text
