"""User settings and remembered state.

The user's ``config.toml`` in the platform config folder is read, never
written:

```toml
theme = "nord"

[keys]
"stakeholders.quick-log" = "l"
"app.help" = "f1,question_mark"
```

A key map entry names a binding id (the help screen lists them) and the key
or keys (comma-separated) that trigger it. What the app remembers by itself
(the theme last picked, the month the monthly review was offered, the
contact whose after-contact questions pane 3 shows, per journal file) goes to
``settings-state.json`` in the platform state folder; a theme set in the
config file wins over the one remembered.
"""

from __future__ import annotations

import contextlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from journal.paths import LocalDirs
from journal.private import write_private

FILE_NAME = "config.toml"
STATE_NAME = "settings-state.json"


@dataclass
class Settings:
    """What the app reads from the config file, and what it remembers."""

    path: Path | None = None
    #: Where remembered state goes (None: nothing is remembered, as in tests).
    state_path: Path | None = None
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    #: The month (YYYY-MM) the monthly review was last offered, so it is offered once.
    review_offered: str | None = None
    #: Journal file → the entry whose after-contact questions pane 3 offers,
    #: so they are still there after a quit.
    after_contact: dict[str, str] = field(default_factory=dict)
    problem: str | None = None  # a one-line message when the file could not be used

    @classmethod
    def load(cls, dirs: LocalDirs, state: Path | None = None) -> Settings:
        """The user's settings, and the state remembered in ``state`` (a
        folder; by default ``dirs.state``: a demo passes its own)."""
        path = dirs.config / FILE_NAME
        settings = cls(path=path, state_path=(state or dirs.state) / STATE_NAME)
        remembered = settings._remembered()
        settings.theme = _text(remembered.get("theme"))
        settings.review_offered = _text(remembered.get("review_offered"))
        after = remembered.get("after_contact")
        if isinstance(after, dict):
            settings.after_contact = {
                str(k): v for k, v in after.items() if isinstance(v, str) and v
            }
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return settings
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            settings.problem = f"{path} was not used: {exc}"
            return settings
        settings.theme = _text(data.get("theme")) or settings.theme
        keys = data.get("keys", {})
        if isinstance(keys, dict):
            settings.keys = {str(k): str(v) for k, v in keys.items() if isinstance(v, str)}
        return settings

    def remember_theme(self, theme: str) -> None:
        if theme != self.theme:
            self.remember("theme", theme)

    def remember_after_contact(self, journal: Path, entry_id: str | None) -> None:
        """The entry whose after-contact questions are on offer in this
        journal (None: none any more)."""
        after = dict(self.after_contact)
        after.pop(str(journal), None)
        if entry_id:
            after[str(journal)] = entry_id
        if after != self.after_contact:
            self.remember("after_contact", after)

    def remember(self, name: str, value: object) -> None:
        """Remember a setting (``theme``, ``review_offered``, ``after_contact``)
        in the state file; the config file is the user's and stays as they
        wrote it."""
        setattr(self, name, value)
        if self.state_path is None:
            return
        state = self._remembered()
        state[name] = value
        # A setting that is not remembered is not worth an error.
        with contextlib.suppress(OSError):
            write_private(self.state_path, json.dumps(state, indent=1).encode("utf-8"))

    def _remembered(self) -> dict[str, object]:
        if self.state_path is None:
            return {}
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) else {}

    def unknown_keys(self, known: set[str]) -> list[str]:
        """Key map entries that name no binding (a typo in the config file)."""
        return sorted(k for k in self.keys if k not in known)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
