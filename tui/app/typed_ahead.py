"""Keys typed ahead while the app is busy.

Textual hands each key to the widget focused when the key is read. When the
app is busy, several keys wait in that widget's queue; the first may open a
form or a dialog (from a worker, so the form is up a moment later), and the
keys after it would then run the main screen's bindings: ``l`` then
``Coffee`` opened the map and the edit form. While a dialog is opening, the
app drops such keys from the bindings and keeps their characters; the form
takes them once it is up, a confirmation never does.
"""

from __future__ import annotations

import time
from typing import Any

from textual import events

#: How old a key typed ahead of a form may be and still go into it.
TYPED_AHEAD_SECONDS = 2.0


class TypedAhead:
    """Mixed into the app, before :class:`textual.app.App` (its key
    handler runs first and can keep the bindings from running)."""

    screen: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Characters typed while a dialog was opening: (when, key).
        self._typed_ahead: list[tuple[float, events.Key]] = []

    def on_key(self, event: events.Key) -> None:
        """Keys typed ahead while the app was busy can reach the bindings
        after the key that opens a form, before the form is up: those are
        dropped rather than run as the main screen's keys (``l`` then
        ``Coffee`` must not open the map and the edit form)."""
        screen = self.screen
        if getattr(screen, "opening_dialog", None) and screen.opening_dialog():
            event.prevent_default()  # the bindings (App._on_key) do not run
            if event.is_printable and event.character:
                self._typed_ahead.append((time.monotonic(), events.Key(event.key, event.character)))
        else:
            self._typed_ahead.clear()  # a key was taken as typed: nothing is ahead

    def replay_typed_ahead(self) -> None:
        """A form is up: the characters typed ahead (in the last two
        seconds) go to its field."""
        recent = time.monotonic() - TYPED_AHEAD_SECONDS
        keys = [key for when, key in self._typed_ahead if when >= recent]
        self._typed_ahead.clear()
        for key in keys:
            self.post_message(key)
