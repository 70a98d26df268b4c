"""``sj check``: is the journal file sound? Exit 0 when it is, 1 with reasons.
Whether or not the file can be read, it lists this machine's backups of it."""

from __future__ import annotations

import argparse
import sys

from journal.errors import JournalError
from journal.integrity import check_journal
from journal.journal import Journal
from journal.paths import LocalDirs
from journal.restore import Backup, journal_path, list_backups
from journal.wording import count

from .backup_commands import RESTORE_HINT, backup_json, backup_rows
from .output import print_json, safe, table


def run_check(args: argparse.Namespace) -> int:
    dirs = LocalDirs.default()
    path = journal_path(args.file, dirs)
    backups = list_backups(path, dirs, read=False)
    folder = str(dirs.backup_folder(path))
    listed = [backup_json(b) for b in backups]
    try:
        journal = Journal.open(args.file, create=False)
    except JournalError as exc:
        if args.json:
            print_json(
                {
                    "file": str(path),
                    "sound": False,
                    "problems": [str(exc)],
                    "notes": [],
                    "backups": listed,
                    "local": {"backups": folder},
                }
            )
        else:
            print(f"sj: {safe(exc)}", file=sys.stderr)
            print(f"{safe(path)}: NOT sound")
            _print_backups(backups, folder)
        return 1
    report = check_journal(journal)
    if args.json:
        print_json({**report, "backups": listed})
    else:
        counts = ", ".join(
            count(n, name.removesuffix("s"), name) for name, n in report["records"].items() if n
        )
        verdict = "sound" if report["sound"] else "NOT sound"
        print(f"{safe(report['file'])}: {verdict} ({counts or 'empty'})")
        for problem in report["problems"]:
            print(f"  problem: {safe(problem)}")
        for copy in report["conflicted_copies"]:
            if copy["foreign"]:
                print(f'  to fold it in: sj merge --adopt "{safe(copy["file"])}"')
        for note in report["notes"]:
            print(f"  note: {safe(note)}")
        local = report["local"]
        _print_backups(backups, local["backups"])
        print(
            f"  on this machine only: merged copies in {safe(local['merged_copies'])}, "
            f"log of this machine's writes {safe(local['written_log'])}, "
            f"lock {safe(local['lock'])}"
        )
    return 0 if report["sound"] else 1


def _print_backups(backups: list[Backup], folder: str) -> None:
    print(f"  backups: {len(backups)} in {safe(folder)}")
    if not backups:
        return
    rows = [row[:3] for row in backup_rows(backups)]
    print(
        "\n".join("    " + line for line in table(rows, ["N", "REPLACED AT", "SIZE"]).splitlines())
    )
    print(f"  {RESTORE_HINT} `sj backups` shows what each holds.")
