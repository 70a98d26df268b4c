"""``sj check``: is the journal file sound? Exit 0 when it is, 1 with reasons."""

from __future__ import annotations

import argparse
import sys

from journal.errors import JournalError
from journal.integrity import check_journal
from journal.journal import Journal
from journal.wording import count

from .output import print_json, safe


def run_check(args: argparse.Namespace) -> int:
    try:
        journal = Journal.open(args.file, create=False)
    except JournalError as exc:
        if args.json:
            print_json({"file": args.file, "sound": False, "problems": [str(exc)], "notes": []})
        else:
            print(f"sj: {safe(exc)}", file=sys.stderr)
        return 1
    report = check_journal(journal)
    if args.json:
        print_json(report)
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
        print(f"  backups: {len(report['backups'])} in {safe(local['backups'])}")
        print(
            f"  on this machine only: merged copies in {safe(local['merged_copies'])}, "
            f"log of this machine's writes {safe(local['written_log'])}, "
            f"lock {safe(local['lock'])}"
        )
    return 0 if report["sound"] else 1
