"""Is an open journal sound? The findings behind ``sj check`` (and any face
that shows them): problems make the check fail, notes do not."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from .hlc import format_stamp
from .journal import Journal
from .records import RECORD_TABLES, TABLE_INTERACTIONS, TABLE_STAKEHOLDERS
from .wording import count


def _future_stamps(journal: Journal) -> list[dict[str, str]]:
    """Records with a stamp (of any of their versions) more than a day ahead
    of this machine's clock: a machine whose clock was wrong wrote them."""
    horizon = format_stamp(journal.clock.now() + dt.timedelta(days=1))
    found = []
    for name in RECORD_TABLES:
        for record in journal.table(name).values():
            stamps = [record.get("created_at") or "", record.get("updated_at") or ""]
            stamps += [v.get("updated_at") or "" for v in record.get("history", ())]
            latest = max(stamps)
            if latest > horizon:
                found.append({"table": name, "id": record["id"], "stamp": latest})
    return found


def _copies(journal: Journal) -> list[dict[str, Any]]:
    """The conflicted copies found next to the journal and what became of them."""
    copies = [
        {
            "file": str(c.path),
            "service": c.service,
            "merged": c.merged,
            "records_changed": c.changed,
            "tables": c.tables,
            "moved_to": str(c.moved_to) if c.moved_to else None,
            "reason": c.reason,
            "foreign": c.foreign,
        }
        for c in journal.copies_on_open.copies
    ]
    if journal.read_only_reason and not copies:
        copies = [
            {
                "file": str(c.path),
                "service": c.service,
                "merged": False,
                "records_changed": 0,
                "tables": {},
                "moved_to": None,
                "reason": "left in place: the journal is open read-only",
                "foreign": False,
            }
            for c in journal.conflicted_copies()
        ]
    return copies


def _counted(tables: dict[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in tables.items()) or "nothing new"


def check_journal(journal: Journal) -> dict[str, Any]:
    """Findings about an open journal: problems make the check fail, notes do not."""
    problems: list[str] = []
    notes: list[str] = []
    counts: dict[str, int] = {}
    for name in RECORD_TABLES:
        table = journal.table(name)
        counts[name] = sum(1 for r in table.values() if not r.get("deleted"))
        duplicates = [rid for rid, n in Counter(r["id"] for r in table.values()).items() if n > 1]
        if duplicates:
            problems.append(f"{name}: {len(duplicates)} ids appear twice (e.g. {duplicates[0]})")
    future = _future_stamps(journal)
    if future:
        notes.append(
            f"{count(len(future), 'record')} stamped more than a day ahead (a machine's clock "
            f"was wrong?): "
            + "; ".join(f"{f['table']}/{f['id'][:8]} {f['stamp']}" for f in future[:5])
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
            f"{count(conflicts, 'record')} kept the losing side of a concurrent edit in their history"
        )
    copies = _copies(journal)
    for copy in copies:
        name = Path(copy["file"]).name
        if copy["merged"]:
            notes.append(
                f"merged conflicted copy {name} ({copy['service']}): "
                f"{_counted(copy['tables'])}; moved to {copy['moved_to']}"
            )
        elif copy["foreign"]:
            problems.append(
                f"{name} is a copy of a different journal (started apart on another machine); "
                "adopt it to fold its records into this one"
            )
        else:
            notes.append(f"conflicted copy {name} ({copy['service']}) {copy['reason']}")
    recovered = journal.storage.recovered
    merged_back = dict(recovered.changed) if recovered is not None else {}
    if merged_back:
        notes.append(
            "the file lacked versions this machine had written (an older copy put in its "
            f"place, or another machine's save over it); merged back and saved: "
            f"{_counted(merged_back)}"
        )
    notes.extend(journal.storage.notices)
    safety = journal.storage.log_problem()
    if safety:
        problems.append(safety)
    problems.extend(journal.storage.warnings)
    if journal.read_only_reason:
        notes.append(journal.read_only_reason)
    dirs = journal.storage.dirs
    return {
        "file": str(journal.path),
        "store_id": journal.store_id,
        "sound": not problems,
        "records": counts,
        "problems": problems,
        "notes": notes,
        "conflicted_copies": copies,
        "merged_back": merged_back,
        "future": future,
        "backups": [str(p) for p in journal.storage.backups()],
        "local": {
            "backups": str(dirs.backup_folder(journal.path)),
            "merged_copies": str(dirs.merged_copies_folder(journal.path)),
            "written_log": str(dirs.written_log(journal.path)),
            "lock": str(dirs.lock_file(journal.path)),
            "device": journal.device,
        },
    }
