"""The commands that bring people in and out and keep them single: important
dates, import, export, duplicates and merge-people."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journal import actions

from .opening import open_journal
from .output import print_json, safe


def add_parsers(sub: Any) -> None:
    date = sub.add_parser("date", help="a stakeholder's important dates: add, remove")
    dates = date.add_subparsers(dest="date_command", metavar="ACTION", required=True)
    p = dates.add_parser("add", help="add a labelled date (or change the one of that label)")
    p.add_argument("who")
    p.add_argument("label", help="e.g. birthday, term ends, election")
    p.add_argument("date", metavar="DATE", help="YYYY-MM-DD, or MM-DD for a yearly date")
    p.add_argument("--yearly", action="store_true", help="it comes back every year")
    p.set_defaults(func=cmd_date_add)
    p = dates.add_parser("remove", help="remove the date of that label")
    p.add_argument("who")
    p.add_argument("label")
    p.set_defaults(func=cmd_date_remove)

    p = sub.add_parser("duplicates", help="stakeholders who are likely the same person, and why")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_duplicates)


def cmd_date_add(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    who = journal.resolve(args.who)
    with journal.change():
        done = actions.set_date(journal, who.id, args.label, args.date, yearly=args.yearly)
    item = done.item or {}
    how = "every year on" if item.get("yearly") else "on"
    day = str(item.get("date", "")).removeprefix("--")
    verb = "Changed" if done.replaced else "Added"
    print(f"{verb} {safe(done.name)}'s {safe(item.get('label', ''))}: {how} {day}.")
    return 0


def cmd_date_remove(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    who = journal.resolve(args.who)
    with journal.change():
        done = actions.remove_date(journal, who.id, args.label)
    label = (done.replaced or {}).get("label", "")
    print(f"Removed {safe(done.name)}'s {safe(label)} date.", file=sys.stdout)
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    from journal.duplicates import find_pairs
    from journal.records import TABLE_STAKEHOLDERS

    journal = open_journal(args)
    with journal.reading():
        pairs = find_pairs(journal.records(TABLE_STAKEHOLDERS))
    if args.json:
        print_json([p.to_json() for p in pairs])
        return 0
    if not pairs:
        print("No likely duplicates.")
        return 0
    for pair in pairs:
        print(safe(pair.describe()))
    print(
        f"\n{len(pairs)} likely duplicate pair{'s' if len(pairs) != 1 else ''}; "
        "`sj merge-people KEEP OTHER` folds OTHER into KEEP."
    )
    return 0
