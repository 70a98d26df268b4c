"""The terminal app (placeholder until the app lands)."""

from __future__ import annotations

from pathlib import Path


def run_app(file: str | None, *, demo_root: Path | None = None) -> int:
    from textual.app import App
    from textual.widgets import Static

    class Placeholder(App):
        def compose(self):
            yield Static("Stakeholder Journal: the terminal app is coming. Use `sj --help`.")

    Placeholder().run()
    return 0
