"""A writer process for the loss tests (``test_losses.py``): adds interactions
to a journal and prints each id once its save has returned (acknowledged).
Not collected by pytest.

Usage: python -m tests.storage.loss_writer_proc JOURNAL LOCAL_ROOT [--count N] [--per-command]

It prints ``ready`` once the journal is open, then waits for one line on
stdin, so that several writers can be started together. ``--per-command``
opens the journal anew for every entry (``Journal.open``, as one ``sj log``
per entry does); without it one open journal adds every entry (as the app
does). The journal's first stakeholder is the one each entry is about.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journal.journal import Journal
from journal.paths import LocalDirs
from journal.records import TABLE_STAKEHOLDERS, Interaction


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("journal", type=Path)
    parser.add_argument("root", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--per-command", action="store_true")
    args = parser.parse_args()
    dirs = LocalDirs.under(args.root)
    journal = Journal.open(args.journal, dirs=dirs)
    sid = next(iter(journal.records(TABLE_STAKEHOLDERS)))["id"]
    print("ready", flush=True)
    sys.stdin.readline()
    for n in range(1, args.count + 1):
        if args.per_command and n > 1:
            journal = Journal.open(args.journal, dirs=dirs)
        entry = Interaction(date="2026-11-27", stakeholders=[sid], summary=f"entry {n} " * 20)
        journal.add(entry)
        print(entry.id, flush=True)


if __name__ == "__main__":
    main()
