"""A writer process for the kill tests: adds interactions to a journal in a
loop and prints each id once its save has returned. Not collected by pytest.

Usage: python -m tests.storage.writer_proc JOURNAL LOCAL_ROOT
"""

from __future__ import annotations

import sys
from pathlib import Path

from journal.clock import Clock
from journal.journal import Journal
from journal.paths import LocalDirs
from journal.records import TABLE_STAKEHOLDERS, Interaction, Stakeholder
from journal.storage import JournalStorage


def main() -> None:
    path, root = Path(sys.argv[1]), Path(sys.argv[2])
    journal = Journal(JournalStorage(path, dirs=LocalDirs.under(root)), Clock())
    people = list(journal.records(TABLE_STAKEHOLDERS))
    sid = people[0]["id"] if people else journal.add(Stakeholder(name="Ana Ruiz")).id
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        entry = Interaction(date="2026-11-27", stakeholders=[sid], summary=f"entry {n} " * 20)
        journal.add(entry)
        print(entry.id, flush=True)


if __name__ == "__main__":
    main()
