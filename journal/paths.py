"""Where the program keeps things on this machine.

The journal itself may live in a synced folder; everything here is local to
one machine and must never sync: the device identity, the write lock, the
rolling backups and the conflicted copies already merged. platformdirs picks
the platform's folders (and honours the XDG_* variables on Linux).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "stakeholder-journal"
DEFAULT_FILE_NAME = "journal.json"


@dataclass(frozen=True)
class LocalDirs:
    """The local folders; build with :meth:`default` or point at a test folder."""

    data: Path  # default journal location
    state: Path  # device identity, known journals, last saved versions
    cache: Path  # lock files
    backups: Path  # rolling backups and merged conflicted copies
    config: Path  # user settings (key bindings, theme)

    @classmethod
    def default(cls) -> LocalDirs:
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            data=Path(dirs.user_data_dir),
            state=Path(dirs.user_state_dir),
            cache=Path(dirs.user_cache_dir),
            backups=Path(dirs.user_state_dir) / "backups",
            config=Path(dirs.user_config_dir),
        )

    @classmethod
    def under(cls, root: Path) -> LocalDirs:
        """All folders below one root (tests, demos)."""
        return cls(
            data=root / "data",
            state=root / "state",
            cache=root / "cache",
            backups=root / "state" / "backups",
            config=root / "config",
        )

    def default_journal(self) -> Path:
        return self.data / DEFAULT_FILE_NAME

    def journal_key(self, journal: Path) -> str:
        """A short stable name for one journal file on this machine."""
        resolved = str(journal.expanduser().absolute())
        digest = hashlib.sha1(resolved.encode()).hexdigest()[:10]
        return f"{journal.stem}-{digest}"

    def lock_file(self, journal: Path) -> Path:
        return self.cache / "locks" / f"{self.journal_key(journal)}.lock"

    def backup_folder(self, journal: Path) -> Path:
        return self.backups / self.journal_key(journal)

    def merged_copies_folder(self, journal: Path) -> Path:
        return self.backup_folder(journal) / "merged-copies"

    def last_saved_file(self, journal: Path) -> Path:
        """This machine's last saved version of the journal: merged back in
        when the file turns up without it (an older copy put in its place)."""
        return self.state / "last-saved" / f"{self.journal_key(journal)}.json"

    def device(self) -> str:
        """This machine's device id: created once, kept in the state folder."""
        path = self.state / "device.json"
        try:
            return str(json.loads(path.read_text())["device"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        device = uuid.uuid4().hex[:12]
        self.state.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"device": device, "host": socket.gethostname()}))
        os.replace(tmp, path)
        return device

    # -- journals this machine has opened: a missing one is not silently recreated

    def _known_path(self) -> Path:
        return self.state / "known-journals.json"

    def known_journals(self) -> dict[str, str]:
        try:
            data = json.loads(self._known_path().read_text())
            return {str(k): str(v) for k, v in data.items()}
        except (OSError, ValueError, AttributeError):
            return {}

    def remember_journal(self, journal: Path, store_id: str) -> None:
        known = self.known_journals()
        key = str(journal.expanduser().absolute())
        if known.get(key) == store_id:
            return
        known[key] = store_id
        self.state.mkdir(parents=True, exist_ok=True)
        tmp = self._known_path().with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(known, indent=1, sort_keys=True))
        os.replace(tmp, self._known_path())

    def was_known(self, journal: Path) -> bool:
        return str(journal.expanduser().absolute()) in self.known_journals()
