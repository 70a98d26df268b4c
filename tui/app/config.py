"""User settings: key bindings and the theme, in ``config.toml`` in the
platform config folder (``LocalDirs.config``).

```toml
theme = "nord"

[keys]
"stakeholders.quick-log" = "l"
"app.help" = "f1,question_mark"
```

A key map entry names a binding id (see the help screen) and the key or keys
(comma-separated) that trigger it.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from journal.paths import LocalDirs

FILE_NAME = "config.toml"


@dataclass
class Settings:
    """What the app reads from the config file."""

    path: Path | None = None
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    #: The month (YYYY-MM) the monthly review was last offered, so it is offered once.
    review_offered: str | None = None
    problem: str | None = None  # a one-line message when the file could not be used

    @classmethod
    def load(cls, dirs: LocalDirs) -> Settings:
        path = dirs.config / FILE_NAME
        settings = cls(path=path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return settings
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            settings.problem = f"{path} was not used: {exc}"
            return settings
        theme = data.get("theme")
        settings.theme = theme if isinstance(theme, str) else None
        offered = data.get("review_offered")
        settings.review_offered = offered if isinstance(offered, str) else None
        keys = data.get("keys", {})
        if isinstance(keys, dict):
            settings.keys = {str(k): str(v) for k, v in keys.items() if isinstance(v, str)}
        return settings

    def remember_theme(self, theme: str) -> None:
        """Write the theme into the config file, keeping everything else in it."""
        if theme != self.theme:
            self.remember("theme", theme)

    def remember(self, name: str, value: str) -> None:
        """Set a top-level string setting (``theme``, ``review_offered``) here
        and in the config file, keeping everything else in the file."""
        setattr(self, name, value)
        if self.path is None:
            return
        line = f"{name} = {_toml_string(value)}"
        pattern = re.compile(rf"^{re.escape(name)}\s*=.*$", re.M)
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except OSError:
            return
        # Top-level keys must come before the first table, so a new line goes first.
        text = (
            pattern.sub(lambda _m: line, text, count=1)
            if pattern.search(text)
            else f"{line}\n{text}"
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # a setting that is not remembered is not worth an error


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
