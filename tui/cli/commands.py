"""The commands about people and their contacts: add, edit, log, due, list,
show, snooze, delete, restore, done. Each parses, calls :mod:`journal.actions`
and prints."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journal import actions, important_dates
from journal.actions import PROFILE_TEXT, ContactDraft, StakeholderDraft
from journal.clock import Clock
from journal.dates import (
    format_ago,
    format_cadence,
    format_due,
)
from journal.errors import InputError, NotFoundError
from journal.journal import Journal
from journal.records import (
    TABLE_STAKEHOLDERS,
    Interaction,
    Stakeholder,
)
from journal.resolve import resolve_stakeholder, unknown_tag
from journal.rules import has_tag, name_order

from .opening import open_journal
from .output import STATE_MARKS, hanging, one_line, print_json, safe, table


def _draft(args: argparse.Namespace, *, name: str | None = None) -> StakeholderDraft:
    """The profile options given on the command line, as a draft."""
    given = {
        field: getattr(args, field, None)
        for field in (*PROFILE_TEXT, "kind", "stage", "key", "rank", "influence", "interest")
    }
    return StakeholderDraft(
        name=name,
        every=args.every,
        add_tags=tuple(args.tag or ()),
        remove_tags=tuple(getattr(args, "untag", None) or ()),
        **{k: v for k, v in given.items() if v is not None},
    )


def _saved(verb: str, saved: actions.Saved) -> None:
    record = saved.stakeholder
    cadence = format_cadence(record.cadence_days) if record.cadence_days else "no cadence"
    print(f"{verb} {safe(record.name)} ({record.id[:8]}), {cadence}.")
    if saved.warning:
        print(f"sj: note: {safe(saved.warning)}", file=sys.stderr)


def cmd_add(args: argparse.Namespace) -> int:
    draft = _draft(args, name=args.name)
    journal = open_journal(args, create=True)
    with journal.change():
        saved = actions.add_stakeholder(journal, draft)
    _saved("Added", saved)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    draft = _draft(args, name=args.new_name)
    journal = open_journal(args)
    who = journal.resolve(args.who)
    with journal.change():
        saved = actions.edit_stakeholder(journal, who.id, draft)
    _saved("Updated", saved)
    return 0


def _resolve_many(journal: Journal, who: str) -> list[Stakeholder]:
    people = [journal.resolve(part) for part in who.split(",") if part.strip()]
    if not people:
        raise InputError('Name at least one stakeholder: sj log ana "what happened".')
    unique: dict[str, Stakeholder] = {p.id: p for p in people}
    return list(unique.values())


def _contact(args: argparse.Namespace, stakeholders: tuple[str, ...]) -> ContactDraft:
    return ContactDraft(
        stakeholders=stakeholders,
        summary=" ".join(args.text),
        on=args.on,
        time=args.time,
        channel=args.channel,
        formal=args.formal,
        personal=args.personal,
        follow_ups=tuple(args.follow_up or ()),
        minutes=args.minutes,
        reaction=args.reaction or "",
        needs=args.needs or "",
        expectations=args.expectations or "",
        their_view=args.their_view or "",
        differently=args.differently or "",
        next_time=args.next_time or "",
        shared=args.shared or "",
        new_person=args.met if args.met is not None else "" if args.new_person else None,
    )


def cmd_log(args: argparse.Namespace) -> int:
    # Check everything typed before opening: a typo must not start a journal.
    clock = Clock.from_env()
    actions.check_contact(_contact(args, ("?",)), clock.today())
    journal = open_journal(args, clock=clock)
    people = _resolve_many(journal, args.who)
    with journal.change():
        entry = actions.log_contact(journal, _contact(args, tuple(p.id for p in people)))
    names = ", ".join(safe(p.name) for p in people)
    kind = "a formal" if entry.formal else "an informal"
    print(f"Logged {kind} {safe(entry.channel)} with {names} on {entry.date}.")
    return 0


def _due_rows(infos: list[Any], journal: Journal) -> list[list[str]]:
    today = journal.today()
    rows = []
    for info in infos:
        if info.reasons:  # which clock speaks: contact, promise, follow-up
            status = "; ".join(info.reasons)
        else:
            status = format_due(info.due, today) if info.due else "—"
        rows.append(
            [
                STATE_MARKS.get(info.state, " "),
                info.name,
                format_ago(info.last_contact, today),
                format_cadence(info.cadence_days),
                status,
            ]
        )
    return rows


def _nobody_due(everyone: list) -> str:
    """Why nobody is due, praising only what was done: with nobody to keep
    in touch with, there is nothing to call well kept."""
    if not everyone:
        return 'Nobody is due: there are no stakeholders yet (sj add "Ana Ruiz" --every 2w).'
    if all(i.state == "no-cadence" for i in everyone):
        return (
            "Nobody is due: no one has a cadence, or a promise or follow-up with a date "
            "(sj edit NAME --every 2w sets a cadence)."
        )
    return "Nobody is due. Well kept."


def cmd_due(args: argparse.Namespace) -> int:
    if args.window < 0:
        raise InputError(f"--window is a number of days ahead, 0 or more, not {args.window}.")
    journal = open_journal(args)
    everyone = journal.cadence(window=args.window)
    infos = everyone if args.all else [i for i in everyone if i.state in ("overdue", "due-soon")]
    if args.json:
        print_json([i.to_json() for i in infos])
        return 0
    if not infos:
        print(_nobody_due(everyone))
        return 0
    print(table(_due_rows(infos, journal), ["", "NAME", "LAST CONTACT", "CADENCE", "STATE"]))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    raw = {r["id"]: r for r in journal.records(TABLE_STAKEHOLDERS)}
    infos = sorted(journal.cadence(), key=lambda i: name_order(i.name))
    if args.tag:
        infos = [i for i in infos if has_tag(raw[i.id], args.tag)]
    if args.json:
        print_json(
            [
                {
                    "id": i.id,
                    "name": i.name,
                    "organization": raw[i.id].get("organization", ""),
                    "tags": raw[i.id].get("tags", []),
                    "cadence_days": i.cadence_days,
                    "last_contact": i.last_contact,
                    "due": i.due,
                    "state": i.state,
                    "key": bool(raw[i.id].get("key")),
                }
                for i in infos
            ]
        )
        return 0
    if not infos and args.tag and raw:
        print(safe(unknown_tag(args.tag, raw.values()) or f"No one has the tag {args.tag!r}."))
        return 0
    if not infos:
        print('No stakeholders yet. Add one: sj add "Ana Ruiz" --org "Coastal Timber" --every 2w')
        return 0
    today = journal.today()
    rows = [
        [
            STATE_MARKS.get(i.state, " "),
            ("★ " if raw[i.id].get("key") else "") + i.name,
            raw[i.id].get("organization", ""),
            format_ago(i.last_contact, today),
            format_cadence(i.cadence_days),
            i.id[:8],
        ]
        for i in infos
    ]
    print(table(rows, ["", "NAME", "ORGANIZATION", "LAST CONTACT", "CADENCE", "ID"]))
    return 0


def _show_data(journal: Journal, who: Stakeholder, entries: int) -> dict[str, Any]:
    info = next(i for i in journal.cadence() if i.id == who.id)
    recent = journal.interactions_of(who.id)[:entries]
    follow_ups = [
        {"interaction": e["id"], "date": e["date"], **item}
        for e, item in journal.open_follow_ups(who.id)
    ]
    from journal.people_merge import folded_into

    profile = who.content()
    profile["id"] = who.id
    return {
        "stakeholder": profile,
        "merged_in": [
            {"id": r["id"], "name": r.get("name", "")} for r in folded_into(journal, who.id)
        ],
        "cadence": info.to_json(),
        "recent": [Interaction.from_raw(e).content() | {"id": e["id"]} for e in recent],
        "open_follow_ups": follow_ups,
    }


def cmd_show(args: argparse.Namespace) -> int:
    if args.entries < 0:
        raise InputError(
            f"--entries is how many recent contacts to show, 0 or more, not {args.entries}."
        )
    journal = open_journal(args)
    who = journal.resolve(args.who)
    data = _show_data(journal, who, args.entries)
    if args.json:
        print_json(data)
        return 0
    today = journal.today()
    info = data["cadence"]
    print(f"{safe(who.name)}{'  ★ key influencer' if who.key else ''}  ({who.id[:8]})")
    line = " · ".join(safe(x) for x in (who.role, who.organization, who.kind, who.stage) if x)
    print(line)
    if who.tags:
        print("tags: " + ", ".join(safe(t) for t in who.tags))
    state = "; ".join(info["reasons"]) or f"state {info['state']}"
    print(
        f"last contact {format_ago(info['last_contact'], today)}, "
        f"{format_cadence(who.cadence_days)}, {state}"
    )
    scores = [
        f"{label} {value}"
        for label, value in (
            ("rank", who.rank),
            ("influence", who.influence),
            ("interest", who.interest),
        )
        if value is not None
    ]
    if scores:
        print("  " + ", ".join(scores))
    for label, value in (
        ("email", who.email),
        ("phone", who.phone),
        ("how we met", who.met_how),
        ("what they value", who.values),
        ("mandate", who.mandate),
        ("its direction", who.mandate_direction),
        ("critical issues", who.critical_issues),
        ("assumptions", who.assumptions),
        ("personal", who.personal),
        ("notes", who.notes),
        ("snoozed until", who.snooze_until or ""),
    ):
        if value:
            print(f"  {label}: {hanging(value, '    ')}")
    if who.source:
        print(f"  imported from: {safe(who.source)}")
    for folded in data["merged_in"]:
        print(f"  merged in: {safe(folded['name'])} ({folded['id'][:8]})")
    if who.dates:
        print("important dates:")
        for item in who.dates:
            print(f"  {safe(important_dates.describe(item, today))}")
    print("\nrecent contacts:" if data["recent"] else "\nno contacts logged yet.")
    for entry in data["recent"]:
        _print_entry(entry)
    if data["open_follow_ups"]:
        print("\nopen follow-ups:")
        for item in data["open_follow_ups"]:
            due = f" (due {item['due']})" if item.get("due") else ""
            print(f"  [{item['id'][:6]}] {one_line(item['text'], 60)}{due}")
    return 0


#: An entry's reflective fields, as `sj show` labels them.
ENTRY_FIELDS = (
    ("reaction", "their reaction"),
    ("needs", "needs I anticipated"),
    ("expectations", "expectations"),
    ("their_view", "in their shoes"),
    ("differently", "next time differently"),
    ("next_time", "plan for next time"),
    ("shared", "shared"),
    ("new_person_name", "met someone new"),
)


def _print_entry(entry: dict[str, Any]) -> None:
    kind = "formal" if entry["formal"] else "informal"
    when = entry["date"] + (f" {entry['time']}" if entry.get("time") else "")
    print(f"  [{entry['id'][:6]}] {when}  {kind} {safe(entry['channel'])}")
    for line in str(entry.get("summary", "")).split("\n"):
        print(f"      {safe(line)}")
    for name, label in ENTRY_FIELDS:
        if entry.get(name):
            print(f"      {label}: {hanging(entry[name], ' ' * 8)}")
    if entry.get("minutes"):
        print(f"      time spent: {entry['minutes']} min")


def cmd_snooze(args: argparse.Namespace) -> int:
    if args.clear == (args.until is not None):
        raise InputError("Give the date to snooze until (e.g. in 2w, friday), or --clear.")
    journal = open_journal(args)
    who = journal.resolve(args.who)
    with journal.change():
        snoozed = actions.snooze(journal, who.id, "none" if args.clear else args.until)
    if snoozed.until is None:
        print(f"{safe(who.name)}: snooze cleared.")
    else:
        print(f"Snoozed {safe(who.name)} until {snoozed.until}.")
    if snoozed.still_due:
        print(
            f"sj: note: {safe(snoozed.still_due)} still makes them due before then "
            "(a snooze quiets only the routine contact).",
            file=sys.stderr,
        )
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    who = journal.resolve(args.who)
    with journal.change():
        actions.delete(journal, TABLE_STAKEHOLDERS, who.id)
    print(f"Deleted {safe(who.name)}; `sj restore {who.id[:8]}` brings them back.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    deleted = [
        r for r in journal.records(TABLE_STAKEHOLDERS, include_deleted=True) if r.get("deleted")
    ]
    try:
        raw = resolve_stakeholder(args.who, [dict(r, deleted=False) for r in deleted])
    except NotFoundError as exc:
        if exc.candidates:  # ambiguous among the deleted: its message lists them
            raise
        raise NotFoundError(
            f"No deleted stakeholder matches '{args.who.strip()}'; `sj restore` brings back "
            "someone removed with `sj delete`."
        ) from None
    with journal.change():
        actions.restore(journal, TABLE_STAKEHOLDERS, raw["id"])
    print(f"Restored {safe(raw['name'])}.")
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    found = actions.find_follow_up(journal, args.follow_up)
    with journal.change():
        actions.set_follow_up_done(journal, found.entry["id"], found.item["id"])
    print(f"Done: {one_line(found.item['text'], 70)}")
    return 0
