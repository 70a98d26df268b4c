"""The commands that bring people in and out and keep them single: important
dates, import, export, duplicates and merge-people."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import Any

from journal import actions
from journal.errors import MissingFileError

from .opening import open_journal
from .output import print_json, safe

#: The choices of --format and --table, kept here so that building the
#: parser loads neither the importers nor the exporters (a test checks that
#: they match journal.importing.FORMATS, journal.exporting.FORMATS and
#: CSV_TABLES).
IMPORT_FORMATS = ("vcard", "google", "outlook", "linkedin", "csv")
EXPORT_FORMATS = ("json", "csv", "vcard", "markdown")
CSV_TABLES = ("stakeholders", "interactions", "promises")

#: Field names as the output says them.
_FIELD_WORDS = {"cadence_days": "cadence", "dates": "important dates", "met_how": "how we met"}


def _fields(names: Any) -> str:
    return ", ".join(_FIELD_WORDS.get(f, f.replace("_", " ")) for f in sorted(names))


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

    p = sub.add_parser("import", help="bring in contacts: vCard, Google, Outlook, LinkedIn or CSV")
    p.add_argument("path", metavar="FILE")
    p.add_argument("--format", choices=IMPORT_FORMATS, help="the file's format (default: detected)")
    p.add_argument("--dry-run", action="store_true", help="show the plan, write nothing")
    p.add_argument("--json", action="store_true", help="the plan or the result as JSON")
    p.add_argument("--tag", action="append", metavar="TAG", help="tag everyone imported")
    p.add_argument("--every", metavar="CADENCE", help="a cadence for those without one")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="the journal as JSON, CSV, vCards or a Markdown handover")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="json", help="json (default)")
    p.add_argument("--table", choices=CSV_TABLES, help="with csv: which table (stakeholders)")
    p.add_argument("--who", metavar="NAME", help="with markdown: one stakeholder's handover")
    p.add_argument(
        "--include-reflections", action="store_true", help="with markdown: private reflections too"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write FILE (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "merge-people", help="fold OTHER into KEEP: one person kept, every entry re-pointed"
    )
    p.add_argument("keep", metavar="KEEP", help="the stakeholder to keep")
    p.add_argument("other", metavar="OTHER", help="the duplicate to fold into KEEP")
    p.set_defaults(func=cmd_merge_people)

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
    print(f"Removed {safe(done.name)}'s {safe(label)} date.")
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


class _NoJournal:
    """What a dry run plans against when there is no journal yet."""

    def __init__(self, clock: Any) -> None:
        self.today = clock.today

    def records(self, _table: str) -> list[dict[str, Any]]:
        return []

    def reading(self) -> contextlib.nullcontext[None]:
        return contextlib.nullcontext()


#: How many of an import's details (possible duplicates, values kept,
#: skipped contacts) are listed; --json has them all.
LISTED = 20


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from journal.clock import Clock
    from journal.dates import parse_cadence
    from journal.document import collector_paused
    from journal.importing import read_contacts
    from journal.importing.plan import Options, apply_plan, plan_import

    # The file and the options are checked before the journal is opened:
    # a bad file leaves it as it was, byte for byte.
    clock = Clock.from_env()
    if args.every:
        parse_cadence(args.every)
    with collector_paused():  # thousands of contacts, records and no cycles
        parsed = read_contacts(Path(args.path), args.format, clock.today())
    options = Options(tags=tuple(args.tag or ()), every=args.every)
    if args.dry_run:
        try:
            journal: Any = open_journal(args, clock=clock, read_only=True)
        except MissingFileError:  # no journal yet: everyone would be new
            journal = _NoJournal(clock)
        with journal.reading(), collector_paused():
            plan = plan_import(journal, parsed, options)
    else:
        journal = open_journal(args, clock=clock, create=True)
        with journal.change(), collector_paused():
            plan = plan_import(journal, parsed, options)
            apply_plan(journal, plan)
    if args.json:
        print_json({"dry_run": args.dry_run, **plan.to_json(written=not args.dry_run)})
        return 0
    verb = "Would" if args.dry_run else "Imported"
    head = (
        f"{verb} {plan.summary()}" if args.dry_run else f"{verb} ({plan.format}): {plan.summary()}"
    )
    print(safe(head) + ".")
    if args.dry_run:
        for record in plan.new:
            print(
                f"  add {safe(record['name'])}"
                + (f" ({safe(record['organization'])})" if record["organization"] else "")
            )
        for rid, changes in plan.updates.items():
            print(f"  update {safe(plan.updated_names[rid])}: fills {_fields(changes)}")
    lines = plan.lines()
    for line in lines[:LISTED]:
        print(f"  {safe(line)}")
    if len(lines) > LISTED:
        print(f"  … and {len(lines) - LISTED} more (--json lists them all)")
    if plan.possible and not args.dry_run:
        print(
            "`sj duplicates` lists them again; `sj merge-people KEEP OTHER` folds one into another."
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from journal.exporting import export_payload, write_file

    misplaced = [
        option
        for option, given, fits in (
            ("--table", args.table, "csv"),
            ("--who", args.who, "markdown"),
            ("--include-reflections", args.include_reflections, "markdown"),
        )
        if given and args.format != fits
    ]
    if misplaced:
        print(
            f"sj export: {misplaced[0]} goes with --format "
            f"{'csv' if misplaced[0] == '--table' else 'markdown'}; see sj export --help",
            file=sys.stderr,
        )
        return 2
    journal = open_journal(args)
    who = journal.resolve(args.who).id if args.who else None
    payload = export_payload(
        journal, args.format, table=args.table, who=who, reflections=args.include_reflections
    )
    if args.output:
        write_file(Path(args.output), payload, journal=journal, force=args.force)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return 0


#: Tables as `sj merge-people` counts them: one, several.
_TABLE_WORDS = {
    "interactions": ("entry", "entries"),
    "promises": ("promise", "promises"),
    "reflections": ("reflection", "reflections"),
    "goals": ("goal", "goals"),
    "shares": ("share", "shares"),
}


def cmd_merge_people(args: argparse.Namespace) -> int:
    from journal.people_merge import merge_people
    from journal.rules import described, name_order

    journal = open_journal(args)
    keep, other = journal.resolve(args.keep), journal.resolve(args.other)
    with journal.change():
        merged = merge_people(journal, keep.id, other.id)
    moved = ", ".join(
        f"{merged.repointed[t]} {words[merged.repointed[t] != 1]}"
        for t, words in _TABLE_WORDS.items()
        if t in merged.repointed
    )
    filled = f"; took their {_fields(merged.filled)}" if merged.filled else ""
    # Namesakes are told apart by their organization and id.
    kept_as, other_as = keep.name, other.name
    if name_order(keep.name) == name_order(other.name):
        kept_as, other_as = described(keep.to_raw(), 8), described(other.to_raw(), 8)
    print(
        f"Merged {safe(other_as)} into {safe(kept_as)}{safe(filled)}; "
        f"moved to {safe(keep.name)}: {moved or 'nothing else'}."
    )
    for name, kept, theirs in merged.kept:
        print(f"  kept {name} {safe(kept)!r}; {safe(other.name)} had {safe(theirs)!r}")
    return 0
