"""Opening the journal a command works on, and telling what happened on the way
(a new journal started, conflicted copies merged, a read-only file)."""

from __future__ import annotations

import argparse
import sys

from journal.clock import Clock
from journal.copies import CopyOutcome
from journal.journal import Journal, resolve_path
from journal.paths import LocalDirs

from .output import safe

#: Journals this command opened: their save warnings are printed at the end.
OPENED: list[Journal] = []


def open_journal(
    args: argparse.Namespace,
    *,
    read_only: bool = False,
    clock: Clock | None = None,
    merge_copies: bool = True,
    create: bool = False,
) -> Journal:
    """The journal a command works on. Only a command that can put something
    into a new journal (``create``) starts one at a path the user named."""
    dirs = LocalDirs.default()
    path, _explicit = resolve_path(args.file, dirs)
    existed = path.exists() or path.is_symlink()
    journal = Journal.open(
        args.file,
        read_only=read_only,
        clock=clock,
        dirs=dirs,
        merge_copies=merge_copies,
        create=create,
    )
    OPENED.append(journal)
    # Journal.created also holds for an existing file this machine never saved
    # (no backups yet); only say "new" when this open made the file.
    if not existed and journal.path.exists():
        print(f"sj: started a new journal at {safe(journal.path)}", file=sys.stderr)
    for notice in journal.storage.notices:
        print(f"sj: {safe(notice)}", file=sys.stderr)
    for outcome in journal.copies_on_open.copies:
        print(f"sj: {safe(describe_copy(outcome))}", file=sys.stderr)
    if journal.read_only_reason and not read_only:
        print(f"sj: {safe(journal.read_only_reason)}", file=sys.stderr)
    return journal


def describe_copy(outcome: CopyOutcome) -> str:
    """One line on what became of a conflicted copy, with what to do next."""
    name = outcome.path.name
    if outcome.merged:
        where = f"moved to {outcome.moved_to}" if outcome.moved_to else outcome.reason
        return (
            f"merged {outcome.service} conflicted copy {name} "
            f"({outcome.changed} records); {where or 'already gone'}"
        )
    if outcome.foreign:
        return (
            f"{name} is a copy of a different journal (the two were started apart); "
            f'to fold its records into this one, run: sj merge --adopt "{outcome.path}"'
        )
    return f"conflicted copy {name} {outcome.reason}"
