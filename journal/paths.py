"""Where the program keeps things on this machine.

The journal itself may live in a synced folder; everything here is local to
one machine and must never sync: the device identity, the write lock, the
rolling backups, the log of this machine's saves and the conflicted copies
already merged. platformdirs picks the platform's folders (and honours the
XDG_* variables on Linux).

Everything is keyed on the journal's *resolved* path: the same file reached
through a symbolic link, a linked folder or a ``..`` must share one lock and
one log, or two writers on one machine would not wait for each other.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

from .private import private_folder, write_private

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
        """A short stable name for one journal file on this machine, the same
        for every spelling of its path."""
        resolved = resolved_path(journal)
        digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:10]
        return f"{resolved.stem}-{digest}"

    def lock_file(self, journal: Path) -> Path:
        return self.cache / "locks" / f"{self.journal_key(journal)}.lock"

    def backup_folder(self, journal: Path) -> Path:
        return self.backups / self.journal_key(journal)

    def merged_copies_folder(self, journal: Path) -> Path:
        return self.backup_folder(journal) / "merged-copies"

    def written_log(self, journal: Path) -> Path:
        """The log of the record versions this machine wrote to the journal:
        merged back whenever the file turns up without them."""
        return self.state / "written" / f"{self.journal_key(journal)}.log"

    def device(self) -> str:
        """This machine's device id: created once, kept in the state folder."""
        path = self.state / "device.json"
        try:
            return str(json.loads(path.read_text())["device"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        device = uuid.uuid4().hex[:12]
        write_private(path, json.dumps({"device": device, "host": host_name()}).encode())
        return device

    def private(self, folder: Path) -> Path:
        """``folder`` (one of these local folders or below), created private."""
        return private_folder(folder)

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
        key = str(resolved_path(journal))
        if known.get(key) == store_id:
            return
        known[key] = store_id
        write_private(self._known_path(), json.dumps(known, indent=1, sort_keys=True).encode())

    def known_store_id(self, journal: Path) -> str | None:
        """The journal id this machine last saw at that path, if any."""
        known = self.known_journals()
        # Older versions keyed the list on the path as typed.
        return known.get(str(resolved_path(journal))) or known.get(
            str(journal.expanduser().absolute())
        )

    def was_known(self, journal: Path) -> bool:
        return self.known_store_id(journal) is not None


def resolved_path(journal: Path) -> Path:
    """The file itself: links and ``..`` resolved (also for a missing file)."""
    return Path(os.path.realpath(journal.expanduser()))


def host_name() -> str:
    """This computer's name, as sync services that name copies after it use it."""
    return socket.gethostname().split(".")[0]
