"""The commands about the file itself: merge, check, sample, demo."""

from __future__ import annotations

import argparse
from pathlib import Path

from journal.errors import InputError

from .opening import open_journal
from .output import safe


def cmd_merge(args: argparse.Namespace) -> int:
    journal = open_journal(args, merge_copies=False, create=True)
    if args.adopt:
        outcome = journal.adopt(args.adopt)
        print(
            f"Adopted {safe(outcome.path.name)}: {outcome.changed} records folded into "
            f"{safe(journal.path)}; the copy was moved to {safe(outcome.moved_to)}"
        )
        return 0
    report = journal.merge_conflicted_copies()
    if not report.copies:
        print(f"No conflicted copies next to {safe(journal.path)}.")
        return 0
    for outcome in report.copies:
        name = safe(outcome.path.name)
        if outcome.merged:
            where = f"moved to {safe(outcome.moved_to)}" if outcome.moved_to else "already gone"
            print(f"Merged {name} ({outcome.service}): {outcome.changed} records changed; {where}")
        else:
            print(f"Skipped {name}: {safe(outcome.reason)}")
            if outcome.foreign:
                print(
                    f'  to fold its records into this journal: sj merge --adopt "{safe(outcome.path)}"'
                )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .checking import run_check

    return run_check(args)


def cmd_sample(args: argparse.Namespace) -> int:
    from journal.clock import Clock
    from journal.sample import write_sample

    if args.stakeholders < 1 or args.interactions < 0:
        raise InputError("--stakeholders must be 1 or more and --interactions 0 or more.")
    write_sample(
        Path(args.output),
        args.stakeholders,
        args.interactions,
        seed=args.seed,
        today=Clock.from_env().today(),
    )
    print(f"Wrote {args.output}: {args.stakeholders} stakeholders, {args.interactions} contacts.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import tempfile

    from journal.clock import Clock
    from journal.sample import write_sample

    from ..app import run_app

    with tempfile.TemporaryDirectory(prefix="sj-demo-") as folder:
        path = Path(folder) / "demo-journal.json"
        write_sample(
            path, args.stakeholders, args.interactions, seed=1, today=Clock.from_env().today()
        )
        return run_app(str(path), demo_root=Path(folder))
