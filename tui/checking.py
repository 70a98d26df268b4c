"""``sj check``: is the journal file sound? Exit 0 when it is, 1 with reasons."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from typing import Any

from journal.errors import JournalError
from journal.hlc import format_stamp
from journal.journal import Journal
from journal.records import RECORD_TABLES, TABLE_INTERACTIONS, TABLE_STAKEHOLDERS

from .output import print_json, safe


def inspect(journal: Journal) -> dict[str, Any]:
    """Findings about an open journal: problems make the check fail, notes do not."""
    problems: list[str] = []
    notes: list[str] = []
    counts: dict[str, int] = {}
    horizon = format_stamp(journal.clock.now() + dt.timedelta(days=1))
    future: list[str] = []
    for name in RECORD_TABLES:
        table = journal.table(name)
        counts[name] = sum(1 for r in table.values() if not r.get("deleted"))
        duplicates = [rid for rid, n in Counter(r["id"] for r in table.values()).items() if n > 1]
        if duplicates:
            problems.append(f"{name}: {len(duplicates)} ids appear twice (e.g. {duplicates[0]})")
        for record in table.values():
            if record.get("updated_at", "") > horizon:
                future.append(f"{name}/{record['id'][:8]} stamped {record['updated_at']}")
    if future:
        notes.append(
            f"{len(future)} records carry a time more than a day ahead (a machine's clock was "
            f"wrong?): " + "; ".join(future[:5])
        )
    known = {r["id"] for r in journal.table(TABLE_STAKEHOLDERS).values()}
    orphans = sum(
        1
        for entry in journal.records(TABLE_INTERACTIONS)
        for sid in entry.get("stakeholders", ())
        if sid not in known
    )
    if orphans:
        problems.append(f"{orphans} journal entries name stakeholders that are not in the file")
    conflicts = sum(1 for n in RECORD_TABLES for r in journal.table(n).values() if r.get("history"))
    if conflicts:
        notes.append(
            f"{conflicts} records kept the losing side of a concurrent edit in their history"
        )
    for outcome in journal.copies_on_open.copies:
        if outcome.merged:
            notes.append(
                f"merged conflicted copy {outcome.path.name} ({outcome.service}, "
                f"{outcome.changed} records); moved to {outcome.moved_to}"
            )
        else:
            notes.append(f"conflicted copy {outcome.path.name} {outcome.reason}")
    if journal.read_only_reason:
        notes.append(journal.read_only_reason)
    return {
        "file": str(journal.path),
        "store_id": journal.store_id,
        "sound": not problems,
        "records": counts,
        "problems": problems,
        "notes": notes,
        "backups": [str(p) for p in journal.storage.backups()],
    }


def run_check(args: argparse.Namespace) -> int:
    try:
        journal = Journal.open(args.file)
    except JournalError as exc:
        if args.json:
            print_json({"file": args.file, "sound": False, "problems": [str(exc)], "notes": []})
        else:
            print(f"sj: {safe(exc)}", file=sys.stderr)
        return 1
    report = inspect(journal)
    if args.json:
        print_json(report)
    else:
        counts = ", ".join(f"{n} {name}" for name, n in report["records"].items() if n)
        verdict = "sound" if report["sound"] else "NOT sound"
        print(f"{safe(report['file'])}: {verdict} ({counts or 'empty'})")
        for problem in report["problems"]:
            print(f"  problem: {safe(problem)}")
        for note in report["notes"]:
            print(f"  note: {safe(note)}")
        if report["backups"]:
            print(
                f"  backups: {len(report['backups'])} in {safe(report['backups'][-1].rsplit('/', 1)[0])}"
            )
    return 0 if report["sound"] else 1
