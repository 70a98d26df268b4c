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
_THEME_LINE = re.compile(r"^theme\s*=.*$", re.M)


@dataclass
class Settings:
    """What the app reads from the config file."""

    path: Path | None = None
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
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
        keys = data.get("keys", {})
        if isinstance(keys, dict):
            settings.keys = {str(k): str(v) for k, v in keys.items() if isinstance(v, str)}
        return settings

    def remember_theme(self, theme: str) -> None:
        """Write the theme into the config file, keeping everything else in it."""
        if self.path is None or theme == self.theme:
            return
        self.theme = theme
        line = f'theme = "{theme}"'
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except OSError:
            return
        # Top-level keys must come before the first table, so a new line goes first.
        text = (
            _THEME_LINE.sub(line, text, count=1) if _THEME_LINE.search(text) else f"{line}\n{text}"
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # a theme that is not remembered is not worth an error
