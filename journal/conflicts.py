"""Finding the conflicted copies sync services leave next to the journal.

Each service names them its own way; for a journal ``journal.json``:

- Dropbox: ``journal (Ana's conflicted copy 2026-11-28).json``, a second one
  the same day ``journal (Ana's conflicted copy 2026-11-28 (1)).json``
- Nextcloud / ownCloud: ``journal (conflicted copy 2026-11-28 101500).json``,
  older clients ``journal_conflict-20261128-101500.json``
- Syncthing: ``journal.sync-conflict-20261128-101500-ABCDEF1.json``
- OneDrive: ``journal-LAPTOP.json``, ``journal-LAPTOP-2.json`` (the computer's
  name: recognised only for the computers the journal names, so that a
  user's own ``journal-backup.json`` is never taken for a copy)
- iCloud Drive: ``journal 2.json``
- Google Drive: ``journal (1).json``

A match is only a candidate: the caller merges it only when it parses and
carries the same journal ``store_id``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .atomic import is_our_temp_file

#: Temporary files of sync clients: never journals.
TEMP_PATTERNS = (
    re.compile(r"^\.syncthing\..*\.tmp$"),
    re.compile(r"^~syncthing~.*\.tmp$"),
    re.compile(r"^\.~sj-.*\.tmp$"),  # our temp files as older versions named them
    re.compile(r"^~\$"),
)


@dataclass(frozen=True)
class ConflictedCopy:
    path: Path
    service: str


def _patterns(stem: str, ext: str, hosts: Iterable[str]) -> list[tuple[str, re.Pattern[str]]]:
    s, e = re.escape(stem), re.escape(ext)
    names = sorted({h for h in hosts if h}, key=len, reverse=True)
    onedrive = "|".join(re.escape(h) for h in names) or r"(?!)"
    return [
        ("Syncthing", re.compile(rf"^{s}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Z0-9]+{e}$")),
        # Dropbox numbers a second copy of the same day inside the parentheses:
        # ``journal (Ana's conflicted copy 2026-11-28 (1)).json``.
        (
            "Dropbox or Nextcloud",
            re.compile(rf"^{s} \([^()]*conflicted copy[^()]*(?: \(\d+\))?\){e}$", re.I),
        ),
        ("Nextcloud", re.compile(rf"^{s}_conflict-\d{{8}}-\d{{6}}{e}$")),
        ("Google Drive", re.compile(rf"^{s} \(\d+\){e}$")),
        ("iCloud Drive", re.compile(rf"^{s} \d+{e}$")),
        ("OneDrive", re.compile(rf"^{s}-(?:{onedrive})(?:-\d+)?{e}$", re.I)),
    ]


def is_temporary(name: str) -> bool:
    """A sync client's or our own temporary file."""
    return is_our_temp_file(name) or any(p.search(name) for p in TEMP_PATTERNS)


def find_conflicted_copies(journal: Path, hosts: Iterable[str] = ()) -> list[ConflictedCopy]:
    """Conflicted-copy candidates next to ``journal``, oldest name first;
    ``hosts`` are the computer names the journal knows (for OneDrive)."""
    folder = journal.parent
    patterns = _patterns(journal.stem, journal.suffix, hosts)
    found: list[ConflictedCopy] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if name == journal.name or is_temporary(name):
            continue
        for service, pattern in patterns:
            if pattern.match(name):
                if entry.is_file():
                    found.append(ConflictedCopy(entry, service))
                break
    return found
