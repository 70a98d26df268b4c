"""What the app writes, the command line reaches too: reflections, goals,
editing and deleting a journal entry, reopening a follow-up or a promise.

Each command parses its arguments, calls the change layer
(:mod:`journal.actions`, :mod:`journal.coach_actions`) inside one
``journal.change()`` and prints what happened.
"""

from __future__ import annotations

import argparse
from typing import Any

from journal import actions, coach_actions, contact_review
from journal import goals as goal_rules
from journal import promises as ledger
from journal.errors import NotFoundError
from journal.records import GOAL_METRICS, TABLE_GOALS, TABLE_INTERACTIONS, TABLE_REFLECTIONS

from .opening import open_journal
from .output import one_line, print_json, safe, table

#: `sj entry edit` options → the entry's fields.
ENTRY_TEXT = (
    ("summary", "what happened"),
    ("reaction", "how they reacted"),
    ("needs", "needs I anticipated"),
    ("expectations", "were their expectations met"),
    ("their_view", "in their shoes: what they felt or thought"),
    ("differently", "what I would do differently"),
    ("next_time", "the plan for the next contact"),
    ("shared", "information shared with them"),
)


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("reflect", help="keep a reflection (optionally about someone)")
    p.add_argument("text", nargs="+", help="the reflection")
    p.add_argument("--about", metavar="NAME", help="the stakeholder it is about")
    p.set_defaults(func=cmd_reflect)

    p = sub.add_parser("reflections", help="the reflections kept, newest first")
    p.add_argument("--about", metavar="NAME", help="only those about this stakeholder")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reflections)

    goal = sub.add_parser("goal", help="monthly goals: add, list, done")
    goals = goal.add_subparsers(dest="goal_command", metavar="ACTION", required=True)
    p = goals.add_parser("add", help="a counted goal (--count) or a checklist item (TEXT)")
    p.add_argument("text", nargs="*", help="the goal's text (a checklist item needs one)")
    p.add_argument("--count", choices=GOAL_METRICS, help="count this from the journal")
    p.add_argument("--target", default="1", help="how many (with --count; 1)")
    p.add_argument("--with", dest="with_", metavar="NAME", help="the stakeholder (--count with)")
    p.add_argument("--month", metavar="YYYY-MM", help="default: this month")
    p.set_defaults(func=cmd_goal_add)
    p = goals.add_parser("list", help="a month's goals and how far along they are")
    p.add_argument("--month", metavar="YYYY-MM", help="default: this month")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_goal_list)
    p = goals.add_parser("done", help="check a checklist goal off")
    p.add_argument("goal", metavar="ID", help="goal id (or its first characters)")
    p.add_argument("--undo", action="store_true", help="not done after all")
    p.set_defaults(func=cmd_goal_done)

    entry = sub.add_parser("entry", help="edit, delete or restore a journal entry")
    entries = entry.add_subparsers(dest="entry_command", metavar="ACTION", required=True)
    p = entries.add_parser("edit", help="change some fields of an entry")
    p.add_argument("entry", metavar="ID", help="entry id (or its first characters)")
    for name, what in ENTRY_TEXT:
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="TEXT", help=what)
    p.add_argument("--on", metavar="DATE", help="the day it happened")
    p.add_argument("--at", dest="time", metavar="HH:MM")
    p.add_argument("--channel", help="meeting, call, coffee...")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--formal", action="store_true", default=None)
    kind.add_argument("--informal", dest="formal", action="store_false")
    p.add_argument("--minutes", type=int)
    p.add_argument(
        "--follow-up", action="append", metavar="TEXT[@DATE]", help="replaces the open ones"
    )
    p.set_defaults(func=cmd_entry_edit)
    for action, what in (("delete", "delete an entry"), ("restore", "bring a deleted one back")):
        p = entries.add_parser(action, help=what)
        p.add_argument("entry", metavar="ID", help="entry id (or its first characters)")
        p.set_defaults(func=cmd_entry_delete if action == "delete" else cmd_entry_restore)

    p = sub.add_parser("reopen", help="open a done follow-up or a kept promise again")
    p.add_argument("item", metavar="ID", help="the follow-up's or the promise's id")
    p.set_defaults(func=cmd_reopen)


def cmd_reflect(args: argparse.Namespace) -> int:
    journal = open_journal(args, create=True)
    about = journal.resolve(args.about) if args.about else None
    with journal.change():
        coach_actions.reflect(journal, " ".join(args.text), stakeholder=about and about.id)
    print(f"Reflection kept{f' about {safe(about.name)}' if about else ''}.")
    return 0


def cmd_reflections(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    sid = journal.resolve(args.about).id if args.about else None
    names = journal.names()
    kept = sorted(
        (
            r
            for r in journal.records(TABLE_REFLECTIONS)
            if sid is None or r.get("stakeholder") == sid
        ),
        key=lambda r: (r.get("date", ""), r.get("created_at", "")),
        reverse=True,
    )
    if args.json:
        print_json(kept)
        return 0
    if not kept:
        print("No reflections yet: `sj reflect TEXT` keeps one.")
        return 0
    for r in kept:
        about = names.get(r.get("stakeholder") or "", "")
        print(f"{r.get('date', '')}{f' · {safe(about)}' if about else ''}")
        if r.get("prompt"):
            print(f"  {safe(r['prompt'])}")
        for line in str(r.get("answer", "")).split("\n"):
            print(f"    {safe(line)}")
    return 0


def _month(args: argparse.Namespace, journal: Any) -> str:
    month = args.month or goal_rules.month_of(journal.today())
    goal_rules.month_bounds(month)  # a bad month is one line
    return month


def cmd_goal_add(args: argparse.Namespace) -> int:
    journal = open_journal(args, create=True)
    month = _month(args, journal)
    who = journal.resolve(args.with_).id if args.with_ else None
    draft = coach_actions.GoalDraft(
        month, metric=args.count, text=" ".join(args.text), target=args.target, stakeholder=who
    )
    with journal.change():
        goal = coach_actions.add_goal(journal, draft)
    label = goal_rules.describe_goal(goal.to_raw(), journal.names().get(who or ""))
    print(f"Goal for {month}: {safe(label)} ({goal.id[:6]}).")
    return 0


def cmd_goal_list(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    month = _month(args, journal)
    counts = contact_review.count_period(journal, *goal_rules.month_bounds(month))
    names = journal.names()
    rows = []
    for goal in sorted(
        (g for g in journal.records(TABLE_GOALS) if g.get("month") == month),
        key=lambda g: g.get("created_at", ""),
    ):
        value, target, done = goal_rules.goal_progress(goal, counts)
        rows.append(
            {
                "id": goal["id"],
                "goal": goal_rules.describe_goal(goal, names.get(goal.get("stakeholder") or "")),
                "counted": goal.get("metric") is not None,
                "metric": goal.get("metric"),
                "value": value,
                "target": target,
                "done": done,
            }
        )
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(f"No goals for {month} yet: `sj goal add` sets one.")
        return 0
    lines = [
        [
            r["id"][:6],
            "✓" if r["done"] else " ",
            r["goal"],
            goal_rules.format_progress(r["metric"], r["value"], r["target"])
            if r["counted"]
            else ("done" if r["done"] else "to do"),
        ]
        for r in rows
    ]
    print(table(lines, ["ID", "", "GOAL", "PROGRESS"]))
    return 0


def cmd_goal_done(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    with journal.change():
        goal = coach_actions.set_goal_done(journal, args.goal, done=not args.undo)
    state = "not done" if args.undo else "done"
    print(f"Goal {state}: {safe(goal_rules.describe_goal(goal))}.")
    return 0


def cmd_entry_edit(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    entry = actions.find_entry(journal, args.entry)
    changes = {
        name: getattr(args, name) for name, _ in ENTRY_TEXT if getattr(args, name) is not None
    }
    for name in ("on", "time", "channel", "formal", "minutes"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.follow_up is not None:
        changes["follow_ups"] = tuple(args.follow_up)
    with journal.change():
        actions.edit_contact(journal, entry["id"], actions.draft_of(entry, **changes))
    print(f"Updated the entry of {entry.get('date', '')} ({entry['id'][:6]}).")
    return 0


def cmd_entry_delete(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    entry = actions.find_entry(journal, args.entry)
    with journal.change():
        actions.delete(journal, TABLE_INTERACTIONS, entry["id"])
    print(
        f"Deleted the entry of {entry.get('date', '')}: {one_line(entry.get('summary', ''), 50)}; "
        f"`sj entry restore {entry['id'][:6]}` brings it back."
    )
    return 0


def cmd_entry_restore(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    entry = actions.find_entry(journal, args.entry, deleted=True)
    with journal.change():
        actions.restore(journal, TABLE_INTERACTIONS, entry["id"])
    print(f"Restored the entry of {entry.get('date', '')}.")
    return 0


def cmd_reopen(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    try:
        found = actions.find_follow_up(journal, args.item, done=True)
    except NotFoundError:
        with journal.change():
            item = ledger.mark_done(journal, args.item, done=False)
        print(f"Open again: {one_line(item.text, 70)}")
        return 0
    with journal.change():
        actions.set_follow_up_done(journal, found.entry["id"], found.item["id"], done=False)
    print(f"Open again: {one_line(found.item.get('text', ''), 70)}")
    return 0
