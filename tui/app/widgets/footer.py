"""The footer of the full screens: help and quit first, so a narrow terminal
(80 columns) still shows the way to every other key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Shown first, whatever the focused pane adds after them.
FIRST = ("app.help", "app.quit")


class KeyFooter(Footer):
    """A compact Footer whose help and quit keys come first."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        # The bindings used here have no groups, so every item is a plain
        # FooterKey and the items can be put in another order.
        keys = list(super().compose())
        first = [k for k in keys if isinstance(k, FooterKey) and k.action in FIRST]
        yield from sorted(first, key=lambda k: FIRST.index(k.action))
        yield from (k for k in keys if k not in first)
