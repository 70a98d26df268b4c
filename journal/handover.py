"""The Markdown handover pack: what a successor or a supervisor needs to
carry on a relationship.

Per stakeholder: the profile (role, what they value, the mandate and where
it is going, critical issues), important dates, open promises both ways,
open follow-ups, and the timeline of contacts with their reactions and
lessons, newest first. Private reflections only when asked for.
"""

from __future__ import annotations

import re
from typing import Any

from . import important_dates
from . import promises as ledger
from .dates import format_cadence
from .records import TABLE_REFLECTIONS, TABLE_STAKEHOLDERS
from .rules import name_order

Raw = dict[str, Any]

_PROFILE = (
    ("role", "Role"),
    ("organization", "Organization"),
    ("values", "What they value"),
    ("mandate", "Mandate"),
    ("mandate_direction", "Where the mandate is going"),
    ("critical_issues", "Critical issues"),
    ("assumptions", "Their outlook"),
    ("personal", "Outside work"),
    ("met_how", "How we met"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("notes", "Notes"),
    ("source", "Imported from"),
)
_ENTRY = (
    ("reaction", "Their reaction"),
    ("their_view", "In their shoes"),
    ("expectations", "Expectations"),
    ("differently", "Lesson: next time, differently"),
    ("next_time", "Plan for the next contact"),
    ("shared", "Shared with them"),
)
_LEADING = re.compile(r"^(\s*)([#>+\-*|]|\d+[.)])")


def people(journal: Any, only: str | None = None) -> list[Raw]:
    """The live stakeholders (or the one ``only`` names), by name."""
    found = [r for r in journal.records(TABLE_STAKEHOLDERS) if only is None or r.get("id") == only]
    return sorted(found, key=lambda r: (name_order(str(r.get("name", ""))), r["id"]))


def _md(text: Any, *, block: bool = False) -> str:
    """User text as Markdown shows it: a line that would start a heading,
    a list or a quote is escaped (the first only in a ``block``: inline, it
    follows a label), and line breaks are kept."""
    lines = str(text).strip().split("\n")
    return "  \n".join(
        line.rstrip() if i == 0 and not block else _LEADING.sub(r"\1\\\2", line.rstrip())
        for i, line in enumerate(lines)
    )


def handover(journal: Any, *, who: str | None = None, reflections: bool = False) -> str:
    """The pack for one stakeholder (``who``: an id) or everyone."""
    today = journal.today()
    chosen = people(journal, who)
    title = f"Handover: {_md(chosen[0]['name'])}" if who and chosen else "Stakeholder handover"
    out = [f"# {title}", "", f"Written {today.isoformat()} from the stakeholder journal.", ""]
    for record in chosen:
        out += _stakeholder(journal, record, today, reflections=reflections)
    return "\n".join(out).rstrip() + "\n"


def _stakeholder(journal: Any, record: Raw, today: Any, *, reflections: bool) -> list[str]:
    sid = record["id"]
    out = [f"## {_md(record.get('name', ''))}", ""]
    facts = [record.get("kind", "person"), record.get("stage", "active")]
    if record.get("key"):
        facts.append("key influencer")
    if record.get("cadence_days"):
        facts.append(f"in touch {format_cadence(record['cadence_days'])}")
    if record.get("tags"):
        facts.append("tags: " + ", ".join(record["tags"]))
    out += [_md(" · ".join(facts), block=True), ""]
    for name, label in _PROFILE:
        if record.get(name):
            out.append(f"- **{label}:** {_md(record[name])}")
    if record.get("dates"):
        days = "; ".join(important_dates.describe(d, today) for d in record["dates"])
        out.append(f"- **Important dates:** {_md(days)}")
    out.append("")
    items = ledger.list_promises(journal, stakeholder_id=sid, today=today)
    out += _list(
        "Open promises",
        [
            f"{'They promised' if p.theirs else 'I promised'}: {_md(p.text)}"
            + (f" (due {p.due})" if p.due else "")
            for p in items
        ],
    )
    out += _list(
        "Open follow-ups",
        [
            f"{_md(item.get('text', ''))}"
            + (f" (due {item['due']})" if item.get("due") else "")
            + f", from {entry.get('date', '')}"
            for entry, item in journal.open_follow_ups(sid)
        ],
    )
    entries = journal.interactions_of(sid)
    out += ["### Timeline", ""]
    if not entries:
        out += ["No contact logged yet.", ""]
    for entry in entries:
        kind = "formal" if entry.get("formal", True) else "informal"
        if entry.get("business", True) is False:
            kind += ", personal"
        out += [f"#### {entry.get('date', '')} · {kind} {entry.get('channel', 'meeting')}", ""]
        if entry.get("summary"):
            out += [_md(entry["summary"], block=True), ""]
        notes = [f"- *{label}:* {_md(entry[name])}" for name, label in _ENTRY if entry.get(name)]
        out += [*notes, ""] if notes else []
    if reflections:
        kept = sorted(
            (r for r in journal.records(TABLE_REFLECTIONS) if r.get("stakeholder") == sid),
            key=lambda r: (r.get("date", ""), r.get("created_at", "")),
            reverse=True,
        )
        out += _list(
            "Reflections", [f"{r.get('date', '')}: {_md(r.get('answer', ''))}" for r in kept]
        )
    return out


def _list(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    return [f"### {title}", "", *(f"- {line}" for line in lines), ""]
