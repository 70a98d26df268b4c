"""The command palette (ctrl+p): every action of the app, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from . import keys


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
