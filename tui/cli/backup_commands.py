"""``sj backups`` and ``sj backups restore N``: this machine's backups of the
journal, listed and put back. Both work on a journal that cannot be read."""

from __future__ import annotations

import argparse
from typing import Any

from journal.paths import LocalDirs
from journal.restore import Backup, journal_path, list_backups, restore, set_aside_folder
from journal.wording import count

from .output import print_json, safe, table

RESTORE_HINT = (
    "To put one back: sj backups restore N (the journal as it is now is kept aside first)."
)


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("backups", help="list this machine's backups of the journal; restore one")
    p.set_defaults(func=cmd_backups)
    p.add_argument("--json", action="store_true")
    actions = p.add_subparsers(dest="backups_command", metavar="ACTION")
    r = actions.add_parser(
        "restore", help="put backup N back; nothing in the journal as it is now is lost"
    )
    r.add_argument("number", metavar="N", help="the backup's number in `sj backups` (1: newest)")
    r.set_defaults(func=cmd_restore)


def size_text(size: int) -> str:
    """``812 B``, ``4.2 KB``, ``13 MB``."""
    if size < 1024:
        return f"{size} B"
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def kept_text(backup: Backup) -> str:
    """When the version was replaced, in local time."""
    return backup.kept_at.astimezone().strftime("%Y-%m-%d %H:%M")


def backup_rows(backups: list[Backup]) -> list[list[str]]:
    """Number, time, size and (when read) what each backup holds."""
    rows = []
    for b in backups:
        if b.problem is not None:
            holds = "cannot be read"
        elif b.entries is None:
            holds = ""
        else:
            holds = f"{count(b.people or 0, 'person', 'people')}, {count(b.entries, 'entry', 'entries')}"
        rows.append([str(b.number), kept_text(b), size_text(b.size), holds])
    return rows


def cmd_backups(args: argparse.Namespace) -> int:
    dirs = LocalDirs.default()
    path = journal_path(args.file, dirs)
    backups = list_backups(path, dirs)
    folder = dirs.backup_folder(path)
    aside = set_aside_folder(path, dirs)
    if args.json:
        print_json(
            {
                "file": str(path),
                "folder": str(folder),
                "set_aside": str(aside),
                "backups": [backup_json(b) for b in backups],
            }
        )
        return 0
    if not backups:
        print(
            f"No backups of {safe(path)} on this machine yet: one is kept at each save, "
            f"in {safe(folder)}."
        )
        return 0
    print(f"Backups of {safe(path)} on this machine, newest first, in {safe(folder)}:")
    print(table(backup_rows(backups), ["N", "REPLACED AT", "SIZE", "HOLDS"]))
    for b in backups:
        if b.problem is not None:
            print(f"  {b.number}: {safe(b.problem)}")
    print(RESTORE_HINT)
    if aside.is_dir() and any(aside.iterdir()):
        print(f"Journals set aside by earlier restores: {safe(aside)}")
    return 0


def backup_json(b: Backup) -> dict[str, Any]:
    """A backup for scripts; what it holds only when it was read."""
    listed: dict[str, Any] = {
        "number": b.number,
        "file": str(b.path),
        "replaced_at": b.kept_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "size": b.size,
    }
    if b.entries is not None or b.problem is not None:
        listed.update(stakeholders=b.people, entries=b.entries, problem=b.problem)
    return listed


def cmd_restore(args: argparse.Namespace) -> int:
    done = restore(args.file, args.number)
    b = done.backup
    which = f"backup {b.number} (replaced at {kept_text(b)})"
    if done.replaced:
        print(f"Put {which} in place of {safe(done.path)}.")
        if done.total:
            print(
                f"What this machine wrote since that backup was merged back in "
                f"({count(done.total, 'record')})."
            )
    elif done.set_aside is None:
        print(
            f"Nothing to restore: {safe(done.path)} already holds everything in {which}; "
            "nothing was changed."
        )
        return 0
    else:
        print(
            f"Merged {which} into {safe(done.path)}: {count(done.total, 'record')} brought back; "
            "everything the journal held stays."
        )
    if done.set_aside is not None:
        what = "damaged file" if done.replaced else "journal as it was"
        print(f"The {what} is kept, readable only by you, at {safe(done.set_aside)}")
    return 0
