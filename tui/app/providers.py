"""The command palette (ctrl+p): every action of the app, by name."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from journal.resolve import closeness
from journal.rules import fold

from . import keys

#: How close (0-100) a typed name must be to a stakeholder's for "Go to".
GO_TO_SCORE = 70
GO_WORDS = ("go to ", "go ", "goto ")


class JournalCommands(Provider):
    """The actions of the table in ``keys`` that have a palette title, each
    run where its key would run it: on the app, the main screen or a pane."""

    def _commands(self):
        from .screens.main import MainScreen

        main = self.app.screen_stack[0]
        if not isinstance(main, MainScreen):
            return
        for action in keys.palette():
            name = action.action
            if name.startswith("app."):
                target = self.app
            elif name.startswith("screen.") or action.place not in keys.PANE_IDS:
                target = main
            else:
                target = main.query_one(f"#{keys.PANE_IDS[action.place]}")
            name = name.removeprefix("app.").removeprefix("screen.")
            yield action.title, action.help, partial(self.app.run_action, name, target)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        for hit in self._go_to(query):
            yield hit

    def _go_to(self, query: str) -> list[Hit]:
        """ "Go to <name>" for the stakeholders whose names are close to what
        was typed (typos and missing accents forgiven)."""
        from .screens.main import MainScreen

        main = self.app.screen_stack[0]
        typed = " ".join(fold(query).split())
        for word in GO_WORDS:
            typed = typed.removeprefix(word)
        if not isinstance(main, MainScreen) or len(typed) < 2:
            return []
        app: Any = self.app
        names = app.journal.unique_names()
        ids = {name: sid for sid, name in names.items()}
        hits = []
        for name, score in closeness(typed, names.values(), GO_TO_SCORE):
            title = f"Go to {name}"
            hits.append(
                Hit(
                    score / 100,
                    Content(title),  # literal: a name is never markup
                    partial(main.go_to_stakeholder, ids[name]),
                    text=title,
                    help="select them in pane 1",
                )
            )
        return hits
