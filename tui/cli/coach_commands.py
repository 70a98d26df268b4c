"""The coaching commands of ``sj``: today, promises, brief, share, review,
report, focus. ``add_parsers`` registers them; ``cmd_<name>(args)`` runs one
(a dash in a command's name becomes an underscore)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from journal import brief as briefs
from journal import contact_review as reviews
from journal import promises as ledger
from journal import report as reports
from journal import sharing, stakeholder_map
from journal.dates import format_ago, format_due, parse_date, parse_due
from journal.errors import InputError
from journal.goals import month_bounds, month_of

from .opening import open_journal
from .output import one_line, print_json, safe, table

SPARKS = "▁▂▃▄▅▆▇█"
HEAT = " ░▒▓█"
FOCUS_MARK = "◆"
KEY_MARK = "★"


def add_parsers(sub: Any) -> None:
    """Register the coaching commands on the ``sj`` subparsers."""
    p = sub.add_parser(
        "reach-out", aliases=["today"], help="who to reach out to today, with reasons"
    )
    p.set_defaults(func=cmd_reach_out)
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=15, help="how many to list (15; 0 for all)")
    p.add_argument("--window", type=int, default=3, help="days ahead that count as coming due (3)")

    p = sub.add_parser("promise", help="record a promise (mine, or theirs with --theirs)")
    p.set_defaults(func=cmd_promise)
    p.add_argument("who")
    p.add_argument("text", help="what was promised")
    p.add_argument("--due", metavar="DATE", help="when it is due, e.g. friday, in 2w")
    p.add_argument("--theirs", action="store_true", help="they promised it to me")

    p = sub.add_parser("promises", help="open promises both ways, overdue first")
    p.set_defaults(func=cmd_promises)
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="include the ones done")
    p.add_argument("--who", help="only this stakeholder")

    p = sub.add_parser("promise-done", help="mark a promise kept")
    p.set_defaults(func=cmd_promise_done)
    p.add_argument("promise", metavar="ID", help="promise id (or its first characters)")

    p = sub.add_parser("brief", help="what to have in mind before contacting someone")
    p.set_defaults(func=cmd_brief)
    p.add_argument("who")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("share", help="log information shared with stakeholders")
    p.set_defaults(func=cmd_share)
    p.add_argument("title")
    p.add_argument("--with", dest="with_", required=True, metavar="NAMES", help="comma-separated")
    p.add_argument("--url", default="")
    p.add_argument("--note", default="", help="a short note sent with it")
    p.add_argument("--tag", action="append", metavar="TAG", help="a topic tag (repeatable)")
    p.add_argument("--on", default="today", metavar="DATE")

    p = sub.add_parser(
        "contact-review", aliases=["review"], help="contact-log review of a month or a range"
    )
    p.set_defaults(func=cmd_contact_review)
    p.add_argument("--month", metavar="YYYY-MM", help="default: this month")
    p.add_argument("--from", dest="start", metavar="DATE")
    p.add_argument("--to", dest="end", metavar="DATE")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=20, help="stakeholder rows to print (20)")

    p = sub.add_parser("report", help="a Markdown report of a month for a supervisor")
    p.set_defaults(func=cmd_report)
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument(
        "--include-reflections", action="store_true", help="also include private reflections"
    )

    p = sub.add_parser("focus", help="show or set this month's focus set (3-5 stakeholders)")
    p.set_defaults(func=cmd_focus)
    p.add_argument("who", nargs="*", help="the new focus set (replaces the current one)")
    p.add_argument("--clear", action="store_true", help="empty the focus set")


def _marks(key: bool, focus: bool) -> str:
    return (FOCUS_MARK if focus else "") + (KEY_MARK if key else "")


def cmd_reach_out(args: argparse.Namespace) -> int:
    from journal.reach_out import reach_out_today

    if args.limit < 0 or args.window < 0:
        raise InputError("--limit and --window cannot be negative.")
    journal = open_journal(args)
    items = reach_out_today(journal, window=args.window, limit=args.limit or None)
    if args.json:
        print_json([s.to_json() for s in items])
        return 0
    if not items:
        if next(journal.records("stakeholders"), None) is None:
            print('No stakeholders yet: add the first with sj add "Ana Ruiz" --every 2w.')
        else:
            print("Nobody needs a nudge today. A good day to meet someone new.")
        return 0
    rows = [
        [f"{s.score:.1f}", _marks(s.key, s.focus), s.name, "; ".join(s.reason_texts)] for s in items
    ]
    print(table(rows, ["SCORE", "", "NAME", "WHY"]))
    return 0


def cmd_promise(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    who = journal.resolve(args.who)
    due = parse_due(args.due, journal.today()) if args.due else None
    item = ledger.make_promise(journal, who.id, args.text, due, theirs=args.theirs)
    whose = f"{safe(who.name)} promised you" if item.theirs else f"You promised {safe(who.name)}"
    when = f", due {item.due}" if item.due else ""
    print(f"{whose}: {one_line(item.text, 60)}{when} ({item.id[:6]}).")
    return 0


def cmd_promises(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    sid = journal.resolve(args.who).id if args.who else None
    items = ledger.list_promises(journal, stakeholder_id=sid, include_done=args.all)
    if args.json:
        print_json([i.to_json() for i in items])
        return 0
    if not items:
        print("No open promises either way.")
        return 0
    today = journal.today()
    rows = [
        [
            i.id[:6],
            "they owe" if i.theirs else "I owe",
            i.stakeholder_name,
            one_line(i.text, 50),
            "done" if i.status == ledger.DONE else format_due(i.due, today),
        ]
        for i in items
    ]
    print(table(rows, ["ID", "WHO OWES", "STAKEHOLDER", "PROMISE", "DUE"]))
    return 0


def cmd_promise_done(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    item = ledger.mark_done(journal, args.promise)
    print(f"Kept: {one_line(item.text, 60)} ({safe(item.stakeholder_name)}).")
    return 0


def _print_brief(b: briefs.Brief, today: dt.date) -> None:
    title = " · ".join(safe(x) for x in (b.role, b.organization) if x)
    print(f"{safe(b.name)} {_marks(b.key, b.focus)}".rstrip() + (f"  ({title})" if title else ""))
    last = b.last_contact
    if last is None:
        print("No contact logged yet.")
    else:
        kind = ("formal" if last.formal else "informal") + ("" if last.business else ", personal")
        print(
            f"Last contact {format_ago(last.date, today)} ({last.date}, {kind} {safe(last.channel)}): "
            f"{one_line(last.headline, 70)}"
        )
    if b.role_change is not None:
        print(f"  Their role changed on {b.role_change.date} (was {safe(b.role_change.before)}).")
    for label, note in (
        ("How they reacted", b.reaction),
        ("Do differently", b.differently),
        ("Plan for this time", b.next_time),
    ):
        if note is not None:
            print(f"  {label}: {one_line(note.text, 80)} ({note.date})")
    for label, items in (("You promised", b.my_promises), ("They promised", b.their_promises)):
        for p in items:
            late = f", {p.days_late}d late" if p.status == ledger.OVERDUE else ""
            due = f" (due {p.due}{late})" if p.due else ""
            print(f"  {label}: {one_line(p.text, 60)}{due}")
    for f in b.follow_ups:
        print(f"  Follow-up: {one_line(f.text, 60)}" + (f" (due {f.due})" if f.due else ""))
    for label, text in (
        ("Critical issues", b.critical_issues),
        ("What they value", b.values),
        ("Where their mandate is going", b.mandate_direction),
        ("Personal interests", b.personal),
    ):
        if text:
            print(f"  {label}: {one_line(text, 80)}")
    personal = format_ago(b.last_personal, today) if b.last_personal else "never"
    print(f"  Last non-business chat: {personal}")
    if b.opener:
        print(f"  Opener: {safe(b.opener)}")


def cmd_brief(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    who = journal.resolve(args.who)
    b = briefs.build_brief(journal, who.id)
    if args.json:
        print_json(b.to_json())
        return 0
    _print_brief(b, journal.today())
    return 0


def cmd_share(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    today = journal.today()
    on = parse_date(args.on, today)
    if on > today:
        raise InputError(f"{on} is in the future; log what you have already shared.")
    people = [journal.resolve(part) for part in args.with_.split(",") if part.strip()]
    if not people:
        raise InputError("Share with at least one stakeholder: --with ana,ben.")
    logged = sharing.log_share(
        journal,
        args.title,
        [p.id for p in people],
        date=on,
        url=args.url,
        note=args.note,
        tags=args.tag or (),
    )
    names = ", ".join(safe(n) for n in logged.names)
    print(
        f"Logged: {one_line(logged.share.title, 60)} shared with {names} on {on.isoformat()} "
        f"({logged.month_total} shared this month)."
    )
    others = sharing.suggest_recipients(
        journal, args.title, args.tag or (), exclude=[p.id for p in people], limit=3
    )
    if others:
        hints = ", ".join(f"{safe(s.name)} ({', '.join(s.matched)})" for s in others)
        print(f"Might interest too: {hints}")
    return 0


def _period(args: argparse.Namespace, today: dt.date) -> tuple[str, str]:
    if args.month and (args.start or args.end):
        raise InputError("Use --month or --from/--to, not both.")
    if args.start or args.end:
        if not (args.start and args.end):
            raise InputError(
                "A range needs both --from and --to, e.g. --from 2026-01-01 --to 2026-03-31."
            )
        return parse_date(args.start, today).isoformat(), parse_date(args.end, today).isoformat()
    return month_bounds(args.month or month_of(today))


def _spark(series: list[int]) -> str:
    top = max(series, default=0)
    if not top:
        return "·" * len(series)
    return "".join("·" if n == 0 else SPARKS[min(7, (n * 8 - 1) // top)] for n in series)


def _heatmap_lines(heatmap: dict[str, int]) -> list[str]:
    days = sorted(heatmap)
    if not days:
        return []
    first = dt.date.fromisoformat(days[0])
    top = max(heatmap.values()) or 1
    lines, row = [], [" "] * first.weekday()
    label = first - dt.timedelta(days=first.weekday())
    for iso in days:
        n = heatmap[iso]
        row.append("·" if n == 0 else HEAT[min(4, 1 + (n * 4 - 1) // top)])
        if len(row) == 7:
            lines.append(f"  {label.isoformat()}  {' '.join(row)}")
            row, label = [], label + dt.timedelta(days=7)
    if row:
        lines.append(f"  {label.isoformat()}  {' '.join(row)}")
    return lines


def cmd_contact_review(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    start, end = _period(args, journal.today())
    review = reviews.review_range(journal, start, end)
    if args.json:
        print_json(review.to_json())
        return 0
    t = review.totals
    print(f"Contacts from {start} to {end}: {t.contacts}")
    print(
        f"  formal {t.formal} · informal {t.informal} · business {t.business} · personal {t.personal}"
        f" · new people {t.new_people} · events {t.events} · shared {t.shared}"
    )
    if t.contacts and len(review.heatmap) <= 93:
        print("\nContact days (weeks from Monday):")
        print("\n".join(_heatmap_lines(review.heatmap)))
    rows = [
        [
            _marks(s.key, s.focus),
            s.name,
            str(s.counts.contacts),
            f"{s.counts.formal}/{s.counts.informal}",
            str(s.counts.personal),
            str(s.counts.new_people),
            str(s.counts.shared),
            _spark(s.weekly),
        ]
        for s in review.stakeholders[: max(args.limit, 0) or None]
    ]
    if rows:
        print()
        print(
            table(
                rows, ["", "NAME", "CONTACTS", "FORMAL/INF", "PERSONAL", "NEW", "SHARED", "WEEKLY"]
            )
        )
        hidden = len(review.stakeholders) - len(rows)
        if hidden > 0:
            print(f"  … and {hidden} more (--limit 0 lists everyone, --json gives all).")
    if review.balance:
        print("\nMet only formally (try an informal contact):")
        for flag in review.balance:
            print(f"  {safe(flag.name)}: {safe(flag.text)}")
    elif note := reviews.balance_note(review):
        print(f"\nBalance: {note}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    month_bounds(args.month)  # validates YYYY-MM
    journal = open_journal(args)
    text = reports.monthly_report(journal, args.month, include_reflections=args.include_reflections)
    if args.output:
        from journal.exporting import write_file

        write_file(Path(args.output), text.encode("utf-8"), journal=journal, force=args.force)
        print(f"Wrote the {args.month} report to {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_focus(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    if args.clear and args.who:
        raise InputError("Use --clear alone, or name the new focus set.")
    if args.clear:
        result = stakeholder_map.set_focus(journal, [])
        print("Cleared the focus set.")
    elif args.who:
        ids = [journal.resolve(name).id for name in args.who]
        result = stakeholder_map.set_focus(journal, ids)
        print("Focus set: " + ", ".join(safe(m.name) for m in result.members) + ".")
    else:
        result = stakeholder_map.focus_set(journal)
        for member in result.members:
            org = f"  ({safe(member.organization)})" if member.organization else ""
            print(f"{FOCUS_MARK} {safe(member.name)}{org}")
    if result.advice:
        print(result.advice)
    return 0
